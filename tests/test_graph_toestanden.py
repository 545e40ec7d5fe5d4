"""Toestanden as versions of one work (graph.versions): the bundled Vw and Vb as their
2012 (undated BWB XML) and 2019 consolidations, each article version with its validity;
a dated document's links name the version in force on its date, or say why none is
known. The dates below are those the 2019 toestanden state (``inwerking``)."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from graph.cli import cli
from graph.iris import graph_iri
from graph.load import document_graph, load_paths, references_for
from graph.namespaces import ELI, OA, ONTOLOGY_DIR, WG
from graph.sparql import PROLOGUE, LocalBackend, run_query
from graph.store import GraphStore, open_store
from graph.triples import as_graph
from graph.versions import (
    CITED_VERSIONS,
    ArticleVersion,
    KnownToestand,
    toestand_key,
    version_in_force,
    version_triples,
)
from ingest.sources import read_source

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
VW_2019 = CORPUS / "bwb" / "BWBR0011823_2019-02-27_0.xml"
VW_2012 = CORPUS / "bwb-2012" / "BWBR0011823.xml"
VB_2019 = CORPUS / "bwb" / "BWBR0011825_2019-07-01_0.xml"
VB_2012 = CORPUS / "bwb-2012" / "BWBR0011825.xml"
WBV = CORPUS / "seeds" / "wbv-2013-23-vc-wijziging.txt"
STAAT = CORPUS / "seeds" / "staat-van-migratie-2025.txt"
LETTER = CORPUS / "seeds" / "kamerbrief-regulier-verblijf-2025-04-15.txt"
RULING_2012 = CORPUS / "rechtspraak" / "ECLI.NL.RBSGR.2012.BZ0845.xml"
ZORGTOESLAG = CORPUS / "bwb" / "BWBR0018451_2025-01-01_0.xml"
MANIFEST = (
    ROOT / "tests" / "data" / "api" / "bwb" / "constructed-manifest-BWBR0018451.xml"
)
WETTEN = "https://wetten.overheid.nl/"
JCI = WETTEN + "jci1.3:c:"
VW = URIRef("https://wetten.overheid.nl/BWBR0011823")
VB = URIRef("https://wetten.overheid.nl/BWBR0011825")
D = dt.date


# fmt: off
@pytest.mark.parametrize(
    ("path", "key", "articles", "artikel", "since", "source"),
    [
        pytest.param(VW_2019, "BWBR0011823@2019-02-27", 200, "64", D(2001, 4, 1),
                     "stb-2000-495", id="vw-2019-unchanged-since-2001"),
        pytest.param(VW_2019, "BWBR0011823@2019-02-27", 200, "29", D(2015, 7, 20),
                     "stb-2015-292", id="vw-2019-amended-2015"),
        pytest.param(VB_2019, "BWBR0011825@2019-07-01", 400, "3.4", D(2019, 5, 1),
                     "stb-2019-143", id="vb-2019"),
        pytest.param(VW_2012, "BWBR0011823@sha256-5436ebce0435", 154, "64", None,
                     None, id="vw-2012-undated"),
        pytest.param(VB_2012, "BWBR0011825@sha256-7cf021446bed", 296, "3.4", None,
                     None, id="vb-2012-undated"),
    ],
)
# fmt: on
def test_toestanden_version_triples(path, key, articles, artikel, since, source):
    document = read_source(path)
    assert toestand_key(document) == key
    graph = as_graph(version_triples(document))
    (toestand,) = graph.subjects(RDF.type, WG.Toestand)
    assert graph.value(toestand, WG.versionOf) == URIRef(f"{WETTEN}{key[:11]}")
    assert graph.value(toestand, DCTERMS.identifier) == Literal(key)
    versions = set(graph.subjects(WG.inToestand, toestand))
    assert len(versions) == articles
    article = URIRef(f"{JCI}{key[:11]}&artikel={artikel}")
    (version,) = graph.subjects(WG.versionOf, article)
    assert version in versions
    text = str(graph.value(version, WG.versionText))
    assert text.startswith(f"Artikel {artikel}")
    assert graph.value(version, WG.geldigVan) == (Literal(since) if since else None)
    assert graph.value(version, WG.geldigTot) is None  # no manifest: no stated end
    if since is None:  # undated: a hash IRI, never a Juriconnect date
        assert "&g=" not in str(version) and graph.value(toestand, WG.geldigVan) is None
    else:
        valid = key.partition("@")[2]
        assert str(version) == f"{JCI}{key[:11]}&artikel={artikel}&g={valid}"
        assert str(toestand) == f"{JCI}{key[:11]}&g={valid}"
        assert graph.value(toestand, WG.geldigVan) == Literal(D.fromisoformat(valid))
        assert str(graph.value(version, DCTERMS.source)).endswith(source)


def test_toestanden_version_graph_conforms():
    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
    for path in (VW_2019, VW_2012):
        data = as_graph(version_triples(read_source(path)))
        conforms, _, report = validate(data, shacl_graph=shapes, inference="none")
        assert conforms, report


def test_toestanden_stated_end_from_a_cache_manifest(tmp_path):
    """A toestand fetched into a cache has the manifest's einddatum as its end."""
    documents = tmp_path / "bwb" / "documents"
    listings = tmp_path / "bwb" / "listings"
    documents.mkdir(parents=True)
    listings.mkdir()
    shutil.copy(ZORGTOESLAG, documents / ZORGTOESLAG.name)
    shutil.copy(MANIFEST, listings / "BWBR0018451.manifest.xml")
    cached = read_source(documents / ZORGTOESLAG.name)
    assert cached.metadata.valid_until == D(9999, 12, 31)
    graph = as_graph(version_triples(cached))
    (toestand,) = graph.subjects(RDF.type, WG.Toestand)
    assert graph.value(toestand, WG.geldigTot) == Literal(D(9999, 12, 31))
    assert read_source(ZORGTOESLAG).metadata.valid_until is None  # not in a cache


