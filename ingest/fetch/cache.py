"""The raw payload cache: every response kept verbatim, with its provenance.

Layout of a cache folder::

    manifest.jsonl                 one line per stored payload (the first line marks
                                   the folder as a wetgraaf cache)
    <source>/documents/<name>      payloads that are source documents: what
                                   ``wetgraaf build CACHE`` reads
    <source>/listings/<name>       search pages, feeds and manifests: kept for
                                   provenance and incremental runs, never ingested

A manifest line records the request (``key``: the URL, and for a POST the URL with
the body's hash), the file, its role, the retrieval time, status, content type,
SHA-256, size, ``ETag``/``Last-Modified`` for conditional requests, and for a record
cut out of a listing page the page it came from (``derived_from``). The newest line
for a key wins.

Writes are crash-safe: a payload is written to a temporary file, synced and renamed
into place, and only then is its manifest line appended; a run killed at any moment
leaves complete files, and at worst a payload without its line, which the next run
fetches again. A torn last manifest line is skipped when read. One fetch at a time
holds the cache's lock; a second gets a clear error.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Literal

from ingest.errors import IngestError

__all__ = [
    "MANIFEST_NAME",
    "CacheEntry",
    "PayloadCache",
    "cache_root_of",
    "cached_documents",
]

MANIFEST_NAME = "manifest.jsonl"
_MARKER = {"wetgraaf_cache": 1}
_UNSAFE = re.compile(r"[^A-Za-z0-9._\-]+")

Role = Literal["document", "listing"]


@dataclass(frozen=True, slots=True)
class CacheEntry:
    """One stored payload and where it came from (a manifest line)."""

    key: str
    url: str
    path: str  # relative to the cache folder, with "/" separators
    role: Role
    source: str
    retrieved: str  # ISO 8601, UTC
    status: int
    content_type: str
    sha256: str
    bytes: int
    etag: str = ""
    last_modified: str = ""
    derived_from: str = ""


class PayloadCache:
    """A cache folder (created when missing); use as a context manager to hold its
    lock for a whole fetch run."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self._entries: dict[str, CacheEntry] | None = None
        self._lock_file: IO[str] | None = None

    # -- lock ---------------------------------------------------------------------

    def __enter__(self) -> PayloadCache:
        self.root.mkdir(parents=True, exist_ok=True)
        handle = (self.root / ".lock").open("w")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise IngestError(
                f"{self.root}: another wetgraaf fetch is using this cache"
            ) from None
        self._lock_file = handle
        return self

    def __exit__(self, *_: object) -> None:
        if self._lock_file is not None:
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)
            self._lock_file.close()
            self._lock_file = None

    # -- reading ------------------------------------------------------------------

    @property
    def entries(self) -> dict[str, CacheEntry]:
        """The newest manifest line per key."""
        if self._entries is None:
            self._entries = {entry.key: entry for entry in _read_manifest(self.root)}
        return self._entries

    def get(self, key: str) -> CacheEntry | None:
        """The entry for ``key`` whose file is still there, or None."""
        entry = self.entries.get(key)
        if entry is None or not (self.root / entry.path).is_file():
            return None
        return entry

    def read(self, entry: CacheEntry) -> bytes:
        return (self.root / entry.path).read_bytes()

    # -- writing ------------------------------------------------------------------

    def store(
        self,
        *,
        key: str,
        url: str,
        source: str,
        role: Role,
        name: str,
        body: bytes,
        status: int = 200,
        content_type: str = "",
        etag: str = "",
        last_modified: str = "",
        derived_from: str = "",
    ) -> CacheEntry:
        """Write ``body`` under ``<source>/<role>s/<name>`` and record it."""
        relative = f"{_safe(source)}/{role}s/{_safe(name)}"
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.part")
        with temporary.open("wb") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        entry = CacheEntry(
            key=key,
            url=url,
            path=relative,
            role=role,
            source=source,
            retrieved=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            status=status,
            content_type=content_type,
            sha256=hashlib.sha256(body).hexdigest(),
            bytes=len(body),
            etag=etag,
            last_modified=last_modified,
            derived_from=derived_from,
        )
        self._append(entry)
        self.entries[key] = entry
        return entry

    def _append(self, entry: CacheEntry) -> None:
        manifest = self.root / MANIFEST_NAME
        fresh = not manifest.exists() or manifest.stat().st_size == 0
        with manifest.open("ab") as handle:
            if fresh:
                handle.write(json.dumps(_MARKER).encode() + b"\n")
            elif not _ends_with_newline(manifest):
                handle.write(b"\n")  # a torn line from a killed run stays apart
            line = json.dumps(asdict(entry), ensure_ascii=False, sort_keys=True)
            handle.write(line.encode("utf-8") + b"\n")
            handle.flush()
            os.fsync(handle.fileno())


def cache_root_of(folder: Path) -> Path | None:
    """The cache folder that ``folder`` is (or lies inside), or None."""
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        manifest = candidate / MANIFEST_NAME
        if manifest.is_file() and _is_cache_manifest(manifest):
            return candidate
    return None


def cached_documents(root: Path, under: Path | None = None) -> list[Path]:
    """The document payloads of the cache at ``root`` (optionally only those under
    ``under``), sorted; listings and files the manifest does not name are left out."""
    limit = (under or root).resolve()
    found: set[Path] = set()
    for entry in {e.key: e for e in _read_manifest(root)}.values():
        if entry.role != "document":
            continue
        path = (root / entry.path).resolve()
        if path.is_file() and path.is_relative_to(limit):
            found.add(path)
    return sorted(found)


def _read_manifest(root: Path) -> Iterator[CacheEntry]:
    manifest = root / MANIFEST_NAME
    if not manifest.is_file():
        return
    fields = set(CacheEntry.__dataclass_fields__)
    with manifest.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line torn by a killed run
            if (
                isinstance(record, dict)
                and fields.issuperset(record)
                and "key" in record
            ):
                try:
                    yield CacheEntry(**record)
                except TypeError:
                    continue


def _is_cache_manifest(manifest: Path) -> bool:
    with manifest.open("rb") as handle:
        first = handle.readline()
    try:
        return json.loads(first) == _MARKER
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


def _safe(name: str) -> str:
    """A file-name-safe form of an identifier (``ECLI:NL:RVS:2020:1`` keeps its
    readable shape as ``ECLI_NL_RVS_2020_1``), bounded in length."""
    cleaned = _UNSAFE.sub("_", name).strip("._") or "payload"
    if len(cleaned) > 150:
        digest = hashlib.sha256(name.encode()).hexdigest()[:16]
        cleaned = f"{cleaned[:120]}-{digest}"
    return cleaned
