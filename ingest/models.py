"""Data exchanged between the ingest stages (and handed to ``graph``).

Everything here is a stdlib dataclass; value objects are frozen. Character offsets are
Python ``str`` indices into :attr:`SourceDocument.text` (after UTF-8 decoding).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from ingest.layout import heading_spans


class ReferenceKind(StrEnum):
    """What a reference points at; the values are the ``kind`` field of refs.jsonl."""

    LEGISLATION = "legislation"
    POLICY = "policy"
    EU_LEGISLATION = "eu_legislation"
    TREATY = "treaty"
    CASE_LAW = "case_law"
    PARLIAMENTARY = "parliamentary"
    GAZETTE = "gazette"
    COMMITMENT = "commitment"
    TK_RECORD = "tk_record"


class DocumentKind(StrEnum):
    """What a source document is; values are the Dutch names used in the ontology."""

    REGELING = "regeling"
    KAMERSTUK = "kamerstuk"
    MOTIE = "motie"
    KAMERBRIEF = "kamerbrief"
    RAPPORT = "rapport"
    WIJZIGINGSBESLUIT = "wijzigingsbesluit"
    UITSPRAAK = "uitspraak"
    PUBLICATIE = "publicatie"
    EU_ACT = "eu_act"
    ZAAK = "zaak"  # a Tweede Kamer zaak record (e.g. a motion's OData Zaak)
    AGENDAPUNT = "agendapunt"  # a TK agenda item with its besluiten and stemmingen
    TOEZEGGING = "toezegging"  # a TK toezegging record (OData Toezegging)
    # the EU Publications Office's metadata of an act or ruling (Cellar SPARQL)
    CELLAR_RECORD = "cellar_record"
    # BWB "wetstechnische informatie" (WTI): a regeling's amendment history
    WETSTECHNISCHE_INFORMATIE = "wetstechnische_informatie"


@dataclass(frozen=True, slots=True)
class Pinpoint:
    """Where inside a work a reference points; strings exactly as written ("3.71", "3").

    ``paragraaf`` is a Vc paragraph ("B8/9.1.3") or the paragraaf of a regeling
    ("4.1.3.3"); ``hoofdstuk``, ``titeldeel`` and ``afdeling`` name the other parts of a
    regeling above the article (the Juriconnect names: "titel 4.1 Awb" is titeldeel 4.1).
    """

    artikel: str | None = None
    lid: str | None = None
    onderdeel: str | None = None
    paragraaf: str | None = None
    hoofdstuk: str | None = None
    titeldeel: str | None = None
    afdeling: str | None = None
    bijlage: str | None = None  # "bijlage 20 bij deze regeling"

    def as_dict(self) -> dict[str, str]:
        """The given parts only, in a stable order (the refs.jsonl ``pinpoint`` object;
        the division keys came later and follow the original four)."""
        parts = {
            "artikel": self.artikel,
            "lid": self.lid,
            "onderdeel": self.onderdeel,
            "paragraaf": self.paragraaf,
            "hoofdstuk": self.hoofdstuk,
            "titeldeel": self.titeldeel,
            "afdeling": self.afdeling,
            "bijlage": self.bijlage,
        }
        return {key: value for key, value in parts.items() if value is not None}


@dataclass(frozen=True, slots=True)
class Reference:
    """A reference found in text, before resolution.

    Two references are equal when kind, span and groups match. ``groups`` holds the
    normalised parts the scanner recognised (e.g. ``("regeling", "Vb")``,
    ``("artikel", "3.71")``) as sorted pairs so the object stays hashable.
    """

    start: int
    end: int
    text: str
    kind: ReferenceKind
    groups: tuple[tuple[str, str], ...] = ()
    # ``groups`` as a dict, built on first use: the resolvers ask a reference for
    # its parts many times over
    _by_name: dict[str, str] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def group(self, name: str) -> str | None:
        """The value of one recognised part, or None."""
        return self.group_map().get(name)

    def group_map(self) -> Mapping[str, str]:
        """``groups`` by name (for a caller that reads many of them)."""
        by_name = self._by_name
        if by_name is None:
            by_name = dict(self.groups)
            object.__setattr__(self, "_by_name", by_name)  # frozen: a cache, not state
        return by_name


@dataclass(frozen=True, slots=True)
class ResolvedReference:
    """A reference with its canonical work id, or ``work=None`` and the reason why not."""

    reference: Reference
    work: str | None
    pinpoint: Pinpoint = field(default_factory=Pinpoint)
    iri: str | None = None
    reason: str | None = None

    @property
    def resolved(self) -> bool:
        return self.work is not None

    def to_json(self) -> dict[str, Any]:
        """The refs.jsonl record (the stable output contract of ``wetgraaf extract``)."""
        record: dict[str, Any] = {
            "start": self.reference.start,
            "end": self.reference.end,
            "text": self.reference.text,
            "kind": str(self.reference.kind),
            "work": self.work,
            "pinpoint": self.pinpoint.as_dict(),
            "iri": self.iri,
        }
        if self.reason is not None:
            record["reason"] = self.reason
        return record


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote: its number, its text span in the document and where it is called."""

    number: str
    text: str
    start: int
    end: int
    markers: tuple[int, ...] = ()  # offsets of the footnote marker(s) in the body


