"""One document as the explorer shows it, the document list, a document's triples."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Graph

from graph.index import reads
from graph.iris import document_iri, graph_iri
from graph.sparql import QueryBackend, QueryResult, ReadBackend, run_query

if TYPE_CHECKING:
    from graph.document_store import DocumentStore


@dataclass(frozen=True, slots=True)
class DocumentView:
    """One document as the explorer shows it."""

    iri: str
    id: str
    kind: str
    title: str
    text: str
    source_file: str
    date: object = None
    official_url: str | None = None


def index_missing(backend: ReadBackend) -> bool:
    """Whether the store has no index (``reads.NO_INDEX`` says what to do)."""
    return backend.index.missing


def index_result(rows: reads.Rows) -> QueryResult:
    """The rows of an index read as a query result (all read at once)."""
    return QueryResult(rows.variables, tuple(rows.rows))


def list_documents(backend: ReadBackend) -> QueryResult:
    """Every ingested document with its kind, title, date and number of links, by kind,
    identifier and IRI (the ``documents`` query's rows, from the index)."""
    return index_result(reads.documents(backend.index))


def document_identifier(backend: ReadBackend, iri: str) -> str | None:
    """An ingested document's identifier (None: not in the store)."""
    return reads.document_identifier(backend.index, iri)


def get_document(backend: QueryBackend, document_id: str) -> DocumentView | None:
    """The document with this canonical id, or None when it is not in the store."""
    result = run_query(backend, "document", doc=document_iri(document_id))
    if not result.rows:
        return None
    row = result.as_dicts()[0]
    return DocumentView(
        iri=str(row["doc"]),
        id=str(row["id"]),
        kind=str(row["kind"]),
        title=str(row["title"]),
        text=str(row["text"]),
        source_file=str(row["sourceFile"]),
        date=row["date"],
        official_url=str(row["officialUrl"]) if row["officialUrl"] else None,
    )


def document_triples(store: DocumentStore, document_id: str) -> Graph:
    """The triples one document's named graph holds (its links, evidence, metadata),
    for download as Turtle or JSON-LD."""
    from graph.namespaces import PREFIXES
    from graph.store import GraphStore

    name = graph_iri(document_id)
    if not isinstance(store, GraphStore):
        return store.graph(name)
    # rdflib's view of a named graph opens a transaction, which a read-only store
    # refuses; a SELECT over the graph reads it without one.
    copy = Graph()
    for prefix, namespace in PREFIXES.items():
        copy.bind(prefix, namespace)
    _, rows = store.select(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH {name.n3()} {{ ?s ?p ?o }} }}"
    )
    for s, p, o in rows:
        if s is not None and p is not None and o is not None:
            copy.add((s, p, o))
    return copy
