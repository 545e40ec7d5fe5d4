"""The embedded store: Oxigraph through rdflib (``oxrdflib``), on disk or in memory.

One named graph per source document. ``replace_graph`` swaps a document's named graph
in a single SPARQL update, which Oxigraph applies as one transaction: a failure leaves
the previous version intact, and re-ingesting the same document gives the same graph.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import pyoxigraph
from oxrdflib import OxigraphStore
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from graph.errors import StoreError
from graph.export import Progress, write_quads
from graph.namespaces import GRAPH_BASE, PREFIXES
from graph.ordering import Sortable, client_order, describe, sort_rows
from graph.summary import (
    RECOUNT_BATCH,
    SUMMARY_GRAPHS,
    refresh,
    summary_is_current,
    write_document,
)
from graph.triples import Triple
from graph.values import Value, to_python

log = logging.getLogger(__name__)
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class TripleLines:
    """A graph as SPARQL/N-Triples statements; triples with blank nodes kept apart
    (their labels may not be shared across the blocks of one update request)."""

    plain: tuple[str, ...]
    with_bnodes: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.plain) + len(self.with_bnodes)


def serialize_triples(graph: Iterable[Triple], *, where: str = "store") -> TripleLines:
    """Every triple of ``graph`` (a Graph or a set of triples) as one ``s p o .``
    statement (terms escaped by rdflib).

    Raises:
        StoreError: a term cannot be written (e.g. an IRI with a space or ``>``).
    """
    plain: list[str] = []
    with_bnodes: list[str] = []
    try:
        for s, p, o in graph:
            line = f"{s.n3()} {p.n3()} {o.n3()} ."
            (
                with_bnodes if isinstance(s, BNode) or isinstance(o, BNode) else plain
            ).append(line)
    except Exception as error:  # rdflib's n3() raises a bare Exception on bad IRIs
        raise StoreError(f"{where}: cannot write graph: {error}") from error
    return TripleLines(tuple(plain), tuple(with_bnodes))


# Summary updates between two flushes of the store's write buffers (refresh_summary).
FLUSH_EVERY = 8


class GraphStore:
    """A dataset of named graphs with atomic per-graph replacement and SPARQL queries."""

    def __init__(
        self,
        dataset: Dataset,
        inner: pyoxigraph.Store,
        location: Path | None,
        read_only: bool,
    ) -> None:
        self._dataset = dataset
        # Updates go to Oxigraph itself: for a union-graph Dataset rdflib would run
        # them through its own slow, non-transactional SPARQL engine instead.
        self._inner = inner
        self._written = False
        self.location = location
        self.read_only = read_only

    def replace_graph(
        self, name: URIRef, graph: Graph, *, summary: bool = True
    ) -> None:
        """Replace the named graph ``name`` by ``graph`` in one transaction."""
        self.replace_graph_lines(
            name, serialize_triples(graph, where=self._where()), summary=summary
        )

    def replace_graph_lines(
        self, name: URIRef, lines: TripleLines, *, summary: bool = True
    ) -> None:
        """Replace the named graph ``name`` by already serialised triples, in one
        transaction (the form parallel builds hand over between processes).

        With ``summary`` the summary graphs are corrected for this document right
        after (``graph.summary``); a bulk build passes False and calls
        ``refresh_summary`` once at the end.
        """
        self._check_writable()
        body = "\n".join([*lines.plain, *lines.with_bnodes])
        update = (
            f"DROP SILENT GRAPH {name.n3()} ;\n"
            f"INSERT DATA {{ GRAPH {name.n3()} {{\n{body}\n}} }}"
        )
        self._write(name, lambda: self._update(update, f"cannot write {name}"), summary)

    def remove_graph(self, name: URIRef, *, summary: bool = True) -> None:
        """Remove one named graph (nothing else but its share of the summary)."""
        self._check_writable()
        update = f"DROP SILENT GRAPH {name.n3()}"
        self._write(
            name, lambda: self._update(update, f"cannot remove {name}"), summary
        )

    def write_graphs(
        self, graphs: Sequence[tuple[URIRef, TripleLines]]
    ) -> dict[URIRef, str]:
        """Write many documents' graphs at once (a build), leaving the summary to
        ``refresh_summary``; returns one error line per graph that was not written.

        Graphs the store does not hold yet are bulk-loaded together, straight into new
        files (several times faster than transactions, which spend most of their time
        sorting into RocksDB's memtable). A bulk load is not atomic, so if it fails its
        graphs are removed again and reported. A graph the store already holds is
        replaced in its own transaction, as ``replace_graph_lines`` does.
        """
        self._check_writable()
        errors: dict[URIRef, str] = {}
        fresh: list[tuple[URIRef, TripleLines]] = []
        fresh_names: set[URIRef] = set()
        replaced = False
        for name, lines in graphs:
            if name in fresh_names:
                # The same document twice in one batch: the later one replaces it.
                errors.update(self._bulk_load(fresh))
                fresh, fresh_names = [], set()
            if self._inner.contains_named_graph(pyoxigraph.NamedNode(name)):
                try:
                    self.replace_graph_lines(name, lines, summary=False)
                    replaced = True
                except StoreError as error:
                    errors[name] = str(error)
            else:
                fresh.append((name, lines))
                fresh_names.add(name)
        errors.update(self._bulk_load(fresh))
        if replaced and self.location is not None:
            # A rebuild replaces every graph in transactions: flushed per batch, or
            # RocksDB's write buffers grow with the store (a rebuild of the bundled
            # corpus: 67 s and 890 MB unflushed, 48 s and 532 MB flushed).
            self._inner.flush()
        return errors

    def _bulk_load(
        self, graphs: Sequence[tuple[URIRef, TripleLines]]
    ) -> dict[URIRef, str]:
        if not graphs:
            return {}
        # Our lines are Turtle statements (rdflib's n3() terms), so one TriG text
        # holds every graph; blank node labels are unique per build, never shared.
        text = "".join(
            f"{name.n3()} {{\n"
            + "\n".join([*lines.plain, *lines.with_bnodes])
            + "\n}\n"
            for name, lines in graphs
        )
        try:
            self._inner.bulk_load(text.encode("utf-8"), pyoxigraph.RdfFormat.TRIG)
        except (OSError, SyntaxError, ValueError, RuntimeError) as error:
            for name, _ in graphs:
                self._inner.remove_graph(pyoxigraph.NamedNode(name))
            problem = f"cannot bulk-load {len(graphs)} graphs: {error}"
            return {name: f"{self._where()}: {problem} ({name})" for name, _ in graphs}
        self._written = True
        return {}

    def has_summary(self) -> bool:
        """Whether the summary graphs are current (see ``graph.summary``)."""
        return summary_is_current(lambda query: self.select(query)[1])

    def refresh_summary(self, *, batch: int = RECOUNT_BATCH) -> None:
        """Recompute every summary graph from the links in the store (after a build).

        One transaction per step and batch (``graph.summary.refresh``): Oxigraph is
        several times slower with all of them in one, and holds a transaction in
        memory; a reader at worst sees counts missing while this runs. The writes
        are flushed to disk every ``FLUSH_EVERY`` updates: left to RocksDB's own
        pace, its write buffers held a batched recount at 2,069 MB at 46.5 M
        triples (1,240 MB flushed; 670 MB once the old summary was also deleted in
        batches, bench/RESULTS.md).
        """
        self._check_writable()
        updates = 0

        def update(text: str) -> None:
            nonlocal updates
            self._update(text, "cannot refresh the summary")
            updates += 1
            if updates % FLUSH_EVERY == 0 and self.location is not None:
                self._inner.flush()

        refresh(lambda query: self.select(query)[1], update, batch=batch)

    def _write(self, name: URIRef, write: Callable[[], None], summary: bool) -> None:
        write_document(
            name,
            write,
            select=lambda query: self.select(query)[1],
            update=lambda text: self._update(text, f"cannot summarise {name}"),
            summary=summary,
        )

    def _update(self, update: str, problem: str) -> None:
        try:
            self._inner.update(update)
            self._written = True
        except (OSError, SyntaxError, ValueError, RuntimeError) as error:
            raise StoreError(f"{self._where()}: {problem}: {error}") from error

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: the store is open read-only")

    def _where(self) -> str:
        return str(self.location or "memory")

    def graph_names(self) -> list[URIRef]:
        """The named graphs of ingested documents, sorted."""
        names = [name.value for name in list(self._inner.named_graphs())]
        return sorted(URIRef(n) for n in names if n.startswith(GRAPH_BASE))

    def graph(self, name: URIRef) -> Graph:
        """A copy of one named graph."""
        copy = Graph()
        for prefix, namespace in PREFIXES.items():
            copy.bind(prefix, namespace)
        quads = list(
            self._inner.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(name))
        )
        for quad in quads:
            subject, predicate, value = (
                _from_ox(quad.subject),
                _from_ox(quad.predicate),
                _from_ox(quad.object),
            )
            assert subject is not None and predicate is not None and value is not None
            copy.add(
                (
                    subject,
                    predicate,
                    value,
                )
            )
        return copy

    def __len__(self) -> int:
        """The number of quads in the documents' graphs (the summary not counted)."""
        derived = 0
        for name in SUMMARY_GRAPHS:
            _, rows = self.select(
                f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {name.n3()} {{ ?s ?p ?o }} }}"
            )
            derived += int(str(rows[0][0]))
        return len(self._inner) - derived

    def select(
        self, sparql: str
    ) -> tuple[tuple[str, ...], list[tuple[Node | None, ...]]]:
        """Run a SELECT query over the union of all named graphs.

        Returns the variable names and the rows as rdflib terms (None where unbound).
        Oxigraph answers directly: rdflib's query path adds seconds per query here.
        Parameters are bound beforehand by ``graph.sparql.bind_parameters``.

        A final ``ORDER BY`` of plain variables is done in Python when the values
        allow it (``graph.ordering``: Oxigraph's own sort decodes terms per comparison).

        Raises:
            SyntaxError, ValueError, OSError: as pyoxigraph raises them.
            TypeError: the query is not a SELECT query.
        """
        variables, rows = self._solutions(sparql)
        return variables, _converted(rows, _from_ox)

    def select_values(
        self, sparql: str
    ) -> tuple[tuple[str, ...], list[tuple[Value, ...]]]:
        """``select`` with the rows as plain Python values (``graph.values``), made
        from Oxigraph's terms without building rdflib terms for IRIs and strings,
        where large results spent most of their time (the 15,725 documents' list
        entries at 11.6 M triples, unordered: 358 → 99 ms; the ``documents`` listing
        955 → 781 ms)."""
        variables, rows = self._solutions(sparql)
        return variables, _converted(rows, _value_of)

    def _solutions(self, sparql: str) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
        """Oxigraph's rows of terms, ordered in Python when the query allows it."""
        order = client_order(sparql)
        if order is not None:
            variables, rows = self._query(order.query)
            ordered = sort_rows(
                variables, rows, order.keys, order.descending, _describe_ox
            )
            if ordered is not None:
                return variables, ordered
        return self._query(sparql)

    def _select(
        self, sparql: str
    ) -> tuple[tuple[str, ...], list[tuple[Node | None, ...]]]:
        """``select`` in the engine's own order (the reference for ``graph.ordering``)."""
        variables, rows = self._query(sparql)
        return variables, _converted(rows, _from_ox)

    def _query(self, sparql: str) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
        try:
            result = self._inner.query(sparql, use_default_graph_as_union=True)
        except (OSError, RuntimeError):
            if not (self.read_only and self.location):
                raise
            # A build rewrote the files under this read-only view: open it afresh.
            self._inner = _open_read_only(self.location)
            result = self._inner.query(sparql, use_default_graph_as_union=True)
        if not isinstance(result, pyoxigraph.QuerySolutions):
            raise TypeError("only SELECT queries return tables")
        variables = tuple(v.value for v in result.variables)
        return variables, [tuple(solution) for solution in result]

    def quads(self) -> Iterator[tuple[Any, Any, Any, Any]]:
        """Every quad (subject, predicate, object, graph name) of the documents'
        graphs as rdflib terms, to compare stores (the summary is derived, so left
        out; ``export`` writes Oxigraph's quads without converting them).

        Read from Oxigraph in full first: its iterators must not outlive this thread
        (pyoxigraph objects are bound to the thread that made them)."""
        derived = {pyoxigraph.NamedNode(name) for name in SUMMARY_GRAPHS}
        for quad in [q for q in self._inner if q.graph_name not in derived]:
            yield (
                _from_ox(quad.subject),
                _from_ox(quad.predicate),
                _from_ox(quad.object),
                _from_ox(quad.graph_name),
            )

    def export(
        self,
        fmt: str,
        output: BinaryIO,
        progress: Progress | None = None,
        *,
        summary: bool = False,
    ) -> int:
        """Write the documents' graphs to ``output`` as they are read
        (:func:`graph.export.write_quads`); returns the number of quads. The summary
        graphs only with ``summary``: derived, but a store loaded from the file then
        needs no recount. Oxigraph's iterator is consumed here, in the thread that
        made it."""
        derived = (
            set() if summary else {pyoxigraph.NamedNode(n) for n in SUMMARY_GRAPHS}
        )
        quads = (quad for quad in self._inner if quad.graph_name not in derived)
        return write_quads(quads, fmt, output, progress)

    def close(self) -> None:
        """Release the store; on disk, Oxigraph lets go of its files (and the write
        lock) only when the last reference to its Store object is dropped.

        After writes, the files are compacted first: otherwise the next opening
        replays the write-ahead log (20 s after a corpus build instead of 10 ms).
        """
        if self._written and self.location is not None:
            self._inner.flush()
            self._inner.optimize()
        self._written = False
        self._dataset.close()
        self._dataset = Dataset()
        self._inner = pyoxigraph.Store()


