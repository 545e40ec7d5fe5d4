"""Read-side functions the explorer (and the CLI) call: no SPARQL outside graph/."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Graph

from graph.build import document_iri, graph_iri
from graph.sparql import QueryBackend, QueryResult, run_query

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


def list_documents(backend: QueryBackend) -> QueryResult:
    """Every ingested document with its kind, title, date and number of links."""
    return run_query(backend, "documents")


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


def outgoing_links(backend: QueryBackend, document_id: str) -> QueryResult:
    """The links a document makes, in text order, with their evidence and the
    target work's id and title (``targetId``, ``targetTitle``)."""
    links = run_query(
        backend,
        "outgoing_links",
        doc=document_iri(document_id),
        graph=graph_iri(document_id),
    )
    works = sorted({str(w) for w in links.column("targetWork") if w})
    labels = work_labels(backend, works)
    rows = tuple(
        (*row, *labels.get(str(row[links.variables.index("targetWork")]), (None, None)))
        for row in links.rows
    )
    return QueryResult((*links.variables, "targetId", "targetTitle"), rows)


def work_labels(
    backend: QueryBackend, works: list[str]
) -> dict[str, tuple[str, str | None]]:
    """Identifier and (for ingested documents) title of each work IRI."""
    if not works:
        return {}
    labels: dict[str, tuple[str, str | None]] = {}
    for row in run_query(backend, "work_labels", work=works).as_dicts():
        work, title = str(row["work"]), row["title"]
        if work not in labels or (title and not labels[work][1]):
            labels[work] = (str(row["workId"]), str(title) if title else None)
    return labels


def incoming_links(backend: QueryBackend, document_id: str) -> QueryResult:
    """The links that point at a document or any part of it."""
    return run_query(backend, "incoming_links", work=document_iri(document_id))


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


def _decisive(decisions: list[Mapping[str, object]]) -> Mapping[str, object]:
    """The decision that settles a motion: one with seat counts (a vote) first."""
    voted = [d for d in decisions if d["zetelsVoor"] is not None]
    with_outcome = [d for d in decisions if d["uitslag"] is not None]
    chosen = (voted or with_outcome or decisions)[-1]
    return chosen


def list_motions(backend: QueryBackend) -> list[MotionRow]:
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
            {"besluit": None, "uitslag": None, "zetelsVoor": None, "zetelsTegen": None}
        ]
        for outcome in found:
            decisions.setdefault(str(row["doc"]), []).append({**row, **outcome})
    motions = []
    for row in run_query(backend, "motions").as_dicts():
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
        motions.append(
            MotionRow(
                iri=str(row["doc"]),
                id=str(row["id"]),
                dossiernummer=text("dossiernummer", row),
                ondernummer=text("ondernummer", row),
                date=row["date"],
                title=str(row["title"]),
                indiener=text("indiener", row),
                medeindieners=text("medeindieners", row),
                zaak=", ".join(zaak_ids) or None,
                kabinetsappreciatie=text("kabinetsappreciatie"),
                afgedaan=afgedaan if isinstance(afgedaan, bool) else None,
                besluit=text("besluit"),
                uitslag=text("uitslag"),
                zetels_voor=number("zetelsVoor"),
                zetels_tegen=number("zetelsTegen"),
            )
        )
    return motions


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
