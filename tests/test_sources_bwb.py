"""read_bwb on the BWB toestand XML of Vw, Vb and Awb in corpus/bwb."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lxml import etree

from ingest.models import Bekendmaking, DocumentKind, Pinpoint, Versie
from ingest.sources.bwb import parse_jci, read_bwb

BWB = Path(__file__).resolve().parents[1] / "corpus" / "bwb"
VW = BWB / "BWBR0011823_2019-02-27_0.xml"
VB = BWB / "BWBR0011825_2019-07-01_0.xml"
AWB = BWB / "BWBR0005537_2020-04-15_0.xml"
ZORGTOESLAG = BWB / "BWBR0018451_2025-01-01_0.xml"


@pytest.fixture(scope="module")
def vw():
    return read_bwb(VW)


@pytest.fixture(scope="module")
def vb():
    return read_bwb(VB)


def _find(doc, kind, number, parent_kind="regeling"):
    return [d for d in doc.all_divisions() if d.kind == kind and d.number == number]


# fmt: off
@pytest.mark.parametrize(
    ("path", "bwb_id", "title", "soort", "valid_from"),
    [
        pytest.param(VW, "BWBR0011823", "Vreemdelingenwet 2000", "wet",
                     dt.date(2019, 2, 27), id="vw"),
        pytest.param(VB, "BWBR0011825", "Vreemdelingenbesluit 2000", "AMvB",
                     dt.date(2019, 7, 1), id="vb"),
        pytest.param(AWB, "BWBR0005537", "Algemene wet bestuursrecht", "wet",
                     dt.date(2020, 4, 15), id="awb"),
    ],
)
# fmt: on
def test_bwb_metadata(path, bwb_id, title, soort, valid_from):
    doc = read_bwb(path)
    assert (doc.id, doc.kind, doc.title) == (bwb_id, DocumentKind.REGELING, title)
    assert (doc.metadata.bwb_id, doc.metadata.soort) == (bwb_id, soort)
    assert doc.metadata.valid_from == valid_from
    assert [d.kind for d in doc.divisions] == ["regeling"]


@pytest.mark.parametrize("path", [VW, VB, AWB], ids=["vw", "vb", "awb"])
def test_bwb_every_intref_and_extref_becomes_a_link(path):
    tree = etree.parse(str(path))
    expected = sum(1 for _ in tree.iter("intref", "extref"))
    doc = read_bwb(path)
    assert len(doc.links) == expected
    for link in doc.links:
        assert link.text
        assert link.text == doc.text[link.start : link.end]
    starts = [link.start for link in doc.links]
    assert starts == sorted(starts)


@pytest.mark.parametrize("path", [VW, VB, AWB], ids=["vw", "vb", "awb"])
def test_bwb_division_spans_slice_their_heading(path):
    doc = read_bwb(path)
    for division in doc.all_divisions():
        part = doc.text[division.start : division.end]
        assert part.strip() == part and part, division
        if division.kind in ("hoofdstuk", "artikel", "afdeling", "titeldeel"):
            assert part.startswith(division.label), division.label
        if division.kind == "lid":
            assert part.startswith(f"{division.number}."), division
        for child in division.children:
            assert division.start <= child.start <= child.end <= division.end


def test_bwb_vw_article_1_has_onderdelen(vw):
    (artikel,) = _find(vw, "artikel", "1")
    assert artikel.jci == "jci1.3:c:BWBR0011823&hoofdstuk=1&afdeling=1&artikel=1"
    assert len(artikel.children) == 35
    assert {child.kind for child in artikel.children} == {"onderdeel"}
    second = artikel.children[1]
    assert second.pinpoint == Pinpoint(artikel="1", onderdeel="2")
    assert vw.text[second.start : second.end] == (
        "ambtenaren belast met de grensbewaking: de ambtenaren, bedoeld in artikel 46;"
    )


def test_bwb_vb_article_3_71_with_leden_and_jci(vb):
    (artikel,) = _find(vb, "artikel", "3.71")
    base = "jci1.3:c:BWBR0011825&hoofdstuk=3&afdeling=2&paragraaf=3&artikel=3.71"
    assert artikel.jci == base
    assert artikel.pinpoint == Pinpoint(artikel="3.71")
    assert [lid.number for lid in artikel.children] == ["1", "2", "3"]
    lid2 = artikel.children[1]
    assert lid2.jci == f"{base}&lid=2"
    assert lid2.pinpoint == Pinpoint(artikel="3.71", lid="2")
    assert vb.text[lid2.start : lid2.end].startswith(
        "2. Van het vereiste van een geldige machtiging tot verblijf is"
    )
    onderdeel_a = lid2.children[0]
    assert (onderdeel_a.number, onderdeel_a.pinpoint.onderdeel) == ("a", "a")
    assert vb.text[onderdeel_a.start :].startswith("a. die houder is van")


def test_bwb_division_jci_matches_how_intrefs_cite_it(vw):
    jcis = {d.jci for d in vw.all_divisions()}
    internal = [link for link in vw.links if link.work == "BWBR0011823"]
    cited = {link.target.split("&z=")[0] for link in internal}
    assert "jci1.3:c:BWBR0011823&hoofdstuk=4&afdeling=1&paragraaf=1&artikel=46" in jcis
    assert len(cited & jcis) >= 0.95 * len(cited)


def test_bwb_vervallen_articles_carry_status(vw):
    (artikel,) = _find(vw, "artikel", "1b")
    assert artikel.status == "vervallen"
    assert vw.text[artikel.start : artikel.end] == "Artikel 1b\nVervallen"


# fmt: off
@pytest.mark.parametrize(
    ("text", "target", "work", "pinpoint"),
    [
        pytest.param("artikel 46",
                     "jci1.3:c:BWBR0011823&hoofdstuk=4&afdeling=1&paragraaf=1&artikel=46"
                     "&z=2019-02-27&g=2019-02-27",
                     "BWBR0011823", Pinpoint(artikel="46"), id="intref"),
        pytest.param("artikel 17, eerste lid, onder g, van de Wet",
                     "jci1.3:c:BWBR0011823&artikel=17", "BWBR0011823",
                     Pinpoint(artikel="17"), id="extref-vb-to-vw"),
    ],
)
# fmt: on
def test_bwb_link_targets(vw, vb, text, target, work, pinpoint):
    links = [link for link in vw.links + vb.links if link.text == text]
    assert any(
        (link.target, link.work, link.pinpoint) == (target, work, pinpoint)
        for link in links
    )


def test_bwb_celex_extref_keeps_celex_as_work(vw):
    celex = [link for link in vw.links if link.target == "32003L0109"]
    assert celex and all(link.work == "32003L0109" for link in celex)


# fmt: off
@pytest.mark.parametrize(
    ("jci", "work", "pinpoint"),
    [
        pytest.param("jci1.3:c:BWBR0005537&artikel=4:6", "BWBR0005537",
                     Pinpoint(artikel="4:6"), id="awb-colon"),
        pytest.param("jci1.3:c:BWBR0011823&artikel=14&lid=2&o=a&g=2019-02-27",
                     "BWBR0011823", Pinpoint(artikel="14", lid="2", onderdeel="a"),
                     id="lid-onderdeel"),
        pytest.param("1.0:c:BWBR0005537&artikel=1%3A1", "BWBR0005537",
                     Pinpoint(artikel="1:1"), id="percent-encoded"),
        pytest.param("jci1.3:c:BWBR0011825&paragraaf=3", "BWBR0011825",
                     Pinpoint(paragraaf="3"), id="paragraaf-only"),
        pytest.param("onbekend", None, Pinpoint(), id="unknown"),
    ],
)
# fmt: on
def test_bwb_parse_jci(jci, work, pinpoint):
    assert parse_jci(jci) == (work, pinpoint)


def test_bwb_text_is_one_line_per_paragraph(vw):
    lines = vw.text.splitlines()
    assert "Hoofdstuk 1 Inleidende bepalingen" in lines
    assert "Artikel 1" in lines
    assert all(line == line.strip() for line in lines)
    assert not any(line == "" for line in lines)


def test_bwb_reads_the_whole_awb():
    doc = read_bwb(AWB)
    assert len([d for d in doc.all_divisions() if d.kind == "artikel"]) > 500
    (artikel,) = _find(doc, "artikel", "1:1")
    assert artikel.jci and artikel.jci.endswith("&artikel=1:1")


def _stb(number, published, signed, dossier=None, soort="Stb", kenmerk=None):
    series, jaar, nummer = number.split("-")
    return Bekendmaking(number, soort, jaar, nummer, published, signed, dossier, kenmerk)


D = dt.date
# fmt: off
@pytest.mark.parametrize(
    ("path", "artikel", "versie"),
    [
        pytest.param(VW, "1", Versie(
            _stb("stb-2018-247", D(2018, 7, 27), D(2018, 7, 11), "34939"),
            "Stb.2018-247", "wijziging", D(2018, 7, 28)), id="vw-1"),
        # made by Stb. 2012, 258 and emptied by Stb. 2010, 290: the brondata with the
        # article's effect is the one its bron names
        pytest.param(VW, "1b", Versie(
            _stb("stb-2010-290", D(2010, 7, 16), D(2010, 7, 7), "32052"),
            "Stb.2010-290", "vervallen", D(2013, 6, 1)), id="vw-1b-vervallen"),
        pytest.param(VW, "47a", Versie(
            _stb("stb-2010-290", D(2010, 7, 16), D(2010, 7, 7), "32052"),
            "Stb.2010-290", "nieuw", D(2013, 6, 1)), id="vw-47a-juncto"),
        pytest.param(VW, "111", Versie(
            _stb("stb-2000-495", D(2000, 12, 7), D(2000, 11, 23), "26732"),
            "Stb.2000-495", "nieuwe-regeling", None), id="vw-111-no-date"),
        # an AMvB: no Kamerstuk dossier
        pytest.param(VB, "3.71", Versie(
            _stb("stb-2018-107", D(2018, 4, 19), D(2018, 4, 9)),
            "Stb.2018-107", "wijziging", D(2018, 5, 23)), id="vb-3.71"),
        # the brondata's urlidentifier is empty: the id comes from series/year/number
        pytest.param(AWB, "1:2", Versie(
            _stb("stb-1994-1", D(1994, 1, 6), D(1993, 12, 29)),
            "Stb.1994-1", "wijziging", D(1994, 1, 1)), id="awb-1:2-no-urlidentifier"),
        pytest.param(AWB, "4:17", Versie(
            _stb("stcrt-2018-65542", D(2018, 11, 22), D(2018, 11, 14), soort="Stcrt",
                 kenmerk="2406921"),
            "Stcrt.2018-65542", "wijziging", D(2019, 1, 1)), id="awb-4:17-stcrt"),
        pytest.param(AWB, "8:55a", Versie(
            _stb("stb-2009-383", D(2009, 9, 30), D(2009, 8, 28), "29934"),
            "Stb.2009-383", "vervallen", D(2009, 10, 1)), id="awb-8:55a-vervallen"),
        pytest.param(ZORGTOESLAG, "3", Versie(
            _stb("stcrt-2024-37672", D(2024, 11, 20), D(2024, 11, 12), soort="Stcrt",
                 kenmerk="3993079-1074685-MEVA"),
            "Stcrt.2024-37672", "wijziging", D(2025, 1, 1)), id="zorgtoeslag-3"),
    ],
)
# fmt: on
def test_bwb_article_versions(path, artikel, versie):
    (found,) = _find(read_bwb(path), "artikel", artikel)
    assert found.versie == versie


@pytest.mark.parametrize(
    ("path", "unversioned"),
    [
        pytest.param(VW, [], id="vw"),
        pytest.param(VB, [], id="vb"),
        # the articles of the Awb's bijlagen 2 and 3 carry no version attributes
        pytest.param(AWB, [*(str(n) for n in range(1, 13)), "1", "2"], id="awb"),
    ],
)
def test_bwb_every_versioned_article_has_a_version(path, unversioned):
    articles = [d for d in read_bwb(path).all_divisions() if d.kind == "artikel"]
    assert [a.number for a in articles if a.versie is None] == unversioned
    tree = etree.parse(str(path))
    stated = sum(1 for a in tree.iter("artikel") if a.get("bron"))
    assert sum(1 for a in articles if a.versie is not None) == stated


_TOESTAND = """<?xml version="1.0" encoding="UTF-8"?>
<toestand bwb-id="BWBR0099998" inwerkingtreding="2024-07-01">
<wetgeving soort="wet"><citeertitel>Proefwet</citeertitel><wet-besluit><wettekst>
<artikel label="Artikel 1" inwerking="2024-01-01" bron="Stcrt.2023-0123" effect="nieuw"
 publicatie_bron="2023-12-01" ondertekening_bron="2023-11-20">
