"""Read Officiële-publicatie XML of a Kamerstuk (motions and other stukken).

The text is the stuk flattened to readable lines: vergaderjaar and chamber, the dossier
number and title, "Nr. <ondernummer> <stuk titel>", the date line, then one line per
``<al>`` (list items as "• …"/"a. …"). For motions the parts are also split out: the
considerations ("constaterende dat", "overwegende dat", …), the dictum ("verzoekt de
regering …") and the indieners (the names after "en gaat over tot de orde van de dag",
first the indiener, then the medeindieners, in the printed order).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from ingest.errors import SourceError
from ingest.models import DocumentKind, DocumentMetadata, SourceDocument
from ingest.sources._xml import inline_text, parse_xml

__all__ = ["read_kamerstuk"]

_CLOSING = re.compile(r"^en gaat over tot de orde van de dag[.,;]?$", re.IGNORECASE)
_OPENING = ("De Kamer,", "gehoord de beraadslaging,")
# How a dictum paragraph of a motion opens (verzoekt de regering, spreekt uit, …).
_DICTUM = re.compile(
    r"^(verzoekt|roept|spreekt|draagt|besluit|vraagt|dringt|geeft|wijst|stelt|"
    r"betreurt|keurt|zegt|nodigt)\b",
    re.IGNORECASE,
)


def read_kamerstuk(path: Path, data: bytes | None = None) -> SourceDocument:
    """Read a Kamerstuk in Officiële-publicatie XML.

    Args:
        path: the XML file (``data`` may carry its bytes when already read).
        data: the file's bytes, if the caller has them.

    Returns:
        A SourceDocument with id ``kst-<dossier>-<ondernummer>`` (e.g.
        ``kst-36600-XX-39``), kind MOTIE for motions (else KAMERSTUK), the stuk title,
        the date (``datum/@isodatum``), dossiernummer/ondernummer/vergaderjaar,
        indieners in printed order, and in ``metadata.extra`` the dossier title, the
        dictum and the considerations.

    Raises:
        SourceError: broken XML, or not an officiële publicatie of a kamerstuk.

    Example:
        >>> doc = read_kamerstuk(Path("corpus/kamerstukken/kst-29861-126.xml"))
        >>> doc.id, doc.metadata.indieners
        ('kst-29861-126', ('Paternotte', 'Podt', 'Aartsen'))
    """
    root = parse_xml(path, data)
    if root.tag != "officiele-publicatie":
        raise SourceError(str(path), f"not an officiële publicatie (root <{root.tag}>)")
    kamerstuk = root.find("kamerstuk")
    stuk = kamerstuk.find("stuk") if kamerstuk is not None else None
    if kamerstuk is None or stuk is None:
        raise SourceError(str(path), "officiële publicatie without <kamerstuk>/<stuk>")
    meta = _meta(root)
    dossier = _dossiernummer(kamerstuk)
    ondernummer = _clean(stuk.findtext("stuknr/ondernummer") or "") or meta.get(
        "OVERHEIDop.ondernummer", ""
    )
    if not dossier or not ondernummer:
        raise SourceError(str(path), "kamerstuk without dossiernummer or ondernummer")
    doc_id = f"kst-{dossier}-{ondernummer}"
    titel = stuk.find("titel")
    title = _clean(inline_text(titel)) if titel is not None else ""
    dossier_titel = _clean(kamerstuk.findtext("dossier/titel") or "")
    vergaderjaar = _vergaderjaar(kamerstuk) or meta.get("OVERHEIDop.vergaderjaar")
    date = _date(stuk)

    lines: list[str] = []
    for regel in kamerstuk.iterfind("kamerstukkop/tekstregel"):
        if regel.get("inhoud") in ("vergaderjaar", "kameraanduiding"):
            lines.append(_clean(inline_text(regel)))
    printed_dossier = _clean(inline_text(kamerstuk.find("dossier/dossiernummer")))
    lines.append(f"{printed_dossier} {dossier_titel}".strip())
    lines.append(f"{_clean(inline_text(stuk.find('stuknr')))} {title}".strip())
    if stuk.find("datumtekst") is not None:
        lines.append(_clean(inline_text(stuk.find("datumtekst"))))
    paragraphs = _paragraphs(stuk)
    lines.extend(text for text, _ in paragraphs)
    text = "\n".join(line for line in lines if line) + "\n"

    is_motie = "MOTIE" in title.upper() or meta.get("DC.type") == "Motie"
    considerations, dictum, indieners = _motion_parts(paragraphs)
    extra = [("dossiertitel", dossier_titel)]
    if dictum:
        extra.append(("dictum", "\n".join(dictum)))
    if considerations:
        extra.append(("overwegingen", "\n".join(considerations)))
    for name in ("OVERHEIDop.documenttitel", "OVERHEIDop.indiener"):
        if meta.get(name):
            extra.append((name.split(".", 1)[1], meta[name]))
    return SourceDocument(
        id=doc_id,
        kind=DocumentKind.MOTIE if is_motie else DocumentKind.KAMERSTUK,
        title=title or doc_id,
        text=text,
        path=str(path),
        date=date,
        metadata=DocumentMetadata(
            soort="motie" if is_motie else meta.get("DC.type", "kamerstuk").lower(),
            dossiernummer=dossier,
            ondernummer=ondernummer,
            vergaderjaar=vergaderjaar,
            indieners=tuple(indieners),
            official_url=f"https://zoek.officielebekendmakingen.nl/{doc_id}",
            extra=tuple((key, value) for key, value in extra if value),
        ),
    )


def _clean(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def _meta(root: etree._Element) -> dict[str, str]:
    """The first value of each ``<meta name=…>`` (newer files only reference them)."""
    found: dict[str, str] = {}
    for meta in root.iterfind("metadata/meta"):
        name, content = meta.get("name"), meta.get("content")
        if name and content and name not in found:
            found[name] = content
    return found


def _dossiernummer(kamerstuk: etree._Element) -> str:
    """ "36600-XX", "29861", "21501-20": digits without blanks, suffix after a dash."""
    number = kamerstuk.find("dossier/dossiernummer")
    if number is None:
        return ""
    nr = re.sub(r"\s+", "", number.findtext("dossiernr") or "")
    suffix = number.findtext("begrotingshoofdstuk") or number.findtext("raadnr") or ""
    return f"{nr}-{_clean(suffix)}" if suffix.strip() else nr


def _vergaderjaar(kamerstuk: etree._Element) -> str | None:
    for regel in kamerstuk.iterfind("kamerstukkop/tekstregel"):
        if regel.get("inhoud") == "vergaderjaar":
            match = re.search(r"\d{4}-\d{4}", regel.text or "")
            if match:
                return match.group()
    return None


def _date(stuk: etree._Element) -> dt.date | None:
    datum = stuk.find("datumtekst/datum")
    if datum is None or not datum.get("isodatum"):
        return None
    try:
        return dt.date.fromisoformat(datum.get("isodatum") or "")
    except ValueError:
        return None


def _paragraphs(stuk: etree._Element) -> list[tuple[str, bool]]:
    """Every paragraph of the stuk's text in order, as (line, is a list item)."""
    found: list[tuple[str, bool]] = []
    for tekst in stuk.iterfind("algemeen/vrije-tekst/tekst"):
        _collect(tekst, found)
    return found