def _toestand(van, tot=None, **articles):
    iri = f"{JCI}BWBR0011823&g={van}" if van else "undated"
    return KnownToestand(
        iri,
        str(VW),
        van,
        tot,
        {
            f"{JCI}BWBR0011823&artikel={n}": ArticleVersion(
                f"{JCI}BWBR0011823&artikel={n}&g={van}",
                f"{JCI}BWBR0011823&artikel={n}",
                since,
            )
            for n, since in articles.items()
        },
    )


# The Vw's 2019 toestand with two of its articles as it dates them (64 since 2001,
# 29 since 2015), an earlier toestand ending the day before, and the undated 2012 one.
T2019 = _toestand(D(2019, 2, 27), **{"64": D(2001, 4, 1), "29": D(2015, 7, 20)})
T2018 = _toestand(
    D(2018, 7, 28), D(2019, 2, 26), **{"64": D(2001, 4, 1), "29": D(2015, 7, 20)}
)
UNDATED = _toestand(None, **{"64": None, "29": None})


# fmt: off
@pytest.mark.parametrize(
    ("toestanden", "on", "artikel", "version", "reason"),
    [
        pytest.param([T2019, UNDATED], D(2013, 9, 26), "64", "64&g=2019-02-27", None,
                     id="2013-text-since-2001"),
        pytest.param([T2019, UNDATED], D(2013, 9, 26), "29", None,
                     "artikel 29: 2013-09-26 is before its earliest known text "
                     "(toestand 2019-02-27: in force from 2015-07-20) (known: "
                     "2019-02-27); 1 undated toestand(en) known", id="2013-amended-later"),
        pytest.param([T2019], D(2025, 7, 11), "64", None,
                     "artikel 64: 2025-07-11 is after the latest known toestand, "
                     "whose end is not stated (known: 2019-02-27)", id="2025-no-end"),
        pytest.param([T2019], D(2019, 2, 27), "29", "29&g=2019-02-27", None,
                     id="on-its-own-date"),
        pytest.param([T2018, T2019], D(2018, 12, 1), "29", "29&g=2018-07-28", None,
                     id="stated-end-earlier-toestand"),
        pytest.param([T2018, T2019], D(2018, 12, 1), None, "g=2018-07-28", None,
                     id="work-level"),
        pytest.param([T2019], D(2019, 3, 1), "2x", None,
                     "artikel 2x: 2019-03-01 is after the latest known toestand, "
                     "whose end is not stated (known: 2019-02-27)", id="unknown-article"),
        pytest.param([T2018], D(2018, 8, 1), "2x", None,
                     "artikel 2x is not in the toestand in force on 2018-08-01 "
                     "(2018-07-28)", id="not-in-toestand"),
        pytest.param([UNDATED], D(2013, 9, 26), "64", None,
                     "no dated toestand of the work is known; 1 undated toestand(en) "
                     "known", id="only-undated"),
        pytest.param([T2019], None, "64", None, "the citing document states no date",
                     id="undated-citation"),
    ],
)
# fmt: on
def test_toestanden_version_in_force(toestanden, on, artikel, version, reason):
    article = f"{JCI}BWBR0011823&artikel={artikel}" if artikel else None
    choice = version_in_force(toestanden, on, article)
    if version is None:
        assert choice.version is None
    else:
        assert choice.version is not None and choice.version.endswith(version)
    assert choice.reason == reason


