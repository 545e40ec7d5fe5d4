"""Parts of works (articles, leden, Vc paragraphs): their labels and the most cited."""

from __future__ import annotations

from dataclasses import dataclass

from graph.explore.labels import work_labels
from graph.index import reads
from graph.sparql import ReadBackend


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
    rows = reads.dicts(reads.most_cited_parts(backend.index))
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
