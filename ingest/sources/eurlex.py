"""Read EU legislation (Formex CONS.ACT and ACT, EUR-Lex HTML) into SourceDocuments.

Both give an EU_ACT document whose id is the CELEX number of the act itself
(``32009R0810``); for a consolidated version the consolidated CELEX
(``02009R0810-20200202``) is kept in ``metadata.extra`` and its date in
``metadata.valid_from``. Articles become Divisions of kind ``artikel`` (pinpoint
artikel), their numbered paragraphs Divisions of kind ``lid`` (pinpoint artikel + lid);
titles/chapters/sections are ``divisie`` parts, annexes ``bijlage``.

* Formex (``CONS.ACT``, possibly wrapped in Lexparency's ``LEXP.COMBINED``): the
  metadata comes from ``INFO.CONSLEG`` and the family's ``BIB.DATA``; footnotes
  (``NOTE``) are written after the body. Articles quoted inside other articles or in
  annexes (amendments to other acts) stay text, not articles of this act.
* Formex ``ACT`` (the act as the Official Journal published it, Cellar's ``fmx4``
  item): date and language from ``BIB.INSTANCE``, the CELEX number from the file's
  name (the fetch gives it) or from the OJ number and the title's first word.
* EUR-Lex HTML, two layouts: the Official Journal XHTML (``div.eli-subdivision``
  with ids ``art_1``, paragraphs ``001.001``) and the consolidated-text HTML of the
  fmx2xhtml converter (flat ``p.title-article-norm`` headings, paragraphs recognised
  by their printed number "1." at the start of a ``p.norm``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from ingest.errors import SourceError
from ingest.models import (
    Division,
    DocumentKind,
    DocumentMetadata,
    Footnote,
    Pinpoint,
    SourceDocument,
)
from ingest.sources._flatten import TextBuilder, finish_division, squash
from ingest.sources._xml import parse_html, parse_xml

__all__ = [
    "looks_like_eurlex_html",
    "looks_like_formex",
    "looks_like_formex_act",
    "read_eurlex_html",
    "read_formex",
    "read_formex_act",
]

_CELEX = re.compile(r"\b([0-9])(\d{4})([A-Z]{1,2})(\d{4})\b")
_CONSOLIDATED = re.compile(r"\b0(\d{4})([A-Z])(\d{4})-(\d{8})\b")
_ACT_TYPES = {"R": "verordening", "L": "richtlijn", "D": "besluit"}
_ARTICLE_NUMBER = re.compile(r"(\d+\s*[a-z]*)\s*$", re.IGNORECASE)
#: Month names of act titles, English ("of 13 March 2024") and Dutch ("van 13 maart
#: 2024": Cellar answers in Dutch first).
_MONTHS = {
    name: number
    for names in (
        "january february march april may june july august september october"
        " november december",
        "januari februari maart april mei juni juli augustus september oktober"
        " november december",
    )
    for number, name in enumerate(names.split(), start=1)
}

# -- Formex --------------------------------------------------------------------------

_FMX_SKIP = frozenset(
    {
        "INFO.CONSLEG",
        "INFO.PROD",
        "BIB.INSTANCE",
        "FAM.COMP",
        "INCL.ELEMENT",
        "IMG.CNT",
        "NO.PARAG",
        "REF.PHYS",
    }
)
_FMX_LINES = frozenset({"P", "TI.ART", "STI.ART", "NP", "DLIST.ITEM", "CELL"})
_FMX_SPACED = frozenset({"NO.P", "TERM", "NO.GR.SEQ"})  # followed by a blank


def looks_like_formex(root_tag: str) -> bool:
    """Whether an XML root element name is Formex consolidated text.

    ``CONS.ACT``, or Lexparency's ``LEXP.COMBINED`` wrapper around it.
    """
    return root_tag in ("CONS.ACT", "LEXP.COMBINED")


def read_formex(path: Path, data: bytes | None = None) -> SourceDocument:
    """Read a Formex CONS.ACT file (consolidated EU act).

    Args:
        path: the XML file (``data`` may carry its bytes when already read).
        data: the file's bytes, if the caller has them.

    Returns:
        An EU_ACT SourceDocument: id = the act's CELEX, title from ``CONS.DOC/TITLE``,
        date = the act's date, ``metadata.valid_from`` = start of the consolidated
        version, ``metadata.soort`` = verordening/richtlijn/besluit, ``extra`` with
        ``celex_consolidated``, ``language`` and the CELEX of each amending act.

    Raises:
        SourceError: broken XML, no CONS.ACT, or no CELEX number.

    Example:
        >>> visa = read_formex(Path("corpus/eu/formex_CL2009R0810_DE_20200202.xml"))
        >>> visa.id, len([d for d in visa.all_divisions() if d.kind == "artikel"])
        ('32009R0810', 60)
    """
    root = parse_xml(path, data)
    act = root if root.tag == "CONS.ACT" else root.find("CONS.ACT")
    if act is None:
        raise SourceError(str(path), f"not Formex CONS.ACT (root <{root.tag}>)")
    info = act.find("INFO.CONSLEG")
    doc = act.find("CONS.DOC")
    if info is None or doc is None:
        raise SourceError(str(path), "CONS.ACT without INFO.CONSLEG or CONS.DOC")
    base = doc.find("FAM.COMP/BIB.DATA")
    celex = (base.findtext("NO.CELEX") or "").strip() if base is not None else ""
    reference = info.get("CONSLEG.REF") or ""
    if not celex and reference:
        celex = f"3{reference}"
    if not _CELEX.fullmatch(celex):
        raise SourceError(str(path), f"CONS.ACT without a CELEX number ({celex!r})")
    start = info.get("START.DATE") or ""
    extra: list[tuple[str, str]] = []
    if reference and start:
        extra.append(("celex_consolidated", f"0{reference}-{start}"))
    language = (doc.findtext("BIB.INSTANCE/LG.DOC") or "").strip()
    if language:
        extra.append(("language", language))
    for modifier in doc.iterfind("FAM.COMP/GR.MOD.ACT/MOD.ACT"):
        number = (modifier.findtext(".//NO.CELEX") or "").strip()
        if number:
            extra.append(("amended_by", number))

    flattener = _Formex()
    children = flattener.walk(doc)
    body_end = flattener.builder.position
    footnotes = flattener.builder.write_footnotes(
        "Fußnoten" if language == "DE" else "Notes"
    )
    text = flattener.builder.text()
    title_element = doc.find("TITLE")
    title = (
        squash("".join(title_element.itertext())).strip()
        if title_element is not None
        else celex
    )
    consolidated = f"0{reference}-{start}" if reference and start else celex
    return _eu_act(
        path,
        celex,
        title,
        text,
        children,
        end=body_end,
        date=_compact_date(
            base.find("DATE").get("ISO")
            if base is not None and base.find("DATE") is not None
            else None
        ),
        valid_from=_compact_date(start),
        official_url=(
            f"https://eur-lex.europa.eu/legal-content/{language or 'EN'}/TXT/"
            f"?uri=CELEX:{consolidated}"
        ),
        extra=extra,
        footnotes=footnotes,
    )


#: The type letter of a CELEX number by the first word of an act's title (English or
#: Dutch: Cellar's Formex items come in the language asked for).
_TITLE_TYPES = {
    "regulation": "R",
    "verordening": "R",
    "directive": "L",
    "richtlijn": "L",
    "decision": "D",
    "besluit": "D",
}


def looks_like_formex_act(root_tag: str) -> bool:
    """Whether an XML root element name is a Formex act as the Official Journal
    published it (``ACT``: the main item of Cellar's ``fmx4`` manifestation)."""
    return root_tag == "ACT"


def read_formex_act(path: Path, data: bytes | None = None) -> SourceDocument:
    """Read a Formex ``ACT`` (an act as published in the Official Journal).

    The OJ item carries no CELEX number: it is the one the file is named by (the
    fetch names it ``<CELEX>.fmx.xml``), else the one ``BIB.INSTANCE/NO.DOC`` (year,
    number) and the title's first word (Regulation, Directive, Decision) give.

    Args:
        path: the XML file (``data`` may carry its bytes when already read).
        data: the file's bytes, if the caller has them.

    Returns:
        An EU_ACT SourceDocument: id = CELEX, title from ``TITLE``, date from
        ``BIB.INSTANCE/DATE``, articles and their paragraphs as divisions,
        ``language`` in ``metadata.extra``.

    Raises:
        SourceError: broken XML, no ACT with BIB.INSTANCE, or no CELEX number.

    Example:
        >>> act = read_formex_act(Path("32008R1137.fmx.xml"))  # doctest: +SKIP
        >>> act.id, act.date
        ('32008R1137', datetime.date(2008, 10, 22))
    """
    root = parse_xml(path, data)
    bib = root.find("BIB.INSTANCE") if root.tag == "ACT" else None
    if bib is None:
        raise SourceError(
            str(path), f"not a Formex ACT with BIB.INSTANCE (root <{root.tag}>)"
        )
    lines = root.findall("TITLE/TI/P")
    title = squash(" ".join("".join(line.itertext()) for line in lines)).strip()
    celex = _formex_act_celex(path, bib, title)
    language = (bib.findtext("LG.DOC") or "").strip()
    flattener = _Formex()
    children = flattener.walk(root)
    body_end = flattener.builder.position
    footnotes = flattener.builder.write_footnotes(
        "Noten" if language == "NL" else "Notes"
    )
    return _eu_act(
        path,
        celex,
        title or celex,
        flattener.builder.text(),
        children,
        end=body_end,
        date=_compact_date(
            bib.find("DATE").get("ISO") if bib.find("DATE") is not None else None
        ),
        official_url=(
            f"https://eur-lex.europa.eu/legal-content/{language or 'EN'}/TXT/"
            f"?uri=CELEX:{celex}"
        ),
        extra=[("language", language)] if language else [],
        footnotes=footnotes,
    )


def _formex_act_celex(path: Path, bib: etree._Element, title: str) -> str:
    named = path.name.partition(".")[0]
    if _CELEX.fullmatch(named):
        return named
    year = (bib.findtext("NO.DOC/YEAR") or "").strip()
    number = (bib.findtext("NO.DOC/NO.CURRENT") or "").strip()
    words = title.split(maxsplit=1)
    letter = _TITLE_TYPES.get(words[0].lower()) if words else None
    if letter and re.fullmatch(r"\d{4}", year) and re.fullmatch(r"\d{1,4}", number):
        return f"3{year}{letter}{int(number):04d}"
    raise SourceError(
        str(path), f"Formex ACT without a CELEX number (title {title[:60]!r})"
    )


def _eu_act(
    path: Path,
    celex: str,
    title: str,
    text: str,
    parts: Sequence[Division],
    *,
    date: dt.date | None,
    official_url: str,
    end: int | None = None,
    valid_from: dt.date | None = None,
    extra: Sequence[tuple[str, str]] = (),
    footnotes: tuple[Footnote, ...] = (),
) -> SourceDocument:
    """An EU act read from any of its formats: one division for the whole act (up to
    ``end``, the notes after it left out) holding ``parts``, its kind from the CELEX
    number's type letter."""
    whole = Division(
        kind="eu_act",
        number=celex,
        start=0,
        end=len(text) if end is None else end,
        label=title,
        children=tuple(parts),
    )
    return SourceDocument(
        id=celex,
        kind=DocumentKind.EU_ACT,
        title=title or celex,
        text=text,
        path=str(path),
        date=date,
        metadata=DocumentMetadata(
            soort=_ACT_TYPES.get(_CELEX.fullmatch(celex).group(3)[0]),  # type: ignore[union-attr]
            valid_from=valid_from,
            official_url=official_url,
            extra=tuple(extra),
        ),
        divisions=(finish_division(whole, text),),
        footnotes=footnotes,
    )


class _Formex:
    """Walks CONS.DOC once: lines, divisions (articles, paragraphs, annexes), notes."""

    def __init__(self) -> None:
        self.builder = TextBuilder()
        self.prefix = ""
        self.note_numbers: dict[str, str] = {}

    def walk(
        self, element: etree._Element, artikel: str | None = None, quoted: bool = False
    ) -> list[Division]:
        divisions: list[Division] = []
        for child in element:
            if not isinstance(child.tag, str) or child.tag in _FMX_SKIP:
                continue
            tag = child.tag
            if tag == "ARTICLE" and not quoted:
                divisions.append(self._article(child))
            elif tag == "PARAG" and artikel is not None and not quoted:
                divisions.append(self._paragraph(child, artikel))
            elif tag in ("DIVISION", "CONS.ANNEX") and not quoted:
                divisions.append(self._part(child))
            elif tag in _FMX_LINES or _has_running_text(child):
                self._line(child)
            else:
                inner_quoted = quoted or tag in ("QUOT.S", "CONS.ANNEX")
                divisions.extend(self.walk(child, artikel, inner_quoted))
        return divisions

    def _line(self, element: etree._Element) -> None:
        self.builder.begin_line()
        if self.prefix:
            self.builder.write(self.prefix)
            self.prefix = ""
        self._inline(element)
        self.builder.end_line()

    def _inline(self, element: etree._Element) -> None:
        self.builder.inline(element.text or "")
        for child in element:
            if isinstance(child.tag, str):
                if child.tag == "NOTE":
                    self._note(child)
                elif child.tag in ("QUOT.START", "QUOT.END"):
                    self.builder.write(_quote(child.get("CODE")))
                elif child.tag not in _FMX_SKIP:
                    self._inline(child)
                    if child.tag in _FMX_SPACED:
                        self.builder.write(" ")
            self.builder.inline(child.tail or "")

    def _note(self, element: etree._Element) -> None:
        key = element.get("NOTE.ID") or str(len(self.note_numbers) + 1)
        number = self.note_numbers.setdefault(key, str(len(self.note_numbers) + 1))
        self.builder.note_footnote(number, squash("".join(element.itertext())).strip())

    def _article(self, element: etree._Element) -> Division:
        heading = squash(element.findtext("TI.ART") or "").strip()
        found = _ARTICLE_NUMBER.search(heading)
        number = (
            found.group(1).replace(" ", "")
            if found
            else (element.get("IDENTIFIER") or "").lstrip("0").lower()
        )
        self.builder.end_line()
        start = self.builder.position
        children = self.walk(element, number)
        return Division(
            kind="artikel",
            number=number,
            start=start,
            end=self.builder.position,
            label=heading or f"artikel {number}",
            pinpoint=Pinpoint(artikel=number or None),
            children=tuple(children),
        )

    def _paragraph(self, element: etree._Element, artikel: str) -> Division:
        printed = squash(element.findtext("NO.PARAG") or "").strip()
        number = printed.strip("().")
        self.builder.end_line()
        start = self.builder.position
        self.prefix = f"{printed} " if printed else ""
        children = self.walk(element, artikel)
        self.prefix = ""
        return Division(
            kind="lid",
            number=number,
            start=start,
            end=self.builder.position,
            label=printed or "lid",
            pinpoint=Pinpoint(artikel=artikel, lid=number or None),
            children=tuple(children),
        )

    def _part(self, element: etree._Element) -> Division:
        title = element.find("TITLE")
        label = squash("".join(title.itertext())).strip() if title is not None else ""
        kind = "bijlage" if element.tag == "CONS.ANNEX" else "divisie"
        heading = (
            squash("".join(title.find("TI").itertext())).strip()
            if title is not None and title.find("TI") is not None
            else ""
        )
        self.builder.end_line()
        start = self.builder.position
        children = self.walk(element, None, quoted=element.tag == "CONS.ANNEX")
        return Division(
            kind=kind,
            number=heading.split(" ")[-1] if " " in heading else heading,
            start=start,
            end=self.builder.position,
            label=label or kind,
            children=tuple(children),
        )


def _quote(code: str | None) -> str:
    try:
        return chr(int(code or "", 16))
    except ValueError:
        return '"'


# -- EUR-Lex HTML --------------------------------------------------------------------

_HTML_SKIP = frozenset(
    {"script", "style", "nav", "button", "form", "noscript", "select", "head"}
)
_HTML_LINES = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "tr", "caption"}
)
_NUMBERED = re.compile(r"^(\d+[a-z]?)\.\s")
_OJ_PARAGRAPH = re.compile(r"^\d{3}\.(\d{3})$")
_OJ_ARTICLE = re.compile(r"^art_\d+[a-z]*$")