@pytest.fixture(scope="module")
def store() -> GraphStore:
    """Both Vw toestanden (2012 given last), the Vb 2019, WBV 2013/23, a letter of
    2025, the (undated) Staat van Migratie 2025 and a 2012 ruling, as ``wetgraaf
    build`` stores them."""
    store = open_store()
    paths = [VW_2019, VB_2019, WBV, LETTER, STAAT, RULING_2012, VW_2012]
    summary = load_paths(store, paths)
    assert summary.errors == []
    assert summary.versions_only == [
        f"{VW_2012}: an earlier toestand of BWBR0011823 than {VW_2019}, kept as a "
        "version"
    ]
    yield store
    store.close()


def _rows(store: GraphStore, query: str) -> list[tuple]:
    return [tuple(row) for row in store.backend().select(PROLOGUE + query).rows]


def test_toestanden_both_kept_as_versions_of_one_work(store):
    rows = _rows(
        store,
        "SELECT ?key WHERE { ?t a wg:Toestand ; wg:versionOf "
        f"{VW.n3()} ; dcterms:identifier ?key }} ORDER BY ?key",
    )
    assert rows == [("BWBR0011823@2019-02-27",), ("BWBR0011823@sha256-5436ebce0435",)]
    # the work's own document graph is the newest toestand's
    (source,) = _rows(store, f"SELECT ?f WHERE {{ {VW.n3()} wg:sourceFile ?f }}")
    assert source == ("corpus/bwb/BWBR0011823_2019-02-27_0.xml",)  # its graph name
    assert graph_iri("BWBR0011823@2019-02-27") in store.graph_names()


