"""read_bwb_2012 on the 2012 BWB XML (Vc A and C, VV 2000, EVRM, Vluchtelingenverdrag,
RWN, WBV 2012/17) in corpus/bwb-2012."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lxml import etree

from ingest.errors import SourceError
from ingest.models import DocumentKind, Pinpoint
from ingest.sources.bwb_2012 import looks_like_bwb_2012, read_bwb_2012

BWB2012 = Path(__file__).resolve().parents[1] / "corpus" / "bwb-2012"
VC_A = BWB2012 / "BWBR0012287.xml"
VC_C = BWB2012 / "BWBR0012288.xml"
VV = BWB2012 / "BWBR0012002.xml"
EVRM = BWB2012 / "BWBV0001000.xml"
VLUCHTELINGENVERDRAG = BWB2012 / "BWBV0001002.xml"
RWN = BWB2012 / "BWBR0003738.xml"
WBV = BWB2012 / "BWBR0031891.xml"
ALL = [VC_A, VC_C, VV, EVRM, VLUCHTELINGENVERDRAG, RWN, WBV]
IDS = ["vc-a", "vc-c", "vv", "evrm", "vluchtelingenverdrag", "rwn", "wbv"]
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@pytest.fixture(scope="module")
def docs():
    return {path: read_bwb_2012(path) for path in ALL}


def _by_number(doc):
    return {d.number: d for d in doc.all_divisions() if d.number}


# fmt: off
@pytest.mark.parametrize(
    ("path", "doc_id", "kind", "title", "soort", "date"),
    [
        pytest.param(VC_A, "BWBR0012287", DocumentKind.REGELING,
                     "Vreemdelingencirculaire 2000 (A)", "circulaire", None, id="vc-a"),
        pytest.param(VC_C, "BWBR0012288", DocumentKind.REGELING,
                     "Vreemdelingencirculaire 2000 (C)", "circulaire", None, id="vc-c"),
        pytest.param(VV, "BWBR0012002", DocumentKind.REGELING,
                     "Voorschrift Vreemdelingen 2000", "ministeriele-regeling",
                     dt.date(2000, 12, 18), id="vv"),
        pytest.param(EVRM, "BWBV0001000", DocumentKind.REGELING,
                     "Verdrag tot bescherming van de rechten van de mens en de "
                     "fundamentele vrijheden", "verdrag", None, id="evrm"),
        pytest.param(VLUCHTELINGENVERDRAG, "BWBV0001002", DocumentKind.REGELING,
                     "Verdrag betreffende de status van vluchtelingen", "verdrag", None,
                     id="vluchtelingenverdrag"),
        pytest.param(RWN, "BWBR0003738", DocumentKind.REGELING,
                     "Rijkswet van 19 december 1984, houdende vaststelling van nieuwe, "
                     "algemene bepalingen omtrent het Nederlanderschap ter vervanging "
                     "van de Wet van 12 december 1892, Stb. 268 op het Nederlanderschap "
                     "en het ingezetenschap", "rijkswet",
                     dt.date(1984, 12, 19), id="rwn"),
        pytest.param(WBV, "WBV 2012/17", DocumentKind.WIJZIGINGSBESLUIT,
                     "Besluit van de Minister voor Immigratie, Integratie en Asiel van "
                     "27 juli 2012, nr. WBV 2012/17, houdende wijziging van de "
                     "Vreemdelingencirculaire 2000", "ministeriele-regeling",
                     dt.date(2012, 7, 27), id="wbv"),
    ],
)
# fmt: on
def test_bwb2012_metadata(docs, path, doc_id, kind, title, soort, date):
    doc = docs[path]
    assert (doc.id, doc.kind, doc.title) == (doc_id, kind, title)
    assert doc.metadata.bwb_id == path.stem
    assert (doc.metadata.soort, doc.date) == (soort, date)
    assert [d.kind for d in doc.divisions] == ["regeling"]
    assert doc.divisions[0].jci == f"jci1.3:c:{path.stem}"


# fmt: off
@pytest.mark.parametrize(
    ("path", "chapters", "paragraphs"),
    [
        pytest.param(VC_A, 7, 457, id="vc-a"),
        pytest.param(VC_C, 24, 386, id="vc-c"),
    ],
)
# fmt: on
def test_bwb2012_vc_paragraph_counts(docs, path, chapters, paragraphs):
    doc = docs[path]
    kinds = [d.kind for d in doc.all_divisions()]
    assert (kinds.count("hoofdstuk"), kinds.count("beleidsregel")) == (
        chapters,
        paragraphs,
    )
    numbered = [d for d in doc.all_divisions() if d.kind in ("hoofdstuk", "beleidsregel")]
    assert len({d.number for d in numbered}) == len(numbered)
    for division in numbered:
        assert division.pinpoint == Pinpoint(paragraaf=division.number)


# fmt: off
@pytest.mark.parametrize(
    ("path", "number", "kind", "text_start"),
    [
        pytest.param(VC_A, "A1", "hoofdstuk", "1 Algemeen\n1 Karakter en indeling Vc",
                     id="A1"),
        pytest.param(VC_A, "A2/4.2", "beleidsregel",
                     "4.2 Toegangsvoorwaarden voor onderdanen van derde landen\n"
                     "De voorschriften over toegang", id="A2/4.2"),
        pytest.param(VC_A, "A6/5.3", "beleidsregel",
                     "5.3 Bewaring op grond van artikel 59 Vw\n5.3.1 Het doel\n"
                     "Vreemdelingenbewaring is een maatregel", id="A6/5.3"),
        pytest.param(VC_A, "A5/10.2", "beleidsregel",
                     "10.2 Gronden voor ongewenstverklaring\nDe vreemdeling kan "
                     "ongewenst worden verklaard", id="A5/10.2"),
        pytest.param(VC_C, "C1/2", "beleidsregel",
                     "2 Bevoegdheid\nEen asielaanvraag wordt, behoudens enkele "
                     "uitzonderingen (zie C9/2", id="C1/2"),
        pytest.param(VC_C, "C2/2", "beleidsregel",
                     "2 De vreemdeling is verdragsvluchteling\n2.1 Algemeen\n"
                     "Onder vluchtelingen worden", id="C2/2"),
        pytest.param(VC_C, "C4/3.11.3", "beleidsregel",
                     "3.11.3 Artikel 1F Vluchtelingenverdrag\n3.11.3.1 Algemeen\n"
                     "Nederland dient geen vluchthaven", id="C4/3.11.3"),
        pytest.param(VC_C, "C24", "hoofdstuk",
                     "24 Landgebonden beleid\n[1] Het asielbeleid ten aanzien van "
                     "Afghanistan", id="C24"),
    ],
)
# fmt: on
def test_bwb2012_vc_paragraph_text(docs, path, number, kind, text_start):
    doc = docs[path]
    division = _by_number(doc)[number]
    assert division.kind == kind
    assert doc.text[division.start : division.end].startswith(text_start)


def test_bwb2012_vc_country_sections_get_no_official_number(docs):
    doc = docs[VC_C]
    chapter = _by_number(doc)["C24"]
    countries = chapter.children
    assert [c.number for c in countries[:3]] == ["[1]", "[1a]", "[2]"]
    for country in countries:
        assert country.kind == "divisie"
        for part in country.walk():
            assert part.kind != "beleidsregel" and part.pinpoint.paragraaf is None


def test_bwb2012_vc_not_yet_in_force_status(docs):
    doc = docs[VC_C]
    pending = [d for d in doc.all_divisions() if d.status == "nogniet"]
    assert len(pending) == 12
    assert all(d.status is None for d in docs[VC_A].all_divisions())


@pytest.mark.parametrize("path", [VC_A, VC_C], ids=["vc-a", "vc-c"])
def test_bwb2012_vc_self_references_name_existing_paragraphs(docs, path):
    """The Vc's own links show "C4/3.11.3"; the target says circulaire.divisie=3.11.3."""
    doc = docs[path]
    numbers = {d.number for d in doc.all_divisions() if d.pinpoint.paragraaf}
    own = [
        link
        for link in doc.links
        if link.work == path.stem and "&circulaire.divisie=" in link.target
    ]
    resolved = [link for link in own if link.pinpoint.paragraaf]
    assert len(resolved) >= 0.9 * len(own)
    for link in resolved:
        local = link.target.rsplit("=", 1)[1]
        assert link.pinpoint.paragraaf.endswith(local)
    dangling = {link.pinpoint.paragraaf for link in resolved} - numbers
    # Two references point at paragraphs this 2012 text no longer has.
    assert dangling == ({"C10/3.3", "C14/4.3"} if path == VC_C else set())


