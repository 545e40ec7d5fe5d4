"""read_plaintext on the five seed documents in corpus/seeds."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from ingest.models import DocumentKind
from ingest.sources.plaintext import find_footnotes, read_plaintext

SEEDS = Path(__file__).resolve().parents[1] / "corpus" / "seeds"
BRIEF_2025D33530 = SEEDS / "kamerbrief-2025D33530-diverse-onderwerpen-migratie.txt"
REGULIER = SEEDS / "kamerbrief-regulier-verblijf-2025-04-15.txt"
STAAT = SEEDS / "staat-van-migratie-2025.txt"


@pytest.fixture(scope="module")
def brief():
    return read_plaintext(BRIEF_2025D33530)


# fmt: off
@pytest.mark.parametrize(
    ("stem", "doc_id", "kind", "date"),
    [
        pytest.param("kamerbrief-regulier-verblijf-2025-04-15", "kst-36600-XX-62",
                     DocumentKind.KAMERBRIEF, dt.date(2025, 4, 15), id="regulier"),
        pytest.param("kamerbrief-2025D33530-diverse-onderwerpen-migratie", "2025D33530",
                     DocumentKind.KAMERBRIEF, dt.date(2025, 7, 11), id="2025D33530"),
        pytest.param("wbv-2013-23-vc-wijziging", "WBV 2013/23",
                     DocumentKind.WIJZIGINGSBESLUIT, dt.date(2013, 9, 26), id="wbv"),
        pytest.param("staat-van-migratie-2025", "staat-van-migratie-2025",
                     DocumentKind.RAPPORT, None, id="staat"),
        pytest.param("emn-jaaroverzicht-2019", "emn-jaaroverzicht-2019",
                     DocumentKind.RAPPORT, None, id="emn"),
    ],
)
# fmt: on
def test_plaintext_metadata_from_sidecar(stem, doc_id, kind, date):
    path = SEEDS / f"{stem}.txt"
    doc = read_plaintext(path)
    assert (doc.id, doc.kind, doc.date) == (doc_id, kind, date)
    assert doc.title
    assert doc.text == path.read_text(encoding="utf-8")


def test_plaintext_2025d33530_metadata(brief):
    assert brief.title == "Diverse onderwerpen op het gebied van migratie"
    assert brief.metadata.tk_nummer == "2025D33530"
    assert brief.metadata.zaak == "2025Z14627"


def test_plaintext_2025d33530_footnotes(brief):
    assert [f.number for f in brief.footnotes] == [str(n) for n in range(1, 12)]
    assert brief.footnotes[1].text == "TZ202505-006"
    assert brief.footnotes[9].text.endswith("ECLI:NL:RVS:2020:2818")
    for footnote in brief.footnotes:
        assert brief.text[footnote.start : footnote.end] == footnote.text
        assert "↩" not in footnote.text


# fmt: off
@pytest.mark.parametrize(
    ("number", "before"),
    [
        pytest.param("1", "In die brief", id="brief1"),
        pytest.param("2", "fraude bij de IND", id="heading-IND2"),
        pytest.param("3", "bij de IND.", id="after-period"),
        pytest.param("5", "Brekelmans en Van den Brink", id="Brink56-5"),
        pytest.param("6", "Brekelmans en Van den Brink5", id="Brink56-6"),
        pytest.param("7", "Naar aanleiding van de motie", id="motie7"),
        pytest.param("10", "aanstaande is", id="is10"),
        pytest.param("11", "vrachtwachtenchauffeurs", id="chauffeurs11"),
    ],
)
# fmt: on
def test_plaintext_markers_follow_the_right_words(brief, number, before):
    footnote = next(f for f in brief.footnotes if f.number == number)
    assert len(footnote.markers) == 1
    marker = footnote.markers[0]
    assert brief.text[marker : marker + len(number)] == number
    assert brief.text[:marker].endswith(before)


def test_plaintext_pdf_footnotes_sequence_and_spans():
    doc = read_plaintext(REGULIER)
    # The text extraction lost the footnotes of page 1 (1-3); 4-23 are there.
    assert [int(f.number) for f in doc.footnotes] == list(range(4, 24))
    by_number = {f.number: f for f in doc.footnotes}
    assert by_number["4"].text == "Kamerstuk 30 573, nr. 218"
    assert by_number["14"].text.endswith("(Kamerstuk 36 600 XX, nr.17)")
    assert by_number["18"].text.startswith("Staatsblad 2000, 497")
    # A marker set off by a blank: "van de au-pairregeling. 22 In".
    marker = by_number["22"].markers[0]
    assert doc.text[marker - 17 : marker + 5] == "au-pairregeling. 22 In"
    for footnote in doc.footnotes:
        assert doc.text[footnote.start : footnote.end] == footnote.text
        for marker in footnote.markers:
            assert marker < footnote.start  # markers precede their page's footnotes


def test_plaintext_long_report_footnotes_are_consecutive_and_mostly_called():
    doc = read_plaintext(STAAT)
    numbers = [int(f.number) for f in doc.footnotes]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) > 150
    called = [f for f in doc.footnotes if f.markers]
    assert len(called) >= 0.95 * len(numbers)
    seven = doc.footnotes[6]
    assert seven.text == "Kamerstukken II 2023/2024, 29861, nr. 126."
    assert doc.text[seven.markers[0] - 24 : seven.markers[0] + 1].endswith("c.s.7")
    # A footnote broken over a page-end blank line keeps its second line.
    assert doc.footnotes[5].text.endswith("Nederlandse samenleving, 13 maart 2024.")


def test_plaintext_markers_are_increasing_through_the_document():
    for path in (STAAT, REGULIER, BRIEF_2025D33530):
        doc = read_plaintext(path)
        offsets = [m for f in doc.footnotes for m in f.markers]
        assert offsets == sorted(offsets)


def test_plaintext_numbered_lists_are_not_footnotes():
    doc = read_plaintext(SEEDS / "wbv-2013-23-vc-wijziging.txt")
    assert doc.footnotes == ()


# fmt: off
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Zie de brief1 en de motie23.\n\n1 Brief.\n2 Motie.\n3 Motie.\n",
                     {"1": ["brief"], "2": ["motie"], "3": ["motie2"]}, id="split-23"),
        pytest.param("In 2019.1 Verder artikel 3.4 en 5.2\n\n1 Noot een.\n2 Noot.\n",
                     {"1": ["2019."], "2": []}, id="year-then-marker-not-decimal"),
        pytest.param("Q2 en Q1 waren goed.1 Nu2\n\n1 Noot een.\n2 Noot twee.\n",
                     {"1": ["goed."], "2": ["Nu"]}, id="sequence-order"),
    ],
)
# fmt: on
def test_plaintext_find_footnotes_table(text, expected):
    footnotes = find_footnotes(text)
    got = {
        f.number: [re.search(r"\S+$", text[: m]).group() for m in f.markers]
        for f in footnotes
    }
    assert got == expected


def test_plaintext_without_sidecar_infers_from_text(tmp_path):
    source = BRIEF_2025D33530.read_text(encoding="utf-8")
    path = tmp_path / "brief.txt"
    path.write_text(source, encoding="utf-8")
    doc = read_plaintext(path)
    assert (doc.id, doc.date, doc.metadata.zaak) == (
        "2025D33530",
        dt.date(2025, 7, 11),
        "2025Z14627",
    )
    bare = tmp_path / "notitie.txt"
    bare.write_text("Een notitie\n\nZonder nummer.\n", encoding="utf-8")
    plain = read_plaintext(bare)
    assert (plain.id, plain.title, plain.date) == ("notitie", "Een notitie", None)


def test_plaintext_kamerstuk_header_is_inferred(tmp_path):
    path = tmp_path / "regulier.txt"
    path.write_text(REGULIER.read_text(encoding="utf-8"), encoding="utf-8")
    doc = read_plaintext(path)
    assert doc.id == "kst-36600-XX-62"
    assert doc.date == dt.date(2025, 4, 15)
    assert doc.metadata.ondernummer == "62"


def test_plaintext_an_excerpt_without_its_first_footnotes_is_named(caplog):
    # the regulier-verblijf letter is a page from the middle: its notes start at 4
    path = SEEDS / "kamerbrief-regulier-verblijf-2025-04-15.txt"
    with caplog.at_level("WARNING", logger="ingest.sources.plaintext"):
        document = read_plaintext(path)
    assert document.footnotes[0].number == "4"
    assert [r.getMessage() for r in caplog.records] == [
        f"{path}: footnotes 1-3 not found in the text"
    ]
