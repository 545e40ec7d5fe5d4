"""SourceDocument + resolved references → its triples (one named graph per document).

Every link is a reified ``wg:Link`` node carrying its evidence (Web Annotation text
position and quote selectors into the document's ``wg:fullText``), method, confidence
and extractor version, plus the direct shortcut triple (``source cito:cites target``)
for fast queries. IRIs are deterministic, so rebuilding gives the same graph.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS, XSD

from graph.namespaces import (
    CITO,
    ELI,
    GRAPH_BASE,
    OA,
    PROV,
    TK,
    WG,
    our_iri,
    slug,
)
from graph.parliament import add_parliament
from graph.triples import Triple, as_graph
from graph.versions import renumbering_versions
from ingest.identifiers import CELEX, ECLI, is_work_id, jci_iri, part_iri, work_iri
from ingest.models import (
    Bekendmaking,
    Division,
    DocumentKind,
    EditorialLink,
    Pinpoint,
    ReferenceKind,
    Relation,
    RelationClaim,
    RelationType,
    ResolvedReference,
    SourceDocument,
    Toezegging,
    Versie,
    Wijziging,
)

EXTRACTOR_VERSION = "wetgraaf-citations/0.1"
# A Staatsblad/Staatscourant id, as a document's own publication (owl:sameAs)
_GAZETTE = re.compile(r"^(?:stb|stcrt)-\d{4}-\d+$")
QUOTE_CONTEXT = 40  # characters of prefix/suffix kept with each quote

_DOCUMENT_CLASS = {
    DocumentKind.REGELING: WG.Regeling,
    DocumentKind.KAMERSTUK: WG.Kamerstuk,
    DocumentKind.MOTIE: WG.Motie,
    DocumentKind.KAMERBRIEF: WG.Kamerbrief,
    DocumentKind.RAPPORT: WG.Rapport,
    DocumentKind.WIJZIGINGSBESLUIT: WG.Wijzigingsbesluit,
    DocumentKind.UITSPRAAK: WG.Uitspraak,
    DocumentKind.PUBLICATIE: WG.Publicatie,
    DocumentKind.EU_ACT: WG.EUAct,
    DocumentKind.ZAAK: WG.Zaak,
    DocumentKind.AGENDAPUNT: WG.Agendapunt,
    DocumentKind.TOEZEGGING: WG.Toezegging,
    DocumentKind.CELLAR_RECORD: WG.CellarRecord,
    DocumentKind.WETSTECHNISCHE_INFORMATIE: WG.WetstechnischeInformatie,
}
_REGELING_CLASS = {
    "wet": WG.Wet,
    "amvb": WG.AMvB,
    "ministeriele-regeling": WG.MinisterieleRegeling,
    "circulaire": WG.Circulaire,
}
_DIVISION_CLASS = {
    "hoofdstuk": WG.Hoofdstuk,
    "afdeling": WG.Afdeling,
    "paragraaf": WG.Paragraaf,
    "artikel": WG.Artikel,
    "lid": WG.Lid,
    "beleidsregel": WG.Beleidsregel,
}
_WORK_CLASS = {
    ReferenceKind.LEGISLATION: WG.Regeling,
    ReferenceKind.POLICY: WG.Circulaire,
    ReferenceKind.EU_LEGISLATION: WG.EUAct,
    ReferenceKind.TREATY: WG.Verdrag,
    ReferenceKind.CASE_LAW: WG.Uitspraak,
    ReferenceKind.PARLIAMENTARY: WG.Kamerstuk,
    ReferenceKind.GAZETTE: WG.Publicatie,
    ReferenceKind.COMMITMENT: WG.Toezegging,
    ReferenceKind.TK_RECORD: WG.Work,
}
_CONFIDENCE = {WG.editorial: "1.0", WG.extracted: "0.9"}
# The predicate of each extracted relation type (standard terms where one fits).
RELATION_PREDICATE = {
    RelationType.DERIVES_FROM: PROV.wasDerivedFrom,
    RelationType.ELABORATES: ELI.based_on,
    RelationType.IMPLEMENTS: ELI.transposes,
    RelationType.AMENDS: ELI.amends,
    RelationType.RENUMBERS: WG.renumberedAs,
    RelationType.ANSWERS: WG.answers,
}
# How a change in a regeling's BWB history (WTI ``betreft``, a toestand part's
# ``effect``: the same list of kinds) links the publication that made it to what it
# changed; every other kind (wijziging, vernummering, vernummerd-wijziging, …) amends.
_WIJZIGING_PREDICATE = {
    "nieuwe-regeling": WG.introduces,
    "nieuw": WG.introduces,
    "intrekking-regeling": ELI.repeals,
    "intrekking": ELI.repeals,
    "vervallen": ELI.repeals,
}


def graph_iri(document_id: str) -> URIRef:
    """The named graph that holds everything one document says."""
    return URIRef(GRAPH_BASE + slug(document_id))


def document_iri(document_id: str) -> URIRef:
    """The IRI of a document (its official IRI where it has one)."""
    return URIRef(work_iri(document_id))


@dataclass(frozen=True, slots=True)
class _Evidence:
    """One link to write: where in the text, what it points at, and how we know.

    A link stated in the source's metadata rather than its text has no span
    (``start``/``end`` None) and carries the metadata's own words in ``stated``.
    """

    start: int | None
    end: int | None
    kind: ReferenceKind
    work: str | None
    pinpoint: Pinpoint
    method: URIRef
    reason: str | None = None
    link_type: URIRef = CITO.cites
    stated: str | None = None
    source: URIRef | None = None  # the subject, when not the enclosing part/document
    source_work: str | None = None  # the subject's whole work
    confidence: str | None = None  # when not the method's default
    in_force: dt.date | None = None  # a history link: when the change takes effect
    # the versions it names (graph.versions: a renumbered paragraph's old and new)
    versions: tuple[tuple[URIRef, URIRef], ...] = ()


def build_document_graph(
    document: SourceDocument,
    references: Sequence[ResolvedReference] = (),
    relations: Sequence[RelationClaim] = (),
    toezeggingen: Sequence[Toezegging] = (),
) -> Graph:
    """``document_triples`` as a new rdflib Graph (to be stored as the document's
    named graph)."""
    return as_graph(document_triples(document, references, relations, toezeggingen))


def document_triples(
    document: SourceDocument,
    references: Sequence[ResolvedReference] = (),
    relations: Sequence[RelationClaim] = (),
    toezeggingen: Sequence[Toezegging] = (),
) -> set[Triple]:
    """All triples of one document: metadata, structure, footnotes and links.

    Args:
        document: the document as read by an ``ingest.sources`` reader.
        references: the references found in ``document.text`` and resolved.
        relations: typed relations extracted from the text (``ingest.relations``),
            each a reified link from its subject with the sentence as evidence.
        toezeggingen: the toezeggingen the document mentions (``ingest.toezeggingen``).
    """
    graph: set[Triple] = set()
    doc = document_iri(document.id)
    _add_document(graph, doc, document)
    locator = _DivisionLocator(document)
    for division in document.all_divisions():
        _add_division(graph, doc, document, division, locator)
    footnote_iris = _add_footnotes(graph, doc, document)
    claim_versions, version_nodes = renumbering_versions(document, relations)
    graph |= version_nodes
    evidence = (
        [_from_reference(r) for r in references]
        + [_from_editorial(link) for link in document.links]
        + [_from_relation(relation) for relation in document.relations]
        + [
            replace(_from_claim(claim), versions=named)
            for claim, named in zip(relations, claim_versions, strict=True)
        ]
        + [item for change in document.wijzigingen for item in _from_wijziging(change)]
        + [
            _from_versie(document.id, division.pinpoint, versie)
            for division in document.all_divisions()
            if (versie := _versie_of(division)) is not None
        ]
    )
    _add_bekendmakingen(graph, document.wijzigingen)
    add_parliament(graph, doc, document)
    for item in evidence:
        _add_link(graph, doc, document, item, locator, footnote_iris)
    for toezegging in (*document.toezeggingen, *toezeggingen):
        _add_toezegging(graph, doc, toezegging)
    return graph


def _add_document(graph: set[Triple], doc: URIRef, document: SourceDocument) -> None:
    meta = document.metadata
    graph.add((doc, RDF.type, _DOCUMENT_CLASS[document.kind]))
    if document.kind is DocumentKind.REGELING and meta.soort:
        specific = _REGELING_CLASS.get(slug(meta.soort).lower())
        if specific is not None:
            graph.add((doc, RDF.type, specific))
    graph.add((doc, RDF.type, WG.Document))
    graph.add((doc, RDF.type, WG.Work))
    graph.add((doc, WG.partOfWork, doc))
    graph.add((doc, DCTERMS.identifier, Literal(document.id)))
    graph.add((doc, DCTERMS.title, Literal(document.title)))
    graph.add((doc, RDFS.label, Literal(document.title)))
    graph.add((doc, WG.documentKind, Literal(str(document.kind))))
    graph.add((doc, WG.fullText, Literal(document.text)))
    graph.add((doc, WG.sourceFile, Literal(document.path)))
    if document.date is not None:
        graph.add((doc, DCTERMS.date, Literal(document.date)))
    if meta.valid_from is not None:
        graph.add((doc, DCTERMS.valid, Literal(meta.valid_from)))
    optional = [
        (WG.dossiernummer, meta.dossiernummer),
        (WG.ondernummer, meta.ondernummer),
        (WG.vergaderjaar, meta.vergaderjaar),
        (WG.tkNummer, meta.tk_nummer),
        (WG.zaak, meta.zaak),
    ]
    for predicate, value in optional:
        if value:
            graph.add((doc, predicate, Literal(value)))
    if meta.official_url:
        graph.add(
            (doc, WG.officialUrl, Literal(meta.official_url, datatype=XSD.anyURI))
        )
    for position, name in enumerate(meta.indieners):
        person = our_iri("persoon", name.lower())
        graph.add((person, RDF.type, WG.Persoon))
        graph.add((person, FOAF.name, Literal(name)))
        graph.add((doc, WG.indiener if position == 0 else WG.medeindiener, person))
    for key, value in meta.extra:
        if key == "dictum":
            graph.add((doc, WG.dictum, Literal(value)))
        elif key == "publicatie" and value != document.id and _GAZETTE.match(value):
            # The decision is its Staatscourant/Staatsblad publication (DESIGN.md:
            # a WBV's IRI "or its Staatscourant id when known"); owl:sameAs keeps the
            # IRI that references to "WBV 2013/23" resolve to, and joins the other.
            graph.add((doc, OWL.sameAs, _add_publicatie(graph, value)))


def _division_iri(document: SourceDocument, division: Division) -> URIRef:
    if division.pinpoint.as_dict():
        return URIRef(part_iri(document.id, division.pinpoint))
    if division.jci:
        return URIRef(jci_iri(division.jci))
    return URIRef(f"{work_iri(document.id)}#{division.kind}-{slug(division.number)}")


def _add_division(
    graph: set[Triple],
    doc: URIRef,
    document: SourceDocument,
    division: Division,
    locator: _DivisionLocator,
) -> None:
    part = _division_iri(document, division)
    graph.add((part, RDF.type, _DIVISION_CLASS.get(division.kind, WG.Onderdeel)))
    graph.add((part, RDF.type, WG.Work))
    parent = locator.parent_of(division)
    graph.add(
        (part, DCTERMS.isPartOf, _division_iri(document, parent) if parent else doc)
    )
    graph.add((part, WG.partOfWork, doc))
    graph.add((part, WG.number, Literal(division.number)))
    label = division.label or f"{division.kind} {division.number}"
    graph.add((part, RDFS.label, Literal(label)))
    graph.add((part, WG.startOffset, Literal(division.start, datatype=XSD.integer)))
    graph.add((part, WG.endOffset, Literal(division.end, datatype=XSD.integer)))
    if division.jci:
        graph.add((part, WG.juriconnect, Literal(division.jci)))
    if division.status:
        graph.add((part, WG.status, Literal(division.status)))
    versie = _versie_of(division)
    if versie is not None:
        _add_versie(graph, part, versie)


def _versie_of(division: Division) -> Versie | None:
    """The version the graph states for a part: only articles and leden, the parts
    whose IRI (their Juriconnect pinpoint) is unique in a regeling. BWB also versions
    hoofdstukken, afdelingen and paragrafen, but a paragraaf's pinpoint repeats in
    every hoofdstuk ("paragraaf=1"), so their versions would merge."""
    return division.versie if division.kind in ("artikel", "lid") else None


def _add_versie(graph: set[Triple], part: URIRef, versie: Versie) -> None:
    """The part's version: since when in force, what changed it last and how."""
    graph.add((part, DCTERMS.source, _add_bekendmaking(graph, versie.bron)))
    if versie.inwerkingtreding is not None:
        graph.add((part, WG.inwerkingtreding, Literal(versie.inwerkingtreding)))
    if versie.effect:
        graph.add((part, WG.effect, Literal(versie.effect)))


