"""Reliability suite (issue 27): crashes, concurrent builds, readers during a build,
a hostile batch, pathological extraction input and misbehaving endpoints.

Everything runs the real ``wetgraaf`` command in subprocesses on loopback only, with a
fixed number of cases and a bound on each (a command that does not end within its
bound fails the case); nothing asserts on time. A sample of the bundled corpus
(Kamerstukken, seeds, rulings, publications, TK records and CJEU rulings: some 590
documents, a bulk build in two batches) is built once cleanly as the reference.
The cases tried and passed are in bench/RESULTS.md.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph
import pytest

from graph.index import Index
from graph.index.reads import NO_INDEX
from graph.load import BATCH_TRIPLES
from graph.settings import index_path
from ingest.extract import find_references
from tests.conftest_servers import EMPTY_SELECT, free_port
from tests.test_sources_hostile import (
    _binary,
    _deep_json,
    _deep_xml,
    _invalid_utf8,
    _truncated,
    _utf16,
    _wrong_root,
)

pytestmark = pytest.mark.slow

WETGRAAF = Path(sys.executable).with_name("wetgraaf")
CORPUS = Path(__file__).resolve().parent.parent / "corpus"
# The folders copied whole, and the first few files of others (CJEU judgments, seed
# letters and vote records are long: a few show their reader, all of them would
# triple each build).
SLICE = ["kamerstukken", "rechtspraak", "publicaties", "tk-odata/zaak-motie"]
SAMPLED = {"cjeu": 2, "seeds": 4, "tk-odata/stemming-per-agendapunt": 6}
BOUND = 300  # seconds any one command may take before the case fails
KILL_TRIALS = 4
SECRET = "ZQXRELIABILITYSECRETZQX"


def wetgraaf(
    *args: str, check: int | None = 0, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``wetgraaf`` to its end (at most ``BOUND`` seconds); ``check``: the exit
    status it must give (None: any)."""
    done = subprocess.run(
        [str(WETGRAAF), *args],
        capture_output=True,
        text=True,
        timeout=BOUND,
        env={**os.environ, "COLUMNS": "300", **(env or {})},
        check=False,
    )
    if check is not None:
        assert done.returncode == check, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def _start_build(corpus: Path, store: Path) -> subprocess.Popen[bytes]:
    """``wetgraaf build`` in its own process group (its workers go with it)."""
    return subprocess.Popen(
        [str(WETGRAAF), "build", str(corpus), "--store", str(store), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(BOUND)


def store_content(location: Path) -> tuple[frozenset[str], Counter[frozenset[str]]]:
    """Every quad of the store, comparable across builds: the quads without blank
    nodes as N-Quads lines, and each blank node as the set of its statements (its
    label is new in every build)."""
    store = pyoxigraph.Store.read_only(str(location))
    plain: set[str] = set()
    blank: dict[str, set[str]] = {}
    for quad in store:
        subject, value = quad.subject, quad.object
        statement = f"{quad.predicate} {value} {quad.graph_name}"
        if isinstance(subject, pyoxigraph.BlankNode):
            blank.setdefault(subject.value, set()).add(statement)
        else:
            assert not isinstance(value, pyoxigraph.BlankNode)
            plain.add(f"{subject} {statement}")
    del store
    return frozenset(plain), Counter(frozenset(s) for s in blank.values())


def index_content(location: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the read model beside the store ``location`` (each table in
    order), after SQLite's own checks of the file and of the full-text index."""
    path = index_path(None, location)
    assert path.exists(), path
    with contextlib.closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        db.execute("INSERT INTO texts_fts (texts_fts) VALUES ('integrity-check')")
    index = Index(path, read_only=True)
    try:
        return index.dump()
    finally:
        index.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reliability") / "corpus"
    for name in SLICE:
        shutil.copytree(CORPUS / name, folder / name)
    for name, count in SAMPLED.items():
        (folder / name).mkdir(parents=True)
        for file in sorted((CORPUS / name).iterdir())[:count]:
            shutil.copy(file, folder / name / file.name)
    return folder


@pytest.fixture(scope="module")
def clean(corpus: Path) -> tuple[Path, float]:
    """The reference store, built once without interruption, and how long it took
    (to spread the kills over a build)."""
    location = corpus.parent / "clean"
    started = time.monotonic()
    wetgraaf("build", str(corpus), "--store", str(location), "--workers", "2")
    return location, time.monotonic() - started


@pytest.fixture(scope="module")
def clean_content(clean):
    content = store_content(clean[0])
    assert len(content[0]) > BATCH_TRIPLES  # a build of several bulk batches
    return content


@pytest.fixture(scope="module")
def clean_index(clean):
    rows = index_content(clean[0])
    assert len(rows["documents"]) > 500 and rows["links"] and rows["votes"]
    return rows


def _copy_store(location: Path, to: Path) -> None:
    """A copy of the (closed) store at ``location`` and of its index, at ``to``."""
    shutil.copytree(location, to)
    shutil.copy(index_path(None, location), index_path(None, to))


# --- kill -9 during a build --------------------------------------------------------


@pytest.mark.parametrize("trial", range(KILL_TRIALS))
def test_reliability_build_killed_at_a_random_moment_then_rebuilt_is_a_clean_build(
    trial, corpus, clean, clean_content, clean_index, tmp_path
):
    _, seconds = clean
    moment = random.Random(2700 + trial).uniform(0.1, 0.75) * seconds
    location = tmp_path / "store"
    for _ in range(6):  # a build that ends before its moment is tried again sooner
        shutil.rmtree(location, ignore_errors=True)
        index_path(None, location).unlink(missing_ok=True)
        if trial % 2:  # half the trials kill a rebuild of a complete store
            _copy_store(clean[0], location)
        build = _start_build(corpus, location)
        try:
            with contextlib.suppress(subprocess.TimeoutExpired):
                build.wait(moment)
        finally:
            _kill(build)
        if build.returncode == -signal.SIGKILL:
            break
        assert build.returncode == 0, build.stderr.read() if build.stderr else ""
        moment /= 2
    assert build.returncode == -signal.SIGKILL  # killed, not finished before it
    wetgraaf("build", str(corpus), "--store", str(location), "--workers", "2")
    assert store_content(location) == clean_content
    assert index_content(location) == clean_index


# --- two builds on one store ---------------------------------------------------------


def _wait_for(condition: Callable[[], bool], seconds: float = BOUND) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_reliability_second_build_on_a_store_is_a_clear_lock_error(
    corpus, clean_content, clean_index, tmp_path
):
    location = tmp_path / "store"
    first = _start_build(corpus, location)
    try:
        assert _wait_for(
            lambda: (location / "LOCK").exists() or first.poll() is not None
        )
        second = wetgraaf(
            "build", str(corpus / "seeds"), "--store", str(location), check=None
        )
        finished = first.wait(BOUND)
    finally:
        _kill(first)
    assert finished == 0, first.stderr.read().decode()[-3000:] if first.stderr else ""
    assert second.returncode == 1
    lines = second.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), second.stderr
    assert "open for writing in another process" in lines[0]
    assert "Traceback" not in second.stdout + second.stderr
    assert store_content(location) == clean_content
    assert index_content(location) == clean_index


# --- readers while a build writes ----------------------------------------------------


def test_reliability_readers_while_a_build_rewrites_the_store(corpus, clean, tmp_path):
    location = tmp_path / "store"
    _copy_store(clean[0], location)
    build = _start_build(corpus, location)
    reads: list[subprocess.CompletedProcess[str]] = []
    try:
        while build.poll() is None or len(reads) < 4:
            command = ("stats",) if len(reads) % 2 == 0 else ("query", "documents")
            reads.append(wetgraaf(*command, "--store", str(location), check=None))
            if len(reads) >= 12:
                break
        assert build.wait(BOUND) == 0
    finally:
        _kill(build)
    failed = [r for r in reads if r.returncode != 0]
    assert not failed, failed[0].stderr
    # the same documents are rewritten: every reader sees all of them
    assert {_documents(r.stdout) for r in reads[::2]} == {
        _documents(wetgraaf("stats", "--store", str(clean[0])).stdout)
    }


def _documents(stats: str) -> int:
    return int(stats.split("documents:")[1].split()[0].replace(",", ""))


# --- a hostile batch through the command --------------------------------------------

GOOD = [
    "seeds/kamerbrief-2025D33530-diverse-onderwerpen-migratie.txt",
    "kamerstukken/kst-29861-126.xml",
    "tk-odata/zaak-motie/2024Z14350.json",
    "rechtspraak/ECLI.NL.RVS.2015.1780.xml",
    "publicaties/stb-2018-84.xml",
]
XML = CORPUS / "kamerstukken" / "kst-19637-3233.xml"
JSON = CORPUS / "tk-odata" / "zaak-motie" / "2024Z14350.json"
TEXT = CORPUS / "seeds" / "staat-van-migratie-2025.txt"


def _entity_file(secret: Path) -> bytes:
    """A Kamerstuk whose text names an external entity for the file ``secret``, where
    the word it stands before does reach the document's text."""
    xml = XML.read_bytes()
    body = xml[xml.index(b"<", xml.index(b"?>")) :]
    doctype = f'<!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]>'.encode()
    word = b"<titel>Vreemdelingenbeleid"
    assert body.count(word) == 1
    return (
        b'<?xml version="1.0"?>'
        + doctype
        + body.replace(word, b"<titel>&s;" + word[7:])
    )


def _hostile_files() -> dict[str, bytes]:
    """Bad files by name: broken variants of real files of three readers, a billion
    laughs, wrong types, odd names."""
    xml, data, text = XML.read_bytes(), JSON.read_bytes(), TEXT.read_bytes()
    laughs = (
        b'<!DOCTYPE x [<!ENTITY a "ha">'
        + b"".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode()
            for i in range(9)
        )
        + b"]>"
    )
    return {
        "truncated.xml": _truncated(xml),
        "wrong-root.xml": _wrong_root(xml),
        "binary.xml": _binary(xml),
        "invalid-utf8.xml": _invalid_utf8(xml),
        "deep.xml": _deep_xml(xml),
        "billion-laughs.xml": b'<?xml version="1.0"?>' + laughs + b"<x>&j;</x>",
        "truncated.json": _truncated(data),
        "deep.json": _deep_json(data),
        "wrong-types.json": data.replace(b'"Onderwerp":', b'"Onderwerp": 1, "x":', 1),
        "binary.txt": _binary(text),
        "invalid-utf8.txt": _invalid_utf8(text),
        "utf16-bom.txt": _utf16(text),
        "sp\u00e4ced name \u2014 odd;'$(x).xml": _truncated(xml),
    }


def test_reliability_hostile_batch_ingests_the_good_files_and_names_each_bad_one(
    tmp_path,
):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    folder = tmp_path / "batch"
    for relative in GOOD:
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS / relative, folder / relative)
    # not expanded (checked by reader in test_sources_hostile): a good document here
    (folder / "entity" / "kst-19637-3233.xml").parent.mkdir()
    (folder / "entity" / "kst-19637-3233.xml").write_bytes(_entity_file(secret))
    good_only = tmp_path / "good"
    shutil.copytree(folder, good_only)
    bad = _hostile_files()
    (folder / "junk").mkdir()
    for name, data in bad.items():
        (folder / "junk" / name).write_bytes(data)
    store = tmp_path / "store"
    done = wetgraaf("build", str(folder), "--store", str(store), check=1)
    errors = [line for line in done.stderr.splitlines() if line.startswith("error ")]
    assert len(errors) == len(bad), done.stderr
    for name in bad:
        assert sum(name in line for line in errors) == 1, (name, errors)
    assert "Traceback" not in done.stderr
    wetgraaf("build", str(good_only), "--store", str(tmp_path / "reference"))
    # the batch's store holds exactly the good files' graphs (named below "batch")
    ours, reference = store_content(store), store_content(tmp_path / "reference")
    assert ours[0] == {line.replace('"good/', '"batch/') for line in reference[0]}, (
        "the hostile files changed what the good ones give"
    )
    assert ours[1] == reference[1]
    assert index_content(store) == index_content(tmp_path / "reference")
    assert any("Vreemdelingenbeleid" in line for line in ours[0])
    assert not any(SECRET in line for line in ours[0])


