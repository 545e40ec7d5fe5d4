"""The reference tables shipped in ``ingest/data/``: regeling names, EU acts by common
name, the Boeken of the Burgerlijk Wetboek, inherited defined terms, case names and the
article numbers of the regelingen the corpus holds.

Both the scanner (which names to look for) and the resolver (what a name means) read
them, so they live here and import neither. Each loader checks the ids it reads and
raises :class:`PatternError` on a bad row; results are cached.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
from dataclasses import dataclass
from importlib import resources

from ingest import identifiers as ids
from ingest.errors import PatternError
from ingest.models import ReferenceKind

__all__ = [
    "AliasEntry",
    "ArticleSet",
    "EuActName",
    "kind_of_work",
    "load_alias_table",
    "load_article_sets",
    "load_bw_books",
    "load_case_names",
    "load_eu_acts",
    "load_inherited_terms",
    "read_table",
]

_K = ReferenceKind


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """One row of the alias tables: a title or abbreviation and the work it names."""

    alias: str
    work: str
    kind: ReferenceKind
    standalone: bool
    abbreviation: bool
    source: str
    # whether the scanner looks for it in any text (a trigger); the whole BWB's
    # citeertitels are only looked up where a designation stands ("artikel 5 van de …")
    scanned: bool = True


def read_table(name: str) -> list[dict[str, str]]:
    raw = (resources.files("ingest") / "data" / name).read_text(encoding="utf-8")
    lines = [line for line in raw.splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def kind_of_work(work: str) -> ReferenceKind:
    if work.startswith("BWBV") or ids.EU_TREATY.match(work):
        return _K.TREATY
    if ids.CELEX.match(work):
        return _K.EU_LEGISLATION
    return _K.LEGISLATION


@functools.cache
def load_alias_table() -> dict[str, AliasEntry]:
    """Alias -> entry, from ``regelingen.csv`` (curated), ``regeling_titles.csv``,
    the whole BWB's citeertitels and the abbreviations its titles use
    (``bwb_abbreviations.csv``)."""
    table: dict[str, AliasEntry] = {}
    for row in read_table("regeling_titles.csv"):
        alias, work = row["alias"], row["work"]
        words = alias.split()
        standalone = len(words) > 1 or alias.lower().endswith(("wet", "wetboek"))
        if not ids.BWB_ID.match(work):
            raise PatternError(f"regeling_titles.csv: bad BWB id {work!r}")
        table[alias] = AliasEntry(
            alias, work, kind_of_work(work), standalone, False, ""
        )
    for row in read_table("bwb_citeertitels.csv"):  # the whole BWB's citeertitels
        alias, work = row["alias"], row["work"]
        if not ids.BWB_ID.match(work):
            raise PatternError(f"bwb_citeertitels.csv: bad BWB id {work!r}")
        if alias in table:
            continue  # the link-derived title table was here first
        words = alias.split()
        standalone = len(words) > 1 or alias.lower().endswith(("wet", "wetboek"))
        table[alias] = AliasEntry(
            alias,
            work,
            kind_of_work(work),
            standalone,
            False,
            "bwb_citeertitels.csv",
            scanned=False,
        )
    for row in read_table("bwb_abbreviations.csv"):  # "Wbp": the BWB's own titles
        alias, work = row["alias"], row["work"]
        if not ids.BWB_ID.match(work):
            raise PatternError(f"bwb_abbreviations.csv: bad BWB id {work!r}")
        if alias in table:
            continue
        # an abbreviation the BWB's own citeertitels use for this regeling alone: a
        # name in any text, like the curated ones (case kept: "Wbp", not "wbp")
        table[alias] = AliasEntry(
            alias, work, kind_of_work(work), True, True, "bwb_abbreviations.csv"
        )
    for boek, book_work in load_bw_books().items():  # "Boek 7 van het BW"
        table[f"Boek {boek} van het Burgerlijk Wetboek"] = AliasEntry(
            f"Boek {boek} van het Burgerlijk Wetboek",
            book_work,
            _K.LEGISLATION,
            True,
            False,
            "burgerlijk_wetboek.csv",
        )
    for name, acts in load_eu_acts().items():
        table[name] = AliasEntry(
            name,
            acts[-1].celex,
            _K.EU_LEGISLATION,
            True,
            name.isupper(),
            "eu_acts.csv",
        )
    for row in read_table("regelingen.csv"):
        alias, work = row["alias"], row["work"]
        if not ids.is_valid_work(work):
            raise PatternError(f"regelingen.csv: bad work id {work!r}")
        abbreviation = bool(re.fullmatch(r"[A-Z][A-Za-z]{0,5}(?: ?\d{4})?", alias))
        table[alias] = AliasEntry(
            alias,
            work,
            ReferenceKind(row["kind"]),
            row["standalone"] == "1",
            abbreviation,
            row["source"],
        )
    return table


@dataclass(frozen=True, slots=True)
class EuActName:
    """One row of ``eu_acts.csv``: a common name and the act it means in a period."""

    name: str
    celex: str
    since: dt.date
    until: dt.date | None
    source: str

    def holds(self, day: dt.date) -> bool:
        return self.since <= day and (self.until is None or day < self.until)


@functools.cache
def load_eu_acts() -> dict[str, tuple[EuActName, ...]]:
    """Common name ("Procedurerichtlijn", also "procedurerichtlijn") -> the acts it
    names, oldest first, from ``eu_acts.csv``."""
    table: dict[str, list[EuActName]] = {}
    for row in read_table("eu_acts.csv"):
        if not ids.CELEX.match(row["celex"]):
            raise PatternError(f"eu_acts.csv: bad CELEX {row['celex']!r}")
        act = EuActName(
            row["name"],
            row["celex"],
            dt.date.fromisoformat(row["from"]),
            dt.date.fromisoformat(row["until"]) if row["until"] else None,
            row["source"],
        )
        names = [act.name]
        # "de procedurerichtlijn" in running text; not "visumcode", a word of other
        # titles ("tot vaststelling van een gemeenschappelijke visumcode")
        if act.name.endswith(("richtlijn", "verordening")) and " " not in act.name:
            names.append(act.name[0].lower() + act.name[1:])
        for name in names:
            table.setdefault(name, []).append(act)
    return {
        name: tuple(sorted(acts, key=lambda a: a.since)) for name, acts in table.items()
    }


@functools.cache
def load_bw_books() -> dict[str, str]:
    """Boek ("1", "7A") -> BWB id, from ``burgerlijk_wetboek.csv``."""
    books = {row["boek"]: row["work"] for row in read_table("burgerlijk_wetboek.csv")}
    for boek, work in books.items():
        if not ids.BWB_ID.match(work):
            raise PatternError(f"burgerlijk_wetboek.csv: bad BWB id {work!r} ({boek})")
    return books


@functools.cache
def load_inherited_terms() -> dict[str, tuple[tuple[str, str], ...]]:
    """BWB id -> (term, regeling name) that regeling defines for itself and the
    provisions resting on it, from ``inherited_terms.csv``
    (``tools/make_inherited_terms.py``)."""
    terms: dict[str, list[tuple[str, str]]] = {}
    for row in read_table("inherited_terms.csv"):
        if not ids.BWB_ID.match(row["work"]):
            raise PatternError(f"inherited_terms.csv: bad BWB id {row['work']!r}")
        terms.setdefault(row["work"], []).append((row["term"], row["name"]))
    return {work: tuple(pairs) for work, pairs in terms.items()}


@functools.cache
def load_case_names() -> dict[str, str]:
    """Case name or CJEU case number -> ECLI, from ``case_law.csv``."""
    table = {row["alias"]: row["work"] for row in read_table("case_law.csv")}
    for alias, work in table.items():
        if not ids.ECLI.match(work):
            raise PatternError(f"case_law.csv: bad ECLI {work!r} for {alias!r}")
    return table


@dataclass(frozen=True, slots=True)
class ArticleSet:
    """The article numbers of a regeling whose BWB XML the corpus holds (all its
    versions there), in jci spelling, lower case."""

    work: str
    title: str
    versions: tuple[str, ...]
    artikelen: frozenset[str]

    def has(self, artikel: str) -> bool:
        """Whether ``artikel`` ("14", "3A:17", "1F") is one of its articles; a capital
        letter after the number names a part of that article ("artikel 1F
        Vluchtelingenverdrag" is article 1, section F)."""
        number = artikel.replace(" ", "").lower()
        if number in self.artikelen:
            return True
        part = _ARTICLE_SECTION.fullmatch(artikel)
        return part is not None and part.group(1).lower() in self.artikelen


_ARTICLE_SECTION = re.compile(r"(\d+[a-z]*)[A-Z]")


@functools.cache
def load_article_sets() -> dict[str, ArticleSet]:
    """BWB id -> its articles, from ``bwb_articles.csv`` (generated from the corpus
    XML by ``tools/make_article_numbers.py``)."""
    sets = {}
    for row in read_table("bwb_articles.csv"):
        work = row["work"]
        if not ids.BWB_ID.match(work):
            raise PatternError(f"bwb_articles.csv: bad BWB id {work!r}")
        sets[work] = ArticleSet(
            work,
            row["title"],
            tuple(row["versions"].split()),
            frozenset(row["artikelen"].split()),
        )
    return sets
