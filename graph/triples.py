"""A document's triples as a plain set, turned into an rdflib Graph only when asked.

Building a document adds each triple once and never reads it back, so a ``set`` is
enough; rdflib's ``Memory`` store keeps three indexes and a context map per triple and
dispatches an event per ``add``, which took most of a build worker's time.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph
from rdflib.term import Node

from graph.namespaces import PREFIXES

Triple = tuple[Node, Node, Node]


def as_graph(triples: Iterable[Triple]) -> Graph:
    """The triples as a new rdflib Graph with our prefixes bound."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in triples:
        graph.add(triple)
    return graph