# fmt: off
@pytest.mark.parametrize(
    ("path", "text", "target", "work", "pinpoint"),
    [
        pytest.param(VC_C, "C4/3.11.3", "1.0:v:BWBR0012288&circulaire.divisie=3.11.3",
                     "BWBR0012288", Pinpoint(paragraaf="C4/3.11.3"), id="vc-self"),
        pytest.param(VC_C, "hoofdstuk C17", "1.0:v:BWBR0012288&circulaire.divisie=17",
                     "BWBR0012288", Pinpoint(paragraaf="C17"), id="vc-chapter"),
        pytest.param(VC_C, "C1 tot en met C23",
                     "1.0:v:BWBR0012288&circulaire.divisie=1", "BWBR0012288",
                     Pinpoint(paragraaf="C1"), id="vc-range-start"),
        # a number without its chapter: the chapter the link stands in (A4, A5,
        # C12), or that of the list member before it ("C9/2.1.1.1 en 2.1.1.2")
        pytest.param(VC_A, "paragraaf 7.2.1.1",
                     "1.0:v:BWBR0012287&circulaire.divisie=7.2.1.1", "BWBR0012287",
                     Pinpoint(paragraaf="A4/7.2.1.1"), id="vc-relative-own-chapter"),
        pytest.param(VC_A, "6.4.5", "1.0:v:BWBR0012287&circulaire.divisie=6.4.5",
                     "BWBR0012287", Pinpoint(paragraaf="A5/6.4.5"),
                     id="vc-relative-list"),
        pytest.param(VC_A, "2.1.1.2", "1.0:v:BWBR0012288&circulaire.divisie=2.1.1.2",
                     "BWBR0012288", Pinpoint(paragraaf="C9/2.1.1.2"),
                     id="vc-continues-other-part"),
        pytest.param(VC_C, "5.3", "1.0:v:BWBR0012288&circulaire.divisie=5.3",
                     "BWBR0012288", Pinpoint(paragraaf="C12/5.3"),
                     id="vc-continues-own-part"),
        # the number after words, or a space after its slash
        pytest.param(VC_A, "naar A2/6.2.2.2",
                     "1.0:v:BWBR0012287&circulaire.divisie=6.2.2.2", "BWBR0012287",
                     Pinpoint(paragraaf="A2/6.2.2.2"), id="vc-after-words"),
        pytest.param(VC_A, "A4/ 7.3.1", "1.0:v:BWBR0012287&circulaire.divisie=7.3.1",
                     "BWBR0012287", Pinpoint(paragraaf="A4/7.3.1"),
                     id="vc-slash-space"),
        # no chapter for certain: inside C24's country sections (numbered by BWB's
        # editors, where numbers restart), or a target that names another number
        pytest.param(VC_C, "3.2.2", "1.0:v:BWBR0012288&circulaire.divisie=3.2.2",
                     "BWBR0012288", Pinpoint(), id="vc-relative-editorial"),
        pytest.param(VC_A, "6.1", "1.0:v:BWBR0012287&circulaire.divisie=1",
                     "BWBR0012287", Pinpoint(), id="vc-relative-other-target"),
        pytest.param(VC_A, "artikel 66a, vijfde lid, Vw",
                     "1.0:v:BWBR0011823&artikel=66a", "BWBR0011823",
                     Pinpoint(artikel="66a"), id="vw-artikel"),
        pytest.param(WBV, "Vreemdelingenbesluit 2000", "1.0:v:BWBR0011825",
                     "BWBR0011825", Pinpoint(), id="wbv-vb"),
    ],
)
# fmt: on
def test_bwb2012_link_targets(docs, path, text, target, work, pinpoint):
    doc = docs[path]
    found = [link for link in doc.links if link.text == text and link.target == target]
    assert found, text
    assert (found[0].work, found[0].pinpoint) == (work, pinpoint)


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_bwb2012_every_nonempty_ref_becomes_a_link(docs, path):
    tree = etree.parse(str(path), _PARSER)
    expected = sum(
        1
        for ref in tree.iter("intref", "extref")
        if "".join(ref.itertext()).strip()
    )
    doc = docs[path]
    assert len(doc.links) == expected
    for link in doc.links:
        assert link.text and link.text == doc.text[link.start : link.end]
    starts = [link.start for link in doc.links]
    assert starts == sorted(starts)


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_bwb2012_division_spans_nest_and_slice_their_heading(docs, path):
    doc = docs[path]
    for division in doc.all_divisions():
        part = doc.text[division.start : division.end]
        assert part and part.strip() == part, division
        if division.kind in ("hoofdstuk", "artikel", "beleidsregel", "titeldeel"):
            assert part.startswith(division.label), division.label
        if division.kind == "lid":
            assert part.startswith(f"{division.number}."), division
        for child in division.children:
            assert division.start <= child.start <= child.end <= division.end


