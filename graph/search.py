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

from graph.sparql import QueryBackend, QueryResult, Value, run_query
from ingest.extract import find_references
from ingest.identifiers import is_work_id, work_iri


@dataclass(frozen=True, slots=True)
class Citation:
    """A citation found in the search text: its words, canonical work id and IRI."""

    quote: str
    work: str
    iri: str


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
        found.append(
            Citation(resolved.reference.text, resolved.work, work_iri(resolved.work))
        )
    for token in text.split():
        token = token.strip(".,;:()[]")
        if token not in seen and is_work_id(token):
            seen.add(token)
            found.append(Citation(token, token, work_iri(token)))
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
            score = max(
                difflib.SequenceMatcher(None, needle, candidate).ratio()
                for candidate in candidates
            )
        if score >= 0.6:
            matches.append(Match(doc_id, title, str(row["kind"]), round(score, 3)))
    matches.sort(key=lambda m: (-m.score, m.id))
    return matches[:limit]


def search_text(backend: QueryBackend, phrase: str) -> QueryResult:
    """Documents whose full text contains ``phrase`` (case-insensitive)."""
    needle = phrase.strip().lower()
    if not needle:
        return QueryResult(("doc", "id", "kind", "title"), ())
    return run_query(backend, "text_search", needle=needle)
