"""The index rows of one document graph, read from its triples.

One function for both ways the index is written: at build from the triples a document
was just built into (in the worker that built them), and by ``wetgraaf index`` from a
graph read back from the store. So a rebuilt index equals the one the build wrote.

Values are the plain Python values every query backend returns (``graph.values``), dates
as ISO text (SQLite has no date type; the readers turn them back into dates).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF
from rdflib.term import Node

from graph.namespaces import OA, TK, WG
from graph.triples import Triple
from graph.values import Value, to_python

Row = tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class DocumentRows:
    """Everything the index holds of one named graph, one tuple per table row (the
    columns of ``graph.index.schema``, without the graph, which ``graph`` names)."""

    graph: str
    documents: tuple[Row, ...] = ()
    texts: tuple[Row, ...] = ()
    identifiers: tuple[Row, ...] = ()
    links: tuple[Row, ...] = ()
    motions: tuple[Row, ...] = ()
    votes: tuple[Row, ...] = ()
    zaken: tuple[Row, ...] = ()
    zaak_records: tuple[Row, ...] = ()
    besluiten: tuple[Row, ...] = ()


def normalise_text(text: str) -> str:
    """Text as the full-text table holds it and a phrase is searched for: NFKC, so
    that a decomposed "ï" (i + combining diaeresis) or a ligature is one character."""
    return unicodedata.normalize("NFKC", text)


# Full text is indexed in passages of about this many characters, cut at line ends:
# a snippet tokenises its passage, not a whole law, and a hit is ranked by the passage
# that holds the phrase rather than diluted by the length of the document around it.
PASSAGE = 2_000


def passages(text: str, size: int = PASSAGE) -> Iterator[tuple[int, str]]:
    """(offset in ``text``, passage) of consecutive passages covering ``text``: whole
    lines up to ``size`` characters, a longer line cut at the last space before it
    (a phrase is found within one passage, so cuts fall where phrases rarely run on)."""
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = text.rfind(" ", start, end)
            if cut > start:
                end = cut + 1
        yield start, text[start:end]
        start = end


def _value(term: Node | None) -> Value:
    value = to_python(term)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    return str(value)  # Decimal and the like, as written


class _Subjects:
    """The triples of one graph by subject and predicate, objects in a stable order."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self.by: dict[Node, dict[Node, list[Node]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for s, p, o in triples:
            self.by[s][p].append(o)
        for props in self.by.values():
            for objects in props.values():
                objects.sort(key=_order)

    def all(self, s: Node, p: Node) -> list[Node]:
        props = self.by.get(s)
        return props.get(p, []) if props else []

    def one(self, s: Node, p: Node) -> Node | None:
        objects = self.all(s, p)
        return objects[0] if objects else None

    def having(self, p: Node, o: Node | None = None) -> list[Node]:
        return sorted(
            (
                s
                for s, props in self.by.items()
                if p in props and (o is None or o in props[p])
            ),
            key=str,
        )


def _order(term: Node) -> tuple[str, str]:
    return (type(term).__name__, str(term))


def document_rows(graph: str, triples: Iterable[Triple]) -> DocumentRows:
    """The index rows of the named graph ``graph`` holding ``triples``."""
    subjects = _Subjects(triples)
    return DocumentRows(
        graph=graph,
        documents=tuple(_documents(subjects)),
        texts=tuple(_texts(subjects)),
        identifiers=tuple(_identifiers(subjects)),
        links=tuple(_links(subjects)),
        motions=tuple(_motions(subjects)),
        votes=tuple(_votes(subjects)),
        zaken=tuple(_zaken(subjects)),
        zaak_records=tuple(_zaak_records(subjects)),
        besluiten=tuple(_besluiten(subjects)),
    )


def _documents(subjects: _Subjects) -> Iterable[Row]:
    """(doc, kind, id, title, date) of each document the graph describes: one with a
    kind, an identifier and a title, each its smallest value in the graph."""
    for doc in subjects.having(WG.documentKind):
        kind = subjects.one(doc, WG.documentKind)
        identifier = subjects.one(doc, DCTERMS.identifier)
        title = subjects.one(doc, DCTERMS.title)
        if identifier is None or title is None:
            continue
        date = subjects.one(doc, DCTERMS.date)
        yield (
            str(doc),
            _value(kind),
            _value(identifier),
            _value(title),
            None if date is None else _value(date),
        )


def _texts(subjects: _Subjects) -> Iterable[Row]:
    """(doc, offset, passage) of each passage of each document's full text, normalised
    for search."""
    for doc in subjects.having(WG.fullText):
        for text in subjects.all(doc, WG.fullText):
            for start, passage in passages(str(text)):
                yield (str(doc), start, normalise_text(passage))


def _identifiers(subjects: _Subjects) -> Iterable[Row]:
    """(iri, identifier) of every IRI the graph gives an identifier (the works its
    links cite too: how a cited work is labelled)."""
    for subject in subjects.having(DCTERMS.identifier):
        if isinstance(subject, URIRef):
            for identifier in subjects.all(subject, DCTERMS.identifier):
                yield (str(subject), _value(identifier))


