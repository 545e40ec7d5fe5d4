"""Toezeggingen (commitments to parliament) as a document mentions them.

A letter cites a toezegging by its TK id, usually in a footnote ("…bij de IND2" with
footnote 2 "TZ202505-006"). The toezegging's text is the sentence or heading carrying
the marker, its deadline the first one stated in the same paragraph (for a heading: the
paragraph below it), and it is answered by the works that ANSWERS claims name as its
subject. Its bewindspersoon is the letter's signatory ("De Minister van Asiel en
Migratie,\\n\\nD.M. van Weel") for a commitment the letter itself makes, and for
one it reports only where the sentence speaks in the first person ("heb ik
toegezegd"): a commitment of a predecessor, or one reported impersonally, has none
rather than the wrong one (the Kamer's own record, where fetched, names who made it).

A Kamerbrief also makes commitments without a TK number: "Direct na afronding van dit
dossier – naar verwachting Q4 2025 – ontvangt uw Kamer een update". A sentence is one
when it promises the Kamer something (ontvangt uw Kamer, zal ik uw Kamer informeren,
kom ik … terug, zeg ik toe) *and* states when; :func:`stated_toezeggingen` gives each
as a COMMITMENT reference (``<letter>-toezegging-<n>``, the sentence its evidence), so
that it is linked, listed and dated like a numbered one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.deadlines import parse_deadline
from ingest.identifiers import STATED_TOEZEGGING, TOEZEGGING
from ingest.layout import heading_spans, paragraph_spans, split_sentences
from ingest.models import (
    DocumentKind,
    Reference,
    ReferenceKind,
    RelationClaim,
    RelationType,
    ResolvedReference,
    SourceDocument,
    Toezegging,
)

_SIGNATORY = re.compile(
    r"^\s*(?:De|Het)\s+(?P<functie>(?:Minister|Staatssecretaris|Minister-president)"
    r"\s+(?:van|voor)\s+[^\n,]+?)\s*,\s*\n(?:\s*\n)*\s*(?P<naam>[^\n]{3,60}?)\s*$",
    re.MULTILINE,
)


# A promise to the Kamer, in the forms letters use (lower-cased sentence); subject
# and verb in either order ("ik zal", "zal ik").
_WORDS = r"(?:\s+\S+){0,12}?"
_WE = r"(?:ik|wij|we|het\s+kabinet)"


def _either_order(verb: str) -> str:
    return rf"\b(?:{verb}\s+{_WE}|{_WE}\s+{verb})\b"


_PROMISE = re.compile(
    r"\b(?:ontvangt|krijgt)\s+(?:uw\s+kamer|u)\b"
    + "|"
    + _either_order("(?:zal|zullen)")
    + _WORDS
    + r"\s+(?:informeren|toesturen|sturen|toezenden|zenden|berichten|rapporteren"
    r"|terugkomen|aanbieden|op\s+de\s+hoogte\s+(?:stellen|houden))\b"
    r"|\b(?:informeer|stuur|zend|bericht|rapporteer)\s+(?:ik|wij|we)\b"
    + "|"
    + _either_order("(?:kom|komen|komt)")
    + _WORDS
    + r"\s+terug\b"
    + "|"
    + _either_order("(?:zeg|zeggen)")
    + _WORDS
    + r"\s+toe\b"
    r"|\buw\s+kamer\s+(?:zal|wordt)\b" + _WORDS + r"\s+ge[iï]nformeerd\b"
)
# What was done, not promised: "heb ik uw Kamer geïnformeerd", "is toegezegd".
_PAST = re.compile(
    r"\b(?:heb|hebben|had|hadden)\s+(?:ik|wij|we)\b|\b(?:is|werd|was)\s+toegezegd\b"
)
# The sentence speaks for the signatory; a predecessor's commitment does not.
_FIRST_PERSON = re.compile(r"\b(?:ik|mij|mijn)\b")
_PREDECESSOR = re.compile(r"\b(?:ambts)?voorganger\b")


def stated_toezeggingen(
    document: SourceDocument, references: Sequence[ResolvedReference] = ()
) -> list[ResolvedReference]:
    """The commitments a Kamerbrief states without a TK number, one COMMITMENT
    reference each (work ``<letter>-toezegging-<n>`` in text order, span: the
    sentence): sentences that promise the Kamer something and say when, that are no
    account of the past, and that carry no TZ-numbered toezegging already."""
    if document.kind is not DocumentKind.KAMERBRIEF:
        return []
    today = document.date or dt.date.today()
    layout = _Layout.of(document)
    # What a numbered toezegging's paragraph says (its deadline, under a heading the
    # paragraph below) is about that one, not a new commitment.
    taken = [
        layout.scope(_position(document, r)[0])
        for r in references
        if r.work is not None and TOEZEGGING.match(r.work)
    ]
    notes = [(f.start, f.end) for f in document.footnotes]
    found: list[ResolvedReference] = []
    for start, end in layout.sentences:
        if any(s <= start < e for s, e in (*notes, *taken)):
            continue
        sentence = document.text[start:end]
        lowered = sentence.lower()
        if not _PROMISE.search(lowered) or _PAST.search(lowered):
            continue
        if parse_deadline(sentence, today) is None:
            continue
        lead = len(sentence) - len(sentence.lstrip())
        text = sentence.strip()
        work = f"{document.id}-toezegging-{len(found) + 1}"
        found.append(
            ResolvedReference(
                Reference(
                    start + lead,
                    start + lead + len(text),
                    text,
                    ReferenceKind.COMMITMENT,
                    (("toezegging", work),),
                ),
                work,
            )
        )
    return found


def signatory(text: str) -> tuple[str, str] | None:
    """(name, function) of the last signatory block in ``text``, if any."""
    found = list(_SIGNATORY.finditer(text))
    if not found:
        return None
    last = found[-1]
    return last.group("naam").strip(), last.group("functie").strip()


def extract_toezeggingen(
    document: SourceDocument,
    references: Sequence[ResolvedReference],
    relations: Sequence[RelationClaim] = (),
    *,
    reference_date: dt.date | None = None,
) -> list[Toezegging]:
    """One Toezegging per TZ id the document cites (first mention), in text order.

    Args:
        document: the citing document (a Kamerbrief, usually).
        references: its resolved references (COMMITMENT ones are used).
        relations: its relation claims; ANSWERS claims fill ``answered_by``.
        reference_date: resolves relative deadlines; default the document's date.
    """
    if not any(
        r.work and (TOEZEGGING.match(r.work) or STATED_TOEZEGGING.match(r.work))
        for r in references
    ):
        return []  # the layout of a whole law is not read for nothing
    today = reference_date or document.date or dt.date.today()
    layout = _Layout.of(document)
    who = signatory(document.text)
    found: dict[str, Toezegging] = {}
    for resolved in references:
        work = resolved.work
        if work is None or work in found:
            continue
        stated = bool(STATED_TOEZEGGING.match(work))
        if not stated and not TOEZEGGING.match(work):
            continue
        offset, marker_length = _position(document, resolved)
        start, end = _enclosing(layout.sentences, offset)
        text = document.text[start:offset] + document.text[offset + marker_length : end]
        # The letter's own commitment is its signatory's; one it reports (by TZ
        # number) is only where the sentence speaks in the first person.
        made_here = stated or _speaks_for(text)
        # Its own sentence says when a stated one is due; a numbered one's paragraph.
        p_start, p_end = (start, end) if stated else layout.scope(offset)
        answered = tuple(
            sorted(
                {
                    claim.subject.work
                    for claim in relations
                    if claim.type is RelationType.ANSWERS and claim.object.work == work
                }
            )
        )
        found[work] = Toezegging(
            id=work,
            document=document.id,
            text=" ".join(text.split()),
            start=start,
            end=end,
            bewindspersoon=who[0] if who and made_here else None,
            functie=who[1] if who and made_here else None,
            deadline=parse_deadline(document.text[p_start:p_end], today),
            answered_by=answered,
        )
    return sorted(found.values(), key=lambda t: t.start)


@dataclass(frozen=True, slots=True)
class _Layout:
    """A letter's headings, sentences and paragraphs (spans in its text)."""

    headings: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]

    @classmethod
    def of(cls, document: SourceDocument) -> _Layout:
        headings = heading_spans(
            document.text, [(f.start, f.end) for f in document.footnotes]
        )
        return cls(
            headings,
            split_sentences(document.text, headings),
            paragraph_spans(document.text),
        )

    def scope(self, offset: int) -> tuple[int, int]:
        """The paragraph of the toezegging marked at ``offset``: for a heading, the
        paragraph below it (where its deadline stands)."""
        start, end = _enclosing(self.paragraphs, offset)
        if any(h_start <= offset <= h_end for h_start, h_end in self.headings):
            below = [span for span in self.paragraphs if span[0] >= end]
            if below:
                end = below[0][1]
        return start, end


def _speaks_for(sentence: str) -> bool:
    """Whether the signatory makes the commitment the sentence states: it speaks in
    the first person and not of a predecessor."""
    lowered = sentence.lower()
    return bool(_FIRST_PERSON.search(lowered)) and not _PREDECESSOR.search(lowered)


def _position(document: SourceDocument, resolved: ResolvedReference) -> tuple[int, int]:
    """Where the reference stands in the body: its footnote's first marker, or itself
    (marker length 0 then, so nothing is cut from the sentence)."""
    start = resolved.reference.start
    for footnote in document.footnotes:
        if footnote.start <= start < footnote.end and footnote.markers:
            return footnote.markers[0], len(footnote.number)
    return start, 0


def _enclosing(spans: Sequence[tuple[int, int]], offset: int) -> tuple[int, int]:
    for start, end in spans:
        if start <= offset < end:
            return start, end
    return offset, offset
