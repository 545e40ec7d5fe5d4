"""Numbers as legal texts write them: article ranges ("2k t/m o"), leden ("eerste
tot en met derde lid"), onderdelen ("onder a, c en d"), division keywords, and the
type, year and number of an EU act ("Richtlijn 2008/115/EG").

Pure functions of a match or a string; the scanner calls them.
"""

from __future__ import annotations

import functools
import re

from ingest.errors import PatternError
from ingest.identifiers import ORDINALS

__all__ = [
    "article_number",
    "division_field",
    "eu_act_groups",
    "expand_range",
    "lid_numbers",
    "onderdeel_value",
    "optional_group",
]


def expand_range(first: str, last: str) -> list[str] | None:
    """Articles strictly between ``first`` and ``last`` ("2k","2o" -> 2l,2m,2n)."""
    m1 = re.fullmatch(r"(.*?)(\d+)([a-z]*)", first)
    if not m1:
        return None
    prefix, number, letters = m1.groups()
    if re.fullmatch(r"[a-z]{1,3}", last):  # "2k t/m o"
        last = prefix + number + last
    m2 = re.fullmatch(r"(.*?)(\d+)([a-z]*)", last)
    if not m2 or m2.group(1) != prefix:
        return None
    if letters or m2.group(3):
        if m2.group(2) != number:
            return None
        seq = _letter_sequence(letters, m2.group(3))
        return [prefix + number + s for s in seq] if seq is not None else None
    start, end = int(number), int(m2.group(2))
    if not 0 < end - start <= 60:
        return None
    return [f"{prefix}{n}" for n in range(start + 1, end)]


def _letter_index(letters: str) -> int:
    """a..z -> 1..26, aa..zz -> 27.. (the way BWB numbers inserted articles: 2z, 2aa)."""
    if not letters:
        return 0
    if len(letters) == 1:
        return ord(letters) - 96
    if len(set(letters)) == 1:
        return 26 * (len(letters) - 1) + ord(letters[0]) - 96
    return -1


def _letter_sequence(first: str, last: str) -> list[str] | None:
    lo, hi = _letter_index(first), _letter_index(last)
    if lo < 0 or hi < 0 or not 0 < hi - lo <= 60:
        return None
    out = []
    for index in range(lo + 1, hi):
        count, rest = divmod(index - 1, 26)
        out.append(chr(97 + rest) * (count + 1))
    return out


def optional_group(match: re.Match[str], name: str) -> str | None:
    """A group the pattern may not have (the combined part pattern has the English
    lids and onderdelen, the plain lid pattern not), without building groupdict()."""
    return match.group(name) if name in match.re.groupindex else None


def lid_numbers(match: re.Match[str]) -> list[str]:
    """The lid numbers of a lid match ("vijfde en zesde lid", "eerste tot en met
    derde lid" -> 1, 2, 3, "lid 3")."""
    if optional_group(match, "lide"):  # "(2) and (3)", "(2) to (5)"
        return _bracketed(match.group("lide"), match.group("liderest") or "")
    lids = match.group("lids")
    if not lids:
        return _LID_DIGITS.findall(match.group("lidn") or "")
    return list(_ordinal_lids(lids))


_LID_DIGITS = re.compile(r"\d+[a-z]?")
_LID_WORD = re.compile(r"[a-z]+|/")


# the same few phrases ("eerste lid", "tweede en derde lid") recur all through a law
@functools.lru_cache(maxsize=1024)
def _ordinal_lids(lids: str) -> tuple[str, ...]:
    words = _LID_WORD.findall(lids)
    numbers: list[str] = []
    range_open = False
    for word in words:
        if word in {"met", "/"}:  # "tot en met", "t/m"
            range_open = True
        elif word in ORDINALS:
            number = int(ORDINALS[word])
            if range_open and numbers:
                numbers.extend(str(n) for n in range(int(numbers[-1]) + 1, number))
            numbers.append(str(number))
            range_open = False
    return tuple(numbers)


