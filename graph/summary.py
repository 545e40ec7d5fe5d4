"""Summary graphs: link counts stored next to the documents' graphs.

The aggregate queries (``most_cited``, ``most_cited_parts``, ``documents``,
``linked_documents``) read these few thousand stored numbers instead of counting every
link of the store at query time (Oxigraph's union default graph is a bag, so counting
there also meets each shared triple once per graph that holds it). Six named graphs
under ``SUMMARY_BASE``, never part of a document's own graph:

* ``edges``: a ``wg:CitationEdge`` per (document, work) with ``wg:linkCount`` (links in
  the document whose ``wg:targetWork`` is the work) and ``wg:citedAs`` (their smallest
  ``wg:referenceKind``);
* ``works``: per cited work ``wg:citingDocuments``, ``wg:incomingLinks`` and
  ``wg:citedAs``, summed over its edges;
* ``parts``: per cited part (a ``wg:linkTarget`` that is not its ``wg:targetWork``:
  an article, lid, Vc paragraph) ``wg:citingDocuments``, ``wg:incomingLinks`` and its
  ``wg:partOfWork``;
* ``documents``: per document with links ``wg:outgoingLinks`` (resolved or not) and
  ``wg:networkEntry`` (its edges' works and links in one literal, read by the
  ``network_entries`` query), and per document its ``wg:listEntry`` (kind, identifier,
  date, links and title in one literal, read by the ``document_list`` query) and per
  motion its ``wg:motionEntry`` (the ``motions`` query's row, read by ``motion_list``);
* ``history``: a ``wg:HistoryEdge`` per (document, work) with dated links (a
  ``wg:inwerkingtreding``: a regeling's version links, an amendment history's lines),
  with ``wg:linkCount`` and the document's graph (``wg:edgeGraph``), so that
  ``article_versions`` reads the few graphs holding a regeling's history instead of
  every link to it (31,579 for the Vb at ×25);
* ``relations``: every typed relation link (``a wg:Link``: derives from, elaborates,
  implements, amends, answers…) by the works it joins, ``wg:relationSubjectWork`` (the
  work of its ``wg:linkSource``) and ``wg:relationTargetWork``, with its document
  (``wg:edgeSource``) and named graph (``wg:edgeGraph``), so that ``relation_edges``
  finds the 1,425 relations into the Vw at ×25 without reading its other 73,000 links.

``works`` and ``documents`` also hold each subject's ``dcterms:identifier`` once, as
``wg:summaryIdentifier`` (so that the union of the graphs, which queries read, still has
each document's own identifier once): in the union default graph a much-cited work's identifier is stated once per citing document
(the Vb's 15,725 times at ×25), so a query that labels the most cited works or a
document's neighbours reads it here.

Everything here is SPARQL 1.1 Update text, so the embedded store and a remote endpoint
run the same statements. ``refresh`` recomputes all six from the links (after a
bulk build, in batches of subjects); ``document_update`` corrects them after one
document's graph was written or removed, from what that graph linked to before and
after (``targets_query``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rdflib import URIRef

from graph.namespaces import PREFIXES

SUMMARY_BASE = "https://w3id.org/wetgraaf/summary/"
EDGES = URIRef(SUMMARY_BASE + "edges")
WORKS = URIRef(SUMMARY_BASE + "works")
PARTS = URIRef(SUMMARY_BASE + "parts")
DOCUMENTS = URIRef(SUMMARY_BASE + "documents")
HISTORY = URIRef(SUMMARY_BASE + "history")
RELATIONS = URIRef(SUMMARY_BASE + "relations")
SUMMARY_GRAPHS = (EDGES, WORKS, PARTS, DOCUMENTS, HISTORY, RELATIONS)

_PROLOGUE = "\n".join(f"PREFIX {prefix}: <{ns}>" for prefix, ns in PREFIXES.items())


@dataclass(frozen=True, slots=True)
class Targets:
    """What one document graph holds and links to: its documents (and those its links
    are in), the works they target and the parts (targets that are not a whole work)."""

    documents: frozenset[str] = frozenset()
    works: frozenset[str] = frozenset()
    parts: frozenset[str] = frozenset()

    def __or__(self, other: Targets) -> Targets:
        return Targets(
            self.documents | other.documents,
            self.works | other.works,
            self.parts | other.parts,
        )

    def __bool__(self) -> bool:
        return bool(self.documents or self.works or self.parts)


def targets_query(name: URIRef) -> str:
    """SELECT ?doc ?work ?target over the documents and links of one named graph."""
    return (
        f"{_PROLOGUE}\nSELECT DISTINCT ?doc ?work ?target WHERE {{ GRAPH {name.n3()} {{"
        " { ?doc wg:documentKind ?kind } UNION { ?link wg:inDocument ?doc ."
        " OPTIONAL { ?link wg:targetWork ?work ; wg:linkTarget ?target } } } }"
    )


def targets_from(rows: Iterable[Sequence[object]]) -> Targets:
    """The ``Targets`` in the rows of ``targets_query`` (values or rdflib terms)."""
    documents, works, parts = set(), set(), set()
    for doc, work, target in rows:
        documents.add(str(doc))
        if work is not None and target is not None:
            works.add(str(work))
            if str(target) != str(work):
                parts.add(str(target))
    return Targets(frozenset(documents), frozenset(works), frozenset(parts))


def _values(variable: str, iris: Iterable[str]) -> str:
    """A VALUES block opening a group (terms escaped by rdflib)."""
    cells = " ".join(URIRef(iri).n3() for iri in sorted(iris))
    return f"VALUES ?{variable} {{ {cells} }}"


_RELATION = (
    "?link a wg:Link ; wg:inDocument ?doc ; wg:linkSource ?subject ;"
    " wg:targetWork ?work . ?subject wg:partOfWork ?subjectWork ."
)
"""A typed relation link in one graph, as ``relations`` indexes it."""


def _relation_insert(values: str) -> str:
    """Insert the typed relation links of the documents or links ``values`` binds."""
    return (
        f"INSERT {{ GRAPH {RELATIONS.n3()} {{ ?link wg:edgeSource ?doc ; wg:edgeGraph ?g ;"
        " wg:relationSubjectWork ?subjectWork ; wg:relationTargetWork ?work } }"
        f" WHERE {{ {values} GRAPH ?g {{ {_RELATION} }} }}"
    )


def _relation_inserts(links: Iterable[str]) -> list[str]:
    """Insert the relations of the typed links ``links`` (a full recount)."""
    return [_relation_insert(_values("link", links))]


def _operations(changed: Targets) -> list[str]:
    """Delete and recompute the summary of ``changed``: edges, document counts, history
    and relations for its documents, then work counts (read from the new edges), then part
    counts (from the links)."""
    docs = _values("doc", changed.documents)
    works = _values("work", changed.works)
    parts = _values("target", changed.parts)
    return [
        f"DELETE {{ GRAPH {EDGES.n3()} {{ ?edge ?p ?o }} }} WHERE {{ {docs}"
        f" GRAPH {EDGES.n3()} {{ ?edge wg:edgeSource ?doc ; ?p ?o }} }}",
        f"DELETE {{ GRAPH {DOCUMENTS.n3()} {{ ?doc ?p ?o }} }} WHERE {{ {docs}"
        f" GRAPH {DOCUMENTS.n3()} {{ ?doc ?p ?o }} }}",
        f"DELETE {{ GRAPH {WORKS.n3()} {{ ?work ?p ?o }} }} WHERE {{ {works}"
        f" GRAPH {WORKS.n3()} {{ ?work ?p ?o }} }}",
        f"DELETE {{ GRAPH {PARTS.n3()} {{ ?target ?p ?o }} }} WHERE {{ {parts}"
        f" GRAPH {PARTS.n3()} {{ ?target ?p ?o }} }}",
        f"DELETE {{ GRAPH {HISTORY.n3()} {{ ?edge ?p ?o }} }} WHERE {{ {docs}"
        f" GRAPH {HISTORY.n3()} {{ ?edge wg:edgeSource ?doc ; ?p ?o }} }}",
        f"DELETE {{ GRAPH {RELATIONS.n3()} {{ ?link ?p ?o }} }} WHERE {{ {docs}"
        f" GRAPH {RELATIONS.n3()} {{ ?link wg:edgeSource ?doc ; ?p ?o }} }}",
        *_document_inserts(changed.documents),
        _relation_insert(docs),
        *_work_inserts(changed.works),
        *_part_inserts(changed.parts),
    ]


def _document_inserts(documents: Iterable[str]) -> list[str]:
    """Insert the edges, link count, list entries, history edges and identifier of
    ``documents``."""
    docs = _values("doc", documents)
    return [
        _edge_insert(docs),
        f"INSERT {{ GRAPH {DOCUMENTS.n3()} {{ ?doc wg:outgoingLinks ?links }} }}"
        " WHERE { SELECT ?doc (COUNT(DISTINCT ?link) AS ?links)"
        f" WHERE {{ {docs} GRAPH ?g {{ ?link wg:inDocument ?doc }} }}"
        " GROUP BY ?doc }",
        _network_entry_insert(docs),
        _entry_insert(docs),
        _motion_entry_insert(docs),
        f"INSERT {{ GRAPH {HISTORY.n3()} {{ _:edge a wg:HistoryEdge ;"
        " wg:edgeSource ?doc ; wg:edgeTarget ?work ; wg:edgeGraph ?g ;"
        " wg:linkCount ?links } }"
        " WHERE { SELECT ?doc ?work ?g (COUNT(DISTINCT ?link) AS ?links)"
        f" WHERE {{ {docs} GRAPH ?g {{ ?link wg:inwerkingtreding ?date ;"
        " wg:inDocument ?doc ; wg:targetWork ?work } } GROUP BY ?doc ?work ?g }",
        _identifiers(DOCUMENTS, "doc", "wg:outgoingLinks", docs),
    ]


def _edge_insert(docs: str) -> str:
    """Insert the citation edges of the documents ``docs`` binds: per cited work the
    number of links and their smallest kind of reference."""
    return (
        f"INSERT {{ GRAPH {EDGES.n3()} {{ _:edge a wg:CitationEdge ;"
        " wg:edgeSource ?doc ; wg:edgeTarget ?work ;"
        " wg:linkCount ?links ; wg:citedAs ?kind } }"
        " WHERE { SELECT ?doc ?work (COUNT(DISTINCT ?link) AS ?links)"
        f" (MIN(?referenceKind) AS ?kind) WHERE {{ {docs} GRAPH ?g {{"
        " ?link wg:inDocument ?doc ; wg:targetWork ?work ;"
        " wg:referenceKind ?referenceKind } } GROUP BY ?doc ?work }"
    )


def _network_entry_insert(docs: str) -> str:
    """Insert the network entry of the documents ``docs`` binds (after their edges):
    each cited work and its number of links, alternating, tab-separated, in one
    literal. The citation network is then one pattern per citing document: 3,800
    entries at 11.6 M triples in 42 ms, against 0.25-0.37 s for an entry per edge
    (37,291) and 1.0-1.5 s for the edges' values (``citation_network``)."""
    return (
        f"INSERT {{ GRAPH {DOCUMENTS.n3()} {{ ?doc wg:networkEntry ?entry }} }}"
        ' WHERE { SELECT ?doc (GROUP_CONCAT(?pair; separator="\\t") AS ?entry)'
        f" WHERE {{ GRAPH {EDGES.n3()} {{ {docs}"
        " ?edge wg:edgeSource ?doc ; wg:edgeTarget ?work ; wg:linkCount ?links }"
        ' BIND(CONCAT(STR(?work), "\\t", STR(?links)) AS ?pair) } GROUP BY ?doc }'
    )


