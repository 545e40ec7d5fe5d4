"""Commands on a built store: ``query``, ``export``, ``stats`` and ``index``."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from graph.cli_options import open_cli_store, store_option
from graph.errors import GraphError

if TYPE_CHECKING:
    from graph.sparql import QueryResult


@click.command()
@click.argument("name", required=False)
@click.option(
    "--param", "-p", multiple=True, metavar="NAME=VALUE", help="Bind a query parameter."
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table"
)
@click.option("--list", "list_only", is_flag=True, help="List the named queries.")
@store_option
def query(
    name: str | None, param: tuple[str, ...], fmt: str, list_only: bool, store_dir: Path
) -> None:
    """Run a named query (see --list) or a .rq file on the store. Lists, counts and
    whole-store exports are read from the index, streamed; the others, and all of
    them on a store without an index, by SPARQL on the graph."""
    from graph.index.reads import NO_INDEX, indexed_query
    from graph.sparql import QueryResult, list_queries, run_query
    from graph.tables import write_rows

    if list_only or not name:
        for query_name, description in list_queries().items():
            click.echo(f"{query_name:24} {description}")
        return
    bindings = {}
    for item in param:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(
                f"{item!r} is not NAME=VALUE", param_hint="--param"
            )
        bindings[key] = value
    store = open_cli_store(store_dir, read_only=True)
    try:
        rows = (
            None if store.index.missing else indexed_query(store.index, name, bindings)
        )
        if rows is not None and fmt != "table":  # from the index, as it is read
            count = write_rows(rows.variables, rows.rows, fmt, sys.stdout)
            if fmt == "json":
                click.echo()
            click.echo(f"{count:,} row{'' if count == 1 else 's'}", err=True)
            return
        if rows is not None:
            result = QueryResult(rows.variables, tuple(rows.rows))
        else:
            if store.index.missing and indexed_query(store.index, name, bindings):
                click.echo(f"warning: {NO_INDEX}", err=True)
            result = run_query(store.backend(), name, **bindings)
    except GraphError as error:
        raise click.ClickException(str(error)) from error
    finally:
        store.close()
    _print_result(result, fmt)


def _print_result(result: QueryResult, fmt: str) -> None:
    from rich.console import Console
    from rich.table import Table

    from graph.tables import write_rows

    if fmt != "table":
        write_rows(result.variables, result.rows, fmt, sys.stdout)
        if fmt == "json":
            click.echo()
        return
    table = Table(*result.variables)
    for row in result.rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    Console().print(table)


class _ExportFormat(click.Choice):
    """The formats of graph.export, read from it only when the option is used or
    shown (it imports the store)."""

    def __init__(self) -> None:
        super().__init__(())

    @property
    def choices(self) -> tuple[str, ...]:
        from graph.export import EXPORT_FORMATS

        return tuple(sorted(EXPORT_FORMATS))

    @choices.setter
    def choices(self, _value: object) -> None:
        pass


@click.command()
@click.option("--format", "fmt", type=_ExportFormat(), default="nq")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: stdout).",
)
@store_option
def export(fmt: str, output: Path | None, store_dir: Path) -> None:
    """Export the documents' graphs as Turtle, N-Quads, TriG or JSON-LD, written as
    they are read (a server loaded from the file is indexed by `wetgraaf index`)."""
    from rich.console import Console
    from rich.progress import Progress, TextColumn, TimeElapsedColumn

    store = open_cli_store(store_dir, read_only=True)
    console = Console(stderr=True)
    stdout = contextlib.nullcontext(sys.stdout.buffer)
    columns = (
        TextColumn("[bold]export"),
        TextColumn("{task.completed:,} quads"),
        TimeElapsedColumn(),
    )
    try:
        with (
            output.open("wb") if output is not None else stdout as target,
            Progress(*columns, console=console, transient=True) as progress,
        ):
            task = progress.add_task("export", total=None)
            written = store.export(
                fmt, target, lambda done: progress.update(task, completed=done)
            )
    except (OSError, GraphError) as error:
        raise click.ClickException(str(error)) from error
    finally:
        store.close()
    console.print(f"exported {written:,} quads")


@click.command()
@store_option
def stats(store_dir: Path) -> None:
    """Counts of documents, links and triples in the store."""
    from graph.index.reads import NO_INDEX, documents

    store = open_cli_store(store_dir, read_only=True)
    try:
        # the store first: an endpoint that fails says so, not that the index is
        # missing (an endpoint's index is local, and made by `wetgraaf index`)
        triples = len(store)
        if store.index.missing:
            raise click.ClickException(NO_INDEX)
        listed = list(documents(store.index).rows)
        links = sum(int(str(row[-1])) for row in listed if row[-1] is not None)
    except GraphError as error:  # an endpoint that refuses, hangs or answers garbage
        raise click.ClickException(str(error)) from error
    finally:
        store.close()
    click.echo(f"documents: {len(listed)}")
    click.echo(f"links:     {links}")
    click.echo(f"triples:   {triples}")


@click.command()
@store_option
def index(store_dir: Path) -> None:
    """Write the index again from the store's graphs, graph by graph (also from a
    remote endpoint: set WETGRAAF_ENDPOINT; its graphs are only read)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from graph.index import rebuild_index

    store = open_cli_store(store_dir, index=True)
    console = Console(stderr=True)
    columns = (
        TextColumn("[bold]index"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("graphs"),
        TimeElapsedColumn(),
    )
    try:
        names = store.graph_names()
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("index", total=len(names))
            count = rebuild_index(
                store,
                store.index,
                names=names,
                progress=lambda n: progress.update(task, completed=n),
            )
        where = store.index.path or "memory"
    except GraphError as error:
        raise click.ClickException(str(error)) from error
    finally:
        store.close()
    console.print(f"indexed {count:,} graphs → {where}")
