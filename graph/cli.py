"""The ``wetgraaf`` command: subcommands mirror the data flow (extract → build → query).

Each command lives in a module of its own (``graph.cli_build``, ``cli_extract``,
``cli_store``, ``cli_trace``, ``cli_serve``, ``cli_fetch``). Our errors become one-line
``click.ClickException`` messages; tracebacks are for bugs.
"""

from __future__ import annotations

import os

import click

# The command modules import only click and the settings at their top, so that
# ``wetgraaf extract`` starts without the store, rdflib, networkx or rich (each command
# imports what it uses when it runs).
from graph import settings
from graph.cli_build import build
from graph.cli_extract import extract
from graph.cli_serve import app, serve
from graph.cli_store import export, index, query, stats
from graph.cli_trace import trace
from graph.errors import GraphError
from ingest.errors import IngestError


class _Commands(click.Group):
    """The subcommands; ``fetch`` (with the fetch clients it needs to list its
    sources) is imported only when it is asked for or listed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), "fetch"})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name == "fetch" and cmd_name not in self.commands:
            from graph.cli_fetch import fetch

            self.add_command(fetch)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands)
@click.version_option(package_name="wetgraaf")
@click.option(
    "--endpoint",
    envvar=settings.ENDPOINT.env,
    default="",
    metavar="URL",
    help=settings.ENDPOINT.help,
)
def cli(endpoint: str) -> None:
    """wetgraaf: a legal knowledge graph of Dutch migration law."""
    if endpoint:
        # One place decides embedded vs remote (graph.document_store reads the setting).
        os.environ[settings.ENDPOINT.env] = endpoint


for command in (build, extract, query, export, stats, index, trace, app, serve):
    cli.add_command(command)


def main() -> None:  # pragma: no cover - console entry point convenience
    try:
        cli()
    except (IngestError, GraphError) as error:
        raise click.ClickException(str(error)) from error
