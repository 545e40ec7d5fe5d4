"""Versions of articles (BWB toestand brondata) in the graph, the article_versions
query and graph.explore.articles.article_versions, on the Vw and on the Wet op de zorgtoeslag
with its WTI history; WBV 2013/23 as its Staatscourant publication."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL

from graph.build.document import build_document_graph
from graph.explore.articles import article_versions
from graph.explore.links import incoming_links
from graph.iris import document_iri, graph_iri
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


def test_versions_of_a_lid_conform_and_are_listed():
    document = _regeling_with_versioned_lid()
    graph = build_document_graph(document)
    lid2 = URIRef("https://wetten.overheid.nl/jci1.3:c:BWBR0099998&artikel=1&lid=2")
    assert graph.value(lid2, DCTERMS.source) == URIRef(PUBLICATIE + "stb-2024-5")
    assert (URIRef(PUBLICATIE + "stb-2024-5"), ELI.amends, lid2) in graph
    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
    conforms, _, report = validate(graph, shacl_graph=shapes, inference="none")
    assert conforms, report[:2000]
    store = open_store()
    try:
        store.replace_graph(graph_iri(document.id), graph)
        found = article_versions(LocalBackend(store), document.id)
    finally:
        store.close()
    # lid 1 has no version of its own: not listed
    assert [(v.label, v.kind, v.publication_id, v.dossier, v.in_force) for v in found] == [
        ("Artikel 1", "artikel", "stcrt-2023-123", None, D(2024, 1, 1)),
        ("Artikel 1, lid 2", "lid", "stb-2024-5", "36000", D(2024, 7, 1)),
    ]


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


# --- article_versions --------------------------------------------------------------

# fmt: off
@pytest.mark.parametrize(
    ("artikel", "in_force", "effect", "publication", "dossier", "history"),
    [
        # hand-checked against BWBR0018451.WTI.xml: the WTI lines of "Artikel 7"
        pytest.param("7", D(2006, 1, 1), "nieuwe-regeling", "stb-2005-369", "29762", {
            (D(2006, 1, 1), WG.introduces, "stb-2005-369"),
            (D(2006, 1, 1), ELI.commences, "stb-2005-649"),
        }, id="7"),
        # renumbered from 3 (Stb. 2024, 291), in force by Stb. 2024, 322; the old
        # artikel 3 was earlier renumbered 4a (remark of the 2009-11-27 line of "3")
        pytest.param("4a", D(2024, 11, 6), "vernummerd-wijziging", "stb-2024-291",
                     "36357", {
            (D(2009, 11, 27), WG.renumberedAs, "artikel=3"),
            (D(2024, 11, 6), ELI.amends, "stb-2024-291"),
            (D(2024, 11, 6), ELI.commences, "stb-2024-322"),
            (D(2024, 11, 6), WG.renumberedAs, "artikel=3"),
        }, id="4a-renumbered"),
    ],
)
# fmt: on
def test_article_versions_zorgtoeslag(
    store, artikel, in_force, effect, publication, dossier, history
):
    versions = {v.artikel: v for v in article_versions(LocalBackend(store), "BWBR0018451")}
    found = versions[artikel]
    assert (found.kind, found.lid, found.status) == ("artikel", None, None)
    assert (found.in_force, found.effect, found.publication_id, found.dossier) == (
        in_force,
        effect,
        publication,
        dossier,
    )
    assert found.publication == PUBLICATIE + publication
    assert {
        (entry.date, URIRef(entry.type), entry.source.rsplit("/", 1)[-1].split("&")[-1])
        for entry in found.history
    } == history
    # evidence: the WTI line of the article, or of the one renumbered to it
    assert all(
        entry.document == "https://w3id.org/wetgraaf/id/doc/BWBR0018451.WTI"
        and (
            entry.quote.startswith(f"Artikel {artikel} — ")
            or f"vernummerd tot art. {artikel}." in entry.quote
        )
        for entry in found.history
    )


def test_article_versions_toestand_agrees_with_wti(store):
    """Two sources, one fact: the toestand's version of each article is a WTI line
    with the same date of entry into force and the same amending publication."""
    versions = article_versions(LocalBackend(store), "BWBR0018451")
    assert [v.artikel for v in versions] == ["1", "2", "3", "4", "4a", "5", "6", "7", "8"]
    for version in versions:
        stated = {(e.date, e.source) for e in version.history}
        assert (version.in_force, version.publication) in stated, version.label
        dates = [e.date for e in version.history]
        assert dates == sorted(dates)  # oldest first
    # the juncto publications (eli:changes) and the undated lines are not history here
    history = [e for v in versions for e in v.history]
    assert {URIRef(e.type) for e in history} == {
        WG.introduces,
        ELI.amends,
        ELI.commences,
        WG.renumberedAs,
    }
    assert all(e.date is not None for e in history)


# fmt: off
@pytest.mark.parametrize(
    ("artikel", "status", "in_force", "effect", "publication", "dossier"),
    [
        pytest.param("1", None, D(2018, 7, 28), "wijziging", "stb-2018-247", "34939",
                     id="1"),
        pytest.param("1b", "vervallen", D(2013, 6, 1), "vervallen", "stb-2010-290",
                     "32052", id="1b-vervallen"),
        pytest.param("111", None, None, "nieuwe-regeling", "stb-2000-495", "26732",
                     id="111-no-date"),
    ],
)
# fmt: on
def test_article_versions_vw(store, artikel, status, in_force, effect, publication, dossier):
    versions = article_versions(LocalBackend(store), "BWBR0011823")
    assert len(versions) == 200
    assert [v.start for v in versions] == sorted(v.start for v in versions)
    (found,) = [v for v in versions if v.artikel == artikel]
    assert (found.status, found.in_force, found.effect) == (status, in_force, effect)
    assert (found.publication_id, found.dossier) == (publication, dossier)
    assert found.history == ()  # the store holds no WTI of the Vw


def test_article_versions_of_a_missing_regeling_is_empty(store):
    assert article_versions(LocalBackend(store), "BWBR0000001") == []


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
