"""A loopback HTTP server that replays recorded responses of the official services.

Every service is mounted under its host name, so a client whose base URL is
``http://127.0.0.1:PORT/<host>`` requests exactly the official paths:
``/zoekservice.overheid.nl/sru/Search?…`` answers what ``zoekservice.overheid.nl``
answered when recorded. Routes match on method, host, path and a subset of the query
parameters (the most specific route wins); the server gives each body an ``ETag``
and answers ``If-None-Match`` with 304, and a route can stand for a fault (a status,
a truncated body, a pause). Every request is logged, for assertions.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import urllib.parse
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

API_DATA = Path(__file__).parent / "data" / "api"


@dataclass(frozen=True)
class Route:
    """One replayed answer. ``query`` values must all be present in the request
    (a list value: that parameter repeated, in that order); ``body`` overrides
    ``file``; ``truncate`` declares the full length but sends only that many bytes;
    ``pause`` waits before answering; ``times`` limits how often it answers (a
    fault that passes)."""

    host: str
    path: str
    file: str = ""
    query: Mapping[str, str | list[str]] = field(default_factory=dict)
    method: str = "GET"
    status: int = 200
    content_type: str = "text/xml; charset=utf-8"
    body: bytes | str | None = None
    truncate: int | None = None
    pause: float = 0.0
    headers: Mapping[str, str] = field(default_factory=dict)
    times: int | None = None  # answer only this often, then let other routes match

    def payload(self) -> bytes:
        if self.body is not None:
            return self.body.encode() if isinstance(self.body, str) else self.body
        return (API_DATA / self.file).read_bytes()


def load_routes() -> list[Route]:
    """The routes listed in tests/data/api/routes-*.json (one file per service;
    a row with only a ``comment`` is a note)."""
    routes = []
    for listing in sorted(API_DATA.glob("routes-*.json")):
        for row in json.loads(listing.read_text(encoding="utf-8")):
            if set(row) != {"comment"}:
                routes.append(Route(**row))
    return routes


@dataclass
class Logged:
    method: str
    host: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]


class ReplayServer:
    """Serve ``routes`` on 127.0.0.1 (an ephemeral port) in a background thread."""

    def __init__(self, routes: list[Route]) -> None:
        self.routes = list(routes)
        self.log: list[Logged] = []
        self._answered: dict[int, int] = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, host: str) -> str:
        """The base URL that stands for the service at ``host``."""
        return f"{self.base}/{host}"

    def add(self, route: Route) -> None:
        """Put ``route`` before the others (a fault overriding a recorded answer)."""
        self.routes.insert(0, route)

    def requests_to(self, host: str, path: str = "") -> list[Logged]:
        return [
            entry
            for entry in self.log
            if entry.host == host and (not path or entry.path == path)
        ]

    def start(self) -> ReplayServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _match(self, method: str, host: str, path: str, query: dict) -> Route | None:
        best: tuple[int, Route] | None = None
        for route in self.routes:
            if route.method != method or route.host != host or route.path != path:
                continue
            if not all(_has(query, name, value) for name, value in route.query.items()):
                continue
            if (
                route.times is not None
                and self._answered.get(id(route), 0) >= route.times
            ):
                continue
            if best is None or len(route.query) > best[0]:
                best = (len(route.query), route)
        if best is None:
            return None
        self._answered[id(best[1])] = self._answered.get(id(best[1]), 0) + 1
        return best[1]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                self._answer("GET")

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                form = self.rfile.read(length).decode("utf-8", "replace")
                self._answer("POST", urllib.parse.parse_qs(form))

            def _answer(self, method: str, form: dict | None = None) -> None:
                split = urllib.parse.urlsplit(self.path)
                host, _, rest = split.path.lstrip("/").partition("/")
                path = "/" + rest
                query = urllib.parse.parse_qs(split.query, keep_blank_values=True)
                query.update(form or {})
                server.log.append(
                    Logged(method, host, path, query, dict(self.headers.items()))
                )
                route = server._match(method, host, path, query)
                if route is None:
                    self._send(404, b"not recorded", "text/plain")
                    return
                if route.pause:
                    time.sleep(route.pause)
                body = route.payload()
                etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
                if route.status == 200 and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                extra = {"ETag": etag, **route.headers}
                self._send(
                    route.status, body, route.content_type, extra, route.truncate
                )

            def _send(
                self,
                status: int,
                body: bytes,
                content_type: str,
                headers: Mapping[str, str] | None = None,
                truncate: int | None = None,
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body if truncate is None else body[:truncate])
                if truncate is not None:
                    self.close_connection = True

        return Handler


def _has(query: Mapping[str, list[str]], name: str, value: str | list[str]) -> bool:
    wanted = value if isinstance(value, list) else [value]
    return query.get(name) == wanted


@contextmanager
def replaying(routes: list[Route]) -> Iterator[ReplayServer]:
    server = ReplayServer(routes).start()
    try:
        yield server
    finally:
        server.stop()
