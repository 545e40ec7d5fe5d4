"""Ingest files into a store: read → find references → build triples → write graphs.

Documents are independent: each is read and extracted on its own (in worker processes),
so a bad file is reported in one line and the rest of the batch goes on. A few files
are each written in one transaction; a large build bulk-loads batches of new graphs.
Each graph's rows of the read model (``graph.index``) are made from the same triples in
the same worker, and written with it.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TypeVar

from rdflib import Graph, URIRef

from graph import versions
from graph.build import document as build
from graph.document_store import DocumentStore
from graph.errors import StoreError
from graph.index import DocumentRows, document_rows, fill_if_fresh
from graph.iris import graph_iri
from graph.namespaces import GRAPH_BASE
from graph.sparql import PROLOGUE
from graph.store import GraphWrite, TripleLines, serialize_triples
from graph.triples import Triple, as_graph
from ingest.errors import IngestError
from ingest.extract import find_references
from ingest.models import CitingContext, ResolvedReference, SourceDocument
from ingest.relations import extract_relations
from ingest.sources import iter_source_files, read_source
from ingest.sources.pdftext import extraction_text
from ingest.toezeggingen import extract_toezeggingen, stated_toezeggingen

log = logging.getLogger(__name__)


@dataclass(slots=True)
class BuildSummary:
    """What a build did: counts for the final report and the failures, one line each."""

    documents: int = 0
    triples: int = 0
    references: int = 0
    unresolved: int = 0
    editorial_links: int = 0
    errors: list[str] = field(default_factory=list)
    document_ids: list[str] = field(default_factory=list)
    # toestanden kept as versions only: a newer toestand of the work is its document
    versions_only: list[str] = field(default_factory=list)
    cited_versions: int = 0  # links naming the version in force on their date
    # documents whose source file is gone from a folder built: kept, or removed
    stale: list[str] = field(default_factory=list)
    pruned: int = 0

    def add(self, written: PreparedDocument) -> None:
        """Count a document that was written."""
        self.documents += 1
        self.triples += len(written.lines)
        self.references += written.references
        self.unresolved += written.unresolved
        self.editorial_links += written.editorial_links
        self.document_ids.append(written.document_id)


def references_for(document: SourceDocument) -> list[ResolvedReference]:
    """References found in a document's text, minus those its publisher already linked
    (an editorial link on the same span says the same thing with more authority).

    PDF text is read past its page headers and footers, with words broken at line
    ends rejoined (``ingest.sources.pdftext``); offsets stay those of the text."""
    view = extraction_text(document.text, document.furniture, document.hyphenations)
    found = find_references(view.text, CitingContext.of(document))
    if view.moves:
        found = view.in_source(found, document.text)
    linked = sorted((link.start, link.end) for link in document.links)
    if not linked:
        return found
    return [
        r for r in found if not _overlaps(r.reference.start, r.reference.end, linked)
    ]


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    index = bisect.bisect_left(spans, (end, end))
    return any(s < end and start < e for s, e in spans[max(0, index - 8) : index])


def document_triples(
    document: SourceDocument, references: Sequence[ResolvedReference]
) -> set[Triple]:
    """A document's triples with its references, relation claims and toezeggingen."""
    references = [*references, *stated_toezeggingen(document, references)]
    relations = extract_relations(document, references)
    toezeggingen = extract_toezeggingen(document, references, relations)
    return build.document_triples(document, references, relations, toezeggingen)


def document_graph(
    document: SourceDocument, references: Sequence[ResolvedReference]
) -> Graph:
    """``document_triples`` as an rdflib Graph."""
    return as_graph(document_triples(document, references))


# Builds of more files than this bulk-load new graphs in batches; smaller ones write
# each document in its own transaction.
BULK_FILES = 50
BATCH_TRIPLES = (
    50_000  # triples per bulk write: bounds the text and memory one load holds
)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PreparedDocument:
    """One document ready to write: what a worker process hands back."""

    path: Path
    document_id: str
    lines: TripleLines
    rows: DocumentRows
    references: int
    unresolved: int
    editorial_links: int
    # a regeling's toestand: its geldig-van, and its version graph (graph.versions)
    valid_from: dt.date | None = None
    version: GraphWrite | None = None


