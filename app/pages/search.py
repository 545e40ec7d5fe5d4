"""Zoeken: typed citations to their work, fuzzy ids/titles, phrases in document texts."""

import streamlit as st

from app.state import get_backend, get_documents, store_stamp
from app.views import document_link, documents_table, escape_markdown
from graph.errors import GraphError
from graph.explore.links import incoming_links
from graph.search import fuzzy_matches, resolve_citations, search_text
from graph.sparql import QueryResult, Value

st.title("Zoeken")
query = st.text_input(
    "Zoek een citaat, id, titel of zinsnede",
    key="query",
    placeholder="artikel 3.71 Vb · ECLI:NL:RVS:2020:2818 · C-133/15 · kst-29861-126",
).strip()
if not query:
    st.stop()


@st.cache_data(max_entries=64, show_spinner="Verwijzingen laden…")
def incoming(work: str, stamp: str) -> list[dict[str, Value]]:
    return incoming_links(get_backend(), work).as_dicts()


@st.cache_data(max_entries=64, show_spinner=False)
def in_text(phrase: str, stamp: str) -> QueryResult:
    return search_text(get_backend(), phrase, get_documents())


try:
    documents = get_documents()
except GraphError as error:
    st.error(escape_markdown(str(error)))
    st.stop()
ingested = {str(row["id"]) for row in documents.as_dicts()}

st.subheader("Citaten")
citations = resolve_citations(query)
if not citations:
    st.caption("Geen citaat herkend.")
for citation in citations:
    trace = document_link(citation.work, "🧭 herkomst en vervolg", page="trace")
    if citation.work in ingested:
        label = f"{citation.quote} → {citation.work}"
        st.markdown(f"📄 {document_link(citation.work, label)} · {trace}")
        continue
    work = escape_markdown(citation.work)
    st.markdown(f"**{work}** (niet als document in de graaf) · {trace}")
    st.text(f"{citation.quote} → {citation.target}")
    links = [
        r
        for r in incoming(citation.work, store_stamp())
        if citation.covers(r["target"])
    ]
    st.caption(
        f"{len(links)} inkomende verwijzingen naar {escape_markdown(citation.quote)}"
    )
    documents_table(
        [
            {"van": r["citingId"], "titel": r["citingTitle"], "citaat": r["quote"]}
            for r in links
        ],
        key=f"incoming-{citation.target}",
    )

st.subheader("Ids en titels")
matches = fuzzy_matches(query, documents.as_dicts())
documents_table(
    [
        {"id": m.id, "titel": m.title, "soort": m.kind, "score": m.score}
        for m in matches
    ],
    key="fuzzy",
)
for match in matches[:5]:
    st.markdown(document_link(match.id, match.id))

st.subheader("In de tekst")
found = in_text(query, store_stamp())
st.caption(f"{len(found.rows)} documenten bevatten deze zinsnede (beste eerst)")
documents_table(
    [
        {
            "id": r["id"],
            "titel": r["title"],
            "soort": r["kind"],
            "fragment": r["snippet"],
        }
        for r in found.as_dicts()
    ],
    key="fulltext",
)
