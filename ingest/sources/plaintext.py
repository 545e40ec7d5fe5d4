"""Read plain text of government documents (PDF or web-page text) into a SourceDocument.

The text is kept exactly as decoded from the file, so every offset (footnote spans,
footnote markers) points into the unmodified text and evidence quotes stay exact. Page
headers, footers and page numbers, and words broken at a line end, are found
(``ingest.sources.pdftext``) and recorded as spans, not removed.

Footnotes come in two shapes:

* PDF text: footnote texts at page ends as lines ``"7 Kamerstukken II 2023/2024, …"``
  (number, blank or tab, text; continuation lines follow), markers in the body as
  digits glued to a word (``"motie-Paternotte c.s.7"``, ``"Van den Brink56"``).
* OpenTK web pages: all footnotes at the end as ``"  1. Tweede Kamer, …↩︎"``.

Footnote numbers run 1, 2, 3… through a document, so a line starting with a number is
only taken as a footnote when it belongs to the longest increasing run of such lines,
and a glued digit run is only taken as a marker when it is the next footnote number
(or a run of the next numbers, "56" → 5, 6) not yet called.

Metadata comes from a sidecar ``<stem>.meta.json`` next to the text file when there is
one; otherwise it is inferred from the text where possible, with the file stem as id.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ingest.deadlines import MONTHS
from ingest.errors import SourceError
from ingest.identifiers import gazette_id
from ingest.models import DocumentKind, DocumentMetadata, Footnote, SourceDocument
from ingest.sources.pdftext import find_hyphenations, find_page_furniture

__all__ = ["read_plaintext", "sidecar_path"]

logger = logging.getLogger(__name__)

#: How far (in characters) a PDF footnote marker may lie from its footnote text.
MARKER_MAX_DISTANCE = 8_000


# A PDF footnote line: optional single leading space, 1-3 digits, blanks/tab, text.
_PDF_NOTE_LINE = re.compile(r"^ ?(?P<num>\d{1,3})(?:[ ]*\t[ ]?|[ ]+)(?P<body>\S.*)$")
# An OpenTK footnote: "  1. Tweede Kamer, …↩︎" (the return arrow may lack U+FE0E/F).
_WEB_NOTE_LINE = re.compile(
    r"^\s+(?P<num>\d{1,3})\.\s+(?P<body>.*?)\s*(?:↩\ufe0e?|↩︎)\s*$"
)
# A digit run glued to the end of a word or to closing punctuation.
_GLUED_DIGITS = re.compile(r"(?<=[^\s\d])\d{1,7}(?![\w])")
# A marker separated from the sentence by one blank: "… gebruik. 22 In 2026".
_SPACED_DIGITS = re.compile(r"(?<=[.;:)’”] )\d{1,3}(?= [A-Z]|[ \t]*$)", re.MULTILINE)
# A marker glued to a year standing alone: "2024148" (2024 + footnote 148).
_YEAR_DIGITS = re.compile(r"(?<!\S)(?:19|20)\d\d\d{1,3}(?!\w)")
_CLOSING_PUNCT = ".,;:)’”'\"?!]"
_YEAR = re.compile(r"(?:19|20)\d\d")

_TK_NUMMER = re.compile(
    r"Nummer:\s*(?P<nummer>\d{4}D\d{5}),\s*datum:\s*(?P<date>\d{4}-\d\d-\d\d)"
)
_TK_ZAAK = re.compile(r"zaak\s+(?P<zaak>\d{4}Z\d{5})")
_KST_HEADER = re.compile(
    r"^\s*(?P<dossier>\d{5})(?: (?P<suffix>[A-Z]{1,5}))?\s+(?P<titel>\S.*)$",
    re.MULTILINE,
)
_KST_NR = re.compile(r"^\s*Nr\.\s*(?P<nr>\d+)\s+(?P<titel>\S.*?)\s*$", re.MULTILINE)
# A Staatscourant/Staatsblad page footer: "Staatscourant 2013 nr. 27834".
_GAZETTE_FOOTER = re.compile(
    r"\b(?P<series>Staatscourant|Staatsblad)\s+(?P<year>\d{4})\s+nr\.\s*(?P<number>\d+)"
)
_GAZETTE_SERIES = {"Staatscourant": "stcrt", "Staatsblad": "stb"}
_DEN_HAAG = re.compile(
    r"Den Haag,\s*(?P<day>\d{1,2})\s+(?P<month>[a-z]+)\s+(?P<year>\d{4})"
)


@dataclass(frozen=True, slots=True)
class _NoteLine:
    number: int
    start: int  # offset of the footnote text (after the number)
    end: int  # end of the line's text, trailing blanks excluded
    line_index: int


def read_plaintext(path: Path) -> SourceDocument:
    """Read a plain-text government document with its footnotes and metadata.

    Args:
        path: a UTF-8 ``.txt``/``.md`` file; an optional ``<stem>.meta.json`` next to it
            supplies id, kind, title, date and official identifiers.

    Returns:
        A SourceDocument whose ``text`` is the whole file as decoded, whose
        ``footnotes`` carry the span of each footnote text and the offsets of its
        marker(s) in the body, and whose ``furniture`` (page headers, footers and
        numbers) and ``hyphenations`` (words broken at a line end) tell reference
        extraction what to read past (:func:`ingest.sources.pdftext.extraction_text`).

    Raises:
        SourceError: the file cannot be decoded or its sidecar is malformed.

    Example:
        >>> doc = read_plaintext(Path("corpus/seeds/kamerbrief-2025D33530-….txt"))
        >>> doc.id, len(doc.footnotes)
        ('2025D33530', 11)
    """
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(str(path), f"not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise SourceError(str(path), f"cannot read file ({error.strerror})") from None
    # Furniture first from blank-line page breaks alone (a footer line may look like
    # a footnote), then again with the footnote blocks, which mark page feet too.
    footnotes = find_footnotes(text, find_page_furniture(text))
    if footnotes and footnotes[0].number != "1":  # an excerpt, or a note lost
        first = int(footnotes[0].number)
        logger.warning("%s: footnotes 1-%d not found in the text", path, first - 1)
    furniture = find_page_furniture(text, [(f.start, f.end) for f in footnotes])
    sidecar = _read_sidecar(path)
    inferred = _infer_metadata(text, path)
    inferred.update(_publication_in_furniture(text, furniture))
    merged = {**inferred, **{k: v for k, v in sidecar.items() if v not in (None, "")}}
    document = _build_document(path, text, merged, footnotes)
    return replace(
        document,
        furniture=furniture,
        hyphenations=find_hyphenations(text, skip=furniture),
    )


def sidecar_path(path: Path) -> Path:
    """The metadata sidecar of a text file: ``<stem>.meta.json`` in the same folder."""
    return path.with_name(f"{path.stem}.meta.json")


def find_footnotes(
    text: str, furniture: Sequence[tuple[int, int]] = ()
) -> tuple[Footnote, ...]:
    """Footnote texts and their body markers in ``text`` (offsets into ``text``).

    ``furniture`` (page headers and footers, :func:`find_page_furniture`) is neither
    a footnote ("7 Staatscourant 2013 nr. 27834 …" starts like footnote 7) nor holds
    markers.
    """
    notes = _web_note_lines(text)
    web_layout = bool(notes)
    if not web_layout:
        notes = _pdf_note_lines(text, furniture)
    if not notes:
        return ()
    spans = [(note.start, note.end) for note in notes]
    markers = _find_markers(
        text, notes, spaced=not web_layout, near=not web_layout, furniture=furniture
    )
    if not web_layout:
        called = sum(1 for note in notes if markers.get(note.number))
        if called * 2 < len(notes):
            # Numbered lines that are hardly ever called are lists or tables of
            # contents, not footnotes.
            logger.info("numbered lines without markers are not footnotes: %d", called)
            return ()
    return tuple(
        Footnote(
            number=str(note.number),
            text=text[start:end],
            start=start,
            end=end,
            markers=tuple(markers.get(note.number, ())),
        )
        for note, (start, end) in zip(notes, spans, strict=True)
    )


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the line break."""
    spans: list[tuple[int, int]] = []
    position = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        spans.append((position, position + len(stripped)))
        position += len(line)
    return spans