_ONDERDEEL_WORD = re.compile(r"(?<![\w/])(?:[A-Za-z]{1,3}|\d{1,2})(?![\w/])|/")


def onderdeel_value(match: re.Match[str]) -> tuple[str | None, str | None]:
    """(onderdeel, onderdelen): one letter/number, or the list when more are named
    ("onder a, c en d" -> a,c,d; "onder a tot en met e" -> a,b,c,d,e)."""
    if optional_group(match, "onde"):  # "(a) and (b)"
        names = _bracketed(match.group("onde"), match.group("onderest") or "")
        return (None, ",".join(names)) if len(names) > 1 else (names[0], None)
    ond = match.group("ond")
    if not ond:
        return None, None
    ond = ond.rstrip("°")
    if not match.group("ondrest"):
        return ond, None
    names = [ond]
    range_open = False
    for word in _ONDERDEEL_WORD.findall(match.group("ondrest")):
        if word in {"met", "/"}:  # "tot en met", "toe en met", "t/m"
            range_open = True
        elif word not in {"en", "of", "t", "m", "tot", "toe", "dan", "wel"}:
            if range_open:
                names.extend(_between(names[-1], word))
            names.append(word)
            range_open = False
    return (None, ",".join(names)) if len(names) > 1 else (ond, None)


def _bracketed(first: str, rest: str) -> list[str]:
    """The numbers or letters of an English list of paragraphs or points: "(2)" and
    " and (3)" -> 2, 3; " to (5)" fills the range between."""
    names = [first]
    for gap, name in re.findall(r"([^(]*)\(([0-9a-z]+)\)", rest):
        if re.search(r"\bto\b", gap):
            names.extend(_between(names[-1], name))
        names.append(name)
    return names


def _between(first: str, last: str) -> list[str]:
    """The onderdelen strictly between two of the same kind (b..e -> c, d)."""
    if first.isdigit() and last.isdigit():
        return [str(n) for n in range(int(first) + 1, int(last))][:60]
    if len(first) == len(last) == 1 and first.isalpha() and last.isalpha():
        return [chr(c) for c in range(ord(first) + 1, ord(last))]
    return []


def article_number(raw: str) -> str:
    """An article number as BWB writes it ("5: 20" with a stray space -> "5:20")."""
    return raw.replace(": ", ":") if ": " in raw else raw


def division_field(keyword: str) -> str:
    """The pinpoint field of a division keyword ("afdelingen" -> "afdeling")."""
    word = keyword.lower()
    for stem, field in (
        ("hoofdstuk", "hoofdstuk"),
        ("afdeling", "afdeling"),
        ("titel", "titeldeel"),
        ("paragra", "paragraaf"),
    ):
        if word.startswith(stem):
            return field
    raise PatternError(f"no division field for {keyword!r}")


def eu_act_groups(m: re.Match[str] | None) -> dict[str, str] | None:
    """Type, year and number of an EU act mention, or None if it is not one."""
    if m is None:
        return None
    act = m.group("type").split()[-1].lower()
    org, org2, a, b = m.group("org"), m.group("org2"), m.group("a"), m.group("b")
    if act in {"besluit", "decision"} and not (org or org2):
        return None
    if act in {"richtlijn", "directive"}:
        year, number = a, b
    elif act in {"verordening", "regulation", "uitvoeringsverordening"}:
        a_year = len(a) == 4 and 1950 < int(a) < 2100
        b_year = len(b) == 4 and 1950 < int(b) < 2100
        if (
            m.group("nr")
            or (b_year and not a_year)
            or (org in {"EG", "EEG", "EC", "EEC"})
        ):
            year, number = b, a
        else:
            year, number = a, b
    else:
        year, number = a, b
    if act == "uitvoeringsverordening":
        act = "verordening"
    return {"eu_type": act, "eu_year": year, "eu_number": number}
