"""One fetch run: the HTTP client, the cache, what changed since when, and the tally.

Clients call two verbs: :meth:`FetchSession.listing` for a search page, feed or
manifest (always asked again, conditionally, since it says what changed) and
:meth:`FetchSession.document` for a source document (skipped when the cache holds it
and the listing says it has not changed since). Both check that a payload is what
was asked for before it is kept — well-formed XML or JSON, no HTML error page, no
SRU diagnostic — and turn every failure into one line in the tally: the run goes on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from lxml import etree  # type: ignore[import-untyped]

from ingest.errors import IngestError
from ingest.fetch.cache import CacheEntry, PayloadCache, Role
from ingest.fetch.http import FetchError, HttpClient, Response
from ingest.sources._xml import safe_xml_parser

__all__ = [
    "Expect",
    "FetchSession",
    "FetchTally",
    "parse_since",
    "parse_xml_payload",
]

Expect = Literal["xml", "sru", "json", "html", "xml-or-zip", "any"]

_SINCE_DAYS = re.compile(r"^(\d+)\s*d$")
_SRU_DIAGNOSTIC = re.compile(rb"<(?:\w+:)?diagnostics[\s>]")


def parse_since(value: str, today: dt.date | None = None) -> dt.date:
    """``2025-01-31`` or ``7d`` (seven days before today) → a date.

    Raises:
        ValueError: anything else.
    """
    value = value.strip()
    days = _SINCE_DAYS.match(value)
    if days:
        return (today or dt.date.today()) - dt.timedelta(days=int(days.group(1)))
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"--since takes a date (YYYY-MM-DD) or days (7d), not {value!r}"
        ) from None


@dataclass
class FetchTally:
    """What a run did per source: fetched, unchanged (cached or 304), failed."""

    fetched: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    failed: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: dict[str, int], source: str) -> None:
        bucket[source] = bucket.get(source, 0) + 1

    def fail(self, source: str, message: str) -> None:
        self.count(self.failed, source)
        self.errors.append(message)


def parse_xml_payload(url: str, body: bytes) -> etree._Element:
    """Parse a response as XML with the same safe settings as the readers (no
    entities, no DTDs, no network); FetchError naming the URL when it is not."""
    try:
        return etree.fromstring(body, parser=safe_xml_parser(keep_comments=True))
    except etree.XMLSyntaxError as error:
        message = (error.msg or "syntax error").splitlines()[0]
        raise FetchError(url, f"not well-formed XML ({message})") from None


@dataclass
class FetchSession:
    """The shared state of one ``wetgraaf fetch`` run.

    Args:
        http: the HTTP client (pacing, retries).
        cache: the payload cache (opened, locked).
        since: fetch only what changed on or after this date (None: everything
            the query finds that the cache does not hold yet).
        on_total: called with the number of items a source expects (for a bar).
        on_item: called with a short label after each document handled.
    """

    http: HttpClient
    cache: PayloadCache
    since: dt.date | None = None
    tally: FetchTally = field(default_factory=FetchTally)
    on_total: Callable[[str, int], None] = lambda source, total: None
    on_item: Callable[[str, str], None] = lambda source, label: None

    # -- verbs --------------------------------------------------------------------

    def listing(
        self,
        source: str,
        url: str,
        name: str,
        *,
        expect: Expect = "xml",
        headers: dict[str, str] | None = None,
        data: bytes | None = None,
    ) -> bytes | None:
        """A search page, feed or manifest: fetched again (conditionally, so an
        unchanged one costs a 304), checked and kept; its body, or None on failure
        (already reported)."""
        return self._fetch(source, url, name, "listing", expect, headers, data)

    def document(
        self,
        source: str,
        url: str,
        name: str,
        *,
        expect: Expect = "xml",
        changed: str | None = None,
        headers: dict[str, str] | None = None,
        data: bytes | None = None,
        check: Callable[[bytes], str | None] | None = None,
    ) -> bytes | None:
        """A source document: skipped when the cache holds it and ``changed`` (the
        listing's modification time, ISO) is not after the cached copy's retrieval;
        otherwise fetched, checked (``check`` returns a problem, e.g. a hash that
        does not match the manifest's) and kept. Its body, or None when skipped or
        failed."""
        key = _key(url, data)
        cached = self.cache.get(key)
        if cached is not None and (
            changed is None or changed[:19] <= cached.retrieved[:19]
        ):
            self.tally.count(self.tally.unchanged, source)
            self.on_item(source, name)
            return None
        body = self._fetch(source, url, name, "document", expect, headers, data, check)
        self.on_item(source, name)
        return body

    def first_document(
        self,
        source: str,
        url: str,
        name: str,
        variants: Sequence[Mapping[str, str]],
        *,
        absent: Collection[int] = (404, 406),
        expect: Expect = "xml",
        otherwise: Callable[[], None] | None = None,
    ) -> bytes | None:
        """A document that may exist in several variants of one request (e.g. one
        per language, by ``Accept-Language``): each set of ``variants`` headers is
        asked in turn until one answers; an ``absent`` status moves on to the next
        and is a failure only for the last — unless there is ``otherwise``, another
        way to the document (it reports its own failures), which is then tried.
        Cached, skipped and reported as :meth:`document`."""
        if self.unchanged(source, _key(url, None), name):
            return None
        body = None
        for number, headers in enumerate(variants, start=1):
            last = number == len(variants)
            try:
                body = self._fetch(
                    source,
                    url,
                    name,
                    "document",
                    expect,
                    dict(headers),
                    None,
                    absent=() if last and otherwise is None else absent,
                )
                break
            except _AbsentError:
                if last and otherwise is not None:
                    otherwise()
                continue
        self.on_item(source, name)
        return body

    def unchanged(self, source: str, key: str, name: str) -> bool:
        """Whether the cache holds the payload kept under ``key`` (a URL, or the key
        given to :meth:`derived`); if so it counts as unchanged and is not asked
        for again."""
        if self.cache.get(key) is None:
            return False
        self.tally.count(self.tally.unchanged, source)
        self.on_item(source, name)
        return True

    def derived(
        self,
        source: str,
        name: str,
        body: bytes,
        *,
        key: str,
        from_url: str,
        content_type: str = "application/json",
    ) -> bool:
        """Keep a record cut out of a listing page (e.g. one OData Zaak of a page) as
        a document; False when the cache already holds exactly this record."""
        cached = self.cache.get(key)
        if cached is not None and cached.sha256 == hashlib.sha256(body).hexdigest():
            self.tally.count(self.tally.unchanged, source)
            return False
        self.cache.store(
            key=key,
            url=from_url,
            source=source,
            role="document",
            name=name,
            body=body,
            content_type=content_type,
            derived_from=from_url,
        )
        self.tally.count(self.tally.fetched, source)
        return True

    def fail(self, source: str, url: str, problem: str) -> None:
        """Report a problem found in a payload after it was fetched."""
        self.tally.fail(source, str(FetchError(url, problem)))

    # -- steps --------------------------------------------------------------------

    def _fetch(
        self,
        source: str,
        url: str,
        name: str,
        role: Role,
        expect: Expect,
        headers: dict[str, str] | None,
        data: bytes | None,
        check: Callable[[bytes], str | None] | None = None,
        absent: Collection[int] = (),
    ) -> bytes | None:
        """Fetch, check and keep one payload; None on a failure (reported).

        Raises:
            _AbsentError: the server answered a status in ``absent`` (not reported).
        """
        key = _key(url, data)
        cached = self.cache.get(key)
        try:
            if data is None:
                response = self.http.get(
                    url,
                    headers=headers,
                    etag=cached.etag if cached else None,
                    last_modified=cached.last_modified if cached else None,
                )
            else:
                response = self.http.post(url, data, headers=headers)
            if response.not_modified and cached is not None:
                # A listing is read again from the cache; a document is not new.
                if role == "listing":
                    return self.cache.read(cached)
                self.tally.count(self.tally.unchanged, source)
                return None
            _check(response, expect)
            problem = check(response.body) if check else None
            if problem:
                raise FetchError(response.url, problem)
        except FetchError as error:
            if error.status in absent:
                raise _AbsentError from None
            self.tally.fail(source, str(error))
            return None
        except IngestError as error:  # pragma: no cover - defensive
            self.tally.fail(source, f"{url}: {error}")
            return None
        self._keep(source, key, url, name, role, response)
        return response.body

    def _keep(
        self, source: str, key: str, url: str, name: str, role: Role, response: Response
    ) -> CacheEntry:
        entry = self.cache.store(
            key=key,
            url=response.url or url,
            source=source,
            role=role,
            name=name,
            body=response.body,
            status=response.status,
            content_type=response.content_type,
            etag=response.headers.get("etag", ""),
            last_modified=response.headers.get("last-modified", ""),
        )
        if role == "document":
            self.tally.count(self.tally.fetched, source)
        return entry


class _AbsentError(Exception):
    """An answer that says "not here" where another variant of the request may be."""


def _key(url: str, data: bytes | None) -> str:
    if data is None:
        return url
    return f"POST {url} {hashlib.sha256(data).hexdigest()[:16]}"


def _check(response: Response, expect: Expect) -> None:
    """FetchError when the body is not what was asked for."""
    url, body = response.url, response.body
    if not body.strip():
        raise FetchError(url, "empty response")
    head = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    looks_html = head.startswith((b"<!doctype html", b"<html"))
    if expect in ("xml", "sru"):
        if looks_html:
            raise FetchError(url, "an HTML page where XML was expected")
        root = parse_xml_payload(url, body)
        # SRU services answer errors with HTTP 200 and a diagnostics document.
        if expect == "sru" and _SRU_DIAGNOSTIC.search(body):
            raise FetchError(url, f"SRU diagnostic: {_diagnostic_text(root)}")
    elif expect == "json":
        try:
            json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise FetchError(url, f"not JSON ({error})") from None
    elif expect == "html" and not looks_html and b"<" not in head:
        raise FetchError(url, "not an HTML or XML page")
    elif expect == "xml-or-zip":
        if body.startswith(_ZIP_MAGIC):
            _check_zip(url, body)
        elif looks_html:
            raise FetchError(url, "an HTML page where XML or a ZIP was expected")
        else:
            parse_xml_payload(url, body)


_ZIP_MAGIC = b"PK\x03\x04"


def _check_zip(url: str, body: bytes) -> None:
    """FetchError unless ``body`` is a whole ZIP archive whose members' checksums
    hold (a cut-off download fails here, not when a reader opens it)."""
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            broken = archive.testzip()
    except (zipfile.BadZipFile, EOFError, ValueError) as error:
        raise FetchError(url, f"not a whole ZIP archive ({error})") from None
    if broken is not None:
        raise FetchError(url, f"ZIP member {broken} is damaged")


def _diagnostic_text(root: etree._Element) -> str:
    """``info:srw/diagnostic/1/67 The record schema is known, …`` on one line."""
    parts = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if (
            etree.QName(element).localname in ("uri", "message", "details")
            and element.text
        ):
            parts.append(" ".join(element.text.split()))
    return " ".join(parts) or "diagnostics without a message"
