"""Text → references → resolved identifiers. Never imports rdflib.

The stage verbs, importable from here (``from ingest import find_references``):
read a source file, extract references, resolve them (or both at once), the typed
relations and the toezeggingen of a document, and the citing context of a plain text.
Each verb loads its module on first use, so that ``import ingest.models`` (which the
graph and the CLI's start-up do) does not load the scanner, the readers or spaCy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ingest.citing import text_context
    from ingest.extract import extract_references, find_references
    from ingest.relations import extract_relations
    from ingest.resolve import resolve_references
    from ingest.sources import read_source
    from ingest.toezeggingen import extract_toezeggingen

__all__ = [
    "extract_references",
    "extract_relations",
    "extract_toezeggingen",
    "find_references",
    "read_source",
    "resolve_references",
    "text_context",
]

_HOME = {
    "extract_references": "ingest.extract",
    "extract_relations": "ingest.relations",
    "extract_toezeggingen": "ingest.toezeggingen",
    "find_references": "ingest.extract",
    "read_source": "ingest.sources",
    "resolve_references": "ingest.resolve",
    "text_context": "ingest.citing",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'ingest' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
