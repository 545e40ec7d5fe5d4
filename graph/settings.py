"""Settings shared by the CLI, the app and the docs, declared once (name, default, help)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
BUNDLED_CORPUS = PROJECT_DIR / "corpus"


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: the environment variable that sets it, its default and its help."""

    env: str
    default: str
    help: str

    def value(self) -> str:
        return os.environ.get(self.env) or self.default


def _default_store() -> str:
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(data_home) / "wetgraaf" / "store")


STORE = Setting(
    "WETGRAAF_STORE",
    _default_store(),
    "Folder of the embedded Oxigraph store.",
)
INDEX = Setting(
    "WETGRAAF_INDEX",
    "",
    "SQLite file of the read model (lists, counts, search, exports) that "
    "`wetgraaf build` writes and `wetgraaf index` rebuilds; empty means beside the "
    "store's folder (for an endpoint: beside WETGRAAF_STORE, named by the endpoint).",
)
CACHE = Setting(
    "WETGRAAF_CACHE",
    str(Path(_default_store()).with_name("cache")),
    "Folder of the raw payload cache that `wetgraaf fetch` fills and "
    "`wetgraaf build` reads.",
)
ENDPOINT = Setting(
    "WETGRAAF_ENDPOINT",
    "",
    "URL of a remote SPARQL 1.1 query endpoint; empty means the embedded store.",
)
UPDATE_ENDPOINT = Setting(
    "WETGRAAF_UPDATE_ENDPOINT",
    "",
    "URL of the SPARQL 1.1 Update endpoint that goes with WETGRAAF_ENDPOINT; "
    "empty means the remote store is read-only.",
)
ENDPOINT_USER = Setting(
    "WETGRAAF_ENDPOINT_USER", "", "User name for the remote endpoint (if it asks)."
)
ENDPOINT_PASSWORD = Setting(
    "WETGRAAF_ENDPOINT_PASSWORD", "", "Password for the remote endpoint."
)
ENDPOINT_AUTH = Setting(
    "WETGRAAF_ENDPOINT_AUTH",
    "basic",
    "HTTP authentication scheme of the remote endpoint: basic or digest.",
)
ENDPOINT_MAX_MB = Setting(
    "WETGRAAF_ENDPOINT_MAX_MB",
    "512",
    "Largest answer (in MB) read from the remote endpoint; a larger one is an error.",
)
UPDATE_TIMEOUT = Setting(
    "WETGRAAF_UPDATE_TIMEOUT",
    "120",
    "Seconds one update request to the remote endpoint (one document) may take.",
)

QUERY_TIMEOUT = Setting(
    "WETGRAAF_QUERY_TIMEOUT",
    "10",
    "Seconds a query from the SPARQL console may run.",
)
QUERY_ROW_LIMIT = Setting(
    "WETGRAAF_QUERY_ROWS",
    "5000",
    "Most rows a query from the SPARQL console returns.",
)
QUERY_WORKERS = Setting(
    "WETGRAAF_QUERY_WORKERS",
    "2",
    "Queries from the SPARQL console (and each `wetgraaf serve`) that run at once, "
    "each in its own worker process; more wait for a free one.",
)
QUERY_MEMORY_MB = Setting(
    "WETGRAAF_QUERY_MEMORY_MB",
    "2048",
    "Address space (in MB) the worker process of one query from the SPARQL console "
    "or `wetgraaf serve` may take; a query that needs more stops with an error.",
)
QUERY_MAX_KB = Setting(
    "WETGRAAF_QUERY_MAX_KB",
    "32",
    "Longest query text (in KB) the SPARQL console and `wetgraaf serve` take; reading "
    "it counts against the query's time limit.",
)
SERVICE_ALLOW = Setting(
    "WETGRAAF_SERVICE_ALLOW",
    "",
    "Endpoint IRIs a query may name in SERVICE (space-separated); empty refuses "
    "every SERVICE clause, in the console and in `wetgraaf serve`.",
)
SERVE_TIMEOUT = Setting(
    "WETGRAAF_SERVE_TIMEOUT",
    "60",
    "Seconds a query to `wetgraaf serve` may run before its worker is killed.",
)
SERVE_ROW_LIMIT = Setting(
    "WETGRAAF_SERVE_ROWS",
    "200000",
    "Most rows (or triples) one answer from `wetgraaf serve` holds.",
)


def allowed_services() -> frozenset[str]:
    """The SERVICE endpoints ``WETGRAAF_SERVICE_ALLOW`` names (none by default)."""
    return frozenset(SERVICE_ALLOW.value().split())


def store_path() -> Path:
    """The embedded store folder from ``WETGRAAF_STORE`` or the per-user default."""
    return Path(STORE.value()).expanduser()


def index_path(endpoint: str | None, location: Path | None = None) -> Path:
    """The read model's file: ``WETGRAAF_INDEX``, else beside the embedded store's
    folder ``location``, else (for ``endpoint``) beside the default store, named by a
    digest of the endpoint's URL, so that two endpoints never share an index."""
    if INDEX.value():
        return Path(INDEX.value()).expanduser()
    if endpoint:
        digest = hashlib.sha256(endpoint.encode("utf-8")).hexdigest()[:12]
        store = store_path()
        return store.with_name(f"{store.name}.endpoint-{digest}.index.sqlite")
    store = location or store_path()
    return store.with_name(store.name + ".index.sqlite")
