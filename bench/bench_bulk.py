"""Bulk transfer: a store exported as N-Quads (``wetgraaf export``) and loaded by other
SPARQL stores' own bulk loaders (whose index ``wetgraaf index`` then writes).

Run: ``python bench/bench_bulk.py --store DIR [--virtuoso] [--repeat 2]``.
Reports the export (quads/s, MB/s, peak RSS), ``oxigraph load`` of the file into a new
store, and with ``--virtuoso`` Virtuoso's bulk loader (``ld_dir``, ``rdf_loader_run``)
on a new database, then every named query on Virtuoso next to the embedded store
(``bench_scale``'s cases). Needs the ``oxigraph`` server and, for Virtuoso, Debian's
``virtuoso-opensource`` (``virtuoso-t``, ``isql-vt``).
"""

from __future__ import annotations

import argparse
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_scale import _time_queries

from graph.remote.backend import RemoteBackend
from graph.remote.connection import ConnectionSettings
from graph.serve import find_oxigraph
from graph.sparql import LocalBackend
from graph.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.conftest_servers import virtuoso_server  # noqa: E402

# Virtuoso's page cache for the load: 8 kB pages (400,000: 3.2 GB; its guide gives
# about two thirds of free memory).
VIRTUOSO_BUFFERS = 400_000


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--virtuoso", action="store_true")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--only", nargs="*", default=[])
    args = parser.parse_args()
    print(f"{platform.machine()}, {platform.python_version()}, store {args.store}")
    with tempfile.TemporaryDirectory(dir=args.store.parent) as scratch:
        folder = Path(scratch)
        dump = folder / "wetgraaf.nq"
        store = open_store(args.store, read_only=True)
        start = time.perf_counter()
        with dump.open("wb") as out:
            quads = store.export("nq", out)
        seconds = time.perf_counter() - start
        store.close()
        size = dump.stat().st_size / 1e6
        print(
            f"export: {quads:,} quads, {size:,.0f} MB in {seconds:.1f} s: "
            f"{quads / seconds:,.0f} quads/s, {size / seconds:.1f} MB/s, "
            f"peak RSS {_peak_mb(resource.RUSAGE_SELF):.0f} MB"
        )
        _oxigraph_load(dump, folder / "oxigraph")
        if args.virtuoso:
            _virtuoso(dump, folder, quads, args)


def _oxigraph_load(dump: Path, location: Path) -> None:
    command = find_oxigraph()
    if command is None:
        print("oxigraph load: the `oxigraph` server is not installed, not timed")
        return
    start = time.perf_counter()
    subprocess.run(
        [command, "load", "--location", str(location), "--file", str(dump)],
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - start
    print(
        f"oxigraph load: {seconds:.1f} s, "
        f"{dump.stat().st_size / 1e6 / seconds:.1f} MB/s, "
        f"peak RSS {_peak_mb(resource.RUSAGE_CHILDREN):.0f} MB"
    )


def _virtuoso(dump: Path, folder: Path, quads: int, args: argparse.Namespace) -> None:
    database = folder / "virtuoso"
    database.mkdir()
    dump.rename(database / dump.name)
    with virtuoso_server(
        database, buffers=VIRTUOSO_BUFFERS, max_rows=1_000_000, max_seconds=0
    ) as virtuoso:
        start = time.perf_counter()
        virtuoso.isql(
            f"ld_dir('.', '{dump.name}', 'urn:wetgraaf:no-default-graph')",
            "rdf_loader_run()",
            "checkpoint",
        )
        seconds = time.perf_counter() - start
        print(
            f"virtuoso ld_dir + rdf_loader_run + checkpoint: {seconds:.1f} s, "
            f"{quads / seconds:,.0f} quads/s"
        )
        endpoint = virtuoso.endpoint
        remote = _time_queries(
            RemoteBackend(endpoint.query_url, ConnectionSettings(timeout=600, tries=1)),
            args.repeat,
            args.only,
        )
    store = open_store(args.store, read_only=True)
    embedded = _time_queries(LocalBackend(store), args.repeat, args.only)
    store.close()
    print(f"named queries, ms (best of {args.repeat}): embedded / virtuoso")
    for label, (ms, rows) in embedded.items():
        other = remote.get(label)
        shown = f"{other[0]:9.1f}" if other else "        -"
        print(f"  {label:42} {ms:9.1f} {shown}  {rows:7} rows")


if __name__ == "__main__":
    main()