def looks_like_eurlex_html(head: bytes) -> bool:
    """Whether the first bytes of a file are EUR-Lex HTML (an act page or consolidated text)."""
    sample = head[:4096].lower()
    if b"<html" not in sample:
        return False
    return (
        b"eur-lex" in sample
        or b"fmx2xhtml" in sample
        or b"consolidated text" in sample
        # Cellar's own XHTML of an OJ act (what content negotiation answers) is made
        # by the CONVEX converter and names its stylesheet.
        or b"oj-convex-act" in sample
    )


def read_eurlex_html(path: Path, data: bytes | None = None) -> SourceDocument:
    """Read an EUR-Lex HTML page of an EU act (OJ XHTML or consolidated text).

    Args:
        path: the HTML file (``data`` may carry its bytes when already read).
        data: the file's bytes, if the caller has them.

    Returns:
        An EU_ACT SourceDocument: id = the act's CELEX (``32016R0679``), title, date,
        articles and numbered paragraphs as Divisions; a consolidated text keeps its
        consolidated CELEX (``02009L0065-20130620``) in ``metadata.extra``.

    Raises:
        SourceError: unreadable or empty file, or no CELEX number in the page.
    """
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise SourceError(
                str(path), f"cannot read file ({error.strerror})"
            ) from None
    page = parse_html(path, data)
    if (
        page.find_class("eli-subdivision")
        or page.get_element_by_id("document1", None) is not None
    ):
        return _read_oj_html(path, page)
    return _read_consolidated_html(path, page)


