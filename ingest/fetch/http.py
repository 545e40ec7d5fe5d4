"""The one small HTTP layer every fetch client shares (standard library only).

What a polite, robust client of a public data service needs and nothing more:
timeouts, a ``User-Agent`` that names the tool, a minimum interval between two
requests to one host, retries with exponential backoff on connection errors, 429
and 5xx (honouring ``Retry-After``), conditional requests (``If-None-Match`` /
``If-Modified-Since``) and a check that the body arrived whole. Every failure that
retrying cannot mend becomes a :class:`FetchError` whose one-line message names the
URL, so a caller can report it and go on with the next request.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

from ingest.errors import IngestError

__all__ = ["FetchError", "HttpClient", "Response", "build_url"]

USER_AGENT = "wetgraaf/0.1 (legal knowledge graph of Dutch migration law)"
#: Statuses worth asking again: the service is busy or briefly broken.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: Nothing one request brings may be larger than this (a whole WTI of the Wetboek
#: van Strafrecht is far below it); a larger body is refused, not truncated.
MAX_BODY_BYTES = 256 * 1024 * 1024


class FetchError(IngestError):
    """A request failed for good: the message is ``<url>: <problem>`` on one line."""

    def __init__(self, url: str, problem: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {problem}")
        self.url = url
        self.problem = problem
        self.status = status  # the HTTP status that ended it, if the server answered


@dataclass(frozen=True, slots=True)
class Response:
    """A complete response: final URL (after redirects), status, headers, body.

    ``headers`` has lower-case names. ``status`` 304 means "not modified" for a
    conditional request; its body is empty.
    """

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def build_url(base: str, path: str = "", params: Sequence[tuple[str, str]] = ()) -> str:
    """``base`` + ``/path`` + ``?query``; params are pairs, so a name may repeat
    (the Rechtspraak feed expresses a date range as ``date=…&date=…``)."""
    url = base.rstrip("/")
    if path:
        url += "/" + path.lstrip("/")
    if params:
        url += "?" + urllib.parse.urlencode(list(params), quote_via=urllib.parse.quote)
    return url


@dataclass
class HttpClient:
    """GET/POST with timeouts, per-host pacing, retries and completeness checks.

    Args:
        timeout: seconds for connecting and for each read of the socket.
        retries: further attempts after the first, for retryable failures.
        backoff: seconds before the first retry; doubled for each next one.
        interval: minimum seconds between two requests to the same host.
        sleep: how to wait (tests pass a recorder instead of really sleeping).
    """

    timeout: float = 60.0
    retries: int = 3
    backoff: float = 2.0
    interval: float = 1.0
    user_agent: str = USER_AGENT
    sleep: Callable[[float], None] = time.sleep
    max_bytes: int = MAX_BODY_BYTES
    requests: int = 0
    _last: dict[str, float] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def get(
        self,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Response:
        """GET ``url``; with ``etag``/``last_modified`` a conditional request that may
        answer 304. Raises FetchError for a 4xx, and for 5xx/429/connection errors
        once the retries are spent."""
        sent = dict(headers or {})
        if etag:
            sent["If-None-Match"] = etag
        if last_modified:
            sent["If-Modified-Since"] = last_modified
        return self._request("GET", url, sent, None)

    def post(
        self, url: str, data: bytes, *, headers: Mapping[str, str] | None = None
    ) -> Response:
        """POST ``data`` (e.g. a SPARQL query form) with the same retries."""
        return self._request("POST", url, dict(headers or {}), data)

    def _request(
        self, method: str, url: str, headers: dict[str, str], data: bytes | None
    ) -> Response:
        scheme = urllib.parse.urlsplit(url).scheme
        if scheme not in ("http", "https"):
            raise FetchError(url, f"not an http(s) URL (scheme {scheme or 'none'!r})")
        headers.setdefault("User-Agent", self.user_agent)
        delay = self.backoff
        for attempt in range(self.retries + 1):
            self._pace(url)
            try:
                return self._once(method, url, headers, data)
            except _RetryableError as failure:
                if attempt == self.retries:
                    raise FetchError(
                        url, f"{failure.problem} (after {attempt + 1} attempts)"
                    ) from None
                self.sleep(max(delay, failure.retry_after or 0.0))
                delay *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def _pace(self, url: str) -> None:
        """Wait until ``interval`` has passed since the last request to this host."""
        host = urllib.parse.urlsplit(url).netloc
        with self._lock:
            now = time.monotonic()
            wait = self._last.get(host, -1e9) + self.interval - now
            if wait > 0:
                self.sleep(wait)
            self._last[host] = time.monotonic()
            self.requests += 1

    def _once(
        self, method: str, url: str, headers: dict[str, str], data: bytes | None
    ) -> Response:
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                body = self._read(url, answer)
                return Response(
                    answer.geturl(), answer.status, _lower(answer.headers), body
                )
        except urllib.error.HTTPError as error:
            if error.code == 304:
                return Response(url, 304, _lower(error.headers), b"")
            if error.code in RETRY_STATUSES:
                raise _RetryableError(
                    f"HTTP {error.code} {error.reason}",
                    _retry_after(error.headers.get("Retry-After")),
                ) from None
            raise FetchError(
                url, f"HTTP {error.code} {error.reason}", status=error.code
            ) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
            raise _RetryableError(_describe(error)) from None

    def _read(self, url: str, answer: http.client.HTTPResponse) -> bytes:
        declared = answer.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(url, f"response too large ({declared} bytes)")
        chunks: list[bytes] = []
        size = 0
        while chunk := answer.read(1 << 16):
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(
                    url, f"response too large (over {self.max_bytes} bytes)"
                )
            chunks.append(chunk)
        body = b"".join(chunks)
        if declared and declared.isdigit() and len(body) != int(declared):
            raise _RetryableError(f"truncated body ({len(body)} of {declared} bytes)")
        return body


class _RetryableError(Exception):
    def __init__(self, problem: str, retry_after: float | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.retry_after = retry_after


def _lower(headers: object) -> dict[str, str]:
    items = headers.items() if hasattr(headers, "items") else []
    return {str(name).lower(): str(value) for name, value in items}


def _retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (seconds or an HTTP date), capped."""
    if not value:
        return None
    if value.strip().isdigit():
        return min(float(value), 300.0)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, min(moment.timestamp() - time.time(), 300.0))


def _describe(error: BaseException) -> str:
    reason = getattr(error, "reason", None)
    if isinstance(error, socket.timeout | TimeoutError) or isinstance(
        reason, socket.timeout | TimeoutError
    ):
        return "timed out"
    if isinstance(error, http.client.IncompleteRead):
        return f"truncated body ({len(error.partial)} bytes read)"
    text = str(reason if reason is not None else error) or type(error).__name__
    return f"connection failed ({text.splitlines()[0]})"
