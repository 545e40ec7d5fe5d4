"""networkx views of the graph: the citation digraph and the metrics computed on it.

The digraph is a derived view built in one function from two named queries; nodes are
our canonical IRIs with labels and kinds as attributes, and every edge keeps the
evidence (quotes and link IRIs) of the links it stands for. A citation is an edge from
the citing document; a typed relation (derives from, implements, answers…) is an edge
from its subject's work, wherever it is stated: "Op 1 juli 2019 zijn nadere regels
vastgelegd in de Vreemdelingencirculaire" in the EMN 2019 report is an edge from the
Staatscourant publication of that change to the Chavez-Vilchez ruling.

``add_link`` is the one place a link becomes an edge: ``graph.lineage`` reads the same
edges around one work, for the explorer's Herkomst and the CLI's ``trace``.
``citation_network`` is the lighter view for ranking and drawing: the citations only,
one edge per citing document and cited work weighing its links. Both read the index
(``graph.index``), where every link is a row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

import networkx as nx

from graph.explore.documents import list_documents
from graph.index import reads
from graph.namespaces import CITO
from graph.sparql import QueryResult, ReadBackend, Value

Direction = Literal["rests_on", "followed_by"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """One link behind an edge: its IRI, the quoted text, the method, the kind of
    reference, the link type, the document whose text holds the quote (``stated_in``)
    and the parts it links where known (``subject``/``target``: a Vc paragraph, an
    article, or the work itself; known for typed relations, and ``target`` for the
    citations of a part a typed relation names)."""

    link: str
    quote: str
    method: str
    kind: str
    type: str
    stated_in: str = ""
    subject: str = ""
    target: str = ""

    @property
    def typed(self) -> bool:
        """A relation that says how (derives from, implements, answers…), not only
        that a work is cited."""
        return self.type != str(CITO.cites)


def citation_digraph(backend: ReadBackend) -> nx.DiGraph:
    """Edges for every resolved link, evidence attached: from the citing document to
    the cited work, and for a typed relation from its subject's work to its target's.

    Node attributes: ``id`` (canonical work id), ``label``, ``kind`` (document kind when
    the work is itself ingested, else the smallest kind of reference to it),
    ``ingested``. Edge attribute ``evidence``: a list of :class:`Evidence`; ``weight``:
    their number.

    This reads every link of the store with its quote: a lineage from one work reads
    only its neighbourhood (:func:`graph.lineage.lineage_digraph`), which gives the
    same paths.
    """
    digraph: nx.DiGraph = nx.DiGraph()
    documents = {str(row["doc"]): row for row in list_documents(backend).as_dicts()}
    relations = relations_by_link(reads.dicts(reads.relation_edges(backend.index)))
    for row in reads.dicts(reads.citation_edges(backend.index)):
        add_link(digraph, row, relations.get(str(row["link"])))
    order_evidence(digraph)
    label_from_store(backend, digraph, documents)
    return digraph


def label_from_store(
    backend: ReadBackend,
    digraph: nx.DiGraph,
    documents: Mapping[str, Mapping[str, Value]] | None = None,
) -> None:
    """Label every node (:func:`label_nodes`): an ingested document from its row of
    ``documents`` (the ``documents`` query) or else the index, any other work by
    its identifier and the smallest kind of reference to it in the whole store (so a
    lineage read in part labels it as the whole digraph does)."""
    documents = dict(documents or {})
    identifiers: dict[str, str] = {}
    outside = sorted(node for node in digraph.nodes if node not in documents)
    for work, label in reads.work_labels(backend.index, outside).items():
        identifiers[work] = label.identifier
        if label.kind is not None:
            documents[work] = {
                "id": label.identifier,
                "title": label.title,
                "kind": label.kind,
            }
        if label.cited_as is not None:
            digraph.nodes[work]["reference_kind"] = label.cited_as
    label_nodes(digraph, documents, identifiers)


def relations_by_link(
    rows: Iterable[Mapping[str, Value]],
) -> dict[str, Mapping[str, Value]]:
    """The ``relation_edges`` rows by link IRI."""
    return {str(row["link"]): row for row in rows}


def add_link(
    digraph: nx.DiGraph,
    row: Mapping[str, Value],
    relation: Mapping[str, Value] | None,
) -> None:
    """Add one link (a ``citation_edges`` row) to the edge it stands for: from the
    citing document, or from its subject's work when it is a typed relation
    (``relation``: its ``relation_edges`` row). A link of a work to itself is left out;
    the same evidence twice is kept once. A work not ingested is known by the smallest
    kind of reference to it (``reference_kind``), counted over the whole store."""
    link, stated_in = str(row["link"]), str(row["source"])
    source = str(relation["subjectWork"]) if relation else stated_in
    target, part = str(row["target"]), str(row["part"])
    if source == target:
        return
    evidence = Evidence(
        link,
        str(row["quote"]),
        str(row["method"]),
        str(row["kind"]),
        str(row["type"]),
        stated_in,
        str(relation["subject"]) if relation else "",
        part if part != target else "",
    )
    if not digraph.has_edge(source, target):
        digraph.add_edge(source, target, evidence=[evidence], weight=1)
    else:
        data = digraph.edges[source, target]
        if evidence not in data["evidence"]:
            data["evidence"].append(evidence)
            data["weight"] = len(data["evidence"])
    known = digraph.nodes[target].get("reference_kind")
    if known is None or evidence.kind < known:
        digraph.nodes[target]["reference_kind"] = evidence.kind


def order_evidence(digraph: nx.DiGraph) -> None:
    """Order each edge's evidence by the document stating it, then the link (as
    ``citation_edges`` lists them), whatever order the links were added in: the
    evidence a lineage shows for a hop is the first of the best."""
    for _, _, data in digraph.edges(data=True):
        data["evidence"].sort(key=lambda e: (e.stated_in, e.link))


def citation_network(
    backend: ReadBackend, documents: QueryResult | None = None
) -> nx.DiGraph:
    """The citations only, counted: an edge from each citing document to each work it
    cites, ``weight`` its number of links, counted in the index instead of read link
    by link with its quote. Node attributes as in
    :func:`citation_digraph`; no evidence (a lineage reads it around one work:
    :func:`graph.lineage.lineage_digraph`).

    ``documents``: the ``documents`` query's result when the caller has it already.
    """
    digraph: nx.DiGraph = nx.DiGraph()
    identifiers: dict[str, str] = {}
    for row in network_rows(backend):
        source, target = str(row["source"]), str(row["target"])
        if source == target:
            continue
        digraph.add_edge(source, target, weight=int(str(row["links"])))
        if row["citedAs"] is not None:
            digraph.nodes[target]["reference_kind"] = str(row["citedAs"])
        if row["targetId"] is not None:
            identifiers[target] = str(row["targetId"])
    if documents is None:
        documents = list_documents(backend)
    label_nodes(
        digraph, {str(row["doc"]): row for row in documents.as_dicts()}, identifiers
    )
    return digraph


def network_rows(backend: ReadBackend) -> list[dict[str, Value]]:
    """The ``citation_network`` query's rows, from the index."""
    return reads.dicts(reads.citation_network(backend.index))


