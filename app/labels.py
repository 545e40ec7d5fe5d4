"""The explorer's Dutch words in one place: kinds, statuses, reasons a reference stayed
unresolved, dates and the texts Streamlit's widgets would otherwise show in English.

The data keeps its own values (``case_law``, ``tk_record``, the resolver's English
reasons); only what a visitor reads goes through here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from ingest.deadlines import MONTHS

# What a document is (ingest.models.DocumentKind) and what a reference points at
# (ingest.models.ReferenceKind); a node of the network is one or the other.
KIND_LABELS = {
    # documents
    "regeling": "regeling",
    "kamerstuk": "Kamerstuk",
    "motie": "motie",
    "kamerbrief": "Kamerbrief",
    "rapport": "rapport",
    "wijzigingsbesluit": "wijzigingsbesluit",
    "uitspraak": "uitspraak",
    "publicatie": "publicatie",
    "eu_act": "EU-handeling",
    "zaak": "Kamerzaak",
    "agendapunt": "agendapunt",
    "toezegging": "toezegging (Kamerregistratie)",
    "cellar_record": "EU-metagegevens (Cellar)",
    "wetstechnische_informatie": "wetstechnische informatie",
    # references
    "legislation": "wet- en regelgeving",
    "policy": "Vreemdelingencirculaire",
    "eu_legislation": "EU-recht",
    "treaty": "verdrag",
    "case_law": "rechtspraak",
    "parliamentary": "parlementair stuk",
    "gazette": "Staatsblad of Staatscourant",
    "commitment": "toezegging",
    "tk_record": "Kamerregistratie",
    "work": "niet ingelezen werk",
}

STATUS_LABELS = {
    "open": "open",
    "overdue": "te laat",
    "te laat": "te laat",
    "fulfilled": "voldaan",
    "voldaan": "voldaan",
}

# The months as the deadline parser reads them (ingest.deadlines), in calendar order.
MONTH_NAMES = tuple(MONTHS)

# The date fields' order as a Dutch reader writes it (Streamlit's own default is
# YYYY/MM/DD).
DATE_FORMAT = "DD-MM-YYYY"

# Placeholders for Streamlit's selection widgets (their own are "Choose options" and
# "Choose an option").
CHOOSE_MANY = "Kies een of meer"
CHOOSE_ONE = "Kies er een"
NO_RESULTS = "Geen resultaten."
NONE = "—"


# How a link was found (ontology/wetgraaf.ttl's wg:Method), by its IRI's local name.
METHOD_LABELS = {
    "editorial": "redactioneel (uit de bron)",
    "extracted": "uit de tekst gelezen",
    "inferred": "afgeleid",
}


def method_label(method: object) -> str:
    """The Dutch name of how a link was found (``wg:extracted`` or its IRI or local
    name); an unknown one as it is."""
    text = "" if method is None else str(method)
    local = re.split(r"[#/:]", text)[-1]
    return METHOD_LABELS.get(local, text)


def kind_label(kind: object) -> str:
    """The Dutch name of a document or reference kind (an unknown one as it is, with
    its underscores as spaces)."""
    text = "" if kind is None else str(kind)
    return KIND_LABELS.get(text, text.replace("_", " "))


def status_label(status: object) -> str:
    """The Dutch name of a toezegging's status."""
    text = "" if status is None else str(status)
    return STATUS_LABELS.get(text, text)


