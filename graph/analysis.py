"""networkx views of the graph: the citation digraph and the metrics computed on it.

The digraph is a derived view built in one function from one named query; nodes are our
canonical IRIs with labels and kinds as attributes, and every edge keeps the evidence
(quotes and link IRIs) of the links it stands for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from graph.explore import work_labels
from graph.sparql import QueryBackend, run_query


@dataclass(frozen=True, slots=True)
class Evidence:
    """One link behind an edge: its IRI, the quoted text, the method and the kind."""

    link: str
    quote: str
    method: str
    kind: str
    type: str


def citation_digraph(backend: QueryBackend) -> nx.DiGraph:
    """Document → work edges for every resolved link, evidence attached.

    Node attributes: ``id`` (canonical work id), ``label``, ``kind`` (document kind when
    the work is itself ingested, else the reference kind of the first link to it),
    ``ingested``. Edge attribute ``evidence``: a list of :class:`Evidence`; ``weight``:
    their number.
    """
    digraph: nx.DiGraph = nx.DiGraph()
    documents = {
        str(row["doc"]): row for row in run_query(backend, "documents").as_dicts()
    }
    for row in run_query(backend, "citation_edges").as_dicts():
        source, target = str(row["source"]), str(row["target"])
        if source == target:
            continue
        evidence = Evidence(
            str(row["link"]),
            str(row["quote"]),
            str(row["method"]),
            str(row["kind"]),
            str(row["type"]),
        )
        if digraph.has_edge(source, target):
            data = digraph.edges[source, target]
            if evidence not in data["evidence"]:
                data["evidence"].append(evidence)
                data["weight"] = len(data["evidence"])
        else:
            digraph.add_edge(source, target, evidence=[evidence], weight=1)
            digraph.nodes[target].setdefault("reference_kind", evidence.kind)
    outside = sorted(node for node in digraph.nodes if node not in documents)
    labels = work_labels(backend, outside)
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
            work_id = labels.get(node, (node, None))[0]
            data.update(
                id=work_id,
                label=work_id,
                kind=data.get("reference_kind", "work"),
                ingested=False,
            )
    return digraph


@dataclass(frozen=True, slots=True)
class Ranked:
    """A node with its centrality scores."""

    iri: str
    id: str
    label: str
    kind: str
    in_degree: int
    pagerank: float


def rank_nodes(
    digraph: nx.DiGraph, *, kinds: Iterable[str] | None = None
) -> list[Ranked]:
    """Nodes by in-degree (citing documents), then PageRank; optionally of some kinds."""
    if digraph.number_of_nodes() == 0:
        return []
    scores = nx.pagerank(digraph, weight=None)
    wanted = set(kinds) if kinds is not None else None
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
        if wanted is None or data["kind"] in wanted
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
    digraph: nx.DiGraph, iri: str, *, max_hops: int = 4
) -> list[list[str]]:
    """Every simple path (up to ``max_hops`` edges) from ``iri`` to the works it rests on,
    ending where nothing further is cited; each hop's evidence is on the digraph edge."""
    if iri not in digraph:
        return []
    paths: list[list[str]] = []
    stack: list[list[str]] = [[iri]]
    while stack:
        path = stack.pop()
        successors = [n for n in digraph.successors(path[-1]) if n not in path]
        if len(path) > 1 and (not successors or len(path) > max_hops):
            paths.append(path)
            continue
        for successor in sorted(successors, reverse=True):
            stack.append([*path, successor])
    return sorted(paths, key=lambda p: (len(p), [digraph.nodes[n]["id"] for n in p]))


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
