"""Triples for Tweede Kamer records: zaken, besluiten and the votes per fractie.

Attributes reuse the TK information model's datatype properties (tk:Kabinetsappreciatie,
tk:BesluitSoort, tk:FractieGrootte…); the links between records are wg: properties,
since the TK model's object properties have no stable names.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, XSD

from graph.namespaces import TK, WG, our_iri
from graph.triples import Triple
from ingest.identifiers import work_iri
from ingest.models import Besluit, DocumentKind, SourceDocument, Vote, Zaak


def zaak_iri(nummer: str) -> URIRef:
    return URIRef(work_iri(nummer))


def fractie_iri(afkorting: str) -> URIRef:
    return our_iri("fractie", afkorting)


def add_parliament(graph: set[Triple], doc: URIRef, document: SourceDocument) -> None:
    """Add the zaken and besluiten a TK record describes (nothing for other documents)."""
    for zaak in document.zaken:
        node = _add_zaak(graph, zaak)
        if node != doc:
            graph.add((doc, WG.hasZaak, node))
    # An agendapunt record holds the besluiten taken on it; a zaak record (as the
    # fetch client expands it) the besluiten about it, its agendapunt not named.
    agendapunt = doc if document.kind is DocumentKind.AGENDAPUNT else None
    for besluit in document.besluiten:
        _add_besluit(graph, agendapunt, besluit)


def _add_zaak(graph: set[Triple], zaak: Zaak) -> URIRef:
    node = zaak_iri(zaak.nummer)
    graph.add((node, RDF.type, WG.Zaak))
    graph.add((node, DCTERMS.identifier, Literal(zaak.nummer)))
    graph.add((node, TK.Soort, Literal(zaak.soort)))
    graph.add((node, TK.Onderwerp, Literal(zaak.onderwerp)))
    optional = [
        (TK.Titel, zaak.titel or None),
        (WG.vergaderjaar, zaak.vergaderjaar),
        (TK.Kabinetsappreciatie, zaak.kabinetsappreciatie),
    ]
    for predicate, value in optional:
        if value:
            graph.add((node, predicate, Literal(value)))
    if zaak.volgnummer is not None:
        graph.add((node, TK.Volgnummer, Literal(zaak.volgnummer)))
    if zaak.gestart is not None:
        graph.add((node, TK.GestartOp, Literal(zaak.gestart)))
    if zaak.termijn is not None:
        graph.add((node, TK.Termijn, Literal(zaak.termijn)))
    if zaak.afgedaan is not None:
        graph.add((node, TK.Afgedaan, Literal(zaak.afgedaan)))
    for number in (*zaak.documents, *zaak.publicaties):
        document = URIRef(work_iri(number))
        graph.add((node, WG.hasDocument, document))
        graph.add((document, WG.zaak, Literal(zaak.nummer)))
    return node


def _add_besluit(
    graph: set[Triple], agendapunt: URIRef | None, besluit: Besluit
) -> None:
    node = our_iri("besluit", besluit.id)
    graph.add((node, RDF.type, WG.Besluit))
    if agendapunt is not None:
        graph.add((node, WG.opAgendapunt, agendapunt))
    graph.add((node, WG.uitslag, Literal(besluit.uitslag)))
    graph.add((node, TK.BesluitSoort, Literal(besluit.soort)))
    if besluit.tekst:
        graph.add((node, TK.BesluitTekst, Literal(besluit.tekst)))
    if besluit.stemmingssoort:
        graph.add((node, TK.StemmingsSoort, Literal(besluit.stemmingssoort)))
    if besluit.zaak:
        graph.add((node, WG.overZaak, zaak_iri(besluit.zaak)))
    if besluit.agendapunt is not None:
        # Literals, not a node: a zaak record names the agendapunt but none of its
        # other besluiten or zaken, so a node would stand for a record we lack.
        punt = besluit.agendapunt
        graph.add((node, WG.agendapuntNummer, Literal(punt.nummer)))
        if punt.onderwerp:
            graph.add((node, WG.agendapuntOnderwerp, Literal(punt.onderwerp)))
        if punt.datum is not None:
            graph.add((node, WG.agendapuntDatum, Literal(punt.datum)))
    if besluit.votes:
        graph.add(
            (node, WG.zetelsVoor, Literal(besluit.zetels("Voor"), datatype=XSD.integer))
        )
        graph.add(
            (
                node,
                WG.zetelsTegen,
                Literal(besluit.zetels("Tegen"), datatype=XSD.integer),
            )
        )
        graph.add((node, WG.zetelsOnvolledig, Literal(besluit.zetels_onvolledig)))
    for vote in besluit.votes:
        _add_vote(graph, node, besluit, vote)


def _add_vote(
    graph: set[Triple], besluit_node: URIRef, besluit: Besluit, vote: Vote
) -> None:
    who = vote.fractie + (f"-{vote.persoon}" if vote.persoon else "")
    node = our_iri("stemming", besluit.id, who)
    fractie = fractie_iri(vote.fractie)
    graph.add((node, RDF.type, WG.Stemming))
    graph.add((node, WG.besluit, besluit_node))
    graph.add((node, WG.fractie, fractie))
    graph.add((node, TK.Soort, Literal(vote.soort)))
    graph.add((node, TK.FractieGrootte, Literal(vote.zetels, datatype=XSD.integer)))
    if vote.vergissing:
        graph.add((node, TK.Vergissing, Literal(True)))
    graph.add((fractie, RDF.type, WG.Fractie))
    graph.add((fractie, TK.Afkorting, Literal(vote.fractie)))
    graph.add((fractie, RDFS.label, Literal(vote.fractie_naam or vote.fractie)))
    if vote.persoon:
        person = our_iri("persoon", vote.persoon.lower())
        graph.add((node, WG.persoon, person))
        graph.add((person, RDF.type, WG.Persoon))
        graph.add((person, FOAF.name, Literal(vote.persoon)))
