"""Extract and resolve: the verbs the rest of wetgraaf calls on a text.

:func:`extract_references` finds references (the scanner of :mod:`ingest.scanner`, or
a spaCy pipeline of :mod:`ingest.nlp` when one is passed); :func:`find_references`
also resolves them (:mod:`ingest.resolve`) against the citing document's context.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ingest.models import CitingContext, Reference, ResolvedReference
from ingest.resolve import resolve_references
from ingest.scanner import scan_text
from ingest.vc_relative import add_relative_paragraphs

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["extract_references", "find_references", "iter_reference_dicts"]


def extract_references(text: str, *, nlp: Language | None = None) -> list[Reference]:
    """Find the legal references in ``text``.

    Args:
        text: plain text; offsets in the result are indices into it.
        nlp: a pipeline from :func:`ingest.nlp.make_nlp`. When given, the text is run
            through it and the references are read from ``doc.spans["legal_refs"]``;
            otherwise the scanner runs directly (same result, no tokenising).

    Returns:
        References sorted by start offset; a list of articles gives one per article.

    >>> [r.group("artikel") for r in extract_references("de artikelen 1.24 en 1.26 Vb")]
    ['1.24', '1.26']
    """
    if nlp is None:
        return scan_text(text)
    # spaCy is imported only by a caller that built a pipeline
    from ingest.nlp import references_from_doc

    return references_from_doc(nlp(text))


def find_references(
    text: str, context: CitingContext | None = None
) -> list[ResolvedReference]:
    """Extract and resolve: the references in ``text`` with their canonical ids.

    >>> [r.work for r in find_references("artikel 8 EVRM")]
    ['BWBV0001000']
    """
    # Vc paragraphs written without their chapter need to know where the text stands
    refs = add_relative_paragraphs(text, extract_references(text), context)
    return resolve_references(refs, context=context)  # in order


def iter_reference_dicts(
    resolved: Iterable[ResolvedReference],
) -> Iterator[dict[str, object]]:
    """The refs.jsonl records of resolved references (``wetgraaf extract`` output)."""
    for item in resolved:
        yield item.to_json()
