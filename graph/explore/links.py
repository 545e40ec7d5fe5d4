"""A document's links either way, the documents citing it in pages, its neighbourhood."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from graph.explore.documents import DocumentView
from graph.explore.labels import link_type_label, work_labels
from graph.index import reads
from graph.iris import document_iri, graph_iri
from graph.sparql import (
    Binding,
    QueryBackend,
    QueryResult,
    ReadBackend,
    Value,
    run_query,
)


def outgoing_links(backend: ReadBackend, document_id: str) -> QueryResult:
    """The links a document makes, in text order, with their evidence and the
    target work's id and title (``targetId``, ``targetTitle``)."""
    links = run_query(
        backend,
        "outgoing_links",
        doc=document_iri(document_id),
        graph=graph_iri(document_id),
    )
    return _with_labels(backend, links, "targetWork", ("targetId", "targetTitle"))


def _with_labels(
    backend: ReadBackend, result: QueryResult, column: str, names: tuple[str, str]
) -> QueryResult:
    """``result`` with two more columns: id and title of the work in ``column``
    (labels are fetched once per distinct work rather than joined in every row)."""
    works = sorted({str(w) for w in result.column(column) if w})
    labels = work_labels(backend, works)
    index = result.variables.index(column)
    rows = tuple(
        (*row, *labels.get(str(row[index]), (None, None))) for row in result.rows
    )
    return QueryResult((*result.variables, *names), rows)


def incoming_links(
    backend: ReadBackend, document_id: str, citing: Sequence[str] | None = None
) -> QueryResult:
    """The links that point at a document or any part of it, with the citing
    document's id and title (``citingId``, ``citingTitle``); only those in the
    documents ``citing`` (ids: one page of :func:`citing_documents`) when given."""
    bindings: dict[str, Binding] = {"work": document_iri(document_id)}
    if citing is not None:
        bindings["citingGraph"] = [graph_iri(doc_id) for doc_id in citing]
    links = run_query(backend, "incoming_links", **bindings)
    return _with_labels(backend, links, "citingDoc", ("citingId", "citingTitle"))


@dataclass(frozen=True, slots=True)
class Citing:
    """A document that links to another, with the number of its links."""

    iri: str
    id: str
    links: int


def citing_documents(backend: ReadBackend, document_id: str) -> list[Citing]:
    """The documents linking to this one, most links first (counted in the index, so
    as fast for a law cited 30,000 times as for a letter): the pages of
    :func:`incoming_links`."""
    return [
        Citing(doc, identifier, links)
        for doc, identifier, links in reads.citing_documents(
            backend.index, str(document_iri(document_id))
        )
    ]


def citing_pages(citing: Sequence[Citing], links_per_page: int) -> list[list[Citing]]:
    """``citing`` in pages of whole documents holding about ``links_per_page`` links
    each: a page closes before the document that would overflow it, so the time to
    read a page follows its links (a document with more gets a page of its own)."""
    pages: list[list[Citing]] = []
    held = 0
    for document in citing:
        if not pages or held + document.links > links_per_page:
            pages.append([])
            held = 0
        pages[-1].append(document)
        held += document.links
    return pages


def linked_documents(backend: QueryBackend, document_id: str) -> QueryResult:
    """Documents linked to this one, either way, with link counts."""
    return run_query(backend, "linked_documents", doc=document_iri(document_id))


def neighbourhood_graphml(
    document: DocumentView, outgoing: QueryResult, incoming: QueryResult
) -> str:
    """GraphML of a document and the works it links to and from, one edge per link
    with its type, kind, method and quote (for Gephi, yEd, Cytoscape)."""
    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    graph.add_node(
        document.iri, id=document.id, label=document.title, kind=document.kind
    )
    for row in outgoing.as_dicts():
        if not row["targetWork"]:
            continue  # unresolved: no node to point at
        work = str(row["targetWork"])
        graph.add_node(
            work,
            id=str(row["targetId"] or work),
            label=str(row["targetTitle"] or row["targetId"] or work),
        )
        graph.add_edge(document.iri, work, key=str(row["link"]), **_edge_data(row))
    for row in incoming.as_dicts():
        citing = str(row["citingDoc"])
        graph.add_node(citing, id=str(row["citingId"]), label=str(row["citingTitle"]))
        graph.add_edge(citing, document.iri, key=str(row["link"]), **_edge_data(row))
    return "\n".join(nx.generate_graphml(graph))


def _edge_data(row: Mapping[str, Value]) -> dict[str, str]:
    data = {"type": link_type_label(row["type"])}
    for key in ("target", "kind", "method", "quote"):
        if row.get(key) is not None:
            data[key] = str(row[key])
    return data