# fmt: off
@pytest.mark.parametrize(
    ("path", "number", "jci", "pinpoint", "text"),
    [
        pytest.param(EVRM, "3", "jci1.3:c:BWBV0001000&titeldeel=I&artikel=3",
                     Pinpoint(artikel="3"),
                     "Artikel 3 Verbod van foltering\nNiemand mag worden onderworpen "
                     "aan folteringen of aan onmenselijke of vernederende behandelingen "
                     "of bestraffingen.", id="evrm-3-nl"),
        pytest.param(VV, "2.2", "jci1.3:c:BWBR0012002&hoofdstuk=2&artikel=2.2",
                     Pinpoint(artikel="2.2"),
                     "Artikel 2.2\nAls de staten, bedoeld in artikel 2.3, derde lid, "
                     "onder a, van het Besluit, zijn aangewezen de staten, vermeld in "
                     "bijlage 2 bij deze regeling.", id="vv-2.2"),
    ],
)
# fmt: on
def test_bwb2012_article_jci_and_text(docs, path, number, jci, pinpoint, text):
    doc = docs[path]
    articles = [
        d for d in doc.all_divisions() if d.kind == "artikel" and d.jci == jci
    ]
    assert len(articles) == 1
    article = articles[0]
    assert (article.number, article.pinpoint) == (number, pinpoint)
    assert doc.text[article.start : article.end] == text


