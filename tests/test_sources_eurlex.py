"""read_formex and read_eurlex_html on the EU files in corpus/eu; read_formex_act on
the recorded Cellar Formex items in tests/data/api/eurlex."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingest.errors import SourceError
from ingest.models import DocumentKind, Pinpoint
from ingest.sources import read_source
from ingest.sources.eurlex import (
    looks_like_eurlex_html,
    looks_like_formex,
    read_eurlex_html,
    read_formex,
    read_formex_act,
)

EU = Path(__file__).resolve().parents[1] / "corpus" / "eu"
VISA = EU / "formex_CL2009R0810_DE_20200202.xml"
GDPR = EU / "eurlex_html_32016R0679_EN.html"
UCITS = EU / "eurlex_html_CL2009L0065_EN_20130620.html"
READERS = [(VISA, read_formex), (GDPR, read_eurlex_html), (UCITS, read_eurlex_html)]


@pytest.fixture(scope="module")
def docs():
    return {path: reader(path) for path, reader in READERS}


def _articles(doc):
    return [d for d in doc.all_divisions() if d.kind == "artikel"]


# fmt: off
@pytest.mark.parametrize(
    ("path", "celex", "consolidated", "soort", "date", "valid_from", "title_start",
     "articles"),
    [
        pytest.param(VISA, "32009R0810", "02009R0810-20200202", "verordening",
                     dt.date(2009, 7, 13), dt.date(2020, 2, 2),
                     "Verordnung (EG) Nr. 810/2009 des Europäischen Parlaments und des "
                     "Rates vom 13. Juli 2009 über einen Visakodex der Gemeinschaft "
                     "(Visakodex)", 60, id="visa-formex"),
        pytest.param(GDPR, "32016R0679", None, "verordening", dt.date(2016, 4, 27), None,
                     "REGULATION (EU) 2016/679 OF THE EUROPEAN PARLIAMENT AND OF THE "
                     "COUNCIL of 27 April 2016", 99, id="gdpr-html"),
        pytest.param(UCITS, "32009L0065", "02009L0065-20130620", "richtlijn",
                     dt.date(2009, 7, 13), dt.date(2013, 6, 20),
                     "DIRECTIVE 2009/65/EC OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL "
                     "of 13 July 2009", 8, id="ucits-consolidated-html"),
    ],
)
# fmt: on
def test_eurlex_metadata(
    docs, path, celex, consolidated, soort, date, valid_from, title_start, articles
):
    doc = docs[path]
    assert (doc.id, doc.kind, doc.metadata.soort) == (celex, DocumentKind.EU_ACT, soort)
    assert dict(doc.metadata.extra).get("celex_consolidated") == consolidated
    assert (doc.date, doc.metadata.valid_from) == (date, valid_from)
    assert doc.title.startswith(title_start)
    assert len(_articles(doc)) == articles


def test_eurlex_visa_code_article_numbers(docs):
    numbers = [d.number for d in _articles(docs[VISA])]
    expected = [str(n) for n in range(1, 59)]
    expected.insert(expected.index("26"), "25a")
    expected.insert(expected.index("52"), "51a")
    assert numbers == expected


# fmt: off
@pytest.mark.parametrize(
    ("path", "artikel", "lid", "text_start"),
    [
        pytest.param(VISA, "1", None, "Artikel 1\nZiel und Geltungsbereich\n(1) Mit "
                     "dieser Verordnung werden die Verfahren", id="visa-1"),
        pytest.param(VISA, "1", "2", "(2) Die Bestimmungen dieser Verordnung gelten für "
                     "Drittstaatsangehörige", id="visa-1-2"),
        pytest.param(VISA, "25a", None, "Artikel 25a", id="visa-25a"),
        pytest.param(GDPR, "17", None, "Article 17\nRight to erasure (‘right to be "
                     "forgotten’)\n1. The data subject shall have the right", id="gdpr-17"),
        pytest.param(GDPR, "17", "3", "3. Paragraphs 1 and 2 shall not apply",
                     id="gdpr-17-3"),
        pytest.param(UCITS, "1", "2", "2. For the purposes of this Directive, and "
                     "subject to Article 3, UCITS means an undertaking:\n(a) with the sole "
                     "object", id="ucits-1-2"),
    ],
)
# fmt: on
def test_eurlex_article_and_paragraph_text(docs, path, artikel, lid, text_start):
    doc = docs[path]
    wanted = Pinpoint(artikel=artikel, lid=lid)
    found = [
        d
        for d in doc.all_divisions()
        if d.kind in ("artikel", "lid") and d.pinpoint == wanted
    ]
    assert len(found) == 1, wanted
    assert doc.text[found[0].start : found[0].end].startswith(text_start)


def test_eurlex_formex_quotes_notes_and_annexes(docs):
    doc = docs[VISA]
    assert "„Drittstaatsangehöriger“ jede Person" in doc.text
    assert len(doc.footnotes) == 28
    first = doc.footnotes[0]
    assert first.text == "ABl. L 81 vom 21.3.2001, S. 1."
    assert doc.text[: first.markers[0]].endswith("im Besitz eines Visums sein müssen")
    annexes = [d for d in doc.all_divisions() if d.kind == "bijlage"]
    assert [d.number for d in annexes[:3]] == ["I", "II", "III"]
    assert all(not d.children or d.children[0].kind != "artikel" for d in annexes)


@pytest.mark.parametrize(("path", "reader"), READERS, ids=["visa", "gdpr", "ucits"])
def test_eurlex_spans(path, reader):
    doc = reader(path)
    for division in doc.all_divisions():
        part = doc.text[division.start : division.end]
        assert part and part.strip() == part, division
        if division.kind == "artikel":
            assert part.startswith(division.label)
        for child in division.children:
            assert division.start <= child.start <= child.end <= division.end
    for article in _articles(doc):
        for lid in article.children:
            if lid.kind == "lid":
                assert lid.pinpoint == Pinpoint(artikel=article.number, lid=lid.number)


def test_eurlex_truncated_formex_names_the_file(tmp_path):
    broken = tmp_path / "visa.xml"
    broken.write_bytes(VISA.read_bytes()[:100_000])
    with pytest.raises(SourceError) as caught:
        read_formex(broken)
    assert str(broken) in str(caught.value) and "broken XML" in str(caught.value)


def test_eurlex_html_without_celex(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Nothing</title></head><body><p>x</p></body></html>")
    with pytest.raises(SourceError, match="without a CELEX number"):
        read_eurlex_html(page)
    empty = tmp_path / "empty.html"
    empty.write_text("  ")
    with pytest.raises(SourceError, match="empty file"):
        read_eurlex_html(empty)


def test_eurlex_sniff():
    assert looks_like_formex("LEXP.COMBINED") and looks_like_formex("CONS.ACT")
    assert not looks_like_formex("wetgeving")
    assert looks_like_eurlex_html(GDPR.read_bytes()[:4096])
    assert looks_like_eurlex_html(UCITS.read_bytes()[:4096])
    assert not looks_like_eurlex_html(b"<?xml version='1.0'?><toestand/>")


# -- Formex ACT (the Official Journal act, Cellar's fmx4 item) -----------------------

ITEMS = Path(__file__).resolve().parent / "data" / "api" / "eurlex"
ACT_1137 = ITEMS / "cellar_item_formex_32008R1137_DOC_2_act.xml"
ACT_0903 = ITEMS / "cellar_item_formex_32024R0903_000101_act.fmx.xml"


# fmt: off
@pytest.mark.parametrize(
    ("item", "name", "celex", "date", "articles", "paragraphs", "title_start"),
    [
        # named by the fetch after the CELEX it asked for
        pytest.param(ACT_1137, "32008R1137.fmx.xml", "32008R1137", dt.date(2008, 10, 22),
                     3, 0,
                     "Regulation (EC) No 1137/2008 of the European Parliament and of "
                     "the Council of 22 October 2008 adapting", id="fetched-name"),
        # any other name: the OJ number (1137, 2008) and 'Regulation' give it
        pytest.param(ACT_1137, "DOC_2.xml", "32008R1137", dt.date(2008, 10, 22),
                     3, 0, "Regulation (EC) No 1137/2008", id="oj-number"),
        # Formex 6, the member of the zipped item, under its recorded name
        pytest.param(ACT_0903, "L_202400903EN.000101.fmx.xml", "32024R0903",
                     dt.date(2024, 3, 13), 23, 95, "Regulation (EU) 2024/903 of the "
                     "European Parliament and of the Council of 13 March 2024",
                     id="formex-6"),
    ],
)
# fmt: on
def test_eurlex_formex_act(
    tmp_path, item, name, celex, date, articles, paragraphs, title_start
):
    path = tmp_path / name
    path.write_bytes(item.read_bytes())
    act = read_source(path)
    assert (act.id, act.kind, act.date, act.metadata.soort) == (
        celex,
        DocumentKind.EU_ACT,
        date,
        "verordening",
    )
    assert act.title.startswith(title_start)
    assert dict(act.metadata.extra)["language"] == "EN"
    numbers = [d.number for d in _articles(act)]
    assert numbers[:3] == ["1", "2", "3"] and len(numbers) == articles
    assert len([d for d in act.all_divisions() if d.kind == "lid"]) == paragraphs
    first = _articles(act)[0]
    assert act.text[first.start : first.end].startswith("Article 1\n")


def test_eurlex_formex_act_paragraph_text():
    act = read_formex_act(ACT_0903)
    [lid] = [
        d
        for d in act.all_divisions()
        if d.kind == "lid" and d.pinpoint == Pinpoint(artikel="1", lid="1")
    ]
    assert act.text[lid.start : lid.end].startswith(
        "1. This Regulation lays down measures that promote the cross-border"
    )


def test_eurlex_formex_act_refusals(tmp_path):
    # The item's document descriptor is no act; the reader does not take it.
    descriptor = tmp_path / "32008R1137.fmx.xml"
    descriptor.write_bytes((ITEMS / "cellar_item_formex_32008R1137_DOC_1_doc-manifest.xml").read_bytes())
    with pytest.raises(SourceError, match=r"unknown XML format \(root <DOC>\)"):
        read_source(descriptor)
    with pytest.raises(SourceError, match="not a Formex ACT with BIB.INSTANCE"):
        read_formex_act(descriptor)
    # Neither the name nor the title's first word gives a CELEX number.
    unnamed = tmp_path / "DOC_2.xml"
    unnamed.write_bytes(
        ACT_1137.read_bytes().replace(
            b'<HT TYPE="UC">Regulation (EC)</HT>', b'<HT TYPE="UC">Protocol</HT>'
        )
    )
    with pytest.raises(SourceError, match="DOC_2.xml: Formex ACT without a CELEX"):
        read_source(unnamed)
