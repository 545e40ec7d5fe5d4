"""The links to write, from what the reader and the extractors found: references in the
text, editorial links, a regeling's BWB history and part versions, relations stated in
metadata, and extracted relation claims."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rdflib import URIRef

from graph.namespaces import CITO, ELI, PROV, WG
from ingest.identifiers import CELEX, ECLI, is_work_id, part_iri, work_iri
from ingest.models import (
    EditorialLink,
    Pinpoint,
    ReferenceKind,
    Relation,
    RelationClaim,
    RelationType,
    ResolvedReference,
    Versie,
    Wijziging,
)

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


@dataclass(frozen=True, slots=True)
class Evidence:
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


def from_reference(resolved: ResolvedReference) -> Evidence:
    ref = resolved.reference
    return Evidence(
        ref.start,
        ref.end,
        ref.kind,
        resolved.work,
        resolved.pinpoint,
        WG.extracted,
        resolved.reason,
    )


def from_editorial(link: EditorialLink) -> Evidence:
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
    return Evidence(
        link.start, link.end, kind, link.work, link.pinpoint, WG.editorial, reason
    )


def from_wijziging(change: Wijziging) -> list[Evidence]:
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
        Evidence(
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
            Evidence(
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


def from_versie(work: str, pinpoint: Pinpoint, versie: Versie) -> Evidence:
    """A part's version as a history link: the publication that made the part's
    current text introduces, amends or repeals it (by ``effect``), from the date it
    took effect. BWB states it in the part's metadata, so the evidence is the
    ``bron`` as written with the effect and date."""
    facts = [versie.effect or "", _in_force_phrase(versie.inwerkingtreding)]
    return Evidence(
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


def from_relation(relation: Relation) -> Evidence:
    """A relation stated in metadata: a ruling's formal relation or law reference, or
    a Cellar record's "this ruling interprets that act" (from the ruling)."""
    work = dict(relation.qualifiers).get("work") or relation.target
    artikel = dict(relation.qualifiers).get("artikel")
    known = is_work_id(work)
    kind = _metadata_kind(work)
    subject = (
        relation.subject if relation.subject and is_work_id(relation.subject) else None
    )
    return Evidence(
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


def from_claim(claim: RelationClaim) -> Evidence:
    """An extracted relation: from its subject, with its sentence as evidence."""
    return Evidence(
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
