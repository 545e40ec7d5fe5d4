"""Plain Python values for RDF terms: what every query backend returns in its rows.

One conversion for all backends (the embedded store, a remote endpoint's JSON), so
that the same query gives equal rows everywhere."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rdflib import Literal
from rdflib.term import Node

Value = str | int | float | Decimal | bool | dt.date | dt.datetime | None


def to_python(term: Node | None) -> Value:
    """A plain Python value for an RDF term (IRIs and blank nodes as strings)."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        plain = (str, int, float, Decimal, bool, dt.date, dt.datetime)
        return value if isinstance(value, plain) else str(term)
    return str(term)  # IRIs and blank nodes
