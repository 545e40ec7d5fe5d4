"""Ingest files into a store: read → find references → build triples → replace graph.

Documents are independent: each is read, extracted and written on its own, in one
transaction, so a bad file is reported in one line and the rest of the batch goes on.
"""

from __future__ import annotations

import bisect
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from graph.build import build_document_graph, graph_iri
from graph.errors import StoreError
from graph.remote import DocumentStore
from graph.store import TripleLines, serialize_triples
from ingest.errors import IngestError
from ingest.extract import find_references
from ingest.models import CitingContext, ResolvedReference, SourceDocument
from ingest.relations import extract_relations
from ingest.sources import iter_source_files, read_source
from ingest.sources.pdftext import extraction_text
from ingest.toezeggingen import extract_toezeggingen

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


def document_graph(
    document: SourceDocument, references: Sequence[ResolvedReference]
) -> Graph:
    """A document's graph with its references, relation claims and toezeggingen."""
    relations = extract_relations(document, references)
    toezeggingen = extract_toezeggingen(document, references, relations)
    return build_document_graph(document, references, relations, toezeggingen)


@dataclass(frozen=True, slots=True)
class _Prepared:
    """One document ready to write: what a worker process hands back."""

    path: Path
    document_id: str
    lines: TripleLines
    references: int
    unresolved: int
    editorial_links: int


def _prepare(path: Path) -> _Prepared | str:
    """Read, extract and build one file (in a worker); a one-line error on failure."""
    try:
        document = read_source(path)
        references = references_for(document)
        graph = document_graph(document, references)
        lines = serialize_triples(graph, where=str(path))
    except (IngestError, StoreError) as error:
        return str(error)
    return _Prepared(
        path,
        document.id,
        lines,
        len(references),
        sum(1 for r in references if not r.resolved),
        len(document.links),
    )


def _prepared_in_order(
    files: Sequence[Path], workers: int
) -> Iterator[_Prepared | str]:
    """Prepared documents in file order; ``workers`` processes parse at once, with at
    most two files per worker in flight so memory stays flat with corpus size."""
    if workers <= 1 or len(files) <= 1:
        yield from map(_prepare, files)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[_Prepared | str]] = deque()
        remaining = iter(files)
        for path in remaining:
            pending.append(pool.submit(_prepare, path))
            if len(pending) >= 2 * workers:
                break
        while pending:
            yield pending.popleft().result()
            following = next(remaining, None)
            if following is not None:
                pending.append(pool.submit(_prepare, following))


def load_paths(
    store: DocumentStore,
    paths: Iterable[Path],
    *,
    progress: Callable[[Path], None] | None = None,
    workers: int = 1,
) -> BuildSummary:
    """Ingest every supported file under ``paths`` into ``store``.

    Documents are parsed in ``workers`` processes (they are independent) and written
    one by one, each in its own transaction, by this process.

    Args:
        store: an open, writable store.
        paths: files and folders (folders are walked recursively).
        progress: called after each file (for a progress bar).
        workers: parsing processes; 1 parses in this process.

    Returns:
        A BuildSummary; failures are listed in ``errors``, never raised.
    """
    summary = BuildSummary()
    files = list(iter_source_files(paths))
    for path, prepared in zip(files, _prepared_in_order(files, workers), strict=True):
        if isinstance(prepared, str):
            summary.errors.append(prepared)
        else:
            try:
                store.replace_graph_lines(
                    graph_iri(prepared.document_id), prepared.lines
                )
            except StoreError as error:
                summary.errors.append(str(error))
            else:
                summary.documents += 1
                summary.triples += len(prepared.lines)
                summary.references += prepared.references
                summary.unresolved += prepared.unresolved
                summary.editorial_links += prepared.editorial_links
                summary.document_ids.append(prepared.document_id)
        if progress is not None:
            progress(path)
    return summary