LIST_FIELDS = ("kind", "id", "date", "links", "title")
"""The fields of a document's ``wg:listEntry``, in order, separated by tabs."""


def _entry_insert(docs: str) -> str:
    """Insert the list entry of the documents ``docs`` binds (after their link count):
    kind, identifier, date, links and title in one literal, the kind first so that
    entries sort as the list does. One pattern lists the store's documents (15,725
    entries at 11.6 M triples: 0.2 s against 0.7-0.9 s reading the five values in
    turn). The block opens the graph group: outside it, Oxigraph read every document's
    values per batch (2,000 documents at 46.5 M triples: 2.4 s against 0.44 s)."""
    fields = ', "\\t", '.join(
        (
            "STR(?kind)",
            "STR(?id)",
            'COALESCE(STR(?date), "")',
            "STR(COALESCE(?links, 0))",
            "STR(?title)",
        )
    )
    return (
        f"INSERT {{ GRAPH {DOCUMENTS.n3()} {{ ?doc wg:listEntry ?entry }} }}"
        f" WHERE {{ SELECT ?doc (MIN(?row) AS ?entry) WHERE {{ GRAPH ?g {{ {docs}"
        " ?doc wg:documentKind ?kind ; dcterms:identifier ?id ; dcterms:title ?title"
        " OPTIONAL { ?doc dcterms:date ?date } }"
        f" OPTIONAL {{ GRAPH {DOCUMENTS.n3()} {{ ?doc wg:outgoingLinks ?links }} }}"
        f" BIND(CONCAT({fields}) AS ?row) }} GROUP BY ?doc }}"
    )


