"""A toezegging as a document states it (or as the TK's own record of it)."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from graph.namespaces import TK, WG, our_iri
from graph.triples import Triple
from ingest.identifiers import work_iri
from ingest.models import Toezegging


def add_toezegging(graph: set[Triple], doc: URIRef, toezegging: Toezegging) -> None:
    """A toezegging node: its text as this document states it, deadline, answers;
    for the TK's own record (the document is the toezegging) also its status and
    ministerie, and no "mentioned in" itself."""
    node = URIRef(work_iri(toezegging.id))
    graph.add((node, RDF.type, WG.Toezegging))
    graph.add((node, RDF.type, WG.Work))
    graph.add((node, WG.partOfWork, node))
    graph.add((node, DCTERMS.identifier, Literal(toezegging.id)))
    graph.add((node, WG.toezeggingText, Literal(toezegging.text)))
    if node != doc:
        graph.add((node, WG.mentionedIn, doc))
    if toezegging.tk_status:
        graph.add((node, TK.Status, Literal(toezegging.tk_status)))
    if toezegging.ministerie:
        ministerie = our_iri("ministerie", toezegging.ministerie)
        graph.add((ministerie, RDF.type, WG.Ministerie))
        graph.add((ministerie, RDFS.label, Literal(toezegging.ministerie)))
        graph.add((node, WG.ministerie, ministerie))
    if toezegging.bewindspersoon:
        graph.add((node, WG.bewindspersoon, Literal(toezegging.bewindspersoon)))
    if toezegging.functie:
        graph.add((node, WG.functie, Literal(toezegging.functie)))
    if toezegging.deadline is not None:
        graph.add((node, WG.deadlineStart, Literal(toezegging.deadline.start)))
        graph.add((node, WG.deadlineEnd, Literal(toezegging.deadline.end)))
    for work in toezegging.answered_by:
        graph.add((URIRef(work_iri(work)), WG.answers, node))
