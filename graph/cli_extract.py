"""``wetgraaf extract``: the references in one file as JSON Lines (no store needed)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import click

from ingest.errors import IngestError


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


@click.command()
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