<kop><label>Artikel</label><nr>1</nr></kop>
<lid inwerking="2024-07-01" bron="Stb.2024-5" effect="wijziging"><lidnr>1</lidnr>
<al>Eerste lid.</al>
<meta-data><brondata><oorspronkelijk>
<publicatie effect="wijziging" soort="Stb" urlidentifier="stb-2024-5">
<publicatiejaar>2024</publicatiejaar><publicatienr>5</publicatienr>
<uitgiftedatum isodatum="2024-01-10">10-01-2024</uitgiftedatum>
<dossierref dossier="36000">36000</dossierref></publicatie>
</oorspronkelijk></brondata></meta-data></lid>
<lid><lidnr>2</lidnr><al>Tweede lid.</al></lid>
</artikel>
<artikel label="Artikel 2" bron="Trb.2020-1" effect="nieuw">
<kop><label>Artikel</label><nr>2</nr></kop><al>Een verdrag.</al></artikel>
</wettekst></wet-besluit></wetgeving></toestand>
"""


def test_bwb_versions_of_leden_and_without_brondata(tmp_path):
    path = tmp_path / "BWBR0099998.xml"
    path.write_text(_TOESTAND, encoding="utf-8")
    doc = read_bwb(path)
    (first,) = _find(doc, "artikel", "1")
    # no brondata: the publication as the attributes state it
    assert first.versie == Versie(
        Bekendmaking("stcrt-2023-123", "Stcrt", "2023", "123", D(2023, 12, 1),
                     D(2023, 11, 20)),
        "Stcrt.2023-0123", "nieuw", D(2024, 1, 1),
    )
    lid1, lid2 = first.children
    assert lid1.versie == Versie(
        Bekendmaking("stb-2024-5", "Stb", "2024", "5", D(2024, 1, 10), None, "36000"),
        "Stb.2024-5", "wijziging", D(2024, 7, 1),
    )
    assert lid1.versie.dossiernummer == "36000"
    assert lid2.versie is None
    (second,) = _find(doc, "artikel", "2")
    assert second.versie is None  # a bron that is no Staatsblad/Staatscourant
