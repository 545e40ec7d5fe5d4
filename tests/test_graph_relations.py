"""Relation claims and toezeggingen in the graph, and ``wetgraaf trace``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from graph.analysis import citation_digraph, lineage_paths
from graph.build.document import build_document_graph
from graph.cli import cli
from graph.iris import document_iri, graph_iri
from graph.load import document_graph, load_paths
from graph.namespaces import ELI, WG
from graph.sparql import LocalBackend, bind_parameters, load_query, run_query
from graph.store import open_store
from ingest.identifiers import part_iri, work_iri
from ingest.models import (
    Pinpoint,
    ReferenceKind,
    RelationClaim,
    RelationType,
    WorkRef,
)
from tests.graph_fixtures import letter, toezegging_letter

TZ = URIRef(work_iri("TZ202505-006"))


def test_answers_claim_is_a_reified_link_with_shortcut():
    document, refs = toezegging_letter()
    graph = document_graph(document, refs)
    doc = document_iri(document.id)
    assert (doc, WG.answers, TZ) in graph
    links = list(graph.subjects(WG.linkType, WG.answers))
    assert len(links) == 1
    link = links[0]
    assert (link, WG.linkSource, doc) in graph
    assert (link, WG.linkTarget, TZ) in graph
    assert (link, WG.method, WG.extracted) in graph
    assert (link, WG.confidence, Literal("0.80", datatype=XSD.decimal)) in graph


def test_toezegging_node():
    document, refs = toezegging_letter()
    graph = document_graph(document, refs)
    late = URIRef(work_iri("TZ202505-125"))
    assert (TZ, WG.toezeggingText, None) in graph
    assert str(graph.value(late, WG.deadlineEnd)) == "2025-12-31"
    # A heading reporting a May 2025 commitment: not the signatory's by default.
    assert graph.value(late, WG.bewindspersoon) is None
    assert (None, WG.answers, late) not in graph


def test_claim_source_is_the_subject_part():
    document, refs = letter()
    vc = WorkRef("BWBR0012289", Pinpoint(paragraaf="B9/11"))
    claim = RelationClaim(
        0,
        20,
        RelationType.AMENDS,
        WorkRef(document.id),
        vc,
        ReferenceKind.POLICY,
        "komt te luiden",
        0.9,
    )
    graph = build_document_graph(document, refs, [claim])
    target = URIRef(part_iri("BWBR0012289", vc.pinpoint))
    assert (document_iri(document.id), ELI.amends, target) in graph
    renumber = RelationClaim(
        0,
        20,
        RelationType.RENUMBERS,
        WorkRef("BWBR0012289", Pinpoint(paragraaf="B9/10")),
        vc,
        ReferenceKind.POLICY,
        "wordt vernummerd tot",
        0.9,
    )
    graph = build_document_graph(document, refs, [renumber])
    old = URIRef(part_iri("BWBR0012289", Pinpoint(paragraaf="B9/10")))
    assert (old, WG.renumberedAs, target) in graph
    assert (old, WG.partOfWork, URIRef(work_iri("BWBR0012289"))) in graph


def test_cli_trace(tmp_path):
    store = open_store(tmp_path / "store")
    for make in (letter, toezegging_letter):
        document, refs = make()
        store.replace_graph(graph_iri(document.id), document_graph(document, refs))
    store.close()
    runner = CliRunner()
    result = runner.invoke(
        cli, ["trace", "2025D99999", "--store", str(tmp_path / "store")]
    )
    assert result.exit_code == 0, result.output
    assert "2025D99999 —answers→ TZ202505-006" in result.output
    assert "Toezeggingen over de voortgang" in result.output
    missing = runner.invoke(
        cli, ["trace", "2025D12345", "--store", str(tmp_path / "store")]
    )
    assert missing.exit_code != 0
    assert "no links from 2025D12345" in missing.output


# The headline path of issue 5 on a slice of the bundled corpus: the EMN Jaaroverzicht
# 2019 (where the derivation is stated) and the letter on regulier verblijf (which
# discusses the ruling).
SLICE = [
    "seeds/emn-jaaroverzicht-2019.txt",
    "seeds/emn-jaaroverzicht-2019.meta.json",
    "seeds/kamerbrief-regulier-verblijf-2025-04-15.txt",
    "seeds/kamerbrief-regulier-verblijf-2025-04-15.meta.json",
]
CORPUS = Path(__file__).resolve().parent.parent / "corpus"
RULING = "ECLI:EU:C:2017:354"


@pytest.fixture(scope="module")
def chavez_store(tmp_path_factory):
    base = tmp_path_factory.mktemp("chavez")
    sources = base / "sources"
    sources.mkdir()
    for name in SLICE:
        shutil.copy(CORPUS / name, sources / Path(name).name)
    store = open_store(base / "store")
    summary = load_paths(store, [sources])
    store.close()
    assert not summary.errors
    return base / "store"


def test_trace_ruling_to_vc_rule_to_the_documents_discussing_them(chavez_store):
    result = CliRunner().invoke(
        cli,
        ["trace", RULING, "--direction", "followed-by", "--store", str(chavez_store)],
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    path = lines.index(f"3. {RULING} → stcrt-2019-34157 → emn-jaaroverzicht-2019")
    derived, discussed = lines[path + 1], lines[path + 2]
    assert derived.startswith(f"   stcrt-2019-34157 —wasDerivedFrom→ {RULING}: “Regels")
    assert "Chavez-Vilchez59)" in derived  # the heading naming the ruling …
    assert (
        "nadere regels vastgelegd in de Vreemdelingencirculaire" in derived
    )  # … the rule
    assert derived.endswith("(in emn-jaaroverzicht-2019)")
    assert discussed == (
        "   emn-jaaroverzicht-2019 —cites→ stcrt-2019-34157: “Staatscourant, 2019, nr. 34157”"
    )
    # the letter discusses the ruling itself (the Chavez-jurisprudentie)
    assert f"{RULING} → kst-36600-XX-62" in result.output


def test_lineage_query_and_paths_on_the_slice(chavez_store):
    store = open_store(chavez_store, read_only=True)
    try:
        backend = LocalBackend(store)
        rows = run_query(backend, "lineage", work=work_iri(RULING)).as_dicts()
        digraph = citation_digraph(backend)
    finally:
        store.close()
    stcrt = work_iri("stcrt-2019-34157")
    emn = str(document_iri("emn-jaaroverzicht-2019"))
    hops = {
        (r["hop"], r["from"], r["to"], str(r["relation"]).rsplit("#")[-1]) for r in rows
    }
    assert hops == {
        (1, stcrt, work_iri(RULING), "wasDerivedFrom"),
        (2, emn, stcrt, "http://purl.org/spar/cito/cites"),
    }
    assert {r["statedInId"] for r in rows} == {"emn-jaaroverzicht-2019"}
    ruling = work_iri(RULING)
    assert [ruling, stcrt, emn] in lineage_paths(
        digraph, ruling, direction="followed_by"
    )
    # and what the report rests on (the explorer's Herkomst): the Vc rule, then the
    # ruling it derives from
    assert [emn, stcrt, ruling] in lineage_paths(digraph, emn)


def test_lineage_with_its_work_substituted_answers_as_one_outer_block_would(
    chavez_store,
):
    """The query writes its parameter $work inside the UNION branches and the
    sub-SELECT, where one bound work stands as a constant; a join distributes over a
    UNION, so it answers as the query bound by one VALUES block opening the WHERE group
    (every $ written ?), for one work and for a list."""
    works = [work_iri(RULING), work_iri("stcrt-2019-34157"), work_iri("BWBR0011823")]
    query = load_query("lineage")
    assert query.count("wg:targetWork $work") == 2
    unmarked = query.replace("$work", "?work")
    store = open_store(chavez_store, read_only=True)
    try:
        backend = LocalBackend(store)
        rows = run_query(backend, "lineage", work=works)
        assert backend.select(bind_parameters(unmarked, {"work": works})) == rows
        one = run_query(backend, "lineage", work=works[0])
        assert backend.select(bind_parameters(unmarked, {"work": works[0]})) == one
        assert one == rows
    finally:
        store.close()
    assert {r["work"] for r in rows.as_dicts()} == {work_iri(RULING)}
