"""SHACL over real documents of every bundled source kind: zero violations."""

from pathlib import Path

from pyshacl import validate
from rdflib import Graph

from graph.build.document import build_document_graph
from graph.load import references_for
from graph.namespaces import ONTOLOGY_DIR
from ingest.sources import read_source

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
# One document of each reader, including the one with restarting footnote numbers.
SAMPLES = [
    "seeds/kamerbrief-2025D33530-diverse-onderwerpen-migratie.txt",
    "seeds/wbv-2013-23-vc-wijziging.txt",
    "bwb/BWBR0011823_2019-02-27_0.xml",
    "bwb-2012/BWBV0001002.xml",
    "bwb-2012/BWBR0031891.xml",
    "bwb-wti/BWBR0018451.WTI.xml",
    "kamerstukken/kst-29861-126.xml",
    "tk-odata/zaak-motie/2024Z14350.json",
    "tk-odata/stemming-per-agendapunt/2025P09943.json",
    "rechtspraak/ECLI.NL.RVS.2015.1780.xml",
    "eu/eurlex_html_CL2009L0065_EN_20130620.html",
    "publicaties/stb-2018-84.xml",
]


def test_shacl_documents_of_every_kind_conform():
    data = Graph()
    for relative in SAMPLES:
        document = read_source(CORPUS / relative)
        data += build_document_graph(document, references_for(document))
    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
    conforms, _, report = validate(data, shacl_graph=shapes, inference="none")
    assert conforms, report[:4000]


def test_shacl_the_same_documents_conform_as_the_store_keeps_them():
    # Oxigraph keeps values, not lexical forms (an integer subtype becomes xsd:integer,
    # a simple literal an explicit xsd:string): the shapes hold for the stored graph too.
    from graph.iris import graph_iri
    from graph.store import open_store

    store = open_store()
    for relative in SAMPLES:
        document = read_source(CORPUS / relative)
        built = build_document_graph(document, references_for(document))
        store.replace_graph(graph_iri(document.id), built)
    data = Graph()
    for s, p, o, _ in store.quads():
        data.add((s, p, o))
    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
    conforms, _, report = validate(data, shacl_graph=shapes, inference="none")
    assert conforms, report[:4000]
