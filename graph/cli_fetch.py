"""``wetgraaf fetch``: the official sources into the raw payload cache.

The command only fetches; ``wetgraaf build CACHE`` then reads the cache like any
folder, so re-processing never needs the network.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from graph import settings
from graph.cli_options import folder_option
from ingest.errors import IngestError
from ingest.fetch import SOURCES, SourcePlan, fetch_source, load_preset
from ingest.fetch.cache import PayloadCache
from ingest.fetch.http import HttpClient
from ingest.fetch.session import FetchSession, parse_since

DEFAULT_PRESET = "migratierecht"


def _since(_: click.Context, __: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_since(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from error


@click.command()
@click.argument("source", required=False, type=click.Choice(SOURCES))
@click.argument("ids", nargs=-1)
@click.option(
    "--preset",
    metavar="NAME|FILE",
    help=f"Fetch what a preset names (e.g. {DEFAULT_PRESET}); with SOURCE, only "
    "that source's part.",
)
@click.option(
    "--since",
    callback=_since,
    metavar="DATE|Nd",
    help="Only what changed on or after this date (2025-01-31) or in the last N days (7d).",
)
@folder_option("--cache", "cache_dir", settings.CACHE)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=60.0,
    show_default=True,
    help="Seconds to wait for a service before retrying.",
)
@click.option(
    "--interval",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Minimum seconds between two requests to one service.",
)
def fetch(
    source: str | None,
    ids: tuple[str, ...],
    preset: str | None,
    since: dt.date | None,
    cache_dir: Path,
    timeout: float,
    interval: float,
) -> None:
    """Fetch official sources into the cache: SOURCE IDS… (BWB ids, ECLIs, CELEX
    numbers, zaak or dossier numbers, publication ids), or a --preset. SOURCE alone
    fetches that source's part of the migratierecht preset. Then run
    `wetgraaf build CACHE`."""
    plans = _plans(source, ids, preset)
    console = Console(stderr=True)
    client = HttpClient(timeout=timeout, interval=interval)
    try:
        with PayloadCache(cache_dir) as cache:
            session = FetchSession(http=client, cache=cache, since=since)
            _run(session, plans, console)
    except IngestError as error:
        raise click.ClickException(str(error)) from error
    tally = session.tally
    for line in tally.errors:
        console.print(f"[red]error[/red] {line}", highlight=False, soft_wrap=True)
    table = Table(title=f"wetgraaf fetch → {cache_dir}")
    for column in ("source", "fetched", "unchanged", "failed"):
        table.add_column(column, justify="left" if column == "source" else "right")
    for name in plans:
        table.add_row(
            name,
            f"{tally.fetched.get(name, 0):,}",
            f"{tally.unchanged.get(name, 0):,}",
            f"{tally.failed.get(name, 0):,}",
        )
    Console().print(table)
    click.echo(f"{client.requests:,} requests. Next: wetgraaf build {cache_dir}")
    if tally.errors:
        raise SystemExit(1)


def _plans(
    source: str | None, ids: tuple[str, ...], preset: str | None
) -> dict[str, SourcePlan]:
    if source is None and not preset:
        raise click.UsageError("name a SOURCE (with IDS) or a --preset")
    if ids and preset:
        raise click.UsageError("give IDS or a --preset, not both")
    if source is not None and ids:
        return {source: SourcePlan(ids=ids)}
    try:
        chosen = load_preset(preset or DEFAULT_PRESET)
    except IngestError as error:
        raise click.ClickException(str(error)) from error
    names = [source] if source else [name for name in SOURCES if name in chosen.plans]
    return {name: chosen.plans.get(name, SourcePlan()) for name in names}


def _run(session: FetchSession, plans: dict[str, SourcePlan], console: Console) -> None:
    columns = (
        TextColumn("[bold]{task.description:<12}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[current]}"),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        tasks = {
            name: progress.add_task(name, total=None, current="") for name in plans
        }

        def on_total(name: str, total: int) -> None:
            progress.update(tasks[name], total=total)

        def on_item(name: str, label: str) -> None:
            progress.update(tasks[name], advance=1, current=label[-40:])

        session.on_total, session.on_item = on_total, on_item
        for name, plan in plans.items():
            fetch_source(session, name, plan.ids, plan.searches)
            task = progress.tasks[tasks[name]]
            progress.update(tasks[name], total=task.completed, current="done")
