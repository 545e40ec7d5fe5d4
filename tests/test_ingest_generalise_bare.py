"""Issue 23, article numbers written without "artikel" before a regeling's name ("4.30,
eerste lid, Vb", "5:20 Awb", the Vc's habit) and lists joined by "juncto". Sentences
from the Vc 2000 A (corpus/bwb-2012/BWBR0012287.xml); the expected ids are the
publisher's own links there. Only structured numbers ("4.30", "5:20") of a regeling
whose articles are known (ingest/data/bwb_articles.csv), ending where its name starts."""

from __future__ import annotations

import pytest

from ingest.extract import find_references
from tests.factories import make_expected as E  # noqa: N812
from tests.factories import project_all

AWB, VW, VB, VV = "BWBR0005537", "BWBR0011823", "BWBR0011825", "BWBR0012002"

# fmt: off
BARE = [
    pytest.param("(zie artikel 4.29, eerste lid, onder a, juncto 4.30, eerste lid, Vb). Daarbij", [E("legislation", VB, artikel="4.29", lid="1", onderdeel="a"), E("legislation", VB, artikel="4.30", lid="1")], id="juncto-list"),
    pytest.param("is geregeld in artikel 4.8 Vb en de artikelen 5:19 en 5:20 Awb.", [E("legislation", VB, artikel="4.8"), E("legislation", AWB, artikel="5:19"), E("legislation", AWB, artikel="5:20")], id="keyword-list"),
    pytest.param("In tegenstelling tot de hogere vreemdelingenregelgeving (artikel 124 Vw, artikel 7.5 VV en 9.13 Vb) is hier gekozen", [E("legislation", VW, artikel="124"), E("legislation", VV, artikel="7.5"), E("legislation", VB, artikel="9.13")], id="bare-after-list"),
    pytest.param("gelden in beginsel de in de artikelen 4 Vw en 4.4, 4.6 en 4.8 tot en met 4.10 Vb genoemde", [E("legislation", VW, artikel="4"), E("legislation", VB, artikel="4.4"), E("legislation", VB, artikel="4.6"), E("legislation", VB, artikel="4.8"), E("legislation", VB, artikel="4.9"), E("legislation", VB, artikel="4.10")], id="bare-list-with-range"),
    # negatives: no structured number, a word that makes it something else, a
    # regeling whose articles we do not know, a number it has no article for
    pytest.param("zie 33 Vw", [E("legislation", VW)], id="plain-number"),
    pytest.param("versie 2.1 VV", [E("legislation", VV)], id="versie"),
    pytest.param("nr. 4.3 Vw", [E("legislation", VW)], id="nummer"),
    pytest.param("een boete van € 1.500 Awb", [E("legislation", AWB)], id="amount"),
    pytest.param("B8/4.2 Vb", [E("policy", "BWBR0012289", paragraaf="B8/4.2"), E("legislation", VB)], id="vc-paragraph"),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), BARE)
def test_generalise_bare_article_numbers_before_a_name(
    text: str, expected: list
) -> None:
    assert project_all(find_references(text)) == expected


def test_generalise_bare_number_the_regeling_lacks_is_unresolved() -> None:
    (found,) = find_references("het bedrag van 3.50 Vw")
    assert found.work is None
    assert (found.reason or "").startswith("no such article in Vreemdelingenwet 2000")
