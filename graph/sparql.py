"""Named SPARQL queries and the query interface shared by every backend.

Named queries are ``graph/queries/<name>.rq`` files whose first comment lines describe
them; parameters are bound as a ``VALUES`` block opening the WHERE group, built from
rdflib terms (escaped by rdflib), never by formatting strings into the query text; a
parameter written ``$name`` in a pattern is also written there as its term when it is
bound to one value (see :func:`bind_parameters`).
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
    its outermost group (every term serialised and escaped by rdflib); where the query
    writes a parameter as ``$name``, a parameter bound to one value is also written
    there as its term, as a prepared statement does.

    ``$name`` and ``?name`` are one variable in SPARQL, so a query runs as written on
    any endpoint, unbound or bound, and binding it changes no answer: the VALUES block
    binds the variable where the query projects it (``?name`` in SELECT and ORDER BY),
    the term stands for it in the patterns (``$name`` in WHERE). Engines plan from a
    constant in a pattern, a ``GRAPH`` name or a ``REGEX`` pattern, but Oxigraph joins a
    VALUES block only after it has evaluated a UNION branch or a sub-SELECT whole. A
    parameter bound to a list of values is bound by the VALUES block alone (one row
    per combination); every ``$`` left is written ``?``, which every engine reads.

    Raises:
        QueryError: a value cannot be a term (e.g. an IRI with spaces or ``>``), or
            the query has no group to bind parameters into.
    """
    text = f"{PROLOGUE}\n{query}"
    if not bindings:
        return _substitute(text, {})
    try:
        rows = [
            " ".join(as_term(value).n3() for value in row)
            for row in _value_rows(bindings)
        ]
        single = {
            name: as_term(value).n3()
            for name, value in bindings.items()
            if isinstance(value, Value | Identifier)
        }
    except Exception as error:  # rdflib's n3() raises a bare Exception on bad IRIs
        raise QueryError(
            f"parameter value cannot be bound: {_first_line(error)}"
        ) from None
    names = " ".join(f"?{name}" for name in bindings)
    block = f"VALUES ({names}) {{ {' '.join(f'({row})' for row in rows)} }}"
    opening = _outer_group(text)
    text = f"{text[: opening + 1]}\n  {block}\n{text[opening + 1 :]}"
    return _substitute(text, single)


# What may hold a "$" that is no variable (a comment, a string, long ones first, an
# IRI), or a "$name" variable.
_LEXEME = re.compile(
    r"""(?P<skip>\#[^\n]*
        |"{3}.*?"{3}|'{3}.*?'{3}
        |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'
        |<[^<>"{}|^`\\\x00-\x20]*>)
      |\$(?P<name>[A-Za-z_][A-Za-z0-9_]*)""",
    re.VERBOSE | re.DOTALL,
)


def _substitute(query: str, terms: Mapping[str, str]) -> str:
    """Each ``$name`` variable as its term in ``terms``, or else as ``?name``."""

    def replace(match: re.Match[str]) -> str:
        name = match["name"]
        if name is None:
            return match[0]
        return terms.get(name, f"?{name}")

    return _LEXEME.sub(replace, query)


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


# Values bound in one list when a caller splits a long one (a lineage's works, the
# labels of its nodes): Virtuoso slows down superlinearly with a VALUES block's size.
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
