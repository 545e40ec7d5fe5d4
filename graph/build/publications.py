"""Official publications (Staatsblad, Staatscourant) as works, with what BWB states."""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from graph.namespaces import ELI, WG
from graph.triples import Triple
from ingest.identifiers import work_iri
from ingest.models import Bekendmaking, Wijziging


def add_bekendmakingen(graph: set[Triple], changes: Sequence[Wijziging]) -> None:
    """The publications a history names, with what BWB states about them."""
    for change in changes:
        for publication in (
            *change.bronnen,
            *change.juncto,
            *change.inwerkingtredingsbronnen,
        ):
            add_bekendmaking(graph, publication)


def add_bekendmaking(graph: set[Triple], publication: Bekendmaking) -> URIRef:
    """A Staatsblad/Staatscourant publication with what BWB states about it."""
    node = add_publicatie(graph, publication.id)
    if publication.publicatiedatum is not None:
        graph.add((node, ELI.date_publication, Literal(publication.publicatiedatum)))
    if publication.ondertekening is not None:
        graph.add((node, ELI.date_document, Literal(publication.ondertekening)))
    if publication.dossiernummer:
        graph.add((node, WG.dossiernummer, Literal(publication.dossiernummer)))
    return node


def add_publicatie(graph: set[Triple], publication_id: str) -> URIRef:
    """An official publication (``stb-…``, ``stcrt-…``) as a work of its own."""
    node = URIRef(work_iri(publication_id))
    graph.add((node, RDF.type, WG.Publicatie))
    graph.add((node, RDF.type, WG.Work))
    graph.add((node, WG.partOfWork, node))
    graph.add((node, DCTERMS.identifier, Literal(publication_id)))
    return node
