"""graph.store: named graphs replaced atomically, persisted, idempotent."""

import dataclasses
import io

import pytest
from rdflib import Graph, Literal, URIRef

from graph import settings
from graph.build import build_document_graph, graph_iri
from graph.errors import StoreError
from graph.load import load_paths
from graph.store import open_store, serialize_triples
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
    where the format has graphs; the derived summary graphs stay out."""
    from rdflib import Dataset

    document, refs = letter()
    graph = build_document_graph(document, refs)
    name = graph_iri(document.id)
    store = open_store()
    store.replace_graph(name, graph)
    assert store.has_summary()
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


# --- the summary graphs (graph.summary) ------------------------------------------------

VB = "https://wetten.overheid.nl/BWBR0011825"
VB_3_71_3 = "https://wetten.overheid.nl/jci1.3:c:BWBR0011825&artikel=3.71&lid=3"
KST = "https://zoek.officielebekendmakingen.nl/kst-19637-2798"
LETTER = "https://opendata.tweedekamer.nl/id/document/2025D33530"
COPY = "https://zoek.officielebekendmakingen.nl/kst-1-1"

SUMMARY_QUERY = """
SELECT ?table ?a ?b ?c ?d WHERE {
  { GRAPH <https://w3id.org/wetgraaf/summary/edges> {
      ?edge a wg:CitationEdge ; wg:edgeSource ?a ; wg:edgeTarget ?b ;
            wg:linkCount ?c ; wg:citedAs ?d }
    BIND("edges" AS ?table) }
  UNION
  { GRAPH <https://w3id.org/wetgraaf/summary/works> {
      ?a wg:citingDocuments ?b ; wg:incomingLinks ?c ; wg:citedAs ?d }
    BIND("works" AS ?table) }
  UNION
  { GRAPH <https://w3id.org/wetgraaf/summary/parts> {
      ?a wg:citingDocuments ?b ; wg:incomingLinks ?c ; wg:partOfWork ?d }
    BIND("parts" AS ?table) }
  UNION
  { GRAPH <https://w3id.org/wetgraaf/summary/documents> { ?a wg:outgoingLinks ?b }
    BIND("documents" AS ?table) }
  UNION
  { GRAPH <https://w3id.org/wetgraaf/summary/works> { ?a wg:summaryIdentifier ?b }
    BIND("work-ids" AS ?table) }
  UNION
  { GRAPH <https://w3id.org/wetgraaf/summary/documents> { ?a wg:summaryIdentifier ?b }
    BIND("document-ids" AS ?table) }
  UNION
  { GRAPH <https://w3id.org/wetgraaf/summary/documents> { ?a wg:listEntry ?b }
    BIND("entries" AS ?table) }
  UNION
  { GRAPH <https://w3id.org/wetgraaf/summary/documents> { ?a wg:motionEntry ?b }
    BIND("motion-entries" AS ?table) }
  UNION
  { GRAPH <https://w3id.org/wetgraaf/summary/documents> { ?a wg:networkEntry ?b }
    BIND("network-entries" AS ?table) }
  UNION
  { GRAPH <https://w3id.org/wetgraaf/summary/history> {
      ?edge a wg:HistoryEdge ; wg:edgeSource ?a ; wg:edgeTarget ?b ;
            wg:linkCount ?c ; wg:edgeGraph ?d }
    BIND("history" AS ?table) }
  UNION
  { GRAPH <https://w3id.org/wetgraaf/summary/relations> {
      ?a wg:edgeSource ?b ; wg:relationSubjectWork ?c ; wg:relationTargetWork ?d }
    BIND("relations" AS ?table) }
}
"""


def summary_rows(store) -> list[tuple]:
    """Every summary row as plain values, sorted (edges are blank nodes: left out).
    Each citing document's network entry must list its edges' works and links; the
    entries are then left out, as the edges' rows say the same."""
    from graph.remote import open_backend
    from graph.sparql import bind_parameters

    result = open_backend(store).select(bind_parameters(SUMMARY_QUERY, {}))
    rows = [
        (table, a, mede_sorted(str(b)), c, d) if table == "motion-entries" else row
        for row in result.rows
        for table, a, b, c, d in [row]
    ]
    entries = {
        str(a): sorted(_pairs(str(b)))
        for table, a, b, *_ in rows
        if table == "network-entries"
    }
    edges: dict[str, list[tuple[str, int]]] = {}
    for table, a, b, c, _ in rows:
        if table == "edges":
            edges.setdefault(str(a), []).append((str(b), int(c)))
    assert entries == {doc: sorted(pairs) for doc, pairs in edges.items()}, (
        "each citing document's network entry lists its edges"
    )
    return ordered(row for row in rows if row[0] != "network-entries")


