"""Build and query benchmark on the bundled corpus: MB/s, documents/s, triples/s, ms/query.

Run: ``python bench/bench_build.py [--store DIR] [--repeat N]``. Builds the bundled corpus
into a fresh embedded store (stage by stage: read, extract+resolve, build triples, write),
then times every named query (best of N) and the explorer's per-page calls.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import tempfile
import time
from pathlib import Path

from bench_scale import PARAMS  # one table of benchmark parameters

from graph import settings
from graph.analysis import citation_digraph, rank_nodes
from graph.explore.documents import get_document, list_documents
from graph.explore.links import incoming_links, outgoing_links
from graph.index import document_rows
from graph.iris import graph_iri
from graph.load import document_triples, references_for
from graph.sparql import LocalBackend, list_queries, run_query
from graph.store import open_store, serialize_triples
from ingest.sources import iter_source_files, read_source


def _best(repeat: int, call) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--store", type=Path, help="store folder (default: a temporary one)"
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    location = args.store or Path(tempfile.mkdtemp()) / "store"
    if location.exists():
        shutil.rmtree(location)
    files = list(iter_source_files([settings.BUNDLED_CORPUS]))
    size = sum(f.stat().st_size for f in files)
    store = open_store(location)
    stages = {
        "read": 0.0,
        "extract": 0.0,
        "build": 0.0,
        "index rows": 0.0,
        "write": 0.0,
    }
    triples = references = 0
    total_start = time.perf_counter()
    for path in files:
        t0 = time.perf_counter()
        document = read_source(path)
        t1 = time.perf_counter()
        refs = references_for(document)
        t2 = time.perf_counter()
        # The triples as `wetgraaf build` makes them (relations and toezeggingen
        # included, a set rather than an rdflib Graph) and writes them.
        triples_of_document = document_triples(document, refs)
        t3 = time.perf_counter()
        name = graph_iri(document.id)
        rows = document_rows(str(name), triples_of_document)
        t3b = time.perf_counter()
        lines = serialize_triples(triples_of_document, where=str(path))
        store.replace_graph_lines(name, lines, rows)  # the graph, then its index rows
        t4 = time.perf_counter()
        stages["read"] += t1 - t0
        stages["extract"] += t2 - t1
        stages["build"] += t3 - t2
        stages["index rows"] += t3b - t3
        stages["write"] += t4 - t3b
        triples += len(lines)
        references += len(refs)
    elapsed = time.perf_counter() - total_start
    print(
        f"machine: {platform.machine()}, Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}"
    )
    print(
        f"corpus: {len(files)} files, {size / 1e6:.1f} MB, {references} references, {triples} triples"
    )
    print(
        f"build: {elapsed:.1f} s = {size / 1e6 / elapsed:.2f} MB/s, {len(files) / elapsed:.1f} documents/s, {triples / elapsed:,.0f} triples/s"
    )
    for stage, seconds in stages.items():
        print(f"  {stage:8} {seconds:6.1f} s")
    start = time.perf_counter()
    store.close()  # flush + compact, as `wetgraaf build` does before the app opens it
    print(f"  close    {time.perf_counter() - start:6.1f} s (flush and compaction)")
    store = open_store(location, read_only=True)
    backend = LocalBackend(store)
    print(
        f"\nnamed queries (best of {args.repeat}, {len(store):,} triples, read-only store):"
    )
    for name in list_queries():
        ms = _best(
            args.repeat, lambda n=name: run_query(backend, n, **PARAMS.get(n, {}))
        )
        print(f"  {name:24} {ms:8.1f} ms")
    print("\nexplorer calls:")
    calls = {
        "list_documents": lambda: list_documents(backend),
        "get_document(2025D33530)": lambda: get_document(backend, "2025D33530"),
        "outgoing_links(2025D33530)": lambda: outgoing_links(backend, "2025D33530"),
        "incoming_links(Vb)": lambda: incoming_links(backend, "BWBR0011825"),
        "citation_digraph": lambda: citation_digraph(backend),
    }
    for label, call in calls.items():
        print(f"  {label:28} {_best(args.repeat, call):8.1f} ms")
    digraph = citation_digraph(backend)
    start = time.perf_counter()
    rank_nodes(digraph)
    print(
        f"  {'rank_nodes (PageRank)':28} {(time.perf_counter() - start) * 1000:8.1f} ms"
    )
    store.close()


if __name__ == "__main__":
    main()
