"""The base URL of every service wetgraaf fetches from, one environment variable each.

Clients request the services' official paths under these bases, so a mirror, a
proxy or the tests' local replay server is used by setting the variable alone.
"""

from __future__ import annotations

import os
import urllib.parse
from dataclasses import dataclass

__all__ = ["ENDPOINTS", "Endpoint", "base_url", "rebase_url"]


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One service: the variable that overrides its base URL, the default, help."""

    env: str
    default: str
    help: str

    def url(self) -> str:
        return (os.environ.get(self.env) or self.default).rstrip("/")


ENDPOINTS = {
    "bwb_sru": Endpoint(
        "WETGRAAF_BWB_SRU_URL",
        "https://zoekservice.overheid.nl",
        "BWB search (SRU 1.2, x-connection BWB): /sru/Search",
    ),
    "bwb_repository": Endpoint(
        "WETGRAAF_BWB_REPOSITORY_URL",
        "https://repository.officiele-overheidspublicaties.nl",
        "BWB repository: /bwb/<id>/manifest.xml, toestanden, WTI",
    ),
    "rechtspraak": Endpoint(
        "WETGRAAF_RECHTSPRAAK_URL",
        "https://data.rechtspraak.nl",
        "Rechtspraak open data: /uitspraken/zoeken, /uitspraken/content",
    ),
    "tk_odata": Endpoint(
        "WETGRAAF_TK_ODATA_URL",
        "https://gegevensmagazijn.tweedekamer.nl",
        "Tweede Kamer Gegevensmagazijn: /OData/v4/2.0/<entity>",
    ),
    "koop_sru": Endpoint(
        "WETGRAAF_KOOP_SRU_URL",
        "https://repository.overheid.nl",
        "Officiële bekendmakingen: /sru (SRU 2.0) and /frbr/officielepublicaties/…",
    ),
    "cellar_sparql": Endpoint(
        "WETGRAAF_CELLAR_SPARQL_URL",
        "https://publications.europa.eu",
        "EU Publications Office Cellar SPARQL: /webapi/rdf/sparql",
    ),
    "cellar": Endpoint(
        "WETGRAAF_CELLAR_URL",
        "https://publications.europa.eu",
        "Cellar content by CELEX: /resource/celex/<CELEX>",
    ),
}


def base_url(name: str) -> str:
    """The base URL of service ``name`` (a key of ENDPOINTS), as configured."""
    return ENDPOINTS[name].url()


def rebase_url(url: str, base: str) -> str:
    """An absolute URL found in a response (a next link, an item URL) moved onto the
    configured ``base``: its path and query kept, its scheme and host replaced, so a
    mirror or the replay server is asked for the same official path."""
    split = urllib.parse.urlsplit(url)
    path = split.path + (f"?{split.query}" if split.query else "")
    return base.rstrip("/") + "/" + path.lstrip("/")
