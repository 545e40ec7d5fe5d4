"""Read-side functions the explorer (and the CLI) call: no SPARQL outside graph/."""

from __future__ import annotations

from dataclasses import dataclass

from graph.build import document_iri
from graph.sparql import QueryBackend, QueryResult, run_query


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


def list_documents(backend: QueryBackend) -> QueryResult:
    """Every ingested document with its kind, title, date and number of links."""
    return run_query(backend, "documents")


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


def outgoing_links(backend: QueryBackend, document_id: str) -> QueryResult:
    """The links a document makes, in text order, with their evidence and the
    target work's id and title (``targetId``, ``targetTitle``)."""
    links = run_query(backend, "outgoing_links", doc=document_iri(document_id))
    works = sorted({str(w) for w in links.column("targetWork") if w})
    labels = work_labels(backend, works)
    rows = tuple(
        (*row, *labels.get(str(row[links.variables.index("targetWork")]), (None, None)))
        for row in links.rows
    )
    return QueryResult((*links.variables, "targetId", "targetTitle"), rows)


def work_labels(
    backend: QueryBackend, works: list[str]
) -> dict[str, tuple[str, str | None]]:
    """Identifier and (for ingested documents) title of each work IRI."""
    if not works:
        return {}
    labels: dict[str, tuple[str, str | None]] = {}
    for row in run_query(backend, "work_labels", work=works).as_dicts():
        work, title = str(row["work"]), row["title"]
        if work not in labels or (title and not labels[work][1]):
            labels[work] = (str(row["workId"]), str(title) if title else None)
    return labels


def incoming_links(backend: QueryBackend, document_id: str) -> QueryResult:
    """The links that point at a document or any part of it."""
    return run_query(backend, "incoming_links", work=document_iri(document_id))


def linked_documents(backend: QueryBackend, document_id: str) -> QueryResult:
    """Documents linked to this one, either way, with link counts."""
    return run_query(backend, "linked_documents", doc=document_iri(document_id))
