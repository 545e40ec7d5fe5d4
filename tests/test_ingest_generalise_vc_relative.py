"""Issue 23, Vc paragraphs written without their chapter (ingest/vc_relative.py): "in
paragraaf 7.2.1.1" in A4 is A4/7.2.1.1, "Paragrafen 6.4.3, 6.4.4 en 6.4.5" in A5 are
A5's, and a list's later member takes its first member's chapter ("C9/2.1.1.1 en
2.1.1.2"). Only where the chapter is certain: in the Vc itself, inside a Vc paragraph
(not in C24's country sections, numbered by BWB's editors), and the chapter has that
paragraph; otherwise unresolved with a reason. Sentences from the corpus (the Vc A
and C, corpus/bwb-2012; the expected numbers are the publisher's own links there)
unless marked "constructed"."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.extract import find_references
from ingest.models import CitingContext, PartSpan, ResolvedReference
from ingest.sources.bwb_2012 import read_bwb_2012

ROOT = Path(__file__).resolve().parent.parent
VC_A, VC_C = "BWBR0012287", "BWBR0012288"


@pytest.fixture(scope="module")
def vc() -> dict[str, tuple[str, list[ResolvedReference]]]:
    found = {}
    for work in (VC_A, VC_C):
        doc = read_bwb_2012(ROOT / "corpus" / "bwb-2012" / f"{work}.xml")
        found[work] = (doc.text, find_references(doc.text, CitingContext.of(doc)))
    return found


def _after(
    text: str, refs: list[ResolvedReference], before: str, window: int = 1
) -> list:
    """The references that start within ``window`` characters after ``before``."""
    at = text.index(before) + len(before)
    return [r for r in refs if at <= r.reference.start < at + window]


# fmt: off
RESOLVED = [
    # A4/7.2.1.2 (the text stands in A4)
    pytest.param(VC_A, "opvang wenst dient hij/zij, zoals aangegeven in ", "paragraaf 7.2.1.1", VC_A, "A4/7.2.1.1", id="own-chapter"),
    # A5/6.3: "bij de IND" is no other document
    pytest.param(VC_A, "Dit kan bijvoorbeeld indien de informatie zoals vermeld in ", "paragraaf 6.4", VC_A, "A5/6.4", id="own-chapter-bij"),
    # A5/6.5.2: a list, each member in the same chapter
    pytest.param(VC_A, "Paragrafen 6.4.3, ", "6.4.4", VC_A, "A5/6.4.4", id="list-member"),
    pytest.param(VC_A, "Paragrafen 6.4.3, 6.4.4 en ", "6.4.5", VC_A, "A5/6.4.5", id="list-last"),
    # the Vc A citing the Vc C: the second member takes the first's chapter
    pytest.param(VC_A, "Voor de toepassing van deze maatregel bij deze categorie vreemdelingen wordt verwezen naar C9/2.1.1.1 en ", "2.1.1.2", VC_C, "C9/2.1.1.2", id="continues-other-part"),
    # C12/5: the same part
    pytest.param(VC_C, "Op deze regel zijn enkele uitzonderingen van toepassing (zie C12/5.2 en ", "5.3", VC_C, "C12/5.3", id="continues-own-part"),
]
# fmt: on


@pytest.mark.parametrize(("work", "before", "ref_text", "target", "number"), RESOLVED)
def test_relative_vc_paragraph_resolved(
    vc: dict, work: str, before: str, ref_text: str, target: str, number: str
) -> None:
    (ref,) = _after(*vc[work], before)
    assert (ref.reference.text, ref.work, ref.pinpoint.paragraaf) == (
        ref_text,
        target,
        number,
    )


# fmt: off
UNRESOLVED = [
    # C24, the country sections (numbered by BWB's editors, where numbers restart)
    pytest.param(VC_C, "uitgangspunt dat verwesterde vrouwen zich kunnen aanpassen (", "zie 3.2.2", id="country-section"),
    pytest.param(VC_C, "kan worden tegengeworpen (", "zie verder 7.2", id="country-section-verder"),
]
# fmt: on


@pytest.mark.parametrize(("work", "before", "ref_text"), UNRESOLVED)
def test_relative_vc_paragraph_without_a_certain_chapter(
    vc: dict, work: str, before: str, ref_text: str
) -> None:
    (ref,) = _after(*vc[work], before)
    assert (ref.reference.text, ref.work) == (ref_text, None)
    assert (ref.reason or "").startswith("no Vc chapter for certain")


# fmt: off
NOT_TAKEN = [
    # C14/1: a single number (its two are a stale numbering: the publisher links
    # C14/2 and C14/3 for "paragraaf 3" and "paragraaf 4")
    pytest.param(VC_C, "worden eerst de geloofwaardigheid van de verklaringen (", id="single-number"),
    # C24: another document's section
    pytest.param(VC_C, "minderheden (uit genoemd ambtsbericht (", id="par-of-another-document"),
]
# fmt: on


@pytest.mark.parametrize(("work", "before"), NOT_TAKEN)
def test_relative_vc_paragraph_not_taken(vc: dict, work: str, before: str) -> None:
    assert _after(*vc[work], before, window=20) == []


def _chapter_c2(text: str) -> CitingContext:
    """Constructed: the text stands in C2/1 of the Vc C, which has C2/1.1 too."""
    return CitingContext(
        work=VC_C,
        parts=(
            PartSpan(0, len(text), "hoofdstuk", "C2"),
            PartSpan(0, len(text), "beleidsregel", "C2/1"),
            PartSpan(0, len(text), "beleidsregel", "C2/1.1"),
        ),
    )


# fmt: off
CONSTRUCTED = [
    pytest.param("Zie paragraaf 1.1 en 9.9.", [("paragraaf 1.1", "C2/1.1", None), ("9.9", None, "no paragraph 9.9 in Vc chapter C2")], id="member-missing"),
    pytest.param("Zie paragraaf 9.9.9 en 1.1.", [("paragraaf 9.9.9", None, "no paragraph 9.9.9 in Vc chapter C2"), ("1.1", None, "1.1 continues a list whose first member is missing")], id="first-missing"),
    # another document's paragraph; an article of the Vb after a Vc paragraph
    pytest.param("Zie paragraaf 1.1 van het ambtsbericht.", [], id="van-another-document"),
    pytest.param("Zie C2/4.2 en 1.1 Vb.", [("C2/4.2", "C2/4.2", None)], id="article-after-paragraph"),
    # a list's next member in the citing part itself: the chapter must have it
    pytest.param("Zie C2/4.2 en 1.1.", [("C2/4.2", "C2/4.2", None), ("1.1", "C2/1.1", None)], id="member-of-own-part"),
    pytest.param("Zie C2/4.2 en 7.7.", [("C2/4.2", "C2/4.2", None), ("7.7", None, "no paragraph 7.7 in Vc chapter C2")], id="member-own-part-missing"),
    pytest.param("Zie C2/4.2 en 2 weken later.", [("C2/4.2", "C2/4.2", None)], id="no-dot-no-member"),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), CONSTRUCTED)
def test_relative_vc_paragraph_constructed(text: str, expected: list) -> None:
    found = [
        (r.reference.text, r.pinpoint.paragraaf, r.reason)
        for r in find_references(text, _chapter_c2(text))
        if r.reference.kind == "policy"
    ]
    assert found == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("zoals beschreven in paragraaf 5.2.2 van deze brief", id="van"),
        pytest.param("Zie paragraaf 5.2.2 hieronder en zie 5.3.", id="letter"),
    ],
)
def test_relative_vc_paragraph_outside_the_vc_is_no_reference(text: str) -> None:
    # constructed: a letter's or a report's own sections
    assert find_references(text) == []
    assert find_references(text, CitingContext(work="BWBR0011823")) == []
