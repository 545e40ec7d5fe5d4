"""The derived read model: a SQLite index of what the graph holds, for lists, counts,
full-text search and streamed exports (the RDF store stays the graph of record).

``wetgraaf build`` writes a document's rows with its graph (``rows.document_rows`` from
the same triples); ``rebuild_index`` writes them again from the graphs in any store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from rdflib import URIRef

from graph.index.db import Index
from graph.index.rows import DocumentRows, document_rows, normalise_text
from graph.namespaces import GRAPH_BASE
from graph.triples import Triple

__all__ = [
    "DocumentRows",
    "Index",
    "document_rows",
    "normalise_text",
    "fill_if_fresh",
    "rebuild_index",
]

# Graphs read back and written per index transaction by rebuild_index.
REBUILD_BATCH = 200


class _Graphs(Protocol):
    def graph_names(self) -> list[URIRef]: ...

    def graph(self, name: URIRef) -> Iterable[Triple]: ...


def rebuild_index(
    store: _Graphs,
    index: Index,
    *,
    names: Sequence[URIRef] | None = None,
    progress: Callable[[int], None] | None = None,
    batch: int = REBUILD_BATCH,
) -> int:
    """Write the index again from every document graph in ``store`` (``names``, when
    the caller has listed them), graph by graph: a remote endpoint answers one graph's
    triples at a time. The old rows go in the first transaction, so a reader sees the
    index fill up. Returns the number of graphs indexed."""
    listed = store.graph_names() if names is None else names
    graphs = sorted(str(n) for n in listed if str(n).startswith(GRAPH_BASE))
    index.mark_filling(True)  # cut short, the next build fills it again
    index.clear()
    pending: list[DocumentRows] = []
    for number, name in enumerate(graphs, start=1):
        pending.append(document_rows(name, store.graph(URIRef(name))))
        if len(pending) >= batch:
            index.write(pending)
            pending.clear()
        if progress is not None:
            progress(number)
    index.write(pending)
    index.mark_filling(False)
    return len(graphs)


def fill_if_fresh(store: _Graphs, index: Index) -> int:
    """Fill a just-made index from the graphs ``store`` already holds (a store built
    before it had an index, or by another version): otherwise a build would index only
    what it writes. Returns the number of graphs indexed (0: nothing to do)."""
    if not index.fresh or index.read_only:
        return 0
    index.fresh = False
    if not store.graph_names():
        index.mark_filling(False)
        return 0
    return rebuild_index(store, index)