def network_sorted(entry: str) -> str:
    """A network entry with its pairs in work order: each engine concatenates them
    (GROUP_CONCAT) in its own order."""
    return "\t".join(f"{work}\t{links}" for work, links in sorted(_pairs(entry)))


def _pairs(entry: str) -> list[tuple[str, int]]:
    """A network entry's (work, links) pairs."""
    fields = entry.split("\t")
    return [
        (work, int(links))
        for work, links in zip(fields[::2], fields[1::2], strict=True)
    ]


def mede_sorted(entry: str) -> str:
    """A motion entry with its medeindieners in name order: each engine concatenates
    them (GROUP_CONCAT) in its own order."""
    from graph.summary import MOTION_FIELDS

    fields = entry.split("\t", len(MOTION_FIELDS) - 1)
    index = MOTION_FIELDS.index("medeindieners")
    fields[index] = "; ".join(sorted(fields[index].split("; ")))
    return "\t".join(fields)


def ordered(rows) -> list[tuple]:
    return sorted(rows, key=lambda row: [str(value) for value in row])


def recounted(store) -> list[tuple]:
    """The summary as a full recount gives it (the oracle for incremental updates)."""
    before = summary_rows(store)
    store.refresh_summary()
    after = summary_rows(store)
    assert summary_rows(store) == after  # a second recount changes nothing
    return before if before == after else after


def _letter_copy(*, with_references: bool = True):
    document, refs = letter()
    return dataclasses.replace(document, id="kst-1-1"), refs if with_references else []


# A document's list entry: kind, identifier, date (the letters have none), links, title.
LETTER_TITLE = "Diverse onderwerpen op het gebied van migratie"
COPY_ENTRY = f"kamerbrief\tkst-1-1\t\t3\t{LETTER_TITLE}"
LETTER_ENTRY = f"kamerbrief\t2025D33530\t\t3\t{LETTER_TITLE}"

# fmt: off
TWO_LETTERS = [
    ("document-ids", COPY, "kst-1-1", None, None),
    ("document-ids", LETTER, "2025D33530", None, None),
    ("documents", COPY, 3, None, None),
    ("documents", LETTER, 3, None, None),
    ("entries", COPY, COPY_ENTRY, None, None),
    ("entries", LETTER, LETTER_ENTRY, None, None),
    ("edges", COPY, KST, 1, "parliamentary"),
    ("edges", COPY, VB, 1, "legislation"),
    ("edges", LETTER, KST, 1, "parliamentary"),
    ("edges", LETTER, VB, 1, "legislation"),
    ("parts", VB_3_71_3, 2, 2, VB),
    ("work-ids", KST, "kst-19637-2798", None, None),
    ("work-ids", VB, "BWBR0011825", None, None),
    ("works", KST, 2, 2, "parliamentary"),
    ("works", VB, 2, 2, "legislation"),
]
# fmt: on


def test_store_summary_counts_links_per_document_work_and_part():
    store = open_store()
    for document, refs in (letter(), _letter_copy()):
        store.replace_graph(
            graph_iri(document.id), build_document_graph(document, refs)
        )
    assert summary_rows(store) == ordered(TWO_LETTERS)
    assert recounted(store) == ordered(TWO_LETTERS)
    assert len(store) == 2 * len(build_document_graph(*letter()))  # summary not counted


