"""read_cjeu_judgment on the EUR-Lex judgments in corpus/cjeu, and on the same
judgment inside a full EUR-Lex XHTML page."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest

from ingest.errors import SourceError
from ingest.models import DocumentKind
from ingest.sources import read_source
from ingest.sources.cjeu import (
    judgment_short_name,
    looks_like_cjeu_judgment,
    read_cjeu_judgment,
)

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CJEU = CORPUS / "cjeu"
ALL = sorted(CJEU.glob("*.xml"))
SACKO = CJEU / "ECLI_EU_C_2017_591.xml"


def _extra(doc, key):
    return [value for name, value in doc.metadata.extra if name == key]


def test_cjeu_corpus_is_complete_and_the_copies_are_byte_for_byte():
    rows = {
        match.group(1): match.group(2)
        for match in re.finditer(
            r"^\| cjeu/(\S+) \|.*\| ([0-9a-f]{64}) \|$",
            (CORPUS / "SOURCES.md").read_text(encoding="utf-8"),
            re.MULTILINE,
        )
    }
    assert len(ALL) == 21
    assert {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in ALL
    } == rows


# fmt: off
@pytest.mark.parametrize(
    ("ecli", "date", "title", "case", "celex", "name"),
    [
        pytest.param("ECLI:EU:C:2017:591", dt.date(2017, 7, 26),
                     "Judgment of the Court (Second Chamber) of 26 July 2017, Sacko, C-348/16",
                     "C-348/16", "62016CJ0348", "Sacko", id="sacko"),
        pytest.param("ECLI:EU:C:2017:675", dt.date(2017, 9, 13),
                     "Judgment of the Court (Third Chamber) of 13 September 2017, Khir Amayry, C-60/16",
                     "C-60/16", "62016CJ0060", "Khir Amayry", id="two-word-name"),
        pytest.param("ECLI:EU:C:2017:127", dt.date(2017, 2, 16),
                     "Judgment of the Court (Fifth Chamber) of 16 February 2017, C-578/16 PPU",
                     "C-578/16 PPU", "62016CJ0578", None, id="ppu-initials-no-name"),
        pytest.param("ECLI:EU:C:2017:101", dt.date(2017, 2, 9),
                     "Judgment of the Court (Third Chamber) of 9 February 2017, C-560/14",
                     "C-560/14", "62014CJ0560", None, id="anonymised-M"),
        pytest.param("ECLI:EU:C:2017:862", dt.date(2017, 11, 14),
                     "Judgment of the Court (Grand Chamber) of 14 November 2017, Lounes, C-165/16",
                     "C-165/16", "62016CJ0165", "Lounes", id="not-the-spouse"),
        pytest.param("ECLI:EU:C:2018:584", dt.date(2018, 7, 25),
                     "Judgment of the Court (Grand Chamber) of 25 July 2018, Alheto, C-585/16",
                     "C-585/16", "62016CJ0585", "Alheto", id="2018"),
    ],
)
# fmt: on
def test_cjeu_metadata(ecli, date, title, case, celex, name):
    doc = read_cjeu_judgment(CJEU / f"{ecli.replace(':', '_')}.xml")
    assert (doc.id, doc.kind, doc.date, doc.title) == (
        ecli,
        DocumentKind.UITSPRAAK,
        date,
        title,
    )
    assert _extra(doc, "instantie") == ["Hof van Justitie"]
    assert _extra(doc, "court") == ["Court of Justice"]
    assert _extra(doc, "zaaknummer") == [case]
    assert _extra(doc, "celex") == [celex]
    assert _extra(doc, "naam") == ([name] if name else [])


def test_cjeu_every_judgment_reads_with_its_points_and_links():
    for path in ALL:
        doc = read_cjeu_judgment(path)
        assert doc.id == "ECLI:" + path.stem.removeprefix("ECLI_").replace("_", ":")
        points = [d for d in doc.all_divisions() if d.kind == "punt"]
        assert [p.number for p in points] == [str(n) for n in range(1, len(points) + 1)]
        for point in points:
            assert doc.text[point.start :].startswith(f"{point.number} ")
        for link in doc.links:
            assert doc.text[link.start : link.end] == link.text
        assert "Language of the case:" in doc.footnotes[0].text  # "* Language …" too


def test_cjeu_text_and_structure_of_sacko():
    doc = read_cjeu_judgment(SACKO)
    assert doc.text.startswith("JUDGMENT OF THE COURT (Second Chamber)\n26 July 2017 (*1)\n")
    assert "\nIn Case C‑348/16,\n" in doc.text
    point = next(d for d in doc.all_divisions() if d.kind == "punt" and d.number == "1")
    assert doc.text[point.start : point.end] == (
        "1 This request for a preliminary ruling concerns the interpretation of "
        "Articles 12, 14, 31 and 46 of Directive 2013/32/EU of the European Parliament "
        "and of the Council of 26 June 2013 on common procedures for granting and "
        "withdrawing international protection (OJ 2013 L 180, p. 60)."
    )
    # a list item inside a point opens with its marker
    assert "\n(c) “applicant” means a third country national" in doc.text
    assert doc.footnotes[0].number == "*1"
    assert doc.text[doc.footnotes[0].markers[0] :].startswith("*1)")
    assert _extra(doc, "partijen") == [
        "Moussa Sacko v Commissione Territoriale per il riconoscimento della "
        "protezione internazionale di Milano"
    ]


def test_cjeu_links_one_per_citation_with_the_anchor_text_as_evidence():
    doc = read_cjeu_judgment(SACKO)
    by_text = {link.text: link.work for link in doc.links}
    # three anchors of one citation (case number, ECLI, paragraph) are one link
    assert by_text["C‑243/15, EU:C:2016:838, paragraph 50"] == "ECLI:EU:C:2016:838"
    assert by_text["C‑249/13, EU:C:2014:2431, paragraphs 34 and 36"] == (
        "ECLI:EU:C:2014:2431"
    )
    # an Official Journal issue names no act: no link
    assert not any(link.text.startswith("OJ ") for link in doc.links)
    assert all(link.work and link.work.startswith("ECLI:EU:") for link in doc.links)


def test_cjeu_celex_links_name_the_act_or_the_ruling(tmp_path):
    body = SACKO.read_text(encoding="utf-8")
    body = body.replace(
        '<a href="./../../../../legal-content/EN/AUTO/?uri=OJ:L:2013:180:TOC"',
        '<a href="./../../../../legal-content/EN/AUTO/?uri=CELEX:32013L0032"',
    ).replace(
        "ecli:ECLI%3AEU%3AC%3A2017%3A101&amp;locale=en",
        "CELEX:62014CJ0560&amp;locale=en",
    ).replace(
        "ecli:ECLI%3AEU%3AC%3A2016%3A838&amp;locale=en",
        "CELEX:62015CJ0243&amp;locale=en",
    )
    path = tmp_path / SACKO.name
    path.write_text(body, encoding="utf-8")
    links = {link.text: link.work for link in read_cjeu_judgment(path).links}
    assert links["OJ 2013 L 180, p. 60"] == "32013L0032"
    # a ruling's CELEX through case_law.csv (a bundled judgment), one citation with
    # the ECLI anchors after it …
    assert links["C‑560/14, EU:C:2017:101, paragraph 30"] == "ECLI:EU:C:2017:101"
    # … and not at all when the table does not know it (its ECLI link still counts)
    assert links["EU:C:2016:838, paragraph 50"] == "ECLI:EU:C:2016:838"
    assert "C‑243/15" not in links


def _page(body: str, head: str) -> str:
    inner = body.split("<body>", 1)[1].rsplit("</body>", 1)[0]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head>'
        f"<title>EUR-Lex - 62016CJ0348 - EN</title>{head}</head>"
        '<body><div id="banner">EUR-Lex Access to European Union law</div>'
        f'<div id="document1"><div class="tabContent">{inner}</div></div></body></html>'
    )


def test_cjeu_reads_the_same_judgment_inside_a_full_eurlex_page(tmp_path):
    body = SACKO.read_text(encoding="utf-8")
    page = tmp_path / "62016CJ0348.xhtml"
    page.write_text(
        _page(body, '<meta name="WT.z_docID" content="ECLI:EU:C:2017:591"/>'),
        encoding="utf-8",
    )
    fragment = read_cjeu_judgment(SACKO)
    whole = read_source(page)  # EUR-Lex HTML, but a judgment: this reader
    assert (whole.id, whole.title, whole.date) == (
        fragment.id,
        fragment.title,
        fragment.date,
    )
    assert whole.text.endswith(fragment.text)
    shift = len(whole.text) - len(fragment.text)
    assert [(link.start - shift, link.work) for link in whole.links] == [
        (link.start, link.work) for link in fragment.links
    ]


def test_cjeu_page_without_an_ecli_is_refused(tmp_path):
    page = tmp_path / "page.xhtml"
    page.write_text(_page(SACKO.read_text(encoding="utf-8"), ""), encoding="utf-8")
    with pytest.raises(SourceError, match="judgment without an ECLI"):
        read_cjeu_judgment(page)


def test_cjeu_detection_leaves_the_other_formats_alone():
    assert all(looks_like_cjeu_judgment(path.read_bytes()) for path in ALL)
    others = [
        *sorted((CORPUS / "eu").glob("*")),
        *sorted((CORPUS / "rechtspraak").glob("*.xml"))[:3],
        *sorted((CORPUS / "kamerstukken").glob("*.xml"))[:3],
    ]
    assert others
    assert not any(looks_like_cjeu_judgment(path.read_bytes()) for path in others)
    assert read_source(SACKO).id == "ECLI:EU:C:2017:591"


@pytest.mark.parametrize(
    ("parties", "text", "name"),
    [
        pytest.param(["Moussa Sacko"], "Mr Sacko … Mr Sacko’s", "Sacko", id="surname"),
        pytest.param(
            ["Mohammad Khir Amayry"],
            "Mr Khir Amayry … Mr Khir Amayry",
            "Khir Amayry",
            id="two-words",
        ),
        pytest.param(["Moussa Sacko"], "Mr Sacko appealed", None, id="once-is-not-enough"),
        pytest.param(["M"], "M brought an action. M", None, id="anonymised"),
        pytest.param(
            ["Toufik Lounes"],
            "Mrs Ormazabal … Mrs Ormazabal … Mr Lounes … Mr Lounes",
            "Lounes",
            id="a-party-not-the-spouse",
        ),
    ],
)
def test_cjeu_short_name(parties, text, name):
    assert judgment_short_name(parties, text) == name
