"""Zoeken: typed citations to their work, phrases in document texts (ranked, with the
words marked in a snippet, filtered by kind, court, date and regeling), fuzzy ids and
titles."""

import datetime as dt

import streamlit as st

from app.labels import (
    DATE_FORMAT,
    court_of,
    format_date,
    kind_label,
)
from app.names import get_names
from app.state import get_backend, get_documents, store_stamp
from app.views import (
    document_link,
    documents_table,
    escape_markdown,
    page_link,
    snippet_html,
)
from graph.errors import GraphError
from graph.explore.links import incoming_links
from graph.index import reads
from graph.search import (
    MARK_END,
    MARK_START,
    TextHit,
    fuzzy_matches,
    resolve_citations,
    search_hits,
    with_snippets,
)
from graph.sparql import Value

# Hits shown with their snippet; the rest are in the table (and its download).
SHOWN_HITS = 20

st.title("Zoeken")
query = st.text_input(
    "Zoek een citaat, id, titel of zinsnede",
    key="query",
    placeholder="artikel 3.71 Vb · ECLI:NL:RVS:2020:2818 · C-133/15 · kst-29861-126",
).strip()


@st.cache_data(max_entries=64, show_spinner="Verwijzingen laden…")
def incoming(work: str, stamp: str) -> list[dict[str, Value]]:
    return incoming_links(get_backend(), work).as_dicts()


@st.cache_data(max_entries=64, show_spinner="Zoeken in de teksten…")
def in_text(phrase: str, stamp: str) -> list[TextHit]:
    return search_hits(get_backend(), phrase, snippets=0)


@st.cache_data(max_entries=64, show_spinner=False)
def shown(phrase: str, hits: list[TextHit], stamp: str) -> list[TextHit]:
    """The hits a visitor sees, with their snippets (a snippet reads the whole text)."""
    return with_snippets(get_backend(), phrase, hits)


@st.cache_data(max_entries=16, show_spinner=False)
def citing(work: str, stamp: str) -> set[str]:
    """The documents citing a regeling (or a part of it)."""
    return {doc for doc, _, _ in reads.citing_documents(get_backend().index, work)}


try:
    documents = get_documents()
except GraphError as error:
    st.error(escape_markdown(str(error)))
    st.stop()
rows = documents.as_dicts()
by_iri = {str(row["doc"]): row for row in rows}
ingested = {str(row["id"]) for row in rows}
names = get_names()

# Filters on the documents found in the text; each one empty: no filter.
columns = st.columns([3, 3, 2, 2, 3])
kinds = sorted({str(r["kind"]) for r in rows if r["kind"]}, key=kind_label)
chosen_kinds = columns[0].multiselect(
    "Soort", kinds, format_func=kind_label, key="soort", placeholder="Alle soorten"
)
courts = sorted({c for r in rows if (c := court_of(r["id"]))})
chosen_courts = columns[1].multiselect(
    "Gerecht", courts, key="gerecht", placeholder="Alle gerechten"
)
# any date a document has (Streamlit's own range is ten years either side of today)
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
since = columns[2].date_input(
    "Vanaf",
    value=None,
    min_value=EARLIEST,
    max_value=LATEST,
    key="vanaf",
    format=DATE_FORMAT,
    help="Datum van het stuk",
)
until = columns[3].date_input(
    "Tot en met",
    value=None,
    min_value=EARLIEST,
    max_value=LATEST,
    key="tot",
    format=DATE_FORMAT,
    help="Datum van het stuk",
)
regelingen = sorted(
    (str(r["doc"]) for r in rows if r["kind"] == "regeling"), key=names.name
)
regeling = columns[4].selectbox(
    "Verwijst naar regeling",
    regelingen,
    index=None,
    format_func=names.name,
    key="regeling",
    placeholder="Alle regelingen",
)
if not query:
    st.caption(
        "Typ een citaat (artikel 3.71 Vb), een id of woorden uit de tekst; hoofdletters "
        "en accenten maken niet uit (categorie, catégorie)."
    )
    st.stop()


def wanted(doc: str) -> bool:
    row = by_iri.get(doc)
    if row is None:
        return False
    if chosen_kinds and row["kind"] not in chosen_kinds:
        return False
    if chosen_courts and court_of(row["id"]) not in chosen_courts:
        return False
    if since or until:
        date = row["date"]
        if not isinstance(date, dt.date):
            return False
        if (since and date < since) or (until and date > until):
            return False
    return regeling is None or doc in citing(regeling, store_stamp())


st.subheader("Citaten")
citations = resolve_citations(query)
if not citations:
    st.caption("Geen citaat herkend.")
for citation in citations:
    if citation.target != citation.iri:  # an article, lid or Vc paragraph
        page_link(
            "article",
            f"📜 {names.name(citation.target)}: tekst, versies en wat ernaar verwijst",
            part=citation.target,
        )
    trace = document_link(citation.work, "🧭 herkomst en vervolg", page="trace")
    if citation.work in ingested:
        label = f"{citation.quote} → {names.label(citation.work)}"
        st.markdown(f"📄 {document_link(citation.work, label)} · {trace}")
        continue
    work = escape_markdown(names.label(citation.work))
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
            {
                "naam": names.name(str(r["citingId"])),
                "van": r["citingId"],
                "citaat": r["quote"],
            }
            for r in links
        ],
        key=f"incoming-{citation.target}",
    )

st.subheader("In de tekst")
all_hits = in_text(query, store_stamp())
hits = [h for h in all_hits if wanted(h.doc)]
filtered = len(hits) != len(all_hits)
st.caption(
    (
        "1 document bevat deze woorden"
        if len(hits) == 1
        else f"{len(hits)} documenten bevatten deze woorden (beste eerst)"
    )
    + (
        f"; {len(all_hits) - len(hits)} andere vallen buiten de filters"
        if filtered
        else ""
    )
)
hits = shown(query, hits[:SHOWN_HITS], store_stamp()) + hits[SHOWN_HITS:]
for rank, hit in enumerate(hits[:SHOWN_HITS], start=1):
    row = by_iri[hit.doc]
    doc_id = str(row["id"])
    about = " · ".join(
        part
        for part in (
            kind_label(row["kind"]),
            court_of(doc_id),
            format_date(row["date"]),
        )
        if part
    )
    with st.container(border=True):
        page_link("documents", f"{rank}. {names.name(hit.doc)} ({doc_id})", doc=doc_id)
        st.caption(escape_markdown(about))
        st.markdown(snippet_html(hit.snippet), unsafe_allow_html=True)
documents_table(
    [
        {
            "id": by_iri[h.doc]["id"],
            "titel": by_iri[h.doc]["title"],
            "soort": kind_label(by_iri[h.doc]["kind"]),
            "datum": by_iri[h.doc]["date"],
            "fragment": h.snippet.replace(MARK_START, "").replace(MARK_END, "") or None,
        }
        for h in hits
    ],
    key="fulltext",
)

st.subheader("Ids en titels")
matches = fuzzy_matches(query, rows)
documents_table(
    [
        {"id": m.id, "titel": m.title, "soort": kind_label(m.kind), "score": m.score}
        for m in matches
    ],
    key="fuzzy",
)
for match in matches[:5]:
    st.markdown(document_link(match.id, names.label(match.id)))
