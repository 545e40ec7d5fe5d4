"""Canonical work ids and the IRIs minted from them (see DESIGN.md, "Identifiers").

Pure functions: no network, no rdflib. ``work_iri`` is the one place that turns a
canonical id into an IRI; ``graph`` and the resolvers both call it.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import quote

from ingest.models import Pinpoint

OUR_BASE = "https://w3id.org/wetgraaf/id/"

BWB_ID = re.compile(r"^BWB[RV]\d{7}$")
ECLI = re.compile(r"^ECLI:[A-Z]{2}:[A-Z0-9]{1,7}:\d{4}:[A-Z0-9.]{1,25}$")
CELEX = re.compile(r"^[0-9CE]\d{4}[A-Z]{1,2}\d{4}(?:\(\d+\))?$")
OFFICIAL_PUBLICATION = re.compile(
    r"^(?:kst|stb|stcrt|ah-tk|ah-ek|h-tk|h-ek|trb|gmb)-[\w-]+$"
)
TK_RECORD = re.compile(r"^\d{4}[DZAP]\d{5}$")
TOEZEGGING = re.compile(r"^TZ\d{6}-\d{3}$")
#: A toezegging a letter states without a TK number: ``<letter id>-toezegging-<n>``,
#: the n-th such commitment in the letter (ingest/toezeggingen.py).
STATED_TOEZEGGING = re.compile(r"^(?P<document>.+)-toezegging-(?P<n>\d+)$")

_ELI_TYPES = {"L": "dir", "R": "reg", "D": "dec"}
_CELEX_PARTS = re.compile(r"^3(\d{4})([LRD])(\d{4})$")


def is_work_id(work: str) -> bool:
    """Whether ``work`` has the shape of one of our canonical ids."""
    return any(
        pattern.match(work)
        for pattern in (
            BWB_ID,
            ECLI,
            CELEX,
            OFFICIAL_PUBLICATION,
            TK_RECORD,
            TOEZEGGING,
        )
    )


# BWB's Juriconnect writes a letter that follows a digit in lower case ("artikel=3a:17",
# "11a.2", "hoofdstuk=3a" for the printed "3A:17", "11A.2", "3A") and keeps a leading
# one as printed ("artikel=I", "artikel=D_7" in the Kieswet).
_LETTER_AFTER_DIGIT = re.compile(r"(?<=\d)[A-Z]+")


def jci_number(number: str) -> str:
    """An article or division number as BWB's Juriconnect writes it: the IRI of a part
    is one whatever the case the citing text prints (the pinpoint keeps it as written).

    >>> jci_number("3A:17"), jci_number("11A.2"), jci_number("IX"), jci_number("X 4a")
    ('3a:17', '11a.2', 'IX', 'X 4a')
    """
    if number.lower() == number:
        return number  # no capital letter to write in lower case (most numbers)
    return _LETTER_AFTER_DIGIT.sub(lambda m: m.group().lower(), number)


def jci(work: str, pinpoint: Pinpoint) -> str:
    """The Juriconnect 1.3 reference of a BWB work part (``jci1.3:c:BWBR…&artikel=…``),
    numbers in BWB's case (``jci_number``)."""
    parts = [f"jci1.3:c:{work}"]
    # the parts from the outside in, as BWB writes them
    for key in (
        "bijlage",
        "hoofdstuk",
        "titeldeel",
        "afdeling",
        "paragraaf",
        "artikel",
    ):
        value = getattr(pinpoint, key)
        if value:
            parts.append(f"{key}={jci_number(value)}")
    if pinpoint.lid:
        parts.append(f"lid={pinpoint.lid}")
    if pinpoint.onderdeel:
        parts.append(f"onderdeel={pinpoint.onderdeel}")
    return "&".join(parts)


# Characters a Juriconnect reference keeps as they are inside an IRI; anything else
# (spaces, brackets from editorial numbers like "[24]") is percent-encoded.
_JCI_SAFE = ":&=/.,;-_~"


# a reference of these characters only (nearly every one) is its own encoding: quote
# would return it unchanged (ASCII letters and digits are always safe to it), at a
# cost every new part of a law pays
_JCI_PLAIN = re.compile(f"[A-Za-z0-9{re.escape(_JCI_SAFE)}]*")


