"""A remote SPARQL 1.1 endpoint behind the same interface as the embedded store.

``RemoteBackend`` answers SELECT queries (``graph.sparql.QueryBackend``) over the SPARQL
1.1 Protocol with JSON results; ``RemoteStore`` writes named graphs through SPARQL 1.1
Update. Both use SPARQLWrapper with an explicit timeout, retry connection errors, 5xx
answers and timeouts a bounded number of times with exponential backoff (never a 4xx),
and raise ``EndpointError`` with one line naming the URL.

The named queries have no ``GRAPH`` clauses: they expect the endpoint's default graph
to be the union of the named graphs. Virtuoso and GraphDB do that out of the box;
start Oxigraph with ``--union-default-graph``; Fuseki needs ``unionDefaultGraph``.

``replace_graph`` sends one update request that writes the new triples into a fresh
staging graph (``INSERT DATA`` blocks of at most ``INSERT_CHUNK`` triples) and ends with
``MOVE`` from the staging graph onto the document's graph. Oxigraph applies a request
as one transaction; Virtuoso 7.2 does not roll back the operations before a failing
one, but those only touched the staging graph, and the ``MOVE`` that replaces the old
graph never runs. After a failed request the staging graph is dropped, so on every
SPARQL 1.1 server a failed write leaves the previous version of the document intact.
Virtuoso's SPARQL parser gives up ("SP030 ... memory exhausted") on a single
``INSERT DATA`` block of a few thousand triples, but accepts any number of blocks in
one request; a literal of 1 MB (a document's full text) is no problem for either.
While a write is under way, a server that does not isolate requests (Virtuoso) may
show the staging triples in its union default graph as well.
"""

from __future__ import annotations

import ast
import http.client
import json
import logging
import re
import socket
import threading
import time
import urllib.error
import uuid
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol, TypeVar

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier, Node
from SPARQLWrapper import BASIC, DIGEST, JSON, POST, SELECT, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
    URITooLong,
)

from graph import settings
from graph.deadline import call_within
from graph.errors import EndpointError, QueryError, StoreError
from graph.export import Progress, ox_quad, write_quads
from graph.index import DocumentRows, Index, document_rows
from graph.namespaces import GRAPH_BASE, PREFIXES
from graph.sparql import QueryResult, ReadBackend
from graph.store import (
    Capabilities,
    GraphWrite,
    TripleLines,
    open_store,
    serialize_triples,
)
from graph.values import to_python

log = logging.getLogger(__name__)

INSERT_CHUNK = 1000  # triples per INSERT DATA block (Virtuoso fails near 4,500)
# Where a document is written before it replaces its graph (never under GRAPH_BASE).
STAGING_BASE = "https://w3id.org/wetgraaf/staging/"
TRIES = 3
BACKOFF = 0.5  # seconds before the second try; doubled for each further try

T = TypeVar("T")


class RejectedRequestError(EndpointError, QueryError):
    """The endpoint refused the request itself (HTTP 4xx): retrying cannot help.

    Both an ``EndpointError`` (the endpoint answered with an error) and a
    ``QueryError`` (a malformed query is the caller's problem, as with the embedded
    store)."""


#: The largest answer read from an endpoint (a runaway CONSTRUCT, a garbage stream).
MAX_ANSWER_BYTES = 512 * 1024 * 1024
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class ConnectionSettings:
    """How to talk to an endpoint: timeouts, retries and HTTP credentials.

    Args:
        timeout: seconds the answer to a query may take, per try, in all (a server
            trickling bytes is cut off at it, not only one that is silent).
        update_timeout: seconds an update request (one document) may take, per try.
        max_bytes: the largest answer read; a larger one is an EndpointError.
        tries: attempts for connection errors, timeouts and 5xx answers.
        backoff: seconds before the second try, doubled for each next one.
        user, password: HTTP credentials, if the endpoint asks for them.
        auth: the HTTP authentication scheme, ``basic`` or ``digest``.

    Raises:
        ValueError: an unknown ``auth`` scheme or fewer than one try.
    """

    timeout: float = 10.0
    update_timeout: float = 120.0
    max_bytes: int = MAX_ANSWER_BYTES
    tries: int = TRIES
    backoff: float = BACKOFF
    user: str | None = None
    password: str | None = None
    auth: str = "basic"

    def __post_init__(self) -> None:
        if self.auth.lower() not in ("basic", "digest"):
            raise ValueError(
                f"unknown HTTP authentication {self.auth!r}; use basic/digest"
            )
        if self.tries < 1:
            raise ValueError("tries must be at least 1")


