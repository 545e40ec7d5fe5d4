"""The shared HTTP layer and the session's checks, against the loopback replay server."""

from __future__ import annotations

import pytest

from ingest.fetch.cache import PayloadCache
from ingest.fetch.http import FetchError, HttpClient, build_url
from ingest.fetch.session import FetchSession, parse_since
from tests.conftest_fetch import quick_client
from tests.replay import Route, replaying

XML = b"<?xml version='1.0'?><ok/>"


def test_fetch_http_retries_a_5xx_and_then_succeeds():
    waits: list[float] = []
    client = HttpClient(retries=3, backoff=0.5, interval=0, sleep=waits.append)
    busy = Route("h", "/flaky", status=503, body=b"busy", times=1)
    with replaying([busy, Route("h", "/flaky", body=XML)]) as server:
        response = client.get(server.url("h") + "/flaky")
    assert response.body == XML
    assert waits == [0.5]
    assert len(server.log) == 2


# fmt: off
@pytest.mark.parametrize(
    ("route", "problem"),
    [
        pytest.param(Route("h", "/p", status=404, body=b"gone"), "HTTP 404", id="404"),
        pytest.param(Route("h", "/p", status=500, body=b"x"), "HTTP 500 Internal Server Error (after 3 attempts)", id="500-persists"),
        pytest.param(Route("h", "/p", body=XML * 10, truncate=7), "truncated body", id="truncated"),
        pytest.param(Route("h", "/p", body=XML, pause=1.5), "timed out", id="timeout"),
    ],
)
# fmt: on
def test_fetch_http_failure_is_one_line_naming_the_url(route, problem):
    client = HttpClient(timeout=0.5, retries=2, backoff=0, interval=0, sleep=lambda _: None)
    with replaying([route]) as server:
        url = server.url("h") + "/p"
        with pytest.raises(FetchError) as raised:
            client.get(url)
    message = str(raised.value)
    assert message.startswith(f"{url}: ")
    assert problem in message
    assert "\n" not in message


def test_fetch_http_refuses_other_schemes():
    with pytest.raises(FetchError, match="not an http"):
        quick_client().get("file:///etc/passwd")


def test_fetch_http_paces_requests_to_one_host():
    waits: list[float] = []
    client = HttpClient(interval=30.0, sleep=waits.append)
    with replaying([Route("h", "/p", body=XML)]) as server:
        client.get(server.url("h") + "/p")
        client.get(server.url("h") + "/p")
    assert len(waits) == 1 and 29.0 < waits[0] <= 30.0


def test_fetch_http_sends_user_agent_and_conditional_headers():
    with replaying([Route("h", "/p", body=XML)]) as server:
        first = quick_client().get(server.url("h") + "/p")
        again = quick_client().get(server.url("h") + "/p", etag=first.headers["etag"])
    assert again.not_modified and again.body == b""
    assert server.log[0].headers["User-Agent"].startswith("wetgraaf/")
    assert server.log[1].headers["If-None-Match"] == first.headers["etag"]


def test_fetch_build_url_keeps_repeated_parameters():
    url = build_url("http://x/", "/zoeken", [("date", "2024-01-01"), ("date", "2024-12-31")])
    assert url == "http://x/zoeken?date=2024-01-01&date=2024-12-31"


# fmt: off
@pytest.mark.parametrize(
    ("body", "expect", "problem"),
    [
        pytest.param(b"<!DOCTYPE html><html><body>Storing</body></html>", "xml", "an HTML page where XML was expected", id="html-error-page"),
        pytest.param(b"<root><unclosed></root>", "xml", "not well-formed XML", id="broken-xml"),
        pytest.param(b"   ", "xml", "empty response", id="empty"),
        pytest.param(b"{\"value\": [", "json", "not JSON", id="truncated-json"),
        pytest.param(b"<diagnostics><diagnostic><uri>info:srw/diagnostic/1/10</uri><message>unknown prefix</message></diagnostic></diagnostics>", "sru", "SRU diagnostic: info:srw/diagnostic/1/10 unknown prefix", id="sru-diagnostic"),
    ],
)
# fmt: on
def test_fetch_session_keeps_only_what_was_asked_for(tmp_path, body, expect, problem):
    with replaying([Route("h", "/p", body=body)]) as server, PayloadCache(tmp_path) as cache:
        session = FetchSession(http=quick_client(), cache=cache)
        url = server.url("h") + "/p"
        assert session.document("s", url, "p.xml", expect=expect) is None
    assert session.tally.errors == [f"{url}: {problem}"] or (
        session.tally.errors[0].startswith(f"{url}: {problem}")
    )
    assert cache.entries == {}
    assert not (tmp_path / "s").exists()


def test_fetch_session_skips_a_cached_document_unless_changed(tmp_path):
    with replaying([Route("h", "/d", body=XML)]) as server, PayloadCache(tmp_path) as cache:
        session = FetchSession(http=quick_client(), cache=cache)
        url = server.url("h") + "/d"
        assert session.document("s", url, "d.xml") == XML
        assert session.document("s", url, "d.xml", changed="2000-01-01T00:00:00") is None
        assert len(server.log) == 1
        assert session.document("s", url, "d.xml", changed="2999-01-01T00:00:00") is None
    # Changed since: asked again, conditionally; the server says 304.
    assert len(server.log) == 2 and "If-None-Match" in server.log[1].headers
    assert session.tally.fetched == {"s": 1} and session.tally.unchanged == {"s": 2}


# fmt: off
@pytest.mark.parametrize(
    ("value", "expected"),
    [("2025-01-31", "2025-01-31"), ("7d", "2026-11-30"), (" 0d ", "2026-12-07")],
)
# fmt: on
def test_fetch_parse_since(value, expected):
    import datetime as dt

    assert parse_since(value, today=dt.date(2026, 12, 7)).isoformat() == expected


@pytest.mark.parametrize("value", ["yesterday", "7 days", "2025-13-01", ""])
def test_fetch_parse_since_refuses(value):
    with pytest.raises(ValueError, match="--since"):
        parse_since(value)
