"""Issue 23, parts of an article the part grammar does not read, before the regeling
named after them: "artikel 2.4, tweede/vijfde lid, Vreemdelingenbesluit" is the Vb's
article 2.4 — not the citing regeling's own article 2.4 with the name left over. The
article and its regeling are what is written; the unread parts are passed over, never
past a sentence, a line or a conjunction (a full stop typed before the name is passed
over only when the name alone follows: "artikel 4.48. Vb."; a gloss in parentheses,
"Artikel 57 (vrijheidsbeperking) en 58 …", only when the list or its name goes on). Letters apart from the number ("22, c en d")
are unresolved with a reason; an English designation of an act we do not know is no
article of the citing treaty. Sentences from the corpus (the file named per row; the
expected ids are the publisher's own links there) unless marked "constructed"."""

from __future__ import annotations

import pytest

from ingest.extract import find_references
from ingest.models import CitingContext
from tests.factories import make_expected as E  # noqa: N812
from tests.factories import project_all

VW, VB, VV = "BWBR0011823", "BWBR0011825", "BWBR0012002"
VC_A, VC_C = "BWBR0012287", "BWBR0012288"
COA_WET, BESLUIT_COA = "BWBR0006685", "BWBR0017959"

# fmt: off
READ = [
    # VV 2000 (corpus/bwb-2012/BWBR0012002.xml): it has an article 2.4 of its own
    pytest.param(VV, "Toegang tot het Beneluxgebied verleend van (datum) tot (datum), artikel 2.4, tweede/vijfde lid, Vreemdelingenbesluit (inreisstempel", [E("legislation", VB, artikel="2.4")], id="slash-leden"),
    # Besluit COA (shared bwb-wetgeving-2012/BWBR0017959.xml, as read): its own
    # article 3 was taken before
    pytest.param(BESLUIT_COA, "als bedoeld in artikel 3, tweede, lid, van de Wet Centraal Orgaan opvang asielzoekers, na een verzoek", [E("legislation", COA_WET, artikel="3")], id="comma-in-lid"),
    # Vc A (corpus/bwb-2012/BWBR0012287.xml): a lid as a bare number
    pytest.param(VC_A, "die niet op hem betrekking hebben (art. 6.5a 4b Vb).", [E("legislation", VB, artikel="6.5a")], id="bare-lid-number"),
    pytest.param(VC_A, "worden gekozen voor een maatregel op grond van artikel 59, eerste dan wel tweede lid, Vw.", [E("legislation", VW, artikel="59")], id="dan-wel-leden"),
    pytest.param(VC_A, "wordt op grond van artikel 6.1, lid 1en 2, Vb aangenomen", [E("legislation", VB, artikel="6.1")], id="lid-1en-2"),
    # Vc C (corpus/bwb-2012/BWBR0012288.xml): the lid read stays, "juncto …" is passed
    pytest.param(VC_C, "afgewezen op grond van artikel 31, eerste lid, juncto tweede lid, onder k, Vw.", [E("legislation", VW, artikel="31", lid="1")], id="juncto-lid"),
    pytest.param(VC_C, "Indien de eerdere aanvraag is afgewezen op grond van artikel 30, en dan met name onder a of d, Vw, dan", [E("legislation", VW, artikel="30")], id="met-name"),
    pytest.param(VC_C, "Dit is ingevolge artikel 3.107a, tweede tot en met het vierde lid, Vb niet van toepassing", [E("legislation", VB, artikel="3.107a")], id="tot-en-met-het"),
    # Vc C and VV: the article's letter written apart
    pytest.param(VC_C, "verwezen naar artikel 62, Vw in combinatie met artikel 62 a, Vw.", [E("legislation", VW, artikel="62"), E("legislation", VW, artikel="62a")], id="letter-apart"),
    pytest.param(VV, "Het model van de verklaring, bedoeld in artikel 1 d van het Besluit uitvoering Wet arbeid vreemdelingen is opgenomen", [E("legislation", "BWBR0007523", artikel="1d")], id="letter-apart-van"),
    pytest.param(VV, "hij strafbaar is op grond van artikel 1 onder 4e van de Wet op de economische delicten;", [E("legislation", "BWBR0002063", artikel="1", onderdeel="4")], id="onder-4e"),
    # VV and Vc A: articles separated by a slash
    pytest.param(VV, "voor een verblijfsvergunning op grond van artikel 14/20/33 Vw 2000 op (datum).", [E("legislation", VW, artikel=a) for a in ("14", "20", "33")], id="slash-list"),
    # Vc A: bare numbers before a name, with a lid the part grammar does not read
    pytest.param(VC_A, "veroordeling tot maximaal 6 maanden vrijheidsstraf (6.5a 3e lid Vb);", [E("legislation", VB, artikel="6.5a")], id="bare-number-unread"),
    # Vc A: "art" without its full stop; "tot en met artikel" repeats the keyword
    pytest.param(VC_A, "De IND legt een inreisverbod op anders dan op grond van art 66a, lid 7 Vw.", [E("legislation", VW, artikel="66a", lid="7")], id="art-no-dot"),
    pytest.param(VC_A, "Voorts wordt verwezen naar artikel 4.24 tot en met artikel 4.26 Vb voor het plaatsen", [E("legislation", VB, artikel=a) for a in ("4.24", "4.25", "4.26")], id="range-keyword-again"),
    # Vc A: a gloss in parentheses after each article of a list, the name after the last
    pytest.param(VC_A, "Artikel 57 (vrijheidsbeperking) en 58 (vrijheidsontneming) Vw maken het mogelijk om vreemdelingen", [E("legislation", VW, artikel="57"), E("legislation", VW, artikel="58")], id="gloss-list"),
    pytest.param(VC_A, "De artikelen 90 (toekenning van schade als er gronden voor billijkheid zijn) en 93 (uitbetaling door de griffier) WvSv zijn van overeenkomstige toepassing.", [E("legislation", "BWBR0001903", artikel="90"), E("legislation", "BWBR0001903", artikel="93")], id="gloss-list-long"),
    # Vc A: a full stop typed after the number, the name alone before the next one
    pytest.param(VC_A, "7.6.2 Verblijf korter dan drie maanden Zie artikel 4.48. Vb. De vreemdeling die rechtmatig verblijf", [E("legislation", VB, artikel="4.48")], id="stray-dot-before-name"),
    pytest.param(VC_A, "Opheffing van een aanwijzing/ maatregel als bedoeld in artikel 6/ 50/ 55/ 56/ 57/ 58 of 59 Vreemdelingenwet 2000", [E("legislation", VW, artikel=a) for a in ("6", "50", "55", "56", "57", "58", "59")], id="slash-list-spaced"),
]
# fmt: on


