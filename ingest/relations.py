"""Typed relations between works, found from cue phrases in sentences.

A cue phrase (data: ``ingest/data/relation_cues.csv``) says *how* two works relate
("naar aanleiding van het arrest" → derives from); the resolved references in the
same sentence say *which* works. A reference inside footnote N counts as standing at
the footnote's marker(s) in the body. Some cues take their object from the heading of
the section they stand in (a report's "Regels omtrent … (Hof van Justitie …,
Chavez-Vilchez59)" above "Op 1 juli 2019 zijn nadere regels vastgelegd in de
Vreemdelingencirculaire.60"), or only count in a heading ("Motie Boomsma over …8").
No suitable reference → no claim.
"""

from __future__ import annotations

import bisect
import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from ingest.errors import IngestError
from ingest.extract import find_references
from ingest.layout import heading_spans, section_heading, split_sentences
from ingest.models import (
    DocumentKind,
    Pinpoint,
    Reference,
    ReferenceKind,
    RelationClaim,
    RelationType,
    ResolvedReference,
    SourceDocument,
    WorkRef,
)

CUES_FILE = "relation_cues.csv"
# before/next/list/after/any: references in the cue's sentence; heading: the cue's sentence
# must be a heading; section: the object is named in the heading above the sentence.
POSITIONS = ("before", "next", "list", "after", "any", "heading", "section")
# The subject: "" the usual one (a rule the sentence names, else the document or the
# regeling provision the sentence stands in); "named": every rule the sentence names
# before the object ("In artikel 43a Vw en artikel 3.1a Vb is Richtlijn 2001/55
# geïmplementeerd"), never the document itself.
SUBJECTS = ("", "named", None)
# How far below its heading a sentence may stand and still take the heading's object:
# a report's subsection, not the rest of the chapter.
SECTION_REACH = 2000
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
# National rules (and their publications): what can implement or derive.
_RULE_KINDS = {
    ReferenceKind.LEGISLATION,
    ReferenceKind.POLICY,
    ReferenceKind.GAZETTE,
}
# Documents that can themselves be a relation's subject (a letter answers a motion, a
# decision amends the Vc); a report only describes what others did, so it never is.
_ACTING_KINDS = {
    DocumentKind.KAMERBRIEF,
    DocumentKind.KAMERSTUK,
    DocumentKind.WIJZIGINGSBESLUIT,
    DocumentKind.REGELING,
}


@dataclass(frozen=True, slots=True)
class Cue:
    """One row of relation_cues.csv, compiled."""

    type: RelationType
    pattern: re.Pattern[str]
    objects: frozenset[ReferenceKind]
    position: str
    confidence: float
    example: str
    named_subject: bool = False  # the subject must be a rule the sentence names


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
                row.get("subject") == "named",
            )
        except (ValueError, re.error) as error:
            raise IngestError(f"{CUES_FILE}: bad row {row!r}: {error}") from error
        if row.get("subject") not in SUBJECTS:
            raise IngestError(f"{CUES_FILE}: bad subject in {row!r}")
        if cue.position not in POSITIONS or not 0 < cue.confidence <= 1:
            raise IngestError(f"{CUES_FILE}: bad position/confidence in {row!r}")
        cues.append(cue)
    return tuple(cues)


@dataclass(frozen=True, slots=True)
class _Placed:
    """A resolved reference at a body offset (its own, or its footnote's marker)."""

    offset: int
    reference: ResolvedReference


# A publisher's link this long cites a title ("artikel III Besluit van 9 april 2008
# tot wijziging van het Vb … ter implementatie van richtlijn 2004/83/EG"): the loader
# keeps the link instead of the references inside it, so they are read here again.
TITLE_LINK = 80


