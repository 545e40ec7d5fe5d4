"""Issue 23, an article's list of onderdelen broken by an aside between dashes and
resumed after it, the regeling named at the end: "artikel 8, onder a, b, d, e, f, g –
laatstgenoemde twee onderdelen voor zover … bedoeld in artikel 14 – alsmede i, l en m
van de Wet" (VV 2000 art. 4.1). The letters after the aside continue the article's own
letters in order, and the aside lists no onderdelen they could continue instead, so
the regeling named after them is the article's. Sentences from the VV 2000
(corpus/bwb-2012/BWBR0012002.xml, as read; the Vw is the publisher's target of each
"artikel 8") unless marked "constructed"."""

from __future__ import annotations

import pytest

from ingest.extract import find_references
from ingest.models import CitingContext
from tests.factories import make_expected as E  # noqa: N812
from tests.factories import project_all

VW, VV = "BWBR0011823", "BWBR0012002"

# the VV's aanhef: "de Wet" is the Vb's defined term (the Vreemdelingenwet 2000)
AANHEF = (
    "Gelet op de artikelen 6.1, 6.2, 8.1 en 8.2 van het Vreemdelingenbesluit"
    " (Stb. 2000, 497),\nBesluit:\nArtikel 4.1\n"
)
VV_4_1_1 = (
    "1. Documenten of schriftelijke verklaringen waaruit het rechtmatig verblijf op"
    " grond van artikel 8, onder a, b, d, e, f, g – laatstgenoemde twee onderdelen voor"
    " zover sprake is van een aanvraag tot het verlenen of wijzigen van een"
    " verblijfsvergunning bedoeld in artikel 14 – alsmede i, l en m van de Wet blijkt,"
    " worden verstrekt door de Immigratie- en Naturalisatiedienst.\n"
)
VV_4_1_2 = (
    "2. Documenten of schriftelijke verklaringen waaruit het rechtmatig verblijf op"
    " grond van artikel 8, onder c, f, g – laatstgenoemde twee onderdelen voor zover"
    " sprake is van een aanvraag tot het verlenen, verlengen of wijzigen van een"
    " verblijfsvergunning bedoeld in de artikelen 28 en 33 – alsmede j en k van de Wet"
    " blijkt, worden verstrekt door de korpschef\n"
)


def _after_aanhef(text: str) -> list:
    found = find_references(AANHEF + text, CitingContext(work=VV))
    return [r for r in found if r.reference.start >= len(AANHEF)]


@pytest.mark.parametrize(
    ("text", "first", "resumed"),
    [
        pytest.param(VV_4_1_1, "a,b,d,e,f,g", "i,l,m", id="vv-4.1-1"),
        pytest.param(VV_4_1_2, "c,f,g", "j,k", id="vv-4.1-2"),
    ],
)
def test_list_resumed_after_an_aside_takes_the_regeling(
    text: str, first: str, resumed: str
) -> None:
    found = [r for r in _after_aanhef(text) if r.pinpoint.artikel == "8"]
    assert [(r.work, r.reference.group("onderdelen")) for r in found] == [
        (VW, first),
        (VW, resumed),
    ]
    assert found[1].reference.text.endswith("van de Wet")


# fmt: off
NOT_RESUMED = [
    # the aside lists onderdelen of another article: whose are the letters after it?
    pytest.param("artikel 8, onder a en b – zie ook artikel 9, onder b – en c van de Vreemdelingenwet 2000", id="aside-lists-onderdelen"),
    # the letters after the aside do not continue the article's in order
    pytest.param("artikel 8, onder c en d – een toelichting – en b van de Vreemdelingenwet 2000", id="letters-out-of-order"),
    # the aside ends the sentence; the dashes differ
    pytest.param("artikel 8, onder a en b – een toelichting. Daarna – en c van de Vreemdelingenwet 2000", id="sentence-ends"),
    pytest.param("artikel 8, onder a en b – een toelichting — en c van de Vreemdelingenwet 2000", id="different-dashes"),
]
# fmt: on


@pytest.mark.parametrize("text", NOT_RESUMED)
def test_list_not_resumed(text: str) -> None:
    # constructed: the article stays without the regeling named at the end
    first = find_references(text, CitingContext(work=VV))[0]
    assert first.pinpoint.artikel == "8" and first.work is None


def test_list_resumed_in_order_constructed() -> None:
    text = (
        "artikel 8, onder a en b – een toelichting – en c van de Vreemdelingenwet 2000"
    )
    found = project_all(find_references(text, CitingContext(work=VV)))
    assert found == [
        E("legislation", VW, artikel="8"),
        E("legislation", VW, artikel="8"),
    ]
