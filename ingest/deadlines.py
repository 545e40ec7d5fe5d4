"""Deadlines stated in prose ("in het najaar van 2025", "Q2 2026") as date ranges.

``parse_deadline`` returns the range of the first deadline phrase in a text. A phrase
without a year ("voor de zomer") takes the year of the reference date (the date the
promise was made), or the next year when that range would already be over.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

from ingest.models import DateRange

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
        start=1,
    )
}
# Seasons as (first month, last month) in the Dutch usage of policy letters.
SEASONS = {
    "voorjaar": (3, 5),
    "lente": (3, 5),
    "zomer": (6, 8),
    "najaar": (9, 11),
    "herfst": (9, 11),
}
# What comes after a season ("na de zomer" is the autumn, not the summer itself).
NEXT_SEASON = {
    "voorjaar": "zomer",
    "lente": "zomer",
    "zomer": "najaar",
    "najaar": "winter",
    "herfst": "winter",
}
ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4}
SHORT_TERM_DAYS = 90  # "op korte termijn": within about three months
SUMMER_RECESS = (7, 1)  # the Tweede Kamer's zomerreces starts early July
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_OPT_YEAR = rf"(?:\s+(?:van\s+)?{_YEAR})?"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year(match: re.Match[str], reference: dt.date) -> int:
    return int(match.group("year")) if match.group("year") else reference.year


def _until(
    end: Callable[[int], dt.date], match: re.Match[str], ref: dt.date
) -> DateRange:
    """From the reference date until ``end(year)``; next year's if this one is past."""
    year = _year(match, ref)
    if not match.group("year") and end(year) < ref:
        year += 1
    start = ref if ref <= end(year) else dt.date(year, 1, 1)
    return DateRange(start, end(year))


def _season(match: re.Match[str], ref: dt.date) -> DateRange:
    first, last = SEASONS[match.group("season").lower()]
    year = _year(match, ref)
    if not match.group("year") and _month_end(year, last) < ref:
        year += 1
    return DateRange(dt.date(year, first, 1), _month_end(year, last))


def _season_range(season: str, year: int) -> DateRange:
    if season == "winter":  # December to the end of February of the next year
        return DateRange(dt.date(year, 12, 1), _month_end(year + 1, 2))
    first, last = SEASONS[season]
    return DateRange(dt.date(year, first, 1), _month_end(year, last))


def _after_season(match: re.Match[str], ref: dt.date) -> DateRange:
    """ "na de zomer (van 2025)": the season after it, next year's if already over."""
    return _after_season_named(match.group("season").lower(), match, ref)


def _after_season_named(season: str, match: re.Match[str], ref: dt.date) -> DateRange:
    following = NEXT_SEASON[season]
    year = _year(match, ref)
    found = _season_range(following, year)
    if not match.group("year") and found.end < ref:
        found = _season_range(following, year + 1)
    return found


def _this_season(match: re.Match[str], ref: dt.date) -> DateRange:
    """ "dit najaar", "komend voorjaar": this year's season, or the next one when this
    year's is over ("komend voorjaar" written in July is next spring)."""
    found = _season_range(match.group("season").lower(), ref.year)
    if found.end < ref:
        found = _season_range(match.group("season").lower(), ref.year + 1)
    return found


def _next_year(match: re.Match[str], ref: dt.date) -> DateRange:
    return DateRange(dt.date(ref.year + 1, 1, 1), dt.date(ref.year + 1, 12, 31))


def _start_of_next_year(match: re.Match[str], ref: dt.date) -> DateRange:
    return DateRange(dt.date(ref.year + 1, 1, 1), dt.date(ref.year + 1, 3, 31))


def _mid_next_year(match: re.Match[str], ref: dt.date) -> DateRange:
    return DateRange(dt.date(ref.year + 1, 5, 1), dt.date(ref.year + 1, 8, 31))


def _later_this_year(match: re.Match[str], ref: dt.date) -> DateRange:
    return DateRange(ref, dt.date(ref.year, 12, 31))


