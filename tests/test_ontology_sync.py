"""graph/namespaces.py mirrors ontology/wetgraaf.ttl, in both directions."""

import rdflib
from rdflib.namespace import OWL, RDF

from graph.namespaces import ONTOLOGY_FILE, WG


def _ontology_terms() -> set[str]:
    graph = rdflib.Graph().parse(ONTOLOGY_FILE)
    base = str(WG)
    return {
        str(s)[len(base) :]
        for s in graph.subjects()
        if str(s).startswith(base) and s != rdflib.URIRef(base)
    }


def test_ontology_sync_every_ttl_term_is_in_namespace():
    assert _ontology_terms() - set(WG.__annotations__) == set()


def test_ontology_sync_every_namespace_term_is_in_ttl():
    assert set(WG.__annotations__) - _ontology_terms() == set()


def test_ontology_terms_are_typed_and_labelled():
    graph = rdflib.Graph().parse(ONTOLOGY_FILE)
    for name in WG.__annotations__:
        term = WG[name]
        assert (term, RDF.type, None) in graph, name
        types = set(graph.objects(term, RDF.type))
        if types & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}:
            assert (term, rdflib.RDFS.label, None) in graph, name
