"""Typed relations between works, found from cue phrases in sentences.

A cue phrase (data: ``ingest/data/relation_cues.csv``) says *how* two works relate
("naar aanleiding van het arrest" → derives from); the resolved references in the
same sentence say *which* works. A reference inside footnote N counts as standing at
the footnote's marker(s) in the body. No suitable reference in the sentence → no claim.
"""

from __future__ import annotations

import bisect
import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ingest.errors import IngestError
from ingest.models import (
    DocumentKind,
    Pinpoint,
    ReferenceKind,
    RelationClaim,
    RelationType,
    ResolvedReference,
    SourceDocument,
    WorkRef,
)

CUES_FILE = "relation_cues.csv"
POSITIONS = ("before", "next", "after", "any")
# Rules whose subject may be a Vc/Vb part named in the sentence.
_SUBJECT_IN_SENTENCE = {
    RelationType.DERIVES_FROM,
    RelationType.ELABORATES,
    RelationType.IMPLEMENTS,
}
_VB = "BWBR0011825"
_SUBJECT_KINDS = {
    ReferenceKind.POLICY,
    ReferenceKind.GAZETTE,
    ReferenceKind.PARLIAMENTARY,
}
# Documents that can themselves be a relation's subject (a letter answers a motion, a
# decision amends the Vc); a report only describes what others did, so it never is.
_ACTING_KINDS = {
    DocumentKind.KAMERBRIEF,
    DocumentKind.KAMERSTUK,
    DocumentKind.WIJZIGINGSBESLUIT,
    DocumentKind.REGELING,
}

# A sentence ends at . ! or ? (plus a footnote marker glued to it) before whitespace
# and a capital, quote or bracket, unless the dot is inside a number ("A1/5.3 Vc");
# a blank line always ends one.
_SENTENCE_END = re.compile(r"(?<![\d/])[.!?]\d{0,3}(?=\s+[A-Z‘“\"(\[])")
LONG_LINE = 200
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True, slots=True)
class Cue:
    """One row of relation_cues.csv, compiled."""

    type: RelationType
    pattern: re.Pattern[str]
    objects: frozenset[ReferenceKind]
    position: str
    confidence: float
    example: str


