"""A whole-store export read in pages: bounded queries, rows written as they come.

``citation_edges`` without parameters is every resolved link with its quote: 365,875
rows at 11.6 M triples, 58 s and 1.2 GB to read and print as one query. Read in pages
of at most 500 links, each page binds a list of citing documents (or, for a document
stating more links than a page, a list of its links) and reads in about 0.1 s; memory
holds one page. The pages follow the query's order (source, target, link), so their
rows, one page after another, are the whole result row for row. In all it takes
longer (about 2×: each page looks its links up where the whole query reads them in
index order), the price of a bounded request and flat memory.

The plan comes from the summary (each citing document's network entry counts its
resolved links) and, for a large document, from its links (``edge_keys``); a store
without a current summary is read in one query. ``unresolved_references`` (pages of
the documents stating them) and ``relation_edges`` (pages of the works of the
relations' subjects, a large one in runs of its relations) are read the same way,
``votes`` for every decision in pages of decisions, and ``incoming_links`` (of one work
or of all) in pages of the citing documents, a large one in runs of its links.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TextIO

from graph.analysis import network_pairs
from graph.build import graph_iri
from graph.explore import document_identifier, list_documents, summary_missing
from graph.sparql import (
    VALUES_BATCH,
    Binding,
    QueryBackend,
    QueryResult,
    chunked,
    run_query,
)
from graph.values import Value

# Links read per page: at 11.6 M triples a link with its quote reads in 120-280 µs,
# and Oxigraph joins a VALUES block of up to 1,000 rows row by row (one of 2,000 links
# took 99 s: it reads every link first), so a page binds at most VALUES_BATCH keys.
LINKS_PER_PAGE = 500
# Vote records read per page, one per graph stating a vote (the work of reading it):
# at 11.6 M triples 84,925 records of 206 decisions, 19 pages of 100-116 ms median,
# at most 218 ms (about 22 µs a record).
VOTES_PER_PAGE = 5000


@dataclass(frozen=True, slots=True)
class Page:
    """The parameters of one page's query, and how many of the plan's documents it
    finishes (a large document's last page finishes it; for progress)."""

    bindings: Mapping[str, Binding]
    documents: int


@dataclass(frozen=True, slots=True)
class Plan:
    """The pages of one export, made as they are read, and its number of documents."""

    query: str
    documents: int
    pages: Iterable[Page]


def citation_edge_plan(
    backend: QueryBackend, links_per_page: int = LINKS_PER_PAGE
) -> Plan:
    """Pages of ``citation_edges``: citing documents in the query's order, whole while
    they fit in ``links_per_page`` links, a larger one in runs of its links. Each
    document's resolved links are counted in its network entry (graph/summary.py)."""
    counts = sorted(_resolved_links(backend).items())
    if not counts or summary_missing(backend):  # nothing to cut it by: one page
        return _one_page("citation_edges")

    def split(doc: str) -> Iterator[Page]:
        return _runs(backend, "edge_keys", {"source": doc}, links_per_page)

    pages = _pages(counts, links_per_page, "source", split)
    return Plan("citation_edges", len(counts), pages)


def relation_plan(
    backend: QueryBackend, relations_per_page: int = LINKS_PER_PAGE
) -> Plan:
    """Pages of ``relation_edges``: the works of the relations' subjects in the
    query's order, whole while they fit in ``relations_per_page`` relations, a larger
    one (the Vc's 3,025 at 11.6 M triples) in runs of its relations; both counted in
    the relations summary (``relation_counts``, ``relation_keys``)."""
    counts = sorted(
        (str(work), int(str(relations)))
        for work, relations in run_query(backend, "relation_counts").rows
    )
    if not counts or summary_missing(backend):
        return _one_page("relation_edges")

    def split(work: str) -> Iterator[Page]:
        return _runs(
            backend, "relation_keys", {"subjectWork": work}, relations_per_page
        )

    pages = _pages(counts, relations_per_page, "subjectWork", split)
    return Plan("relation_edges", len(counts), pages)


def vote_plan(backend: QueryBackend, records_per_page: int = VOTES_PER_PAGE) -> Plan:
    """Pages of ``votes`` for every decision: the decisions in the query's order,
    whole while their vote records fit in ``records_per_page`` (a decision with more
    is a page of its own), counted per graph stating them (``vote_counts``)."""
    counts = sorted(
        (str(besluit), int(str(records)))
        for besluit, records in run_query(backend, "vote_counts").rows
    )
    if not counts:
        return _one_page("votes")
    return Plan("votes", len(counts), _pages(counts, records_per_page, "besluit"))


# A page of unresolved references costs per reference about as much as per document
# and per 13 of the documents' other links, which Oxigraph goes through to find them
# (at 11.6 M triples 0.10 ms, 0.10 ms and 0.008 ms): a page holds that much.
UNRESOLVED_PER_PAGE = 1000
LINKS_PER_REFERENCE = 13


def unresolved_plan(
    backend: QueryBackend, references_per_page: int = UNRESOLVED_PER_PAGE
) -> Plan:
    """Pages of ``unresolved_references``: the documents stating them in the query's
    order (identifier), whole while they fit in ``references_per_page`` (each weighs
    its unresolved references, its links over ``LINKS_PER_REFERENCE`` and itself); a
    larger one is a page of its own (its rows go by offset and quote, which only
    reading them tells). A document's unresolved references are its links (its list
    entry) less its resolved ones (its network entry, graph/summary.py)."""
    listed = list_documents(backend).as_dicts()
    if not listed or summary_missing(backend):
        return _one_page("unresolved_references")
    resolved = _resolved_links(backend)
    weights = {  # a document listed once per graph holding it is one key
        str(row["doc"]): (str(row["id"]), int(str(row["links"]))) for row in listed
    }
    counts = [  # every document with links: a count too low must not drop one
        (doc, max(links - resolved.get(doc, 0), 0) + links // LINKS_PER_REFERENCE + 1)
        for doc, (_, links) in sorted(weights.items(), key=lambda i: (i[1][0], i[0]))
        if links
    ]
    pages = _pages(counts, references_per_page, "doc")
    return Plan("unresolved_references", len(counts), pages)


def incoming_plan(
    backend: QueryBackend,
    links_per_page: int = LINKS_PER_PAGE,
    *,
    work: str | None = None,
) -> Plan:
    """Pages of ``incoming_links`` of one work, or of every work (None): the citing
    documents in the query's order (citing document), each read in its own graph
    (``citingGraph``), whole while they fit in ``links_per_page`` links, a larger one
    in runs of its links ordered as the query orders them, by quote and work
    (``incoming_keys``; the Awb's 2,807 links at 11.6 M triples read whole in 0.2 to
    0.3 s, its keys in 73 ms).
    """
    bound = {"work": work} if work else {}
    citing = None
    if not summary_missing(backend):
        citing = _citing_work(backend, work) if work else _citing_any(backend)
    if not citing:  # nothing to cut it by: one page
        return _one_page("incoming_links", **bound)
    counts = [
        (str(graph_iri(identifier)), links)
        for _, (identifier, links) in sorted(citing.items())
    ]

    def split(graph: str) -> Iterator[Page]:
        keys = {**bound, "citingGraph": graph}
        return _runs(backend, "incoming_keys", keys, links_per_page)

    pages = (
        Page({**bound, **page.bindings}, page.documents)
        for page in _pages(counts, links_per_page, "citingGraph", split)
    )
    return Plan("incoming_links", len(counts), pages)


Citing = dict[str, tuple[str, int]]  # citing document: its identifier, its links


def _citing_work(backend: QueryBackend, work: str) -> Citing:
    """The documents citing ``work`` and their links to it, from the summary
    (``linked_counts``), the work's links to itself, which that leaves out, from its
    network entry."""
    citing = {
        str(row["other"]): (str(row["otherId"]), int(str(row["links"])))
        for row in run_query(backend, "linked_counts", doc=work).as_dicts()
        if row["direction"] == "incoming"
    }
    if not citing:
        return citing
    own = document_identifier(backend, work)
    entries = run_query(backend, "network_entries", doc=work).rows
    itself = sum(
        n for _, e in entries for cited, n in network_pairs(e) if cited == work
    )
    if own and itself:
        citing[work] = (own, itself)
    return citing


def _citing_any(backend: QueryBackend) -> Citing | None:
    """Every document citing a work and its resolved links, counted in its network
    entry; None if one of them has no list entry to name its graph by."""
    identifiers = {
        str(row["doc"]): str(row["id"]) for row in list_documents(backend).as_dicts()
    }
    links = _resolved_links(backend)
    if not links.keys() <= identifiers.keys():
        return None
    return {doc: (identifiers[doc], n) for doc, n in links.items() if n}


def _resolved_links(backend: QueryBackend) -> dict[str, int]:
    """Each citing document's number of resolved links, from its network entry."""
    return {
        str(doc): sum(links for _, links in network_pairs(entry))
        for doc, entry in run_query(backend, "network_entries").rows
    }


def _one_page(query: str, **bindings: str) -> Plan:
    """The query read whole: nothing to cut it by."""
    return Plan(query, 1, [Page(bindings, 1)])


def _pages(
    counts: list[tuple[str, int]],
    budget: int,
    parameter: str,
    split: Callable[[str], Iterator[Page]] | None = None,
) -> Iterator[Page]:
    """Pages binding ``parameter`` to runs of the documents in ``counts`` (in order,
    each with its number of rows) holding at most ``budget`` rows and VALUES_BATCH
    documents; a document over the budget is cut by ``split``, or else read alone."""
    held: list[str] = []
    weight = 0
    for doc, rows in counts:
        full = weight + rows > budget or len(held) == VALUES_BATCH
        if held and full:  # also before a document larger than a page
            yield Page({parameter: held}, len(held))
            held, weight = [], 0
        if rows > budget:
            yield from split(doc) if split else [Page({parameter: [doc]}, 1)]
        else:
            held.append(doc)
            weight += rows
    if held:
        yield Page({parameter: held}, len(held))


def _runs(
    backend: QueryBackend, keys: str, bindings: Mapping[str, str], per_page: int
) -> Iterator[Page]:
    """The rows of one document (or work) in runs of links, in the query's order: the
    ``keys`` query gives each link and then what the query orders its rows by (the
    work cited; for ``incoming_links`` the quote and the work). Runs of links, not of
    the works they cite: Oxigraph joins a block of (source, target) pairs from the
    target's side, reading every link to it (48 works of one document at 11.6 M
    triples: 4 s, against 0.07 s for its 500 links)."""
    ordered = sorted(
        (*(str(value) for value in order), str(link))
        for link, *order in run_query(backend, keys, **bindings).rows
    )
    runs = chunked([key[-1] for key in ordered], min(per_page, VALUES_BATCH))
    for number, run in enumerate(runs, start=1):
        yield Page({**bindings, "link": run}, int(number == len(runs)))


# The whole-store exports read in pages when run without parameters.
PLANS: Mapping[str, Callable[[QueryBackend], Plan]] = {
    "citation_edges": citation_edge_plan,
    "unresolved_references": unresolved_plan,
    "relation_edges": relation_plan,
    "votes": vote_plan,
    "incoming_links": incoming_plan,
}


def plan_for(
    backend: QueryBackend, name: str, bindings: Mapping[str, str]
) -> Plan | None:
    """The pages of a named query with these parameters, if it is read in pages (the
    exports of ``PLANS`` unbound, ``incoming_links`` also of one work); None for a
    query read whole."""
    if name == "incoming_links" and set(bindings) == {"work"}:
        return incoming_plan(backend, work=bindings["work"])
    plan = None if bindings else PLANS.get(name)
    return plan(backend) if plan else None


def read_pages(
    backend: QueryBackend, plan: Plan, done: Callable[[int], None] | None = None
) -> Iterator[QueryResult]:
    """Each page's rows, read when the previous page is used; ``done`` hears how many
    documents each page finished."""
    for page in plan.pages:
        result = run_query(backend, plan.query, **page.bindings)
        if done is not None:
            done(page.documents)
        yield result


def write_results(results: Iterable[QueryResult], fmt: str, out: TextIO) -> int:
    """Write the rows of consecutive results as one CSV table (``fmt`` "csv") or one
    JSON array ("json"): the text :meth:`QueryResult.to_csv` or ``to_json`` gives for
    all the rows at once. Returns the number of rows."""
    count = 0
    header = False
    for result in results:
        if fmt == "csv":
            text = result.to_csv()
            out.write(text if not header else text.split("\r\n", 1)[1])
            header = True
        else:
            for row in result.as_dicts():
                out.write(",\n" if count else "[\n")
                out.write(_json_element(row))
                count += 1
            continue
        count += len(result.rows)
    if fmt == "json":
        out.write("\n]" if count else "[]")
    return count


def _json_element(row: Mapping[str, Value]) -> str:
    """One row as ``to_json`` indents it inside the array."""
    return json.dumps([row], ensure_ascii=False, indent=1, default=str)[2:-2]
