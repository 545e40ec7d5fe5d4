"""Names for ids (app/names.py): every id a row shows gets a name a lawyer reads."""

import pytest

from app.names import Names, eu_act_citation, names_from_rows, short_name

# Document rows as the bundled corpus's index lists them (titles verbatim).
DOCUMENTS = [
    {
        "doc": "https://wetten.overheid.nl/BWBR0011825",
        "id": "BWBR0011825",
        "title": "Vreemdelingenbesluit 2000",
    },
    {
        "doc": "https://wetten.overheid.nl/BWBR0003738",
        "id": "BWBR0003738",
        "title": "Rijkswet van 19 december 1984, houdende vaststelling van nieuwe, "
        "algemene bepalingen omtrent het Nederlanderschap",
    },
    {
        "doc": "https://w3id.org/wetgraaf/id/doc/WBV-2013-23",
        "id": "WBV 2013/23",
        "title": "Besluit van de Staatssecretaris van Veiligheid en Justitie van 26 "
        "september 2013, nummer WBV 2013/23, houdende wijziging van de "
        "Vreemdelingencirculaire 2000",
    },
    {
        "doc": "http://deeplink.rechtspraak.nl/uitspraak?id=ECLI:NL:RVS:2015:1780",
        "id": "ECLI:NL:RVS:2015:1780",
        "title": "ECLI:NL:RVS:2015:1780 Raad van State , 28-05-2015 / 201502374/1/A1",
    },
    {
        "doc": "http://publications.europa.eu/resource/ecli/ECLI%3AEU%3AC%3A2017%3A1004",
        "id": "ECLI:EU:C:2017:1004",
        "title": "Judgment of the Court (Fifth Chamber) of 20 December 2017, Gusa, "
        "C-442/16",
    },
    {
        "doc": "https://zoek.officielebekendmakingen.nl/kst-19637-3185",
        "id": "kst-19637-3185",
        "title": "MOTIE VAN HET LID KOEKKOEK EN CEDER",
    },
]
# The TK onderwerp of kst-19637-3185's zaak (2023Z20876), as the index holds it.
SUBJECTS = {
    "https://zoek.officielebekendmakingen.nl/kst-19637-3185": "Motie van de leden "
    "Koekkoek en Ceder over de belangen van het kind meenemen als criterium in het "
    "plaatsingsbeleid"
}
IDENTIFIERS = {
    "http://data.europa.eu/eli/reg/2016/679/oj": "32016R0679",
    "http://data.europa.eu/eli/dir/2003/86/oj": "32003L0086",
    "http://publications.europa.eu/resource/ecli/ECLI%3AEU%3AC%3A2017%3A354": (
        "ECLI:EU:C:2017:354"
    ),
}
JCI = "https://wetten.overheid.nl/jci1.3:c:"

