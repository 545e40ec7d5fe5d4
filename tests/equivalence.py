"""The rows every named query, listing, search and whole-store export gives on a slice
of the bundled corpus: recorded once (``python -m tests.equivalence``) as golden files in
``tests/data/equivalence/`` and compared on every run (tests/test_graph_equivalence.py),
so that a change in how the rows are read (the SQLite index of issue 24) cannot change
what they are.

Every named query is run through ``wetgraaf query NAME --format csv`` (the whole-store
exports with no parameters, the others with the parameters below), the explorer's lists
through their ``graph.explore`` / ``graph.search`` functions. Rows are kept in their
order where the query orders them (an ``ORDER BY``), else sorted; a GROUP_CONCAT list
(medeindieners) in name order, as every engine concatenates in its own.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, is_dataclass
from pathlib import Path

from click.testing import CliRunner

from graph import settings
from graph.cli import cli
from graph.load import load_paths
from graph.sparql import QueryResult, ReadBackend, load_query, run_query
from graph.store import open_store

GOLDEN = Path(__file__).parent / "data" / "equivalence"

CORPUS = settings.BUNDLED_CORPUS
VOTES = CORPUS / "tk-odata" / "stemming-per-agendapunt"
ZAKEN = CORPUS / "tk-odata" / "zaak-motie"


def equivalence_paths() -> list[Path]:
    """A slice of every kind: a law with its version history (WTI), the seed letters
    and reports (toezeggingen, Vc decisions), Kamerstukken and motions with their zaken
    and votes, CJEU judgments."""
    return [
        CORPUS / "bwb" / "BWBR0018451_2025-01-01_0.xml",
        CORPUS / "bwb-wti" / "BWBR0018451.WTI.xml",
        *sorted((CORPUS / "seeds").glob("*.txt")),
        *sorted((CORPUS / "kamerstukken").glob("*.xml"))[:10],
        *sorted(VOTES.glob("*.json"))[:3],
        *sorted(ZAKEN.glob("*.json"))[:12],
        *sorted((CORPUS / "cjeu").glob("*.xml"))[:3],
    ]


LETTER = "https://opendata.tweedekamer.nl/id/document/2025D33530"
REPORT = "https://w3id.org/wetgraaf/id/doc/staat-van-migratie-2025"
VW = "https://wetten.overheid.nl/BWBR0011823"
AZT = "https://wetten.overheid.nl/BWBR0018451"
AZT_GRAPH = "https://w3id.org/wetgraaf/graph/BWBR0018451"
VW_ARTICLE = "https://wetten.overheid.nl/jci1.3:c:BWBR0011823&artikel=64"
EVRM_ARTICLE = "https://wetten.overheid.nl/jci1.3:c:BWBV0001000&artikel=8"
VB = "https://wetten.overheid.nl/BWBR0011825"

# Named query → the parameter sets it is recorded with ({} is the whole-store run).
PARAMETERS: Mapping[str, tuple[Mapping[str, str], ...]] = {
    "documents": ({},),
    "document": ({"doc": LETTER},),
    "outgoing_links": ({"doc": LETTER}, {"doc": REPORT}),
    "work_labels": ({"work": VW}, {"work": AZT}),
    "article_context": ({"article": VW_ARTICLE}, {"article": EVRM_ARTICLE}),
    "citation_edges": ({}, {"source": LETTER}, {"target": VW}),
    "citation_network": ({},),
    "cited_works": ({},),
    "incoming_links": ({}, {"work": VW}, {"work": AZT}),
    "linked_documents": ({"doc": LETTER}, {"doc": VW}),
    "most_cited": ({},),
    "most_cited_parts": ({},),
    "unresolved_references": ({}, {"doc": LETTER}),
    "motions": ({},),
    "motion_zaken": ({},),
    "decisions": ({},),
    "votes": ({},),
    "text_search": ({"pattern": "[oO][eE][kK][rR][aA][ïÏ][nN][eE]"},),
    "toezeggingen": ({}, {"on": "2025-08-01"}),
    "relation_edges": ({}, {"targetWork": VB}),
    "lineage": ({"work": VB},),
    "links_to_parts": ({"target": VW_ARTICLE}, {"target": EVRM_ARTICLE}),
    "article_versions": ({"work": AZT, "graph": AZT_GRAPH},),
}

PHRASES = ("Oekraïne", "gezinshereniging", "artikel 64", "Dublin")


def _ordered(name: str) -> bool:
    """Whether the named query orders its rows (an ORDER BY outside comments)."""
    text = "\n".join(line.split("#", 1)[0] for line in load_query(name).splitlines())
    return re.search(r"\bORDER\s+BY\b", text, re.IGNORECASE) is not None


def _normalised_csv(text: str, ordered: bool) -> str:
    """CSV text with medeindieners in name order and, unless ``ordered``, rows sorted."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return ""
    header, body = rows[0], rows[1:]
    if "medeindieners" in header:
        index = header.index("medeindieners")
        for row in body:
            if row[index]:
                row[index] = "; ".join(sorted(row[index].split("; ")))
    if not ordered:
        body.sort()
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *body])
    return out.getvalue()


