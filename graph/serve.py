"""Serve the embedded on-disk store as a read-only SPARQL 1.1 endpoint.

Other tools (YASGUI, a notebook, another wetgraaf pointed at it with
``WETGRAAF_ENDPOINT``) can then query the graph. The query URL is ``http://HOST:PORT/query``
either way; the default graph is the union of the named graphs, as the named queries
expect.

When the ``oxigraph`` command (PyPI package ``oxigraph``) is installed we run
``oxigraph serve-read-only``; otherwise a small standard-library HTTP server answers the
SPARQL Protocol (GET and POST, ``application/sparql-results+json``) over
``pyoxigraph.Store.read_only`` and refuses updates with ``403``.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph

from graph.errors import StoreError

log = logging.getLogger(__name__)

JSON_RESULTS = "application/sparql-results+json"
READY_TIMEOUT = 30.0  # seconds to wait for the server to answer its first query


def find_oxigraph() -> str | None:
    """The ``oxigraph`` server command: on PATH or next to this Python (a venv)."""
    found = shutil.which("oxigraph")
    if found:
        return found
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else None


@dataclass
class ReadOnlyServer:
    """A running read-only endpoint; ``stop()`` it (or use it as a context manager)."""

    query_url: str
    process: subprocess.Popen[bytes] | None = None
    http_server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = field(default=None, repr=False)
    _store: pyoxigraph.Store | None = field(default=None, repr=False)

    def wait(self) -> None:
        """Block until the server stops (Ctrl-C stops it)."""
        try:
            if self.process is not None:
                self.process.wait()
            elif self._thread is not None:
                while self._thread.is_alive():
                    self._thread.join(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
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
    use_oxigraph_command: bool | None = None,
) -> ReadOnlyServer:
    """Start serving the store at ``location`` read-only; returns once it answers.

    Args:
        location: folder of the embedded store (``WETGRAAF_STORE``).
        host, port: where to listen; keep ``127.0.0.1`` unless others must reach it.
        use_oxigraph_command: True/False to force or forbid ``oxigraph
            serve-read-only``; None uses it when installed.

    Returns:
        A ``ReadOnlyServer`` whose ``query_url`` is ``http://host:port/query``.

    Raises:
        StoreError: no store at ``location``, the command is missing (when forced),
            or the server did not come up within ``READY_TIMEOUT`` seconds.
    """
    if not location.is_dir():
        raise StoreError(f"{location}: no store here; run `wetgraaf build` first")
    command = find_oxigraph()
    if use_oxigraph_command and command is None:
        raise StoreError(
            "the `oxigraph` command is not installed (pip install oxigraph)"
        )
    netloc = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    query_url = f"http://{netloc}/query"
    if command is not None and use_oxigraph_command is not False:
        process = subprocess.Popen(
            [
                command,
                "serve-read-only",
                "--location",
                str(location),
                "--bind",
                netloc,
                "--union-default-graph",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        server = ReadOnlyServer(query_url, process=process)
    else:
        server = _start_stdlib_server(location, host, port, query_url)
    try:
        _wait_until_ready(server)
    except StoreError:
        server.stop()
        raise
    return server


def serve_store(
    location: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    use_oxigraph_command: bool | None = None,
) -> None:
    """Serve the store read-only until interrupted (for ``wetgraaf serve``)."""
    server = start_read_only_server(
        location, host=host, port=port, use_oxigraph_command=use_oxigraph_command
    )
    log.info("serving %s read-only at %s", location, server.query_url)
    server.wait()


def _wait_until_ready(server: ReadOnlyServer) -> None:
    probe = server.query_url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if server.process is not None and server.process.poll() is not None:
            stderr = server.process.stderr.read() if server.process.stderr else b""
            message = stderr.decode("utf-8", "replace").strip().splitlines()
            raise StoreError(
                f"{server.query_url}: oxigraph exited: "
                f"{message[-1] if message else server.process.returncode}"
            )
        try:
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise StoreError(
        f"{server.query_url}: no answer within {READY_TIMEOUT:g} s after starting"
    )


def _start_stdlib_server(
    location: Path, host: str, port: int, query_url: str
) -> ReadOnlyServer:
    try:
        store = pyoxigraph.Store.read_only(str(location))
    except OSError as error:
        raise StoreError(f"{location}: cannot open the store: {error}") from error
    handler = type("Handler", (_SparqlHandler,), {"store": store})
    try:
        http_server = ThreadingHTTPServer((host, port), handler)
    except OSError as error:
        raise StoreError(f"{host}:{port}: cannot listen: {error}") from error
    http_server.daemon_threads = True
    thread = threading.Thread(target=http_server.serve_forever, daemon=True)
    thread.start()
    return ReadOnlyServer(
        query_url, http_server=http_server, _thread=thread, _store=store
    )


_GraphName = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.DefaultGraph


class _SparqlHandler(BaseHTTPRequestHandler):
    """SPARQL 1.1 Protocol queries on ``/query``; everything else is refused."""

    store: pyoxigraph.Store
    server_version = "wetgraaf-read-only"

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
        defaults: list[_GraphName] = [
            pyoxigraph.NamedNode(g) for g in params.get("default-graph-uri", [])
        ]
        named: list[pyoxigraph.NamedNode | pyoxigraph.BlankNode] = [
            pyoxigraph.NamedNode(g) for g in params.get("named-graph-uri", [])
        ]
        try:
            result = self.store.query(
                queries[0],
                use_default_graph_as_union=not defaults,
                default_graph=defaults or None,
                named_graphs=named or None,
            )
            if isinstance(result, pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean):
                payload = result.serialize(format=pyoxigraph.QueryResultsFormat.JSON)
                content_type = JSON_RESULTS
            else:
                payload = result.serialize(format=pyoxigraph.RdfFormat.N_TRIPLES)
                content_type = "application/n-triples"
        except SyntaxError as error:
            self._send_error(400, f"bad query: {error}")
            return
        except (OSError, ValueError) as error:
            self._send_error(500, f"query failed: {error}")
            return
        assert isinstance(payload, bytes)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _send_error(self, status: int, message: str) -> None:
        data = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


__all__ = ["ReadOnlyServer", "find_oxigraph", "serve_store", "start_read_only_server"]
