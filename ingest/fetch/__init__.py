"""Fetch the official sources into a raw payload cache that ``wetgraaf build`` reads.

One client module per source (``bwb``, ``rechtspraak``, ``tk``, ``koop``,
``eurlex``), each a ``fetch(session, ids, searches)`` over the shared HTTP layer
(:mod:`ingest.fetch.http`) and cache (:mod:`ingest.fetch.cache`); a preset
(``ingest/data/preset-<name>.json``) names what to fetch per source.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.errors import IngestError
from ingest.fetch.session import FetchSession

__all__ = ["SOURCES", "Preset", "SourcePlan", "fetch_source", "load_preset"]

#: The sources in the order a preset fetches them (laws first: what cites them
#: follows).
SOURCES = ("bwb", "eurlex", "rechtspraak", "koop", "tk")
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
#: Keys of a preset's search that document it and are not sent to the service.
NOTE_KEYS = frozenset({"why"})

ClientFn = Callable[[FetchSession, Sequence[str], Sequence[Mapping[str, Any]]], None]


@dataclass(frozen=True, slots=True)
class SourcePlan:
    """What to fetch from one source: named ids and searches (source-specific keys,
    documented in each client module)."""

    ids: tuple[str, ...] = ()
    searches: tuple[Mapping[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class Preset:
    """A named set of plans per source, read from a data file."""

    name: str
    plans: Mapping[str, SourcePlan] = field(default_factory=dict)


def fetch_source(
    session: FetchSession,
    source: str,
    ids: Sequence[str] = (),
    searches: Sequence[Mapping[str, Any]] = (),
) -> None:
    """Run the client of ``source``; failures are counted in ``session.tally``.

    Raises:
        ValueError: an unknown source name.
    """
    _client(source)(session, ids, searches)


def load_preset(name_or_path: str) -> Preset:
    """A preset by name (``migratierecht`` → ingest/data/preset-migratierecht.json)
    or by the path of a JSON file of the same shape.

    Raises:
        IngestError: a missing file or one of the wrong shape.
    """
    path = Path(name_or_path)
    if not path.suffix:
        path = DATA_DIR / f"preset-{name_or_path}.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        known = sorted(
            p.stem.removeprefix("preset-") for p in DATA_DIR.glob("preset-*.json")
        )
        raise IngestError(
            f"no preset {name_or_path!r} (known: {', '.join(known)})"
        ) from None
    except (OSError, json.JSONDecodeError) as error:
        raise IngestError(f"{path}: not a readable preset ({error})") from None
    if not isinstance(raw, dict):
        raise IngestError(f"{path}: a preset is a JSON object")
    plans = {}
    for source in SOURCES:
        section = raw.get(source) or {}
        if not isinstance(section, dict):
            raise IngestError(f"{path}: '{source}' must be an object")
        ids = [_id_of(entry, path, source) for entry in section.get("ids", [])]
        searches = section.get("searches", [])
        if not isinstance(searches, list) or not all(
            isinstance(s, dict) for s in searches
        ):
            raise IngestError(f"{path}: '{source}.searches' must be a list of objects")
        known = _module(source).SEARCH_KEYS | NOTE_KEYS
        for number, search in enumerate(searches, start=1):
            unknown = sorted(set(search) - known)
            if unknown:
                # A misspelt key would silently widen the search to everything.
                raise IngestError(
                    f"{path}: {source} search {number} has unknown keys"
                    f" {', '.join(unknown)} (known: {', '.join(sorted(known))})"
                )
        plans[source] = SourcePlan(tuple(ids), tuple(searches))
    return Preset(str(raw.get("name") or path.stem), plans)


def _id_of(entry: object, path: Path, source: str) -> str:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict) and isinstance(entry.get("id"), str):
        return entry["id"]
    raise IngestError(f"{path}: '{source}.ids' holds {entry!r}, not an id")


def _client(source: str) -> ClientFn:
    fetch: ClientFn = _module(source).fetch
    return fetch


def _module(source: str) -> Any:
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r} (one of {', '.join(SOURCES)})")
    return importlib.import_module(f"ingest.fetch.{source}")
