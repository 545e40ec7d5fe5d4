"""graph.console: the SPARQL console refuses updates and SERVICE, caps rows whatever the
query's own LIMIT, OFFSET or VALUES, and kills a query at its time limit."""

import os
import threading
import time

import pytest

from graph.build.document import build_document_graph
from graph.console import (
    QueryRefusedError,
    QueryTimeoutError,
    check_read_only,
    run_console_query,
    strip_opaque,
    wrapped,
)
from graph.errors import QueryError
from graph.iris import graph_iri
from graph.sparql import LocalBackend, QueryResult
from graph.store import open_store
from graph.worker import QueryBusyError, QueryMemoryError, QueryRunner, runner_for
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


def test_console_wraps_the_query_under_its_own_limit():
    assert wrapped("SELECT * WHERE { ?s ?p ?o }", 10).endswith("LIMIT 11")
    text = "PREFIX x: <http://x/>\n# SELECT in a comment\nSELECT ?s WHERE { ?s x:p 1 }"
    assert wrapped(text, 3).startswith("PREFIX x: <http://x/>\n# SELECT in a comment\n")
    trailing = "SELECT * WHERE { ?s ?p ?o } VALUES ?s { <http://a> }"
    assert check_read_only(wrapped(trailing, 10)) == "SELECT"


@pytest.fixture(scope="module")
def disk_location(tmp_path_factory):
    location = tmp_path_factory.mktemp("console") / "store"
    store = open_store(location)
    document, refs = letter()
    store.replace_graph(graph_iri(document.id), build_document_graph(document, refs))
    store.close()
    return location


@pytest.fixture
def disk_backend(disk_location):
    store = open_store(disk_location, read_only=True)
    yield LocalBackend(store)
    store.close()


# The user's own LIMIT, OFFSET and VALUES: none lifts the console's row limit.
BYPASSES = [
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 100000",
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o } OFFSET 1 LIMIT 100000",
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o } VALUES ?x { 1 2 }",
    "SELECT ?s ?p ?o WHERE { { SELECT * WHERE { ?s ?p ?o } LIMIT 9999 } }",
]


@pytest.mark.parametrize("where", ["memory", "disk"])
@pytest.mark.parametrize("text", BYPASSES)
def test_console_row_limit_holds_whatever_the_query_says(
    backend, disk_backend, where, text
):
    chosen = backend if where == "memory" else disk_backend
    answer = run_console_query(chosen, text, row_limit=4)
    assert len(answer.result.rows) == 4
    assert answer.truncated


def test_console_on_disk_runs_in_a_worker_that_stops_at_the_limit(disk_backend):
    answer = run_console_query(
        disk_backend,
        "SELECT ?id WHERE { ?d wg:documentKind ?k ; dcterms:identifier ?id }",
    )
    assert answer.result.column("id") == ["2025D33530"]
    assert runner_for(disk_backend.store.location).started


def test_console_worker_forks_from_a_server_started_beforehand(disk_backend):
    """A server's warm-up starts the process the workers fork from
    (``start_forkserver``); the console's queries then run from it as before."""
    from multiprocessing import forkserver

    from graph.worker import start_forkserver

    start_forkserver()
    pid = forkserver._forkserver._forkserver_pid  # type: ignore[attr-defined]
    assert pid is not None
    os.kill(pid, 0)  # alive
    start_forkserver()  # a second call keeps it
    assert forkserver._forkserver._forkserver_pid == pid  # type: ignore[attr-defined]
    answer = run_console_query(
        disk_backend,
        "SELECT ?id WHERE { ?d wg:documentKind ?k ; dcterms:identifier ?id }",
    )
    assert answer.result.column("id") == ["2025D33530"]