def _prologue_without_comments(text: str) -> str:
    """``text`` without the comment lines before its query form (SELECT, INSERT…).

    SPARQLWrapper tells a query from an update by the first such keyword after removing
    comment lines, but of several comment lines in a row it removes every other one:
    a comment saying "what citation_network adds" made a SELECT an ADD update. Comment
    lines after the query form are left alone (a long literal may hold a line starting
    with #)."""
    lines = text.splitlines(keepends=True)
    index = next(
        (i for i, line in enumerate(lines) if _starts_query(line.lstrip())),
        len(lines),
    )
    head = [line for line in lines[:index] if not line.lstrip().startswith("#")]
    return "".join(head + lines[index:])


_DECLARATION = re.compile(r"(PREFIX|BASE)\b", re.IGNORECASE)


def _starts_query(line: str) -> bool:
    """Whether a stripped line is past the prologue: not blank, a comment or a
    PREFIX/BASE declaration."""
    return bool(line) and not line.startswith("#") and not _DECLARATION.match(line)


class _Connection:
    """One endpoint URL with the settings to reach it; ``timeout`` per request."""

    def __init__(
        self, url: str, connection: ConnectionSettings, *, timeout: float
    ) -> None:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"{url!r} is not an http(s) URL")
        self.url = url
        self.timeout = timeout
        self.max_bytes = connection.max_bytes
        self.tries = connection.tries
        self.backoff = connection.backoff
        self.user = connection.user or None
        self.password = connection.password or None
        self.auth = DIGEST if connection.auth.lower() == "digest" else BASIC

    def wrapper(self, text: str) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(self.url)
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(JSON)
        wrapper.setOnlyConneg(True)  # no format=/output= parameters, only Accept
        # Not setTimeout: it truncates to int seconds (0.5 becomes 0: no timeout).
        wrapper.timeout = self.timeout  # type: ignore[assignment]  # urlopen takes float
        if self.user and self.password:
            wrapper.setHTTPAuth(self.auth)
            wrapper.setCredentials(self.user, self.password)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            wrapper.setQuery(_prologue_without_comments(text))
        # Only SPARQLWrapper's own verdict counts: catch_warnings records every
        # thread's warnings, and the requests run in threads (a stray warning from
        # another one made a SELECT "not a SELECT" now and then).
        if any("unknown query type" in str(w.message) for w in caught):
            wrapper.queryType = None  # SPARQLWrapper could not tell what this is
        return wrapper

    def call(self, what: str, request: Callable[[], T]) -> T:
        """Run ``request`` with bounded retries; every failure becomes one line."""
        for attempt in range(1, self.tries + 1):
            try:
                return _within(self.timeout, request)
            except (
                SPARQLWrapperException,
                OSError,
                http.client.HTTPException,
            ) as error:
                retry, problem = _describe(error, self.timeout)
                if not retry:
                    raise RejectedRequestError(
                        f"{self.url}: {what} refused: {problem}"
                    ) from error
                if attempt == self.tries:
                    tries = "1 try" if self.tries == 1 else f"{self.tries} tries"
                    raise EndpointError(
                        f"{self.url}: {what} failed: {problem} (after {tries})"
                    ) from error
                delay = self.backoff * 2 ** (attempt - 1)
                log.warning("%s: %s; retrying in %.1f s", self.url, problem, delay)
                time.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover


def _within(seconds: float, request: Callable[[], T]) -> T:
    """``request()``, or TimeoutError when it has not returned after ``seconds``.

    The socket timeout bounds each read, not the whole answer: a server sending a byte
    every few seconds would hold a command forever. The request runs in a daemon
    thread, so the caller stops waiting at the deadline; the reads of the body check
    the same deadline (``_read_body``) and end that thread too."""
    deadline = time.monotonic() + seconds

    def run() -> T:
        _DEADLINE.value = deadline
        return request()

    return call_within(seconds, run, name="endpoint-request")


_DEADLINE = threading.local()


def _read_body(response: Any, max_bytes: int, url: str) -> bytes:
    """The whole body, read as it comes, at most ``max_bytes`` and no later than the
    request's deadline."""
    deadline = getattr(_DEADLINE, "value", None)
    read = getattr(response, "read1", response.read)
    parts: list[bytes] = []
    size = 0
    try:
        while True:
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError("the answer kept coming past the time limit")
            chunk = read(_CHUNK)
            if not chunk:
                return b"".join(parts)
            size += len(chunk)
            if size > max_bytes:
                raise EndpointError(
                    f"{url}: the answer is larger than {max_bytes // (1024 * 1024)} MB;"
                    " ask for less (LIMIT) or raise WETGRAAF_ENDPOINT_MAX_MB"
                )
            parts.append(chunk)
    finally:
        response.close()