# fmt: off
CASES = [
    pytest.param("BWBR0011825", "Vreemdelingenbesluit 2000 (Vb)", "BWBR0011825", id="regeling"),
    pytest.param("https://wetten.overheid.nl/BWBR0011823", "Vreemdelingenwet 2000 (Vw)",
                 "BWBR0011823", id="regeling-not-ingested-by-iri"),
    # the citeertitel, not the long intitule the document carries
    pytest.param("BWBR0003738", "Rijkswet op het Nederlanderschap (RWN)", "BWBR0003738",
                 id="citeertitel"),
    pytest.param("BWBR0012289", "Vreemdelingencirculaire 2000 (B)", "BWBR0012289", id="vc-b"),
    pytest.param(JCI + "BWBR0011825&artikel=3.4", "artikel 3.4 Vb",
                 "jci1.3:c:BWBR0011825&artikel=3.4", id="article"),
    pytest.param(JCI + "BWBR0011825&artikel=3.4&lid=1&onderdeel=r",
                 "artikel 3.4, eerste lid, onder r, Vb",
                 "jci1.3:c:BWBR0011825&artikel=3.4&lid=1&onderdeel=r", id="onderdeel"),
    pytest.param(JCI + "BWBR0012289&paragraaf=B5/2.2", "Vc B5/2.2",
                 "jci1.3:c:BWBR0012289&paragraaf=B5/2.2", id="vc-paragraph"),
    pytest.param(JCI + "BWBV0001000&artikel=8", "artikel 8 EVRM",
                 "jci1.3:c:BWBV0001000&artikel=8", id="treaty-article"),
    pytest.param("ECLI:EU:C:2017:354", "Chavez-Vilchez (C-133/15)", "ECLI:EU:C:2017:354",
                 id="cjeu-case-name"),
    pytest.param("ECLI:EU:C:2017:1004", "Gusa (C-442/16)", "ECLI:EU:C:2017:1004",
                 id="cjeu-generated-name"),
    pytest.param("ECLI:NL:RVS:2015:1780", "Raad van State, 28-05-2015, 201502374/1/A1",
                 "ECLI:NL:RVS:2015:1780", id="abrvs-ingested"),
    pytest.param("ECLI:NL:RVS:2020:2818", "Raad van State", "ECLI:NL:RVS:2020:2818",
                 id="abrvs-cited-only"),
    pytest.param("32003L0086", "Gezinsherenigingsrichtlijn (Richtlijn 2003/86/EG)",
                 "32003L0086", id="directive"),
    pytest.param("http://data.europa.eu/eli/reg/2016/679/oj",
                 "AVG (Verordening (EU) 2016/679)", "32016R0679", id="regulation-by-eli"),
    pytest.param("12012E/TXT", "Verdrag betreffende de werking van de Europese Unie (VWEU)",
                 "12012E/TXT", id="eu-treaty"),
    pytest.param("kst-19637-3185", SUBJECTS[DOCUMENTS[5]["doc"]], "kst-19637-3185",
                 id="motion-onderwerp"),
    pytest.param("WBV 2013/23", "WBV 2013/23", "WBV 2013/23", id="wbv-as-cited"),
    pytest.param("http://data.europa.eu/eli/dir/2003/86/oj#artikel=7",
                 "artikel 7 Gezinsherenigingsrichtlijn", "32003L0086 artikel=7",
                 id="directive-article"),
    pytest.param("http://publications.europa.eu/resource/ecli/ECLI%3AEU%3AC%3A2017%3A354#punt-28",
                 "Chavez-Vilchez (C-133/15), punt 28", "ECLI:EU:C:2017:354 punt-28",
                 id="ruling-point"),
    pytest.param("stcrt-2019-34157", "Stcrt. 2019, 34157", "stcrt-2019-34157", id="gazette"),
    pytest.param("stb-2019-143", "Stb. 2019, 143", "stb-2019-143", id="staatsblad"),
    pytest.param("kst-36600-VI-1", "Kamerstukken 36600 VI, nr. 1", "kst-36600-VI-1",
                 id="kamerstuk-not-ingested"),
    pytest.param("2025Z99999", "2025Z99999", "2025Z99999", id="unknown-is-its-id"),
]
# fmt: on


@pytest.mark.parametrize(("given", "name", "identifier"), CASES)
def test_names_name_every_id(given, name, identifier):
    names = names_from_rows(DOCUMENTS, SUBJECTS, IDENTIFIERS)
    found = names.of(given)
    assert (found.name, found.id) == (name, identifier)
    if name != identifier:
        assert found.label == f"{name} ({identifier})"
    else:
        assert found.label == identifier


@pytest.mark.parametrize(
    ("celex", "citation"),
    [
        ("32003L0086", "Richtlijn 2003/86/EG"),
        ("32013L0032", "Richtlijn 2013/32/EU"),
        ("32013R0604", "Verordening (EU) nr. 604/2013"),
        ("32003R0343", "Verordening (EG) nr. 343/2003"),
        ("32016R0679", "Verordening (EU) 2016/679"),
        ("62016CJ0442", None),
    ],
)
def test_names_eu_act_citation(celex, citation):
    assert eu_act_citation(celex) == citation


def test_names_without_store_rows_still_use_the_tables():
    assert Names().name("BWBR0011823") == "Vreemdelingenwet 2000 (Vw)"
    assert Names().abbreviation("BWBR0005537") == "Awb"


EMN = "EMN Nederland, Jaaroverzicht 2019: ontwikkelingen in migratie- en asielbeleid"


@pytest.mark.parametrize(
    ("name", "short"),
    [
        pytest.param(
            "Chavez-Vilchez (C-133/15)", "Chavez-Vilchez (C-133/15)", id="short"
        ),
        pytest.param(EMN, "EMN Nederland, Jaaroverzicht 2019", id="subtitle-left-off"),
        pytest.param(
            SUBJECTS[DOCUMENTS[5]["doc"]],
            "Motie van de leden Koekkoek en Ceder",
            id="motion-by-its-movers",
        ),
        # no head to shorten to: the whole name (a drawing wraps it, never cuts it)
        pytest.param(DOCUMENTS[2]["title"], DOCUMENTS[2]["title"], id="no-head"),
        pytest.param(
            "Geschiedenis: een overzicht van de Vreemdelingenwet 2000 en later",
            "Geschiedenis: een overzicht van de Vreemdelingenwet 2000 en later",
            id="one-word-head-kept-whole",
        ),
        pytest.param(
            "Diverse onderwerpen op het gebied\nvan migratie",
            "Diverse onderwerpen op het gebied van migratie",
            id="one-line",
        ),
    ],
)
def test_names_short_name_for_a_drawing(name, short):
    assert short_name(name) == short
