"""graph.store: named graphs replaced atomically, persisted, idempotent."""

import dataclasses
import io

import pytest
from rdflib import Graph, Literal, URIRef

from graph import settings
from graph.build.document import build_document_graph
from graph.errors import StoreError
from graph.index import Index, document_rows, reads, rebuild_index
from graph.iris import graph_iri
from graph.load import load_paths
from graph.store import GraphWrite, open_store, serialize_triples
from graph.values import to_python
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


@pytest.mark.parametrize(
    ("fmt", "parse_format"),
    [("ttl", "turtle"), ("nq", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")],
)
def test_store_export_round_trips(fmt, parse_format):
    """Every format gives back the document's triples exactly, in its named graph
    where the format has graphs."""
    from rdflib import Dataset

    document, refs = letter()
    graph = build_document_graph(document, refs)
    name = graph_iri(document.id)
    store = open_store()
    store.replace_graph(name, graph)
    out = io.BytesIO()
    progress: list[int] = []
    assert store.export(fmt, out, progress.append) == len(graph)
    assert progress == [len(graph)]
    parsed = Dataset()
    parsed.parse(data=out.getvalue(), format=parse_format)
    if fmt == "ttl":  # one graph, merged
        assert _values(parsed.default_graph) == _values(graph)
    else:
        assert [g.identifier for g in parsed.graphs() if len(g)] == [name]
        assert _values(parsed.graph(name)) == _values(graph)


def _values(graph: Graph) -> set[tuple]:
    """The triples up to literal canonicalisation (Oxigraph keeps "0.0" as "0")."""
    return {(s, p, to_python(o)) for s, p, o in graph}


def test_store_export_reports_progress_as_it_writes(monkeypatch):
    import graph.export

    monkeypatch.setattr(graph.export, "PROGRESS_EVERY", 100)
    document, refs = letter()
    graph = build_document_graph(document, refs)
    store = open_store()
    store.replace_graph(graph_iri(document.id), graph)
    progress: list[int] = []
    store.export("nq", io.BytesIO(), progress.append)
    every = list(range(100, len(graph) + 1, 100))
    assert progress == [*every, len(graph)]


def test_store_export_of_an_unknown_format_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown export format 'xml'"):
        open_store().export("xml", io.BytesIO())


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


# --- the index (graph.index): written with every graph --------------------------------

VB = "https://wetten.overheid.nl/BWBR0011825"
VB_3_71_3 = "https://wetten.overheid.nl/jci1.3:c:BWBR0011825&artikel=3.71&lid=3"
KST = "https://zoek.officielebekendmakingen.nl/kst-19637-2798"
LETTER = "https://opendata.tweedekamer.nl/id/document/2025D33530"
COPY = "https://zoek.officielebekendmakingen.nl/kst-1-1"


def _letter_copy(*, with_references: bool = True):
    document, refs = letter()
    return dataclasses.replace(document, id="kst-1-1"), refs if with_references else []


LETTER_TITLE = "Diverse onderwerpen op het gebied van migratie"


def _two_letters(store) -> None:
    for document, refs in (letter(), _letter_copy()):
        store.replace_graph(
            graph_iri(document.id), build_document_graph(document, refs)
        )


def _rebuilt(store) -> dict:
    """The index as ``wetgraaf index`` writes it from the store's graphs (the oracle
    for the rows each write replaces)."""
    index = Index(None)
    rebuild_index(store, index)
    return index.dump()


def _read(rows) -> list[tuple]:
    return list(rows.rows)


def test_store_index_lists_and_counts_what_the_graphs_hold():
    store = open_store()
    _two_letters(store)
    assert _read(reads.documents(store.index)) == [
        (LETTER, "2025D33530", "kamerbrief", LETTER_TITLE, None, 3),
        (COPY, "kst-1-1", "kamerbrief", LETTER_TITLE, None, 3),
    ]
    assert _read(reads.citation_network(store.index)) == [
        (LETTER, VB, "BWBR0011825", "legislation", 1),
        (LETTER, KST, "kst-19637-2798", "parliamentary", 1),
        (COPY, VB, "BWBR0011825", "legislation", 1),
        (COPY, KST, "kst-19637-2798", "parliamentary", 1),
    ]
    assert _read(reads.most_cited_parts(store.index)) == [(VB_3_71_3, VB, 2, 2)]
    assert reads.citing_documents(store.index, VB) == [
        (LETTER, "2025D33530", 1),
        (COPY, "kst-1-1", 1),
    ]
    assert store.index.dump() == _rebuilt(store)
    assert len(store) == 2 * len(build_document_graph(*letter()))


@pytest.mark.parametrize(
    "change",
    ["reingest-same", "reingest-without-references", "remove", "remove-all"],
)
def test_store_index_follows_one_document(change):
    store = open_store()
    _two_letters(store)
    copy, refs = _letter_copy(with_references=change != "reingest-without-references")
    if change.startswith("reingest"):
        store.replace_graph(graph_iri(copy.id), build_document_graph(copy, refs))
    else:
        store.remove_graph(graph_iri(copy.id))
    if change == "remove-all":
        store.remove_graph(graph_iri("2025D33530"))
    assert store.index.dump() == _rebuilt(store)
    listed = {row[0]: row[-1] for row in _read(reads.documents(store.index))}
    expected = {
        "reingest-same": {COPY: 3, LETTER: 3},
        "reingest-without-references": {COPY: 0, LETTER: 3},  # listed without links
        "remove": {LETTER: 3},
        "remove-all": {},
    }
    assert listed == expected[change]


def test_store_failed_write_leaves_the_index_as_it_was():
    store = open_store()
    _two_letters(store)
    before = store.index.dump()
    bad = Graph()
    bad.add(
        (URIRef("http://example.org/a b"), URIRef("http://example.org/p"), Literal(1))
    )
    with pytest.raises(StoreError):
        store.replace_graph(graph_iri("kst-1-1"), bad)
    assert store.index.dump() == before


def test_store_bulk_write_equals_one_by_one(tmp_path):
    documents = [letter(), _letter_copy()]
    one_by_one = open_store()
    for document, refs in documents:
        one_by_one.replace_graph(
            graph_iri(document.id), build_document_graph(document, refs)
        )
    bulk = open_store(tmp_path / "bulk")
    graphs = [_write(build_document_graph(d, r), d.id) for d, r in documents]
    assert bulk.write_graphs(graphs) == {}
    assert bulk.index.dump() == one_by_one.index.dump()
    assert sorted(bulk.quads()) == sorted(one_by_one.quads())
    # A document twice in one batch, and again over the stored graphs: the last
    # version replaces the others, never merged with them.
    older = build_document_graph(*letter())
    older.add((URIRef(LETTER), URIRef("http://example.org/note"), Literal("older")))
    fresh = open_store()
    for store in (fresh, bulk):
        batch = [_write(older, "2025D33530"), *graphs]
        assert store.write_graphs(batch) == {}
        assert sorted(store.quads()) == sorted(one_by_one.quads())
        assert store.index.dump() == one_by_one.index.dump()
    bulk.close()


def _write(graph: Graph, document_id: str) -> GraphWrite:
    name = graph_iri(document_id)
    return GraphWrite(name, serialize_triples(graph), document_rows(str(name), graph))


def test_store_index_lives_beside_the_store_and_reopens_read_only(tmp_path):
    store = open_store(tmp_path / "s")
    _two_letters(store)
    written = store.index.dump()
    store.close()
    assert (tmp_path / "s.index.sqlite").exists()
    reader = open_store(tmp_path / "s", read_only=True)
    assert not reader.index.missing and reader.index.dump() == written
    with pytest.raises(StoreError, match="read-only"):
        reader.index.remove(str(graph_iri("kst-1-1")))
    reader.close()


def test_store_without_an_index_file_says_so(tmp_path):
    store = open_store(tmp_path / "s")
    _two_letters(store)
    store.close()
    (tmp_path / "s.index.sqlite").unlink()
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"s.index.sqlite{suffix}").unlink(missing_ok=True)
    reader = open_store(tmp_path / "s", read_only=True)
    assert reader.index.missing
    assert _read(reads.documents(reader.index)) == []
    reader.close()


def test_store_build_after_the_index_was_lost_indexes_what_was_there(tmp_path):
    """A store built before it had an index (or whose index file is gone): the next
    build fills the new index from the graphs first, then adds its own."""
    store = open_store(tmp_path / "s")
    assert load_paths(store, SLICE[:1]).errors == []
    store.close()
    for path in tmp_path.glob("s.index.sqlite*"):
        path.unlink()
    store = open_store(tmp_path / "s")
    assert load_paths(store, SLICE[1:2]).errors == []
    listed = {row[1] for row in _read(reads.documents(store.index))}
    assert {"2025D33530", "kst-36410-VI-80"} <= listed
    assert store.index.dump() == _rebuilt(store)
    store.close()


@pytest.mark.parametrize("moment", ["before it", "during it"])
def test_store_build_after_an_interrupted_fill_fills_the_index_again(tmp_path, moment):
    """A build killed while it filled a new index from the store's graphs (or right
    after making the file) left graphs out of it; the next build fills it again
    instead of keeping the holes for good (it filled only an index it had just made)."""
    store = open_store(tmp_path / "s")
    assert load_paths(store, SLICE[:2]).errors == []
    store.close()
    for path in tmp_path.glob("s.index.sqlite*"):
        path.unlink()
    store = open_store(tmp_path / "s")  # a new index file, still empty
    if moment == "during it":

        def killed(number: int) -> None:  # the process ends after one graph's batch
            raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            rebuild_index(store, store.index, batch=1, progress=killed)
        assert len(store.index.graphs()) == 1
    store.close()
    store = open_store(tmp_path / "s")
    assert load_paths(store, SLICE[2:3]).errors == []
    listed = {row[1] for row in _read(reads.documents(store.index))}
    assert {"2025D33530", "kst-36410-VI-80"} <= listed
    assert store.index.dump() == _rebuilt(store)
    store.close()


SLICE = [
    settings.BUNDLED_CORPUS
    / "seeds"
    / "kamerbrief-2025D33530-diverse-onderwerpen-migratie.txt",
    settings.BUNDLED_CORPUS / "kamerstukken" / "kst-36410-VI-80.xml",
    settings.BUNDLED_CORPUS / "bwb-wti" / "BWBR0018451.WTI.xml",
]


@pytest.mark.parametrize("bulk", [False, True], ids=["one-by-one", "bulk"])
def test_store_build_writes_the_index_a_rebuild_gives(tmp_path, monkeypatch, bulk):
    """A build's index, written from the triples in the workers, equals the one
    ``wetgraaf index`` reads back from the graphs, in bulk batches or not."""
    import graph.load

    if bulk:
        monkeypatch.setattr(graph.load, "BULK_FILES", 0)
    store = open_store(tmp_path / "s")
    assert load_paths(store, SLICE).errors == []
    built = store.index.dump()
    assert built["links"] and built["texts"]
    assert built == _rebuilt(store)
    store.close()


@pytest.mark.parametrize(
    ("phrase", "found"),
    [
        ("Oekraïne", True),
        ("oekraine", True),  # typed without the diaeresis
        ("OEKRAÏNE", True),
        ("Oekrai\u0308ne", True),  # a decomposed ï (i + combining diaeresis)
        ("Oekraïn", True),  # as typed so far: the start of the last word
        ("Oekraïne migratie plannen Atlantis", False),
        ('x" } ?doc ?p ?o { "', False),
        ("", False),
    ],
)
def test_store_full_text_search_ignores_case_and_accents(phrase, found):
    text = "De opvang van ontheemden uit Oekraïne loopt door tot maart 2027."
    document, refs = letter()
    graph = build_document_graph(dataclasses.replace(document, text=text), [])
    store = open_store()
    store.replace_graph(graph_iri(document.id), graph)
    hits = reads.search_documents(store.index, phrase)
    assert [hit.doc for hit in hits] == ([LETTER] if found else [])
    if found:
        assert "[" in hits[0].snippet and "Oekraïne" in hits[0].snippet
