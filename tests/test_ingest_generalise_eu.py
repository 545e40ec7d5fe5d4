"""Issue 23, EU acts by common name (ingest/data/eu_acts.csv): a name that meant one
act before a recast and its successor after resolves by the citing text's date, and
abstains without one; a name the text defines itself ("(hierna: Procedurerichtlijn)")
means what the text says. Sentences from the Vw 2019 / Vb 2019 (corpus/bwb), the Vc A
2012 (corpus/bwb-2012/BWBR0012287.xml), the seeds, or the issue."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.extract import find_references
from ingest.models import CitingContext
from ingest.tables import load_eu_acts
from tests.factories import make_expected as E  # noqa: N812
from tests.factories import project_all

D2012, D2019, D2025 = dt.date(2012, 10, 1), dt.date(2019, 2, 27), dt.date(2025, 4, 15)

# fmt: off
EU_NAMES = [
    # Vw 2019 art. 1
    pytest.param("internationale bescherming als bedoeld in artikel 2, onder a, van de Kwalificatierichtlijn", D2019, [E("eu_legislation", "32011L0095", artikel="2", onderdeel="a")], id="kwalificatierichtlijn-2019"),
    pytest.param("internationale bescherming als bedoeld in artikel 2, onder a, van de Kwalificatierichtlijn", D2012, [E("eu_legislation", "32004L0083", artikel="2", onderdeel="a")], id="kwalificatierichtlijn-2012"),
    # Vw 2019 art. 59a; Vc A 2012
    pytest.param("met inachtneming van artikel 28 van de Dublinverordening.", D2019, [E("eu_legislation", "32013R0604", artikel="28")], id="dublin-iii"),
    pytest.param("een bij de Dublinverordening aangesloten land waarmee een terug- en", D2012, [E("eu_legislation", "32003R0343")], id="dublin-ii"),
    pytest.param("met inachtneming van artikel 28 van de Dublinverordening.", None, [E("eu_legislation", None, artikel="28")], id="dublin-no-date-abstains"),
    # Vw 2019 art. 3
    pytest.param("onmiddellijk de toegang tot Nederland geweigerd op grond van artikel 14 van de Schengengrenscode.", D2019, [E("eu_legislation", "32016R0399", artikel="14")], id="schengengrenscode-2016"),
    pytest.param("onmiddellijk de toegang tot Nederland geweigerd op grond van artikel 14 van de Schengengrenscode.", D2012, [E("eu_legislation", "32006R0562", artikel="14")], id="schengengrenscode-2006"),
    # Vw 2019 art. 1 (one act only: no date needed)
    pytest.param("terugkeerbesluit: het terugkeerbesluit, bedoeld in artikel 3, punt 4, van de Terugkeerrichtlijn;", None, [E("eu_legislation", "32008L0115", artikel="3")], id="terugkeerrichtlijn"),
    # the names
    pytest.param("art. 9 AVG", D2025, [E("eu_legislation", "32016R0679", artikel="9")], id="avg-article"),
    pytest.param("art. 9 AVG", D2012, [E("eu_legislation", None, artikel="9")], id="avg-before-it-existed"),
    pytest.param("Verordening (EU) nr. 604/2013", None, [E("eu_legislation", "32013R0604")], id="dublin-by-number"),
    pytest.param("de Procedurerichtlijn", D2025, [E("eu_legislation", "32013L0032")], id="procedurerichtlijn"),
    pytest.param("de procedurerichtlijn", D2012, [E("eu_legislation", "32005L0085")], id="procedurerichtlijn-lower-case"),
    pytest.param("de Opvangrichtlijn", D2025, [E("eu_legislation", "32013L0033")], id="opvangrichtlijn"),
    pytest.param("de Gezinsherenigingsrichtlijn", None, [E("eu_legislation", "32003L0086")], id="gezinsherenigingsrichtlijn"),
    pytest.param("de Burgerschapsrichtlijn", None, [E("eu_legislation", "32004L0038")], id="burgerschapsrichtlijn"),
    pytest.param("de Langdurig ingezetenenrichtlijn", None, [E("eu_legislation", "32003L0109")], id="langdurig-ingezetenen"),
    pytest.param("de Blauwe Kaartrichtlijn", D2025, [E("eu_legislation", "32021L1883")], id="blauwe-kaart-2021"),
    pytest.param("de Blauwe Kaartrichtlijn", D2019, [E("eu_legislation", "32009L0050")], id="blauwe-kaart-2009"),
    pytest.param("de Studenten- en onderzoekersrichtlijn", None, [E("eu_legislation", "32016L0801")], id="studenten-en-onderzoekers"),
    pytest.param("de Studentenrichtlijn", D2012, [E("eu_legislation", "32004L0114")], id="studentenrichtlijn-2004"),
    # the text's own definition wins over the table (and needs no date)
    pytest.param("Richtlijn 2005/85/EG (hierna: Procedurerichtlijn). Artikel 23 van de Procedurerichtlijn", D2025, [E("eu_legislation", "32005L0085"), E("eu_legislation", "32005L0085", artikel="23")], id="defined-in-the-text"),
    # negatives: the permit, other "richtlijnen", an abbreviation in lower case
    pytest.param("een Europese blauwe kaart aanvragen", None, [], id="blue-card-permit"),
    pytest.param("de richtlijnen van de IND", None, [], id="richtlijnen-word"),
    pytest.param("de avg", None, [], id="avg-lower-case"),
]
# fmt: on


@pytest.mark.parametrize(("text", "date", "expected"), EU_NAMES)
def test_generalise_eu_act_names(
    text: str, date: dt.date | None, expected: list
) -> None:
    context = CitingContext(date=date) if date else None
    assert project_all(find_references(text, context)) == expected


def test_generalise_eu_name_without_date_says_which_acts() -> None:
    (ref,) = find_references("de Dublinverordening")
    assert ref.reason is not None
    assert "32003R0343" in ref.reason and "32013R0604" in ref.reason
    assert "date is not known" in ref.reason


def test_generalise_eu_acts_table_periods_do_not_overlap() -> None:
    for name, acts in load_eu_acts().items():
        for earlier, later in zip(acts, acts[1:], strict=False):
            assert earlier.until is not None and earlier.until <= later.since, name
        assert all(act.source for act in acts), name
