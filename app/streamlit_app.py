"""wetgraaf explorer: page config and navigation only."""

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).resolve().parent / "pages"

st.set_page_config(page_title="wetgraaf", page_icon="⚖️", layout="wide")
navigation = st.navigation(
    [
        st.Page(
            str(PAGES / "documents.py"), title="Documenten", icon="📄", default=True
        ),
    ]
)
navigation.run()