def _end_of_this_year(match: re.Match[str], ref: dt.date) -> DateRange:
    return DateRange(dt.date(ref.year, 12, 1), dt.date(ref.year, 12, 31))


def _quarter_named(match: re.Match[str], ref: dt.date) -> DateRange:
    """ "in het derde kwartaal (van 2024)"; without a year the coming one."""
    quarter = ORDINALS[match.group("ordinal").lower()]
    year = _year(match, ref)
    end = _month_end(year, 3 * quarter)
    if not match.group("year") and end < ref:
        year += 1
        end = _month_end(year, 3 * quarter)
    return DateRange(dt.date(year, 3 * quarter - 2, 1), end)


def _on_day(match: re.Match[str], ref: dt.date) -> DateRange:
    """ "uiterlijk 1 oktober" without a year: the coming 1 October."""
    month, day = MONTHS[match.group("month").lower()], int(match.group("day"))
    found = dt.date(ref.year, month, day)
    if found < ref:
        found = dt.date(ref.year + 1, month, day)
    return DateRange(found, found)


def _before_season(match: re.Match[str], ref: dt.date) -> DateRange:
    season = match.group("season").lower()
    if season == "zomer":  # in policy letters: before the summer recess (July)
        return _until(lambda y: dt.date(y, 6, 30), match, ref)
    first, _ = SEASONS[season]
    return _until(lambda y: dt.date(y, first, 1) - dt.timedelta(days=1), match, ref)


def _quarter(match: re.Match[str], ref: dt.date) -> DateRange:
    quarter, year = int(match.group("q")), _year(match, ref)
    return DateRange(dt.date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter))


def _half(match: re.Match[str], ref: dt.date) -> DateRange:
    year = _year(match, ref)
    first = match.group("half").lower() in ("eerste", "1e")
    if first:
        return DateRange(dt.date(year, 1, 1), dt.date(year, 6, 30))
    return DateRange(dt.date(year, 7, 1), dt.date(year, 12, 31))


def _on_date(match: re.Match[str], ref: dt.date) -> DateRange:
    day = dt.date(
        _year(match, ref), MONTHS[match.group("month").lower()], int(match.group("day"))
    )
    return DateRange(day, day)


def _end_of_year(match: re.Match[str], ref: dt.date) -> DateRange:
    year = _year(match, ref)
    return DateRange(dt.date(year, 12, 1), dt.date(year, 12, 31))


def _before_end_of_year(match: re.Match[str], ref: dt.date) -> DateRange:
    return _until(lambda y: dt.date(y, 12, 31), match, ref)


def _start_of_year(match: re.Match[str], ref: dt.date) -> DateRange:
    year = _year(match, ref)
    return DateRange(dt.date(year, 1, 1), dt.date(year, 3, 31))


def _mid_year(match: re.Match[str], ref: dt.date) -> DateRange:
    year = _year(match, ref)
    return DateRange(dt.date(year, 5, 1), dt.date(year, 8, 31))


def _summer_recess(match: re.Match[str], ref: dt.date) -> DateRange:
    month, day = SUMMER_RECESS
    return _until(lambda y: dt.date(y, month, day), match, ref)


def _short_term(match: re.Match[str], ref: dt.date) -> DateRange:
    return DateRange(ref, ref + dt.timedelta(days=SHORT_TERM_DAYS))


