"""Netwerk: the most-cited works and a drawing of the top of the citation graph (the
citations counted in the index, not read link by link with their evidence)."""

import altair as alt
import streamlit as st

from app.labels import CHOOSE_MANY, kind_label
from app.names import get_names
from app.state import get_cited_parts, get_network, get_ranked
from app.views import documents_table, dot_label, dot_wrapped

# How many works the drawing shows of each kind, and how many citing documents of
# each: beyond that a drawing is no longer read, only looked at.
PER_KIND = 4
CITERS_PER_WORK = 4

st.title("Netwerk")


graph = get_network()
if graph.number_of_nodes() == 0:
    st.info("Geen verwijzingen in de graaf.")
    st.stop()
names = get_names()
# The filter shows the kinds by their Dutch names (two kinds may share one).
by_label: dict[str, set[str]] = {}
for _, data in graph.nodes(data=True):
    by_label.setdefault(kind_label(data["kind"]), set()).add(str(data["kind"]))
labels = sorted(by_label, key=str.lower)
chosen = st.multiselect(
    "Soort", labels, default=labels, key="kinds", placeholder=CHOOSE_MANY
)
top = st.slider("Aantal", 5, 50, 15, key="top")
wanted = {kind for label in chosen for kind in by_label[label]}
ranked = [r for r in get_ranked() if r.kind in wanted][:top]
documents_table(
    [
        {
            "naam": names.name(r.iri),
            "id": r.id,
            "soort": kind_label(r.kind),
            "geciteerd door": r.in_degree,
            "pagerank": round(r.pagerank, 5),
        }
        for r in ranked
    ],
    key="meest-geciteerd",
)

st.subheader("Meest geciteerde artikelen en paragrafen")


cited = get_cited_parts()
works = sorted({p.work_id for p in cited}, key=lambda work: names.name(work).lower())
chosen_works = st.multiselect(
    "Regeling",
    works,
    key="works",
    format_func=names.name,
    placeholder="Alle regelingen",
)
shown = [p for p in cited if not chosen_works or p.work_id in chosen_works]
bars = [
    {
        "onderdeel": names.name(p.iri) if p.iri else f"{p.work_id}, {p.label}",
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
            # the whole name of every part, however long
            y=alt.Y("onderdeel:N", sort="-x", title=None, axis=alt.Axis(labelLimit=0)),
            tooltip=["onderdeel:N", "geciteerd door:Q", "verwijzingen:Q"],
        )
    )
    st.altair_chart(chart, width="stretch")
documents_table(
    [
        {
            "regeling": names.name(p.work_id),
            "onderdeel": p.label,
            "geciteerd door": p.citing_documents,
            "verwijzingen": p.links,
            "regeling (id)": p.work_id,
            "bron": p.iri,
        }
        for p in shown
    ],
    key="meest-geciteerde-onderdelen",
)

st.subheader("Tekening")
st.caption(
    f"De {PER_KIND} meest geciteerde werken van elke gekozen soort (geel), elk met de "
    f"{CITERS_PER_WORK} documenten die er het vaakst naar verwijzen; gegroepeerd naar "
    "soort. Een pijl wijst van het citerende document naar het geciteerde werk."
)
# the top works of each kind among those ranked (a drawing of one kind's top 50 is
# the unreadable one), then the edges into them, heaviest first, ties by name
per_kind: dict[str, int] = {}
centres: list[str] = []
for r in get_ranked():
    if r.kind in wanted and per_kind.get(r.kind, 0) < PER_KIND and r.in_degree:
        per_kind[r.kind] = per_kind.get(r.kind, 0) + 1
        centres.append(r.iri)
edges = [
    (source, target, weight)
    for centre in centres
    for source, target, weight in graph.in_edges(centre, data="weight")
]
per_target: dict[str, int] = {}
drawn = []
for source, target, weight in sorted(edges, key=lambda e: (-e[2], e[0], e[1])):
    if per_target.get(target, 0) < CITERS_PER_WORK:
        per_target[target] = per_target.get(target, 0) + 1
        drawn.append((source, target, weight))
nodes = {n for s, t, _ in drawn for n in (s, t)} | set(centres)
clusters: dict[str, list[str]] = {}
for node in sorted(nodes):
    clusters.setdefault(kind_label(graph.nodes[node]["kind"]), []).append(node)
lines = [
    "digraph G {",
    "rankdir=LR; nodesep=0.25; ranksep=0.9;",
    'node [shape=box, style="rounded,filled", fontsize=11, fontname="Helvetica"];',
    'graph [fontname="Helvetica", fontsize=12, style="rounded", color="#bbbbbb"];',
]
centre_set = set(centres)
for number, (label, members) in enumerate(sorted(clusters.items())):
    lines.append(f'subgraph cluster_{number} {{ label="{dot_label(label, 200)}";')
    for node in members:
        data = graph.nodes[node]
        name = names.of(node)
        text = dot_wrapped(name.name) + (
            "\\n" + dot_wrapped(f"({name.id})") if name.id != name.name else ""
        )
        colour = "#ffd54f" if node in centre_set else "#eeeeee"
        tooltip = dot_label(str(data.get("label") or name.label), 300)
        lines.append(
            f'"{dot_label(node, 500)}" [label="{text}", tooltip="{tooltip}", '
            f'fillcolor="{colour}"];'
        )
    lines.append("}")
for source, target, weight in drawn:
    lines.append(
        f'"{dot_label(source, 500)}" -> "{dot_label(target, 500)}" '
        f'[penwidth={min(weight, 5)}, tooltip="{weight} verwijzingen"];'
    )
lines.append("}")
st.graphviz_chart("\n".join(lines))
