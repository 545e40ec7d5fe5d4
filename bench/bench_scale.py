"""Scale benchmark: the bundled corpus multiplied N times (real documents, renamed ids).

Run: ``python bench/bench_scale.py --times 5 [--workers 2] [--store DIR] [--remote]``.
Copy k of a document gets the id ``<id>-x<k>`` (so its IRIs and named graph are new);
its text, structure and references are the real ones. Documents are streamed: each
worker reads its source file itself, and the main process holds at most one bulk batch
(``graph.load.BATCH_TRIPLES``), so memory stays flat with ``--times``.

Reports documents/s, MB/s (source files), triples/s, peak RSS, store and index size
on disk, the latency of every named query at that size as SPARQL (and of the Herkomst
page's lineage reads, rows: paths) on the embedded store, and with ``--remote``
through ``oxigraph serve-read-only`` over HTTP (``RemoteBackend``); then every read of
the index (``graph.index.reads``: what ``wetgraaf query`` and the explorer read for
lists, counts, exports and search), streamed to the end, with rows/s.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import os
import platform
import resource
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from graph import settings
from graph.analysis import lineage_paths
from graph.errors import StoreError
from graph.explore.links import citing_documents, citing_pages
from graph.index import reads
from graph.iris import graph_iri
from graph.lineage import lineage_digraph
from graph.load import (
    PreparedDocument,
    prepare_document,
    prepared_in_order,
    write_documents,
)
from graph.remote.backend import RemoteBackend
from graph.remote.connection import ConnectionSettings
from graph.serve import start_read_only_server
from graph.sparql import (
    Binding,
    LocalBackend,
    QueryBackend,
    list_queries,
    run_query,
)
from graph.store import open_store
from ingest.errors import IngestError
from ingest.sources import iter_source_files, read_source

LETTER = "https://opendata.tweedekamer.nl/id/document/2025D33530"
VB = "https://wetten.overheid.nl/BWBR0011825"
# Parameters of the named queries that take them (the others run unbound, whole).
PARAMS: dict[str, dict[str, Binding]] = {
    "document": {"doc": LETTER},
    "outgoing_links": {
        "doc": LETTER,
        "graph": "https://w3id.org/wetgraaf/graph/2025D33530",
    },
    "incoming_links": {"work": VB},
    "linked_documents": {"doc": VB},
    "work_labels": {"work": VB},
    "article_context": {
        "article": "https://wetten.overheid.nl/jci1.3:c:BWBR0011823&artikel=56"
    },
    "text_search": {"pattern": "[vV]erzoekt de regering"},
    "decisions": {"zaak": "https://opendata.tweedekamer.nl/id/zaak/2025Z16589"},
    "votes": {
        "besluit": "https://w3id.org/wetgraaf/id/besluit/27bf52c4-1511-4d44-bfd0-161380b73324"
    },
    "lineage": {
        "work": "http://publications.europa.eu/resource/ecli/ECLI%3AEU%3AC%3A2017%3A354"
    },
    "links_to_parts": {
        "target": "https://wetten.overheid.nl/jci1.3:c:BWBR0011825&artikel=3.71"
    },
    "article_history": {
        "article": "https://wetten.overheid.nl/jci1.3:c:BWBR0011825&artikel=3.4"
    },
    "article_versions": {
        "work": VB,
        "graph": "https://w3id.org/wetgraaf/graph/BWBR0011825",
    },
    # unbound, it spans every part of every document: beyond memory at x25
    "part_text": {
        "part": "https://wetten.overheid.nl/jci1.3:c:BWBR0011825&artikel=3.4",
        "graph": "https://w3id.org/wetgraaf/graph/BWBR0011825",
    },
}
# More runs: a whole-store listing on one page, a one-decision query for every decision.
EXTRA: list[tuple[str, str, dict[str, Binding]]] = [
    ("citation_edges (one source document)", "citation_edges", {"source": LETTER}),
    ("votes (every decision)", "votes", {}),
]
# The Herkomst page's reads (graph.lineage, capped as the page caps them): a ruling with
# a derived Vc rule, and the much-cited Vw, both ways, two hops.
LINEAGES = {
    "lineage_digraph (Chavez-Vilchez, 2 hops)": PARAMS["lineage"]["work"],
    "lineage_digraph (Vw, 2 hops)": "https://wetten.overheid.nl/BWBR0011823",
}
# The explorer's first page of a much-cited law's incoming links (~500 links a page).
PAGED = "incoming_links (Vb, first page of ~500 links)"


def _vb_page(backend: QueryBackend) -> list[tuple[str, str, dict[str, Binding]]]:
    pages = citing_pages(citing_documents(backend, "BWBR0011825"), 500)  # type: ignore[arg-type]
    if not pages:  # a store without the Vb
        print(f"  {PAGED}: no citing documents in the index, not timed")
        return []
    citing = [graph_iri(c.id) for c in pages[0]]
    return [(PAGED, "incoming_links", {"work": VB, "citingGraph": citing})]


def _motion_decisions(
    backend: QueryBackend,
) -> list[tuple[str, str, dict[str, Binding]]]:
    """The decisions about every motion's zaak, as the Moties page loads them."""
    zaken = sorted(
        {str(row["zaak"]) for row in run_query(backend, "motion_zaken").as_dicts()}
    )
    if not zaken:
        return []
    return [
        (f"decisions (every motion's zaak, {len(zaken)})", "decisions", {"zaak": zaken})
    ]


