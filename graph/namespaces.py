"""RDF namespaces: ``WG`` mirrors ontology/wetgraaf.ttl; the rest are reused vocabularies.

``WG`` is a ``DefinedNamespace`` with ``_fail = True``: a term missing from the ontology
raises instead of minting a typo. tests/test_ontology_sync.py keeps both in step.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
    DefinedNamespace,
)

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "wetgraaf.ttl"

ELI = Namespace("http://data.europa.eu/eli/ontology#")
CITO = Namespace("http://purl.org/spar/cito/")
OA = Namespace("http://www.w3.org/ns/oa#")
TK = Namespace("https://opendata.tweedekamer.nl/documentatie/")

ID_BASE = "https://w3id.org/wetgraaf/id/"
GRAPH_BASE = "https://w3id.org/wetgraaf/graph/"


def slug(value: str) -> str:
    """An IRI-safe, readable form of a name or number ("36 600 XX" → "36-600-XX")."""
    return "-".join(
        "".join(c if c.isalnum() or c in "._" else " " for c in value).split()
    )


def our_iri(kind: str, *names: str) -> URIRef:
    """An IRI under our base for things without an official id (persons, fracties…)."""
    return URIRef(ID_BASE + kind + "/" + "/".join(slug(name) for name in names))


class WG(DefinedNamespace):
    """The wetgraaf ontology (ontology/wetgraaf.ttl)."""

    _NS = Namespace("https://w3id.org/wetgraaf/ontology#")
    _fail = True

    # Classes: documents and their parts
    Document: URIRef
    Regeling: URIRef
    Wet: URIRef
    AMvB: URIRef
    MinisterieleRegeling: URIRef
    Circulaire: URIRef
    Onderdeel: URIRef
    Hoofdstuk: URIRef
    Afdeling: URIRef
    Paragraaf: URIRef
    Artikel: URIRef
    Lid: URIRef
    Beleidsregel: URIRef
    EUAct: URIRef
    Verdrag: URIRef
    Uitspraak: URIRef
    Kamerstuk: URIRef
    Motie: URIRef
    Kamerbrief: URIRef
    Rapport: URIRef
    Wijzigingsbesluit: URIRef
    Publicatie: URIRef
    Zaak: URIRef
    Agendapunt: URIRef
    WetstechnischeInformatie: URIRef
    Toezegging: URIRef
    CellarRecord: URIRef
    Stemming: URIRef
    Besluit: URIRef
    Persoon: URIRef
    Fractie: URIRef
    Ministerie: URIRef
    Work: URIRef
    Footnote: URIRef

    # Links with evidence
    Link: URIRef
    Citation: URIRef
    Method: URIRef
    editorial: URIRef
    extracted: URIRef
    inferred: URIRef
    linkSource: URIRef
    linkTarget: URIRef
    targetWork: URIRef
    linkType: URIRef
    inDocument: URIRef
    method: URIRef
    confidence: URIRef
    extractorVersion: URIRef
    referenceKind: URIRef
    unresolvedReason: URIRef
    viaFootnote: URIRef

    # Document and part properties
    partOfWork: URIRef
    fullText: URIRef
    sourceFile: URIRef
    documentKind: URIRef
    number: URIRef
    startOffset: URIRef
    endOffset: URIRef
    juriconnect: URIRef
    status: URIRef
    dossiernummer: URIRef
    ondernummer: URIRef
    vergaderjaar: URIRef
    tkNummer: URIRef
    zaak: URIRef
    indiener: URIRef
    medeindiener: URIRef
    dictum: URIRef
    officialUrl: URIRef
    hasFootnote: URIRef

    # Parliament: zaken, besluiten, stemmingen
    hasDocument: URIRef
    hasZaak: URIRef
    overZaak: URIRef
    opAgendapunt: URIRef
    agendapuntNummer: URIRef
    agendapuntOnderwerp: URIRef
    agendapuntDatum: URIRef
    besluit: URIRef
    fractie: URIRef
    persoon: URIRef
    uitslag: URIRef
    zetelsVoor: URIRef
    zetelsTegen: URIRef
    zetelsOnvolledig: URIRef

    # Extracted relations and toezeggingen
    renumberedAs: URIRef
    answers: URIRef
    toezeggingText: URIRef
    mentionedIn: URIRef
    bewindspersoon: URIRef
    functie: URIRef
    deadlineStart: URIRef
    deadlineEnd: URIRef
    ministerie: URIRef

    # Amendment history (BWB wetstechnische informatie)
    introduces: URIRef
    inwerkingtreding: URIRef

    # Versions of parts (BWB toestand)
    effect: URIRef

    # Toestanden as versions of a work, and the version a dated link cites
    Toestand: URIRef
    ArtikelVersie: URIRef
    versionOf: URIRef
    inToestand: URIRef
    geldigVan: URIRef
    geldigTot: URIRef
    versionText: URIRef
    citesVersion: URIRef
    versionReason: URIRef
    citedOn: URIRef
    ParagraafVersie: URIRef
    numberedBy: URIRef
    fromVersion: URIRef
    toVersion: URIRef


PREFIXES: dict[str, Namespace] = {
    "wg": Namespace(str(WG)),
    "eli": ELI,
    "cito": CITO,
    "oa": OA,
    "tk": TK,
    "dcterms": Namespace(str(DCTERMS)),
    "prov": Namespace(str(PROV)),
    "skos": Namespace(str(SKOS)),
    "foaf": Namespace(str(FOAF)),
    "rdfs": Namespace(str(RDFS)),
    "rdf": Namespace(str(RDF)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
}