def _add_footnotes(
    graph: set[Triple], doc: URIRef, document: SourceDocument
) -> list[tuple[int, int, URIRef]]:
    iris = []
    seen: dict[str, int] = {}
    for footnote in document.footnotes:
        # Numbering may restart (a treaty's English and Dutch texts each have a
        # footnote 1): the second "1" becomes voetnoot-1-2.
        seen[footnote.number] = seen.get(footnote.number, 0) + 1
        suffix = "" if seen[footnote.number] == 1 else f"-{seen[footnote.number]}"
        node = URIRef(f"{doc}#voetnoot-{slug(footnote.number)}{suffix}")
        graph.add((doc, WG.hasFootnote, node))
        graph.add((node, RDF.type, WG.Footnote))
        graph.add((node, WG.number, Literal(footnote.number)))
        graph.add(
            (
                node,
                WG.startOffset,
                Literal(footnote.start, datatype=XSD.integer),
            )
        )
        graph.add((node, WG.endOffset, Literal(footnote.end, datatype=XSD.integer)))
        iris.append((footnote.start, footnote.end, node))
    return iris


def _from_reference(resolved: ResolvedReference) -> _Evidence:
    ref = resolved.reference
    return _Evidence(
        ref.start,
        ref.end,
        ref.kind,
        resolved.work,
        resolved.pinpoint,
        WG.extracted,
        resolved.reason,
    )


