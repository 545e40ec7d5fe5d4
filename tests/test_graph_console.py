"""graph.console: the SPARQL console refuses updates, caps rows and stops waiting."""

import threading

import pytest

from graph.build import build_document_graph, graph_iri
from graph.console import (
    QueryRefusedError,
    QueryTimeoutError,
    check_read_only,
    limited,
    run_console_query,
    strip_opaque,
)
from graph.errors import QueryError
from graph.sparql import LocalBackend, QueryResult
from graph.store import open_store
from tests.graph_fixtures import letter


@pytest.fixture
def backend():
    store = open_store()
    document, refs = letter()
    store.replace_graph(graph_iri(document.id), build_document_graph(document, refs))
    yield LocalBackend(store)
    store.close()


HOSTILE = [
    'INSERT DATA { <http://a> <http://b> "c" }',
    "DELETE WHERE { ?s ?p ?o }",
    "delete data { <http://a> <http://b> <http://c> }",
    "LOAD <http://example.org/x.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <http://a>",
    "CREATE GRAPH <http://a>",
    "ADD DEFAULT TO <http://a>",
    "MOVE DEFAULT TO <http://a>",
    "COPY DEFAULT TO <http://a>",
    "WITH <http://a> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { <http://a> <http://b> <http://c> }",
    "# comment\nPREFIX x: <http://x/>\nINSERT DATA { x:a x:b x:c }",
    "<script>alert(1)</script>",
    "",
    "   ",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_console_refuses_updates_and_non_queries(backend, text):
    with pytest.raises(QueryRefusedError):
        run_console_query(backend, text)


def test_console_refusal_names_the_keyword():
    with pytest.raises(QueryRefusedError, match="INSERT"):
        check_read_only("insert data { <http://a> <http://b> 1 }")


def test_console_keywords_inside_strings_iris_comments_and_names_are_fine():
    text = (
        "# DELETE everything? no\n"
        "SELECT ?insert ?load WHERE {\n"
        '  ?insert wg:method ?load . FILTER(?load != "DROP GRAPH")\n'
        "  FILTER(?insert != <http://example.org/delete>)\n"
        "}"
    )
    assert check_read_only(text) == "SELECT"
    assert "DELETE" not in strip_opaque(text)


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("ASK { ?s ?p ?o }", "ASK"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <http://a>", "DESCRIBE"),
    ],
)
def test_console_knows_other_read_forms_but_only_runs_select(backend, text, form):
    assert check_read_only(text) == form
    with pytest.raises(QueryRefusedError, match="SELECT"):
        run_console_query(backend, text)


def test_console_runs_select_with_standard_prefixes(backend):
    answer = run_console_query(
        backend, "SELECT ?id WHERE { ?d wg:documentKind ?k ; dcterms:identifier ?id }"
    )
    assert answer.result.column("id") == ["2025D33530"]
    assert not answer.truncated


def test_console_caps_rows_and_says_so(backend):
    answer = run_console_query(
        backend, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", row_limit=5
    )
    assert len(answer.result.rows) == 5
    assert answer.truncated


def test_console_keeps_a_smaller_own_limit(backend):
    answer = run_console_query(
        backend, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 2", row_limit=5
    )
    assert len(answer.result.rows) == 2
    assert not answer.truncated


def test_console_limit_is_appended_only_when_valid():
    assert limited("SELECT * WHERE { ?s ?p ?o }", 10).endswith("LIMIT 11")
    assert limited("SELECT * WHERE { ?s ?p ?o } LIMIT 3", 10).endswith("LIMIT 3")
    trailing = "SELECT * WHERE { ?s ?p ?o } VALUES ?s { <http://a> }"
    assert limited(trailing, 10) == trailing


class BlockingBackend:
    """A backend whose query does not answer until released."""

    def __init__(self) -> None:
        self.release = threading.Event()

    def select(self, query: str) -> QueryResult:
        self.release.wait(30)
        return QueryResult(("s",), ())


def test_console_stops_waiting_after_the_time_limit():
    slow = BlockingBackend()
    try:
        with pytest.raises(QueryTimeoutError, match="WETGRAAF_QUERY_TIMEOUT"):
            run_console_query(slow, "SELECT ?s WHERE { ?s ?p ?o }", timeout=0.2)
    finally:
        slow.release.set()


def test_console_backend_errors_are_query_errors(backend):
    with pytest.raises(QueryError):
        run_console_query(backend, "SELECT ?s WHERE { ?s ?p ?o } ORDER BY wg:nope(?s)")
