"""Issue 23, names and article sets derived from general sources, not from the
sentences that missed: abbreviations the BWB's own citeertitels use for a regeling
(ingest/data/bwb_abbreviations.csv, tools/make_bwb_abbreviations.py: "Meldingsbesluit
Wbp" whose intitule names the Wet bescherming persoonsgegevens), and article sets
without the articles of a regeling's bijlagen (the Awb's Bijlage 2 numbers its own
articles 1–12: "Artikel 8, eerste lid, Awb" is no article of the Awb, it is refused).
Sentences from the corpus (the file named per row; the expected ids are the
publisher's own links there) unless marked "constructed"."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.extract import find_references
from ingest.models import CitingContext
from ingest.sources.bwb import read_bwb
from ingest.tables import load_alias_table, load_article_sets, read_table
from tests.factories import make_expected as E  # noqa: N812
from tests.factories import project_all

ROOT = Path(__file__).resolve().parent.parent
AWB, WBP = "BWBR0005537", "BWBR0011468"
VC_A, VC_C = "BWBR0012287", "BWBR0012288"


def test_awb_article_set_leaves_out_its_bijlagen() -> None:
    awb = read_bwb(ROOT / "corpus" / "bwb" / "BWBR0005537_2020-04-15_0.xml")
    annexed = {
        d.number
        for d in awb.all_divisions()
        if d.kind == "artikel" and "&bijlage=" in (d.jci or "")
    }
    assert {"1", "8", "12"} <= annexed  # Bijlage 2 "Bevoegdheidsregeling …", 3
    articles = load_article_sets()[AWB]
    assert not any(articles.has(number) for number in annexed)
    assert articles.has("8:1") and articles.has("1:1") and articles.has("3:40")


# fmt: off
ANNEX = [
    # Vc A (corpus/bwb-2012/BWBR0012287.xml): the publisher links Awb 8:1; "8" is no
    # article of the Awb — refused with a reason rather than linked to Bijlage 2
    pytest.param("de genoemde vrijheidsbeperkende en vrijheidsontnemende maatregelen op grond van de Vw. Artikel 8, eerste lid, Awb stelt het opleggen van deze maatregelen", [E("legislation", "BWBR0011823"), E("legislation", None, artikel="8", lid="1")], id="awb-8-refused"),
    # constructed: the Awb's own chapter 8 stays an article
    pytest.param("Artikel 8:1, eerste lid, Awb stelt beroep open", [E("legislation", AWB, artikel="8:1", lid="1")], id="awb-8-1"),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), ANNEX)
def test_no_article_of_an_annex(text: str, expected: list) -> None:
    refs = find_references(text, CitingContext(work=VC_A))
    assert project_all(refs) == expected
    for ref in refs:
        if ref.work is None:
            assert (ref.reason or "").startswith(
                "no such article in Algemene wet bestuursrecht: artikel 8"
            )


# fmt: off
ABBREVIATIONS = [
    # Vc A: two articles of the Wbp, the name after the second
    pytest.param(VC_A, "een daartoe strekkend gemotiveerd verzoek in te dienen bij de Dienst IPOL (zie artikel 35 en artikel 36 Wbp). In het geval van signalering", [E("legislation", WBP, artikel="35"), E("legislation", WBP, artikel="36")], id="wbp-articles"),
    # Vc A: an old code has no citeertitel, its intitule is its title
    # (bwb_citeertitels.csv, tools/make_bwb_citeertitels.py)
    pytest.param(VC_A, "lichtingen als bedoeld in artikel 65, derde lid, Vw, door een beroep te doen op artikel 371a Wetboek van Koophandel. In dat artikel", [E("legislation", "BWBR0011823", artikel="65", lid="3"), E("legislation", "BWBR0001838", artikel="371a")], id="intitule-as-title"),
    # Vc C (corpus/bwb-2012/BWBR0012288.xml): the name alone
    pytest.param(VC_C, "Op deze informatie zijn van toepassing de Wbp en de privacyreglementen voor de geautoriseerden", [E("legislation", WBP)], id="wbp-bare"),
]
# fmt: on


@pytest.mark.parametrize(("work", "text", "expected"), ABBREVIATIONS)
def test_abbreviations_the_bwb_titles_use(work: str, text: str, expected: list) -> None:
    assert project_all(find_references(text, CitingContext(work=work))) == expected


def test_abbreviation_table_is_attested_and_yields_to_the_curated_tables() -> None:
    rows = read_table("bwb_abbreviations.csv")
    table = load_alias_table()
    assert {"Wbp", "Rvb", "Awir"} <= {row["alias"] for row in rows}
    for row in rows:
        assert row["source"].startswith("citeertitel of BWBR")
        entry = table[row["alias"]]
        assert entry.work == row["work"] and entry.source == "bwb_abbreviations.csv"
    # the curated tables win: Awb is the curated row, not a derived one
    assert table["Awb"].source == "Vc A afkortingenlijst"


# fmt: off
NOT_DERIVED = [
    # Zorgtoeslag 2025 (corpus/bwb/BWBR0018451): the Wlz (2015) is in no title table
    # of 2012, so it stays unresolved with the name it was given
    pytest.param("BWBR0018451", "betaalt de Dienst Toeslagen in opdracht van het CAK, genoemd in artikel 6.1.1, eerste lid, van de Wet langdurige zorg, de zorgtoeslag", "regeling not in alias table: 'Wet langdurige zorg'", id="wlz"),
]
# fmt: on


@pytest.mark.parametrize(("work", "text", "reason"), NOT_DERIVED)
def test_names_no_general_source_gives_stay_unresolved(
    work: str, text: str, reason: str
) -> None:
    (ref,) = find_references(text, CitingContext(work=work))
    assert ref.work is None and ref.reason == reason


# the Vc A's own "Afkortingenlijst" (corpus/bwb-2012/BWBR0012287.xml), lines as read
GLOSSARY = (
    "Rva Regeling verstrekkingen asielzoekers e.a. categorieën vreemdelingen 2005\n"
    "Rvb Regeling verstrekkingen bepaalde categorieën vreemdelingen\n"
    "RvS Raad van State\n"
    "Rwn Rijkswet op het Nederlanderschap\n"
    "SIS Schengen Informatiesysteem\n"
    "WvSr Wetboek van Strafrecht\n"
    "WvSv Wetboek van Strafvordering\n"
    "WW Werkeloosheidswet\n"
)
SV, RWN = "BWBR0001903", "BWBR0003738"

# fmt: off
GLOSSARY_USES = [
    # Vc A: remand ("huis van bewaring") rests on the Sv; the publisher links this one
    # to the Sr (BWBR0001854), its other three "het WvSv" to the Sv
    pytest.param("Hierbij kan worden gedacht aan de situatie waarin de vreemdeling op grond van het WvSv bijvoorbeeld in een huis van bewaring wordt geplaatst.", [E("legislation", SV)], id="wvsv"),
    pytest.param("De bevoegdheden terzake berusten op het WvSv en andere wetgeving.", [E("legislation", SV)], id="wvsv-en"),
    pytest.param("een kennisgeving tot verkrijging van het Nederlanderschap;\nop grond van de Rwn (Stb. 1984, 628);", [E("legislation", RWN), E("gazette", "stb-1984-628")], id="rwn-publication"),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), GLOSSARY_USES)
def test_terms_of_a_texts_abbreviation_list(text: str, expected: list) -> None:
    refs = find_references(GLOSSARY + "\n" + text, CitingContext(work=VC_A))
    after = [r for r in refs if r.reference.start > len(GLOSSARY)]
    assert project_all(after) == expected


# fmt: off
NO_GLOSSARY = [
    # constructed: the letters do not spell the name
    pytest.param("Rva Regeling verstrekkingen asielzoekers e.a. categorieën vreemdelingen 2005\nXyz Wetboek van Strafvordering\nWW Werkeloosheidswet\n", "Xyz", id="letters-do-not-spell"),
    # constructed: a line opening with a word before a name, among prose
    pytest.param("De vreemdeling meldt zich.\nZie Vreemdelingenwet\nDaarna volgt de beslissing.\n", "Zie", id="prose-line"),
    # constructed: one abbreviation line alone is no list
    pytest.param("Inleiding over de wetgeving.\nWvSv Wetboek van Strafvordering\nDe tekst gaat verder over iets anders dat niet in een lijst staat.\n", "WvSv", id="single-line"),
]
# fmt: on


@pytest.mark.parametrize(("glossary", "term"), NO_GLOSSARY)
def test_no_abbreviation_list_no_term(glossary: str, term: str) -> None:
    text = glossary + f"Dit volgt uit het {term} zelf."
    refs = find_references(text, CitingContext(work=VC_A))
    uses = [r for r in refs if r.reference.start > len(glossary)]
    assert uses == []


@pytest.fixture(scope="module")
def awb_refs() -> tuple[str, list]:
    awb = read_bwb(ROOT / "corpus" / "bwb" / "BWBR0005537_2020-04-15_0.xml")
    return awb.text, find_references(awb.text, CitingContext.of(awb))


def _ref_after(text: str, refs: list, before: str, ref_text: str):  # type: ignore[no-untyped-def]
    at = text.index(before) + len(before)
    return next(
        r for r in refs if r.reference.start >= at and r.reference.text == ref_text
    )


# fmt: off
AWB_ANNEX = [
    # Awb 2020 Bijlage 2, artikel 1 (corpus/bwb/BWBR0005537_2020-04-15_0.xml): the
    # bijlage's own article, with the hoofdstuk its jci gives
    pytest.param("Van beroep uitgezonderde besluiten (artikel 8:5)\nArtikel 1 Geen beroep\nTegen een besluit, genomen op grond van een in ", "dit artikel", "https://wetten.overheid.nl/jci1.3:c:BWBR0005537&bijlage=2&hoofdstuk=1&artikel=1", None, id="dit-artikel-in-bijlage"),
    # … its heading's reference to the Awb's body stays the body's
    pytest.param("Hoofdstuk 1 Van beroep uitgezonderde besluiten (", "artikel 8:5", "https://wetten.overheid.nl/jci1.3:c:BWBR0005537&artikel=8:5", None, id="body-article-from-bijlage"),
    # an entry of Bijlage 2 ("Verordening (EG) nr. 1435/2003 …: artikel 7, veertiende
    # lid"): the act the entry names, not the bijlage's article 7 nor the Awb's
    pytest.param("(SCE) (PbEU 2003, L 207): ", "artikel 7, veertiende lid", None, "inside bijlage 2: artikel 7 is that bijlage's own article", id="entry-article"),
    # Awb 8:5 (the body): "artikel 1 van de bij deze wet behorende
    # Bevoegdheidsregeling bestuursrechtspraak" is Bijlage 2's article 1, not the Awb's
    pytest.param("1. Geen beroep kan worden ingesteld tegen een besluit als bedoeld in ", "artikel 1", None, "artikel 1 is an article of bijlage 2 or 3 only", id="body-cites-bijlage-article"),
]
# fmt: on


@pytest.mark.parametrize(("before", "ref_text", "iri", "reason"), AWB_ANNEX)
def test_articles_of_the_awb_annex(
    awb_refs: tuple[str, list],
    before: str,
    ref_text: str,
    iri: str | None,
    reason: str | None,
) -> None:
    ref = _ref_after(*awb_refs, before, ref_text)
    assert ref.iri == iri
    if reason:
        assert ref.work is None and (ref.reason or "").startswith(reason)
