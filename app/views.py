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