def test_bwb2012_treaty_languages_are_divisions(docs):
    doc = docs[EVRM]
    languages = doc.divisions[0].children
    assert [(d.kind, d.number) for d in languages] == [("verdrag", "en"), ("verdrag", "nl")]
    first_article = next(d for d in languages[0].walk() if d.kind == "artikel")
    assert doc.text[first_article.start :].startswith("Article 1 - Obligation to respect")


def test_bwb2012_lettered_lid_opens_with_its_first_item(docs):
    doc = docs[VLUCHTELINGENVERDRAG]
    lid = next(
        d for d in doc.all_divisions() if d.jci == "jci1.3:c:BWBV0001002&hoofdstuk=I"
        "&artikel=1&lid=B"
    )
    assert doc.text[lid.start : lid.end].startswith('B. (1) For the purposes')
    first = lid.children[0]
    assert (first.kind, first.number, first.pinpoint.onderdeel) == ("onderdeel", "1", "1")
    assert doc.text[first.start :].startswith("(1) For the purposes")


def test_bwb2012_lid_numbers_and_footnotes(docs):
    rwn = docs[RWN]
    leden = [d for d in rwn.all_divisions() if d.kind == "lid"]
    assert len(leden) == 94
    verdrag = docs[VLUCHTELINGENVERDRAG]
    assert [f.number for f in verdrag.footnotes] == ["1", "1"]
    for footnote in verdrag.footnotes:
        assert verdrag.text[footnote.start : footnote.end].endswith(footnote.text)
        assert len(footnote.markers) == 1
    assert verdrag.footnotes[1].text.startswith("De in deze alinea genoemde teksten")