def jci_iri(jci_reference: str) -> str:
    """The wetten.overheid.nl IRI of a Juriconnect reference, safely encoded."""
    if _JCI_PLAIN.fullmatch(jci_reference):
        return "https://wetten.overheid.nl/" + jci_reference
    return "https://wetten.overheid.nl/" + quote(jci_reference, safe=_JCI_SAFE)


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
    if EU_TREATY.match(work):
        return celex_iri(work)
    if OFFICIAL_PUBLICATION.match(work):
        return f"https://zoek.officielebekendmakingen.nl/{work}"
    if TOEZEGGING.match(work):
        return f"https://opendata.tweedekamer.nl/id/toezegging/{work}"
    stated = STATED_TOEZEGGING.match(work)
    if stated:
        letter = re.sub(r"[^\w.-]+", "-", stated["document"]).strip("-")
        return f"{OUR_BASE}toezegging/{letter}/{stated['n']}"
    if TK_RECORD.match(work):
        kind = {"D": "document", "Z": "zaak", "A": "activiteit", "P": "agendapunt"}[
            work[4]
        ]
        return f"https://opendata.tweedekamer.nl/id/{kind}/{work}"
    return OUR_BASE + "doc/" + re.sub(r"[^\w.-]+", "-", work).strip("-")


def celex_iri(celex: str) -> str:
    """The Cellar CELEX IRI (``owl:sameAs`` of the ELI IRI of an EU act)."""
    return f"http://publications.europa.eu/resource/celex/{celex}"


_WHOLE_WORK = Pinpoint()


# a law cites the same few parts over and over ("artikel 8:5 Awb", "het tweede lid")
@functools.lru_cache(maxsize=8192)
def part_iri(work: str, pinpoint: Pinpoint) -> str:
    """The IRI of a part of a work: Juriconnect for BWB, a fragment elsewhere."""
    if pinpoint == _WHOLE_WORK:
        return work_iri(work)
    if BWB_ID.match(work):
        return jci_iri(jci(work, pinpoint))
    fragment = "&".join(f"{key}={value}" for key, value in pinpoint.as_dict().items())
    return f"{work_iri(work)}#{quote(fragment, safe='=&.')}"


# --- normalisers and validators per scheme (used by the resolvers) -------------------

WBV = re.compile(r"^WBV \d{4}/\d{1,3}$")
EU_TREATY = re.compile(r"^1\d{4}[A-Z]/TXT$")
_ECLI_LOOSE = re.compile(
    r"^ECLI\s*:\s*([A-Za-z]{2})\s*:\s*([A-Za-z0-9]{1,7})\s*:\s*(\d{4})\s*:\s*([A-Za-z0-9.]+)$"
)
_ORDINAL_WORDS = [
    "eerste",
    "tweede",
    "derde",
    "vierde",
    "vijfde",
    "zesde",
    "zevende",
    "achtste",
    "negende",
    "tiende",
    "elfde",
    "twaalfde",
    "dertiende",
    "veertiende",
    "vijftiende",
    "zestiende",
    "zeventiende",
    "achttiende",
    "negentiende",
    "twintigste",
]
ORDINALS: dict[str, str] = {word: str(n) for n, word in enumerate(_ORDINAL_WORDS, 1)}
_EU_SECTOR = {"richtlijn": "L", "directive": "L", "verordening": "R", "regulation": "R"}
_EU_SECTOR.update({"besluit": "D", "decision": "D", "kaderbesluit": "F"})


def normalise_ecli(raw: str) -> str | None:
    """The canonical ECLI for a mention (spaces removed, upper case), or None if invalid.

    >>> normalise_ecli("ECLI : nl:RvS:2022:1973.")
    'ECLI:NL:RVS:2022:1973'
    """
    match = _ECLI_LOOSE.match(raw.strip().rstrip(".").replace("\n", " "))
    if not match:
        return None
    country, court, year, number = match.groups()
    ecli = f"ECLI:{country.upper()}:{court.upper()}:{year}:{number.upper()}"
    return ecli if ECLI.match(ecli) else None


