"""The explorer pages, run headless with Streamlit's AppTest on a small real store."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.build import build_document_graph, graph_iri
from graph.store import open_store
from tests.graph_fixtures import letter

APP_DIR = Path(__file__).resolve().parent.parent / "app"
PAGES = sorted((APP_DIR / "pages").glob("*.py"))


@pytest.fixture
def small_store(tmp_path, monkeypatch):
    location = tmp_path / "store"
    store = open_store(location)
    document, refs = letter()
    store.replace_graph(graph_iri(document.id), build_document_graph(document, refs))
    store.close()
    monkeypatch.setenv("WETGRAAF_STORE", str(location))
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    yield location
    st.cache_resource.clear()


def _run(path: Path) -> AppTest:
    at = AppTest.from_file(str(path), default_timeout=60)
    at.run()
    return at


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_app_every_page_renders_without_exception(small_store, page):
    at = _run(page)
    assert not at.exception, [e.value for e in at.exception]


def test_app_main_script_navigates(small_store):
    at = _run(APP_DIR / "streamlit_app.py")
    assert not at.exception


def test_app_documents_lists_and_shows_links(small_store):
    at = _run(APP_DIR / "pages" / "documents.py")
    assert at.title[0].value == "Documenten"
    assert at.selectbox(key="document").value == "2025D33530"
    assert at.header[0].value == "Diverse onderwerpen op het gebied van migratie"
    outgoing = at.dataframe[1].value
    assert list(outgoing["target"]) == ["BWBR0011825", "—", "kst-19637-2798"]
    assert "paragraaf B9/99 Vc" in list(outgoing["quote"])


def test_app_documents_filter_hides_non_matching(small_store):
    at = _run(APP_DIR / "pages" / "documents.py")
    at.text_input(key="filter").input("no such document").run()
    assert not at.exception
    assert any("0 of 1 documents" in c.value for c in at.caption)


def test_app_documents_text_is_escaped(tmp_path, monkeypatch):
    from ingest.models import DocumentKind, SourceDocument

    hostile = SourceDocument(
        id="kst-1-1",
        kind=DocumentKind.KAMERSTUK,
        title="<script>alert(1)</script>",
        text="<img src=x onerror=alert(1)> artikel <b>1</b>",
        path="x.txt",
    )
    location = tmp_path / "store"
    store = open_store(location)
    store.replace_graph(graph_iri(hostile.id), build_document_graph(hostile))
    store.close()
    monkeypatch.setenv("WETGRAAF_STORE", str(location))
    import streamlit as st

    st.cache_resource.clear()
    at = _run(APP_DIR / "pages" / "documents.py")
    html_blocks = [m.value for m in at.markdown if "white-space:pre-wrap" in m.value]
    assert html_blocks, "document text not rendered"
    assert (
        "<img" not in html_blocks[0]
        and "&lt;img src=x onerror=alert(1)&gt;" in html_blocks[0]
    )
    st.cache_resource.clear()