def format_date(value: object) -> str:
    """A date as a Dutch reader writes it: "7 december 2026"; empty for none, and
    text that is no date as it is."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if not isinstance(value, dt.date):
        return str(value)
    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"


def cell(value: object) -> object:
    """A table cell shown to a visitor: no "None", dates in Dutch."""
    if value is None:
        return NONE
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return value


# The reasons ingest.resolve gives for an unresolved reference, as (pattern, Dutch);
# the groups carry the quoted parts of the citing text over unchanged. First match wins.
_REASONS: tuple[tuple[str, str], ...] = (
    (
        r"(?P<a>.+) names several acts \((?P<b>.+)\): the citing text's date is not known",
        "{a} noemt meerdere regelingen ({b}) en de datum van de tekst is niet bekend",
    ),
    (
        r"(?P<a>.+) names (?P<b>.+): none on (?P<c>.+), the citing text's date",
        "{a} noemt {b}: geen daarvan gold op {c}, de datum van de tekst",
    ),
    (
        r"Burgerlijk Wetboek without a Boek(?P<a>.*?) \(each Boek is its own regeling\)",
        "Burgerlijk Wetboek zonder Boek{a} (elk Boek is een eigen regeling)",
    ),
    (
        r"no such article in (?P<a>.+): artikel (?P<b>\S+) \(versions (?P<c>.+)\)",
        "{a} heeft geen artikel {b} (versies {c})",
    ),
    (r"no such article in (?P<a>.+): artikel (?P<b>.+)", "{a} heeft geen artikel {b}"),
    (
        r"(?P<a>.+) names no act here \(no title, no defined term\)",
        "{a} noemt hier geen regeling (geen titel, geen gedefinieerde term)",
    ),
    (
        r"(?P<a>.+) is not part of the citing regeling and no regeling is named",
        "{a} hoort niet bij de citerende regeling en er wordt geen regeling genoemd",
    ),
    (
        r"(?P<a>'.+') outside a regeling \(no citing work given\)",
        "{a} buiten een regeling (geen citerend werk bekend)",
    ),
    (
        r"antecedent of (?P<a>'.+') is not resolved: (?P<b>.+)",
        "waar {a} naar terugverwijst is niet opgelost: {b}",
    ),
    (
        r"antecedent of (?P<a>'.+') unclear: no act named before it in its (?P<b>.+)",
        "onduidelijk waar {a} naar terugverwijst: geen regeling eerder genoemd in {b}",
    ),
    (r"antecedent of (?P<a>'.+') unclear", "onduidelijk waar {a} naar terugverwijst"),
    (
        r"relative reference outside an article",
        "verwijzing binnen een artikel, maar buiten een artikel gebruikt",
    ),
    (r"(?P<a>'.+') outside a lid(?P<b>.*)", "{a} buiten een lid{b}"),
    (r"unknown Vc part in (?P<a>.+)", "onbekend deel van de Vc in {a}"),
    (
        r"(?P<a>'.+') (?P<b>\S+) outside the Vc names no Vc chapter for certain",
        "{a} {b} buiten de Vc wijst niet zeker een hoofdstuk van de Vc aan",
    ),
    (
        r"artikel (?P<a>\S+) is an article of bijlage (?P<b>.+) only, not of the "
        r"regeling's body",
        "artikel {a} is alleen een artikel van bijlage {b}, niet van de regeling zelf",
    ),
    (
        r"inside bijlage (?P<a>\S+): artikel (?P<b>\S+) is that bijlage's own article, "
        r"and (?P<c>'.+') may cite the act its entry names",
        "in bijlage {a} is artikel {b} een artikel van die bijlage zelf, en {c} kan "
        "verwijzen naar de regeling die het onderdeel noemt",
    ),
    (r"not a sector-3 CELEX act", "geen EU-handeling (CELEX sector 3)"),
    (r"malformed ECLI (?P<a>.+)", "ongeldige ECLI {a}"),
    (
        r"(?P<a>.+) names a party of this very ruling",
        "{a} is een partij in deze uitspraak zelf",
    ),
    (r"case (?P<a>.+) not in case_law\.csv", "zaak {a} staat niet in de zakenlijst"),
    (
        r"aanhangsel without a valid vergaderjaar",
        "aanhangsel zonder geldig vergaderjaar",
    ),
    (
        r"Handelingen without vergaderjaar and nummer",
        "Handelingen zonder vergaderjaar en nummer",
    ),
    (
        r"kamerstuk without dossier and ondernummer",
        "Kamerstuk zonder dossier- en ondernummer",
    ),
    (
        r"motion named without footnotes to resolve it",
        "motie genoemd zonder voetnoot die haar aanwijst",
    ),
    (r"no footnote marker on the motion", "geen voetnootteken bij de motie"),
    (
        r"motion in a heading with (?P<a>\d+) footnote markers",
        "motie in een kop met {a} voetnoottekens",
    ),
    (r"footnote (?P<a>\S+) names no kamerstuk", "voetnoot {a} noemt geen Kamerstuk"),
    (
        r"gazette without year and number",
        "Staatsblad of Staatscourant zonder jaar en nummer",
    ),
    (r"not a TK identifier: (?P<a>.+)", "geen nummer van de Tweede Kamer: {a}"),
    (r"short form without antecedent", "verkorte verwijzing zonder voorganger"),
    (r"short form: antecedent unclear", "verkorte verwijzing: voorganger onduidelijk"),
    (
        r"short form: several candidate antecedents",
        "verkorte verwijzing: meerdere mogelijke voorgangers",
    ),
    (r"no resolver for kind (?P<a>.+)", "geen oplosser voor soort {a}"),
    # the build's reasons (links from editorial data and metadata) and the resolver's
    # for bare articles and case numbers
    (r"no regeling named", "geen regeling genoemd"),
    (
        r"relative reference without a citing regeling",
        "verwijzing binnen een regeling, maar de citerende regeling is onbekend",
    ),
    (
        r"LJN without court and year cannot be mapped to an ECLI",
        "LJN zonder gerecht en jaar: geen ECLI te bepalen",
    ),
    (
        r"regeling not in alias table: (?P<a>.+)",
        "regeling niet in de lijst van bekende regelingen: {a}",
    ),
    (
        r"editorial link to (?P<a>.*) has no known work",
        "redactionele verwijzing naar {a} zonder bekend werk",
    ),
    (
        r"metadata relation to (?P<a>.*) has no known work",
        "relatie uit de metagegevens naar {a} zonder bekend werk",
    ),
)
_WHERE = {"sentence": "de zin", "paragraph": "de alinea"}
_COMPILED = tuple((re.compile(p), dutch) for p, dutch in _REASONS)


def reason_label(reason: object) -> str:
    """Why a reference stayed unresolved, in Dutch; a reason no pattern knows reads
    "niet opgelost" with the resolver's own words after it."""
    text = "" if reason is None else str(reason)
    if not text:
        return ""
    for pattern, dutch in _COMPILED:
        found = pattern.fullmatch(text)
        if found:
            kind = found.groupdict().get("a")
            groups = dict(found.groupdict())
            if dutch.startswith("geen oplosser") and kind:
                groups["a"] = kind_label(kind)
            if "b" in groups and groups["b"] in _WHERE:
                groups["b"] = _WHERE[groups["b"]]
            if dutch.startswith("artikel {a} is alleen"):  # "bijlage 2 or 3"
                groups["b"] = groups["b"].replace(" or ", " of ")
            return dutch.format(**groups)
    return f"niet opgelost ({text})"