@pytest.mark.parametrize(
    "change",
    ["reingest-same", "reingest-without-references", "remove", "remove-all"],
)
def test_store_summary_follows_one_document(change):
    store = open_store()
    for document, refs in (letter(), _letter_copy()):
        store.replace_graph(
            graph_iri(document.id), build_document_graph(document, refs)
        )
    copy, refs = _letter_copy(with_references=change != "reingest-without-references")
    if change.startswith("reingest"):
        store.replace_graph(graph_iri(copy.id), build_document_graph(copy, refs))
    else:
        store.remove_graph(graph_iri(copy.id))
    if change == "remove-all":
        store.remove_graph(graph_iri("2025D33530"))
    rows = summary_rows(store)
    assert rows == recounted(store)
    expected = {
        "reingest-same": TWO_LETTERS,
        "reingest-without-references": [
            ("document-ids", LETTER, "2025D33530", None, None),
            ("documents", LETTER, 3, None, None),
            # a document without links is listed too
            ("entries", COPY, COPY_ENTRY.replace("\t3\t", "\t0\t"), None, None),
            ("entries", LETTER, LETTER_ENTRY, None, None),
            ("edges", LETTER, KST, 1, "parliamentary"),
            ("edges", LETTER, VB, 1, "legislation"),
            ("parts", VB_3_71_3, 1, 1, VB),
            ("work-ids", KST, "kst-19637-2798", None, None),
            ("work-ids", VB, "BWBR0011825", None, None),
            ("works", KST, 1, 1, "parliamentary"),
            ("works", VB, 1, 1, "legislation"),
        ],
        "remove-all": [],
    }
    if change in expected:
        assert rows == ordered(expected[change])
    else:
        assert [r for r in rows if COPY in r] == [] and len(rows) == 10


def test_store_bulk_write_equals_one_by_one(tmp_path):
    documents = [letter(), _letter_copy()]
    one_by_one = open_store()
    for document, refs in documents:
        one_by_one.replace_graph(
            graph_iri(document.id), build_document_graph(document, refs)
        )
    bulk = open_store(tmp_path / "bulk")
    graphs = [
        (graph_iri(d.id), serialize_triples(build_document_graph(d, r)))
        for d, r in documents
    ]
    assert bulk.write_graphs(graphs) == {}
    assert summary_rows(bulk) == []  # the summary waits for the recount
    bulk.refresh_summary()
    assert summary_rows(bulk) == summary_rows(one_by_one) == ordered(TWO_LETTERS)
    assert sorted(bulk.quads()) == sorted(one_by_one.quads())
    # A document twice in one batch, and again over the stored graphs: the last
    # version replaces the others, never merged with them.
    older = build_document_graph(*letter())
    older.add((URIRef(LETTER), URIRef("http://example.org/note"), Literal("older")))
    fresh = open_store()
    for store in (fresh, bulk):
        batch = [(graphs[0][0], serialize_triples(older)), *graphs]
        assert store.write_graphs(batch) == {}
        assert sorted(store.quads()) == sorted(one_by_one.quads())
    bulk.close()


def test_store_queries_name_only_summary_graphs_that_exist():
    import re

    from graph.sparql import QUERY_DIR
    from graph.summary import SUMMARY_BASE, SUMMARY_GRAPHS

    named = {
        iri
        for path in QUERY_DIR.glob("*.rq")
        for iri in re.findall(rf"<({re.escape(SUMMARY_BASE)}[^>]*)>", path.read_text())
    }
    assert named and named <= {str(g) for g in SUMMARY_GRAPHS}


SLICE = [
    settings.BUNDLED_CORPUS
    / "seeds"
    / "kamerbrief-2025D33530-diverse-onderwerpen-migratie.txt",
    settings.BUNDLED_CORPUS / "kamerstukken" / "kst-36410-VI-80.xml",
]


