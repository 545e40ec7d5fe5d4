"""The whole bundled graph, as ``wetgraaf export`` writes it, conforms to
ontology/shapes.ttl by ontology/wetgraaf.ttl's own model: without inference and under
RDFS, zero violations.

pyshacl's ``inference="rdfs"`` (OWL-RL's RDFS closure in Python) takes many minutes on
the half a million triples of the bundle, so its RDFS closure is computed here with the
engine: SPARQL updates for the entailments that can type a node or give it a property
(rdfs7 sub-properties, rdfs2 domains, rdfs3 ranges, rdfs9 sub-classes; the ``+`` paths
are rdfs5 and rdfs11), and pyshacl validates the closed graph with the ontology mixed
in, as it would after its own inference. Two checks keep that honest on a few documents
of several readers, where OWL-RL is quick: the closure's data triples are exactly
OWL-RL's, and with the old axiom that made every publication a wg:Document (the 3,456
violations of issue 27) both it and pyshacl's own RDFS inference find violations.
"""

from __future__ import annotations

import io

import owlrl
import pyoxigraph
import pytest
from pyshacl import validate
from rdflib import OWL, RDF, RDFS, Graph, Literal
from rdflib.namespace import NamespaceManager

from graph.build.document import build_document_graph
from graph.load import references_for
from graph.namespaces import ONTOLOGY_DIR
from ingest.sources import read_source
from tests.test_ontology_corpus import CORPUS

pytestmark = pytest.mark.slow

SHAPES = Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
ONTOLOGY_TTL = (ONTOLOGY_DIR / "wetgraaf.ttl").read_text(encoding="utf-8")
OLD_AXIOM = (
    "wg:Publicatie a owl:Class ; rdfs:subClassOf wg:Work ;",
    "wg:Publicatie a owl:Class ; rdfs:subClassOf wg:Document ;",
)
# Small documents of five readers: two letters (one citing a Staatsblad), a Kamerstuk,
# a motion with its zaak, a vote, and a Staatsblad itself.
SMALL = [
    "seeds/kamerbrief-2025D33530-diverse-onderwerpen-migratie.txt",
    "seeds/kamerbrief-regulier-verblijf-2025-04-15.txt",
    "kamerstukken/kst-29861-126.xml",
    "tk-odata/zaak-motie/2024Z14350.json",
    "tk-odata/stemming-per-agendapunt/2025P09943.json",
    "publicaties/stb-2018-84.xml",
]
_ONT = "urn:wetgraaf:test:ontology"
_PREFIX = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
_RULES = [
    # rdfs7 (with rdfs5): a sub-property's triples hold for each super-property
    "INSERT { ?s ?q ?o } WHERE { GRAPH <%s> { ?p rdfs:subPropertyOf+ ?q } ?s ?p ?o }",
    # rdfs2, rdfs3: domains and ranges (of the properties so far) type the subject and
    # the object that is no literal
    "INSERT { ?s a ?c } WHERE { GRAPH <%s> { ?p rdfs:domain ?c } ?s ?p ?o }",
    "INSERT { ?o a ?c } WHERE { GRAPH <%s> { ?p rdfs:range ?c } ?s ?p ?o "
    "FILTER(!isLiteral(?o)) }",
    # rdfs9 (with rdfs11): every superclass of each of a node's classes
    "INSERT { ?s a ?d } WHERE { GRAPH <%s> { ?c rdfs:subClassOf+ ?d } ?s a ?c }",
]


class _PlainNames(NamespaceManager):
    """Writes every IRI of a report in full. rdflib's own manager files each new IRI
    namespace in a trie whose insertions grow with its size; pyshacl names a node for
    every result it builds (also those an sh:xone or a qualified shape throws away),
    and on the bundle's tens of thousands of namespaces that is most of the run. Only
    the report's wording changes."""

    def normalizeUri(self, rdfTerm: str) -> str:  # noqa: N802, N803 (rdflib's names)
        return f"<{rdfTerm}>"


@pytest.fixture(scope="module")
def bundle(bundled_store) -> bytes:
    """The bundled corpus's document graphs as exported (N-Quads), as N-Triples."""
    exported = io.BytesIO()
    bundled_store.export("nq", exported)
    quads = pyoxigraph.parse(exported.getvalue(), format=pyoxigraph.RdfFormat.N_QUADS)
    return pyoxigraph.serialize(
        (quad.triple for quad in quads), format=pyoxigraph.RdfFormat.N_TRIPLES
    )


