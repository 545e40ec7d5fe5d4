"""Fetch + build benchmark over the recorded API responses: requests/s, MB/s, triples/s.

Run: ``python bench/bench_fetch.py [--repeat N]``. Starts the tests' loopback replay
server with every recorded (and constructed) response, points every service's base
URL at it, fetches the test preset (tests/data/api/preset-recorded.json: every source)
with no pacing, then a second, incremental run (``--since`` 2026-12-01, the date the
recorded empty answers are for: what a daily job does),
then builds the cache into a fresh embedded store. The network is loopback, so the
figures measure the client, the checks, the cache and the build — not the services.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.load import load_paths  # noqa: E402
from graph.store import open_store  # noqa: E402
from ingest.fetch import fetch_source, load_preset  # noqa: E402
from ingest.fetch.cache import PayloadCache  # noqa: E402
from ingest.fetch.endpoints import ENDPOINTS  # noqa: E402
from ingest.fetch.http import HttpClient  # noqa: E402
from ingest.fetch.session import FetchSession  # noqa: E402
from ingest.sources import iter_source_files  # noqa: E402
from tests.replay import ReplayServer, load_routes  # noqa: E402

#: What each source is asked for: every chain the recorded responses answer in full.
PRESET = ROOT / "tests" / "data" / "api" / "preset-recorded.json"
SINCE = dt.date(2026, 12, 1)


def _run(cache_dir: Path, since: dt.date | None) -> tuple[float, FetchSession, int]:
    client = HttpClient(timeout=10, retries=1, backoff=0, interval=0)
    with PayloadCache(cache_dir) as cache:
        session = FetchSession(http=client, cache=cache, since=since)
        start = time.perf_counter()
        for source, plan in load_preset(str(PRESET)).plans.items():
            fetch_source(session, source, plan.ids, plan.searches)
        seconds = time.perf_counter() - start
    return seconds, session, client.requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    server = ReplayServer(load_routes()).start()
    for endpoint in ENDPOINTS.values():
        host = urllib.parse.urlsplit(endpoint.default).netloc
        os.environ[endpoint.env] = server.url(host)
    print(
        f"{platform.node()} · {platform.processor() or platform.machine()} · "
        f"{os.cpu_count()} cores · {dt.date.today()}"
    )
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        work = Path(tempfile.mkdtemp())
        cache = work / "cache"
        first, session, requests = _run(cache, None)
        size = sum(e.bytes for e in session.cache.entries.values())
        again, second, requests_again = _run(cache, SINCE)
        files = list(iter_source_files([cache]))
        store = open_store(work / "store")
        start = time.perf_counter()
        summary = load_paths(store, files, workers=1)
        build = time.perf_counter() - start
        store.close()
        for name, value in [("fetch", first), ("again", again), ("build", build)]:
            best[name] = min(best.get(name, value), value)
    server.stop()
    print(
        f"fetch: {requests} requests, {len(files)} documents, {size / 1e6:.2f} MB in "
        f"{best['fetch'] * 1000:.0f} ms → {requests / best['fetch']:.0f} requests/s, "
        f"{size / 1e6 / best['fetch']:.1f} MB/s; failed {sum(session.tally.failed.values())}"
    )
    print(
        f"incremental run: {requests_again} requests, fetched "
        f"{sum(second.tally.fetched.values())} in {best['again'] * 1000:.0f} ms"
    )
    print(
        f"build of the cache: {summary.documents} documents, {summary.triples:,} triples "
        f"in {best['build'] * 1000:.0f} ms → {summary.triples / best['build']:,.0f} triples/s"
    )


if __name__ == "__main__":
    main()
