"""Versions of a regeling: every toestand read is kept, and a dated citation names the
version in force on its date.

A BWB toestand (a consolidation of a regeling on a date) is stored in a named graph of
its own, beside the work's document graph: a ``wg:Toestand`` (``wg:versionOf`` the
work, ``wg:geldigVan`` the toestand's ``inwerkingtreding``, ``wg:geldigTot`` where the
repository's manifest states an end) and per article a ``wg:ArtikelVersie``
(``wg:versionOf`` the work-level article, ``wg:inToestand``, ``wg:geldigVan`` the
article's own ``inwerking``: its text since that date, and the text itself). Version
IRIs are Juriconnect with ``&g=`` the toestand's date (DESIGN.md); a toestand whose
format states no date (the 2012 BWB XML) gets a hash IRI under our base and is never
taken to be in force on any date.

Which version a link cites depends on every toestand in the store, so it is derived
after each build (``refresh_cited_versions``) into one graph, ``CITED_VERSIONS``: per
link to a versioned work from a dated document, ``wg:citesVersion`` (the article
version, or the toestand where the link names no article) or ``wg:versionReason``
saying why none is known; the link's work target stays as it is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from graph.namespaces import GRAPH_BASE, WG, our_iri, slug
from graph.triples import Triple
from ingest.identifiers import BWB_ID, jci, jci_iri, part_iri, work_iri
from ingest.models import (
    Division,
    DocumentKind,
    Pinpoint,
    RelationClaim,
    RelationType,
    SourceDocument,
)
from ingest.sources.bwb import parse_jci

__all__ = [
    "CITED_VERSIONS",
    "ArticleVersion",
    "KnownToestand",
    "VersionChoice",
    "cited_version_triples",
    "refresh_cited_versions",
    "renumbering_versions",
    "toestand_key",
    "version_in_force",
    "version_triples",
]

# Under the documents' base, so that every store counts and exports it with them; no
# document's graph name has a "/" (graph.iris.graph_iri), so none can be this one.
CITED_VERSIONS = URIRef(GRAPH_BASE + "derived/cited-versions")
_WETTEN = "https://wetten.overheid.nl/"
_DAY = dt.timedelta(days=1)


def _is_toestand(document: SourceDocument) -> bool:
    return document.kind is DocumentKind.REGELING and bool(BWB_ID.match(document.id))


def toestand_key(document: SourceDocument) -> str | None:
    """The toestand a regeling's file holds, as ``BWBR…@<date>`` (its geldig-van), or
    ``BWBR…@sha256-<12 hex>`` of its text where the format states no date; None for
    any other document.

    >>> from pathlib import Path
    >>> from ingest.sources import read_source
    >>> toestand_key(read_source(Path("corpus/bwb/BWBR0011823_2019-02-27_0.xml")))
    'BWBR0011823@2019-02-27'
    """
    if not _is_toestand(document):
        return None
    van = document.metadata.valid_from
    return f"{document.id}@{van.isoformat() if van else _text_hash(document)}"


def _text_hash(document: SourceDocument) -> str:
    return "sha256-" + hashlib.sha256(document.text.encode()).hexdigest()[:12]


def toestand_iri(bwb_id: str, van: dt.date | None, undated: str = "") -> URIRef:
    """A toestand: Juriconnect ``&g=`` its date; an undated one under our base."""
    if van is None:
        return our_iri("toestand", bwb_id, undated)
    return URIRef(jci_iri(f"jci1.3:c:{bwb_id}&g={van.isoformat()}"))


def article_version_iri(
    toestand: URIRef, bwb_id: str, artikel: str, van: dt.date | None
) -> URIRef:
    """An article as a toestand has it: the article's Juriconnect with ``&g=``."""
    if van is None:
        return URIRef(f"{toestand}#artikel-{slug(artikel)}")
    return URIRef(
        jci_iri(f"{jci(bwb_id, Pinpoint(artikel=artikel))}&g={van.isoformat()}")
    )