def _describe(error: BaseException, timeout: float) -> tuple[bool, str]:
    """(worth retrying, one-line problem) for anything a request can raise."""
    if isinstance(error, QueryBadFormed):
        return False, f"HTTP 400 bad request: {_server_message(error)}"
    if isinstance(error, Unauthorized):
        return False, "HTTP 401 unauthorized (check the endpoint user and password)"
    if isinstance(error, EndPointNotFound):
        return False, "HTTP 404 not found (is this the SPARQL endpoint URL?)"
    if isinstance(error, URITooLong):
        return False, "HTTP 414 request too long"
    if isinstance(error, EndPointInternalError):
        return True, f"HTTP 500 server error: {_server_message(error)}"
    if isinstance(error, urllib.error.HTTPError):
        return error.code >= 500, f"HTTP {error.code} {error.reason}"
    if isinstance(error, urllib.error.URLError):
        if isinstance(error.reason, TimeoutError | socket.timeout):
            return True, f"no answer within {timeout:g} s"
        return True, f"cannot connect ({error.reason})"
    if isinstance(error, TimeoutError | socket.timeout):
        return True, f"no answer within {timeout:g} s"
    if isinstance(error, SPARQLWrapperException):
        return False, _one_line(str(error))
    return True, f"connection failed ({_one_line(str(error)) or type(error).__name__})"


def _server_message(error: SPARQLWrapperException) -> str:
    """The first line of the endpoint's own error text (SPARQLWrapper keeps its repr)."""
    _, _, response = str(error).partition("Response:\n")
    try:
        body = ast.literal_eval(response) if response else b""
    except (ValueError, SyntaxError):
        body = response
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    return _one_line(text) or "no details"


def _one_line(text: str, limit: int = 200) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _read_json(
    wrapper: SPARQLWrapper, max_bytes: int = MAX_ANSWER_BYTES
) -> dict[str, Any]:
    """The JSON answer, parsed here: SPARQLWrapper's ``convert`` only warns (and
    returns something else) when the content type is unexpected."""
    body = _read_body(wrapper.query().response, max_bytes, wrapper.endpoint)
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict):
        raise EndpointError(f"{wrapper.endpoint}: the answer is not SPARQL JSON")
    return data


def _send_update(wrapper: SPARQLWrapper) -> None:
    _read_body(wrapper.query().response, MAX_ANSWER_BYTES, wrapper.endpoint)


def term_from_json(binding: dict[str, str]) -> Identifier:
    """An rdflib term for one SPARQL JSON result binding.

    Accepts Virtuoso's older ``typed-literal`` type; a language tag wins over a
    datatype (``rdf:langString``), as rdflib wants."""
    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        lang = binding.get("xml:lang")
        if lang:
            return Literal(value, lang=lang)
        datatype = binding.get("datatype")
        return Literal(value, datatype=URIRef(datatype) if datatype else None)
    raise EndpointError(f"unsupported term type {kind!r} in a SPARQL JSON result")


def _rows(data: dict[str, Any], url: str) -> tuple[list[str], list[dict[str, Any]]]:
    try:
        variables = [str(v) for v in data["head"].get("vars", [])]
        bindings = data["results"]["bindings"]
    except (KeyError, TypeError, AttributeError):
        if "boolean" in data:
            raise QueryError("only SELECT queries return tables") from None
        raise EndpointError(
            f"{url}: the answer is not a SPARQL SELECT result"
        ) from None
    return variables, bindings


