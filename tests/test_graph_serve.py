"""graph.serve: `wetgraaf serve` refuses SERVICE and updates, cuts answers at its row
limit and kills a runaway query while a simple one answers."""

import json
import os
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import replace
from pathlib import Path

import pytest

from graph.build.document import build_document_graph
from graph.iris import graph_iri
from graph.serve import ServeLimits, start_read_only_server
from graph.store import open_store
from tests.conftest_servers import free_port
from tests.graph_fixtures import letter

LIMITS = ServeLimits(rows=1000, seconds=60, workers=2, allow_services=frozenset())
RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE "
    "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . ?q ?r ?t }"
)


@pytest.fixture(scope="module")
def location(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("serve") / "store"
    store = open_store(folder)
    document, refs = letter()
    store.replace_graph(graph_iri(document.id), build_document_graph(document, refs))
    store.close()
    return folder


def ask(url: str, query: str, *, timeout: float = 60) -> tuple[int, str, dict]:
    """POST a query as a form; the status, the body and the headers."""
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(url, data=data)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def test_serve_refuses_service_and_the_listener_gets_nothing(location, fake_endpoint):
    listener = fake_endpoint()
    query = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
    with start_read_only_server(location, port=free_port(), limits=LIMITS) as server:
        status, body, _ = ask(server.query_url, query)
        assert status == 403
        assert "SERVICE" in body and len(body.strip().splitlines()) == 1
        hidden = f'SELECT ?s WHERE {{ ?s ?p "SERVICE <{listener.url}> {{}}" }}'
        assert ask(server.query_url, hidden)[0] == 200
    assert listener.requests == 0
    allowed = replace(LIMITS, allow_services=frozenset({listener.url}))
    with start_read_only_server(location, port=free_port(), limits=allowed) as server:
        status, body, _ = ask(server.query_url, query)
    assert status == 200, body
    assert listener.requests >= 1  # the allow-list, and only it, lets the query out


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <http://a> <http://b> <http://c> }",
        "LOAD <http://127.0.0.1:9/x.ttl>",
        "CLEAR ALL",
    ],
)
def test_serve_refuses_updates_sent_as_queries(location, query):
    with start_read_only_server(location, port=free_port(), limits=LIMITS) as server:
        status, body, _ = ask(server.query_url, query)
    assert status == 403
    assert len(body.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p ?o } LIMIT 100000",
        "SELECT * WHERE { ?s ?p ?o } OFFSET 1",
        "SELECT * WHERE { ?s ?p ?o } VALUES ?x { 1 2 3 }",
    ],
)
def test_serve_cuts_answers_at_its_row_limit(location, query):
    limits = replace(LIMITS, rows=3)
    with start_read_only_server(location, port=free_port(), limits=limits) as server:
        status, body, headers = ask(server.query_url, query)
        assert status == 200
        assert len(json.loads(body)["results"]["bindings"]) == 3
        assert headers.get("X-Wetgraaf-Truncated") == "3"
        status, body, headers = ask(
            server.query_url, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        )
        assert status == 200
        assert len(body.splitlines()) == 3
        assert "X-Wetgraaf-Truncated" in headers
        status, body, _ = ask(server.query_url, "ASK { ?s ?p ?o }")
        assert json.loads(body)["boolean"] is True


