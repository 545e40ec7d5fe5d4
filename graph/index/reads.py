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

from graph.index.db import TABLES, Index
from graph.index.rows import normalise_text
from graph.values import Value

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Rows:
    """The columns and (streamed) rows of one read."""

    variables: tuple[str, ...]
    rows: Iterator[tuple[Value, ...]]


def dicts(rows: Rows) -> list[dict[str, Value]]:
    """The rows of one read as dicts by variable (as ``QueryResult.as_dicts``)."""
    return [dict(zip(rows.variables, row, strict=True)) for row in rows.rows]


def _date(value: Any) -> Value:
    """An ISO date as a date (what the query backends return), anything else as is."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return dt.date.fromisoformat(value)
    return value


def _typed(
    rows: Iterator[tuple[Any, ...]], convert: Mapping[int, Callable[[Any], Value]]
) -> Iterator[tuple[Value, ...]]:
    for row in rows:
        if convert:
            row = tuple(
                convert[i](v) if i in convert and v is not None else v
                for i, v in enumerate(row)
            )
        yield row


def _read(
    index: Index,
    variables: Sequence[str],
    sql: str,
    parameters: Sequence[Any] = (),
    dates: Sequence[str] = (),
    booleans: Sequence[str] = (),
) -> Rows:
    """The rows of ``sql``, ISO ``dates`` as dates and ``booleans`` as bools (SQLite
    keeps neither type)."""
    convert: dict[int, Callable[[Any], Value]] = {
        **{variables.index(name): _date for name in dates},
        **{variables.index(name): bool for name in booleans},
    }
    return Rows(tuple(variables), _typed(index.rows(sql, parameters), convert))


# Per (citing document, cited work): its resolved links and their smallest kind.
# ``edges``: one row per citing document and cited work (graph.index.db.DERIVED).
_EDGES = """
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
        " (SELECT COALESCE(SUM(n.links), 0) FROM document_links n WHERE n.doc = d.doc)"
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


# The motions table's columns (named as the motions query names them), then the
# outcome of the decisive besluit.
MOTION_COLUMNS = (
    *TABLES["motions"],
    "uitslag",
    "zetelsVoor",
    "zetelsTegen",
    "zetelsOnvolledig",
)


# A decision's rank among those about one motion: one with recorded seats first, then
# the greatest IRI (as the motions query and graph.explore.motions choose the decisive one).
def _decisive_key(table: str) -> str:
    return f"(CASE WHEN {table}.voor IS NULL THEN '0' ELSE '1' END) || {table}.besluit"


def motions(index: Index) -> Rows:
    """Every motion, newest first (one without a date last), then by identifier, with
    the outcome of its decisive besluit (``motions``; medeindieners in name order)."""
    return _read(
        index,
        MOTION_COLUMNS,
        f"WITH decisive AS (SELECT z.doc, MAX({_decisive_key('b')}) AS key"
        " FROM (SELECT DISTINCT zaak, doc FROM zaken) z"
        " JOIN besluiten b ON b.zaak = z.zaak GROUP BY z.doc),"
        f" outcomes AS (SELECT DISTINCT {_decisive_key('o')} AS key, o.uitslag,"
        " o.voor, o.tegen, o.onvolledig FROM besluiten o)"
        " SELECT DISTINCT m.doc, m.id, m.dossiernummer, m.ondernummer, m.date, m.title,"
        " m.indiener, m.medeindieners, o.uitslag, o.voor, o.tegen, o.onvolledig"
        " FROM motions m LEFT JOIN decisive d ON d.doc = m.doc"
        " LEFT JOIN outcomes o ON o.key = d.key"
        " ORDER BY m.date IS NULL, m.date DESC, m.id, m.doc",
        dates=("date",),
        booleans=("zetelsOnvolledig",),
    )


# Each value of a zaak's record on its own (as the motion_zaken query joins them: a
# zaak recorded in two graphs combines the values of both).
_ZAAK_VALUES = """
ids AS (SELECT DISTINCT zaak, id FROM zaak_records),
appreciaties AS (SELECT DISTINCT zaak, kabinetsappreciatie FROM zaak_records
    WHERE kabinetsappreciatie IS NOT NULL),
afgedaan AS (SELECT DISTINCT zaak, afgedaan FROM zaak_records WHERE afgedaan IS NOT NULL),
onderwerpen AS (SELECT DISTINCT zaak, onderwerp FROM zaak_records
    WHERE onderwerp IS NOT NULL)
"""


