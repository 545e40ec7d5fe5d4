"""The ``wetgraaf`` command: subcommands mirror the data flow (extract → build → query).

Our errors become one-line ``click.ClickException`` messages; tracebacks are for bugs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

# Only what every command needs is imported here: ``wetgraaf extract`` starts without
# the store, rdflib, networkx or rich (each command imports what it uses).
from graph import settings
from graph.errors import GraphError
from ingest.errors import IngestError

if TYPE_CHECKING:
    from collections.abc import Sequence

    import networkx as nx
    from rich.console import Console

    from graph.analysis import Direction, Evidence
    from graph.load import BuildSummary
    from graph.remote import AnyStore
    from graph.sparql import QueryResult

APP_FILE = settings.PROJECT_DIR / "app" / "streamlit_app.py"

store_option = click.option(
    "--store",
    "store_dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar=settings.STORE.env,
    default=settings.STORE.default,
    show_default=True,
    help=settings.STORE.help,
)


def _open(store_dir: Path, *, read_only: bool = False, index: bool = False) -> AnyStore:
    """The embedded store at ``store_dir``, or the remote endpoint when one is set
    (``index``: its graphs read-only, its index writable)."""
    from graph.remote import open_any_store

    try:
        return open_any_store(store_dir, read_only=read_only, index_only=index)
    except GraphError as error:
        raise click.ClickException(str(error)) from error


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
        # One place decides embedded vs remote (graph.remote reads the setting).
        os.environ[settings.ENDPOINT.env] = endpoint


workers_option = click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=lambda: os.cpu_count() or 1,
    show_default="number of cores",
    help="Processes that parse documents in parallel.",
)


@cli.command()
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
    store = _open(store_dir)
    try:
        summary = _build_with_progress(
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


def _build_with_progress(
    store: AnyStore,
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


def _bwb_id(_: click.Context, __: click.Parameter, value: str | None) -> str | None:
    from ingest.identifiers import BWB_ID

    if value is not None and not BWB_ID.match(value.upper()):
        raise click.BadParameter(f"{value!r} is no BWB id (BWBR0011823, BWBV0001000)")
    return value.upper() if value else None


def _iso_date(
    _: click.Context, __: click.Parameter, value: str | None
) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is no date (YYYY-MM-DD)") from None


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--work",
    metavar="BWB-ID",
    callback=_bwb_id,
    help="The regeling the text is, so that 'deze wet', 'dit artikel' and bare "
    "articles resolve to it (default: the id a BWB XML file states, or the one its "
    "title line or citeertitel article names; none for a text that is no regeling).",
)
@click.option(
    "--date",
    "text_date",
    metavar="YYYY-MM-DD",
    callback=_iso_date,
    help="The text's date: which act a name such as 'Dublinverordening' meant then "
    "(default: a source file's own date; none for plain text).",
)
def extract(file: Path, work: str | None, text_date: dt.date | None) -> None:
    """Print the references in FILE (plain text, or any source file the build
    reads) as JSON Lines."""
    from ingest.citing import text_context
    from ingest.extract import find_references
    from ingest.models import CitingContext

    if file.suffix.lower() in {".txt", ".md", ""}:
        try:
            text = file.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            raise click.ClickException(
                f"{file}: not UTF-8 text ({error.reason} at byte {error.start})"
            ) from None
        context = text_context(text, work)
    else:  # a BWB XML (or another source): its own id and parts, as the build reads it
        from ingest.sources import read_source

        try:
            document = read_source(file)
        except IngestError as error:
            raise click.ClickException(str(error)) from error
        text, context = document.text, CitingContext.of(document)
        if work is not None:
            context = dataclasses.replace(context, work=work)
    if text_date is not None:
        context = dataclasses.replace(context, date=text_date)
    for resolved in find_references(text, context):
        click.echo(json.dumps(resolved.to_json(), ensure_ascii=False))


@cli.command()
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
    store = _open(store_dir, read_only=True)
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


@cli.command()
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

    store = _open(store_dir, read_only=True)
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


@cli.command()
@store_option
def stats(store_dir: Path) -> None:
    """Counts of documents, links and triples in the store."""
    from graph.index.reads import NO_INDEX, documents

    store = _open(store_dir, read_only=True)
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


@cli.command()
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

    store = _open(store_dir, index=True)
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


@cli.command()
@click.argument("work_id")
@click.option("--max-hops", default=4, show_default=True, help="Longest path shown.")
@click.option(
    "--direction",
    type=click.Choice(["both", "rests-on", "followed-by"]),
    default="both",
    show_default=True,
    help="What the work rests on (its citations and relations), what followed from "
    "it (rules derived from it, documents discussing those), or both.",
)
@store_option
def trace(work_id: str, max_hops: int, direction: str, store_dir: Path) -> None:
    """Lineage paths from a work (canonical id), each hop with link type and quote."""
    from graph.analysis import lineage_paths, path_evidence
    from graph.lineage import lineage_digraph
    from ingest.identifiers import work_iri

    start = work_iri(work_id)
    ways: tuple[tuple[str, Direction], ...] = (
        ("Rests on", "rests_on"),
        ("Followed by", "followed_by"),
    )
    wanted = [
        (heading, way)
        for heading, way in ways
        if direction in ("both", way.replace("_", "-"))
    ]
    store = _open(store_dir, read_only=True)
    try:
        # every neighbour read: a trace lists each path
        digraph = lineage_digraph(
            store.backend(),
            start,
            max_hops=max_hops,
            directions=[way for _, way in wanted],
            neighbours=None,
        ).digraph
    except GraphError as error:
        raise click.ClickException(str(error)) from error
    finally:
        store.close()
    shown = 0
    for heading, way in wanted:
        paths = lineage_paths(digraph, start, max_hops=max_hops, direction=way)
        if not paths:
            continue
        click.echo(f"{heading}:")
        for number, path in enumerate(paths, start=1):
            shown += 1
            ids = [digraph.nodes[node]["id"] for node in path]
            click.echo(f"{number}. " + " → ".join(ids))
            for hop in path_evidence(digraph, path, way):
                click.echo("   " + _hop_line(digraph, *hop))
    if not shown:
        raise click.ClickException(f"no links from {work_id} ({start}) in the store")


def _hop_line(digraph: nx.DiGraph, source: str, target: str, evidence: Evidence) -> str:
    """One hop as stored: "subject —type→ target: “quote”", naming the parts a typed
    relation links and the document whose text holds the quote when it is another."""
    link_type = evidence.type.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    line = (
        f"{digraph.nodes[source]['id']}{_part(evidence.subject, source)} —{link_type}→ "
        f"{digraph.nodes[target]['id']}{_part(evidence.target, target)}: "
        f"“{_shorten(' '.join(evidence.quote.split()))}”"
    )
    if evidence.stated_in and evidence.stated_in not in (source, target):
        stated = (
            digraph.nodes[evidence.stated_in]["id"]
            if evidence.stated_in in digraph
            else evidence.stated_in
        )
        line += f" (in {stated})"
    return line


def _part(part: str, work: str) -> str:
    """ " (paragraaf B10/2.2)" when a relation names a part of the work (a Juriconnect
    IRI's pinpoint), else nothing."""
    if not part or part == work or "&" not in part:
        return ""
    pinpoint = [
        p.replace("=", " ") for p in part.split("&")[1:] if not p.startswith("g=")
    ]
    return f" ({', '.join(pinpoint)})" if pinpoint else ""


def _shorten(quote: str, limit: int = 320) -> str:
    """The quote, its middle elided when long: a heading and the sentence under it
    both stay readable."""
    if len(quote) <= limit:
        return quote
    head = limit * 2 // 3
    return f"{quote[:head].rstrip()} … {quote[-(limit - head - 3) :].lstrip()}"


@cli.command()
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

    store = _open(store_dir)
    try:
        empty = not store.graph_names()
        if empty:
            click.echo(
                f"The store at {store_dir} is empty: building the bundled corpus first."
            )
            files = list(iter_source_files((settings.BUNDLED_CORPUS,)))
            summary = _build_with_progress(
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


@cli.command()
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


def main() -> None:  # pragma: no cover - console entry point convenience
    try:
        cli()
    except (IngestError, GraphError) as error:
        raise click.ClickException(str(error)) from error