@pytest.mark.parametrize(
    ("earlier", "files"),
    [
        pytest.param("none", SLICE, id="empty-store"),
        pytest.param("with-summary", SLICE[:1], id="one-file-incremental"),
        pytest.param("without-summary", SLICE[:1], id="one-file-old-store"),
    ],
)
def test_store_build_leaves_a_complete_summary(earlier, files):
    """Whatever a build starts from, the summary ends as a full recount gives it."""
    store = open_store()
    if earlier != "none":
        document, refs = letter()
        # A store written before summaries existed: documents, no summary.
        store.replace_graph(
            graph_iri("kst-1-1"),
            build_document_graph(dataclasses.replace(document, id="kst-1-1"), refs),
            summary=earlier == "with-summary",
        )
        assert store.has_summary() == (earlier == "with-summary")
    result = load_paths(store, files)
    assert result.errors == [] and result.documents == len(files)
    rows = summary_rows(store)
    assert any(COPY in row for row in rows) == (earlier != "none")
    assert store.has_summary() and rows == recounted(store)


def test_store_recount_in_batches_equals_documents_written_one_by_one():
    """However small the recount's batches, it gives the summary that writing each
    document with its own correction gives (history edges and relations included)."""
    files = [
        *SLICE,
        settings.BUNDLED_CORPUS / "bwb" / "BWBR0018451_2025-01-01_0.xml",
        settings.BUNDLED_CORPUS / "bwb-wti" / "BWBR0018451.WTI.xml",
    ]
    store = open_store()
    assert load_paths(store, files).errors == []
    written = summary_rows(store)
    tables = {row[0] for row in written}
    assert tables == {
        "documents",
        "document-ids",
        "edges",
        "entries",
        "history",
        "motion-entries",
        "parts",
        "relations",
        "works",
        "work-ids",
    }
    for batch in (1, 2, 1000):
        store.refresh_summary(batch=batch)
        assert summary_rows(store) == written, batch


def test_store_summary_graphs_are_emptied_a_batch_of_subjects_at_a_time():
    """Before a recount each summary graph is emptied by DELETEs of a few subjects
    (blank-node edges too), not by one DROP that holds them all in one transaction."""
    from graph.summary import SUMMARY_GRAPHS, _clear

    store = open_store()
    for document, refs in (letter(), _letter_copy()):
        store.replace_graph(
            graph_iri(document.id), build_document_graph(document, refs)
        )
    assert summary_rows(store)
    deletes = []

    def update(text: str) -> None:
        if text.startswith("DELETE"):  # the closing DROP is left out
            deletes.append(text)
            store._update(text, "test")

    for graph in SUMMARY_GRAPHS:
        _clear(graph, lambda query: store.select(query)[1], update, batch=2)
    assert summary_rows(store) == []
    # edges: 4 blank nodes in 2 deletes; works, parts, documents: 1 each; no history
    assert len(deletes) == 5


def test_store_recount_batches_sample_the_store_rather_than_neighbours():
    """The copies of one law (neighbours in IRI order) are spread over the recount's
    batches, each document in exactly one: a batch of neighbours held every copy's
    links, so the recount's memory grew with the store."""
    import re

    from graph.summary import refresh

    copies = [f"https://wetten.overheid.nl/BWBR0011823-x{n:02d}" for n in range(12)]
    batches: list[list[str]] = []

    def select(query: str) -> list[tuple[str]]:
        return [(iri,) for iri in copies] if "?link wg:inDocument ?doc" in query else []

    def update(text: str) -> None:
        if "VALUES ?doc" in text and "summary/edges" in text.split("WHERE")[0]:
            batches.append(re.findall(r"<([^>]+)>", text.split("VALUES ?doc")[1])[:3])

    refresh(select, update, batch=3)
    assert sorted(iri for batch in batches for iri in batch) == copies
    neighbours = [copies[i : i + 3] for i in range(0, 12, 3)]
    assert sorted(map(sorted, batches)) != neighbours