def _web_note_lines(text: str) -> list[_NoteLine]:
    notes: list[_NoteLine] = []
    for index, (start, end) in enumerate(_lines(text)):
        match = _WEB_NOTE_LINE.match(text[start:end])
        if match:
            notes.append(
                _NoteLine(
                    int(match["num"]),
                    start + match.start("body"),
                    start + match.end("body"),
                    index,
                )
            )
    chain = _longest_run(notes)
    return chain if len(chain) >= 1 and chain[0].number <= 3 else []


def _pdf_note_lines(
    text: str, furniture: Sequence[tuple[int, int]] = ()
) -> list[_NoteLine]:
    lines = _lines(text)
    furniture_starts = {start for start, _ in furniture}
    candidates: list[_NoteLine] = []
    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        if start + len(line) - len(line.lstrip()) in furniture_starts:
            continue
        match = _PDF_NOTE_LINE.match(text[start:end])
        if match:
            body_start = start + match.start("body")
            body_end = start + len(text[start:end].rstrip())
            candidates.append(_NoteLine(int(match["num"]), body_start, body_end, index))
    chain = _longest_run(candidates)
    if len(chain) < 2:
        return []
    return _extend_continuations(text, lines, chain)


def _longest_run(candidates: list[_NoteLine]) -> list[_NoteLine]:
    """The longest subsequence (in text order) numbered n, n+1, n+2, …"""
    best_len: list[int] = []
    previous: list[int] = []
    best_by_number: dict[int, int] = {}  # number → index of the best chain ending there
    for index, candidate in enumerate(candidates):
        before = best_by_number.get(candidate.number - 1)
        length = best_len[before] + 1 if before is not None else 1
        best_len.append(length)
        previous.append(before if before is not None else -1)
        current = best_by_number.get(candidate.number)
        if current is None or best_len[current] < length:
            best_by_number[candidate.number] = index
    if not candidates:
        return []
    end = max(range(len(candidates)), key=lambda i: (best_len[i], -i))
    chain: list[_NoteLine] = []
    while end != -1:
        chain.append(candidates[end])
        end = previous[end]
    return chain[::-1]


