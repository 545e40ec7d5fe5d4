"""Read BWB "wetstechnische informatie" (WTI XML, schema BWB-WTI 2016-1).

A WTI file is the publisher's record of one regeling: its titles and kind
(``algemene-informatie``), related regulations (``gerelateerde-regelgeving``) and its
amendment history (``wijzigingen``). The history lists, per date of entry into force
(``datum/@waarde``), the changes (``details``) to the regeling as a whole
(``wijzigingen/regeling``) and to each of its parts (``wijzigingen/regelingelementen``,
one ``regelingelement`` per BWB label-id, each ``datum`` naming the part as it was
labelled at that version, "Artikel 4a"). A change names the publications that made it
(``ontstaansbron/bron``: ``type="oorspronkelijk"`` and ``"juncto"``), the one that
set its date (``inwerkingtreding/bron``), each a Staatsblad/Staatscourant
``bekendmaking`` with its official ``urlidentifier`` and, for acts of parliament, the
Kamerstuk ``dossiernummer``; remarks (``opmerkingen``) and retroactive effect.

The document text has one line per change, written from the element's content::

    Artikel 3 — vernummering, in werking 2024-11-06. Bron: Stb. 2024, 291 (…).

Those lines are the evidence of the history links the graph builds (publication
amends article). Each publication and article named in a line is also an
EditorialLink (the WTI names them by their official ids, no guessing). Parts labelled
other than "Artikel …", and the unlabelled ones (intitule, aanhef, slotformulier),
count as changes to the regeling as a whole. ``gerelateerde-regelgeving`` (which
regulations are based on or refer to this one) is not read.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from ingest.errors import SourceError
from ingest.models import (
    Bekendmaking,
    DocumentKind,
    DocumentMetadata,
    EditorialLink,
    Pinpoint,
    SourceDocument,
    Wijziging,
)
from ingest.sources._flatten import TextBuilder, finish_link, squash
from ingest.sources._xml import inline_text, parse_xml
from ingest.sources.bwb import _iso_date

__all__ = ["looks_like_wti", "read_wti"]

ROOT = "wetstechnische-informatie"
REPOSITORY = "https://repository.officiele-overheidspublicaties.nl/bwb"

_BWB_ID = re.compile(r"^BW[BV][RV]\d{7}$")
_PUBLICATION_ID = re.compile(r"^(?:stb|stcrt)-\d{4}-\d+$")
_ARTIKEL_LABEL = re.compile(r"^Artikel\s+(\S+)$")
# Renumbering remarks: "Voorheen art. 2a." and "Door Stb. 2024/291 vernummerd tot art. 3."
_ARTIKEL_NR = r"(?P<nr>[0-9IVXLC]+[a-z]*(?:[.:][0-9]+[a-z]*)*)"
_VOORHEEN = re.compile(r"\bVoorheen\s+(?P<art>art(?:ikel|\.))\s+" + _ARTIKEL_NR)
_VERNUMMERD_TOT = re.compile(
    r"\bvernummerd\s+tot\s+(?P<art>art(?:ikel|\.))\s+" + _ARTIKEL_NR
)
_SERIES = {"stb": "Stb", "stcrt": "Stcrt"}


def looks_like_wti(root_tag: str) -> bool:
    """Whether an XML root element name is BWB wetstechnische informatie.

    >>> looks_like_wti("wetstechnische-informatie"), looks_like_wti("toestand")
    (True, False)
    """
    return root_tag == ROOT


def read_wti(path: Path, data: bytes | None = None) -> SourceDocument:
    """Read a BWB WTI file: a regeling's amendment history.

    Args:
        path: the XML file (``data`` may carry its bytes when already read).
        data: the file's bytes, if the caller has them.

    Returns:
        A WETSTECHNISCHE_INFORMATIE SourceDocument with id ``<bwb-id>.WTI`` (the name
        of the file in the BWB repository), the regeling's title, ``date`` = the date
        BWB last generated the file (``owms:meta`` ``dcterms:modified``), ``bwb_id`` and
        ``soort`` of the regeling, one Wijziging per change (in file order: regeling
        first, then part by part) with its line in the text, and an EditorialLink for
        every publication and article a line names.

    Raises:
        SourceError: broken XML, a root that is not ``wetstechnische-informatie``, no
            valid ``bwb-id``, or a publication without a valid ``urlidentifier``.

    Example:
        >>> wti = read_wti(Path("corpus/bwb-wti/BWBR0018451.WTI.xml"))
        >>> wti.id, wti.wijzigingen[0].bronnen[0].id
        ('BWBR0018451.WTI', 'stcrt-2024-33447')
    """
    root = parse_xml(path, data)
    if root.tag != ROOT:
        raise SourceError(str(path), f"not BWB WTI (root <{root.tag}>)")
    bwb_id = root.get("bwb-id") or ""
    if not _BWB_ID.match(bwb_id):
        raise SourceError(str(path), f"WTI without a valid bwb-id ({bwb_id!r})")
    general = root.find("algemene-informatie")
    citeertitel = _text(general, "citeertitel") if general is not None else ""
    soort = _text(general, "soort-regeling") if general is not None else ""
    writer = _Writer(path, bwb_id)
    heading_start, _ = writer.builder.line(
        f"Wetstechnische informatie {bwb_id} {citeertitel}".strip()
    )
    id_start = heading_start + len("Wetstechnische informatie ")
    writer.link(id_start, id_start + len(bwb_id), f"jci1.3:c:{bwb_id}", bwb_id)
    extra = _general_extra(general)
    if extra:
        writer.builder.line("; ".join(f"{key}: {value}" for key, value in extra))
    history = root.find("wijzigingen")
    if history is not None:
        writer.regeling(history.find("regeling"))
        writer.elementen(history.find("regelingelementen"))
    text = writer.builder.text()
    modified = root.findtext(
        "{http://standaarden.overheid.nl/bwb/owms/}meta/"
        "{http://standaarden.overheid.nl/bwb/owms/}kern/"
        "{http://purl.org/dc/terms/}modified"
    )
    title = f"Wetstechnische informatie: {citeertitel or bwb_id}"
    return SourceDocument(
        id=f"{bwb_id}.WTI",
        kind=DocumentKind.WETSTECHNISCHE_INFORMATIE,
        title=title,
        text=text,
        path=str(path),
        date=_iso_date((modified or "").strip()),
        metadata=DocumentMetadata(
            bwb_id=bwb_id,
            soort=soort or None,
            official_url=f"{REPOSITORY}/{bwb_id}/{bwb_id}.WTI",
            extra=(("citeertitel", citeertitel), *extra) if citeertitel else extra,
        ),
        links=tuple(finish_link(link, text) for link in writer.builder.links),
        wijzigingen=tuple(writer.wijzigingen),
    )


class _Writer:
    """Writes one line per change and collects the Wijziging records and links."""

    def __init__(self, path: Path, bwb_id: str) -> None:
        self.path = path
        self.bwb_id = bwb_id
        self.builder = TextBuilder()
        self.wijzigingen: list[Wijziging] = []

    def link(
        self, start: int, end: int, target: str, work: str, **pinpoint: str
    ) -> None:
        """An editorial link on text already written (filled in by finish_link)."""
        self.builder.links.append(
            EditorialLink(start, end, "", target, work, Pinpoint(**pinpoint))
        )

    def regeling(self, element: etree._Element | None) -> None:
        if element is None:
            return
        self.builder.line("Wijzigingen van de regeling")
        for datum in element.iterchildren("datum"):
            for details in datum.iterchildren("details"):
                self._change(datum, details, label="")

    def elementen(self, element: etree._Element | None) -> None:
        if element is None:
            return
        self.builder.line("Wijzigingen per onderdeel")
        for regelingelement in element.iterchildren("regelingelement"):
            for datum in regelingelement.iterchildren("datum"):
                label = squash(datum.get("label") or "").strip()
                for details in datum.iterchildren("details"):
                    self._change(datum, details, label=label)

    def _change(
        self, datum: etree._Element, details: etree._Element, *, label: str
    ) -> None:
        betreft = (details.findtext("betreft") or "").strip() or "wijziging"
        in_force = _iso_date(datum.get("waarde"))
        bronnen: list[Bekendmaking] = []
        juncto: list[Bekendmaking] = []
        for bron in details.iterfind("ontstaansbron/bron"):
            if bron.find("bekendmaking") is None and bron.findtext("dossiernummer"):
                # A pending bill ("Aanhangig"): named by its dossier, not yet
                # published, so no publication changed the regeling.
                continue
            target = juncto if bron.get("type") == "juncto" else bronnen
            target.append(self._bekendmaking(bron))
        commencing = [
            self._bekendmaking(bron)
            for bron in details.iterfind("inwerkingtreding/bron")
        ]
        retroactive = details.find("terugwerkende-kracht/terugwerkende-kracht-datum")
        remarks = tuple(
            squash(inline_text(al)).strip()
            for al in details.iterfind("opmerkingen/opmerking/al")
            if squash(inline_text(al)).strip()
        )
        artikel = _ARTIKEL_LABEL.match(label)
        pinpoint = Pinpoint(artikel=artikel.group(1)) if artikel else Pinpoint()

        # The line: "<part> — <betreft>, in werking <date>. Bron: … Juncto: … ."
        self.builder.begin_line()
        start = self.builder.position
        self._part_label(label or "Regeling")
        when = (
            f"in werking {in_force.isoformat()}"
            if in_force
            else "zonder datum van inwerkingtreding"
        )
        self.builder.write(f" — {betreft}, {when}.")
        self._sources("Bron", bronnen)
        self._sources("Juncto", juncto)
        self._sources("Inwerkingtreding", commencing)
        if retroactive is not None and retroactive.get("waarde"):
            scope = squash(retroactive.get("datum-scope", "").replace("-", " ")).strip()
            self.builder.write(
                f" Terugwerkende kracht {scope} {retroactive.get('waarde')}".replace(
                    "  ", " "
                )
            )
            labels = [
                squash(item.text or "").strip()
                for item in retroactive.iterfind("artikelen/label")
            ]
            for index, item in enumerate(label for label in labels if label):
                self.builder.write(" (" if index == 0 else ", ")
                self._part_label(item)
            self.builder.write(")." if any(labels) else ".")
        voorheen = vernummerd = None
        for remark in remarks:
            self.builder.write(" Opmerking: ")
            remark_start = self.builder.position
            self.builder.write(remark)
            for pattern in (_VOORHEEN, _VERNUMMERD_TOT):
                match = pattern.search(remark)
                if match is None:
                    continue
                if pattern is _VOORHEEN:
                    voorheen = match["nr"]
                else:
                    vernummerd = match["nr"]
                self.link(
                    remark_start + match.start("art"),
                    remark_start + match.end("nr"),
                    _jci(self.bwb_id, match["nr"]),
                    self.bwb_id,
                    artikel=match["nr"],
                )
        end = self.builder.position
        self.builder.end_line()
        self.wijzigingen.append(
            Wijziging(
                start=start,
                end=end,
                betreft=betreft,
                work=self.bwb_id,
                pinpoint=pinpoint,
                label=label,
                inwerkingtreding=in_force,
                bronnen=tuple(bronnen),
                juncto=tuple(juncto),
                inwerkingtredingsbronnen=tuple(commencing),
                terugwerkende_kracht=_iso_date(retroactive.get("waarde"))
                if retroactive is not None
                else None,
                opmerkingen=remarks,
                voorheen=voorheen,
                vernummerd_tot=vernummerd,
            )
        )

    def _part_label(self, label: str) -> None:
        """Write a part's label; an article label links to that article."""
        start = self.builder.position
        self.builder.write(label)
        artikel = _ARTIKEL_LABEL.match(label)
        if artikel:
            number = artikel.group(1)
            self.link(
                start,
                self.builder.position,
                _jci(self.bwb_id, number),
                self.bwb_id,
                artikel=number,
            )

    def _sources(self, heading: str, publications: list[Bekendmaking]) -> None:
        """ " Bron: Stb. 2024, 291 (ondertekend …, bekendgemaakt …, …)." with links."""
        if not publications:
            return
        self.builder.write(f" {heading}: ")
        for index, publication in enumerate(publications):
            if index:
                self.builder.write("; ")
            start = self.builder.position
            self.builder.write(publication.citation)
            self.link(start, self.builder.position, publication.id, publication.id)
            facts = [
                f"ondertekend {publication.ondertekening.isoformat()}"
                if publication.ondertekening
                else "",
                f"bekendgemaakt {publication.publicatiedatum.isoformat()}"
                if publication.publicatiedatum
                else "",
                f"kamerstukdossier {publication.dossiernummer}"
                if publication.dossiernummer
                else "",
                f"kenmerk {publication.kenmerk}" if publication.kenmerk else "",
            ]
            stated = ", ".join(fact for fact in facts if fact)
            if stated:
                self.builder.write(f" ({stated})")
        self.builder.write(".")

    def _bekendmaking(self, bron: etree._Element) -> Bekendmaking:
        bekendmaking = bron.find("bekendmaking")
        if bekendmaking is None:
            raise SourceError(
                str(self.path),
                f"<bron> without <bekendmaking> at line {bron.sourceline}",
            )
        identifier = (bekendmaking.get("urlidentifier") or "").strip().lower()
        if not _PUBLICATION_ID.match(identifier):
            raise SourceError(
                str(self.path),
                f"<bekendmaking> at line {bekendmaking.sourceline} without a valid "
                f"urlidentifier ({identifier!r})",
            )
        series, jaar, nummer = identifier.split("-")
        return Bekendmaking(
            id=identifier,
            soort=bekendmaking.get("soort") or _SERIES[series],
            jaar=(bekendmaking.findtext("publicatiejaar") or jaar).strip(),
            nummer=(bekendmaking.findtext("publicatienummer") or nummer).strip(),
            publicatiedatum=_iso_date(_strip(bekendmaking.findtext("publicatiedatum"))),
            ondertekening=_iso_date(_strip(bron.findtext("ondertekening"))),
            dossiernummer=_strip(bron.findtext("dossiernummer")) or None,
            kenmerk=_strip(bekendmaking.findtext("kenmerk")) or None,
        )


def _jci(bwb_id: str, artikel: str) -> str:
    return f"jci1.3:c:{bwb_id}&artikel={artikel}"


def _strip(value: str | None) -> str | None:
    return squash(value).strip() if value is not None else None


def _text(parent: etree._Element, tag: str) -> str:
    element = parent.find(tag)
    return squash(inline_text(element)).strip() if element is not None else ""


def _general_extra(general: etree._Element | None) -> tuple[tuple[str, str], ...]:
    """Afkortingen and the responsible ministry, as (key, value) pairs."""
    if general is None:
        return ()
    extra: list[tuple[str, str]] = []
    for afkorting in general.iterfind("afkortingen/afkorting"):
        value = squash(afkorting.text or "").strip()
        if value:
            extra.append(("afkorting", value))
    ministry = _text(general, "eerstverantwoordelijke")
    if ministry:
        extra.append(("eerstverantwoordelijke", ministry))
    return tuple(extra)