def _graph(triples: bytes, ontology: str | None = None) -> Graph:
    graph = Graph(bind_namespaces="none")
    graph.namespace_manager = _PlainNames(graph, bind_namespaces="none")
    graph.parse(data=triples, format="nt")
    if ontology is not None:
        graph.parse(data=ontology, format="turtle")
    return graph


def _closed(triples: bytes, ontology: str) -> bytes:
    """``triples`` with their RDFS entailments under ``ontology`` (N-Triples)."""
    engine = pyoxigraph.Store()
    engine.load(triples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    engine.load(
        ontology.encode("utf-8"),
        format=pyoxigraph.RdfFormat.TURTLE,
        to_graph=pyoxigraph.NamedNode(_ONT),
    )
    for rule in _RULES:
        engine.update(_PREFIX + rule % _ONT)
    return engine.dump(
        format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph()
    )


def _report(data: Graph, **options) -> tuple[bool, str]:
    conforms, _, text = validate(data, shacl_graph=SHAPES, **options)
    return conforms, text


def test_ontology_bundle_conforms_without_inference(bundle):
    conforms, text = _report(_graph(bundle), inference="none")
    assert conforms, text[:4000]


def test_ontology_bundle_conforms_under_rdfs(bundle):
    closed = _graph(_closed(bundle, ONTOLOGY_TTL), ONTOLOGY_TTL)
    conforms, text = _report(closed, inference="none")
    assert conforms, text[:4000]


@pytest.fixture(scope="module")
def small() -> bytes:
    data = Graph()
    for relative in SMALL:
        document = read_source(CORPUS / relative)
        data += build_document_graph(document, references_for(document))
    return data.serialize(format="nt", encoding="utf-8")


def _data_triples(graph: Graph, nodes: set[object]) -> set[tuple[object, ...]]:
    """The triples about the data's own nodes with a node as object, minus the RDF,
    RDFS and OWL vocabulary every resource gets (rdfs:Resource, rdf:Property, a
    property being its own sub-property …)."""
    vocabulary = (str(RDF), str(RDFS), str(OWL))
    return {
        (s, p, o)
        for s, p, o in graph
        if s in nodes
        and not isinstance(o, Literal)
        and not str(o).startswith(vocabulary)
        and not str(p).startswith(str(RDFS))
    }


def test_ontology_closure_is_owl_rl_rdfs_on_the_data(small):
    data = Graph().parse(data=small, format="nt")
    ontology = Graph().parse(data=ONTOLOGY_TTL, format="turtle")
    # the data's nodes that the ontology does not define (its classes are objects too)
    nodes = {n for s, _, o in data for n in (s, o) if not isinstance(n, Literal)}
    nodes -= set(ontology.subjects())
    theirs = data + ontology
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(theirs)
    ours = Graph().parse(data=_closed(small, ONTOLOGY_TTL), format="nt")
    assert len(_data_triples(ours, nodes)) > len(_data_triples(data, nodes))
    assert _data_triples(ours, nodes) == _data_triples(theirs, nodes)


def test_ontology_closure_and_pyshacl_rdfs_both_find_the_old_document_axiom(small):
    old = ONTOLOGY_TTL.replace(*OLD_AXIOM)
    assert old != ONTOLOGY_TTL
    ours = _report(_graph(_closed(small, old), old), inference="none")
    theirs = _report(
        Graph().parse(data=small, format="nt"),
        ont_graph=Graph().parse(data=old, format="turtle"),
        inference="rdfs",
    )
    assert not ours[0] and not theirs[0]
    assert "zoek.officielebekendmakingen.nl/stb-" in ours[1]  # a cited publication
    assert "zoek.officielebekendmakingen.nl/stb-" in theirs[1]
    # and with the ontology as it is, both conform
    assert _report(_graph(_closed(small, ONTOLOGY_TTL), ONTOLOGY_TTL))[0]
    assert _report(
        Graph().parse(data=small, format="nt"),
        ont_graph=Graph().parse(data=ONTOLOGY_TTL, format="turtle"),
        inference="rdfs",
    )[0]
