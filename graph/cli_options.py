"""What the ``wetgraaf`` commands share: folder options declared by a setting
(``--store``), ``--workers``, and opening the store the settings choose."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from graph import settings
from graph.errors import GraphError

if TYPE_CHECKING:
    from graph.document_store import DocumentStore


def folder_option(name: str, dest: str, setting: settings.Setting) -> Any:
    """A folder option whose environment variable, default and help are ``setting``'s
    (declared once, as the app and the docs read them)."""
    return click.option(
        name,
        dest,
        type=click.Path(file_okay=False, path_type=Path),
        envvar=setting.env,
        default=setting.default,
        show_default=True,
        help=setting.help,
    )


store_option = folder_option("--store", "store_dir", settings.STORE)


def open_cli_store(
    store_dir: Path, *, read_only: bool = False, index: bool = False
) -> DocumentStore:
    """The embedded store at ``store_dir``, or the remote endpoint when one is set
    (``index``: its graphs read-only, its index writable)."""
    from graph.document_store import open_any_store

    try:
        return open_any_store(store_dir, read_only=read_only, index_only=index)
    except GraphError as error:
        raise click.ClickException(str(error)) from error


workers_option = click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=lambda: os.cpu_count() or 1,
    show_default="number of cores",
    help="Processes that parse documents in parallel.",
)
