"""Read CJEU judgments as EUR-Lex publishes them (English XHTML) into SourceDocuments.

Two layouts carry the same judgment: the judgment body alone (an XML fragment with
root ``body``, as in ``corpus/cjeu``) and a full EUR-Lex / Cellar XHTML page
(``html/body``, as ``wetgraaf fetch eurlex`` brings it). Both mark the judgment with
the same paragraph classes: ``p.sum-title-1`` (the heading "JUDGMENT OF THE COURT
(Second Chamber)", the date, "Judgment"), ``p.index`` (the keywords), ``p.normal``
(text) and, in a two-column table, ``p.count`` with ``id="pointN"`` (the number of a
paragraph of the grounds) beside the paragraph's text.

The text is one line per ``p``; a numbered paragraph opens with its number ("29 It
should be noted …") and is a Division of kind ``punt``; a numbered or dashed list item
inside it opens with its marker ("(c) …", "– …"). The footnote (the language of the
case) is written after the body. The publisher's links to rulings
(``?uri=ecli:ECLI…``, ``?urn=ecli:ECLI…``, ``?uri=CELEX:6…``) and acts
(``?uri=CELEX:3…``) become EditorialLinks with the anchor text as evidence; the
anchors of one citation ("C‑243/15, EU:C:2016:838, paragraph 50": three links to
the same ruling) are one link. Links to an Official Journal issue (``?uri=OJ:L:…:TOC``)
name no act and are left as text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

from lxml import etree  # type: ignore[import-untyped]

from ingest.errors import SourceError
from ingest.identifiers import CELEX, ECLI
from ingest.models import (
    Division,
    DocumentKind,
    DocumentMetadata,
    EditorialLink,
    SourceDocument,
)
from ingest.sources._flatten import TextBuilder, finish_division, finish_link, squash
from ingest.sources._xml import parse_html, parse_xml

__all__ = ["judgment_short_name", "looks_like_cjeu_judgment", "read_cjeu_judgment"]

_FILE_ECLI = re.compile(r"^ECLI_([A-Z]{2})_([A-Z0-9]{1,7})_(\d{4})_([A-Z0-9]+)$")
_ECLI_TEXT = re.compile(r"\bECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]*[A-Z0-9]")
_LINK_ECLI = re.compile(r"(?i)\becli:(ECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]+)")
_LINK_CELEX = re.compile(r"(?i)\bCELEX:(\d{5}[A-Z]{1,2}\d{4})")
_RULING_CELEX = re.compile(r"^6\d{4}[A-Z]{2}\d{4}$")
_OWN_CELEX = re.compile(rb"\bECR_(6\d{4}[A-Z]{2}\d{4})_")
_CASE = re.compile(
    r"\b([CTF])\s?[-\u2010\u2011\u2013]\s?(\d{1,4})/(\d{2})(\s?PPU|\s?P)?\b"
)
_DATE = re.compile(r"\b(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})\b")
_MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        start=1,
    )
}
_COURTS = {  # the ECLI court code: (English name, Dutch name)
    "C": ("Court of Justice", "Hof van Justitie"),
    "T": ("General Court", "Gerecht"),
    "F": ("Civil Service Tribunal", "Gerecht voor ambtenarenzaken"),
}
_SKIP = frozenset({"script", "style", "head", "col", "colgroup", "hr", "img", "nav"})
# Between two anchors of one citation: "C‑243/15, EU:C:2016:838, paragraph 50",
# "paragraphs 30 and 31"
_SAME_CITATION = re.compile(r"(?:[\s,]|\b(?:paragraphs?|points?|and|to)\b)*")
# "Mr Sacko", "Ms Fahimian": how the judgment names a party
_PERSON_TITLE = r"\b(?:Mr|Ms|Mrs|Miss)\.?\s+"


def looks_like_cjeu_judgment(data: bytes) -> bool:
    """Whether a file is an EUR-Lex judgment: a ``body`` fragment or an XHTML page with
    the judgment's heading (``p.sum-title-1``) and numbered paragraphs
    (``p.count`` with ``id="point…"``).

    >>> looks_like_cjeu_judgment(b'<body><p class="sum-title-1">JUDGMENT</p>'
    ...     b'<p class="count" id="point1">1</p></body>')
    True
    """
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not (head.startswith(b"<") and (b"<body" in head or b"<html" in head)):
        return False
    return (
        b'class="sum-title-1"' in data
        and re.search(rb'class="count"\s+id="point\d', data) is not None
    )


def read_cjeu_judgment(path: Path, data: bytes | None = None) -> SourceDocument:
    """Read a CJEU judgment (EUR-Lex English XHTML, the body alone or the whole page).

    Args:
        path: the file (``data`` may carry its bytes when already read).
        data: the file's bytes, if the caller has them.

    Returns:
        An UITSPRAAK SourceDocument: id = the ECLI (from the file name
        ``ECLI_EU_C_2017_591.xml``, else the page's metadata or header), title
        "Judgment of the Court (Second Chamber) of 26 July 2017, Sacko, C-348/16",
        date = the judgment's date, numbered paragraphs as Divisions of kind
        ``punt``, the publisher's links as EditorialLinks, and in
        ``metadata.extra`` the court (``instantie``, ``court``), ``kamer``,
        ``zaaknummer`` (each case, "C-348/16"), ``celex``, ``partijen``, ``naam``
        (the short name, when the judgment names a party "Mr Sacko") and
        ``trefwoorden`` (the keywords).

    Raises:
        SourceError: unreadable or broken file, no judgment paragraphs, or no ECLI.

    Example:
        >>> doc = read_cjeu_judgment(Path("corpus/cjeu/ECLI_EU_C_2017_591.xml"))
        >>> doc.id, doc.date, dict(doc.metadata.extra)["naam"]
        ('ECLI:EU:C:2017:591', datetime.date(2017, 7, 26), 'Sacko')
    """
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise SourceError(
                str(path), f"cannot read file ({error.strerror})"
            ) from None
    root = _parse(path, data)
    body = next((e for e in root.iter() if _name(e) == "body"), None)
    if body is None:
        raise SourceError(str(path), "EUR-Lex judgment without a <body>")
    paragraphs = [
        (_classes(p), squash("".join(p.itertext())).strip())
        for p in body.iter()
        if _name(p) == "p"
    ]
    if not any("sum-title-1" in classes for classes, _text in paragraphs):
        raise SourceError(str(path), "no judgment heading (p.sum-title-1)")
    ecli = _own_ecli(path, root, body)
    walker = _Walker(_notes(body))
    walker.walk(body)
    if not walker.points:
        raise SourceError(str(path), "no numbered paragraphs (p.count id=pointN)")
    body_end = walker.builder.position
    footnotes = walker.builder.write_footnotes("Notes")
    text = walker.builder.text()
    links = _one_per_citation(
        [finish_link(link, text) for link in walker.builder.links], text
    )
    heading = next(t for c, t in paragraphs if "sum-title-1" in c)
    chamber = re.search(r"\(([^()]*)\)", heading)
    date = _judgment_date(paragraphs)
    cases = _case_numbers(paragraphs)
    parties = _parties(body)
    name = judgment_short_name(parties, text)
    court = _COURTS.get(ecli.split(":")[2], ("", ""))
    extra: list[tuple[str, str]] = []
    if court[1]:
        extra += [("instantie", court[1]), ("court", court[0])]
    if chamber:
        extra.append(("kamer", chamber.group(1)))
    extra += [("zaaknummer", case) for case in cases]
    celex = _own_celex(data)
    if celex:
        extra.append(("celex", celex))
    party_line = _party_line(paragraphs)
    if party_line:
        extra.append(("partijen", party_line))
    if name:
        extra.append(("naam", name))
    keywords = " ".join(t for c, t in paragraphs if "index" in c)
    if keywords:
        extra.append(("trefwoorden", keywords))
    title = _title(heading, date, name, cases) or ecli
    whole = Division(
        kind="uitspraak",
        number=ecli,
        start=0,
        end=body_end,
        label=title,
        children=tuple(walker.points),
    )
    return SourceDocument(
        id=ecli,
        kind=DocumentKind.UITSPRAAK,
        title=title,
        text=text,
        path=str(path),
        date=date,
        metadata=DocumentMetadata(
            soort="uitspraak",
            official_url=(
                "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=ecli:" + ecli
            ),
            extra=tuple(extra),
        ),
        divisions=(finish_division(whole, text),),
        footnotes=footnotes,
        links=tuple(links),
    )


def judgment_short_name(parties: list[str], text: str) -> str | None:
    """The name a judgment calls its case by: the end of a party's name that the text
    uses most after "Mr"/"Ms" (at least twice): "Moussa Sacko" + "Mr Sacko" → "Sacko",
    "Mohammad Khir Amayry" + "Mr Khir Amayry" → "Khir Amayry". None when no party is
    named so (an anonymised "M", "X and X"), rather than a guess.

    >>> judgment_short_name(["Moussa Sacko"], "Mr Sacko said … Mr Sacko’s appeal")
    'Sacko'
    """
    counts: Counter[str] = Counter()
    for party in parties:
        words = re.findall(r"[^\W\d_][\w-]*", party)
        for size in range(1, min(3, len(words)) + 1):
            suffix = " ".join(words[-size:])
            if len(suffix) < 2 or not suffix[0].isupper():
                continue
            pattern = _PERSON_TITLE + re.escape(suffix).replace(r"\ ", r"\s+")
            counts[suffix] = len(re.findall(pattern + r"(?![\w-])", text))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], -len(item[0])))
    if not ranked or ranked[0][1] < 2:
        return None
    return ranked[0][0]


# -- parsing -------------------------------------------------------------------------


def _parse(path: Path, data: bytes) -> etree._Element:
    """The page as a tree: well-formed XML (the fragment, XHTML) by the safe parser,
    else (a served HTML page) by the HTML parser."""
    if not data.strip():
        raise SourceError(str(path), "empty file")
    try:
        return parse_xml(path, data)
    except SourceError:
        if b"<html" not in data[:4096].lower():
            raise
    return parse_html(path, data)


def _name(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


def _own_ecli(path: Path, root: etree._Element, body: etree._Element) -> str:
    """The judgment's ECLI: from the file name, else from the page's metadata, else
    from the page header before the judgment's heading (never from a citation)."""
    named = _FILE_ECLI.match(path.stem)
    if named:
        ecli = "ECLI:" + ":".join(named.groups())
        if ECLI.match(ecli):
            return ecli
    for meta in root.iter():
        if _name(meta) == "meta":
            found = _ECLI_TEXT.fullmatch((meta.get("content") or "").strip())
            if found:
                return found.group()
    for element in body.iter():
        if "sum-title-1" in _classes(element):
            break
        if isinstance(element.tag, str):
            found = _ECLI_TEXT.search(element.text or "")
            if found:
                return found.group()
    raise SourceError(str(path), "judgment without an ECLI (file name, meta or header)")


def _own_celex(data: bytes) -> str | None:
    """The judgment's CELEX, as its footnote anchors carry it (``c-ECR_62016CJ0348_…``)."""
    found = {m.group(1).decode() for m in _OWN_CELEX.finditer(data)}
    return found.pop() if len(found) == 1 else None


def _notes(body: etree._Element) -> dict[str, str]:
    """Footnote texts by the id of their anchor (``t-ECR_…``): the text after the
    marker in a ``p.note``."""
    notes: dict[str, str] = {}
    for p in body.iter():
        if _name(p) != "p" or "note" not in _classes(p):
            continue
        for anchor in p.iter():
            if _name(anchor) == "a" and anchor.get("id"):
                marker = (
                    anchor.getparent()
                    if _name(anchor.getparent()) == "span"
                    else anchor
                )
                rest = [marker.tail or ""]
                for sibling in marker.itersiblings():
                    rest.append("".join(sibling.itertext()) + (sibling.tail or ""))
                notes[anchor.get("id")] = squash("".join(rest)).lstrip(") ").strip()
                break
    return notes


def _judgment_date(paragraphs: list[tuple[set[str], str]]) -> dt.date | None:
    for classes, text in paragraphs:
        if "sum-title-1" not in classes:
            continue
        found = _DATE.search(text)
        if found and found.group(2) in _MONTHS:
            day, month, year = found.groups()
            try:
                return dt.date(int(year), _MONTHS[month], int(day))
            except ValueError:
                return None
    return None


def _case_numbers(paragraphs: list[tuple[set[str], str]]) -> list[str]:
    """The cases decided ("In Case C‑348/16,", "In Joined Cases C‑…"), hyphen ASCII."""
    for _kinds, text in paragraphs:
        if re.match(r"In (?:Joined )?Cases?\b", text):
            return [
                f"{court}-{number}/{year}" + (f" {suffix.strip()}" if suffix else "")
                for court, number, year, suffix in _CASE.findall(text)
            ]
    return []


def _judgment_start(body: etree._Element) -> Iterator[etree._Element]:
    """The paragraphs from "In Case …" up to "THE COURT …"."""
    started = False
    for p in body.iter():
        if _name(p) != "p":
            continue
        text = squash("".join(p.itertext())).strip()
        if not started:
            started = bool(re.match(r"In (?:Joined )?Cases?\b", text))
            continue
        if text.startswith(("THE COURT", "THE GENERAL COURT")):
            return
        yield p


def _parties(body: etree._Element) -> list[str]:
    """The parties' names: the bold names between "In Case …" and "THE COURT"."""
    return [
        squash("".join(span.itertext())).strip(" ,")
        for p in _judgment_start(body)
        for span in p.iter()
        if _name(span) == "span" and "bold" in _classes(span)
    ]


def _party_line(paragraphs: list[tuple[set[str], str]]) -> str:
    """ "Moussa Sacko v Commissione Territoriale …": the paragraphs after the request
    for a ruling, up to the Court's composition."""
    texts = [text for _kinds, text in paragraphs]
    start = next(
        (i for i, t in enumerate(texts) if re.match(r"In (?:Joined )?Cases?\b", t)),
        None,
    )
    if start is None:
        return ""
    lines: list[str] = []
    for text in texts[start + 2 :]:
        if text.startswith(("THE COURT", "THE GENERAL COURT")):
            break
        lines.append(text)
    return " ".join(lines).strip(" ,")


def _title(
    heading: str, date: dt.date | None, name: str | None, cases: list[str]
) -> str:
    """ "Judgment of the Court (Second Chamber) of 26 July 2017, Sacko, C-348/16"."""
    words = heading.split("(", 1)
    title = words[0].strip().capitalize().replace("the court", "the Court")
    title = title.replace("the general court", "the General Court")
    if len(words) > 1:
        title += f" ({words[1].strip()}"
    if date is not None:
        title += f" of {date.day} {date.strftime('%B')} {date.year}"
    return ", ".join(part for part in (title, name, " and ".join(cases)) if part)


# -- text ----------------------------------------------------------------------------


class _Walker:
    """Walks the body once: one line per ``p``, numbered paragraphs as Divisions,
    footnote calls, and the publisher's links."""

    def __init__(self, notes: dict[str, str]) -> None:
        self.builder = TextBuilder()
        self.notes = notes
        self.points: list[Division] = []
        self.prefix = ""  # a paragraph number or list marker for the next line
        self.in_point = False
        self.after_prefix = False  # the next text follows a number: no blank first

    def walk(self, element: etree._Element) -> None:
        for child in element:
            name = _name(child)
            if not name or name in _SKIP:
                continue
            if name == "table":
                for row in child.iter():
                    if _name(row) == "tr" and _table_of(row) is child:
                        self._row(row)
            elif name == "p":
                if "note" not in _classes(child):  # the notes come after the body
                    self._line(child)
            else:
                self.walk(child)

    def _row(self, row: etree._Element) -> None:
        cells = [cell for cell in row if _name(cell) in ("td", "th")]
        count = next(
            (
                p
                for cell in cells[:1]
                for p in cell
                if _name(p) == "p" and "count" in _classes(p)
            ),
            None,
        )
        marker = squash("".join(count.itertext())).strip() if count is not None else ""
        rest = cells[1:] if count is not None else cells
        point = (count.get("id") or "") if count is not None else ""
        if point.startswith("point") and not self.in_point:
            self.builder.end_line()
            start = self.builder.position
            self.in_point = True
            self.prefix = f"{marker} " if marker else ""
            for cell in rest:
                self.walk(cell)
            self._flush_prefix()
            self.in_point = False
            self.points.append(
                Division(
                    kind="punt",
                    number=marker,
                    start=start,
                    end=self.builder.position,
                    label=f"punt {marker}",
                )
            )
            return
        self.prefix = f"{marker} " if marker else ""
        for cell in rest:
            self.walk(cell)
        self._flush_prefix()

    def _flush_prefix(self) -> None:
        if self.prefix:  # a number or marker with nothing after it
            self.builder.begin_line()
            self.builder.write(self.prefix.rstrip())
            self.builder.end_line()
            self.prefix = ""

    def _line(self, element: etree._Element) -> None:
        self.builder.begin_line()
        if self.prefix:
            self.builder.write(self.prefix)
            self.prefix = ""
            self.after_prefix = True
        self._inline(element)
        self.after_prefix = False
        self.builder.end_line()

    def _text(self, value: str) -> None:
        """Running text; the indentation around a tag next to punctuation is layout
        ("C‑243/15\\n   ," is "C‑243/15,"), not a blank of the text."""
        stripped = value.strip()
        before = value[: len(value) - len(value.lstrip())]
        if stripped and "\n" in before and stripped[0] in ",.;:)]’":
            value = value.lstrip()
        if stripped and "\n" in value[len(value.rstrip()) :] and stripped[-1] in "([‘":
            value = value.rstrip()
        self.builder.inline(value, strip_start=self.after_prefix)
        if stripped:
            self.after_prefix = False

    def _inline(self, element: etree._Element) -> None:
        self._text(element.text or "")
        for child in element:
            name = _name(child)
            if name == "br":
                self.builder.inline(" ")
            elif name == "span" and "note" in _classes(child):
                self._note_call(child)
            elif name == "a" and child.get("href"):
                self._link(child)
            elif name and name not in _SKIP:
                self._inline(child)
            self._text(child.tail or "")

    def _note_call(self, span: etree._Element) -> None:
        anchor = next((a for a in span.iter() if _name(a) == "a"), None)
        marker = squash("".join(span.itertext())).strip()
        target = (anchor.get("href") or "").lstrip("#") if anchor is not None else ""
        if target in self.notes:  # the call is where the marker starts
            self.builder.note_footnote(marker, self.notes[target])
        self.builder.write(marker)

    def _link(self, anchor: etree._Element) -> None:
        href = anchor.get("href") or ""
        work = _link_work(href)
        start = self.builder.position
        self._inline(anchor)
        if work is not None:
            self.builder.add_link(start, href, work)


def _table_of(row: etree._Element) -> etree._Element | None:
    """The table a row belongs to (through ``tbody``/``thead``)."""
    parent = row.getparent()
    while parent is not None and _name(parent) != "table":
        parent = parent.getparent()
    return parent


def _link_work(href: str) -> str | None:
    """The work a publisher's link names: the ruling's ECLI, or the act's CELEX; a
    ruling's CELEX (``6…``) only through the ECLI ``case_law.csv`` gives it."""
    target = unquote(href)
    found = _LINK_ECLI.search(target)
    if found:
        ecli = found.group(1).upper()
        return ecli if ECLI.match(ecli) else None
    found = _LINK_CELEX.search(target)
    if found is None:
        return None
    celex = found.group(1).upper()
    if _RULING_CELEX.match(celex):
        from ingest.tables import load_case_names

        return load_case_names().get(celex)
    return celex if CELEX.match(celex) and celex[0] == "3" else None


def _one_per_citation(links: list[EditorialLink], text: str) -> list[EditorialLink]:
    """Adjacent anchors to the same work, with only separators between them ("C‑243/15,
    EU:C:2016:838, paragraph 50"), as one link spanning them."""
    merged: list[EditorialLink] = []
    for link in sorted(links, key=lambda item: (item.start, item.end)):
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.work == link.work
            and last.end <= link.start
            and _SAME_CITATION.fullmatch(text[last.end : link.start])
        ):
            merged[-1] = replace(last, end=link.end, text=text[last.start : link.end])
        else:
            merged.append(link)
    return merged
