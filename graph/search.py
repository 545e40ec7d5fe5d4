"""Search for the explorer: typed citations, fuzzy ids/titles and full-text phrases.

A typed citation ("artikel 3.71 Vb", "ECLI:NL:RVS:2020:2818", "C-133/15") goes through
the citation grammar (``ingest.extract.find_references``) to its canonical work, so the
explorer can jump to it; ids and titles are matched fuzzily with difflib; document texts
are searched for the phrase in the index's full-text table (ranked, with a snippet,
in any case and with or without accents).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from graph.explore.documents import list_documents
from graph.explore.parts import part_covers
from graph.index import reads
from graph.index.reads import DOCUMENT_COLUMNS
from graph.sparql import QueryResult, ReadBackend, Value
from ingest.extract import find_references
from ingest.identifiers import is_work_id, work_iri

MIN_RATIO = 0.6  # difflib similarity from which an id or title counts as a match


@dataclass(frozen=True, slots=True)
class Citation:
    """A citation found in the search text: its words, canonical work id and IRI, and
    the IRI of the part it pinpoints (the work's IRI when it names the whole work)."""

    quote: str
    work: str
    iri: str
    target: str

    def covers(self, target: object) -> bool:
        """Whether a link to ``target`` points at the cited part or inside it
        (a link to artikel 3.71, derde lid, is one to artikel 3.71); a citation of the
        whole work covers every link to it."""
        return self.target == self.iri or part_covers(self.target, target)


@dataclass(frozen=True, slots=True)
class Match:
    """A document whose id or title resembles the search text."""

    id: str
    title: str
    kind: str
    score: float


def resolve_citations(text: str) -> list[Citation]:
    """The resolved citations in ``text`` (each work once, in text order); a bare
    canonical id the grammar does not read (``kst-29861-126``) counts as one too."""
    found: list[Citation] = []
    seen: set[str] = set()
    for resolved in find_references(text):
        if resolved.work is None or resolved.work in seen:
            continue
        seen.add(resolved.work)
        iri = work_iri(resolved.work)
        found.append(
            Citation(resolved.reference.text, resolved.work, iri, resolved.iri or iri)
        )
    for token in text.split():
        token = token.strip(".,;:()[]")
        if token not in seen and is_work_id(token):
            seen.add(token)
            found.append(Citation(token, token, work_iri(token), work_iri(token)))
    return found


def fuzzy_matches(
    text: str, documents: Iterable[Mapping[str, Value]], *, limit: int = 10
) -> list[Match]:
    """Documents whose id or title contains the text or resembles it (difflib ratio
    ≥ 0.6 against the id, the title or any run of as many title words), best first."""
    needle = text.strip().lower()
    if not needle:
        return []
    scores = _Scores(needle)
    matches = []
    for row in documents:
        doc_id, title = str(row["id"]), str(row["title"])
        score = max(scores.of_id(doc_id.lower()), scores.of_title(title.lower()))
        if score >= MIN_RATIO:
            matches.append(Match(doc_id, title, str(row["kind"]), round(score, 3)))
    matches.sort(key=lambda m: (-m.score, m.id))
    return matches[:limit]


class _Scores:
    """How well ids, titles and runs of title words resemble the needle, each distinct
    string scored once: titles repeat (versions of a law, "Motie van het lid …") and
    runs of words more so ("van het lid"), and scoring each again would make a search
    of the whole document list repeat most of its work."""

    def __init__(self, needle: str) -> None:
        self.needle = needle
        self.width = len(needle.split())
        # difflib caches what it learns about its second sequence: the needle goes there
        self.matcher = difflib.SequenceMatcher(None, autojunk=False)
        self.matcher.set_seq2(needle)
        self.ratios: dict[str, float] = {}
        self.titles: dict[str, float] = {}

    def of_id(self, doc_id: str) -> float:
        """1 when the id contains the needle, else its ratio."""
        return 1.0 if self.needle in doc_id else self.ratio(doc_id)

    def of_title(self, title: str) -> float:
        """1 when the title contains the needle, else the best ratio of the title and
        of its runs of as many words as the needle has."""
        score = self.titles.get(title)
        if score is None:
            if self.needle in title:
                score = 1.0
            else:
                words = title.split()
                runs = (
                    " ".join(words[i : i + self.width])
                    for i in range(max(len(words) - self.width + 1, 0))
                )
                score = max(self.ratio(title), *map(self.ratio, runs), 0.0)
            self.titles[title] = score
        return score

    def ratio(self, candidate: str) -> float:
        """The difflib ratio of ``candidate`` to the needle, or 0 when even its cheap
        upper bounds fall below ``MIN_RATIO`` (the same matches, without most full
        comparisons)."""
        score = self.ratios.get(candidate)
        if score is None:
            matcher = self.matcher
            matcher.set_seq1(candidate)
            if (
                matcher.real_quick_ratio() < MIN_RATIO
                or matcher.quick_ratio() < MIN_RATIO
            ):
                score = 0.0
            else:
                score = matcher.ratio()
            self.ratios[candidate] = score
        return score


SEARCH_COLUMNS = (*DOCUMENT_COLUMNS, "snippet")


def search_text(
    backend: ReadBackend, phrase: str, documents: QueryResult | None = None
) -> QueryResult:
    """The documents whose full text holds the words of ``phrase`` in order (the last
    also as the start of a longer word), in any case and with or without accents: their
    rows of the document list (:func:`graph.explore.documents.list_documents`, or ``documents``
    when the caller has it already) with a ``snippet`` of the text around the words
    (in [brackets]), best match first."""
    hits = reads.search_documents(backend.index, phrase)
    if not hits:
        return QueryResult(SEARCH_COLUMNS, ())
    if documents is None:
        documents = list_documents(backend)
    doc = documents.variables.index("doc")
    listed = {str(row[doc]): row for row in documents.rows}
    rows = tuple((*listed[hit.doc], hit.snippet) for hit in hits if hit.doc in listed)
    return QueryResult((*documents.variables, "snippet"), rows)


# Where a snippet's matched words start and end: characters no document text holds, so
# the explorer can escape the text and then mark the words (the index's own snippets
# use brackets, which legal text is full of).
MARK_START, MARK_END = "\x02", "\x03"


@dataclass(frozen=True, slots=True)
class TextHit:
    """A document whose text holds the searched words: its IRI, a snippet with the
    words between MARK_START and MARK_END, and its bm25 rank (lower is better)."""

    doc: str
    snippet: str
    rank: float


def search_hits(
    backend: ReadBackend,
    phrase: str,
    *,
    limit: int | None = None,
    snippets: int | None = None,
    words: int = 24,
) -> list[TextHit]:
    """The documents whose full text holds the words of ``phrase`` in order (in any
    case, with or without accents, the last word also as the start of a longer one),
    best match first, each once (at most ``limit``); the first ``snippets`` (None:
    all) with a snippet of about ``words`` words whose matches are marked, the others
    with an empty one (:func:`with_snippets` adds theirs)."""
    ranked = reads.ranked_documents(backend.index, phrase)[:limit]
    hits = [TextHit(doc, "", rank) for doc, rank in ranked]
    cut = hits if snippets is None else hits[:snippets]
    return with_snippets(backend, phrase, cut, words=words) + hits[len(cut) :]


def with_snippets(
    backend: ReadBackend, phrase: str, hits: list[TextHit], *, words: int = 24
) -> list[TextHit]:
    """``hits`` of ``phrase`` with their snippets, matched words marked."""
    found = reads.snippets(
        backend.index,
        phrase,
        [hit.doc for hit in hits],
        marks=(MARK_START, MARK_END),
        words=words,
    )
    return [TextHit(hit.doc, found.get(hit.doc, ""), hit.rank) for hit in hits]
