"""Read-side functions the explorer (and the CLI) call: no SPARQL outside graph/."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import networkx as nx
from rdflib import Graph

from graph.build import RELATION_PREDICATE, document_iri, graph_iri
from graph.index import reads
from graph.namespaces import CITO, ELI, WG
from graph.sparql import (
    Binding,
    QueryBackend,
    QueryResult,
    ReadBackend,
    Value,
    run_query,
)
from ingest.models import DateRange, RelationType, ToezeggingStatus, toezegging_status

if TYPE_CHECKING:
    from graph.remote import AnyStore


@dataclass(frozen=True, slots=True)
class DocumentView:
    """One document as the explorer shows it."""

    iri: str
    id: str
    kind: str
    title: str
    text: str
    source_file: str
    date: object = None
    official_url: str | None = None


_RELATION_LABELS = {
    RelationType.DERIVES_FROM: "volgt uit",
    RelationType.ELABORATES: "werkt uit",
    RelationType.IMPLEMENTS: "implementeert",
    RelationType.AMENDS: "wijzigt",
    RelationType.RENUMBERS: "vernummert tot",
    RelationType.ANSWERS: "beantwoordt",
}
# A Dutch label per link type IRI (``wg:linkType``), as the explorer groups links.
LINK_TYPE_LABELS = {
    str(CITO.cites): "verwijst naar",
    **{str(RELATION_PREDICATE[t]): label for t, label in _RELATION_LABELS.items()},
    # history links (BWB WTI and toestand versions): publication → part
    str(WG.introduces): "voegt in",
    str(ELI.repeals): "laat vervallen",
    str(ELI.commences): "doet in werking treden",
    str(ELI.changes): "wijzigt (juncto)",
}


def link_type_label(type_iri: object) -> str:
    """ "verwijst naar", "volgt uit", …; the IRI's local name for a type we do not know."""
    text = str(type_iri)
    return LINK_TYPE_LABELS.get(text, text.rsplit("#", 1)[-1].rsplit("/", 1)[-1])


def index_missing(backend: ReadBackend) -> bool:
    """Whether the store has no index (``reads.NO_INDEX`` says what to do)."""
    return backend.index.missing


DOCUMENT_COLUMNS = reads.DOCUMENT_COLUMNS
MOTION_COLUMNS = reads.MOTION_COLUMNS


def _result(rows: reads.Rows) -> QueryResult:
    return QueryResult(rows.variables, tuple(rows.rows))


def list_documents(backend: ReadBackend) -> QueryResult:
    """Every ingested document with its kind, title, date and number of links, by kind,
    identifier and IRI (the ``documents`` query's rows, from the index)."""
    return _result(reads.documents(backend.index))


def document_identifier(backend: ReadBackend, iri: str) -> str | None:
    """An ingested document's identifier (None: not in the store)."""
    return reads.document_identifier(backend.index, iri)


def motion_rows(backend: ReadBackend) -> QueryResult:
    """The ``motions`` query's rows (newest first, then by identifier), medeindieners
    in name order, from the index."""
    return _result(reads.motions(backend.index))


def get_document(backend: QueryBackend, document_id: str) -> DocumentView | None:
    """The document with this canonical id, or None when it is not in the store."""
    result = run_query(backend, "document", doc=document_iri(document_id))
    if not result.rows:
        return None
    row = result.as_dicts()[0]
    return DocumentView(
        iri=str(row["doc"]),
        id=str(row["id"]),
        kind=str(row["kind"]),
        title=str(row["title"]),
        text=str(row["text"]),
        source_file=str(row["sourceFile"]),
        date=row["date"],
        official_url=str(row["officialUrl"]) if row["officialUrl"] else None,
    )


def outgoing_links(backend: ReadBackend, document_id: str) -> QueryResult:
    """The links a document makes, in text order, with their evidence and the
    target work's id and title (``targetId``, ``targetTitle``)."""
    links = run_query(
        backend,
        "outgoing_links",
        doc=document_iri(document_id),
        graph=graph_iri(document_id),
    )
    return _with_labels(backend, links, "targetWork", ("targetId", "targetTitle"))


def _with_labels(
    backend: ReadBackend, result: QueryResult, column: str, names: tuple[str, str]
) -> QueryResult:
    """``result`` with two more columns: id and title of the work in ``column``
    (labels are fetched once per distinct work rather than joined in every row)."""
    works = sorted({str(w) for w in result.column(column) if w})
    labels = work_labels(backend, works)
    index = result.variables.index(column)
    rows = tuple(
        (*row, *labels.get(str(row[index]), (None, None))) for row in result.rows
    )
    return QueryResult((*result.variables, *names), rows)


