"""A regeling's articles with the version in force and the history other documents state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace

from graph.explore.labels import link_type_label
from graph.iris import document_iri, graph_iri
from graph.sparql import QueryBackend, Value, run_query


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
