"""Shared pytest fixtures (keep additive: other test modules append their own)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    """The wetgraaf spaCy pipeline, built once per session."""
    from ingest.nlp import make_nlp

    return make_nlp()


pytest_plugins = ["tests.conftest_servers", "tests.conftest_fetch", "tests.app_slice"]


@pytest.fixture(scope="session")
def bundled_store():
    """An embedded store holding the whole bundled corpus, built once per session.
    Tests only read it."""
    from graph import settings
    from graph.load import load_paths
    from graph.store import open_store

    store = open_store()
    summary = load_paths(store, [settings.BUNDLED_CORPUS], workers=2)
    assert summary.errors == [], summary.errors[:5]
    assert summary.documents > 600
    yield store
    store.close()


@pytest.fixture(autouse=True)
def _store_home(monkeypatch, tmp_path_factory):
    """Tests never write the user's own store or index: the default store folder
    (and so the default index beside it) is a temporary one, unless a test sets it."""
    import os

    if not os.environ.get("WETGRAAF_STORE"):
        home = tmp_path_factory.getbasetemp() / "wetgraaf-home"
        monkeypatch.setenv("WETGRAAF_STORE", str(home / "store"))
