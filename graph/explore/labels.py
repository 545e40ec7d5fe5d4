"""Names the explorer shows for link types and works."""

from __future__ import annotations

from graph.build.evidence import RELATION_PREDICATE
from graph.index import reads
from graph.namespaces import CITO, ELI, WG
from graph.sparql import ReadBackend
from ingest.models import RelationType

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


def work_labels(
    backend: ReadBackend, works: list[str]
) -> dict[str, tuple[str, str | None]]:
    """Identifier and (for ingested documents) title of each work IRI."""
    return {
        work: (label.identifier, label.title)
        for work, label in reads.work_labels(backend.index, works).items()
    }
