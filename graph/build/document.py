"""One document's triples: its metadata here, the rest from the modules beside it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS, XSD

from graph.build.evidence import (
    from_claim,
    from_editorial,
    from_reference,
    from_relation,
    from_versie,
    from_wijziging,
)
from graph.build.links import add_link
from graph.build.publications import add_bekendmakingen, add_publicatie
from graph.build.structure import (
    DivisionLocator,
    add_division,
    add_footnotes,
    versie_of,
)
from graph.build.toezeggingen import add_toezegging
from graph.iris import document_iri
from graph.namespaces import WG, our_iri, slug
from graph.parliament import add_parliament
from graph.triples import Triple, as_graph
from graph.versions import renumbering_versions
from ingest.models import (
    DocumentKind,
    RelationClaim,
    ResolvedReference,
    SourceDocument,
    Toezegging,
)

# A Staatsblad/Staatscourant id, as a document's own publication (owl:sameAs)
_GAZETTE = re.compile(r"^(?:stb|stcrt)-\d{4}-\d+$")


_DOCUMENT_CLASS = {
    DocumentKind.REGELING: WG.Regeling,
    DocumentKind.KAMERSTUK: WG.Kamerstuk,
    DocumentKind.MOTIE: WG.Motie,
    DocumentKind.KAMERBRIEF: WG.Kamerbrief,
    DocumentKind.RAPPORT: WG.Rapport,
    DocumentKind.WIJZIGINGSBESLUIT: WG.Wijzigingsbesluit,
    DocumentKind.UITSPRAAK: WG.Uitspraak,
    DocumentKind.PUBLICATIE: WG.Publicatie,
    DocumentKind.EU_ACT: WG.EUAct,
    DocumentKind.ZAAK: WG.Zaak,
    DocumentKind.AGENDAPUNT: WG.Agendapunt,
    DocumentKind.TOEZEGGING: WG.Toezegging,
    DocumentKind.CELLAR_RECORD: WG.CellarRecord,
    DocumentKind.WETSTECHNISCHE_INFORMATIE: WG.WetstechnischeInformatie,
}


_REGELING_CLASS = {
    "wet": WG.Wet,
    "amvb": WG.AMvB,
    "ministeriele-regeling": WG.MinisterieleRegeling,
    "circulaire": WG.Circulaire,
}


def build_document_graph(
    document: SourceDocument,
    references: Sequence[ResolvedReference] = (),
    relations: Sequence[RelationClaim] = (),
    toezeggingen: Sequence[Toezegging] = (),
) -> Graph:
    """``document_triples`` as a new rdflib Graph (to be stored as the document's
    named graph)."""
    return as_graph(document_triples(document, references, relations, toezeggingen))


def document_triples(
    document: SourceDocument,
    references: Sequence[ResolvedReference] = (),
    relations: Sequence[RelationClaim] = (),
    toezeggingen: Sequence[Toezegging] = (),
) -> set[Triple]:
    """All triples of one document: metadata, structure, footnotes and links.

    Args:
        document: the document as read by an ``ingest.sources`` reader.
        references: the references found in ``document.text`` and resolved.
        relations: typed relations extracted from the text (``ingest.relations``),
            each a reified link from its subject with the sentence as evidence.
        toezeggingen: the toezeggingen the document mentions (``ingest.toezeggingen``).
    """
    graph: set[Triple] = set()
    doc = document_iri(document.id)
    _add_document(graph, doc, document)
    locator = DivisionLocator(document)
    for division in document.all_divisions():
        add_division(graph, doc, document, division, locator)
    footnote_iris = add_footnotes(graph, doc, document)
    claim_versions, version_nodes = renumbering_versions(document, relations)
    graph |= version_nodes
    evidence = (
        [from_reference(r) for r in references]
        + [from_editorial(link) for link in document.links]
        + [from_relation(relation) for relation in document.relations]
        + [
            replace(from_claim(claim), versions=named)
            for claim, named in zip(relations, claim_versions, strict=True)
        ]
        + [item for change in document.wijzigingen for item in from_wijziging(change)]
        + [
            from_versie(document.id, division.pinpoint, versie)
            for division in document.all_divisions()
            if (versie := versie_of(division)) is not None
        ]
    )
    add_bekendmakingen(graph, document.wijzigingen)
    add_parliament(graph, doc, document)
    for item in evidence:
        add_link(graph, doc, document, item, locator, footnote_iris)
    for toezegging in (*document.toezeggingen, *toezeggingen):
        add_toezegging(graph, doc, toezegging)
    return graph


def _add_document(graph: set[Triple], doc: URIRef, document: SourceDocument) -> None:
    meta = document.metadata
    graph.add((doc, RDF.type, _DOCUMENT_CLASS[document.kind]))
    if document.kind is DocumentKind.REGELING and meta.soort:
        specific = _REGELING_CLASS.get(slug(meta.soort).lower())
        if specific is not None:
            graph.add((doc, RDF.type, specific))
    graph.add((doc, RDF.type, WG.Document))
    graph.add((doc, RDF.type, WG.Work))
    graph.add((doc, WG.partOfWork, doc))
    graph.add((doc, DCTERMS.identifier, Literal(document.id)))
    graph.add((doc, DCTERMS.title, Literal(document.title)))
    graph.add((doc, RDFS.label, Literal(document.title)))
    graph.add((doc, WG.documentKind, Literal(str(document.kind))))
    graph.add((doc, WG.fullText, Literal(document.text)))
    graph.add((doc, WG.sourceFile, Literal(document.path)))
    if document.date is not None:
        graph.add((doc, DCTERMS.date, Literal(document.date)))
    if meta.valid_from is not None:
        graph.add((doc, DCTERMS.valid, Literal(meta.valid_from)))
    optional = [
        (WG.dossiernummer, meta.dossiernummer),
        (WG.ondernummer, meta.ondernummer),
        (WG.vergaderjaar, meta.vergaderjaar),
        (WG.tkNummer, meta.tk_nummer),
        (WG.zaak, meta.zaak),
    ]
    for predicate, value in optional:
        if value:
            graph.add((doc, predicate, Literal(value)))
    if meta.official_url:
        graph.add(
            (doc, WG.officialUrl, Literal(meta.official_url, datatype=XSD.anyURI))
        )
    for position, name in enumerate(meta.indieners):
        person = our_iri("persoon", name.lower())
        graph.add((person, RDF.type, WG.Persoon))
        graph.add((person, FOAF.name, Literal(name)))
        graph.add((doc, WG.indiener if position == 0 else WG.medeindiener, person))
    for key, value in meta.extra:
        if key == "dictum":
            graph.add((doc, WG.dictum, Literal(value)))
        elif key == "publicatie" and value != document.id and _GAZETTE.match(value):
            # The decision is its Staatscourant/Staatsblad publication (DESIGN.md:
            # a WBV's IRI "or its Staatscourant id when known"); owl:sameAs keeps the
            # IRI that references to "WBV 2013/23" resolve to, and joins the other.
            graph.add((doc, OWL.sameAs, add_publicatie(graph, value)))
