"""Resolved references → triples → store → queries and analysis. Never imports spaCy.

The stage verbs, importable from here (``from graph import run_query``): build a
document's graph, load files into a store, open the embedded store or whichever one the
settings choose, run a named query, rebuild the read model, search the texts, build the
citation digraph and walk its lineage paths, run a console query, serve the store.
Each verb loads its module on first use, so that ``import graph.settings`` (which the
CLI's start-up does) loads neither rdflib nor the store.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graph.analysis import citation_digraph, lineage_paths
    from graph.build.document import build_document_graph
    from graph.console import run_console_query
    from graph.document_store import open_any_store
    from graph.index import rebuild_index
    from graph.load import load_paths
    from graph.search import search_text
    from graph.serve import serve_store
    from graph.sparql import run_query
    from graph.store import open_store

__all__ = [
    "build_document_graph",
    "citation_digraph",
    "lineage_paths",
    "load_paths",
    "open_any_store",
    "open_store",
    "rebuild_index",
    "run_console_query",
    "run_query",
    "search_text",
    "serve_store",
]

# The module each verb lives in; importing graph loads none of them.
_HOME = {
    "build_document_graph": "graph.build.document",
    "citation_digraph": "graph.analysis",
    "lineage_paths": "graph.analysis",
    "load_paths": "graph.load",
    "open_any_store": "graph.document_store",
    "open_store": "graph.store",
    "rebuild_index": "graph.index",
    "run_console_query": "graph.console",
    "run_query": "graph.sparql",
    "search_text": "graph.search",
    "serve_store": "graph.serve",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