def _extend_continuations(
    text: str, lines: list[tuple[int, int]], chain: list[_NoteLine]
) -> list[_NoteLine]:
    """Grow each footnote over its continuation lines.

    A continuation line is non-blank and does not start with a blank (page text after
    the footnotes starts indented in these PDF extractions). After a blank line the
    footnote goes on only when the next line is directly followed by the next footnote.
    """
    starts = {note.line_index for note in chain}
    grown: list[_NoteLine] = []
    for position, note in enumerate(chain):
        next_index = (
            chain[position + 1].line_index if position + 1 < len(chain) else None
        )
        end = note.end
        index = note.line_index + 1
        while index < len(lines) and index not in starts:
            line = text[lines[index][0] : lines[index][1]]
            if line.strip() and not line[0].isspace():
                end = lines[index][0] + len(line.rstrip())
                index += 1
                continue
            if not line.strip():
                ahead = index
                while ahead < len(lines) and not text[slice(*lines[ahead])].strip():
                    ahead += 1
                resumed = text[slice(*lines[ahead])] if ahead < len(lines) else ""
                if (
                    next_index is not None
                    and ahead + 1 == next_index
                    and resumed
                    and not resumed[0].isspace()
                ):
                    end = lines[ahead][0] + len(resumed.rstrip())
            break
        grown.append(_NoteLine(note.number, note.start, end, note.line_index))
    return grown


def _find_markers(
    text: str,
    notes: list[_NoteLine],
    *,
    spaced: bool,
    near: bool,
    furniture: Sequence[tuple[int, int]] = (),
) -> dict[int, list[int]]:
    """Offsets of the body markers of each footnote number.

    Every digit run that could be a marker is read in each possible way (one number,
    consecutive numbers "56" → 5, 6, a year with a marker glued on "20243" → 3); the
    chosen readings are the largest set whose numbers increase with their offsets, so a
    stray "Q2" before the real marker of footnote 1 loses to the consistent sequence.
    """
    by_number = {note.number: note for note in notes}
    excluded = sorted([(note.start, note.end) for note in notes] + list(furniture))
    runs: list[tuple[int, str, bool]] = [
        (m.start(), m.group(), False) for m in _GLUED_DIGITS.finditer(text)
    ]
    if spaced:
        runs += [(m.start(), m.group(), True) for m in _SPACED_DIGITS.finditer(text)]
        runs += [(m.start(), m.group(), True) for m in _YEAR_DIGITS.finditer(text)]
    readings: list[tuple[int, list[tuple[int, int]], float]] = []
    for offset, digits, loose in sorted(set(runs)):
        if _inside(offset, excluded) or not _glued_ok(text, offset):
            continue
        for parts in _readings(digits, by_number):
            if near and any(
                abs(by_number[number].start - offset) > MARKER_MAX_DISTANCE
                for number, _ in parts
            ):
                continue
            weight = len(parts) - (0.25 if loose else 0.0)
            readings.append((offset, parts, weight))
    chosen = _best_increasing(readings, max(by_number) + 1)
    markers: dict[int, list[int]] = {}
    for offset, parts, _ in chosen:
        for number, relative in parts:
            markers.setdefault(number, []).append(offset + relative)
    return markers


