"""Read the older BWB XML (``<wetgeving>``, DTD bwb-plus-meta-1_61w, ~2012) into a SourceDocument.

The output has the same shape as :func:`ingest.sources.bwb.read_bwb`: the regeling
flattened to lines (every ``kop`` on its own line, one line per ``<al>``, list items
and leden with their printed numbers), a Division tree with Juriconnect ids and an
EditorialLink per ``<intref>``/``<extref>``.

The old format carries no per-part Juriconnect ids, so they are derived from the path
(``jci1.3:c:BWBR0011823&hoofdstuk=3&artikel=14&lid=2``), the way BWB builds them.

The Vreemdelingencirculaire (soort ``circulaire``) is a tree of ``circulaire.divisie``
elements whose ``kop/nr`` holds only the local number: a top-level divisie is a
chapter (``nr`` 4 of part C is chapter C4), a nested one a paragraph whose ``nr`` is
already composed below the chapter (``3.11.1``). The official paragraph number, as the
Vc cites itself ("C4/3.11.1"), is part letter + chapter + "/" + nr; the part letter is
the one in the intitule ("Vreemdelingencirculaire 2000 (C)"). Chapters become
Divisions of kind ``hoofdstuk``, paragraphs of kind ``beleidsregel``; both carry the
official number as ``number`` and ``pinpoint.paragraaf``. Parts numbered by BWB's
editors (the bracketed country sections "[1]", "[1a]" … of C24, mostly marked
``nr/@status="redactioneel"``)
and everything below them, where the local numbers restart, stay plain ``divisie``
parts with their printed number and no paragraph pinpoint. BWB's own references to Vc
parts name only the local number (``1.0:v:BWBR0012288&circulaire.divisie=3.11.1``),
so the derived jci of a Vc part is that same non-unique form; the paragraph number is
the unique key.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from ingest.deadlines import MONTHS
from ingest.errors import SourceError
from ingest.models import (
    Division,
    DocumentKind,
    DocumentMetadata,
    Pinpoint,
    SourceDocument,
)
from ingest.sources._flatten import TextBuilder, finish_division, finish_link, squash
from ingest.sources._xml import inline_text, parse_xml
from ingest.sources.bwb import DIVISION_KINDS as BWB_DIVISION_KINDS
from ingest.sources.bwb import parse_jci

__all__ = ["looks_like_bwb_2012", "read_bwb_2012"]

#: Elements that become divisions: the toestand reader's, plus the 2012 format's own.
DIVISION_KINDS = {
    **BWB_DIVISION_KINDS,
    "circulaire.divisie": "divisie",
    "verdrag": "verdrag",
}
# Never written as text: headings (written by _heading_line), printed numbers (written
# as line prefixes), table layout, pictures, the title (it is the document title).
_SKIP = frozenset(
    {
        "kop",
        "lidnr",
        "li.nr",
        "noot.nr",
        "colspec",
        "illustratie",
        "intitule",
        "citeertitel",
    }
)
_LINKS = frozenset({"intref", "extref"})
_PINPOINTED = frozenset({"artikel", "lid", "onderdeel", "paragraaf"})
_HEADING_PARTS = ("label", "nr", "titel")
_BWB_ID = re.compile(r"\bBW[BV][RV]\d{7}\b")
_VC_PART = re.compile(r"\(([A-D])\)\s*$")
_VC_NUMBER = re.compile(
    r"(?:(?:sub)?paragraaf\s+|hoofdstuk\s+|par\.\s*)?([A-D])(\d{1,2})(?:/(\d+(?:\.\d+)*))?",
    re.IGNORECASE,
)
# a Vc number shown after words ("naar A2/6.2.2.2", "Vc B1/4.3.3") or with a space
# after its slash ("A4/ 7.3.1")
_VC_NUMBER_IN = re.compile(
    r"(?<![A-Za-z\d])([A-D])(\d{1,2})(?:/ ?(\d+(?:\.\d+)*))?(?![\d/])"
)
# a paragraph number without its chapter ("paragraaf 7.2.1.1", "Paragrafen 6.4.3",
# "2.1.1.2"), which the Vc writes for a paragraph of the chapter it stands in, or
# of the chapter the list it continues named ("C9/2.1.1.1 en 2.1.1.2")
_VC_RELATIVE = re.compile(
    r"(?:(?:sub)?paragra(?:af|fen)\s+|par\.\s*)?(\d{1,2}(?:\.\d{1,2})*)\.?",
    re.IGNORECASE,
)
_LIST_JOIN = re.compile(r"\s*(?:,|en|of|en/of)\s*")
_DUTCH_DATE = re.compile(r"(\d{1,2})\s+([a-z]+)\s+(\d{4})", re.IGNORECASE)
_WBV = re.compile(r"\bWBV\s*(\d{4})/(\d+)")
_VERVALLEN = re.compile(r"^\[?vervallen\b[^]]*\]?\.?$", re.IGNORECASE)


def looks_like_bwb_2012(root_tag: str) -> bool:
    """Whether an XML root element name is the 2012 BWB format (``wetgeving``).

    >>> looks_like_bwb_2012("wetgeving"), looks_like_bwb_2012("toestand")
    (True, False)
    """
    return root_tag == "wetgeving"


def read_bwb_2012(path: Path, data: bytes | None = None) -> SourceDocument:
    """Read an older BWB XML file (root ``<wetgeving bwb-id=… soort=…>``).

    Args:
        path: the XML file (``data`` may carry its bytes when already read).
        data: the file's bytes, if the caller has them.

    Returns:
        A REGELING SourceDocument: id = ``bwb-id``, title = citeertitel (or intitule),
        ``metadata.soort`` = ``wetgeving/@soort``, ``date`` = the signing date
        (``dagtekening/datum/@isodatum``) where the file has one, the Division tree and
        the editorial links. A Vc amendment decision ("… nr. WBV 2012/17, houdende
        wijziging van de Vreemdelingencirculaire 2000") is a WIJZIGINGSBESLUIT with id
        ``WBV 2012/17`` and its BWB id in ``metadata.bwb_id``.

    Raises:
        SourceError: broken XML, not a ``wetgeving`` root, or no valid bwb-id.

    Example:
        >>> vc = read_bwb_2012(Path("corpus/bwb-2012/BWBR0012288.xml"))
        >>> [d.number for d in vc.all_divisions() if d.kind == "beleidsregel"][:2]
        ['C1/1', 'C1/2']
    """
    root = parse_xml(path, data)
    if root.tag != "wetgeving":
        raise SourceError(str(path), f"not a 2012 BWB wetgeving (root <{root.tag}>)")
    bwb_id = root.get("bwb-id") or ""
    if not _BWB_ID.fullmatch(bwb_id):
        raise SourceError(str(path), f"wetgeving without a valid bwb-id ({bwb_id!r})")
    title = _title(root) or bwb_id
    soort = root.get("soort")
    part = _VC_PART.search(title) if soort == "circulaire" else None
    flattener = _Flattener(bwb_id, part.group(1) if part else None)
    children = flattener.children(root, f"jci1.3:c:{bwb_id}")
    body_end = flattener.builder.position
    footnotes = flattener.builder.write_footnotes("Noten")
    text = flattener.builder.text()
    regeling = Division(
        kind="regeling",
        number=bwb_id,
        start=0,
        end=body_end,
        label=title,
        jci=f"jci1.3:c:{bwb_id}",
        children=tuple(children),
    )
    _drop_missing_relative(flattener, regeling)
    wbv = _WBV.search(title)
    doc_id = f"WBV {wbv.group(1)}/{wbv.group(2)}" if wbv else bwb_id
    signed = _signing_date(root)
    extra: list[tuple[str, str]] = [("intitule", _intitule(root))]
    if part:
        extra.append(("vc_deel", part.group(1)))
    return SourceDocument(
        id=doc_id,
        kind=DocumentKind.WIJZIGINGSBESLUIT if wbv else DocumentKind.REGELING,
        title=title,
        text=text,
        path=str(path),
        date=signed,
        metadata=DocumentMetadata(
            bwb_id=bwb_id,
            soort=soort,
            official_url=f"https://wetten.overheid.nl/{bwb_id}",
            extra=tuple(extra),
        ),
        divisions=(finish_division(regeling, text),),
        footnotes=footnotes,
        links=tuple(
            link
            for link in (finish_link(raw, text) for raw in flattener.builder.links)
            if link.text  # an empty <extref/> marks nothing in the text
        ),
    )


class _Flattener:
    """Walks ``<wetgeving>`` once, writing lines, divisions, links and footnotes."""

    def __init__(self, bwb_id: str, vc_part: str | None) -> None:
        self.bwb_id = bwb_id
        self.vc_part = vc_part
        self.builder = TextBuilder()
        self.prefix = ""  # a printed lid/list number waiting for the next line
        self.prefix_end = -1  # where the last printed number was written
        self.chapter: str | None = None  # the Vc chapter being walked
        self.editorial = False  # inside a Vc part numbered by BWB's editors ("[1]")
        # the last Vc link whose number was read (its end, work, number): the chapter
        # a list's next member without one takes
        self.last_vc_link: tuple[int, str | None, str] | None = None
        # own paragraphs named by a chapter-relative link: checked once all are read
        self.relative_own: list[tuple[int, str]] = []  # (index in links, number)

    # -- text ----------------------------------------------------------------------

    def _begin_line(self) -> None:
        if self.builder.position != self.prefix_end:  # not right after a bare number
            self.builder.begin_line()
        if self.prefix:
            self.builder.write(self.prefix)
            self.prefix = ""
            self.prefix_end = self.builder.position

    def _line(self, element: etree._Element) -> None:
        self._begin_line()
        self._inline(element, strip_start=True)
        self.builder.end_line()

    def _inline(self, element: etree._Element, *, strip_start: bool = False) -> None:
        self.builder.inline(element.text or "", strip_start=strip_start)
        for child in element:
            if isinstance(child.tag, str) and child.tag not in _SKIP:
                if child.tag in _LINKS:
                    self._link(child)
                elif child.tag == "noot":
                    self._footnote(child)
                else:
                    self._inline(child)
            self.builder.inline(child.tail or "")

    def _link(self, element: etree._Element) -> None:
        start = self.builder.position
        self._inline(element)
        target = element.get("doc") or ""
        work, pinpoint = parse_jci(target) if target else (None, Pinpoint())
        if "&circulaire.divisie=" in target:
            shown = squash(inline_text(element)).strip()
            paragraaf = _vc_paragraph(shown, target)
            if paragraaf is None:
                paragraaf = self._relative_paragraph(start, shown, target, work)
            pinpoint = replace(pinpoint, paragraaf=paragraaf)
            if paragraaf and "/" in paragraaf:
                self.last_vc_link = (self.builder.position, work, paragraaf)
        self.builder.add_link(start, target, work, pinpoint)

    def _relative_paragraph(
        self, start: int, shown: str, target: str, work: str | None
    ) -> str | None:
        """The official number of a link that shows a paragraph without its chapter,
        where the chapter is certain: the chapter of the list member before it
        ("C9/2.1.1.1 en 2.1.1.2", the same Vc part), else, for a paragraph of this Vc
        part, the chapter the link stands in (not inside a part numbered by BWB's
        editors, where numbers restart). Kept only if that paragraph exists (see
        ``_existing_relative``); None otherwise."""
        shown_number = _VC_RELATIVE.fullmatch(shown)
        local = target.rsplit("&circulaire.divisie=", 1)[1].split("&", 1)[0]
        if shown_number is None or shown_number.group(1) != local:
            return None
        last = self.last_vc_link
        if last is not None and last[1] == work:
            between = self.builder.since(last[0])[: start - last[0]]
            if _LIST_JOIN.fullmatch(between):
                number = f"{last[2].split('/', 1)[0]}/{local}"
                if work == self.bwb_id:  # this part's: checked as the others
                    self.relative_own.append((len(self.builder.links), number))
                return number
        if work != self.bwb_id or not self.vc_part or not self.chapter:
            return None
        if self.editorial:
            return None
        number = f"{self.vc_part}{self.chapter}/{local}"
        self.relative_own.append((len(self.builder.links), number))
        return number

    def _footnote(self, element: etree._Element) -> None:
        number = squash(element.findtext("noot.nr") or "").strip().rstrip(")")
        body = " ".join(
            squash(inline_text(al)).strip() for al in element.iterfind("noot.al")
        )
        self.builder.note_footnote(number or str(len(self.builder.footnotes) + 1), body)

    def _heading_line(self, kop: etree._Element) -> None:
        self._begin_line()
        first = True
        for child in kop:
            if not isinstance(child.tag, str) or child.tag not in _HEADING_PARTS:
                continue
            if not squash(inline_text(child)).strip():
                continue
            if not first:
                self.builder.write(" ")
            self._inline(child, strip_start=True)
            self.builder.trim_line_end()
            first = False
        self.builder.end_line()

    # -- structure -----------------------------------------------------------------

    def children(self, element: etree._Element, parent_jci: str) -> list[Division]:
        divisions: list[Division] = []
        for child in element:
            if not isinstance(child.tag, str) or child.tag in _SKIP:
                continue
            if child.tag in DIVISION_KINDS and not (
                child.tag == "li" and not _list_number(child)
            ):
                divisions.append(self._division(child, parent_jci))
            elif _is_text_block(child):
                self._line(child)
            else:
                divisions.extend(self.children(child, parent_jci))
        return divisions

    def _division(self, element: etree._Element, parent_jci: str) -> Division:
        kop = element.find("kop")
        heading = _heading(kop) if kop is not None else ""
        kind, number, jci, pinpoint = self._identify(element, kop, parent_jci)
        outer_chapter, outer_editorial = self.chapter, self.editorial
        if element.tag == "circulaire.divisie" and _is_vc_chapter(element):
            self.chapter = _kop_number(kop)
        if element.tag == "circulaire.divisie" and _is_editorial(kop):
            self.editorial = True
        if self.prefix:
            # The parent's number ("B.") opens the line this part starts on.
            self._begin_line()
        else:
            self.builder.end_line()
        start = self.builder.position
        if heading and kop is not None:
            self._heading_line(kop)
        if element.tag in ("lid", "li"):
            printed = _printed_number(element)
            self.prefix = f"{printed} " if printed else ""
        children = self.children(element, jci or parent_jci)
        if self.prefix:  # a numbered part without text of its own
            self._begin_line()
            self.builder.end_line()
        self.chapter, self.editorial = outer_chapter, outer_editorial
        return Division(
            kind=kind,
            number=number,
            start=start,
            end=self.builder.position,
            label=heading or (f"{kind} {number}" if number else kind),
            jci=jci,
            pinpoint=pinpoint,
            status=_status(element),
            children=tuple(children),
        )

    def _identify(
        self, element: etree._Element, kop: etree._Element | None, parent_jci: str
    ) -> tuple[str, str, str | None, Pinpoint]:
        """Kind, number, derived jci and pinpoint of a division element."""
        tag = element.tag
        kind = DIVISION_KINDS[tag]
        if tag == "verdrag":
            language = element.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
            return kind, language, None, Pinpoint()
        if tag == "circulaire.divisie":
            return self._identify_vc(element, kop)
        if tag == "lid":
            number = (element.findtext("lidnr") or "").strip().rstrip(".")
        elif tag == "li":
            number = _list_number(element)
        else:
            number = _kop_number(kop)
        jci = _derived_jci(tag, number, parent_jci)
        _, pinpoint = parse_jci(jci) if jci else (None, Pinpoint())
        return kind, number, jci, pinpoint if kind in _PINPOINTED else Pinpoint()

    def _identify_vc(
        self, element: etree._Element, kop: etree._Element | None
    ) -> tuple[str, str, str | None, Pinpoint]:
        local = _kop_number(kop)
        if not local:
            return "divisie", "", None, Pinpoint()
        jci = f"jci1.3:c:{self.bwb_id}&circulaire.divisie={local}"
        if self.vc_part is None:
            return "divisie", local, jci, Pinpoint()
        if _is_vc_chapter(element):
            number = f"{self.vc_part}{local}"
            return "hoofdstuk", number, jci, Pinpoint(paragraaf=number)
        if self.chapter is None or self.editorial or _is_editorial(kop):
            # Numbers restart below an editorial part ("[1] Afghanistan" in C24), so
            # chapter + local number would not be the official, unique number.
            return "divisie", local, jci, Pinpoint()
        number = f"{self.vc_part}{self.chapter}/{local}"
        return "beleidsregel", number, jci, Pinpoint(paragraaf=number)


def _drop_missing_relative(flattener: _Flattener, regeling: Division) -> None:
    """A chapter-relative number this Vc part lacks is taken off its link again (the
    link then names another chapter's paragraph, which it does not say)."""
    if not flattener.relative_own:
        return
    numbers = {d.number for d in regeling.walk() if d.kind == "beleidsregel"}
    links = flattener.builder.links
    for index, number in flattener.relative_own:
        if number not in numbers:
            links[index] = replace(
                links[index], pinpoint=replace(links[index].pinpoint, paragraaf=None)
            )


def _vc_paragraph(shown: str, target: str) -> str | None:
    """The official Vc number a link shows ("C4/3.11.3"), if it agrees with its target.

    BWB's target names only the local number (``circulaire.divisie=3.11.3``); the
    chapter is in the printed text. A text that does not show a Vc number, or shows a
    different one, gives no paragraph (never a guess).
    """
    local = target.rsplit("&circulaire.divisie=", 1)[1].split("&", 1)[0]
    # the number as it opens the text, else as it stands after words or with a space
    # after its slash ("naar A2/6.2.2.2", "A4/ 7.3.1")
    for match in (_VC_NUMBER.match(shown), _VC_NUMBER_IN.search(shown)):
        if not match:
            continue
        number = f"{match.group(1).upper()}{match.group(2)}"
        if match.group(3):
            number += f"/{match.group(3)}"
        shown_local = match.group(3) or match.group(2)
        if local in (shown_local, number):
            return number
    return None


def _is_editorial(kop: etree._Element | None) -> bool:
    """A number outside the Vc numbering: editorial or bracketed ("[1a]")."""
    nr = kop.find("nr") if kop is not None else None
    if nr is None:
        return False
    return nr.get("status") == "redactioneel" or (nr.text or "").strip().startswith("[")


def _is_vc_chapter(element: etree._Element) -> bool:
    parent = element.getparent()
    return parent is not None and parent.tag == "circulaire-tekst"


def _derived_jci(tag: str, number: str, parent_jci: str) -> str | None:
    """Juriconnect id of a part: its parent's plus itself (``&o=`` for list items).

    Only list items directly under an article or lid get one (Juriconnect has a single
    ``o=`` level); parts without a number get none.
    """
    if not number or tag == "verdrag":
        return None
    if tag == "li":
        if "&o=" in parent_jci or "&artikel=" not in parent_jci:
            return None
        return f"{parent_jci}&o={number.rstrip('°')}"
    return f"{parent_jci}&{tag}={number}"


def _is_text_block(element: etree._Element) -> bool:
    """An element written as one line: it holds running text itself."""
    if element.tag in ("al", "considerans.al", "redactie", "tussenkop", "noot.al"):
        return True
    if (element.text or "").strip():
        return True
    return any(
        (child.tail or "").strip() or child.tag in _LINKS
        for child in element
        if isinstance(child.tag, str)
    )


def _heading(kop: etree._Element) -> str:
    parts = [
        squash(inline_text(child)).strip()
        for child in kop
        if isinstance(child.tag, str) and child.tag in _HEADING_PARTS
    ]
    return " ".join(part for part in parts if part)


def _kop_number(kop: etree._Element | None) -> str:
    if kop is None:
        return ""
    return squash(kop.findtext("nr") or "").strip()


def _list_number(element: etree._Element) -> str:
    """The printed number of a list item ("a", "1°", "ii"), or "" for bullets."""
    printed = squash(element.findtext("li.nr") or "").strip().strip(".()")
    return printed if printed and any(ch.isalnum() for ch in printed) else ""


def _printed_number(element: etree._Element) -> str:
    tag = "lidnr" if element.tag == "lid" else "li.nr"
    printed = squash(element.findtext(tag) or "").strip()
    if element.tag == "lid" and printed and not printed.endswith("."):
        printed += "."
    return printed


def _status(element: etree._Element) -> str | None:
    """``status`` when not "goed" (e.g. "nogniet"); "vervallen" for an emptied part."""
    status = element.get("status")
    if status and status != "goed":
        return status
    content = [
        child
        for child in element
        if isinstance(child.tag, str) and child.tag not in ("kop", "lidnr", "li.nr")
    ]
    if len(content) == 1:
        body = squash(inline_text(content[0])).strip()
        if _VERVALLEN.match(body):
            return "vervallen"
    return None


def _title(root: etree._Element) -> str:
    for tag in ("citeertitel", "intitule"):
        element = root.find(tag)
        if element is not None:
            title = squash(inline_text(element)).strip()
            if title:
                return title
    return ""


def _intitule(root: etree._Element) -> str:
    element = root.find("intitule")
    return squash(inline_text(element)).strip() if element is not None else ""


def _signing_date(root: etree._Element) -> dt.date | None:
    """The dagtekening date: ``@isodatum``, else the printed Dutch date."""
    for datum in root.iterfind(".//dagtekening/datum"):
        try:
            return dt.date.fromisoformat(datum.get("isodatum") or "")
        except ValueError:
            pass
        printed = _DUTCH_DATE.search(squash(inline_text(datum)))
        if printed and printed.group(2).lower() in MONTHS:
            day, month = int(printed.group(1)), MONTHS[printed.group(2).lower()]
            try:
                return dt.date(int(printed.group(3)), month, day)
            except ValueError:
                continue
    return None