def editorial_references(document: SourceDocument) -> list[ResolvedReference]:
    """The publisher's own links (BWB intref/extref) as resolved references, with the
    references to other works inside a link that cites a title."""
    found = []
    for link in document.links:
        if link.work is None:
            continue
        kind = (
            ReferenceKind.TREATY
            if link.work.startswith("BWBV")
            else ReferenceKind.CASE_LAW
            if link.work.startswith("ECLI:")  # a ruling the publisher links (EUR-Lex)
            else ReferenceKind.LEGISLATION
        )
        found.append(
            ResolvedReference(
                Reference(link.start, link.end, link.text, kind),
                link.work,
                link.pinpoint,
            )
        )
        if len(link.text) < TITLE_LINK:
            continue
        for inner in find_references(link.text):
            if inner.work is None or inner.work == link.work:
                continue
            moved = replace(
                inner.reference,
                start=inner.reference.start + link.start,
                end=inner.reference.end + link.start,
            )
            found.append(replace(inner, reference=moved))
    return found


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
    """Relation claims for every cue phrase that has a suitable reference in its sentence
    (or, for a section cue, in the heading above it).

    Args:
        document: the document (its text and footnotes).
        references: the references found in its text, resolved (unresolved ones are
            never used).

    Returns:
        Claims in text order, without duplicates (same sentence, type, subject, object).
    """
    everything = [*references, *editorial_references(document)]
    placed = placed_references(document, everything)
    offsets = [p.offset for p in placed]
    headings = heading_spans(
        document.text, [(f.start, f.end) for f in document.footnotes]
    )
    heading_at_end = {end: start for start, end in headings}
    provisions = _Provisions(document)
    claims: list[RelationClaim] = []
    seen: set[tuple[int, RelationType, WorkRef, WorkRef]] = set()
    amended: list[tuple[int, WorkRef]] = []  # (offset, part) a decision rewrites
    for start, end in split_sentences(document.text, headings):
        sentence = document.text[start:end]
        lo, hi = bisect.bisect_left(offsets, start), bisect.bisect_left(offsets, end)
        inside = placed[lo:hi]
        is_heading = heading_at_end.get(end, end) <= start
        section = None if is_heading else section_heading(headings, start)
        if section is not None and start - section[1] > SECTION_REACH:
            section = None
        for cue in load_cues():
            if (cue.position == "heading" and not is_heading) or (
                cue.position == "section" and section is None
            ):
                continue
            if not inside and cue.position != "section":
                continue
            for match in cue.pattern.finditer(sentence):
                cue_start = start + match.start()
                if cue.position == "section":
                    assert section is not None
                    s_lo = bisect.bisect_left(offsets, section[0])
                    s_hi = bisect.bisect_left(offsets, section[1])
                    pairs = _section_pairs(
                        cue,
                        inside,
                        placed[s_lo:s_hi],
                        cue_start,
                        provisions.own(cue_start),
                    )
                    span = (section[0], end)  # the heading names the object
                else:
                    own = provisions.own(cue_start)
                    pairs = _pairs(
                        document.text, cue, inside, start, cue_start, amended, own
                    )
                    span = (start, end)
                if cue.type is RelationType.AMENDS:
                    amended.extend((end, obj) for _, obj, _ in pairs)
                for subject, obj, kind in pairs:
                    key = (span[0], cue.type, subject, obj)
                    if subject == obj or key in seen:
                        continue
                    seen.add(key)
                    claims.append(
                        RelationClaim(
                            span[0],
                            span[1],
                            cue.type,
                            subject,
                            obj,
                            kind,
                            match.group(0),
                            cue.confidence,
                        )
                    )
    return claims


class _Provisions:
    """What a document says in its own name at an offset: the document itself (a
    letter, a decision), or in a regeling the innermost provision (artikel, lid,
    Vc paragraph) around the offset; None for a report."""

    def __init__(self, document: SourceDocument) -> None:
        self._document = document
        self._parts = sorted(
            (
                (d.start, d.end, d.pinpoint)
                for d in document.all_divisions()
                if d.pinpoint.as_dict()
            ),
            key=lambda part: (part[0], -part[1]),
        )
        self._starts = [start for start, _, _ in self._parts]

    def own(self, offset: int) -> WorkRef | None:
        document = self._document
        if document.kind not in _ACTING_KINDS:
            return None
        if document.kind is DocumentKind.REGELING:
            index = bisect.bisect_right(self._starts, offset)
            # The last part starting before the offset that still contains it is the
            # innermost one (parts nest; a child starts after its parent).
            for start, end, pinpoint in reversed(self._parts[:index]):
                if start <= offset < end:
                    return WorkRef(document.id, pinpoint)
        return WorkRef(document.id, Pinpoint())


