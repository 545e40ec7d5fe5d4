"""ingest.relations (cue phrases → typed relation claims), ingest.deadlines and
ingest.toezeggingen, plus precision/recall against tests/data/relations-gold."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from bench.bench_relations import measure
from graph.load import references_for
from ingest.deadlines import parse_deadline
from ingest.layout import split_sentences
from ingest.models import (
    DateRange,
    Division,
    DocumentKind,
    EditorialLink,
    Footnote,
    Pinpoint,
    Reference,
    ReferenceKind,
    RelationType,
    ResolvedReference,
    SourceDocument,
    ToezeggingStatus,
    WorkRef,
    toezegging_status,
)
from ingest.relations import extract_relations, load_cues
from ingest.toezeggingen import extract_toezeggingen, stated_toezeggingen
from tests.graph_fixtures import toezegging_letter


def _doc(text: str, kind: DocumentKind = DocumentKind.KAMERBRIEF) -> SourceDocument:
    return SourceDocument(id="2025D00001", kind=kind, title="t", text=text, path="x")


def _claims(text: str, kind: DocumentKind = DocumentKind.KAMERBRIEF):
    document = _doc(text, kind)
    return extract_relations(document, references_for(document))


# (sentence, type, subject work, subject pinpoint, object work, object pinpoint)
CUE_CASES = [
    (
        "Naar aanleiding van het arrest ECLI:EU:C:2017:354 is paragraaf B10/2.2 Vc gewijzigd.",
        RelationType.DERIVES_FROM,
        "BWBR0012289",
        {"paragraaf": "B10/2.2"},
        "ECLI:EU:C:2017:354",
        {},
    ),
    (
        "Gelet op de uitspraak van de Afdeling van 25 november 2020, ECLI:NL:RVS:2020:2818,"
        " wordt paragraaf B1/4.1 Vc aangepast.",
        RelationType.DERIVES_FROM,
        "BWBR0012289",
        {"paragraaf": "B1/4.1"},
        "ECLI:NL:RVS:2020:2818",
        {},
    ),
    (
        "Paragraaf B9/11 Vc is een aanvulling op of een uitwerking van artikel 3.71 Vb.",
        RelationType.ELABORATES,
        "BWBR0012289",
        {"paragraaf": "B9/11"},
        "BWBR0011825",
        {"artikel": "3.71"},
    ),
    (
        "Ter implementatie van richtlijn 2003/86/EG is artikel 3.13 Vb gewijzigd.",
        RelationType.IMPLEMENTS,
        "BWBR0011825",
        {"artikel": "3.13"},
        "32003L0086",
        {},
    ),
    (
        "Paragraaf B9/10 Vreemdelingencirculaire 2000 komt te luiden:",
        RelationType.AMENDS,
        "2025D00001",
        {},
        "BWBR0012289",
        {"paragraaf": "B9/10"},
    ),
    (
        "Paragraaf B9/10 Vreemdelingencirculaire 2000 wordt vernummerd tot B9/11 en komt"
        " te luiden:",
        RelationType.RENUMBERS,
        "BWBR0012289",
        {"paragraaf": "B9/10"},
        "BWBR0012289",
        {"paragraaf": "B9/11"},
    ),
    (
        "In deze brief kom ik terug op de toezegging TZ202505-006 over fraude.",
        RelationType.ANSWERS,
        "2025D00001",
        {},
        "TZ202505-006",
        {},
    ),
    (
        "Ter uitvoering van de motie (Kamerstukken II 2021/22, 19 637, nr. 2798) wordt"
        " een onderzoek gestart.",
        RelationType.ANSWERS,
        "2025D00001",
        {},
        "kst-19637-2798",
        {},
    ),
    (
        # the header of every Kamerstuk in dossier 36 332 (kst-36332-42)
        "36 332 Wijziging van de Vreemdelingenwet 2000 in verband met de implementatie"
        " van richtlijn (EU) 2021/1883 van het Europees parlement en de Raad",
        RelationType.IMPLEMENTS,
        "BWBR0011823",
        {},
        "32021L1883",
        {},
    ),
]


@pytest.mark.parametrize(
    ("text", "type_", "subject", "subject_pin", "obj", "obj_pin"), CUE_CASES
)
def test_cue_gives_claim(text, type_, subject, subject_pin, obj, obj_pin):
    kind = (
        DocumentKind.WIJZIGINGSBESLUIT
        if type_ in (RelationType.AMENDS, RelationType.RENUMBERS)
        else DocumentKind.KAMERBRIEF
    )
    claims = [c for c in _claims(text, kind) if c.type is type_]
    assert [
        (c.subject.work, c.subject.pinpoint.as_dict(), c.object.work) for c in claims
    ] == [(subject, subject_pin, obj)]
    claim = claims[0]
    assert claim.object.pinpoint.as_dict() == obj_pin
    assert claim.method == "extracted"
    assert 0 < claim.confidence <= 1
    assert claim.cue.lower() in text.lower().replace("\n", " ")
    assert (claim.start, claim.end) == (0, len(text.rstrip()))


def test_abstains_without_a_suitable_reference():
    # A cue without any reference, and a cue whose only reference is of the wrong kind.
    assert (
        _claims("Naar aanleiding van het arrest van het Hof wordt de Vc aangepast.")
        == []
    )
    assert _claims("Naar aanleiding van de motie wordt artikel 3.71 Vb herzien.") == []


def test_report_is_never_the_subject():
    text = "Nederland heeft een actieplan opgesteld ter implementatie van richtlijn 2003/86/EG."
    assert _claims(text, DocumentKind.RAPPORT) == []
    assert [c.subject.work for c in _claims(text)] == ["2025D00001"]


def test_reference_in_footnote_counts_at_its_marker():
    text = (
        "Naar aanleiding van de motie7 worden acties uitgewerkt.\n\n"
        "Iets anders.\n\n"
        "  7. Kamerstukken II vergaderjaar 2021-2022, 19 637, nr. 2798\n"
    )
    start = text.index("Kamerstukken")
    document = SourceDocument(
        id="2025D00001",
        kind=DocumentKind.KAMERBRIEF,
        title="t",
        text=text,
        path="x",
        footnotes=(
            Footnote("7", text[start:-1], start, len(text) - 1, (text.index("7 "),)),
        ),
    )
    claims = extract_relations(document, references_for(document))
    assert [(c.type, c.object.work, c.start) for c in claims] == [
        (RelationType.ANSWERS, "kst-19637-2798", 0)
    ]


def test_sentences_keep_numbers_and_markers_whole():
    text = "Paragraaf A1/5.3 Vc komt te luiden. Bij de IND.3 Het onderzoek loopt."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Paragraaf A1/5.3 Vc komt te luiden.",
        "Bij de IND.3",
        "Het onderzoek loopt.",
    ]


def _with_footnotes(
    text: str, notes: dict[str, str], kind: DocumentKind = DocumentKind.KAMERBRIEF
) -> SourceDocument:
    """A document whose footnote texts stand at its end: ``notes`` maps the marker as
    glued in the body ("Chavez-Vilchez59)") to the footnote's number."""
    footnotes = []
    for glued, number in notes.items():
        marker = text.index(glued) + len(glued) - len(number)
        start = text.index(f"\n{number} ") + len(number) + 2
        end = text.index("\n", start)
        footnotes.append(Footnote(number, text[start:end], start, end, (marker,)))
    return SourceDocument(
        id="emn-2019" if kind is DocumentKind.RAPPORT else "2025D00001",
        kind=kind,
        title="t",
        text=text,
        path="x",
        footnotes=tuple(footnotes),
    )


