"""Run a query in a worker process that is killed at its deadline.

The engine cannot be interrupted from Python, and a thread that stopped being waited
for keeps its core and its memory (an ORDER BY over a cross join grows to gigabytes).
So every query of the console and of ``wetgraaf serve`` runs in its own process
(``forkserver``, else ``spawn``: nothing of the caller's state is inherited) that opens
the on-disk store read-only, reads at most the row limit from the engine's stream of
solutions, sends them back and exits. At the deadline the process is killed (SIGKILL):
its memory goes back to the system at once. Before its deadline a query could still
take all the machine's memory, so the worker's address space is capped
(``RLIMIT_AS``, ``WETGRAAF_QUERY_MEMORY_MB``): past it the engine's allocation fails
and the worker ends. A runner runs at most ``workers`` queries at once; a query waits
for a free worker at most its own time limit.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import multiprocessing
import resource
import signal
import sys
import threading
import time
import types
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph

from graph import settings
from graph.errors import QueryError
from graph.values import Value

JSON_RESULTS = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_KILL_WAIT = 5.0  # seconds to wait for a killed or finished worker to be reaped


class QueryTimeoutError(QueryError):
    """The query did not answer within its time limit (its worker was killed)."""


class QueryBusyError(QueryError):
    """Every worker stayed busy for the whole time the query may take."""


class QueryMemoryError(QueryError):
    """The query's worker ran out of its address space (``WETGRAAF_QUERY_MEMORY_MB``)."""


class BadQueryError(QueryError):
    """The engine could not parse the query."""


@dataclass(frozen=True, slots=True)
class Solutions:
    """A SELECT answer as plain values: at most the rows asked for."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]


@dataclass(frozen=True, slots=True)
class Payload:
    """An answer serialised for the SPARQL Protocol (JSON results or N-Triples)."""

    content_type: str
    data: bytes
    truncated: bool


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context(
        "forkserver" if "forkserver" in methods else "spawn"
    )
    if "forkserver" in methods:
        # the workers fork from a server that imported pyoxigraph and rdflib once
        context.set_forkserver_preload(["graph.worker", "graph.store"])
    return context


class QueryRunner:
    """Runs queries on the on-disk store at ``location``, each in a worker process,
    at most ``workers`` at once.

    Each worker may take ``memory_mb`` MB of address space (default:
    ``WETGRAAF_QUERY_MEMORY_MB``). ``started`` keeps the process ids of the last
    workers (to check they are gone).
    """

    def __init__(
        self, location: Path, *, workers: int, memory_mb: int | None = None
    ) -> None:
        self.location = location
        self.workers = workers
        self.memory_mb = (
            memory_mb
            if memory_mb is not None
            else int(settings.QUERY_MEMORY_MB.value())
        )
        self.started: deque[int] = deque(maxlen=64)
        self._slots = threading.BoundedSemaphore(workers)
        self._context = _context()

    def select(self, query: str, *, rows: int, seconds: float) -> Solutions:
        """The first ``rows`` solutions of a SELECT query as plain values.

        Raises:
            QueryTimeoutError, QueryBusyError, BadQueryError, QueryError.
        """
        answer = self._run(("values", query, rows, (), ()), seconds)
        assert isinstance(answer, Solutions)
        return answer

    def serialized(
        self,
        query: str,
        *,
        rows: int,
        seconds: float,
        default_graphs: Iterable[str] = (),
        named_graphs: Iterable[str] = (),
    ) -> Payload:
        """Any query form's answer for the SPARQL Protocol, cut at ``rows`` rows
        (SELECT) or triples (CONSTRUCT, DESCRIBE); ``truncated`` tells."""
        job = ("payload", query, rows, tuple(default_graphs), tuple(named_graphs))
        answer = self._run(job, seconds)
        assert isinstance(answer, Payload)
        return answer

    def _run(self, job: tuple[Any, ...], seconds: float) -> Solutions | Payload:
        started = time.monotonic()
        if not self._slots.acquire(timeout=seconds):
            raise QueryBusyError(
                f"alle {self.workers} queryplaatsen bleven {seconds:g} s bezet; "
                "probeer het zo weer (WETGRAAF_QUERY_WORKERS)."
            )
        try:
            # the wait for a place counts against the limit: a query that waited
            # has only the rest of its time (else waiting doubled it)
            left = max(0.0, seconds - (time.monotonic() - started))
            return self._in_worker(job, left, limit=seconds)
        finally:
            self._slots.release()

    def _in_worker(
        self, job: tuple[Any, ...], seconds: float, *, limit: float
    ) -> Solutions | Payload:
        """``job``'s answer from a new worker, killed after ``seconds`` (what is left
        of the query's time ``limit``)."""
        receiver, sender = self._context.Pipe(duplex=False)
        process = self._context.Process(
            target=_work,
            args=(sender, str(self.location), self.memory_mb, *job),
            name="wetgraaf-query",
            daemon=True,
        )
        try:
            deadline = time.monotonic() + seconds
            _start_without_main(process)
            sender.close()
            self.started.append(process.pid)
            if not receiver.poll(max(0.0, deadline - time.monotonic())):
                raise QueryTimeoutError(
                    f"De query gaf binnen {limit:g} s geen antwoord en is gestopt; "
                    "maak haar kleiner (LIMIT, minder patronen) of verhoog "
                    "WETGRAAF_QUERY_TIMEOUT."
                )
            try:
                status, value = receiver.recv()
            except EOFError:  # ended without an answer: out of memory, or a crash
                process.join(_KILL_WAIT)
                raise _ended(process.exitcode, self.memory_mb) from None
        finally:
            receiver.close()
            if process.pid is not None:
                if process.is_alive():
                    process.kill()
                process.join(_KILL_WAIT)
        if status == "ok":
            assert isinstance(value, Solutions | Payload)
            return value
        if status == "syntax":
            raise BadQueryError(f"bad query: {value}")
        if status == "memory":
            raise _ended(-signal.SIGABRT, self.memory_mb)
        raise QueryError(f"query failed: {value}")


