"""The read-only SPARQL console: refuse updates, cap rows, stop waiting after a timeout.

The explorer's console hands user text to :func:`run_console_query`; nothing else in
the app runs free SPARQL. A query must parse as a SPARQL 1.1 *query* (rdflib's parser,
which knows no update operations) and must not mention an update keyword outside
strings, IRIs and comments. Only SELECT queries run: the backends answer tables.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass

from pyparsing import ParseException
from rdflib.plugins.sparql import prepareQuery

from graph import settings
from graph.errors import QueryError
from graph.namespaces import PREFIXES
from graph.sparql import PROLOGUE, QueryBackend, QueryResult

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


class QueryRefusedError(QueryError):
    """The console will not run this text (an update, not a query, not a SELECT)."""


class QueryTimeoutError(QueryError):
    """The query did not answer within the console's time limit."""


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


def check_read_only(text: str) -> str:
    """The query form (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``) of a read-only
    query.

    Raises:
        QueryRefusedError: empty text, an update keyword, or text that is not a query.
    """
    if not text.strip():
        raise QueryRefusedError("Geen query: typ een SELECT-query.")
    found = _KEYWORD.search(strip_opaque(text))
    if found:
        raise QueryRefusedError(
            f"Alleen lezen: {found.group(1).upper()} is niet toegestaan; de console "
            "voert alleen SELECT/ASK/CONSTRUCT/DESCRIBE uit."
        )
    try:
        parsed = prepareQuery(text, initNs=dict(PREFIXES))
    except (ParseException, Exception) as error:  # rdflib raises many error types
        message = str(error).strip().splitlines()[0] if str(error).strip() else ""
        raise QueryRefusedError(f"Geen geldige SPARQL-query: {message[:200]}") from None
    form = READ_FORMS.get(parsed.algebra.name)
    if form is None:
        raise QueryRefusedError(f"Onbekende queryvorm {parsed.algebra.name}.")
    return form


def _has_limit(text: str) -> bool:
    algebra = prepareQuery(text, initNs=dict(PREFIXES)).algebra
    node = algebra.get("p")
    return getattr(node, "name", None) == "Slice" and node.get("length") is not None


def limited(text: str, row_limit: int) -> str:
    """The query with ``LIMIT row_limit + 1`` appended when it has no LIMIT of its own
    and stays a valid query with it (else unchanged: rows are cut after the answer)."""
    if _has_limit(text):
        return text
    candidate = f"{text.rstrip()}\nLIMIT {row_limit + 1}"
    try:
        prepareQuery(candidate, initNs=dict(PREFIXES))
    except Exception:  # e.g. a trailing VALUES block: LIMIT cannot follow it
        return text
    return candidate


def run_console_query(
    backend: QueryBackend,
    text: str,
    *,
    row_limit: int | None = None,
    timeout: float | None = None,
) -> ConsoleResult:
    """Run user-typed SPARQL read-only, with the standard prefixes, at most
    ``row_limit`` rows (``WETGRAAF_QUERY_ROWS``) and ``timeout`` seconds
    (``WETGRAAF_QUERY_TIMEOUT``).

    The query runs in a worker thread; after the timeout the console stops waiting
    (the engine cannot be interrupted, so the thread finishes in the background).

    Raises:
        QueryRefusedError: not a read-only SELECT query.
        QueryTimeoutError: no answer within the time limit.
        QueryError: the backend failed.
    """
    rows_max = (
        row_limit if row_limit is not None else int(settings.QUERY_ROW_LIMIT.value())
    )
    seconds = timeout if timeout is not None else float(settings.QUERY_TIMEOUT.value())
    form = check_read_only(text)
    if form != "SELECT":
        raise QueryRefusedError(
            f"{form} is alleen-lezen, maar deze console toont tabellen: schrijf de "
            "query als SELECT."
        )
    query = f"{PROLOGUE}\n{limited(text, rows_max)}"
    outcome: dict[str, QueryResult | BaseException] = {}

    def work() -> None:
        try:
            outcome["result"] = backend.select(query)
        except BaseException as error:  # handed to the caller's thread
            outcome["error"] = error

    started = time.monotonic()
    worker = threading.Thread(target=work, name="console-query", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise QueryTimeoutError(
            f"De query gaf binnen {seconds:g} s geen antwoord; maak haar kleiner "
            "(LIMIT, minder patronen) of verhoog WETGRAAF_QUERY_TIMEOUT."
        )
    error = outcome.get("error")
    if isinstance(error, QueryError):
        raise error
    if isinstance(error, BaseException):
        raise QueryError(f"query failed: {error}") from error
    result = outcome["result"]
    assert isinstance(result, QueryResult)
    truncated = len(result.rows) > rows_max
    if truncated:
        result = QueryResult(result.variables, result.rows[:rows_max])
    return ConsoleResult(result, truncated, rows_max, time.monotonic() - started)
