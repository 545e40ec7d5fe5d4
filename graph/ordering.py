"""A query's final ORDER BY done in Python, for the embedded store.

Oxigraph sorts by decoding both terms of every comparison from its string table, so
ordering a large result took longer than finding it (the bundled corpus's 14,635
citation edges: 2.5 s unordered, 6.6 s ordered). The rows reach Python decoded anyway,
where sorting them takes milliseconds. Only a plain clause is taken over — variables
that the query projects, each ascending or ``DESC(?v)``, at the very end (no LIMIT or
OFFSET after it) —
and only when every key column holds values Python orders as SPARQL does: unbound
first, then blank nodes (equal among themselves), IRIs by their string, then literals
of one kind (strings, numbers, dates) by value. Otherwise the query runs as written.
Python's sort is stable, as Oxigraph's is, so rows equal on the keys keep the order
in which the query found them. A query with a line ``#ENGINE-ORDER`` keeps its ORDER
BY: without it Oxigraph may choose a slower plan (``motion_zaken`` at 46 M triples:
283 ms sorted by Oxigraph, 550 ms unsorted).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

_KEY = r"(?:\?\w+|(?:ASC|DESC)\s*\(\s*\?\w+\s*\))"
_FINAL_ORDER = re.compile(rf"\bORDER\s+BY((?:\s+{_KEY})+)\s*\Z", re.IGNORECASE)
_KEY_PARTS = re.compile(r"(DESC)?\s*\(?\s*\?(\w+)", re.IGNORECASE)
_SELECT = re.compile(
    r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(.*?)\s*(?:WHERE\b|\{)", re.I | re.S
)
_EXPRESSION = re.compile(r"\((?:[^()]|\([^()]*\))*\)")
_NUMBER = (int, float, Decimal)
_ENGINE_ORDER = re.compile(r"^[ \t]*#ENGINE-ORDER[ \t]*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class ClientOrder:
    """A query without its final ORDER BY, the variables that clause sorted by and
    which of them it sorted descending."""

    query: str
    keys: tuple[str, ...]
    descending: frozenset[str] = frozenset()


def client_order(query: str) -> ClientOrder | None:
    """The query split from a final ``ORDER BY ?a DESC(?b) …`` that Python can do;
    None when the query has no such clause (expressions, LIMIT after it), sorts by
    a variable it does not project or asks for the engine's sort (``#ENGINE-ORDER``)."""
    order = _FINAL_ORDER.search(query)
    select = _SELECT.search(query)
    if order is None or select is None or _ENGINE_ORDER.search(query):
        return None
    parts = _KEY_PARTS.findall(order.group(1))
    keys = tuple(name for _, name in parts)
    if not set(keys) <= _projected(select.group(1)):
        return None
    descending = frozenset(name for desc, name in parts if desc)
    return ClientOrder(query[: order.start()].rstrip() + "\n", keys, descending)


def _projected(projection: str) -> set[str]:
    """The variables a SELECT clause projects (``(expr AS ?v)`` gives ``v``; ``*`` none
    that can be named here)."""
    named = set(re.findall(r"\bAS\s+\?(\w+)", projection, re.IGNORECASE))
    plain = set(re.findall(r"\?(\w+)", _EXPRESSION.sub(" ", projection)))
    return named | plain


Sortable = tuple[int, str | None, Any]
"""A term as SPARQL orders it: rank (unbound, blank node, IRI, literal), the literal's
kind (``_literal_kind``; None for one Python cannot order) and the compared value."""


def describe(value: Node | None) -> Sortable:
    """How SPARQL orders an rdflib term (or None, unbound)."""
    if value is None:
        return (0, "", 0)
    if isinstance(value, BNode):
        return (1, "", 0)
    if isinstance(value, URIRef):
        return (2, "", str(value))
    assert isinstance(value, Literal)
    kind = _literal_kind(value)
    return (3, kind, str(value) if kind == "string" else value.toPython())


def sort_rows(
    variables: Sequence[str],
    rows: Sequence[Sequence[Any]],
    keys: Sequence[str],
    descending: frozenset[str] = frozenset(),
    describe: Callable[[Any], Sortable] = describe,
) -> list[Any] | None:
    """``rows`` sorted by ``keys`` (those in ``descending`` from high to low) as SPARQL
    orders them; None when a key column holds values that Python cannot order the
    same way (then let the engine sort). ``describe`` tells how SPARQL orders a term:
    rdflib terms by default; the embedded store passes its own for Oxigraph's terms."""
    passes = []
    for key in keys:
        index = variables.index(key)
        described: dict[Any, Sortable] = {}
        column = []
        for row in rows:
            term = row[index]
            try:
                column.append(described[term])
            except KeyError:
                described[term] = sortable = describe(term)
                column.append(sortable)
        kinds = {kind for rank, kind, _ in described.values() if rank == 3}
        if None in kinds or len(kinds) > 1:
            return None
        passes.append(([(rank, value) for rank, _, value in column], key in descending))
    order = list(range(len(rows)))
    try:
        # One stable pass per key, the last key first: rows equal on a key keep the
        # order the later keys gave them (``reverse`` keeps ties in order too).
        for column_keys, reverse in reversed(passes):
            order.sort(key=column_keys.__getitem__, reverse=reverse)
    except TypeError:  # e.g. dateTimes with and without a time zone
        return None
    return [rows[i] for i in order]


def _literal_kind(value: Literal) -> str | None:
    """``string``, ``number`` or the datatype of a date-like literal; None for the kinds
    left to the engine (language strings, other datatypes, ill-typed values)."""
    if value.language is not None:
        return None
    if value.datatype in (None, XSD.string):
        return "string"
    python = value.toPython()
    if isinstance(python, _NUMBER) and not isinstance(python, bool):
        return "number"
    if value.datatype in (XSD.date, XSD.dateTime) and python is not value:
        return str(value.datatype)
    return None
