"""wetgraaf explorer: page config and navigation only."""

from pathlib import Path

import streamlit as st

from app.state import get_index_missing, warm_up
from graph.errors import GraphError

PAGES = Path(__file__).resolve().parent / "pages"

st.set_page_config(page_title="wetgraaf", page_icon="⚖️", layout="wide")
navigation = st.navigation(
    [
        st.Page(
            str(PAGES / "documents.py"), title="Documenten", icon="📄", default=True
        ),
        st.Page(str(PAGES / "article.py"), title="Artikel", icon="📜"),
        st.Page(str(PAGES / "search.py"), title="Zoeken", icon="🔎"),
        st.Page(str(PAGES / "motions.py"), title="Moties", icon="🗳️"),
        st.Page(str(PAGES / "toezeggingen.py"), title="Toezeggingen", icon="🤝"),
        st.Page(str(PAGES / "network.py"), title="Netwerk", icon="🕸️"),
        st.Page(str(PAGES / "trace.py"), title="Herkomst", icon="🧭"),
        st.Page(str(PAGES / "console.py"), title="SPARQL", icon="⌨️"),
    ]
)
warm_up()  # shared results computed in the background once per server
try:
    if get_index_missing():
        st.warning(
            "Deze store heeft nog geen index (elders of door een oudere wetgraaf "
            "gebouwd): lijsten, tellingen en zoeken blijven leeg. Voer `wetgraaf index` "
            "uit om hem uit de graaf op te bouwen."
        )
except GraphError:
    pass  # no store or endpoint: the page itself says so
navigation.run()
