"""The staffer's way through the explorer in a real headless chromium, and every page
opened by its own URL on a freshly started server.

The store is the browser slice of the bundled corpus (tests/test_browser.py) plus the
motion kst-19637-2798 as tests/test_app.py records it (its votes are that fixture's):
the seed letter 2025D33530 in the slice answers it. Screenshots go to
``test-artifacts/`` (gitignored; CI keeps the folder).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser_support import (
    ARTIFACTS,
    ROOT,
    WETGRAAF,
    app_server,
    chromium,
    new_tab,
    require_chromium,
)
from tests.test_browser import SLICE, _set_peildatum, _status_counts

pytestmark = pytest.mark.browser

PAGES = sorted((ROOT / "app" / "screens").glob("*.py"))
# The page st.navigation opens at the site's root.
DEFAULT_PAGE = "documents"


def _title(page: Path) -> str:
    found = re.search(r'^st\.title\("([^"]+)"\)', page.read_text(), re.MULTILINE)
    assert found, f"{page.name} has no st.title"
    return found[1]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_chromium()
    from graph.build.document import build_document_graph
    from graph.iris import graph_iri
    from graph.store import open_store
    from tests.test_app import _motion

    base = tmp_path_factory.mktemp("staffer")
    sources = base / "sources"
    sources.mkdir()
    for name in SLICE:
        shutil.copy(ROOT / "corpus" / name, sources / Path(name).name)
    location = base / "store"
    subprocess.run(
        [str(WETGRAAF), "build", str(sources), "--store", str(location)]
        + ["--workers", "1"],
        check=True,
        capture_output=True,
        timeout=240,
    )
    opened = open_store(location)
    motion = _motion()
    opened.replace_graph(graph_iri(motion.id), build_document_graph(motion))
    opened.close()
    return location


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_browser_every_page_opens_by_its_url_on_a_fresh_server(
    store, browser, tmp_path, page
):
    """The first request a new server gets is a page's own URL: that page opens, with
    the explorer's navigation (not the pages folder's file names) and no Streamlit
    menu."""
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(exist_ok=True)
    path = "" if page.stem == DEFAULT_PAGE else page.stem
    with app_server(store, tmp_path / "app.log") as url:
        tab = new_tab(browser)
        try:
            tab.goto(f"{url}/{path}")
            expect(tab.get_by_role("heading", name=_title(page))).to_be_visible()
            navigation = tab.get_by_test_id("stSidebarNav")
            expect(navigation.get_by_role("link", name="Zoeken")).to_be_visible()
            expect(navigation.get_by_role("link", name="Moties")).to_be_visible()
            # the page scripts' file names never show as a menu
            expect(navigation.get_by_role("link", name="console")).to_have_count(0)
            expect(tab.get_by_test_id("stMainMenu")).to_have_count(0)
            expect(tab.get_by_test_id("stException")).to_have_count(0)
            tab.screenshot(path=str(ARTIFACTS / f"url-{page.stem}.png"))
        finally:
            tab.close()


@pytest.fixture(scope="module")
def app_url(store, tmp_path_factory) -> Iterator[str]:
    with app_server(store, tmp_path_factory.mktemp("log") / "app.log") as url:
        yield url


def test_browser_staffer_motion_votes_and_the_letter_that_answers_it(app_url, browser):
    """Moties: the motion, its vote per fractie drawn, and the letter that answers it
    one click away, in the same tab; back returns to the motion."""
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(exist_ok=True)
    tab = new_tab(browser)
    try:
        tab.goto(f"{app_url}/motions?motie=kst-19637-2798")
        expect(tab.get_by_role("heading", name="Moties")).to_be_visible()
        # the motion under its zaak's onderwerp, its id beside it
        expect(
            tab.get_by_role("link", name="kst-19637-2798", exact=True)
        ).to_be_visible()
        expect(tab.get_by_role("heading", name="terugkeer")).to_be_visible()
        expect(tab.get_by_text("Uitslag:")).to_contain_text("3 voor, 24 tegen")
        chart = tab.locator('[data-testid="stVegaLiteChart"]').first
        expect(chart).to_be_visible()
        expect(chart.locator("canvas, svg").first).to_be_visible()
        expect(tab.get_by_role("heading", name="Beantwoord door")).to_be_visible()
        tab.screenshot(path=str(ARTIFACTS / "staffer-motion.png"), full_page=True)
        letter = tab.get_by_role("link", name=re.compile(r"\(2025D33530\)"))
        expect(letter).to_be_visible()
        pages_before = len(browser.contexts[-1].pages)
        letter.click()
        expect(tab.get_by_role("heading", name="Documenten")).to_be_visible()
        expect(tab).to_have_url(re.compile(r"doc=2025D33530"))
        expect(
            tab.get_by_role(
                "heading", name="Diverse onderwerpen op het gebied van migratie"
            )
        ).to_be_visible()
        assert len(browser.contexts[-1].pages) == pages_before  # the same tab
        tab.screenshot(path=str(ARTIFACTS / "staffer-letter.png"), full_page=True)
        tab.go_back()
        expect(tab.get_by_role("heading", name="Moties")).to_be_visible()
    finally:
        tab.close()


def test_browser_staffer_toezeggingen_on_two_dates(app_url, browser):
    """The seed letter of 11 July 2025 states four toezeggingen and answers three: all
    open the day before; on 1 January 2026 three voldaan and its own commitment te laat
    (its deadline, Q4 2025, past). The page opens on a date given in its URL, and a
    date typed in shows in the URL."""
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(exist_ok=True)
    tab = new_tab(browser)
    try:
        tab.goto(f"{app_url}/toezeggingen?peildatum=2025-07-10")
        expect(tab.get_by_role("heading", name="Toezeggingen")).to_be_visible()
        metric = tab.locator('[data-testid="stMetric"]', has_text="voldaan")
        expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text("0")
        assert _status_counts(tab) == {"open": "4", "te laat": "0", "voldaan": "0"}
        tab.screenshot(path=str(ARTIFACTS / "staffer-toezeggingen-1.png"))
        _set_peildatum(tab, "2026/01/01")
        expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text("3")
        assert _status_counts(tab) == {"open": "0", "te laat": "1", "voldaan": "3"}
        expect(tab.get_by_text("op 1 januari 2026")).to_be_visible()
        expect(tab).to_have_url(re.compile(r"peildatum=2026-01-01"))
        tab.screenshot(path=str(ARTIFACTS / "staffer-toezeggingen-2.png"))
    finally:
        tab.close()
