"""Commands that start a server: ``wetgraaf app`` (the explorer) and ``wetgraaf serve``
(the store as a read-only SPARQL endpoint)."""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path

import click

from graph import settings
from graph.cli_build import build_with_progress
from graph.cli_options import open_cli_store, store_option
from graph.errors import GraphError

APP_FILE = settings.PROJECT_DIR / "app" / "streamlit_app.py"


@click.command()
@click.option("--port", default=8501, show_default=True, help="Port of the explorer.")
@click.option(
    "--host", default="localhost", show_default=True, help="Address to listen on."
)
@click.option(
    "--headless/--browser", default=False, help="Do not open a browser window."
)
@store_option
def app(port: int, host: str, headless: bool, store_dir: Path) -> None:
    """Start the Streamlit explorer (builds the bundled corpus first if the store is empty)."""
    import subprocess
    import threading

    from rich.console import Console

    from ingest.sources import iter_source_files

    store = open_cli_store(store_dir)
    try:
        empty = not store.graph_names()
        if empty:
            click.echo(
                f"The store at {store_dir} is empty: building the bundled corpus first."
            )
            files = list(iter_source_files((settings.BUNDLED_CORPUS,)))
            summary = build_with_progress(
                store, files, Console(stderr=True), os.cpu_count() or 1
            )
            click.echo(f"{summary.documents} documents, {summary.triples:,} triples.")
    finally:
        store.close()
    env = dict(os.environ, **{settings.STORE.env: str(store_dir)})
    # Streamlit runs headless and we open the browser ourselves: otherwise its first
    # run in a new home directory stops at an e-mail prompt on the terminal.
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP_FILE),
        "--server.port",
        str(port),
        "--server.address",
        host,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    if not headless:
        url = f"http://{'localhost' if host in ('0.0.0.0', '::') else host}:{port}"
        threading.Thread(target=open_when_up, args=(url,), daemon=True).start()
    raise SystemExit(subprocess.call(command, env=env))


def open_when_up(url: str, timeout: float = 120.0) -> bool:
    """Open ``url`` in a browser once its Streamlit server answers its health check;
    False when it did not within ``timeout`` seconds."""
    import time
    import urllib.request
    import webbrowser

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    webbrowser.open(url)
                    return True
        except OSError:  # not listening yet
            pass
        time.sleep(0.5)
    return False


@click.command()
@click.option("--port", default=7878, show_default=True, help="Port of the endpoint.")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on."
)
@click.option(
    "--allow-service",
    "allow_services",
    multiple=True,
    metavar="IRI",
    help="An endpoint queries may name in SERVICE (repeatable); default: "
    f"{settings.SERVICE_ALLOW.env}, empty refuses every SERVICE clause.",
)
@store_option
def serve(
    port: int, host: str, allow_services: tuple[str, ...], store_dir: Path
) -> None:
    """Serve the local store as a read-only SPARQL 1.1 endpoint (…/query)."""
    from graph.serve import ServeLimits, serve_store

    limits = ServeLimits.from_settings()
    if allow_services:
        limits = dataclasses.replace(limits, allow_services=frozenset(allow_services))
    click.echo(
        f"Serving {store_dir} read-only at http://{host}:{port}/query (Ctrl-C stops)."
    )
    try:
        serve_store(store_dir, host=host, port=port, limits=limits)
    except (GraphError, OSError) as error:
        raise click.ClickException(str(error)) from error
    except KeyboardInterrupt:
        pass