def _ended(exitcode: int | None, memory_mb: int) -> QueryError:
    """The error for a worker that ended without an answer. The engine aborts the
    process (SIGABRT) when an allocation past the address-space cap fails."""
    if exitcode == -signal.SIGABRT:
        return QueryMemoryError(
            f"De query had meer dan {memory_mb} MB geheugen nodig en is gestopt; "
            "maak haar kleiner (LIMIT, minder patronen, geen ORDER BY over alles) of "
            "verhoog WETGRAAF_QUERY_MEMORY_MB."
        )
    return QueryError(f"de query stopte onverwacht (exit {exitcode})")


_MAIN_LOCK = threading.Lock()
_NO_MAIN = types.ModuleType("__main__")  # no __file__, no __spec__


def _start_without_main(process: Any) -> None:
    """Start ``process`` without it importing the caller's ``__main__``.

    multiprocessing re-imports the main module in every child it starts; under
    Streamlit that module is the page being run (the console page would run again in
    the worker). For the moment of the start ``__main__`` is a blank module, and the
    page's module is put back unless someone else replaced it meanwhile.
    """
    with _without_main():
        process.start()


@contextlib.contextmanager
def _without_main() -> Iterator[None]:
    with _MAIN_LOCK:
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = _NO_MAIN
        try:
            yield
        finally:
            if sys.modules.get("__main__") is _NO_MAIN and main is not None:
                sys.modules["__main__"] = main


