"""graph.store: named graphs replaced atomically, persisted, idempotent."""

import dataclasses

import pytest
from rdflib import Graph, Literal, URIRef

from graph.build import build_document_graph, graph_iri
from graph.errors import StoreError
from graph.store import open_store
from tests.graph_fixtures import letter


def test_store_replace_is_idempotent_and_persists(tmp_path):
    document, refs = letter()
    graph = build_document_graph(document, refs)
    store = open_store(tmp_path / "store")
    store.replace_graph(graph_iri(document.id), graph)
    first = len(store)
    store.replace_graph(graph_iri(document.id), graph)
    assert len(store) == first == len(graph)
    store.close()
    reopened = open_store(tmp_path / "store", read_only=True)
    assert len(reopened) == first
    assert reopened.graph_names() == [graph_iri(document.id)]
    reopened.close()


def test_store_replace_touches_only_its_own_graph():
    store = open_store()
    a, b = (
        URIRef("https://w3id.org/wetgraaf/graph/a"),
        URIRef("https://w3id.org/wetgraaf/graph/b"),
    )
    for name in (a, b):
        g = Graph()
        g.add((URIRef(f"{name}#s"), URIRef("http://example.org/p"), Literal("v")))
        store.replace_graph(name, g)
    store.replace_graph(a, Graph())
    assert len(store) == 1
    assert store.graph_names() == [b]


def test_store_failed_write_leaves_previous_version_intact():
    store = open_store()
    name = URIRef("https://w3id.org/wetgraaf/graph/doc")
    good = Graph()
    good.add(
        (URIRef("http://example.org/s"), URIRef("http://example.org/p"), Literal("old"))
    )
    store.replace_graph(name, good)
    bad = Graph()
    bad.add(
        (URIRef("http://example.org/s"), URIRef("http://example.org/p"), Literal("new"))
    )
    bad.add(
        (
            URIRef("http://example.org/not an iri"),
            URIRef("http://example.org/p"),
            Literal("x"),
        )
    )
    with pytest.raises(StoreError, match="cannot write"):
        store.replace_graph(name, bad)
    bad.add(
        (URIRef("http://example.org/x>"), URIRef("http://example.org/p"), Literal("x"))
    )
    with pytest.raises(StoreError, match="cannot write"):
        store.replace_graph(name, bad)
    assert [str(o) for o in store.graph(name).objects()] == ["old"]


def test_store_read_only_refuses_writes(tmp_path):
    open_store(tmp_path / "s").close()
    store = open_store(tmp_path / "s", read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        store.replace_graph(URIRef("https://w3id.org/wetgraaf/graph/x"), Graph())


def test_store_read_only_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="wetgraaf build"):
        open_store(tmp_path / "nothing", read_only=True)


@pytest.mark.parametrize("fmt", ["ttl", "nq", "trig", "jsonld"])
def test_store_export_round_trips(fmt):
    document, refs = letter()
    graph = build_document_graph(document, refs)
    store = open_store()
    store.replace_graph(graph_iri(document.id), graph)
    text = store.export(fmt)
    parse_format = {
        "ttl": "turtle",
        "nq": "nquads",
        "trig": "trig",
        "jsonld": "json-ld",
    }[fmt]
    from rdflib import Dataset

    parsed = Dataset()
    parsed.parse(data=text, format=parse_format)
    assert len(parsed) == len(graph) or sum(1 for _ in parsed.quads()) == len(graph)


def test_store_read_only_view_survives_a_rebuild(tmp_path):
    from graph.sparql import LocalBackend, run_query

    document, refs = letter()
    writer = open_store(tmp_path / "s")
    writer.replace_graph(graph_iri(document.id), build_document_graph(document, refs))
    writer.close()
    reader = LocalBackend(open_store(tmp_path / "s", read_only=True))
    assert len(run_query(reader, "documents").rows) == 1
    writer = open_store(tmp_path / "s")
    for n in range(30):  # enough writes for RocksDB to rewrite its files
        other = dataclasses.replace(document, id=f"kst-1-{n}")
        writer.replace_graph(graph_iri(other.id), build_document_graph(other, refs))
    writer.close()
    # The stale view either still answers or reopens itself; it never errors out.
    assert len(run_query(reader, "documents").rows) in (1, 31)
