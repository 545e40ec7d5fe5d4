"""Read Officiële publicaties (Staatsblad, Staatscourant, Gemeenteblad …) into a SourceDocument.

Two shapes are read:

* the publication XML (root ``officiele-publicatie`` holding ``staatsblad``,
  ``staatscourant``, ``gemeenteblad``, ``provinciaalblad``, ``waterschapsblad``,
  ``blad-gemeenschappelijke-regeling`` or ``tractatenblad``): the text is the
  publication flattened to lines (headings, one line per ``al``, articles and leden with
  their numbers); articles and leden become Divisions;
* an SRU search record (root ``record`` with ``recordData/gzd``) of the
  officielebekendmakingen SRU service: metadata only, so the text is the title and
  the abstract.

The id is the official publication id (``stb-2018-84``), taken from the metadata
(``OVERHEIDop.externMetadataRecord`` URL, or ``owmskern/identifier``).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from ingest.errors import SourceError
from ingest.models import (
    Division,
    DocumentKind,
    DocumentMetadata,
    Pinpoint,
    SourceDocument,
)
from ingest.sources._flatten import TextBuilder, finish_division, squash
from ingest.sources._xml import inline_text, parse_xml

__all__ = ["looks_like_publicatie", "read_publicatie"]

#: Publication bodies inside ``officiele-publicatie`` (kamerstukken are read elsewhere).
PUBLICATIONS = {
    "staatsblad": "stb",
    "staatscourant": "stcrt",
    "gemeenteblad": "gmb",
    "provinciaalblad": "prb",
    "waterschapsblad": "wsb",
    "blad-gemeenschappelijke-regeling": "bgr",
    "tractatenblad": "trb",
}
_PUBLICATION_ID = re.compile(r"\b(stb|stcrt|gmb|prb|wsb|bgr|trb)-\d{4}-\d+\b")
#: An SRU record of the officiële-publicaties service may also describe a Kamerstuk
#: or Handelingen item (e.g. one not yet typeset, that has no XML to read).
_RECORD_ID = re.compile(
    r"(stb|stcrt|gmb|prb|wsb|bgr|trb)-\d{4}-\d+|kst-\d{4,6}(?:-[A-Z]{1,5})?-[\dA-Z]+"
    r"|(?:h|ah)-(?:tk|ek)-\d{8}-\d+(?:-\d+)?"
)
_SKIP = frozenset({"lidnr", "li.nr", "illustratie", "plaatje", "meta", "metadata"})


def looks_like_publicatie(root: etree._Element) -> bool:
    """Whether a parsed XML root is an official publication this module reads.

    ``officiele-publicatie`` with one of :data:`PUBLICATIONS` as a child (a Kamerstuk
    has ``kamerstuk`` there instead), or an SRU ``record`` holding a ``gzd`` record.
    """
    if root.tag == "officiele-publicatie":
        return any(child.tag in PUBLICATIONS for child in root)
    if etree.QName(root).localname == "record":
        return any(
            etree.QName(e).localname == "gzd"
            for e in root.iter()
            if isinstance(e.tag, str)
        )
    return False


def read_publicatie(path: Path, data: bytes | None = None) -> SourceDocument:
    """Read a Staatsblad/Staatscourant/Gemeenteblad publication or SRU record.

    Args:
        path: the XML file (``data`` may carry its bytes when already read).
        data: the file's bytes, if the caller has them.

    Returns:
        A PUBLICATIE SourceDocument: id ``stb-2018-84`` / ``stcrt-2015-47076`` /
        ``gmb-2023-174296``, title (intitule or kop title, or the SRU title), date (the
        dagtekening, else the SRU ``date``), ``metadata.soort`` the publication kind
        ("staatsblad", "staatscourant", "gemeenteblad"…), the text and, for
        publications with articles, Divisions per artikel and lid.

    Raises:
        SourceError: broken XML, not a publication, or no publication id.

    Example:
        >>> read_publicatie(Path("corpus/publicaties/stb-2018-84.xml")).id
        'stb-2018-84'
    """
    root = parse_xml(path, data)
    if not looks_like_publicatie(root):
        raise SourceError(str(path), f"not an official publication (root <{root.tag}>)")
    if root.tag == "officiele-publicatie":
        return _read_publication(path, root)
    return _read_sru(path, root)


def _read_publication(path: Path, root: etree._Element) -> SourceDocument:
    body = next(child for child in root if child.tag in PUBLICATIONS)
    doc_id = ""
    for meta in root.iterfind("metadata/meta"):
        found = _PUBLICATION_ID.search(meta.get("content") or "")
        if found and meta.get("name") == "OVERHEIDop.externMetadataRecord":
            doc_id = found.group()
    if not doc_id:
        raise SourceError(
            str(path), "publication without an identifier in its metadata"
        )
    title = _first_text(body, ("intitule", "kop/titel", "titel"))
    flattener = _Flattener()
    children = flattener.walk(body)
    text = flattener.builder.text()
    whole = Division(
        kind=body.tag,
        number=doc_id,
        start=0,
        end=len(text),
        label=title,
        children=tuple(children),
    )
    extra: list[tuple[str, str]] = []
    for datum in body.iterfind(".//uitgifte/datum"):
        if datum.get("isodatum"):
            extra.append(("uitgiftedatum", datum.get("isodatum") or ""))
    return SourceDocument(
        id=doc_id,
        kind=DocumentKind.PUBLICATIE,
        title=title or doc_id,
        text=text,
        path=str(path),
        date=_iso(
            next(
                (d.get("isodatum") for d in body.iterfind(".//dagtekening/datum")), None
            )
        ),
        metadata=DocumentMetadata(
            soort=body.tag,
            official_url=f"https://zoek.officielebekendmakingen.nl/{doc_id}",
            extra=tuple(extra),
        ),
        divisions=(finish_division(whole, text),),
    )


def _read_sru(path: Path, root: etree._Element) -> SourceDocument:
    fields: dict[str, list[str]] = {}
    for element in root.iter():
        if isinstance(element.tag, str) and len(element) == 0:
            value = squash(element.text or "").strip()
            if value:
                fields.setdefault(etree.QName(element).localname, []).append(value)
    doc_id = next(iter(fields.get("identifier", [])), "")
    if not _RECORD_ID.fullmatch(doc_id):
        raise SourceError(
            str(path), f"SRU record without a publication id ({doc_id!r})"
        )
    title = next(iter(fields.get("title", [])), doc_id)
    builder = TextBuilder()
    builder.line(title)
    for abstract in fields.get("abstract", []):
        builder.line(abstract)
    text = builder.text()
    extra = [
        (key, value)
        for key in ("publicatienaam", "type", "creator", "subject", "available")
        for value in fields.get(key, [])
    ]
    return SourceDocument(
        id=doc_id,
        kind=DocumentKind.PUBLICATIE,
        title=title,
        text=text,
        path=str(path),
        date=_iso(next(iter(fields.get("date", [])), None)),
        metadata=DocumentMetadata(
            soort=next(iter(fields.get("publicatienaam", [])), "").lower() or None,
            official_url=next(
                iter(fields.get("preferredUrl", [])),
                f"https://zoek.officielebekendmakingen.nl/{doc_id}",
            ),
            extra=tuple(extra),
        ),
    )


class _Flattener:
    """Writes the publication as lines; artikel and lid become Divisions."""

    def __init__(self) -> None:
        self.builder = TextBuilder()
        self.prefix = ""

    def walk(
        self, element: etree._Element, context: Pinpoint | None = None
    ) -> list[Division]:
        context = context or Pinpoint()
        divisions: list[Division] = []
        for child in element:
            if not isinstance(child.tag, str) or child.tag in _SKIP:
                continue
            if child.tag in ("artikel", "lid", "li"):
                divisions.append(self._division(child, context))
            elif _has_running_text(child):
                self._line(child)
            else:
                divisions.extend(self.walk(child, context))
        return divisions

    def _line(self, element: etree._Element) -> None:
        self.builder.begin_line()
        if self.prefix:
            self.builder.write(self.prefix)
            self.prefix = ""
        self.builder.inline(inline_text(element, _SKIP), strip_start=True)
        self.builder.end_line()

    def _division(self, element: etree._Element, context: Pinpoint) -> Division:
        self.builder.end_line()
        start = self.builder.position
        if element.tag == "artikel":
            number = squash(element.findtext("kop/nr") or "").strip()
            kind, pinpoint = "artikel", Pinpoint(artikel=number or None)
        else:
            tag = "lidnr" if element.tag == "lid" else "li.nr"
            printed = squash(element.findtext(tag) or "").strip()
            number = printed.rstrip(".")
            self.prefix = f"{printed} " if printed else ""
            if element.tag == "lid":
                kind, pinpoint = (
                    "lid",
                    Pinpoint(artikel=context.artikel, lid=number or None),
                )
            else:
                kind = "onderdeel"
                pinpoint = Pinpoint(
                    artikel=context.artikel, lid=context.lid, onderdeel=number or None
                )
        children = self.walk(element, pinpoint)
        return Division(
            kind=kind,
            number=number,
            start=start,
            end=self.builder.position,
            label=f"{kind} {number}".strip(),
            pinpoint=pinpoint,
            children=tuple(children),
        )


def _has_running_text(element: etree._Element) -> bool:
    if element.tag in (
        "al",
        "titel",
        "subtitel",
        "intitule",
        "tussenkop",
        "kop",
        "naam",
    ):
        return bool(squash(inline_text(element, _SKIP)).strip())
    if (element.text or "").strip():
        return True
    return any(
        (child.tail or "").strip() for child in element if isinstance(child.tag, str)
    )


def _first_text(element: etree._Element, paths: tuple[str, ...]) -> str:
    for candidate in paths:
        found = element.find(candidate)
        if found is not None:
            value = squash(inline_text(found, _SKIP)).strip()
            if value:
                return value
    return ""


def _iso(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
