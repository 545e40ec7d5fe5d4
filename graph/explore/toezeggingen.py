"""Toezeggingen with their deadline, the letters mentioning and answering them, status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from graph.explore.labels import work_labels
from graph.sparql import ReadBackend, Value, run_query
from ingest.models import DateRange, ToezeggingStatus, toezegging_status


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
