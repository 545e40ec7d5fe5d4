"""Herkomst: the lineage of a document, work or part, drawn hop by hop and told as
sentences a lawyer reads: what it rests on (rulings, directives, articles) and what
followed from it (rules derived from a ruling, the letters and motions that discuss
them), each hop with its quoted evidence.

Any citation form opens it ("Chavez-Vilchez", "C-133/15", "B5/2.2 Vc", "artikel 3.4
Vb", "kst-…"; read by the citation grammar). The lineage is read around the work only
(``graph.lineage``), with at most ``NEIGHBOURS`` plain citations per work each way; the
caption says what was left out. For a part, the sentences about that part come first."""

import networkx as nx
import streamlit as st

from app.labels import kind_label, method_label
from app.names import get_names, short_name
from app.state import get_backend, get_network, get_store, store_stamp
from app.story import CONTINUATIONS, Hop, sentence, source_note
from app.views import (
    document_link,
    documents_table,
    dot_label,
    dot_wrapped,
    escape_markdown,
    rdf_downloads,
)
from graph.analysis import Direction, Evidence, lineage_paths, path_evidence
from graph.explore.article import covers
from graph.explore.documents import document_triples
from graph.explore.labels import link_type_label
from graph.lineage import Lineage, lineage_digraph
from graph.search import resolve_citations

SENTENCES = 25  # sentences told beside the drawing

DIRECTIONS: dict[str, tuple[Direction, ...]] = {
    "Beide": ("rests_on", "followed_by"),
    "Waar rust het op": ("rests_on",),
    "Wat volgde eruit": ("followed_by",),
}


@st.cache_resource(max_entries=16, show_spinner="Herkomst lezen…")
def _lineage(
    iri: str, hops: int, directions: tuple[Direction, ...], stamp: str
) -> Lineage:
    return lineage_digraph(get_backend(), iri, max_hops=hops, directions=directions)


st.title("Herkomst")

network = get_network()
if network.number_of_nodes() == 0:
    st.info("Geen verwijzingen in de graaf.")
    st.stop()
# Every node that has a lineage: documents that cite, works that are cited.
nodes = {str(data["id"]): node for node, data in network.nodes(data=True)}
ids = sorted(nodes)
requested = st.query_params.get("doc")
if requested not in nodes:  # start at the first ingested document that cites
    requested = next(
        (
            i
            for i in ids
            if network.nodes[nodes[i]]["ingested"] and network.out_degree(nodes[i])
        ),
        ids[0],
    )
names = get_names()


def _resolve(typed: str) -> None:
    """Point the page at the work (and part) a typed citation names."""
    for citation in resolve_citations(typed):
        if citation.iri in network:
            st.session_state["doc"] = network.nodes[citation.iri]["id"]
            st.query_params["doc"] = st.session_state["doc"]
            if citation.target != citation.iri:
                st.query_params["part"] = citation.target
            else:
                st.query_params.pop("part", None)
            return
        st.warning(
            f"{escape_markdown(names.label(citation.work))} komt in geen verwijzing "
            "in de graaf voor."
        )
        return
    st.warning(
        f"Geen document, werk of verwijzing herkend in “{escape_markdown(typed)}”."
    )


typed = st.text_input(
    "Verwijzing",
    key="trace-cite",
    placeholder="Chavez-Vilchez · C-133/15 · B5/2.2 Vc · artikel 3.4 Vb · kst-…",
    help="Zoals u het citeert: een ECLI, zaaknaam of zaaknummer, artikel, "
    "Vc-paragraaf of kenmerk.",
).strip()
if typed and typed != st.session_state.get("trace-read"):
    st.session_state["trace-read"] = typed
    _resolve(typed)
columns = st.columns([3, 2, 1])
asked = st.query_params.get("doc")
if asked in nodes and asked != st.session_state.get("trace-url"):
    st.session_state["doc"] = asked  # a link or another page asks for this one