@pytest.mark.parametrize(("work", "text", "expected"), READ)
def test_generalise_unread_parts_before_the_regeling(
    work: str, text: str, expected: list
) -> None:
    assert project_all(find_references(text, CitingContext(work=work))) == expected


# fmt: off
NOT_READ = [
    # constructed: a conjunction before the name — two references, no article of it
    pytest.param(VV, "artikel 12 en het Vb", "no such article in", id="en-het"),
    pytest.param(None, "artikel 12 of het Vb", "no regeling named", id="of-het"),
    # constructed: not past the end of the sentence or the line
    pytest.param(None, "artikel 12, tweede/derde. Vw", "no regeling named", id="sentence"),
    pytest.param(None, "artikel 12, tweede\nVw", "no regeling named", id="line"),
    # constructed: a name that opens the next sentence is not the article's
    pytest.param(None, "Zie artikel 12. Vw 2000 bepaalt dat", "no regeling named", id="dot-new-sentence"),
    # constructed: a slash before a year is no list ("3/2015")
    pytest.param(None, "artikel 3/2015 Vw", "no regeling named", id="slash-year"),
]
# fmt: on


@pytest.mark.parametrize(("work", "text", "reason"), NOT_READ)
def test_generalise_unread_parts_stop(work: str | None, text: str, reason: str) -> None:
    first = find_references(text, CitingContext(work=work))[0]
    assert "V" not in first.reference.text  # the name is a reference of its own
    assert first.work is None and reason in (first.reason or "")


def test_generalise_letters_apart_are_unresolved() -> None:
    # Vc A: "de artikelen 22, c en d, WvSr" — articles 22c and 22d of the Sr, or
    # onderdelen of article 22? The publisher links 22; Sr 22c and 22d exist
    text = "de taakstraf wordt tegengeworpen (zie de artikelen 22, c en d, WvSr)."
    (found,) = find_references(text, CitingContext(work=VC_A))
    assert found.work is None
    assert found.reason == "letters apart from the article number ('c en d')"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # EVRM (corpus/bwb-2012/BWBV0001000.xml): the Statute is another treaty
        pytest.param(
            "to the privileges and immunities provided for in Article 40 of the"
            " Statute of the Council of Europe and in the agreements",
            None,
            id="statute",
        ),
        # constructed: "the Convention" in a treaty's text is the treaty itself
        pytest.param(
            "the rights set forth in Article 5 of the Convention",
            "BWBV0001000",
            id="own",
        ),
    ],
)
def test_generalise_english_designation_of_an_unknown_act(
    text: str, expected: str | None
) -> None:
    (found,) = find_references(text, CitingContext(work="BWBV0001000"))
    assert found.work == expected
    if expected is None:
        assert "an act the tables lack" in (found.reason or "")


def test_generalise_slash_before_a_smaller_number_is_no_list() -> None:
    # ECLI:EU:C:2017:71 (corpus/cjeu): a Belgian article number
    text = "excluded from refugee status under Article 55/2 of the Law of 15 December"
    assert [r.pinpoint.artikel for r in find_references(text)] == ["55"]


def test_generalise_gloss_only_before_more_of_the_reference() -> None:
    # constructed: a gloss that nothing of the reference follows stays outside it,
    # and a parenthesis with digits is no gloss ("(Stb. 2000, 495)")
    (ref,) = find_references("artikel 8 (gezinsleven) is van belang")
    assert ref.reference.text == "artikel 8"
    refs = find_references("artikel 12 (Stb. 2000, 495) Vw")
    assert refs[0].reference.text == "artikel 12" and refs[0].work is None
