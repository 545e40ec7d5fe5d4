"""SHACL: what graph.build emits conforms to ontology/shapes.ttl, and the shapes bite."""

import pytest
from pyshacl import validate
from rdflib import Graph, Literal
from rdflib.namespace import RDF

from graph.build.document import build_document_graph
from graph.namespaces import ONTOLOGY_DIR, WG
from tests.graph_fixtures import letter

SHAPES = Graph().parse(ONTOLOGY_DIR / "shapes.ttl")


def _conforms(data: Graph) -> tuple[bool, str]:
    conforms, _, text = validate(
        data, shacl_graph=SHAPES, ont_graph=None, inference="none"
    )
    return conforms, text


def test_shapes_built_document_conforms():
    document, refs = letter()
    conforms, report = _conforms(build_document_graph(document, refs))
    assert conforms, report


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda g, link: g.remove((link, WG.method, None)), id="no-method"),
        pytest.param(
            lambda g, link: g.set((link, WG.confidence, Literal(2.5))),
            id="confidence-out-of-range",
        ),
        pytest.param(
            lambda g, link: g.add((link, WG.unresolvedReason, Literal("both"))),
            id="target-and-reason",
        ),
        pytest.param(
            lambda g, link: g.set((link, WG.referenceKind, Literal("gossip"))),
            id="unknown-kind",
        ),
    ],
)
def test_shapes_reject_damaged_links(damage):
    document, refs = letter()
    graph = build_document_graph(document, refs[:1])
    link = next(graph.subjects(RDF.type, WG.Citation))
    damage(graph, link)
    conforms, _ = _conforms(graph)
    assert not conforms
