"""SPARQL: a read-only console with a row and time limit; named queries as examples."""

import streamlit as st

from app.labels import query_label
from app.state import get_backend
from app.views import escape_markdown, safe_filename, table_downloads
from graph.console import run_console_query
from graph.errors import QueryError
from graph.sparql import list_queries, load_query

st.title("SPARQL")
examples = list_queries()
example = st.selectbox(
    "Voorbeeld (benoemde query)",
    ["(eigen query)", *examples],
    format_func=lambda name: name if name not in examples else query_label(name),
    key="example",
)
if example != "(eigen query)" and st.session_state.get("loaded") != example:
    st.session_state["sparql"] = load_query(example)
    st.session_state["loaded"] = example
if example in examples:
    st.caption(f"Benoemde query `{example}` (ook: `wetgraaf query {example}`)")
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
rows = [
    {k: (None if v is None else str(v)) for k, v in r.items()}
    for r in answer.result.as_dicts()
]
st.dataframe(rows, width="stretch", hide_index=True)
if rows:
    table_downloads(rows, key=f"query-{example}")
st.download_button(
    "JSON",
    answer.result.to_json(),
    file_name=safe_filename(f"query-{example}", "json"),
    mime="application/json",
    key="json",
)
