"""``ingest.citing``: the citing regeling of a plain text (its id detected from its own
title line or citeertitel article) and its parts from its layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.citing import detect_work, regeling_parts, text_context
from ingest.sources.bwb import read_bwb

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "bwb"


@pytest.mark.parametrize(
    ("name", "work"),
    [
        ("BWBR0011823_2019-02-27_0.xml", "BWBR0011823"),
        ("BWBR0011825_2019-07-01_0.xml", "BWBR0011825"),
        ("BWBR0005537_2020-04-15_0.xml", "BWBR0005537"),
        ("BWBR0018451_2025-01-01_0.xml", "BWBR0018451"),
    ],
)
def test_citing_detects_a_law_by_its_citeertitel_article(name: str, work: str) -> None:
    # the reader's text opens with the aanhef; "Deze wet wordt aangehaald als: …"
    assert detect_work(read_bwb(CORPUS / name).text) == work


# fmt: off
@pytest.mark.parametrize(("text", "work"), [
    pytest.param("Vreemdelingenwet 2000\nArtikel 1\nIn deze wet", "BWBR0011823", id="title-line"),
    pytest.param("Geldend van 01-01-2019\nWet van 23 november 2000 tot algehele herziening van de Vreemdelingenwet (Vreemdelingenwet 2000)\nArtikel 1\n", "BWBR0011823", id="long-title-with-citeertitel"),
    pytest.param("VREEMDELINGENBESLUIT 2000\nArtikel 1.1\n", "BWBR0011825", id="any-case"),
    pytest.param("Vreemdelingenwet 2000\nGeachte voorzitter,\nIn artikel 77 staat", None, id="letter-no-articles"),
    pytest.param("Vw\nArtikel 1\n", None, id="abbreviation-is-no-title"),
    pytest.param("Vreemdelingenwet 2000\nArtikel 1\nDit besluit wordt aangehaald als: Vreemdelingenbesluit 2000.\n", None, id="two-titles"),
    pytest.param("Memo\nArtikel 1\nTekst\n", None, id="no-title"),
])
# fmt: on
def test_citing_detect_work(text: str, work: str | None) -> None:
    assert detect_work(text) == work


def test_citing_regeling_parts_from_the_layout() -> None:
    text = (
        "Hoofdstuk 7 Rechtsmiddelen\n"
        "Artikel 77\n"
        "1. Tegen een beschikking.\n"
        "a. onderdeel, geen lid\n"
        "2. In afwijking van het eerste lid.\n"
        "Paragraaf 4 Beroep op de rechtbank\n"
        "Artikel 78\n"
        "Tekst.\n"
    )
    parts = [(p.kind, p.number, text[p.start : p.end]) for p in regeling_parts(text)]
    assert parts == [
        ("hoofdstuk", "7", text),
        ("artikel", "77", text[text.index("Artikel 77") : text.index("Paragraaf")]),
        ("lid", "1", "1. Tegen een beschikking.\na. onderdeel, geen lid\n"),
        ("lid", "2", "2. In afwijking van het eerste lid.\n"),
        ("paragraaf", "4", text[text.index("Paragraaf") :]),
        ("artikel", "78", "Artikel 78\nTekst.\n"),
    ]
    context = text_context(text, "BWBR0011823")
    assert context.partial and context.has_part("artikel", "12") is None
    assert context.has_part("artikel", "77") is True
    assert text_context("een brief zonder artikelen") == text_context("")
