"""Named graphs on a remote SPARQL 1.1 endpoint, with the read model beside them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from rdflib import Graph, URIRef
from rdflib.term import Node

from graph import settings
from graph.errors import EndpointError, StoreError
from graph.export import Progress, ox_quad, write_quads
from graph.index import DocumentRows, Index, document_rows
from graph.namespaces import GRAPH_BASE, PREFIXES
from graph.remote.backend import RemoteBackend
from graph.remote.connection import Connection, ConnectionSettings, send_update
from graph.remote.updates import replace_graph_update, staging_graph
from graph.store import Capabilities, GraphWrite, TripleLines, serialize_triples


class RemoteStore:
    """Named graphs on a remote SPARQL 1.1 endpoint (query + update URLs).

    The same verbs as ``graph.store.GraphStore``. Without ``update_url`` the store is
    read-only. Updates are retried like queries: a write request starts by clearing
    its staging graph and ends by moving it onto the document's graph, so a request
    retried after a timeout cannot leave duplicates.

    Args:
        query_url: the SPARQL query endpoint.
        update_url: the SPARQL Update endpoint (Oxigraph ``…/update``, Virtuoso
            ``…/sparql-auth`` with digest authentication), or None for read-only.
        connection: timeouts, retries and credentials, shared by both URLs.
        index: the read model's file (in memory when None).
    """

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        connection: ConnectionSettings | None = None,
        *,
        index: Path | None = None,
    ) -> None:
        connection = connection or ConnectionSettings()
        self.read_only = not update_url
        self.index = Index(index, read_only=self.read_only)
        self._backend = RemoteBackend(query_url, connection, index=self.index)
        self._update = (
            Connection(update_url, connection, timeout=connection.update_timeout)
            if update_url
            else None
        )
        self.query_url = query_url
        self.update_url = update_url or None
        self.where = query_url
        self.capabilities = Capabilities(remote=True, writable=not self.read_only)

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r}, {self.update_url!r})"

    def backend(self) -> RemoteBackend:
        """The query backend of this store (for ``graph.sparql.run_query``), with the
        store's index."""
        self._backend.index = self.index
        return self._backend

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """Replace the named graph ``name`` by ``graph`` in one update request."""
        self.replace_graph_lines(
            name,
            serialize_triples(graph, where=str(self.update_url)),
            document_rows(str(name), graph),
        )

    def replace_graph_lines(
        self, name: URIRef, lines: TripleLines, rows: DocumentRows
    ) -> None:
        """Replace the named graph ``name`` by already serialised triples, then its
        rows of the index.

        Raises:
            EndpointError: the write failed; the old graph is still there (the
                staging graph is dropped again, or named in the message if that
                failed too).
            StoreError: the store is read-only or a term cannot be written.
        """
        self._check_writable()
        staging = staging_graph()
        text = replace_graph_update(name, lines, staging=staging, where=self.update_url)
        self._write_staged(name, staging, text)
        self.index.write([rows])

    def _write_staged(self, name: URIRef, staging: URIRef, text: str) -> None:
        try:
            self._run_update(f"write {name}", text)
        except EndpointError as error:
            try:
                self._run_update(
                    f"clean {staging}", f"DROP SILENT GRAPH {staging.n3()}"
                )
            except EndpointError:
                raise EndpointError(
                    f"{error} (staging graph {staging} left behind)"
                ) from error
            raise

    def remove_graph(self, name: URIRef) -> None:
        """Remove one named graph and its rows of the index."""
        self._check_writable()
        self._run_update(f"remove {name}", f"DROP SILENT GRAPH {name.n3()}")
        self.index.remove(str(name))

    def write_graphs(self, graphs: Sequence[GraphWrite]) -> dict[URIRef, str]:
        """Replace many documents' graphs (a build), one request each, then their
        rows of the index in one transaction; returns an error line per graph not
        written.

        Raises:
            EndpointError: the endpoint failed (after retries): the build stops.
        """
        errors: dict[URIRef, str] = {}
        written: list[DocumentRows] = []
        try:
            for write in graphs:
                staging = staging_graph()
                try:
                    text = replace_graph_update(
                        write.name, write.lines, staging=staging, where=self.update_url
                    )
                    self._check_writable()
                    self._write_staged(write.name, staging, text)
                except StoreError as error:  # an unwritable term; endpoint errors abort
                    errors[write.name] = str(error)
                else:
                    written.append(write.rows)
        finally:  # what reached the endpoint is indexed, even when the build stops
            self.index.write(written)
        return errors

    def _check_writable(self) -> Connection:
        if self._update is None:
            raise StoreError(
                f"{self.query_url}: the remote store is read-only "
                f"(set {settings.UPDATE_ENDPOINT.env} to write)"
            )
        return self._update

    def _run_update(self, what: str, text: str) -> None:
        update = self._check_writable()
        wrapper = update.wrapper(text)
        if not wrapper.isSparqlUpdateRequest():
            raise AssertionError(f"not recognised as an update: {text[:80]!r}")
        update.call(what, lambda: send_update(wrapper))

    def graph_names(self) -> list[URIRef]:
        """The named graphs of ingested documents, sorted."""
        query = (
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{GRAPH_BASE}")) }}'
        )
        names = (row.get("g") for row in self._backend.select_terms(query))
        return sorted(n for n in names if isinstance(n, URIRef))

    def __len__(self) -> int:
        """The number of quads in our named graphs (other graphs on a shared
        endpoint, such as Virtuoso's system graphs, are not counted)."""
        result = self._backend.select(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(STRSTARTS(STR(?g), "{GRAPH_BASE}")) }}'
        )
        return int(str(result.rows[0][0])) if result.rows else 0

    def graph(self, name: URIRef) -> Graph:
        """A copy of one named graph."""
        copy = Graph()
        for prefix, namespace in PREFIXES.items():
            copy.bind(prefix, namespace)
        for s, p, o in self._triples(name):
            copy.add((s, p, o))
        return copy

    def _triples(self, name: URIRef) -> list[tuple[Node, Node, Node]]:
        """All triples of one graph in one SELECT (no ORDER BY/OFFSET paging:
        Virtuoso refuses to sort past 10,000 rows), checked against a COUNT so a
        server-side result cap cannot silently truncate the graph."""
        count = self._backend.select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {name.n3()} {{ ?s ?p ?o }} }}"
        )
        expected = int(str(count.rows[0][0])) if count.rows else 0
        rows = self._backend.select_terms(
            f"SELECT ?s ?p ?o WHERE {{ GRAPH {name.n3()} {{ ?s ?p ?o }} }}"
        )
        triples: list[tuple[Node, Node, Node]] = [
            (row["s"], row["p"], row["o"]) for row in rows
        ]
        if len(triples) != expected:
            raise EndpointError(
                f"{self.query_url}: got {len(triples)} of the {expected} triples of "
                f"{name}; raise the endpoint's result limit (Virtuoso: "
                "[SPARQL] ResultSetMaxRows)"
            )
        return triples

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        """Every quad of our named graphs, graph by graph."""
        for name in self.graph_names():
            for s, p, o in self._triples(name):
                yield s, p, o, name

    def export(
        self, fmt: str, output: BinaryIO, progress: Progress | None = None
    ) -> int:
        """Write our named graphs to ``output`` like ``GraphStore.export`` (each
        graph read in one request, then written)."""
        quads = (ox_quad(*quad) for quad in self.quads())
        return write_quads(quads, fmt, output, progress)

    def close(self) -> None:
        """Close the index (every request opens and closes its own connection)."""
        self.index.close()