# fmt: off
@pytest.mark.parametrize(
    ("document", "quote", "work", "version", "reason"),
    [
        pytest.param("WBV 2013/23", "artikel 64 Vw", VW,
                     f"{JCI}BWBR0011823&artikel=64&g=2019-02-27", None,
                     id="wbv-2013-art64"),
        pytest.param("WBV 2013/23", "artikel 16 Vw", VW, None,
                     "artikel 16: 2013-09-26 is before its earliest known text "
                     "(toestand 2019-02-27: in force from 2017-01-01) (known: "
                     "2019-02-27); 1 undated toestand(en) known", id="wbv-2013-art16"),
        pytest.param("ECLI:NL:RBSGR:2012:BZ0845", None, VW, None,
                     "artikel 14: 2012-12-05 is before its earliest known text "
                     "(toestand 2019-02-27: in force from 2014-04-01) (known: "
                     "2019-02-27); 1 undated toestand(en) known", id="ruling-2012"),
        pytest.param("kst-36600-XX-62", "artikel 3.4 van het Vreemdelingenbesluit 2000", VB,
                     None, "artikel 3.4: 2025-04-15 is after the latest known "
                     "toestand, whose end is not stated (known: 2019-07-01)",
                     id="letter-2025"),
        pytest.param("staat-van-migratie-2025", "artikel 64 van de Vreemdelingenwet",
                     VW, None, "the citing document states no date",
                     id="undated-report"),
        pytest.param("BWBR0011825", None, VB,
                     f"{JCI}BWBR0011825&artikel=3.4&g=2019-07-01", None,
                     id="vb-cites-itself-as-of-its-toestand"),
    ],
)
# fmt: on
def test_toestanden_dated_links_cite_the_version_in_force(
    store, document, quote, work, version, reason
):
    rows = _rows(
        store,
        f"""SELECT ?id ?exact ?version ?reason WHERE {{
          ?link wg:inDocument ?doc ; wg:targetWork {work.n3()} ;
                oa:hasSelector/oa:exact ?exact .
          ?doc dcterms:identifier ?id .
          OPTIONAL {{ ?link wg:citesVersion ?version }}
          OPTIONAL {{ ?link wg:versionReason ?reason }}
        }}""",
    )
    matching = [
        row
        for row in rows
        if row[0] == document
        and (quote is None or " ".join(row[1].split()) == quote)
        and (row[2] == version and row[3] == reason)
    ]
    assert matching, [row for row in rows if row[0] == document][:5]


def test_toestanden_cited_versions_graph(store):
    graph = store.graph(CITED_VERSIONS)
    versions = set(graph.subject_objects(WG.citesVersion))
    reasons = set(graph.subjects(WG.versionReason, None))
    assert versions and reasons
    assert not {link for link, _ in versions} & reasons  # a version or a reason
    # every named version is an article version or toestand the store holds
    held = {
        URIRef(row[0])
        for row in _rows(
            store,
            "SELECT ?v WHERE { { ?v a wg:ArtikelVersie } UNION { ?v a wg:Toestand } }",
        )
    }
    assert {version for _, version in versions} <= held


def test_toestanden_article_history_query(store):
    """Artikel 64 Vw: its two versions (2012 undated, 2019 since 2001 by Stb. 2000,
    495 of dossier 26732), and WBV 2013/23 citing the 2019 one as of 26 September 2013."""
    result = run_query(
        LocalBackend(store), "article_history", article=f"{JCI}BWBR0011823&artikel=64"
    )
    rows = [dict(zip(result.variables, row, strict=True)) for row in result.rows]
    versions = {
        (r["toestandId"], r["from"], r["publicationId"], r["dossier"])
        for r in rows
        if r["citingDoc"] is None
    }
    assert versions == {
        ("BWBR0011823@2019-02-27", D(2001, 4, 1), "stb-2000-495", "26732"),
        ("BWBR0011823@sha256-5436ebce0435", None, None, None),
    }
    citing = {(r["citingId"], r["citedOn"], r["toestandId"]) for r in rows if r["citingId"]}
    assert ("WBV 2013/23", D(2013, 9, 26), "BWBR0011823@2019-02-27") in citing


