"""Fixtures for the fetch clients: the replay server standing for every service."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator

import pytest

from ingest.fetch.cache import PayloadCache
from ingest.fetch.endpoints import ENDPOINTS
from ingest.fetch.http import HttpClient
from ingest.fetch.session import FetchSession
from tests.replay import ReplayServer, load_routes


def point_endpoints_at(server: ReplayServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every service's base URL → the replay server's mount of its official host."""
    for endpoint in ENDPOINTS.values():
        host = urllib.parse.urlsplit(endpoint.default).netloc
        monkeypatch.setenv(endpoint.env, server.url(host))


@pytest.fixture
def replay(monkeypatch: pytest.MonkeyPatch) -> Iterator[ReplayServer]:
    """The recorded responses (tests/data/api/routes-*.json) on loopback, with every
    WETGRAAF_*_URL pointing at it."""
    server = ReplayServer(load_routes()).start()
    point_endpoints_at(server, monkeypatch)
    try:
        yield server
    finally:
        server.stop()


def quick_client() -> HttpClient:
    """An HTTP client that retries but never really waits (tests stay fast)."""
    return HttpClient(
        timeout=5, retries=2, backoff=0.0, interval=0.0, sleep=lambda _: None
    )


@pytest.fixture
def fetch_session(tmp_path, replay) -> Iterator[FetchSession]:
    """A fetch session against the replay server, caching under tmp_path/cache."""
    with PayloadCache(tmp_path / "cache") as cache:
        yield FetchSession(http=quick_client(), cache=cache)