def _from_editorial(link: EditorialLink) -> _Evidence:
    reason = None if link.work else f"editorial link to {link.target} has no known work"
    kind = (
        ReferenceKind.TREATY
        if (link.work or "").startswith("BWBV")
        else ReferenceKind.GAZETTE
        if (link.work or "").startswith(("stb-", "stcrt-"))
        else ReferenceKind.CASE_LAW
        if (link.work or "").startswith("ECLI:")
        else ReferenceKind.LEGISLATION
    )
    return _Evidence(
        link.start, link.end, kind, link.work, link.pinpoint, WG.editorial, reason
    )


def _from_wijziging(change: Wijziging) -> list[_Evidence]:
    """A change in a regeling's BWB history: links from the publications to the part.

    The publications that made the change introduce, amend or repeal the part (by
    ``betreft``); those read with them (juncto) change it; those that set the date
    commence it. A renumbering links the old number to the new one. All carry the
    history line as evidence and, where BWB gives one, the date of entry into force.
    """
    kind = (
        ReferenceKind.TREATY
        if change.work.startswith("BWBV")
        else ReferenceKind.LEGISLATION
    )
    made_by = _WIJZIGING_PREDICATE.get(change.betreft, ELI.amends)
    by_publication = (
        [(publication, made_by) for publication in change.bronnen]
        + [(publication, ELI.changes) for publication in change.juncto]
        + [
            (publication, ELI.commences)
            for publication in change.inwerkingtredingsbronnen
        ]
    )
    items = [
        _Evidence(
            change.start,
            change.end,
            kind,
            change.work,
            change.pinpoint,
            WG.editorial,
            link_type=predicate,
            source=URIRef(work_iri(publication.id)),
            source_work=publication.id,
            in_force=change.inwerkingtreding,
        )
        for publication, predicate in by_publication
    ]
    renumbered = [
        (Pinpoint(artikel=change.voorheen), change.pinpoint)
        if change.voorheen
        else None,
        (change.pinpoint, Pinpoint(artikel=change.vernummerd_tot))
        if change.vernummerd_tot
        else None,
    ]
    for pair in renumbered:
        if pair is None or not pair[0].artikel or not pair[1].artikel:
            continue
        old, new = pair
        items.append(
            _Evidence(
                change.start,
                change.end,
                kind,
                change.work,
                new,
                WG.editorial,
                link_type=WG.renumberedAs,
                source=URIRef(part_iri(change.work, old)),
                source_work=change.work,
                in_force=change.inwerkingtreding,
            )
        )
    return items


