"""graph.pages: the citation_edges, unresolved_references and relation_edges exports
read in bounded pages, written as one table."""

import io
import json
from dataclasses import replace

import pytest

from graph import settings
from graph.load import load_paths
from graph.namespaces import WG
from graph.pages import (
    LINKS_PER_PAGE,
    Plan,
    citation_edge_plan,
    incoming_plan,
    plan_for,
    read_pages,
    relation_plan,
    unresolved_plan,
    vote_plan,
    write_results,
)
from graph.sparql import LocalBackend, QueryResult, run_query
from graph.store import open_store
from graph.summary import DOCUMENTS, RELATIONS
from tests.graph_fixtures import mixed_corpus_store

CORPUS = settings.BUNDLED_CORPUS


store = pytest.fixture(scope="module", name="store")(mixed_corpus_store)


@pytest.fixture(scope="module")
def backend(store):
    return LocalBackend(store)


SUMMARY_PLANS = [citation_edge_plan, unresolved_plan, relation_plan, incoming_plan]
PLANS = [*SUMMARY_PLANS, vote_plan]  # votes are counted in their graphs


@pytest.mark.parametrize("plan_of", PLANS, ids=lambda plan_of: plan_of.__name__)
@pytest.mark.parametrize("per_page", [1, 7, 100, LINKS_PER_PAGE, 10**6])
def test_pages_one_after_another_are_the_whole_result(backend, plan_of, per_page):
    plan = plan_of(backend, per_page)
    whole = run_query(backend, plan.query)
    finished = []
    results = list(read_pages(backend, plan, finished.append))
    rows = [row for result in results for row in result.rows]
    assert len(whole.rows) > 80
    assert rows == list(whole.rows)  # same rows, same order
    assert {result.variables for result in results} == {whole.variables}
    assert sum(finished) == plan.documents


def test_unresolved_pages_hold_whole_documents_up_to_the_size(backend):
    """A page's documents state at most that many unresolved references (counted
    from their entries), a document stating more is a page of its own."""
    whole = run_query(backend, "unresolved_references")
    stated: dict[str, int] = {}
    for doc in whole.column("doc"):
        stated[str(doc)] = stated.get(str(doc), 0) + 1
    size = 12
    assert max(stated.values()) > size > min(stated.values())
    pages = list(unresolved_plan(backend, size).pages)
    docs = [page.bindings["doc"] for page in pages]
    assert any(len(run) > 1 for run in docs)
    for run in docs:
        assert len(run) == 1 or sum(stated.get(doc, 0) for doc in run) <= size
    assert {doc for doc, count in stated.items() if count > size} <= {
        run[0] for run in docs if len(run) == 1
    }


