"""The compiled citation grammar: the patterns of ``ingest/patterns/*.jsonl``, the
regeling and case names the scanner must recognise, and the one-pass trigger scan
that finds where a pattern may start.

Built once per process (:func:`load_grammar`); the scanner (:mod:`ingest.scanner`)
walks a text with it.
"""

from __future__ import annotations

import functools
import json
import os.path
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from ingest.errors import PatternError
from ingest.tables import (
    load_alias_table,
    load_article_sets,
    load_case_names,
    load_inherited_terms,
)

__all__ = ["Grammar", "PatternSpec", "load_grammar", "load_patterns"]

_SPACES = re.compile(r"\s+")
_HEAD = 2000  # characters of the text's head a trigger at offset 0 may look at


@dataclass(frozen=True, slots=True)
class PatternSpec:
    """One line of a patterns/*.jsonl file."""

    id: str
    label: str
    pattern: str
    note: str = ""
    anchors: tuple[str, ...] = ()  # lower-case strings where the pattern may start
    case_anchors: tuple[str, ...] = ()  # case-sensitive strings (checked in the text)
    # or a lower-case literal followed by a regex ("het" + r"\s+(?:[a-z]+\s+)?lid"),
    # both matched on the lower-cased text
    tail_anchors: tuple[str, ...] = ()
    anchor_tail: str = ""


@functools.cache
def load_patterns() -> dict[str, PatternSpec]:
    """All shipped patterns by id (raises PatternError on a malformed file)."""
    specs: dict[str, PatternSpec] = {}
    folder = resources.files("ingest") / "patterns"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".jsonl"):
            continue
        for number, line in enumerate(
            entry.read_text(encoding="utf-8").splitlines(), 1
        ):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                spec = PatternSpec(
                    row["id"],
                    row["label"],
                    row["pattern"],
                    row.get("note", ""),
                    tuple(row.get("anchors", ())),
                    tuple(row.get("case_anchors", ())),
                    tuple(row.get("tail_anchors", ())),
                    row.get("anchor_tail", ""),
                )
                re.compile(spec.pattern)
                if bool(spec.tail_anchors) != bool(spec.anchor_tail):
                    raise ValueError("tail_anchors and anchor_tail go together")
                if re.compile(spec.anchor_tail).groups:
                    raise ValueError("anchor_tail must not capture")
            except (ValueError, KeyError, re.error) as exc:
                raise PatternError(f"{entry.name}:{number}: {exc}") from exc
            specs[spec.id] = spec
    return specs