def _from_versie(work: str, pinpoint: Pinpoint, versie: Versie) -> _Evidence:
    """A part's version as a history link: the publication that made the part's
    current text introduces, amends or repeals it (by ``effect``), from the date it
    took effect. BWB states it in the part's metadata, so the evidence is the
    ``bron`` as written with the effect and date."""
    facts = [versie.effect or "", _in_force_phrase(versie.inwerkingtreding)]
    return _Evidence(
        None,
        None,
        ReferenceKind.TREATY if work.startswith("BWBV") else ReferenceKind.LEGISLATION,
        work,
        pinpoint,
        WG.editorial,
        link_type=_WIJZIGING_PREDICATE.get(versie.effect or "", ELI.amends),
        stated=f"{versie.vermelding} ({', '.join(f for f in facts if f)})",
        source=URIRef(work_iri(versie.bron.id)),
        source_work=versie.bron.id,
        in_force=versie.inwerkingtreding,
    )


def _in_force_phrase(date: dt.date | None) -> str:
    return f"in werking {date.isoformat()}" if date else "zonder inwerkingtreding"


def _add_bekendmakingen(graph: set[Triple], changes: Sequence[Wijziging]) -> None:
    """The publications a history names, with what BWB states about them."""
    for change in changes:
        for publication in (
            *change.bronnen,
            *change.juncto,
            *change.inwerkingtredingsbronnen,
        ):
            _add_bekendmaking(graph, publication)