def prepare_document(document: SourceDocument, path: Path) -> PreparedDocument:
    """Extract, build and serialise one document read from ``path``.

    Raises:
        IngestError, StoreError: the document cannot be processed or written.
    """
    references = references_for(document)
    triples = document_triples(document, references)
    key = versions.toestand_key(document)
    version = None
    if key is not None:
        name = graph_iri(key)
        kept = versions.version_triples(document)
        version = GraphWrite(
            name,
            serialize_triples(kept, where=str(path)),
            document_rows(str(name), kept),
        )
    return PreparedDocument(
        path,
        document.id,
        serialize_triples(triples, where=str(path)),
        document_rows(str(graph_iri(document.id)), triples),
        len(references),
        sum(1 for r in references if not r.resolved),
        len(document.links),
        document.metadata.valid_from if key is not None else None,
        version,
    )


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to read, and the name the graph gives it (``source_name``)."""

    path: Path
    name: str


def source_name(path: Path, roots: Sequence[Path] = ()) -> str:
    """The name of a source file in the graph (``wg:sourceFile``): never the local
    path as typed, so the same corpus gives the same quads however it was named.

    A file found in one of the folders ``roots``: the folder's own name and the path
    below it (``corpus/seeds/x.txt`` whether built as ``corpus`` or
    ``/home/…/corpus``); any other file: its path from the current folder when it is
    under it, else its own folder's name and its name."""
    for root in roots:
        below = _below(path, root)
        if below is not None:
            name = root.resolve().name
            return str(PurePosixPath(name, below) if name else PurePosixPath(below))
    real = path.resolve()
    if real.is_relative_to(Path.cwd()):
        return real.relative_to(Path.cwd()).as_posix()
    return str(PurePosixPath(real.parent.name, real.name))


def _below(path: Path, root: Path) -> str | None:
    """``path`` relative to the folder ``root`` (as given or resolved), if inside it."""
    if path.is_relative_to(root) and path != root:
        return path.relative_to(root).as_posix()
    real, inside = path.resolve(), root.resolve()
    if real.is_relative_to(inside) and real != inside:
        return real.relative_to(inside).as_posix()
    return None


def _prepare(source: SourceFile) -> PreparedDocument | str:
    """Read, extract and build one file (in a worker); a one-line error on failure.
    The document is built under its graph name (``source_name``)."""
    path = source.path
    try:
        document = dataclasses.replace(read_source(path), path=source.name)
        return prepare_document(document, path)
    except (IngestError, StoreError) as error:
        return str(error)
    except Exception as error:  # a surprise in extraction or building: this file only
        text = str(error).strip()
        message = text.splitlines()[0][:200] if text else ""
        return f"{path}: cannot be processed ({type(error).__name__}: {message})"


def prepared_in_order(
    tasks: Iterable[T],
    prepare: Callable[[T], PreparedDocument | str],
    workers: int,
) -> Iterator[PreparedDocument | str]:
    """``prepare`` of each task, in order; ``workers`` processes prepare at once, with
    at most two tasks per worker in flight, so memory stays flat with corpus size.
    ``prepare`` must be a module-level function (it is sent to the workers)."""
    if workers <= 1:
        yield from map(prepare, tasks)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[PreparedDocument | str]] = deque()
        remaining = iter(tasks)
        for task in remaining:
            pending.append(pool.submit(prepare, task))
            if len(pending) >= 2 * workers:
                break
        while pending:
            yield pending.popleft().result()
            following = next(remaining, _END)
            if following is not _END:
                pending.append(pool.submit(prepare, following))  # type: ignore[arg-type]


_END = object()