def ordinal_number(word: str) -> str | None:
    """The number of a Dutch ordinal ("derde" -> "3"), or None."""
    return ORDINALS.get(word.lower())


def normalise_vergaderjaar(raw: str) -> str | None:
    """``2023/24``, ``2023-2024``, ``2023–24`` -> ``20232024`` (None if not consecutive)."""
    match = re.match(r"^(\d{4})\s*[/–—-]\s*(\d{2}|\d{4})$", raw.strip())
    if not match:
        return None
    first = int(match.group(1))
    second_raw = match.group(2)
    second = int(second_raw) if len(second_raw) == 4 else first + 1
    if second != first + 1 or (first + 1) % 100 != int(second_raw) % 100:
        return None
    return f"{first}{second}"


def normalise_dossier(raw: str) -> str:
    """A kamerstuk dossier number as in official ids: ``36 600 XX`` -> ``36600-XX``.

    >>> normalise_dossier("31.700.VIII")
    '31700-VIII'
    """
    text = re.sub(r"\(R\s?\d+\)", "", raw).strip()
    match = re.match(
        r"^(\d{1,2})[\s.-]?(\d{3})(?:\s*[.-]?\s*([A-Za-z]{1,5}|\d{1,3}))?$", text
    )
    if not match:
        return re.sub(r"\s+", "", text)
    number = match.group(1) + match.group(2)
    suffix = match.group(3)
    return (
        f"{number}-{suffix.upper() if suffix.isalpha() else suffix}"
        if suffix
        else number
    )


def kamerstuk_id(dossier: str, ondernummer: str) -> str:
    """``kst-<dossier>-<ondernummer>`` (ondernummer letters upper case, as published)."""
    return f"kst-{normalise_dossier(dossier)}-{ondernummer.upper()}"


def handelingen_id(kamer: str, vergaderjaar: str, nummer: str, item: str | None) -> str:
    """``h-tk-20182019-45-12`` style id for a Handelingen record."""
    chamber = "ek" if kamer.upper() in {"I", "EK", "EERSTE KAMER"} else "tk"
    parts = [f"h-{chamber}-{vergaderjaar}-{nummer}"]
    if item:
        parts.append(item)
    return "-".join(parts)


def aanhangsel_id(kamer: str, vergaderjaar: str, nummer: str) -> str:
    """``ah-tk-20242025-2138`` style id for an Aanhangsel Handelingen answer."""
    chamber = "ek" if kamer.upper() in {"I", "EK", "EERSTE KAMER"} else "tk"
    return f"ah-{chamber}-{vergaderjaar}-{nummer}"


def gazette_id(series: str, year: str, number: str) -> str:
    """``stb-2000-497``, ``stcrt-2019-34157``, ``trb-2010-12``."""
    return f"{series}-{year}-{int(number)}"


def celex_for_eu_act(act_type: str, year: str, number: str) -> str | None:
    """The CELEX number of an EU secondary act (``richtlijn``, 2003, 86 -> 32003L0086).

    Two-digit years are 19xx (``93/109/EG`` -> 31993L0109). Returns None when the
    act type or the numbers do not fit the CELEX sector-3 scheme.
    """
    sector = _EU_SECTOR.get(act_type.lower())
    if sector is None or not year.isdigit() or not number.isdigit():
        return None
    full_year = int(year) if len(year) == 4 else 1900 + int(year)
    if not 1951 <= full_year <= 2099 or len(number) > 4:
        return None
    return f"3{full_year}{sector}{int(number):04d}"


def is_valid_work(work: str) -> bool:
    """Whether ``work`` is one of our canonical ids (incl. WBV and EU treaty CELEX)."""
    return is_work_id(work) or bool(WBV.match(work) or EU_TREATY.match(work))


#: The three parts of the Vreemdelingencirculaire 2000 in BWB (checked against the
#: intitule of BWBR0012287 "(A)" and BWBR0012288 "(C)" in shared/corpus/bwb-wetgeving-2012;
#: B is BWBR0012289, the target of the B-paragraph extrefs in those files).
VC_PARTS: dict[str, str] = {"A": "BWBR0012287", "B": "BWBR0012289", "C": "BWBR0012288"}
