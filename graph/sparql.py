"""Named SPARQL queries and the query interface shared by every backend.

Named queries are ``graph/queries/<name>.rq`` files whose first comment lines describe
them; parameters are bound as a ``VALUES`` block opening the WHERE group, built from
rdflib terms (escaped by rdflib), never by formatting strings into the query text; a
parameter bound to one IRI also names the graph of a ``GRAPH ?parameter`` clause.
A line ``#VALUES`` in a query marks where the block goes instead of the WHERE group's
opening (see :func:`bind_parameters`).
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from graph.errors import QueryError
from graph.index import Index
from graph.namespaces import PREFIXES
from graph.store import GraphStore
from graph.values import Value

QUERY_DIR = Path(__file__).resolve().parent / "queries"
PROLOGUE = "\n".join(f"PREFIX {prefix}: <{ns}>" for prefix, ns in PREFIXES.items())


@dataclass(frozen=True, slots=True)
class QueryResult:
    """Variables and rows of plain Python values (IRIs as ``str``)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]

    def as_dicts(self) -> list[dict[str, Value]]:
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]

    def column(self, name: str) -> list[Value]:
        index = self.variables.index(name)
        return [row[index] for row in self.rows]

    def to_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(self.variables)
        writer.writerows(
            ["" if v is None else str(v) for v in row] for row in self.rows
        )
        return buffer.getvalue()

    def to_json(self) -> str:
        return json.dumps(self.as_dicts(), ensure_ascii=False, indent=1, default=str)


class QueryBackend(Protocol):
    """Anything that answers SELECT queries: the embedded store or a remote endpoint."""

    def select(self, query: str) -> QueryResult: ...


class ReadBackend(QueryBackend, Protocol):
    """A query backend with the store's read model (``graph.index``) beside it: what
    the explorer reads lists, counts and search from."""

    index: Index


