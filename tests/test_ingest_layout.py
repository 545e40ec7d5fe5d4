"""ingest.layout: headings and sentences in hard-wrapped and one-line-per-paragraph text
(excerpts from the seeds in corpus/seeds)."""

from __future__ import annotations

import pytest

from ingest.layout import heading_spans, section_heading, split_sentences

# One line per paragraph (the OpenTK page of letter 2025D33530).
LETTER = (
    "Motie over inventariseren welke structurele investeringen noodzakelijk zijn om te"
    " komen tot een robuuste en wendbare asielketen\n"
    "Ik vind het van groot belang dat we komen tot een robuuste en wendbare asielketen."
    " Dat gaat helaas niet over één nacht ijs. Naar aanleiding van de motie7 van lid"
    " Bisschop van de SGP worden bij verschillende ketenpartners acties uitgewerkt om"
    " inzichtelijk te maken welke investeringen noodzakelijk zijn.\n"
    "\n"
    "Motie Boomsma over de asielprocedure voor asielzoekers uit veilige landen binnen"
    " twee weken doorlopen8\n"
    "\n"
    "De IND behandelt asielaanvragen die behoren tot de doelgroep kansarm en"
    " veiligelanders in spoor 2 versneld. Asielzoekers uit deze doelgroep worden"
    " geplaatst in de procesbeschikbaarheidslocatie (pbl) alwaar gewerkt wordt met de"
    " procesbeschikbaarheid aanpak (pba).\n"
    "\n"
    "De Minister van Asiel en Migratie,\n"
    "\n"
    "8. Kamerstukken II vergaderjaar 2024-2025, 19 637, nr. 3337\n"
)
LINE = "x" * 96  # a full line of hard-wrapped body text

# Hard-wrapped PDF text (EMN Jaaroverzicht 2019): the heading runs on over two lines,
# and the body's wrapped lines run to the margin.
REPORT = (
    "asielstatushouder te herenigen met zijn gezin.\n"
    "\n"
    "Regels omtrent werk bij indiening verblijfsaanvraag voor derdelandse verzorgende"
    " ouders van \n"
    "Nederlandse kinderen (Hof van Justitie van de Europese Unie, Chavez-Vilchez59)\n"
    "Als een derdelands ouder (afkomstig uit een land van buiten de EU/EER) van een"
    " Nederlands kind een \n"
    "aanvraag heeft ingediend voor een verblijfsvergunning op grond van EU-recht, dan"
    " mag deze in afwach-\n"
    "ting van de behandeling werken. Op 1 juli 2019 zijn nadere regels vastgelegd in de"
    " Vreemdelingencirculaire.60\n"
    "\n"
    "In Libië is er een programma opgezet door IOM waar Nederland een bijdrage aan heeft"
    " geleverd in \n"
    "2019. Het betreft het programma Migrant Resource and \n"
    "Response Mechanism, waar migranten terecht kunnen voor informatie en hulp.\n"
    "\n"
    f"{LINE}\n{LINE}\n{LINE}\n{LINE}\n{LINE}\n{LINE}\n"
)

# fmt: off
HEADINGS = [
    pytest.param(
        LETTER,
        ["Motie over inventariseren welke structurele investeringen noodzakelijk zijn om te"
         " komen tot een robuuste en wendbare asielketen",
         "Motie Boomsma over de asielprocedure voor asielzoekers uit veilige landen"
         " binnen twee weken doorlopen8"],
        id="one-line-per-paragraph",
    ),
    pytest.param(
        REPORT,
        ["Regels omtrent werk bij indiening verblijfsaanvraag voor derdelandse verzorgende"
         " ouders van \nNederlandse kinderen (Hof van Justitie van de Europese Unie,"
         " Chavez-Vilchez59)"],
        id="hard-wrapped-two-lines",
    ),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), HEADINGS)
def test_layout_headings(text, expected):
    footnote = text.find("8. Kamerstukken")
    exclude = [(footnote, len(text))] if footnote >= 0 else []
    assert [text[s:e] for s, e in heading_spans(text, exclude)] == expected


@pytest.mark.parametrize(
    "line",
    [
        "De Minister van Asiel en Migratie,",  # ends as a sentence part
        "Op dit moment wordt er gewerkt aan een aanpak voor de",  # runs on
        "Dit is een zin. Die loopt door",  # holds a sentence end
    ],
)
def test_layout_no_heading(line):
    text = f"{line}\nDe tekst eronder.\n"
    assert heading_spans(text) == []


def test_layout_heading_is_a_sentence_of_its_own():
    sentences = [REPORT[s:e] for s, e in split_sentences(REPORT)]
    assert sentences[1].endswith("Chavez-Vilchez59)")
    assert sentences[2].startswith("Als een derdelands ouder")
    assert sentences[3] == (
        "Op 1 juli 2019 zijn nadere regels vastgelegd in de Vreemdelingencirculaire.60"
    )


def test_layout_section_heading_is_the_last_one_above():
    headings = heading_spans(LETTER)
    below_boomsma = LETTER.index("De IND behandelt")
    assert section_heading(headings, below_boomsma) == headings[1]
    assert section_heading(headings, 0) is None