def _from_ox(term: object) -> Node | None:
    """The rdflib term for a pyoxigraph term (so every backend yields the same values)."""
    if term is None or isinstance(term, pyoxigraph.DefaultGraph):
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            # RDF 1.1: a simple literal is an xsd:string; rdflib writes and compares
            # the plain form (as the graphs were built), so keep that
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unexpected term {term!r}")


def _converted(
    rows: list[tuple[Any, ...]], convert: Callable[[Any], T]
) -> list[tuple[T, ...]]:
    """``rows`` with every term converted, each distinct term once: rows repeat terms
    (the work, link type, kind, method of every row), and converting each once halves
    the time of a large result."""
    done: dict[object, T] = {}

    def once(term: object) -> T:
        try:
            return done[term]
        except KeyError:
            done[term] = value = convert(term)
            return value

    return [tuple(map(once, row)) for row in rows]


def _value_of(term: object) -> Value:
    """The plain value of a pyoxigraph term, as ``graph.values.to_python`` gives it for
    the rdflib term: IRIs, blank nodes and strings directly, other literals through
    rdflib (so every datatype converts exactly as on the other backends)."""
    if term is None or isinstance(term, pyoxigraph.DefaultGraph):
        return None
    if isinstance(term, pyoxigraph.NamedNode | pyoxigraph.BlankNode):
        return term.value
    if isinstance(term, pyoxigraph.Literal) and (
        term.language or term.datatype.value == _XSD_STRING
    ):
        return term.value
    return to_python(_from_ox(term))