def work_labels(
    backend: ReadBackend, works: list[str]
) -> dict[str, tuple[str, str | None]]:
    """Identifier and (for ingested documents) title of each work IRI."""
    return {
        work: (label.identifier, label.title)
        for work, label in reads.work_labels(backend.index, works).items()
    }


def incoming_links(
    backend: ReadBackend, document_id: str, citing: Sequence[str] | None = None
) -> QueryResult:
    """The links that point at a document or any part of it, with the citing
    document's id and title (``citingId``, ``citingTitle``); only those in the
    documents ``citing`` (ids: one page of :func:`citing_documents`) when given."""
    bindings: dict[str, Binding] = {"work": document_iri(document_id)}
    if citing is not None:
        bindings["citingGraph"] = [graph_iri(doc_id) for doc_id in citing]
    links = run_query(backend, "incoming_links", **bindings)
    return _with_labels(backend, links, "citingDoc", ("citingId", "citingTitle"))


@dataclass(frozen=True, slots=True)
class Citing:
    """A document that links to another, with the number of its links."""

    iri: str
    id: str
    links: int


def citing_documents(backend: ReadBackend, document_id: str) -> list[Citing]:
    """The documents linking to this one, most links first (counted in the index, so
    as fast for a law cited 30,000 times as for a letter): the pages of
    :func:`incoming_links`."""
    return [
        Citing(doc, identifier, links)
        for doc, identifier, links in reads.citing_documents(
            backend.index, str(document_iri(document_id))
        )
    ]


def citing_pages(citing: Sequence[Citing], links_per_page: int) -> list[list[Citing]]:
    """``citing`` in pages of whole documents holding about ``links_per_page`` links
    each: a page closes before the document that would overflow it, so the time to
    read a page follows its links (a document with more gets a page of its own)."""
    pages: list[list[Citing]] = []
    held = 0
    for document in citing:
        if not pages or held + document.links > links_per_page:
            pages.append([])
            held = 0
        pages[-1].append(document)
        held += document.links
    return pages


def linked_documents(backend: QueryBackend, document_id: str) -> QueryResult:
    """Documents linked to this one, either way, with link counts."""
    return run_query(backend, "linked_documents", doc=document_iri(document_id))


@dataclass(frozen=True, slots=True)
class MotionRow:
    """A motion with its zaak, the cabinet's appreciation and the decisive vote."""

    iri: str
    id: str
    dossiernummer: str | None
    ondernummer: str | None
    date: object
    title: str
    indiener: str | None
    medeindieners: str | None
    zaak: str | None
    kabinetsappreciatie: str | None
    afgedaan: bool | None
    besluit: str | None
    uitslag: str | None
    zetels_voor: int | None
    zetels_tegen: int | None
    # True: the recorded votes leave seats out (fracties missing from the source), so
    # voor and tegen need not give the uitslag; None without recorded votes.
    zetels_onvolledig: bool | None = None


def _decisive(decisions: list[Mapping[str, object]]) -> Mapping[str, object]:
    """The decision that settles a motion: one with seat counts (a vote) first."""
    voted = [d for d in decisions if d["zetelsVoor"] is not None]
    with_outcome = [d for d in decisions if d["uitslag"] is not None]
    chosen = (voted or with_outcome or decisions)[-1]
    return chosen