def test_serve_kills_a_runaway_query_while_a_simple_one_answers(location):
    limits = replace(LIMITS, seconds=3)
    with start_read_only_server(location, port=free_port(), limits=limits) as server:
        before = set(server.runner.started)
        outcome: dict[str, tuple] = {}

        def runaway() -> None:
            outcome["answer"] = ask(server.query_url, RUNAWAY)

        thread = threading.Thread(target=runaway)
        thread.start()
        deadline = time.monotonic() + 30
        while not set(server.runner.started) - before and time.monotonic() < deadline:
            time.sleep(0.05)
        (pid,) = set(server.runner.started) - before
        status, body, _ = ask(server.query_url, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")
        assert status == 200
        assert json.loads(body)["results"]["bindings"]
        thread.join(60)
    status, body, _ = outcome["answer"]
    assert status == 500
    assert "time limit" in body
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_serve_cli_takes_an_allow_list(monkeypatch, location):
    from click.testing import CliRunner

    from graph import cli

    seen = {}
    monkeypatch.setattr("graph.serve.serve_store", lambda *a, **k: seen.update(k))
    result = CliRunner().invoke(
        cli.cli,
        ["serve", "--store", str(location), "--allow-service", "http://a/sparql"],
    )
    assert result.exit_code == 0, result.output
    assert seen["limits"].allow_services == frozenset({"http://a/sparql"})


def test_serve_refuses_a_query_longer_than_the_cap(monkeypatch, location):
    monkeypatch.setenv("WETGRAAF_QUERY_MAX_KB", "1")
    query = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 2000
    with start_read_only_server(location, port=free_port(), limits=LIMITS) as server:
        before = list(server.runner.started)  # the query that saw it come up
        status, body, _ = ask(server.query_url, query)
        assert status == 403
        assert "WETGRAAF_QUERY_MAX_KB" in body
        assert list(server.runner.started) == before  # nothing ran


def test_serve_reading_the_query_counts_against_its_time_limit(location):
    parts = " UNION ".join(
        f"{{ ?s ?p ?o{i} FILTER(?o{i} > {i} && regex(str(?s), 'a')) }}"
        for i in range(150)
    )
    with start_read_only_server(location, port=free_port(), limits=LIMITS) as server:
        assert server.http_server is not None
        # once it is up, a time limit far shorter than reading the query takes
        handler = server.http_server.RequestHandlerClass
        handler.limits = replace(LIMITS, seconds=0.001)
        before = list(server.runner.started)
        status, body, _ = ask(server.query_url, f"SELECT ?s WHERE {{ {parts} }}")
        assert status == 500
        assert "time limit" in body
        assert list(server.runner.started) == before


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_serve_runs_at_most_its_workers_at_once(location):
    """Four runaway queries on a server of two workers: never more than two worker
    processes alive, each runaway ends in its time limit or busy, and a simple query
    answers afterwards."""
    limits = replace(LIMITS, seconds=2, workers=2)
    with start_read_only_server(location, port=free_port(), limits=limits) as server:
        answers: list[tuple] = []
        threads = [
            threading.Thread(
                target=lambda: answers.append(ask(server.query_url, RUNAWAY))
            )
            for _ in range(4)
        ]
        for thread in threads:
            thread.start()
        most = 0
        while any(thread.is_alive() for thread in threads):
            most = max(most, sum(_alive(pid) for pid in list(server.runner.started)))
            time.sleep(0.02)
        status, body, _ = ask(server.query_url, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")
    assert 1 <= most <= 2
    assert sorted(status for status, _, _ in answers) in (
        [500] * 4,
        [500, 500, 500, 503],
        [500, 500, 503, 503],
    ), answers
    assert status == 200 and json.loads(body)["results"]["bindings"]


def test_serve_answers_while_many_connections_sit_idle(location):
    """300 connections that send nothing or half a request hold no place a query
    needs (the oxigraph server timed others out with as many)."""
    with start_read_only_server(location, port=free_port(), limits=LIMITS) as server:
        address = urllib.parse.urlsplit(server.query_url)
        idle = []
        try:
            for number in range(300):
                connection = socket.create_connection(
                    (address.hostname, address.port), timeout=30
                )
                idle.append(connection)
                if number % 2:
                    connection.sendall(
                        b"POST /query HTTP/1.1\r\nContent-Length: 99\r\n"
                    )
            status, body, _ = ask(
                server.query_url, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", timeout=30
            )
        finally:
            for connection in idle:
                connection.close()
    assert status == 200 and json.loads(body)["results"]["bindings"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}", None),
        ("SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", None),
        ("SELECT * WHERE {{ ?s ?p ?o }}", "default-graph-uri"),
        ("SELECT * WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", "named-graph-uri"),
    ],
)
def test_serve_fetches_no_graph_a_query_or_its_parameters_name(
    location, fake_endpoint, query, parameter
):
    """FROM, FROM NAMED and the protocol's graph parameters name graphs of the store:
    a loopback listener named there gets no request."""
    listener = fake_endpoint()
    with start_read_only_server(location, port=free_port(), limits=LIMITS) as server:
        url = server.query_url
        if parameter is not None:
            url += "?" + urllib.parse.urlencode({parameter: listener.url})
        status, body, _ = ask(url, query.format(url=listener.url))
    assert status == 200, body  # the store's own graphs, whatever they are
    assert listener.requests == 0
