"""Pure render helpers: every piece of document text is HTML-escaped here."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

# Incoming links of a much-cited law come a page of citing documents at a time, about
# this many links a page: a law the whole corpus cites has too many to read at once.
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


# Where a highlighted reference may lead: the web, or a page of the explorer (the
# Documenten page at "./?doc=…", the Artikel page at "./article?part=…").
_SAFE_HREFS = ("https://", "http://", "./?", "./article?")


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
        if mark.href and mark.href.startswith(_SAFE_HREFS):
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


def page_link(page: str, label: str, **query_params: str) -> None:
    """A link to another page of the explorer (``page``: its file in app/screens) that
    opens it in the same tab and session; a Markdown link where the page runs alone
    (as in a test of one page), without st.navigation to find it in."""
    import streamlit as st
    from streamlit.errors import StreamlitAPIException

    from app.navigation import SCREENS

    path = SCREENS / f"{page}.py"
    try:
        st.page_link(str(path), label=label, query_params=query_params)
    except StreamlitAPIException:
        from urllib.parse import urlencode

        st.markdown(f"[{escape_markdown(label)}](./{page}?{urlencode(query_params)})")


def snippet_html(snippet: str) -> str:
    """A search snippet as HTML: its text escaped, the matched words (between
    graph.search's MARK_START and MARK_END) in <mark>; a stray marker is dropped."""
    import re

    from graph.search import MARK_END, MARK_START

    escaped = html.escape(snippet)
    marked = re.sub(
        f"{MARK_START}([^{MARK_START}{MARK_END}]*){MARK_END}",
        r'<mark style="background:#fff176">\1</mark>',
        escaped,
    )
    return marked.replace(MARK_START, "").replace(MARK_END, "")


def documents_table(rows: list[dict[str, object]], *, key: str) -> None:
    """A table (escaped by st.dataframe) with CSV downloads of the same rows."""
    import streamlit as st

    if not rows:
        st.caption("Geen resultaten.")
        return
    shown = shown_rows(rows)
    st.dataframe(
        shown, width="stretch", hide_index=True, column_config=date_columns(shown)
    )
    table_downloads(rows, key=key)


def shown_rows(rows: Sequence[dict[str, object]]) -> list[dict[str, object]]:
    """The rows as a table shows them: an empty cell of a text or date column as "—"
    (st.dataframe writes "None"), a date column with empty cells in Dutch (7-12-2026),
    yes/no as ja/nee; numbers stay numbers (a table sorts them)."""
    import datetime as dt

    from app.labels import NONE

    def kind(value: object) -> str:
        if isinstance(value, bool):
            return "bool"
        if isinstance(value, int | float):
            return "number"
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return "date"
        return "text"

    kinds: dict[str, set[str]] = {}
    empty: set[str] = set()
    for row in rows:
        for column, value in row.items():
            if value is None:
                empty.add(column)
            else:
                kinds.setdefault(column, set()).add(kind(value))
    dutch_dates = {c for c in empty if kinds.get(c) == {"date"}}

    def cell(column: str, value: object) -> object:
        if isinstance(value, bool):
            return "ja" if value else "nee"
        if value is None:
            return None if kinds.get(column) == {"number"} else NONE
        if column in dutch_dates and isinstance(value, dt.date):
            return f"{value.day}-{value.month}-{value.year}"
        return value

    return [{c: cell(c, v) for c, v in row.items()} for row in rows]


def date_columns(rows: Sequence[dict[str, object]]) -> dict[str, Any]:
    """Dates shown as a Dutch reader writes them (7-12-2026), still sorted as dates."""
    import datetime as dt

    import streamlit as st

    first: dict[str, object] = {}
    for row in rows[:50]:
        for column, value in row.items():
            if value is not None:
                first.setdefault(column, value)
    return {
        column: st.column_config.DateColumn(column, format="D-M-YYYY")
        for column, value in first.items()
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    }


# Tables with more rows than this are written to CSV only when asked, with a progress
# bar: building the file on every run would cost each interaction its time.
LARGE_TABLE = 5_000


def safe_filename(name: str, extension: str) -> str:
    """A file name from ``name`` that every system accepts: no URL scheme, no slashes
    or other characters a file system or a browser refuses, never empty."""
    import re
    import unicodedata

    bare = re.sub(r"[a-z][a-z0-9+.]*://", "", name.strip(), flags=re.IGNORECASE)
    ascii_name = (
        unicodedata.normalize("NFKD", bare).encode("ascii", "ignore").decode("ascii")
    )
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name).strip("-._")[:120]
    return f"{cleaned or 'wetgraaf'}.{extension}"


