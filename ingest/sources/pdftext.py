"""Page furniture and line-end hyphenation in text extracted from PDFs.

PDF text carries the printed page's layout: running headers and footers with page
numbers ("7 Staatscourant 2013 nr. 27834 9 oktober 2013", "29 | De Staat van
Migratie 2025", "Pagina 3 van 12") between the pages, and words broken at a line end
("vreemde-\\nlingen"). The document text keeps all of it (offsets are indices into
the file's text); this module finds where they are, and builds the text that
reference extraction reads instead: :func:`extraction_text` blanks the furniture and
rejoins broken words *without changing the text's length*, so offsets, footnote
spans and every other span of the document stay valid for it, and the few characters
that move (a rejoined word's second half) map back with
:meth:`ExtractionText.source_span`.

Page boundaries are form feeds, runs of three or more blank lines, and the edges of a
footnote block (footnotes sit at a page's foot). A line next to a boundary is
furniture when it is a page number ("Pagina 3 van 12", "- 3 -", "3"), or when the
same line, numbers aside, stands next to a boundary at least twice (a running header
or footer: identical, or differing only in a page number that grows). A running line
is then furniture wherever it stands, also where the text shows no page boundary, and
so are two of them run together (a two-page spread, "6 | De Staat van Migratie 2025 7
| De Staat van Migratie 2025"). "Pagina n van m" is furniture wherever it stands.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ingest.models import ResolvedReference

__all__ = [
    "ExtractionText",
    "extraction_text",
    "find_hyphenations",
    "find_page_furniture",
]

Span = tuple[int, int]

#: How many non-blank lines on each side of a page boundary may be furniture.
EDGE_LINES = 2
#: Furniture lines are short; a longer line next to a boundary is body text.
MAX_FURNITURE = 120

_FORM_FEED = "\f"
_BLANK_RUN = re.compile(r"\n(?:[ \t\u00a0\f]*\n){3,}")
_PAGE_OF = re.compile(
    r"^(?:pagina|page|blz\.?|p\.)\s*\d{1,4}(?:\s*(?:van|of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
# A page number alone: "3", "- 3 -", "3/12" (three digits at most: a lone "2024" near
# a page break is a table cell or a year, not a page).
_PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*\d{1,3}\s*[-–—]|\d{1,3}(?:\s*/\s*\d{1,3})?)$")
# A number as printed: "3", "2025", "4.1", "34.640", "12-02-2020".
_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")
_SPACES = re.compile(r"\s+")
# A word broken at the end of a line: a lower-case letter, a hyphen, the line break,
# and a lower-case letter opening the next line (after any indentation).
_BROKEN_WORD = re.compile(r"(?<=[a-zà-ÿ])-(?:\r?\n)[ \t]*(?=[a-zà-ÿ])")
# After these the hyphen stands for a shared word part ("migratie-\nen asielbeleid"),
# it does not break a word.
_ELLIPTIC_NEXT = frozenset({"en", "of", "tot", "noch"})
_WORD = re.compile(r"[\w-]+")


def find_page_furniture(text: str, footnotes: Iterable[Span] = ()) -> tuple[Span, ...]:
    """Spans of page headers, footers and page numbers in PDF text, in text order.

    Args:
        text: the document text.
        footnotes: spans of footnote texts already found; a footnote block marks the
            foot of a page, and a footnote is never furniture.

    Returns:
        One span per furniture line (the line without its line break and without
        surrounding blanks).

    >>> text = "Tekst.\\n\\n\\n\\n3 | De Staat\\n\\nMeer tekst.\\n\\n\\n\\n4 | De Staat\\n"
    >>> [text[s:e] for s, e in find_page_furniture(text)]
    ['3 | De Staat', '4 | De Staat']
    """
    lines = _line_spans(text)
    notes = sorted(footnotes)
    note_lines = {i for i, span in enumerate(lines) if _overlaps(span, notes)}
    edges = _edge_lines(text, lines, note_lines)
    by_key: dict[str, list[int]] = defaultdict(list)
    for index in sorted(edges):
        by_key[_key(text, lines[index])].append(index)
    elsewhere: dict[str, int] = defaultdict(int)
    for index, span in enumerate(lines):
        if index not in edges and index not in note_lines:
            key = _key(text, span)
            if key in by_key:
                elsewhere[key] += 1
    running = {
        key
        for key, found in by_key.items()
        if _running(text, lines, found, [edges[i] for i in found])
        and elsewhere[key] <= len(found)
    }
    spread = {f"{key} {key}" for key in running}
    furniture: set[int] = set()
    for index in edges:
        stripped = _stripped(text, lines[index])
        if _PAGE_OF.match(stripped) or _PAGE_NUMBER.match(stripped):
            furniture.add(index)
    # A running header or footer, once seen at page edges, is furniture wherever it
    # stands (a page boundary the text does not show by blank lines).
    for index, span in enumerate(lines):
        if index in note_lines:
            continue
        stripped = _stripped(text, span)
        key = _key(text, span)
        if _PAGE_OF.match(stripped) or key in running or key in spread:
            furniture.add(index)
    return tuple(_trimmed(text, lines[index]) for index in sorted(furniture))


def _running(
    text: str, lines: list[Span], indices: list[int], boundaries: list[set[int]]
) -> bool:
    """Whether the lines (same key) are one running header or footer.

    They stand at two or more page boundaries, not on neighbouring lines, do not end as a sentence or a caption
    does, and are the same text apart from at most one number that grows through the
    document (the page number) — not a section number ("4.1 Inleiding", "6.1
    Inleiding") or a table row whose figures differ.
    """
    if len(indices) < 2 or len(set().union(*boundaries)) < 2:
        return False
    if any(b - a <= EDGE_LINES for a, b in zip(indices, indices[1:], strict=False)):
        return False  # repeated on neighbouring lines: a duplicate, not a page edge
    texts = [_stripped(text, lines[index]) for index in indices]
    if texts[0].endswith((".", ":", ";", ",")):
        return False
    numbers = [_NUMBER.findall(line) for line in texts]
    varying = [
        position
        for position in range(len(numbers[0]))
        if len({found[position] for found in numbers}) > 1
    ]
    if not varying:
        return True
    if len(varying) > 1:
        return False
    pages = [found[varying[0]] for found in numbers]
    if not all(page.isdigit() and len(page) <= 4 for page in pages):
        return False
    return all(int(a) <= int(b) for a, b in zip(pages, pages[1:], strict=False))


def find_hyphenations(text: str, skip: Sequence[Span] = ()) -> tuple[int, ...]:
    """Offsets of the hyphens of words broken at a line end ("vreemde-\\nlingen").

    A hyphen counts when a lower-case letter stands before it and the next line opens
    with a lower-case letter; not when the next word is "en"/"of"/"tot"/"noch" (the
    hyphen then stands for a shared word part, "migratie-\\nen asielbeleid"), when the
    broken token is part of a URL or path (its hyphens are its own), or inside a
    ``skip`` span.

    >>> find_hyphenations("de Vreemdelingen-\\nwet en migratie-\\nen asielbeleid")
    (16,)
    """
    spans = sorted(skip)
    found: list[int] = []
    for match in _BROKEN_WORD.finditer(text):
        hyphen = match.start()
        following = _WORD.match(text, match.end())
        if following is None or following.group().lower() in _ELLIPTIC_NEXT:
            continue
        token = _token_before(text, hyphen)
        if "/" in token or token.startswith("www."):
            continue
        if _overlaps((hyphen, match.end()), spans):
            continue
        found.append(hyphen)
    return tuple(found)


def _token_before(text: str, hyphen: int) -> str:
    """The run of non-blank characters on the line before ``hyphen``."""
    line_start = text.rfind("\n", 0, hyphen) + 1
    before = text[line_start:hyphen]
    return before.rsplit(None, 1)[-1] if before.strip() else ""


def _keeps_hyphen(text: str, words: frozenset[str], hyphen: int, fragment: str) -> bool:
    """Whether the rejoined word keeps its hyphen.

    The document itself decides where it can: the word as it is written elsewhere in
    the text (``words``, lower-cased), hyphenated ("start-ups", "niet-tijdelijke") or
    not ("Daarnaast", "Europees"). Otherwise the hyphen stays after an abbreviation
    ("Wav-\\nregelgeving", "EU-\\nburger": part of the compound's spelling) and goes
    elsewhere.
    """
    head = re.split(r"[^\w]", _token_before(text, hyphen))[-1]
    hyphenated = f"{head}-{fragment}".lower() in words
    joined = (head + fragment).lower() in words
    if hyphenated != joined:
        return hyphenated
    return head.isupper() or (head[:1].isupper() and len(head) <= 3)


@dataclass(frozen=True, slots=True)
class ExtractionText:
    """The text reference extraction reads, as long as the document text.

    ``moves`` records each rejoined word: ``(start, length, shift)`` says the
    ``length`` characters at ``start`` in ``text`` stand at ``start + shift`` in the
    document text. Every other character is where it is in the document text.
    """

    text: str
    moves: tuple[tuple[int, int, int], ...] = ()

    def source_span(self, start: int, end: int) -> Span:
        """The span of the document text that ``text[start:end]`` was read from.

        >>> view = extraction_text("de Vreemdelingen-\\nwet 2000", hyphenations=(16,))
        >>> view.text
        'de Vreemdelingenwet\\n  2000'
        >>> view.source_span(3, 19)
        (3, 21)
        """
        if not self.moves or end <= start:
            return start, end
        return self._source(start), self._source(end - 1) + 1

    def in_source(
        self, references: Iterable[ResolvedReference], source: str
    ) -> list[ResolvedReference]:
        """References found in ``text`` with spans and quotes of the ``source`` text
        (a rejoined word is quoted as printed, "Vreemdelingen-\\nwet")."""
        mapped: list[ResolvedReference] = []
        for resolved in references:
            reference = resolved.reference
            start, end = self.source_span(reference.start, reference.end)
            if (start, end) != (reference.start, reference.end):
                reference = replace(
                    reference, start=start, end=end, text=source[start:end]
                )
            mapped.append(replace(resolved, reference=reference))
        return mapped

    def _source(self, offset: int) -> int:
        index = bisect.bisect_right(self.moves, (offset, float("inf"), 0)) - 1
        if index >= 0:
            move_start, length, shift = self.moves[index]
            if move_start <= offset < move_start + length:
                return offset + shift
        return offset


def extraction_text(
    text: str, furniture: Sequence[Span] = (), hyphenations: Sequence[int] = ()
) -> ExtractionText:
    """``text`` with furniture blanked and broken words rejoined, length unchanged.

    Furniture characters become blanks (line breaks stay). A broken word's second
    half moves up to close the gap left by the hyphen and line break, which move
    behind it as a line break and blanks: "Vreemdelingen-\\nwet 2000" reads
    "Vreemdelingenwet\\n  2000" (after an abbreviation the hyphen stays:
    "Wav-\\nregelgeving" reads "Wav-regelgeving\\n ").
    """
    if not furniture and not hyphenations:
        return ExtractionText(text)
    chars = list(text)
    for start, end in furniture:
        for index in range(start, end):
            if chars[index] not in "\r\n":
                chars[index] = " "
    moves: list[tuple[int, int, int]] = []
    # The broken words themselves never occur whole (a line break splits them), so
    # every occurrence of a word in this set is one elsewhere in the text.
    words = frozenset(_WORD.findall(text.lower())) if hyphenations else frozenset()
    for hyphen in sorted(hyphenations):
        match = _BROKEN_WORD.match(text, hyphen)
        if match is None:
            raise ValueError(f"no broken word at offset {hyphen}")
        word = _WORD.match(text, match.end())
        assert word is not None  # the pattern requires a letter there
        fragment = word.group()
        kept = 1 if _keeps_hyphen(text, words, hyphen, fragment) else 0
        gap = match.end() - hyphen - kept
        chars[hyphen + kept : word.end()] = [*fragment, "\n", *" " * (gap - 1)]
        moves.append((hyphen + kept, len(fragment), gap))
    return ExtractionText("".join(chars), tuple(moves))


def _line_spans(text: str) -> list[Span]:
    """(start, end) of every line split at "\n" only (a form feed stays in its line),
    the end excluding the line break."""
    spans: list[Span] = []
    position = 0
    for line in text.split("\n"):
        end = position + len(line)
        spans.append((position, end - 1 if line.endswith("\r") else end))
        position = end + 1
    return spans


def _stripped(text: str, span: Span) -> str:
    return text[span[0] : span[1]].strip(" \t\u00a0\f")


def _trimmed(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start] in " \t\u00a0\f":
        start += 1
    while end > start and text[end - 1] in " \t\u00a0\f":
        end -= 1
    return start, end


def _key(text: str, span: Span) -> str:
    """A line with its numbers and spacing neutralised: "# | De Staat van Migratie #"."""
    return _SPACES.sub(" ", _NUMBER.sub("#", _stripped(text, span))).strip()


def _overlaps(span: Span, spans: Sequence[Span]) -> bool:
    index = bisect.bisect_left(spans, (span[1], span[1]))
    return any(s < span[1] and span[0] < e for s, e in spans[max(0, index - 2) : index])


def _edge_lines(
    text: str, lines: list[Span], note_lines: set[int]
) -> dict[int, set[int]]:
    """The non-blank, short, non-footnote lines next to a page boundary, each with the
    boundaries (numbered in text order) it stands next to."""
    blank = [not _stripped(text, span) for span in lines]
    boundaries: list[tuple[int, int]] = []  # (last line before, first line after)
    starts = [start for start, _ in lines]
    for match in _BLANK_RUN.finditer(text):
        before = bisect.bisect_right(starts, match.start()) - 1
        after = bisect.bisect_left(starts, match.end())
        boundaries.append((before, after))
    for index, (start, end) in enumerate(lines):
        feed = text.find(_FORM_FEED, start, end)
        if feed == -1:
            continue
        if text[start:feed].strip():  # "…last words\f": the page ends in this line
            boundaries.append((index, index + 1))
        else:  # "\fFirst words…": the page starts with this line
            boundaries.append((index - 1, index))
    for index in sorted(note_lines):
        if index - 1 not in note_lines:
            boundaries.append((index - 1, -1))  # the foot of a page's body text
        if index + 1 not in note_lines:
            boundaries.append((-1, index + 1))  # the head of the next page
    found: dict[int, set[int]] = defaultdict(set)
    for number, (before, after) in enumerate(sorted(set(boundaries))):
        for index in (*_walk(blank, before, -1), *_walk(blank, after, +1)):
            found[index].add(number)
    return {
        index: numbers
        for index, numbers in found.items()
        if index not in note_lines
        and len(_stripped(text, lines[index])) <= MAX_FURNITURE
    }


def _walk(blank: list[bool], index: int, step: int) -> list[int]:
    """Up to EDGE_LINES non-blank line indices from ``index`` in direction ``step``."""
    found: list[int] = []
    while 0 <= index < len(blank) and len(found) < EDGE_LINES:
        if not blank[index]:
            found.append(index)
        index += step
    return found
