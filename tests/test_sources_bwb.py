"""read_bwb on the BWB toestand XML of Vw, Vb and Awb in corpus/bwb."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from lxml import etree

from ingest.models import DocumentKind, Pinpoint
from ingest.sources.bwb import parse_jci, read_bwb

BWB = Path(__file__).resolve().parents[1] / "corpus" / "bwb"
VW = BWB / "BWBR0011823_2019-02-27_0.xml"
VB = BWB / "BWBR0011825_2019-07-01_0.xml"
AWB = BWB / "BWBR0005537_2020-04-15_0.xml"


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


def test_bwb_reads_the_whole_awb_quickly():
    started = time.perf_counter()
    doc = read_bwb(AWB)
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0
    assert len([d for d in doc.all_divisions() if d.kind == "artikel"]) > 500
    (artikel,) = _find(doc, "artikel", "1:1")
    assert artikel.jci and artikel.jci.endswith("&artikel=1:1")