def start_forkserver() -> None:
    """Start the process the workers fork from now (a server's warm-up), so that the
    first query does not wait for it to start and import the store; nothing where
    workers are spawned."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return
    from multiprocessing import forkserver

    _context()  # its preloaded modules
    with _without_main():
        forkserver.ensure_running()


_RUNNERS: dict[Path, QueryRunner] = {}
_RUNNERS_LOCK = threading.Lock()


def runner_for(location: Path) -> QueryRunner:
    """The process-wide runner for the store at ``location`` (the console's), with
    ``WETGRAAF_QUERY_WORKERS`` workers."""
    key = location.resolve()
    with _RUNNERS_LOCK:
        if key not in _RUNNERS:
            workers = max(1, int(settings.QUERY_WORKERS.value()))
            _RUNNERS[key] = QueryRunner(key, workers=workers)
        return _RUNNERS[key]


# --- in the worker process ----------------------------------------------------------


def _work(
    sender: Connection,
    location: str,
    memory_mb: int,
    mode: str,
    query: str,
    rows: int,
    default_graphs: tuple[str, ...],
    named_graphs: tuple[str, ...],
) -> None:
    try:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        store = pyoxigraph.Store.read_only(location)
        defaults: list[Any] = [pyoxigraph.NamedNode(g) for g in default_graphs]
        named: list[Any] = [pyoxigraph.NamedNode(g) for g in named_graphs]
        result = store.query(
            query,
            use_default_graph_as_union=not defaults,
            default_graph=defaults or None,
            named_graphs=named or None,
        )
        answer = (
            _solutions(result, rows) if mode == "values" else _payload(result, rows)
        )
        sender.send(("ok", answer))
    except SyntaxError as error:
        sender.send(("syntax", _first_line(error)))
    except MemoryError:  # a Python allocation past the cap (the engine's aborts)
        sender.send(("memory", ""))
    except Exception as error:  # everything else goes back as one line
        sender.send(("error", _first_line(error)))
    finally:
        sender.close()


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:300] if text else type(error).__name__


def _solutions(result: object, rows: int) -> Solutions:
    from graph.store import value_of  # rdflib only where literals need it

    if not isinstance(result, pyoxigraph.QuerySolutions):
        raise TypeError("only SELECT queries return tables")
    variables = tuple(v.value for v in result.variables)
    return Solutions(
        variables,
        tuple(
            tuple(value_of(term) for term in solution)
            for solution in itertools.islice(result, rows)
        ),
    )


def _payload(result: object, rows: int) -> Payload:
    if isinstance(result, pyoxigraph.QueryBoolean):
        answer = {"head": {}, "boolean": bool(result)}
        return Payload(JSON_RESULTS, json.dumps(answer).encode("utf-8"), False)
    if isinstance(result, pyoxigraph.QuerySolutions):
        names = [v.value for v in result.variables]
        bindings = []
        for solution in itertools.islice(result, rows + 1):
            bindings.append(
                {
                    name: _json_term(term)
                    for name, term in zip(names, solution, strict=True)
                    if term is not None
                }
            )
        truncated = len(bindings) > rows
        document = {"head": {"vars": names}, "results": {"bindings": bindings[:rows]}}
        data = json.dumps(document, ensure_ascii=False).encode("utf-8")
        return Payload(JSON_RESULTS, data, truncated)
    lines = [f"{triple} .\n" for triple in itertools.islice(result, rows + 1)]  # type: ignore[call-overload]
    text = "".join(lines[:rows])
    return Payload(N_TRIPLES, text.encode("utf-8"), len(lines) > rows)


def _json_term(term: object) -> dict[str, Any]:
    if isinstance(term, pyoxigraph.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, pyoxigraph.Literal):
        found: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            found["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            found["datatype"] = term.datatype.value
        return found
    if isinstance(term, pyoxigraph.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    raise TypeError(f"unexpected term {term!r}")


__all__ = [
    "BadQueryError",
    "Payload",
    "QueryBusyError",
    "QueryMemoryError",
    "QueryRunner",
    "QueryTimeoutError",
    "Solutions",
    "runner_for",
]