def write_documents(
    store: DocumentStore,
    prepared: Iterable[PreparedDocument | str],
    *,
    bulk: bool,
    replace: bool = False,
) -> BuildSummary:
    """Write prepared documents (error strings are reported as they are).

    A document whose id is already in the store from another source file (its
    ``wg:sourceFile``), or came from another file earlier in this build, is refused
    with an error naming both files, unless ``replace``; the same file again replaces
    its own graph (a rebuild).

    With ``bulk``, graphs go to the store in batches of about ``BATCH_TRIPLES``
    (``write_graphs``); otherwise each document is replaced in its own transaction.
    """
    summary = BuildSummary()
    batch: list[tuple[GraphWrite, PreparedDocument | None]] = []
    batch_triples = 0

    def flush() -> None:
        failed = store.write_graphs([write for write, _ in batch])
        summary.errors.extend(failed.values())
        for write, written in batch:
            if written is not None and write.name not in failed:
                summary.add(written)
        batch.clear()

    stored = {} if replace else _stored_sources(store)
    claimed: dict[str, tuple[str, dt.date | None]] = {}  # id → file, geldig-van
    for item in prepared:
        document = True  # write the document's own graph (not only its version)
        if not isinstance(item, str):
            earlier = claimed.get(item.document_id) or stored.get(
                str(graph_iri(item.document_id))
            )
            if earlier is not None and not _same_file(earlier[0], item.path):
                newer = _newer_toestand(item, earlier[1])
                if newer is False:
                    document = False
                    summary.versions_only.append(
                        f"{item.path}: an earlier toestand of {item.document_id} "
                        f"than {earlier[0]}, kept as a version"
                    )
                elif newer is None and not replace:
                    item = (
                        f"{item.path}: document {item.document_id} is already in the "
                        f"store from {_located(earlier[0], item.path)}; not replaced "
                        "(--replace replaces it)"
                    )
            if not isinstance(item, str) and document:
                claimed[item.document_id] = (str(item.path), item.valid_from)
        if isinstance(item, str):
            summary.errors.append(item)
            continue
        graphs: list[tuple[GraphWrite, PreparedDocument | None]] = []
        if document:
            own = GraphWrite(graph_iri(item.document_id), item.lines, item.rows)
            graphs.append((own, item))
        if item.version is not None:
            graphs.append((item.version, None))
        if bulk:
            batch.extend(graphs)
            batch_triples += sum(len(write.lines) for write, _ in graphs)
            if batch_triples >= BATCH_TRIPLES:
                flush()
                batch_triples = 0
            continue
        for write, written in graphs:
            try:
                store.replace_graph_lines(write.name, write.lines, write.rows)
            except StoreError as error:
                summary.errors.append(str(error))
            else:
                if written is not None:
                    summary.add(written)
    if batch:
        flush()
    return summary


def _newer_toestand(item: PreparedDocument, earlier: dt.date | None) -> bool | None:
    """Whether a toestand is newer than the one of the same work already claimed
    (True: it becomes the work's document; False: it is kept as a version only);
    None when that cannot be told (not a toestand, the same date, neither dated)."""
    if item.version is None:
        return None
    mine = item.valid_from
    if mine is not None and (earlier is None or mine > earlier):
        return True
    if earlier is not None and (mine is None or mine < earlier):
        return False
    return None


def _stored_sources(store: DocumentStore) -> dict[str, tuple[str, dt.date | None]]:
    """Each document graph's source file (``wg:sourceFile``) and a regeling's
    geldig-van (``dcterms:valid``), by graph IRI."""
    if not store.graph_names():
        return {}
    query = (
        f"{PROLOGUE}\nSELECT ?g ?file ?valid WHERE {{ GRAPH ?g {{ ?d wg:sourceFile ?file "
        "OPTIONAL { ?d dcterms:valid ?valid } } "
        f'FILTER(STRSTARTS(STR(?g), "{GRAPH_BASE}")) }}'
    )
    result = store.backend().select(query)
    return {
        str(g): (str(file), valid if isinstance(valid, dt.date) else None)
        for g, file, valid in result.rows
    }


def _same_file(stored: str, path: Path) -> bool:
    """Whether ``stored`` (a ``wg:sourceFile``, or a path this build claimed) names the
    file at ``path``: a name is a folder's name and the path below it
    (``source_name``), so it names the file when it does from one of the file's
    ancestors (an absolute path, as older builds stored, from any). So two folders
    of the same name holding the same path below them are one source to the store:
    the name is all the graph keeps of where a file was."""
    if stored == str(path):
        return True
    try:
        real = path.resolve()
        return any((folder / stored).resolve() == real for folder in real.parents)
    except OSError:
        return False


def _located(stored: str, path: Path) -> str:
    """The file a stored name means as seen from ``path`` (the nearest of its
    ancestors the name exists under), else the name."""
    try:
        for folder in path.resolve().parents:
            if (folder / stored).exists():
                return str(folder / stored)
    except OSError:
        pass
    return stored


