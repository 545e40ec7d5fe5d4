"""The spaCy pipeline: ``spacy.blank("nl")`` plus our ``legal_refs`` component.

The component runs the compiled-pattern scanner of :mod:`ingest.scanner` over
``doc.text`` and writes the references to ``doc.spans["legal_refs"]`` (overlaps kept),
with each span's label = the reference kind and ``span._.ref_groups`` = the parsed
groups. Tokens are only used to anchor the spans; the scan never walks the tokens.
This is the only module that registers spaCy factories.
"""

from __future__ import annotations

import logging
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ingest.grammar import load_patterns
from ingest.models import Reference, ReferenceKind
from ingest.scanner import scan_text

__all__ = ["SPANS_KEY", "LegalReferenceScanner", "make_nlp", "references_from_doc"]

logger = logging.getLogger(__name__)

SPANS_KEY = "legal_refs"

if not Span.has_extension("ref_groups"):
    Span.set_extension("ref_groups", default=())
if not Doc.has_extension("legal_references"):
    Doc.set_extension("legal_references", default=None)


class LegalReferenceScanner:
    """Sets ``doc.spans[spans_key]`` from the pattern scanner (see module docstring)."""

    def __init__(self, nlp: Language, name: str, *, spans_key: str = SPANS_KEY) -> None:
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self._patterns = load_patterns()
        if not self._patterns:
            logger.warning("[%s] no patterns loaded from ingest/patterns", name)

    @property
    def labels(self) -> tuple[str, ...]:
        """The reference kinds this component can assign."""
        return tuple(str(kind) for kind in ReferenceKind)

    @property
    def patterns(self) -> list[dict[str, Any]]:
        """The shipped patterns (id, label, pattern, note)."""
        return [
            {"id": p.id, "label": p.label, "pattern": p.pattern, "note": p.note}
            for p in self._patterns.values()
        ]

    def match(self, doc: Doc) -> list[Reference]:
        """The references in ``doc.text`` (character offsets)."""
        return scan_text(doc.text)

    def set_annotations(self, doc: Doc, references: list[Reference]) -> None:
        """Write the references as spans (expanded to token boundaries)."""
        spans = []
        for ref in references:
            span = doc.char_span(
                ref.start, ref.end, label=str(ref.kind), alignment_mode="expand"
            )
            if span is None:  # pragma: no cover - expand always finds tokens in range
                continue
            span._.ref_groups = ref.groups
            spans.append(span)
        doc.spans[self.spans_key] = spans
        doc._.legal_references = tuple(references)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc


@Language.factory(
    "legal_refs",
    default_config={"spans_key": SPANS_KEY},
    assigns=["doc.spans", "doc._.legal_references", "span._.ref_groups"],
)
def make_legal_refs(nlp: Language, name: str, spans_key: str) -> LegalReferenceScanner:
    """Factory of the ``legal_refs`` component."""
    return LegalReferenceScanner(nlp, name, spans_key=spans_key)


def make_nlp() -> Language:
    """``spacy.blank("nl")`` with tokenizer special cases and the ``legal_refs`` pipe."""
    nlp = spacy.blank("nl")
    tokenizer: Any = nlp.tokenizer
    for case in ("jo.", "t.a.p.", "c.s.", "nrs.", "Vc.", "Vb.", "Vw."):
        tokenizer.add_special_case(case, [{"ORTH": case}])
    nlp.add_pipe("legal_refs")
    return nlp


def references_from_doc(doc: Doc, spans_key: str = SPANS_KEY) -> list[Reference]:
    """The references of a processed doc, with exact character offsets.

    The spans in ``doc.spans`` are token-aligned; the exact references are kept on
    ``doc._.legal_references``, so this returns what the scanner found.
    """
    stored = doc._.legal_references
    if stored is not None:
        return list(stored)
    return [
        Reference(
            span.start_char,
            span.end_char,
            span.text,
            ReferenceKind(span.label_),
            tuple(span._.ref_groups),
        )
        for span in doc.spans.get(spans_key, [])
    ]
