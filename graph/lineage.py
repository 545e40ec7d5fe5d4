"""A lineage read from the index around one work, a hop at a time.

:func:`graph.analysis.lineage_paths` walks the citation digraph; built whole, that
digraph reads every link of the store with its quote before the first path shows.
:func:`lineage_digraph` reads only what the walk from one work can reach within its
hops, from the index's links (``graph.index.reads``), each row holding its evidence:

* what it rests on, forward: the typed relations whose subject is part of the works
  reached so far (stated wherever) and the links stated in them (capped: the cited
  works with the most links first);
* what followed from it, backward: the typed relations resting on the works reached,
  and the documents citing them — or citing the part a typed relation named.

Plain citations can be capped (``neighbours``): per work at most that many cited works
and citing documents, most links first; a citing document only ends a path, and a law
like the Vb is cited by thousands of documents, which no drawing shows. Uncapped, the
result has the nodes, edges and evidence the whole digraph has there, so the same walk
gives the same paths and quotes (tests/test_graph_lineage.py checks it on a slice of
the bundled corpus).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx

from graph.analysis import (
    Direction,
    add_link,
    label_from_store,
    order_evidence,
    relations_by_link,
)
from graph.index import reads
from graph.namespaces import CITO
from graph.sparql import ReadBackend, Value, chunked

# Per work, the links read in a capped walk (the explorer's): at most this many citing
# documents on the way back and cited works on the way forward, holding at most
# ``WORK_LINKS`` links together, since each is drawn with its quote. None (the CLI's
# trace) reads them all.
NEIGHBOURS = 25
WORK_LINKS = 500
Parts = frozenset[str]
_CITES = str(CITO.cites)


@dataclass(frozen=True, slots=True)
class Lineage:
    """The digraph around one work (attributes as in
    :func:`graph.analysis.citation_digraph`) and, per work and direction, how many
    neighbours a capped walk left out."""

    digraph: nx.DiGraph
    left_out: dict[tuple[str, Direction], int] = field(default_factory=dict)


def lineage_digraph(
    backend: ReadBackend,
    iri: str,
    *,
    max_hops: int = 4,
    directions: Iterable[Direction] = ("rests_on", "followed_by"),
    neighbours: int | None = NEIGHBOURS,
) -> Lineage:
    """The part of the citation digraph that :func:`graph.analysis.lineage_paths`
    walks from ``iri`` in ``directions`` within ``max_hops``, read hop by hop; with
    ``neighbours``, only that many plain citations per work each way (typed relations
    are always read whole). ``iri`` is a node even when nothing links it."""
    reader = _Reader(backend, neighbours)
    wanted = set(directions)
    if "rests_on" in wanted:
        reader.forward(iri, max_hops)
    if "followed_by" in wanted:
        reader.backward(iri, max_hops)
    digraph = reader.digraph
    digraph.add_node(iri)
    order_evidence(digraph)
    label_from_store(backend, digraph)
    return Lineage(digraph, reader.left_out)


class _Reader:
    """Reads links into one digraph; a typed relation's row is read before its link
    is added, so that the link becomes an edge from its subject's work."""

    def __init__(self, backend: ReadBackend, neighbours: int | None) -> None:
        self.index = backend.index
        self.neighbours = neighbours
        self.digraph: nx.DiGraph = nx.DiGraph()
        self.relations: dict[str, Mapping[str, Value]] = {}
        self.checked: set[str] = set()  # typed links whose relation row was asked for
        self.left_out: dict[tuple[str, Direction], int] = {}

    def forward(self, iri: str, max_hops: int) -> None:
        """Every edge out of the works within ``max_hops - 1`` hops forward: the typed
        relations of their parts, wherever stated, and the citations in them."""
        seen, frontier = {iri}, [iri]
        for _ in range(max_hops):
            if not frontier:
                return
            self._draw_relations(subject_works=frontier)
            if self.neighbours is None:
                self._read_links(sources=frontier)
            else:
                cited = self._cited(frontier)
                for node in frontier:
                    chosen = self._choose(node, "rests_on", cited.get(node, Counter()))
                    self._read_cited(node, chosen)
            reached = {
                n
                for node in frontier
                if node in self.digraph
                for n in self.digraph.successors(node)
            }
            frontier = sorted(reached - seen)
            seen |= reached

    def backward(self, iri: str, max_hops: int) -> None:
        """The edges into each work that ``_followed_by`` goes on from: the start, then
        the subjects' works of typed relations, each with the parts the relations
        named (the documents citing those parts are the ones that follow)."""
        expanded: set[tuple[str, Parts]] = set()
        level: set[tuple[str, Parts]] = {(iri, frozenset())}
        for _ in range(max_hops):
            level -= expanded
            if not level:
                return
            expanded |= level
            works = sorted({work for work, _ in level})
            self._draw_relations(target_works=works)
            for work, parts in sorted(level):
                if parts:
                    self._read_part_citers(work, parts)
                else:
                    self._read_citers(work)
            level = {
                step for work, parts in level for step in self._typed_steps(work, parts)
            }

    def _typed_steps(self, work: str, parts: Parts) -> Iterable[tuple[str, Parts]]:
        """The works a path backward goes on to from ``work`` (reached through
        ``parts``), each with the parts its typed relations name (none: the whole
        work), as ``graph.analysis._followed_by`` decides it."""
        if work not in self.digraph:
            return
        for node in self.digraph.predecessors(work):
            evidence = self.digraph.edges[node, work]["evidence"]
            if parts:
                evidence = [e for e in evidence if e.target in parts]
            typed = [e for e in evidence if e.typed]
            if typed:
                subjects = frozenset(e.subject or node for e in typed)
                yield node, frozenset() if node in subjects else subjects

    def _read_part_citers(self, work: str, parts: Parts) -> None:
        """The links to ``parts`` of ``work``, from the documents citing them most."""
        links: dict[str, list[str]] = {}
        for chunk in chunked(sorted(parts)):
            for doc, link in reads.links_to_parts(self.index, chunk):
                links.setdefault(doc, []).append(link)
        counted = Counter({doc: len(found) for doc, found in links.items()})
        chosen = self._choose(work, "followed_by", counted)
        self._read_links(links=sorted(link for doc in chosen for link in links[doc]))

    def _read_cited(self, node: str, works: Sequence[str]) -> None:
        """The links from ``node`` to ``works``."""
        if works:
            self._read_links(sources=[node], works=works)

    def _read_citers(self, work: str) -> None:
        """The links to ``work`` from the documents citing it most."""
        counted = Counter(
            {doc: links for doc, _, links in reads.citing_documents(self.index, work)}
        )
        citing = self._choose(work, "followed_by", counted)
        for chunk in chunked(citing):
            rows = reads.dicts(reads.incoming_links(self.index, work, citing=chunk))
            self._add_rows([_as_citation(row, _INCOMING_COLUMNS) for row in rows])

    def _cited(self, nodes: Sequence[str]) -> dict[str, Counter[str]]:
        """The works each of ``nodes`` cites, with its number of links to each."""
        cited: dict[str, Counter[str]] = {}
        for chunk in chunked(nodes):
            for doc, works in reads.cited_counts(self.index, chunk).items():
                cited[doc] = Counter(works)
        return cited

    def _choose(
        self, work: str, direction: Direction, linked: Counter[str]
    ) -> list[str]:
        """The neighbours of ``work`` to read: all when uncapped, else those with the
        most links first, up to ``neighbours`` holding at most ``WORK_LINKS`` links
        (one with more is passed over); how many were left is noted."""
        linked.pop(work, None)
        if self.neighbours is None:
            return sorted(linked)
        chosen: list[str] = []
        budget = WORK_LINKS
        for other, links in sorted(
            linked.items(), key=lambda item: (-item[1], item[0])
        ):
            if len(chosen) == self.neighbours:
                break
            if links <= budget:
                chosen.append(other)
                budget -= links
        if len(chosen) < len(linked):
            key = (work, direction)
            self.left_out[key] = max(
                self.left_out.get(key, 0), len(linked) - len(chosen)
            )
        return chosen

    def _draw_relations(self, **binding: Sequence[str]) -> None:
        """Read the typed relations bound so into the digraph (a relation's row holds
        all its link's ``citation_edges`` row holds)."""
        rows = self._read_relations(**binding)
        self._add_rows([_as_citation(row, _RELATION_COLUMNS) for row in rows])

    def _read_relations(self, **binding: Sequence[str]) -> list[Mapping[str, Value]]:
        """Read the typed relations bound so (``subject_works``, ``target_works`` or
        ``links``); their rows, one per link."""
        [(name, values)] = binding.items()
        rows = []
        for chunk in chunked(values):
            found = reads.relation_edges(self.index, **{name: chunk})
            for link, row in relations_by_link(reads.dicts(found)).items():
                self.relations[link] = row
                rows.append(row)
        self.checked.update(str(row["link"]) for row in rows)
        return rows

    def _read_links(self, **binding: Sequence[str]) -> None:
        """Read into the digraph the links bound so (``sources``, ``works``, ``links``;
        the first list given in chunks); the relation rows of their typed links first."""
        [(name, values), *fixed] = binding.items()
        for chunk in chunked(values):
            found = reads.citation_edges(self.index, **{name: chunk}, **dict(fixed))
            self._add_rows(reads.dicts(found))

    def _add_rows(self, rows: Sequence[Mapping[str, Value]]) -> None:
        """Add ``citation_edges`` rows to the digraph, the relation rows of their
        typed links read first."""
        typed = {str(r["link"]) for r in rows if str(r["type"]) != _CITES}
        unchecked = sorted(typed - self.checked)
        if unchecked:
            self._read_relations(links=unchecked)
            self.checked.update(unchecked)
        for row in rows:
            add_link(self.digraph, row, self.relations.get(str(row["link"])))


# The columns of other queries' rows that a ``citation_edges`` row's columns hold, for
# links read by those queries: ``relation_edges`` (a typed relation) and
# ``incoming_links`` (a link to a work, read in its citing document's graph).
_SAME_LINK = ("link", "type", "kind", "method", "quote")
_RELATION_COLUMNS = {"source": "statedIn", "target": "targetWork", "part": "target"}
_INCOMING_COLUMNS = {"source": "citingDoc", "target": "work", "part": "target"}


def _as_citation(
    row: Mapping[str, Value], columns: Mapping[str, str]
) -> dict[str, Value]:
    """A row of another query as the ``citation_edges`` row of the same link."""
    named = {column: row[column] for column in _SAME_LINK}
    return {**named, **{column: row[other] for column, other in columns.items()}}
