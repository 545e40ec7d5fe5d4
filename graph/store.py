"""The embedded store: Oxigraph through rdflib (``oxrdflib``), on disk or in memory,
with its read model (``graph.index``) beside it.

One named graph per source document. ``replace_graph`` swaps a document's named graph
in a single SPARQL update, which Oxigraph applies as one transaction: a failure leaves
the previous version intact, and re-ingesting the same document gives the same graph.
The document's index rows are replaced right after, in one SQLite transaction per
write; the index is derived, so a failure between the two is mended by writing the
document again or by ``wetgraaf index``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

import pyoxigraph
from oxrdflib import OxigraphStore
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from graph import settings
from graph.errors import StoreError
from graph.export import Progress, write_quads
from graph.index import DocumentRows, Index, document_rows
from graph.namespaces import GRAPH_BASE, PREFIXES
from graph.triples import Triple
from graph.values import Value, to_python

if TYPE_CHECKING:
    from graph.sparql import LocalBackend

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


@dataclass(frozen=True, slots=True)
class GraphWrite:
    """One document graph to write: its name, its triples as statements and its rows
    of the index (both made from the same triples, in the process that built them)."""

    name: URIRef
    lines: TripleLines
    rows: DocumentRows


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What a store can do, so that callers ask instead of testing its class."""

    remote: bool
    writable: bool


