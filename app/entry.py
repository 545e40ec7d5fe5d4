"""Every page of the explorer runs through st.navigation (app/streamlit_app.py), also
when the first request a freshly started server gets is one page's own URL.

Streamlit still knows the multipage apps of before st.navigation: while no script of a
server has called st.navigation yet, a folder named ``pages`` beside the entry point
makes it run the page file the URL names on its own, with a menu of the folder's file
names ("article", "console", …) and without our navigation. Once st.navigation has run
it never does so again; so the first run that finds it still on ends that way of
running and starts over, through the entry point, at the same URL.
"""

from __future__ import annotations


def enter_through_navigation() -> None:
    """Rerun through the entry point when this script run is the pages folder's (the
    first of a server, at a page's own URL); outside a script run, nothing."""
    import streamlit as st
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    if PagesManager.uses_pages_directory and get_script_run_ctx() is not None:
        PagesManager.uses_pages_directory = False  # what st.navigation sets, now
        st.rerun()
