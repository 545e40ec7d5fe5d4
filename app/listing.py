"""The document list as the Documenten page shows it: named and formatted once per
store, chosen kinds and filter, since a store of thousands of documents would otherwise
be named row by row at every click on the page."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from app.labels import kind_label, kind_options
from app.names import get_names
from app.state import get_documents, store_stamp
from app.views import shown_rows


@dataclass(frozen=True, slots=True)
class Listing:
    """The documents of the chosen kinds matching the filter."""

    ids: list[str]
    labels: dict[str, str]  # "name (id)" per id, for the choice below the list
    table: list[dict[str, object]]


def all_kinds() -> list[str]:
    """The kinds of the store's documents, in the list's order (chosen by default)."""
    return kind_options(get_documents().column("kind"))


def get_listing(kinds: tuple[str, ...], needle: str) -> Listing:
    """The documents of ``kinds`` whose id, title or name holds ``needle`` (lower
    case; empty: all)."""
    return _listing(store_stamp(), kinds, needle)


@st.cache_resource(max_entries=16, show_spinner=False)
def _listing(stamp: str, kinds: tuple[str, ...], needle: str) -> Listing:
    names = get_names()
    rows = [
        row
        for row in get_documents().as_dicts()
        if row["kind"] in kinds
        and (
            not needle
            or needle in str(row["id"]).lower()
            or needle in str(row["title"]).lower()
            or needle in names.name(str(row["doc"])).lower()
        )
    ]
    ids = [str(row["id"]) for row in rows]
    table = shown_rows(
        [
            {
                "naam": names.name(str(row["doc"])),
                "id": row["id"],
                "soort": kind_label(row["kind"]),
                "datum": row["date"],
                "verwijzingen": row["links"],
            }
            for row in rows
        ]
    )
    return Listing(ids, {i: names.label(i) for i in ids}, table)


def warm_listing() -> Listing:
    """The list as the page first shows it: every kind, no filter."""
    return get_listing(tuple(all_kinds()), "")
