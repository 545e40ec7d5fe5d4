"""Search for the explorer: typed citations, fuzzy ids/titles and full-text phrases.

A typed citation ("artikel 3.71 Vb", "ECLI:NL:RVS:2020:2818", "C-133/15") goes through
the citation grammar (``ingest.extract.find_references``) to its canonical work, so the
explorer can jump to it; ids and titles are matched fuzzily with difflib; document texts
are searched for the phrase by a named query.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from graph.explore import part_covers
from graph.sparql import QueryBackend, QueryResult, Value, run_query
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
    width = len(needle.split())
    # difflib caches what it learns about its second sequence: the needle goes there
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(needle)
    matches = []
    for row in documents:
        doc_id, title = str(row["id"]), str(row["title"])
        candidates = [doc_id.lower(), title.lower()]
        words = title.lower().split()
        candidates += [
            " ".join(words[i : i + width])
            for i in range(max(len(words) - width + 1, 0))
        ]
        if any(needle in candidate for candidate in candidates[:2]):
            score = 1.0
        else:
            score = max((_ratio(matcher, c) for c in candidates), default=0.0)
        if score >= MIN_RATIO:
            matches.append(Match(doc_id, title, str(row["kind"]), round(score, 3)))
    matches.sort(key=lambda m: (-m.score, m.id))
    return matches[:limit]


def _ratio(matcher: difflib.SequenceMatcher[str], candidate: str) -> float:
    """The difflib ratio of ``candidate`` to the needle, or 0 when even its cheap upper
    bounds fall below ``MIN_RATIO`` (the same matches, without most full comparisons)."""
    matcher.set_seq1(candidate)
    if matcher.real_quick_ratio() < MIN_RATIO or matcher.quick_ratio() < MIN_RATIO:
        return 0.0
    return matcher.ratio()


def search_text(backend: QueryBackend, phrase: str) -> QueryResult:
    """Documents whose full text contains ``phrase`` (case-insensitive)."""
    needle = phrase.strip().lower()
    if not needle:
        return QueryResult(("doc", "id", "kind", "title"), ())
    return run_query(backend, "text_search", needle=needle)
