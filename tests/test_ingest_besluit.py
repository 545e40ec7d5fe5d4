"""ingest.models.Besluit: the outcome word of a TK besluit and whether its recorded
votes cover the Kamer's seats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.models import Besluit, Vote, besluit_uitslag
from ingest.sources import read_source
from ingest.sources.tk_odata import read_tk_odata

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
API = Path(__file__).resolve().parent / "data" / "api" / "tk"

# fmt: off
UITSLAGEN = [
    # (BesluitSoort, BesluitTekst) as the bundled and recorded besluiten give them
    pytest.param("Stemmen - aangenomen", "Aangenomen.", "aangenomen", id="aangenomen"),
    pytest.param("Stemmen - aangenomen", "Aangenomen. (70-67)", "aangenomen",
                 id="aangenomen-with-count"),
    pytest.param("Stemmen - verworpen", "Verworpen (53-90).", "verworpen",
                 id="verworpen"),
    pytest.param("Stemmen - niet aangenomen", "Niet aangenomen.", "niet aangenomen",
                 id="niet-aangenomen-is-not-aangenomen"),
    pytest.param("Afvoeren van de stand der werkzaamheden (plenair)",
                 "Afgevoerd van de stand der werkzaamheden.", "afgevoerd",
                 id="afgevoerd"),
    pytest.param("Behandelen [en afdoen]", "Behandeld.", "behandeld", id="behandeld"),
    # soorten the Gegevensmagazijn uses for motions that are not voted on (not in the
    # recorded responses)
    pytest.param("Aangehouden (tijdens vergadering)", "Aangehouden.", "aangehouden",
                 id="aangehouden"),
    pytest.param("Ingetrokken", "Ingetrokken.", "ingetrokken", id="ingetrokken"),
    pytest.param("Stemmingen - uitstellen", "", "uitgesteld", id="uitgesteld"),
    # neither names an outcome: the soort's last part, as it is
    pytest.param("Mededelingen - Vrijgeven", "", "Vrijgeven", id="unknown-soort"),
    pytest.param("", "Overgenomen.", "overgenomen", id="tekst-only"),
]
# fmt: on


@pytest.mark.parametrize(("soort", "tekst", "expected"), UITSLAGEN)
def test_besluit_uitslag(soort, tekst, expected):
    assert besluit_uitslag(soort, tekst) == expected
    assert Besluit("b", soort, tekst).uitslag == expected


def _bundled(agendapunt: str, zaak: str) -> Besluit:
    document = read_source(
        CORPUS / "tk-odata" / "stemming-per-agendapunt" / f"{agendapunt}.json"
    )
    [besluit] = [b for b in document.besluiten if b.zaak == zaak]
    return besluit


def _fetched() -> Besluit:
    page = json.loads((API / "constructed-zaak-2025Z17647-page.json").read_text())
    record = json.dumps(page["value"][0]).encode()
    [besluit] = read_tk_odata(Path("zaak-2025Z17647.json"), record).besluiten
    return besluit


@pytest.mark.parametrize(
    ("besluit", "expected"),
    [
        # kst-32824-462: "aangenomen" with 41 for and 65 against: 106 seats recorded
        pytest.param(
            lambda: _bundled("2025P16606", "2025Z16589"),
            ("aangenomen", 41, 65, 106, True),
            id="adopted-minority-recorded",
        ),
        # the recorded Stemming response: three fracties only (its top 3)
        pytest.param(
            _fetched, ("aangenomen", 49, 0, 49, True), id="fetched-three-fracties"
        ),
        pytest.param(
            lambda: Besluit("b", "Stemmen - verworpen", "Verworpen."),
            ("verworpen", 0, 0, 0, None),
            id="no-votes-recorded",
        ),
        pytest.param(
            lambda: _bundled("2025P17040", "2025Z16184"),
            ("aangenomen", 102, 48, 150, False),
            id="every-seat-recorded",
        ),
        pytest.param(
            lambda: _bundled("2024P13465", "2024Z09381"),
            ("verworpen", 55, 95, 150, False),
            id="rejected-every-seat-recorded",
        ),
        # a hoofdelijke stemming counts each member who voted as one seat
        pytest.param(
            lambda: Besluit(
                "b",
                "Stemmen - aangenomen",
                "Aangenomen.",
                votes=tuple(
                    Vote("VVD", "Voor", 1, persoon=f"lid {n}") for n in range(3)
                ),
            ),
            ("aangenomen", 3, 0, 3, True),
            id="hoofdelijk-members",
        ),
    ],
)
def test_besluit_recorded_seats(besluit, expected):
    found = besluit()
    assert (
        found.uitslag,
        found.zetels("Voor"),
        found.zetels("Tegen"),
        found.zetels_vastgelegd,
        found.zetels_onvolledig,
    ) == expected
