"""A link written as a reified node with its evidence (Web Annotation selectors), method,
confidence and extractor version, plus the shortcut triple and its target work."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from graph.build.evidence import Evidence
from graph.build.structure import DivisionLocator, division_iri
from graph.namespaces import CITO, OA, WG, our_iri
from graph.triples import Triple
from ingest.identifiers import part_iri, work_iri
from ingest.models import Pinpoint, ReferenceKind, SourceDocument

EXTRACTOR_VERSION = "wetgraaf-citations/0.1"


QUOTE_CONTEXT = 40  # characters of prefix/suffix kept with each quote


_WORK_CLASS = {
    ReferenceKind.LEGISLATION: WG.Regeling,
    ReferenceKind.POLICY: WG.Circulaire,
    ReferenceKind.EU_LEGISLATION: WG.EUAct,
    ReferenceKind.TREATY: WG.Verdrag,
    ReferenceKind.CASE_LAW: WG.Uitspraak,
    ReferenceKind.PARLIAMENTARY: WG.Kamerstuk,
    ReferenceKind.GAZETTE: WG.Publicatie,
    ReferenceKind.COMMITMENT: WG.Toezegging,
    ReferenceKind.TK_RECORD: WG.Work,
}


_CONFIDENCE = {WG.editorial: "1.0", WG.extracted: "0.9"}


def add_link(
    graph: set[Triple],
    doc: URIRef,
    document: SourceDocument,
    item: Evidence,
    locator: DivisionLocator,
    footnotes: Iterable[tuple[int, int, URIRef]],
) -> None:
    target = URIRef(part_iri(item.work, item.pinpoint)) if item.work else None
    enclosing = locator.innermost(item.start) if item.start is not None else None
    source = division_iri(document, enclosing) if enclosing else doc
    key = (
        f"{document.id}|{item.start}|{item.end}|{target}|{item.method}|{item.link_type}"
    )
    if target is None:
        # Unresolved references on one span (the Vc's "artikelen 28 tot en met 32" of
        # a regeling without them) stay one link each, each with its own reason.
        key += f"|{item.reason}"
    if item.source is not None and item.source_work is not None:
        source = item.source
        key += f"|{source}"
        _add_subject(graph, source, item.source_work)
    link = our_iri("link", hashlib.sha1(key.encode()).hexdigest()[:20])
    graph.add(
        (link, RDF.type, WG.Citation if item.link_type == CITO.cites else WG.Link)
    )
    graph.add((link, WG.linkSource, source))
    graph.add((link, WG.inDocument, doc))
    graph.add((link, WG.linkType, item.link_type))
    graph.add((link, WG.method, item.method))
    graph.add((link, WG.referenceKind, Literal(str(item.kind))))
    graph.add((link, WG.extractorVersion, Literal(EXTRACTOR_VERSION)))
    confidence = (item.confidence or _CONFIDENCE[item.method]) if target else "0.0"
    graph.add((link, WG.confidence, Literal(confidence, datatype=XSD.decimal)))
    _add_selectors(graph, link, document, item)
    if item.in_force is not None:
        graph.add((link, WG.inwerkingtreding, Literal(item.in_force)))
    for predicate, version in item.versions:
        graph.add((link, predicate, version))
    if item.start is not None:
        for start, end, footnote in footnotes:
            if start <= item.start < end:
                graph.add((link, WG.viaFootnote, footnote))
    if target is None or item.work is None:
        graph.add((link, WG.unresolvedReason, Literal(item.reason or "unresolved")))
        return
    graph.add((link, WG.linkTarget, target))
    graph.add((link, WG.targetWork, URIRef(work_iri(item.work))))
    graph.add((source, item.link_type, target))
    _add_target(graph, target, item)


def _add_selectors(
    graph: set[Triple], link: URIRef, document: SourceDocument, item: Evidence
) -> None:
    """Web Annotation evidence: the span's offsets and its quote with some context."""
    selector = URIRef(f"{link}#quote")
    graph.add((link, OA.hasSelector, selector))
    graph.add((selector, RDF.type, OA.TextQuoteSelector))
    if item.start is None or item.end is None:
        graph.add((selector, OA.exact, Literal(item.stated or "")))
        return
    position = URIRef(f"{link}#position")
    graph.add((link, OA.hasSelector, position))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(item.start, datatype=XSD.integer)))
    graph.add((position, OA.end, Literal(item.end, datatype=XSD.integer)))
    text = document.text
    graph.add((selector, OA.exact, Literal(text[item.start : item.end])))
    graph.add(
        (
            selector,
            OA.prefix,
            Literal(text[max(0, item.start - QUOTE_CONTEXT) : item.start]),
        )
    )
    graph.add((selector, OA.suffix, Literal(text[item.end : item.end + QUOTE_CONTEXT])))


def _add_target(graph: set[Triple], target: URIRef, item: Evidence) -> None:
    assert item.work is not None
    work = URIRef(work_iri(item.work))
    graph.add((work, RDF.type, WG.Work))
    graph.add((work, RDF.type, _WORK_CLASS[item.kind]))
    graph.add((work, DCTERMS.identifier, Literal(item.work)))
    graph.add((work, WG.partOfWork, work))
    if target != work:
        graph.add((target, RDF.type, WG.Work))
        graph.add((target, DCTERMS.isPartOf, work))
        graph.add((target, WG.partOfWork, work))
        graph.add(
            (target, RDFS.label, Literal(_pinpoint_label(item.work, item.pinpoint)))
        )


def _add_subject(graph: set[Triple], subject: URIRef, work_id: str) -> None:
    """A relation's subject (a Vc paragraph, a decision) as a work or part of one."""
    work = URIRef(work_iri(work_id))
    graph.add((subject, RDF.type, WG.Work))
    graph.add((subject, WG.partOfWork, work))
    if subject != work:
        graph.add((subject, DCTERMS.isPartOf, work))
        graph.add((work, RDF.type, WG.Work))
        graph.add((work, WG.partOfWork, work))
        graph.add((work, DCTERMS.identifier, Literal(work_id)))


def _pinpoint_label(work: str, pinpoint: Pinpoint) -> str:
    parts = [f"{key} {value}" for key, value in pinpoint.as_dict().items()]
    return ", ".join(parts) + f" ({work})"