def version_triples(document: SourceDocument) -> set[Triple]:
    """The version graph of a regeling's toestand (empty for other documents)."""
    key = toestand_key(document)
    if key is None:
        return set()
    bwb_id = document.id
    meta = document.metadata
    van, tot = meta.valid_from, meta.valid_until
    toestand = toestand_iri(bwb_id, van, key.partition("@")[2])
    work = URIRef(work_iri(bwb_id))
    when = van.isoformat() if van else "zonder datum"
    triples: set[Triple] = {
        (toestand, RDF.type, WG.Toestand),
        (toestand, WG.versionOf, work),
        (work, RDF.type, WG.Regeling),
        (work, DCTERMS.identifier, Literal(bwb_id)),
        (toestand, DCTERMS.identifier, Literal(key)),
        (toestand, RDFS.label, Literal(f"{document.title} (toestand {when})")),
        (toestand, WG.sourceFile, Literal(document.path)),
    }
    if van is not None:
        triples.add((toestand, WG.geldigVan, Literal(van)))
    if tot is not None:
        triples.add((toestand, WG.geldigTot, Literal(tot)))
    seen: set[str] = set()
    for division in document.all_divisions():
        artikel = division.pinpoint.artikel
        if division.kind != "artikel" or not artikel or artikel in seen:
            continue  # an article number twice (bijlagen) would merge two texts
        seen.add(artikel)
        triples |= _article_version(document, division, toestand, artikel)
    return triples


def _article_version(
    document: SourceDocument, division: Division, toestand: URIRef, artikel: str
) -> set[Triple]:
    meta = document.metadata
    node = article_version_iri(toestand, document.id, artikel, meta.valid_from)
    article = URIRef(part_iri(document.id, Pinpoint(artikel=artikel)))
    triples: set[Triple] = {
        (node, RDF.type, WG.ArtikelVersie),
        (node, WG.versionOf, article),
        (node, WG.inToestand, toestand),
        (node, WG.number, Literal(division.number)),
        (node, WG.versionText, Literal(document.text[division.start : division.end])),
    }
    # BWB's inwerking: the article's text is this one since that date, which may lie
    # long before the toestand's own date; without it only the toestand's date holds
    since = (
        division.versie.inwerkingtreding if division.versie is not None else None
    ) or meta.valid_from
    if since is not None:
        triples.add((node, WG.geldigVan, Literal(since)))
    if meta.valid_until is not None:
        triples.add((node, WG.geldigTot, Literal(meta.valid_until)))
    if division.versie is not None:
        publication = URIRef(work_iri(division.versie.bron.id))
        triples.add((node, DCTERMS.source, publication))
        triples.add((publication, RDF.type, WG.Publicatie))
        triples.add((publication, DCTERMS.identifier, Literal(division.versie.bron.id)))
        if division.versie.dossiernummer:
            dossier = Literal(division.versie.dossiernummer)
            triples.add((publication, WG.dossiernummer, dossier))
        if division.versie.effect:
            triples.add((node, WG.effect, Literal(division.versie.effect)))
    return triples


# -- the version in force on a date ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleVersion:
    """An article as one toestand has it: since when its text holds (``van``)."""

    iri: str
    article: str  # the work-level article IRI
    van: dt.date | None


@dataclass(frozen=True, slots=True)
class KnownToestand:
    """A toestand in the store: its dates as stated (``tot`` only from a manifest)
    and its articles by work-level article IRI."""

    iri: str
    work: str
    van: dt.date | None
    tot: dt.date | None = None
    articles: Mapping[str, ArticleVersion] = field(default_factory=dict)

    def article(self, iri: str) -> ArticleVersion | None:
        return self.articles.get(iri)


@dataclass(frozen=True, slots=True)
class VersionChoice:
    """The version a dated link cites, or why none is known (``reason``)."""

    version: str | None
    reason: str | None = None


def version_in_force(
    toestanden: Sequence[KnownToestand], on: dt.date | None, article: str | None
) -> VersionChoice:
    """The version of a work (the toestand) or of one of its articles in force on
    ``on``, from the known toestanden of the work.

    A toestand is in force from its geldig-van to its stated end, else to the day
    before the next known toestand; the latest one without a stated end is known in
    force on its own date only (the store cannot tell whether it still is). An
    article's text also holds from its own ``geldig-van`` (BWB ``inwerking``) until
    the toestand that has it, so a 2013 date finds the article of a 2019 toestand
    whose text dates from 2001. Undated toestanden are never in force on a date.
    """
    if on is None:
        return VersionChoice(None, "the citing document states no date")
    dated = sorted(
        ((t.van, t) for t in toestanden if t.van is not None), key=lambda p: p[0]
    )
    undated = len(toestanden) - len(dated)
    also = f"; {undated} undated toestand(en) known" if undated else ""
    if not dated:
        return VersionChoice(None, f"no dated toestand of the work is known{also}")
    spans = [
        (van, t.tot or (dated[i + 1][0] - _DAY if i + 1 < len(dated) else van), t)
        for i, (van, t) in enumerate(dated)
    ]
    number = _artikel_number(article)
    for van, end, toestand in spans:
        if van <= on <= end:
            if article is None:
                return VersionChoice(toestand.iri)
            version = toestand.article(article)
            if version is not None:
                return VersionChoice(version.iri)
            return VersionChoice(
                None,
                f"artikel {number} is not in the toestand in force on {on} "
                f"({van}){also}",
            )
    if article is not None:
        for van, _, toestand in spans:
            version = toestand.article(article)
            if (
                van >= on
                and version is not None
                and version.van is not None
                and version.van <= on
            ):
                return VersionChoice(version.iri)
    known = ", ".join(f"{van}–{t.tot}" if t.tot else f"{van}" for van, _, t in spans)
    later = [
        (van, version.van)
        for van, _, t in spans
        if van >= on and (version := t.article(article or "")) is not None
    ]
    if article is not None and later and later[0][1] is not None:
        van, since = later[0]
        where = (
            f"{on} is before its earliest known text (toestand {van}: "
            f"in force from {since})"
        )
    elif on < spans[0][0]:
        where = f"{on} is before the earliest known toestand"
    elif on > spans[-1][1] and spans[-1][2].tot is None:
        where = f"{on} is after the latest known toestand, whose end is not stated"
    else:
        where = f"no known toestand is in force on {on}"
    subject = f"artikel {number}: " if article is not None else ""
    return VersionChoice(None, f"{subject}{where} (known: {known}){also}")