MOTION_FIELDS = (
    "id",
    "date",
    "dossiernummer",
    "ondernummer",
    "indiener",
    "medeindieners",
    "title",
)
"""The fields of a motion's ``wg:motionEntry``, in order, separated by tabs (empty when
the motion has no such value)."""


def _motion_entry_insert(docs: str) -> str:
    """Insert the motion entry of the motions among the documents ``docs`` binds: the
    ``motions`` query's row in one literal (the Moties list in one pattern). Each batch
    costs more as the store grows (2,000 documents: 0.6 s at 11.6 M triples, 2-3 s at
    46.5 M); the block inside the graph group, or the optional values looked up per
    row, were slower still (5.9 s, 7.2 s)."""
    fields = ', "\\t", '.join(f'COALESCE(STR(?{name}), "")' for name in MOTION_FIELDS)
    return (
        f"INSERT {{ GRAPH {DOCUMENTS.n3()} {{ ?doc wg:motionEntry ?entry }} }} WHERE {{"
        " { SELECT ?doc ?id ?date ?dossiernummer ?ondernummer ?title ?indiener"
        ' (GROUP_CONCAT(DISTINCT ?medeName; separator="; ") AS ?medeindieners)'
        f" WHERE {{ {docs} GRAPH ?g {{"
        " ?doc a wg:Motie ; dcterms:identifier ?id ; dcterms:title ?title ."
        " OPTIONAL { ?doc wg:dossiernummer ?dossiernummer }"
        " OPTIONAL { ?doc wg:ondernummer ?ondernummer }"
        " OPTIONAL { ?doc dcterms:date ?date }"
        " OPTIONAL { ?doc wg:indiener ?indienerNode . ?indienerNode foaf:name ?indiener }"
        " OPTIONAL { ?doc wg:medeindiener ?medeNode . ?medeNode foaf:name ?medeName } } }"
        " GROUP BY ?doc ?id ?date ?dossiernummer ?ondernummer ?title ?indiener }"
        f" BIND(CONCAT({fields}) AS ?entry) }}"
    )


