"""Documenten: list the ingested documents; show one with its text (every reference a
link), its outgoing and incoming links grouped by type, and downloads."""

from collections import Counter

import altair as alt
import streamlit as st

from app import views as app_views
from app.labels import (
    CHOOSE_MANY,
    format_date,
    kind_label,
    method_label,
    reason_label,
)
from app.listing import all_kinds, get_listing
from app.names import get_names
from app.navigation import article_href, open_article, selected_row
from app.state import get_backend, get_documents, get_store, store_stamp
from app.views import (
    Mark,
    document_href,
    documents_table,
    escape_markdown,
    highlight,
    markdown_link,
    rdf_downloads,
)
from graph.errors import GraphError
from graph.explore.articles import ArticleVersion, article_versions
from graph.explore.documents import DocumentView, document_triples, get_document
from graph.explore.labels import link_type_label
from graph.explore.links import (
    Citing,
    citing_documents,
    citing_pages,
    incoming_links,
    neighbourhood_graphml,
    outgoing_links,
)
from graph.explore.parts import part_covers
from graph.sparql import QueryResult

VIEWS = ("Tekst", "Uitgaand", "Inkomend", "Artikelen")
CAPTIONS = {
    "Tekst": "verwijzingen gemarkeerd",
    "Uitgaand": "waar dit naar verwijst",
    "Inkomend": "wie verwijst hierheen",
    "Artikelen": "versies en wijzigingen",
}

st.title("Documenten")


# Query results are cached per document and store stamp: a rerun (a filter typed, a
# view switched) costs no query, and a rebuilt store shows at once.
@st.cache_data(max_entries=64, show_spinner=False)
def _document(document_id: str, stamp: str) -> DocumentView | None:
    return get_document(get_backend(), document_id)


@st.cache_data(max_entries=64, show_spinner="Verwijzingen laden…")
def _outgoing(document_id: str, stamp: str) -> QueryResult:
    return outgoing_links(get_backend(), document_id)


@st.cache_data(max_entries=64, show_spinner="Versies laden…")
def _versions(document_id: str, stamp: str) -> list[ArticleVersion]:
    return article_versions(get_backend(), document_id)


@st.cache_data(max_entries=64, show_spinner="Inkomende verwijzingen laden…")
def _incoming(document_id: str, stamp: str) -> QueryResult:
    return incoming_links(get_backend(), document_id)


@st.cache_data(max_entries=64, show_spinner=False)
def _citing(document_id: str, stamp: str) -> list[Citing]:
    return citing_documents(get_backend(), document_id)


@st.cache_data(max_entries=64, show_spinner="Inkomende verwijzingen laden…")
def _incoming_page(
    document_id: str, citing: tuple[str, ...], stamp: str
) -> QueryResult:
    return incoming_links(get_backend(), document_id, citing)


def _incoming_shown(document_id: str) -> QueryResult:
    """All incoming links; for a much-cited document, those of one page of citing
    documents (most links first), chosen above the tables."""
    citing = _citing(document_id, stamp)
    pages = citing_pages(citing, app_views.LINKS_PER_PAGE)
    if len(pages) <= 1:
        return _incoming(document_id, stamp)
    page = int(st.number_input("Pagina", 1, len(pages), 1, key="in-page"))
    chunk = pages[page - 1]
    first = sum(len(p) for p in pages[: page - 1]) + 1
    st.caption(
        f"Documenten {first}–{first + len(chunk) - 1} van {len(citing)} die hierheen"
        f" verwijzen ({sum(c.links for c in citing):,} verwijzingen), meeste eerst;"
        " verwijzingen binnen het document zelf staan bij Tekst."
    )
    return _incoming_page(document_id, tuple(c.id for c in chunk), stamp)


def _is_part(iri: object) -> bool:
    """Whether an IRI is a part of a work (an article, lid, Vc paragraph)."""
    text = str(iri or "")
    return ("jci1." in text and "&" in text) or "#" in text


def _open_here(document_id: str) -> None:
    """Show another document on this page (the list's choice follows at the rerun)."""
    st.session_state["document-next"] = document_id
    st.rerun()


