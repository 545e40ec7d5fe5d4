"""Agreement of extracted references with the publisher's own links in BWB XML.

The BWB toestand XML marks references with ``<intref>``/``<extref>``. We flatten the
XML with the project's BWB reader (``ingest.sources.bwb.read_bwb``: text + links with
offsets), run ``find_references`` on the text with the regeling as citing context, and
compare:

- recall: a link counts as found when an extracted reference overlaps its span and
  has the same (work, artikel);
- precision ("target agreement"): of the extracted references overlapping at least
  one link, the share whose (work, artikel) equals that of an overlapping link.

Division links (hoofdstuk/titeldeel/afdeling/paragraaf without an article) are a kind
of their own: found when an overlapping reference has the same work and names the
same innermost division (the last of hoofdstuk, titeldeel, afdeling, paragraaf the
link target gives: "afdeling 8.2.3" matches ``&afdeling=8.2.3`` whether or not the
hoofdstuk is given too). ``recall()`` leaves them out, as the earlier reports did;
``recall(with_divisions=True)`` takes them in.

A link without a target (``doc=""``: BWB 2012's Celex extrefs that give no CELEX
number, "Verordening 343/2003", and a few broken intrefs) states nothing to agree with:
it is counted apart (``untargeted``) and scores neither recall nor precision (a
reference overlapping only such links is not scored).
"""

from __future__ import annotations

import bisect
import contextlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from ingest.extract import find_references
from ingest.identifiers import jci_number
from ingest.models import CitingContext, EditorialLink, ResolvedReference
from ingest.sources.bwb import read_bwb

ROOT = Path(__file__).resolve().parent.parent
BWB_DIR = ROOT / "corpus" / "bwb"


def link_kind(link: EditorialLink) -> str:
    """legislation / treaty / eu_legislation / division / policy (a Vc paragraph) /
    other, from the link target."""
    work = link.work or ""
    if "circulaire.divisie=" in link.target:  # a Vc paragraph ("B8/2.1")
        return "policy"
    if work.startswith("BWB") and link.pinpoint.artikel is None:
        rest = link.target.split("&", 1)[1] if "&" in link.target else ""
        keys = {part.split("=")[0] for part in rest.split("&") if part}
        if keys - {"z", "g"}:
            return "division"
    if work.startswith("BWBR"):
        return "legislation"
    if work.startswith("BWBV"):
        return "treaty"
    if work[:1] == "3":
        return "eu_legislation"
    return "other"


@dataclass
class Agreement:
    """Counts per link kind."""

    links: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    overlapping: Counter[str] = field(default_factory=Counter)
    agreeing: Counter[str] = field(default_factory=Counter)
    abstained: Counter[str] = field(default_factory=Counter)  # overlapping, no work
    untargeted: int = 0  # links that name no target (not scored)
    misses: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)
    disagreements: list[tuple[str, str | None, str | None, str]] = field(
        default_factory=list
    )

    def add(self, other: Agreement) -> None:
        for mine, theirs in (
            (self.links, other.links),
            (self.found, other.found),
            (self.overlapping, other.overlapping),
            (self.agreeing, other.agreeing),
            (self.abstained, other.abstained),
        ):
            mine.update(theirs)
        self.untargeted += other.untargeted
        self.misses.extend(other.misses)
        self.disagreements.extend(other.disagreements)

    def recall(
        self, kinds: set[str] | None = None, *, with_divisions: bool = False
    ) -> float:
        """Share of links found, over ``kinds`` (default: all, divisions only when
        ``with_divisions``)."""
        keys = kinds or {k for k in self.links if with_divisions or k != "division"}
        total = sum(self.links[k] for k in keys)
        return sum(self.found[k] for k in keys) / total if total else 1.0

    def precision(
        self, kinds: set[str] | None = None, *, resolved_only: bool = False
    ) -> float:
        """Share of overlapping references that agree; with ``resolved_only`` the
        unresolved ones (an abstention, not a wrong target) are left out."""
        keys = kinds or set(self.overlapping)
        total = sum(self.overlapping[k] for k in keys)
        if resolved_only:
            total -= sum(self.abstained[k] for k in keys)
        return sum(self.agreeing[k] for k in keys) / total if total else 1.0


def _key(work: str | None, artikel: str | None) -> tuple[str | None, str | None]:
    """BWB's own jci writes a letter after a digit in lower case ("artikel=3a:17" for
    the printed "3A:17"); the pinpoint keeps it as written, so compare the numbers as
    the IRIs do (``identifiers.jci_number``)."""
    return (work, jci_number(artikel) if artikel else artikel)


_DIVISION_KEYS = ("bijlage", "hoofdstuk", "titeldeel", "afdeling", "paragraaf")


def link_division(link: EditorialLink) -> tuple[str, str] | None:
    """The innermost division a division link targets, e.g. ("afdeling", "3.2")."""
    found = None
    for piece in link.target.split("&")[1:]:
        key, _, value = piece.partition("=")
        if key in _DIVISION_KEYS:
            found = (key, unquote(value))
    return found


def _same_target(ref: ResolvedReference, link: EditorialLink) -> bool:
    """Same (work, artikel); for a division link the same work and innermost division.
    BWB extrefs to EU acts (reeks="Celex") never carry an article, so for those the
    work alone is compared."""
    kind = link_kind(link)
    if kind == "eu_legislation" and link.pinpoint.artikel is None:
        return ref.work == link.work
    if kind == "policy":
        return (
            ref.work == link.work and ref.pinpoint.paragraaf == link.pinpoint.paragraaf
        )
    if kind == "division":
        division = link_division(link)
        return (
            division is not None
            and ref.work == link.work
            and ref.pinpoint.artikel is None
            and jci_number(getattr(ref.pinpoint, division[0], None) or "")
            == jci_number(division[1])
        )
    return _key(link.work, link.pinpoint.artikel) == _key(
        ref.work, ref.pinpoint.artikel
    )