def _read_oj_html(path: Path, page: etree._Element) -> SourceDocument:
    metas = {
        (meta.get("property") or meta.get("name") or ""): meta.get("content") or ""
        for meta in page.iter("meta")
    }
    celex = metas.get("eli:id_local") or metas.get("WT.z_docID") or ""
    if not celex and _CELEX.fullmatch(path.stem):
        # Cellar's XHTML carries none of EUR-Lex's meta tags; ``wetgraaf fetch``
        # names the file by the CELEX number it asked Cellar for.
        celex = path.stem
    if not _CELEX.fullmatch(celex):
        raise SourceError(str(path), f"EUR-Lex page without a CELEX number ({celex!r})")
    container = page.get_element_by_id("document1", None)
    if container is None:
        container = page.find("body")
    builder = TextBuilder()
    divisions = _HtmlWalker(builder).walk(container)
    text = builder.text()
    # The act's title is in its eli-main-title block; annexes have titles of their own.
    heading = next(iter(container.find_class("eli-main-title")), container)
    title = " ".join(
        squash(p.text_content()).strip() for p in heading.find_class("oj-doc-ti")
    )
    eli = next(
        (
            meta.get("about")
            for meta in page.iter("meta")
            if meta.get("property") == "eli:id_local"
        ),
        None,
    )
    extra = [("eli", eli)] if eli else []
    return _eu_act(
        path,
        celex,
        title,
        text,
        divisions,
        date=_iso(metas.get("eli:date_document")) or _title_date(title),
        official_url=f"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{celex}",
        extra=extra,
    )