def _links(subjects: _Subjects) -> Iterable[Row]:
    """One row per link with its document: (link, doc, source, source_work, target,
    work, type, kind, method, quote, start, reason, typed, dated)."""
    for link in subjects.having(WG.inDocument):
        quote, start = _quote(subjects, link)
        source = subjects.one(link, WG.linkSource)
        source_work = None if source is None else subjects.one(source, WG.partOfWork)
        method = subjects.one(link, WG.method)
        for doc in subjects.all(link, WG.inDocument):
            yield (
                str(link),
                str(doc),
                _iri(source),
                _iri(source_work),
                _iri(subjects.one(link, WG.linkTarget)),
                _iri(subjects.one(link, WG.targetWork)),
                _iri(subjects.one(link, WG.linkType)),
                _value(subjects.one(link, WG.referenceKind)),
                None if method is None else str(method).partition("#")[2],
                quote,
                start,
                _value(subjects.one(link, WG.unresolvedReason)),
                int(WG.Link in subjects.all(link, RDF.type)),
                int(bool(subjects.all(link, WG.inwerkingtreding))),
            )


def _quote(subjects: _Subjects, link: Node) -> tuple[Value, Value]:
    """A link's quote (its text quote selector's exact text) and start offset."""
    quote: Value = None
    start: Value = None
    for selector in subjects.all(link, OA.hasSelector):
        if OA.TextQuoteSelector in subjects.all(selector, RDF.type):
            exact = subjects.one(selector, OA.exact)
            if exact is not None and (quote is None or str(exact) > str(quote)):
                quote = str(exact)
        offset = subjects.one(selector, OA.start)
        if isinstance(offset, Literal):
            value = offset.toPython()
            if isinstance(value, int) and (start is None or value > int(str(start))):
                start = value
    return quote, start


def _iri(term: Node | None) -> str | None:
    return None if term is None else str(term)


def _motions(subjects: _Subjects) -> Iterable[Row]:
    """(doc, id, dossiernummer, ondernummer, date, title, indiener, medeindieners) of
    each motion, medeindieners in name order."""
    for doc in subjects.having(RDF.type, WG.Motie):
        identifier = subjects.one(doc, DCTERMS.identifier)
        title = subjects.one(doc, DCTERMS.title)
        if identifier is None or title is None:
            continue
        mede = sorted(
            {
                str(name)
                for node in subjects.all(doc, WG.medeindiener)
                for name in subjects.all(node, FOAF.name)
            }
        )
        date = subjects.one(doc, DCTERMS.date)
        indieners: list[Node | None] = [
            name
            for node in subjects.all(doc, WG.indiener)
            for name in subjects.all(node, FOAF.name)
        ] or [None]
        for indiener in indieners:
            yield (
                str(doc),
                _value(identifier),
                _value(subjects.one(doc, WG.dossiernummer)),
                _value(subjects.one(doc, WG.ondernummer)),
                None if date is None else _value(date),
                _value(title),
                _value(indiener),
                "; ".join(mede) or None,
            )


def _votes(subjects: _Subjects) -> Iterable[Row]:
    """(stemming, besluit, fractie, soort, zetels) of each recorded vote."""
    for stemming in subjects.having(WG.besluit):
        soort = subjects.one(stemming, TK.Soort)
        zetels = subjects.one(stemming, TK.FractieGrootte)
        fractie_node = subjects.one(stemming, WG.fractie)
        fractie = (
            None if fractie_node is None else subjects.one(fractie_node, TK.Afkorting)
        )
        if soort is None or zetels is None or fractie is None:
            continue
        for besluit in subjects.all(stemming, WG.besluit):
            yield (
                str(stemming),
                str(besluit),
                _value(fractie),
                _value(soort),
                _value(zetels),
            )


def _zaken(subjects: _Subjects) -> Iterable[Row]:
    """(zaak, doc) of each document a TK zaak names (its motion)."""
    for zaak in subjects.having(WG.hasDocument):
        for doc in subjects.all(zaak, WG.hasDocument):
            yield (str(zaak), str(doc))


def _zaak_records(subjects: _Subjects) -> Iterable[Row]:
    """(zaak, id, kabinetsappreciatie, afgedaan, onderwerp) of each TK zaak the graph
    records (typed wg:Zaak, with its identifier): a row per combination of its values,
    as the motion_zaken query gives them."""
    for zaak in subjects.having(RDF.type, WG.Zaak):
        appreciaties: list[Node | None] = [*subjects.all(zaak, TK.Kabinetsappreciatie)]
        afgedaan_values: list[Node | None] = [*subjects.all(zaak, TK.Afgedaan)]
        onderwerpen: list[Node | None] = [*subjects.all(zaak, TK.Onderwerp)]
        for identifier in subjects.all(zaak, DCTERMS.identifier):
            for appreciatie in appreciaties or [None]:
                for afgedaan in afgedaan_values or [None]:
                    for onderwerp in onderwerpen or [None]:
                        yield (
                            str(zaak),
                            _value(identifier),
                            _value(appreciatie),
                            _value(afgedaan),
                            _value(onderwerp),
                        )


def _besluiten(subjects: _Subjects) -> Iterable[Row]:
    """(besluit, zaak, uitslag, zetels voor, zetels tegen, zetels onvolledig) of each
    decision about a zaak with an uitslag; the seats where both are recorded."""
    for besluit in subjects.having(WG.overZaak):
        voor = subjects.one(besluit, WG.zetelsVoor)
        tegen = subjects.one(besluit, WG.zetelsTegen)
        if voor is None or tegen is None:
            voor = tegen = None
        onvolledig = subjects.one(besluit, WG.zetelsOnvolledig)
        for zaak in subjects.all(besluit, WG.overZaak):
            for uitslag in subjects.all(besluit, WG.uitslag):
                yield (
                    str(besluit),
                    str(zaak),
                    _value(uitslag),
                    _value(voor),
                    _value(tegen),
                    _value(onvolledig),
                )