def kind_options(kinds: Iterable[object]) -> list[str]:
    """The kinds sorted by their Dutch names (for a filter showing them)."""
    return sorted({str(k) for k in kinds if k}, key=lambda k: kind_label(k).lower())


# The named queries in the console's list, told in Dutch (their files describe them in
# English for the developers who write them).
QUERY_LABELS = {
    "article_context": "wat op een wetsartikel rust (Vc, uitspraken, documenten)",
    "article_history": "de versies van een artikel en wie welke versie citeert",
    "article_versions": "de artikelen van een regeling met hun versies",
    "citation_edges": "elke opgeloste verwijzing van document naar werk",
    "citation_network": "citerend document → geciteerd werk, met aantallen",
    "cited_works": "elk geciteerd werk met zijn soort verwijzing",
    "decisions": "besluiten over zaken: uitslag en zetels",
    "document": "één document: titel, soort, datum, bron en tekst",
    "documents": "alle ingelezen documenten",
    "incoming_links": "verwijzingen naar een werk of een deel ervan",
    "lineage": "wat uit een werk volgt (herkomst en vervolg)",
    "linked_documents": "documenten die met één document verbonden zijn",
    "links_to_parts": "verwijzingen naar gegeven artikelen of paragrafen",
    "most_cited": "de meest geciteerde werken",
    "most_cited_parts": "de meest geciteerde artikelen, leden en paragrafen",
    "motion_zaken": "de zaak van elke motie met kabinetsappreciatie",
    "motions": "moties met indieners en uitslag",
    "outgoing_links": "de verwijzingen in één document",
    "part_text": "waar een artikel of paragraaf in de tekst staat, met leden en onderdelen",
    "relation_edges": "getypeerde relaties (volgt uit, wijzigt, beantwoordt …)",
    "text_search": "documenten waarvan de tekst een patroon bevat",
    "toezeggingen": "toezeggingen met brieven, bewindspersoon en termijn",
    "unresolved_references": "verwijzingen die niet konden worden opgelost, met reden",
    "votes": "hoe elke fractie stemde over één besluit",
    "work_labels": "id, titel en soort van werken",
}


def query_label(name: str) -> str:
    """A named query as the console lists it: what it gives, in Dutch (its name, an
    identifier in English, the console shows as code beside it)."""
    return QUERY_LABELS.get(name, name)


def court_of(identifier: object) -> str | None:
    """The court of a ruling by its ECLI ("Rechtbank Den Haag" for ECLI:NL:RBDHA:…,
    the code itself for a court without a name here); None for an id that is no
    ECLI."""
    from app.names import COURTS

    parts = str(identifier or "").split(":")
    if len(parts) < 5 or parts[0].upper() != "ECLI":
        return None
    return COURTS.get(parts[2].upper(), parts[2].upper())