@dataclass(frozen=True, slots=True)
class Division:
    """A structural part of a document (hoofdstuk, afdeling, artikel, lid, onderdeel…).

    ``jci`` is the official Juriconnect id where the source has one; ``start``/``end``
    delimit the part's text in the document; ``versie`` is the part's version as a BWB
    toestand states it (None where the source gives none, e.g. the 2012 format).
    """

    kind: str
    number: str
    start: int
    end: int
    label: str = ""
    jci: str | None = None
    pinpoint: Pinpoint = field(default_factory=Pinpoint)
    status: str | None = None
    children: tuple[Division, ...] = ()
    versie: Versie | None = None

    def walk(self) -> tuple[Division, ...]:
        """This division and all below it, depth first."""
        found: list[Division] = [self]
        for child in self.children:
            found.extend(child.walk())
        return tuple(found)


@dataclass(frozen=True, slots=True)
class EditorialLink:
    """A link the publisher put in the source itself (BWB ``intref``/``extref``)."""

    start: int
    end: int
    text: str
    target: str  # as in the source: a jci string or a URL
    work: str | None = None
    pinpoint: Pinpoint = field(default_factory=Pinpoint)


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed link the source's metadata states, without a span in the text.

    ``type`` is the source's own relation type (for rechtspraak the psi/dcterms IRI,
    e.g. ``http://psi.rechtspraak.nl/hogerBeroep``, or ``wetsverwijzing``); ``target``
    the identifier as given (an ECLI, a Juriconnect reference, a CVDR id); ``label`` the
    source's human-readable text ("Eerste aanleg: ECLI:…, Bekrachtiging/bevestiging");
    ``qualifiers`` further typed parts as (name, value) pairs, e.g. ``("aanleg",
    "http://psi.rechtspraak.nl/eerdereAanleg")`` or, for a law reference, the parsed
    ``("work", "BWBR0005537")``, ``("artikel", "8:75")``. ``subject`` is the work
    that makes the link when that is not the document itself: a Cellar record states
    that a ruling (its ECLI) interprets an act.
    """

    type: str
    target: str
    label: str = ""
    qualifiers: tuple[tuple[str, str], ...] = ()
    subject: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentMetadata:
    """Per-kind detail of a document; fields not known for a kind stay empty."""

    bwb_id: str | None = None
    soort: str | None = (
        None  # wet, AMvB, ministeriele-regeling, circulaire, motie, brief…
    )
    dossiernummer: str | None = None
    ondernummer: str | None = None
    vergaderjaar: str | None = None
    indieners: tuple[str, ...] = ()
    tk_nummer: str | None = None  # TK document number, e.g. 2025D33530
    zaak: str | None = None  # TK zaak number, e.g. 2025Z14627
    official_url: str | None = None
    valid_from: dt.date | None = None
    extra: tuple[tuple[str, str], ...] = ()
    # the last day a consolidation (BWB toestand) is in force, where a source states
    # it (the repository manifest's einddatum); None when not stated or still in force
    valid_until: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Vote:
    """How one fractie (or, in a hoofdelijke stemming, one member) voted."""

    fractie: str  # the fractie's afkorting as the record gives it (ActorFractie)
    soort: str  # "Voor", "Tegen", "Niet deelgenomen"
    zetels: int  # FractieGrootte: the seats this vote stands for
    fractie_naam: str = ""
    persoon: str | None = None
    vergissing: bool = False


@dataclass(frozen=True, slots=True)
class AgendapuntInfo:
    """The agenda item a besluit was taken on, as the record names it: kept on the
    besluit (its number, onderwerp and date), not as a node of its own, since a zaak
    record that expands it holds none of the agendapunt's other besluiten or zaken."""

    nummer: str  # e.g. 2025P16945
    onderwerp: str = ""
    datum: dt.date | None = None  # Aanvangstijd, where the record carries one