def _work_inserts(cited: Iterable[str]) -> list[str]:
    """Insert the counts and identifier of the works ``cited``, summed over their
    edges (so after ``_document_inserts``)."""
    works = _values("work", cited)
    return [
        f"INSERT {{ GRAPH {WORKS.n3()} {{ ?work wg:citingDocuments ?documents ;"
        " wg:incomingLinks ?links ; wg:citedAs ?kind } }"
        " WHERE { SELECT ?work (COUNT(DISTINCT ?doc) AS ?documents)"
        " (SUM(?count) AS ?links) (MIN(?edgeKind) AS ?kind)"
        f" WHERE {{ {works} GRAPH {EDGES.n3()} {{ ?edge wg:edgeTarget ?work ;"
        " wg:edgeSource ?doc ; wg:linkCount ?count ; wg:citedAs ?edgeKind } }"
        " GROUP BY ?work }",
        _identifiers(WORKS, "work", "wg:citingDocuments", works),
    ]


def _part_inserts(cited: Iterable[str]) -> list[str]:
    """Insert the counts of the parts ``cited``, from the links to them."""
    parts = _values("target", cited)
    return [
        f"INSERT {{ GRAPH {PARTS.n3()} {{ ?target wg:citingDocuments ?documents ;"
        " wg:incomingLinks ?links ; wg:partOfWork ?work } }"
        " WHERE { SELECT ?target ?work (COUNT(DISTINCT ?doc) AS ?documents)"
        " (COUNT(DISTINCT ?link) AS ?links)"
        f" WHERE {{ {parts} GRAPH ?g {{ ?link wg:linkTarget ?target ;"
        " wg:targetWork ?work ; wg:inDocument ?doc }"
        " FILTER(?target != ?work) } GROUP BY ?target ?work }",
    ]