def test_toestanden_cli_query_article_history(tmp_path):
    runner = CliRunner()
    built = runner.invoke(
        cli, ["build", str(VW_2019), str(VW_2012), str(WBV), "--store", str(tmp_path)]
    )
    assert built.exit_code == 0, built.output
    result = runner.invoke(
        cli,
        [
            "query",
            "article_history",
            "-p",
            f"article={JCI}BWBR0011823&artikel=64",
            "--format",
            "csv",
            "--store",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "WBV 2013/23" in result.output and "2013-09-26" in result.output
    assert "BWBR0011823@sha256-5436ebce0435" in result.output


VC_B = "https://wetten.overheid.nl/jci1.3:c:BWBR0012289&paragraaf="
NUMBERED = "https://w3id.org/wetgraaf/id/paragraafversie/BWBR0012289/"


@pytest.fixture(scope="module")
def wbv_graph() -> Graph:
    document = read_source(WBV)
    return document_graph(document, references_for(document))


def _links(graph: Graph, link_type: URIRef, target: str) -> list[URIRef]:
    return [
        link
        for link in graph.subjects(WG.linkType, link_type)
        if str(graph.value(link, WG.linkTarget)) == target
    ]


# fmt: off
@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("B9/3", "B9/4", id="B9-3-to-B9-4"),
        pytest.param("B9/4", "B9/5", id="B9-4-to-B9-5"),
        pytest.param("B8/4.2", "B8/4.3", id="B8-4.2-to-B8-4.3"),
    ],
)
# fmt: on
def test_toestanden_renumbering_gives_old_and_new_numbering_distinct_identities(
    wbv_graph, old, new
):
    """WBV 2013/23 (26 September 2013): "Paragraaf B9/3 … wordt vernummerd tot B9/4",
    "Paragraaf B9/4 … wordt vernummerd tot B9/5": B9/4 before and B9/4 after are
    two paragraphs, so two identities."""
    graph = wbv_graph
    (link,) = _links(graph, WG.renumberedAs, VC_B + new)
    before = graph.value(link, WG.fromVersion)
    after = graph.value(link, WG.toVersion)
    assert str(before) == f"{VC_B}{old}&g=2013-09-26"  # as numbered on the date
    assert str(after) == NUMBERED + new.replace("/", "-") + "/WBV-2013-23"
    assert graph.value(before, WG.versionOf) == URIRef(VC_B + old)
    assert graph.value(after, WG.versionOf) == URIRef(VC_B + new)
    assert graph.value(after, WG.numberedBy) == URIRef(
        "https://w3id.org/wetgraaf/id/doc/WBV-2013-23"
    )
    assert (before, RDF.type, WG.ParagraafVersie) in graph
    assert graph.value(after, WG.number) == Literal(new)


# fmt: off
@pytest.mark.parametrize(
    ("target", "version", "sentence"),
    [
        # "… wordt vernummerd tot B9/4 en komt te luiden": the renumbered paragraph
        pytest.param("B9/4", NUMBERED + "B9-4/WBV-2013-23",
                     "Paragraaf B9/3 Vreemdelingencirculaire 2000 wordt vernummerd tot "
                     "B9/4 en komt te luiden:", id="renumbered-and-amended"),
        # a new B9/3 takes the place of the old one (now B9/4)
        pytest.param("B9/3", NUMBERED + "B9-3/WBV-2013-23",
                     "Paragraaf B9/3 Vreemdelingencirculaire 2000 wordt toegevoegd en "
                     "komt te luiden:", id="added-under-a-freed-number"),
        # the glued "B9/7Vreemdelingencirculaire" is read as B9/8 only; the sentence
        # still says the number is the decision's
        pytest.param("B9/8", NUMBERED + "B9-8/WBV-2013-23",
                     "Paragraaf B9/7Vreemdelingencirculaire 2000 wordt vernummerd tot "
                     "B9/8 en komt te luiden:", id="sentence-gives-the-number"),
    ],
)
# fmt: on
def test_toestanden_amendment_names_the_paragraph_as_numbered_then(
    wbv_graph, target, version, sentence
):
    graph = wbv_graph
    found = {
        (str(graph.value(link, WG.toVersion)), _quote(graph, link))
        for link in _links(graph, ELI.amends, VC_B + target)
    }
    assert (version, sentence) in found


def _quote(graph: Graph, link: URIRef) -> str:
    (selector,) = (
        s for s in graph.objects(link, OA.hasSelector) if (s, OA.exact, None) in graph
    )
    return " ".join(str(graph.value(selector, OA.exact)).split())


def test_toestanden_an_undated_decision_names_no_paragraph_version():
    document = replace(read_source(WBV), date=None)
    graph = document_graph(document, references_for(document))
    assert not set(graph.subjects(RDF.type, WG.ParagraafVersie))
    assert not set(graph.subjects(WG.toVersion, None))