# EMN Jaaroverzicht 2019 p. 27: the ruling is named in the heading (fn 59), the Vc
# change in the sentence below it (fn 60: its Staatscourant publication).
CHAVEZ = (
    "Regels omtrent werk bij indiening verblijfsaanvraag voor derdelandse verzorgende"
    " ouders van \n"
    "Nederlandse kinderen (Hof van Justitie van de Europese Unie, Chavez-Vilchez59)\n"
    "Als een derdelands ouder (afkomstig uit een land van buiten de EU/EER) van een"
    " Nederlands kind een \n"
    "aanvraag heeft ingediend voor een verblijfsvergunning op grond van EU-recht, dan"
    " mag deze in afwach-\n"
    "ting van de behandeling van de aanvraag werken als een positieve uitkomst van de"
    " aanvraag waar-\n"
    "schijnlijk is. Op 1 juli 2019 zijn nadere regels vastgelegd in de"
    " Vreemdelingencirculaire om dit te toet-\n"
    "sen.60 Bepaald is dat een positieve uitkomst waarschijnlijk als de aanvrager"
    " voldoende stukken ter \n"
    "onderbouwing van de aanvraag heeft overlegd.\n"
    "\n"
    "59 HvJ-EU, 10-05-2017, nr. C-133/15, ECLI:EU:C:2017:354.\n"
    "60 Staatscourant, 2019, nr. 34157.\n"
)