if st.session_state.get("doc") not in nodes:
    st.session_state["doc"] = requested
selected = columns[0].selectbox(
    "Document of werk",
    ids,
    key="doc",
    format_func=names.label,
)
if st.query_params.get("doc") != selected:
    st.query_params.pop("part", None)  # another work chosen: not that part
st.query_params["doc"] = selected
st.session_state["trace-url"] = selected
part = st.query_params.get("part")
direction = columns[1].radio("Richting", list(DIRECTIONS), horizontal=True, key="dir")
hops = columns[2].slider("Schakels", 1, 4, 2, key="hops")
iri = nodes[selected]
lineage = _lineage(iri, hops, DIRECTIONS[direction], store_stamp())
graph = lineage.digraph
data = graph.nodes[iri]
about = f"**{escape_markdown(names.label(selected))}**"
if part:
    about = f"**{escape_markdown(names.name(part))}** in " + about
if data["ingested"]:
    about += " · " + document_link(selected, "document openen")
else:
    about += " (niet als document in de graaf)"
st.markdown(about)


def _hop(source: str, target: str, evidence: Evidence) -> Hop:
    """A hop in words: the part that links where the evidence names it, else the
    work; likewise the part it links to."""
    return Hop(
        subject=names.name(evidence.subject or source),
        target=names.name(evidence.target or target),
        type=evidence.type,
        stated_in=names.name(evidence.stated_in) if evidence.stated_in else "",
        quote=" ".join(evidence.quote.split())[:240],
    )


def _told(hops: list[tuple[str, str, Evidence]]) -> tuple[str, str, bool]:
    """A path's sentence, where its first typed hop (else its first) stands, and
    whether it has a typed hop (those are told first)."""
    words = [_hop(*h) for h in hops]
    typed = [w for (_, _, e), w in zip(hops, words, strict=True) if e.typed]
    return sentence(words), source_note((typed or words)[0]), bool(typed)


def _about_part(part: str) -> list[tuple[str, str, bool]]:
    """The sentences about the part itself: each link naming it either way, typed
    first; a decision's change continued by what that decision follows from."""
    found = []
    for source, target in [*graph.in_edges(iri), *graph.out_edges(iri)]:
        for evidence in graph.edges[source, target]["evidence"]:
            named = [n for n in (evidence.subject, evidence.target) if n]
            if any(covers(part, n) for n in named):
                found.append((source, target, evidence))
    found.sort(key=lambda hop: (not hop[2].typed, hop[0], hop[2].link))
    sentences = []
    for source, target, evidence in found:
        chain = [(source, target, evidence)]
        if source != iri:  # what the linking document itself follows from
            chain += [
                (source, onward, e)
                for onward in graph.successors(source)
                if onward != iri
                for e in graph.edges[source, onward]["evidence"]
                if e.type in CONTINUATIONS
            ][:1]
        sentences.append(_told(chain))
    return sentences


steps: dict[tuple[str, str], Evidence] = {}
paths = []
told: list[tuple[str, str, bool]] = []  # (sentence, where it stands, typed)
for way in DIRECTIONS[direction]:
    found = lineage_paths(graph, iri, max_hops=hops, direction=way)
    paths += found
    told += [_told(path_evidence(graph, path, way)) for path in found]
    for path in found:
        for source, target, evidence in path_evidence(graph, path, way):
            # a typed relation (derives from, implements…) outranks a plain citation
            known = steps.get((source, target))
            if known is None or (evidence.typed and not known.typed):
                steps[(source, target)] = evidence
st.caption(f"{len(paths)} paden, {len(steps)} stappen")
LEFT_OUT = {
    "followed_by": "documenten die {} citeren",
    "rests_on": "werken die {} citeert",
}
left_out = [
    LEFT_OUT[way].format(names.name(node)) + f": {count:,}"
    for (node, way), count in sorted(
        lineage.left_out.items(), key=lambda item: graph.nodes[item[0][0]]["id"]
    )
]
if left_out:
    st.caption(
        "Niet getekend (per werk eerst de meeste verwijzingen; de pagina Documenten "
        "toont ze alle): " + "; ".join(escape_markdown(line) for line in left_out)
    )
