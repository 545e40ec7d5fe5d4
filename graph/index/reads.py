"""Lists, counts, search and whole-store exports as plain SQL over the index.

Each reader gives the columns and rows of the named query it stands for, in that
query's order (tests/test_graph_equivalence.py holds them to the rows the queries gave),
read through a streaming cursor. Counts are counted here, with the indexes of
``graph.index.db``: a link is counted once however many graphs state it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.index.db import Index
from graph.index.rows import normalise_text
from graph.values import Value

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Rows:
    """The columns and (streamed) rows of one read."""

    variables: tuple[str, ...]
    rows: Iterator[tuple[Value, ...]]


def _date(value: Any) -> Value:
    """An ISO date as a date (what the query backends return), anything else as is."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return dt.date.fromisoformat(value)
    return value


def _with_dates(
    rows: Iterator[tuple[Any, ...]], columns: Sequence[int]
) -> Iterator[tuple[Value, ...]]:
    for row in rows:
        if columns:
            row = tuple(_date(v) if i in columns else v for i, v in enumerate(row))
        yield row


def _read(
    index: Index,
    variables: Sequence[str],
    sql: str,
    parameters: Sequence[Any] = (),
    dates: Sequence[str] = (),
) -> Rows:
    columns = [variables.index(name) for name in dates]
    return Rows(tuple(variables), _with_dates(index.rows(sql, parameters), columns))


# Per (citing document, cited work): its resolved links and their smallest kind.
_EDGES = """
edges AS (
    SELECT doc, work, COUNT(DISTINCT link) AS links, MIN(kind) AS kind
    FROM links WHERE work IS NOT NULL AND kind IS NOT NULL GROUP BY doc, work),
works AS (
    SELECT work, COUNT(DISTINCT doc) AS citing, SUM(links) AS links,
           MIN(kind) AS cited_as
    FROM edges GROUP BY work),
labels AS (SELECT DISTINCT iri, identifier FROM identifiers)
"""

DOCUMENT_COLUMNS = ("doc", "id", "kind", "title", "date", "links")


def documents(index: Index) -> Rows:
    """Every document with kind, identifier, title, date and its number of links, by
    kind, identifier and IRI (``documents``)."""
    return _read(
        index,
        DOCUMENT_COLUMNS,
        "SELECT d.doc, d.id, d.kind, d.title, d.date,"
        " (SELECT COUNT(DISTINCT l.link) FROM links l WHERE l.doc = d.doc)"
        " FROM (SELECT doc, MIN(id) AS id, MIN(kind) AS kind, MIN(title) AS title,"
        " MIN(date) AS date FROM documents GROUP BY doc) d"
        " ORDER BY d.kind, d.id, d.doc",
        dates=("date",),
    )


def document_identifier(index: Index, iri: str) -> str | None:
    """An indexed document's identifier (None: not indexed)."""
    for (identifier,) in index.rows(
        "SELECT MIN(id) FROM documents WHERE doc = ?", (iri,)
    ):
        return None if identifier is None else str(identifier)
    return None


MOTION_COLUMNS = (
    "doc",
    "id",
    "dossiernummer",
    "ondernummer",
    "date",
    "title",
    "indiener",
    "medeindieners",
)


def motions(index: Index) -> Rows:
    """Every motion, newest first (one without a date last), then by identifier
    (``motions``; medeindieners in name order)."""
    return _read(
        index,
        MOTION_COLUMNS,
        f"SELECT DISTINCT {', '.join(MOTION_COLUMNS)} FROM motions"
        " ORDER BY date IS NULL, date DESC, id, doc",
        dates=("date",),
    )


def _cut(counted: str) -> str:
    """The smallest count of the hundred largest (ties at it are all kept)."""
    return (
        f"(SELECT MIN(citing) FROM (SELECT citing FROM {counted}"
        " ORDER BY citing DESC LIMIT 100))"
    )