def test_section_cue_takes_the_ruling_from_the_heading():
    document = _with_footnotes(
        CHAVEZ, {"Chavez-Vilchez59": "59", "toet-\nsen.60": "60"}, DocumentKind.RAPPORT
    )
    claims = extract_relations(document, references_for(document))
    assert [(c.type, c.subject.work, c.object.work) for c in claims] == [
        (RelationType.DERIVES_FROM, "stcrt-2019-34157", "ECLI:EU:C:2017:354")
    ]
    quote = CHAVEZ[claims[0].start : claims[0].end]
    assert quote.startswith("Regels omtrent werk")  # the heading naming the ruling
    assert quote.endswith("om dit te toet-\nsen.60")  # … and the sentence below


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # the heading names two rulings: which one the change follows is unclear
        ("Chavez-Vilchez59)", "Chavez-Vilchez59, Zambrano C-34/09)"),
        # the heading names no ruling
        ("(Hof van Justitie van de Europese Unie, Chavez-Vilchez59)", "(EU-recht)"),
        # the sentence names no rule that changed (no Staatscourant footnote)
        ("toet-\nsen.60", "toet-\nsen."),
    ],
    ids=["two-rulings", "no-ruling", "no-rule"],
)
def test_section_cue_abstains(old, new):
    text = CHAVEZ.replace(old, new)
    notes = {g: n for g, n in {"Chavez-Vilchez59": "59", "toet-\nsen.60": "60"}.items()
             if g in text}  # fmt: skip
    document = _with_footnotes(text, notes, DocumentKind.RAPPORT)
    assert extract_relations(document, references_for(document)) == []


# Letter 2025D33530: a section headed by a motion, the motion's Kamerstuk in the
# footnote at the heading's end.
BOOMSMA = (
    "Motie Boomsma over de asielprocedure voor asielzoekers uit veilige landen binnen"
    " twee weken doorlopen8\n"
    "\n"
    "De IND behandelt asielaanvragen die behoren tot de doelgroep kansarm en"
    " veiligelanders in spoor 2 versneld. Asielzoekers uit deze doelgroep worden"
    " geplaatst in de procesbeschikbaarheidslocatie (pbl) alwaar gewerkt wordt met de"
    " procesbeschikbaarheid aanpak (pba).\n"
    "\n"
    "8 Kamerstukken II vergaderjaar 2024-2025, 19 637, nr. 3337\n"
)


def test_motion_named_in_a_heading_resolves_and_is_answered():
    document = _with_footnotes(BOOMSMA, {"doorlopen8": "8"})
    references = references_for(document)
    motion = next(r for r in references if r.reference.text == "Motie Boomsma")
    assert motion.work == "kst-19637-3337"
    claims = extract_relations(document, references)
    assert {(c.type, c.subject.work, c.object.work) for c in claims} == {
        (RelationType.ANSWERS, "2025D00001", "kst-19637-3337")
    }


# Letter 2025D33530: a section headed by a toezegging (fn 11), answered in the
# paragraph below it without the word "toezegging".
CHAUFFEURS = (
    "Inreisverbod stakende vrachtwachtenchauffeurs11\n"
    "\n"
    "Tijdens het commissiedebat over Regulier Verblijf stelde uw Kamer vragen over de"
    " vrachtwagenchauffeurs uit Azië, die vanwege een conflict met hun Litouwse"
    " werkgever staakten en al geruime tijd op een parkeerplaats verbleven, en het niet"
    " opleggen van een inreisverbod. Ik kan u meedelen dat deze chauffeurs inmiddels"
    " uit Nederland zijn vertrokken zonder dat een inreisverbod is opgelegd.\n"
    "\n"
    "11 TZ202505-125\n"
)


