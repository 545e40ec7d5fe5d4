"""A store every explorer page has something to show from, and what a visitor does on
a page before it shows its results (for the tests that render every page)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.build.document import build_document_graph
from graph.iris import graph_iri
from graph.load import document_graph
from graph.store import open_store
from tests.graph_fixtures import letter, toezegging_letter

APP_DIR = Path(__file__).resolve().parent.parent / "app"
PAGES = sorted((APP_DIR / "screens").glob("*.py"))


@pytest.fixture
def dutch_store(tmp_path, monkeypatch):
    """A letter citing the Vb and a motion, a motion with votes and a letter with
    toezeggingen: every page has something to show."""
    import streamlit as st

    from tests.test_app import _motion

    location = tmp_path / "store"
    store = open_store(location)
    document, refs = letter()
    store.replace_graph(graph_iri(document.id), build_document_graph(document, refs))
    motion = _motion()
    store.replace_graph(graph_iri(motion.id), build_document_graph(motion))
    document, refs = toezegging_letter()
    store.replace_graph(graph_iri(document.id), document_graph(document, refs))
    store.close()
    monkeypatch.setenv("WETGRAAF_STORE", str(location))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield location
    st.cache_resource.clear()
    st.cache_data.clear()


# What each page needs a visitor to do before it shows its results.
ACTIONS = {
    "search": lambda at: at.text_input(key="query").input("artikel 3.71 Vb").run(),
    "console": lambda at: at.button(key="run").click().run(),
}