def label_nodes(
    digraph: nx.DiGraph,
    documents: Mapping[str, Mapping[str, Value]],
    identifiers: Mapping[str, str],
) -> None:
    """Set each node's ``id``, ``label``, ``kind`` and ``ingested``: from its row of
    the ``documents`` query when it is an ingested document, else from its work
    identifier (the IRI when unknown) and the kind of reference to it."""
    for node, data in digraph.nodes(data=True):
        document = documents.get(node)
        if document is not None:
            data.update(
                id=str(document["id"]),
                label=str(document["title"]),
                kind=str(document["kind"]),
                ingested=True,
            )
        else:
            work_id = identifiers.get(node, node)
            data.update(
                id=work_id,
                label=work_id,
                kind=data.get("reference_kind", "work"),
                ingested=False,
            )


@dataclass(frozen=True, slots=True)
class Ranked:
    """A node with its centrality scores."""

    iri: str
    id: str
    label: str
    kind: str
    in_degree: int
    pagerank: float


def rank_nodes(digraph: nx.DiGraph) -> list[Ranked]:
    """Nodes by in-degree (citing documents), then PageRank (the explorer ranks once
    per store and filters by kind)."""
    if digraph.number_of_nodes() == 0:
        return []
    scores = nx.pagerank(digraph, weight=None)
    ranked = [
        Ranked(
            iri,
            data["id"],
            data["label"],
            data["kind"],
            int(digraph.in_degree(iri)),
            float(scores[iri]),
        )
        for iri, data in digraph.nodes(data=True)
    ]
    ranked.sort(key=lambda r: (-r.in_degree, -r.pagerank, r.id))
    return ranked


def citing(
    digraph: nx.DiGraph, iri: str, *, kinds: Iterable[str] | None = None
) -> list[str]:
    """The documents that cite ``iri``, optionally only those of some kinds."""
    if iri not in digraph:
        return []
    wanted = set(kinds) if kinds is not None else None
    found = [
        source
        for source in digraph.predecessors(iri)
        if wanted is None or digraph.nodes[source]["kind"] in wanted
    ]
    return sorted(found, key=lambda node: digraph.nodes[node]["id"])


