"""Zoeken through the page (AppTest) on a slice of the bundled corpus: ranked hits with
the matched words marked in an escaped snippet, diacritics typed either way, and the
filters by kind, court, date and regeling."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.views import snippet_html
from graph.search import MARK_END, MARK_START
from tests.app_fixtures import APP_DIR

# Three documents holding "categorieën" and citing (or not) the Vw, and the Vw itself
# (a .txt brings its .meta.json along).
SLICE = [
    "seeds/emn-jaaroverzicht-2019.txt",
    "rechtspraak/ECLI.NL.PHR.2014.2.xml",
    "rechtspraak/ECLI.NL.RVS.2015.3394.xml",
    "bwb/BWBR0011823_2019-02-27_0.xml",
]
VW = "https://wetten.overheid.nl/BWBR0011823"


@pytest.fixture(scope="module")
def slice_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from graph.load import load_paths
    from graph.settings import BUNDLED_CORPUS
    from graph.store import open_store

    location = tmp_path_factory.mktemp("search") / "store"
    store = open_store(location)
    assert load_paths(store, [BUNDLED_CORPUS / name for name in SLICE]).errors == []
    store.close()
    return location


@pytest.fixture
def search_page(slice_store, monkeypatch) -> Iterator[AppTest]:
    import streamlit as st

    monkeypatch.setenv("WETGRAAF_STORE", str(slice_store))
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(APP_DIR / "screens" / "search.py"), default_timeout=60)
    at.run()
    yield at
    st.cache_resource.clear()
    st.cache_data.clear()


def _hits(at: AppTest) -> list[str]:
    """The ids of the hits shown with a snippet, best first."""
    return [
        m.value.split("(./documents?doc=")[1].split(")")[0]
        for m in at.markdown
        if "(./documents?doc=" in m.value and m.value.startswith("[")
    ]


def _snippets(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if "<mark" in m.value]


FOUND = {"ECLI%3ANL%3APHR%3A2014%3A2", "ECLI%3ANL%3ARVS%3A2015%3A3394"}


@pytest.mark.parametrize("typed", ["categorieën", "categorieen", "CATEGORIEEN"])
def test_app_search_diacritics_typed_either_way_find_the_same(search_page, typed):
    at = search_page
    at.text_input(key="query").input(typed).run()
    assert not at.exception
    hits = _hits(at)
    assert FOUND | {"emn-jaaroverzicht-2019", "BWBR0011823"} == set(hits)
    # the words as the text writes them, marked
    marked = [re.findall(r"<mark[^>]*>([^<]*)</mark>", s) for s in _snippets(at)]
    assert all(m and m[0].lower().startswith("categorieën") for m in marked), marked
    assert len(_snippets(at)) == len(hits)
    table = at.dataframe[0].value
    assert list(table["id"])[: len(hits)] == [h.replace("%3A", ":") for h in hits]


# fmt: off
@pytest.mark.parametrize(("key", "value", "expected"), [
    pytest.param("soort", ["uitspraak"], FOUND, id="kind"),
    pytest.param("gerecht", ["Raad van State"],
                 {"ECLI%3ANL%3ARVS%3A2015%3A3394"}, id="court"),
    # the Vw's toestand is dated 2019-02-27; the EMN report has no date
    pytest.param("vanaf", dt.date(2015, 1, 1),
                 {"ECLI%3ANL%3ARVS%3A2015%3A3394", "BWBR0011823"}, id="since"),
    pytest.param("tot", dt.date(2014, 12, 31),
                 {"ECLI%3ANL%3APHR%3A2014%3A2"}, id="until"),
    pytest.param("regeling", VW, {"emn-jaaroverzicht-2019"}, id="regeling"),
])
# fmt: on
def test_app_search_filters(search_page, key, value, expected):
    at = search_page
    at.text_input(key="query").input("categorieen").run()
    widget = {
        "soort": at.multiselect,
        "gerecht": at.multiselect,
        "vanaf": at.date_input,
        "tot": at.date_input,
        "regeling": at.selectbox,
    }[key](key=key)
    widget.set_value(value).run()
    assert not at.exception
    assert set(_hits(at)) == expected
    assert any("vallen buiten de filters" in c.value for c in at.caption)


def test_app_search_the_regeling_filter_names_regelingen(search_page):
    options = search_page.selectbox(key="regeling").options
    assert options == ["Vreemdelingenwet 2000 (Vw)"]


# fmt: off
@pytest.mark.parametrize(("snippet", "expected"), [
    pytest.param(f"de {MARK_START}categorieën{MARK_END} van",
                 'de <mark style="background:#fff176">categorieën</mark> van', id="mark"),
    pytest.param(f"<script>{MARK_START}x{MARK_END}</script> & [1]",
                 '&lt;script&gt;<mark style="background:#fff176">x</mark>'
                 "&lt;/script&gt; &amp; [1]", id="escaped"),
    pytest.param(f"{MARK_START}open zonder einde", "open zonder einde", id="stray"),
    pytest.param(f'"{MARK_START}a{MARK_END}"',
                 '&quot;<mark style="background:#fff176">a</mark>&quot;', id="quotes"),
])
# fmt: on
def test_views_snippet_html_escapes_the_text_and_marks_the_words(snippet, expected):
    assert snippet_html(snippet) == expected


def test_app_search_a_typed_article_links_to_the_artikel_page(search_page):
    at = search_page
    at.text_input(key="query").input("artikel 14 Vw").run()
    assert not at.exception
    links = [m.value for m in at.markdown if "(./article?part=" in m.value]
    assert len(links) == 1
    assert "artikel 14" in links[0]
    assert "part=https%3A%2F%2Fwetten.overheid.nl%2Fjci1.3%3Ac%3ABWBR0011823" in links[0]
