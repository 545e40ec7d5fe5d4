"""Read open-rechtspraak XML (data.rechtspraak.nl) into a SourceDocument.

The file holds RDF metadata (``rdf:RDF``), optionally an ``inhoudsindicatie`` and the
body: ``uitspraak`` (a judgment) or ``conclusie`` (an Advocate General's opinion). The
text is the body flattened to one line per ``para``/``title``/``bridgehead``, the
number of a numbered consideration (``paragroup/nr``) opening its first line. Sections
(``section`` with a ``title``) and numbered considerations become Divisions (kinds
``sectie`` and ``overweging``); footnotes are written after the body and kept as
Footnote objects with the offsets of their calls.

The body carries no links of its own, so the metadata's formal relations between
decisions (``dcterms:relation``) and its law references (``dcterms:references``,
"Wetsverwijzing", with Juriconnect/CVDR ids) become :class:`ingest.models.Relation`
objects in ``SourceDocument.relations``.
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
    Relation,
    SourceDocument,
)
from ingest.sources._flatten import TextBuilder, finish_division, squash
from ingest.sources._xml import inline_text, parse_xml
from ingest.sources.bwb import parse_jci

__all__ = ["looks_like_uitspraak", "read_uitspraak"]

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
DCTERMS = "http://purl.org/dc/terms/"
PSI = "http://psi.rechtspraak.nl/"
RS = "http://www.rechtspraak.nl/schema/rechtspraak-1.0"

_ECLI = re.compile(r"^ECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]{1,25}$")
_BODIES = ("uitspraak", "conclusie")
# Written as one line each; everything inside them is running text.
_LINES = frozenset({"para", "title", "bridgehead", "entry", "listitem"})
_SKIPPED = frozenset({"imagedata", "imageobject", "mediaobject", "inlinemediaobject"})


def looks_like_uitspraak(root_tag: str) -> bool:
    """Whether an XML root element name is open-rechtspraak (``open-rechtspraak``).

    >>> looks_like_uitspraak("open-rechtspraak")
    True
    """
    return root_tag == "open-rechtspraak"


def read_uitspraak(path: Path, data: bytes | None = None) -> SourceDocument:
    """Read a court decision (or AG opinion) in open-rechtspraak XML.

    Args:
        path: the XML file (``data`` may carry its bytes when already read).
        data: the file's bytes, if the caller has them.

    Returns:
        An UITSPRAAK SourceDocument: id = the ECLI, title = the metadata title (else
        the ECLI), date = the decision date (``dcterms:date``), ``metadata.soort`` =
        "uitspraak" or "conclusie", ``relations`` = formal relations and law
        references, and in ``metadata.extra`` the court (``instantie``, its OWMS id),
        ``zaaknummer``, ``rechtsgebied``, ``procedure``, ``zittingsplaats``,
        ``publicatiedatum``, ``vervangt`` (old LJN) and ``inhoudsindicatie``.

    Raises:
        SourceError: broken XML, another root, no ECLI, or neither an uitspraak nor a
            conclusie body.

    Example:
        >>> doc = read_uitspraak(Path("corpus/rechtspraak/ECLI.NL.GHAMS.2013.2283.xml"))
        >>> doc.id, [r.target for r in doc.relations]
        ('ECLI:NL:GHAMS:2013:2283', ['ECLI:NL:RBHAA:2012:BX9136', 'ECLI:NL:HR:2014:425'])
    """
    root = parse_xml(path, data)
    # Older answers have a bare root, newer ones the rechtspraak-1.0 namespace.
    if (
        not isinstance(root.tag, str)
        or etree.QName(root).localname != "open-rechtspraak"
    ):
        raise SourceError(str(path), f"not open-rechtspraak XML (root <{root.tag}>)")
    descriptions = list(root.iter(f"{{{RDF}}}Description"))
    if not descriptions:
        raise SourceError(
            str(path), "open-rechtspraak without rdf:Description metadata"
        )
    meta = descriptions[0]
    ecli = _text(meta, DCTERMS, "identifier")
    if not _ECLI.match(ecli):
        raise SourceError(str(path), f"metadata without a valid ECLI ({ecli!r})")
    body = next(
        (
            child
            for child in root
            if isinstance(child.tag, str) and etree.QName(child).localname in _BODIES
        ),
        None,
    )
    if body is None:
        raise SourceError(str(path), "open-rechtspraak without <uitspraak>/<conclusie>")

    flattener = _Flattener()
    children = flattener.children(body)
    body_end = flattener.builder.position
    footnotes = flattener.builder.write_footnotes("Voetnoten")
    text = flattener.builder.text()
    soort = etree.QName(body).localname
    whole = Division(
        kind=soort,
        number=ecli,
        start=0,
        end=body_end,
        label=soort,
        children=tuple(children),
    )
    title = ""
    for description in descriptions:
        title = title or _text(description, DCTERMS, "title")
    return SourceDocument(
        id=ecli,
        kind=DocumentKind.UITSPRAAK,
        title=title or ecli,
        text=text,
        path=str(path),
        date=_date(_text(meta, DCTERMS, "date")),
        metadata=DocumentMetadata(
            soort=soort,
            official_url=f"http://deeplink.rechtspraak.nl/uitspraak?id={ecli}",
            extra=_extra(root, meta),
        ),
        divisions=(finish_division(whole, text),),
        footnotes=footnotes,
        relations=_relations(meta),
    )


class _Flattener:
    """Walks the body once, writing lines, sections, considerations and footnotes."""

    def __init__(self) -> None:
        self.builder = TextBuilder()
        self.prefix = ""  # a consideration number waiting for the next line
        self.notes: dict[str, etree._Element] = {}

    def children(self, element: etree._Element) -> list[Division]:
        self.notes.update(
            (note.get("id") or "", note) for note in element.iter(f"{{{RS}}}footnote")
        )
        return self._walk(element)

    def _walk(self, element: etree._Element) -> list[Division]:
        divisions: list[Division] = []
        for child in element:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname
            if name in _SKIPPED or name == "footnote":
                continue
            if name == "section":
                divisions.append(self._section(child))
            elif name == "paragroup":
                divisions.append(self._consideration(child))
            elif name == "nr":
                number = squash(inline_text(child)).strip()
                self.prefix = f"{number} " if number else ""
            elif name in _LINES or _has_running_text(child):
                self._line(child)
            else:
                divisions.extend(self._walk(child))
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
                name = etree.QName(child).localname
                if name == "footnote-ref":
                    self._footnote(child.get("linkend") or "")
                elif name not in _SKIPPED and name != "footnote":
                    self._inline(child)
            self.builder.inline(child.tail or "")

    def _footnote(self, linkend: str) -> None:
        note = self.notes.get(linkend)
        if note is None:
            return
        number = note.get("label") or str(len(self.builder.footnotes) + 1)
        body = " ".join(
            squash(inline_text(part)).strip()
            for part in note
            if isinstance(part.tag, str)
        )
        self.builder.note_footnote(number, body)

    def _section(self, element: etree._Element) -> Division:
        title = element.find(f"{{{RS}}}title")
        label = squash(inline_text(title)).strip() if title is not None else ""
        self.builder.end_line()
        start = self.builder.position
        children = self._walk(element)
        return Division(
            kind="sectie",
            number=element.get("role") or "",
            start=start,
            end=self.builder.position,
            label=label or "sectie",
            children=tuple(children),
        )

    def _consideration(self, element: etree._Element) -> Division:
        nr = element.find(f"{{{RS}}}nr")
        number = squash(inline_text(nr)).strip() if nr is not None else ""
        self.builder.end_line()
        start = self.builder.position
        children = self._walk(element)
        if self.prefix:  # a number with nothing after it
            self.builder.begin_line()
            self.builder.write(self.prefix.rstrip())
            self.builder.end_line()
            self.prefix = ""
        return Division(
            kind="overweging",
            number=number.rstrip("."),
            start=start,
            end=self.builder.position,
            label=number or "overweging",
            children=tuple(children),
        )


def _attr(element: etree._Element, name: str) -> str:
    """An attribute by local name, whatever its namespace (``ecli:``, ``psi:``, ``bwb:``)."""
    for key, value in element.attrib.items():
        if etree.QName(key).localname == name:
            return str(value)
    return ""


def _has_running_text(element: etree._Element) -> bool:
    if (element.text or "").strip():
        return True
    return any((child.tail or "").strip() for child in element)


def _text(description: etree._Element, namespace: str, name: str) -> str:
    element = description.find(f"{{{namespace}}}{name}")
    return squash(element.text or "").strip() if element is not None else ""


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _relations(meta: etree._Element) -> tuple[Relation, ...]:
    found: list[Relation] = []
    for element in meta.iterfind(f"{{{DCTERMS}}}relation"):
        qualifiers = tuple(
            (key, _attr(element, key))
            for key in ("aanleg", "gevolg")
            if _attr(element, key)
        )
        found.append(
            Relation(
                type=_attr(element, "type") or f"{DCTERMS}relation",
                target=_attr(element, "resourceIdentifier"),
                label=squash(element.text or "").strip(),
                qualifiers=qualifiers,
            )
        )
    for element in meta.iterfind(f"{{{DCTERMS}}}references"):
        target = _attr(element, "resourceIdentifier")
        parsed: tuple[tuple[str, str], ...] = ()
        if "BWB" in target:
            work, pinpoint = parse_jci(target)
            parsed = tuple(
                (key, value)
                for key, value in (("work", work), *pinpoint.as_dict().items())
                if value
            )
        found.append(
            Relation(
                type=f"{DCTERMS}references",
                target=target,
                label=squash(element.text or "").strip(),
                qualifiers=parsed,
            )
        )
    return tuple(found)


def _extra(root: etree._Element, meta: etree._Element) -> tuple[tuple[str, str], ...]:
    extra: list[tuple[str, str]] = []
    creator = meta.find(f"{{{DCTERMS}}}creator")
    if creator is not None:
        extra.append(("instantie", squash(creator.text or "").strip()))
        if _attr(creator, "resourceIdentifier"):
            extra.append(("instantie_id", _attr(creator, "resourceIdentifier")))
    fields = (
        (PSI, "zaaknummer", "zaaknummer"),
        (DCTERMS, "subject", "rechtsgebied"),
        (PSI, "procedure", "procedure"),
        (DCTERMS, "spatial", "zittingsplaats"),
        (DCTERMS, "issued", "publicatiedatum"),
        (DCTERMS, "replaces", "vervangt"),
        (DCTERMS, "type", "type"),
    )
    for namespace, name, key in fields:
        for element in meta.iterfind(f"{{{namespace}}}{name}"):
            value = squash(element.text or "").strip()
            if value:
                extra.append((key, value))
    summary = root.find(f"{{{RS}}}inhoudsindicatie")
    if summary is not None:
        lines = [
            squash(inline_text(part)).strip() for part in summary.iter(f"{{{RS}}}para")
        ]
        text = "\n".join(line for line in lines if line)
        if text:
            extra.append(("inhoudsindicatie", text))
    return tuple(extra)