def _trie_pattern(words: Iterable[str], tails: Iterable[tuple[str, str]] = ()) -> str:
    """A regex alternation of ``words`` factored as a trie (longest match wins).

    ``tails`` are (literal, regex) pairs: the literal joins the trie and the regex
    follows it, tried after the longer literals on the same path.
    """
    trie: dict[str, dict] = {}
    for word, tail in [*((w, "") for w in words), *tails]:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        if tail:
            node.setdefault("\0", {})[tail] = {}
        else:
            node[""] = {}

    def render(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [
            (r"\s+" if ch == " " else re.escape(ch)) + render(child)
            for ch, child in sorted(node.items())
            if ch and ch != "\0"
        ]
        branches += sorted(node.get("\0", {}))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return render(trie)


def _by_id(trigger: tuple[str, str | None]) -> tuple[str, str]:
    return trigger[0], trigger[1] or ""


class Grammar:
    """Compiled patterns plus the alias names the scanner must recognise."""

    def __init__(self) -> None:
        specs = load_patterns()
        self.p = {key: re.compile(spec.pattern) for key, spec in specs.items()}
        p = specs
        self.aliases = load_alias_table()
        self.inherited_terms = load_inherited_terms()
        self.article_works = frozenset(load_article_sets())
        scanned = {name: entry for name, entry in self.aliases.items() if entry.scanned}
        self.scanned = frozenset(scanned)
        names = sorted(scanned)
        self.alias_at = re.compile(
            "(?:" + _trie_pattern(names) + r")(?![\w-])(?!\s+\d{4}(?![\d/]))"
        )
        self.standalone_names = sorted(
            name for name, entry in scanned.items() if entry.standalone
        )
        # every title of the table by its lower-case spelling ("OPIUMWET", "Wet Op De
        # Rechterlijke Organisatie", "wet openbaarheid van bestuur"), when one work has
        # it; abbreviations ("BW", "VV") and short names keep their case
        folded: dict[str, str | None] = {}
        for name, entry in self.aliases.items():
            if entry.abbreviation or name.isupper() or len(name) < 5:
                continue
            key = name.lower()
            other = folded.get(key)
            if other is None and key not in folded:
                folded[key] = name
            elif other is not None and self.aliases[other].work != entry.work:
                folded[key] = None
        self.folded = {key: name for key, name in folded.items() if name}
        # first word -> the numbers of words of the titles starting with it
        lengths: dict[str, set[int]] = {}
        for key in self.folded:
            words = key.split()
            lengths.setdefault(words[0], set()).add(len(words))
        self.title_lengths = {word: frozenset(n) for word, n in lengths.items()}
        self.case_names = load_case_names()
        # case numbers have a pattern of their own, CELEX numbers are no names
        named_cases = [
            name
            for name in self.case_names
            if name[:2] not in {"C-", "T-"} and not name[:1].isdigit()
        ]
        self.person_title = self.p["person_title"]
        standalone = self.standalone_names + named_cases
        # Names join the one-pass trigger scan (lower-cased, id "name"); where one
        # may start, ``name_at`` (case-sensitive, longest name first) decides.
        self.names = sorted(set(standalone))
        self.name_at = re.compile(
            _trie_pattern(self.names) + r"(?![\w])(?!\s+\d{4}(?![\d/]))"
        )
        self.number = p["artikel_number"].pattern
        # "4.24 tot en met artikel 4.26": the keyword may come again after "t/m"
        self.item = re.compile(
            rf"(?P<num>{self.number})(?:(?P<rng>{p['range_connector'].pattern}"
            r"(?:(?:artikel|art\.)\s+)?)"
            rf"(?P<num2>{self.number}|[a-z]{{1,3}}(?![\w])))?"
        )
        division = p["division_number"].pattern
        self.division_number = re.compile(division)
        self.division_item = re.compile(
            rf"(?P<num>{division})(?:(?P<rng>{p['range_connector'].pattern})"
            rf"(?P<num2>{division}))?"
        )
        self.division_separator = re.compile(
            r"(?:\s*,\s*(?:en\s+|of\s+)?|\s+(?:en|of|en/of|dan\s+wel|alsmede"
            r"|respectievelijk|onderscheidenlijk)\s+)(?:(?P<kw>hoofdstuk(?:ken)?"
            r"|afdeling(?:en)?|titel(?:s|deel|delen)?|paragra(?:af|fen))\s+)?"
            r"(?=\d|[IVXLC])"
        )
        # "titel I van het Tweede Boek van het Wetboek van Strafrecht": the book is
        # passed over (BWB's own links name the titeldeel only)
        self.article_heading = re.compile(
            r"(?m)^(?:Artikel|ARTIKEL)[ \t]+[\dIVXLC][\w.:]{0,10}[ \t]*$"
        )
        self.boek = re.compile(
            r"\s+van\s+(?:het\s+)?(?:(?:[Ee]erste|[Tt]weede|[Dd]erde|[Vv]ierde|[Vv]ijfde"
            r"|[Zz]esde|[Zz]evende|[Aa]chtste)\s+[Bb]oek|[Bb]oek\s+\d{1,2})(?=\s+van\s)"
        )
        # a list line under "artikel:": "a. 16, …" or "d. artikel 22, …"
        self.list_line = re.compile(
            r"\s*\n[ \t]*[a-z0-9]{1,3}[.°)][ \t]+(?:(?:artikel|art\.)[ \t]+)?(?=\d)"
        )
        self.lid = self.p["lid"]
        self.onderdeel = self.p["onderdeel"]
        self.separator = re.compile(p["list_separator"].pattern + r"(?=\d)")
        self.designation_prefix = self.p["designation_prefix"]
        # parts below the lid that the pinpoint does not keep (the comma and white
        # space possessive, as in the lid pattern: a word follows them)
        minor = (
            r",?+\s*+(?:(?:eerste|tweede|derde|vierde|vijfde|laatste)\s+(?:volzin|zin)"
            r"|ten\s+(?:eerste|tweede|derde|vierde|vijfde|zesde|zevende|achtste"
            r"|negende|tiende)|punt\s+\d{1,2}[a-z]?)\b"  # "artikel 3, punt 6, van de …"
        )
        # one match per part after an article number instead of three
        self.part = re.compile(
            f"(?:{self.lid.pattern})|(?:{p['lid_en'].pattern})|(?P<minor>{minor})"
            f"|(?:{self.onderdeel.pattern})|(?:{p['onderdeel_en'].pattern})"
        )
        self.line_head = re.compile(
            r"[ \t]*(?P<title>[A-Z][^\n:;]{2,150}?)(?::\s|,\s+(?:met\s+uitzondering"
            r"|voor\s+zover|(?:de\s+)?artikel(?:en)?\s))"
        )
        self.line_head_possible = True
        # a line "<words>: …" that is not a list item "a. …" (the words possessive:
        # they hold no colon, so giving some back never finds one, on any line)
        self.entry_line = re.compile(
            r"\n[ \t]*(?:(?![a-z0-9]{1,3}[.°)][ \t])(?P<head>[^\n:;]{2,80}+):(?=[ \t\n])"
            r"|(?:Bijlage|BIJLAGE|Hoofdstuk|HOOFDSTUK|Afdeling|Titel|Paragraaf)[ \t])"
        )
        self.book_line = re.compile(
            r"[ \t]*[a-z0-9]{1,3}[.°)][ \t]+Boek[ \t]+(\d{1,2}):"
        )
        self.term_end = re.compile(
            r"\s*[,.;)\n]|\s*$|\s+(?:en|of|dan|is|zijn|wordt|worden|werd|werden|heeft"
            r"|hebben|kan|kunnen|moet|mag|zal|te|aan|bij|door|in|met|om|tot|uit|voor"
            r"|zoals|niet|\w{2,}(?:de|te)"
            # a past participle: "ingevolge de Wet vereist", "bij de Wet gesteld"
            # (not a noun in -heid: "Wet bereikbaarheid …" would be another title)
            r"|(?:ge|be|ver|ont|her)\w{3,}(?<!hei)[dt])(?![\w-])"
        )
        self.of_that_article = re.compile(
            r"\s+van\s+(dat|dit|datzelfde|hetzelfde)\s+artikel(?![\w])"
        )
        # a word that makes "Wet"/"Besluit" the start of a longer title; a date
        # makes it an act by date ("de wet van 25 november 2013 tot wijziging …",
        # the \b after the words only: "van 25" has none after its first digit)
        self.title_word = re.compile(
            r"\s+(?:(?:op\s+(?:het|de)|inzake|betreffende|tot|houdende|ter)\b|van\s+\d)"
        )
        self.act_word = re.compile(r"richtlijn|verordening|besluit|decision|regulation")
        self.lid_connector = re.compile(r",?\s+(?:en|of)(?=\s)")
        # typos inside a list: "44. tweede lid" (a stray full stop before the lid:
        # no sentence opens with a lower-case ordinal), "de artikelen 2.4. 2.5 en 2.6"
        ordinal = p["ordinal"].pattern
        self.stray_dot_lid = re.compile(
            rf"\.(?=[ \t]+(?:{ordinal})(?:(?:\s*,\s*|\s+(?:en|of)\s+)(?:{ordinal}))*"
            r"\s+lid\b)"
        )
        self.stray_dot_item = re.compile(r"\.[ \t]+(?=\d)")
        self.plural_keyword = re.compile(r"(?:[Aa]rtikelen|ARTIKELEN|[Aa]rtt\.)")
        # words of an article's parts that the part grammar does not read ("tweede/
        # vijfde lid", ", tweede, lid,", "lid 1en 2", "juncto tweede lid", "eerste dan
        # wel tweede lid", "6.5a 1", "3e lid sub a"): passed over only up to a
        # regeling named right after them (Scanner._designation_after_unread)
        part_word = (
            rf"(?:{ordinal}|laatste|\d{{1,2}}[a-z]{{0,3}}|[a-z]|lid|leden|aanhef|onder"
            r"|sub|onderdelen|onderdeel|juncto|jo\.|en|of|én|dan\s+wel|respectievelijk"
            r"|met\s+name|dan|tot\s+en\s+met(?:\s+het)?|t/m|volzin|zin|alinea)"
        )
        self.unread_parts = re.compile(rf"(?:[ \t]*(?:[,/()°]|{part_word}(?![\w])))+")
        # the words may end in a part, not in a conjunction ("artikel 12 of het Vb")
        self.unread_last = re.compile(
            rf"(?:^|[^\w])(?:{ordinal}|laatste|\d{{1,2}}[a-z]{{0,3}}|[a-z]|lid|leden|[)°])$"
        )
        # "Article 40 of the Statute of the Council of Europe": an English designation
        # of an act that is no EU act (those are read by designation_of)
        # ("of the Convention", "of the Protocol" in a treaty's text are its own)
        self.english_designation = re.compile(
            r",?\s+of\s+the\s+(?!(?:Convention|Protocol)(?![\w-])(?!\s+(?:on|for|of)\s))"
            r"[A-Z][\w-]*(?:(?:\s+(?:of|on|for|and|the))*\s+[A-Z][\w-]*)*"
        )
        self._compile_triggers(specs.values())

    def _compile_triggers(self, specs: Iterable[PatternSpec]) -> None:
        """One alternation of every trigger, run once over the lower-cased text.

        A trigger that starts with a letter or digit only counts after a character
        that is not a-z (``scan`` drops the rest anyway), so the compiled pattern
        starts with ``[^a-z]``: the engine skips through the text in C and tries the
        alternatives (one trie: each fails on its first character) only there.
        Case-sensitive anchors ("TK", "Eerste") are matched lower-cased and then
        checked on the original text. Anchors that do not start with a letter or
        digit ("§", "/EEG") are found with ``str.find``, without that condition.
        """
        word: list[tuple[str, str, str | None]] = [  # (lowered, id, case-sensitive)
            (name.lower(), "name", None) for name in self.names
        ]
        other: list[tuple[str, str, str | None]] = []
        tails: list[tuple[str, str]] = []
        self.tail_triggers: list[tuple[tuple[str, ...], re.Pattern[str], str]] = []
        for spec in specs:
            anchors: list[tuple[str, str | None]] = [(a, None) for a in spec.anchors]
            anchors += [(anchor, anchor) for anchor in spec.case_anchors]
            for anchor, case in anchors:
                item = (anchor.lower(), spec.id, case)
                (word if anchor[:1].isalnum() else other).append(item)
            if spec.tail_anchors:
                if not all(
                    a[:1].isalnum() and a == a.lower() for a in spec.tail_anchors
                ):
                    raise PatternError(f"{spec.id}: tail anchors must be [a-z0-9]…")
                tails.extend((anchor, spec.anchor_tail) for anchor in spec.tail_anchors)
                literals = "|".join(map(re.escape, spec.tail_anchors))
                regex = re.compile(f"(?:{literals})(?:{spec.anchor_tail})")
                self.tail_triggers.append((spec.tail_anchors, regex, spec.id))
        # a matched anchor also stands for every shorter anchor it starts with
        self.word_anchors = sorted(set(word), key=lambda w: (w[0], w[1], w[2] or ""))
        self.word_triggers: dict[str, list[tuple[str, str | None]]] = {
            key: self._literal_ids(key) for key in {low for low, _pid, _case in word}
        }
        trie = _trie_pattern(self.word_triggers, tails)
        self.trigger_scan = re.compile(f"[^a-z](?=({trie}))")
        # one search per common prefix ("/E" for "/EEG", "/EG", "/EU"), not one
        # pass over the text per anchor: (in the lowered text?, prefix, anchors)
        groups: dict[tuple[bool, str], list[tuple[str, str]]] = {}
        for anchor, pattern_id, case in other:
            groups.setdefault((case is None, (case or anchor)[:1]), []).append(
                (case or anchor, pattern_id)
            )
        self.other_triggers = [
            (lowered, os.path.commonprefix([a for a, _pid in anchors]), anchors)
            for (lowered, _first), anchors in sorted(groups.items())
        ]
        self._tail_cache: dict[str, tuple[list[tuple[str, str | None]], list]] = {}

    def _literal_ids(self, matched: str) -> list[tuple[str, str | None]]:
        """(pattern id, case-sensitive anchor) of the word anchors ``matched`` starts
        with, sorted by id."""
        found = {(p, c) for low, p, c in self.word_anchors if matched.startswith(low)}
        return sorted(found, key=_by_id)

    def _tail_ids(
        self, lowered: str, at: int, matched: str
    ) -> list[tuple[str, str | None]]:
        """The ids of a match that is no plain anchor: a tail anchor ("het tweede
        lid"), plus any word anchor it starts with."""
        known = self._tail_cache.get(matched)
        if known is None:
            if len(self._tail_cache) > 4096:  # TK numbers and the like never repeat
                self._tail_cache.clear()
            tails = [
                (regex, pid)
                for literals, regex, pid in self.tail_triggers
                if matched.startswith(literals)
            ]
            known = self._tail_cache[matched] = (self._literal_ids(matched), tails)
        literal, tails = known
        ids: list[tuple[str, str | None]] = [
            (pid, None) for regex, pid in tails if regex.match(lowered, at)
        ]
        return sorted({*ids, *literal}, key=_by_id) if literal else ids

    def candidates(self, text: str) -> list[tuple[int, str]]:
        """(offset, pattern id) of every place a trigger pattern may start, sorted."""
        lowered = text.lower()
        if len(lowered) != len(text):  # a rare character changes length lowered
            lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        hits: list[tuple[int, str]] = []
        word = self.word_triggers
        startswith = text.startswith
        # a match is the character before the anchor; at offset 0 there is none, so
        # the text's head is matched after a space (one compiled trie, not two)
        first = self.trigger_scan.match(" " + lowered[:_HEAD])
        anchors = [(m.end(), m.group(1)) for m in self.trigger_scan.finditer(lowered)]
        if first is not None:
            anchors.insert(0, (0, first.group(1)))
        for start, anchor in anchors:
            found = word.get(anchor)
            if found is None:  # a line break inside ("Wetboek van \nStrafrecht"),
                anchor = _SPACES.sub(" ", anchor)  # or a tail anchor ("het … lid")
                found = word.get(anchor) or self._tail_ids(lowered, start, anchor)
            for pattern_id, case in found:
                if case is None or startswith(case, start):
                    hits.append((start, pattern_id))
        for in_lowered, prefix, group in self.other_triggers:
            haystack = lowered if in_lowered else text
            index = haystack.find(prefix)
            while index != -1:
                hits.extend(
                    (index, pattern_id)
                    for anchor, pattern_id in group
                    if haystack.startswith(anchor, index)
                )
                index = haystack.find(prefix, index + 1)
        hits.sort()
        return hits


@functools.cache
def load_grammar() -> Grammar:
    """The grammar of the shipped patterns and tables (built on first use)."""
    return Grammar()
