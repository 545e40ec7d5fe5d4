"""Toezeggingen (commitments to parliament) as a document mentions them.

A letter cites a toezegging by its TK id, usually in a footnote ("…bij de IND2" with
footnote 2 "TZ202505-006"). The toezegging's text is the sentence or heading carrying
the marker, its deadline the first one stated in the same paragraph (for a heading: the paragraph
below it), its bewindspersoon
the letter's signatory ("De Minister van Asiel en Migratie,\\n\\nD.M. van Weel"), and it
is answered by the works that ANSWERS claims name as its subject.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ingest.deadlines import parse_deadline
from ingest.identifiers import TOEZEGGING
from ingest.layout import heading_spans, paragraph_spans, split_sentences
from ingest.models import (
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
    today = reference_date or document.date or dt.date.today()
    headings = heading_spans(
        document.text, [(f.start, f.end) for f in document.footnotes]
    )
    sentences = split_sentences(document.text, headings)
    paragraphs = paragraph_spans(document.text)
    who = signatory(document.text)
    found: dict[str, Toezegging] = {}
    for resolved in references:
        work = resolved.work
        if work is None or not TOEZEGGING.match(work) or work in found:
            continue
        offset, marker_length = _position(document, resolved)
        start, end = _enclosing(sentences, offset)
        text = document.text[start:offset] + document.text[offset + marker_length : end]
        p_start, p_end = _enclosing(paragraphs, offset)
        if any(h_start <= offset <= h_end for h_start, h_end in headings):
            # A heading's deadline is in the paragraph below it.
            below = [span for span in paragraphs if span[0] >= p_end]
            if below:
                p_end = below[0][1]
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
            bewindspersoon=who[0] if who else None,
            functie=who[1] if who else None,
            deadline=parse_deadline(document.text[p_start:p_end], today),
            answered_by=answered,
        )
    return sorted(found.values(), key=lambda t: t.start)


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
