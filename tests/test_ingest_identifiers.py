"""Normalisers and validators per identifier scheme."""

from __future__ import annotations

import pytest

from ingest import identifiers as ids
from ingest.models import Pinpoint


# fmt: off
@pytest.mark.parametrize(("raw", "expected"), [
    pytest.param("ECLI:NL:RVS:2022:1973.", "ECLI:NL:RVS:2022:1973", id="trailing-dot"),
    pytest.param("ECLI : nl:RvS:2022:1973", "ECLI:NL:RVS:2022:1973", id="spaces-case"),
    pytest.param("ECLI:EU:C:1984:ab3254x", "ECLI:EU:C:1984:AB3254X", id="upper"),
    pytest.param("ECLI:NL:RVS:22:1973", None, id="short-year"),
])
def test_identifiers_normalise_ecli(raw: str, expected: str | None) -> None:
    assert ids.normalise_ecli(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    pytest.param("2023/24", "20232024", id="slash-short"),
    pytest.param("2018-2019", "20182019", id="dash-long"),
    pytest.param("1999/00", "19992000", id="century"),
    pytest.param("2024–2025", "20242025", id="en-dash"),
    pytest.param("2018-2020", None, id="not-consecutive"),
])
def test_identifiers_normalise_vergaderjaar(raw: str, expected: str | None) -> None:
    assert ids.normalise_vergaderjaar(raw) == expected


@pytest.mark.parametrize(("dossier", "nr", "expected"), [
    pytest.param("36 600 XX", "17", "kst-36600-XX-17", id="roman"),
    pytest.param("31.700.VIII", "32", "kst-31700-VIII-32", id="dots"),
    pytest.param("21 501-07", "1595", "kst-21501-07-1595", id="sub-dossier"),
    pytest.param("31145", "aa", "kst-31145-AA", id="ek-letters"),
    pytest.param("27 484 (R 1669)", "289", "kst-27484-289", id="rijksdossier"),
])
def test_identifiers_kamerstuk_id(dossier: str, nr: str, expected: str) -> None:
    assert ids.kamerstuk_id(dossier, nr) == expected


@pytest.mark.parametrize(("act", "year", "number", "expected"), [
    pytest.param("Richtlijn", "2003", "86", "32003L0086", id="directive"),
    pytest.param("verordening", "2013", "604", "32013R0604", id="regulation"),
    pytest.param("richtlijn", "93", "109", "31993L0109", id="two-digit-year"),
    pytest.param("Kaderbesluit", "2002", "584", "32002F0584", id="framework-decision"),
    pytest.param("mededeling", "2002", "584", None, id="not-an-act"),
])
def test_identifiers_celex_for_eu_act(act: str, year: str, number: str, expected: str | None) -> None:
    assert ids.celex_for_eu_act(act, year, number) == expected


@pytest.mark.parametrize(("work", "pinpoint", "iri"), [
    pytest.param("BWBR0011825", Pinpoint("3.71", "3"), "https://wetten.overheid.nl/jci1.3:c:BWBR0011825&artikel=3.71&lid=3", id="bwb-part"),
    pytest.param("BWBR0005537", Pinpoint(afdeling="8.2.1"), "https://wetten.overheid.nl/jci1.3:c:BWBR0005537&afdeling=8.2.1", id="bwb-afdeling"),
    pytest.param("BWBR0011823", Pinpoint(hoofdstuk="7", afdeling="3"), "https://wetten.overheid.nl/jci1.3:c:BWBR0011823&hoofdstuk=7&afdeling=3", id="bwb-hoofdstuk-afdeling"),
    pytest.param("BWBR0005537", Pinpoint(titeldeel="4.1"), "https://wetten.overheid.nl/jci1.3:c:BWBR0005537&titeldeel=4.1", id="bwb-titeldeel"),
    pytest.param("BWBR0020368", Pinpoint("3A:17", "2"), "https://wetten.overheid.nl/jci1.3:c:BWBR0020368&artikel=3a:17&lid=2", id="bwb-letter-after-digit-in-bwb-case"),
    pytest.param("BWBR0025572", Pinpoint(hoofdstuk="3A"), "https://wetten.overheid.nl/jci1.3:c:BWBR0025572&hoofdstuk=3a", id="bwb-division-letter"),
    pytest.param("BWBR0030840", Pinpoint("IX"), "https://wetten.overheid.nl/jci1.3:c:BWBR0030840&artikel=IX", id="bwb-roman-article-as-printed"),
    # the characters a Juriconnect reference may not hold as they are: percent-encoded
    pytest.param("BWBR0011825", Pinpoint("[24]"), "https://wetten.overheid.nl/jci1.3:c:BWBR0011825&artikel=%5B24%5D", id="bwb-editorial-number-encoded"),
    pytest.param("BWBR0004627", Pinpoint("X 4a"), "https://wetten.overheid.nl/jci1.3:c:BWBR0004627&artikel=X%204a", id="bwb-space-encoded"),
    pytest.param("BWBR0011823", Pinpoint(), "https://wetten.overheid.nl/BWBR0011823", id="bwb-whole-work"),
    pytest.param("32003L0086", Pinpoint(), "http://data.europa.eu/eli/dir/2003/86/oj", id="eli"),
    pytest.param("12012E/TXT", Pinpoint(), "http://publications.europa.eu/resource/celex/12012E/TXT", id="treaty"),
    pytest.param("WBV 2013/23", Pinpoint(), "https://w3id.org/wetgraaf/id/doc/WBV-2013-23", id="wbv"),
])
def test_identifiers_part_iri(work: str, pinpoint: Pinpoint, iri: str) -> None:
    assert ids.part_iri(work, pinpoint) == iri
# fmt: on


def test_identifiers_valid_work_covers_new_schemes() -> None:
    assert ids.is_valid_work("WBV 2013/23") and ids.is_valid_work("12012P/TXT")
    assert not ids.is_valid_work("Vw 2000")


@pytest.mark.parametrize(
    ("bwb_jci", "printed"),
    [
        pytest.param(
            "jci1.3:c:BWBR0020368&artikel=3a:17",
            "artikel 3A:17 van de Wet op het financieel toezicht",
            id="wft-3A",
        ),
        pytest.param(
            "jci1.3:c:BWBR0020368&artikel=3a:127&lid=1",
            "artikel 3A:127, eerste lid, Wet op het financieel toezicht",
            id="wft-3A-lid",
        ),
    ],
)
def test_identifiers_printed_case_and_bwb_jci_give_one_iri(
    bwb_jci: str, printed: str
) -> None:
    """The BWB reader takes a part's pinpoint from BWB's own jci (lower-case letter);
    a citation prints the capital: one IRI, the pinpoint kept as written."""
    from ingest.extract import find_references
    from ingest.sources.bwb import parse_jci

    work, from_bwb = parse_jci(bwb_jci)
    assert work is not None
    (ref,) = [r for r in find_references(printed) if r.pinpoint.artikel]
    assert ref.pinpoint.artikel != from_bwb.artikel  # "3A:17" as printed, "3a:17"
    assert ref.iri == ids.part_iri(work, from_bwb) == ids.jci_iri(bwb_jci)