@dataclass(frozen=True, slots=True)
class Besluit:
    """A decision of the Tweede Kamer on an agenda item, with its votes.

    ``zaak`` is the zaak the decision is about when the record says so unambiguously
    (an agendapunt with one zaak); otherwise None rather than a guess.
    """

    id: str
    soort: str  # BesluitSoort, e.g. "Stemmen - aangenomen"
    tekst: str
    stemmingssoort: str | None = None
    zaak: str | None = None
    votes: tuple[Vote, ...] = ()
    agendapunt: AgendapuntInfo | None = None

    @property
    def uitslag(self) -> str:
        """The outcome in a word or two (aangenomen, verworpen, niet aangenomen,
        aangehouden, ingetrokken, afgevoerd…): see :func:`besluit_uitslag`."""
        return besluit_uitslag(self.soort, self.tekst)

    def zetels(self, soort: str) -> int:
        """Seats voting ``soort`` ("Voor"/"Tegen"), mistakes included as recorded."""
        return sum(vote.zetels for vote in self.votes if vote.soort == soort)

    @property
    def zetels_vastgelegd(self) -> int:
        """Seats whose vote the Stemming records give, whatever the vote."""
        return sum(vote.zetels for vote in self.votes)

    @property
    def zetels_onvolledig(self) -> bool | None:
        """Whether the recorded votes leave seats of the Kamer out (fracties missing
        from the source), so that voor and tegen need not give the outcome the
        besluit states; None without any recorded vote."""
        if not self.votes:
            return None
        return self.zetels_vastgelegd < TWEEDE_KAMER_ZETELS


TWEEDE_KAMER_ZETELS = 150
# (what BesluitSoort or BesluitTekst says, the outcome), the first found wins: "niet
# aangenomen" before "aangenomen". Values as the Gegevensmagazijn records them
# ("Stemmen - aangenomen", "Afvoeren van de stand der werkzaamheden (plenair)",
# "Behandelen [en afdoen]", "Aangehouden (tijdens vergadering)", "Ingetrokken").
_UITSLAGEN = (
    ("niet aangenomen", "niet aangenomen"),
    ("aangenomen", "aangenomen"),
    ("verworpen", "verworpen"),
    ("aangehouden", "aangehouden"),
    ("ingetrokken", "ingetrokken"),
    ("overgenomen", "overgenomen"),
    ("vervallen", "vervallen"),
    ("afvoeren", "afgevoerd"),
    ("afgevoerd", "afgevoerd"),
    ("uitstellen", "uitgesteld"),
    ("uitgesteld", "uitgesteld"),
    ("behandel", "behandeld"),
)


def besluit_uitslag(soort: str, tekst: str = "") -> str:
    """The outcome of a besluit from its BesluitSoort, else its BesluitTekst; one
    neither names is the BesluitSoort's last part ("Stemmen - x" → "x")."""
    for said in (soort.lower(), tekst.lower()):
        for cue, uitslag in _UITSLAGEN:
            if cue in said:
                return uitslag
    return soort.rpartition(" - ")[2].strip() or soort or tekst.strip()


@dataclass(frozen=True, slots=True)
class Zaak:
    """A Tweede Kamer zaak (e.g. a motion) as the OData API describes it."""

    nummer: str  # e.g. 2024Z14350
    soort: str  # e.g. "Motie"
    onderwerp: str
    titel: str = ""
    vergaderjaar: str | None = None
    volgnummer: int | None = None
    gestart: dt.date | None = None
    kabinetsappreciatie: str | None = None
    afgedaan: bool | None = None
    termijn: dt.date | None = None
    documents: tuple[str, ...] = ()  # TK document numbers (2024D35124)
    publicaties: tuple[str, ...] = ()  # official publication ids (kst-19637-3289)