@pytest.mark.parametrize(
    "missing",
    [
        # before the list entries the summary held no identifiers either
        (("DOCUMENTS", "listEntry"), ("WORKS", "summaryIdentifier")),
        (("DOCUMENTS", "networkEntry"),),
    ],
)
def test_store_summary_without_its_entries_counts_as_none(missing):
    """A summary written before it held the documents' list entries (and the works'
    identifiers) or the network entries is recounted by the next build, which lists
    every document and gives every citing document its network entry (summary_rows
    checks)."""
    from graph import summary
    from graph.namespaces import WG

    store = open_store()
    document, refs = letter()
    store.replace_graph(graph_iri(document.id), build_document_graph(document, refs))
    assert store.has_summary()
    for graph_name, term in missing:
        graph = getattr(summary, graph_name)
        store._update(
            f"DELETE WHERE {{ GRAPH {graph.n3()} {{ ?s {WG[term].n3()} ?value }} }}",
            "test",
        )
    assert not store.has_summary()
    assert load_paths(store, SLICE[1:]).errors == []
    assert store.has_summary()
    rows = summary_rows(store)
    assert ("work-ids", VB, "BWBR0011825", None, None) in rows
    assert len([row for row in rows if row[0] == "entries"]) == len(SLICE)
    assert [row for row in rows if row[0] == "edges"]


ZORGTOESLAG = settings.BUNDLED_CORPUS / "bwb" / "BWBR0018451_2025-01-01_0.xml"
ZORGTOESLAG_WTI = settings.BUNDLED_CORPUS / "bwb-wti" / "BWBR0018451.WTI.xml"


def test_store_summary_names_the_graphs_with_dated_links():
    """The regeling's own version links and its amendment history (WTI) are dated;
    each document holding them gets a history edge with its graph, kept current per
    document; a store with dated links and no history edges has no current summary."""
    from graph.summary import HISTORY

    zt = "https://wetten.overheid.nl/BWBR0018451"
    wti = "https://w3id.org/wetgraaf/id/doc/BWBR0018451.WTI"
    own = ("history", zt, zt, 9, str(graph_iri("BWBR0018451")))
    history = ("history", wti, zt, 806, str(graph_iri("BWBR0018451.WTI")))
    store = open_store()
    assert load_paths(store, [ZORGTOESLAG, ZORGTOESLAG_WTI]).errors == []

    def history_rows() -> list[tuple]:
        return [
            tuple(str(v) if i != 3 else int(v) for i, v in enumerate(row))
            for row in summary_rows(store)
            if str(row[0]) == "history"
        ]

    assert history_rows() == [history, own]  # sorted: w3id.org before wetten
    assert summary_rows(store) == recounted(store)
    store.remove_graph(graph_iri("BWBR0018451.WTI"))
    assert history_rows() == [own]
    store._update(f"DROP GRAPH {HISTORY.n3()}", "test")
    assert not store.has_summary()
    assert load_paths(store, [ZORGTOESLAG]).errors == []
    assert store.has_summary() and history_rows() == [own]


def test_store_summary_indexes_the_typed_relations_by_their_works():
    """Each typed relation link (the seed letter answers motions and toezeggingen) is
    in the relations summary with its document and works, the same rows
    ``relation_edges`` reads through it; kept per document; a store with typed links
    and no relations summary has no current summary."""
    from graph.remote import open_backend
    from graph.sparql import run_query
    from graph.summary import RELATIONS

    letter_iri = "https://opendata.tweedekamer.nl/id/document/2025D33530"
    store = open_store()
    backend = open_backend(store)
    assert load_paths(store, SLICE).errors == []

    def relation_rows() -> list[tuple]:
        return [row[1:] for row in summary_rows(store) if str(row[0]) == "relations"]

    relations = run_query(backend, "relation_edges").as_dicts()
    assert len(relations) == 6
    indexed = ordered(
        (r["link"], r["statedIn"], r["subjectWork"], r["targetWork"]) for r in relations
    )
    assert relation_rows() == indexed
    assert {row[1] for row in indexed} == {letter_iri}
    assert summary_rows(store) == recounted(store)
    store.remove_graph(graph_iri("2025D33530"))
    assert relation_rows() == []
    assert not run_query(backend, "relation_edges").rows
    assert load_paths(store, SLICE[:1]).errors == []
    store._update(f"DROP GRAPH {RELATIONS.n3()}", "test")
    assert not store.has_summary()
    assert not run_query(backend, "relation_edges").rows  # read through the summary
    assert load_paths(store, SLICE[1:]).errors == []  # recounts the stale summary
    assert store.has_summary() and relation_rows() == indexed