def _readings(
    digits: str, by_number: dict[int, _NoteLine]
) -> list[list[tuple[int, int]]]:
    """The ways a digit run can call footnotes: [(number, offset in run), …]."""
    found: list[list[tuple[int, int]]] = []
    if int(digits) in by_number and len(digits) <= 3:
        found.append([(int(digits), 0)])
    for size in range(1, 4):
        first = int(digits[:size])
        split = _split_consecutive(digits, first, by_number)
        if split:
            found.append(split)
    tail = digits[4:]
    year_mark = _YEAR.fullmatch(digits[:4]) and tail[:1] not in ("", "0")
    if year_mark and int(tail) in by_number:
        found.append([(int(tail), 4)])
    return found


def _best_increasing(
    readings: list[tuple[int, list[tuple[int, int]], float]], size: int
) -> list[tuple[int, list[tuple[int, int]], float]]:
    """The heaviest chain of readings with increasing offsets and footnote numbers.

    ``readings`` is sorted by offset; a Fenwick tree over footnote numbers keeps the
    best chain ending at or below each number, so this is O(n log size).
    """
    tree: list[tuple[float, int]] = [(0.0, -1)] * (size + 1)

    def query(number: int) -> tuple[float, int]:
        best = (0.0, -1)
        index = number + 1
        while index > 0:
            best = max(best, tree[index])
            index -= index & -index
        return best

    def update(number: int, value: tuple[float, int]) -> None:
        index = number + 1
        while index <= size:
            if value > tree[index]:
                tree[index] = value
            index += index & -index

    score: list[float] = []
    previous: list[int] = []
    position = 0
    while position < len(readings):
        group_end = position
        while (
            group_end < len(readings)
            and readings[group_end][0] == readings[position][0]
        ):
            group_end += 1
        for index in range(position, group_end):
            _, parts, weight = readings[index]
            best, before = query(parts[0][0] - 1)
            score.append(best + weight)
            previous.append(before)
        for index in range(position, group_end):
            update(readings[index][1][-1][0], (score[index], index))
        position = group_end
    if not readings:
        return []
    last = max(range(len(readings)), key=lambda i: (score[i], -i))
    chain: list[tuple[int, list[tuple[int, int]], float]] = []
    while last != -1:
        chain.append(readings[last])
        last = previous[last]
    return chain[::-1]


def _split_consecutive(
    digits: str, first: int, by_number: dict[int, _NoteLine]
) -> list[tuple[int, int]] | None:
    parts: list[tuple[int, int]] = []
    position = 0
    number = first
    while position < len(digits):
        label = str(number)
        if number not in by_number or not digits.startswith(label, position):
            return None
        parts.append((number, position))
        position += len(label)
        number += 1
    return parts if len(parts) >= 2 else None


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _glued_ok(text: str, offset: int) -> bool:
    """Reject decimals ("3.4", "1,5") but keep a year followed by a mark ("2019.1")."""
    before = text[offset - 1] if offset else ""
    if before in _CLOSING_PUNCT and offset >= 2 and text[offset - 2].isdigit():
        head = re.search(r"\d+$", text[max(0, offset - 12) : offset - 1])
        return bool(head and _YEAR.fullmatch(head.group()))
    return before not in "-/+–_#€$%&@=*"


def _read_sidecar(path: Path) -> dict[str, Any]:
    sidecar = sidecar_path(path)
    try:
        exists = sidecar.is_file()
    except OSError:  # the text file's name is too long to have a sidecar beside it
        return {}
    if not exists:
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SourceError(
            str(sidecar), f"malformed metadata sidecar ({error})"
        ) from None
    if not isinstance(data, dict):
        raise SourceError(str(sidecar), "metadata sidecar is not a JSON object")
    for key, value in data.items():
        # every field is text (or null), indieners a list of names: anything else
        # would go into the graph as Python's repr of it
        expected = "a list of text" if key == "indieners" else "text"
        if key == "indieners" and value is not None:
            valid = isinstance(value, list) and all(isinstance(v, str) for v in value)
        else:
            valid = value is None or isinstance(value, str)
        if not valid:
            found = type(value).__name__.replace("str", "text")
            raise SourceError(
                str(sidecar), f"metadata field {key!r} is {found}, expected {expected}"
            )
    return data


