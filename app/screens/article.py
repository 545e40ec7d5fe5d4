"""Artikel: one article, lid or Vc paragraph, opened from any citation form.

Typed as a lawyer writes it ("artikel 3.4 Vb", "art. 8 lid 1 Vw", "B8/9.1.3 Vc"; read by
the project's citation grammar), or from a link (``?part=<IRI>``): its text with its
leden, its versions, and grouped by kind what elaborates it, what it implements, what
it rests on, the rulings and documents citing it with their quotes, the motions and
letters about it. A click on a row opens the next article or document in this tab.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from app.names import Names, get_names
from app.navigation import (
    HISTORY_KEY,
    go_back,
    open_article,
    open_document,
    open_trace,
    selected_row,
)
from app.state import get_backend, store_stamp
from app.views import (
    Mark,
    date_columns,
    escape_markdown,
    highlight,
    markdown_link,
    shown_rows,
)
from graph.errors import GraphError
from graph.explore.article import (
    ArticleView,
    PartLink,
    PartVersion,
    article_view,
    covers,
    is_vc_paragraph,
    part_versions,
)
from graph.explore.documents import get_document
from graph.explore.labels import link_type_label
from graph.search import resolve_citations

EXAMPLES = ("artikel 3.4 Vb", "art. 8 lid 1 Vw", "B5/2.2 Vc", "artikel 8 EVRM")
# Groups whose rows name the linking document's part (the Vc paragraph, the article
# citing it) rather than the part they point at.
OUTGOING = frozenset(
    {"Rust op", "Implementeert (EU)", "Rechtspraak waarop het rust", "Verwijst naar"}
)
ROWS_SHOWN = 200  # rows a group's table holds; the caption says how many more exist

st.title("Artikel")
stamp = store_stamp()


@st.cache_data(max_entries=8, show_spinner=False)
def _text(document_id: str, stamp: str) -> str | None:
    document = get_document(get_backend(), document_id)
    return document.text if document else None


@st.cache_resource(max_entries=64, show_spinner="Artikel lezen…")
def _view(part: str, stamp: str) -> ArticleView:
    return article_view(get_backend(), part, lambda doc_id: _text(doc_id, stamp))


@st.cache_data(max_entries=64, show_spinner=False)
def _versions(part: str, stamp: str) -> list[PartVersion]:
    return part_versions(get_backend(), part)


def _is_part(iri: str) -> bool:
    return "jci1." in iri and "&" in iri or "#" in iri


def _resolve(typed: str) -> str | None:
    """The part a typed citation names (the first the grammar finds); says why not."""
    citations = resolve_citations(typed)
    parts = [c for c in citations if c.target != c.iri]
    if parts:
        return parts[0].target
    if citations:
        whole = citations[0]
        st.info(
            f"{escape_markdown(whole.quote)} noemt een heel werk "
            f"({escape_markdown(names.label(whole.work))}), geen artikel."
        )
        if st.button("Open in Documenten", key="whole-work"):
            open_document(whole.work)
    else:
        st.warning(
            f"Geen artikel herkend in “{escape_markdown(typed)}”. Schrijf het zoals in "
            "een tekst: " + ", ".join(EXAMPLES) + "."
        )
    return None


names: Names = get_names()
part = st.query_params.get("part")
if "cite" not in st.session_state:
    st.session_state["cite"] = names.name(part) if part else ""
typed = st.text_input(
    "Artikel, lid of Vc-paragraaf",
    key="cite",
    placeholder=" · ".join(EXAMPLES),
    help="Zoals u het citeert; het wordt gelezen als een verwijzing in een tekst.",
).strip()
if typed and (not part or typed != names.name(part)):
    found = _resolve(typed)
    if found and found != part:
        open_article(found, here=True)

history = st.session_state.get(HISTORY_KEY) or []
if history and st.button(f"← Terug naar {names.name(history[-1])}", key="terug"):
    go_back()

if not part:
    st.caption("Voorbeelden: " + " · ".join(EXAMPLES))
    st.stop()

try:
    view = _view(part, stamp)
    versions = _versions(part, stamp)
except GraphError as error:
    st.error(escape_markdown(str(error)))
    st.stop()

name = names.of(part)
st.header(escape_markdown(name.name))
about = [escape_markdown(name.id), escape_markdown(names.label(view.work))]
if part.startswith("https://wetten.overheid.nl/"):
    about.append(markdown_link("wetten.overheid.nl", part))
st.markdown(" · ".join(about))
columns = st.columns(3)
if columns[0].button(
    "Regeling openen", key="regeling", disabled=not view.text_document
):
    open_document(names.identifier(view.work))
if columns[1].button("Herkomst", key="herkomst"):
    open_trace(names.identifier(view.work), part if _is_part(part) else None)


def _text_section() -> None:
    st.subheader("Tekst")
    if view.text is None:
        st.caption(
            "De tekst staat niet in de graaf: de regeling is niet ingelezen en geen "
            "ingelezen besluit stelt hem vast."
        )
        return
    source = names.label(view.text_document or view.work)
    if view.text_set_by:
        st.caption(f"Zoals {escape_markdown(source)} de tekst vaststelt.")
    else:
        st.caption(f"Uit {escape_markdown(source)}.")
    # what the part itself cites, marked in its text (a tooltip names the target)
    end = view.text_start + len(view.text)
    marks = [
        Mark(
            link.start - view.text_start,
            link.start - view.text_start + len(link.quote),
            link.kind or "legislation",
            f"{link_type_label(link.type)} {names.name(link.target)}",
        )
        for link in view.outgoing
        if link.start is not None
        and link.quote
        and link.document == view.text_document
        and view.text_start <= link.start < end
        and not covers(part, link.target)  # its own heading, "het eerste lid"
    ]
    st.markdown(highlight(view.text, marks), unsafe_allow_html=True)
    leden = [s for s in view.spans if s.parent == part]
    if leden:
        labels = {
            (s.label or s.number or s.node): s.node for s in leden if s.node != part
        }
        chosen = st.pills(
            "Leden en onderdelen",
            list(labels),
            key=f"leden-{part}",
            selection_mode="single",
        )
        if chosen:
            open_article(labels[chosen], here=True)
    parent = _parent(part)
    if parent and st.button(f"↑ {names.name(parent)}", key="omhoog"):
        open_article(parent, here=True)


def _parent(iri: str) -> str | None:
    """The article of a lid, the lid of an onderdeel (a Juriconnect part's last
    pinpoint dropped); None for an article or paragraph."""
    base, _, last = iri.rpartition("&")
    if base and last.split("=")[0] in ("lid", "onderdeel") and "jci1." in base:
        return base
    return None


def _versions_section() -> None:
    st.subheader("Versies")
    if not versions:
        st.caption(
            "Geen versies van dit artikel in de graaf."
            if not is_vc_paragraph(part)
            else "Een Vc-paragraaf heeft hier geen BWB-versies; de besluiten die hem "
            "wijzigen staan onder Wijzigingen."
        )
        return
    # an unknown end, publication or dossier as "—", dates as a Dutch reader writes them
    shown = shown_rows(
        [
            {
                "toestand": v.toestand,
                "geldig sinds": v.since,
                "geldig tot": v.until,
                "effect": v.effect,
                "publicatie": v.publication,
                "dossier": v.dossier,
                "geciteerd door": v.cited_by,
            }
            for v in versions
        ]
    )
    st.dataframe(
        shown, hide_index=True, width="stretch", column_config=date_columns(shown)
    )


def _row(group: str, link: PartLink) -> dict[str, object]:
    """A link as a row: the other end named, the document stating it, the quote."""
    other = link.target if group in OUTGOING else link.source
    if other == link.document:  # stated by the document as a whole
        other = link.document if group not in OUTGOING else link.target
    end = (
        link.start + len(link.quote) if link.start is not None and link.quote else None
    )
    return {
        "naam": names.name(other),
        "id": names.of(other).id,
        "relatie": link_type_label(link.type),
        "in document": names.label(link.document),
        "citaat": " ".join((link.quote or "").split()),
        "positie": f"{link.start}–{end}" if end is not None else "",
    }


def _next(group: str, link: PartLink) -> Callable[[], None]:
    """Where a click on the link's row leads: the part at its other end, else the
    document stating it (or, for a link the part states, the work it points at)."""
    other = link.target if group in OUTGOING else link.source
    if _is_part(other) and other != part:
        return lambda: open_article(other, here=True)
    document = link.work if group in OUTGOING else link.document
    return lambda: open_document(names.identifier(document))


def _links_section() -> None:
    st.subheader("Verbanden")
    if not view.groups:
        st.caption("Geen verwijzingen naar of vanuit dit onderdeel in de graaf.")
        return
    st.caption("Klik op een rij om dat artikel of document hier te openen.")
    for group, links in view.groups.items():
        st.markdown(f"**{escape_markdown(group)}** ({len(links)})")
        shown = links[:ROWS_SHOWN]
        event = st.dataframe(
            [_row(group, link) for link in shown],
            hide_index=True,
            width="stretch",
            on_select="rerun",
            selection_mode="single-row",
            key=f"{group}-{part}",
        )
        if len(links) > ROWS_SHOWN:
            st.caption(f"De eerste {ROWS_SHOWN} van {len(links)}.")
        row = selected_row(event)
        if row is not None:
            _next(group, shown[row])()


_text_section()
_versions_section()
_links_section()
