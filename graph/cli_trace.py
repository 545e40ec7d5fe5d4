"""``wetgraaf trace``: lineage paths from a work, each hop with its link type and quote."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from graph.cli_options import open_cli_store, store_option
from graph.errors import GraphError

if TYPE_CHECKING:
    import networkx as nx

    from graph.analysis import Direction, Evidence


@click.command()
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
    store = open_cli_store(store_dir, read_only=True)
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