def compare(
    links: tuple[EditorialLink, ...], refs: list[ResolvedReference]
) -> Agreement:
    """Recall and precision counts of ``refs`` against ``links`` (see module docstring)."""
    result = Agreement()
    refs = sorted(refs, key=lambda r: r.reference.start)
    starts = [r.reference.start for r in refs]
    longest = max((r.reference.end - r.reference.start for r in refs), default=0)

    def overlapping(start: int, end: int) -> list[ResolvedReference]:
        lo = bisect.bisect_left(starts, start - longest)
        hi = bisect.bisect_left(starts, end)
        return [
            r
            for r in refs[lo:hi]
            if r.reference.start < end and start < r.reference.end
        ]

    link_spans = sorted(
        (link for link in links if link.target or link.work),
        key=lambda link: link.start,
    )
    result.untargeted = len(links) - len(link_spans)
    for link in link_spans:
        kind = link_kind(link)
        result.links[kind] += 1
        hits = overlapping(link.start, link.end)
        if any(_same_target(r, link) for r in hits):
            result.found[kind] += 1
        else:
            result.misses.append((kind, link.text, link.work, link.pinpoint.artikel))
    link_starts = [link.start for link in link_spans]
    longest_link = max((link.end - link.start for link in link_spans), default=0)
    for ref in refs:
        start, end = ref.reference.start, ref.reference.end
        lo = bisect.bisect_left(link_starts, start - longest_link)
        hi = bisect.bisect_left(link_starts, end)
        near = [lk for lk in link_spans[lo:hi] if lk.start < end and start < lk.end]
        if not near:
            continue
        kind = str(ref.reference.kind)
        result.overlapping[kind] += 1
        if ref.work is None:
            result.abstained[kind] += 1
        if any(_agrees(ref, lk) for lk in near):
            result.agreeing[kind] += 1
        else:
            result.disagreements.append(
                (ref.reference.text, ref.work, ref.pinpoint.artikel, near[0].text)
            )
    return result


_RANGE = re.compile(r"tot en met|t/m|–|\d\s*-\s*\d")  # "3.26 - 3.32" too


def _agrees(ref: ResolvedReference, link: EditorialLink) -> bool:
    """Same (work, artikel); or, for a link over a whole range ("3:41 tot en met 3:45",
    which BWB targets at its first article; "C1 tot en met C23", its first Vc
    chapter), a same-work article or chapter inside that range."""
    if _same_target(ref, link):
        return True
    if link.work != ref.work or not _RANGE.search(link.text):
        return False
    if ref.reference.group("implied"):
        return True
    number = ref.pinpoint.artikel
    division = link_division(link)
    if number is None and division is not None:
        number = getattr(ref.pinpoint, division[0], None)
    if number is None and link_kind(link) == "policy":  # "C1 tot en met C23"
        number = ref.pinpoint.paragraaf
    return bool(ref.reference.start > link.start and number and number in link.text)


def agreement_for(path: Path) -> Agreement:
    """Extract from one BWB toestand file and compare with its own links."""
    document = read_bwb(path)
    refs = find_references(document.text, CitingContext.of(document))
    return compare(document.links, refs)


@contextlib.contextmanager
def title_table_without(excluded: set[str]) -> Iterator[None]:
    """Run with ``regeling_titles.csv`` as if rebuilt without the 2012 link texts of
    the regelingen ``excluded`` (BWB ids): the leave-one-law-out evaluation. Each row
    names the 2012 files its title came from (column ``sources``); a row is kept when
    another file gave it too. (A title that maps to two works overall but to one
    without the excluded file is not in the table either way; on the three laws this
    gives the same numbers as rebuilding from the 2012 XML.)"""
    import importlib

    import ingest

    # bench_generalise --root runs this on older checkouts too, where the tables were
    # read by ingest.resolve._read_csv and the grammar cached by ingest.extract._grammar
    # (looked for as a file: the editable install would find this checkout's module)
    if (Path(ingest.__file__).parent / "tables.py").exists():
        tables_module = importlib.import_module("ingest.tables")
        grammar_cache = importlib.import_module("ingest.grammar").load_grammar
        reader = "read_table"
    else:
        tables_module = importlib.import_module("ingest.resolve")
        grammar_cache = importlib.import_module("ingest.extract")._grammar
        reader = "_read_csv"
    original = getattr(tables_module, reader)
    rows = [
        row
        for row in original("regeling_titles.csv")
        if set(row["sources"].split()) - excluded
    ]

    def patched(name: str) -> list[dict[str, str]]:
        return rows if name == "regeling_titles.csv" else original(name)

    def clear() -> None:
        tables_module.load_alias_table.cache_clear()
        grammar_cache.cache_clear()

    setattr(tables_module, reader, patched)
    clear()
    try:
        yield
    finally:
        setattr(tables_module, reader, original)
        clear()


def leave_one_law_out(path: Path) -> Agreement:
    """Agreement for one BWB file with the title table built without that law's own
    2012 version (the file name starts with its BWB id)."""
    with title_table_without({path.name.split("_")[0]}):
        return agreement_for(path)
