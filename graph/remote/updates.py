"""The one update request that replaces a document's named graph on an endpoint.

It writes the new triples into a fresh staging graph (``INSERT DATA`` blocks of at most
``INSERT_CHUNK`` triples) and ends with ``MOVE`` from the staging graph onto the
document's graph. Oxigraph applies a request as one transaction; Virtuoso 7.2 does not
roll back the operations before a failing one, but those only touched the staging
graph, and the ``MOVE`` that replaces the old graph never runs. After a failed request
the staging graph is dropped, so on every SPARQL 1.1 server a failed write leaves the
previous version of the document intact. Virtuoso's SPARQL parser gives up ("SP030 ...
memory exhausted") on a single ``INSERT DATA`` block of a few thousand triples, but
accepts any number of blocks in one request; a literal of 1 MB (a document's full
text) is no problem for either. While a write is under way, a server that does not
isolate requests (Virtuoso) may show the staging triples in its union default graph as
well.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from rdflib import Graph, URIRef

from graph.store import TripleLines, serialize_triples

INSERT_CHUNK = 1000  # triples per INSERT DATA block (Virtuoso fails near 4,500)


# Where a document is written before it replaces its graph (never under GRAPH_BASE).
STAGING_BASE = "https://w3id.org/wetgraaf/staging/"


def staging_graph() -> URIRef:
    """A fresh graph name to write a document into before it replaces the old graph
    (outside ``GRAPH_BASE``, so ``graph_names`` and ``len`` never count it)."""
    return URIRef(STAGING_BASE + uuid.uuid4().hex)


def replace_graph_update(
    name: URIRef,
    graph: Graph | TripleLines,
    *,
    staging: URIRef,
    where: str | None = None,
) -> str:
    """The one update request that replaces named graph ``name`` by ``graph``.

    ``DROP SILENT GRAPH`` of the staging graph, ``INSERT DATA`` blocks of at most
    ``INSERT_CHUNK`` triples into it, then ``MOVE`` onto ``name`` (which drops the old
    graph first). A failure before the ``MOVE`` leaves ``name`` as it was on any
    server, even one that keeps the operations before the failing one. Blank node
    labels may not be shared between operations, so triples with blank nodes all go
    in the last block. An empty ``graph`` just drops ``name``.

    Raises:
        StoreError: a term cannot be written as SPARQL (e.g. an IRI with a space);
            nothing has been sent.
    """
    lines = (
        graph
        if isinstance(graph, TripleLines)
        else serialize_triples(graph, where=where or "endpoint")
    )
    if not len(lines):
        return f"DROP SILENT GRAPH {name.n3()}"
    plain = lines.plain
    blocks: list[Sequence[str]] = [
        plain[i : i + INSERT_CHUNK] for i in range(0, len(plain), INSERT_CHUNK)
    ]
    if lines.with_bnodes:
        blocks.append(lines.with_bnodes)
    operations = [f"DROP SILENT GRAPH {staging.n3()}"]
    operations.extend(
        f"INSERT DATA {{ GRAPH {staging.n3()} {{\n" + "\n".join(block) + "\n} }"
        for block in blocks
    )
    operations.append(f"MOVE GRAPH {staging.n3()} TO GRAPH {name.n3()}")
    return " ;\n".join(operations)
