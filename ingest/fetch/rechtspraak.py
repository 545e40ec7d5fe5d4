"""Fetch court decisions from the open data of the Rechtspraak (data.rechtspraak.nl).

The search feed (``/uitspraken/zoeken``, Atom) lists ECLIs for filters given as
repeated parameters — ``subject`` (rechtsgebied URI), ``creator`` (instantie URI from
the Instanties value list), ``type``, ``date`` twice for a range of decision dates,
``modified`` for what changed since — and pages with ``from``/``max`` until the
total its subtitle states ("Aantal gevonden ECLI's: N") is reached. Each ECLI's
content (``/uitspraken/content?id=<ECLI>``, open-rechtspraak XML) is then fetched
unless the cache holds it and the feed's ``updated`` is not later. The service asks
not to be hammered: one request at a time, paced by the HTTP client.

Searches (preset entries), every key optional::

    {"subject": ["http://psi.rechtspraak.nl/rechtsgebied#bestuursrecht_vreemdelingenrecht"],
     "creator": ["http://standaarden.overheid.nl/owms/terms/Raad_van_State"],
     "type": "Uitspraak", "from_date": "2024-01-01", "to_date": "2024-12-31",
     "limit": 500}
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ingest.fetch.endpoints import base_url
from ingest.fetch.http import build_url
from ingest.fetch.session import FetchSession, parse_xml_payload

__all__ = ["SEARCH_KEYS", "SOURCE", "fetch", "feed_entries"]

SOURCE = "rechtspraak"
#: The keys a search (a preset entry) may have: the module docstring says each.
SEARCH_KEYS = frozenset({"subject", "creator", "type", "from_date", "to_date", "limit"})
ECLI = re.compile(r"^ECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]{1,25}$")
PAGE_SIZE = 1000
_ATOM = "{http://www.w3.org/2005/Atom}"
_TOTAL = re.compile(r"(\d+)\s*$")


def fetch(
    session: FetchSession, ids: Sequence[str], searches: Sequence[Mapping[str, Any]]
) -> None:
    """Fetch the decisions named by ``ids`` (ECLIs) and found by ``searches``."""
    wanted: dict[str, str | None] = {}
    for ecli in ids:
        if ECLI.match(ecli.upper()):
            wanted[ecli.upper()] = None
        else:
            session.fail(SOURCE, ecli, "not an ECLI (ECLI:NL:RVS:2020:2818)")
    for number, search in enumerate(searches, start=1):
        wanted.update(_search(session, search, number))
    session.on_total(SOURCE, len(wanted))
    base = base_url("rechtspraak")
    for ecli, updated in wanted.items():
        url = build_url(base, "/uitspraken/content", [("id", ecli)])
        body = session.document(
            SOURCE, url, ecli.replace(":", "_") + ".xml", changed=updated
        )
        if body is not None and b"open-rechtspraak" not in body[:2048]:
            session.fail(SOURCE, url, "not an open-rechtspraak document")


def feed_entries(root: Any) -> list[tuple[str, str]]:
    """(ECLI, updated) of every entry of a search feed page."""
    entries = []
    for entry in root.iter(f"{_ATOM}entry"):
        ecli = (entry.findtext(f"{_ATOM}id") or "").strip()
        if ECLI.match(ecli):
            entries.append((ecli, (entry.findtext(f"{_ATOM}updated") or "").strip()))
    return entries


def _search(
    session: FetchSession, search: Mapping[str, Any], number: int
) -> dict[str, str | None]:
    params = _filters(search, session)
    limit = int(search.get("limit") or 0)
    found: dict[str, str | None] = {}
    offset = 0
    while True:
        page_size = min(PAGE_SIZE, limit - offset) if limit else PAGE_SIZE
        url = build_url(
            base_url("rechtspraak"),
            "/uitspraken/zoeken",
            [*params, ("max", str(page_size)), ("from", str(offset))],
        )
        body = session.listing(SOURCE, url, f"zoeken-{number}-{offset:07d}.xml")
        if body is None:
            break
        root = parse_xml_payload(url, body)
        entries = feed_entries(root)
        found.update(entries)
        total = _total(root)
        offset += len(entries)
        if not entries or (total is not None and offset >= total):
            break
        if limit and offset >= limit:
            break
    return found


def _filters(search: Mapping[str, Any], session: FetchSession) -> list[tuple[str, str]]:
    params: list[tuple[str, str]] = [("return", "DOC"), ("sort", "ASC")]
    for key in ("subject", "creator"):
        values = search.get(key) or []
        params += [
            (key, str(value))
            for value in ([values] if isinstance(values, str) else values)
        ]
    if search.get("type"):
        params.append(("type", str(search["type"])))
    if search.get("from_date"):
        params.append(("date", str(search["from_date"])))
        if search.get("to_date"):
            params.append(("date", str(search["to_date"])))
    if session.since is not None:
        params.append(("modified", f"{session.since.isoformat()}T00:00:00"))
    return params


def _total(root: Any) -> int | None:
    """N from the feed's subtitle "Aantal gevonden ECLI's: N"."""
    subtitle = root.findtext(f"{_ATOM}subtitle") or ""
    match = _TOTAL.search(subtitle.strip())
    return int(match.group(1)) if match else None