def _add_bekendmaking(graph: set[Triple], publication: Bekendmaking) -> URIRef:
    """A Staatsblad/Staatscourant publication with what BWB states about it."""
    node = _add_publicatie(graph, publication.id)
    if publication.publicatiedatum is not None:
        graph.add((node, ELI.date_publication, Literal(publication.publicatiedatum)))
    if publication.ondertekening is not None:
        graph.add((node, ELI.date_document, Literal(publication.ondertekening)))
    if publication.dossiernummer:
        graph.add((node, WG.dossiernummer, Literal(publication.dossiernummer)))
    return node


def _add_publicatie(graph: set[Triple], publication_id: str) -> URIRef:
    """An official publication (``stb-…``, ``stcrt-…``) as a work of its own."""
    node = URIRef(work_iri(publication_id))
    graph.add((node, RDF.type, WG.Publicatie))
    graph.add((node, RDF.type, WG.Work))
    graph.add((node, WG.partOfWork, node))
    graph.add((node, DCTERMS.identifier, Literal(publication_id)))
    return node


def _from_relation(relation: Relation) -> _Evidence:
    """A relation stated in metadata: a ruling's formal relation or law reference, or
    a Cellar record's "this ruling interprets that act" (from the ruling)."""
    work = dict(relation.qualifiers).get("work") or relation.target
    artikel = dict(relation.qualifiers).get("artikel")
    known = is_work_id(work)
    kind = _metadata_kind(work)
    subject = (
        relation.subject if relation.subject and is_work_id(relation.subject) else None
    )
    return _Evidence(
        None,
        None,
        kind,
        work if known else None,
        Pinpoint(artikel=artikel),
        WG.editorial,
        None if known else f"metadata relation to {relation.target} has no known work",
        link_type=URIRef(relation.type)
        if relation.type.startswith("http")
        else CITO.cites,
        stated=relation.label or relation.target,
        source=URIRef(work_iri(subject)) if subject else None,
        source_work=subject,
    )


def _metadata_kind(work: str) -> ReferenceKind:
    """What a work named in metadata is: a ruling (ECLI, or a CELEX of sector 6),
    an EU act (another CELEX) or Dutch legislation."""
    if ECLI.match(work) or (CELEX.match(work) and work.startswith("6")):
        return ReferenceKind.CASE_LAW
    if CELEX.match(work):
        return ReferenceKind.EU_LEGISLATION
    return ReferenceKind.LEGISLATION