def stale_documents(
    store: DocumentStore, roots: Sequence[Path]
) -> list[tuple[URIRef, str]]:
    """The graphs (a document's, or a toestand's) whose source file was in one of the
    folders ``roots`` and is no longer there, with that file's name."""
    folders = [root.resolve() for root in roots if root.is_dir()]
    if not folders:
        return []
    found = []
    for graph, (name, _) in sorted(_stored_sources(store).items()):
        for folder in folders:
            file = folder.parent / name  # a name starts with its folder's name
            if Path(name).is_absolute() or not name.startswith(f"{folder.name}/"):
                file = Path(name)
            if file.is_relative_to(folder) and not file.exists():
                found.append((URIRef(graph), name))
                break
    return found


def prune_documents(
    store: DocumentStore, summary: BuildSummary, roots: Sequence[Path], *, prune: bool
) -> None:
    """Report in ``summary.stale`` each graph whose source file is gone from a folder
    built (``stale_documents``), and with ``prune`` remove it."""
    for graph, name in stale_documents(store, roots):
        document = graph.removeprefix(GRAPH_BASE)
        if not prune:
            summary.stale.append(
                f"{name}: gone from the folder; document {document} stays in the store "
                "(--prune removes it)"
            )
            continue
        try:
            store.remove_graph(graph)
        except StoreError as error:
            summary.errors.append(str(error))
        else:
            summary.pruned += 1
            summary.stale.append(f"{name}: gone from the folder; {document} removed")


def load_paths(
    store: DocumentStore,
    paths: Iterable[Path],
    *,
    progress: Callable[[Path], None] | None = None,
    workers: int = 1,
    follow_symlinks: bool = False,
    replace: bool = False,
    roots: Sequence[Path] = (),
    prune: bool = False,
) -> BuildSummary:
    """Ingest every supported file under ``paths`` into ``store``.

    Documents are parsed in ``workers`` processes (they are independent) and written
    by this process: one transaction each for a few files, in bulk batches for many
    or when the store has no summary yet (see ``write_documents``).

    Args:
        store: an open, writable store.
        paths: files and folders (folders are walked recursively).
        progress: called after each file is prepared (for a progress bar).
        workers: parsing processes; 1 parses in this process.
        follow_symlinks: follow links that lead outside a given folder (else each
            is refused with an error).
        replace: let a file replace a document that came from another file.
        roots: the folders ``paths`` came from when they were expanded already (the
            folders among ``paths`` count too): a file's name in the graph is its
            path below its folder (``source_name``), and documents whose file is gone
            from one are reported in ``stale``.
        prune: remove those documents' graphs too.

    Returns:
        A BuildSummary; failures are listed in ``errors``, never raised.
    """
    refused: list[str] = []
    paths = [Path(path) for path in paths]
    folders = [*roots, *(path for path in paths if path.is_dir())]
    files = list(
        iter_source_files(paths, follow_symlinks=follow_symlinks, refused=refused)
    )
    sources = [SourceFile(path, source_name(path, folders)) for path in files]

    def reported() -> Iterator[PreparedDocument | str]:
        parallel = workers if len(files) > 1 else 1
        for path, item in zip(
            files, prepared_in_order(sources, _prepare, parallel), strict=True
        ):
            yield item
            if progress is not None:
                progress(path)

    # An index made just now knows nothing of what the store held before this build.
    fill_if_fresh(store, store.index)
    bulk = len(files) > BULK_FILES
    summary = write_documents(store, reported(), bulk=bulk, replace=replace)
    summary.errors[:0] = refused
    prune_documents(store, summary, folders, prune=prune)
    if summary.documents or summary.versions_only or summary.pruned:
        try:
            summary.cited_versions = refresh_versions(store)
        except StoreError as error:
            summary.errors.append(str(error))
    return summary


def refresh_versions(store: DocumentStore) -> int:
    """Recompute which version each dated link to a versioned regeling cites
    (``graph.versions``): it depends on every toestand in the store, so after every
    build; returns the number of links that name one."""
    backend = store.backend()

    def select(query: str) -> list[tuple[object, ...]]:
        return [tuple(row) for row in backend.select(f"{PROLOGUE}\n{query}").rows]

    def write(name: URIRef, triples: set[Triple]) -> None:
        lines = serialize_triples(triples, where=str(name))
        store.replace_graph_lines(name, lines, document_rows(str(name), triples))

    return versions.refresh_cited_versions(select, write)