if not steps:
    st.info("Geen herkomst of vervolg in de graaf voor dit knooppunt.")
    st.stop()


def _node_line(node: str) -> str:
    """A node labelled by its name (a long title by its head, on lines, never cut),
    its whole name and id in the tooltip."""
    attrs = graph.nodes[node]
    colour = "#90caf9" if node == iri else "#c8e6c9" if attrs["ingested"] else "#eeeeee"
    name = names.of(node)
    return (
        f'"{dot_label(node, 500)}" [label="{dot_wrapped(short_name(name.name), 28)}", '
        f'tooltip="{dot_label(name.label, 300)}", fillcolor="{colour}"];'
    )


def _edge_line(source: str, target: str, evidence: Evidence) -> str:
    relation = link_type_label(evidence.type)
    stated = names.name(evidence.stated_in) if evidence.stated_in in graph else ""
    tooltip = f"{relation}: “{evidence.quote}”" + (f" (in {stated})" if stated else "")
    style = 'color="#c62828", penwidth=2' if evidence.typed else 'color="#757575"'
    return (
        f'"{dot_label(source, 500)}" -> "{dot_label(target, 500)}" '
        f'[label="{dot_label(relation, 200)}", tooltip="{dot_label(tooltip, 1500)}", '
        f"fontsize=8, {style}];"
    )


lines = ["digraph G {", "rankdir=LR;", "node [shape=box, style=filled, fontsize=10];"]
lines += [_node_line(n) for n in sorted({n for edge in steps for n in edge} | {iri})]
lines += [_edge_line(s, t, e) for (s, t), e in sorted(steps.items())]
lines.append("}")
drawing, words = st.columns([3, 2])
drawing.graphviz_chart("\n".join(lines))
words.markdown("**In woorden**")
shown: set[str] = set()
told.sort(key=lambda line: not line[2])  # typed relations first, else path order
for line, where, _ in (_about_part(part) if part else []) + told:
    if line in shown or len(shown) >= SENTENCES:
        continue
    shown.add(line)
    words.markdown(f"- {escape_markdown(line)}")
    if where:
        words.caption(escape_markdown(where))
st.caption(
    "Pijl: bron → waar het op rust. Rood: een getypeerde relatie (volgt uit, "
    "implementeert, beantwoordt…); grijs: een verwijzing. Wijs een pijl aan voor het citaat."
)

st.subheader("Stappen")
documents_table(
    [
        {
            "van": names.name(source),
            "relatie": link_type_label(evidence.type),
            "naar": names.name(target),
            "citaat": evidence.quote,
            "in": names.name(evidence.stated_in) if evidence.stated_in in graph else "",
            "soort": kind_label(evidence.kind),
            "methode": method_label(evidence.method),
            "van (id)": graph.nodes[source]["id"],
            "naar (id)": graph.nodes[target]["id"],
        }
        for (source, target), evidence in sorted(steps.items())
    ],
    key="herkomst",
)

st.subheader("Download")
drawn = nx.DiGraph()
for (source, target), evidence in steps.items():
    for node in (source, target):
        drawn.add_node(
            node, id=str(graph.nodes[node]["id"]), label=str(graph.nodes[node]["label"])
        )
    drawn.add_edge(
        source, target, type=link_type_label(evidence.type), quote=evidence.quote
    )
columns = st.columns(3)
columns[0].download_button(
    "Herkomst (GraphML)",
    "\n".join(nx.generate_graphml(drawn)),
    file_name=f"{selected}-herkomst.graphml",
    mime="application/graphml+xml",
    key="graphml",
)
if data["ingested"]:
    rdf_downloads(
        columns[1:], selected, lambda: document_triples(get_store(), selected)
    )