class RemoteBackend:
    """Answers SELECT queries on a remote SPARQL 1.1 query endpoint.

    Values are converted exactly as ``LocalBackend`` converts them (through rdflib
    terms), so the same named query gives the same ``QueryResult`` on both.

    Args:
        query_url: the endpoint's query URL (``…/query`` on Oxigraph, ``…/sparql`` on
            Virtuoso, ``…/repositories/<id>`` on GraphDB).
        connection: timeout, retries and credentials (``timeout`` per query).

    Raises (from ``select``):
        EndpointError: the endpoint is down, too slow or answers with an error.
        RejectedRequestError: the endpoint refused the query (HTTP 4xx).
        QueryError: the query is not a SELECT query.
    """

    def __init__(
        self,
        query_url: str,
        connection: ConnectionSettings | None = None,
        *,
        index: Index | None = None,
    ) -> None:
        connection = connection or ConnectionSettings()
        self._connection = _Connection(
            query_url, connection, timeout=connection.timeout
        )
        self.index = index if index is not None else Index.absent()

    @property
    def url(self) -> str:
        return self._connection.url

    def select(self, query: str) -> QueryResult:
        variables, bindings = self._select(query)
        rows = tuple(
            tuple(
                to_python(term_from_json(b[v])) if v in b else None for v in variables
            )
            for b in bindings
        )
        return QueryResult(tuple(variables), rows)

    def select_terms(self, query: str) -> Iterator[dict[str, Identifier]]:
        """Rows of rdflib terms (for reading graphs back), unbound variables left out."""
        _, bindings = self._select(query)
        for binding in bindings:
            yield {name: term_from_json(value) for name, value in binding.items()}

    def _select(self, query: str) -> tuple[list[str], list[dict[str, Any]]]:
        wrapper = self._connection.wrapper(query)
        if wrapper.queryType != SELECT:
            raise QueryError("only SELECT queries return tables")
        limit = self._connection.max_bytes
        data = self._connection.call("query", lambda: _read_json(wrapper, limit))
        return _rows(data, self.url)


class DocumentStore(Protocol):
    """What the CLI, the loader and the explorer need from a store, embedded or
    remote: the graph of record (written graph by graph, read by SPARQL through its
    ``backend``) and its read model (``index``)."""

    index: Index
    where: str
    capabilities: Capabilities

    def backend(self) -> ReadBackend: ...

    def replace_graph(self, name: URIRef, graph: Graph) -> None: ...

    def replace_graph_lines(
        self, name: URIRef, lines: TripleLines, rows: DocumentRows
    ) -> None: ...

    def remove_graph(self, name: URIRef) -> None: ...

    def write_graphs(self, graphs: Sequence[GraphWrite]) -> dict[URIRef, str]: ...

    def graph_names(self) -> list[URIRef]: ...

    def graph(self, name: URIRef) -> Graph: ...

    def __len__(self) -> int: ...

    def export(
        self, fmt: str, output: BinaryIO, progress: Progress | None = None
    ) -> int: ...

    def close(self) -> None: ...


