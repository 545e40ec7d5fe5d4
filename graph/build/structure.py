"""A document's divisions (articles, leden, paragraphs…) and footnotes, and the division
around an offset."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from graph.build.publications import add_bekendmaking
from graph.namespaces import WG, slug
from graph.triples import Triple
from ingest.identifiers import jci_iri, part_iri, work_iri
from ingest.models import Division, SourceDocument, Versie

_DIVISION_CLASS = {
    "hoofdstuk": WG.Hoofdstuk,
    "afdeling": WG.Afdeling,
    "paragraaf": WG.Paragraaf,
    "artikel": WG.Artikel,
    "lid": WG.Lid,
    "beleidsregel": WG.Beleidsregel,
}


def division_iri(document: SourceDocument, division: Division) -> URIRef:
    if division.pinpoint.as_dict():
        return URIRef(part_iri(document.id, division.pinpoint))
    if division.jci:
        return URIRef(jci_iri(division.jci))
    return URIRef(f"{work_iri(document.id)}#{division.kind}-{slug(division.number)}")


def add_division(
    graph: set[Triple],
    doc: URIRef,
    document: SourceDocument,
    division: Division,
    locator: DivisionLocator,
) -> None:
    part = division_iri(document, division)
    graph.add((part, RDF.type, _DIVISION_CLASS.get(division.kind, WG.Onderdeel)))
    graph.add((part, RDF.type, WG.Work))
    parent = locator.parent_of(division)
    graph.add(
        (part, DCTERMS.isPartOf, division_iri(document, parent) if parent else doc)
    )
    graph.add((part, WG.partOfWork, doc))
    graph.add((part, WG.number, Literal(division.number)))
    label = division.label or f"{division.kind} {division.number}"
    graph.add((part, RDFS.label, Literal(label)))
    graph.add((part, WG.startOffset, Literal(division.start, datatype=XSD.integer)))
    graph.add((part, WG.endOffset, Literal(division.end, datatype=XSD.integer)))
    if division.jci:
        graph.add((part, WG.juriconnect, Literal(division.jci)))
    if division.status:
        graph.add((part, WG.status, Literal(division.status)))
    versie = versie_of(division)
    if versie is not None:
        _add_versie(graph, part, versie)


def versie_of(division: Division) -> Versie | None:
    """The version the graph states for a part: only articles and leden, the parts
    whose IRI (their Juriconnect pinpoint) is unique in a regeling. BWB also versions
    hoofdstukken, afdelingen and paragrafen, but a paragraaf's pinpoint repeats in
    every hoofdstuk ("paragraaf=1"), so their versions would merge."""
    return division.versie if division.kind in ("artikel", "lid") else None


def _add_versie(graph: set[Triple], part: URIRef, versie: Versie) -> None:
    """The part's version: since when in force, what changed it last and how."""
    graph.add((part, DCTERMS.source, add_bekendmaking(graph, versie.bron)))
    if versie.inwerkingtreding is not None:
        graph.add((part, WG.inwerkingtreding, Literal(versie.inwerkingtreding)))
    if versie.effect:
        graph.add((part, WG.effect, Literal(versie.effect)))


def add_footnotes(
    graph: set[Triple], doc: URIRef, document: SourceDocument
) -> list[tuple[int, int, URIRef]]:
    iris = []
    seen: dict[str, int] = {}
    for footnote in document.footnotes:
        # Numbering may restart (a treaty's English and Dutch texts each have a
        # footnote 1): the second "1" becomes voetnoot-1-2.
        seen[footnote.number] = seen.get(footnote.number, 0) + 1
        suffix = "" if seen[footnote.number] == 1 else f"-{seen[footnote.number]}"
        node = URIRef(f"{doc}#voetnoot-{slug(footnote.number)}{suffix}")
        graph.add((doc, WG.hasFootnote, node))
        graph.add((node, RDF.type, WG.Footnote))
        graph.add((node, WG.number, Literal(footnote.number)))
        graph.add(
            (
                node,
                WG.startOffset,
                Literal(footnote.start, datatype=XSD.integer),
            )
        )
        graph.add((node, WG.endOffset, Literal(footnote.end, datatype=XSD.integer)))
        iris.append((footnote.start, footnote.end, node))
    return iris


class DivisionLocator:
    """Finds the innermost division around an offset by descending the tree (bisect)."""

    def __init__(self, document: SourceDocument) -> None:
        self._roots = _by_start(document.divisions)
        self._parents: dict[int, Division] = {}
        # Children sorted with their start offsets, once per division rather than
        # once per reference looked up.
        self._children: dict[int, tuple[list[int], list[Division]]] = {}
        for division in document.all_divisions():
            self._children[id(division)] = _by_start(division.children)
            for child in division.children:
                self._parents[id(child)] = division

    def parent_of(self, division: Division) -> Division | None:
        return self._parents.get(id(division))

    def innermost(self, offset: int) -> Division | None:
        found: Division | None = None
        starts, level = self._roots
        while level:
            index = bisect.bisect_right(starts, offset) - 1
            if index < 0 or not (level[index].start <= offset < level[index].end):
                break
            found = level[index]
            starts, level = self._children[id(found)]
        return found


def _by_start(divisions: Sequence[Division]) -> tuple[list[int], list[Division]]:
    ordered = sorted(divisions, key=lambda d: d.start)
    return [d.start for d in ordered], ordered
