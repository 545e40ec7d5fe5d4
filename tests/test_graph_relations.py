"""Relation claims and toezeggingen in the graph, and ``wetgraaf trace``."""

from __future__ import annotations

from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from graph.build import build_document_graph, document_iri, graph_iri
from graph.cli import cli
from graph.load import document_graph
from graph.namespaces import ELI, WG
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
    assert str(graph.value(late, WG.bewindspersoon)) == "D.M. van Weel"
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