def list_motions(backend: ReadBackend) -> list[MotionRow]:
    """Every motion with zaak, kabinetsappreciatie, afgedaan and vote outcome (from the
    TK records in the store; None where the store holds no such record)."""
    zaken = run_query(backend, "motion_zaken").as_dicts()
    outcomes: dict[str, list[Mapping[str, object]]] = {}
    zaak_iris = sorted({str(row["zaak"]) for row in zaken})
    if zaak_iris:
        for row in run_query(backend, "decisions", zaak=zaak_iris).as_dicts():
            outcomes.setdefault(str(row["zaak"]), []).append(row)
    decisions: dict[str, list[Mapping[str, object]]] = {}
    for row in zaken:
        found: list[Mapping[str, object]] = outcomes.get(str(row["zaak"])) or [
            dict.fromkeys(
                ("besluit", "uitslag", "zetelsVoor", "zetelsTegen", "zetelsOnvolledig")
            )
        ]
        for outcome in found:
            decisions.setdefault(str(row["doc"]), []).append({**row, **outcome})
    motions = []
    for row in motion_rows(backend).as_dicts():
        found = decisions.get(str(row["doc"]), [])
        decision = _decisive(found) if found else {}
        zaak_ids = sorted({str(d["zaakId"]) for d in found})

        def text(key: str, source: Mapping[str, object] = decision) -> str | None:
            value = source.get(key)
            return None if value is None else str(value)

        def number(key: str, source: Mapping[str, object] = decision) -> int | None:
            value = source.get(key)
            return None if value is None else int(str(value))

        afgedaan = decision.get("afgedaan")
        onvolledig = decision.get("zetelsOnvolledig")
        motions.append(
            MotionRow(
                iri=str(row["doc"]),
                id=str(row["id"]),
                dossiernummer=text("dossiernummer", row),
                ondernummer=text("ondernummer", row),
                date=row["date"],
                title=_motion_title(found) or str(row["title"]),
                indiener=text("indiener", row),
                medeindieners=text("medeindieners", row),
                zaak=", ".join(zaak_ids) or None,
                kabinetsappreciatie=text("kabinetsappreciatie"),
                afgedaan=afgedaan if isinstance(afgedaan, bool) else None,
                besluit=text("besluit"),
                uitslag=text("uitslag"),
                zetels_voor=number("zetelsVoor"),
                zetels_tegen=number("zetelsTegen"),
                zetels_onvolledig=onvolledig if isinstance(onvolledig, bool) else None,
            )
        )
    return motions


def _motion_title(zaken: list[Mapping[str, object]]) -> str | None:
    """The TK's onderwerp of the motion's zaak ("Motie van het lid Ceder c.s. over …"):
    it says what the motion is about, where the Kamerstuk's own title only names the
    member ("MOTIE VAN HET LID CEDER C.S.")."""
    for zaak in zaken:
        onderwerp = " ".join(str(zaak.get("onderwerp") or "").split())
        if onderwerp:
            return onderwerp
    return None


TWEEDE_KAMER_SEATS = 150


def unrecorded_seats(cast: Sequence[tuple[str, str, int]]) -> int:
    """Seats of the Tweede Kamer without a recorded vote on a decision (the source's
    Stemming records may be incomplete, so the counted seats need not give the outcome
    the decision states: 41 for and 65 against an adopted motion, kst-32824-462)."""
    return max(TWEEDE_KAMER_SEATS - sum(seats for _, _, seats in cast), 0)


def motion_votes(
    backend: QueryBackend, besluiten: list[str]
) -> dict[str, list[tuple[str, str, int]]]:
    """Per decision IRI: (fractie, soort, seats) for every recorded vote."""
    if not besluiten:
        return {}
    votes: dict[str, list[tuple[str, str, int]]] = {}
    for row in run_query(backend, "votes", besluit=sorted(set(besluiten))).as_dicts():
        votes.setdefault(str(row["besluit"]), []).append(
            (str(row["fractie"]), str(row["soort"]), int(str(row["zetels"])))
        )
    return votes


@dataclass(frozen=True, slots=True)
class ToezeggingRow:
    """A toezegging as the store knows it, with its status on a reference date."""

    iri: str
    id: str
    text: str  # as the first letter that mentions it states it
    bewindspersoon: str | None
    deadline: DateRange | None
    status: ToezeggingStatus
    mentioned_in: tuple[tuple[str, dt.date | None], ...]  # (letter id, its date)
    answered_by: tuple[tuple[str, dt.date | None], ...]
    # The Kamer's own status when its record was fetched ("Openstaand", "Voldaan", …):
    # as of that day, where ``status`` is on the reference date.
    tk_status: str | None = None


def list_toezeggingen(
    backend: ReadBackend, reference_date: dt.date
) -> list[ToezeggingRow]:
    """Every toezegging with deadline, letters and status on ``reference_date``: open,
    overdue (its deadline ended before that date) or fulfilled (a letter dated on or
    before it answers it)."""
    rows: dict[str, list[dict[str, Value]]] = {}
    for row in run_query(backend, "toezeggingen").as_dicts():
        rows.setdefault(str(row["toezegging"]), []).append(row)
    letters = sorted(
        {
            str(r[k])
            for found in rows.values()
            for r in found
            for k in ("mentionedIn", "answeredBy")
            if r[k]
        }
    )
    labels = work_labels(backend, letters)
    found_toezeggingen = []
    for iri, found in rows.items():
        first = found[0]
        deadline = (
            DateRange(first["deadlineStart"], first["deadlineEnd"])
            if isinstance(first["deadlineStart"], dt.date)
            and isinstance(first["deadlineEnd"], dt.date)
            else None
        )

        answered = _letters(found, "answeredBy", "answeredOn", labels)
        found_toezeggingen.append(
            ToezeggingRow(
                iri=iri,
                id=str(first["id"]),
                text=str(first["text"]),
                bewindspersoon=str(first["bewindspersoon"])
                if first["bewindspersoon"]
                else None,
                deadline=deadline,
                status=toezegging_status(
                    deadline, [date for _, date in answered], reference_date
                ),
                mentioned_in=_letters(found, "mentionedIn", "mentionedOn", labels),
                answered_by=answered,
                tk_status=next(
                    (str(r["tkStatus"]) for r in found if r.get("tkStatus")), None
                ),
            )
        )
    return found_toezeggingen