def motion_zaken(index: Index) -> Rows:
    """Each motion's recorded zaken with kabinetsappreciatie, afgedaan and onderwerp
    (``motion_zaken``)."""
    return _read(
        index,
        ("doc", "zaak", "zaakId", "kabinetsappreciatie", "afgedaan", "onderwerp"),
        f"WITH {_ZAAK_VALUES}"
        " SELECT DISTINCT z.doc, z.zaak, i.id, k.kabinetsappreciatie, a.afgedaan,"
        " o.onderwerp"
        " FROM (SELECT DISTINCT zaak, doc FROM zaken"
        "       WHERE doc IN (SELECT doc FROM motions)) z"
        " JOIN ids i ON i.zaak = z.zaak"
        " LEFT JOIN appreciaties k ON k.zaak = z.zaak"
        " LEFT JOIN afgedaan a ON a.zaak = z.zaak"
        " LEFT JOIN onderwerpen o ON o.zaak = z.zaak"
        " ORDER BY z.doc, i.id, z.zaak, k.kabinetsappreciatie, a.afgedaan, o.onderwerp",
        booleans=("afgedaan",),
    )


def motion_decisions(index: Index) -> Rows:
    """The decisions about the zaken of motions, with outcome and seats
    (``decisions`` for every such zaak)."""
    return _read(
        index,
        ("zaak", "besluit", "uitslag", "zetelsVoor", "zetelsTegen", "zetelsOnvolledig"),
        "SELECT DISTINCT zaak, besluit, uitslag, voor, tegen, onvolledig FROM besluiten"
        " WHERE zaak IN (SELECT zaak FROM zaken WHERE doc IN (SELECT doc FROM motions))"
        " ORDER BY zaak, besluit",
        booleans=("zetelsOnvolledig",),
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
        # the labels and titles of the hundred, not of every cited work
        f"WITH {_EDGES}, top AS"
        f" (SELECT * FROM works WHERE citing >= {_cut('works')})"
        " SELECT w.work, i.identifier, d.title, w.cited_as, w.citing, w.links"
        " FROM top w JOIN (SELECT DISTINCT iri, identifier FROM identifiers"
        " WHERE iri IN (SELECT work FROM top)) i ON i.iri = w.work"
        " LEFT JOIN (SELECT DISTINCT doc, title FROM documents"
        " WHERE doc IN (SELECT work FROM top)) d ON d.doc = w.work"
        " ORDER BY w.citing DESC, w.links DESC, i.identifier, w.work LIMIT 100",
    )