class _HtmlWalker:
    """OJ XHTML: one line per block; eli-subdivision articles, NNN.MMM paragraphs."""

    def __init__(self, builder: TextBuilder) -> None:
        self.builder = builder

    def walk(
        self, element: etree._Element, artikel: str | None = None
    ) -> list[Division]:
        divisions: list[Division] = []
        for child in element:
            if not isinstance(child.tag, str) or child.tag in _HTML_SKIP:
                continue
            identifier = child.get("id") or ""
            if child.tag == "div" and _OJ_ARTICLE.match(identifier):
                divisions.append(self._article(child))
            elif child.tag == "div" and artikel and _OJ_PARAGRAPH.match(identifier):
                divisions.append(self._paragraph(child, artikel, identifier))
            elif (
                child.tag == "div"
                and identifier.startswith(("cpt_", "tis_", "sct_"))
                and "." not in identifier
            ):
                divisions.append(self._part(child, artikel))
            elif child.tag in _HTML_LINES:
                self.builder.line(
                    " ".join(child.itertext())
                    if child.tag == "tr"
                    else child.text_content()
                )
            else:
                divisions.extend(self.walk(child, artikel))
        return divisions

    def _article(self, element: etree._Element) -> Division:
        heading = next(
            (squash(p.text_content()).strip() for p in element.find_class("oj-ti-art")),
            "",
        )
        found = _ARTICLE_NUMBER.search(heading)
        number = found.group(1) if found else element.get("id", "").removeprefix("art_")
        self.builder.end_line()
        start = self.builder.position
        children = self.walk(element, number)
        return Division(
            kind="artikel",
            number=number,
            start=start,
            end=self.builder.position,
            label=heading or f"artikel {number}",
            pinpoint=Pinpoint(artikel=number),
            children=tuple(children),
        )

    def _paragraph(
        self, element: etree._Element, artikel: str, identifier: str
    ) -> Division:
        number = str(int(_OJ_PARAGRAPH.match(identifier).group(1)))  # type: ignore[union-attr]
        self.builder.end_line()
        start = self.builder.position
        children = self.walk(element, artikel)
        return Division(
            kind="lid",
            number=number,
            start=start,
            end=self.builder.position,
            label=f"lid {number}",
            pinpoint=Pinpoint(artikel=artikel, lid=number),
            children=tuple(children),
        )

    def _part(self, element: etree._Element, artikel: str | None) -> Division:
        heading = next(
            (squash(p.text_content()).strip() for p in element if p.tag == "p"), ""
        )
        self.builder.end_line()
        start = self.builder.position
        children = self.walk(element, artikel)
        return Division(
            kind="divisie",
            number=heading.split(" ")[-1] if " " in heading else heading,
            start=start,
            end=self.builder.position,
            label=heading or "divisie",
            children=tuple(children),
        )


