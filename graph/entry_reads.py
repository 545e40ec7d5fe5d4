"""Whole-store named queries answered from the summary's entries.

Run unbound, ``documents``, ``motions`` and ``citation_network`` read several values per
row (0.9-1.4 s at 11.6 M triples); the summary holds each row, or each citing
document's pairs, in one literal (graph/summary.py), which the explorer already lists
from. ``wetgraaf query`` answers these three the same way: the same rows in the query's
order (tests/test_graph_entry_reads.py), in a fraction of the time; a store without the
entries is read by the query itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from graph.analysis import network_rows
from graph.explore import list_documents, motion_rows
from graph.sparql import QueryBackend, QueryResult

NETWORK_COLUMNS = ("source", "target", "targetId", "citedAs", "links")


def network_result(backend: QueryBackend) -> QueryResult:
    """The ``citation_network`` query's rows in its order (source, target)."""
    rows = sorted(
        (
            tuple(row[column] for column in NETWORK_COLUMNS)
            for row in network_rows(backend)
        ),
        key=lambda row: (str(row[0]), str(row[1])),
    )
    return QueryResult(NETWORK_COLUMNS, tuple(rows))


# The named queries read from entries when run without parameters; motions with their
# medeindieners in name order (GROUP_CONCAT has none, and each engine keeps its own).
FROM_ENTRIES: Mapping[str, Callable[[QueryBackend], QueryResult]] = {
    "documents": list_documents,
    "motions": motion_rows,
    "citation_network": network_result,
}


def entry_reader(
    name: str, bindings: Mapping[str, str]
) -> Callable[[QueryBackend], QueryResult] | None:
    """How to answer a named query with these parameters from the summary's entries;
    None for one run as a query."""
    return None if bindings else FROM_ENTRIES.get(name)
