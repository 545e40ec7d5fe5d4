"""The store the CLI, the loader and the explorer work with, and the one factory that
opens it: the embedded store, or a remote endpoint when the settings name one."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, Protocol

from rdflib import Graph, URIRef

from graph import settings
from graph.export import Progress
from graph.index import DocumentRows, Index
from graph.remote.connection import ConnectionSettings
from graph.remote.store import RemoteStore
from graph.sparql import ReadBackend
from graph.store import Capabilities, GraphWrite, TripleLines, open_store


class DocumentStore(Protocol):
    """What the CLI, the loader and the explorer need from a store, embedded or
    remote: the graph of record (written graph by graph, read by SPARQL through its
    ``backend``) and its read model (``index``)."""

    index: Index
    where: str
    capabilities: Capabilities

    def backend(self) -> ReadBackend: ...

    def replace_graph(self, name: URIRef, graph: Graph) -> None: ...

    def replace_graph_lines(
        self, name: URIRef, lines: TripleLines, rows: DocumentRows
    ) -> None: ...

    def remove_graph(self, name: URIRef) -> None: ...

    def write_graphs(self, graphs: Sequence[GraphWrite]) -> dict[URIRef, str]: ...

    def graph_names(self) -> list[URIRef]: ...

    def graph(self, name: URIRef) -> Graph: ...

    def __len__(self) -> int: ...

    def export(
        self, fmt: str, output: BinaryIO, progress: Progress | None = None
    ) -> int: ...

    def close(self) -> None: ...


def remote_store_from_settings(*, read_only: bool = False) -> RemoteStore:
    """A ``RemoteStore`` configured by the ``WETGRAAF_ENDPOINT*`` settings.

    Raises:
        ValueError: ``WETGRAAF_ENDPOINT`` is empty or not an http(s) URL.
    """
    endpoint = settings.ENDPOINT.value()
    if not endpoint:
        raise ValueError(f"{settings.ENDPOINT.env} is not set")
    return RemoteStore(
        endpoint,
        None if read_only else (settings.UPDATE_ENDPOINT.value() or None),
        index=settings.index_path(endpoint),
        connection=ConnectionSettings(
            timeout=_seconds(settings.QUERY_TIMEOUT),
            update_timeout=_seconds(settings.UPDATE_TIMEOUT),
            max_bytes=int(float(settings.ENDPOINT_MAX_MB.value()) * 1024 * 1024),
            user=settings.ENDPOINT_USER.value() or None,
            password=settings.ENDPOINT_PASSWORD.value() or None,
            auth=settings.ENDPOINT_AUTH.value(),
        ),
    )


def open_any_store(
    location: Path | None = None,
    *,
    read_only: bool = False,
    index_only: bool = False,
) -> DocumentStore:
    """The store the settings choose: the remote endpoint when ``WETGRAAF_ENDPOINT``
    is set, else the embedded store at ``location`` (default ``WETGRAAF_STORE``);
    with ``index_only`` its graphs read-only and its index writable (to rebuild it).

    Raises:
        StoreError: the embedded store cannot be opened.
        ValueError: a remote setting is malformed.
    """
    store: DocumentStore
    if settings.ENDPOINT.value():
        store = remote_store_from_settings(read_only=read_only or index_only)
    else:
        location = location or settings.store_path()
        store = open_store(
            location,
            read_only=read_only or index_only,
            index=settings.index_path(None, location),
        )
    if index_only:
        store.index.close()
        store.index = Index(store.index.path)
        store.index.fresh = False  # the caller writes it whole
    return store


def _seconds(setting: settings.Setting) -> float:
    text = setting.value()
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{setting.env}={text!r} is not a number of seconds") from None
    if value <= 0:
        raise ValueError(f"{setting.env} must be positive")
    return value