def _describe_ox(term: object) -> Sortable:
    """How SPARQL orders a pyoxigraph term (``graph.ordering.describe``), strings
    and IRIs without building rdflib terms."""
    if term is None:
        return (0, "", 0)
    if isinstance(term, pyoxigraph.BlankNode):
        return (1, "", 0)
    if isinstance(term, pyoxigraph.NamedNode):
        return (2, "", term.value)
    if (
        isinstance(term, pyoxigraph.Literal)
        and not term.language
        and term.datatype.value == _XSD_STRING
    ):
        return (3, "string", term.value)
    return describe(_from_ox(term))


def open_store(location: Path | None = None, *, read_only: bool = False) -> GraphStore:
    """Open the embedded Oxigraph store at ``location`` (in memory when None).

    Args:
        location: folder of the on-disk store; created when missing (unless read-only).
        read_only: open without taking the write lock, so a running app does not
            block ``wetgraaf build`` (it sees the data as it was when opened).

    Raises:
        StoreError: the folder cannot be opened (locked by another writer, not a store).
    """
    try:
        if location is None:
            inner = pyoxigraph.Store()
        elif read_only:
            if not location.exists():
                raise StoreError(
                    f"{location}: no store here; run `wetgraaf build` first"
                )
            inner = _open_read_only(location)
        else:
            location.mkdir(parents=True, exist_ok=True)
            inner = pyoxigraph.Store(str(location))
    except OSError as error:
        raise StoreError(f"{location}: cannot open the store: {error}") from error
    dataset = Dataset(store=OxigraphStore(store=inner), default_union=True)
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    return GraphStore(dataset, inner, location, read_only)


#: A read-only view lists the store's files and then opens them; a build writing at
#: that moment can rotate its log in between ("IO error: No such file or directory
#: … .log"). Opening again a few times, briefly apart, finds a consistent set.
_READ_ONLY_ATTEMPTS = 6


def _open_read_only(location: Path) -> pyoxigraph.Store:
    for attempt in range(_READ_ONLY_ATTEMPTS):
        try:
            return pyoxigraph.Store.read_only(str(location))
        except OSError:
            if attempt == _READ_ONLY_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable")


def value_of(term: object) -> Value:
    """The plain Python value of a pyoxigraph term (as every backend gives it)."""
    return _value_of(term)
