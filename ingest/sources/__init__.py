"""Source readers: every supported file format → SourceDocument.

``read_source`` sniffs the format from the content (XML root element, or decodable
text) and hands the file to its reader; anything it cannot read raises a SourceError
whose one-line message names the file and the problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ingest.errors import SourceError
from ingest.fetch.cache import cache_root_of, cached_documents
from ingest.models import SourceDocument
from ingest.sources._xml import parse_xml
from ingest.sources.bwb import read_bwb
from ingest.sources.bwb_2012 import looks_like_bwb_2012, read_bwb_2012
from ingest.sources.bwb_wti import looks_like_wti, read_wti
from ingest.sources.cellar import looks_like_sparql_json, read_cellar_sparql
from ingest.sources.cjeu import looks_like_cjeu_judgment, read_cjeu_judgment
from ingest.sources.eurlex import (
    looks_like_eurlex_html,
    looks_like_formex,
    looks_like_formex_act,
    read_eurlex_html,
    read_formex,
    read_formex_act,
)
from ingest.sources.kamerstuk import read_kamerstuk
from ingest.sources.plaintext import read_plaintext
from ingest.sources.publicaties import looks_like_publicatie, read_publicatie
from ingest.sources.rechtspraak import looks_like_uitspraak, read_uitspraak
from ingest.sources.tk_odata import read_tk_odata

__all__ = ["MAX_SOURCE_BYTES", "iter_source_files", "read_source"]

#: Files larger than this are refused (a SourceError), to keep one bad file from
#: exhausting memory; the biggest real source (the Awb) is about 2.5 MB.
MAX_SOURCE_BYTES = 50 * 1024 * 1024

TEXT_SUFFIXES = frozenset({".txt", ".md"})
XML_SUFFIXES = frozenset({".xml"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSON_SUFFIXES = frozenset({".json"})
_SKIPPED_NAMES = frozenset({"readme.md", "sources.md"})
_ROOT_TAG = re.compile(rb"<([A-Za-z_][\w.\-]*(?::[\w.\-]+)?)[\s/>]")


def read_source(path: Path) -> SourceDocument:
    """Read any supported source file into a SourceDocument.

    The format is recognised by content: XML whose root is ``toestand`` is BWB,
    ``wetstechnische-informatie`` a BWB amendment history (WTI),
    ``officiele-publicatie`` is a Kamerstuk, a SPARQL JSON result a Cellar record
    (other JSON a TK OData record), an EUR-Lex judgment (``body`` or XHTML
    page with ``p.sum-title-1`` and numbered ``p.count``) a CJEU ruling; UTF-8 text
    with a ``.txt``/``.md`` name is plain text.

    Args:
        path: the file to read.

    Returns:
        The SourceDocument the matching reader builds.

    Raises:
        SourceError: empty file, file over MAX_SOURCE_BYTES, binary or non-UTF-8
            content, broken or truncated XML (with line and column), an unknown
            format, or anything else a reader did not expect (one line naming the
            file, never another exception).

    Example:
        >>> read_source(Path("corpus/kamerstukken/kst-29861-126.xml")).id
        'kst-29861-126'
    """
    path = Path(path)
    try:
        return _read_source(path)
    except SourceError:
        raise
    except OSError as error:  # a name too long for a sidecar beside it, a lost file
        problem = f"cannot read file ({error.strerror or error})"
        raise SourceError(str(path), problem) from None
    except RecursionError:
        raise SourceError(str(path), "nested too deeply to read") from None
    except Exception as error:
        # A reader met content it did not expect: one line naming the file, so the
        # rest of the batch goes on.
        message = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
        problem = f"unreadable content ({type(error).__name__}: {message})"
        raise SourceError(str(path), problem) from None


def _read_source(path: Path) -> SourceDocument:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise SourceError(str(path), f"cannot read file ({error.strerror})") from None
    if not path.is_file():
        raise SourceError(str(path), "not a regular file")
    if size == 0:
        raise SourceError(str(path), "empty file")
    if size > MAX_SOURCE_BYTES:
        raise SourceError(
            str(path), f"file too large ({size} bytes, limit {MAX_SOURCE_BYTES})"
        )
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(str(path), "UTF-16 text (byte-order mark); save it as UTF-8")
    if b"\x00" in data:
        raise SourceError(str(path), "binary content (NUL bytes), not a text source")
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError as error:
        problem = f"not UTF-8 text (undecodable byte at offset {error.start})"
        raise SourceError(str(path), problem) from None
    if not decoded.strip():
        raise SourceError(str(path), "empty file (only whitespace)")
    head = decoded.lstrip("\ufeff \t\r\n")
    suffix = path.suffix.lower()
    if looks_like_cjeu_judgment(data):
        return read_cjeu_judgment(path, data)
    if looks_like_eurlex_html(data):
        return read_eurlex_html(path, data)
    if suffix in JSON_SUFFIXES or (
        head.startswith("{") and suffix not in TEXT_SUFFIXES
    ):
        if looks_like_sparql_json(data):
            return read_cellar_sparql(path, data)
        return read_tk_odata(path, data)
    if head.startswith("<"):
        return _read_xml(path, data)
    if suffix in TEXT_SUFFIXES:
        return read_plaintext(path)
    raise SourceError(
        str(path), f"unknown format (suffix {path.suffix or 'none'!r}, not XML)"
    )


def _read_xml(path: Path, data: bytes) -> SourceDocument:
    """Pick the XML reader by the root element (and, for officiele-publicatie, by the
    publication inside it: Kamerstukken and Staatsblad/Staatscourant share that root)."""
    root = _root_tag(data)
    if root == "toestand":
        return read_bwb(path, data)
    if root is not None and looks_like_bwb_2012(root):
        return read_bwb_2012(path, data)
    if root is not None and looks_like_wti(root):
        return read_wti(path, data)
    if root is not None and looks_like_uitspraak(root):
        return read_uitspraak(path, data)
    if root is not None and looks_like_formex(root):
        return read_formex(path, data)
    if root is not None and looks_like_formex_act(root):
        return read_formex_act(path, data)
    if root in ("body", "html") and looks_like_cjeu_judgment(data):
        return read_cjeu_judgment(path, data)
    if root in ("officiele-publicatie", "record") or (root or "").endswith(":record"):
        if looks_like_publicatie(parse_xml(path, data)):
            return read_publicatie(path, data)
        if root == "officiele-publicatie":
            return read_kamerstuk(path, data)
    # Let the parser say what is wrong (truncated, broken) when it is.
    parsed = parse_xml(path, data)
    raise SourceError(str(path), f"unknown XML format (root <{parsed.tag}>)")


def iter_source_files(
    paths: Iterable[Path | str],
    *,
    follow_symlinks: bool = False,
    refused: list[str] | None = None,
) -> Iterator[Path]:
    """The supported source files among ``paths``, folders expanded recursively.

    A symbolic link (to a file or a folder) inside a given folder that leads outside
    it is not followed unless ``follow_symlinks``: a one-line error naming it goes to
    ``refused`` (when given) instead. A file reached twice (through a link inside the
    folder) is yielded once.

    Skips hidden files and folders, metadata sidecars (``*.meta.json``) and the
    corpus notes (README.md, SOURCES.md). A fetch cache (a folder with the cache's
    manifest, or one inside it) gives the documents its manifest lists, never its
    listings (search pages, feeds, manifests). Each folder's files come sorted, so
    the order is deterministic; a file named explicitly is yielded as given.
    """
    for given in paths:
        path = Path(given)
        cache = cache_root_of(path) if path.is_dir() else None
        if cache is not None:
            yield from cached_documents(cache, under=path)
        elif path.is_dir():
            yield from _walk(path, follow_symlinks, refused)
        else:
            yield path


def _walk(root: Path, follow_symlinks: bool, refused: list[str] | None) -> list[Path]:
    """The supported, not hidden files under ``root``, sorted; links leading outside
    ``root`` refused unless followed, every real folder and file visited once."""
    inside = root.resolve()
    found: dict[Path, Path] = {}  # real path → the path it was found under
    seen: set[Path] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        real = folder.resolve()
        if real in seen:
            continue
        seen.add(real)
        for entry in sorted(folder.iterdir()):
            if _hidden(entry.relative_to(root)):
                continue
            is_dir = entry.is_dir()
            if not is_dir and not (entry.is_file() and _supported(entry)):
                continue
            target = entry.resolve()
            leaves = entry.is_symlink() and not target.is_relative_to(inside)
            if leaves and not follow_symlinks:
                if refused is not None:
                    refused.append(
                        f"{entry}: symbolic link to {target}, outside {root}; "
                        "not followed (--follow-symlinks follows it)"
                    )
                continue
            if is_dir:
                stack.append(entry)
            else:
                found.setdefault(target, entry)
    return sorted(found.values())


def _supported(path: Path) -> bool:
    name = path.name.lower()
    if name in _SKIPPED_NAMES or name.endswith(".meta.json"):
        return False
    return (
        path.suffix.lower()
        in TEXT_SUFFIXES | XML_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
    )


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _root_tag(data: bytes) -> str | None:
    """The root element's name, skipping the XML declaration, comments and doctype."""
    position = 0
    while True:
        start = data.find(b"<", position)
        if start == -1:
            return None
        if data.startswith(b"<?", start):
            position = data.find(b"?>", start)
        elif data.startswith(b"<!--", start):
            position = data.find(b"-->", start)
        elif data.startswith(b"<!", start):
            position = data.find(b">", start)
        else:
            match = _ROOT_TAG.match(data, start)
            return match.group(1).decode("ascii", "replace") if match else None
        if position == -1:
            return None
        position += 1