def _artikel_number(article: str | None) -> str:
    if article is None:
        return ""
    return parse_jci(unquote(article.removeprefix(_WETTEN)))[1].artikel or article


def article_of(target: str) -> str | None:
    """The work-level article IRI of a link target inside an article (a lid, an
    onderdeel: their version is the article's), or None for a target above articles.

    >>> article_of("https://wetten.overheid.nl/jci1.3:c:BWBR0011823&artikel=29&lid=1")
    'https://wetten.overheid.nl/jci1.3:c:BWBR0011823&artikel=29'
    """
    if not target.startswith(_WETTEN + "jci"):
        return None
    work, pinpoint = parse_jci(unquote(target.removeprefix(_WETTEN)))
    if work is None or not pinpoint.artikel:
        return None
    return part_iri(work, Pinpoint(artikel=pinpoint.artikel))


# -- derived after a build ------------------------------------------------------------

_TOESTANDEN = """
SELECT ?t ?work ?van ?tot ?av ?article ?avvan WHERE {
  ?t a wg:Toestand ; wg:versionOf ?work .
  OPTIONAL { ?t wg:geldigVan ?van }
  OPTIONAL { ?t wg:geldigTot ?tot }
  OPTIONAL {
    ?av wg:inToestand ?t ; wg:versionOf ?article .
    OPTIONAL { ?av wg:geldigVan ?avvan }
  }
}
"""

# A regeling cites as of its own toestand (dcterms:valid), never its signing date;
# any other document as of its date.
_LINKS = """
SELECT ?link ?target ?work ?regeling ?valid ?date WHERE {
  VALUES ?work { %s }
  ?link wg:targetWork ?work ; wg:linkTarget ?target ; wg:inDocument ?doc .
  OPTIONAL { ?doc a ?regeling . FILTER(?regeling = wg:Regeling) }
  OPTIONAL { ?doc dcterms:valid ?valid }
  OPTIONAL { ?doc dcterms:date ?date }
}
"""


def known_toestanden(
    rows: Iterable[Sequence[object]],
) -> dict[str, list[KnownToestand]]:
    """The ``_TOESTANDEN`` rows (t, work, van, tot, av, article, avvan) as toestanden
    by work IRI."""
    heads: dict[str, tuple[str, dt.date | None, dt.date | None]] = {}
    articles: dict[str, dict[str, ArticleVersion]] = defaultdict(dict)
    for t, work, van, tot, av, article, avvan in rows:
        heads[str(t)] = (str(work), _date(van), _date(tot))
        if av is not None and article is not None:
            articles[str(t)][str(article)] = ArticleVersion(
                str(av), str(article), _date(avvan)
            )
    by_work: dict[str, list[KnownToestand]] = defaultdict(list)
    for iri, (work, van, tot) in sorted(heads.items()):
        by_work[work].append(KnownToestand(iri, work, van, tot, articles[iri]))
    return dict(by_work)


