"""Read BWB toestand XML (schema BWB-toestand 2016-1) into a SourceDocument.

The regeling is flattened to readable text: every heading (``kop``) on its own line,
one line per ``<al>`` and per list item or lid, with the printed numbers kept
("1. …", "a. …"). The structure becomes a tree of Division objects (regeling →
hoofdstuk/titeldeel/afdeling/paragraaf/artikel → lid → onderdeel), each with its text
span and its official Juriconnect id, which BWB itself carries in every part's
``meta-data/jcis/jci[@versie='1.3']`` (the same form ``intref/@doc`` uses, without the
``&z=``/``&g=`` dates). Every ``<intref>``/``<extref>`` becomes an EditorialLink.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

from lxml import etree  # type: ignore[import-untyped]

from ingest.errors import SourceError
from ingest.identifiers import gazette_id
from ingest.models import (
    Bekendmaking,
    Division,
    DocumentKind,
    DocumentMetadata,
    EditorialLink,
    Pinpoint,
    SourceDocument,
    Versie,
)
from ingest.sources._xml import inline_text, parse_xml

__all__ = ["parse_jci", "read_bwb"]

#: Parts of a regeling that become divisions, with the name used as Division.kind.
DIVISION_KINDS = {
    "boek": "boek",
    "deel": "deel",
    "hoofdstuk": "hoofdstuk",
    "titeldeel": "titeldeel",
    "afdeling": "afdeling",
    "paragraaf": "paragraaf",
    "sub-paragraaf": "sub-paragraaf",
    "artikel": "artikel",
    "lid": "lid",
    "li": "onderdeel",
    "bijlage": "bijlage",
    "divisie": "divisie",
}
# Never part of the text: metadata, editorial bookkeeping, list/lid numbers (printed
# separately), table column specs.
_SKIP = frozenset(
    {
        "meta-data",
        "bwb-inputbestand",
        "bwb-wijzigingen",
        "redactionele-correcties",
        "colspec",
        "lidnr",
        "li.nr",
        "kop",
        "intitule",
        "citeertitel",
    }
)
_LINKS = frozenset({"intref", "extref"})
_PINPOINTED = frozenset({"artikel", "lid", "onderdeel", "paragraaf"})
_JCI_DATES = re.compile(r"&[zg]=[^&]*")
_BWB_ID = re.compile(r"\bBW[BV][RV]\d{7}\b")
# A part's ``bron`` attribute: series, year and number of the publication ("Stb.2018-247")
_BRON = re.compile(r"^(Stb|Stcrt)\.(\d{4})-(\d+)$")
_SERIES_IDS = {"Stb": "stb", "Stcrt": "stcrt"}
_PUBLICATION_ID = re.compile(r"^(?:stb|stcrt)-\d{4}-\d+$")


def read_bwb(path: Path, data: bytes | None = None) -> SourceDocument:
    """Read a BWB toestand XML file.

    Args:
        path: the XML file (``data`` may carry its bytes when already read).
        data: the file's bytes, if the caller has them.

    Returns:
        A REGELING SourceDocument: id = ``bwb-id``, title = citeertitel (or intitule),
        ``metadata.soort`` from ``wetgeving/@soort``, ``valid_from`` (and ``date``) =
        ``toestand/@inwerkingtreding``, the Division tree and the editorial links.

    Raises:
        SourceError: broken XML, or the root is not a BWB ``toestand``.

    Example:
        >>> vw = read_bwb(Path("corpus/bwb/BWBR0011823_2019-02-27_0.xml"))
        >>> vw.id, vw.metadata.soort
        ('BWBR0011823', 'wet')
    """
    root = parse_xml(path, data)
    if root.tag != "toestand":
        raise SourceError(str(path), f"not a BWB toestand (root <{root.tag}>)")
    bwb_id = root.get("bwb-id") or ""
    if not _BWB_ID.fullmatch(bwb_id):
        raise SourceError(str(path), f"toestand without a valid bwb-id ({bwb_id!r})")
    wetgeving = root.find("wetgeving")
    if wetgeving is None:
        raise SourceError(str(path), "toestand without <wetgeving>")
    flattener = _Flattener(bwb_id)
    children = flattener.flatten(wetgeving)
    text = flattener.text()
    links = tuple(_finish_link(link, text) for link in flattener.links)
    regeling = Division(
        kind="regeling",
        number=bwb_id,
        start=0,
        end=len(text.rstrip()),
        label=_title(wetgeving) or bwb_id,
        jci=f"jci1.3:c:{bwb_id}",
        children=tuple(_trim_division(child, text) for child in children),
    )
    valid_from = _iso_date(root.get("inwerkingtreding"))
    return SourceDocument(
        id=bwb_id,
        kind=DocumentKind.REGELING,
        title=_title(wetgeving) or bwb_id,
        text=text,
        path=str(path),
        date=valid_from,
        metadata=DocumentMetadata(
            bwb_id=bwb_id,
            soort=wetgeving.get("soort"),
            valid_from=valid_from,
            official_url=f"https://wetten.overheid.nl/{bwb_id}/{valid_from}"
            if valid_from
            else f"https://wetten.overheid.nl/{bwb_id}",
            extra=_extra(wetgeving),
            valid_until=_stated_end(path, bwb_id),
        ),
        divisions=(regeling,),
        links=links,
    )


def _stated_end(path: Path, bwb_id: str) -> dt.date | None:
    """The toestand's einddatum as the repository manifest states it, when the file
    was fetched into a cache (``bwb/documents/<item>``, the manifest beside it in
    ``bwb/listings/<id>.manifest.xml``, ``ingest.fetch.bwb``); 9999-12-31 is BWB's own
    "no end". None for a file without a manifest or one the manifest does not list."""
    manifest = path.parent.parent / "listings" / f"{bwb_id}.manifest.xml"
    if path.parent.name != "documents" or not manifest.is_file():
        return None
    try:
        root = parse_xml(manifest)
    except SourceError:
        return None  # the toestand is still read; its end is then unknown
    for expression in root.iter("expression"):
        items = {item.get("label") for item in expression.iter("item")}
        if path.name in items:
            return _iso_date(expression.findtext("metadata/einddatum"))
    return None


def parse_jci(jci: str) -> tuple[str | None, Pinpoint]:
    """The work (BWB id) and pinpoint of a Juriconnect reference.

    >>> parse_jci("jci1.3:c:BWBR0011823&hoofdstuk=3&artikel=14&lid=2&o=a")
    ('BWBR0011823', Pinpoint(artikel='14', lid='2', onderdeel='a', paragraaf=None))
    """
    work_match = _BWB_ID.search(jci)
    parts: dict[str, str] = {}
    for piece in jci.split("&")[1:]:
        key, _, value = piece.partition("=")
        parts.setdefault(key, unquote(value))
    pinpoint = Pinpoint(
        artikel=parts.get("artikel"),
        lid=parts.get("lid"),
        onderdeel=parts.get("o") or parts.get("onderdeel"),
        # A paragraaf is a pinpoint of its own only above article level (Vc style).
        paragraaf=None if "artikel" in parts else parts.get("paragraaf"),
    )
    return (work_match.group() if work_match else None), pinpoint


class _Flattener:
    """Walks ``<wetgeving>`` once, writing text lines, divisions and links."""

    def __init__(self, bwb_id: str) -> None:
        self.bwb_id = bwb_id
        self.parts: list[str] = []
        self.position = 0
        self.links: list[EditorialLink] = []
        self.prefix = ""  # a lid/list number waiting for the next line

    def text(self) -> str:
        return "".join(self.parts)

    def flatten(self, element: etree._Element) -> list[Division]:
        return self._children(element, f"jci1.3:c:{self.bwb_id}")

    # -- writing -------------------------------------------------------------------

    def _write(self, value: str) -> None:
        self.parts.append(value)
        self.position += len(value)

    def _begin_line(self) -> None:
        if self.position and not self.parts[-1].endswith("\n"):
            self._write("\n")
        if self.prefix:
            self._write(self.prefix)
            self.prefix = ""

    def _end_line(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self._write("\n")

    def _line(self, element: etree._Element) -> None:
        """One block element (al, redactie, …) as one line with its inline links."""
        self._begin_line()
        self._inline(element, strip_start=True)
        self._trim_line_end()
        self._end_line()

    def _inline(self, element: etree._Element, *, strip_start: bool = False) -> None:
        head = _squash(element.text or "")
        if strip_start:
            head = head.lstrip()
        self._write(head)
        for child in element:
            if isinstance(child.tag, str) and child.tag not in _SKIP:
                if child.tag in _LINKS:
                    self._link(child)
                else:
                    self._inline(child)
            self._write(_squash(child.tail or ""))

    def _heading_line(self, kop: etree._Element) -> None:
        """The kop as one line: "Artikel 3.71", "Hoofdstuk 1 Inleidende bepalingen"."""
        self._begin_line()
        first = True
        for child in kop:
            if not isinstance(child.tag, str) or child.tag not in _HEADING_PARTS:
                continue
            if not _squash(inline_text(child, _SKIP_IN_HEADING)).strip():
                continue
            if not first:
                self._write(" ")
            self._inline(child, strip_start=True)
            self._trim_line_end()
            first = False
        self._end_line()

    def _trim_line_end(self) -> None:
        while self.parts and self.parts[-1] != self.parts[-1].rstrip(" "):
            last = self.parts.pop()
            self.position -= len(last)
            kept = last.rstrip(" ")
            if kept:
                self._write(kept)
                break

    def _link(self, element: etree._Element) -> None:
        start = self.position
        self._inline(element)
        end = self.position
        target = element.get("doc") or ""
        work, pinpoint = parse_jci(target) if target.startswith("jci") else (None, None)
        work = element.get("bwb-id") or work
        if work is None and element.get("reeks", "").lower() == "celex" and target:
            work = target
        self.links.append(
            EditorialLink(
                start=start,
                end=end,
                text="",  # filled in by _finish_links once the text is joined
                target=target,
                work=work,
                pinpoint=pinpoint or Pinpoint(),
            )
        )

    # -- structure -----------------------------------------------------------------

    def _children(self, element: etree._Element, parent_jci: str) -> list[Division]:
        divisions: list[Division] = []
        for child in element:
            if not isinstance(child.tag, str) or child.tag in _SKIP:
                continue
            if child.tag in DIVISION_KINDS:
                divisions.append(self._division(child, parent_jci))
            elif _is_text_block(child):
                self._line(child)
            else:
                divisions.extend(self._children(child, parent_jci))
        return divisions

    def _division(self, element: etree._Element, parent_jci: str) -> Division:
        kind = DIVISION_KINDS[element.tag]
        kop = element.find("kop")
        heading = _heading(kop) if kop is not None else ""
        number = _number(element, kop)
        jci = _own_jci(element)
        if jci is None:
            jci = _derived_jci(element.tag, number, parent_jci)
        _, pinpoint = parse_jci(jci) if jci else (None, Pinpoint())
        self._end_line()
        start = self.position
        if heading and kop is not None:
            self._heading_line(kop)
        if element.tag in ("lid", "li"):
            printed = _printed_number(element)
            self.prefix = f"{printed} " if printed else ""
        children = self._children(element, jci or parent_jci)
        self.prefix = ""
        end = self.position
        if end > start and self.parts[-1].endswith("\n"):
            end -= 1
        return Division(
            kind=kind,
            number=number,
            start=start,
            end=end,
            label=heading or (f"{kind} {number}" if number else kind),
            jci=jci,
            pinpoint=pinpoint if kind in _PINPOINTED else Pinpoint(),
            status=element.get("status") if element.get("status") != "goed" else None,
            children=tuple(children),
            versie=_versie(element),
        )


def _derived_jci(tag: str, number: str, parent_jci: str) -> str | None:
    """The Juriconnect id of a part that BWB gives none: its parent's plus itself.

    Only list items directly under an article or lid qualify among list items (a
    nested item would need a second ``o=``, which Juriconnect does not have).
    """
    if not number:
        return None
    if tag == "li":
        if "&o=" in parent_jci or "&artikel=" not in parent_jci:
            return None
        return f"{parent_jci}&o={number.rstrip('°.')}"
    return f"{parent_jci}&{tag}={number}"


def _versie(element: etree._Element) -> Versie | None:
    """The part's version: ``inwerking``, ``bron``, ``effect`` and the ``brondata``
    that describes the ``bron`` publication (None when the part names no publication).

    The ``brondata`` is matched on series, year and number, as older entries have an
    empty ``urlidentifier`` (the Awb's Stb. 1994, 1); of several, the one with the
    part's ``effect`` (an article made "nieuw" and later "vervallen" by one act).
    """
    stated = (element.get("bron") or "").strip()
    match = _BRON.match(stated)
    if match is None:
        return None
    series, jaar, nummer = match.groups()
    effect = (element.get("effect") or "").strip() or None
    described = [
        publicatie
        for meta in element.iterchildren("meta-data")
        for publicatie in meta.iterfind("brondata/oorspronkelijk/publicatie")
        if publicatie.get("soort") == series
        and (publicatie.findtext("publicatiejaar") or "").strip() == jaar
        and (publicatie.findtext("publicatienr") or "").strip().lstrip("0")
        == nummer.lstrip("0")
    ]
    same_effect = [p for p in described if p.get("effect") == effect]
    chosen = (same_effect or described or [None])[-1]
    identifier = gazette_id(_SERIES_IDS[series], jaar, nummer)
    if chosen is None:
        bron = Bekendmaking(
            id=identifier,
            soort=series,
            jaar=jaar,
            nummer=str(int(nummer)),
            publicatiedatum=_iso_date(element.get("publicatie_bron")),
            ondertekening=_iso_date(element.get("ondertekening_bron")),
        )
    else:
        bron = _bekendmaking(chosen, identifier, series, jaar, nummer)
    return Versie(
        bron=bron,
        vermelding=stated,
        effect=effect,
        inwerkingtreding=_iso_date(element.get("inwerking")),
    )


def _bekendmaking(
    publicatie: etree._Element, identifier: str, series: str, jaar: str, nummer: str
) -> Bekendmaking:
    """A ``brondata`` publication; its own ``urlidentifier`` when it has a valid one."""
    own = (publicatie.get("urlidentifier") or "").strip().lower()
    dossierref = publicatie.find("dossierref")
    dossier = (
        (dossierref.get("dossier") or dossierref.text or "").strip()
        if dossierref is not None
        else ""
    )
    kenmerk = _squash(publicatie.findtext("kenmerk") or "").strip()
    return Bekendmaking(
        id=own if _PUBLICATION_ID.match(own) else identifier,
        soort=series,
        jaar=jaar,
        nummer=str(int(nummer)),
        publicatiedatum=_iso_date(_isodatum(publicatie, "uitgiftedatum")),
        ondertekening=_iso_date(_isodatum(publicatie, "ondertekeningsdatum")),
        dossiernummer=dossier or None,
        kenmerk=kenmerk or None,
    )


def _isodatum(parent: etree._Element, tag: str) -> str | None:
    child = parent.find(tag)
    return child.get("isodatum") if child is not None else None


def _trim_division(division: Division, text: str) -> Division:
    start, end = division.start, division.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return replace(
        division,
        start=start,
        end=end,
        children=tuple(_trim_division(child, text) for child in division.children),
    )


def _finish_link(link: EditorialLink, text: str) -> EditorialLink:
    """Fill in the link's text, its span trimmed of surrounding blanks."""
    start, end = link.start, min(link.end, len(text))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return EditorialLink(
        start=start,
        end=end,
        text=text[start:end],
        target=link.target,
        work=link.work,
        pinpoint=link.pinpoint,
    )


def _is_text_block(element: etree._Element) -> bool:
    """An element written as one line: it holds text itself (al, redactie, …)."""
    if element.tag in ("al", "considerans.al", "redactie", "tussenkop"):
        return True
    if (element.text or "").strip():
        return True
    return any(
        (child.tail or "").strip() or child.tag in _LINKS
        for child in element
        if isinstance(child.tag, str)
    )


def _squash(value: str) -> str:
    """Collapse XML layout whitespace (newlines, indentation) to single blanks."""
    return re.sub(r"\s+", " ", value)


def _heading(kop: etree._Element) -> str:
    parts = [
        _squash(inline_text(child, _SKIP_IN_HEADING)).strip()
        for child in kop
        if isinstance(child.tag, str) and child.tag in ("label", "nr", "titel")
    ]
    return " ".join(part for part in parts if part)


_SKIP_IN_HEADING = frozenset({"meta-data"})
_HEADING_PARTS = ("label", "nr", "titel")


def _number(element: etree._Element, kop: etree._Element | None) -> str:
    if kop is not None:
        nr = kop.findtext("nr")
        if nr and nr.strip():
            return nr.strip()
    if element.tag == "lid":
        return (element.findtext("lidnr") or "").strip().rstrip(".")
    if element.tag == "li":
        printed = (element.findtext("li.nr") or "").strip().rstrip(".")
        if printed:
            return printed
        jci = _own_jci(element)
        if jci:
            _, pinpoint = parse_jci(jci)
            return pinpoint.onderdeel or ""
        variable = element.get("bwb-ng-variabel-deel") or ""
        return variable.rsplit("_", 1)[-1] if "_" in variable else ""
    label = element.get("label") or ""
    return label.split(" ", 1)[1] if " " in label else ""


def _printed_number(element: etree._Element) -> str:
    tag = "lidnr" if element.tag == "lid" else "li.nr"
    printed = (element.findtext(tag) or "").strip()
    if element.tag == "lid" and printed and not printed.endswith("."):
        printed += "."
    return printed


def _own_jci(element: etree._Element) -> str | None:
    """The element's own Juriconnect 1.3 id, without the z/g dates."""
    for meta in element.iterchildren("meta-data"):
        for jci in meta.iterfind("jcis/jci"):
            if jci.get("versie") == "1.3" and jci.get("verwijzing"):
                return _JCI_DATES.sub("", jci.get("verwijzing") or "")
    return None


def _title(wetgeving: etree._Element) -> str:
    for tag in ("citeertitel", "intitule"):
        element = wetgeving.find(tag)
        if element is not None:
            title = _squash(inline_text(element, frozenset({"meta-data"}))).strip()
            if title:
                return title
    return ""


def _extra(wetgeving: etree._Element) -> tuple[tuple[str, str], ...]:
    extra: list[tuple[str, str]] = []
    intitule = wetgeving.find("intitule")
    if intitule is not None:
        text = _squash(inline_text(intitule, frozenset({"meta-data"}))).strip()
        extra.append(("intitule", text))
        if intitule.get("bron"):
            extra.append(("bron", intitule.get("bron") or ""))
    return tuple(extra)


def _iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