def _key(name: str, bindings: Mapping[str, str]) -> str:
    """The golden file's name for one run of a named query."""
    if not bindings:
        return f"query-{name}"
    cells = "-".join(
        f"{k}-{re.sub(r'[^A-Za-z0-9]+', '_', v.rsplit('/', 1)[-1])}"
        for k, v in sorted(bindings.items())
    )
    return f"query-{name}-{cells}"


def query_outputs(store_dir: Path) -> Iterator[tuple[str, str]]:
    """(golden name, normalised CSV) of every named query run in ``PARAMETERS``."""
    runner = CliRunner()
    for name, runs in PARAMETERS.items():
        for bindings in runs:
            args = ["query", name, "--format", "csv", "--store", str(store_dir)]
            for key, value in bindings.items():
                args += ["-p", f"{key}={value}"]
            result = runner.invoke(cli, args, catch_exceptions=False)
            assert result.exit_code == 0, result.output
            yield _key(name, bindings), _normalised_csv(result.stdout, _ordered(name))


def _plain(value: object) -> object:
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value))
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _result_lines(result: QueryResult) -> str:
    return "".join(
        json.dumps(_plain(row), ensure_ascii=False, sort_keys=True) + "\n"
        for row in result.as_dicts()
    )


def _item_lines(items: object) -> str:
    return "".join(
        json.dumps(_plain(item), ensure_ascii=False, sort_keys=True) + "\n"
        for item in items  # type: ignore[attr-defined]
    )


def listing_outputs(backend: ReadBackend) -> Iterator[tuple[str, str]]:
    """(golden name, JSON lines) of the explorer's lists, counts and searches."""
    from graph.analysis import network_rows
    from graph.explore.documents import list_documents
    from graph.explore.links import citing_documents
    from graph.explore.motions import list_motions, motion_rows
    from graph.explore.parts import most_cited_parts
    from graph.explore.toezeggingen import list_toezeggingen
    from graph.search import search_text

    readers: dict[str, Callable[[], str]] = {
        "list-documents": lambda: _result_lines(list_documents(backend)),
        "list-motion-rows": lambda: _result_lines(motion_rows(backend)),
        "list-motions": lambda: _item_lines(list_motions(backend)),
        "list-toezeggingen": lambda: _item_lines(
            list_toezeggingen(backend, dt.date(2025, 8, 1))
        ),
        "list-most-cited-parts": lambda: _item_lines(most_cited_parts(backend)),
        "list-network-rows": lambda: "".join(
            sorted(_item_lines(network_rows(backend)).splitlines(keepends=True))
        ),
        "list-citing-vw": lambda: _item_lines(citing_documents(backend, "BWBR0011823")),
    }
    for phrase in PHRASES:
        key = "search-" + re.sub(r"[^a-z0-9]+", "_", phrase.lower())
        readers[key] = lambda p=phrase: _result_lines(search_text(backend, p))  # type: ignore[misc]
    for name, read in readers.items():
        yield name, read()


def build_equivalence_store(store_dir: Path) -> None:
    """Build the slice into an embedded store at ``store_dir``."""
    store = open_store(store_dir)
    try:
        summary = load_paths(store, equivalence_paths())
        assert summary.documents, summary.errors
    finally:
        store.close()


def all_outputs(store_dir: Path) -> dict[str, str]:
    """Every recorded output of the store at ``store_dir`` by golden name."""
    outputs = dict(query_outputs(store_dir))
    store = open_store(store_dir, read_only=True)
    try:
        outputs.update(listing_outputs(store.backend()))
    finally:
        store.close()
    return outputs


def _golden_suffix(name: str) -> str:
    return ".csv" if name.startswith("query-") else ".jsonl"


def golden_files() -> dict[str, str]:
    """The recorded outputs by golden name."""
    return {
        path.stem: path.read_text(encoding="utf-8")
        for path in sorted(GOLDEN.iterdir())
        if path.suffix in (".csv", ".jsonl")
    }


def sparql_outputs(store_dir: Path) -> Iterator[tuple[str, str]]:
    """(golden name, normalised CSV) of the named queries the index answers, run as
    SPARQL on the store itself: what an endpoint's user gets must be the same rows."""
    from graph.index.reads import READERS

    store = open_store(store_dir, read_only=True)
    try:
        backend = store.backend()
        for name, runs in PARAMETERS.items():
            for bindings in runs:
                if READERS.get(name, lambda *_: None)(store.index, bindings) is None:
                    continue
                text = run_query(backend, name, **bindings).to_csv()
                yield _key(name, bindings), _normalised_csv(text, _ordered(name))
    finally:
        store.close()


def record() -> None:
    """Rewrite the golden files from a fresh build (for review in the diff: only when
    the rows are meant to change)."""
    import tempfile

    store_dir = Path(tempfile.mkdtemp(prefix="wetgraaf-equivalence-")) / "store"
    build_equivalence_store(store_dir)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for path in GOLDEN.iterdir():
        if path.suffix in (".csv", ".jsonl"):
            path.unlink()
    for name, text in all_outputs(store_dir).items():
        (GOLDEN / f"{name}{_golden_suffix(name)}").write_text(text, encoding="utf-8")


if __name__ == "__main__":  # python -m tests.equivalence
    record()
