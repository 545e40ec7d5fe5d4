"""Scale benchmark: the bundled corpus multiplied N times (real documents, renamed ids).

Run: ``python bench/bench_scale.py --times 10 [--workers 2] [--store DIR]``.
Each copy k of a document gets the id ``<id>-x<k>`` (so its IRIs and named graph are
new); its text, structure and references are the real ones. Reports documents/s, MB/s,
triples/s, peak RSS, store size on disk and the latency of the named queries at that
size on the embedded store.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import shutil
import tempfile
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from graph import settings
from graph.build import graph_iri
from graph.load import document_graph, references_for
from graph.sparql import LocalBackend, list_queries, run_query
from graph.store import TripleLines, open_store, serialize_triples
from ingest.models import SourceDocument
from ingest.sources import iter_source_files, read_source

PARAMS = {
    "document": {"doc": "https://opendata.tweedekamer.nl/id/document/2025D33530"},
    "outgoing_links": {"doc": "https://opendata.tweedekamer.nl/id/document/2025D33530"},
    "incoming_links": {"work": "https://wetten.overheid.nl/BWBR0011825"},
    "linked_documents": {"doc": "https://wetten.overheid.nl/BWBR0011825"},
    "work_labels": {"work": "https://wetten.overheid.nl/BWBR0011825"},
    "article_context": {
        "article": "https://wetten.overheid.nl/jci1.3:c:BWBR0011823&artikel=56"
    },
}
_DOCUMENTS: list[SourceDocument] = []


def _copy(task: tuple[int, int]) -> tuple[str, TripleLines, int]:
    index, k = task
    original = _DOCUMENTS[index]
    document = (
        original if k == 0 else dataclasses.replace(original, id=f"{original.id}-x{k}")
    )
    graph = document_graph(document, references_for(document))
    return document.id, serialize_triples(graph), len(document.text.encode())


def _tasks(count: int, times: int) -> Iterator[tuple[int, int]]:
    for k in range(times):
        for index in range(count):
            yield index, k


def _bounded(
    pool: ProcessPoolExecutor, tasks: Iterator[tuple[int, int]], window: int
) -> Iterator[tuple[str, TripleLines, int]]:
    """Results in order with at most ``window`` tasks in flight (flat memory)."""
    pending: deque[Future[tuple[str, TripleLines, int]]] = deque()
    for task in tasks:
        pending.append(pool.submit(_copy, task))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--times", type=int, default=10)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--store", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    location = args.store or Path(tempfile.mkdtemp()) / "store"
    if location.exists():
        shutil.rmtree(location)
    for path in iter_source_files([settings.BUNDLED_CORPUS]):
        _DOCUMENTS.append(read_source(path))
    store = open_store(location)
    documents = triples = size = 0
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        for document_id, lines, text_bytes in _bounded(
            pool, _tasks(len(_DOCUMENTS), args.times), 4 * args.workers
        ):
            store.replace_graph_lines(graph_iri(document_id), lines)
            documents += 1
            triples += len(lines)
            size += text_bytes
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    disk = sum(f.stat().st_size for f in location.rglob("*") if f.is_file()) / 1e6
    print(
        f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, workers={args.workers}, times={args.times}"
    )
    print(
        f"documents {documents:,}, text {size / 1e6:.1f} MB, triples {triples:,}, store {len(store):,} quads, {disk:.0f} MB on disk"
    )
    print(
        f"build {elapsed:.1f} s: {documents / elapsed:.1f} documents/s, {size / 1e6 / elapsed:.2f} MB/s, {triples / elapsed:,.0f} triples/s ({triples / elapsed * 60 / 1e6:.2f} M triples/minute)"
    )
    print(f"peak RSS: main {peak:.0f} MB, largest worker {children:.0f} MB")
    start = time.perf_counter()
    store.close()  # flush + compact, as `wetgraaf build` does before the app opens it
    print(f"close (flush + compaction): {time.perf_counter() - start:.1f} s")
    store = open_store(location, read_only=True)
    backend = LocalBackend(store)
    print(f"named queries at {len(store):,} quads (best of {args.repeat}):")
    for name in list_queries():
        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            rows = len(run_query(backend, name, **PARAMS.get(name, {})).rows)
            best = min(best, time.perf_counter() - t0)
        print(f"  {name:24} {best * 1000:9.1f} ms  {rows:7} rows")
    store.close()


if __name__ == "__main__":
    main()
