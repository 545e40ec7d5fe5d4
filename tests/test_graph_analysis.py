"""graph.analysis: the citation digraph and its metrics on a small real-shaped store."""

import pytest

from graph.analysis import (
    citation_digraph,
    citing,
    lineage_paths,
    overlapping_documents,
    rank_nodes,
)
from graph.build import build_document_graph, graph_iri
from graph.sparql import LocalBackend
from graph.store import open_store
from ingest.models import (
    DocumentKind,
    Pinpoint,
    Reference,
    ReferenceKind,
    ResolvedReference,
    SourceDocument,
)
from tests.graph_fixtures import letter

LETTER = "https://opendata.tweedekamer.nl/id/document/2025D33530"
MOTION = "https://zoek.officielebekendmakingen.nl/kst-19637-2798"
VB = "https://wetten.overheid.nl/BWBR0011825"


def _motion() -> tuple[SourceDocument, list[ResolvedReference]]:
    text = "verzoekt de regering artikel 3.71, eerste lid, Vb toe te passen"
    start = text.index("artikel")
    end = text.index(" toe")
    document = SourceDocument(
        id="kst-19637-2798",
        kind=DocumentKind.MOTIE,
        title="MOTIE VAN HET LID BISSCHOP",
        text=text,
        path="m.xml",
    )
    ref = ResolvedReference(
        Reference(start, end, text[start:end], ReferenceKind.LEGISLATION),
        "BWBR0011825",
        Pinpoint(artikel="3.71", lid="1"),
    )
    return document, [ref]


@pytest.fixture(scope="module")
def digraph():
    store = open_store()
    for document, refs in (letter(), _motion()):
        store.replace_graph(
            graph_iri(document.id), build_document_graph(document, refs)
        )
    return citation_digraph(LocalBackend(store))


def test_analysis_digraph_nodes_and_edges(digraph):
    assert set(digraph.nodes) == {LETTER, MOTION, VB}
    assert set(digraph.edges) == {(LETTER, VB), (LETTER, MOTION), (MOTION, VB)}
    assert (
        digraph.nodes[MOTION]["ingested"] and digraph.nodes[MOTION]["kind"] == "motie"
    )
    assert (
        digraph.nodes[VB]["kind"] == "legislation" and not digraph.nodes[VB]["ingested"]
    )


def test_analysis_edges_keep_their_evidence(digraph):
    evidence = digraph.edges[LETTER, VB]["evidence"]
    assert [e.quote for e in evidence] == ["artikel 3.71, derde lid, Vb"]
    assert evidence[0].method == "extracted"


def test_analysis_rank_by_in_degree_then_pagerank(digraph):
    ranked = rank_nodes(digraph)
    assert [r.id for r in ranked] == ["BWBR0011825", "kst-19637-2798", "2025D33530"]
    assert ranked[0].in_degree == 2
    assert [r.id for r in rank_nodes(digraph, kinds=["motie"])] == ["kst-19637-2798"]


def test_analysis_citing_filtered_by_kind(digraph):
    assert citing(digraph, VB) == [LETTER, MOTION]
    assert citing(digraph, VB, kinds=["motie"]) == [MOTION]
    assert citing(digraph, "https://example.org/none") == []


def test_analysis_lineage_follows_citations_to_their_end(digraph):
    assert lineage_paths(digraph, LETTER) == [[LETTER, VB], [LETTER, MOTION, VB]]


def test_analysis_overlapping_documents_share_targets(digraph):
    [(node, jaccard, shared)] = overlapping_documents(digraph, MOTION)
    assert node == LETTER and shared == 1 and jaccard == pytest.approx(1 / 2)
