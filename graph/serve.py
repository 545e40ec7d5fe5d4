"""Serve the embedded on-disk store as a read-only SPARQL 1.1 endpoint.

Other tools (YASGUI, a notebook, another wetgraaf pointed at it with
``WETGRAAF_ENDPOINT``) can then query the graph. The query URL is
``http://HOST:PORT/query``; the default graph is the union of the named graphs, as the
named queries expect.

A standard-library HTTP server answers the SPARQL Protocol (GET and POST,
``application/sparql-results+json``, N-Triples for CONSTRUCT and DESCRIBE) and refuses
updates with ``403``. Every query is checked as the console checks it
(``graph.console.check_read_only``: no update, no SERVICE outside the allow-list,
``403``) and runs in a worker process (``graph.worker``) that stops at the row limit
and is killed at the time limit, at most ``workers`` at once (``503`` when none frees
up in time). The ``oxigraph serve-read-only`` command is not used: it sends SERVICE
requests anywhere and its ``--timeout-s`` does not stop a query (an ORDER BY over a
cross join kept a core and gigabytes of memory for as long as we watched).
"""

from __future__ import annotations

import logging
import shutil
import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from graph import settings
from graph.console import (
    InvalidQueryError,
    QueryRefusedError,
    check_read_only,
    time_left,
)
from graph.errors import QueryError, StoreError
from graph.worker import (
    BadQueryError,
    QueryBusyError,
    QueryRunner,
    QueryTimeoutError,
)

log = logging.getLogger(__name__)

JSON_RESULTS = "application/sparql-results+json"
READY_TIMEOUT = 30.0  # seconds to wait for the server to answer its first query
IDLE_TIMEOUT = 30.0  # seconds a connection may stay silent before it is closed
MAX_BODY = 10_000_000  # bytes of a POSTed query


@dataclass(frozen=True, slots=True)
class ServeLimits:
    """What one served query may take: rows (or triples), seconds, and how many run at
    once; which SERVICE endpoints it may name."""

    rows: int
    seconds: float
    workers: int
    allow_services: frozenset[str]

    @classmethod
    def from_settings(cls) -> ServeLimits:
        return cls(
            rows=int(settings.SERVE_ROW_LIMIT.value()),
            seconds=float(settings.SERVE_TIMEOUT.value()),
            workers=max(1, int(settings.QUERY_WORKERS.value())),
            allow_services=settings.allowed_services(),
        )


def find_oxigraph() -> str | None:
    """The ``oxigraph`` server command: on PATH or next to this Python (a venv)."""
    found = shutil.which("oxigraph")
    if found:
        return found
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else None


