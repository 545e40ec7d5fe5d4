"""Cached heavy objects for the explorer: the store, its query backend, and the
results every visitor shares (document list, citation network, motions, most cited).

Shared results are keyed by a stamp of the store: a rebuild shows at the next
interaction, and nothing is recomputed while the store is unchanged. ``warm_up``
computes them once in the background when the server starts, so no visitor's first
click pays for them.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
import time

import networkx as nx
import streamlit as st

from graph import settings
from graph.analysis import Ranked, citation_network, rank_nodes
from graph.console import check_read_only
from graph.document_store import DocumentStore, open_any_store
from graph.explore.documents import index_missing, list_documents
from graph.explore.motions import MotionRow, list_motions, motion_votes
from graph.explore.parts import CitedPart, most_cited_parts
from graph.explore.toezeggingen import ToezeggingRow, list_toezeggingen
from graph.sparql import QueryBackend, QueryResult
from graph.worker import start_forkserver

# How long results from a remote endpoint are reused: it gives no cheap change stamp.
REMOTE_REFRESH_SECONDS = 300

Votes = dict[str, list[tuple[str, str, int]]]


def store_stamp() -> str:
    """Changes whenever the store or its index is rewritten: the embedded store's
    folder gets new files on every write, the index file (or its write-ahead log) a
    new time; a remote endpoint's results are renewed every few minutes."""
    if settings.ENDPOINT.value():
        return f"remote-{int(time.time() // REMOTE_REFRESH_SECONDS)}"
    location = settings.store_path()
    if not location.exists():
        return "missing"
    index = settings.index_path(None, location)
    files = (location, index, index.with_name(index.name + "-wal"))
    return "-".join(str(f.stat().st_mtime_ns) for f in files if f.exists())


# The read-only view of the embedded store sees the store as it was when opened, so a
# new stamp opens it afresh: after a rebuild every page reads the new graph.
@st.cache_resource(max_entries=1, show_spinner="De store openen…")
def _store(stamp: str) -> DocumentStore:
    return open_any_store(settings.store_path(), read_only=True)


@st.cache_resource(max_entries=1, show_spinner="De store openen…")
def _backend(stamp: str) -> QueryBackend:
    return _store(stamp).backend()


def get_store() -> DocumentStore:
    """The configured store, read-only (for reading whole named graphs back)."""
    return _store(store_stamp())


def get_backend() -> QueryBackend:
    """The query backend on the configured store: the embedded one read-only (builds
    may run alongside) or the remote endpoint when ``WETGRAAF_ENDPOINT`` is set."""
    return _backend(store_stamp())


@st.cache_data(max_entries=2, show_spinner=False)
def _index_missing(stamp: str) -> bool:
    return index_missing(get_backend())


def get_index_missing() -> bool:
    """Whether the store has no index yet (``wetgraaf index`` writes it)."""
    return _index_missing(store_stamp())


@st.cache_data(max_entries=2, show_spinner=False)
def _documents(stamp: str) -> QueryResult:
    return list_documents(get_backend())


def get_documents() -> QueryResult:
    """Every ingested document with kind, title, date and number of links."""
    return _documents(store_stamp())


@st.cache_resource(max_entries=2, show_spinner="Citatienetwerk opbouwen…")
def _network(stamp: str) -> nx.DiGraph:
    return citation_network(get_backend(), get_documents())


def get_network() -> nx.DiGraph:
    """The citations counted per document and work (``graph.analysis``), without
    evidence; shared, so never mutate it."""
    return _network(store_stamp())


@st.cache_resource(max_entries=2, show_spinner="Netwerk rangschikken…")
def _ranked(stamp: str) -> list[Ranked]:
    return rank_nodes(get_network())


def get_ranked() -> list[Ranked]:
    """Every node of the network by in-degree, then PageRank (computed once per store:
    PageRank walks the whole network, too slow to repeat on every page run)."""
    return _ranked(store_stamp())


@st.cache_data(max_entries=2, show_spinner="Moties laden…")
def _motions(stamp: str) -> tuple[list[MotionRow], Votes]:
    backend = get_backend()
    motions = list_motions(backend)
    return motions, motion_votes(backend, [m.besluit for m in motions if m.besluit])


def get_motions() -> tuple[list[MotionRow], Votes]:
    """Every motion with its decisive vote, and the votes per fractie per besluit."""
    return _motions(store_stamp())


@st.cache_data(max_entries=2, show_spinner="Artikelen tellen…")
def _cited_parts(stamp: str) -> list[CitedPart]:
    return most_cited_parts(get_backend())


def get_cited_parts() -> list[CitedPart]:
    """The most cited articles, leden and Vc paragraphs."""
    return _cited_parts(store_stamp())


@st.cache_data(max_entries=8, ttl=300, show_spinner="Toezeggingen laden…")
def _toezeggingen(stamp: str, reference_date: dt.date) -> list[ToezeggingRow]:
    return list_toezeggingen(get_backend(), reference_date)


def get_toezeggingen(reference_date: dt.date | None = None) -> list[ToezeggingRow]:
    """Every toezegging with its status on ``reference_date`` (default today)."""
    return _toezeggingen(store_stamp(), reference_date or dt.date.today())


@st.cache_resource(show_spinner=False)
def warm_up() -> threading.Thread:
    """Compute the shared results once, in the background, when the server starts."""
    thread = threading.Thread(
        target=_warm, kwargs={"server": True}, name="wetgraaf-warm-up", daemon=True
    )
    thread.start()
    return thread


def _warm(*, server: bool = False) -> None:
    # What the first table and chart would import otherwise, on the first visitor's
    # first page.
    import altair  # noqa: F401
    import pandas  # noqa: F401
    import pyarrow  # noqa: F401

    from app.listing import warm_listing  # here: both read this module
    from app.names import get_names
    from graph.search import resolve_citations

    resolve_citations("artikel 1 Vw")  # loads the grammar's tables once, not per visit
    # the document list first: the names (on nearly every page) are read from it
    shared = (
        get_documents,
        get_names,
        warm_listing,  # the Documenten page, the explorer's first
        get_motions,
        get_cited_parts,
        get_network,
        get_ranked,
        get_toezeggingen,  # as the Toezeggingen page opens: on today's date
    )
    for load in shared:
        try:
            load()
        except Exception:  # noqa: BLE001 - the page that needs it shows the error
            return
    # The shared results live as long as the server: out of the collector's sight, a
    # full collection no longer walks their millions of objects in whatever page run
    # it happens to fall (they are still freed when a new store replaces them). Only
    # in a server: a test process goes on making and dropping stores.
    if server:
        gc.freeze()
        start_forkserver()  # the console's first query forks from it at once
        check_read_only("ASK {}")  # the parser's grammar is prepared at its first use