class RemoteStore:
    """Named graphs on a remote SPARQL 1.1 endpoint (query + update URLs).

    The same verbs as ``graph.store.GraphStore``. Without ``update_url`` the store is
    read-only. Updates are retried like queries: a write request starts by clearing
    its staging graph and ends by moving it onto the document's graph, so a request
    retried after a timeout cannot leave duplicates.

    Args:
        query_url: the SPARQL query endpoint.
        update_url: the SPARQL Update endpoint (Oxigraph ``…/update``, Virtuoso
            ``…/sparql-auth`` with digest authentication), or None for read-only.
        connection: timeouts, retries and credentials, shared by both URLs.
        index: the read model's file (in memory when None).
    """

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        connection: ConnectionSettings | None = None,
        *,
        index: Path | None = None,
    ) -> None:
        connection = connection or ConnectionSettings()
        self.read_only = not update_url
        self.index = Index(index, read_only=self.read_only)
        self._backend = RemoteBackend(query_url, connection, index=self.index)
        self._update = (
            _Connection(update_url, connection, timeout=connection.update_timeout)
            if update_url
            else None
        )
        self.query_url = query_url
        self.update_url = update_url or None
        self.where = query_url
        self.capabilities = Capabilities(remote=True, writable=not self.read_only)

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r}, {self.update_url!r})"

    def backend(self) -> RemoteBackend:
        """The query backend of this store (for ``graph.sparql.run_query``), with the
        store's index."""
        self._backend.index = self.index
        return self._backend

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """Replace the named graph ``name`` by ``graph`` in one update request."""
        self.replace_graph_lines(
            name,
            serialize_triples(graph, where=str(self.update_url)),
            document_rows(str(name), graph),
        )

    def replace_graph_lines(
        self, name: URIRef, lines: TripleLines, rows: DocumentRows
    ) -> None:
        """Replace the named graph ``name`` by already serialised triples, then its
        rows of the index.

        Raises:
            EndpointError: the write failed; the old graph is still there (the
                staging graph is dropped again, or named in the message if that
                failed too).
            StoreError: the store is read-only or a term cannot be written.
        """
        self._check_writable()
        staging = staging_graph()
        text = replace_graph_update(name, lines, staging=staging, where=self.update_url)
        self._write_staged(name, staging, text)
        self.index.write([rows])

    def _write_staged(self, name: URIRef, staging: URIRef, text: str) -> None:
        try:
            self._run_update(f"write {name}", text)
        except EndpointError as error:
            try:
                self._run_update(
                    f"clean {staging}", f"DROP SILENT GRAPH {staging.n3()}"
                )
            except EndpointError:
                raise EndpointError(
                    f"{error} (staging graph {staging} left behind)"
                ) from error
            raise

    def remove_graph(self, name: URIRef) -> None:
        """Remove one named graph and its rows of the index."""
        self._check_writable()
        self._run_update(f"remove {name}", f"DROP SILENT GRAPH {name.n3()}")
        self.index.remove(str(name))

    def write_graphs(self, graphs: Sequence[GraphWrite]) -> dict[URIRef, str]:
        """Replace many documents' graphs (a build), one request each, then their
        rows of the index in one transaction; returns an error line per graph not
        written.

        Raises:
            EndpointError: the endpoint failed (after retries): the build stops.
        """
        errors: dict[URIRef, str] = {}
        written: list[DocumentRows] = []
        try:
            for write in graphs:
                staging = staging_graph()
                try:
                    text = replace_graph_update(
                        write.name, write.lines, staging=staging, where=self.update_url
                    )
                    self._check_writable()
                    self._write_staged(write.name, staging, text)
                except StoreError as error:  # an unwritable term; endpoint errors abort
                    errors[write.name] = str(error)
                else:
                    written.append(write.rows)
        finally:  # what reached the endpoint is indexed, even when the build stops
            self.index.write(written)
        return errors

    def _check_writable(self) -> _Connection:
        if self._update is None:
            raise StoreError(
                f"{self.query_url}: the remote store is read-only "
                f"(set {settings.UPDATE_ENDPOINT.env} to write)"
            )
        return self._update

    def _run_update(self, what: str, text: str) -> None:
        update = self._check_writable()
        wrapper = update.wrapper(text)
        if not wrapper.isSparqlUpdateRequest():
            raise AssertionError(f"not recognised as an update: {text[:80]!r}")
        update.call(what, lambda: _send_update(wrapper))

    def graph_names(self) -> list[URIRef]:
        """The named graphs of ingested documents, sorted."""
        query = (
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{GRAPH_BASE}")) }}'
        )
        names = (row.get("g") for row in self._backend.select_terms(query))
        return sorted(n for n in names if isinstance(n, URIRef))

    def __len__(self) -> int:
        """The number of quads in our named graphs (other graphs on a shared
        endpoint, such as Virtuoso's system graphs, are not counted)."""
        result = self._backend.select(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{GRAPH_BASE}")) }}'
        )
        return int(str(result.rows[0][0])) if result.rows else 0

    def graph(self, name: URIRef) -> Graph:
        """A copy of one named graph."""
        copy = Graph()
        for prefix, namespace in PREFIXES.items():
            copy.bind(prefix, namespace)
        for s, p, o in self._triples(name):
            copy.add((s, p, o))
        return copy

    def _triples(self, name: URIRef) -> list[tuple[Node, Node, Node]]:
        """All triples of one graph in one SELECT (no ORDER BY/OFFSET paging:
        Virtuoso refuses to sort past 10,000 rows), checked against a COUNT so a
        server-side result cap cannot silently truncate the graph."""
        count = self._backend.select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {name.n3()} {{ ?s ?p ?o }} }}"
        )
        expected = int(str(count.rows[0][0])) if count.rows else 0
        rows = self._backend.select_terms(
            f"SELECT ?s ?p ?o WHERE {{ GRAPH {name.n3()} {{ ?s ?p ?o }} }}"
        )
        triples: list[tuple[Node, Node, Node]] = [
            (row["s"], row["p"], row["o"]) for row in rows
        ]
        if len(triples) != expected:
            raise EndpointError(
                f"{self.query_url}: got {len(triples)} of the {expected} triples of "
                f"{name}; raise the endpoint's result limit (Virtuoso: "
                "[SPARQL] ResultSetMaxRows)"
            )
        return triples

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        """Every quad of our named graphs, graph by graph."""
        for name in self.graph_names():
            for s, p, o in self._triples(name):
                yield s, p, o, name

    def export(
        self, fmt: str, output: BinaryIO, progress: Progress | None = None
    ) -> int:
        """Write our named graphs to ``output`` like ``GraphStore.export`` (each
        graph read in one request, then written)."""
        quads = (ox_quad(*quad) for quad in self.quads())
        return write_quads(quads, fmt, output, progress)

    def close(self) -> None:
        """Close the index (every request opens and closes its own connection)."""
        self.index.close()


