"""One article (or lid, or Vc paragraph) as a lawyer opens it: its text with its leden,
and every link to and from it, grouped by what the link says about it.

The links come from the index (a part's incoming links by the links' target index, its
outgoing ones inside the documents that can state them); the text from the document
that holds the part (its regeling, by the ``part_text`` spans) or, for a part whose
regeling is not in the store (Vc B), from the decision that set its text ("Paragraaf
B5/2.2 … komt te luiden:" up to the decision's next change).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from graph.index import reads
from graph.namespaces import CITO, ELI, PROV, WG
from graph.sparql import ReadBackend, Value, run_query

# Links that change a part (BWB history, a decision's "komt te luiden", renumbering).
HISTORY_TYPES = frozenset(
    str(t)
    for t in (
        ELI.amends,
        WG.introduces,
        ELI.repeals,
        ELI.commences,
        ELI.changes,
        WG.renumberedAs,
    )
)
ELABORATES = str(ELI.based_on)
IMPLEMENTS = str(ELI.transposes)
DERIVES_FROM = str(PROV.wasDerivedFrom)
CITES = str(CITO.cites)

_JCI_WORK = re.compile(r"^(https?://wetten\.overheid\.nl/)jci1\.\d:c:(BWB[RV]\d{7})")
_VC_PARAGRAPH = re.compile(
    r"^https?://wetten\.overheid\.nl/jci1\.\d:c:BWBR001228[789]&paragraaf="
)
# A decision's change ends where the next begins; the letter or numeral heading the
# next change ("\n\nF\n\n", "\n\nII\n\n") is not part of this one's text.
_TRAILING_HEADING = re.compile(r"\s*\n\s*(?:[A-Z]{1,3}|[IVXL]+)\s*$")


def work_of(part: str) -> str:
    """The work a part IRI belongs to: ``…jci1.3:c:BWBR0011825&artikel=3.4`` →
    ``https://wetten.overheid.nl/BWBR0011825``; a fragment's work is before the ``#``."""
    match = _JCI_WORK.match(part)
    if match:
        return match[1] + match[2]
    return part.split("#", 1)[0]


def is_vc_paragraph(iri: str) -> bool:
    """Whether the IRI is (inside) a paragraph of the Vreemdelingencirculaire."""
    return bool(_VC_PARAGRAPH.match(iri))


def covers(part: str, iri: str) -> bool:
    """Whether ``iri`` is ``part`` or lies inside it (artikel 3.4 holds its leden, not
    artikel 3.46)."""
    return iri == part or iri.startswith(part + "&") or iri.startswith(part + "#")


