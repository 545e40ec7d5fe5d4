"""The Herkomst page from any citation form, its path told as Dutch sentences
(AppTest on a slice of the bundled corpus), and the sentence builder (app/story.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.story import Hop, sentence, source_note
from graph.namespaces import CITO, ELI, PROV

PAGE = Path(__file__).resolve().parent.parent / "app" / "screens" / "trace.py"
JCI = "https://wetten.overheid.nl/jci1.3:c:"
EMN = "EMN Nederland, Jaaroverzicht 2019: ontwikkelingen in migratie- en asielbeleid"


def _trace(typed: str) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.text_input(key="trace-cite").input(typed).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _sentences(at: AppTest) -> list[str]:
    return [
        m.value[2:].replace("\\", "") for m in at.markdown if m.value.startswith("- ")
    ]


# fmt: off
CASES = [
    pytest.param("Chavez-Vilchez", "ECLI:EU:C:2017:354", None,
                 "Stcrt. 2019, 34157 volgt uit Chavez-Vilchez (C-133/15); "
                 f"{EMN} verwijst naar Stcrt. 2019, 34157.", id="case-name"),
    pytest.param("C-133/15", "ECLI:EU:C:2017:354", None,
                 "Stcrt. 2019, 34157 volgt uit Chavez-Vilchez (C-133/15); "
                 f"{EMN} verwijst naar Stcrt. 2019, 34157.", id="case-number"),
    pytest.param("B5/2.2 Vc", "BWBR0012289", JCI + "BWBR0012289&paragraaf=B5/2.2",
                 "Vc B5/2.2 is gewijzigd door WBV 2013/23.", id="vc-paragraph"),
    pytest.param("paragraaf B5/2.2 Vc", "BWBR0012289", JCI + "BWBR0012289&paragraaf=B5/2.2",
                 "Vc B5/2.2 werkt artikel 3.4, eerste lid, onder g, Vb uit.",
                 id="vc-paragraph-rests-on"),
    pytest.param("artikel 3.4 Vb", "BWBR0011825", JCI + "BWBR0011825&artikel=3.4",
                 "Vc B5/2.2 werkt artikel 3.4, eerste lid, onder g, Vb uit.",
                 id="article-elaborated"),
]
# fmt: on


@pytest.mark.parametrize(("typed", "doc", "part", "told"), CASES)
def test_trace_from_any_citation_form(serve_article_store, typed, doc, part, told):
    at = _trace(typed)
    assert at.query_params["doc"] == doc
    assert at.query_params.get("part") == part
    assert told in _sentences(at), _sentences(at)


def test_trace_says_where_a_sentence_stands(serve_article_store):
    at = _trace("Chavez-Vilchez")
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert any(
        c.startswith(f"staat in {EMN}: “Regels omtrent werk bij indiening")
        for c in captions
    ), captions


def test_trace_a_citation_it_does_not_read(serve_article_store):
    at = _trace("geen verwijzing hier")
    assert any(
        "Geen document, werk of verwijzing herkend" in w.value for w in at.warning
    )


AMENDS, DERIVES, CITES = str(ELI.amends), str(PROV.wasDerivedFrom), str(CITO.cites)


@pytest.mark.parametrize(
    ("hops", "told"),
    [
        pytest.param(
            [
                Hop("WBV 2019/5", "Vc B8/9.1.3", AMENDS),
                Hop("WBV 2019/5", "Chavez-Vilchez (C-133/15)", DERIVES),
            ],
            "Vc B8/9.1.3 is gewijzigd door WBV 2019/5 naar aanleiding van "
            "Chavez-Vilchez (C-133/15).",
            id="change-after-a-ruling",
        ),
        pytest.param(
            [
                Hop("Stcrt. 2019, 34157", "Chavez-Vilchez (C-133/15)", DERIVES),
                Hop("brief", "Stcrt. 2019, 34157", CITES),
            ],
            "Stcrt. 2019, 34157 volgt uit Chavez-Vilchez (C-133/15); brief verwijst "
            "naar Stcrt. 2019, 34157.",
            id="two-clauses",
        ),
        pytest.param(
            [Hop("de brief", "artikel 3.4 Vb", CITES)],
            "De brief verwijst naar artikel 3.4 Vb.",
            id="capitalised",
        ),
        pytest.param([], "", id="empty"),
    ],
)
def test_story_sentence(hops, told):
    assert sentence(hops) == told


def test_story_source_note():
    assert (
        source_note(Hop("a", "b", DERIVES, "EMN", "Regels")) == "staat in EMN: “Regels”"
    )
    assert source_note(Hop("a", "b", CITES, "a", "Chavez")) == "“Chavez”"
