"""What a failed request to an endpoint was, in one line, and whether to try again."""

from __future__ import annotations

import ast
import socket
import urllib.error

from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
    URITooLong,
)

from graph.errors import EndpointError, QueryError


class RejectedRequestError(EndpointError, QueryError):
    """The endpoint refused the request itself (HTTP 4xx): retrying cannot help.

    Both an ``EndpointError`` (the endpoint answered with an error) and a
    ``QueryError`` (a malformed query is the caller's problem, as with the embedded
    store)."""


def describe_failure(error: BaseException, timeout: float) -> tuple[bool, str]:
    """(worth retrying, one-line problem) for anything a request can raise."""
    if isinstance(error, QueryBadFormed):
        return False, f"HTTP 400 bad request: {_server_message(error)}"
    if isinstance(error, Unauthorized):
        return False, "HTTP 401 unauthorized (check the endpoint user and password)"
    if isinstance(error, EndPointNotFound):
        return False, "HTTP 404 not found (is this the SPARQL endpoint URL?)"
    if isinstance(error, URITooLong):
        return False, "HTTP 414 request too long"
    if isinstance(error, EndPointInternalError):
        return True, f"HTTP 500 server error: {_server_message(error)}"
    if isinstance(error, urllib.error.HTTPError):
        return error.code >= 500, f"HTTP {error.code} {error.reason}"
    if isinstance(error, urllib.error.URLError):
        if isinstance(error.reason, TimeoutError | socket.timeout):
            return True, f"no answer within {timeout:g} s"
        return True, f"cannot connect ({error.reason})"
    if isinstance(error, TimeoutError | socket.timeout):
        return True, f"no answer within {timeout:g} s"
    if isinstance(error, SPARQLWrapperException):
        return False, _one_line(str(error))
    return True, f"connection failed ({_one_line(str(error)) or type(error).__name__})"


def _server_message(error: SPARQLWrapperException) -> str:
    """The first line of the endpoint's own error text (SPARQLWrapper keeps its repr)."""
    _, _, response = str(error).partition("Response:\n")
    try:
        body = ast.literal_eval(response) if response else b""
    except (ValueError, SyntaxError):
        body = response
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    return _one_line(text) or "no details"


def _one_line(text: str, limit: int = 200) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"