def _from_claim(claim: RelationClaim) -> _Evidence:
    """An extracted relation: from its subject, with its sentence as evidence."""
    return _Evidence(
        claim.start,
        claim.end,
        claim.object_kind,
        claim.object.work,
        claim.object.pinpoint,
        WG.extracted,
        link_type=RELATION_PREDICATE[claim.type],
        source=URIRef(part_iri(claim.subject.work, claim.subject.pinpoint)),
        source_work=claim.subject.work,
        confidence=f"{claim.confidence:.2f}",
    )


def _add_subject(graph: set[Triple], subject: URIRef, work_id: str) -> None:
    """A relation's subject (a Vc paragraph, a decision) as a work or part of one."""
    work = URIRef(work_iri(work_id))
    graph.add((subject, RDF.type, WG.Work))
    graph.add((subject, WG.partOfWork, work))
    if subject != work:
        graph.add((subject, DCTERMS.isPartOf, work))
        graph.add((work, RDF.type, WG.Work))
        graph.add((work, WG.partOfWork, work))
        graph.add((work, DCTERMS.identifier, Literal(work_id)))


def _add_toezegging(graph: set[Triple], doc: URIRef, toezegging: Toezegging) -> None:
    """A toezegging node: its text as this document states it, deadline, answers;
    for the TK's own record (the document is the toezegging) also its status and
    ministerie, and no "mentioned in" itself."""
    node = URIRef(work_iri(toezegging.id))
    graph.add((node, RDF.type, WG.Toezegging))
    graph.add((node, RDF.type, WG.Work))
    graph.add((node, WG.partOfWork, node))
    graph.add((node, DCTERMS.identifier, Literal(toezegging.id)))
    graph.add((node, WG.toezeggingText, Literal(toezegging.text)))
    if node != doc:
        graph.add((node, WG.mentionedIn, doc))
    if toezegging.tk_status:
        graph.add((node, TK.Status, Literal(toezegging.tk_status)))
    if toezegging.ministerie:
        ministerie = our_iri("ministerie", toezegging.ministerie)
        graph.add((ministerie, RDF.type, WG.Ministerie))
        graph.add((ministerie, RDFS.label, Literal(toezegging.ministerie)))
        graph.add((node, WG.ministerie, ministerie))
    if toezegging.bewindspersoon:
        graph.add((node, WG.bewindspersoon, Literal(toezegging.bewindspersoon)))
    if toezegging.functie:
        graph.add((node, WG.functie, Literal(toezegging.functie)))
    if toezegging.deadline is not None:
        graph.add((node, WG.deadlineStart, Literal(toezegging.deadline.start)))
        graph.add((node, WG.deadlineEnd, Literal(toezegging.deadline.end)))
    for work in toezegging.answered_by:
        graph.add((URIRef(work_iri(work)), WG.answers, node))


def _add_link(
    graph: set[Triple],
    doc: URIRef,
    document: SourceDocument,
    item: _Evidence,
    locator: _DivisionLocator,
    footnotes: Iterable[tuple[int, int, URIRef]],
) -> None:
    target = URIRef(part_iri(item.work, item.pinpoint)) if item.work else None
    enclosing = locator.innermost(item.start) if item.start is not None else None
    source = _division_iri(document, enclosing) if enclosing else doc
    key = (
        f"{document.id}|{item.start}|{item.end}|{target}|{item.method}|{item.link_type}"
    )
    if target is None:
        # Unresolved references on one span (the Vc's "artikelen 28 tot en met 32" of
        # a regeling without them) stay one link each, each with its own reason.
        key += f"|{item.reason}"
    if item.source is not None and item.source_work is not None:
        source = item.source
        key += f"|{source}"
        _add_subject(graph, source, item.source_work)
    link = our_iri("link", hashlib.sha1(key.encode()).hexdigest()[:20])
    graph.add(
        (link, RDF.type, WG.Citation if item.link_type == CITO.cites else WG.Link)
    )
    graph.add((link, WG.linkSource, source))
    graph.add((link, WG.inDocument, doc))
    graph.add((link, WG.linkType, item.link_type))
    graph.add((link, WG.method, item.method))
    graph.add((link, WG.referenceKind, Literal(str(item.kind))))
    graph.add((link, WG.extractorVersion, Literal(EXTRACTOR_VERSION)))
    confidence = (item.confidence or _CONFIDENCE[item.method]) if target else "0.0"
    graph.add((link, WG.confidence, Literal(confidence, datatype=XSD.decimal)))
    _add_selectors(graph, link, document, item)
    if item.in_force is not None:
        graph.add((link, WG.inwerkingtreding, Literal(item.in_force)))
    for predicate, version in item.versions:
        graph.add((link, predicate, version))
    if item.start is not None:
        for start, end, footnote in footnotes:
            if start <= item.start < end:
                graph.add((link, WG.viaFootnote, footnote))
    if target is None or item.work is None:
        graph.add((link, WG.unresolvedReason, Literal(item.reason or "unresolved")))
        return
    graph.add((link, WG.linkTarget, target))
    graph.add((link, WG.targetWork, URIRef(work_iri(item.work))))
    graph.add((source, item.link_type, target))
    _add_target(graph, target, item)