def _grouped(
    result: QueryResult,
    columns: dict[str, str],
    *,
    key: str,
    follow: str,
) -> None:
    """One table per link type (most frequent first), unresolved references last; a
    click on a row opens what it links to (``follow``: "target" for outgoing links,
    an article or paragraph on the Artikel page, an ingested work here; "citing" for
    incoming ones, the citing document here)."""
    rows = result.as_dicts()
    if not rows:
        st.caption("Geen verwijzingen.")
        return

    def group(row: dict[str, object]) -> str:
        return "onopgelost" if row.get("reason") else link_type_label(row["type"])

    groups = Counter(group(row) for row in rows)
    st.caption("Klik op een rij om te openen waar hij naar verwijst.")
    for label, count in groups.most_common():
        st.markdown(f"**{escape_markdown(label)}** ({count})")
        shown = [row for row in rows if group(row) == label]
        table = []
        for row in shown:
            named = {name: row.get(field) for name, field in columns.items()}
            other = row.get("target") if follow == "target" else row.get("citingDoc")
            if other or row.get("targetWork"):
                named = {
                    "naam": names.name(str(other or row.get("targetWork"))),
                    **named,
                }
            if named.get("soort"):
                named["soort"] = kind_label(named["soort"])
            if named.get("onopgelost"):
                named["onopgelost"] = reason_label(named["onopgelost"])
            if named.get("methode"):
                named["methode"] = method_label(named["methode"])
            table.append(named)
        event = st.dataframe(
            table,
            width="stretch",
            hide_index=True,
            column_config={"bron": st.column_config.LinkColumn("bron")},
            key=f"{key}-{label}-{selected}",
            on_select="rerun",
            selection_mode="single-row",
        )
        chosen = selected_row(event)
        if chosen is not None:
            _follow(shown[chosen], follow)


def _follow(row: dict[str, object], follow: str) -> None:
    if follow == "citing":
        _open_here(str(row["citingId"]))
    target = row.get("target")
    if _is_part(target):
        open_article(str(target))
    if row.get("targetTitle") and row.get("targetId"):
        _open_here(str(row["targetId"]))


stamp = store_stamp()


def _articles(document_id: str) -> None:
    """Each article's current version, then one article's history and who cites it."""
    versions = _versions(document_id, stamp)
    if not versions:
        st.caption("Geen artikelen met versiegegevens.")
        return
    st.caption("Klik op een rij om het artikel te openen.")
    event = st.dataframe(
        [
            {
                "onderdeel": v.label,
                "status": v.status,
                "in werking sinds": v.in_force,
                "effect": v.effect,
                "bron": v.publication_id,
                "dossier": v.dossier,
                "wijzigingen": len(v.history),
            }
            for v in versions
        ],
        width="stretch",
        hide_index=True,
        column_config={
            "in werking sinds": st.column_config.DateColumn(format="D-M-YYYY")
        },
        key=f"versies-{document_id}",
        on_select="rerun",
        selection_mode="single-row",
    )
    chosen = selected_row(event)
    if chosen is not None:
        open_article(versions[chosen].part)
    labels = [v.label for v in versions]
    chosen = st.selectbox("Artikel", labels, key="artikel")
    version = versions[labels.index(chosen)]
    if version.history:
        points = [
            {
                "wijziging": h.type_label,
                "datum": h.date.isoformat(),
                "bron": h.source.rsplit("/", 1)[-1],
                "citaat": h.quote,
            }
            for h in version.history
            if h.date
        ]
        chart = (
            alt.Chart(alt.Data(values=points))
            .mark_point(size=90, filled=True)
            .encode(
                x=alt.X("datum:T", title="In werking"),
                y=alt.Y("wijziging:N", title=None),
                color=alt.Color("wijziging:N", legend=None),
                tooltip=["datum:T", "wijziging:N", "bron:N", "citaat:N"],
            )
        )
        st.altair_chart(chart, width="stretch")
    else:
        st.caption("Geen wijzigingsgeschiedenis (WTI) voor dit artikel in de graaf.")
    citing = [
        row
        for row in _incoming(document_id, stamp).as_dicts()
        if part_covers(version.part, row["target"])
    ]
    st.markdown(
        f"**Verwijzingen naar {escape_markdown(version.label)}** ({len(citing)})"
    )
    documents_table(
        [
            {
                "van": row["citingId"],
                "relatie": link_type_label(row["type"]),
                "citaat": row["quote"],
                "doel": row["target"],
            }
            for row in citing
        ],
        key=f"artikel-in-{version.part}",
    )


try:
    documents = get_documents()
except GraphError as error:
    st.error(escape_markdown(str(error)))
    st.stop()

if not documents.rows:
    st.info("De store is leeg. Voer `wetgraaf build` uit om het corpus in te lezen.")
    st.stop()

names = get_names()
kinds = all_kinds()
chosen_kinds = st.multiselect(
    "Soort",
    kinds,
    default=kinds,
    key="kinds",
    format_func=kind_label,
    placeholder=CHOOSE_MANY,
)
needle = st.text_input("Filter op naam, id of titel", key="filter").strip().lower()
listing = get_listing(tuple(chosen_kinds), needle)
ids = listing.ids
# the document to show: one a link or another page asked for (?doc=…), one clicked
# here, else the one chosen before
requested = st.query_params.get("doc")
if requested and requested != st.session_state.get("document-url"):
    st.session_state["document-url"] = requested
    if requested in ids:
        st.session_state["document"] = requested