def _identifiers(summary: URIRef, variable: str, counted: str, values: str) -> str:
    """Copy the identifier of every subject counted in ``summary`` into it (one
    distinct value per subject, read before the insert repeats it; an update's
    default graph is not the union of the named graphs, hence ``GRAPH ?g``)."""
    return (
        f"INSERT {{ GRAPH {summary.n3()} {{ ?{variable} wg:summaryIdentifier ?id }} }}"
        f" WHERE {{ SELECT DISTINCT ?{variable} ?id WHERE {{ {values}"
        f" GRAPH {summary.n3()} {{ ?{variable} {counted} ?count }}"
        f" GRAPH ?g {{ ?{variable} dcterms:identifier ?id }} }} }}"
    )


def presence_queries() -> tuple[str, ...]:
    """SELECTs that each give one row when the store has a current summary (a store
    built before summaries, or before they held list or network entries, the history
    edges or the relations, or written with ``summary=False`` and never recounted, has
    none: its next build recounts it). A store with dated links has history edges, one
    with typed relation links has relations, one with citation edges network entries;
    one without needs none. A query per check, since Virtuoso 7.2 answers a row for
    both checks in one query when only one holds."""
    counted = (
        f"{{ SELECT ?counted WHERE {{ GRAPH {DOCUMENTS.n3()}"
        " { ?counted wg:listEntry ?entry } } LIMIT 1 }"
    )
    checks = (
        f"EXISTS {{ GRAPH {HISTORY.n3()} {{ ?edge wg:edgeGraph ?graph }} }}"
        " || NOT EXISTS { GRAPH ?g { ?link wg:inwerkingtreding ?date } }",
        f"EXISTS {{ GRAPH {RELATIONS.n3()} {{ ?link wg:edgeGraph ?graph }} }}"
        f" || NOT EXISTS {{ GRAPH ?g {{ {_RELATION} }} }}",
        f"EXISTS {{ GRAPH {DOCUMENTS.n3()} {{ ?doc wg:networkEntry ?entry }} }}"
        f" || NOT EXISTS {{ GRAPH {EDGES.n3()} {{ ?edge wg:edgeTarget ?work }} }}",
    )
    return tuple(
        f"{_PROLOGUE}\nSELECT ?counted WHERE {{ {counted} FILTER({check}) }}"
        for check in checks
    )


def summary_is_current(select: Callable[[str], Sequence[object]]) -> bool:
    """Whether ``select`` (a query's rows) finds a current summary."""
    return all(select(query) for query in presence_queries())


def documents_query() -> str:
    """SELECT one row when the store holds any document."""
    return f"{_PROLOGUE}\nSELECT ?doc WHERE {{ GRAPH ?g {{ ?doc wg:documentKind ?kind }} }} LIMIT 1"


RECOUNT_BATCH = 2000
"""Subjects (documents, works, parts) recounted per update in a full recount: each
update's aggregation and transaction then hold one batch (with the batched deletes and
the embedded store's flushes the recount peaked at 419 MB at 11.6 M triples and 670 MB
at 46.5 M, against 820 MB and 2.1 GB with one update per graph; with the relations, and
batches in hash order (``_spread``), 369 and 459 MB)."""

RELATION_BATCH = 500
"""Typed links recounted per update: Oxigraph joins a VALUES block of up to 1,000
links to a relation's pattern link by link (999 links in 0.11 s at 11.6 M triples) but
a larger one by reading every typed link of the store (2,000 in 10 s), and a block of
documents reaches the Vc's thousands of plain citations too (58 s for the relations of
the ×25 store's linking documents in batches of 2,000, against 12.1 s by link)."""