def _date(value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def cited_version_triples(
    toestanden: Mapping[str, Sequence[KnownToestand]],
    links: Iterable[Sequence[object]],
) -> set[Triple]:
    """Per ``_LINKS`` row (link, target, work, regeling, valid, date) the version it
    cites or the reason none is known."""
    triples: set[Triple] = set()
    for link, target, work, regeling, valid, date in links:
        on = _date(valid) if regeling is not None else _date(date)
        choice = version_in_force(
            toestanden.get(str(work), ()), on, article_of(str(target))
        )
        node = URIRef(str(link))
        if choice.version is not None:
            triples.add((node, WG.citesVersion, URIRef(choice.version)))
        else:
            triples.add((node, WG.versionReason, Literal(choice.reason or "")))
        if on is not None:
            triples.add((node, WG.citedOn, Literal(on, datatype=XSD.date)))
    return triples


def refresh_cited_versions(
    select: Callable[[str], Sequence[Sequence[object]]],
    write: Callable[[URIRef, set[Triple]], None],
) -> int:
    """Recompute ``CITED_VERSIONS`` from the toestanden and links in a store.

    Args:
        select: runs a SELECT (with our prefixes) and returns its rows of values.
        write: replaces the named graph by the triples.

    Returns:
        How many links now name a version.
    """
    toestanden = known_toestanden(select(_TOESTANDEN))
    if not toestanden:
        write(CITED_VERSIONS, set())
        return 0
    works = " ".join(URIRef(work).n3() for work in sorted(toestanden))
    triples = cited_version_triples(toestanden, select(_LINKS % works))
    write(CITED_VERSIONS, triples)
    return sum(1 for _, predicate, _ in triples if predicate == WG.citesVersion)


# -- renumbered paragraphs (a Vc wijzigingsbesluit's "wordt vernummerd tot") -----------

# A sentence that gives a paragraph the number it names: the number is the decision's
# ("Paragraaf B9/3 … wordt toegevoegd", "… wordt vernummerd tot B9/8 en komt te luiden")
_NEW_NUMBER = re.compile(r"\b(?:vernummerd tot|toegevoegd|ingevoegd)\b")


def renumbering_versions(
    document: SourceDocument, claims: Sequence[RelationClaim]
) -> tuple[list[tuple[tuple[URIRef, URIRef], ...]], set[Triple]]:
    """Per claim the version nodes its link names, and those nodes' triples.

    A dated decision that renumbers paragraphs ("Paragraaf B9/3 … wordt vernummerd
    tot B9/4") gives the paragraph under its old number a version dated by Juriconnect
    ``&g=`` the decision's date (the decision takes effect after it is published, so on
    that date the old numbering still holds) and under its new number a version
    numbered by the decision (its date of effect is not stated in the text). The
    renumbering link goes from the one (``wg:fromVersion``) to the other
    (``wg:toVersion``); the decision's other links to a paragraph it renumbers name
    the new numbering's version if they name a new number or their sentence gives the
    number (a paragraph "toegevoegd", one "vernummerd tot" it), else the old one's
    (B9/4 is both the old B9/3's new number and the old B9/4's old number, so "komt te
    luiden" under B9/4 in this decision is the renumbered one). Without a date,
    nothing (no link then names a version).
    """
    none: list[tuple[tuple[URIRef, URIRef], ...]] = [() for _ in claims]
    if document.date is None:
        return none, set()
    renumbered = [c for c in claims if c.type is RelationType.RENUMBERS]
    old = {(c.subject.work, c.subject.pinpoint.paragraaf) for c in renumbered}
    new = {(c.object.work, c.object.pinpoint.paragraaf) for c in renumbered}
    triples: set[Triple] = set()
    decision = URIRef(work_iri(document.id))

    def version(work: str, paragraaf: str | None, numbered: bool) -> URIRef:
        assert paragraaf is not None
        paragraph = URIRef(part_iri(work, Pinpoint(paragraaf=paragraaf)))
        if numbered:
            node = our_iri("paragraafversie", work, paragraaf, document.id)
            triples.add((node, WG.numberedBy, decision))
        else:
            node = URIRef(f"{paragraph}&g={document.date.isoformat()}")  # type: ignore[union-attr]
        triples.update(
            {
                (node, RDF.type, WG.ParagraafVersie),
                (node, WG.versionOf, paragraph),
                (node, WG.number, Literal(paragraaf)),
            }
        )
        return node

    named: list[tuple[tuple[URIRef, URIRef], ...]] = []
    for claim in claims:
        target = (claim.object.work, claim.object.pinpoint.paragraaf)
        if claim.type is RelationType.RENUMBERS:
            subject = (claim.subject.work, claim.subject.pinpoint.paragraaf)
            named.append(
                (
                    (WG.fromVersion, version(*subject, numbered=False)),
                    (WG.toVersion, version(*target, numbered=True)),
                )
            )
        elif target[1] is not None and (target in new or target in old):
            sentence = document.text[claim.start : claim.end]
            numbered = target in new or bool(_NEW_NUMBER.search(sentence))
            named.append(((WG.toVersion, version(*target, numbered=numbered)),))
        else:
            named.append(())
    return named, triples
