"""Page furniture and line-end hyphenation in PDF text (ingest.sources.pdftext), on
snippets and whole seeds from corpus/seeds, and reference extraction reading past them
with offsets into the original text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.load import references_for
from ingest.sources.pdftext import (
    extraction_text,
    find_hyphenations,
    find_page_furniture,
)
from ingest.sources.plaintext import find_footnotes, read_plaintext

SEEDS = Path(__file__).resolve().parents[1] / "corpus" / "seeds"

# Real snippets, cut from the seeds at the line numbers given.
# wbv-2013-23-vc-wijziging.txt lines 502-509 and 1870-1877: the Staatscourant footer.
WBV_PAGES = (
    "De IND beschouwt gegevens en bescheiden waaruit de duur en aard van het eerdere "
    "verblijf als \n\n7 Staatscourant 2013 nr. 27834 9 oktober 2013\n\n\n\n"
    "gezinslid in de andere staat die partij is bij het EU-verdrag als bewijsmiddel "
    "dat de vreemdeling \ngeen mvv hoeft over te leggen.\n"
    "Paragraaf B10/2.3 Vreemdelingencirculaire 2000 komt te luiden:\n\n"
    "26 Staatscourant 2013 nr. 27834 9 oktober 2013\n\n\n\n"
    "2.3 Ontzegging of beëindiging rechtmatig verblijf \n"
)
# staat-van-migratie-2025.txt lines 927-938, 2175-2182, 6147-6153: "n | title" footers,
# one a two-page spread.
STAAT_PAGES = (
    "25 Kamerstukken II 2023/2024, 36 512, nr. 2.\n"
    "26 Kamerstukken II 2022/2023, 32 824, nr. 381.\n\n\n\n"
    "29 | De Staat van Migratie 2025\n\nInburgering\n"
    "Op 1 januari 2025 was de Wet inburgering 2021 (Wi2021) drie jaar van kracht.\n"
    " 31.070 \n\n\n\n55 | De Staat van Migratie 2025\n\n"
    "Hoewel er in 2024 meer gedetacheerde werknemers in beeld zijn, kan er nog steeds "
    "sprake \nzijn van ondermelding.\n"
    "https://www.defensie.nl/onderwerpen/taken-in-nederland/grenstoezicht\n\n\n"
    "138 | De Staat van Migratie 2025 139 | De Staat van Migratie 2025\n\n"
    "Voor gezinnen met minderjarige kinderen die asiel vragen geldt een aparte "
    "werkwijze.\n"
)
# emn-jaaroverzicht-2019.txt lines 125-129 and 1564-1568: a footer line right above the
# footnotes, no blank-line page break.
EMN_PAGES = (
    "Verder ontving de IND in 2019 44.400 aanvragen voor naturalisatie, tegen 26.080 in "
    "2018.\n\nhttp://EMNnetherlands.nl\n 3\t Meer informatie over EMN Nederland is te "
    "vinden op onze website: http://www.emnnetherlands.nl/over-het-emn. \n"
    "Sinds 1 mei 2019 is de discretionaire \nbevoegdheid afgeschaft.\n\n"
    "http://EMNnetherlands.nl\n 130 Kamerstukken II, 2017-2018, 32824, nr. 223.\n"
    "131 Ibid.\n"
)
# kamerbrief-regulier-verblijf-2025-04-15.txt: a link target printed twice at a page
# break is no running footer.
REGULIER_LINKS = (
    "verblijf-bij-nederlandse-kind-aanvragen-chavez\n"
    "https://ind.nl/nl/verblijfsvergunningen/familie-en-partner/verblijf-bij-"
    "nederlandse-kind-aanvragen-chavez\n"
    "https://ind.nl/nl/verblijfsvergunningen/familie-en-partner/verblijf-bij-"
    "nederlandse-kind-aanvragen-chavez\n\n\n \n\n \n\n"
    "beleidskaders bestonden. Hoe strenger het beleid wordt, hoe vaker \n"
)
# Constructed (no seed has these layouts): form-feed pages with a Kamerstuk running
# header and "Pagina n van m" footers; section headings and table rows at page breaks.
FORM_FEED_PAGES = (
    "Tweede Kamer, vergaderjaar 2024–2025, 36 600 XX, nr. 62 1\n"
    "Nr. 62 Brief van de minister van Asiel en Migratie\n"
    "Pagina 1 van 3\n\fTweede Kamer, vergaderjaar 2024–2025, 36 600 XX, nr. 62 2\n"
    "Op basis van het gezinsmigratiebeleid is het mogelijk om je te herenigen.\n"
    "Pagina 2 van 3\n\fTweede Kamer, vergaderjaar 2024–2025, 36 600 XX, nr. 62 3\n"
    "De minister van Asiel en Migratie,\n"
)
NOT_RUNNING = (
    "Tekst over asiel.\n\n\n\n4.1 Inleiding\nEerste alinea.\n"
    "% verschil 2024 t.o.v. 2023 +24% +22%\n\n\n\n6.1 Inleiding\nTweede alinea.\n"
    "% verschil 2024 t.o.v. 2023 +5% +13%\n\n\n\nDerde alinea.\n"
)


def _note_spans(text: str) -> list[tuple[int, int]]:
    """Footnote lines of a snippet ("3\\t …", " 130 …"): number, blank, text."""
    return [
        (m.start(), m.end())
        for m in re.finditer(r"(?m)^ ?\d{1,3}[ \t]+\S.*$", text)
        if not m.group().strip().startswith(("29 |", "55 |", "138 |"))
    ]


# fmt: off
@pytest.mark.parametrize(
    ("text", "footnotes", "expected"),
    [
        pytest.param(WBV_PAGES, False,
                     ["7 Staatscourant 2013 nr. 27834 9 oktober 2013",
                      "26 Staatscourant 2013 nr. 27834 9 oktober 2013"], id="wbv-footer"),
        pytest.param(STAAT_PAGES, False,
                     ["29 | De Staat van Migratie 2025", "55 | De Staat van Migratie 2025",
                      "138 | De Staat van Migratie 2025 139 | De Staat van Migratie 2025"],
                     id="staat-footer-and-spread"),
        pytest.param(EMN_PAGES, True,
                     ["http://EMNnetherlands.nl", "http://EMNnetherlands.nl"],
                     id="emn-footer-above-footnotes"),
        pytest.param(REGULIER_LINKS, False, [], id="duplicate-link-is-no-footer"),
        pytest.param(FORM_FEED_PAGES, False,
                     ["Tweede Kamer, vergaderjaar 2024–2025, 36 600 XX, nr. 62 1",
                      "Pagina 1 van 3",
                      "\fTweede Kamer, vergaderjaar 2024–2025, 36 600 XX, nr. 62 2",
                      "Pagina 2 van 3",
                      "\fTweede Kamer, vergaderjaar 2024–2025, 36 600 XX, nr. 62 3"],
                     id="form-feed-header-and-page-of"),
        pytest.param(NOT_RUNNING, False, [], id="section-headings-and-table-rows"),
    ],
)
# fmt: on
def test_page_furniture_table(text, footnotes, expected):
    spans = find_page_furniture(text, _note_spans(text) if footnotes else ())
    assert [text[start:end].lstrip("\f") for start, end in spans] == [
        line.lstrip("\f") for line in expected
    ]
    for start, end in spans:
        assert "\n" not in text[start:end]


# fmt: off
@pytest.mark.parametrize(
    ("text", "reads"),
    [
        # staat-van-migratie-2025.txt: a law's name broken at a line end.
        pytest.param("op grond van de Wet arbeid vreem-\ndelingen (Wav)",
                     "op grond van de Wet arbeid vreemdelingen\n  (Wav)", id="law-name"),
        pytest.param("Op grond van artikel 8.25 Vb ontzegt of beëindigt de IND het "
                     "rechtmatig verblijf van de vreemde-\nling",
                     "Op grond van artikel 8.25 Vb ontzegt of beëindigt de IND het "
                     "rechtmatig verblijf van de vreemdeling\n ", id="wbv-word"),
        # kamerbrief-regulier-verblijf: after an abbreviation the hyphen is spelling.
        pytest.param("In de Wav-\nregelgeving", "In de Wav-regelgeving\n", id="abbrev"),
        # staat-van-migratie: "monitoring- \nen evaluatieplan" shares a word part.
        pytest.param("een uitgebreid monitoring- \nen evaluatieplan",
                     "een uitgebreid monitoring- \nen evaluatieplan", id="elliptic-blank"),
        pytest.param("het migratie-\nen asielbeleid", "het migratie-\nen asielbeleid",
                     id="elliptic-en"),
        # kamerbrief-regulier-verblijf: a URL broken at its own hyphen stays.
        pytest.param("https://ind.nl/nl/verblijfsvergunningen/andere-\n"
                     "verblijfsvergunningen/x",
                     "https://ind.nl/nl/verblijfsvergunningen/andere-\n"
                     "verblijfsvergunningen/x", id="url"),
        pytest.param("het EU-\nVerdrag", "het EU-\nVerdrag", id="capital-after"),
    ],
)
# fmt: on
def test_hyphenation_table(text, reads):
    view = extraction_text(text, hyphenations=find_hyphenations(text))
    assert view.text == reads
    assert len(view.text) == len(text)


def test_hyphenation_uses_the_documents_own_spelling():
    # "start-ups" is hyphenated elsewhere in the text, "Daarnaast" is not.
    text = "Voor start-\nups geldt dit. De start-ups groeien. Daar-\nnaast: Daarnaast"
    view = extraction_text(text, hyphenations=find_hyphenations(text))
    assert view.text.split("\n")[0] == "Voor start-ups"
    assert "Daarnaast\n" in view.text


# fmt: off
@pytest.mark.parametrize(
    ("start", "end", "source"),
    [
        pytest.param(16, 40, (16, 42), id="ends-in-moved-half"),
        pytest.param(33, 40, (35, 42), id="inside-moved-half"),
        pytest.param(0, 15, (0, 15), id="before"),
        pytest.param(43, 47, (43, 47), id="after"),
    ],
)
# fmt: on
def test_extraction_text_maps_spans_back(start, end, source):
    text = "op grond van de Wet arbeid vreem-\ndelingen (Wav)"
    view = extraction_text(text, hyphenations=find_hyphenations(text))
    assert view.source_span(start, end) == source
    assert text[source[0] : source[1]].replace("-\n", "") == view.text[start:end]


def test_extraction_text_blanks_furniture_and_keeps_length():
    spans = find_page_furniture(WBV_PAGES)
    view = extraction_text(WBV_PAGES, spans)
    assert len(view.text) == len(WBV_PAGES)
    assert "Staatscourant" not in view.text
    assert view.text.count("\n") == WBV_PAGES.count("\n")
    outside = [i for i in range(len(WBV_PAGES)) if not any(s <= i < e for s, e in spans)]
    assert all(view.text[i] == WBV_PAGES[i] for i in outside)


@pytest.mark.parametrize(
    "seed",
    sorted(path.name for path in SEEDS.glob("*.txt")),
)
def test_seed_view_keeps_every_unmoved_character(seed):
    document = read_plaintext(SEEDS / seed)
    view = extraction_text(document.text, document.furniture, document.hyphenations)
    assert len(view.text) == len(document.text)
    moved = {
        index
        for hyphen in document.hyphenations
        for index in range(hyphen, document.text.index("\n", hyphen) + 40)
    }
    blanked = {i for start, end in document.furniture for i in range(start, end)}
    for index, char in enumerate(view.text):
        if index not in moved and index not in blanked:
            assert char == document.text[index], (seed, index)


# fmt: off
@pytest.mark.parametrize(
    ("seed", "count", "pattern"),
    [
        pytest.param("wbv-2013-23-vc-wijziging.txt", 2,
                     r"^\d+ Staatscourant 2013 nr\. 27834 9 oktober 2013$", id="wbv"),
        pytest.param("staat-van-migratie-2025.txt", 9,
                     r"^(\d+ \| De Staat van Migratie 2025 ?){1,2}$", id="staat"),
        pytest.param("emn-jaaroverzicht-2019.txt", 10,
                     r"^(http://EMNnetherlands\.nl|EMNNETHERLANDS\.NL .* MEI 2020 \d+)$",
                     id="emn"),
        pytest.param("kamerbrief-2025D33530-diverse-onderwerpen-migratie.txt", 0, "",
                     id="web-page"),
        pytest.param("kamerbrief-regulier-verblijf-2025-04-15.txt", 0, "", id="regulier"),
    ],
)
# fmt: on
def test_seed_running_headers_and_footers(seed, count, pattern):
    document = read_plaintext(SEEDS / seed)
    lines = [document.text[start:end] for start, end in document.furniture]
    running = [line for line in lines if pattern and re.match(pattern, line)]
    assert len(running) == count, lines
    for start, end in document.furniture:
        assert not any(f.start < end and start < f.end for f in document.footnotes)


def test_footer_is_not_taken_for_a_footnote():
    # Two pages of wbv-2013-23 whose footer starts like footnote 7 ("7 Staatscourant
    # …"), with the footnotes 5-8 of a page (constructed) below the body.
    body = (
        "De IND beschouwt dit als bewijsmiddel.5 Zie ook de nota.6 Het besluit7 en "
        "de toelichting.8\n\n"
    )
    notes = (
        "5 Kamerstukken II 2012/13, 19637, nr. 1600.\n"
        "6 Staatscourant 2013, 12345.\n"
    )
    text = body + notes + "\n" + WBV_PAGES + "7 Stb. 2013, 480.\n8 Stb. 2013, 481.\n"
    furniture = find_page_furniture(text)
    footnotes = find_footnotes(text, furniture)
    assert [(f.number, f.text) for f in footnotes] == [
        ("5", "Kamerstukken II 2012/13, 19637, nr. 1600."),
        ("6", "Staatscourant 2013, 12345."),
        ("7", "Stb. 2013, 480."),
        ("8", "Stb. 2013, 481."),
    ]


# fmt: off
@pytest.mark.parametrize(
    ("seed", "quote", "work", "found"),
    [
        # A law named across a line break is found, its span covering the break.
        pytest.param("staat-van-migratie-2025.txt", "Wet arbeid vreem-\ndelingen",
                     "BWBR0007149", True, id="rejoined-law-name"),
        # The Staatscourant footer of the WBV is no reference to its own publication.
        pytest.param("wbv-2013-23-vc-wijziging.txt", "Staatscourant 2013 nr. 27834",
                     "stcrt-2013-27834", False, id="footer-not-cited"),
    ],
)
# fmt: on
def test_references_read_past_layout_with_original_offsets(seed, quote, work, found):
    document = read_plaintext(SEEDS / seed)
    references = references_for(document)
    for resolved in references:
        reference = resolved.reference
        assert document.text[reference.start : reference.end] == reference.text
    hits = [r for r in references if r.work == work and quote in r.reference.text]
    assert bool(hits) is found


# fmt: off
@pytest.mark.parametrize(
    ("seed", "publication"),
    [
        # WBV 2013/23 carries its Staatscourant number only in its page footers.
        pytest.param("wbv-2013-23-vc-wijziging.txt", "stcrt-2013-27834", id="wbv"),
        pytest.param("staat-van-migratie-2025.txt", None, id="report-footer"),
        pytest.param("emn-jaaroverzicht-2019.txt", None, id="emn"),
    ],
)
# fmt: on
def test_staatscourant_footer_names_the_publication(seed, publication):
    document = read_plaintext(SEEDS / seed)
    stated = dict(document.metadata.extra).get("publicatie")
    assert stated == publication
    if publication:
        assert document.metadata.official_url == (
            f"https://zoek.officielebekendmakingen.nl/{publication}"
        )