following = st.session_state.pop("document-next", None)
if following in ids:
    st.session_state["document"] = following
st.caption(
    f"{len(ids)} van {len(documents.rows)} documenten; klik op een rij om het te openen"
)
listed = st.dataframe(
    listing.table,
    width="stretch",
    hide_index=True,
    height=240,
    column_config=app_views.date_columns(listing.table),
    key=f"lijst-{len(ids)}-{needle}",
    on_select="rerun",
    selection_mode="single-row",
)
clicked = selected_row(listed)
# a row clicked now (the selection stays in the table: act on it once)
if clicked is not None and clicked != st.session_state.get("lijst-gekozen"):
    st.session_state["document"] = ids[clicked]
st.session_state["lijst-gekozen"] = clicked

if not ids:
    st.stop()
if st.session_state.get("document") not in ids:
    st.session_state["document"] = ids[0]
selected = st.selectbox(
    "Document", ids, key="document", format_func=listing.labels.__getitem__
)
st.query_params["doc"] = selected
st.session_state["document-url"] = selected
try:
    document = _document(selected, stamp)
except GraphError as error:
    st.error(escape_markdown(str(error)))
    st.stop()
if document is None:
    st.warning(f"{escape_markdown(selected)} staat niet in de store.")
    st.stop()

st.header(escape_markdown(document.title))
meta = (
    f"**{escape_markdown(document.id)}** · {escape_markdown(kind_label(document.kind))}"
)
if document.date:
    meta += f" · {escape_markdown(format_date(document.date))}"
if names.name(document.iri) != document.title:
    meta = f"{escape_markdown(names.name(document.iri))} · " + meta
st.markdown(meta)
if document.official_url:
    st.markdown(markdown_link("Officiële bron", document.official_url))

outgoing = _outgoing(document.id, stamp)
# a regeling's articles carry versions (BWB toestand) and history (its WTI)
views = VIEWS if document.kind == "regeling" else VIEWS[:3]
view = st.radio(
    "Weergave",
    views,
    horizontal=True,
    key="view",
    captions=[CAPTIONS[v] for v in views],
)
if view == "Tekst":
    marks = [
        Mark(
            int(row["start"]),
            int(row["end"]),
            str(row["kind"]),
            f"{link_type_label(row['type'])} "
            + (
                names.label(str(row["target"]))
                if row["target"]
                else reason_label(row["reason"])
            ),
            # an article or paragraph opens on the Artikel page, an ingested work
            # here, any other resolved one at its source
            href=(
                article_href(str(row["target"]))
                if _is_part(row["target"])
                else document_href(str(row["targetId"]))
                if row["targetTitle"]
                else str(row["target"] or "") or None
            ),
        )
        for row in outgoing.as_dicts()
        if row["start"] is not None  # links stated in metadata have no span
    ]
    st.markdown(highlight(document.text, marks), unsafe_allow_html=True)
elif view == "Uitgaand":
    _grouped(
        outgoing,
        {
            "citaat": "quote",
            "soort": "kind",
            "doel": "targetId",
            "titel": "targetTitle",
            "methode": "method",
            "voetnoot": "footnote",
            "positie": "start",
            "onopgelost": "reason",
            "bron": "target",
        },
        key="out",
        follow="target",
    )
elif view == "Artikelen":
    _articles(document.id)
else:
    _grouped(
        _incoming_shown(document.id),
        {
            "van": "citingId",
            "titel": "citingTitle",
            "citaat": "quote",
            "soort": "kind",
            "methode": "method",
            "bron": "target",
        },
        key="in",
        follow="citing",
    )

st.subheader("Download")
columns = st.columns(5)
columns[0].download_button(
    "Uitgaand (CSV)",
    outgoing.to_csv(),
    file_name=f"{document.id}-uitgaand.csv",
    mime="text/csv",
    key="csv-out",
)
columns[1].download_button(
    "Inkomend (CSV)",
    lambda doc_id=document.id: _incoming(doc_id, stamp).to_csv(),
    file_name=f"{document.id}-inkomend.csv",
    mime="text/csv",
    key="csv-in",
)
rdf_downloads(
    columns[2:4], document.id, lambda: document_triples(get_store(), document.id)
)
columns[4].download_button(
    "Buren (GraphML)",
    lambda doc=document: neighbourhood_graphml(
        doc, _outgoing(doc.id, stamp), _incoming(doc.id, stamp)
    ),
    file_name=f"{document.id}.graphml",
    mime="application/graphml+xml",
    key="graphml",
)
