"""Moving between the explorer's pages within one session, with a way back.

A click on a table row (``st.dataframe`` selection) opens the next article or document
in the same tab: the Artikel page reruns with the new part in its URL (``?part=…``) and
remembers where the reader came from (a "Terug" button goes back: a query parameter
changed on the same page is not always given back by the browser's own back button);
another page opens by ``st.switch_page`` with its query parameters, one step in the
browser's history.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import streamlit as st

# The page scripts. Not a folder named "pages": beside the entry point Streamlit would
# take that for a multipage app of its own, with its own menu (docs/decisions.md).
SCREENS = Path(__file__).resolve().parent / "screens"
ARTICLE_PAGE = SCREENS / "article.py"
DOCUMENTS_PAGE = SCREENS / "documents.py"
TRACE_PAGE = SCREENS / "trace.py"
HISTORY_KEY = "artikel-terug"


def article_href(part: str) -> str:
    """The Artikel page's URL for one part (an article, lid or Vc paragraph IRI)."""
    return f"./article?part={quote(part, safe='')}"


def open_article(part: str, *, here: bool = False) -> None:
    """Show ``part`` on the Artikel page: ``here`` (called on that page) in place,
    remembering the part shown now for "Terug"; otherwise by switching to it."""
    if not here:
        _switch(ARTICLE_PAGE, {"part": part})
    current = st.query_params.get("part")
    if current and current != part:
        st.session_state.setdefault(HISTORY_KEY, []).append(current)
    st.query_params["part"] = part
    st.session_state.pop("cite", None)  # the field shows the new part's name
    st.rerun()


def go_back() -> None:
    """Back to the part shown before this one on the Artikel page."""
    history = st.session_state.get(HISTORY_KEY) or []
    if history:
        st.query_params["part"] = history.pop()
        st.session_state.pop("cite", None)
        st.rerun()


def open_document(document_id: str) -> None:
    """Open one document on the Documenten page."""
    _switch(DOCUMENTS_PAGE, {"doc": document_id})


def open_trace(identifier: str, part: str | None = None) -> None:
    """Open the Herkomst page at one document or work (``part``: the article or
    paragraph in it whose sentences come first)."""
    _switch(TRACE_PAGE, {"doc": identifier, **({"part": part} if part else {})})


def _switch(page: Path, query_params: dict[str, str]) -> None:
    try:
        st.switch_page(str(page), query_params=query_params)
    except st.errors.StreamlitAPIException:
        # the page run alone (no st.navigation, as in a test): move by its URL instead
        st.query_params.from_dict(query_params)
        st.rerun()


def selected_row(event: object) -> int | None:
    """The row a reader clicked in a ``st.dataframe(on_select="rerun")`` table."""
    selection = getattr(event, "selection", None)
    rows = getattr(selection, "rows", None) if selection is not None else None
    if not rows:
        return None
    return int(rows[0])