# fmt: off
@pytest.mark.parametrize(
    ("old", "new", "notes", "answered"),
    [
        pytest.param("", "", {"chauffeurs11": "11"}, {"TZ202505-125"}, id="real"),
        pytest.param("Ik kan u meedelen", "Ik kan uw Kamer melden", {"chauffeurs11": "11"},
                     {"TZ202505-125"}, id="uw-kamer-melden"),
        # not an answer: it cannot be told yet
        pytest.param("Ik kan u meedelen dat deze chauffeurs inmiddels",
                     "Ik kan u nog niet meedelen of deze chauffeurs inmiddels",
                     {"chauffeurs11": "11"}, set(), id="nog-niet"),
        # the heading cites two toezeggingen: which one is answered is unclear
        ("chauffeurs11\n", "chauffeurs11 en hun werkgever12\n",
         {"chauffeurs11": "11", "werkgever12": "12"}, set()),
        # no toezegging in the heading
        ("chauffeurs11\n", "chauffeurs\n", {}, set()),
    ],
)
# fmt: on
def test_toezegging_answered_below_its_heading(old, new, notes, answered):
    text = CHAUFFEURS.replace(old, new) if old else CHAUFFEURS
    if "werkgever12" in text:
        text += "12 TZ202505-126\n"
    document = _with_footnotes(text, notes)
    claims = extract_relations(document, references_for(document))
    found = {c.object.work for c in claims if c.type is RelationType.ANSWERS}
    assert found == answered
    for claim in claims:
        assert claim.subject.work == "2025D00001"  # the letter answers
        quote = text[claim.start : claim.end]
        assert quote.startswith("Inreisverbod") and quote.endswith("opgelegd.")


def test_motion_in_a_heading_with_two_markers_stays_unresolved():
    text = BOOMSMA.replace("doorlopen8", "doorlopen8 en uitgewerkt9").replace(
        "nr. 3337\n",
        "nr. 3337\n9 Kamerstukken II vergaderjaar 2024-2025, 19 637, nr. 3338\n",
    )
    document = _with_footnotes(text, {"doorlopen8": "8", "uitgewerkt9": "9"})
    motion = next(
        r for r in references_for(document) if r.reference.text == "Motie Boomsma"
    )
    assert motion.work is None
    assert "2 footnote markers" in (motion.reason or "")


def test_motion_in_a_body_sentence_is_not_a_heading_motion():
    text = BOOMSMA.replace("doorlopen8\n", "doorlopen is besproken.8\n")
    document = _with_footnotes(text, {"besproken.8": "8"})
    motion = next(
        r for r in references_for(document) if r.reference.text == "Motie Boomsma"
    )
    assert motion.work is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Ter implementatie van richtlijn 2003/86/EG en richtlijn 2004/38/EG is"
            " artikel 3.13 Vb gewijzigd.",
            {("BWBR0011825", "32003L0086"), ("BWBR0011825", "32004L0038")},
            id="two-directives-joined",
        ),
        pytest.param(
            # Vc C (2012) C20/1
            "In artikel 43a Vw en artikel 3.1a Vb is Richtlijn 2001/55 geïmplementeerd.",
            {("BWBR0011823", "32001L0055"), ("BWBR0011825", "32001L0055")},
            id="named-rules-passive",
        ),
        pytest.param(
            # Vc A (2012): says that, not where: no claim (not even the letter's)
            "Sinds de implementatie op 29 april 2006 van Richtlijn 2004/38 wordt geen"
            " onderscheid gemaakt.",
            set(),
            id="no-rule-named",
        ),
    ],
)
def test_implements(text, expected):
    claims = [c for c in _claims(text) if c.type is RelationType.IMPLEMENTS]
    assert {(c.subject.work, c.object.work) for c in claims} == expected


def _regeling(text: str, **kwargs) -> SourceDocument:
    """The Vb with one article (artikel 3.130) whose lid 3 is the whole text."""
    lid = Division("lid", "3", 0, len(text), pinpoint=Pinpoint("3.130", "3"))
    artikel = Division(
        "artikel", "3.130", 0, len(text), pinpoint=Pinpoint("3.130"), children=(lid,)
    )
    return SourceDocument(
        id="BWBR0011825",
        kind=DocumentKind.REGELING,
        title="Vreemdelingenbesluit 2000",
        text=text,
        path="x",
        divisions=(artikel,),
        **kwargs,
    )


