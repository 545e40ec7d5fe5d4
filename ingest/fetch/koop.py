"""Fetch official publications (Kamerstukken, Staatsblad, Staatscourant, Handelingen,
Aanhangsels) through the SRU 2.0 service of officiële bekendmakingen.

A CQL query on ``repository.overheid.nl/sru`` (``x-connection=officielepublicaties``)
finds records; each record's ``gzd:enrichedData`` names its manifestations, and the
``xml`` one (``/frbr/officielepublicaties/<coll>/<year or dossier>/<id>/1/xml/<id>.xml``)
is fetched as the document, unless the cache holds it and the record's
``dcterms:modified`` is not later. A publication without XML (not yet typeset) is
kept as its SRU record, which the publicaties reader reads as metadata.

ids: publication ids (``kst-19637-3384``, ``stcrt-2019-34157``, ``stb-2018-84``,
``ah-tk-20242025-2138``) or dossier numbers (``19637``, ``36600-VI``: every Kamerstuk
of the dossier).

Searches (preset entries): ``{"cql": "<CQL>"}``, or the parts of one, combined with
AND: ``{"dossier": "19637", "publicatie": "Kamerstuk", "type": "Kamerstuk",
"title": "Vreemdelingencirculaire", "since": "2013-01-01"}``. The ``dcterms.``
prefix is refused by this service; its indexes are ``dt.*``, ``w.*``, ``c.*``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from ingest.fetch.endpoints import base_url, rebase_url
from ingest.fetch.session import FetchSession
from ingest.fetch.sru import SruService, element_text, element_texts, search_records

__all__ = ["SEARCH_KEYS", "SOURCE", "fetch", "search_cql"]

SOURCE = "koop"
#: The keys a search (a preset entry) may have: the module docstring says each.
SEARCH_KEYS = frozenset({"cql", "dossier", "publicatie", "type", "title", "since"})
PUBLICATION_ID = re.compile(r"^(kst|stb|stcrt|h-tk|h-ek|ah-tk|ah-ek|blg|trb)-[\w\-]+$")
DOSSIER = re.compile(r"^\d{4,6}(?:-[A-Z]{1,5}|-\d{1,2})?$")
_SRU_PARAMS = (("x-connection", "officielepublicaties"),)
_QUOTE = re.compile(r'["\\]')


def fetch(
    session: FetchSession, ids: Sequence[str], searches: Sequence[Mapping[str, Any]]
) -> None:
    """Fetch the publications named by ``ids`` and found by ``searches``."""
    queries: list[tuple[str, str]] = []
    for given in ids:
        if PUBLICATION_ID.match(given):
            queries.append((f"dt.identifier=={_quoted(given)}", given))
        elif DOSSIER.match(given):
            queries.append(
                (
                    search_cql({"dossier": given, "publicatie": "Kamerstuk"}),
                    f"dossier-{given}",
                )
            )
        else:
            session.fail(
                SOURCE,
                given,
                "neither a publication id (kst-19637-3384) nor a dossier number",
            )
    for number, search in enumerate(searches, start=1):
        cql = search_cql(search)
        if cql:
            queries.append((cql, f"search-{number}"))
        else:
            session.fail(
                SOURCE, f"search {number}", "a koop search needs 'cql' or its parts"
            )
    service = SruService(base_url("koop_sru"), "/sru", _SRU_PARAMS)
    for cql, name in queries:
        if session.since is not None:
            cql = f"({cql}) AND dt.modified>={session.since.isoformat()}"
        for record in search_records(session, SOURCE, service, cql, f"sru-{name}"):
            _fetch_publication(session, record)


def search_cql(search: Mapping[str, Any]) -> str:
    """The CQL of a search entry: its ``cql`` as given, or its parts joined by AND."""
    if search.get("cql"):
        return str(search["cql"])
    parts = []
    if search.get("publicatie"):
        parts.append(f"w.publicatienaam=={_quoted(search['publicatie'])}")
    if search.get("type"):
        parts.append(f"dt.type=={_quoted(search['type'])}")
    if search.get("dossier"):
        parts.append(f"w.dossiernummer=={_quoted(search['dossier'])}")
    if search.get("title"):
        parts.append(f"dt.title any {_quoted(search['title'])}")
    if search.get("since"):
        parts.append(f"dt.modified>={search['since']}")
    return " AND ".join(parts)


def _fetch_publication(session: FetchSession, record_data: etree._Element) -> None:
    identifier = element_text(record_data, "identifier")
    if not identifier:
        return
    modified = element_text(record_data, "modified") or None
    xml_urls = [
        text
        for text, attrs in element_texts(record_data, "itemUrl")
        if attrs.get("manifestation") == "xml"
    ]
    base = base_url("koop_sru")
    if xml_urls:
        session.document(
            SOURCE, rebase_url(xml_urls[0], base), f"{identifier}.xml", changed=modified
        )
        return
    record = record_data.getparent()
    body = etree.tostring(
        record if record is not None else record_data, encoding="utf-8"
    )
    session.derived(
        SOURCE,
        f"{identifier}.record.xml",
        body,
        key=f"sru-record:{identifier}",
        from_url=f"{base}/sru",
        content_type="text/xml",
    )
    session.on_item(SOURCE, identifier)


def _quoted(value: object) -> str:
    """A CQL term: bare when it is one plain word, else in double quotes."""
    text = str(value)
    if re.fullmatch(r"[\w.\-]+", text):
        return text
    return '"' + _QUOTE.sub(lambda m: "\\" + m.group(0), text) + '"'
