"""The IRIs of a document and of the named graph that holds everything it says."""

from __future__ import annotations

from rdflib import URIRef

from graph.namespaces import GRAPH_BASE, slug
from ingest.identifiers import work_iri


def graph_iri(document_id: str) -> URIRef:
    """The named graph that holds everything one document says."""
    return URIRef(GRAPH_BASE + slug(document_id))


def document_iri(document_id: str) -> URIRef:
    """The IRI of a document (its official IRI where it has one)."""
    return URIRef(work_iri(document_id))