def refresh(
    select: Callable[[str], Iterable[Sequence[object]]],
    update: Callable[[str], None],
    *,
    batch: int = RECOUNT_BATCH,
) -> None:
    """Rebuild every summary graph from the links in the store (after a bulk build).

    The graphs are emptied ``batch`` subjects at a time, then recounted for ``batch``
    documents, typed links (at most ``RELATION_BATCH``), works or parts at a time (one
    update each): documents first, whose edges the works are summed from. ``select``
    returns rows of values or terms, ``update`` runs one SPARQL Update request or
    transaction.
    """
    for graph in SUMMARY_GRAPHS:
        _clear(graph, select, update, batch)
    scopes: list[tuple[str, Callable[[Iterable[str]], list[str]], int]] = [
        (_ALL_DOCUMENTS, _document_inserts, batch),
        (_TYPED_LINKS, _relation_inserts, min(batch, RELATION_BATCH)),
        (_CITED_WORKS, _work_inserts, batch),
        (_CITED_PARTS, _part_inserts, batch),
    ]
    for subjects, inserts, size in scopes:
        found = sorted(
            {str(row[0]) for row in select(f"{_PROLOGUE}\n{subjects}")}, key=_spread
        )
        for first in range(0, len(found), size):
            values = found[first : first + size]
            for operation in inserts(values):
                update(f"{_PROLOGUE}\n{operation}")


def _spread(iri: str) -> bytes:
    """A batch's order key: a hash, so that a batch holds a sample of the store rather
    than neighbours in IRI order (the copies of one large law, whose links then grow
    with the store). Same run, alone: ×25 431 → 369 MB peak, 73.6 → 81.7 s; ×100
    695 → 459 MB, 392.5 → 466.4 s (neighbours share more of the store's pages)."""
    return hashlib.blake2b(iri.encode(), digest_size=8).digest()


def _clear(
    graph: URIRef,
    select: Callable[[str], Iterable[Sequence[object]]],
    update: Callable[[str], None],
    batch: int,
) -> None:
    """Empty a summary graph ``batch`` subjects per update: one DROP of the summary
    of 46.5 M triples held 1 GB in its transaction. Subjects are chosen by the
    endpoint (edges are blank nodes, which a VALUES block cannot name)."""
    counted = list(
        select(
            f"{_PROLOGUE}\nSELECT (COUNT(DISTINCT ?s) AS ?n)"
            f" WHERE {{ GRAPH {graph.n3()} {{ ?s ?p ?o }} }}"
        )
    )
    subjects = int(str(counted[0][0])) if counted and counted[0][0] is not None else 0
    for _ in range(-(-subjects // batch)):
        update(
            f"DELETE {{ GRAPH {graph.n3()} {{ ?s ?p ?o }} }} WHERE {{"
            f" {{ SELECT DISTINCT ?s WHERE {{ GRAPH {graph.n3()} {{ ?s ?any ?value }} }}"
            f" LIMIT {batch} }} GRAPH {graph.n3()} {{ ?s ?p ?o }} }}"
        )
    update(f"DROP SILENT GRAPH {graph.n3()}")


_ALL_DOCUMENTS = (
    "SELECT DISTINCT ?doc WHERE { GRAPH ?g {"
    " { ?doc wg:documentKind ?kind } UNION { ?link wg:inDocument ?doc } } }"
)
_TYPED_LINKS = (
    "SELECT DISTINCT ?link WHERE { GRAPH ?g { ?link a wg:Link ; wg:targetWork ?work } }"
)
_CITED_WORKS = f"SELECT DISTINCT ?work WHERE {{ GRAPH {EDGES.n3()} {{ ?edge wg:edgeTarget ?work }} }}"
_CITED_PARTS = (
    "SELECT DISTINCT ?target WHERE { GRAPH ?g { ?link wg:linkTarget ?target ;"
    " wg:targetWork ?work } FILTER(?target != ?work) }"
)


def document_update(before: Targets, after: Targets) -> str | None:
    """The update that corrects the summary after one document graph changed from
    linking ``before`` to linking ``after``; None when neither links anything."""
    changed = before | after
    if not changed:
        return None
    return _PROLOGUE + "\n" + " ;\n".join(_operations(changed))


def write_document(
    name: URIRef,
    write: Callable[[], None],
    *,
    select: Callable[[str], Iterable[Sequence[object]]],
    update: Callable[[str], None],
    summary: bool = True,
) -> None:
    """Run ``write`` (which replaces or removes graph ``name``), then, with ``summary``,
    correct the summary for what the graph linked to before and links to now (a bulk
    build passes False and recounts once at the end).

    The summary update is a second transaction: a reader may briefly see the new
    document with the old counts, never a count that stays wrong.
    """
    if not summary:
        write()
        return
    before = targets_from(select(targets_query(name)))
    write()
    after = targets_from(select(targets_query(name)))
    text = document_update(before, after)
    if text is not None:
        update(text)