SERVICES = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<http://127.0.0.1:9/> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "SELECT * WHERE { ?a ?b ?c { SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } } } }",
    "SELECT * WHERE { ?a ?b ?c FILTER EXISTS { SERVICE <http://x/> { ?a ?p ?o } } }",
    "SELECT * WHERE { ?a ?b ?c OPTIONAL { SERVICE <http://x/> { ?a ?p ?o } } }",
    "PREFIX r: <http://127.0.0.1:9/>\nSELECT * WHERE { SERVICE r:sparql { ?s ?p ?o } }",
]


@pytest.mark.parametrize("text", SERVICES)
def test_console_refuses_service(backend, text):
    with pytest.raises(QueryRefusedError, match="SERVICE .* niet toegestaan"):
        run_console_query(backend, text)
    with pytest.raises(QueryRefusedError, match="SERVICE"):
        check_read_only(text, allow_services=["http://elsewhere.example/sparql"])


def test_console_service_in_strings_iris_and_comments_is_no_clause():
    text = (
        "# SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }\n"
        "SELECT ?service WHERE {\n"
        '  ?service ?p "SERVICE <http://127.0.0.1:9/> { }" .\n'
        "  FILTER(?service != <http://example.org/SERVICE>)\n"
        "}"
    )
    assert check_read_only(text) == "SELECT"


def test_console_service_on_the_allow_list_passes(monkeypatch):
    text = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    assert check_read_only(text, allow_services=["http://127.0.0.1:9/sparql"])
    monkeypatch.setenv("WETGRAAF_SERVICE_ALLOW", "http://a/ http://127.0.0.1:9/sparql")
    assert check_read_only(text) == "SELECT"
    with pytest.raises(QueryRefusedError):
        check_read_only(text.replace("sparql", "other"))


def test_console_sends_nothing_to_a_service_endpoint(disk_backend, fake_endpoint):
    """A loopback listener named in SERVICE gets no request; allowed, it gets one
    (so the check is what keeps it quiet)."""
    listener = fake_endpoint()
    text = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryRefusedError, match="SERVICE"):
        run_console_query(disk_backend, text)
    assert listener.requests == 0
    answer = run_console_query(disk_backend, text, allow_services=[listener.url])
    assert answer.result.rows == ()
    assert listener.requests >= 1


@pytest.mark.parametrize("clause", ["FROM <{url}>", "FROM NAMED <{url}>"])
def test_console_fetches_no_graph_a_from_clause_names(
    disk_backend, fake_endpoint, clause
):
    """FROM and FROM NAMED name graphs of the store, never an address to fetch: a
    loopback listener named there gets no request (rdflib's own engine would ask)."""
    listener = fake_endpoint()
    text = f"SELECT * {clause.format(url=listener.url)} WHERE {{ ?s ?p ?o }}"
    run_console_query(disk_backend, text)  # the store's own graphs, whatever they are
    assert listener.requests == 0


RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE "
    "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . ?q ?r ?t }"
)


