"""What the three browser suites share: the explorer started on a store, Debian's
chromium launched through Playwright (never ``playwright install``), and a wait for a
Streamlit rerun to finish before a click that lands where something is drawn."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest_servers import free_port

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
WETGRAAF = Path(sys.executable).with_name("wetgraaf")
# The first run of a page opens the store: every wait allows for it.
TIMEOUT_MS = 60_000


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing (apt-get install -y chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@contextlib.contextmanager
def app_server(store: Path, log: Path) -> Iterator[str]:
    """``wetgraaf app`` on ``store``, started now; its URL while it runs."""
    port = free_port()
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(WETGRAAF), "app", "--headless", "--port", str(port)]
            + ["--store", str(store)],
            env=dict(os.environ, WETGRAAF_STORE=str(store)),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(f"{url}/_stcore/health", server, log)
            yield url
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=15)


def _wait_healthy(health: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the app exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(health, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(
        f"no healthy app at {health}: {log.read_text(errors='replace')[-2000:]}"
    )


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """A headless chromium for one test module."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        expect.set_options(timeout=TIMEOUT_MS)
        try:
            yield browser
        finally:
            browser.close()


def new_tab(browser, height: int = 1000):
    tab = browser.new_page(viewport={"width": 1400, "height": height}, locale="nl-NL")
    tab.set_default_timeout(TIMEOUT_MS)
    return tab


def settled(page) -> None:
    """Wait until the app's script run has finished: a table measured while a rerun
    still adds sections above or below it moves before the click lands."""
    from playwright.sync_api import expect

    expect(
        page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')
    ).to_have_count(1)
