"""graph.lineage: a lineage read around one work gives the paths and evidence that the
whole citation digraph gives, and a capped one says what it left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import lineage as lineage_module
from graph.analysis import citation_digraph, lineage_paths, path_evidence
from graph.build.document import build_document_graph
from graph.iris import document_iri, graph_iri
from graph.lineage import lineage_digraph
from graph.load import load_paths
from graph.sparql import LocalBackend
from graph.store import open_store
from ingest.identifiers import work_iri
from ingest.models import (
    DocumentKind,
    Reference,
    ReferenceKind,
    ResolvedReference,
    SourceDocument,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
VW = "https://wetten.overheid.nl/BWBR0011823"
AWB = "https://wetten.overheid.nl/BWBR0005537"
EMN = "https://w3id.org/wetgraaf/id/doc/emn-jaaroverzicht-2019"
VB = "https://wetten.overheid.nl/BWBR0011825"
RULING = "ECLI:EU:C:2017:354"


@pytest.fixture(scope="module")
def corpus_backend():
    """Laws citing each other (Vw, Vb, Awb), the Vc with its paragraphs elaborating
    them, the seeds (EMN 2019 with the Vc rule derived from Chavez-Vilchez, the WBV
    amendment) and letters and motions."""
    paths = [
        CORPUS / "seeds",
        CORPUS / "bwb" / "BWBR0011823_2019-02-27_0.xml",
        CORPUS / "bwb" / "BWBR0011825_2019-07-01_0.xml",
        CORPUS / "bwb" / "BWBR0005537_2020-04-15_0.xml",
        CORPUS / "bwb-2012" / "BWBR0012287.xml",
        *sorted((CORPUS / "kamerstukken").glob("*.xml"))[:15],
    ]
    store = open_store()
    assert load_paths(store, paths).errors == []
    return LocalBackend(store)


@pytest.fixture(scope="module")
def whole(corpus_backend):
    return citation_digraph(corpus_backend)


def _shown(digraph, node: str) -> tuple:
    """What a lineage shows of a node."""
    return tuple(
        digraph.nodes[node][key] for key in ("id", "label", "kind", "ingested")
    )


def _starts(whole) -> list[str]:
    """The laws citing each other, the Chavez-Vilchez lineage, every 4th work that a
    part rests on, every 12th work with a typed relation either way (most are amending
    Staatsbladen) and every 100th other node."""
    typed = sorted(
        {
            node
            for source, target, data in whole.edges(data=True)
            if any(e.typed for e in data["evidence"])
            for node in (source, target)
        }
    )
    # rested on by a part (Vb artikel 3.103b implements the return directive): what
    # followed are the documents citing that part
    by_part = sorted(
        {
            target
            for source, target, data in whole.edges(data=True)
            if any(e.typed and e.subject not in ("", source) for e in data["evidence"])
        }
    )
    others = sorted(set(whole.nodes) - set(typed))
    chavez = [work_iri(RULING), work_iri("stcrt-2019-34157"), EMN]
    return [VW, AWB, VB, *chavez, *by_part[::4], *typed[::12], *others[::100]]


def test_lineage_equals_the_whole_digraphs(corpus_backend, whole):
    starts = _starts(whole)
    assert all(node in whole for node in starts)
    compared = 0
    for iri in starts:
        for way in ("rests_on", "followed_by"):
            read = lineage_digraph(
                corpus_backend, iri, max_hops=3, directions=(way,), neighbours=None
            )
            sub = read.digraph
            expected = lineage_paths(whole, iri, max_hops=3, direction=way)
            assert lineage_paths(sub, iri, max_hops=3, direction=way) == expected
            for path in expected:
                assert path_evidence(sub, path, way) == path_evidence(whole, path, way)
                assert [_shown(sub, n) for n in path] == [
                    _shown(whole, n) for n in path
                ]
            assert read.left_out == {}
            compared += len(expected)
    assert compared > 1000  # the corpus gives real paths, typed ones among them


def test_followed_by_takes_the_edge_against_the_path(corpus_backend, whole):
    """The Vw and the Awb cite each other: what followed from the Awb is the Vw
    citing it, with a quote from the Vw (not the Awb's citation of the Vw)."""
    assert whole.has_edge(VW, AWB) and whole.has_edge(AWB, VW)
    [(source, target, evidence)] = path_evidence(whole, [AWB, VW], "followed_by")
    assert (source, target) == (VW, AWB)
    assert evidence.stated_in == VW
    [(source, target, evidence)] = path_evidence(whole, [AWB, VW], "rests_on")
    assert (source, target) == (AWB, VW) and evidence.stated_in == AWB


@pytest.mark.parametrize("start", [VW, AWB, VB, EMN])
@pytest.mark.parametrize("neighbours", [1, 3, 10**6])
def test_capped_lineage_reads_every_link_to_the_works_it_cites_most(
    corpus_backend, whole, monkeypatch, start, neighbours
):
    """Forward, a capped walk draws the works a work cites most, each edge with all
    the links to that work (looked up by link), and says how many it left out."""
    monkeypatch.setattr(lineage_module, "WORK_LINKS", 10**9)
    read = lineage_digraph(
        corpus_backend,
        start,
        max_hops=1,
        directions=("rests_on",),
        neighbours=neighbours,
    )
    plain = {  # links per cited work, as the index counts them (a work's own: not)
        target: len(data["evidence"])
        for _, target, data in whole.out_edges(start, data=True)
        if target != start and any(not e.typed for e in data["evidence"])
    }
    most = sorted(plain, key=lambda work: (-plain[work], work))[:neighbours]
    assert len(most) == min(neighbours, len(plain)) > 0
    for work in most:
        assert (
            read.digraph.edges[start, work]["evidence"]
            == whole.edges[start, work]["evidence"]
        )
    left = len(plain) - len(most)
    assert read.left_out == ({(start, "rests_on"): left} if left else {})


@pytest.fixture(scope="module")
def citing_letters():
    """30 letters citing the Vb, letter k (0-based) with k + 1 links to it."""
    store = open_store()
    for k in range(30):
        text = "Zie artikel 3.71 Vb. " * (k + 1)
        document = SourceDocument(
            id=f"2025D9{k:04d}",
            kind=DocumentKind.KAMERBRIEF,
            title=f"Brief {k}",
            text=text,
            path="letter.txt",
        )
        refs = [
            ResolvedReference(
                Reference(at, at + 15, "artikel 3.71 Vb", ReferenceKind.LEGISLATION),
                "BWBR0011825",
            )
            for at in range(4, len(text), 21)
        ]
        store.replace_graph(
            graph_iri(document.id), build_document_graph(document, refs)
        )
    return LocalBackend(store)


def _letters(digraph) -> list[int]:
    return sorted(int(digraph.nodes[n]["id"][6:]) for n in digraph.predecessors(VB))


@pytest.mark.parametrize(
    ("neighbours", "work_links", "drawn", "left_out"),
    [
        (None, 500, list(range(30)), {}),
        (5, 500, [25, 26, 27, 28, 29], {(VB, "followed_by"): 25}),
        # 30 links, then one with 20 fits what is left of 50; the rest is passed over
        (5, 50, [19, 29], {(VB, "followed_by"): 28}),
        (0, 500, [], {(VB, "followed_by"): 30}),
    ],
)
def test_capped_lineage_reads_the_most_citing_first(
    citing_letters, monkeypatch, neighbours, work_links, drawn, left_out
):
    monkeypatch.setattr(lineage_module, "WORK_LINKS", work_links)
    read = lineage_digraph(
        citing_letters,
        VB,
        max_hops=1,
        directions=("followed_by",),
        neighbours=neighbours,
    )
    assert _letters(read.digraph) == drawn
    assert read.left_out == left_out
    for k in drawn:  # every link of a letter drawn is read, with its quote
        evidence = read.digraph.edges[str(document_iri(f"2025D9{k:04d}")), VB][
            "evidence"
        ]
        assert len(evidence) == k + 1
        assert {e.quote for e in evidence} == {"artikel 3.71 Vb"}


def test_capped_lineage_keeps_every_typed_relation(corpus_backend):
    """With no plain citations read, the Vc rule derived from Chavez-Vilchez still
    follows from the ruling (typed relations are always read)."""
    ruling = work_iri(RULING)
    read = lineage_digraph(
        corpus_backend, ruling, max_hops=2, directions=("followed_by",), neighbours=0
    )
    stcrt = work_iri("stcrt-2019-34157")
    [derived] = read.digraph.edges[stcrt, ruling]["evidence"]
    assert derived.typed and "Vreemdelingencirculaire" in derived.quote
    assert read.left_out[(ruling, "followed_by")] >= 2  # the EMN report, the letter
    assert lineage_paths(read.digraph, ruling, max_hops=2, direction="followed_by") == [
        [ruling, stcrt]
    ]


@pytest.mark.parametrize(("start", "runs"), [(VW, 4), (work_iri(RULING), 1)])
def test_lineage_reads_typed_relations_in_runs_of_links(
    corpus_backend, whole, monkeypatch, start, runs
):
    """Relations into or out of works are read a few works or links at a time: with
    runs of two the lineage is the whole digraph's, and no read of the index binds
    more than two values."""
    from graph.index import reads

    asked: list[dict] = []
    read_relations = reads.relation_edges

    def spy(index, **bindings):
        asked.append(bindings)
        return read_relations(index, **bindings)

    def in_twos(values, size=2):
        return [list(values[i : i + size]) for i in range(0, len(values), size)]

    monkeypatch.setattr(reads, "relation_edges", spy)
    monkeypatch.setattr(lineage_module, "chunked", in_twos)
    for way in ("rests_on", "followed_by"):
        read = lineage_digraph(
            corpus_backend, start, max_hops=3, directions=(way,), neighbours=None
        )
        expected = lineage_paths(whole, start, max_hops=3, direction=way)
        assert lineage_paths(read.digraph, start, max_hops=3, direction=way) == expected
        for path in expected:
            assert path_evidence(read.digraph, path, way) == path_evidence(
                whole, path, way
            )
    assert len(asked) >= runs
    assert all(len(bindings) == 1 for bindings in asked)
    assert all(1 <= len(values) <= 2 for b in asked for values in b.values())