class LocalBackend:
    """Queries the embedded store."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.index = store.index

    def select(self, query: str) -> QueryResult:
        try:
            variables, rows = self.store.select_values(query)
        except TypeError as error:
            raise QueryError(str(error)) from error
        except (SyntaxError, ValueError, RuntimeError, OSError) as error:
            raise QueryError(f"query failed: {_first_line(error)}") from error
        return QueryResult(variables, tuple(rows))


def list_queries() -> dict[str, str]:
    """Named queries and their one-line descriptions."""
    found = {}
    for path in sorted(QUERY_DIR.glob("*.rq")):
        lines = path.read_text(encoding="utf-8").splitlines()
        description = next(
            (ln.lstrip("# ").strip() for ln in lines if ln.startswith("#")), ""
        )
        found[path.stem] = description
    return found


def load_query(name_or_path: str) -> str:
    """The text of a named query (``incoming_links``) or of a ``.rq`` file."""
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.exists():
        return path.read_text(encoding="utf-8")
    named = QUERY_DIR / f"{name_or_path}.rq"
    if not named.exists():
        known = ", ".join(list_queries())
        raise QueryError(f"no query named {name_or_path!r}; known: {known}")
    return named.read_text(encoding="utf-8")


def as_term(value: Value | Identifier) -> Identifier:
    """An rdflib term for a parameter value: http(s) strings become IRIs."""
    if isinstance(value, Identifier):
        return value
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return URIRef(value)
    return Literal(value)


Binding = Value | Identifier | Sequence[Value | Identifier]


def bind_parameters(query: str, bindings: Mapping[str, Binding]) -> str:
    """The query with the standard prefixes and ``bindings`` as a VALUES block opening
    its outermost group (every term serialised and escaped by rdflib).

    The block goes first inside the WHERE group rather than after the query: it then
    binds before grouping, and every SPARQL 1.1 engine we test evaluates it alike.
    A query whose parameter must bind inside its UNION branches or sub-SELECTs marks
    each place with a line ``#VALUES``: the block goes there instead (a join distributes
    over a UNION, and a sub-SELECT projecting the parameter may take it inside), since
    Oxigraph evaluates a branch or a sub-SELECT whole before it joins the block.

    Raises:
        QueryError: a value cannot be a term (e.g. an IRI with spaces or ``>``), or
            the query has no group to bind into.
    """
    text = f"{PROLOGUE}\n{query}"
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name in bindings)
    rows = _value_rows(bindings)
    try:
        cells = [" ".join(as_term(value).n3() for value in row) for row in rows]
    except Exception as error:  # rdflib's n3() raises a bare Exception on bad IRIs
        raise QueryError(
            f"parameter value cannot be bound: {_first_line(error)}"
        ) from None
    body = " ".join(f"({cell})" for cell in cells)
    block = f"VALUES ({names}) {{ {body} }}"
    # split keeps each mark's indent at the odd places: the block goes there
    pieces = _VALUES_MARK.split(text)
    if len(pieces) > 1:
        text = "".join(
            f"{piece}{block}\n" if i % 2 else piece for i, piece in enumerate(pieces)
        )
    else:
        opening = _outer_group(text)
        text = f"{text[: opening + 1]}\n  {block}\n{text[opening + 1 :]}"
    return _fix_regex_patterns(_fix_graph_names(text, bindings), bindings)


# A line ``#VALUES`` marks where a query wants its parameters bound (its indent kept).
_VALUES_MARK = re.compile(r"^([ \t]*)#VALUES[ \t]*\n", re.MULTILINE)


def _fix_graph_names(query: str, bindings: Mapping[str, Binding]) -> str:
    """``GRAPH ?name`` becomes ``GRAPH <iri>`` when ``name`` is bound to one IRI.

    The VALUES block already fixes the variable, so the answer is the same; but
    Oxigraph evaluates a ``GRAPH ?name`` group over every graph before joining, and
    only a constant limits it to one document's graph (a letter's links: 3.4 s → 8 ms).
    """
    for name, value in bindings.items():
        term = as_term(value) if isinstance(value, str) else None  # IRIs are str
        if isinstance(term, URIRef):
            pattern = re.compile(rf"\bGRAPH\s+\?{re.escape(name)}\b")
            # split/join rather than sub: an IRI is never read as a replacement template
            query = f"GRAPH {term.n3()}".join(pattern.split(query))
    return query


def _fix_regex_patterns(query: str, bindings: Mapping[str, Binding]) -> str:
    """``REGEX(?text, ?name`` gets the literal when ``name`` is bound to one string.

    The same answer again; but Oxigraph compiles a pattern held by a variable for
    every row it tests, a constant once: a phrase in 15,725 texts at 11.6 M triples
    took 2.5 s, against 0.3 s (5,025 matches with their kind, id and title).
    """
    for name, value in bindings.items():
        term = as_term(value) if isinstance(value, str) else None
        if isinstance(term, Literal):
            pattern = re.compile(rf"\b(REGEX\s*\(\s*\?\w+\s*,\s*)\?{re.escape(name)}\b")
            pieces = pattern.split(query)  # the prefix captured at the odd places
            query = "".join(
                f"{piece}{term.n3()}" if i % 2 else piece
                for i, piece in enumerate(pieces)
            )
    return query


def _value_rows(
    bindings: Mapping[str, Value | Identifier | Sequence[Value | Identifier]],
) -> list[tuple[Value | Identifier, ...]]:
    """The rows of the VALUES block: every combination of the parameters' values, a
    list giving several (one work and a page of citing graphs: a row per graph)."""
    columns = [
        list(value) if isinstance(value, list | tuple) else [value]
        for value in bindings.values()
    ]
    return list(itertools.product(*columns))


def _outer_group(query: str) -> int:
    """Offset of the ``{`` opening the WHERE group, skipping whole-line comments."""
    offset = 0
    for line in query.splitlines(keepends=True):
        if not line.lstrip().startswith("#"):
            brace = line.find("{")
            if brace != -1:
                return offset + brace
        offset += len(line)
    raise QueryError("query has no { … } group to bind parameters into")


# IRIs bound in one VALUES block when a caller splits a long list (a lineage's works, the
# labels of its nodes): Virtuoso slows down superlinearly with the block's size
# (graph/remote.py, REMOTE_RECOUNT_BATCH).
VALUES_BATCH = 500


def chunked(values: Sequence[str], size: int = VALUES_BATCH) -> list[list[str]]:
    """``values`` in lists of at most ``size``, to bind one list per query."""
    return [list(values[i : i + size]) for i in range(0, len(values), size)]


def run_query(
    backend: QueryBackend, name_or_path: str, **bindings: Binding
) -> QueryResult:
    """Run a named query (or ``.rq`` file) with parameters on a backend.

    >>> run_query(backend, "incoming_links", work="https://wetten.overheid.nl/BWBR0011823")
    ...  # doctest: +SKIP
    """
    return backend.select(bind_parameters(load_query(name_or_path), bindings))


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