def _add_selectors(
    graph: set[Triple], link: URIRef, document: SourceDocument, item: _Evidence
) -> None:
    """Web Annotation evidence: the span's offsets and its quote with some context."""
    selector = URIRef(f"{link}#quote")
    graph.add((link, OA.hasSelector, selector))
    graph.add((selector, RDF.type, OA.TextQuoteSelector))
    if item.start is None or item.end is None:
        graph.add((selector, OA.exact, Literal(item.stated or "")))
        return
    position = URIRef(f"{link}#position")
    graph.add((link, OA.hasSelector, position))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(item.start, datatype=XSD.integer)))
    graph.add((position, OA.end, Literal(item.end, datatype=XSD.integer)))
    text = document.text
    graph.add((selector, OA.exact, Literal(text[item.start : item.end])))
    graph.add(
        (
            selector,
            OA.prefix,
            Literal(text[max(0, item.start - QUOTE_CONTEXT) : item.start]),
        )
    )
    graph.add((selector, OA.suffix, Literal(text[item.end : item.end + QUOTE_CONTEXT])))


def _add_target(graph: set[Triple], target: URIRef, item: _Evidence) -> None:
    assert item.work is not None
    work = URIRef(work_iri(item.work))
    graph.add((work, RDF.type, WG.Work))
    graph.add((work, RDF.type, _WORK_CLASS[item.kind]))
    graph.add((work, DCTERMS.identifier, Literal(item.work)))
    graph.add((work, WG.partOfWork, work))
    if target != work:
        graph.add((target, RDF.type, WG.Work))
        graph.add((target, DCTERMS.isPartOf, work))
        graph.add((target, WG.partOfWork, work))
        graph.add(
            (target, RDFS.label, Literal(_pinpoint_label(item.work, item.pinpoint)))
        )


def _pinpoint_label(work: str, pinpoint: Pinpoint) -> str:
    parts = [f"{key} {value}" for key, value in pinpoint.as_dict().items()]
    return ", ".join(parts) + f" ({work})"


class _DivisionLocator:
    """Finds the innermost division around an offset by descending the tree (bisect)."""

    def __init__(self, document: SourceDocument) -> None:
        self._roots = _by_start(document.divisions)
        self._parents: dict[int, Division] = {}
        # Children sorted with their start offsets, once per division rather than
        # once per reference looked up.
        self._children: dict[int, tuple[list[int], list[Division]]] = {}
        for division in document.all_divisions():
            self._children[id(division)] = _by_start(division.children)
            for child in division.children:
                self._parents[id(child)] = division

    def parent_of(self, division: Division) -> Division | None:
        return self._parents.get(id(division))

    def innermost(self, offset: int) -> Division | None:
        found: Division | None = None
        starts, level = self._roots
        while level:
            index = bisect.bisect_right(starts, offset) - 1
            if index < 0 or not (level[index].start <= offset < level[index].end):
                break
            found = level[index]
            starts, level = self._children[id(found)]
        return found


def _by_start(divisions: Sequence[Division]) -> tuple[list[int], list[Division]]:
    ordered = sorted(divisions, key=lambda d: d.start)
    return [d.start for d in ordered], ordered
