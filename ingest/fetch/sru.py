"""Searching the KOOP SRU services (BWB: SRU 1.2; officiële publicaties: SRU 2.0).

Both flavours answer ``numberOfRecords``, the records' ``recordData`` and, while
more remain, ``nextRecordPosition``; :func:`search_records` pages through them,
keeping every page as a listing, and yields each record's payload element. Errors
arrive as HTTP 200 with a diagnostics document: the session's ``sru`` check turns
them into a one-line error.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lxml import etree  # type: ignore[import-untyped]

from ingest.fetch.http import build_url
from ingest.fetch.session import FetchSession, parse_xml_payload

__all__ = ["SruService", "element_text", "element_texts", "search_records"]

#: Records per page: the services cap larger requests silently.
PAGE_SIZE = 100
#: The officiële-publicaties service fails from record 10,000 on; stop before it
#: and say so, rather than loop on errors.
MAX_POSITION = 10_000


@dataclass(frozen=True, slots=True)
class SruService:
    """Where and how to ask: base URL + official path, and the fixed parameters."""

    base: str
    path: str
    params: Sequence[tuple[str, str]]


def search_records(
    session: FetchSession,
    source: str,
    service: SruService,
    query: str,
    name: str,
) -> Iterator[etree._Element]:
    """Every record a CQL ``query`` finds, page by page (each page a listing named
    ``<name>-<start>.xml``)."""
    start = 1
    while True:
        params = [
            *service.params,
            ("query", query),
            ("startRecord", str(start)),
            ("maximumRecords", str(PAGE_SIZE)),
        ]
        url = build_url(service.base, service.path, params)
        body = session.listing(source, url, f"{name}-{start:06d}.xml", expect="sru")
        if body is None:
            return
        root = parse_xml_payload(url, body)
        total = _number(root, "numberOfRecords")
        if start == 1 and total is not None:
            session.on_total(source, total)
        records = [
            data
            for data in root.iter()
            if isinstance(data.tag, str) and etree.QName(data).localname == "recordData"
        ]
        yield from records
        following = _number(root, "nextRecordPosition")
        if following is None or following <= start or not records:
            return
        if following >= MAX_POSITION:
            session.fail(
                source,
                url,
                f"{total} records found; stopped at {following - 1} (the service "
                f"serves no records past {MAX_POSITION - 1}): narrow the query",
            )
            return
        start = following


def element_text(element: etree._Element, localname: str) -> str:
    """The text of the first descendant named ``localname`` (any namespace)."""
    for found in element.iter():
        if isinstance(found.tag, str) and etree.QName(found).localname == localname:
            return " ".join((found.text or "").split())
    return ""


def element_texts(element: etree._Element, localname: str) -> list[tuple[str, dict]]:
    """Text and attributes of every descendant named ``localname``."""
    return [
        (" ".join((found.text or "").split()), dict(found.attrib))
        for found in element.iter()
        if isinstance(found.tag, str) and etree.QName(found).localname == localname
    ]


def _number(root: etree._Element, localname: str) -> int | None:
    text = element_text(root, localname)
    return int(text) if text.isdigit() else None
