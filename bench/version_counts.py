"""Links with a version on the bundled corpus: of the links to a regeling the store
holds toestanden of, how many name the version in force on their document's date
(``wg:citesVersion``, graph.versions) and why the others do not (``wg:versionReason``).

Run: ``python bench/version_counts.py [--corpus DIR] [--extra FILE ...] [--json]``.
Builds the corpus (and the extra files) into a fresh embedded store and counts with
SPARQL. It runs on older commits too (a commit without toestanden counts none), so
that before and after are measured with the same script::

    git worktree add /tmp/before <commit>
    PYTHONPATH=/tmp/before python bench/version_counts.py --corpus /tmp/before/corpus \\
        --extra corpus/bwb-2012/BWBR0011823.xml corpus/bwb-2012/BWBR0011825.xml
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import subprocess
from pathlib import Path

from graph import settings
from graph.load import load_paths
from graph.sparql import PROLOGUE, LocalBackend
from graph.store import open_store

WORKS = {
    "Vw": "https://wetten.overheid.nl/BWBR0011823",
    "Vb": "https://wetten.overheid.nl/BWBR0011825",
}
# A reason without its article, dates and list of toestanden: what kind of answer it is.
_KIND = re.compile(r"^(?:artikel \S+: )?|\(known:.*$|;.*$")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _count(backend: LocalBackend, query: str) -> list[tuple[object, ...]]:
    return [tuple(row) for row in backend.select(f"{PROLOGUE}\n{query}").rows]


def _counts(backend: LocalBackend, work: str) -> dict[str, object]:
    links = _count(
        backend,
        f"SELECT (COUNT(DISTINCT ?l) AS ?n) WHERE {{ ?l wg:targetWork <{work}> }}",
    )[0][0]
    toestanden = _count(
        backend,
        "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { "
        f"?t <https://w3id.org/wetgraaf/ontology#versionOf> <{work}> }}",
    )[0][0]
    versioned = _count(
        backend,
        "SELECT (COUNT(DISTINCT ?l) AS ?n) WHERE { "
        f"?l wg:targetWork <{work}> ; "
        "<https://w3id.org/wetgraaf/ontology#citesVersion> ?v }",
    )[0][0]
    reasons = _count(
        backend,
        "SELECT DISTINCT ?l ?r WHERE { "
        f"?l wg:targetWork <{work}> ; "
        "<https://w3id.org/wetgraaf/ontology#versionReason> ?r }",
    )
    kinds = collections.Counter(
        " ".join(_DATE.sub("D", _KIND.sub("", str(reason))).split())
        for _, reason in reasons
    )
    return {
        "toestanden": toestanden,
        "links": links,
        "with_version": versioned,
        "with_reason": len(reasons),
        "reasons": dict(kinds.most_common()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=settings.BUNDLED_CORPUS)
    parser.add_argument("--extra", type=Path, nargs="*", default=[])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    store = open_store()
    summary = load_paths(store, [args.corpus, *args.extra], workers=2)
    backend = LocalBackend(store)
    commit = subprocess.run(
        ["git", "-C", str(args.corpus), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    result = {
        "commit": commit,
        "documents": summary.documents,
        "refused": len(summary.errors),
        "works": {name: _counts(backend, iri) for name, iri in WORKS.items()},
    }
    store.close()
    if args.json:
        print(json.dumps(result, indent=2, default=str))
        return
    print(
        f"commit {commit}: {summary.documents} documents, {len(summary.errors)} refused"
    )
    for name, counts in result["works"].items():  # type: ignore[attr-defined]
        print(
            f"{name}: {counts['toestanden']} toestanden, {counts['links']} links, "
            f"{counts['with_version']} with a version, {counts['with_reason']} with a "
            "reason"
        )
        for kind, number in counts["reasons"].items():
            print(f"    {number:6d}  {kind}")


if __name__ == "__main__":
    main()