def _ref(placed: _Placed) -> WorkRef:
    resolved = placed.reference
    assert resolved.work is not None
    return WorkRef(resolved.work, resolved.pinpoint)


def _pairs(
    text: str,
    cue: Cue,
    inside: Sequence[_Placed],
    sentence_start: int,
    cue_start: int,
    amended: Sequence[tuple[int, WorkRef]],
    own: WorkRef | None,
) -> list[tuple[WorkRef, WorkRef, ReferenceKind]]:
    """(subject, object) pairs for one cue match among the sentence's references."""
    fits = [p for p in inside if p.reference.reference.kind in cue.objects]
    before = [p for p in fits if p.offset < cue_start]
    # A reference may start inside the cue ("op grond van artikel 3.51 Vb").
    after = [p for p in fits if p.offset > cue_start]
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
    elif cue.position == "list":
        objects = _with_coordinated(after, text)
    elif cue.position == "after":
        objects = after
    else:
        objects = list(fits)
    if cue.type is RelationType.ELABORATES:
        # "op grond van artikel 3.51, eerste lid, aanhef en onder a, sub 1, Vb" read
        # without its number names the whole Vb: nothing to be an elaboration of.
        objects = [p for p in objects if p.reference.pinpoint.artikel]
        if _in_subordinate_clause(text, sentence_start, cue_start):
            return []
    # In a regeling the provision speaks for itself ("3. Onze Minister vormt het
    # contactpunt ter uitvoering van de Richtlijn 2008/115/EG"): it is the subject,
    # and its references to its own parts are cross-references, never subjects.
    provision = own is not None and bool(own.pinpoint.as_dict())
    others = [p for p in inside if own is None or p.reference.work != own.work]
    pairs: list[tuple[WorkRef, WorkRef, ReferenceKind]] = []
    for placed in objects:
        obj = _ref(placed)
        if cue.named_subject:
            pairs.extend(
                (subject, obj, placed.reference.reference.kind)
                for subject in _named_subjects(others, placed)
            )
            continue
        subject = own
        titled = _titled(inside, cue_start, obj)
        if cue.type not in _SUBJECT_IN_SENTENCE:
            pass
        elif amended:
            # Inside a decision's new text ("B5/2.2 … komt te luiden: …") the rule
            # that elaborates or derives is the part being rewritten.
            subject = amended[-1][1]
        elif titled is not None:
            subject = titled
        elif provision and cue.type is RelationType.ELABORATES:
            # "Op grond van artikel 3.105c, tweede lid, Vb kan …" opening a Vc
            # paragraph works that article out; further into a sentence "op grond van
            # artikel 29 Vw" mostly names a condition ("verleend op grond van"). An
            # article of the regeling itself is a cross-reference.
            opens = cue_start == sentence_start
            subject = own if opens and own and obj.work != own.work else None
        elif not provision:
            subject = _subject_in_sentence(others, obj, cue_start, cue.type) or (
                None if cue.type is RelationType.ELABORATES else own
            )
        if subject is not None:
            pairs.append((subject, obj, placed.reference.reference.kind))
    return pairs


# A clause opens at the sentence start or after one of these; a subordinating
# conjunction before the cue in the same clause makes "op grond van artikel …" part of
# a condition ("als de adoptiebeslissing op grond van artikel 10:108 BW van rechtswege
# wordt erkend", "nadat zijn uitzetting op grond van artikel 64 Vw … achterwege was
# gebleven"), not what the rule works out.
# A line often opens a list item in these texts: looking no further back abstains less.
_CLAUSE_OPENERS = "(;:•\n"
_SUBORDINATOR = re.compile(
    r"\b(?:als|indien|nadat|wanneer|zodra|tenzij|voordat|omdat|doordat|zodat|terwijl"
    r"|mits|totdat)\b",
    re.IGNORECASE,
)


