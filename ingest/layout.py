"""Where sentences, paragraphs and headings stand in a document's plain text.

Texts come in two layouts: hard-wrapped (PDF extractions, lines cut at a fixed width,
paragraphs separated by blank lines) and one line per paragraph (web pages, OpenTK).
A heading is a short line (or up to three lines) that does not end as a sentence does
and has text below it ("Motie Boomsma over … doorlopen8", "Regels omtrent werk …
(Hof van Justitie van de Europese Unie, Chavez-Vilchez59)"); it names what the text
below it is about, so it is a sentence of its own and the context of that text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

Span = tuple[int, int]

# A sentence ends at . ! or ? (plus a footnote marker glued to it) before whitespace
# and a capital, quote or bracket, unless the dot is inside a number ("A1/5.3 Vc");
# a blank line always ends one.
_SENTENCE_END = re.compile(r"(?<![\d/])[.!?]\d{0,3}(?=\s+[A-Z‘“\"(\[])")
# Inside a heading not even "in 2019. Het …" may stand.
_ANY_SENTENCE_END = re.compile(r"[.!?]\d{0,3}\s+[A-Z]")
LONG_LINE = 200
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")

MAX_HEADING = 250  # characters; longer is a paragraph
MAX_HEADING_LINES = 3  # in hard-wrapped text
# In hard-wrapped text a heading's last line stops short of the text width (the body
# lines run to the margin): shorter than this share of the usual line length.
SHORT_LINE = 0.85
# A line ending in these continues (or ends) a sentence, so it is no heading; a
# footnote marker or closing bracket after the last word is stripped first.
_NOT_HEADING_END = (".", ",", ";", ":", "!", "?", "-", "–")
_TRAILING_MARKER = re.compile(
    r"(?<=[^\W\d_)\]])\d{1,3}(?=[)\]’”\"]*$)"  # "doorlopen8", "Chavez-Vilchez59)"
    r"|(?<=[^\W\d_][.!?])\d{1,3}$"  # "besproken.8" (not "Artikel 3.71")
    r"|[)\]’”\"]+$"
)
# A line ending in an article, preposition or conjunction runs on: no heading.
_RUNS_ON = frozenset(
    {
        "de", "het", "een", "van", "en", "of", "in", "op", "te", "voor", "met",
        "aan", "die", "dat", "bij", "naar", "om", "tot", "uit", "over", "door",
        "als", "is", "zijn", "wordt", "worden", "dan", "maar", "ook", "niet",
    }
)  # fmt: skip
_STARTS_HEADING = re.compile(r"[A-ZÀ-Ý0-9‘“\"]")


def split_sentences(text: str, headings: Sequence[Span] | None = None) -> list[Span]:
    """Sentence spans: blank lines end paragraphs, sentence ends split paragraphs.

    In text with one line per paragraph (web pages, not hard-wrapped PDF text) a line
    break ends a sentence too. A heading (``heading_spans``, or the ``headings``
    given) is a sentence of its own, so it never runs into the text below it.
    """
    if headings is None:
        headings = heading_spans(text)
    spans: list[Span] = []
    blocks = _paragraphs(text) if hard_wrapped(text) else _lines(text)
    heading_ends = sorted(end for _, end in headings)
    for para_start, para_end in blocks:
        breaks = [m.end() for m in _SENTENCE_END.finditer(text, para_start, para_end)]
        lo = bisect.bisect_right(heading_ends, para_start)
        hi = bisect.bisect_left(heading_ends, para_end)
        start = para_start
        for end in sorted({*breaks, *heading_ends[lo:hi]}):
            if end <= start:
                continue
            spans.append((start, end))
            start = end
            while start < para_end and text[start].isspace():
                start += 1
        if start < para_end:
            spans.append((start, para_end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def paragraph_spans(text: str) -> list[Span]:
    """Spans of the blank-line separated paragraphs of ``text``."""
    return list(_paragraphs(text))


def hard_wrapped(text: str) -> bool:
    """Whether the text is wrapped at a fixed width: under a third of it stands in
    lines longer than ``LONG_LINE`` characters."""
    lengths = [len(line) for line in text.splitlines() if line.strip()]
    long = sum(length for length in lengths if length > LONG_LINE)
    return long * 3 < sum(lengths)


def heading_spans(text: str, exclude: Sequence[Span] = ()) -> list[Span]:
    """Spans of the headings in ``text`` (from the first character of the heading to
    the end of its last line, footnote markers included), in text order.

    Args:
        text: the document text.
        exclude: spans that hold no headings (footnote texts: "11 TZ202505-125").
    """
    lines = list(_lines(text))
    if not lines:
        return []
    if hard_wrapped(text):
        found = _wrapped_headings(text, lines)
    else:
        found = [
            (start, end)
            for index, (start, end) in enumerate(lines[:-1])
            if _could_head(text[start:end]) and _ends_as_heading(text[start:end])
        ]
    return [
        (start + len(text[start:end]) - len(text[start:end].lstrip()), end)
        for start, end in found
        if not any(s < end and start < e for s, e in exclude)
    ]


def section_heading(headings: Sequence[Span], offset: int) -> Span | None:
    """The heading above ``offset`` (the last one ending at or before it), if any."""
    index = bisect.bisect_right(headings, offset, key=lambda span: span[1]) - 1
    return headings[index] if index >= 0 else None


def _wrapped_headings(text: str, lines: Sequence[Span]) -> list[Span]:
    """Headings in hard-wrapped text: the first one to three lines of a paragraph, up
    to a line that stops short of the usual width, does not end a sentence and is
    followed by a line opening a sentence (or by the next paragraph)."""
    lengths = sorted(end - start for start, end in lines)
    width = lengths[int(len(lengths) * 0.8)]
    starts = [start for start, _ in lines]
    found = []
    for para_start, para_end in _paragraphs(text):
        first = bisect.bisect_left(starts, para_start)
        last = bisect.bisect_left(starts, para_end, first)
        mine = lines[first : min(last, first + MAX_HEADING_LINES + 1)]
        if not mine or not _could_head(text[mine[0][0] : mine[0][1]]):
            continue
        for index, (start, end) in enumerate(mine[:MAX_HEADING_LINES]):
            line = text[start:end]
            head = text[mine[0][0] : end]
            if _ANY_SENTENCE_END.search(head) or len(head) > MAX_HEADING:
                break
            following = mine[index + 1] if index + 1 < len(mine) else None
            opens = following is None or bool(
                _STARTS_HEADING.match(text[following[0] : following[1]])
            )
            if line.rstrip().endswith(_NOT_HEADING_END):
                break  # a heading's lines run on; this is a sentence wrapping
            if _ends_as_heading(line) and len(line) < SHORT_LINE * width and opens:
                if following is not None or para_end < len(text.rstrip()):
                    found.append((mine[0][0], end))
                break
    return found


def _could_head(line: str) -> bool:
    stripped = line.strip()
    return 3 <= len(stripped) <= MAX_HEADING and bool(_STARTS_HEADING.match(stripped))


def _ends_as_heading(line: str) -> bool:
    """Whether a line ends as a heading does: on a word, a bracket or a footnote
    marker, never on sentence punctuation, and has no sentence end inside."""
    stripped = line.strip()
    if _SENTENCE_END.search(stripped):
        return False
    core = _TRAILING_MARKER.sub("", stripped).rstrip()
    last = core.rsplit(None, 1)[-1].lower() if core else ""
    return bool(core) and not core.endswith(_NOT_HEADING_END) and last not in _RUNS_ON


def _lines(text: str) -> Iterator[Span]:
    start = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            yield start, start + len(line.rstrip())
        start += len(line)


def _paragraphs(text: str) -> Iterator[Span]:
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if match.start() > start:
            yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)
