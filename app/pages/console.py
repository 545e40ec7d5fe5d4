"""SPARQL: a read-only console with a row and time limit; named queries as examples."""

import streamlit as st

from app.state import get_backend
from app.views import escape_markdown
from graph.console import run_console_query
from graph.errors import QueryError
from graph.sparql import list_queries, load_query

st.title("SPARQL")
examples = list_queries()
example = st.selectbox(
    "Voorbeeld (benoemde query)",
    ["(eigen query)", *examples],
    format_func=lambda name: (
        name if name not in examples else f"{name} — {examples[name]}"
    ),
    key="example",
)
if example != "(eigen query)" and st.session_state.get("loaded") != example:
    st.session_state["sparql"] = load_query(example)
    st.session_state["loaded"] = example
if "sparql" not in st.session_state:
    st.session_state["sparql"] = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10"
text = st.text_area("Query (alleen lezen: SELECT)", key="sparql", height=240)
if not st.button("Uitvoeren", key="run", type="primary"):
    st.stop()
try:
    answer = run_console_query(get_backend(), text)
except QueryError as error:
    st.error(escape_markdown(str(error)))
    st.stop()
st.caption(
    f"{len(answer.result.rows)} rijen in {answer.seconds * 1000:.0f} ms"
    + (f" — afgekapt op {answer.row_limit} rijen" if answer.truncated else "")
)
st.dataframe(
    [
        {k: (None if v is None else str(v)) for k, v in r.items()}
        for r in answer.result.as_dicts()
    ],
    width="stretch",
    hide_index=True,
)
left, right = st.columns(2)
left.download_button(
    "CSV", answer.result.to_csv(), file_name="query.csv", mime="text/csv", key="csv"
)
right.download_button(
    "JSON",
    answer.result.to_json(),
    file_name="query.json",
    mime="application/json",
    key="json",
)
