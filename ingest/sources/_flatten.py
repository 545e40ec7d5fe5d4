"""Text building shared by the structured readers (BWB 2012, rechtspraak, EU, publicaties).

A reader walks its tree once and writes lines into a :class:`TextBuilder`; while
writing it notes where divisions, links and footnote markers start and end. Spans are
taken while the text grows and trimmed of surrounding blanks once it is complete
(:func:`finish_division`, :func:`finish_link`), so every span slices real text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ingest.models import Division, EditorialLink, Footnote, Pinpoint

__all__ = [
    "PendingFootnote",
    "TextBuilder",
    "finish_division",
    "finish_link",
    "squash",
]

_SPACES = re.compile(r"\s+")


def squash(value: str) -> str:
    """Collapse layout whitespace (newlines, tabs, indentation, NBSP runs) to one blank."""
    return _SPACES.sub(" ", value)


@dataclass
class PendingFootnote:
    """A footnote met in the body: its number, its text and where it was called."""

    number: str
    text: str
    markers: list[int] = field(default_factory=list)


class TextBuilder:
    """Accumulates the flattened text line by line and knows the current offset."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.position = 0
        self.links: list[EditorialLink] = []
        self.footnotes: list[PendingFootnote] = []

    def text(self) -> str:
        return "".join(self._parts)

    def write(self, value: str) -> None:
        if value:
            self._parts.append(value)
            self.position += len(value)

    def since(self, position: int) -> str:
        """The text written from ``position`` on (a short tail: read from the end)."""
        if position >= self.position:
            return ""
        at, tail = self.position, []
        for part in reversed(self._parts):
            tail.append(part)
            at -= len(part)
            if at <= position:
                break
        return "".join(reversed(tail))[position - at :]

    def at_line_start(self) -> bool:
        return not self._parts or self._parts[-1].endswith("\n")

    def begin_line(self) -> None:
        """Make sure the next write starts a new line."""
        if not self.at_line_start():
            self.write("\n")

    def end_line(self) -> None:
        """Drop trailing blanks of the current line and close it."""
        self.trim_line_end()
        if not self.at_line_start():
            self.write("\n")

    def line(self, value: str) -> tuple[int, int]:
        """Write ``value`` (squashed) as a line of its own; its span, or an empty one."""
        self.begin_line()
        value = squash(value).strip()
        start = self.position
        self.write(value)
        end = self.position
        self.end_line()
        return start, end

    def inline(self, value: str, *, strip_start: bool = False) -> None:
        """Write running text, whitespace squashed; no blank at the start of a line."""
        value = squash(value)
        if strip_start or self.at_line_start():
            value = value.lstrip()
        self.write(value)

    def trim_line_end(self) -> None:
        while self._parts and self._parts[-1] != self._parts[-1].rstrip(" "):
            last = self._parts.pop()
            self.position -= len(last)
            kept = last.rstrip(" ")
            if kept:
                self._parts.append(kept)
                self.position += len(kept)
                break

    def add_link(
        self,
        start: int,
        target: str,
        work: str | None,
        pinpoint: Pinpoint | None = None,
    ) -> None:
        """Note a link from ``start`` to the current position (text filled in later)."""
        self.links.append(
            EditorialLink(
                start=start,
                end=self.position,
                text="",
                target=target,
                work=work,
                pinpoint=pinpoint or Pinpoint(),
            )
        )

    def note_footnote(self, number: str, text: str) -> None:
        """A footnote called here; repeated numbers gather their markers."""
        for pending in self.footnotes:
            if pending.number == number and pending.text == text:
                pending.markers.append(self.position)
                return
        self.footnotes.append(PendingFootnote(number, text, [self.position]))

    def write_footnotes(self, heading: str) -> tuple[Footnote, ...]:
        """Write the collected footnotes after the body, one line each ("1 text")."""
        if not self.footnotes:
            return ()
        self.begin_line()
        self.line(heading)
        written: list[Footnote] = []
        for pending in self.footnotes:
            self.begin_line()
            start = self.position
            self.write(f"{pending.number} ")
            self.inline(pending.text)
            end = self.position
            self.end_line()
            written.append(
                Footnote(
                    number=pending.number,
                    text=squash(pending.text).strip(),
                    start=start,
                    end=end,
                    markers=tuple(pending.markers),
                )
            )
        return tuple(written)


def _trimmed(start: int, end: int, text: str) -> tuple[int, int]:
    end = min(end, len(text))
    start = min(start, end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def finish_division(division: Division, text: str) -> Division:
    """The division (and its children) with spans trimmed of surrounding blanks."""
    start, end = _trimmed(division.start, division.end, text)
    return replace(
        division,
        start=start,
        end=end,
        children=tuple(finish_division(child, text) for child in division.children),
    )


def finish_link(link: EditorialLink, text: str) -> EditorialLink:
    """The link with its span trimmed and its text filled in from the final text."""
    start, end = _trimmed(link.start, link.end, text)
    return replace(link, start=start, end=end, text=text[start:end])
