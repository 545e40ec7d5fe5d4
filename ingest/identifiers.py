"""Canonical work ids and the IRIs minted from them (see DESIGN.md, "Identifiers").

Pure functions: no network, no rdflib. ``work_iri`` is the one place that turns a
canonical id into an IRI; ``graph`` and the resolvers both call it.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from ingest.models import Pinpoint

OUR_BASE = "https://w3id.org/wetgraaf/id/"

BWB_ID = re.compile(r"^BWB[RV]\d{7}$")
ECLI = re.compile(r"^ECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]{1,25}$")
CELEX = re.compile(r"^[0-9CE]\d{4}[A-Z]{1,2}\d{4}(?:\(\d+\))?$")
OFFICIAL_PUBLICATION = re.compile(r"^(?:kst|stb|stcrt|ah-tk|ah-ek|h-tk|h-ek|trb|gmb)-[\w-]+$")
TK_RECORD = re.compile(r"^\d{4}[DZAP]\d{5}$")
TOEZEGGING = re.compile(r"^TZ\d{6}-\d{3}$")

_ELI_TYPES = {"L": "dir", "R": "reg", "D": "dec"}
_CELEX_PARTS = re.compile(r"^3(\d{4})([LRD])(\d{4})$")


def is_work_id(work: str) -> bool:
    """Whether ``work`` has the shape of one of our canonical ids."""
    return any(
        pattern.match(work)
        for pattern in (BWB_ID, ECLI, CELEX, OFFICIAL_PUBLICATION, TK_RECORD, TOEZEGGING)
    )


def jci(work: str, pinpoint: Pinpoint) -> str:
    """The Juriconnect 1.3 reference of a BWB work part (``jci1.3:c:BWBR…&artikel=…``)."""
    parts = [f"jci1.3:c:{work}"]
    if pinpoint.paragraaf:
        parts.append(f"paragraaf={pinpoint.paragraaf}")
    if pinpoint.artikel:
        parts.append(f"artikel={pinpoint.artikel}")
    if pinpoint.lid:
        parts.append(f"lid={pinpoint.lid}")
    if pinpoint.onderdeel:
        parts.append(f"onderdeel={pinpoint.onderdeel}")
    return "&".join(parts)


def work_iri(work: str) -> str:
    """The IRI of a canonical work id (documents without an official id: our base).

    >>> work_iri("BWBR0011823")
    'https://wetten.overheid.nl/BWBR0011823'
    >>> work_iri("ECLI:EU:C:2017:354")
    'http://publications.europa.eu/resource/ecli/ECLI%3AEU%3AC%3A2017%3A354'
    """
    if BWB_ID.match(work):
        return f"https://wetten.overheid.nl/{work}"
    if ECLI.match(work):
        if work.startswith("ECLI:EU:"):
            return "http://publications.europa.eu/resource/ecli/" + quote(work, safe="")
        return f"http://deeplink.rechtspraak.nl/uitspraak?id={work}"
    if CELEX.match(work):
        match = _CELEX_PARTS.match(work)
        if match:
            year, sector, number = match.groups()
            return f"http://data.europa.eu/eli/{_ELI_TYPES[sector]}/{year}/{int(number)}/oj"
        return f"http://publications.europa.eu/resource/celex/{work}"
    if OFFICIAL_PUBLICATION.match(work):
        return f"https://zoek.officielebekendmakingen.nl/{work}"
    if TOEZEGGING.match(work):
        return f"https://opendata.tweedekamer.nl/id/toezegging/{work}"
    if TK_RECORD.match(work):
        kind = {"D": "document", "Z": "zaak", "A": "activiteit", "P": "agendapunt"}[work[4]]
        return f"https://opendata.tweedekamer.nl/id/{kind}/{work}"
    return OUR_BASE + "doc/" + re.sub(r"[^\w.-]+", "-", work).strip("-")


def celex_iri(celex: str) -> str:
    """The Cellar CELEX IRI (``owl:sameAs`` of the ELI IRI of an EU act)."""
    return f"http://publications.europa.eu/resource/celex/{celex}"


def part_iri(work: str, pinpoint: Pinpoint) -> str:
    """The IRI of a part of a work: Juriconnect for BWB, a fragment elsewhere."""
    if not pinpoint.as_dict():
        return work_iri(work)
    if BWB_ID.match(work):
        return "https://wetten.overheid.nl/" + jci(work, pinpoint)
    fragment = "&".join(f"{key}={value}" for key, value in pinpoint.as_dict().items())
    return f"{work_iri(work)}#{quote(fragment, safe='=&.')}"