class GraphStore:
    """A dataset of named graphs with atomic per-graph replacement and SPARQL queries."""

    def __init__(
        self,
        dataset: Dataset,
        inner: pyoxigraph.Store,
        location: Path | None,
        read_only: bool,
        index: Index,
    ) -> None:
        self._dataset = dataset
        # Updates go to Oxigraph itself: for a union-graph Dataset rdflib would run
        # them through its own slow, non-transactional SPARQL engine instead.
        self._inner = inner
        self._written = False
        self.location = location
        self.read_only = read_only
        self.index = index
        self.where = str(location or "memory")
        self.capabilities = Capabilities(remote=False, writable=not read_only)

    def backend(self) -> LocalBackend:
        """The SPARQL query backend on this store."""
        from graph.sparql import LocalBackend

        return LocalBackend(self)

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """Replace the named graph ``name`` by ``graph`` in one transaction."""
        self.replace_graph_lines(
            name,
            serialize_triples(graph, where=self._where()),
            document_rows(str(name), graph),
        )

    def replace_graph_lines(
        self, name: URIRef, lines: TripleLines, rows: DocumentRows
    ) -> None:
        """Replace the named graph ``name`` by already serialised triples, in one
        transaction (the form parallel builds hand over between processes), then its
        rows of the index."""
        self._check_writable()
        body = "\n".join([*lines.plain, *lines.with_bnodes])
        update = (
            f"DROP SILENT GRAPH {name.n3()} ;\n"
            f"INSERT DATA {{ GRAPH {name.n3()} {{\n{body}\n}} }}"
        )
        self._update(update, f"cannot write {name}")
        self.index.write([rows])

    def remove_graph(self, name: URIRef) -> None:
        """Remove one named graph and its rows of the index."""
        self._check_writable()
        self._update(f"DROP SILENT GRAPH {name.n3()}", f"cannot remove {name}")
        self.index.remove(str(name))

    def write_graphs(self, graphs: Sequence[GraphWrite]) -> dict[URIRef, str]:
        """Write many documents' graphs at once (a build), then their rows of the
        index in one transaction; returns one error line per graph not written.

        Graphs the store does not hold yet are bulk-loaded together, straight into new
        files (faster than transactions, which spend most of their time
        sorting into RocksDB's memtable). A bulk load is not atomic, so if it fails its
        graphs are removed again and reported. A graph the store already holds is
        replaced in its own transaction, as ``replace_graph_lines`` does.
        """
        self._check_writable()
        errors: dict[URIRef, str] = {}
        fresh: list[tuple[URIRef, TripleLines]] = []
        fresh_names: set[URIRef] = set()
        replaced = False
        for write in graphs:
            name = write.name
            if name in fresh_names:
                # The same document twice in one batch: the later one replaces it.
                errors.update(self._bulk_load(fresh))
                fresh, fresh_names = [], set()
            if self._inner.contains_named_graph(pyoxigraph.NamedNode(name)):
                try:
                    self.replace_graph_lines(name, write.lines, write.rows)
                    replaced = True
                except StoreError as error:
                    errors[name] = str(error)
            else:
                fresh.append((name, write.lines))
                fresh_names.add(name)
        errors.update(self._bulk_load(fresh))
        self.index.write(w.rows for w in graphs if w.name not in errors)
        if replaced and self.location is not None:
            # A rebuild replaces every graph in transactions: flushed per batch, or
            # RocksDB's write buffers grow with the store, and the rebuild with them.
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
        """The number of quads in the store."""
        return len(self._inner)

    def select(
        self, sparql: str
    ) -> tuple[tuple[str, ...], list[tuple[Node | None, ...]]]:
        """Run a SELECT query over the union of all named graphs.

        Returns the variable names and the rows as rdflib terms (None where unbound).
        Oxigraph answers directly: rdflib's query path adds seconds per query here.
        Parameters are bound beforehand by ``graph.sparql.bind_parameters``.

        Raises:
            SyntaxError, ValueError, OSError: as pyoxigraph raises them.
            TypeError: the query is not a SELECT query.
        """
        variables, rows = self._query(sparql)
        return variables, _converted(rows, _from_ox)

    def select_values(
        self, sparql: str
    ) -> tuple[tuple[str, ...], list[tuple[Value, ...]]]:
        """``select`` with the rows as plain Python values (``graph.values``), made
        from Oxigraph's terms without building rdflib terms for IRIs and strings,
        where large results spend most of their time."""
        variables, rows = self._query(sparql)
        return variables, _converted(rows, _value_of)

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
        """Every quad (subject, predicate, object, graph name) as rdflib terms, to
        compare stores (``export`` writes Oxigraph's quads without converting them).

        Read from Oxigraph in full first: its iterators must not outlive this thread
        (pyoxigraph objects are bound to the thread that made them)."""
        for quad in list(self._inner):
            yield (
                _from_ox(quad.subject),
                _from_ox(quad.predicate),
                _from_ox(quad.object),
                _from_ox(quad.graph_name),
            )

    def export(
        self, fmt: str, output: BinaryIO, progress: Progress | None = None
    ) -> int:
        """Write the documents' graphs to ``output`` as they are read
        (:func:`graph.export.write_quads`); returns the number of quads. Oxigraph's
        iterator is consumed here, in the thread that made it."""
        return write_quads(iter(self._inner), fmt, output, progress)

    def close(self) -> None:
        """Release the store; on disk, Oxigraph lets go of its files (and the write
        lock) only when the last reference to its Store object is dropped.

        After writes, the files are compacted first: otherwise the next opening
        replays the write-ahead log, which after a build takes far longer than
        opening compacted files.
        """
        if self._written and self.location is not None:
            self._inner.flush()
            self._inner.optimize()
        self._written = False
        self._dataset.close()
        self._dataset = Dataset()
        self._inner = pyoxigraph.Store()
        self.index.close()


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


def open_store(
    location: Path | None = None,
    *,
    read_only: bool = False,
    index: Path | None = None,
) -> GraphStore:
    """Open the embedded Oxigraph store at ``location`` (in memory when None) and its
    index (``index``, default beside the store's folder; in memory with the store).

    Args:
        location: folder of the on-disk store; created when missing (unless read-only).
        read_only: open without taking the write lock, so a running app does not
            block ``wetgraaf build`` (it sees the data as it was when opened).
        index: the index file, when not the default.

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
        if not read_only and "LOCK" in str(error):  # RocksDB's "While lock file: …"
            raise StoreError(
                f"{location}: the store is open for writing in another process (a "
                "`wetgraaf build` running?): wait until it ends; readers (query, stats, "
                "the app) may run meanwhile"
            ) from error
        raise StoreError(f"{location}: cannot open the store: {error}") from error
    dataset = Dataset(store=OxigraphStore(store=inner), default_union=True)
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    if index is None and location is not None:
        index = settings.index_path(None, location)
    return GraphStore(
        dataset, inner, location, read_only, Index(index, read_only=read_only)
    )


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