@dataclass
class ReadOnlyServer:
    """A running read-only endpoint; ``stop()`` it (or use it as a context manager).

    ``runner`` runs its queries (its ``started`` lists the worker processes' ids).
    """

    query_url: str
    runner: QueryRunner
    http_server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = field(default=None, repr=False)

    def wait(self) -> None:
        """Block until the server stops (Ctrl-C stops it)."""
        try:
            while self._thread is not None and self._thread.is_alive():
                self._thread.join(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()

    def stop(self) -> None:
        if self.http_server is not None:
            self.http_server.shutdown()
            self.http_server.server_close()
            self.http_server = None

    def __enter__(self) -> ReadOnlyServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_read_only_server(
    location: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    limits: ServeLimits | None = None,
) -> ReadOnlyServer:
    """Start serving the store at ``location`` read-only; returns once it answers.

    Args:
        location: folder of the embedded store (``WETGRAAF_STORE``).
        host, port: where to listen; keep ``127.0.0.1`` unless others must reach it.
        limits: rows, seconds and workers per query and the SERVICE allow-list
            (default: ``WETGRAAF_SERVE_ROWS``, ``WETGRAAF_SERVE_TIMEOUT``,
            ``WETGRAAF_QUERY_WORKERS``, ``WETGRAAF_SERVICE_ALLOW``).

    Returns:
        A ``ReadOnlyServer`` whose ``query_url`` is ``http://host:port/query``.

    Raises:
        StoreError: no store at ``location``, the address is taken, or the server
            did not come up within ``READY_TIMEOUT`` seconds.
    """
    if not location.is_dir():
        raise StoreError(f"{location}: no store here; run `wetgraaf build` first")
    limits = limits or ServeLimits.from_settings()
    netloc = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    query_url = f"http://{netloc}/query"
    runner = QueryRunner(location, workers=limits.workers)
    handler = type("Handler", (_SparqlHandler,), {"runner": runner, "limits": limits})
    server_class = _Server6 if ":" in host else ThreadingHTTPServer
    try:
        http_server = server_class((host, port), handler)
    except OSError as error:
        raise StoreError(f"{host}:{port}: cannot listen: {error}") from error
    http_server.daemon_threads = True
    thread = threading.Thread(target=http_server.serve_forever, daemon=True)
    thread.start()
    server = ReadOnlyServer(query_url, runner, http_server=http_server, _thread=thread)
    try:
        _wait_until_ready(server)
    except StoreError:
        server.stop()
        raise
    return server


class _Server6(ThreadingHTTPServer):
    address_family = socket.AF_INET6


def serve_store(
    location: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    limits: ServeLimits | None = None,
) -> None:
    """Serve the store read-only until interrupted (for ``wetgraaf serve``)."""
    server = start_read_only_server(location, host=host, port=port, limits=limits)
    log.info("serving %s read-only at %s", location, server.query_url)
    server.wait()


def _wait_until_ready(server: ReadOnlyServer) -> None:
    probe = server.query_url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + READY_TIMEOUT
    problem = "no answer"
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(probe, timeout=READY_TIMEOUT) as response:
                if response.status == 200:
                    return
        except urllib.error.HTTPError as error:  # the store cannot be read
            problem = error.read().decode("utf-8", "replace").strip()
            break
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise StoreError(
        f"{server.query_url}: {problem} within {READY_TIMEOUT:g} s after starting"
    )


class _SparqlHandler(BaseHTTPRequestHandler):
    """SPARQL 1.1 Protocol queries on ``/query``; everything else is refused."""

    runner: QueryRunner
    limits: ServeLimits
    server_version = "wetgraaf-read-only"
    timeout = IDLE_TIMEOUT  # an idle connection does not hold its thread for ever

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        log.debug("%s " + format, self.address_string(), *args)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/query":
            self._send_error(404, "not found: the query endpoint is /query")
            return
        self._answer(urllib.parse.parse_qs(url.query))

    def do_POST(self) -> None:  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._send_error(413, f"a query may have at most {MAX_BODY} bytes")
            self.close_connection = True
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        if url.path != "/query":
            self._send_error(403, "this endpoint is read-only")
            return
        params = urllib.parse.parse_qs(url.query)
        content_type = self.headers.get_content_type()
        if content_type == "application/x-www-form-urlencoded":
            params.update(urllib.parse.parse_qs(body))
        elif content_type == "application/sparql-query":
            params["query"] = [body]
        elif content_type == "application/sparql-update":
            self._send_error(403, "this endpoint is read-only")
            return
        else:
            self._send_error(415, f"unsupported content type {content_type}")
            return
        self._answer(params)

    def do_PUT(self) -> None:  # noqa: N802
        self._send_error(403, "this endpoint is read-only")

    do_DELETE = do_PUT  # noqa: N815

    def _answer(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._send_error(403, "this endpoint is read-only")
            return
        queries = params.get("query", [])
        if len(queries) != 1:
            self._send_error(400, "give exactly one query parameter")
            return
        started = time.monotonic()
        try:
            check_read_only(queries[0], allow_services=self.limits.allow_services)
            payload = self.runner.serialized(
                queries[0],
                rows=self.limits.rows,
                seconds=time_left(started, self.limits.seconds),
                default_graphs=params.get("default-graph-uri", []),
                named_graphs=params.get("named-graph-uri", []),
            )
        except (InvalidQueryError, BadQueryError) as error:
            self._send_error(400, f"bad query: {error}")
            return
        except QueryRefusedError as error:
            self._send_error(403, str(error))
            return
        except QueryBusyError as error:
            self._send_error(503, str(error))
            return
        except QueryTimeoutError:
            self._send_error(
                500, f"query stopped after {self.limits.seconds:g} s (time limit)"
            )
            return
        except QueryError as error:
            self._send_error(500, str(error))
            return
        self.send_response(200)
        self.send_header("Content-Type", payload.content_type)
        self.send_header("Content-Length", str(len(payload.data)))
        if payload.truncated:
            self.send_header("X-Wetgraaf-Truncated", str(self.limits.rows))
        self.end_headers()
        self.wfile.write(payload.data)

    def _send_error(self, status: int, message: str) -> None:
        line = " ".join(message.split())
        data = (line + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


__all__ = [
    "ReadOnlyServer",
    "ServeLimits",
    "find_oxigraph",
    "serve_store",
    "start_read_only_server",
]