def _in_subordinate_clause(text: str, sentence_start: int, cue_start: int) -> bool:
    opens = max(text.rfind(char, sentence_start, cue_start) for char in _CLAUSE_OPENERS)
    clause = text[max(opens + 1, sentence_start) : cue_start]
    return _SUBORDINATOR.search(clause) is not None


def _named_subjects(inside: Sequence[_Placed], obj: _Placed) -> list[WorkRef]:
    """The national rules the sentence names before the object."""
    return [
        _ref(p)
        for p in inside
        if p.offset < obj.offset
        and p.reference.reference.kind in _RULE_KINDS
        and p.reference.work != obj.reference.work
    ]


def _titled(inside: Sequence[_Placed], cue_start: int, obj: WorkRef) -> WorkRef | None:
    """The work whose cited title holds the cue: a publisher's link "artikel III Besluit
    van 9 april 2008 tot wijziging van het Vb … ter implementatie van richtlijn
    2004/83/EG" says the Besluit as a whole implements the directive."""
    for placed in inside:
        reference = placed.reference.reference
        work = placed.reference.work
        if (
            reference.start == placed.offset
            and reference.start < cue_start < reference.end
            and reference.kind in _RULE_KINDS
            and work is not None
            and work != obj.work
        ):
            return WorkRef(work, Pinpoint())
    return None


# "richtlijn X en richtlijn Y", "X, Y of Z": references joined by these alone.
_COORDINATION = re.compile(r"\s*(?:,|\ben\b|\bof\b)\s*(?:(?:de|het)\s+)?")


def _with_coordinated(after: Sequence[_Placed], text: str) -> list[_Placed]:
    """The first reference after the cue and those coordinated with it ("ter
    uitvoering van de richtlijn langdurig ingezetenen en de richtlijn 2009/50/EG")."""
    objects = list(after[:1])
    for placed in after[1:]:
        last = objects[-1].reference.reference
        here = placed.reference.reference
        if last.start != objects[-1].offset or here.start != placed.offset:
            break  # a footnote's reference: no text in between to read
        if not _COORDINATION.fullmatch(text, last.end, here.start):
            break
        objects.append(placed)
    return objects


def _section_pairs(
    cue: Cue,
    inside: Sequence[_Placed],
    in_heading: Sequence[_Placed],
    cue_start: int,
    own: WorkRef | None = None,
) -> list[tuple[WorkRef, WorkRef, ReferenceKind]]:
    """The one work of the cue's kinds the section heading names, with the rule the
    sentence names as subject — or, for an answer ("Ik kan u meedelen dat …" under
    a heading citing a toezegging), the document that speaks (``own``); nothing when
    the heading names several (which one is meant is unclear) or there is no
    subject."""
    fits = [p for p in in_heading if p.reference.reference.kind in cue.objects]
    if len({p.reference.work for p in fits}) != 1:
        return []
    obj = _ref(fits[0])
    if cue.type is RelationType.ANSWERS:
        return [] if own is None else [(own, obj, fits[0].reference.reference.kind)]
    subject = _subject_in_sentence(inside, obj, cue_start, cue.type)
    if subject is None:
        return []
    return [(subject, obj, fits[0].reference.reference.kind)]


def _subject_in_sentence(
    inside: Sequence[_Placed], obj: WorkRef, cue_start: int, type_: RelationType
) -> WorkRef | None:
    """The rule named in the sentence nearest the cue (a Vc paragraph, Vb article, the
    Staatscourant publication of a Vc change, a bill's Kamerstuk, or the Dutch law a
    bill changes "in verband met de implementatie van richtlijn …"), if any."""
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
            or (
                type_ is RelationType.IMPLEMENTS
                and p.reference.reference.kind is ReferenceKind.LEGISLATION
                and (p.reference.work or "").startswith("BWBR")
            )
        )
    ]
    if not candidates:
        return None
    nearest = min(candidates, key=lambda p: abs(p.offset - cue_start))
    return _ref(nearest)
