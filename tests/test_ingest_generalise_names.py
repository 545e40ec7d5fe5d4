"""Issue 23, regeling names: the citeertitels of the whole BWB (ingest/data/
bwb_citeertitels.csv, from shared bwb-titles-2012.jsonl) where a designation stands,
titles in any case ("OPIUMWET", "Wet Op De …"), abbreviations as written in practice,
and the Awb's annex, whose "Wet X: artikel …" / "Wet X, met … artikel …" lines name
Wet X and never silently the Awb. Sentences from the Vb 2019 and the Awb 2020
(corpus/bwb; the expected ids are the publisher's own links there) or the issue."""

from __future__ import annotations

import pytest

from ingest.extract import find_references
from ingest.models import CitingContext, PartSpan
from ingest.tables import load_alias_table
from tests.factories import make_expected as E  # noqa: N812
from tests.factories import project_all

AWB = "BWBR0005537"

# fmt: off
NAMES = [
    # Vb 2019 art. 3.41 and 3.120a: titles only the whole BWB's citeertitels give
    pytest.param("b. voortgezet onderwijs aanbiedt als bedoeld in artikel 2 van de Wet op het voortgezet onderwijs;", [E("legislation", "BWBR0002399", artikel="2")], id="citeertitel"),
    pytest.param("een tweede of volgende aanvraag in de zin van artikel 5b van het Besluit vergoedingen rechtsbijstand 2000.", [E("legislation", "BWBR0011018", artikel="5b")], id="citeertitel-besluit"),
    pytest.param("artikel 10 van de Wet openbaarheid van bestuur gestelde regels", [E("legislation", "BWBR0005252", artikel="10")], id="title-ends-before-participle"),
    pytest.param("artikel 2 van de Wet openbaarheid van bestuur BES", [E("legislation", "BWBR0028154", artikel="2")], id="longest-title"),
    # any case (issue)
    pytest.param("artikel 2 van de OPIUMWET", [E("legislation", "BWBR0001941", artikel="2")], id="upper-case"),
    pytest.param("artikel 3 van de Wet Op De Rechterlijke Organisatie", [E("legislation", "BWBR0001830", artikel="3")], id="title-case"),
    # abbreviations as written in practice
    pytest.param("artikel 7.3 WHW", [E("legislation", "BWBR0005682", artikel="7.3")], id="whw"),
    pytest.param("artikel 1 Fw", [E("legislation", "BWBR0001860", artikel="1")], id="fw"),
    pytest.param("artikel 273f Sr", [E("legislation", "BWBR0001854", artikel="273f")], id="sr"),
    pytest.param("artikel 8:1 Awb", [E("legislation", AWB, artikel="8:1")], id="awb"),
    pytest.param("art. 3:40 BW", [E("legislation", "BWBR0005291", artikel="40")], id="bw-boek"),
    # real sentences: ECLI:NL:PHR:2011:BP5608 and the Vc A (corpus/rechtspraak,
    # corpus/bwb-2012/BWBR0012287.xml)
    pytest.param("gevolg te geven aan een door het hof gegeven bevel als bedoeld in artikel 22 Rv, zonder dat", [E("legislation", "BWBR0001827", artikel="22")], id="rv-ruling"),
    pytest.param("Het misdrijf van artikel 197a WvSr (mensensmokkel) kan", [E("legislation", "BWBR0001854", artikel="197a")], id="wvsr-vc"),
    pytest.param("dient te worden beschouwd – op grond van artikel 29 WvSv te worden medegedeeld", [E("legislation", "BWBR0001903", artikel="29")], id="wvsv-vc"),
    # negatives: no title, a generic word, abbreviations in lower case
    pytest.param("artikel 5 van de begroting", [E("legislation", None, artikel="5")], id="no-title"),
    pytest.param("artikel 1 van de Wet", [E("legislation", None, artikel="1")], id="generic-wet"),
    pytest.param("artikel 7.3 whw", [E("legislation", None, artikel="7.3")], id="abbreviation-lower-case"),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), NAMES)
def test_generalise_regeling_names(text: str, expected: list) -> None:
    assert project_all(find_references(text)) == expected


# Awb 2020, Bijlage 2 (Bevoegdheidsregeling bestuursrechtspraak), as read from
# corpus/bwb/BWBR0005537_2020-04-15_0.xml; the works are those of the publisher's links
AWB_ANNEX = (
    "Muntwet 2002: artikel 11, eerste en tweede lid\n"
    "Pensioenwet\n"
    "Postwet 2009, met uitzondering van hoofdstuk 3A en artikel 58\n"
    "Sanctiewet 1977: de artikelen 10ba tot en met 10d\n"
    "Spoorwegwet, met uitzondering van de artikelen 19 en hoofdstuk 5, paragraaf 2, en artikel 71, tweede lid\n"
    "Tabaks- en rookwarenwet\n"
    "Telecommunicatiewet, met inbegrip van de verordeningen genoemd in artikel 18.2a, met uitzondering van:\n"
    "a. de artikelen 3.5, 3.5a, 3.5b, 3.22, 15.2, derde lid, 15.4, vierde lid, en 18.9, eerste en tweede lid\n"
)


def test_generalise_awb_annex_names_the_listed_law_never_the_awb() -> None:
    context = CitingContext(
        work=AWB, parts=(PartSpan(0, len(AWB_ANNEX), "artikel", "1"),)
    )
    found = [
        (r.reference.text, r.work, r.pinpoint.artikel)
        for r in find_references(AWB_ANNEX, context)
        if r.pinpoint.artikel
    ]
    assert found == [
        ("artikel 11, eerste en tweede lid", "BWBR0013064", "11"),
        ("artikel 58", None, "58"),  # Postwet 2009: a title we do not know, no guess
        ("artikelen 10ba", "BWBR0003296", "10ba"),
        # (no "10c": a range from "10ba" to "10d" is not expanded)
        ("10d", "BWBR0003296", "10d"),
        ("artikelen 19", "BWBR0015007", "19"),
        ("artikel 71, tweede lid", "BWBR0015007", "71"),
        ("artikel 18.2a", "BWBR0009950", "18.2a"),
        # a list item under the Telecommunicatiewet line, not under "Sanctiewet 1977:"
        ("artikelen 3.5", "BWBR0009950", "3.5"),
        ("3.5a", "BWBR0009950", "3.5a"),
        ("3.5b", "BWBR0009950", "3.5b"),
        ("3.22", "BWBR0009950", "3.22"),
        ("15.2, derde lid", "BWBR0009950", "15.2"),
        ("15.4, vierde lid", "BWBR0009950", "15.4"),
        ("18.9, eerste en tweede lid", "BWBR0009950", "18.9"),
    ]
    assert all(work != AWB for _text, work, _artikel in found)


def test_generalise_citeertitels_are_looked_up_not_scanned() -> None:
    table = load_alias_table()
    entry = table["Wet op het voortgezet onderwijs"]
    assert entry.source == "bwb_citeertitels.csv" and not entry.scanned
    # each Boek is its own regeling: the bare title is no citeertitel we take
    assert table["Burgerlijk Wetboek"].source != "bwb_citeertitels.csv"
    # a bare mention of a citeertitel-only regeling is not a reference by itself
    assert find_references("Wet op het voortgezet onderwijs") == []