def most_cited_parts(index: Index) -> Rows:
    """The parts of works (not whole works) cited by the most documents
    (``most_cited_parts``)."""
    return _read(
        index,
        ("target", "work", "citingDocuments", "links"),
        "WITH parts AS (SELECT target, work, COUNT(DISTINCT doc) AS citing,"
        " SUM(links) AS links FROM part_edges GROUP BY target, work)"
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
        " FROM (SELECT doc, work, SUM(links) AS links FROM edges GROUP BY doc, work) e"
        " JOIN works w ON w.work = e.work"
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


# Values bound in one IN (…) list: SQLite allows 32,766 host parameters.
BATCH = 10_000


def _within(column: str, values: Sequence[str] | None) -> tuple[str, list[str]]:
    """An ``AND column IN (…)`` condition and its parameters (nothing for None)."""
    if values is None:
        return "", []
    values = sorted(set(values))
    if len(values) > BATCH:
        raise ValueError(f"at most {BATCH} values per read, not {len(values)}")
    return f" AND {column} IN ({', '.join('?' * len(values))})", list(values)


CITATION_COLUMNS = (
    "source",
    "target",
    "part",
    "type",
    "kind",
    "method",
    "quote",
    "link",
)


def citation_edges(
    index: Index,
    *,
    sources: Sequence[str] | None = None,
    works: Sequence[str] | None = None,
    links: Sequence[str] | None = None,
) -> Rows:
    """Every resolved link as a document → work edge (``citation_edges``), or those
    stated in ``sources``, to ``works``, or the ``links`` named."""
    where, parameters = _RESOLVED, []
    for column, values in (("doc", sources), ("work", works), ("link", links)):
        condition, bound = _within(column, values)
        where += condition
        parameters += bound
    return _read(
        index,
        CITATION_COLUMNS,
        "SELECT doc, work, target, type, kind, method, quote, link FROM links"
        f" WHERE {where} ORDER BY doc, work, link",
        parameters,
    )


INCOMING_COLUMNS = (
    "work",
    "link",
    "target",
    "citingDoc",
    "source",
    "type",
    "kind",
    "method",
    "quote",
)


def incoming_links(
    index: Index, work: str | None = None, citing: Sequence[str] | None = None
) -> Rows:
    """The links to a work or any part of it (only those in the documents ``citing``,
    when given), or every resolved link (``incoming_links``)."""
    where = f"{_RESOLVED} AND source IS NOT NULL"
    parameters: list[str] = []
    if work is not None:
        where += " AND work = ?"
        parameters.append(work)
    condition, bound = _within("doc", citing)
    return _read(
        index,
        INCOMING_COLUMNS,
        "SELECT work, link, target, doc, source, type, kind, method, quote FROM links"
        f" WHERE {where}{condition} ORDER BY doc, quote, work, link",
        parameters + bound,
    )


def cited_counts(index: Index, documents: Sequence[str]) -> dict[str, dict[str, int]]:
    """For each of ``documents``, the works it cites with its number of links to each
    (as ``citation_network`` counts them)."""
    condition, parameters = _within("doc", documents)
    counts: dict[str, dict[str, int]] = {}
    for doc, work, links in index.rows(
        f"SELECT doc, work, SUM(links) FROM edges WHERE 1{condition} GROUP BY doc, work",
        parameters,
    ):
        counts.setdefault(str(doc), {})[str(work)] = int(links)
    return counts


def links_to_parts(index: Index, targets: Sequence[str]) -> list[tuple[str, str]]:
    """(citing document, link) of every link to one of ``targets`` (``links_to_parts``)."""
    condition, parameters = _within("target", targets)
    return [
        (str(doc), str(link))
        for doc, link in index.rows(
            "SELECT DISTINCT doc, link FROM links WHERE target IS NOT NULL"
            f"{condition} ORDER BY target, link, doc",
            parameters,
        )
    ]


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


RELATION_COLUMNS = (
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
)


def relation_edges(
    index: Index,
    *,
    subject_works: Sequence[str] | None = None,
    target_works: Sequence[str] | None = None,
    links: Sequence[str] | None = None,
) -> Rows:
    """Typed relations from their subject's work (``relation_edges``), or those from
    ``subject_works``, to ``target_works`` or of the ``links`` named."""
    where = f"typed AND source_work IS NOT NULL AND {_RESOLVED}"
    parameters: list[str] = []
    for column, values in (
        ("source_work", subject_works),
        ("work", target_works),
        ("link", links),
    ):
        condition, bound = _within(column, values)
        where += condition
        parameters += bound
    return _read(
        index,
        RELATION_COLUMNS,
        "SELECT DISTINCT link, source, source_work, target, work, type, quote, doc,"
        f" kind, method FROM links WHERE {where}"
        " ORDER BY source_work, work, link, source",
        parameters,
    )


def votes(index: Index, besluiten: Sequence[str] | None = None) -> Rows:
    """Each fractie's vote on every decision, or on those of ``besluiten``
    (``votes``)."""
    condition, parameters = _within("besluit", besluiten)
    return _read(
        index,
        ("besluit", "stemming", "fractie", "soort", "zetels"),
        "SELECT DISTINCT besluit, stemming, fractie, soort, zetels FROM votes"
        f" WHERE 1{condition} ORDER BY besluit, fractie, stemming",
        parameters,
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


def ranked_documents(index: Index, phrase: str) -> list[tuple[str, float]]:
    """(document, bm25 rank) of each document whose full text holds ``phrase`` (in any
    case, with or without accents, however it was typed), best match first, each once,
    ranked by its best passage. Ranking reads the full-text index only; a snippet
    reads the text (see :func:`snippets`)."""
    return [(doc, rank) for doc, (rank, _) in _best_passages(index, phrase).items()]


def _best_passages(
    index: Index, phrase: str, documents: Sequence[str] | None = None
) -> dict[str, tuple[float, int]]:
    """Per document holding ``phrase`` (of ``documents``, at most ``BATCH``; None:
    all), the rank and rowid of its best passage, best first."""
    query = fts_phrase(phrase)
    if not query:
        return {}
    condition, parameters = _within("t.doc", documents)
    best: dict[str, tuple[float, int]] = {}
    for doc, rank, rowid in index.rows(
        "SELECT t.doc, rank, t.rowid FROM texts_fts"
        " JOIN texts t ON t.rowid = texts_fts.rowid"
        f" WHERE texts_fts MATCH ?{condition} ORDER BY rank",
        (query, *parameters),
    ):
        best.setdefault(str(doc), (float(rank), int(rowid)))
    return best


def snippets(
    index: Index,
    phrase: str,
    documents: Sequence[str],
    *,
    marks: tuple[str, str] = ("[", "]"),
    words: int = 12,
) -> dict[str, str]:
    """A snippet of about ``words`` words around ``phrase`` in each of ``documents``
    (its matched words between ``marks``), from the document's best passage: FTS5
    tokenises the passage for its snippet, so it is made only for the hits a page
    shows."""
    query = fts_phrase(phrase)
    found: dict[str, str] = {}
    for start in range(0, len(documents), BATCH):
        best = _best_passages(index, phrase, documents[start : start + BATCH])
        if not best:
            continue
        doc_of = {rowid: doc for doc, (_, rowid) in best.items()}
        for rowid, snippet in index.rows(
            "SELECT rowid, snippet(texts_fts, 0, ?, ?, '…', ?) FROM texts_fts"
            f" WHERE texts_fts MATCH ? AND rowid IN ({', '.join('?' * len(doc_of))})",
            (*marks, words, query, *doc_of),
        ):
            found[doc_of[int(rowid)]] = str(snippet)
    return found


def search_documents(index: Index, phrase: str, limit: int | None = None) -> list[Hit]:
    """The documents whose full text holds ``phrase``, best match first (bm25), each
    with a snippet (at most ``limit`` of them)."""
    ranked = ranked_documents(index, phrase)[:limit]
    cut = snippets(index, phrase, [doc for doc, _ in ranked])
    return [Hit(doc, cut.get(doc, ""), rank) for doc, rank in ranked]


Reader = Callable[[Index, Mapping[str, str]], Rows | None]


def _unbound(read: Callable[[Index], Rows]) -> Reader:
    return lambda index, bindings: None if bindings else read(index)


def _incoming(index: Index, bindings: Mapping[str, str]) -> Rows | None:
    if set(bindings) - {"work"}:
        return None
    return incoming_links(index, bindings.get("work"))


def _one(bindings: Mapping[str, str], name: str) -> list[str] | None:
    return [bindings[name]] if name in bindings else None


def _relations(index: Index, bindings: Mapping[str, str]) -> Rows | None:
    if set(bindings) - {"subjectWork", "targetWork"}:
        return None
    return relation_edges(
        index,
        subject_works=_one(bindings, "subjectWork"),
        target_works=_one(bindings, "targetWork"),
    )


def _citations(index: Index, bindings: Mapping[str, str]) -> Rows | None:
    if set(bindings) - {"source", "target"}:
        return None
    return citation_edges(
        index, sources=_one(bindings, "source"), works=_one(bindings, "target")
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
    "citation_edges": _citations,
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


NO_INDEX = (
    "this store has no index yet (built elsewhere, or by an older wetgraaf): "
    "run `wetgraaf index` to write it from the graphs"
)


@dataclass(frozen=True, slots=True)
class WorkLabel:
    """What names a work: its identifier, and for an ingested document its kind and
    title; the smallest kind of reference to it anywhere (None: never cited)."""

    identifier: str
    kind: str | None
    title: str | None
    cited_as: str | None


def work_labels(index: Index, works: Sequence[str]) -> dict[str, WorkLabel]:
    """The label of each of ``works`` that has an identifier (its smallest, as the
    ``work_labels`` query orders them)."""
    labels: dict[str, WorkLabel] = {}
    wanted = sorted(set(works))
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        marks = ", ".join("?" * len(chunk))
        for work, identifier, kind, title, cited_as in index.rows(
            "SELECT i.iri, MIN(i.identifier),"
            " (SELECT MIN(d.kind) FROM documents d WHERE d.doc = i.iri),"
            " (SELECT MIN(d.title) FROM documents d WHERE d.doc = i.iri),"
            # per citing document, not per link: a law is cited by every link of
            # each document that cites it
            " (SELECT MIN(e.kind) FROM edges e WHERE e.work = i.iri)"
            f" FROM identifiers i WHERE i.iri IN ({marks}) GROUP BY i.iri",
            chunk,
        ):
            labels[str(work)] = WorkLabel(str(identifier), kind, title, cited_as)
    return labels


def citing_documents(index: Index, work: str) -> list[tuple[str, str, int]]:
    """(document, its identifier, its links to ``work`` or a part of it) of every
    other document citing ``work``, most links first, then by identifier."""
    return [
        (str(doc), str(identifier), int(links))
        for doc, identifier, links in index.rows(
            "SELECT e.doc, (SELECT MIN(d.id) FROM documents d WHERE d.doc = e.doc) AS id,"
            " SUM(e.links) AS n FROM edges e WHERE e.work = ? AND e.doc != ?"
            " GROUP BY e.doc HAVING id IS NOT NULL ORDER BY n DESC, id, e.doc",
            (work, work),
        )
    ]


def motion_subjects(index: Index) -> dict[str, str]:
    """Per motion (document IRI) the TK's onderwerp of its zaak ("Motie van het lid
    Podt over …"), which says what it is about where the Kamerstuk's title only names
    the member; the smallest where a motion has several zaken."""
    return {
        str(doc): " ".join(str(title).split())
        for doc, title in index.rows(
            "SELECT z.doc, MIN(d.title) FROM zaken z JOIN documents d ON d.doc = z.zaak"
            " WHERE d.title IS NOT NULL GROUP BY z.doc"
        )
    }


def identifiers(index: Index) -> dict[str, str]:
    """Every IRI the index knows an identifier of (documents and cited works), with
    its smallest identifier."""
    return {
        str(iri): str(identifier)
        for iri, identifier in index.rows(
            "SELECT iri, MIN(identifier) FROM identifiers"
            " WHERE iri IS NOT NULL AND identifier IS NOT NULL GROUP BY iri"
        )
    }


PART_LINK_COLUMNS = (
    "link",
    "doc",
    "docId",
    "docKind",
    "source",
    "target",
    "work",
    "type",
    "kind",
    "method",
    "quote",
    "start",
)


def _part_range(column: str) -> str:
    """``column`` is the part (``?``) or lies inside it: a Juriconnect reference or a
    fragment goes on with ``&`` (artikel 3.4 holds ``…&artikel=3.4&lid=1``, not
    ``…&artikel=3.46``); ``&`` + 1 is ``'``, so the range reads the column's index."""
    return f"({column} = ? OR ({column} >= ? || '&' AND {column} < ? || ''''))"


def _part_links(index: Index, where: str, parameters: Sequence[Any]) -> Rows:
    return _read(
        index,
        PART_LINK_COLUMNS,
        "SELECT DISTINCT l.link, l.doc,"
        " (SELECT MIN(d.id) FROM documents d WHERE d.doc = l.doc),"
        " (SELECT MIN(d.kind) FROM documents d WHERE d.doc = l.doc),"
        " l.source, l.target, l.work, l.type, l.kind, l.method, l.quote, l.start"
        f" FROM links l WHERE l.work IS NOT NULL AND l.type IS NOT NULL AND {where}"
        " ORDER BY l.doc, l.start, l.link",
        parameters,
    )


def links_to_part(index: Index, part: str) -> Rows:
    """Every resolved link to a part of a work or inside it (a link to artikel 3.4,
    eerste lid, is one to artikel 3.4), with the stating document's id and kind."""
    return _part_links(index, _part_range("l.target"), (part, part, part))


def links_from_part(index: Index, part: str, documents: Sequence[str]) -> Rows:
    """The resolved links stated by a part or inside it, in the ``documents`` that can
    hold them (the part's own regeling, a decision that sets its text): a link's source
    has no index of its own, its document does."""
    condition, bound = _within("l.doc", documents)
    return _part_links(
        index, _part_range("l.source") + condition, (part, part, part, *bound)
    )


def typed_link_starts(index: Index, document: str, link_type: str) -> list[int]:
    """Where in ``document``'s text its links of ``link_type`` start, in text order
    (a decision's changes: each runs up to the next)."""
    return [
        int(start)
        for (start,) in index.rows(
            "SELECT DISTINCT start FROM links WHERE doc = ? AND type = ?"
            " AND start IS NOT NULL ORDER BY start",
            (document, link_type),
        )
    ]


def typed_links_from_work(index: Index, work: str) -> Rows:
    """The typed relations (derives from, implements, elaborates…) whose subject is
    ``work`` or a part of it, wherever they are stated (Vc C says which Vb article
    implements a directive), with the stating document's id and kind."""
    return _part_links(index, "l.typed AND l.source_work = ?", (work,))


def document_graph(index: Index, iri: str) -> str | None:
    """The named graph an indexed document's rows came from (None: not indexed)."""
    for (graph,) in index.rows(
        "SELECT MIN(graph) FROM documents WHERE doc = ?", (iri,)
    ):
        return None if graph is None else str(graph)
    return None