def _letters(
    rows: list[dict[str, Value]],
    key: str,
    date_key: str,
    labels: Mapping[str, tuple[str, str | None]],
) -> tuple[tuple[str, dt.date | None], ...]:
    """(id, date) of the distinct letters in column ``key`` of ``rows``."""
    seen: dict[str, dt.date | None] = {}
    for row in rows:
        if row[key]:
            letter_id = labels.get(str(row[key]), (str(row[key]), None))[0]
            date = row[date_key]
            seen[letter_id] = date if isinstance(date, dt.date) else None
    return tuple(sorted(seen.items()))


def neighbourhood_graphml(
    document: DocumentView, outgoing: QueryResult, incoming: QueryResult
) -> str:
    """GraphML of a document and the works it links to and from, one edge per link
    with its type, kind, method and quote (for Gephi, yEd, Cytoscape)."""
    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    graph.add_node(
        document.iri, id=document.id, label=document.title, kind=document.kind
    )
    for row in outgoing.as_dicts():
        if not row["targetWork"]:
            continue  # unresolved: no node to point at
        work = str(row["targetWork"])
        graph.add_node(
            work,
            id=str(row["targetId"] or work),
            label=str(row["targetTitle"] or row["targetId"] or work),
        )
        graph.add_edge(document.iri, work, key=str(row["link"]), **_edge_data(row))
    for row in incoming.as_dicts():
        citing = str(row["citingDoc"])
        graph.add_node(citing, id=str(row["citingId"]), label=str(row["citingTitle"]))
        graph.add_edge(citing, document.iri, key=str(row["link"]), **_edge_data(row))
    return "\n".join(nx.generate_graphml(graph))


def _edge_data(row: Mapping[str, Value]) -> dict[str, str]:
    data = {"type": link_type_label(row["type"])}
    for key in ("target", "kind", "method", "quote"):
        if row.get(key) is not None:
            data[key] = str(row[key])
    return data


@dataclass(frozen=True, slots=True)
class CitedPart:
    """A part of a work (an article, a lid, a Vc paragraph) and how often it is cited."""

    iri: str
    work: str
    work_id: str
    work_title: str | None  # when the work is ingested
    label: str  # "artikel 8, lid 2"
    citing_documents: int
    links: int


def most_cited_parts(backend: ReadBackend) -> list[CitedPart]:
    """The hundred parts of works cited by the most documents, most cited first."""
    rows = _result(reads.most_cited_parts(backend.index)).as_dicts()
    labels = work_labels(backend, sorted({str(row["work"]) for row in rows}))
    return [
        CitedPart(
            str(row["target"]),
            str(row["work"]),
            *labels.get(str(row["work"]), (str(row["work"]), None)),
            part_label(str(row["target"])),
            int(str(row["citingDocuments"])),
            int(str(row["links"])),
        )
        for row in rows
    ]


def part_covers(part: str, target: object) -> bool:
    """Whether a link to ``target`` points at ``part`` or inside it: a link to artikel
    3.71, derde lid, is one to artikel 3.71 (not to artikel 3.7)."""
    text = str(target)
    return text == part or text.startswith(part + "&")


def part_label(iri: str) -> str:
    """The pinpoint of a part IRI in words: ``…jci1.3:c:BWBR0011823&artikel=14&lid=2``
    → "artikel 14, lid 2"; a Vc paragraph ``…#paragraaf=B8/9.1.3`` → "paragraaf B8/9.1.3"."""
    from urllib.parse import unquote

    if "#" in iri:
        query = iri.split("#", 1)[1]
    elif "jci1." in iri and "&" in iri:
        query = iri.split("&", 1)[1]
    else:
        return ""
    pairs = (pair.partition("=") for pair in unquote(query).split("&"))
    return ", ".join(f"{key} {value}" for key, _, value in pairs if value)


