"""``wetgraaf build``: files and folders into the store, with a progress bar."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from graph import settings
from graph.cli_options import open_cli_store, store_option, workers_option

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import Console

    from graph.document_store import DocumentStore
    from graph.load import BuildSummary


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--follow-symlinks",
    is_flag=True,
    help="Follow symbolic links that lead outside the folders given (refused "
    "otherwise, each with an error).",
)
@click.option(
    "--replace",
    is_flag=True,
    help="Let a file replace a document that the store holds from another file "
    "(refused otherwise, with an error naming both).",
)
@click.option(
    "--prune",
    is_flag=True,
    help="Remove the documents whose source file is gone from a folder given "
    "(each is reported otherwise, and stays).",
)
@store_option
@workers_option
def build(
    paths: tuple[Path, ...],
    follow_symlinks: bool,
    replace: bool,
    prune: bool,
    store_dir: Path,
    workers: int,
) -> None:
    """Ingest files and folders (default: the bundled corpus) into the store.

    A file is named in the graph by its path below the folder given (with the
    folder's name). A document whose file is gone from a folder given is reported,
    and removed with --prune. Exits with status 1 after the summary when any file was
    refused.
    """
    from rich.console import Console
    from rich.table import Table

    from ingest.sources import iter_source_files

    console = Console(stderr=True)
    refused: list[str] = []
    given = paths or (settings.BUNDLED_CORPUS,)
    files = list(
        iter_source_files(given, follow_symlinks=follow_symlinks, refused=refused)
    )
    store = open_cli_store(store_dir)
    try:
        summary = build_with_progress(
            store,
            files,
            console,
            workers,
            replace=replace,
            roots=[path for path in given if path.is_dir()],
            prune=prune,
        )
        summary.errors[:0] = refused
        total = len(store)
        where = store.where
    finally:
        store.close()
    for line in summary.stale:
        console.print(f"[yellow]stale[/yellow] {line}", highlight=False, soft_wrap=True)
    for line in summary.errors:
        console.print(f"[red]error[/red] {line}", highlight=False, soft_wrap=True)
    table = Table(title=f"wetgraaf build → {where}", show_header=False)
    for label, value in [
        ("documents", summary.documents),
        ("triples written", summary.triples),
        ("triples in store", total),
        ("references", summary.references),
        ("unresolved", summary.unresolved),
        ("editorial links", summary.editorial_links),
        ("earlier toestanden kept as versions", len(summary.versions_only)),
        ("links with a version (in store)", summary.cited_versions),
        ("gone from the folder, kept", len(summary.stale) - summary.pruned),
        ("gone from the folder, removed", summary.pruned),
        ("errors", len(summary.errors)),
    ]:
        table.add_row(label, f"{value:,}")
    Console().print(table)
    if summary.errors:
        sys.exit(1)


def build_with_progress(
    store: DocumentStore,
    files: list[Path],
    console: Console,
    workers: int = 1,
    *,
    replace: bool = False,
    roots: Sequence[Path] = (),
    prune: bool = False,
) -> BuildSummary:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from graph.load import load_paths

    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[current]}"),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("ingest", total=len(files), current="")
        return load_paths(
            store,
            files,
            progress=lambda path: progress.update(task, advance=1, current=path.name),
            workers=workers,
            replace=replace,
            roots=roots,
            prune=prune,
        )
