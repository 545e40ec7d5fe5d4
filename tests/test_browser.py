"""The explorer in a real headless chromium: search, open a document, trace its lineage.

Runs ``wetgraaf app`` on a store built from a small slice of the bundled corpus and
drives Debian's chromium with Playwright (never ``playwright install``). Screenshots go
to ``test-artifacts/`` (gitignored).
"""

from __future__ import annotations

import shutil
import subprocess
import urllib.parse
import urllib.request
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

pytestmark = pytest.mark.browser

SLICE = [
    "seeds/kamerbrief-2025D33530-diverse-onderwerpen-migratie.txt",
    "seeds/kamerbrief-2025D33530-diverse-onderwerpen-migratie.meta.json",
    "bwb/BWBR0011825_2019-07-01_0.xml",
    "kamerstukken/kst-19637-3185.xml",
    "kamerstukken/kst-19637-3187.xml",
    # the report that states the Vc rule derived from Chavez-Vilchez
    "seeds/emn-jaaroverzicht-2019.txt",
    "seeds/emn-jaaroverzicht-2019.meta.json",
]
FOOTNOTE_QUOTE = "Kamerstukken II vergaderjaar 2021-2022, 19 637, nr. 2798"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_chromium()
    base = tmp_path_factory.mktemp("browser")
    sources = base / "sources"
    sources.mkdir()
    for name in SLICE:
        shutil.copy(ROOT / "corpus" / name, sources / Path(name).name)
    store = base / "store"
    subprocess.run(
        [str(WETGRAAF), "build", str(sources), "--store", str(store), "--workers", "1"],
        check=True,
        capture_output=True,
        timeout=240,
    )
    with app_server(store, base / "app.log") as url:
        yield url


@pytest.fixture(scope="module")
def page(app_url: str) -> Iterator[object]:
    with chromium() as browser:
        yield new_tab(browser)


def _search_and_follow(page, text: str, link: str) -> None:
    """Type ``text`` on Zoeken, see a result link matching the CSS ``link``, follow it
    in this tab (markdown links open a new one), with a screenshot of the results."""
    from playwright.sync_api import expect

    page.get_by_role("link", name="Zoeken").click()
    box = page.get_by_label("Zoek een citaat, id, titel of zinsnede")
    box.fill(text)
    box.press("Enter")
    found = page.locator(link).first
    expect(found).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / f"search-{text}.png"), full_page=True)
    href = found.get_attribute("href")
    assert href is not None
    page.goto(urllib.parse.urljoin(page.url, href))


def test_browser_search_opens_the_document_with_its_quotes(app_url, page):
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(app_url)
    expect(page.get_by_role("heading", name="Documenten")).to_be_visible()
    _search_and_follow(page, "2025D33530", 'a[href*="doc=2025D33530"]')
    expect(page.get_by_role("heading", name="Documenten")).to_be_visible()
    # the links grouped by type, then the text with every reference marked as a link
    page.get_by_text("Uitgaand", exact=True).click()
    expect(page.get_by_text("verwijst naar", exact=False).first).to_be_visible()
    page.get_by_text("Tekst", exact=True).click()
    quote = page.locator("mark", has_text=FOOTNOTE_QUOTE).first
    expect(quote).to_be_visible()
    # the motion is not in this slice: the reference leads to its official source
    expect(quote.locator("a")).to_have_attribute(
        "href", "https://zoek.officielebekendmakingen.nl/kst-19637-2798"
    )
    page.screenshot(path=str(ARTIFACTS / "document.png"), full_page=True)


