"""Fetch regelingen from the Basis Wetten Bestand: every toestand and the WTI.

Per regeling: the SRU search service (``x-connection=BWB``, CQL
``dcterms.identifier==<id>``, with ``dcterms.modified>=<since>`` on an incremental
run) says whether and when it changed; the repository's ``manifest.xml`` lists every
toestand (expression) with its dates and size; each toestand's XML is then
fetched unless the cache holds it unchanged, and checked against the manifest's
size; last the WTI (amendment history). A search (CQL, e.g.
``overheidbwb.titel any vreemdelingen``) names regelingen the same way.

Searches (preset entries): ``{"cql": "<CQL>"}`` — every regeling it finds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ingest.fetch.endpoints import base_url
from ingest.fetch.session import FetchSession, parse_xml_payload
from ingest.fetch.sru import SruService, element_text, search_records

__all__ = ["SEARCH_KEYS", "SOURCE", "fetch"]

SOURCE = "bwb"
#: The keys a search (a preset entry) may have: the module docstring says each.
SEARCH_KEYS = frozenset({"cql"})
BWB_ID = re.compile(r"^BWB[RV]\d{7}$")
_SRU_PARAMS = (
    ("operation", "searchRetrieve"),
    ("version", "1.2"),
    ("x-connection", "BWB"),
)


@dataclass(frozen=True, slots=True)
class Toestand:
    """One expression of a regeling as its manifest lists it."""

    label: str  # 2022-05-01_0
    item: str  # BWBR0045754_2022-05-01_0.xml
    changed: str  # tijdstip_laatste_wijziging
    size: int | None  # bytes, as the manifest states them


def fetch(
    session: FetchSession, ids: Sequence[str], searches: Sequence[Mapping[str, Any]]
) -> None:
    """Fetch the regelingen named by ``ids`` (BWB ids) and found by ``searches``."""
    service = SruService(base_url("bwb_sru"), "/sru/Search", _SRU_PARAMS)
    wanted: dict[str, str] = {}
    for bwb_id in ids:
        if not BWB_ID.match(bwb_id.upper()):
            session.fail(SOURCE, bwb_id, "not a BWB id (BWBR or BWBV and 7 digits)")
            continue
        query = _with_since(f"dcterms.identifier=={bwb_id.upper()}", session)
        wanted.update(_found(session, service, query, bwb_id.upper()))
    for number, search in enumerate(searches, start=1):
        cql = str(search.get("cql", "")).strip()
        if not cql:
            session.fail(SOURCE, f"search {number}", "a bwb search needs 'cql'")
            continue
        wanted.update(
            _found(session, service, _with_since(cql, session), f"search-{number}")
        )
    session.on_total(SOURCE, len(wanted))
    for bwb_id, modified in sorted(wanted.items()):
        _fetch_regeling(session, bwb_id, modified)


def _with_since(query: str, session: FetchSession) -> str:
    if session.since is None:
        return query
    return f"({query}) and dcterms.modified>={session.since.isoformat()}"


def _found(
    session: FetchSession, service: SruService, query: str, name: str
) -> dict[str, str]:
    """BWB id → the latest ``dcterms.modified`` among the records found."""
    found: dict[str, str] = {}
    for record in search_records(session, SOURCE, service, query, f"sru-{name}"):
        bwb_id = element_text(record, "identifier")
        if BWB_ID.match(bwb_id):
            modified = element_text(record, "modified")
            found[bwb_id] = max(found.get(bwb_id, ""), modified)
    return found


def _fetch_regeling(session: FetchSession, bwb_id: str, modified: str) -> None:
    repository = f"{base_url('bwb_repository')}/bwb/{bwb_id}"
    url = f"{repository}/manifest.xml"
    body = session.listing(SOURCE, url, f"{bwb_id}.manifest.xml")
    if body is None:
        return
    root = parse_xml_payload(url, body)
    toestanden = _toestanden(root)
    if not toestanden:
        session.fail(SOURCE, url, "the manifest lists no toestand")
    for toestand in toestanden:
        session.document(
            SOURCE,
            f"{repository}/{toestand.label}/xml/{toestand.item}",
            toestand.item,
            changed=toestand.changed or modified or None,
            check=_size_check(toestand.size),
        )
    wti = element_text(root, "wti_locatie")
    if wti:
        session.document(
            SOURCE,
            f"{repository}/{wti}",
            f"{bwb_id}.WTI.xml",
            changed=element_text(root, "tijdstip_laatste_wijziging_wti") or None,
        )


def _toestanden(manifest: Any) -> list[Toestand]:
    """The manifest's expressions that have a current XML item."""
    found = []
    for expression in manifest.iter("expression"):
        label = expression.get("label", "")
        for manifestation in expression.iter("manifestation"):
            if manifestation.get("label") != "xml":
                continue
            for item in manifestation.iter("item"):
                if item.get("_deleted") == "true" or not item.get("label"):
                    continue
                found.append(
                    Toestand(
                        label=label,
                        item=item.get("label"),
                        changed=element_text(expression, "tijdstip_laatste_wijziging"),
                        size=_int(element_text(manifestation, "size")),
                    )
                )
    return found


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _size_check(size: int | None) -> Callable[[bytes], str | None]:
    """The manifest's size of a toestand is the size of its XML file (checked on the
    Woo's recorded manifest); a download of another size is incomplete or stale.
    (The manifest's SHA-512 ``hashcode`` is not documented as a hash of the file's
    bytes, so it is not used.)"""

    def check(body: bytes) -> str | None:
        if size is not None and len(body) != size:
            return f"{len(body)} bytes where the manifest says {size}"
        return None

    return check
