"""No English left in the explorer: every page is rendered (AppTest) and the text a
visitor reads is scanned for English UI words; labels.py's Dutch names and dates."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from app import labels
from tests.app_fixtures import ACTIONS, APP_DIR, PAGES, dutch_store  # noqa: F401 - a fixture

# Words a Dutch interface never shows (none of them is also a Dutch word), the
# internal values of kinds, and what Streamlit's frontend shows for a selection widget
# given no placeholder.
_WORDS = """the and with without from none null nan no not yes choose options option
    select results result loading search error found unknown overdue fulfilled
    unresolved cites cited answers amends implements elaborates derives renumbers
    legislation policy treaty gazette commitment parliamentary record case law page
    graph network source target title date documents rows row columns motion motions
    vote votes letter letters court ruling article articles view show hide clear today
    previous next back file files january february march june july october monday
    tuesday wednesday thursday friday saturday sunday extracted editorial inferred
    hops"""
ENGLISH = frozenset(_WORDS.split())
INTERNAL = frozenset(k for k in labels.KIND_LABELS if "_" in k) | {"derives_from"}
# Table columns whose cells are the interface's own words (a kind, a status, how a link
# was found), not text from the data (titles and quotes may be in any language).
INTERFACE_COLUMNS = frozenset({"soort", "methode", "relatie", "status", "onopgelost"})
FRONTEND_PLACEHOLDERS = {
    "multiselect": "Choose options",
    "selectbox": "Choose an option",
}


def english_words(text: str) -> set[str]:
    """The English words and internal values in ``text`` (markup and link targets left
    out: only what a visitor reads)."""
    readable = re.sub(r"\]\([^)]*\)", "]", text)  # Markdown link targets
    readable = re.sub(r"`[^`]*`", " ", readable)  # code: query names, commands
    readable = re.sub(r"<[^>]*>", " ", readable)  # HTML tags and their attributes
    readable = readable.replace("\\", "")  # Markdown escapes
    tokens = re.findall(r"[a-z_]+", readable.lower())
    found = {w for w in tokens if w in INTERNAL}
    words = re.findall(r"[^\W\d_]+", re.sub(r"\w*_\w*", " ", readable))
    # words in capitals are code or acronyms (SELECT, CSV, TK), not sentences
    return found | {
        w.lower() for w in words if w.lower() in ENGLISH and not w.isupper()
    }


def _nodes(node) -> Iterator[object]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def rendered_text(at: AppTest) -> list[str]:
    """Every piece of text the page shows a visitor: element bodies, widget labels,
    help, placeholders (Streamlit's own when none is given) and options, table column
    names, metric labels and chart titles; never what a visitor typed."""
    texts: list[str] = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        kind = getattr(node, "type", "")
        if proto is None:
            continue
        for name in ("body", "label", "help", "placeholder"):
            value = getattr(proto, name, None)
            if isinstance(value, str) and value:
                texts.append(value)
        shows_placeholder = kind == "multiselect" or (
            kind == "selectbox" and node.value is None
        )
        if shows_placeholder and not getattr(proto, "placeholder", ""):
            texts.append(FRONTEND_PLACEHOLDERS[kind])
        if kind in ("multiselect", "selectbox", "radio"):
            texts.extend(str(o) for o in node.options)
        if kind in ("markdown", "caption", "title", "header", "subheader"):
            texts.append(str(node.value))
        if kind == "metric":
            texts.extend((str(node.label), str(node.value)))
        if kind in ("alert", "error", "warning", "info", "success", "exception"):
            texts.append(str(getattr(node, "value", "")))
        if kind in ("dataframe", "arrow_data_frame"):
            frame = node.value
            texts.extend(str(c) for c in frame.columns)
            # an empty cell of a column that is not numbers reads "None"
            for column in frame.columns:
                if frame[column].dtype.kind not in "iuf" and frame[column].isna().any():
                    texts.append(f"{column}: None")
                if column in INTERFACE_COLUMNS:
                    texts.extend(f"{column}: {v}" for v in frame[column].unique())
        if kind in ("vega_lite_chart", "arrow_vega_lite_chart"):
            texts.extend(_chart_titles(json.loads(proto.spec)))
    return texts


def _chart_titles(spec: object) -> Iterator[str]:
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "title" and isinstance(value, str):
                yield value
            else:
                yield from _chart_titles(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from _chart_titles(value)


# English still on a page, word by word, while its Dutch is being written (issue 25):
# remove a page's entry when it is done; any other English word fails the test.
NOT_YET_DUTCH: dict[str, set[str]] = {}


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
@pytest.mark.usefixtures("dutch_store")
def test_app_dutch_no_english_on_any_page(page):
    at = AppTest.from_file(str(page), default_timeout=60)
    at.run()
    if page.stem in ACTIONS:
        ACTIONS[page.stem](at)
    assert not at.exception, [e.value for e in at.exception]
    texts = rendered_text(at)
    assert len(texts) > 5, texts  # the scanner saw the page
    allowed = NOT_YET_DUTCH.get(page.stem, set())
    english = {text: english_words(text) - allowed for text in texts}
    assert {t: w for t, w in english.items() if w} == {}


@pytest.mark.usefixtures("dutch_store")
def test_app_dutch_main_script_has_no_english():
    at = AppTest.from_file(str(APP_DIR / "streamlit_app.py"), default_timeout=60)
    at.run()
    assert not at.exception
    allowed = NOT_YET_DUTCH.get("documents", set())  # the default page
    assert not {t for t in rendered_text(at) if english_words(t) - allowed}


def _english_page() -> None:
    import streamlit as st

    st.multiselect("Soort", ["a", "b"], key="kinds")
    st.caption("No results")
    st.dataframe([{"kind": "case_law", "titel": None}, {"kind": "x", "titel": "y"}])
    st.dataframe(
        [{"methode": "extracted", "titel": "Judgment of the Court, Gusa, C-442/16"}]
    )


def test_app_dutch_scanner_finds_english_strings():
    """The scanner fails a page with Streamlit's own placeholder, an English caption,
    a table cell st.dataframe writes as "None" and an English value in a column of the
    interface's words, not a title from the data (a test that cannot fail proves
    nothing)."""
    at = AppTest.from_function(_english_page, default_timeout=30)
    at.run()
    texts = rendered_text(at)
    found = set().union(*(english_words(t) for t in texts))
    assert {"choose", "options", "no", "results", "none", "extracted"} <= found
    assert "the" not in found  # a ruling's English title is the data's
    assert "kind" not in found  # a column named kind: not in the word list …
    assert english_words("soort: case_law") == {"case_law"}  # … but internal values are


# fmt: off
@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Geen resultaten.", set(), id="dutch"),
    pytest.param("Choose an option", {"choose", "option"}, id="placeholder"),
    pytest.param("[kst-19637-2798](./?doc=the-none)", set(), id="link-target"),
    pytest.param('<mark title="none">artikel</mark>', set(), id="html-attribute"),
    pytest.param("open · te laat · voldaan", set(), id="statuses"),
    pytest.param("status: overdue", {"overdue"}, id="english-status"),
    pytest.param("soort tk\\_record", {"tk_record"}, id="escaped-internal"),
    pytest.param("query `documents` (of `motions`)", set(), id="code"),
])
# fmt: on
def test_app_dutch_english_words(text, expected):
    assert english_words(text) == expected


# fmt: off
@pytest.mark.parametrize(("kind", "expected"), [
    ("case_law", "rechtspraak"),
    ("tk_record", "Kamerregistratie"),
    ("eu_legislation", "EU-recht"),
    ("kamerbrief", "Kamerbrief"),
    ("something_new", "something new"),
])
# fmt: on
def test_labels_kind_label(kind, expected):
    assert labels.kind_label(kind) == expected


# fmt: off
@pytest.mark.parametrize(("value", "expected"), [
    (dt.date(2026, 12, 7), "7 december 2026"),
    (dt.datetime(2025, 7, 11, 9, 30), "11 juli 2025"),
    ("2019-03-01", "1 maart 2019"),
    ("geen datum", "geen datum"),
    (None, ""),
])
# fmt: on
def test_labels_format_date(value, expected):
    assert labels.format_date(value) == expected


# Reasons as ingest.resolve writes them for references in the bundled corpus and the
# tests' sentences.
# fmt: off
@pytest.mark.parametrize(("reason", "expected"), [
    ("'Vreemdelingenwet' names several acts (Vreemdelingenwet 1965, Vreemdelingenwet"
     " 2000): the citing text's date is not known",
     "'Vreemdelingenwet' noemt meerdere regelingen (Vreemdelingenwet 1965,"
     " Vreemdelingenwet 2000) en de datum van de tekst is niet bekend"),
    ("no such article in Vreemdelingenbesluit 2000: artikel 3.999",
     "Vreemdelingenbesluit 2000 heeft geen artikel 3.999"),
    ("unknown Vc part in 'B99'", "onbekend deel van de Vc in 'B99'"),
    ("case 'Smith' not in case_law.csv", "zaak 'Smith' staat niet in de zakenlijst"),
    ("antecedent of 'die wet' unclear: no act named before it in its sentence",
     "onduidelijk waar 'die wet' naar terugverwijst: geen regeling eerder genoemd in"
     " de zin"),
    ("footnote 3 names no kamerstuk", "voetnoot 3 noemt geen Kamerstuk"),
    ("short form without antecedent", "verkorte verwijzing zonder voorganger"),
    ("no resolver for kind case_law", "geen oplosser voor soort rechtspraak"),
    ("'tot en met' C2 outside the Vc names no Vc chapter for certain",
     "'tot en met' C2 buiten de Vc wijst niet zeker een hoofdstuk van de Vc aan"),
    ("artikel 1 is an article of bijlage 2 or 3 only, not of the regeling's body",
     "artikel 1 is alleen een artikel van bijlage 2 of 3, niet van de regeling zelf"),
    ("inside bijlage 2: artikel 4 is that bijlage's own article, and 'het elfde lid'"
     " may cite the act its entry names",
     "in bijlage 2 is artikel 4 een artikel van die bijlage zelf, en 'het elfde lid'"
     " kan verwijzen naar de regeling die het onderdeel noemt"),
    ("a reason nobody wrote yet", "niet opgelost (a reason nobody wrote yet)"),
])
# fmt: on
def test_labels_reason_label(reason, expected):
    assert labels.reason_label(reason) == expected


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        ("https://w3id.org/wetgraaf/ontology#extracted", "uit de tekst gelezen"),
        ("editorial", "redactioneel (uit de bron)"),
        ("inferred", "afgeleid"),
        (None, ""),
    ],
)
def test_labels_method_label(method, expected):
    assert labels.method_label(method) == expected


# fmt: off
@pytest.mark.parametrize(("ecli", "court"), [
    ("ECLI:NL:RVS:2020:2818", "Raad van State"),
    ("ECLI:EU:C:2017:354", "Hof van Justitie EU"),
    ("ECLI:NL:RBDHA:2019:1234", "Rechtbank Den Haag"),
    ("kst-19637-2798", None),
])
# fmt: on
def test_labels_court_of(ecli, court):
    assert labels.court_of(ecli) == court


def test_labels_every_reason_in_the_bundled_corpus_reads_dutch(bundled_store):
    """Each reason the bundled corpus gives for an unresolved reference (the
    resolver's and the build's) has its Dutch sentence, not the fallback."""
    from graph.sparql import run_query

    rows = run_query(bundled_store.backend(), "unresolved_references").as_dicts()
    reasons = {str(r["reason"]) for r in rows if r["reason"]}
    assert len(reasons) > 20
    untold = {r for r in reasons if labels.reason_label(r).startswith("niet opgelost")}
    assert untold == set()


def test_labels_every_named_query_has_its_dutch_description():
    """The console lists the named queries by their Dutch descriptions: a new query
    without one would show its file name."""
    from graph.sparql import list_queries

    assert set(labels.QUERY_LABELS) == set(list_queries())
