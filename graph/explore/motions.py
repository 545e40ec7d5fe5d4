"""Motions with their zaak, the cabinet's appreciation, the decisive vote and the votes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from graph.explore.documents import index_result
from graph.index import reads
from graph.sparql import QueryResult, ReadBackend, chunked


def motion_rows(backend: ReadBackend) -> QueryResult:
    """The ``motions`` query's rows (newest first, then by identifier), medeindieners
    in name order, from the index."""
    return index_result(reads.motions(backend.index))


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
    zaken = reads.dicts(reads.motion_zaken(backend.index))
    outcomes: dict[str, list[Mapping[str, object]]] = {}
    for row in reads.dicts(reads.motion_decisions(backend.index)):
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
    backend: ReadBackend, besluiten: list[str]
) -> dict[str, list[tuple[str, str, int]]]:
    """Per decision IRI: (fractie, soort, seats) for every recorded vote (from the
    index)."""
    votes: dict[str, list[tuple[str, str, int]]] = {}
    wanted = sorted(set(besluiten))
    for batch in chunked(wanted, reads.BATCH):
        for row in reads.dicts(reads.votes(backend.index, batch)):
            votes.setdefault(str(row["besluit"]), []).append(
                (str(row["fractie"]), str(row["soort"]), int(str(row["zetels"])))
            )
    return votes
