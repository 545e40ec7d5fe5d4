"""graph.analysis: the citation digraph and its metrics on a small real-shaped store."""

import pytest

from graph.analysis import (
    citation_digraph,
    citation_network,
    citing,
    lineage_paths,
    overlapping_documents,
    path_evidence,
    rank_nodes,
)
from graph.build.document import build_document_graph
from graph.iris import graph_iri
from graph.sparql import LocalBackend
from graph.store import open_store
from ingest.models import (
    DocumentKind,
    Pinpoint,
    Reference,
    ReferenceKind,
    RelationClaim,
    RelationType,
    ResolvedReference,
    SourceDocument,
    WorkRef,
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
def backend():
    store = open_store()
    for document, refs in (letter(), _motion()):
        store.replace_graph(
            graph_iri(document.id), build_document_graph(document, refs)
        )
    return LocalBackend(store)


@pytest.fixture(scope="module")
def digraph(backend):
    return citation_digraph(backend)


def test_analysis_network_is_the_digraph_counted(backend, digraph):
    """Without typed relations the counted network has the digraph's nodes, edges
    and attributes, each edge weighing its links."""
    network = citation_network(backend)
    keys = ("id", "label", "kind", "ingested")
    assert {n: [d[k] for k in keys] for n, d in network.nodes(data=True)} == {
        n: [d[k] for k in keys] for n, d in digraph.nodes(data=True)
    }
    assert {(s, t): w for s, t, w in network.edges.data("weight")} == {
        (s, t): len(evidence) for s, t, evidence in digraph.edges.data("evidence")
    }


def test_analysis_network_weighs_each_pair_by_its_links():
    """On real documents (letters, motions, a law with its amendment history): an
    edge per citing document and cited work, weighing its distinct links."""
    from collections import Counter

    from graph import settings
    from graph.load import load_paths
    from graph.sparql import run_query

    corpus = settings.BUNDLED_CORPUS
    store = open_store()
    files = [
        *sorted((corpus / "seeds").glob("*.txt")),
        *sorted((corpus / "kamerstukken").glob("*.xml"))[:10],
        corpus / "bwb-wti" / "BWBR0018451.WTI.xml",
    ]
    assert load_paths(store, files).errors == []
    backend = LocalBackend(store)
    links = Counter(
        (str(row["source"]), str(row["target"]))
        for row in run_query(backend, "citation_edges").as_dicts()
        if row["source"] != row["target"]
    )
    network = citation_network(backend)
    assert len(links) > 50
    assert {
        (source, target): weight
        for source, target, weight in network.edges.data("weight")
    } == dict(links)
    ingested = {str(row["doc"]) for row in run_query(backend, "documents").as_dicts()}
    assert {n for n, data in network.nodes(data=True) if data["ingested"]} <= ingested
    assert all(data["id"] and data["kind"] for _, data in network.nodes(data=True))


def test_analysis_network_rows_from_the_index_equal_the_reference_query():
    """The pairs counted in the index, with the works' ids and kinds of reference,
    are the citation_network query's rows; the network drawn from them is the one
    an index rebuilt from the graphs gives."""
    import networkx as nx

    from graph import settings
    from graph.analysis import network_rows
    from graph.index import Index, rebuild_index
    from graph.load import load_paths
    from graph.sparql import run_query

    corpus = settings.BUNDLED_CORPUS
    store = open_store()
    files = [
        *sorted((corpus / "seeds").glob("*.txt")),
        *sorted((corpus / "kamerstukken").glob("*.xml"))[:10],
        *sorted((corpus / "rechtspraak").glob("*.xml"))[:3],
    ]
    assert load_paths(store, files).errors == []
    backend = LocalBackend(store)

    def table(rows):
        keys = ("source", "target", "targetId", "citedAs", "links")
        return sorted(tuple(row[k] for k in keys) for row in rows)

    reference = run_query(backend, "citation_network").as_dicts()
    assert table(network_rows(backend)) == table(reference)
    assert len(reference) > 50
    assert {row["citedAs"] for row in reference} >= {"legislation", "case_law"}
    network = citation_network(backend)
    store.index = Index(None)
    rebuild_index(store, store.index)
    assert nx.utils.graphs_equal(citation_network(LocalBackend(store)), network)


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
    assert [r.kind for r in ranked] == ["legislation", "motie", "kamerbrief"]


def test_analysis_citing_filtered_by_kind(digraph):
    assert citing(digraph, VB) == [LETTER, MOTION]
    assert citing(digraph, VB, kinds=["motie"]) == [MOTION]
    assert citing(digraph, "https://example.org/none") == []


def test_analysis_lineage_follows_citations_to_their_end(digraph):
    assert lineage_paths(digraph, LETTER) == [[LETTER, VB], [LETTER, MOTION, VB]]


def test_analysis_overlapping_documents_share_targets(digraph):
    [(node, jaccard, shared)] = overlapping_documents(digraph, MOTION)
    assert node == LETTER and shared == 1 and jaccard == pytest.approx(1 / 2)


# A report states that a Vc change (its Staatscourant publication) derives from a
# ruling; a letter only cites the ruling. Real text from EMN Jaaroverzicht 2019.
REPORT = "https://w3id.org/wetgraaf/id/doc/emn-2019"
RULING = "http://publications.europa.eu/resource/ecli/ECLI%3AEU%3AC%3A2017%3A354"
STCRT = "https://zoek.officielebekendmakingen.nl/stcrt-2019-34157"
REPORT_TEXT = (
    "Op 1 juli 2019 zijn nadere regels vastgelegd in de Vreemdelingencirculaire"
    " (Chavez-Vilchez, Staatscourant, 2019, nr. 34157)."
)


def _report() -> tuple[SourceDocument, list[ResolvedReference], list[RelationClaim]]:
    text = REPORT_TEXT
    document = SourceDocument(
        id="emn-2019", kind=DocumentKind.RAPPORT, title="EMN", text=text, path="r.txt"
    )
    refs = []
    for quote, kind, work in (
        ("Chavez-Vilchez", ReferenceKind.CASE_LAW, "ECLI:EU:C:2017:354"),
        ("Staatscourant, 2019, nr. 34157", ReferenceKind.GAZETTE, "stcrt-2019-34157"),
    ):
        start = text.index(quote)
        refs.append(
            ResolvedReference(Reference(start, start + len(quote), quote, kind), work)
        )
    claim = RelationClaim(
        0,
        len(text),
        RelationType.DERIVES_FROM,
        WorkRef("stcrt-2019-34157"),
        WorkRef("ECLI:EU:C:2017:354"),
        ReferenceKind.CASE_LAW,
        "regels vastgelegd in de Vreemdelingencirculaire",
        0.7,
    )
    return document, refs, [claim]


def _citing_letter() -> tuple[SourceDocument, list[ResolvedReference]]:
    text = "De Chavez-jurisprudentie houdt in dat derdelands ouders verblijf krijgen."
    document = SourceDocument(
        id="2025D00002",
        kind=DocumentKind.KAMERBRIEF,
        title="Brief",
        text=text,
        path="l",
    )
    start = text.index("Chavez")
    ref = ResolvedReference(
        Reference(start, start + 6, "Chavez", ReferenceKind.CASE_LAW),
        "ECLI:EU:C:2017:354",
    )
    return document, [ref]


@pytest.fixture(scope="module")
def lineage():
    store = open_store()
    report, report_refs, claims = _report()
    store.replace_graph(
        graph_iri(report.id), build_document_graph(report, report_refs, claims)
    )
    letter2, letter_refs = _citing_letter()
    store.replace_graph(
        graph_iri(letter2.id), build_document_graph(letter2, letter_refs)
    )
    return citation_digraph(LocalBackend(store))


LETTER2 = "https://opendata.tweedekamer.nl/id/document/2025D00002"


def test_analysis_typed_relation_is_an_edge_from_its_subject(lineage):
    assert set(lineage.edges) == {
        (REPORT, RULING),
        (REPORT, STCRT),
        (STCRT, RULING),
        (LETTER2, RULING),
    }
    [derived] = lineage.edges[STCRT, RULING]["evidence"]
    assert derived.typed and derived.type.endswith("wasDerivedFrom")
    assert derived.stated_in == REPORT
    assert derived.quote == REPORT_TEXT
    # the report itself only cites the ruling
    assert not any(e.typed for e in lineage.edges[REPORT, RULING]["evidence"])


def test_analysis_followed_by_goes_through_derived_rules_only(lineage):
    assert lineage_paths(lineage, RULING, direction="followed_by") == [
        [RULING, LETTER2],  # ordered by length, then by ids ("2025D…" < "emn-…")
        [RULING, REPORT],
        [RULING, STCRT, REPORT],
    ]
    [(source, target, derived), (citing, cited, quoted)] = path_evidence(
        lineage, [RULING, STCRT, REPORT]
    )
    assert (source, target) == (STCRT, RULING) and derived.typed
    assert (citing, cited) == (REPORT, STCRT) and not quoted.typed
    assert quoted.quote == "Staatscourant, 2019, nr. 34157"
    # what the Vc rule rests on
    assert lineage_paths(lineage, STCRT) == [[STCRT, RULING]]