def _read_consolidated_html(path: Path, page: etree._Element) -> SourceDocument:
    page_title = squash(page.findtext(".//title") or "")
    base = _CELEX.search(page_title)
    reference = squash(" ".join(p.text_content() for p in page.find_class("reference")))
    if base is None:
        raise SourceError(str(path), "EUR-Lex page without a CELEX number")
    celex = base.group()
    extra: list[tuple[str, str]] = []
    stamp = re.search(r"(\d{2})\.(\d{2})\.(\d{4})", page_title)
    consolidated_from = None
    if stamp:
        day, month, year = stamp.groups()
        extra.append(("celex_consolidated", f"0{celex[1:]}-{year}{month}{day}"))
        consolidated_from = dt.date(int(year), int(month), int(day))
    if reference:
        extra.append(("reference", reference.strip()))
    body = page.find("body")
    if body is None:
        raise SourceError(str(path), "HTML without a body")
    title_parts: list[str] = []
    for heading in body.iter("p"):
        if heading.get("class") == "title-doc-first":
            title_parts.append(squash(heading.text_content()).strip())
        elif title_parts:
            break
    title = " ".join(title_parts)
    walker = _ConsolidatedWalker()
    walker.walk(body)
    builder, articles = walker.builder, walker.articles
    text = builder.text()
    return _eu_act(
        path,
        celex,
        title,
        text,
        articles,
        date=_title_date(title),
        valid_from=consolidated_from,
        official_url=(
            "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:"
            + (dict(extra).get("celex_consolidated") or celex)
        ),
        extra=extra,
    )


