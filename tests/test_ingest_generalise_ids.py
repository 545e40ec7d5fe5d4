"""Issue 23, identifiers in running text: official ids, BWB ids, CELEX and ELI, ECLI
written loosely, and the URLs of wetten.overheid.nl, zoek.officielebekendmakingen.nl,
eur-lex.europa.eu, uitspraken.rechtspraak.nl and curia, each to its work and pinpoint.
Sentences from corpus/SOURCES.md (the source URLs of the bundled files), the seeds in
corpus/seeds, the BWB XML (its ``bwb-ng-variabel-deel`` paths), the peers' vectors in
tests/data/gold-citations, or the issue; negative rows are numbers that only look like
identifiers."""

from __future__ import annotations

import pytest

from ingest.extract import find_references
from tests.factories import make_expected as E  # noqa: N812
from tests.factories import project_all

VW, AWB = "BWBR0011823", "BWBR0005537"

# fmt: off
IDENTIFIERS = [
    # official publication ids (issue; corpus/SOURCES.md)
    pytest.param("zie kst-35300-VI-12", [E("parliamentary", "kst-35300-VI-12")], id="kst-with-chapter"),
    pytest.param("https://zoek.officielebekendmakingen.nl/kst-19637-3185.html | tommyvanderwal", [E("parliamentary", "kst-19637-3185")], id="kst-url"),
    pytest.param("kst-21501-20-1234", [E("parliamentary", "kst-21501-20-1234")], id="kst-sub-dossier"),
    pytest.param("https://zoek.officielebekendmakingen.nl/stcrt-2015-47076.html ;", [E("gazette", "stcrt-2015-47076")], id="stcrt-url"),
    pytest.param("stcrt-2015-1234", [E("gazette", "stcrt-2015-1234")], id="stcrt"),
    pytest.param("h-tk-20232024-12-5", [E("parliamentary", "h-tk-20232024-12-5")], id="handelingen-item"),
    pytest.param("ah-tk-20242025-2138", [E("parliamentary", "ah-tk-20242025-2138")], id="aanhangsel"),
    # BWB ids and wetten.overheid.nl (corpus/SOURCES.md; the Awb's bwb-ng-variabel-deel)
    pytest.param("https://wetten.overheid.nl/BWBR0005537/2020-04-15 ; XML", [E("legislation", AWB)], id="wetten-url-version"),
    pytest.param("BWBR0011823", [E("legislation", VW)], id="bwb-id"),
    pytest.param("bwbr0011823", [E("legislation", VW)], id="bwb-id-lower-case"),
    pytest.param("https://wetten.overheid.nl/BWBR0005537/2020-04-15/0/Hoofdstuk1/Titeldeel1.1/Artikel1:1/Lid1", [E("legislation", AWB, artikel="1:1", lid="1")], id="wetten-url-path"),
    pytest.param("https://wetten.overheid.nl/BWBR0005537/2020-04-15#Hoofdstuk8_Titeldeel8.1_Afdeling8.1.1_Artikel8:1.", [E("legislation", AWB, artikel="8:1")], id="wetten-url-anchor"),
    pytest.param("https://wetten.overheid.nl/jci1.3:c:BWBR0011823&artikel=16&lid=1", [E("legislation", VW, artikel="16", lid="1")], id="jci"),
    pytest.param("https://wetten.overheid.nl/BWBR0011823/2019-02-27#Hoofdstuk3", [E("legislation", VW, hoofdstuk="3")], id="wetten-url-hoofdstuk"),
    pytest.param("artikel 8 BWBV0001000", [E("treaty", "BWBV0001000", artikel="8")], id="article-of-bwb-id"),
    pytest.param("https://wetten.overheid.nl/BWBR0011823/2019-02-27#Artikel999", [E("legislation", None, artikel="999")], id="wetten-url-no-such-article"),
    # CELEX and ELI (corpus/seeds/emn-jaaroverzicht-2019.txt, corpus/eu, SOURCES.md)
    pytest.param("visumcode’, https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX%3A32019R1155, geraadpleegd op 18-12-2019", [E("eu_legislation", "32019R1155")], id="eurlex-url-encoded"),
    pytest.param('<a href="https://eur-lex.europa.eu/legal-content/EN/AUTO/?uri=celex:32009L0065" onclick', [E("eu_legislation", "32009L0065")], id="eurlex-url-lower-case"),
    pytest.param("https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:02009L0065-20130620", [E("eu_legislation", "32009L0065")], id="celex-consolidated"),
    pytest.param("CELEX:32008L0115", [E("eu_legislation", "32008L0115")], id="celex"),
    pytest.param("http://data.europa.eu/eli/dir/2008/115/oj", [E("eu_legislation", "32008L0115")], id="eli"),
    pytest.param("https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:62015CJ0133", [E("case_law", "62015CJ0133")], id="celex-ruling"),
    # ECLI (nllegalcit vectors; corpus/SOURCES.md)
    pytest.param("NL:RvS:1984:AH0317", [E("case_law", "ECLI:NL:RVS:1984:AH0317")], id="ecli-without-prefix"),
    pytest.param("EU:C:1984:25", [E("case_law", "ECLI:EU:C:1984:25")], id="ecli-eu-without-prefix"),
    pytest.param("ecli:nl:hr:2010:28", [E("case_law", "ECLI:NL:HR:2010:28")], id="ecli-lower-case"),
    pytest.param("ECLI:NL:CRVB:1983;AM7110,", [E("case_law", "ECLI:NL:CRVB:1983:AM7110")], id="ecli-semicolon"),
    pytest.param("https://uitspraken.rechtspraak.nl/details?id=ECLI:NL:CBB:2013:345 ; XML", [E("case_law", "ECLI:NL:CBB:2013:345")], id="rechtspraak-url"),
    pytest.param("uitspraken.rechtspraak.nl/inziendocument?id=ECLI%3ANL%3ARVS%3A2019%3A1710", [E("case_law", "ECLI:NL:RVS:2019:1710")], id="rechtspraak-url-encoded"),
    pytest.param("https://curia.europa.eu/juris/liste.jsf?num=C-133/15", [E("case_law", "ECLI:EU:C:2017:354")], id="curia-url"),
    # negatives: numbers that only look like identifiers
    pytest.param("CLI:NL:GHDHA:2013:BZ1902.", [], id="broken-prefix-not-taken"),
    pytest.param("HvJ EG 26-07-2017, nr. C-225/16, ECLI-:EU:C:2017 (Ouhrami).", [E("case_law", None)], id="seed-ecli-without-number"),
    pytest.param("om 12:30:2019:45 uur", [], id="clock-time"),
    pytest.param("NL:HR:2010", [], id="ecli-without-number"),
    pytest.param("nl:hr:2010:28", [], id="bare-lower-case-not-taken"),
    pytest.param("kst-3 en BWBR001182", [], id="short-ids"),
    pytest.param("de stb-lijn van 2019", [], id="stb-word"),
    pytest.param("h-tk-20232025-12", [], id="handelingen-years-not-consecutive"),
    pytest.param("de celex-database", [], id="celex-word"),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), IDENTIFIERS)
def test_generalise_identifiers_in_running_text(text: str, expected: list) -> None:
    assert project_all(find_references(text)) == expected


def test_generalise_no_such_article_behind_a_url_says_so() -> None:
    (ref,) = find_references("https://wetten.overheid.nl/BWBR0011823#Artikel999")
    assert ref.reason is not None and ref.reason.startswith("no such article")