def _infer_metadata(text: str, path: Path) -> dict[str, Any]:
    """What the text itself says about the document (a sidecar overrides it)."""
    found: dict[str, Any] = {"id": path.stem}
    head = text[:6000]
    tk = _TK_NUMMER.search(head)
    if tk:
        found.update(id=tk["nummer"], tk_nummer=tk["nummer"], date=tk["date"])
        found["kind"] = str(DocumentKind.KAMERBRIEF)
        zaak = _TK_ZAAK.search(head)
        if zaak:
            found["zaak"] = zaak["zaak"]
    kst, nr = _KST_HEADER.search(head[:1500]), _KST_NR.search(head[:2500])
    if kst and nr:
        dossier = kst["dossier"] + (f"-{kst['suffix']}" if kst["suffix"] else "")
        found.update(
            id=f"kst-{dossier}-{nr['nr']}",
            dossiernummer=dossier.replace("-", " "),
            ondernummer=nr["nr"],
            title=nr["titel"],
        )
        if nr["titel"].lower().startswith("brief"):
            found["kind"] = str(DocumentKind.KAMERBRIEF)
    den_haag = _DEN_HAAG.search(head)
    if den_haag and den_haag["month"] in MONTHS and "date" not in found:
        found["date"] = dt.date(
            int(den_haag["year"]), MONTHS[den_haag["month"]], int(den_haag["day"])
        ).isoformat()
    if "title" not in found:
        title = _first_title_line(head)
        if title:
            found["title"] = title
    return found


def _publication_in_furniture(
    text: str, furniture: Sequence[tuple[int, int]]
) -> dict[str, str]:
    """The official publication a running footer names ("7 Staatscourant 2013 nr.
    27834 9 oktober 2013": the document is stcrt-2013-27834), when all name one."""
    found = {
        gazette_id(_GAZETTE_SERIES[match["series"]], match["year"], match["number"])
        for start, end in furniture
        if (match := _GAZETTE_FOOTER.search(text, start, end))
    }
    if len(found) != 1:
        return {}
    (publication,) = found
    return {
        "publicatie": publication,
        "official_url": f"https://zoek.officielebekendmakingen.nl/{publication}",
    }


def _first_title_line(head: str) -> str | None:
    for line in head.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("[") or _PDF_NOTE_LINE.match(line):
            continue
        return stripped
    return None


_METADATA_FIELDS = (
    "bwb_id",
    "soort",
    "dossiernummer",
    "ondernummer",
    "vergaderjaar",
    "tk_nummer",
    "zaak",
    "official_url",
)
_DOCUMENT_FIELDS = {"id", "kind", "title", "date", "indieners", "valid_from"}


def _build_document(
    path: Path, text: str, data: dict[str, Any], footnotes: tuple[Footnote, ...]
) -> SourceDocument:
    try:
        kind = DocumentKind(data.get("kind", DocumentKind.PUBLICATIE))
    except ValueError:
        raise SourceError(
            str(path), f"unknown document kind {data['kind']!r}"
        ) from None
    try:
        date = dt.date.fromisoformat(data["date"]) if data.get("date") else None
        valid_from = (
            dt.date.fromisoformat(data["valid_from"])
            if data.get("valid_from")
            else None
        )
    except (TypeError, ValueError):
        raise SourceError(str(path), "metadata date is not an ISO date") from None
    extra = tuple(
        sorted(
            (key, str(value))
            for key, value in data.items()
            if key not in _DOCUMENT_FIELDS
            and key not in _METADATA_FIELDS
            and value not in (None, "")
        )
    )
    metadata = DocumentMetadata(
        **{name: _str_or_none(data.get(name)) for name in _METADATA_FIELDS},
        indieners=tuple(data.get("indieners") or ()),
        valid_from=valid_from,
        valid_until=None,  # a sidecar states no end of validity
        extra=extra,
    )
    return SourceDocument(
        id=str(data.get("id") or path.stem),
        kind=kind,
        title=str(data.get("title") or path.stem),
        text=text,
        path=str(path),
        date=date,
        metadata=metadata,
        footnotes=footnotes,
    )


def _str_or_none(value: Any) -> str | None:
    return None if value in (None, "") else str(value)
