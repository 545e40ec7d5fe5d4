"""Cached heavy objects for the explorer: the store and its query backend."""

from __future__ import annotations

import streamlit as st

from graph import settings
from graph.remote import AnyStore, open_any_store, open_backend
from graph.sparql import QueryBackend


@st.cache_resource(show_spinner="Opening the store…")
def get_backend() -> QueryBackend:
    """The query backend on the configured store: the embedded one read-only (builds
    may run alongside) or the remote endpoint when ``WETGRAAF_ENDPOINT`` is set."""
    return open_backend(get_store())


@st.cache_resource(show_spinner="Opening the store…")
def get_store() -> AnyStore:
    """The configured store, read-only (for reading whole named graphs back)."""
    return open_any_store(settings.store_path(), read_only=True)
