"""Cached heavy objects for the explorer: the store and its query backend."""

from __future__ import annotations

import streamlit as st

from graph import settings
from graph.sparql import LocalBackend, QueryBackend
from graph.store import open_store


@st.cache_resource(show_spinner="Opening the store…")
def get_backend() -> QueryBackend:
    """The query backend on the configured store (read-only: builds may run alongside)."""
    return LocalBackend(open_store(settings.store_path(), read_only=True))
