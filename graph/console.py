"""The read-only SPARQL console: refuse updates and SERVICE, cap rows, stop at a deadline.

The explorer's console hands user text to :func:`run_console_query`; nothing else in
the app runs free SPARQL. A query must parse as a SPARQL 1.1 *query* (rdflib's parser,
which knows no update operations) and must not mention an update keyword outside
strings, IRIs and comments. Only SELECT queries run: the backends answer tables.

A ``SERVICE`` clause makes the engine itself send a request to the address it names
(a request forgery: the answer comes back as rows), so :func:`check_read_only` refuses
it unless the endpoint is in the allow-list (``WETGRAAF_SERVICE_ALLOW``). It reads the
parsed query, so ``SERVICE`` inside a string or a comment is no clause; the keyword
count in the text outside strings and comments must match the clauses parsed, so a
query the two parsers might read differently is refused too.

On the embedded on-disk store a query runs in a worker process (``graph.worker``) that
stops reading at the row limit and is killed at the deadline; elsewhere the query is
wrapped in ``SELECT * WHERE { { … } } LIMIT`` so the row limit holds whatever LIMIT,
OFFSET or VALUES the user wrote.
"""

from __future__ import annotations

import re
import time
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from pyparsing import ParseException, ParseResults
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import URIRef

from graph import settings
from graph.deadline import DeadlinePassedError, call_within
from graph.errors import QueryError
from graph.namespaces import PREFIXES
from graph.sparql import PROLOGUE, LocalBackend, QueryBackend, QueryResult
from graph.worker import QueryBusyError, QueryTimeoutError, runner_for

UPDATE_KEYWORDS = (
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "DROP",
    "CREATE",
    "ADD",
    "MOVE",
    "COPY",
    "WITH",
)
READ_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}
# Strings (long and short), IRIs and comments, in the order SPARQL's lexer sees them.
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
)
_KEYWORD = re.compile(
    r"(?<![\w?$:])(" + "|".join(UPDATE_KEYWORDS) + r")(?![\w:-])", re.IGNORECASE
)
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:-])", re.IGNORECASE)
_FORM = re.compile(r"(?<![\w?$:])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:-])", re.I)


class QueryRefusedError(QueryError):
    """The console will not run this text (an update, SERVICE, not a query, not a
    SELECT)."""


class InvalidQueryError(QueryRefusedError):
    """The text does not parse as a SPARQL 1.1 query."""


@dataclass(frozen=True, slots=True)
class ConsoleResult:
    """A console answer: the rows (at most the row limit) and whether more existed."""

    result: QueryResult
    truncated: bool
    row_limit: int
    seconds: float


def strip_opaque(text: str) -> str:
    """The query with strings and IRIs blanked and comments removed (keyword checks)."""

    def blank(match: re.Match[str]) -> str:
        token = match.group(0)
        return " " if token.startswith("#") else '""'

    return _OPAQUE.sub(blank, text)


def _mask(text: str) -> str:
    """The query with strings and comments (not IRIs) replaced by spaces of the same
    length, so positions found in it are positions in ``text``."""

    def blank(match: re.Match[str]) -> str:
        token = match.group(0)
        return token if token.startswith("<") else " " * len(token)

    return _OPAQUE.sub(blank, text)


def check_read_only(text: str, *, allow_services: Collection[str] | None = None) -> str:
    """The query form (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``) of a read-only
    query that names no SERVICE endpoint outside ``allow_services`` (default:
    ``WETGRAAF_SERVICE_ALLOW``).

    Raises:
        QueryRefusedError: empty text, text longer than ``WETGRAAF_QUERY_MAX_KB``
            (rdflib's parser takes seconds per ten thousand characters), an update
            keyword, a SERVICE clause not allowed, or text that is not a query.
    """
    if not text.strip():
        raise QueryRefusedError("Geen query: typ een SELECT-query.")
    most = int(settings.QUERY_MAX_KB.value()) * 1024
    if len(text) > most:
        raise QueryRefusedError(
            f"De query is {len(text):,} tekens lang; hoogstens {most:,} "
            "(WETGRAAF_QUERY_MAX_KB)."
        )
    opaque = strip_opaque(text)
    found = _KEYWORD.search(opaque)
    if found:
        raise QueryRefusedError(
            f"Alleen lezen: {found.group(1).upper()} is niet toegestaan; de console "
            "voert alleen SELECT/ASK/CONSTRUCT/DESCRIBE uit."
        )
    try:
        parsed = prepareQuery(text, initNs=dict(PREFIXES))
    except (ParseException, Exception) as error:  # rdflib raises many error types
        message = str(error).strip().splitlines()[0] if str(error).strip() else ""
        raise InvalidQueryError(f"Geen geldige SPARQL-query: {message[:200]}") from None
    form = READ_FORMS.get(parsed.algebra.name)
    if form is None:
        raise QueryRefusedError(f"Onbekende queryvorm {parsed.algebra.name}.")
    allowed = (
        settings.allowed_services() if allow_services is None else set(allow_services)
    )
    _check_services(list(_service_terms(parsed.algebra)), opaque, allowed)
    return form