def _prepare_copy(task: tuple[Path, int]) -> PreparedDocument | str:
    """Copy ``k`` of one file, read and prepared in a worker (copy 0 is the original)."""
    path, k = task
    try:
        document = read_source(path)
        if k:
            document = dataclasses.replace(document, id=f"{document.id}-x{k}")
        return prepare_document(document, path)
    except (IngestError, StoreError) as error:
        return str(error)


def _tasks(files: list[Path], times: int) -> Iterator[tuple[Path, int]]:
    for k in range(times):
        for path in files:
            yield path, k


class _RssSampler(threading.Thread):
    """This process's resident memory every second (is it flat while documents
    stream through?)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.samples: list[float] = []
        self.done = threading.Event()

    def run(self) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        while not self.done.wait(1.0):
            with open("/proc/self/statm") as statm:
                self.samples.append(int(statm.read().split()[1]) * page / 1e6)

    def quartiles(self, end: int) -> str:
        """The samples at a quarter, half, three quarters and the end of the first
        ``end``."""
        samples = self.samples[:end]
        if not samples:
            return "-"
        n = len(samples)
        picks = [samples[min(n - 1, n * q // 4)] for q in (1, 2, 3, 4)]
        return " / ".join(f"{mb:.0f}" for mb in picks)

    def highest(self, start: int) -> str:
        """The highest sample from ``start`` on."""
        later = self.samples[start:]
        return f"{max(later):.0f}" if later else "-"


def _best(repeat: int, call: Callable[[], int]) -> tuple[float, int]:
    best, rows = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        rows = call()
        best = min(best, time.perf_counter() - start)
    return best * 1000, rows


def _cases() -> list[tuple[str, str, dict[str, Binding]]]:
    cases = [(name, name, PARAMS.get(name, {})) for name in list_queries()]
    return sorted(cases + EXTRA)


def _time_queries(
    backend: QueryBackend, repeat: int, only: list[str]
) -> dict[str, tuple[float, int]]:
    cases = [*_cases(), *_vb_page(backend), *_motion_decisions(backend)]
    if only:
        cases = [case for case in cases if case[1] in only]
    else:
        # What the index answers (whole-store listings and counts) is timed as the
        # index read below; as plain SPARQL over every link it takes minutes at x25,
        # which no page or command waits for (time it with --only NAME).
        cases = [c for c in cases if c[2] or c[1] not in reads.READERS]
    timed = {
        label: _best(repeat, functools.partial(_rows, backend, name, params))
        for label, name, params in cases
    }
    if not only or "lineage_digraph" in only:
        for label, work in LINEAGES.items():
            timed[label] = _best(repeat, functools.partial(_paths, backend, work))
    return timed


# The index's reads as `wetgraaf query` and the explorer use them, and phrase search.
INDEX_READS: dict[str, Callable[[reads.Index], int]] = {
    **{
        name: functools.partial(
            lambda index, name: sum(1 for _ in reads.READERS[name](index, {}).rows),
            name=name,
        )
        for name in reads.READERS
    },
    "incoming_links (Vb)": lambda index: sum(
        1 for _ in reads.incoming_links(index, VB).rows
    ),
    "citing_documents (Vb)": lambda index: len(reads.citing_documents(index, VB)),
    **{
        f"search {phrase!r}": functools.partial(
            # as the Zoeken page reads it: every hit ranked, the first 20 with snippets
            lambda index, phrase: _search_page(index, phrase),
            phrase=phrase,
        )
        for phrase in ("Oekraine", "verzoekt de regering", "artikel 64", "gezinsher")
    },
}


def _search_page(index: reads.Index, phrase: str) -> int:
    ranked = reads.ranked_documents(index, phrase)
    reads.snippets(index, phrase, [doc for doc, _ in ranked[:20]])
    return len(ranked)


def _report_index(store: object, repeat: int, only: list[str]) -> None:
    """Every read of the index to its last row, best of ``repeat``."""
    index = store.index  # type: ignore[attr-defined]
    size = index.size() / 1e6
    print(f"index reads at {size:.0f} MB of index, ms (best of {repeat}):")
    for label, read in INDEX_READS.items():
        if only and label.split()[0] not in only:
            continue
        ms, rows = _best(repeat, functools.partial(read, index))
        rate = f"{rows / ms * 1000:12,.0f} rows/s" if ms and rows else ""
        print(f"  {label:42} {ms:9.1f}  {rows:7} rows {rate}")


def _paths(backend: QueryBackend, work: str) -> int:
    """Read a lineage as the Herkomst page does; its number of paths."""
    digraph = lineage_digraph(backend, work, max_hops=2).digraph
    return sum(
        len(lineage_paths(digraph, work, max_hops=2, direction=way))
        for way in ("rests_on", "followed_by")
    )


def _rows(backend: QueryBackend, name: str, params: dict[str, Binding]) -> int:
    return len(run_query(backend, name, **params).rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--times", type=int, default=10)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--store", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--remote", action="store_true", help="also query through an Oxigraph server"
    )
    parser.add_argument(
        "--existing",
        action="store_true",
        help="only time the queries on the store already at --store",
    )
    parser.add_argument(
        "--only", nargs="*", default=[], help="time only these named queries"
    )
    parser.add_argument(
        "--index-only",
        action="store_true",
        help="with --existing: time only the reads of the index",
    )
    args = parser.parse_args()
    location = args.store or Path(tempfile.mkdtemp()) / "store"
    if args.existing and args.index_only:
        store = open_store(location, read_only=True)
        _report_index(store, args.repeat, args.only)
        store.close()
        return
    if args.existing:
        _report_queries(location, args.repeat, args.only, remote=args.remote)
        return
    if location.exists():
        shutil.rmtree(location)
    files = list(iter_source_files([settings.BUNDLED_CORPUS]))
    source_bytes = sum(f.stat().st_size for f in files) * args.times
    store = open_store(location)
    sampler = _RssSampler()
    sampler.start()
    start = time.perf_counter()
    summary = write_documents(
        store,
        prepared_in_order(_tasks(files, args.times), _prepare_copy, args.workers),
        bulk=True,
    )
    writing_samples = len(sampler.samples)
    elapsed = time.perf_counter() - start
    sampler.done.set()
    start = time.perf_counter()
    store.close()  # flush + compact, as `wetgraaf build` does before the app opens it
    closing = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    disk = sum(f.stat().st_size for f in location.rglob("*") if f.is_file()) / 1e6
    index_mb = (
        sum(
            f.stat().st_size
            for f in location.parent.glob(f"{location.name}.index.sqlite*")
        )
        / 1e6
    )
    documents, triples = summary.documents, summary.triples
    print(
        f"{time.strftime('%Y-%m-%d')}, {platform.processor() or platform.machine()},"
        f" {os.cpu_count()} cores, workers={args.workers}, times={args.times}"
    )
    print(
        f"documents {documents:,} ({len(summary.errors)} errors),"
        f" source {source_bytes / 1e6:.1f} MB, triples {triples:,},"
        f" {disk:.0f} MB on disk after compaction, index {index_mb:.0f} MB"
    )
    print(
        f"build {elapsed:.1f} s (graphs and index): {documents / elapsed:.1f}"
        f" documents/s, {source_bytes / 1e6 / elapsed:.2f} MB/s,"
        f" {triples / elapsed:,.0f} triples/s"
        f" ({triples / elapsed * 60 / 1e6:.2f} M triples/minute)"
    )
    print(f"  close (flush + compaction) {closing:.1f} s")
    print(f"peak RSS: main {peak:.0f} MB, largest worker {children:.0f} MB")
    print(
        "main RSS at 1/4, 2/4, 3/4 and the end of writing:"
        f" {sampler.quartiles(writing_samples)} MB"
    )
    _report_queries(location, args.repeat, args.only, remote=args.remote)


def _report_queries(
    location: Path, repeat: int, only: list[str], *, remote: bool
) -> None:
    store = open_store(location, read_only=True)
    print(f"named queries at {len(store):,} quads, ms (best of {repeat}):")
    embedded = _time_queries(LocalBackend(store), repeat, only)
    _report_index(store, repeat, only)
    store.close()
    over_http: dict[str, tuple[float, int]] = {}
    if remote:
        with start_read_only_server(location, port=7979) as server:
            backend = RemoteBackend(
                server.query_url, ConnectionSettings(timeout=600, tries=1)
            )
            over_http = _time_queries(backend, repeat, only)
    for label, (ms, rows) in embedded.items():
        extra = f"  remote {over_http[label][0]:9.1f}" if label in over_http else ""
        print(f"  {label:42} {ms:9.1f}{extra}  {rows:7} rows")


if __name__ == "__main__":
    main()
