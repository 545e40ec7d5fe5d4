"""Netwerk: the most-cited works and a drawing of the top of the citation graph (the
citations counted in the index, not read link by link with their evidence)."""

import altair as alt
import streamlit as st

from app.state import get_cited_parts, get_network, get_ranked
from app.views import documents_table, dot_label

st.title("Netwerk")


graph = get_network()
if graph.number_of_nodes() == 0:
    st.info("Geen verwijzingen in de graaf.")
    st.stop()
kinds = sorted({str(data["kind"]) for _, data in graph.nodes(data=True)})
chosen = st.multiselect("Soort", kinds, default=kinds, key="kinds")
top = st.slider("Aantal", 5, 50, 15, key="top")
wanted = set(chosen)
ranked = [r for r in get_ranked() if r.kind in wanted][:top]
documents_table(
    [
        {
            "id": r.id,
            "titel": r.label,
            "soort": r.kind,
            "geciteerd door": r.in_degree,
            "pagerank": round(r.pagerank, 5),
        }
        for r in ranked
    ],
    key="meest-geciteerd",
)

st.subheader("Meest geciteerde artikelen en paragrafen")


cited = get_cited_parts()
works = sorted({p.work_title or p.work_id for p in cited})
chosen_works = st.multiselect("Regeling", works, key="works")
shown = [
    p for p in cited if not chosen_works or (p.work_title or p.work_id) in chosen_works
]
bars = [
    {
        "onderdeel": f"{p.work_title or p.work_id}, {p.label}",
        "geciteerd door": p.citing_documents,
        "verwijzingen": p.links,
    }
    for p in shown[:top]
]
if bars:
    chart = (
        alt.Chart(alt.Data(values=bars))
        .mark_bar(color="#5c6bc0")
        .encode(
            x=alt.X("geciteerd door:Q", title="Geciteerd door (documenten)"),
            y=alt.Y("onderdeel:N", sort="-x", title=None),
            tooltip=["onderdeel:N", "geciteerd door:Q", "verwijzingen:Q"],
        )
    )
    st.altair_chart(chart, width="stretch")
documents_table(
    [
        {
            "regeling": p.work_id,
            "titel": p.work_title,
            "onderdeel": p.label,
            "geciteerd door": p.citing_documents,
            "verwijzingen": p.links,
            "link": p.iri,
        }
        for p in shown
    ],
    key="meest-geciteerde-onderdelen",
)

st.subheader("Tekening")
centres = {r.iri for r in ranked}
# the edges into the centres (not a scan of every edge), heaviest first, ties by name
edges = [
    (source, target, weight)
    for centre in centres
    for source, target, weight in graph.in_edges(centre, data="weight")
]
per_target: dict[str, int] = {}
drawn = []
for source, target, weight in sorted(edges, key=lambda e: (-e[2], e[0], e[1])):
    if per_target.get(target, 0) < 5:
        per_target[target] = per_target.get(target, 0) + 1
        drawn.append((source, target, weight))
nodes = {n for s, t, _ in drawn for n in (s, t)} | centres
lines = ["digraph G {", "rankdir=LR;", "node [shape=box, style=filled, fontsize=10];"]
for node in sorted(nodes):
    data = graph.nodes[node]
    colour = "#ffd54f" if node in centres else "#e0e0e0"
    label = dot_label(str(data["id"]))
    tooltip = dot_label(str(data["label"]), 200)
    lines.append(
        f'"{dot_label(node, 500)}" [label="{label}", tooltip="{tooltip}", '
        f'fillcolor="{colour}"];'
    )
for source, target, weight in drawn:
    lines.append(
        f'"{dot_label(source, 500)}" -> "{dot_label(target, 500)}" [penwidth={min(weight, 5)}];'
    )
lines.append("}")
st.graphviz_chart("\n".join(lines))
