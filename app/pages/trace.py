"""Herkomst: what a document rests on, hop by hop, each hop with its quoted evidence."""

import streamlit as st

from app.state import get_digraph, get_store
from app.views import documents_table, dot_label
from graph.analysis import lineage_paths
from graph.explore import document_triples

st.title("Herkomst")


graph = get_digraph()
sources = sorted(
    (str(data["id"]), node)
    for node, data in graph.nodes(data=True)
    if data["ingested"] and graph.out_degree(node)
)
if not sources:
    st.info("Geen documenten met verwijzingen in de graaf.")
    st.stop()
ids = [doc_id for doc_id, _ in sources]
requested = st.query_params.get("doc")
selected = st.selectbox(
    "Document", ids, index=ids.index(requested) if requested in ids else 0, key="doc"
)
st.query_params["doc"] = selected
iri = dict(sources)[selected]
hops = st.slider("Hops", 1, 4, 2, key="hops")
paths = lineage_paths(graph, iri, max_hops=hops)
edges = sorted({(a, b) for path in paths for a, b in zip(path, path[1:], strict=False)})
st.caption(f"{len(paths)} paden, {len(edges)} stappen")

lines = ["digraph G {", "rankdir=LR;", "node [shape=box, style=filled, fontsize=10];"]
for node in sorted({n for edge in edges for n in edge} | {iri}):
    data = graph.nodes[node]
    colour = (
        "#90caf9" if node == iri else ("#c8e6c9" if data["ingested"] else "#eeeeee")
    )
    lines.append(
        f'"{dot_label(node, 500)}" [label="{dot_label(str(data["id"]))}", '
        f'tooltip="{dot_label(str(data["label"]), 200)}", fillcolor="{colour}"];'
    )
for source, target in edges:
    evidence = graph.edges[source, target]["evidence"]
    quote = evidence[0].quote
    lines.append(
        f'"{dot_label(source, 500)}" -> "{dot_label(target, 500)}" '
        f'[label="{dot_label(quote, 30)}", tooltip="{dot_label(quote, 300)}", fontsize=8];'
    )
lines.append("}")
st.graphviz_chart("\n".join(lines))

st.subheader("Stappen")
documents_table(
    [
        {
            "van": graph.nodes[source]["id"],
            "naar": graph.nodes[target]["id"],
            "titel": graph.nodes[target]["label"],
            "citaat": evidence.quote,
            "soort": evidence.kind,
            "methode": evidence.method,
        }
        for source, target in edges
        for evidence in graph.edges[source, target]["evidence"]
    ],
    key="herkomst",
)

st.subheader("Download")
left, right = st.columns(2)
left.download_button(
    "Turtle",
    lambda doc_id=selected: document_triples(get_store(), doc_id).serialize(
        format="turtle"
    ),
    file_name=f"{selected}.ttl",
    mime="text/turtle",
    key="ttl",
)
right.download_button(
    "JSON-LD",
    lambda doc_id=selected: document_triples(get_store(), doc_id).serialize(
        format="json-ld"
    ),
    file_name=f"{selected}.jsonld",
    mime="application/ld+json",
    key="jsonld",
)
