"""Versions of articles (BWB toestand brondata) in the graph, on the Vw and on the Wet op
de zorgtoeslag; WBV 2013/23 as its Staatscourant publication."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL

from graph.build import build_document_graph, document_iri, graph_iri
from graph.explore import incoming_links
from graph.load import document_graph, references_for
from graph.namespaces import ELI, OA, ONTOLOGY_DIR, WG
from graph.sparql import LocalBackend
from graph.store import GraphStore, open_store
from ingest.models import (
    Bekendmaking,
    Division,
    DocumentKind,
    DocumentMetadata,
    Pinpoint,
    SourceDocument,
    Versie,
)
from ingest.sources import read_source

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
VW = CORPUS / "bwb" / "BWBR0011823_2019-02-27_0.xml"
ZORGTOESLAG = CORPUS / "bwb" / "BWBR0018451_2025-01-01_0.xml"
ZORGTOESLAG_WTI = CORPUS / "bwb-wti" / "BWBR0018451.WTI.xml"
WBV = CORPUS / "seeds" / "wbv-2013-23-vc-wijziging.txt"
PUBLICATIE = "https://zoek.officielebekendmakingen.nl/"
VW_IRI = URIRef("https://wetten.overheid.nl/BWBR0011823")
D = dt.date


def _article(bwb_id: str, artikel: str) -> URIRef:
    return URIRef(f"https://wetten.overheid.nl/jci1.3:c:{bwb_id}&artikel={artikel}")


@pytest.fixture(scope="module")
def vw_graph() -> Graph:
    return build_document_graph(read_source(VW))


@pytest.fixture(scope="module")
def store() -> GraphStore:
    """The Vw, the Wet op de zorgtoeslag and its WTI, as `wetgraaf build` stores them."""
    store = open_store()
    for path in (VW, ZORGTOESLAG, ZORGTOESLAG_WTI):
        document = read_source(path)
        graph = document_graph(document, references_for(document))
        store.replace_graph(graph_iri(document.id), graph)
    yield store
    store.close()


def _version_link(graph: Graph, part: URIRef) -> URIRef:
    (link,) = (
        link
        for link in graph.subjects(WG.linkTarget, part)
        if (link, WG.inDocument, VW_IRI) in graph
        and (link, WG.linkSource, None) in graph
        and str(graph.value(link, WG.linkSource)).startswith(PUBLICATIE)
    )
    return link


# fmt: off
@pytest.mark.parametrize(
    ("artikel", "effect", "link_type", "publication", "in_force", "dossier", "quote"),
    [
        pytest.param("1", "wijziging", ELI.amends, "stb-2018-247", D(2018, 7, 28),
                     "34939", "Stb.2018-247 (wijziging, in werking 2018-07-28)",
                     id="amends"),
        pytest.param("1b", "vervallen", ELI.repeals, "stb-2010-290", D(2013, 6, 1),
                     "32052", "Stb.2010-290 (vervallen, in werking 2013-06-01)",
                     id="repeals"),
        pytest.param("47a", "nieuw", WG.introduces, "stb-2010-290", D(2013, 6, 1),
                     "32052", "Stb.2010-290 (nieuw, in werking 2013-06-01)",
                     id="introduces"),
        pytest.param("111", "nieuwe-regeling", WG.introduces, "stb-2000-495", None,
                     "26732", "Stb.2000-495 (nieuwe-regeling, zonder inwerkingtreding)",
                     id="no-date"),
    ],
)
# fmt: on
def test_versions_vw_article_triples(
    vw_graph, artikel, effect, link_type, publication, in_force, dossier, quote
):
    part = _article("BWBR0011823", artikel)
    source = URIRef(PUBLICATIE + publication)
    assert vw_graph.value(part, DCTERMS.source) == source
    assert vw_graph.value(part, WG.effect) == Literal(effect)
    assert vw_graph.value(part, WG.inwerkingtreding) == (
        Literal(in_force) if in_force else None
    )
    assert vw_graph.value(source, DCTERMS.identifier) == Literal(publication)
    assert vw_graph.value(source, WG.dossiernummer) == Literal(dossier)
    assert (source, link_type, part) in vw_graph  # the shortcut
    link = _version_link(vw_graph, part)
    assert vw_graph.value(link, WG.linkSource) == source
    assert vw_graph.value(link, WG.linkType) == link_type
    assert vw_graph.value(link, WG.method) == WG.editorial
    assert vw_graph.value(link, WG.inwerkingtreding) == (
        Literal(in_force) if in_force else None
    )
    (selector,) = vw_graph.objects(link, OA.hasSelector)  # stated: no text position
    assert vw_graph.value(selector, OA.exact) == Literal(quote)


def test_versions_only_on_articles(vw_graph):
    versioned = set(vw_graph.subjects(DCTERMS.source, None))
    articles = set(vw_graph.subjects(None, WG.Artikel))
    assert versioned == articles and len(articles) == 200
    # hoofdstukken, afdelingen and paragrafen are versioned in BWB too, but not here
    assert not set(vw_graph.subjects(None, WG.Paragraaf)) & versioned


def _regeling_with_versioned_lid() -> SourceDocument:
    """A regeling whose lid 2 BWB versions apart from its article."""
    text = "Artikel 1\n1. Eerste lid.\n2. Tweede lid.\n"
    lid2 = Division(
        "lid",
        "2",
        text.index("2. "),
        len(text) - 1,
        pinpoint=Pinpoint(artikel="1", lid="2"),
        versie=Versie(
            Bekendmaking("stb-2024-5", "Stb", "2024", "5", dossiernummer="36000"),
            "Stb.2024-5",
            "wijziging",
            D(2024, 7, 1),
        ),
    )
    lid1 = Division(
        "lid", "1", 10, text.index("2. ") - 1, pinpoint=Pinpoint(artikel="1", lid="1")
    )
    artikel = Division(
        "artikel",
        "1",
        0,
        len(text) - 1,
        label="Artikel 1",
        pinpoint=Pinpoint(artikel="1"),
        children=(lid1, lid2),
        versie=Versie(
            Bekendmaking("stcrt-2023-123", "Stcrt", "2023", "123"),
            "Stcrt.2023-123",
            "nieuw",
            D(2024, 1, 1),
        ),
    )
    return SourceDocument(
        id="BWBR0099998",
        kind=DocumentKind.REGELING,
        title="Proefwet",
        text=text,
        path="corpus/bwb/BWBR0099998.xml",
        metadata=DocumentMetadata(bwb_id="BWBR0099998", soort="wet"),
        divisions=(artikel,),
    )


def test_versions_of_a_lid_conform():
    document = _regeling_with_versioned_lid()
    graph = build_document_graph(document)
    lid2 = URIRef("https://wetten.overheid.nl/jci1.3:c:BWBR0099998&artikel=1&lid=2")
    assert graph.value(lid2, DCTERMS.source) == URIRef(PUBLICATIE + "stb-2024-5")
    assert (URIRef(PUBLICATIE + "stb-2024-5"), ELI.amends, lid2) in graph
    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
    conforms, _, report = validate(graph, shacl_graph=shapes, inference="none")
    assert conforms, report[:2000]


def test_versions_show_as_incoming_links_with_bron_as_evidence(store):
    links = incoming_links(LocalBackend(store), "BWBR0018451").as_dicts()
    stated = [
        (row["source"], row["type"], row["quote"])
        for row in links
        if row["target"] == str(_article("BWBR0018451", "3"))
        and row["citingId"] == "BWBR0018451"
    ]
    assert stated == [
        (
            PUBLICATIE + "stcrt-2024-37672",
            str(ELI.amends),
            "Stcrt.2024-37672 (wijziging, in werking 2025-01-01)",
        )
    ]


# --- WBV 2013/23 is Staatscourant 2013, 27834 --------------------------------------


def test_wbv_amends_links_name_the_staatscourant_source():
    document = read_source(WBV)
    graph = document_graph(document, references_for(document))
    wbv = URIRef(document_iri(document.id))
    stcrt = URIRef(PUBLICATIE + "stcrt-2013-27834")
    assert list(graph.objects(wbv, OWL.sameAs)) == [stcrt]
    assert graph.value(stcrt, DCTERMS.identifier) == Literal("stcrt-2013-27834")
    rows = graph.query(
        """SELECT DISTINCT ?paragraph ?publication WHERE {
             ?link wg:linkType eli:amends ; wg:linkSource ?decision ;
                   wg:linkTarget ?paragraph .
             ?decision owl:sameAs ?publication .
           }""",
        initNs={"wg": WG, "eli": ELI, "owl": OWL},
    )
    found = {(str(p).rsplit("=", 1)[-1], str(s)) for p, s in rows}
    # paragraphs the decision amends ("Paragraaf B9/10 … wordt vernummerd tot B9/11")
    assert {("B9/10", str(stcrt)), ("B9/12", str(stcrt))} <= found
    assert {publication for _, publication in found} == {str(stcrt)}


def test_documents_without_a_publication_of_their_own_have_no_same_as(vw_graph):
    assert not list(vw_graph.triples((None, OWL.sameAs, None)))