def csv_bytes(
    rows: Sequence[dict[str, object]], *, excel: bool = False, progress: Any = None
) -> bytes:
    """The rows as CSV in UTF-8: with ``excel``, ``;``-separated and with a byte order
    mark, as Excel opens it in a Dutch locale (decimal commas) with its accents intact.
    ``progress`` (a st.progress bar) is moved along for large tables."""
    import csv
    import io

    buffer = io.StringIO()
    if excel:
        buffer.write("\ufeff")
    columns = list(rows[0]) if rows else []
    writer = csv.DictWriter(
        buffer,
        fieldnames=columns,
        delimiter=";" if excel else ",",
        extrasaction="ignore",
    )
    writer.writeheader()
    step = max(1, len(rows) // 20)
    for start in range(0, len(rows), step):
        writer.writerows(
            {k: "" if v is None else v for k, v in row.items()}
            for row in rows[start : start + step]
        )
        if progress is not None:
            done = min(len(rows), start + step)
            progress.progress(
                done / len(rows), text=f"{done:,} van {len(rows):,} rijen"
            )
    return buffer.getvalue().encode("utf-8")


def table_downloads(rows: Sequence[dict[str, object]], *, key: str) -> None:
    """Two downloads of ``rows``: CSV, and CSV for Excel (``;`` and a byte order mark).
    A large table is written when asked, with a progress bar, then offered."""
    import streamlit as st

    name = safe_filename(key, "csv")
    excel_name = safe_filename(f"{key}-excel", "csv")
    left, right, _ = st.columns([1, 1, 4])
    if len(rows) > LARGE_TABLE:
        ready = f"csv-ready-{key}"
        # the file made for these rows (a filter changed since: made afresh)
        signature = (len(rows), repr(rows[0]), repr(rows[-1]))
        if st.session_state.get(ready, (None,))[0] != signature:
            st.session_state.pop(ready, None)
        if left.button(
            f"CSV maken ({len(rows):,} rijen)".replace(",", "."), key=f"make-{key}"
        ):
            bar = st.progress(0.0, text="CSV maken…")
            st.session_state[ready] = (
                signature,
                csv_bytes(rows, progress=bar),
                csv_bytes(rows, excel=True, progress=bar),
            )
            bar.empty()
        if ready not in st.session_state:
            return
        _, plain, excel = st.session_state[ready]
    else:
        plain, excel = csv_bytes(rows), csv_bytes(rows, excel=True)
    left.download_button(
        "CSV", plain, file_name=name, mime="text/csv", key=f"csv-{key}"
    )
    right.download_button(
        "CSV voor Excel",
        excel,
        file_name=excel_name,
        mime="text/csv",
        key=f"csv-excel-{key}",
        help="Gescheiden door puntkomma's, met BOM: Excel opent het met accenten goed.",
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


def dot_wrapped(text: str, width: int = 26) -> str:
    """A graphviz label of the whole ``text``, on lines of about ``width`` characters
    (never cut off), escaped for a double-quoted DOT string."""
    import textwrap

    lines = textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False)
    return "\\n".join(dot_label(line, len(line)) for line in lines or [""])


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