def _wait_for(condition, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_console_runaway_query_is_killed_while_a_simple_one_answers(disk_backend):
    runner = runner_for(disk_backend.store.location)
    before = set(runner.started)
    outcome: dict[str, BaseException] = {}

    def runaway() -> None:
        try:
            run_console_query(disk_backend, RUNAWAY, timeout=3)
        except BaseException as error:
            outcome["error"] = error

    thread = threading.Thread(target=runaway)
    thread.start()
    assert _wait_for(lambda: set(runner.started) - before)
    (runaway_pid,) = set(runner.started) - before
    answer = run_console_query(
        disk_backend, "SELECT ?k WHERE { ?d wg:documentKind ?k }", timeout=60
    )
    assert answer.result.rows
    thread.join(60)
    assert isinstance(outcome.get("error"), QueryTimeoutError)
    assert _gone(runaway_pid)


def test_runner_is_busy_when_every_worker_stays_taken(disk_location):
    runner = QueryRunner(disk_location, workers=1)
    outcome: dict[str, BaseException] = {}

    def runaway() -> None:
        try:
            runner.select(RUNAWAY, rows=1, seconds=30)
        except BaseException as error:
            outcome["error"] = error

    thread = threading.Thread(target=runaway, daemon=True)
    thread.start()
    assert _wait_for(lambda: runner.started)
    with pytest.raises(QueryBusyError, match="bezet"):
        runner.select("SELECT * WHERE { ?s ?p ?o }", rows=1, seconds=0.5)
    for pid in runner.started:  # end the runaway (the test's own worker)
        os.kill(pid, 9)
    thread.join(30)
    assert isinstance(outcome.get("error"), QueryError)


def test_runner_time_spent_waiting_for_a_place_counts_against_the_limit(
    disk_location,
):
    """A query that waited for the one place runs only for what is left of its time
    (it had its whole limit again, so a queue of them ran twice as long)."""
    given: list[tuple[float, float]] = []

    class Watched(QueryRunner):
        def _in_worker(self, job, seconds, *, limit):
            given.append((seconds, limit))
            return super()._in_worker(job, seconds, limit=limit)

    runner = Watched(disk_location, workers=1)
    first = threading.Thread(
        target=lambda: pytest.raises(
            QueryTimeoutError, runner.select, RUNAWAY, rows=1, seconds=2
        ),
    )
    first.start()
    assert _wait_for(lambda: runner.started)
    with pytest.raises(QueryTimeoutError, match="binnen 4 s"):
        runner.select(RUNAWAY, rows=1, seconds=4)
    first.join(30)
    (_, first_limit), (second_left, second_limit) = given
    assert first_limit == 2 and second_limit == 4
    assert second_left < 4  # it waited for the first one's place


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


# An ORDER BY over a cross join: the engine sorts every row, so memory grows with them.
SORTED_CROSS_JOIN = (
    "SELECT ?a ?d ?g ?j WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"
    " ORDER BY ?a ?d ?g ?j ?m"
)


def test_runner_worker_memory_is_capped_and_a_simple_query_still_answers(
    disk_location,
):
    runner = QueryRunner(disk_location, workers=1, memory_mb=1024)
    with pytest.raises(QueryMemoryError, match="WETGRAAF_QUERY_MEMORY_MB"):
        runner.select(SORTED_CROSS_JOIN, rows=10, seconds=120)
    (pid,) = runner.started
    assert _gone(pid)
    answer = runner.select("SELECT ?s WHERE { ?s ?p ?o } LIMIT 3", rows=10, seconds=60)
    assert len(answer.rows) == 3


def test_console_memory_cap_comes_from_the_setting(monkeypatch, tmp_path):
    monkeypatch.setenv("WETGRAAF_QUERY_MEMORY_MB", "1536")
    assert QueryRunner(tmp_path, workers=1).memory_mb == 1536


def _long_query(unions: int) -> str:
    parts = (
        f"{{ ?s ?p ?o{i} FILTER(?o{i} > {i} && regex(str(?s), 'a')) }}"
        for i in range(unions)
    )
    return "SELECT ?s WHERE { " + " UNION ".join(parts) + " }"


def test_console_refuses_a_query_longer_than_the_cap(monkeypatch, backend):
    monkeypatch.setenv("WETGRAAF_QUERY_MAX_KB", "2")
    text = _long_query(60)
    assert len(text) > 2048
    with pytest.raises(QueryRefusedError, match="WETGRAAF_QUERY_MAX_KB"):
        check_read_only(text)
    with pytest.raises(QueryRefusedError, match="WETGRAAF_QUERY_MAX_KB"):
        run_console_query(backend, text)
    assert run_console_query(backend, _long_query(3)).result.variables == ("s",)


def test_console_reading_the_query_counts_against_its_time_limit(disk_backend):
    runner = runner_for(disk_backend.store.location)
    before = list(runner.started)
    # within the default cap, but rdflib takes far more than a millisecond to read it
    with pytest.raises(QueryTimeoutError, match="niet eens gelezen"):
        run_console_query(disk_backend, _long_query(150), timeout=0.001)
    assert list(runner.started) == before  # no worker was started for it
