"""Pure render helpers: every piece of document text is HTML-escaped here."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

# Incoming links of a much-cited law come a page of citing documents at a time, about
# this many links a page (at 11.6 M triples the Vb's 30,000 links take 5 s at once).
LINKS_PER_PAGE = 500

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


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of document text to highlight: its kind, a tooltip and where it leads."""

    start: int
    end: int
    kind: str
    title: str
    href: str | None = None  # an http(s) IRI or a page of the explorer ("./?doc=…")


def highlight(text: str, marks: Iterable[Mark]) -> str:
    """HTML of ``text`` with each mark highlighted (a link when it has an ``href``);
    text, tooltips and links are all escaped.

    Overlapping marks are skipped after the first so markup stays well formed; links
    other than http(s) or the explorer's own pages are dropped (no ``javascript:``).
    """
    parts: list[str] = []
    cursor = 0
    for mark in sorted(marks, key=lambda m: (m.start, m.end)):
        if mark.start < cursor or mark.end > len(text) or mark.start >= mark.end:
            continue
        parts.append(html.escape(text[cursor : mark.start]))
        colour = KIND_COLOURS.get(mark.kind, "#eeeeee")
        inner = html.escape(text[mark.start : mark.end])
        if mark.href and mark.href.startswith(("https://", "http://", "./?")):
            target = "_self" if mark.href.startswith("./") else "_blank"
            inner = (
                f'<a href="{html.escape(mark.href, quote=True)}" target="{target}" '
                f'style="color:inherit">{inner}</a>'
            )
        parts.append(
            f'<mark style="background:{colour}" '
            f'title="{html.escape(mark.title, quote=True)}">{inner}</mark>'
        )
        cursor = mark.end
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


# (label, rdflib format, file extension, MIME type) of a named graph's downloads
RDF_DOWNLOADS = (
    ("Turtle", "turtle", "ttl", "text/turtle"),
    ("JSON-LD", "json-ld", "jsonld", "application/ld+json"),
)


def rdf_downloads(
    columns: Sequence[Any], document_id: str, triples: Callable[[], Any]
) -> None:
    """One download button per RDF format for a document's named graph, in ``columns``;
    ``triples`` (an rdflib Graph) is read and serialised only when one is clicked."""
    for column, (label, fmt, extension, mime) in zip(
        columns, RDF_DOWNLOADS, strict=False
    ):
        column.download_button(
            f"Graaf ({label})",
            lambda fmt=fmt: triples().serialize(format=fmt),
            file_name=f"{document_id}.{extension}",
            mime=mime,
            key=extension,
        )


def dot_label(text: str, limit: int = 40) -> str:
    """A graphviz label: shortened and escaped for a double-quoted DOT string."""
    short = text if len(text) <= limit else text[: limit - 1] + "…"
    return short.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


# The characters that make Markdown: links, images, HTML tags and entities, emphasis,
# code, tables, headings, emoji and colour directives (``:red[…]``), math (``$``),
# autolinks (``http://`` is escaped before its ``//``). ``-`` and ``.`` only start a
# list at the start of a line: escaped there only.
_MARKDOWN_SPECIAL = frozenset("\\`*_{}[]()<>#+!|~&$")


def escape_markdown(text: str) -> str:
    """``text`` shown literally by st.markdown, st.header, st.caption and the other
    Markdown-rendering elements: Markdown's characters backslash-escaped, line
    breaks as spaces. Every title, id or other text from the data (or from the user)
    that goes into Markdown goes through here."""
    flat = " ".join(text.splitlines())
    escaped = "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in flat)
    escaped = escaped.replace("://", "\\://").replace("www.", "www\\.")
    body = escaped.lstrip()
    if body[:1] in ("-", "."):
        escaped = escaped[: len(escaped) - len(body)] + "\\" + body
    return escaped


def markdown_link(label: str, url: str) -> str:
    """A Markdown link with ``label`` escaped, or the label alone when ``url`` is not
    http(s) (no ``javascript:``); the URL's brackets and spaces are percent-encoded."""
    if not url.startswith(("https://", "http://")):
        return escape_markdown(label)
    from urllib.parse import quote

    return f"[{escape_markdown(label)}]({quote(url, safe=_URL_SAFE)})"


_URL_SAFE = ":/?#@!$&'*+,;=%~-._"


def document_link(document_id: str, label: str | None = None, *, page: str = "") -> str:
    """Markdown link to a page of the explorer showing one document or work (the
    Documenten page, the default, unless ``page`` names another: "trace")."""
    return (
        f"[{escape_markdown(label or document_id)}]({document_href(document_id, page)})"
    )


def document_href(document_id: str, page: str = "") -> str:
    """The explorer's page for one document (the Documenten page, the default)."""
    from urllib.parse import quote

    return f"./{page}?doc={quote(document_id, safe='')}"
