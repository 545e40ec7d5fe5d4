"""graph.build: one document → triples with reified, evidence-carrying links."""

import pytest
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF

from graph.build.document import build_document_graph
from graph.iris import document_iri
from graph.namespaces import CITO, OA, WG
from tests.graph_fixtures import letter


def _links(graph):
    return set(graph.subjects(RDF.type, WG.Citation))


def test_build_document_metadata_and_text():
    document, refs = letter()
    graph = build_document_graph(document, refs)
    doc = document_iri(document.id)
    assert doc == URIRef("https://opendata.tweedekamer.nl/id/document/2025D33530")
    assert (doc, RDF.type, WG.Kamerbrief) in graph
    assert (doc, DCTERMS.identifier, Literal("2025D33530")) in graph
    assert (doc, WG.fullText, Literal(document.text)) in graph
    assert (doc, WG.zaak, Literal("2025Z14627")) in graph


def test_build_every_link_has_evidence_matching_the_text():
    document, refs = letter()
    graph = build_document_graph(document, refs)
    links = _links(graph)
    assert len(links) == 3
    for link in links:
        selectors = set(graph.objects(link, OA.hasSelector))
        position = next(
            s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in graph
        )
        quote = next(
            s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in graph
        )
        start = graph.value(position, OA.start).toPython()
        end = graph.value(position, OA.end).toPython()
        assert str(graph.value(quote, OA.exact)) == document.text[start:end]
        assert graph.value(link, WG.method) == WG.extracted
        assert graph.value(link, WG.extractorVersion) is not None


def test_build_resolved_link_adds_shortcut_and_part_of_work():
    document, refs = letter()
    graph = build_document_graph(document, refs)
    doc = document_iri(document.id)
    article = URIRef(
        "https://wetten.overheid.nl/jci1.3:c:BWBR0011825&artikel=3.71&lid=3"
    )
    assert (doc, CITO.cites, article) in graph
    assert (
        article,
        DCTERMS.isPartOf,
        URIRef("https://wetten.overheid.nl/BWBR0011825"),
    ) in graph


def test_build_unresolved_reference_is_kept_with_reason_and_no_target():
    document, refs = letter()
    graph = build_document_graph(document, refs)
    unresolved = [
        link for link in _links(graph) if graph.value(link, WG.unresolvedReason)
    ]
    assert len(unresolved) == 1
    assert graph.value(unresolved[0], WG.linkTarget) is None
    assert "B9/99" in str(graph.value(unresolved[0], WG.unresolvedReason))


def test_build_reference_inside_a_footnote_points_at_the_footnote():
    document, refs = letter()
    graph = build_document_graph(document, refs)
    via = {graph.value(link, WG.viaFootnote) for link in _links(graph)} - {None}
    assert len(via) == 1
    assert graph.value(via.pop(), WG.number) == Literal("7")


def test_build_is_deterministic():
    document, refs = letter()
    assert isomorphic(
        build_document_graph(document, refs), build_document_graph(document, refs)
    )


@pytest.mark.parametrize(
    "path",
    [
        "bwb/BWBR0018451_2025-01-01_0.xml",
        "bwb-wti/BWBR0018451.WTI.xml",
        "seeds/kamerbrief-2025D33530-diverse-onderwerpen-migratie.txt",
        "tk-odata/stemming-per-agendapunt/2024P05555.json",
        "tk-odata/zaak-motie/2023Z20060.json",
    ],
)
def test_build_worker_lines_are_the_documents_graph(path):
    """A build worker collects triples in a set (graph.triples) and serialises them;
    the statements are those of the rdflib Graph the small write path stores."""
    from graph import settings
    from graph.load import document_graph, prepare_document, references_for
    from graph.store import serialize_triples
    from ingest.sources import read_source

    source = settings.BUNDLED_CORPUS / path
    document = read_source(source)
    prepared = prepare_document(document, source)
    expected = serialize_triples(document_graph(document, references_for(document)))
    assert prepared.lines.with_bnodes == ()
    assert sorted(prepared.lines.plain) == sorted(expected.plain)
    assert len(prepared.lines.plain) > 40