def test_bwb2012_emptied_part_is_vervallen(tmp_path):
    source = tmp_path / "vervallen.xml"
    source.write_text(
        '<wetgeving bwb-id="BWBR0000001" soort="wet"><intitule>Testwet</intitule>'
        '<wet-besluit><wettekst><artikel status="goed"><kop><label>Artikel</label>'
        '<nr>1</nr></kop><al><redactie type="vervanging">Vervallen.</redactie></al>'
        '</artikel><artikel status="goed"><kop><label>Artikel</label><nr>2</nr></kop>'
        "<al>Deze wet treedt in werking.</al></artikel></wettekst></wet-besluit>"
        "</wetgeving>",
        encoding="utf-8",
    )
    doc = read_bwb_2012(source)
    articles = [d for d in doc.all_divisions() if d.kind == "artikel"]
    assert [(d.number, d.status) for d in articles] == [("1", "vervallen"), ("2", None)]


def test_bwb2012_truncated_file_names_the_file(tmp_path):
    broken = tmp_path / "BWBR0012287.xml"
    broken.write_bytes(VC_A.read_bytes()[:50_000])
    with pytest.raises(SourceError) as caught:
        read_bwb_2012(broken)
    assert str(broken) in str(caught.value) and "broken XML" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_bwb2012_other_root_is_refused(tmp_path):
    other = tmp_path / "toestand.xml"
    other.write_text('<toestand bwb-id="BWBR0011823"/>', encoding="utf-8")
    with pytest.raises(SourceError, match="not a 2012 BWB wetgeving"):
        read_bwb_2012(other)


def test_bwb2012_sniff():
    assert looks_like_bwb_2012("wetgeving")
    assert not looks_like_bwb_2012("toestand")
    assert not looks_like_bwb_2012("officiele-publicatie")


@pytest.mark.parametrize("path", ALL, ids=IDS)
def test_bwb2012_reads_every_file(path):
    doc = read_bwb_2012(path)
    assert doc.text and doc.divisions


def test_bwb2012_format_states_no_versions(docs):
    # The 2012 DTD has no inwerking/bron/effect attributes nor brondata on its parts
    # (only status); the Vc paragraph sources come from the WBVs that amend them.
    for path in ALL:
        root = etree.parse(str(path), _PARSER).getroot()
        assert not any(
            element.get("bron") or element.get("inwerking") for element in root.iter()
        ), path.name
        assert root.find(".//brondata") is None
        assert all(d.versie is None for d in docs[path].all_divisions())


# constructed: a Vc chapter whose text cites its own paragraph and two it lacks
_VC_RELATIVE_XML = b"""<?xml version="1.0"?>
<wetgeving bwb-id="BWBR0012287" soort="circulaire">
<intitule>Vreemdelingencirculaire 2000 (A)</intitule><circulaire><circulaire-tekst>
<circulaire.divisie><kop><nr>4</nr><titel>Vertrek</titel></kop>
<circulaire.divisie><kop><nr>7.2</nr><titel>Opvang</titel></kop><tekst><al>Zie
<intref doc="1.0:v:BWBR0012287&amp;circulaire.divisie=7.2">paragraaf 7.2</intref> en
<intref doc="1.0:v:BWBR0012287&amp;circulaire.divisie=9.9">9.9</intref>; voorts
<intref doc="1.0:v:BWBR0012287&amp;circulaire.divisie=8.1">paragraaf 8.1</intref>.</al>
</tekst></circulaire.divisie></circulaire.divisie>
</circulaire-tekst></circulaire></wetgeving>"""


def test_bwb2012_vc_relative_link_only_to_a_paragraph_its_chapter_has():
    doc = read_bwb_2012(Path("vc-relative.xml"), _VC_RELATIVE_XML)
    assert [(link.text, link.pinpoint.paragraaf) for link in doc.links] == [
        ("paragraaf 7.2", "A4/7.2"),
        ("9.9", None),  # a list's next member, but A4 has no 9.9
        ("paragraaf 8.1", None),  # the chapter the link stands in has no 8.1
    ]