@dataclass
class _OpenPart:
    """An article or paragraph of the flat consolidated layout, still being written."""

    number: str
    start: int
    label: str = ""
    children: list[Division] = field(default_factory=list)


class _ConsolidatedWalker:
    """Consolidated HTML: articles run from one ``title-article-norm`` to the next."""

    def __init__(self) -> None:
        self.builder = TextBuilder()
        self.articles: list[Division] = []
        self.article: _OpenPart | None = None
        self.paragraph: _OpenPart | None = None

    def walk(self, body: etree._Element) -> None:
        for element in body.iter():
            if not isinstance(element.tag, str):
                continue
            classes = element.get("class") or ""
            if element.tag == "hr" and "separator-annex" in classes:
                self._close_article()
            if element.tag != "p" or classes == "arrow":
                continue
            line = squash(element.text_content()).strip()
            if classes.startswith(("title-division", "title-annex", "title-gr-seq")):
                self._close_article()
            if classes == "title-article-norm":
                self._close_article()
                found = _ARTICLE_NUMBER.search(line)
                self.builder.end_line()
                number = found.group(1) if found else line
                self.article = _OpenPart(number, self.builder.position, line)
            elif (
                self.article is not None
                and classes == "norm"
                and element.getparent() is body
                and _NUMBERED.match(line)
            ):
                self._close_paragraph()
                self.builder.end_line()
                numbered = _NUMBERED.match(line)
                assert numbered is not None
                self.paragraph = _OpenPart(numbered.group(1), self.builder.position)
            if line:
                self.builder.line(line)
        self._close_article()

    def _close_paragraph(self) -> None:
        if self.paragraph is not None and self.article is not None:
            number, artikel = self.paragraph.number, self.article.number
            self.article.children.append(
                Division(
                    kind="lid",
                    number=number,
                    start=self.paragraph.start,
                    end=self.builder.position,
                    label=f"lid {number}",
                    pinpoint=Pinpoint(artikel=artikel, lid=number),
                )
            )
        self.paragraph = None

    def _close_article(self) -> None:
        self._close_paragraph()
        if self.article is not None:
            self.articles.append(
                Division(
                    kind="artikel",
                    number=self.article.number,
                    start=self.article.start,
                    end=self.builder.position,
                    label=self.article.label,
                    pinpoint=Pinpoint(artikel=self.article.number),
                    children=tuple(self.article.children),
                )
            )
        self.article = None


# -- shared --------------------------------------------------------------------------


def _has_running_text(element: etree._Element) -> bool:
    if (element.text or "").strip():
        return True
    return any(
        (child.tail or "").strip() for child in element if isinstance(child.tag, str)
    )


def _compact_date(value: str | None) -> dt.date | None:
    if not value or not re.fullmatch(r"\d{8}", value) or value == "99999999":
        return None
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None


def _iso(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _title_date(title: str) -> dt.date | None:
    """The date an act's title gives: "… of 13 March 2024", "… van 13 maart 2024"."""
    found = re.search(r"\b(?:of|van) (\d{1,2}) ([A-Za-z]+) (\d{4})\b", title)
    if not found or found.group(2).lower() not in _MONTHS:
        return None
    try:
        return dt.date(
            int(found.group(3)), _MONTHS[found.group(2).lower()], int(found.group(1))
        )
    except ValueError:
        return None