def most_cited(index: Index) -> Rows:
    """The works cited by the most documents (``most_cited``)."""
    return _read(
        index,
        ("work", "workId", "title", "referenceKind", "citingDocuments", "links"),
        f"WITH {_EDGES} SELECT w.work, i.identifier, d.title, w.cited_as, w.citing,"
        " w.links FROM works w JOIN labels i ON i.iri = w.work"
        " LEFT JOIN (SELECT DISTINCT doc, title FROM documents) d ON d.doc = w.work"
        f" WHERE w.citing >= {_cut('works')}"
        " ORDER BY w.citing DESC, w.links DESC, i.identifier, w.work LIMIT 100",
    )


def most_cited_parts(index: Index) -> Rows:
    """The parts of works (not whole works) cited by the most documents
    (``most_cited_parts``)."""
    return _read(
        index,
        ("target", "work", "citingDocuments", "links"),
        "WITH parts AS (SELECT target, work, COUNT(DISTINCT doc) AS citing,"
        " COUNT(DISTINCT link) AS links FROM links"
        " WHERE target IS NOT NULL AND work IS NOT NULL AND target != work"
        " GROUP BY target, work)"
        " SELECT target, work, citing, links FROM parts"
        f" WHERE citing >= {_cut('parts')}"
        " ORDER BY citing DESC, links DESC, target LIMIT 100",
    )


def citation_network(index: Index) -> Rows:
    """Every citing document → cited work pair with its links (``citation_network``)."""
    return _read(
        index,
        ("source", "target", "targetId", "citedAs", "links"),
        f"WITH {_EDGES} SELECT e.doc, e.work, i.identifier, w.cited_as, e.links"
        " FROM edges e JOIN works w ON w.work = e.work"
        " LEFT JOIN labels i ON i.iri = e.work ORDER BY e.doc, e.work",
    )


def cited_works(index: Index) -> Rows:
    """Every cited work's identifier and smallest kind of reference (``cited_works``)."""
    return _read(
        index,
        ("work", "workId", "citedAs"),
        f"WITH {_EDGES} SELECT w.work, i.identifier, w.cited_as FROM works w"
        " JOIN labels i ON i.iri = w.work ORDER BY w.work",
    )


_RESOLVED = (
    "work IS NOT NULL AND target IS NOT NULL AND type IS NOT NULL"
    " AND kind IS NOT NULL AND method IS NOT NULL AND quote IS NOT NULL"
)


def citation_edges(index: Index) -> Rows:
    """Every resolved link as a document → work edge (``citation_edges``)."""
    return _read(
        index,
        ("source", "target", "part", "type", "kind", "method", "quote", "link"),
        "SELECT doc, work, target, type, kind, method, quote, link FROM links"
        f" WHERE {_RESOLVED} ORDER BY doc, work, link",
    )


def incoming_links(index: Index, work: str | None = None) -> Rows:
    """The links to a work or any part of it, or every resolved link
    (``incoming_links``)."""
    where = f"{_RESOLVED} AND source IS NOT NULL"
    parameters: tuple[str, ...] = ()
    if work is not None:
        where += " AND work = ?"
        parameters = (work,)
    return _read(
        index,
        (
            "work",
            "link",
            "target",
            "citingDoc",
            "source",
            "type",
            "kind",
            "method",
            "quote",
        ),
        "SELECT work, link, target, doc, source, type, kind, method, quote FROM links"
        f" WHERE {where} ORDER BY doc, quote, work, link",
        parameters,
    )


def unresolved_references(index: Index) -> Rows:
    """References that could not be resolved (``unresolved_references``)."""
    return _read(
        index,
        ("doc", "docId", "kind", "quote", "reason", "start"),
        "SELECT DISTINCT l.doc, d.id, l.kind, COALESCE(l.quote, ''), l.reason, l.start"
        " FROM links l JOIN documents d ON d.graph = l.graph AND d.doc = l.doc"
        " WHERE l.reason IS NOT NULL AND l.kind IS NOT NULL"
        " AND (l.quote IS NOT NULL OR l.start IS NOT NULL)"
        " ORDER BY d.id, l.start, 4, l.reason, l.kind, l.doc",
    )


