"""Official identifiers written in running text or in a URL: ``kst-35300-VI-12``,
``stcrt-2015-1234``, ``h-tk-20232024-12-5``, CELEX, ELI and BWB ids, a BWB id with the
pinpoint of a wetten.overheid.nl path, anchor or jci reference after it.
"""

from __future__ import annotations

import re

from ingest.models import ReferenceKind

__all__ = ["OFFICIAL_ID_PATTERNS", "read_official_id"]

_K = ReferenceKind

# the ids of the patterns (ingest/patterns/identifier.jsonl) read here
OFFICIAL_ID_PATTERNS = frozenset(
    {"kst_id", "gazette_id", "handelingen_id", "bwb_id", "celex", "eli_eu"}
)
# after a BWB id: a wetten.overheid.nl path (/2019-02-27/0/Hoofdstuk3/Artikel16) or
# anchor (#Hoofdstuk3_Afdeling1_Artikel16), or the parts of a jci reference
# (&artikel=16&lid=1)
_BWB_VERSION = re.compile(r"/\d{4}-\d{2}-\d{2}(?:/\d{1,2})?")
_BWB_PATH_PART = re.compile(
    r"[/#_](?P<kw>Boek|Deel|Hoofdstuk|Titeldeel|Afdeling|Paragraaf|Artikel|Lid)"
    r"(?P<num>[0-9A-Za-z](?:[0-9A-Za-z.:]*[0-9A-Za-z])?)"
)
_JCI_PART = re.compile(
    r"&(?P<kw>hoofdstuk|titeldeel|afdeling|paragraaf|artikel|lid|onderdeel)="
    r"(?P<num>[0-9A-Za-z](?:[0-9A-Za-z.:]*[0-9A-Za-z])?)"
)
_PINPOINT_FIELDS = ("hoofdstuk", "titeldeel", "afdeling", "paragraaf")
_ELI_TYPES = {"dir": "richtlijn", "reg": "verordening", "dec": "besluit"}


def read_official_id(
    tid: str, m: re.Match[str], text: str
) -> tuple[ReferenceKind, dict[str, str], int] | None:
    """An official identifier written in the text or in a URL: its kind, groups and
    end (a BWB id with the pinpoint of the URL or jci reference after it)."""
    d = m.groupdict()
    if tid == "kst_id":
        groups = {"dossier": d["dossier"], "ondernummer": d["nr"]}
        return _K.PARLIAMENTARY, groups, m.end()
    if tid == "gazette_id":
        groups = {"series": d["series"], "year": d["year"], "number": d["number"]}
        return _K.GAZETTE, groups, m.end()
    if tid == "handelingen_id":
        vj = d["vj"]
        if int(vj[4:]) != int(vj[:4]) + 1:
            return None
        kamer = "I" if d["chamber"] == "ek" else "II"
        groups = {"kamer": kamer, "vergaderjaar": f"{vj[:4]}-{vj[4:]}"}
        if d["pre"] == "ah":
            if d["item"]:
                return None  # an Aanhangsel has no items: not an id we know
            groups.update(aanhangsel="1", nummer=d["nr"])
        else:
            groups.update(handelingen="1", nummer=d["nr"], item=d["item"] or "")
        return _K.PARLIAMENTARY, groups, m.end()
    if tid == "celex":
        celex = d["celex"]
        if celex[0] == "0":  # a consolidated version ("02009L0065-20130620"): the act
            celex = "3" + celex[1:]
        kind = _K.CASE_LAW if celex[0] == "6" else _K.EU_LEGISLATION
        return kind, {"celex": celex}, m.end()
    if tid == "eli_eu":
        groups = {
            "eu_type": _ELI_TYPES[d["eli_type"]],
            "eu_year": d["eli_year"],
            "eu_number": d["eli_number"],
        }
        return _K.EU_LEGISLATION, groups, m.end()
    bwb = d["bwb"].upper()
    kind = _K.TREATY if bwb.startswith("BWBV") else _K.LEGISLATION
    groups = {"bwb": bwb}
    end = m.end()
    version = _BWB_VERSION.match(text, end)
    pos = version.end() if version else end
    parts: dict[str, str] = {}
    pattern = _JCI_PART if text.startswith("&", pos) else _BWB_PATH_PART
    while (part := pattern.match(text, pos)) is not None:
        parts[part.group("kw").lower()] = part.group("num")
        pos = part.end()
    if "artikel" in parts:  # the article is the pinpoint, as in the publisher's links
        groups["artikel"] = parts["artikel"]
        for key in ("lid", "onderdeel"):
            if key in parts:
                groups[key] = parts[key]
    else:
        for key in _PINPOINT_FIELDS:
            if key in parts:
                groups[key] = parts[key]
    return kind, groups, pos if parts else end