def test_regeling_provision_is_the_subject():
    # Vb art. 3.130 lid 3 (2019): the provision itself implements, not the Vb
    # article its cross-reference names.
    text = (
        "3. Onze Minister vormt het contactpunt ter uitvoering van de richtlijn"
        " langdurig ingezetenen en de richtlijn 2009/50/EG, en is verantwoordelijk voor"
        " de informatie, bedoeld in artikel 3.123 van dit besluit."
    )
    document = _regeling(text)
    claims = extract_relations(document, references_for(document))
    assert {
        (c.subject.pinpoint.as_dict().get("lid"), c.object.work) for c in claims
    } == {
        ("3", "32003L0109"),
        ("3", "32009L0050"),
    }
    assert {c.subject for c in claims} == {
        WorkRef("BWBR0011825", Pinpoint("3.130", "3"))
    }


def test_cue_in_a_cited_title_names_the_titled_work():
    # Vc C (2012) C5/4.1: one publisher's link covers the Besluit's whole title.
    title = (
        "artikel III Besluit van 9 april 2008 tot wijziging van het Vb en het"
        " Uitvoeringsbesluit Wet op de jeugdzorg ter implementatie van richtlijn"
        " 2004/83/EG van de Raad van 29 april 2004"
    )
    text = f"Dit volgt uit {title}."
    start = text.index(title)
    link = EditorialLink(
        start,
        start + len(title),
        title,
        "jci1.3:c:BWBR0023753&artikel=III",
        "BWBR0023753",
        Pinpoint(artikel="III"),
    )
    document = _regeling(text, links=(link,))
    claims = extract_relations(document, [])  # the loader keeps only the link
    assert [(c.type, c.subject, c.object.work) for c in claims] == [
        (RelationType.IMPLEMENTS, WorkRef("BWBR0023753"), "32004L0083")
    ]


def test_elaborates_in_a_regeling_only_when_the_sentence_opens_with_it():
    opening = "Op grond van artikel 29, eerste lid, onder a, Vw kan de IND de vergunning verlenen."
    inside = "De vergunning die is verleend op grond van artikel 29, eerste lid, onder a, Vw vervalt."
    for text, expected in ((opening, [("3", "BWBR0011823")]), (inside, [])):
        document = _regeling(text)
        claims = extract_relations(document, references_for(document))
        assert [(c.subject.pinpoint.lid, c.object.work) for c in claims] == expected


def test_every_cue_row_matches_its_example():
    for cue in load_cues():
        assert cue.pattern.search(cue.example), cue.example