@dataclass(frozen=True, slots=True)
class PartLink:
    """One link to or from a part: the document stating it, the node there that states
    it (a part of that document, or the document), what it points at, its type and
    reference kind, and its evidence (quote, offset in the stating document)."""

    link: str
    document: str
    document_id: str | None
    document_kind: str | None
    source: str
    target: str
    work: str
    type: str
    kind: str | None
    method: str | None
    quote: str | None
    start: int | None

    @classmethod
    def from_row(cls, row: Mapping[str, Value]) -> PartLink:
        def text(key: str) -> str | None:
            value = row[key]
            return None if value is None else str(value)

        start = row["start"]
        return cls(
            link=str(row["link"]),
            document=str(row["doc"]),
            document_id=text("docId"),
            document_kind=text("docKind"),
            source=str(row["source"] or row["doc"]),
            target=str(row["target"]),
            work=str(row["work"]),
            type=str(row["type"]),
            kind=text("kind"),
            method=text("method"),
            quote=text("quote"),
            start=int(str(start)) if start is not None else None,
        )


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A part inside the shown text (offsets relative to it): a lid, an onderdeel."""

    node: str
    parent: str
    number: str | None
    label: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ArticleView:
    """A part with its text and its links.

    ``text_document``: the document the text is from (IRI; None when the store holds
    no text of the part); ``text_set_by``: True when that is a decision setting the
    part's text rather than the part's own regeling."""

    part: str
    work: str
    text: str | None = None
    text_start: int = 0  # where the text starts in its document's text
    text_document: str | None = None
    text_set_by: bool = False
    spans: tuple[TextSpan, ...] = ()
    incoming: tuple[PartLink, ...] = ()
    outgoing: tuple[PartLink, ...] = ()
    groups: Mapping[str, tuple[PartLink, ...]] = field(default_factory=dict)


# The groups of an article's links, in the order the page shows them (Dutch titles).
GROUPS = (
    "Wijzigingen",
    "Uitgewerkt in (Vc)",
    "Rust op",
    "Implementeert (EU)",
    "Rechtspraak over dit artikel",
    "Rechtspraak waarop het rust",
    "Moties",
    "Brieven en Kamerstukken",
    "Verwijzingen in regelgeving",
    "Verwijst naar",
    "Overige documenten",
)
_PARLIAMENT_KINDS = frozenset(
    {"kamerbrief", "kamerstuk", "agendapunt", "zaak", "rapport", "handelingen"}
)
_LEGISLATION_KINDS = frozenset({"regeling", "wijzigingsbesluit", "publicatie"})


def group_incoming(part: str, link: PartLink) -> str | None:
    """The group of a link to the part (None: a reference inside the part itself, such
    as "het eerste lid" in its second lid)."""
    if covers(part, link.source):
        return None
    if link.type in HISTORY_TYPES:
        return "Wijzigingen"
    if is_vc_paragraph(link.source) or link.type == ELABORATES:
        return "Uitgewerkt in (Vc)"
    if link.document_kind == "uitspraak":
        return "Rechtspraak over dit artikel"
    if link.document_kind == "motie":
        return "Moties"
    if link.document_kind in _PARLIAMENT_KINDS:
        return "Brieven en Kamerstukken"
    if link.document_kind in _LEGISLATION_KINDS:
        return "Verwijzingen in regelgeving"
    return "Overige documenten"


def group_outgoing(part: str, link: PartLink) -> str | None:
    """The group of a link the part states (None: one to itself or inside it)."""
    if covers(part, link.target):
        return None
    if link.type == IMPLEMENTS or link.kind == "eu_legislation":
        return "Implementeert (EU)"
    if link.kind == "case_law" or link.type == DERIVES_FROM:
        return "Rechtspraak waarop het rust"
    if link.type == ELABORATES:
        return "Rust op"
    return "Verwijst naar"


def _grouped(
    view_part: str, incoming: list[PartLink], outgoing: list[PartLink]
) -> dict[str, tuple[PartLink, ...]]:
    groups: dict[str, list[PartLink]] = {}
    for link in _without_echoes(incoming):
        name = group_incoming(view_part, link)
        if name:
            groups.setdefault(name, []).append(link)
    for link in outgoing:
        name = group_outgoing(view_part, link)
        if name:
            groups.setdefault(name, []).append(link)
    return {name: tuple(groups[name]) for name in GROUPS if name in groups}


def _without_echoes(links: list[PartLink]) -> list[PartLink]:
    """The links without the plain citations a typed relation already stands for: the
    "artikel 3.4, eerste lid, onder g, Vb" inside the sentence by which Vc B5/2.2
    elaborates it is that relation's evidence, not a second document citing it."""
    typed = [
        (link.document, link.start, link.start + len(link.quote))
        for link in links
        if link.type != CITES and link.start is not None and link.quote
    ]
    return [
        link
        for link in links
        if link.type != CITES
        or link.start is None
        or not any(
            document == link.document and start <= link.start < end
            for document, start, end in typed
        )
    ]


def part_spans(backend: ReadBackend, part: str, graph: str) -> list[TextSpan]:
    """The part's span and its sub-parts' in the text of the document whose named
    graph is ``graph`` (``part_text``), absolute offsets; empty when it holds no such
    part."""
    rows = run_query(backend, "part_text", part=part, graph=graph).as_dicts()
    starts: dict[str, set[int]] = {}
    ends: dict[str, set[int]] = {}
    about: dict[str, tuple[str, str | None, str | None]] = {}
    for row in rows:
        node = str(row["node"])
        starts.setdefault(node, set()).add(int(str(row["start"])))
        ends.setdefault(node, set()).add(int(str(row["end"])))
        number = None if row["number"] is None else str(row["number"])
        label = None if row["label"] is None else str(row["label"])
        known = about.get(node)
        if known is None or (known[2] is None and label is not None):
            about[node] = (str(row["parent"]), number, label)
    # A node in a text with two languages (the EVRM in English and Dutch) has two
    # starts and two ends: each start runs to the first end after it.
    spans = []
    for node, found in starts.items():
        for start in sorted(found):
            end = min((e for e in ends[node] if e > start), default=None)
            if end is not None:
                parent, number, label = about[node]
                spans.append(TextSpan(node, parent, number, label, start, end))
    return sorted(spans, key=lambda s: (s.start, -s.end))


# The words a Dutch text of a part starts with (rather than "Article 8").
_DUTCH_HEADING = re.compile(r"^\s*(?:Artikel|Paragraaf|Hoofdstuk|Afdeling|Bijlage|\d)")


def _chosen_span(spans: list[TextSpan], part: str, full: str) -> TextSpan | None:
    """The part's own span; of several (two languages), the Dutch one."""
    own = [s for s in spans if s.node == part] or spans[:1]
    dutch = [s for s in own if _DUTCH_HEADING.match(full[s.start : s.end])]
    chosen = dutch or own
    return chosen[0] if chosen else None