def staging_graph() -> URIRef:
    """A fresh graph name to write a document into before it replaces the old graph
    (outside ``GRAPH_BASE``, so ``graph_names`` and ``len`` never count it)."""
    return URIRef(STAGING_BASE + uuid.uuid4().hex)


def replace_graph_update(
    name: URIRef,
    graph: Graph | TripleLines,
    *,
    staging: URIRef,
    where: str | None = None,
) -> str:
    """The one update request that replaces named graph ``name`` by ``graph``.

    ``DROP SILENT GRAPH`` of the staging graph, ``INSERT DATA`` blocks of at most
    ``INSERT_CHUNK`` triples into it, then ``MOVE`` onto ``name`` (which drops the old
    graph first). A failure before the ``MOVE`` leaves ``name`` as it was on any
    server, even one that keeps the operations before the failing one. Blank node
    labels may not be shared between operations, so triples with blank nodes all go
    in the last block. An empty ``graph`` just drops ``name``.

    Raises:
        StoreError: a term cannot be written as SPARQL (e.g. an IRI with a space);
            nothing has been sent.
    """
    lines = (
        graph
        if isinstance(graph, TripleLines)
        else serialize_triples(graph, where=where or "endpoint")
    )
    if not len(lines):
        return f"DROP SILENT GRAPH {name.n3()}"
    plain = lines.plain
    blocks: list[Sequence[str]] = [
        plain[i : i + INSERT_CHUNK] for i in range(0, len(plain), INSERT_CHUNK)
    ]
    if lines.with_bnodes:
        blocks.append(lines.with_bnodes)
    operations = [f"DROP SILENT GRAPH {staging.n3()}"]
    operations.extend(
        f"INSERT DATA {{ GRAPH {staging.n3()} {{\n" + "\n".join(block) + "\n} }"
        for block in blocks
    )
    operations.append(f"MOVE GRAPH {staging.n3()} TO GRAPH {name.n3()}")
    return " ;\n".join(operations)


AnyStore = DocumentStore


def remote_store_from_settings(*, read_only: bool = False) -> RemoteStore:
    """A ``RemoteStore`` configured by the ``WETGRAAF_ENDPOINT*`` settings.

    Raises:
        ValueError: ``WETGRAAF_ENDPOINT`` is empty or not an http(s) URL.
    """
    endpoint = settings.ENDPOINT.value()
    if not endpoint:
        raise ValueError(f"{settings.ENDPOINT.env} is not set")
    return RemoteStore(
        endpoint,
        None if read_only else (settings.UPDATE_ENDPOINT.value() or None),
        index=settings.index_path(endpoint),
        connection=ConnectionSettings(
            timeout=_seconds(settings.QUERY_TIMEOUT),
            update_timeout=_seconds(settings.UPDATE_TIMEOUT),
            max_bytes=int(float(settings.ENDPOINT_MAX_MB.value()) * 1024 * 1024),
            user=settings.ENDPOINT_USER.value() or None,
            password=settings.ENDPOINT_PASSWORD.value() or None,
            auth=settings.ENDPOINT_AUTH.value(),
        ),
    )


def open_any_store(
    location: Path | None = None,
    *,
    read_only: bool = False,
    index_only: bool = False,
) -> AnyStore:
    """The store the settings choose: the remote endpoint when ``WETGRAAF_ENDPOINT``
    is set, else the embedded store at ``location`` (default ``WETGRAAF_STORE``);
    with ``index_only`` its graphs read-only and its index writable (to rebuild it).

    Raises:
        StoreError: the embedded store cannot be opened.
        ValueError: a remote setting is malformed.
    """
    store: AnyStore
    if settings.ENDPOINT.value():
        store = remote_store_from_settings(read_only=read_only or index_only)
    else:
        location = location or settings.store_path()
        store = open_store(
            location,
            read_only=read_only or index_only,
            index=settings.index_path(None, location),
        )
    if index_only:
        store.index.close()
        store.index = Index(store.index.path)
        store.index.fresh = False  # the caller writes it whole
    return store


def _seconds(setting: settings.Setting) -> float:
    text = setting.value()
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{setting.env}={text!r} is not a number of seconds") from None
    if value <= 0:
        raise ValueError(f"{setting.env} must be positive")
    return value