@dataclass(frozen=True, slots=True)
class Bekendmaking:
    """A Staatsblad or Staatscourant publication as BWB metadata describes it.

    ``id`` is the official publication id BWB gives as ``urlidentifier``
    (``stb-2024-291``, ``stcrt-2024-33447``); ``soort`` is BWB's series abbreviation
    ("Stb", "Stcrt"); ``dossiernummer`` the Kamerstuk dossier of the bill, when stated.
    """

    id: str
    soort: str
    jaar: str
    nummer: str
    publicatiedatum: dt.date | None = None
    ondertekening: dt.date | None = None
    dossiernummer: str | None = None
    kenmerk: str | None = None

    @property
    def citation(self) -> str:
        """The publication as Dutch texts cite it: "Stb. 2024, 291"."""
        return f"{self.soort}. {self.jaar}, {self.nummer}"


@dataclass(frozen=True, slots=True)
class Versie:
    """The version of a part of a regeling, as a BWB toestand states it.

    BWB marks every part it versions (artikel, hoofdstuk, …; a lid only where BWB
    versions leden apart) with ``inwerking`` (the date this text of the part took
    effect), ``bron`` (the publication that last changed it, "Stb.2018-247") and
    ``effect`` (BWB's kind of change, as in WTI ``betreft``: ``nieuwe-regeling``,
    ``nieuw``, ``wijziging``, ``vervallen``, ``vernummering``…); the part's
    ``meta-data/brondata`` describes that publication, with the Kamerstuk dossier of
    the amending act (``dossierref``) where it has one. ``vermelding`` is the ``bron``
    attribute as written, the evidence of every link built from the version.
    """

    bron: Bekendmaking
    vermelding: str
    effect: str | None = None
    inwerkingtreding: dt.date | None = None

    @property
    def dossiernummer(self) -> str | None:
        """The Kamerstuk dossier of the act that made this version (e.g. "34910")."""
        return self.bron.dossiernummer