def decision_text(text: str, start: int, next_starts: list[int]) -> str:
    """A decision's change from ``start`` to its next change (or the end), without the
    heading of the next one."""
    end = min((s for s in next_starts if s > start), default=len(text))
    return _TRAILING_HEADING.sub("", text[start:end].rstrip())


def article_view(
    backend: ReadBackend,
    part: str,
    document_text: Callable[[str], str | None],
) -> ArticleView:
    """The part ``part`` (IRI) with its text and its links, grouped.

    ``document_text`` gives an ingested document's full text by its id (the caller
    caches it: a regeling's text is read once for all its articles)."""
    index = backend.index
    work = work_of(part)
    incoming = [
        PartLink.from_row(r) for r in reads.dicts(reads.links_to_part(index, part))
    ]
    regeling_id = reads.document_identifier(index, work)
    regeling_graph = reads.document_graph(index, work)
    text: str | None = None
    text_start = 0
    text_document: str | None = None
    set_by = False
    spans: list[TextSpan] = []
    if regeling_id is not None and regeling_graph is not None:
        found = part_spans(backend, part, regeling_graph)
        full = document_text(regeling_id) if found else None
        top = _chosen_span(found, part, full) if full is not None else None
        if top is not None and full is not None:
            text = full[top.start : top.end]
            text_start = top.start
            text_document = work
            spans = [
                TextSpan(
                    s.node,
                    s.parent,
                    s.number,
                    s.label,
                    s.start - top.start,
                    s.end - top.start,
                )
                for s in found
                if s.node != top.node and top.start <= s.start < top.end
            ]
    # the decisions that set the part's text (newest stated last: by document id)
    setting = sorted(
        (
            link
            for link in incoming
            if link.type == str(ELI.amends)
            and link.start is not None
            and link.target == part
            and link.document != work
            and link.document_kind == "wijzigingsbesluit"
        ),
        key=lambda link: (link.document_id or "", link.start or 0),
    )
    if text is None and setting:
        chosen = setting[-1]
        full = document_text(chosen.document_id or "")
        if full is not None and chosen.start is not None:
            starts = sorted(
                {
                    int(s)
                    for s in reads.typed_link_starts(
                        index, chosen.document, str(ELI.amends)
                    )
                }
            )
            text = decision_text(full, chosen.start, starts)
            text_start = chosen.start
            text_document = chosen.document
            set_by = True
    documents = sorted({work} | {link.document for link in setting})
    stated = reads.dicts(reads.links_from_part(index, part, documents))
    typed = reads.dicts(reads.typed_links_from_work(index, work))
    outgoing = list(
        {
            link.link: link
            for link in map(PartLink.from_row, stated + typed)
            if covers(part, link.source)
        }.values()
    )
    return ArticleView(
        part=part,
        work=work,
        text=text,
        text_start=text_start,
        text_document=text_document,
        text_set_by=set_by,
        spans=tuple(spans),
        incoming=tuple(incoming),
        outgoing=tuple(outgoing),
        groups=_grouped(part, incoming, outgoing),
    )


@dataclass(frozen=True, slots=True)
class PartVersion:
    """A version of an article a toestand in the store holds (``article_history``):
    since when its text holds, until when, BWB's effect, the publication that made it,
    and how many documents cite that version."""

    version: str
    toestand: str
    since: object
    until: object
    effect: str | None
    publication: str | None
    dossier: str | None
    cited_by: int


def article_of(part: str) -> str | None:
    """The work-level article of a BWB part (``…&artikel=3.4`` of its lid or
    onderdeel), None for a part that is no article (a Vc paragraph)."""
    match = re.match(r"^(.*?&artikel=[^&#]+)", part)
    return match[1] if match else None


def part_versions(backend: ReadBackend, part: str) -> list[PartVersion]:
    """The versions of the part's article in the store, oldest first."""
    article = article_of(part)
    if article is None:
        return []
    versions: dict[str, dict[str, Value]] = {}
    citing: dict[str, set[str]] = {}
    for row in run_query(backend, "article_history", article=article).as_dicts():
        version = str(row["version"])
        if row["citingDoc"] is None:
            versions.setdefault(version, row)
        else:
            citing.setdefault(version, set()).add(str(row["citingDoc"]))

    def text(row: Mapping[str, Value], key: str) -> str | None:
        return None if row[key] is None else str(row[key])

    found = [
        PartVersion(
            version=version,
            toestand=str(row["toestandId"]),
            since=row["from"],
            until=row["until"],
            effect=text(row, "effect"),
            publication=text(row, "publicationId"),
            dossier=text(row, "dossier"),
            cited_by=len(citing.get(version, ())),
        )
        for version, row in versions.items()
    ]
    return sorted(found, key=lambda v: (str(v.since or ""), v.toestand))
