"""Issue 23, Vreemdelingencirculaire chapters: "B9 Vreemdelingencirculaire 2000" names
chapter B9 anywhere; "(zie A4)", "verwezen naar B10", "C1 tot en met C22" name chapters only in the Vc
itself or a decision amending it (elsewhere "A4" may be a paper size: unresolved with
a reason). Chapters are pinpointed as the Vc numbers them (``paragraaf=A4``, as the
BWB reader gives a chapter). Sentences from the corpus (the file named per row; the
expected ids and numbers are the publisher's own links there) unless marked
"constructed"."""

from __future__ import annotations

import pytest

from ingest.extract import find_references
from ingest.models import CitingContext
from tests.factories import make_expected as E  # noqa: N812
from tests.factories import project_all

VC_A, VC_B, VC_C = "BWBR0012287", "BWBR0012289", "BWBR0012288"

# fmt: off
CHAPTERS = [
    # Vc A (corpus/bwb-2012/BWBR0012287.xml)
    pytest.param(VC_A, None, "taken opgedragen op het gebied van:\ntoegang (zie A2);\ntoezicht (zie A3);\nvertrek en uitzetting (zie A4);", [E("policy", VC_A, paragraaf=p) for p in ("A2", "A3", "A4")], id="zie"),
    pytest.param(VC_A, None, "personen die onder het Gemeenschapsrecht inzake vrij verkeer vallen wordt verwezen naar B10.", [E("policy", VC_B, paragraaf="B10")], id="verwezen-naar"),
    pytest.param(VC_A, None, "aangifte/verlenen medewerking aan strafproces mensenhandel en beroep op regeling B9 Vreemdelingencirculaire 2000", [E("policy", VC_B, paragraaf="B9")], id="named-vc"),
    # Vc C (corpus/bwb-2012/BWBR0012288.xml): "en" adds a chapter or a paragraph
    pytest.param(VC_C, None, "niet heeft behaald en daar niet van is vrijgesteld of ontheven (zie C7 en C17).", [E("policy", VC_C, paragraaf="C7"), E("policy", VC_C, paragraaf="C17")], id="zie-en"),
    pytest.param(VC_C, None, "is veeleer een besluit- en/of vertrekmoratorium opportuun (zie C19 en C22/6).", [E("policy", VC_C, paragraaf="C19"), E("policy", VC_C, paragraaf="C22/6")], id="zie-en-paragraph"),
    # WBV 2013/23 (corpus/seeds/wbv-2013-23-vc-wijziging.txt): a decision amending the Vc
    pytest.param(None, "WBV 2013/23", "de vreemdeling die buiten zijn schuld Nederland niet kan verlaten (zie B8).", [E("policy", VC_B, paragraaf="B8")], id="wbv"),
    # corpus/seeds/kamerbrief-regulier-verblijf-2025-04-15.txt: a letter, named with Vc
    pytest.param(None, None, "beschreven in paragraven B8 en B9 van de Vreemdelingencirculaire 2000.", [E("policy", VC_B, paragraaf="B9")], id="letter-named"),
    # Vc A: a stray space after the slash of a paragraph number
    # Vc C (its 30 country paragraphs say so): a range of chapters of one part, the
    # publisher's link over it targets C1; those between implied
    pytest.param(VC_C, None, "Het landgebonden asielbeleid is een uitwerking van het algemene beleid van C1 tot en met C22 en kan niet worden gezien als een uitzonderingsregeling.", [E("policy", VC_C, paragraaf=f"C{n}") for n in range(1, 23)], id="range"),
    pytest.param(VC_A, None, "op het artikel 64 Vw verzoek (zie A4/ 7.3.1 en A4/7.3.2).", [E("policy", VC_A, paragraaf="A4/7.3.1"), E("policy", VC_A, paragraaf="A4/7.3.2")], id="slash-space"),
]
# fmt: on


@pytest.mark.parametrize(("work", "document", "text", "expected"), CHAPTERS)
def test_generalise_vc_chapters(
    work: str | None, document: str | None, text: str, expected: list
) -> None:
    found = find_references(text, CitingContext(work=work, document=document))
    assert project_all([r for r in found if r.reference.kind == "policy"]) == expected


def test_generalise_vc_chapter_range_marks_the_implied_ones() -> None:
    text = "een uitwerking van het algemene beleid van C1 tot en met C4 en kan"
    found = find_references(text, CitingContext(work=VC_C))
    assert [r.reference.text for r in found] == ["C1", "tot en met", "tot en met", "C4"]
    implied = [r.reference.group("implied") for r in found]
    assert implied == [None, "range", "range", None]


def test_generalise_vc_chapter_range_outside_the_vc_is_unresolved() -> None:
    # constructed: "A1 tot en met A4" in a letter may be paper sizes
    found = find_references("Formaten A1 tot en met A4 zijn toegestaan.")
    assert [r.work for r in found] == [None] * 4
    assert found[0].reason == (
        "'tot en met' A1 outside the Vc names no Vc chapter for certain"
    )


def test_generalise_vc_chapter_outside_the_vc_is_unresolved() -> None:
    # constructed: a letter's "zie A4" may be a paper size
    (found,) = find_references("Het formulier (zie A4) is bijgevoegd.")
    assert found.work is None
    assert found.reason == "'zie' A4 outside the Vc names no Vc chapter for certain"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Het formulier wordt op A4-formaat ingediend.", id="paper"),
        pytest.param("zie A4-formaat", id="paper-after-zie"),
        pytest.param("zie A4.3 hieronder", id="numbered-list"),
        pytest.param("een A4 met de gegevens", id="no-cue"),
        # constructed: no range across parts, nor a descending one
        pytest.param("van C3 tot en met B2 gelden", id="range-across-parts"),
        pytest.param("van C9 tot en met C2 gelden", id="range-descending"),
    ],
)
def test_generalise_vc_chapter_negatives(text: str) -> None:
    assert find_references(text, CitingContext(work=VC_A)) == []