def _check_services(terms: list[object], opaque: str, allowed: Collection[str]) -> None:
    if not terms and not _SERVICE.search(opaque):
        return
    for term in terms:
        if not (isinstance(term, URIRef) and str(term) in allowed):
            name = f"<{term}>" if isinstance(term, URIRef) else f"?{term}"
            raise QueryRefusedError(
                f"SERVICE {name} is niet toegestaan: de server haalt geen andere "
                "endpoints op (alleen wat WETGRAAF_SERVICE_ALLOW noemt)."
            )
    if len(_SERVICE.findall(opaque)) != len(terms):
        raise QueryRefusedError(
            "SERVICE is niet toegestaan: de query is niet eenduidig te lezen."
        )


def _service_terms(algebra: object) -> Iterator[object]:
    """The endpoint (IRI or variable) of every SERVICE clause in a parsed query, in
    sub-SELECTs and EXISTS filters too."""
    stack, seen = [algebra], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                yield node.get("term")
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple | ParseResults):
            stack.extend(node)


def wrapped(text: str, row_limit: int) -> str:
    """A SELECT query as a sub-SELECT of ``SELECT * … LIMIT row_limit + 1``, its
    prologue (PREFIX, BASE) kept in front: the limit holds whatever LIMIT, OFFSET or
    VALUES the query has of its own."""
    found = _FORM.search(_mask(text))
    if found is None:
        raise QueryRefusedError("Geen SELECT-query.")
    head, body = text[: found.start()], text[found.start() :]
    return f"{head}SELECT * WHERE {{\n{{ {body}\n}}\n}}\nLIMIT {row_limit + 1}"


def run_console_query(
    backend: QueryBackend,
    text: str,
    *,
    row_limit: int | None = None,
    timeout: float | None = None,
    allow_services: Collection[str] | None = None,
) -> ConsoleResult:
    """Run user-typed SPARQL read-only, with the standard prefixes, at most
    ``row_limit`` rows (``WETGRAAF_QUERY_ROWS``) and ``timeout`` seconds
    (``WETGRAAF_QUERY_TIMEOUT``).

    On the embedded on-disk store the query runs in a worker process that stops at the
    row limit and is killed at the timeout, at most ``WETGRAAF_QUERY_WORKERS`` at once.
    Otherwise (a remote endpoint, a store in memory) the query is wrapped under an
    outer LIMIT and runs in a thread; after the timeout the console stops waiting
    (a remote endpoint ends it at its own timeout).

    Raises:
        QueryRefusedError: not a read-only SELECT query, or a SERVICE not allowed.
        QueryTimeoutError: no answer within the time limit.
        QueryBusyError: every worker stayed busy for the whole time limit.
        QueryError: the backend failed.
    """
    rows_max = (
        row_limit if row_limit is not None else int(settings.QUERY_ROW_LIMIT.value())
    )
    seconds = timeout if timeout is not None else float(settings.QUERY_TIMEOUT.value())
    started = time.monotonic()
    form = check_read_only(text, allow_services=allow_services)
    if form != "SELECT":
        raise QueryRefusedError(
            f"{form} is alleen-lezen, maar deze console toont tabellen: schrijf de "
            "query als SELECT."
        )
    left = time_left(started, seconds)
    location = backend.store.location if isinstance(backend, LocalBackend) else None
    if location is not None:
        answer = runner_for(location).select(
            f"{PROLOGUE}\n{text}", rows=rows_max + 1, seconds=left
        )
        result = QueryResult(answer.variables, answer.rows)
    else:
        result = _select_in_thread(
            backend, f"{PROLOGUE}\n{wrapped(text, rows_max)}", left
        )
    truncated = len(result.rows) > rows_max
    if truncated:
        result = QueryResult(result.variables, result.rows[:rows_max])
    return ConsoleResult(result, truncated, rows_max, time.monotonic() - started)


def time_left(started: float, seconds: float) -> float:
    """What is left of a query's ``seconds`` since ``started`` (``time.monotonic``):
    reading the query (``check_read_only``) counts against its time limit.

    Raises:
        QueryTimeoutError: nothing is left.
    """
    left = seconds - (time.monotonic() - started)
    if left <= 0:
        raise QueryTimeoutError(
            f"De query is binnen {seconds:g} s niet eens gelezen en is gestopt; maak "
            "haar kleiner of verhoog WETGRAAF_QUERY_TIMEOUT."
        )
    return left


def _select_in_thread(backend: QueryBackend, query: str, seconds: float) -> QueryResult:
    try:
        return call_within(seconds, lambda: backend.select(query), name="console-query")
    except DeadlinePassedError:
        raise QueryTimeoutError(timeout_message(seconds)) from None
    except QueryError:
        raise
    except BaseException as error:
        raise QueryError(f"query failed: {error}") from error


def timeout_message(seconds: float) -> str:
    return (
        f"De query gaf binnen {seconds:g} s geen antwoord; maak haar kleiner "
        "(LIMIT, minder patronen) of verhoog WETGRAAF_QUERY_TIMEOUT."
    )


__all__ = [
    "ConsoleResult",
    "InvalidQueryError",
    "QueryBusyError",
    "QueryRefusedError",
    "QueryTimeoutError",
    "check_read_only",
    "run_console_query",
    "wrapped",
]
