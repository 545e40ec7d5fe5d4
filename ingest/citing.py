"""The citing regeling of a plain text: which work it is and where its parts lie.

``wetgraaf extract`` reads plain text without the metadata a BWB XML carries. For the
text of a law to resolve as the same law read from its XML does ("deze wet", "dit
artikel", "het tweede lid", a bare "artikel 12"), the context needs the regeling's own
id and its parts. The id is given (``--work``) or detected here from the text's own
title line; the parts come from its layout: "Artikel 12" heading lines, "Hoofdstuk 3
Toelating"-style division headings and "1. " lid lines, as the BWB reader lays a law
out. Only a text laid out as a regeling (article headings) gets a work detected: a
letter that opens with a law's name is not that law.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.models import CONTEXT_PART_KINDS, ArticleSpan, CitingContext, PartSpan
from ingest.tables import load_alias_table

__all__ = ["detect_work", "regeling_parts", "text_context"]

_NUMBER = r"[\dIVXLC][\w.:]{0,14}"
# "Artikel 3.105d", "Artikel 1. Begripsbepalingen", "ARTIKEL 12"
_ARTICLE_HEADING = re.compile(
    rf"(?m)^[ \t]*(?:Artikel|ARTIKEL)[ \t]+(?P<num>{_NUMBER}?)\.?"
    r"(?:[ \t]+[A-Z][^\n]{0,120}(?<![.;:,]))?[ \t]*$"
)
# "Hoofdstuk 3 Toelating", "Afdeling 1. Algemeen", "§ 2"
_DIVISION_HEADING = re.compile(
    r"(?m)^[ \t]*(?P<kw>Hoofdstuk|HOOFDSTUK|Titel|TITEL|Afdeling|AFDELING|Paragraaf"
    rf"|PARAGRAAF|§)[ \t]+(?P<num>{_NUMBER}?)\.?(?:[ \t]+[A-Z][^\n]{{0,160}})?[ \t]*$"
)
_LID_LINE = re.compile(r"(?m)^[ \t]*(?P<num>\d{1,2}[a-z]?)\.[ \t]+\S")
_DIVISION_KIND = {
    "hoofdstuk": "hoofdstuk",
    "titel": "titeldeel",
    "afdeling": "afdeling",
    "paragraaf": "paragraaf",
    "§": "paragraaf",
}
_LEVEL = {kind: level for level, kind in enumerate(CONTEXT_PART_KINDS)}
_TITLE_LINES = 12  # the title stands in the first lines, before the first article
_CITED_AS = re.compile(
    r"(?m)^[ \t]*(?:\d{1,2}\.[ \t]+)?(?:Deze|Dit)[ \t]+(?:wet|rijkswet|besluit|regeling"
    r"|circulaire|voorschrift)[ \t]+(?:kan[ \t]+worden|wordt)[ \t]+aangehaald[ \t]+als"
    r":?[ \t]*(?:de[ \t]+|het[ \t]+)?(?P<title>[^\n;]{3,150}?)\.?[ \t]*$"
)
_CITEERTITEL_AT_END = re.compile(r"\((?P<title>[^()]{3,150})\)[ \t.]*$")


def regeling_parts(text: str) -> tuple[PartSpan, ...]:
    """The hoofdstukken, titels, afdelingen, paragrafen, artikelen and leden of a text
    laid out as a regeling, each spanning from its heading to the next heading of the
    same or a higher level (sorted as ``CitingContext.parts`` wants them)."""
    headings: list[tuple[int, str, str]] = [
        (m.start(), "artikel", m.group("num").rstrip("."))
        for m in _ARTICLE_HEADING.finditer(text)
    ]
    if not headings:
        return ()
    headings += [
        (m.start(), _DIVISION_KIND[m.group("kw").lower()], m.group("num").rstrip("."))
        for m in _DIVISION_HEADING.finditer(text)
    ]
    headings.sort()
    article_starts = [start for start, kind, _ in headings if kind == "artikel"]
    lids = []
    for m in _LID_LINE.finditer(text):
        if article_starts and m.start() > article_starts[0]:
            lids.append((m.start(), "lid", m.group("num")))
    headings = sorted(headings + lids)
    parts: list[PartSpan] = []
    for index, (start, kind, number) in enumerate(headings):
        level = _LEVEL[kind]
        end = len(text)
        for later, later_kind, _number in headings[index + 1 :]:
            if _LEVEL[later_kind] <= level:
                end = later
                break
        if kind == "lid":  # a lid line before any article of this text
            article = _enclosing(parts, start, "artikel")
            if article is None:
                continue
            end = min(end, article.end)
        parts.append(PartSpan(start, end, kind, number))
    return tuple(sorted(parts, key=lambda part: (part.start, -part.end)))


def _enclosing(parts: list[PartSpan], offset: int, kind: str) -> PartSpan | None:
    for part in reversed(parts):
        if part.kind == kind and part.start <= offset < part.end:
            return part
    return None


def detect_work(text: str) -> str | None:
    """The BWB id of the regeling the text is, when it is laid out as a regeling:
    the title that opens it ("Vreemdelingenwet 2000", "Wet van 23 november 2000 tot …
    (Vreemdelingenwet 2000)") or its citeertitel article ("Deze wet wordt aangehaald
    als: Vreemdelingenwet 2000."), looked up in the title tables
    (``regeling_titles.csv``, the BWB citeertitels). None when neither names a known
    regeling, or when they name different ones."""
    first_article = _ARTICLE_HEADING.search(text)
    if first_article is None:
        return None
    table = load_alias_table()
    folded = {
        name.lower(): entry.work
        for name, entry in table.items()
        if entry.work.startswith("BWB") and not entry.abbreviation and len(name) > 4
    }
    found: set[str] = set()
    for line in text[: first_article.start()].splitlines()[:_TITLE_LINES]:
        title = " ".join(line.split()).rstrip(".;:")
        work = folded.get(title.lower())
        at_end = _CITEERTITEL_AT_END.search(title)
        if work is None and at_end:  # the long title ends in its citeertitel
            work = folded.get(" ".join(at_end.group("title").split()).lower())
        if work is not None:
            found.add(work)
            break
    for m in _CITED_AS.finditer(text):  # "Deze wet wordt aangehaald als: …"
        work = folded.get(" ".join(m.group("title").split()).lower())
        if work is not None:
            found.add(work)
    # two titles that name different works (an amending act quoting another's
    # citeertitel article): which one the text is, is not said
    return found.pop() if len(found) == 1 else None


def text_context(text: str, work: str | None = None) -> CitingContext:
    """The context of a plain text: ``work`` (or the one detected from its title,
    see :func:`detect_work`) with the parts its layout shows; a text that is no
    regeling gets an empty context."""
    work = work or detect_work(text)
    if work is None:
        return CitingContext()
    parts = regeling_parts(text)
    articles = tuple(
        ArticleSpan(part.start, part.end, part.number)
        for part in parts
        if part.kind == "artikel"
    )
    return replace(
        CitingContext(work=work), parts=parts, articles=articles, partial=True
    )
