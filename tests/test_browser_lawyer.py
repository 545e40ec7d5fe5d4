"""The lawyer's way through the explorer in a real headless chromium: "artikel 3.4 Vb"
searched on Zoeken → the article with its text → a click on the Vc paragraph that elaborates it
(Vc B5/2.2, set by WBV 2013/23) → back → again → a click on its amending decision,
WBV 2013/23, on the Documenten page; then the Herkomst of that paragraph in words.

The store is the slice of the bundled corpus of tests/app_slice.py. Screenshots go to
``test-artifacts/`` (gitignored; CI keeps the folder).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser_support import (
    ARTIFACTS,
    app_server,
    chromium,
    new_tab,
    require_chromium,
    settled,
)

pytestmark = pytest.mark.browser

ROW_HEIGHT = 35  # st.dataframe's header and rows (glide-data-grid's default)


@pytest.fixture(scope="module")
def lawyer_url(article_store: Path, tmp_path_factory: pytest.TempPathFactory):
    require_chromium()
    log = tmp_path_factory.mktemp("lawyer") / "app.log"
    with app_server(article_store, log) as url:
        yield url


@pytest.fixture(scope="module")
def tab(lawyer_url: str) -> Iterator[object]:
    with chromium() as browser:
        yield new_tab(browser, height=1100)


def _click_row(page, group: str, row: int) -> None:
    """Select ``row`` of the table under the group title ``group`` by its row marker
    (st.dataframe draws on a canvas: the click goes where the row is drawn)."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import expect

    settled(page)
    title = page.locator('[data-testid="stMarkdownContainer"]', has_text=group).first
    expect(title).to_be_visible()
    table = title.locator("xpath=following::*[@data-testid='stDataFrame'][1]").first
    expect(table).to_be_visible()
    # a rerun may redraw the table between finding and scrolling to it: find it again
    for attempt in range(3):
        try:
            table.scroll_into_view_if_needed()
            break
        except PlaywrightError:
            if attempt == 2:
                raise
            page.wait_for_timeout(500)
    settled(page)
    box = table.bounding_box()
    assert box is not None
    y = box["y"] + ROW_HEIGHT * (row + 1) + ROW_HEIGHT / 2
    page.mouse.move(box["x"] + 60, y)  # the row markers show on hover
    page.mouse.click(box["x"] + 18, y)


def _heading(page, text: str):
    return page.get_by_role("heading", name=text, exact=True)


def test_browser_lawyer_article_to_vc_paragraph_to_its_decision(lawyer_url, tab):
    from playwright.sync_api import expect

    page = tab
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(lawyer_url)
    page.get_by_role("link", name="Zoeken").click()
    box = page.get_by_role("textbox", name="Zoek een citaat, id, titel of zinsnede")
    box.fill("artikel 3.4 Vb")
    box.press("Enter")
    hit = page.locator('a[href*="article?part="]').first
    expect(hit).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "lawyer-zoeken.png"), full_page=True)
    hit.click()  # a page link: the Artikel page in this tab and session
    expect(_heading(page, "artikel 3.4 Vb")).to_be_visible()
    assert len(page.context.pages) == 1
    expect(
        page.get_by_text("De in artikel 14, derde lid, van de Wet").first
    ).to_be_visible()
    expect(page.get_by_text("Uitgewerkt in (Vc)").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "lawyer-artikel-3.4-vb.png"), full_page=True)

    # the Vc paragraph elaborating it, in this tab
    _click_row(page, "Uitgewerkt in (Vc)", 0)
    expect(_heading(page, "Vc B5/2.2")).to_be_visible()
    expect(page.get_by_text("komt te luiden").first).to_be_visible()
    assert "part=" in page.url and "B5" in page.url
    page.screenshot(path=str(ARTIFACTS / "lawyer-vc-b5-2.2.png"), full_page=True)

    # back to the article, and on to the paragraph again
    page.get_by_role("button", name="← Terug naar artikel 3.4 Vb").click()
    expect(_heading(page, "artikel 3.4 Vb")).to_be_visible()
    _click_row(page, "Uitgewerkt in (Vc)", 0)
    expect(_heading(page, "Vc B5/2.2")).to_be_visible()

    # the decision that set its text, on the Documenten page of the same session
    _click_row(page, "Wijzigingen", 0)
    expect(_heading(page, "Documenten")).to_be_visible()
    expect(page.get_by_text("nummer WBV 2013/23").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "lawyer-wbv-2013-23.png"), full_page=True)


def test_browser_lawyer_traces_the_paragraph_in_words(lawyer_url, tab):
    """From the paragraph's own URL, its Herkomst in words, one click away; then the
    same typed on the Herkomst page."""
    from urllib.parse import quote

    from playwright.sync_api import expect

    page = tab
    part = "https://wetten.overheid.nl/jci1.3:c:BWBR0012289&paragraaf=B5/2.2"
    page.goto(f"{lawyer_url}/article?part={quote(part, safe='')}")
    expect(_heading(page, "Vc B5/2.2")).to_be_visible()
    page.get_by_role("button", name="Herkomst").click()
    expect(_heading(page, "Herkomst")).to_be_visible()
    told = (
        "Vc B5/2.2 is gewijzigd door WBV 2013/23.",
        "Vc B5/2.2 werkt artikel 3.4, eerste lid, onder g, Vb uit.",
    )
    for line in told:
        expect(page.get_by_text(line)).to_be_visible()
    drawing = page.locator("svg").filter(has_text="WBV 2013/23").first
    expect(drawing).to_be_visible()  # the drawing beside the sentences
    page.screenshot(path=str(ARTIFACTS / "lawyer-herkomst-b5-2.2.png"), full_page=True)

    page.goto(f"{lawyer_url}/trace")
    field = page.get_by_role("textbox", name="Verwijzing")
    field.fill("Chavez-Vilchez")
    field.press("Enter")
    expect(
        page.get_by_text(
            "Stcrt. 2019, 34157 volgt uit Chavez-Vilchez (C-133/15)", exact=False
        )
    ).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "lawyer-herkomst-chavez.png"), full_page=True)
