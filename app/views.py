"""Pure render helpers: every piece of document text is HTML-escaped here."""

from __future__ import annotations

import html
from collections.abc import Iterable

KIND_COLOURS = {
    "legislation": "#cfe8ff",
    "policy": "#d8f5d0",
    "eu_legislation": "#fff2b3",
    "treaty": "#ffe0c2",
    "case_law": "#f7d4f4",
    "parliamentary": "#e3dcff",
    "gazette": "#e6e6e6",
    "commitment": "#ffd6d6",
    "tk_record": "#d6f3f3",
}


def highlight(text: str, spans: Iterable[tuple[int, int, str, str]]) -> str:
    """HTML of ``text`` with each (start, end, kind, title) span marked; all escaped.

    Overlapping spans are skipped after the first so markup stays well formed.
    """
    parts: list[str] = []
    cursor = 0
    for start, end, kind, title in sorted(spans):
        if start < cursor or end > len(text) or start >= end:
            continue
        parts.append(html.escape(text[cursor:start]))
        colour = KIND_COLOURS.get(kind, "#eeeeee")
        parts.append(
            f'<mark style="background:{colour}" title="{html.escape(title, quote=True)}">'
            f"{html.escape(text[start:end])}</mark>"
        )
        cursor = end
    parts.append(html.escape(text[cursor:]))
    body = "".join(parts)
    return f'<div style="white-space:pre-wrap;font-family:serif;line-height:1.5">{body}</div>'


def documents_table(rows: list[dict[str, object]], *, key: str) -> None:
    """A table (escaped by st.dataframe) with a CSV download of the same rows."""
    import csv
    import io

    import streamlit as st

    if not rows:
        st.caption("Geen resultaten.")
        return
    st.dataframe(rows, width="stretch", hide_index=True)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    st.download_button(
        "CSV",
        buffer.getvalue(),
        file_name=f"{key}.csv",
        mime="text/csv",
        key=f"csv-{key}",
    )


def dot_label(text: str, limit: int = 40) -> str:
    """A graphviz label: shortened and escaped for a double-quoted DOT string."""
    short = text if len(text) <= limit else text[: limit - 1] + "…"
    return short.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def document_link(document_id: str, label: str | None = None) -> str:
    """Markdown link to the Documenten page (the default page) showing one document;
    the label's markdown and HTML characters are escaped."""
    from urllib.parse import quote

    text = html.escape(label or document_id)
    for char in "\\`*_{}[]()#+-.!|~<>":
        text = text.replace(char, "\\" + char)
    return f"[{text}](./?doc={quote(document_id, safe='')})"
