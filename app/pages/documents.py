"""Documenten: list the ingested documents; show one with its outgoing and incoming links."""

import streamlit as st

from app.state import get_backend, get_store
from app.views import highlight
from graph.errors import GraphError
from graph.explore import (
    document_triples,
    get_document,
    incoming_links,
    list_documents,
    outgoing_links,
)

st.title("Documenten")
backend = get_backend()
try:
    documents = list_documents(backend)
except GraphError as error:
    st.error(str(error))
    st.stop()

if not documents.rows:
    st.info("The store is empty. Run `wetgraaf build` to ingest the bundled corpus.")
    st.stop()

kinds = sorted({str(k) for k in documents.column("kind")})
chosen_kinds = st.multiselect("Soort", kinds, default=kinds, key="kinds")
needle = st.text_input("Filter op id of titel", key="filter").strip().lower()
rows = [
    row
    for row in documents.as_dicts()
    if row["kind"] in chosen_kinds
    and (
        not needle
        or needle in str(row["id"]).lower()
        or needle in str(row["title"]).lower()
    )
]
st.caption(f"{len(rows)} of {len(documents.rows)} documents")
st.dataframe(
    [{k: row[k] for k in ("id", "kind", "title", "date", "links")} for row in rows],
    use_container_width=True,
    hide_index=True,
)

ids = [str(row["id"]) for row in rows]
if not ids:
    st.stop()
requested = st.query_params.get("doc")
index = ids.index(requested) if requested in ids else 0
selected = st.selectbox("Document", ids, index=index, key="document")
st.query_params["doc"] = selected
document = get_document(backend, selected)
if document is None:
    st.warning(f"{selected} is not in the store.")
    st.stop()

st.header(document.title)
meta = f"**{document.id}** · {document.kind}"
if document.date:
    meta += f" · {document.date}"
st.markdown(meta)
if document.official_url:
    st.markdown(f"[Officiële bron]({document.official_url})")

outgoing = outgoing_links(backend, document.id)
incoming = incoming_links(backend, document.id)
tab_out, tab_in, tab_text = st.tabs(
    [f"Uitgaand ({len(outgoing.rows)})", f"Inkomend ({len(incoming.rows)})", "Tekst"]
)
with tab_out:
    st.dataframe(
        [
            {
                "quote": row["quote"],
                "kind": row["kind"],
                "target": row["targetId"] or "—",
                "title": row["targetTitle"],
                "method": row["method"],
                "voetnoot": row["footnote"],
                "offset": row["start"],
                "unresolved": row["reason"],
                "link": row["target"],
            }
            for row in outgoing.as_dicts()
        ],
        use_container_width=True,
        hide_index=True,
        column_config={"link": st.column_config.LinkColumn("link")},
    )
with tab_in:
    st.dataframe(
        [
            {
                "from": row["citingId"],
                "title": row["citingTitle"],
                "quote": row["quote"],
                "kind": row["kind"],
                "method": row["method"],
                "target": row["target"],
            }
            for row in incoming.as_dicts()
        ],
        use_container_width=True,
        hide_index=True,
    )
with tab_text:
    spans = [
        (
            int(row["start"]),
            int(row["end"]),
            str(row["kind"]),
            str(row["targetId"] or row["reason"]),
        )
        for row in outgoing.as_dicts()
        if row["start"] is not None  # links stated in metadata have no span
    ]
    st.markdown(highlight(document.text, spans), unsafe_allow_html=True)

st.subheader("Download")
columns = st.columns(4)
columns[0].download_button(
    "Uitgaand (CSV)",
    outgoing.to_csv(),
    file_name=f"{document.id}-uitgaand.csv",
    mime="text/csv",
    key="csv-out",
)
columns[1].download_button(
    "Inkomend (CSV)",
    incoming.to_csv(),
    file_name=f"{document.id}-inkomend.csv",
    mime="text/csv",
    key="csv-in",
)
columns[2].download_button(
    "Graaf (Turtle)",
    lambda doc_id=document.id: document_triples(get_store(), doc_id).serialize(
        format="turtle"
    ),
    file_name=f"{document.id}.ttl",
    mime="text/turtle",
    key="ttl",
)
columns[3].download_button(
    "Graaf (JSON-LD)",
    lambda doc_id=document.id: document_triples(get_store(), doc_id).serialize(
        format="json-ld"
    ),
    file_name=f"{document.id}.jsonld",
    mime="application/ld+json",
    key="jsonld",
)
