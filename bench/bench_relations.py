"""Precision and recall of ingest.relations against the hand-made gold in
tests/data/relations-gold (one JSON Lines file per document).

A gold file is named after its document: ``<stem>.jsonl`` for ``corpus/seeds/<stem>.txt``;
a file for another document opens with a header line ``{"source": "corpus/…",
"scope": ["implements"]}`` naming the document and the relation types annotated in it
(a whole Vreemdelingencirculaire is read for one type, not for all). Only claims of
those types count for that document.

A claim counts as correct when its type, subject (work + pinpoint) and object (work +
pinpoint) equal a gold record of the same document; duplicates (the same relation
stated in two sentences) count once.

    python bench/bench_relations.py
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from graph.load import references_for
from ingest.models import RelationType
from ingest.relations import extract_relations
from ingest.sources import read_source

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "data" / "relations-gold"
SEEDS = ROOT / "corpus" / "seeds"

Key = tuple[str, str, str, str, str, str]  # document, type, subject, pinpoint, object…
ALL_TYPES = frozenset(str(t) for t in RelationType)


@dataclass(frozen=True, slots=True)
class Score:
    type: str
    found: int
    gold: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0


def _pin(pinpoint: dict[str, str]) -> str:
    return json.dumps(pinpoint, sort_keys=True)


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One gold file: the document it annotates and the relation types it covers."""

    stem: str
    source: Path
    scope: frozenset[str]


def gold_documents() -> list[GoldDocument]:
    documents = []
    for path in sorted(GOLD_DIR.glob("*.jsonl")):
        first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
        if "source" in first:
            source, scope = ROOT / first["source"], frozenset(first["scope"])
        else:
            source, scope = SEEDS / f"{path.stem}.txt", ALL_TYPES
        documents.append(GoldDocument(path.stem, source, scope))
    return documents


def gold_keys() -> set[Key]:
    keys = set()
    for path in sorted(GOLD_DIR.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if "source" in row:
                continue  # the header
            keys.add(
                (
                    path.stem,
                    row["type"],
                    row["subject"]["work"],
                    _pin(row["subject"]["pinpoint"]),
                    row["object"]["work"],
                    _pin(row["object"]["pinpoint"]),
                )
            )
    return keys


def found_keys(documents: Iterable[GoldDocument]) -> set[Key]:
    keys = set()
    for gold in documents:
        document = read_source(gold.source)
        for claim in extract_relations(document, references_for(document)):
            if str(claim.type) not in gold.scope:
                continue
            keys.add(
                (
                    gold.stem,
                    str(claim.type),
                    claim.subject.work,
                    _pin(claim.subject.pinpoint.as_dict()),
                    claim.object.work,
                    _pin(claim.object.pinpoint.as_dict()),
                )
            )
    return keys


def measure() -> dict[str, Score]:
    """Per relation type (and "all"): claims found, gold relations, correct."""
    gold = gold_keys()
    found = found_keys(gold_documents())
    scores = {}
    for type_ in [*(str(t) for t in RelationType), "all"]:
        g = {k for k in gold if type_ in ("all", k[1])}
        f = {k for k in found if type_ in ("all", k[1])}
        scores[type_] = Score(type_, len(f), len(g), len(f & g))
    return scores


def main() -> None:
    print(f"{'type':14} {'found':>6} {'gold':>6} {'correct':>8} {'P':>6} {'R':>6}")
    for score in measure().values():
        print(
            f"{score.type:14} {score.found:6} {score.gold:6} {score.correct:8} "
            f"{score.precision:6.2f} {score.recall:6.2f}"
        )


if __name__ == "__main__":
    main()
