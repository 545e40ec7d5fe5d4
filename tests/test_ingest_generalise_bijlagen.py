"""Issue 23, lists of bijlagen: "bijlagen 7a, 7b, 7c, 7d en 7e VV", "bijlage 14c en 14d
bij deze regeling", "bijlage 14a tot en met 14d VV" — one reference per annex of the
list or range (those a range spans implied), all of the regeling named after the last,
as for lists of articles; without a regeling named, none (a letter's "zie bijlage 2 en
3" is its own annexes). Sentences from the corpus (the file named per row; the expected
ids are the publisher's own links there) unless marked "constructed"."""

from __future__ import annotations

import pytest

from ingest.extract import find_references
from ingest.models import CitingContext
from tests.factories import make_expected as E  # noqa: N812
from tests.factories import project_all

VV, VC_A = "BWBR0012002", "BWBR0012287"


def _annexes(*numbers: str) -> list:
    return [E("legislation", VV, bijlage=n) for n in numbers]


# fmt: off
LISTS = [
    # Vc A (corpus/bwb-2012/BWBR0012287.xml)
    pytest.param(VC_A, "Zij beschikken over een geldig verblijfsdocument (zie bijlagen 7a, 7b, 7c, 7d en 7e VV).", _annexes("7a", "7b", "7c", "7d", "7e"), id="plural-list"),
    pytest.param(VC_A, "De Engelstalige garantverklaring zoals opgenomen in bijlage 6a en 6b VV.", _annexes("6a", "6b"), id="singular-en"),
    # Vc A: a range; the publisher links its first annex (14a), the rest are implied
    pytest.param(VC_A, "Voor wat betreft de zeevaart zijn modellen voor bemannings- en passagierslijsten opgenomen in bijlage 14a tot en met 14d VV. De", _annexes("14a", "14b", "14c", "14d"), id="range"),
    # VV (corpus/bwb-2012/BWBR0012002.xml): its own annexes
    pytest.param(VV, "De bemanningslijst en de passagierslijst, opgenomen in bijlage 14c en 14d bij deze regeling.", _annexes("14c", "14d"), id="bij-deze-regeling"),
    pytest.param(VV, "de afzonderlijke delen I, II, III, respectievelijk IV van de modellen die als bijlage 7b, respectievelijk bijlagen 7c en 7d bij deze regeling zijn gevoegd", _annexes("7b", "7c", "7d"), id="respectievelijk-bijlagen"),
]
# fmt: on


@pytest.mark.parametrize(("work", "text", "expected"), LISTS)
def test_bijlage_lists(work: str, text: str, expected: list) -> None:
    refs = find_references(text, CitingContext(work=work))
    assert project_all(refs) == expected


def test_bijlage_range_marks_the_implied_annexes() -> None:
    refs = find_references("opgenomen in bijlage 14a tot en met 14d VV.")
    implied = [r.reference.group("implied") for r in refs]
    assert implied == [None, "range", "range", None]
    assert refs[-1].reference.text == "14d VV"


# fmt: off
NOT_LISTS = [
    # constructed: no regeling named after the list — a text's own annexes
    pytest.param("Zie bijlage 2 en 3 bij deze brief.", id="own-annexes"),
    # constructed: a number of another shape is no annex of the list
    pytest.param("zie bijlage 2 en 3 maanden later", id="not-an-annex"),
]
# fmt: on


@pytest.mark.parametrize("text", NOT_LISTS)
def test_bijlage_lists_need_a_regeling(text: str) -> None:
    assert find_references(text) == []


def test_bijlage_named_right_after_the_first_stays_one_reference() -> None:
    # constructed: "bijlage 13 VV en 14" — the VV is named with 13; "14" is no annex
    refs = find_references("zie bijlage 13 VV en 14")
    assert project_all(refs) == _annexes("13")
