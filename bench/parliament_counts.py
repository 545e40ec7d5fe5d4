"""Parliament counts on the bundled corpus: motions with a decision and with votes, and
toezeggingen by status on reference dates and by source (a letter, the TK's record).

Run: ``python bench/parliament_counts.py [--corpus DIR] [--store DIR] [--json]
[--with-fetched]``. Builds the corpus (with ``--with-fetched`` also what the test preset
fetches from the recorded API responses, as bench_fetch does: the TK's own Toezegging
and Zaak records) into a fresh embedded store (or reads ``--store`` as built), then
counts with the explorer's own functions (``graph.explore.list_motions``,
``list_toezeggingen``) and, where the code has the column, the ``motions`` query's
``uitslag``. It runs on older commits too (what a version lacks is reported as absent),
so that before and after can be measured with the same script::

    git worktree add /tmp/before <commit>
    PYTHONPATH=/tmp/before python bench/parliament_counts.py --corpus /tmp/before/corpus
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import importlib
import json
import subprocess
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from graph import settings
from graph.load import load_paths
from graph.sparql import LocalBackend, run_query
from graph.store import open_store

# The example (a letter of 11 July 2025 fulfils a toezegging: open on 1 January
# 2025), the day before and after that letter, and after the Q4 2025 deadlines.
REFERENCE_DATES = ("2025-01-01", "2025-07-10", "2025-07-12", "2026-01-01")
SEATS = 150


def _explore(module: str) -> ModuleType:
    """``graph.explore.<module>``, or ``graph.explore`` itself on a commit from before
    it was split into modules."""
    try:
        return importlib.import_module(f"graph.explore.{module}")
    except ModuleNotFoundError:
        return importlib.import_module("graph.explore")


def _motions(backend: LocalBackend) -> dict[str, object]:
    explore = _explore("motions")
    motions = explore.list_motions(backend)
    outcome = collections.Counter(m.uitslag for m in motions if m.uitslag)
    voted = [m for m in motions if m.zetels_voor is not None]
    seats: dict[str, int] = {}  # recorded seats per decision, whatever the vote
    for m in voted:
        if m.besluit:
            cast = explore.motion_votes(backend, [m.besluit]).get(m.besluit, [])
            seats[m.besluit] = sum(zetels for _, _, zetels in cast)
    minority = [
        m
        for m in voted
        if m.uitslag == "aangenomen" and (m.zetels_voor or 0) <= (m.zetels_tegen or 0)
    ]
    flagged = [m for m in minority if getattr(m, "zetels_onvolledig", None) is True]
    knows_flag = bool(motions) and hasattr(motions[0], "zetels_onvolledig")
    query = run_query(backend, "motions")
    column = None
    if "uitslag" in query.variables:
        column = sum(1 for row in query.as_dicts() if row["uitslag"] is not None)
    return {
        "motions": len(motions),
        "with a zaak record": sum(1 for m in motions if m.zaak),
        "with a decision (uitslag)": sum(1 for m in motions if m.uitslag),
        "with votes (seats)": len(voted),
        "votes of fewer than 150 seats": sum(
            1 for m in voted if seats.get(m.besluit or "", SEATS) < SEATS
        ),
        "'aangenomen' with voor <= tegen": len(minority),
        "  of which flagged zetelsOnvolledig": len(flagged) if knows_flag else None,
        "uitslag per outcome": dict(sorted(outcome.items())),
        "query motions rows with uitslag": column,
    }


def _toezeggingen(backend: LocalBackend) -> dict[str, object]:
    by_date: dict[str, dict[str, int]] = {}
    explore = _explore("toezeggingen")
    rows: list[Any] = []
    for day in REFERENCE_DATES:
        rows = explore.list_toezeggingen(backend, dt.date.fromisoformat(day))
        counts = collections.Counter(str(row.status) for row in rows)
        by_date[day] = dict(sorted(counts.items()))
    sources: collections.Counter[str] = collections.Counter()
    for row in rows:
        letter = bool(row.mentioned_in)
        record = getattr(row, "tk_status", None) is not None
        sources[
            "letter and TK record"
            if letter and record
            else "letter"
            if letter
            else "TK record"
            if record
            else "neither"
        ] += 1
    return {
        "toezeggingen": len(rows),
        "with a TZ number": sum(1 for row in rows if row.id.startswith("TZ")),
        "a letter's own (no TZ number)": sum(
            1 for row in rows if not row.id.startswith("TZ")
        ),
        "by source": dict(sorted(sources.items())),
        "by status on": by_date,
    }


def _fetch_recorded(cache: Path) -> None:
    """Fetch the test preset (every recorded chain of every source, TK Toezegging
    records included) from the tests' replay server into ``cache``, as bench_fetch
    does: what ``wetgraaf fetch --preset`` brings a user, offline."""
    import os
    import sys
    import urllib.parse

    root = Path(settings.__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    from ingest.fetch import fetch_source, load_preset
    from ingest.fetch.cache import PayloadCache
    from ingest.fetch.endpoints import ENDPOINTS
    from ingest.fetch.http import HttpClient
    from ingest.fetch.session import FetchSession
    from tests.replay import ReplayServer, load_routes

    server = ReplayServer(load_routes()).start()
    try:
        for endpoint in ENDPOINTS.values():
            host = urllib.parse.urlsplit(endpoint.default).netloc
            os.environ[endpoint.env] = server.url(host)
        client = HttpClient(timeout=10, retries=1, backoff=0, interval=0)
        preset = root / "tests" / "data" / "api" / "preset-recorded.json"
        with PayloadCache(cache) as payloads:
            session = FetchSession(http=client, cache=payloads)
            for source, plan in load_preset(str(preset)).plans.items():
                fetch_source(session, source, plan.ids, plan.searches)
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=settings.BUNDLED_CORPUS)
    parser.add_argument("--store", type=Path, help="a built store (else build one)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--with-fetched",
        action="store_true",
        help="also build what the test preset fetches from the recorded responses",
    )
    args = parser.parse_args()
    code = Path(settings.__file__).resolve().parent.parent
    commit = subprocess.run(
        ["git", "-C", str(code), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    with tempfile.TemporaryDirectory() as scratch:
        location = args.store or Path(scratch) / "store"
        store = open_store(location)
        if args.store is None:
            sources = [args.corpus]
            if args.with_fetched:
                _fetch_recorded(Path(scratch) / "cache")
                sources.append(Path(scratch) / "cache")
            built = load_paths(store, sources)
            # a fetched record the corpus bundles too is refused, its copy kept
            held = [e for e in built.errors if "already in the store" in str(e)]
            errors, duplicates = len(built.errors) - len(held), len(held)
        else:
            errors = duplicates = 0
        backend = LocalBackend(store)
        result = {
            "commit": commit,
            "corpus": str(args.corpus),
            "with the fetched recorded responses": args.with_fetched,
            "build errors": errors,
            "fetched files the corpus already holds (refused)": duplicates,
            "motions": _motions(backend),
            "toezeggingen": _toezeggingen(backend),
        }
        store.close()
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    for section, value in result.items():
        if isinstance(value, dict):
            print(f"{section}:")
            for key, count in value.items():
                print(f"  {key}: {count}")
        else:
            print(f"{section}: {value}")


if __name__ == "__main__":
    main()
