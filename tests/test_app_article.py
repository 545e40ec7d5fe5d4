"""The Artikel page (AppTest) on a slice of the bundled corpus: a citation typed as a
lawyer writes it opens the article, lid or Vc paragraph with its text and its links
grouped by kind."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

PAGE = Path(__file__).resolve().parent.parent / "app" / "screens" / "article.py"
JCI = "https://wetten.overheid.nl/jci1.3:c:"


def _open(typed: str) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.text_input(key="cite").input(typed).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _groups(at: AppTest) -> dict[str, list[dict[str, object]]]:
    """The link groups as shown: their titles (bold lines) and their tables' rows."""
    titles = [
        m.value.split("**")[1].replace("\\", "")
        for m in at.markdown
        if m.value.startswith("**")
    ]
    tables = [frame.value.to_dict("records") for frame in at.dataframe]
    return dict(zip(titles, tables[-len(titles) :], strict=True)) if titles else {}


def _text(at: AppTest) -> str:
    (text,) = [m.value for m in at.markdown if "white-space:pre-wrap" in m.value]
    return text


# fmt: off
CASES = [
    # typed, part in the URL, header, start of the text, {group: a row's (naam, in document)}
    pytest.param(
        "artikel 3.4 Vb", JCI + "BWBR0011825&artikel=3.4", "artikel 3.4 Vb",
        "Artikel 3.4\n1. De in ",
        {
            "Uitgewerkt in (Vc)": ("Vc B5/2.2", "WBV 2013/23"),
            "Brieven en Kamerstukken": (
                "Brief van de minister van Asiel en Migratie over regulier verblijf",
                "kst-36600-XX-62",
            ),
            "Wijzigingen": ("Stb. 2019, 143", "BWBR0011825"),
            "Verwijst naar": ("artikel 14 Vw", "BWBR0011825"),
        },
        id="article-abbreviation",
    ),
    pytest.param(
        "art. 3.4 lid 1 Vb", JCI + "BWBR0011825&artikel=3.4&lid=1",
        "artikel 3.4, eerste lid, Vb", "1. De in ",
        {"Uitgewerkt in (Vc)": ("Vc B5/2.2", "WBV 2013/23")},
        id="lid",
    ),
    pytest.param(
        "B5/2.2 Vc", JCI + "BWBR0012289&paragraaf=B5/2.2", "Vc B5/2.2",
        "Paragraaf B5/2.2 Vreemdelingencirculaire 2000 komt te luiden:",
        {
            "Wijzigingen": ("WBV 2013/23", "WBV 2013/23"),
            "Rust op": ("artikel 3.4, eerste lid, onder g, Vb", "WBV 2013/23"),
        },
        id="vc-paragraph-set-by-its-decision",
    ),
    pytest.param(
        "artikel 8 van het EVRM", JCI + "BWBV0001000&artikel=8", "artikel 8 EVRM",
        "Artikel 8",
        {
            "Moties": ("MOTIE VAN HET LID CEDER", "kst-19637-3482"),
            "Rechtspraak over dit artikel": (
                "Rechtbank 's-Gravenhage, 05-12-2012, 12-27643, uitspraak",
                "ECLI:NL:RBSGR:2012:BZ0845",
            ),
        },
        id="treaty-article-motions-rulings",
    ),
    pytest.param(
        "artikel 46 van richtlijn 2013/32",
        "http://data.europa.eu/eli/dir/2013/32/oj#artikel=46",
        "artikel 46 Procedurerichtlijn", None,
        {"Rechtspraak over dit artikel": ("Sacko (C-348/16), punt", "ECLI:EU:C:2017:591")},
        id="directive-article-cjeu",
    ),
]
# fmt: on


@pytest.mark.parametrize(("typed", "part", "header", "text", "groups"), CASES)
def test_article_page_opens_a_typed_citation(
    serve_article_store, typed, part, header, text, groups
):
    at = _open(typed)
    assert at.query_params["part"] == part
    assert at.header[0].value == header
    if text is None:
        assert any("tekst staat niet in de graaf" in c.value for c in at.caption)
    else:
        assert _text(at).startswith(
            '<div style="white-space:pre-wrap;font-family:serif;line-height:1.5">'
            + text
        )
    shown = _groups(at)
    for group, (name, document) in groups.items():
        assert group in shown, (group, list(shown))
        rows = shown[group]
        assert any(
            name in str(row["naam"]) and document in str(row["in document"])
            for row in rows
        ), (group, rows[:5])
    # every quote shown is one the citing document holds, with where it stands
    for rows in shown.values():
        for row in rows:
            assert row["citaat"]


def test_article_page_shows_versions_and_leden(serve_article_store):
    at = _open("artikel 3.4 Vb")
    versions = at.dataframe[0].value.to_dict("records")
    assert any(
        v["publicatie"] == "stb-2019-143" and v["effect"] == "wijziging"
        for v in versions
    )
    # what the store does not know reads "—", not st.dataframe's "None"
    assert all(v is not None for row in versions for v in row.values()), versions
    assert "—" in {v["geldig tot"] for v in versions}
    (leden,) = [p for p in at.button_group if p.label == "Leden en onderdelen"]
    assert leden.options[:2] == ["lid 1", "lid 2"] or len(leden.options) >= 4


def test_article_page_marks_what_the_article_cites(serve_article_store):
    text = _text(_open("artikel 3.4 Vb"))
    assert (
        'title="verwijst naar artikel 14 Vw">artikel 14, derde lid, van de Wet<' in text
    )


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        pytest.param("Vb", "noemt een heel werk", id="whole-work"),
        pytest.param("iets zonder verwijzing", "Geen artikel herkend", id="nothing"),
    ],
)
def test_article_page_says_what_it_cannot_open(serve_article_store, typed, says):
    at = _open(typed)
    messages = [m.value for m in (*at.info, *at.warning)]
    assert any(says in m for m in messages), messages
    assert "part" not in at.query_params


def test_article_page_opens_from_a_link(serve_article_store):
    """A link to the page (``?part=…``) opens the part, its name in the field."""
    at = AppTest.from_file(str(PAGE), default_timeout=120)
    at.query_params["part"] = JCI + "BWBR0012289&paragraaf=B5/2.2"
    at.run()
    assert not at.exception
    assert at.header[0].value == "Vc B5/2.2"
    assert at.text_input(key="cite").value == "Vc B5/2.2"


def test_article_page_escapes_typed_text(serve_article_store):
    at = _open("<script>alert(1)</script> artikel")
    assert not any("<script>" in m.value for m in at.warning)