_SEASON = r"(?P<season>voorjaar|lente|zomer|najaar|herfst)\b"
_MONTH = "(?P<month>" + "|".join(MONTHS) + ")"
_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str], dt.date], DateRange]]] = [
    (re.compile(rf"\bvoor\s+(?:de|het)\s+{_SEASON}{_OPT_YEAR}", re.I), _before_season),
    (re.compile(rf"\bin\s+(?:de|het)\s+{_SEASON}{_OPT_YEAR}", re.I), _season),
    (re.compile(rf"\bna\s+(?:de|het)\s+{_SEASON}{_OPT_YEAR}", re.I), _after_season),
    (
        re.compile(rf"\bna\s+het\s+zomerreces(?P<season>){_OPT_YEAR}", re.I),
        lambda match, ref: _after_season_named("zomer", match, ref),
    ),
    (
        re.compile(rf"\b(?:dit|deze|komend(?:e)?|aanstaande)\s+{_SEASON}", re.I),
        _this_season,
    ),
    (
        re.compile(
            rf"\b(?:in\s+)?het\s+(?P<ordinal>eerste|tweede|derde|vierde)\s+kwartaal"
            rf"{_OPT_YEAR}",
            re.I,
        ),
        _quarter_named,
    ),
    (re.compile(r"\bbegin\s+(?:van\s+)?volgend\s+jaar", re.I), _start_of_next_year),
    (re.compile(r"\bmedio\s+volgend\s+jaar", re.I), _mid_next_year),
    (
        re.compile(r"\b(?:in\s+de\s+loop\s+van|in|gedurende)\s+volgend\s+jaar", re.I),
        _next_year,
    ),
    (re.compile(r"\blater\s+dit\s+jaar", re.I), _later_this_year),
    (re.compile(r"\beind(?:e)?\s+(?:van\s+)?dit\s+jaar", re.I), _end_of_this_year),
    (re.compile(rf"\bQ(?P<q>[1-4])\s*{_YEAR}", re.I), _quarter),
    (
        re.compile(
            rf"\b(?:het\s+)?(?P<q>[1-4])e\s+kwartaal\s+(?:van\s+)?{_YEAR}", re.I
        ),
        _quarter,
    ),
    (
        re.compile(
            rf"\b(?P<half>eerste|tweede|1e|2e)\s+helft\s+(?:van\s+)?{_YEAR}", re.I
        ),
        _half,
    ),
    (re.compile(rf"\bvoor\s+het\s+(?:zomer)?reces{_OPT_YEAR}", re.I), _summer_recess),
    (
        re.compile(r"\bop\s+(?:korte|zeer\s+korte)\s+termijn(?P<year>)", re.I),
        _short_term,
    ),
    (
        re.compile(
            rf"\b(?:per|vóór|voor|uiterlijk)\s+(?P<day>\d{{1,2}})\s+{_MONTH}\s+{_YEAR}",
            re.I,
        ),
        _on_date,
    ),
    (
        re.compile(
            rf"\b(?:per|vóór|voor|uiterlijk)\s+(?P<day>\d{{1,2}})\s+{_MONTH}(?!\s+\d)",
            re.I,
        ),
        _on_day,
    ),
    (re.compile(rf"\beind(?:e)?\s+(?:van\s+)?{_YEAR}", re.I), _end_of_year),
    (
        re.compile(
            rf"\bvoor\s+(?:het\s+)?einde?\s+van\s+(?:het\s+jaar|dit\s+jaar){_OPT_YEAR}",
            re.I,
        ),
        _before_end_of_year,
    ),
    (re.compile(rf"\bbegin\s+(?:van\s+)?{_YEAR}", re.I), _start_of_year),
    (re.compile(rf"\bmedio\s+{_YEAR}", re.I), _mid_year),
]


def find_deadline(
    text: str, reference_date: dt.date
) -> tuple[int, int, DateRange] | None:
    """The first deadline phrase in ``text``: its span and its date range."""
    best: tuple[int, int, DateRange] | None = None
    for pattern, convert in _RULES:
        match = pattern.search(text)
        if match is None or (best is not None and match.start() >= best[0]):
            continue
        try:
            best = (match.start(), match.end(), convert(match, reference_date))
        except ValueError:  # "per 31 februari 2026"
            continue
    return best


def parse_deadline(text: str, reference_date: dt.date) -> DateRange | None:
    """The date range of the first deadline stated in ``text``, or None.

    Args:
        text: prose, e.g. a paragraph of a Kamerbrief.
        reference_date: when the text was written (resolves "voor de zomer",
            "op korte termijn").
    """
    found = find_deadline(text, reference_date)
    return found[2] if found else None