def document_triples(store: AnyStore, document_id: str) -> Graph:
    """The triples one document's named graph holds (its links, evidence, metadata),
    for download as Turtle or JSON-LD."""
    from graph.namespaces import PREFIXES
    from graph.store import GraphStore

    name = graph_iri(document_id)
    if not isinstance(store, GraphStore):
        return store.graph(name)
    # rdflib's view of a named graph opens a transaction, which a read-only store
    # refuses; a SELECT over the graph reads it without one.
    copy = Graph()
    for prefix, namespace in PREFIXES.items():
        copy.bind(prefix, namespace)
    _, rows = store.select(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH {name.n3()} {{ ?s ?p ?o }} }}"
    )
    for s, p, o in rows:
        if s is not None and p is not None and o is not None:
            copy.add((s, p, o))
    return copy


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """A dated change to a part stated by another document (a line of the regeling's
    BWB WTI): who made it (``source``: the publication, or for a renumbering the old
    article), how (``type``, a link type IRI; ``type_label`` in Dutch), from when."""

    link: str
    type: str
    type_label: str
    date: dt.date | None
    source: str
    document: str  # IRI of the stating document
    quote: str


@dataclass(frozen=True, slots=True)
class ArticleVersion:
    """An article (or a lid BWB versions apart) with its current version and history.

    ``in_force`` is the date its current text took effect, ``effect`` BWB's kind of the
    change that made it (nieuw, wijziging, vervallen…), ``publication`` (IRI) and
    ``publication_id`` (``stb-2018-247``) the act that made it, ``dossier`` that act's
    Kamerstuk dossier; all None where the toestand states no version. ``history`` holds
    the dated changes other documents state, oldest first.
    """

    part: str
    kind: str  # "artikel" or "lid"
    artikel: str
    lid: str | None
    start: int  # offset in the regeling's text
    status: str | None  # e.g. "vervallen"
    in_force: dt.date | None
    effect: str | None
    publication: str | None
    publication_id: str | None
    dossier: str | None
    history: tuple[HistoryEntry, ...] = ()

    @property
    def label(self) -> str:
        """ "Artikel 3.71" or "Artikel 3.71, lid 3"."""
        return f"Artikel {self.artikel}" + (f", lid {self.lid}" if self.lid else "")


def article_versions(backend: QueryBackend, document_id: str) -> list[ArticleVersion]:
    """The articles of a regeling (and leden BWB versions apart) in text order, each
    with its version and the history links other documents (its WTI) state.

    Args:
        backend: the store to ask.
        document_id: the regeling's canonical id (``BWBR0011823``).

    Returns:
        One ArticleVersion per part; empty when the regeling is not in the store.

    Example:
        >>> versions = article_versions(backend, "BWBR0011823")  # doctest: +SKIP
        >>> versions[0].label, versions[0].publication_id, versions[0].dossier
        ('Artikel 1', 'stb-2018-247', '34939')
    """
    result = run_query(
        backend,
        "article_versions",
        work=document_iri(document_id),
        graph=graph_iri(document_id),
    )
    parts: dict[str, ArticleVersion] = {}
    history: dict[str, list[HistoryEntry]] = {}
    for row in result.as_dicts():
        part = str(row["part"])
        if part not in parts:
            parts[part] = _article_version(row)
            history[part] = []
        if row["link"] is not None:
            history[part].append(
                HistoryEntry(
                    link=str(row["link"]),
                    type=str(row["type"]),
                    type_label=link_type_label(row["type"]),
                    date=_date(row["date"]),
                    source=str(row["source"]),
                    document=str(row["historyDoc"]),
                    quote=str(row["quote"]),
                )
            )
    return [
        replace(version, history=tuple(history[part]))
        for part, version in parts.items()
    ]


def _article_version(row: Mapping[str, Value]) -> ArticleVersion:
    """A part from its version row (a history row, whose version columns are unbound,
    only when the part has no version row)."""

    def text(key: str) -> str | None:
        return None if row[key] is None else str(row[key])

    return ArticleVersion(
        part=str(row["part"]),
        kind=str(row["kind"]),
        artikel=str(row["artikel"]),
        lid=text("lid"),
        start=int(str(row["start"])),
        status=text("status"),
        in_force=_date(row["inForce"]),
        effect=text("effect"),
        publication=text("publication"),
        publication_id=text("publicationId"),
        dossier=text("dossier"),
    )


def _date(value: Value) -> dt.date | None:
    return value if isinstance(value, dt.date) else None
