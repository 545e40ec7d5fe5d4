"""wetgraaf explorer: page config and navigation only."""

import streamlit as st

from app.navigation import SCREENS
from app.state import get_index_missing, warm_up
from graph.errors import GraphError

st.set_page_config(page_title="wetgraaf", page_icon="⚖️", layout="wide")
navigation = st.navigation(
    [
        st.Page(
            str(SCREENS / "documents.py"), title="Documenten", icon="📄", default=True
        ),
        st.Page(str(SCREENS / "article.py"), title="Artikel", icon="📜"),
        st.Page(str(SCREENS / "search.py"), title="Zoeken", icon="🔎"),
        st.Page(str(SCREENS / "motions.py"), title="Moties", icon="🗳️"),
        st.Page(str(SCREENS / "toezeggingen.py"), title="Toezeggingen", icon="🤝"),
        st.Page(str(SCREENS / "network.py"), title="Netwerk", icon="🕸️"),
        st.Page(str(SCREENS / "trace.py"), title="Herkomst", icon="🧭"),
        st.Page(str(SCREENS / "console.py"), title="SPARQL", icon="⌨️"),
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