@dataclass(frozen=True, slots=True)
class Wijziging:
    """One entry of a regeling's amendment history (a ``details`` element of BWB WTI).

    ``start``/``end`` delimit the line of the document text that states the entry (the
    evidence of every link built from it). ``work``/``pinpoint`` name what changed: the
    regeling as a whole (empty pinpoint) or one article, whose number at that version
    BWB gives as ``label`` ("Artikel 4a"). ``betreft`` is BWB's kind of change as
    written (``nieuwe-regeling``, ``nieuw``, ``wijziging``, ``vernummering``…);
    ``inwerkingtreding`` is None when the change has no (or no longer a) date of entry
    into force. ``bronnen`` are the publications that made the change (BWB
    ``type="oorspronkelijk"``), ``juncto`` the ones read together with them,
    ``inwerkingtredingsbronnen`` those that set the date. ``voorheen`` and
    ``vernummerd_tot`` are the article numbers before and after a renumbering, as the
    entry's remarks state them ("Voorheen art. 2a.", "… vernummerd tot art. 3.").
    """

    start: int
    end: int
    betreft: str
    work: str
    pinpoint: Pinpoint = field(default_factory=Pinpoint)
    label: str = ""
    inwerkingtreding: dt.date | None = None
    bronnen: tuple[Bekendmaking, ...] = ()
    juncto: tuple[Bekendmaking, ...] = ()
    inwerkingtredingsbronnen: tuple[Bekendmaking, ...] = ()
    terugwerkende_kracht: dt.date | None = None
    opmerkingen: tuple[str, ...] = ()
    voorheen: str | None = None
    vernummerd_tot: str | None = None


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """One document as read from a source file: the unit of ingest and of a named graph."""

    id: str  # canonical work id (BWBR0011823, kst-29861-126, 2025D33530, WBV 2013/23…)
    kind: DocumentKind
    title: str
    text: str
    path: str
    date: dt.date | None = None
    metadata: DocumentMetadata = field(default_factory=DocumentMetadata)
    divisions: tuple[Division, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    links: tuple[EditorialLink, ...] = ()
    relations: tuple[Relation, ...] = ()  # stated in metadata, no span in the text
    zaken: tuple[Zaak, ...] = ()  # TK zaken this record describes
    besluiten: tuple[Besluit, ...] = ()  # TK decisions (with votes) this record holds
    toezeggingen: tuple[Toezegging, ...] = ()  # TK toezeggingen this record holds
    wijzigingen: tuple[Wijziging, ...] = ()  # amendment history (BWB WTI)
    # PDF text: page headers/footers/numbers, and the hyphens of words broken at a
    # line end; spans into ``text``, which keeps them (ingest.sources.pdftext)
    furniture: tuple[tuple[int, int], ...] = ()
    hyphenations: tuple[int, ...] = ()

    def all_divisions(self) -> tuple[Division, ...]:
        """Every division, depth first."""
        found: list[Division] = []
        for division in self.divisions:
            found.extend(division.walk())
        return tuple(found)


@dataclass(frozen=True, slots=True)
class ArticleSpan:
    """Where an article of the citing regeling lies, for resolving "het tweede lid"."""

    start: int
    end: int
    artikel: str


@dataclass(frozen=True, slots=True)
class PartSpan:
    """Where a part of the citing regeling lies (hoofdstuk, titeldeel, afdeling,
    paragraaf, artikel, lid), for "van dit hoofdstuk", "dit lid", "het vorige lid"."""

    start: int
    end: int
    kind: str  # the Division kind
    number: str


@dataclass(frozen=True, slots=True)
class AnnexSpan:
    """Where a bijlage of the citing regeling lies, and the articles it numbers itself
    (the Awb's Bijlage 2 has its own articles 1–12): ``articles`` maps each number to
    the pinpoint of that article inside the bijlage (with its hoofdstuk where the
    source's jci gives one)."""

    start: int
    end: int
    number: str
    articles: tuple[tuple[str, Pinpoint], ...] = ()

    def article(self, number: str) -> Pinpoint | None:
        return next((pin for num, pin in self.articles if num == number), None)


def _annex_spans(divisions: tuple[Division, ...]) -> tuple[AnnexSpan, ...]:
    """The bijlagen among ``divisions`` (depth first) with the articles in each."""
    spans = []
    for division in divisions:
        if division.kind != "bijlage" or not division.number:
            continue
        articles = []
        for part in division.walk():
            if part.kind == "artikel" and part.number:
                pin = Pinpoint(bijlage=division.number, artikel=part.number)
                chapter = re.search(r"&hoofdstuk=([^&]+)", part.jci or "")
                if chapter:
                    pin = replace(pin, hoofdstuk=chapter.group(1))
                articles.append((part.number, pin))
        spans.append(
            AnnexSpan(division.start, division.end, division.number, tuple(articles))
        )
    return tuple(spans)


#: the Division kinds a CitingContext keeps as PartSpans, from the outside in
CONTEXT_PART_KINDS = (
    "hoofdstuk",
    "beleidsregel",  # a Vc paragraph (its chapter is the hoofdstuk)
    "titeldeel",
    "afdeling",
    "paragraaf",
    "artikel",
    "lid",
)
_PART_LEVELS = {kind: level for level, kind in enumerate(CONTEXT_PART_KINDS)}


@dataclass(frozen=True, slots=True)
class CitingContext:
    """What the resolver may know about the citing document.

    ``work`` is the citing regeling's own id (so "dit artikel", "het tweede lid" resolve
    against it); ``articles`` gives the enclosing article per offset; ``footnotes`` lets a
    name such as "motie-Paternotte c.s." resolve through the footnote it carries, and
    ``headings`` (spans, ``ingest.layout``) one named in a heading through the footnote
    at the heading's end ("Motie Boomsma over … doorlopen8"); ``parts`` (sorted by
    start) give the enclosing lid, hoofdstuk, afdeling… per offset. ``document`` is
    the citing document's own id, whatever its kind (a ruling does not cite itself by
    its parties' name).
    """

    work: str | None = None
    articles: tuple[ArticleSpan, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    headings: tuple[tuple[int, int], ...] = ()
    parts: tuple[PartSpan, ...] = ()
    document: str | None = None
    date: dt.date | None = None  # the citing text's date: which act a name meant then
    # the parts are those a text shows (plain text, perhaps an excerpt), not all the
    # regeling has: a part it does not show is not known to be missing
    partial: bool = False
    # its bijlagen, where a bijlage numbers articles of its own (``annex_article``)
    annexes: tuple[AnnexSpan, ...] = ()
    # built on first use: the resolver asks has_part/in_body for nearly every
    # reference, and a scan of a whole law's parts each time made resolving a law
    # quadratic in its length
    _part_keys: frozenset[tuple[str, str]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    _body_articles: frozenset[str] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    # the parts' starts, for a bisect without a key function per step
    _part_starts: list[int] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @classmethod
    def of(cls, document: SourceDocument) -> CitingContext:
        """The context of a document: its own id (if a regeling), its parts (articles,
        lids, hoofdstukken…), footnotes and headings."""
        divisions = document.all_divisions()
        articles = tuple(
            ArticleSpan(d.start, d.end, d.number)
            for d in divisions
            if d.kind == "artikel"
        )
        parts = sorted(
            (
                PartSpan(d.start, d.end, d.kind, d.number)
                for d in divisions
                if d.kind in CONTEXT_PART_KINDS and d.number
            ),
            key=lambda part: (part.start, -part.end),
        )
        work = document.id if document.kind is DocumentKind.REGELING else None
        # a regeling's text is that of its version (the signing date is not the date
        # of a consolidated text); other documents are dated by their own date
        date = document.metadata.valid_from if work else document.date
        footnotes = document.footnotes
        headings = heading_spans(document.text, [(f.start, f.end) for f in footnotes])
        return cls(
            work,
            articles,
            footnotes,
            tuple(headings),
            tuple(parts),
            document.id,
            date,
            annexes=_annex_spans(divisions) if work else (),
        )

    def _starts(self) -> list[int]:
        starts = self._part_starts
        if starts is None:
            starts = [part.start for part in self.parts]
            object.__setattr__(self, "_part_starts", starts)  # frozen: a cache
        return starts

    def part_at(self, offset: int, kind: str) -> PartSpan | None:
        """The innermost part of ``kind`` containing ``offset``, if any."""
        index = bisect.bisect_right(self._starts(), offset)
        level = _PART_LEVELS.get(kind, len(_PART_LEVELS))
        for position in range(index - 1, -1, -1):
            part = self.parts[position]
            if offset >= part.end:
                continue
            if part.kind == kind:
                return part
            if _PART_LEVELS.get(part.kind, level) < level:
                return None  # reached the part that holds any part of ``kind`` here
        return None

    def has_part(self, kind: str, number: str) -> bool | None:
        """Whether the citing regeling has a part ``kind`` ``number`` (None: the
        context does not know its parts, or knows only some: ``partial``)."""
        if not self.parts:
            return None
        keys = self._part_keys
        if keys is None:
            keys = frozenset((p.kind, p.number) for p in self.parts)
            object.__setattr__(self, "_part_keys", keys)  # frozen: a cache, not state
        if (kind, number) in keys:
            return True
        return None if self.partial else False

    def part_before(self, offset: int, kind: str) -> PartSpan | None:
        """The part of ``kind`` just before the one containing ``offset``, inside the
        same parent ("het vorige lid": the lid before this one in this article)."""
        current = self.part_at(offset, kind)
        if current is None:
            return None
        level = _PART_LEVELS.get(kind, len(_PART_LEVELS))
        index = bisect.bisect_left(self._starts(), current.start)
        for position in range(index - 1, -1, -1):
            part = self.parts[position]
            if part.kind == kind and part.end <= current.start:
                return part
            if part.end > current.start and _PART_LEVELS.get(part.kind, level) < level:
                return None  # the parent starts here: no earlier sibling
        return None

    def annex_at(self, offset: int) -> AnnexSpan | None:
        """The bijlage of the citing regeling containing ``offset``, if any."""
        return next((a for a in self.annexes if a.start <= offset < a.end), None)

    def in_body(self, artikel: str) -> bool:
        """Whether the citing regeling has article ``artikel`` outside its bijlagen."""
        body = self._body_articles
        if body is None:
            # no bijlage holds an article that starts before the first bijlage
            first = min((annex.start for annex in self.annexes), default=None)
            body = frozenset(
                span.artikel
                for span in self.articles
                if first is None
                or span.start < first
                or self.annex_at(span.start) is None
            )
            object.__setattr__(self, "_body_articles", body)  # frozen: a cache
        return artikel in body

    def article_at(self, offset: int) -> str | None:
        """The number of the innermost article containing ``offset``, if any."""
        best: ArticleSpan | None = None
        for span in self.articles:
            if span.start <= offset < span.end and (
                best is None or span.end - span.start < best.end - best.start
            ):
                best = span
        return best.artikel if best else None


class RelationType(StrEnum):
    """A typed relation between works stated in prose (``ingest.relations``)."""

    DERIVES_FROM = "derives_from"  # a Vc paragraph/rule follows from a ruling
    ELABORATES = "elaborates"  # a rule works out a higher provision
    IMPLEMENTS = "implements"  # a national rule transposes an EU act
    AMENDS = "amends"  # a decision changes a rule
    RENUMBERS = "renumbers"  # a paragraph gets a new number (subject old, object new)
    ANSWERS = "answers"  # a letter answers a motion or toezegging


@dataclass(frozen=True, slots=True)
class WorkRef:
    """A work (canonical id) and optionally a part of it."""

    work: str
    pinpoint: Pinpoint = field(default_factory=Pinpoint)


@dataclass(frozen=True, slots=True)
class RelationClaim:
    """An extracted relation ``subject type object`` with its evidence sentence.

    ``start``/``end`` delimit the sentence that carries ``cue`` (the phrase matched);
    ``object_kind`` is the kind of the reference that named the object; ``method`` is
    always "extracted" for claims found in text.
    """

    start: int
    end: int
    type: RelationType
    subject: WorkRef
    object: WorkRef
    object_kind: ReferenceKind
    cue: str
    confidence: float
    method: str = "extracted"


@dataclass(frozen=True, slots=True)
class DateRange:
    """An inclusive range of dates (a deadline stated as "in het najaar van 2025")."""

    start: dt.date
    end: dt.date


#: The TK statuses (tkData-v1-0-toezegging.xsd) that say a toezegging has been met.
TK_FULFILLED = frozenset({"Voldaan", "Afgedaan"})


class ToezeggingStatus(StrEnum):
    """A toezegging's status on a date, in the Kamer's words (the TK's own record says
    Openstaand / Voldaan)."""

    OPEN = "open"
    OVERDUE = "te laat"
    FULFILLED = "voldaan"


@dataclass(frozen=True, slots=True)
class Toezegging:
    """A commitment to parliament (TK id ``TZ…``) as a document mentions it, or as
    the TK's own record (OData ``Toezegging``) states it.

    ``text`` is the sentence or heading that carries the footnote marker (for a TK
    record: its ``Tekst``); ``start``/``end`` its span in ``document``; ``deadline``
    the first deadline stated in the same paragraph (for a TK record: its
    ``DatumNakoming``); ``answered_by`` the works that answer it (ANSWERS claims).
    ``tk_status`` (the TK's own status: Openstaand, Voldaan, Deels Voldaan,
    Vervallen, Afgedaan, Deels Afgedaan) and ``ministerie`` only a TK record gives.
    """

    id: str
    document: str
    text: str
    start: int
    end: int
    bewindspersoon: str | None = None
    functie: str | None = None  # "Minister van Asiel en Migratie"
    deadline: DateRange | None = None
    answered_by: tuple[str, ...] = ()
    tk_status: str | None = None
    ministerie: str | None = None

    def status(self, reference_date: dt.date) -> ToezeggingStatus:
        """Fulfilled when answered or when the TK records it as met (Voldaan,
        Afgedaan); otherwise overdue or open by its deadline."""
        met = bool(self.answered_by) or self.tk_status in TK_FULFILLED
        return toezegging_status(self.deadline, met, reference_date)


def toezegging_status(
    deadline: DateRange | None,
    answered: bool | Iterable[dt.date | None],
    reference_date: dt.date,
) -> ToezeggingStatus:
    """The status on ``reference_date``: fulfilled from the date of the first letter
    that answers it (``answered``: those letters' dates; an answer of unknown date
    counts from the start, as does ``True``), before that overdue once its deadline
    has ended, else open."""
    met = (
        answered
        if isinstance(answered, bool)
        else any(date is None or date <= reference_date for date in answered)
    )
    if met:
        return ToezeggingStatus.FULFILLED
    if deadline is not None and deadline.end < reference_date:
        return ToezeggingStatus.OVERDUE
    return ToezeggingStatus.OPEN
