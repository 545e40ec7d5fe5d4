"""Shared pytest fixtures (keep additive: other test modules append their own)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    """The wetgraaf spaCy pipeline, built once per session."""
    from ingest.nlp import make_nlp

    return make_nlp()


pytest_plugins = ["tests.conftest_servers", "tests.conftest_fetch"]
