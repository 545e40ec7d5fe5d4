"""Export a store's documents' graphs as an RDF file, written as it is read.

A server bulk-loaded from the file is indexed with ``wetgraaf index``. Oxigraph
serialises (``pyoxigraph.serialize``) from an iterator straight into the file, so an
export of a large store needs no more memory than one of a thousand triples.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

import pyoxigraph
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from graph.namespaces import PREFIXES

# ``nq``/``trig``/``jsonld`` keep each document's named graph, ``ttl`` merges them.
EXPORT_FORMATS = {
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "nq": pyoxigraph.RdfFormat.N_QUADS,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
}
# Quads between two calls of an export's progress callback.
PROGRESS_EVERY = 50_000

Progress = Callable[[int], None]
_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def write_quads(
    quads: Iterable[pyoxigraph.Quad],
    fmt: str,
    output: BinaryIO,
    progress: Progress | None = None,
) -> int:
    """Write ``quads`` to ``output`` in format ``fmt`` (a key of ``EXPORT_FORMATS``)
    as they come; returns how many were written. ``progress`` is called with the
    number written so far every ``PROGRESS_EVERY`` quads and at the end.

    Raises:
        ValueError: an unknown format.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(
            f"unknown export format {fmt!r}; use one of {sorted(EXPORT_FORMATS)}"
        )
    counted = _Counted(quads, progress)
    format_ = EXPORT_FORMATS[fmt]
    if fmt == "ttl":
        triples = (quad.triple for quad in counted)
        pyoxigraph.serialize(triples, output, format_, prefixes=_PREFIXES)
    elif fmt == "trig":
        pyoxigraph.serialize(counted, output, format_, prefixes=_PREFIXES)
    else:
        pyoxigraph.serialize(counted, output, format_)
    if progress is not None:
        progress(counted.written)
    return counted.written


class _Counted:
    """The quads passed through, counted, with a progress call now and then."""

    def __init__(
        self, quads: Iterable[pyoxigraph.Quad], progress: Progress | None
    ) -> None:
        self.quads = quads
        self.progress = progress
        self.written = 0

    def __iter__(self) -> Iterator[pyoxigraph.Quad]:
        for quad in self.quads:
            self.written += 1
            if self.progress is not None and self.written % PROGRESS_EVERY == 0:
                self.progress(self.written)
            yield quad


def ox_quad(
    subject: Node, predicate: Node, obj: Node, graph: URIRef
) -> pyoxigraph.Quad:
    """The Oxigraph quad of rdflib terms (a remote store's triples, for export)."""
    return pyoxigraph.Quad(
        _ox_resource(subject),
        pyoxigraph.NamedNode(str(predicate)),
        _ox_object(obj),
        pyoxigraph.NamedNode(str(graph)),
    )


def _ox_resource(term: Node) -> pyoxigraph.NamedNode | pyoxigraph.BlankNode:
    if isinstance(term, BNode):
        # an endpoint's own labels need not be valid N-Quads ones (Virtuoso's
        # "nodeID://b10006"); hex keeps each label apart and the same node the same
        return pyoxigraph.BlankNode("b" + str(term).encode("utf-8").hex())
    return pyoxigraph.NamedNode(str(term))


def _ox_object(
    term: Node,
) -> pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal:
    if not isinstance(term, Literal):
        return _ox_resource(term)
    if term.language:
        return pyoxigraph.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return pyoxigraph.Literal(
            str(term), datatype=pyoxigraph.NamedNode(str(term.datatype))
        )
    return pyoxigraph.Literal(str(term))