# --- pathological input to extract stays linear -------------------------------------

PATHOLOGICAL = {
    "hoofdstuk-paragraaf": "hoofdstuk 1, paragraaf 2, ",
    "artikel-t/m": "artikel 1 t/m ",
    "open-paren-artikel": "(artikel 1 ",
    "artikel-list": "artikel 1, 2, 3 en ",
    "lid-onder": "artikel 3, eerste lid, onder a, ",
    "staatsblad": "Stb. 2000, 497; ",
    "kamerstukken": "Kamerstukken II 2019/20, 35 300, nr. ",
    "ecli": "ECLI:NL:RVS:2020:",
    "newlines": "artikel\n",
    "one-word": "x",
}


def _calls(text: str) -> int:
    """Python and C function calls made by ``find_references(text)``: work done,
    counted the same on any machine."""
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        find_references(text)
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.parametrize("unit", list(PATHOLOGICAL.values()), ids=list(PATHOLOGICAL))
def test_reliability_pathological_text_takes_linear_work(unit):
    find_references("artikel 1 Vw")  # build the pipeline first
    n = 8_000

    def text(size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    small, large = _calls(text(n)), _calls(text(4 * n))
    assert large <= 5 * small + 1_000, (small, large)


# --- endpoints that refuse, hang, trickle, fail or answer garbage ------------------


@contextlib.contextmanager
def misbehaving_endpoint(kind: str) -> Iterator[str]:
    """A loopback SPARQL endpoint that misbehaves as ``kind`` says; its URL."""
    if kind == "refuses":
        yield f"http://127.0.0.1:{free_port()}/sparql"  # nothing listens there
        return
    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self._answer()

        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self._answer()

        def _answer(self) -> None:
            if kind == "hangs":
                stop.wait(BOUND)
                return
            if kind == "fails":
                self._send(500, b"Virtuoso 42000 Error SR325: out of memory")
                return
            if kind == "garbage":
                self._send(200, b"\x00\xff<html>not sparql</html>", "text/html")
                return
            if kind == "oversized":
                self._send(200, EMPTY_SELECT.encode() + b" " * (3 * 1024 * 1024))
                return
            assert kind == "trickles"
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(EMPTY_SELECT)))
            self.end_headers()
            for byte in EMPTY_SELECT.encode():
                if stop.wait(0.5):
                    return
                try:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                except OSError:  # the client gave up: as it should
                    return

        def _send(
            self,
            status: int,
            body: bytes,
            content_type: str = "application/sparql-results+json",
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


ENDPOINT_CASES = ["refuses", "hangs", "trickles", "fails", "garbage", "oversized"]
REMOTE_ENV = {
    "WETGRAAF_QUERY_TIMEOUT": "1",
    "WETGRAAF_ENDPOINT_MAX_MB": "1",
}


@pytest.mark.parametrize("command", [("stats",), ("query", "documents")])
@pytest.mark.parametrize("kind", ENDPOINT_CASES)
def test_reliability_misbehaving_endpoint_is_one_clear_error_line(kind, command):
    with misbehaving_endpoint(kind) as url:
        done = wetgraaf("--endpoint", url, *command, check=1, env=REMOTE_ENV)
    # an endpoint's index lives beside the default store; none is made here
    lines = [
        line
        for line in done.stderr.strip().splitlines()
        if line != f"warning: {NO_INDEX}"
    ]
    *retries, error = lines
    assert error.startswith("Error: ") and url in error, done.stderr
    assert all("retrying in" in line for line in retries), done.stderr  # one a try
    assert len(retries) <= 2  # the default three tries
    assert "Traceback" not in done.stdout + done.stderr
