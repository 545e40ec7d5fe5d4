"""One endpoint URL with the settings to reach it: requests with a deadline, bounded
retries, and answers read no larger than a limit."""

from __future__ import annotations

import http.client
import json
import logging
import re
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from SPARQLWrapper import BASIC, DIGEST, JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from graph.deadline import call_within
from graph.errors import EndpointError
from graph.remote.failures import RejectedRequestError, describe_failure

log = logging.getLogger(__name__)

TRIES = 3


BACKOFF = 0.5  # seconds before the second try; doubled for each further try


T = TypeVar("T")


#: The largest answer read from an endpoint (a runaway CONSTRUCT, a garbage stream).
MAX_ANSWER_BYTES = 512 * 1024 * 1024


_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class ConnectionSettings:
    """How to talk to an endpoint: timeouts, retries and HTTP credentials.

    Args:
        timeout: seconds the answer to a query may take, per try, in all (a server
            trickling bytes is cut off at it, not only one that is silent).
        update_timeout: seconds an update request (one document) may take, per try.
        max_bytes: the largest answer read; a larger one is an EndpointError.
        tries: attempts for connection errors, timeouts and 5xx answers.
        backoff: seconds before the second try, doubled for each next one.
        user, password: HTTP credentials, if the endpoint asks for them.
        auth: the HTTP authentication scheme, ``basic`` or ``digest``.

    Raises:
        ValueError: an unknown ``auth`` scheme or fewer than one try.
    """

    timeout: float = 10.0
    update_timeout: float = 120.0
    max_bytes: int = MAX_ANSWER_BYTES
    tries: int = TRIES
    backoff: float = BACKOFF
    user: str | None = None
    password: str | None = None
    auth: str = "basic"

    def __post_init__(self) -> None:
        if self.auth.lower() not in ("basic", "digest"):
            raise ValueError(
                f"unknown HTTP authentication {self.auth!r}; use basic/digest"
            )
        if self.tries < 1:
            raise ValueError("tries must be at least 1")


def _prologue_without_comments(text: str) -> str:
    """``text`` without the comment lines before its query form (SELECT, INSERT…).

    SPARQLWrapper tells a query from an update by the first such keyword after removing
    comment lines, but of several comment lines in a row it removes every other one:
    a comment saying "what citation_network adds" made a SELECT an ADD update. Comment
    lines after the query form are left alone (a long literal may hold a line starting
    with #)."""
    lines = text.splitlines(keepends=True)
    index = next(
        (i for i, line in enumerate(lines) if _starts_query(line.lstrip())),
        len(lines),
    )
    head = [line for line in lines[:index] if not line.lstrip().startswith("#")]
    return "".join(head + lines[index:])


_DECLARATION = re.compile(r"(PREFIX|BASE)\b", re.IGNORECASE)


def _starts_query(line: str) -> bool:
    """Whether a stripped line is past the prologue: not blank, a comment or a
    PREFIX/BASE declaration."""
    return bool(line) and not line.startswith("#") and not _DECLARATION.match(line)


class Connection:
    """One endpoint URL with the settings to reach it; ``timeout`` per request."""

    def __init__(
        self, url: str, connection: ConnectionSettings, *, timeout: float
    ) -> None:
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"{url!r} is not an http(s) URL")
        self.url = url
        self.timeout = timeout
        self.max_bytes = connection.max_bytes
        self.tries = connection.tries
        self.backoff = connection.backoff
        self.user = connection.user or None
        self.password = connection.password or None
        self.auth = DIGEST if connection.auth.lower() == "digest" else BASIC

    def wrapper(self, text: str) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(self.url)
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(JSON)
        wrapper.setOnlyConneg(True)  # no format=/output= parameters, only Accept
        # Not setTimeout: it truncates to int seconds (0.5 becomes 0: no timeout).
        wrapper.timeout = self.timeout  # type: ignore[assignment]  # urlopen takes float
        if self.user and self.password:
            wrapper.setHTTPAuth(self.auth)
            wrapper.setCredentials(self.user, self.password)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            wrapper.setQuery(_prologue_without_comments(text))
        # Only SPARQLWrapper's own verdict counts: catch_warnings records every
        # thread's warnings, and the requests run in threads (a stray warning from
        # another one made a SELECT "not a SELECT" now and then).
        if any("unknown query type" in str(w.message) for w in caught):
            wrapper.queryType = None  # SPARQLWrapper could not tell what this is
        return wrapper

    def call(self, what: str, request: Callable[[], T]) -> T:
        """Run ``request`` with bounded retries; every failure becomes one line."""
        for attempt in range(1, self.tries + 1):
            try:
                return _within(self.timeout, request)
            except (
                SPARQLWrapperException,
                OSError,
                http.client.HTTPException,
            ) as error:
                retry, problem = describe_failure(error, self.timeout)
                if not retry:
                    raise RejectedRequestError(
                        f"{self.url}: {what} refused: {problem}"
                    ) from error
                if attempt == self.tries:
                    tries = "1 try" if self.tries == 1 else f"{self.tries} tries"
                    raise EndpointError(
                        f"{self.url}: {what} failed: {problem} (after {tries})"
                    ) from error
                delay = self.backoff * 2 ** (attempt - 1)
                log.warning("%s: %s; retrying in %.1f s", self.url, problem, delay)
                time.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover


def _within(seconds: float, request: Callable[[], T]) -> T:
    """``request()``, or TimeoutError when it has not returned after ``seconds``.

    The socket timeout bounds each read, not the whole answer: a server sending a byte
    every few seconds would hold a command forever. The request runs in a daemon
    thread, so the caller stops waiting at the deadline; the reads of the body check
    the same deadline (``_read_body``) and end that thread too."""
    deadline = time.monotonic() + seconds

    def run() -> T:
        _DEADLINE.value = deadline
        return request()

    return call_within(seconds, run, name="endpoint-request")


_DEADLINE = threading.local()


def _read_body(response: Any, max_bytes: int, url: str) -> bytes:
    """The whole body, read as it comes, at most ``max_bytes`` and no later than the
    request's deadline."""
    deadline = getattr(_DEADLINE, "value", None)
    read = getattr(response, "read1", response.read)
    parts: list[bytes] = []
    size = 0
    try:
        while True:
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError("the answer kept coming past the time limit")
            chunk = read(_CHUNK)
            if not chunk:
                return b"".join(parts)
            size += len(chunk)
            if size > max_bytes:
                raise EndpointError(
                    f"{url}: the answer is larger than {max_bytes // (1024 * 1024)} MB;"
                    " ask for less (LIMIT) or raise WETGRAAF_ENDPOINT_MAX_MB"
                )
            parts.append(chunk)
    finally:
        response.close()


def read_json(
    wrapper: SPARQLWrapper, max_bytes: int = MAX_ANSWER_BYTES
) -> dict[str, Any]:
    """The JSON answer, parsed here: SPARQLWrapper's ``convert`` only warns (and
    returns something else) when the content type is unexpected."""
    body = _read_body(wrapper.query().response, max_bytes, wrapper.endpoint)
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict):
        raise EndpointError(f"{wrapper.endpoint}: the answer is not SPARQL JSON")
    return data


def send_update(wrapper: SPARQLWrapper) -> None:
    _read_body(wrapper.query().response, MAX_ANSWER_BYTES, wrapper.endpoint)