def test_browser_trace_draws_hops_with_their_quotes(app_url, page):
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{app_url}/?doc=2025D33530")
    expect(page.get_by_role("heading", name="Documenten")).to_be_visible()
    page.get_by_role("link", name="Herkomst").click()
    expect(page.get_by_role("heading", name="Herkomst")).to_be_visible()
    drawing = page.locator("svg").filter(has_text="verwijst naar").first
    expect(drawing).to_be_visible()
    # the motion the letter cites by its name; its id only in the node's tooltip
    expect(drawing.locator("text", has_text="Kamerstukken 19637")).not_to_have_count(0)
    expect(drawing.locator("text", has_text="kst-19637-2798")).to_have_count(0)
    motion = drawing.locator(
        "a[*|title='Kamerstukken 19637, nr. 2798 (kst-19637-2798)']"
    )
    expect(motion).not_to_have_count(0)
    # each edge's quote shows on hover (the SVG link title)
    expect(drawing.locator("a[*|title*='Kamerstukken II']")).not_to_have_count(0)
    shot = ARTIFACTS / "trace.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000


def test_browser_search_a_ruling_and_trace_it_to_the_vc_rule(app_url, page):
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(app_url)
    link = 'a[href*="trace?doc=ECLI%3AEU%3AC%3A2017%3A354"]'
    _search_and_follow(page, "Chavez-Vilchez", link)
    expect(page.get_by_role("heading", name="Herkomst")).to_be_visible()
    drawing = page.locator("svg").filter(has_text="volgt uit").first
    expect(drawing).to_be_visible()
    # the ruling and the Vc rule derived from it ("volgt uit") by name, their ids in
    # the nodes' tooltips, and the quote on hover
    for name, identifier in (
        ("Chavez-Vilchez (C-133/15)", "ECLI:EU:C:2017:354"),
        ("Stcrt. 2019, 34157", "stcrt-2019-34157"),
    ):
        expect(drawing.locator("text", has_text=name)).not_to_have_count(0)
        expect(drawing.locator("text", has_text=identifier)).to_have_count(0)
        node = drawing.locator(f"a[*|title='{name} ({identifier})']")
        expect(node).not_to_have_count(0)
    # the report's title by its head, never cut off
    expect(drawing.locator("text", has_text="EMN Nederland")).not_to_have_count(0)
    expect(drawing.locator("text", has_text="…")).to_have_count(0)
    quote = drawing.locator("a[*|title*='Op 1 juli 2019 zijn nadere regels']")
    expect(quote).not_to_have_count(0)
    shot = ARTIFACTS / "trace-chavez.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def _status_counts(page) -> dict[str, str]:
    metrics = page.locator('[data-testid="stMetric"]')
    return {
        metrics.nth(i).locator('[data-testid="stMetricLabel"]').inner_text().strip(): (
            metrics.nth(i).locator('[data-testid="stMetricValue"]').inner_text().strip()
        )
        for i in range(metrics.count())
    }


def _set_peildatum(page, day: str) -> None:
    """Type a date (YYYY/MM/DD) into the Peildatum field's year, month and day
    segments, as a user does, and leave the field."""
    year, month, date = day.split("/")
    for segment, digits in (("year", year), ("month", month), ("day", date)):
        part = page.get_by_role("spinbutton", name=f"{segment}, Peildatum")
        part.click()
        part.press_sequentially(digits)
    # the field takes the date when it loses focus (Tab stays in it: its calendar)
    page.get_by_role("heading", name="Toezeggingen").click()


def test_browser_toezeggingen_counts_follow_the_reference_date(app_url, page):
    """The seed letter of 11 July 2025 states four toezeggingen and answers three
    (TZ202505-125 in the paragraph under its heading): open the day before, three
    voldaan after it, its own commitment te laat once its deadline (Q4 2025) is
    past."""
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(app_url)
    page.get_by_role("link", name="Toezeggingen", exact=True).click()
    expect(page.get_by_role("heading", name="Toezeggingen")).to_be_visible()
    expected = {
        "2025/07/10": {"open": "4", "te laat": "0", "voldaan": "0"},
        "2026/01/01": {"open": "0", "te laat": "1", "voldaan": "3"},
    }
    for day, counts in expected.items():
        _set_peildatum(page, day)
        metric = page.locator('[data-testid="stMetric"]', has_text="voldaan")
        expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text(
            counts["voldaan"]
        )
        assert _status_counts(page) == counts, day
        page.screenshot(
            path=str(ARTIFACTS / f"toezeggingen-{day.replace('/', '-')}.png"),
            full_page=True,
        )