@cache
def load_cues() -> tuple[Cue, ...]:
    """The cue table, validated (unknown type/kind/position raises IngestError)."""
    text = resources.files("ingest").joinpath("data", CUES_FILE).read_text("utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    cues = []
    for row in csv.DictReader(lines):
        try:
            cue = Cue(
                RelationType(row["type"]),
                # A space in a pattern matches any run of whitespace (line breaks).
                re.compile(row["pattern"].replace(" ", r"\s+"), re.IGNORECASE),
                frozenset(ReferenceKind(kind) for kind in row["objects"].split()),
                row["position"],
                float(row["confidence"]),
                row["example"],
            )
        except (ValueError, re.error) as error:
            raise IngestError(f"{CUES_FILE}: bad row {row!r}: {error}") from error
        if cue.position not in POSITIONS or not 0 < cue.confidence <= 1:
            raise IngestError(f"{CUES_FILE}: bad position/confidence in {row!r}")
        cues.append(cue)
    return tuple(cues)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: blank lines end paragraphs, sentence ends split paragraphs.

    In text with one line per paragraph (web pages, not hard-wrapped PDF text) a line
    break ends a sentence too, so a heading stays apart from the text below it.
    """
    spans: list[tuple[int, int]] = []
    blocks = _paragraphs(text) if _hard_wrapped(text) else _lines(text)
    for para_start, para_end in blocks:
        start = para_start
        for match in _SENTENCE_END.finditer(text, para_start, para_end):
            spans.append((start, match.end()))
            start = match.end()
            while start < para_end and text[start].isspace():
                start += 1
        if start < para_end:
            spans.append((start, para_end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the blank-line separated paragraphs of ``text``."""
    return list(_paragraphs(text))


def _hard_wrapped(text: str) -> bool:
    """Whether the text is wrapped at a fixed width: under a third of it stands in
    lines longer than ``LONG_LINE`` characters."""
    lengths = [len(line) for line in text.splitlines() if line.strip()]
    long = sum(length for length in lengths if length > LONG_LINE)
    return long * 3 < sum(lengths)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            yield start, start + len(line.rstrip())
        start += len(line)


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if match.start() > start:
            yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


@dataclass(frozen=True, slots=True)
class _Placed:
    """A resolved reference at a body offset (its own, or its footnote's marker)."""

    offset: int
    reference: ResolvedReference


def placed_references(
    document: SourceDocument, references: Sequence[ResolvedReference]
) -> list[_Placed]:
    """Each resolved reference at its offset; footnote references at their markers."""
    placed = []
    for resolved in references:
        if not resolved.resolved:
            continue
        start = resolved.reference.start
        footnote = next(
            (f for f in document.footnotes if f.start <= start < f.end), None
        )
        if footnote is None:
            placed.append(_Placed(start, resolved))
        else:
            placed.extend(_Placed(marker, resolved) for marker in footnote.markers)
    placed.sort(key=lambda p: (p.offset, p.reference.reference.start))
    return placed


def extract_relations(
    document: SourceDocument, references: Sequence[ResolvedReference]
) -> list[RelationClaim]:
    """Relation claims for every cue phrase that has a suitable reference in its sentence.

    Args:
        document: the document (its text and footnotes).
        references: the references found in its text, resolved (unresolved ones are
            never used).

    Returns:
        Claims in text order, without duplicates (same sentence, type, subject, object).
    """
    placed = placed_references(document, references)
    offsets = [p.offset for p in placed]
    claims: list[RelationClaim] = []
    seen: set[tuple[int, RelationType, WorkRef, WorkRef]] = set()
    amended: list[tuple[int, WorkRef]] = []  # (offset, part) a decision rewrites
    for start, end in split_sentences(document.text):
        sentence = document.text[start:end]
        lo, hi = bisect.bisect_left(offsets, start), bisect.bisect_left(offsets, end)
        inside = placed[lo:hi]
        if not inside:
            continue
        for cue in load_cues():
            for match in cue.pattern.finditer(sentence):
                cue_start = start + match.start()
                pairs = _pairs(document, cue, inside, cue_start, amended)
                if cue.type is RelationType.AMENDS:
                    amended.extend((end, obj) for _, obj, _ in pairs)
                for subject, obj, kind in pairs:
                    key = (start, cue.type, subject, obj)
                    if subject == obj or key in seen:
                        continue
                    seen.add(key)
                    claims.append(
                        RelationClaim(
                            start,
                            end,
                            cue.type,
                            subject,
                            obj,
                            kind,
                            match.group(0),
                            cue.confidence,
                        )
                    )
    return claims


def _ref(placed: _Placed) -> WorkRef:
    resolved = placed.reference
    assert resolved.work is not None
    return WorkRef(resolved.work, resolved.pinpoint)


def _pairs(
    document: SourceDocument,
    cue: Cue,
    inside: Sequence[_Placed],
    cue_start: int,
    amended: Sequence[tuple[int, WorkRef]],
) -> list[tuple[WorkRef, WorkRef, ReferenceKind]]:
    """(subject, object) pairs for one cue match among the sentence's references."""
    fits = [p for p in inside if p.reference.reference.kind in cue.objects]
    before = [p for p in fits if p.offset < cue_start]
    # A reference may start inside the cue ("op grond van artikel 3.51 Vb").
    after = [p for p in fits if p.offset > cue_start]
    own = WorkRef(document.id, Pinpoint()) if document.kind in _ACTING_KINDS else None
    if cue.type is RelationType.RENUMBERS:
        # "Paragraaf B9/10 … wordt vernummerd tot B9/11": old before, new after.
        if not before or not after:
            return []
        new = after[0]
        return [(_ref(before[-1]), _ref(new), new.reference.reference.kind)]
    if cue.position == "before":
        objects = before[-1:]
    elif cue.position == "next":
        objects = after[:1]
    elif cue.position == "after":
        objects = after
    else:
        objects = list(fits)
    pairs = []
    for placed in objects:
        obj = _ref(placed)
        subject = own
        if cue.type in _SUBJECT_IN_SENTENCE and amended:
            # Inside a decision's new text ("B5/2.2 … komt te luiden: …") the rule
            # that elaborates or derives is the part being rewritten.
            subject = amended[-1][1]
        elif cue.type in _SUBJECT_IN_SENTENCE:
            subject = _subject_in_sentence(inside, obj, cue_start, cue.type) or (
                None if cue.type is RelationType.ELABORATES else own
            )
        if subject is not None:
            pairs.append((subject, obj, placed.reference.reference.kind))
    return pairs


def _subject_in_sentence(
    inside: Sequence[_Placed], obj: WorkRef, cue_start: int, type_: RelationType
) -> WorkRef | None:
    """The rule named in the sentence nearest the cue (a Vc paragraph, Vb article, the
    Staatscourant publication of a Vc change or a bill's Kamerstuk), if any."""
    candidates = [
        p
        for p in inside
        if p.reference.work != obj.work
        and (
            p.reference.reference.kind is ReferenceKind.POLICY
            or p.reference.work == _VB
            # a bill or a published Vc change derives from a ruling, but is not
            # what "op grond van artikel …" elaborates
            or (
                type_ is not RelationType.ELABORATES
                and p.reference.reference.kind in _SUBJECT_KINDS
            )
        )
    ]
    if not candidates:
        return None
    nearest = min(candidates, key=lambda p: abs(p.offset - cue_start))
    return _ref(nearest)