def lineage_paths(
    digraph: nx.DiGraph,
    iri: str,
    *,
    max_hops: int = 4,
    direction: Direction = "rests_on",
) -> list[list[str]]:
    """Every simple path (up to ``max_hops`` edges) from ``iri``, each hop's evidence
    on the digraph edge between its nodes.

    ``rests_on`` follows edges forward to the works ``iri`` rests on, ending where
    nothing further is cited. ``followed_by`` follows them backward to what came of
    ``iri``: the rules a typed relation derives from it (a Vc change from a ruling, a
    law implementing a directive, a letter answering a motion), and so on, ending at
    the documents that only cite the last one. So a ruling gives ruling → Vc rule →
    the document discussing that rule.
    """
    if iri not in digraph:
        return []
    if direction == "followed_by":
        return _sorted(digraph, _followed_by(digraph, iri, max_hops))
    paths: list[list[str]] = []
    stack: list[list[str]] = [[iri]]
    while stack:
        path = stack.pop()
        fresh = [n for n in digraph.successors(path[-1]) if n not in path]
        if len(path) > 1 and (not fresh or len(path) > max_hops):
            paths.append(path)
            continue
        for node in sorted(fresh, reverse=True):
            stack.append([*path, node])
    return _sorted(digraph, paths)


def _followed_by(digraph: nx.DiGraph, iri: str, max_hops: int) -> list[list[str]]:
    """Backward from ``iri``: each step keeps the evidence that justifies it; a step
    with a typed relation among it goes on, to what cites the part that relation
    names (Vw artikel 43a transposes a directive: the documents citing that article,
    not every document citing the Vw); a step of citations only ends the path."""
    paths: list[list[str]] = []
    stack: list[tuple[list[str], list[Evidence]]] = [([iri], [])]
    while stack:
        path, came_by = stack.pop()
        typed = [e for e in came_by if e.typed]
        if len(path) > 1 and not typed:
            paths.append(path)  # a document citing the work: the path ends here
            continue
        end = path[-1]
        subjects = {e.subject or end for e in typed}
        parts = set() if end in subjects else subjects  # empty: the whole work
        steps = []
        for node in digraph.predecessors(end):
            if node in path:
                continue
            evidence = digraph.edges[node, end]["evidence"]
            if parts:
                evidence = [e for e in evidence if e.target in parts]
            if evidence:
                steps.append((node, evidence))
        if len(path) > 1 and (not steps or len(path) > max_hops):
            paths.append(path)
            continue
        for node, evidence in sorted(steps, key=lambda step: step[0], reverse=True):
            stack.append(([*path, node], evidence))
    return paths


def _sorted(digraph: nx.DiGraph, paths: list[list[str]]) -> list[list[str]]:
    return sorted(paths, key=lambda p: (len(p), [digraph.nodes[n]["id"] for n in p]))


def path_evidence(
    digraph: nx.DiGraph, path: list[str], direction: Direction = "rests_on"
) -> list[tuple[str, str, Evidence]]:
    """Each hop of a lineage path as (source, target, evidence): along the path when it
    ``rests_on``, against it when it is ``followed_by`` (the one who follows cites or
    derives from the one before; two works citing each other give an edge both ways),
    the other way round where only that edge exists. A typed relation rather than a
    plain citation; after typed relations that name parts (Vw artikel 43a), a citation
    of those parts (the one that led on)."""
    hops: list[tuple[str, str, Evidence]] = []
    parts: set[str] = set()
    for a, b in zip(path, path[1:], strict=False):
        if direction == "followed_by":
            source, target = (b, a) if digraph.has_edge(b, a) else (a, b)
        else:
            source, target = (a, b) if digraph.has_edge(a, b) else (b, a)
        candidates = digraph.edges[source, target]["evidence"]
        backward = source == b
        if backward and parts:
            candidates = [e for e in candidates if e.target in parts] or candidates
        evidence = min(candidates, key=lambda e: (not e.typed, not e.target))
        hops.append((source, target, evidence))
        # the parts the next hop back must cite, as _followed_by chose them
        typed = [e for e in candidates if e.typed] if backward else []
        subjects = {e.subject or source for e in typed}
        parts = set() if source in subjects else subjects
    return hops


def overlapping_documents(
    digraph: nx.DiGraph, iri: str, *, top: int = 10
) -> list[tuple[str, float, int]]:
    """Documents citing the most of the same works as ``iri``: (node, Jaccard, shared)."""
    if iri not in digraph:
        return []
    mine = set(digraph.successors(iri))
    scored = []
    for other in digraph.nodes:
        if other == iri or not digraph.nodes[other]["ingested"]:
            continue
        theirs = set(digraph.successors(other))
        shared = len(mine & theirs)
        if shared:
            scored.append((other, shared / len(mine | theirs), shared))
    scored.sort(key=lambda item: (-item[1], -item[2], digraph.nodes[item[0]]["id"]))
    return scored[:top]