def relation_edges(
    index: Index, subject_work: str | None = None, target_work: str | None = None
) -> Rows:
    """Typed relations from their subject's work (``relation_edges``)."""
    where = f"typed AND source_work IS NOT NULL AND {_RESOLVED}"
    parameters: list[str] = []
    if subject_work is not None:
        where += " AND source_work = ?"
        parameters.append(subject_work)
    if target_work is not None:
        where += " AND work = ?"
        parameters.append(target_work)
    return _read(
        index,
        (
            "link",
            "subject",
            "subjectWork",
            "target",
            "targetWork",
            "type",
            "quote",
            "statedIn",
            "kind",
            "method",
        ),
        "SELECT DISTINCT link, source, source_work, target, work, type, quote, doc,"
        f" kind, method FROM links WHERE {where}"
        " ORDER BY source_work, work, link, source",
        parameters,
    )


def votes(index: Index) -> Rows:
    """Each fractie's vote on every decision (``votes``)."""
    return _read(
        index,
        ("besluit", "stemming", "fractie", "soort", "zetels"),
        "SELECT DISTINCT besluit, stemming, fractie, soort, zetels FROM votes"
        " ORDER BY besluit, fractie, stemming",
    )


def fts_phrase(phrase: str) -> str:
    """An FTS5 query for ``phrase``: its words in order, the last also as the start of
    a longer word (as typed so far); empty when it has no words."""
    words = re.findall(r"\w+", normalise_text(phrase))
    if not words:
        return ""
    return '"' + " ".join(words) + '" *'


@dataclass(frozen=True, slots=True)
class Hit:
    """A document whose text holds a phrase, with a snippet around it."""

    doc: str
    snippet: str
    rank: float


def search_documents(index: Index, phrase: str, limit: int | None = None) -> list[Hit]:
    """The documents whose full text holds ``phrase`` (in any case, with or without
    accents, however it was typed), best match first (bm25)."""
    query = fts_phrase(phrase)
    if not query:
        return []
    sql = (
        "SELECT t.doc, snippet(texts_fts, 0, '[', ']', '…', 12), bm25(texts_fts)"
        " FROM texts_fts JOIN texts t ON t.rowid = texts_fts.rowid"
        " WHERE texts_fts MATCH ? ORDER BY bm25(texts_fts)"
    )
    hits: dict[str, Hit] = {}
    for doc, snippet, rank in index.rows(sql, (query,)):
        hits.setdefault(doc, Hit(doc, snippet, rank))
        if limit is not None and len(hits) >= limit:
            break
    return list(hits.values())


Reader = Callable[[Index, Mapping[str, str]], Rows | None]


def _unbound(read: Callable[[Index], Rows]) -> Reader:
    return lambda index, bindings: None if bindings else read(index)


def _incoming(index: Index, bindings: Mapping[str, str]) -> Rows | None:
    if set(bindings) - {"work"}:
        return None
    return incoming_links(index, bindings.get("work"))


def _relations(index: Index, bindings: Mapping[str, str]) -> Rows | None:
    if set(bindings) - {"subjectWork", "targetWork"}:
        return None
    return relation_edges(
        index, bindings.get("subjectWork"), bindings.get("targetWork")
    )


# The named queries the index answers, with the parameters it answers them for
# (None: run the query on the store).
READERS: Mapping[str, Reader] = {
    "documents": _unbound(documents),
    "motions": _unbound(motions),
    "most_cited": _unbound(most_cited),
    "most_cited_parts": _unbound(most_cited_parts),
    "citation_network": _unbound(citation_network),
    "cited_works": _unbound(cited_works),
    "citation_edges": _unbound(citation_edges),
    "incoming_links": _incoming,
    "unresolved_references": _unbound(unresolved_references),
    "relation_edges": _relations,
    "votes": _unbound(votes),
}


def indexed_query(index: Index, name: str, bindings: Mapping[str, str]) -> Rows | None:
    """The rows of a named query read from the index, or None when the index does not
    answer it with these parameters."""
    reader = READERS.get(name)
    return reader(index, bindings) if reader else None