def _rows_per(whole: QueryResult, column: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in whole.column(column):
        counts[str(value)] = counts.get(str(value), 0) + 1
    return counts


@pytest.mark.parametrize(
    ("plan_of", "parameter", "size"),
    [(citation_edge_plan, "source", 100), (relation_plan, "subjectWork", 10)],
    ids=["citation_edges", "relation_edges"],
)
def test_pages_hold_whole_documents_up_to_the_size_and_cut_larger_ones(
    backend, plan_of, parameter, size
):
    pages = list(plan_of(backend, size).pages)
    rows = _rows_per(run_query(backend, plan_of(backend, size).query), parameter)
    assert max(rows.values()) > size > min(rows.values())
    whole = [p for p in pages if "link" not in p.bindings]
    runs = [p for p in pages if "link" in p.bindings]
    assert any(len(p.bindings[parameter]) > 1 for p in whole)
    for page in whole:
        assert sum(rows[doc] for doc in page.bindings[parameter]) <= size
    cut = {doc for doc, count in rows.items() if count > size}
    assert {p.bindings[parameter] for p in runs} == cut
    assert all(0 < len(p.bindings["link"]) <= size for p in runs)
    # every document once: whole on one page or run by run, finished by its last run
    assert sum(p.documents for p in pages) == len(rows)


@pytest.mark.parametrize("plan_of", PLANS, ids=lambda plan_of: plan_of.__name__)
@pytest.mark.parametrize("per_page", [10, 10**6])
def test_pages_bind_at_most_a_values_block(backend, monkeypatch, plan_of, per_page):
    """Oxigraph joins a larger block by reading every link first (graph/pages.py)."""
    monkeypatch.setattr("graph.pages.VALUES_BATCH", 2)
    plan = plan_of(backend, per_page)
    pages = list(plan.pages)
    keys = [p.bindings.get("link", next(iter(p.bindings.values()))) for p in pages]
    sizes = list(map(len, keys))
    assert max(sizes) <= 2
    if per_page == 10**6:  # nothing else bounds a page
        assert max(sizes) == 2
    read = read_pages(backend, Plan(plan.query, plan.documents, pages))
    rows = [r for result in read for r in result.rows]
    assert rows == list(run_query(backend, plan.query).rows)


def _law_and_seeds():
    """A store of one law and the seeds, its own to change: several pages a plan."""
    store = open_store()
    paths = [
        CORPUS / "bwb" / "BWBR0018451_2025-01-01_0.xml",
        *sorted((CORPUS / "seeds").glob("*.txt")),
    ]
    assert load_paths(store, paths).errors == []
    return store


@pytest.mark.parametrize(
    "stale",
    [
        f"DELETE WHERE {{ GRAPH {DOCUMENTS.n3()} {{ ?d {WG.networkEntry.n3()} ?e }} }}",
        f"DROP GRAPH {RELATIONS.n3()}",  # entries kept, the summary not current
    ],
    ids=["without-network-entries", "summary-not-current"],
)
@pytest.mark.parametrize("plan_of", SUMMARY_PLANS, ids=lambda plan_of: plan_of.__name__)
def test_pages_of_a_store_without_a_current_summary_are_one_query(stale, plan_of):
    store = _law_and_seeds()
    backend = LocalBackend(store)
    assert len(list(plan_of(backend, 7).pages)) > 1
    store._update(stale, "test")
    plan = plan_of(backend, 7)
    assert [p.bindings for p in plan.pages] == [{}]
    rows = [r for result in read_pages(backend, plan) for r in result.rows]
    assert rows == list(run_query(backend, plan.query).rows)


def test_incoming_pages_of_a_citing_document_without_list_entry_are_one_query():
    """Every work's incoming links are paged by the citing documents' graphs, named
    by their list entries: one missing, nothing to name its page by."""
    store = _law_and_seeds()
    backend = LocalBackend(store)
    assert len(list(incoming_plan(backend, 7).pages)) > 1
    doc = "https://wetten.overheid.nl/BWBR0018451"
    store._update(
        f"DELETE WHERE {{ GRAPH {DOCUMENTS.n3()} {{ <{doc}> {WG.listEntry.n3()} ?e }} }}",
        "test",
    )
    plan = incoming_plan(backend, 7)
    assert [p.bindings for p in plan.pages] == [{}]
    rows = [r for result in read_pages(backend, plan) for r in result.rows]
    whole = run_query(backend, "incoming_links")
    assert doc in {str(d) for d in whole.column("citingDoc")}
    assert rows == list(whole.rows)


@pytest.fixture(scope="module")
def laws():
    """The Vw, the Vb and the Awb, citing each other and themselves, and letters
    citing them."""
    store = open_store()
    paths = [
        CORPUS / "bwb" / "BWBR0011823_2019-02-27_0.xml",
        CORPUS / "bwb" / "BWBR0011825_2019-07-01_0.xml",
        CORPUS / "bwb" / "BWBR0005537_2020-04-15_0.xml",
        CORPUS / "seeds",
        *sorted((CORPUS / "kamerstukken").glob("*.xml"))[:12],
    ]
    assert load_paths(store, paths).errors == []
    return LocalBackend(store)


VW = "https://wetten.overheid.nl/BWBR0011823"
VB = "https://wetten.overheid.nl/BWBR0011825"
AWB = "https://wetten.overheid.nl/BWBR0005537"


@pytest.mark.parametrize("work", [VW, VB, AWB])
@pytest.mark.parametrize("per_page", [1, 50, LINKS_PER_PAGE, 10**6])
def test_incoming_pages_one_after_another_are_the_whole_result(laws, work, per_page):
    """Pages of the documents citing a work, each read in its own graph, the work's
    links to itself among them; a document citing it more often than a page holds in
    runs of its links."""
    whole = run_query(laws, "incoming_links", work=work)
    plan = incoming_plan(laws, per_page, work=work)
    pages = list(plan.pages)
    results = list(read_pages(laws, replace(plan, pages=pages)))
    rows = [r for result in results for r in result.rows]
    assert rows == list(whole.rows)  # same rows, same order
    citing = _rows_per(whole, "citingDoc")
    assert work in citing and len(citing) >= 3  # cited by itself and by others
    assert all(page.bindings["work"] == work for page in pages)
    assert sum(page.documents for page in pages) == plan.documents == len(citing)
    assert max(len(result.rows) for result in results) <= per_page
    if per_page == 50:  # a document citing it more often, in runs
        assert max(citing.values()) > per_page
        assert any("link" in page.bindings for page in pages)


def test_incoming_pages_of_a_work_cited_by_nothing_else_are_one_query(laws):
    plan = incoming_plan(laws, work="https://wetten.overheid.nl/BWBR9999999")
    assert [page.bindings for page in plan.pages] == [
        {"work": "https://wetten.overheid.nl/BWBR9999999"}
    ]


RESULTS = [
    QueryResult(("a", "b"), (("x", 1), ('y, "z"', None))),
    QueryResult(("a", "b"), ()),
    QueryResult(("a", "b"), (("é\n", 2.5),)),
]


@pytest.mark.parametrize(
    "results",
    [RESULTS, RESULTS[1:], RESULTS[:1], [RESULTS[1]], RESULTS[::-1]],
    ids=["three", "empty-first", "one", "only-empty", "reversed"],
)
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_write_results_is_the_text_of_all_rows_at_once(results, fmt):
    together = QueryResult(
        results[0].variables, tuple(row for r in results for row in r.rows)
    )
    out = io.StringIO()
    count = write_results(results, fmt, out)
    expected = together.to_csv() if fmt == "csv" else together.to_json()
    assert out.getvalue() == expected
    assert count == len(together.rows)
    if fmt == "json":
        assert json.loads(out.getvalue()) == together.as_dicts()


@pytest.mark.parametrize(
    ("name", "bindings", "paged"),
    [
        ("citation_edges", {}, True),
        ("unresolved_references", {}, True),
        ("relation_edges", {}, True),
        ("votes", {}, True),
        ("incoming_links", {}, True),
        (
            "relation_edges",
            {"subjectWork": "https://wetten.overheid.nl/BWBR0012289"},
            False,
        ),
        (
            "unresolved_references",
            {"doc": "https://wetten.overheid.nl/BWBR0018451"},
            False,
        ),
        ("citation_edges", {"source": "https://wetten.overheid.nl/BWBR0018451"}, False),
        ("incoming_links", {"work": "https://wetten.overheid.nl/BWBR0011825"}, True),
        (
            "incoming_links",
            {"work": "https://wetten.overheid.nl/BWBR0011825", "citingGraph": "x"},
            False,
        ),
        ("documents", {}, False),
        ("graph/queries/citation_edges.rq", {}, False),
    ],
)
def test_plan_for_pages_unbound_exports_and_one_works_incoming_links(
    backend, name, bindings, paged
):
    plan = plan_for(backend, name, bindings)
    assert (plan is not None) == paged
    if plan is not None:
        assert plan.query == name and plan.documents > 1