def _collect(element: etree._Element, found: list[tuple[str, bool]]) -> None:
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "al":
            line = _clean(inline_text(child))
            if line:
                found.append((line, False))
        elif child.tag == "li":
            number = _clean(child.findtext("li.nr") or "")
            body = " ".join(
                _clean(inline_text(al)) for al in child.iterfind("al") if al is not None
            )
            line = f"{number} {body}".strip()
            if line:
                found.append((line, True))
            for nested in child.iterfind("lijst"):
                _collect(nested, found)
        else:
            _collect(child, found)


def _motion_parts(
    paragraphs: list[tuple[str, bool]],
) -> tuple[list[str], list[str], list[str]]:
    """(considerations, dictum, indieners) of a motion's paragraphs."""
    considerations: list[str] = []
    dictum: list[str] = []
    indieners: list[str] = []
    state = "considerations"
    for line, is_item in paragraphs:
        if state == "indieners":
            if not is_item:
                # a printed signature may keep a stray comma ("Podt," in 19637-3481)
                indieners.append(line.rstrip(" ,;"))
            continue
        if _CLOSING.match(line):
            state = "indieners"
            continue
        if line in _OPENING:
            continue
        if state == "considerations" and not is_item and _DICTUM.match(line):
            state = "dictum"
        if state == "dictum":
            dictum.append(line)
        elif is_item and considerations:
            considerations[-1] += "\n" + line
        else:
            considerations.append(line)
    return considerations, dictum, indieners