REFERENCE = dt.date(2025, 7, 11)
DEADLINES = [
    ("voor de zomer 2025", dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
    ("voor de zomer", REFERENCE, dt.date(2026, 6, 30)),
    ("in het najaar van 2025", dt.date(2025, 9, 1), dt.date(2025, 11, 30)),
    ("Q4 2025", dt.date(2025, 10, 1), dt.date(2025, 12, 31)),
    ("Indiening is voorzien in Q2 2026.", dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
    ("voor het zomerreces", REFERENCE, dt.date(2026, 7, 1)),
    ("op korte termijn", REFERENCE, dt.date(2025, 10, 9)),
    ("per 1 januari 2026 van kracht", dt.date(2026, 1, 1), dt.date(2026, 1, 1)),
    ("eind 2025", dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
    ("begin 2026", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    ("in de tweede helft van 2026", dt.date(2026, 7, 1), dt.date(2026, 12, 31)),
    # after a season is the next season, never the season itself
    ("na de zomer", dt.date(2025, 9, 1), dt.date(2025, 11, 30)),
    ("na de zomer van 2024", dt.date(2024, 9, 1), dt.date(2024, 11, 30)),
    ("na het zomerreces", dt.date(2025, 9, 1), dt.date(2025, 11, 30)),
    ("na het voorjaar van 2026", dt.date(2026, 6, 1), dt.date(2026, 8, 31)),
    ("na het najaar", dt.date(2025, 12, 1), dt.date(2026, 2, 28)),
    ("dit najaar", dt.date(2025, 9, 1), dt.date(2025, 11, 30)),
    ("komend voorjaar", dt.date(2026, 3, 1), dt.date(2026, 5, 31)),
    ("in het eerste kwartaal van 2024", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
    ("in het derde kwartaal", dt.date(2025, 7, 1), dt.date(2025, 9, 30)),
    ("in het eerste kwartaal", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    ("uiterlijk 1 oktober", dt.date(2025, 10, 1), dt.date(2025, 10, 1)),
    ("uiterlijk 1 maart", dt.date(2026, 3, 1), dt.date(2026, 3, 1)),
    ("begin volgend jaar", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    ("in de loop van volgend jaar", dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    ("medio 2026", dt.date(2026, 5, 1), dt.date(2026, 8, 31)),
    ("medio volgend jaar", dt.date(2026, 5, 1), dt.date(2026, 8, 31)),
    ("later dit jaar", REFERENCE, dt.date(2025, 12, 31)),
    ("eind dit jaar", dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
    ("in Q4 2025 ontvangt u de evaluatie", dt.date(2025, 10, 1), dt.date(2025, 12, 31)),
    # the first phrase wins
    ("in het najaar van 2025 … in Q2 2026", dt.date(2025, 9, 1), dt.date(2025, 11, 30)),
]


@pytest.mark.parametrize(("text", "start", "end"), DEADLINES)
def test_parse_deadline(text, start, end):
    assert parse_deadline(text, REFERENCE) == DateRange(start, end)


@pytest.mark.parametrize(
    "text",
    [
        "Op 9 april 2025 heeft uw Kamer de kalender ontvangen.",
        "geen termijn",
        "Dit jaar zijn er minder aanvragen.",
        "Op 1 maart is de wet in werking getreden.",
    ],
)
def test_no_deadline(text):
    assert parse_deadline(text, REFERENCE) is None


def test_toezeggingen_from_letter():
    document, refs = toezegging_letter()
    relations = extract_relations(document, refs)
    found = extract_toezeggingen(document, refs, relations)
    assert [(t.id, t.text, t.deadline, t.answered_by) for t in found] == [
        (
            "TZ202505-006",
            "Toezeggingen over de voortgang en uitkomsten van het vervolgonderzoek"
            " naar fraude bij de IND",
            None,
            ("2025D99999",),
        ),
        (
            "TZ202505-125",
            "Inreisverbod stakende vrachtwachtenchauffeurs",
            DateRange(dt.date(2025, 10, 1), dt.date(2025, 12, 31)),
            (),
        ),
    ]
    # Both are headings that report a commitment of May 2025 impersonally: who made
    # it is not the signatory by default (the TK's record names who did).
    assert {(t.bewindspersoon, t.functie) for t in found} == {(None, None)}
    answered, unanswered = found
    assert answered.status(REFERENCE) is ToezeggingStatus.FULFILLED
    assert unanswered.status(REFERENCE) is ToezeggingStatus.OPEN


def test_toezegging_status_against_reference_date():
    document, refs = toezegging_letter()
    found = extract_toezeggingen(document, refs, ())  # no ANSWERS claims given
    assert all(t.answered_by == () for t in found)
    late = replace(
        found[0], deadline=DateRange(dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    )
    assert late.status(dt.date(2026, 1, 1)) is ToezeggingStatus.OVERDUE
    assert late.status(dt.date(2025, 12, 31)) is ToezeggingStatus.OPEN
    answered = replace(late, answered_by=("2026D00001",))
    assert answered.status(dt.date(2026, 1, 1)) is ToezeggingStatus.FULFILLED


# fmt: off
@pytest.mark.parametrize(
    ("answers", "on", "expected"),
    [
        pytest.param([dt.date(2025, 7, 11)], dt.date(2025, 1, 1), ToezeggingStatus.OPEN, id="before-the-answer"),
        pytest.param([dt.date(2025, 7, 11)], dt.date(2025, 7, 11), ToezeggingStatus.FULFILLED, id="on-the-answer"),
        pytest.param([dt.date(2025, 7, 11)], dt.date(2026, 2, 1), ToezeggingStatus.FULFILLED, id="after-the-answer"),
        pytest.param([], dt.date(2026, 2, 1), ToezeggingStatus.OVERDUE, id="unanswered-past-deadline"),
        pytest.param([dt.date(2026, 3, 1)], dt.date(2026, 2, 1), ToezeggingStatus.OVERDUE, id="answered-late"),
        pytest.param([None], dt.date(2025, 1, 1), ToezeggingStatus.FULFILLED, id="undated-answer"),
        pytest.param([dt.date(2026, 3, 1), dt.date(2025, 8, 1)], dt.date(2025, 9, 1), ToezeggingStatus.FULFILLED, id="first-answer-counts"),
    ],
)
# fmt: on
def test_toezegging_status_from_the_date_of_the_fulfilling_letter(answers, on, expected):
    deadline = DateRange(dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert toezegging_status(deadline, answers, on) is expected


def test_toezegging_deadline_from_its_paragraph():
    document, refs = toezegging_letter()
    text = document.text.replace(
        "Direct na afronding", "Direct na afronding (eind 2025)"
    )
    moved = replace(document, text=text, footnotes=_shift(document, text))
    found = {t.id: t for t in extract_toezeggingen(moved, references_for(moved), ())}
    assert found["TZ202505-125"].deadline == DateRange(
        dt.date(2025, 12, 1), dt.date(2025, 12, 31)
    )
    assert found["TZ202505-006"].deadline is None


def _shift(document: SourceDocument, text: str) -> tuple[Footnote, ...]:
    delta = len(text) - len(document.text)
    return tuple(
        replace(f, start=f.start + delta, end=f.end + delta) for f in document.footnotes
    )


# Measured on the gold documents (bench/bench_relations.py, see bench/RESULTS.md);
# thresholds just below, so a regression fails.
THRESHOLDS = {
    "derives_from": (0.95, 0.95),
    "elaborates": (0.85, 0.95),
    "implements": (0.95, 0.95),
    "amends": (0.95, 0.95),
    "renumbers": (0.95, 0.95),
    "answers": (0.95, 0.85),
    "all": (0.93, 0.95),
}


@pytest.fixture(scope="module")
def scores():
    return measure()


@pytest.mark.parametrize("type_", sorted(THRESHOLDS))
def test_relations_gold(scores, type_):
    precision, recall = THRESHOLDS[type_]
    score = scores[type_]
    assert score.gold > 0
    assert score.precision >= precision, score
    assert score.recall >= recall, score


# fmt: off
@pytest.mark.parametrize(
    ("sentence", "subordinate"),
    [
        # WBV 2013/23: a condition, not what the paragraph works out
        ("• een buitenlandse adoptiebeslissing (als de adoptiebeslissing op grond van "
         "artikel 10:108 BW van rechtswege wordt erkend);", True),
        ("b. de vreemdeling is direct nadat zijn uitzetting op grond van artikel 64 Vw "
         "achterwege is gebleven", True),
        # the rule itself rests on the article
        ("Op grond van artikel 3.71, derde lid, Vb kan de IND ontheffing verlenen.", False),
        ("De IND kan, als de vreemdeling daarom vraagt; op grond van artikel 3.71 Vb "
         "ontheffing verlenen.", False),  # the clause opens after the semicolon
        ("De aanvraag alsmede de verlenging op grond van artikel 14 Vw", False),  # 'als…'
    ],
)
# fmt: on
def test_relations_op_grond_van_in_a_subordinate_clause(sentence, subordinate):
    from ingest.relations import _in_subordinate_clause

    cue = sentence.index("op grond van") if "op grond van" in sentence else 0
    assert _in_subordinate_clause(sentence, 0, cue) is subordinate


# -- commitments a letter states without a TZ number ----------------------------------

LETTER_DATE = dt.date(2025, 7, 11)


def _letter(text: str, kind: DocumentKind = DocumentKind.KAMERBRIEF) -> SourceDocument:
    signed = text + "\n\nDe Minister van Asiel en Migratie,\n\nD.M. van Weel\n"
    return SourceDocument(
        id="2025D00042", kind=kind, title="Brief", text=signed, path="brief.txt",
        date=LETTER_DATE,
    )


# fmt: off
@pytest.mark.parametrize(
    ("sentence", "deadline"),
    [
        # real sentences: 2025D33530 and kst-36600-XX-62 (the seed letters)
        ("Afhankelijk van het verloop daarvan kan de financiële impact toenemen. Direct "
         "na afronding van dit dossier – naar verwachting Q4 2025 – ontvangt uw Kamer "
         "een update over de uitkomst, tijdslijn en getroffen maatregelen.",
         DateRange(dt.date(2025, 10, 1), dt.date(2025, 12, 31))),
        # (written in July: before the next summer)
        ("Uw Kamer wordt hierover voor de zomer geïnformeerd.",
         DateRange(LETTER_DATE, dt.date(2026, 6, 30))),
        # the forms the issue names
        ("Ik zal uw Kamer voor het zomerreces informeren over de uitkomsten.",
         DateRange(LETTER_DATE, dt.date(2026, 7, 1))),
        ("In Q4 2025 ontvangt u de evaluatie van de pilot.",
         DateRange(dt.date(2025, 10, 1), dt.date(2025, 12, 31))),
        ("Ik kom hier uiterlijk 1 oktober op terug.",
         DateRange(dt.date(2025, 10, 1), dt.date(2025, 10, 1))),
        ("Het kabinet zal uw Kamer begin volgend jaar een wetsvoorstel toesturen.",
         DateRange(dt.date(2026, 1, 1), dt.date(2026, 3, 31))),
    ],
)
# fmt: on
def test_stated_toezegging(sentence, deadline):
    document = _letter(sentence)
    [reference] = stated_toezeggingen(document)
    promise = sentence.rpartition(". ")[2] if ". D" in sentence else sentence
    assert reference.reference.text == promise
    assert document.text[reference.reference.start : reference.reference.end] == promise
    assert (reference.work, reference.reference.kind) == (
        "2025D00042-toezegging-1", ReferenceKind.COMMITMENT
    )
    [toezegging] = extract_toezeggingen(document, [reference])
    assert (toezegging.id, toezegging.text) == (reference.work, promise)
    assert toezegging.deadline == deadline
    # The letter's own commitment: its signatory's.
    assert toezegging.bewindspersoon == "D.M. van Weel"


@pytest.mark.parametrize(
    "sentence",
    [
        # no date: a promise without a when is not tracked
        "In deze brief kom ik onder meer terug op verschillende moties en toezeggingen.",
        "Ik zal uw Kamer informeren over de uitkomsten.",
        # a date, but no promise to the Kamer
        "Ik verwacht dat de regeling per 1 januari 2026 van kracht wordt.",
        "Het onderzoeksrapport is op 30 april 2025 opgeleverd.",
        # an account of the past, not a promise
        "Ik heb uw Kamer voor de zomer geïnformeerd over de uitkomsten.",
        "Zoals in maart 2025 is toegezegd, ontvangt uw Kamer hierbij de evaluatie.",
    ],
)
def test_not_a_stated_toezegging(sentence):
    assert stated_toezeggingen(_letter(sentence)) == []


def test_stated_toezeggingen_only_in_letters_and_not_twice():
    promise = "Ik zal uw Kamer voor het zomerreces informeren over de uitkomsten."
    for kind in (DocumentKind.MOTIE, DocumentKind.RAPPORT, DocumentKind.REGELING):
        assert stated_toezeggingen(_letter(promise, kind)) == []
    # The paragraph below a numbered toezegging's heading is about that one.
    document, refs = toezegging_letter()
    assert stated_toezeggingen(document, refs) == []
    two = _letter(promise + "\n\nIn Q4 2025 ontvangt u de evaluatie van de pilot.")
    assert [r.work for r in stated_toezeggingen(two)] == [
        "2025D00042-toezegging-1", "2025D00042-toezegging-2"
    ]


# fmt: off
@pytest.mark.parametrize(
    ("sentence", "speaks"),
    [
        ("Tijdens het commissiedebat heb ik toegezegd uw Kamer te informeren.", True),
        ("Mijn ambtsvoorganger heeft toegezegd uw Kamer te informeren.", False),
        ("Toezeggingen over de voortgang van het onderzoek naar fraude bij de IND", False),
    ],
)
# fmt: on
def test_bewindspersoon_of_a_numbered_toezegging(sentence, speaks):
    document = _letter(sentence + "2\n\n  2. TZ202505-006")
    start = document.text.index("TZ202505-006")
    marker = Footnote("2", "TZ202505-006", start, start + 12, (len(sentence),))
    document = replace(document, footnotes=(marker,))
    reference = ResolvedReference(
        Reference(start, start + 12, "TZ202505-006", ReferenceKind.COMMITMENT),
        "TZ202505-006",
    )
    [toezegging] = extract_toezeggingen(document, [reference])
    assert toezegging.bewindspersoon == ("D.M. van Weel" if speaks else None)
