"""Real SPARQL servers on loopback for the remote-store tests (session fixtures).

* ``oxigraph_endpoint``: ``oxigraph serve --union-default-graph`` (PyPI ``oxigraph``).
* ``virtuoso_endpoint``: Virtuoso Open Source 7 (Debian ``virtuoso-opensource``),
  started in the foreground from a temporary ``virtuoso.ini`` (own ports, own database
  folder). Updates go to ``/sparql-auth`` with digest authentication as ``dba``; the
  anonymous ``/sparql`` endpoint stays read-only, as on a production install.
* ``fake_endpoint``: a tiny HTTP server whose answers a test scripts (sleep, status
  codes) and which counts the requests it gets.

A missing server binary skips its tests with the reason, except in CI (``CI=true``)
where it fails them: CI must install the servers.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from graph.serve import find_oxigraph

READY_TIMEOUT = 60.0  # seconds a server may take to answer its first query


@dataclass(frozen=True)
class Endpoint:
    """How to reach a running SPARQL server."""

    name: str
    query_url: str
    update_url: str
    user: str | None = None
    password: str | None = None
    auth: str = "basic"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def missing_server(reason: str) -> None:
    """Skip (locally) or fail (in CI) when a server cannot be run."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: install it, see the README)")
    pytest.skip(reason)


def _wait_until_ready(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    probe = url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            pytest.fail(f"{url}: server exited with {process.returncode}:\n{tail}")
        try:
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    _stop(process)
    pytest.fail(f"{url}: no answer within {READY_TIMEOUT:g} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def oxigraph_command() -> str:
    """The ``oxigraph`` server's command (skips or fails when it is missing)."""
    command = find_oxigraph()
    if command is None:
        missing_server("the `oxigraph` server is not installed (pip install oxigraph)")
    assert command is not None
    return command


@contextlib.contextmanager
def oxigraph_server(folder: Path) -> Iterator[Endpoint]:
    """``oxigraph serve`` on the store in ``folder / "store"`` (made when missing)."""
    port = free_port()
    log = folder / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                oxigraph_command(),
                "serve",
                "--location",
                str(folder / "store"),
                "--bind",
                f"127.0.0.1:{port}",
                "--union-default-graph",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(f"{base}/query", process, log)
        yield Endpoint("oxigraph-server", f"{base}/query", f"{base}/update")
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def oxigraph_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoint]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph-server")) as endpoint:
        yield endpoint


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty_buffers}
DirsAllowed = .
VADInstallDir = {db}/vad

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 10
MaxClientConnections = 10

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = {max_seconds}
"""


@dataclass(frozen=True)
class Virtuoso:
    """A running Virtuoso: its SPARQL endpoint and SQL port."""

    endpoint: Endpoint
    sql_port: int

    def isql(self, *statements: str) -> str:
        """Run SQL statements as ``dba`` with Virtuoso's own client (``isql-vt``)."""
        command = shutil.which("isql-vt") or shutil.which("isql")
        if command is None:
            missing_server("Virtuoso's isql-vt is not installed")
        assert command is not None
        script = "".join(f"{statement};\n" for statement in statements)
        done = subprocess.run(
            [command, f"127.0.0.1:{self.sql_port}", "dba", "dba", "VERBOSE=OFF"],
            input=script,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            pytest.fail(f"isql: {done.stdout[-2000:]}{done.stderr[-2000:]}")
        return done.stdout


@contextlib.contextmanager
def virtuoso_server(
    folder: Path,
    *,
    buffers: int = 10_000,
    max_rows: int = 100_000,
    max_seconds: int = 60,
) -> Iterator[Virtuoso]:
    """Virtuoso in the foreground on a new database in ``folder`` (its ``DirsAllowed``:
    the folder, for the bulk loader), with ``buffers`` pages of 8 kB of cache, and
    SPARQL results of at most ``max_rows`` rows and ``max_seconds`` seconds."""
    command = shutil.which("virtuoso-t")
    if command is None:
        missing_server(
            "Virtuoso is not installed (apt-get install -y virtuoso-opensource)"
        )
    assert command is not None
    (folder / "vad").mkdir()
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        VIRTUOSO_INI.format(
            db=folder,
            sql_port=sql_port,
            http_port=http_port,
            buffers=buffers,
            dirty_buffers=buffers * 3 // 4,
            max_rows=max_rows,
            max_seconds=max_seconds,
        ),
        encoding="utf-8",
    )
    log = folder / "virtuoso.log"
    with (folder / "stdout.log").open("wb") as out:
        process = subprocess.Popen(
            [command, "+foreground", "+configfile", str(ini)],
            cwd=folder,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{http_port}"
    try:
        _wait_until_ready(f"{base}/sparql", process, log)
        endpoint = Endpoint(
            "virtuoso",
            f"{base}/sparql",
            f"{base}/sparql-auth",
            user="dba",
            password="dba",
            auth="digest",
        )
        yield Virtuoso(endpoint, sql_port)
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def virtuoso_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoint]:
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as virtuoso:
        yield virtuoso.endpoint


@dataclass
class FakeEndpoint:
    """A loopback HTTP server answering every request with the next scripted reply.

    A reply is ``(status, body)`` or ``(status, body, delay_seconds)``; the last one
    repeats. ``requests`` counts what arrived.
    """

    url: str
    replies: list[tuple[int, str] | tuple[int, str, float]] = field(
        default_factory=list
    )
    requests: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_reply(self) -> tuple[int, str, float]:
        with self.lock:
            index = min(self.requests, len(self.replies) - 1)
            self.requests += 1
            reply = self.replies[index]
        return (reply[0], reply[1], reply[2] if len(reply) == 3 else 0.0)


EMPTY_SELECT = '{"head": {"vars": ["x"]}, "results": {"bindings": []}}'


@pytest.fixture
def fake_endpoint() -> Iterator[Callable[..., FakeEndpoint]]:
    servers: list[ThreadingHTTPServer] = []

    def start(*replies: tuple[int, str] | tuple[int, str, float]) -> FakeEndpoint:
        fake = FakeEndpoint("", list(replies) or [(200, EMPTY_SELECT)])

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def _reply(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                status, body, delay = fake.next_reply()
                if delay:
                    time.sleep(delay)
                data = body.encode("utf-8")
                try:
                    self.send_response(status)
                    content_type = (
                        "application/sparql-results+json"
                        if status == 200
                        else "text/plain"
                    )
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a timeout test)

            do_GET = do_POST = _reply  # noqa: N815

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        fake.url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        return fake

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
