"""Find legal references in plain text: the scan step of the citation grammar.

The scanner runs the compiled grammar (:mod:`ingest.grammar`) over the raw string and
only parses the text right after each trigger, so it never tokenises the whole text.
It keeps the terms the text defines (:mod:`ingest.defined_terms`) as it goes.

Offsets are Python ``str`` indices into the text passed in. Lists and ranges of
articles give one :class:`Reference` per article; articles only implied by a range
("2k t/m o" -> 2l, 2m, 2n) carry the span of the range connector ("t/m").
"""

from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass

from ingest.defined_terms import DefinedTerms
from ingest.errors import PatternError
from ingest.grammar import load_grammar
from ingest.identifiers import ORDINALS
from ingest.models import Reference, ReferenceKind
from ingest.numbers import (
    article_number,
    division_field,
    eu_act_groups,
    expand_range,
    lid_numbers,
    onderdeel_value,
    optional_group,
)
from ingest.official_ids import OFFICIAL_ID_PATTERNS, read_official_id

__all__ = ["scan_text"]

_K = ReferenceKind

# the order references are kept in: by start, then end
by_span = operator.attrgetter("start", "end")
_VALUE = operator.itemgetter(1)
_WORD = re.compile(r"\S+")
_LIST_ITEM = re.compile(r"[ \t]*(?:[a-z0-9]{1,3}[.°)]|[-–•])[ \t]")
_ENTRY_HEAD = re.compile(
    r"[ \t]*(?P<head>[A-Z][^\n,:;()]{2,150}?)[ \t]*(?:[,:;(]|\n|$)"
)
_BARE_NUMBER = re.compile(
    r"(?<![\w.:/§-])\d{1,3}[a-z]{0,2}[.:]\d{1,3}[a-z]{0,2}(?:[.:]\d{1,3}[a-z]{0,2})*"
    r"(?![\w:/])"
)
# a word before a number that makes it no article ("versie 2.1", "nr. 4.3", "blz. 12.1")
_NOT_AN_ARTICLE = re.compile(
    r"(?i)(?:versie|tabel|punt|nummer|nrs?\.|blz\.|pagina|p\.|bladzijde|par\.|"
    r"paragraaf|paragrafen|hoofdstuk|afdeling|bijlage|onderdeel|lid|sub|onder|§|/|€|eur)"
    r"\s*$"
)
_OF_ARTICLE = re.compile(r"\s+van\s+(?:artikel|art\.)")
_OF = re.compile(r"\b(?:van|uit|bij)\s")
_BIJ = re.compile(r"\s+(?:bij|van)(?=\s)\s")
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z(])")


def _starts(text: str, needle: str) -> list[int]:
    """Every offset where ``needle`` starts (overlapping ones too, as rfind finds)."""
    found = []
    index = text.find(needle)
    while index != -1:
        found.append(index)
        index = text.find(needle, index + 1)
    return found


def reference_groups(values: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """A reference's groups as ``Reference.groups`` holds them: the parts given,
    sorted."""
    items = values.items()
    # most have no empty part: all() is cheaper than a filter calling per pair
    return tuple(sorted(items if all(values.values()) else filter(_VALUE, items)))


def _ws(text: str) -> str:
    """Runs of white space as one space, trimmed (str.split's white space is re's \\s)."""
    return " ".join(text.split())


@dataclass(slots=True)
class _Item:
    start: int
    end: int
    artikel: str
    lid: str | None = None
    leden: str | None = None
    onderdeel: str | None = None
    onderdelen: str | None = None
    implied: bool = False
    aside: str | None = None  # where the aside starts that a list resumes after

    def groups(self, extra: dict[str, str]) -> dict[str, str]:
        """The reference's groups: ``extra`` (its designation) and its parts."""
        groups = {**extra, "artikel": self.artikel}
        if self.lid:
            groups["lid"] = self.lid
        if self.leden:
            groups["leden"] = self.leden
        if self.onderdeel:
            groups["onderdeel"] = self.onderdeel
        if self.onderdelen:
            groups["onderdelen"] = self.onderdelen
        if self.implied:
            groups["implied"] = "range"
        if self.aside:
            groups["aside"] = self.aside
        return groups


class _Scanner:
    """One pass over a text; keeps local definitions ("hierna: ...") as it goes."""

    def __init__(self, text: str) -> None:
        self.g = load_grammar()
        self.text = text
        self.defined = DefinedTerms(self.g)
        self.refs: list[Reference] = []
        self.line_titles: list[tuple[int, str]] = []  # titles opening a line
        self.last_article_heading = -1
        self.article_headings: bool | None = None  # see _has_article_headings
        self.entry_lines: list[tuple[int, str]] | None = None  # _last_entry_line
        self.line_heads: dict[int, tuple[str, int] | None] = {}  # _line_head
        self.blank_lines: list[int] | None = None  # _paragraph_start

    # designations ---------------------------------------------------------------
    def _designation(
        self, pos: int
    ) -> tuple[int, ReferenceKind, dict[str, str]] | None:
        text, g = self.text, self.g
        english = g.p["designation_of"].match(text, pos)  # "of Directive 2013/32"
        if english:
            eu = g.p["eu_act"].match(text, english.end())
            groups = eu_act_groups(eu)
            if eu is not None and groups is not None:
                return eu.end(), _K.EU_LEGISLATION, groups
        prefix = g.designation_prefix.match(text, pos)
        if not prefix:
            return None
        det = prefix.group("det")
        at = prefix.end()
        if det in {"deze", "dit", "die", "dat"}:
            noun = g.p["self_or_anaphor"].match(text, at)
            if noun is None:
                return None
            name = noun.group("noun").lower()
            if det in {"deze", "dit"}:
                return noun.end(), _K.LEGISLATION, {"self": name}
            scope = self._paragraph_start(pos)
            return (
                noun.end(),
                _K.LEGISLATION,
                {"anaphor": name, "paragraph": str(scope)},
            )
        # "van dezelfde wet", "van genoemde wet"; not "de in artikel 8:45, vierde lid,
        # genoemde verordening" (no "van": a participle after the article)
        same = g.p["anaphor_adjective"].match(text, at)
        if same and _OF.search(text, pos, at):
            groups = {"anaphor": same.group("noun").lower()}
            groups["paragraph"] = str(self._paragraph_start(pos))
            return same.end(), _K.LEGISLATION, groups
        eu = g.p["eu_act"].match(text, at)
        if eu:
            groups = eu_act_groups(eu)
            if groups is not None:
                return eu.end(), _K.EU_LEGISLATION, groups
        bwb = g.p["bwb_id"].match(text, at)  # "artikel 8 BWBV0001000"
        if bwb:
            work = bwb.group("bwb").upper()
            kind = _K.TREATY if work.startswith("BWBV") else _K.LEGISLATION
            return bwb.end(), kind, {"bwb": work}
        alias = g.alias_at.match(text, at)
        known = self._known_title(at, alias.end() if alias else at)
        if alias and known:
            alias = None  # "Wet openbaarheid van bestuur BES": the longer title
        if alias:
            name = _ws(alias.group(0))
            if name in self.defined and g.aliases[name].source == "eu_acts.csv":
                # "(hierna: Procedurerichtlijn)": the text says which act it means
                groups = {**dict(self.defined.groups[name]), "defined": name}
                return alias.end(), self.defined.kinds[name], groups
            return alias.end(), g.aliases[name].kind, {"regeling": name}
        for term, term_groups in self.defined.starting_with(text[at : at + 1]):
            end = at + len(term)
            written = text[at:end]
            if written != term and not (  # "van de wet" for a defined "de Wet"
                det and written == term.lower() and " " not in term
            ):
                continue
            if text[end : end + 1].isalnum() or g.title_word.match(text, end):
                continue  # "de Wet op het voortgezet onderwijs" is another title
            if det is None and not self._is_abbreviation(term):
                continue
            kind = self.defined.kinds[term]
            return end, kind, {**dict(term_groups), "defined": term}
        if known is not None:
            name, end = known
            return end, g.aliases[name].kind, {"regeling": name}
        if det in {"de", "het"}:
            # "artikel 3 van de wet" in a letter or ruling, no title after it: the act
            # its sentence named last, if any (never the citing regeling itself)
            plain = g.p["definite_anaphor"].match(text, at)
            if plain and not _OF.search(text, pos, at):
                plain = None
            if (  # in a regeling "de wet" is a defined term: found above, or not read
                plain
                and not self._has_article_headings()
                and not g.title_word.match(text, plain.end())
                and g.term_end.match(text, plain.end())
            ):
                groups = {"anaphor": plain.group("noun").lower()}
                groups["sentence"] = str(self._sentence_start(pos))
                return plain.end(), _K.LEGISLATION, groups
            generic = g.p["generic_title"].match(text, at)
            if generic:
                title = generic.group("title").rstrip()
                if len(title) > 3:
                    kind = _K.TREATY if title.startswith("Verdrag") else _K.LEGISLATION
                    return at + len(title), kind, {"regeling": _ws(title)}
            if plain:  # "artikel 17 van de wet geldt …": not read, not the citing one
                return (
                    plain.end(),
                    _K.LEGISLATION,
                    {"unread": f"{det} {plain.group(0)}"},
                )
        return None

    def _sentence_start(self, at: int) -> int:
        """Where the sentence around ``at`` starts: after ". " before a capital, ";"
        or a line break (at most 600 characters back)."""
        text = self.text
        window = max(0, at - 600)
        boundary = max(text.rfind(";", window, at), text.rfind("\n", window, at))
        for m in _SENTENCE_END.finditer(text, max(boundary, window), at):
            boundary = m.end() - 1
        return max(boundary + 1, window)

    def _paragraph_start(self, at: int) -> int:
        """Where the paragraph around ``at`` starts: in a regeling the article (its
        heading, or a division heading, seen last) or a blank line; elsewhere the
        line (a letter's or ruling's paragraph)."""
        text = self.text
        if self._has_article_headings():
            # a law's text may have no blank line at all: an rfind from each
            # reference back to the start made this quadratic in the law's length
            if self.blank_lines is None:
                self.blank_lines = _starts(text, "\n\n")
            index = bisect.bisect_right(self.blank_lines, at - 2) - 1
            blank = self.blank_lines[index] if index >= 0 else -1
            return max(self.last_article_heading, blank + 1 if blank >= 0 else 0)
        return text.rfind("\n", 0, at) + 1

    def _known_title(self, at: int, beyond: int) -> tuple[str, int] | None:
        """The longest title of the table (any case, see ``Grammar.folded``) that the
        words from ``at`` spell, up to the first punctuation, if it ends after
        ``beyond`` (a name found there already): (name, end)."""
        text = self.text
        if not text[at : at + 1].isupper():
            return None
        first = _WORD.match(text, at)
        if first is None:
            return None
        word = first.group().lower()
        lengths = self.g.title_lengths.get(word) or self.g.title_lengths.get(
            word.rstrip(",;:.)")
        )
        if lengths is None:
            return None  # no title of the table starts with this word
        longest = max(lengths)
        words: list[re.Match[str]] = []
        for word_match in _WORD.finditer(text, at, at + 200):
            words.append(word_match)
            if len(words) == longest or word_match.group()[-1] in ",;:.)":
                break
        for count in range(len(words), 0, -1):
            if count not in lengths:
                continue  # no title starting with this word has that many words
            last = words[count - 1]
            written = last.group().rstrip(",;:.)")
            if last.start() + len(written) <= beyond:
                return None  # the shorter ones end there too
            phrase = " ".join((text[at : last.start()] + written).split())
            name = self.g.folded.get(phrase.lower())
            end = last.start() + len(written)
            # only where the title ends: "Besluit uitvoering Wet arbeid vreemdelingen
            # 2022" or "Wet inburgering buitenland" is another regeling than the one
            # whose title they start with
            if name is not None and self.g.term_end.match(text, end):
                return name, end
        return None

    @staticmethod
    def _is_abbreviation(term: str) -> bool:
        return bool(re.fullmatch(r"[A-Z][\w]{0,6}(?: \d{4})?", term)) and term != "Wet"

    # legislation -----------------------------------------------------------------
    def _is_heading(self, m: re.Match[str]) -> bool:
        """'Artikel 4:77' alone on its line is the article's own heading, not a citation."""
        if m.start() > 0 and self.text[m.start() - 1] != "\n":
            return False
        start = m.end()
        while start < len(self.text) and self.text[start] == " ":
            start += 1
        item = self.g.item.match(self.text, start)
        rest = self.text[item.end() : item.end() + 2] if item else "x"
        return rest[:1] in {"\n", ""} or rest == " \n"

    def _legislation(self, start: int, keyword_end: int) -> int:
        text = self.text
        pos = keyword_end
        while pos < len(text) and text[pos] in " \t\n\xa0":
            pos += 1
        if text.startswith(":", pos):  # "bedoeld in artikel:\na. 16, eerste lid;"
            return self._article_lines(start, pos + 1)
        items, pos = self._items(start, pos)
        if not items:
            return keyword_end
        designation = (
            self._designation(pos)
            or self._designation_after_unread(items[-1], pos)
            or self._designation_after_stray_dot(pos)
        )
        resumed = None
        if designation is None and (aside := self._resumed_after_aside(items[-1], pos)):
            # the list goes on after the aside, of the regeling named there; the
            # aside itself is scanned as usual
            resumed, (_end, aside_kind, aside_extra) = aside
            designation = pos, aside_kind, aside_extra
        kind = _K.LEGISLATION
        extra: dict[str, str] = {}
        end = pos
        if designation:
            end, kind, extra = designation
            items[-1].end = end
        elif english := self.g.english_designation.match(text, pos):
            # "Article 40 of the Statute of the Council of Europe": an act we do not
            # know, not the citing one's article 40
            end = items[-1].end
            extra = {"unknown_designation": _ws(english.group().lstrip(","))}
        else:
            end = items[-1].end
            heading = self._line_title_before(start)
            if heading:
                extra = {"line_title": heading}
            else:
                named = self._named_in_sentence(start, end)
                if named:
                    extra = {"sentence_regeling": named}
        prefix_lid = self._prefix_lid(start)
        if prefix_lid and len(items) == 1:
            items[0].start = prefix_lid[0]
            items[0].lid = items[0].lid or prefix_lid[1]
            items[0].onderdeel = items[0].onderdeel or prefix_lid[2]
        listed = {**extra, "list": str(start)} if len(items) > 1 else extra
        for item in items:
            self._add(item.start, item.end, kind, item.groups(listed))
        if resumed is not None:
            self._add(resumed.start, resumed.end, kind, resumed.groups(extra))
        return end

    def _designation_after_unread(
        self, last: _Item, pos: int
    ) -> tuple[int, ReferenceKind, dict[str, str]] | None:
        """A regeling named right after parts of the last article that the part
        grammar does not read: "artikel 2.4, tweede/vijfde lid, Vreemdelingenbesluit",
        "artikel 3, tweede, lid, van de Wet COA", "art. 6.5a 1 Vb", "artikel 6, eerste
        lid, juncto tweede lid, Vw". The article and its regeling are what is written;
        the parts read before stay, the unread ones are passed over (at most 60
        characters of part words, ending in a part, never past a sentence, line or
        conjunction). A lone letter after the number ("artikel 62 a, Vw", "artikel 1
        d van het Besluit …") is the article's own letter."""
        text = self.text
        words = self.g.unread_parts.match(text, pos)
        if words is None:
            return None
        body = words.group().rstrip(" \t,")
        if not body.strip(" \t,") or len(body) > 60:
            return None
        if not self.g.unread_last.search(body):
            return None
        designation = self._designation(pos + len(body))
        if designation is None:
            return None
        parts = last.lid or last.leden or last.onderdeel or last.onderdelen
        if not parts and text[pos - 1 : pos].isdigit():
            letter = re.fullmatch(r"[ \t]([a-z])", body)
            if letter:
                last.artikel += letter.group(1)
            elif _LETTERS_APART.match(body):
                # "artikelen 22, c en d, WvSr": 22c and 22d, or onderdelen of 22?
                end, kind, extra = designation
                return end, kind, {**extra, "apart": _ws(body.lstrip(" ,"))}
        return designation

    def _designation_after_stray_dot(
        self, pos: int
    ) -> tuple[int, ReferenceKind, dict[str, str]] | None:
        """ "Zie artikel 4.48. Vb. De vreemdeling …": a full stop typed after the
        number, before the regeling's name. Taken only when the name alone is what
        follows up to the next full stop, semicolon or parenthesis (no sentence is
        just "Vb."); "artikel 12. Vw 2000 bepaalt …" opens a new sentence with the
        name and stays apart."""
        text = self.text
        dot = _STRAY_DOT_NAME.match(text, pos)
        if dot is None:
            return None
        alias = self.g.alias_at.match(text, dot.end())
        if alias is None or not _ENDS_AT_NAME.match(text, alias.end()):
            return None
        designation = self._designation(dot.start() + 1)  # its prefix is the space
        if designation is None or designation[0] != alias.end():
            return None
        return designation

    def _resumed_after_aside(
        self, last: _Item, pos: int
    ) -> tuple[_Item, tuple[int, ReferenceKind, dict[str, str]]] | None:
        """An article's list of onderdelen broken by an aside between dashes and
        resumed after it, the regeling named at the end (VV 2000 art. 4.1: "artikel 8,
        onder a, b, d, e, f, g – laatstgenoemde twee onderdelen voor zover … bedoeld
        in artikel 14 – alsmede i, l en m van de Wet"). The letters after the aside
        can only be the same article's: they continue its letters in order, and the
        aside lists no onderdelen they could continue instead. Returns the resumed
        letters as an item of their own and the designation after them, which is
        also the article's."""
        parts = last.onderdelen or last.onderdeel
        if not parts:
            return None
        m = _ASIDE_RESUMED.match(self.text, pos)
        if m is None or _ASIDE_PARTS.search(m.group("aside")):
            return None
        before = parts.split(",")
        after = re.findall(r"(?<![a-z])[a-z](?![a-z])", m.group("letters"))
        letters = before + after
        if not all(len(x) == 1 and x.isalpha() for x in letters) or letters != sorted(
            set(letters)
        ):
            return None  # not one list of single letters in order
        designation = self._designation(m.end("letters"))
        if designation is None:
            return None
        resumed = _Item(m.start("letters"), designation[0], last.artikel, last.lid)
        resumed.onderdelen = ",".join(after)
        resumed.aside = str(m.start("aside"))
        return resumed, designation

    def _named_in_sentence(self, start: int, end: int) -> str | None:
        """The one regeling named (by title or defined term) earlier in the same
        sentence as a bare article list ("de titels 8.1 tot en met 8.3 van de Awb …,
        met uitzondering van de artikelen 8:1 tot en met 8:5"). The resolver takes it
        only when the citing regeling lacks the article and that regeling is known to
        have it. None when the sentence names none or several, or when a designation
        the grammar does not know follows the list ("artikel 5 van de richtlijn
        tijdelijke bescherming")."""
        if _UNKNOWN_DESIGNATION.match(self.text, end):
            return None
        window = max(0, start - 400)
        boundary = max(
            self.text.rfind(". ", window, start),
            self.text.rfind(";", window, start),
            self.text.rfind("\n", window, start),
            start - 400,
        )
        named: set[str] = set()
        # the references found so far are in text order but for a few characters
        # (a lid before its article moves a start back): look back from the last
        for ref in reversed(self.refs):
            if ref.start <= boundary:
                if ref.start < boundary - 200:
                    break
                continue
            name = ref.group("regeling") or ref.group("defined")
            if name:
                named.add(name)
        return named.pop() if len(named) == 1 else None

    def _items(self, start: int, pos: int) -> tuple[list[_Item], int]:
        """The articles of a list from ``pos`` ("1.24, 1.26 t/m 1.28", each with its
        lids and onderdelen); the first starts at ``start`` (its keyword)."""
        text, g = self.text, self.g
        items: list[_Item] = []
        closed = False  # an "en"/"of" joined the last two items
        while True:
            m = g.item.match(text, pos)
            if not m:
                break
            item_start = start if not items else m.start()
            num = article_number(m.group("num"))
            qual_end, lid, leden, ond, onds = self._qualifiers(m.end())
            if m.group("num2"):
                rng = m.group("rng")
                items.append(_Item(item_start, m.end("num"), num))
                implied = expand_range(num, m.group("num2")) or []
                s = m.start("rng") + len(rng) - len(rng.lstrip())
                e = m.end("rng") - len(rng) + len(rng.rstrip())
                items.extend(_Item(s, e, art, implied=True) for art in implied)
                last = article_number(m.group("num2"))
                if re.fullmatch(r"[a-z]{1,3}", last):
                    last = re.sub(r"[a-z]*$", "", num) + last
                items.append(
                    _Item(m.start("num2"), qual_end, last, lid, leden, ond, onds)
                )
            else:
                items.append(_Item(item_start, qual_end, num, lid, leden, ond, onds))
            gloss = _GLOSS.match(text, qual_end)
            if gloss and (
                g.separator.match(text, gloss.end()) or self._designation(gloss.end())
            ):
                # "Artikel 57 (vrijheidsbeperking) en 58 (vrijheidsontneming) Vw": a
                # gloss on the article, passed over when the list or its regeling
                # goes on after it
                qual_end = items[-1].end = gloss.end()
            sep = g.separator.match(text, qual_end)
            if (
                sep is None
                and text.startswith(".", qual_end)
                and self._stray_dot_in_list(start, qual_end, num, closed)
            ):
                sep = g.stray_dot_item.match(text, qual_end)
            if sep is not None and "/" in sep.group() and not _ascends(num, text, sep):
                sep = None  # "Article 55/2 of the loi du 15 décembre 1980": one number
            if not sep:
                return items, qual_end
            closed = closed or bool(sep.group().strip(" \t\n,"))
            pos = sep.end()
        return items, pos

    def _stray_dot_in_list(
        self, start: int, at: int, number: str, closed: bool
    ) -> bool:
        """ "de artikelen 2.4. 2.5 en 2.6": a full stop typed for a comma between two
        numbers of the same shape, in a list the plural keyword opened and no "en"/"of"
        has closed yet."""
        if closed or not self.g.plural_keyword.match(self.text, start):
            return False
        dot = self.g.stray_dot_item.match(self.text, at)
        if dot is None:
            return False
        after = self.g.item.match(self.text, dot.end())
        if after is None:
            return False
        shape = re.sub(r"\d+|[a-z]", "", number)
        return shape == re.sub(r"\d+|[a-z]", "", after.group("num"))

    def _article_lines(self, start: int, pos: int) -> int:
        """ "artikel:" followed by list lines that each open with articles ("a. 16,
        eerste lid, onder a of d;", "d. artikel 22, tweede lid"), as BWB writes
        them; one reference per article, the first spanning the keyword."""
        text, g = self.text, self.g
        items: list[_Item] = []
        while True:
            line = g.list_line.match(text, pos)
            if line is None:
                break
            found, end = self._items(start if not items else line.end(), line.end())
            if not found:
                break
            items.extend(found)
            pos = text.find("\n", end)
            if pos == -1:
                break
        if not items:
            return pos
        heading = self._line_title_before(start)
        extra = {"line_title": heading} if heading else {}
        listed = {**extra, "list": str(start)}
        for item in items:
            self._add(item.start, item.end, _K.LEGISLATION, item.groups(listed))
        return items[-1].end

    def _division(self, start: int) -> int:
        """Parts of a regeling above the article: "hoofdstuk 3 van de
        Vreemdelingenwet 2000", "afdeling 8.2.1 Awb", "de afdelingen 3.6 en 3.7",
        "hoofdstuk 4, afdeling 1", "afdeling 3 van dit hoofdstuk" (the enclosing
        hoofdstuk, filled in by the resolver: group ``within``)."""
        text, g = self.text, self.g
        keyword = g.p["division_keyword"].match(text, start)
        if keyword is None:
            return start
        field = division_field(keyword.group("kw"))
        pos = keyword.end()
        while pos < len(text) and text[pos] in " \t\n\xa0":
            pos += 1
        first = g.division_number.match(text, pos)
        if first is None:
            return keyword.end()
        if self._is_division_heading(start, keyword.group("kw"), first.end()):
            self.last_article_heading = start  # closes a line title, as an article does
            return first.end()
        items: list[_Item] = []  # ``artikel`` holds the division's number here
        while True:
            m = g.division_item.match(text, pos)
            if not m:
                break
            item_start = start if not items else m.start()
            if m.group("num2"):
                implied = expand_range(m.group("num"), m.group("num2")) or []
                connector = m.group("rng")
                s = m.start("rng") + len(connector) - len(connector.lstrip())
                e = m.end("rng") - len(connector) + len(connector.rstrip())
                items.append(_Item(item_start, m.end("num"), m.group("num")))
                items.extend(_Item(s, e, number, implied=True) for number in implied)
                items.append(_Item(m.start("num2"), m.end(), m.group("num2")))
            else:
                items.append(_Item(item_start, m.end(), m.group("num")))
            pos = m.end()
            separator = g.division_separator.match(text, pos)
            if separator is None or (
                separator.group("kw") and division_field(separator.group("kw")) != field
            ):  # "hoofdstuk 4 of afdeling 2": the afdeling is a reference of its own
                break
            pos = separator.end()
        if not items:
            return keyword.end()
        pos = items[-1].end
        extra: dict[str, str] = {}
        part = g.p["division_part"].match(text, pos)
        inner = g.division_number.match(text, part.end()) if part else None
        if part and inner and len(items) == 1:  # "hoofdstuk 4, afdeling 1"
            extra[division_field(part.group("kw"))] = inner.group()
            pos = items[-1].end = inner.end()
        parent = g.p["division_parent"].match(text, pos)
        if parent and parent.group("rel"):  # "van dit hoofdstuk"
            extra["within"] = division_field(parent.group("relkw"))
            pos = items[-1].end = parent.end()
        elif parent:  # "van afdeling 4.1.3"
            outer = g.division_number.match(text, parent.end())
            if outer:
                extra[division_field(parent.group("kw"))] = outer.group()
                pos = items[-1].end = outer.end()
        boek = g.boek.match(text, pos)
        kind = _K.LEGISLATION
        designation = self._designation(boek.end() if boek else pos)
        if designation:
            end, kind, named = designation
            extra.update(named)
            items[-1].end = end
        else:
            heading = self._line_title_before(start)
            if heading:
                extra["line_title"] = heading
            elif not self._has_article_headings():
                # "zie hoofdstuk 2", "paragraaf 5.2.2" in a letter or report: the
                # document's own parts, not a regeling's
                return items[-1].end
        for item in items:
            groups = {**extra, field: item.artikel}
            if item.implied:
                groups["implied"] = "range"
            if len(items) > 1:
                groups["list"] = str(start)
            self._add(item.start, item.end, kind, groups)
        return items[-1].end

    def _bijlage(self, start: int) -> int:
        """ "bijlage 20 bij deze regeling", "bijlage 1 bij het Besluit basisregistratie
        personen", "bijlage 13 VV": an annex of the regeling named with it. Without
        one it is no reference (a letter's "zie bijlage 2" is its own annex), nor as
        the annex's own heading."""
        text = self.text
        m = self.g.p["bijlage_keyword"].match(text, start)
        if m is None:
            return start
        if self._is_division_heading(start, m.group(0), m.end()):
            return m.end()
        joined = _BIJ.match(text, m.end())
        designation = self._designation(joined.end() - 1 if joined else m.end())
        if designation is None:
            return self._bijlage_list(start, m)
        end, kind, groups = designation
        self._add(start, end, kind, {**groups, "bijlage": m.group("num")})
        return end

    def _bijlage_list(self, start: int, first: re.Match[str]) -> int:
        """ "bijlagen 7a, 7b, 7c en 7e VV", "bijlage 14a en 14b bij deze regeling",
        "bijlage 14a tot en met 14d VV": one reference per annex of the list (a range
        by its letters or numbers, the annexes between it implied), all of the
        regeling named after the last; none without one. Numbers of the first one's
        shape only ("bijlage 7b en 3 maanden" is no list)."""
        text = self.text
        shape = _BIJLAGE_SHAPE.fullmatch(first.group("num"))
        if shape is None:
            return first.end()
        items = [(start, first.end(), first.group("num"), False)]
        pos = first.end()
        while more := _MORE_BIJLAGEN.match(text, pos):
            number = more.group("num")
            if _BIJLAGE_SHAPE.fullmatch(number) is None:
                break
            if rng := more.group("range"):  # the range words stand for those between
                between = expand_range(items[-1][2], number) or []
                at = more.start("range") + len(rng) - len(rng.lstrip())
                to = more.end("range") - len(rng) + len(rng.rstrip())
                items.extend((at, to, n, True) for n in between)
            items.append((more.start("num"), more.end("num"), number, False))
            pos = more.end()
        if len(items) == 1:
            return first.end()
        joined = _BIJ.match(text, pos)
        designation = self._designation(joined.end() - 1 if joined else pos)
        if designation is None:
            return first.end()
        end, kind, groups = designation
        listed = {**groups, "list": str(start)}
        for index, (item_start, item_end, number, implied) in enumerate(items):
            item = {**listed, "bijlage": number}
            if implied:
                item["implied"] = "range"
            if index == len(items) - 1:
                item_end = end
            self._add(item_start, item_end, kind, item)
        return end

    def _has_article_headings(self) -> bool:
        """Whether the text is laid out as a regeling ("Artikel 12" lines)."""
        if self.article_headings is None:
            self.article_headings = bool(self.g.article_heading.search(self.text))
        return self.article_headings

    def _is_division_heading(self, start: int, keyword: str, number_end: int) -> bool:
        """'Hoofdstuk 3 Toelating' opening its line is the part's own heading."""
        if (start and self.text[start - 1] != "\n") or not keyword[0].isupper():
            return False
        rest = self.text[number_end : number_end + 4].lstrip(" .:\t\xa0")
        return not rest or rest[0] == "\n" or rest[0].isupper()

    def _line_title_before(self, start: int) -> str | None:
        """A regeling title opening an earlier line (an Awb-bijlage-style list entry)
        that no article heading has closed since."""
        index = bisect.bisect_left(self.line_titles, (start, "")) - 1
        if index < 0 and not self.g.line_head_possible:
            return None
        line_start = self.text.rfind("\n", 0, start) + 1
        own = self._line_head(line_start, start)
        if own:
            # "Muntwet 2002: artikel 11" / "Wet X, met uitzondering van artikel 5":
            # the title opening this very line names the regeling, known or not
            return own
        if index < 0:
            return None
        title_start, title = self.line_titles[index]
        if title_start < self.last_article_heading or start - title_start > 3000:
            return None
        entry_start = self._entry_line_start(line_start, title_start)
        if entry_start > title_start:
            # a later line, no list item, opens the entry this reference is in
            # ("Telecommunicatiewet, met inbegrip van … artikel 18.2a, met uitzondering
            # van:\na. de artikelen 3.5, …" after "Sanctiewet 1977: …"): its own head
            # names the regeling, or none is named
            head = _ENTRY_HEAD.match(self.text, entry_start)
            if head and _LAW_NOUN.search(head.group("head")):
                return _ws(head.group("head"))
            return None
        title_end = self.text.find("\n", title_start, start)
        if title_end != -1:
            entry = self._last_entry_line(title_end, start)
            if entry is not None:
                # a later line opens an entry of its own: "Jeugdwet:" (a regeling we
                # do not know) or "erkende referent: …" after "Dublinverordening: …"
                # in a list of definitions; the earlier title no longer applies
                if entry[:1].isupper() and _LAW_NOUN.search(entry):
                    return self._book(entry, start)
                return None
        return self._book(title, start)

    def _entry_line_start(self, line_start: int, stop: int) -> int:
        """The start of the nearest line at or above ``line_start`` that is no list
        item ("a. …", "1° …"), not looking above ``stop``."""
        text = self.text
        while line_start > stop and _LIST_ITEM.match(text, line_start):
            line_start = text.rfind("\n", 0, line_start - 1) + 1
        return line_start

    def _line_head(self, line_start: int, start: int) -> str | None:
        """The regeling title opening the line at ``line_start`` before ``start``
        ("Muntwet 2002: …"), once per line (a list line holds many references)."""
        if line_start in self.line_heads:
            head = self.line_heads[line_start]
            return head[0] if head and head[1] <= start else None
        first = self.text[line_start : line_start + 2].lstrip(" \t")[:1]
        m = self.g.line_head.match(self.text, line_start) if first.isupper() else None
        title = m.group("title") if m else ""
        found = (_ws(title), m.end()) if m and _LAW_NOUN.search(title) else None
        self.line_heads[line_start] = found
        return found[0] if found and found[1] <= start else None

    def _last_entry_line(self, after: int, before: int) -> str | None:
        """The head of the last entry line ("Jeugdwet:", "Bijlage 2") starting in
        ``after``..``before`` ("" for a heading line), or None; the entry lines of the
        text are found once. ``after`` lies past a line title (``line_titles``)."""
        if self.entry_lines is None:
            # no entry line before the first line title is ever asked for, and such
            # titles stand in a law's list-like bijlagen, often near its end: the
            # text before need not be read (from the line break before the title,
            # where an entry line may start; one ends on its own line, so none
            # before it reaches past there)
            first = self.line_titles[0][0] - 1 if self.line_titles else 0
            self.entry_lines = [
                (m.start(), _ws(m.group("head") or ""))
                for m in self.g.entry_line.finditer(self.text, max(0, first))
            ]
        index = bisect.bisect_left(self.entry_lines, (before, "")) - 1
        if index >= 0 and self.entry_lines[index][0] >= after:
            return self.entry_lines[index][1]
        return None

    def _book(self, title: str, start: int) -> str:
        """ "Burgerlijk Wetboek:" with a list line "b. Boek 2: de artikelen …": each
        book of the BW is a regeling of its own."""
        if title != "Burgerlijk Wetboek":
            return title
        line_start = self.text.rfind("\n", 0, start) + 1
        book = self.g.book_line.match(self.text, line_start, start)
        if book:
            name = f"Boek {book.group(1)} van het Burgerlijk Wetboek"
            if name in self.g.aliases:
                return name
        return title

    def _qualifiers(
        self, pos: int
    ) -> tuple[int, str | None, str | None, str | None, str | None]:
        """The parts of one article after its number, in any order: lids ("derde
        lid", "lid 3", ", en zesde lid"), volzinnen, "ten derde", and onderdelen.

        Returns (end, lid, leden, onderdeel, onderdelen): one lid, or all of them in
        ``leden``; the onderdeel only when it belongs to the first (or only) lid.
        """
        text, g = self.text, self.g
        lids: list[str] = []
        ond = onds = None
        while True:
            if text.startswith(".", pos) and g.stray_dot_lid.match(text, pos):
                pos += 1  # "44. tweede lid"
            m = g.part.match(text, pos)  # a lid, a volzin, or an onderdeel
            if m is None:
                if not lids and ond is None and onds is None:
                    break
                # ", en zesde lid": another lid of this article; ", en onder d en
                # f": more onderdelen of it
                connector = g.lid_connector.match(text, pos)
                m = g.lid.match(text, connector.end()) if connector and lids else None
                if m is None and connector and (ond or onds) and len(lids) <= 1:
                    more = g.onderdeel.match(text, connector.end())
                    if more is not None:
                        extra_ond, extra_onds = onderdeel_value(more)
                        names = (onds or ond or "").split(",")
                        names += (extra_onds or extra_ond or "").split(",")
                        ond, onds = None, ",".join(n for n in names if n)
                        pos = more.end()
                        continue
                if m is None:
                    break
            pos = m.end()
            if m.group("lids") or m.group("lidn") or optional_group(m, "lide"):
                lids.extend(lid_numbers(m))
            elif m.group("minor"):  # "tweede volzin", "ten derde": not kept
                continue
            elif ond is None and onds is None and len(lids) <= 1:
                ond, onds = onderdeel_value(m)
        if len(lids) == 1:
            return pos, lids[0], None, ond, onds
        return pos, None, ",".join(lids) or None, ond, onds

    def _prefix_lid(self, start: int) -> tuple[int, str, str | None] | None:
        text, before = self.text, start
        while before > 0 and text[before - 1].isspace():
            before -= 1
        if before == start or not text.endswith("van", 0, before):
            return None  # the pattern ends in "van" + white space
        window_start = max(0, start - 80)
        m = self.g.p["lid_prefix"].search(self.text, window_start, start)
        if not m or m.end() != start:
            return None
        return m.start(), ORDINALS[m.group("ord")], m.group("ond")

    def _relative(self, start: int) -> int:
        rel = self.g.p["relative"].match(self.text, start)
        if not rel:
            return start
        after = self.text[rel.end() : rel.end() + 30]
        if _OF_ARTICLE.match(after):
            return (
                start  # "het tweede lid van artikel 5": handled by the artikel trigger
            )
        det = rel.group("det").lower()
        that = self.g.of_that_article.match(after)
        if that and rel.group("ord"):  # "het eerste lid van dat artikel"
            groups = {
                "relative": "dat artikel" if that.group(1) != "dit" else "lid",
                "lid": ORDINALS[rel.group("ord")],
            }
            if rel.group("ond"):
                groups["onderdeel"] = rel.group("ond").rstrip("°")
            self._add(rel.start(), rel.end() + that.end(), _K.LEGISLATION, groups)
            return rel.end() + that.end()
        if rel.group("artikel"):
            if det != "dit" or re.match(r"\s*\d", after):
                return start
            groups = {"relative": "artikel"}
        elif rel.group("ord"):
            groups = {"relative": "lid", "lid": ORDINALS[rel.group("ord")]}
        elif rel.group("vorige"):
            groups = {"relative": "vorige lid"}
        else:
            if det != "dit":
                return start
            groups = {"relative": "dit lid"}
        if rel.group("ond"):
            groups["onderdeel"] = rel.group("ond").rstrip("°")
        self._add(rel.start(), rel.end(), _K.LEGISLATION, groups)
        return rel.end()

    def _eu_number(self, slash: int) -> int:
        """A bare EU act number ("90/364/EEG"), taken only when the nearest act word
        in the 200 characters before it is "richtlijn(en)" (so it is a directive)."""
        text = self.text
        m = self.g.p["eu_number"].search(text, max(0, slash - 10), slash + 8)
        if m is None or m.start("org2") != slash + 1:
            return slash
        if m.start() > 0 and (
            text[m.start() - 1].isalnum() or text[m.start() - 1] == "/"
        ):
            return slash
        window = text[max(0, m.start() - 200) : m.start()].lower()
        words = self.g.act_word.findall(window)
        if not words or not words[-1].startswith("richtlijn"):
            return slash
        groups = {
            "eu_type": "richtlijn",
            "eu_year": m.group("a"),
            "eu_number": m.group("b"),
        }
        self._add(m.start(), m.end(), _K.EU_LEGISLATION, groups)
        return m.end()

    # the other kinds ------------------------------------------------------------------
    def _simple(self, tid: str, start: int) -> int:
        g, text = self.g, self.text
        m = g.p[tid].match(text, start)
        if not m:
            return start
        d = {k: v for k, v in m.groupdict().items() if v}
        end = m.end()
        kind: ReferenceKind
        if tid == "vc_paragraaf":
            paragraaf = d["paragraaf"].replace("/ ", "/")  # "C3/ 2.3.6.4"
            kind, groups = _K.POLICY, {"paragraaf": paragraaf}
        elif tid == "vc_hoofdstuk":
            return self._vc_chapters(m)
        elif tid == "wbv":
            kind, groups = _K.POLICY, {"wbv": f"WBV {d['year']}/{d['number']}"}
        elif tid == "eu_act":
            eu = eu_act_groups(m)
            if eu is None:
                return end
            kind, groups = _K.EU_LEGISLATION, eu
        elif tid in {"ecli", "ecli_bare"}:  # ecli_bare: "NL:RvS:1984:AH0317"
            kind = _K.CASE_LAW
            groups = {
                "ecli": ":".join(
                    ["ECLI", d["country"], d["court"], d["year"], d["number"]]
                )
            }
        elif tid in OFFICIAL_ID_PATTERNS:
            found = read_official_id(tid, m, text)
            if found is None:
                return end
            kind, groups, end = found
        elif tid == "ljn":
            kind, groups = _K.CASE_LAW, {"ljn": re.sub(r"\s", "", d["ljn"]).upper()}
        elif tid == "cjeu_case":
            kind = _K.CASE_LAW
            groups = {"case_number": f"{d['court']}-{d['number']}/{d['yy']}"}
        elif tid == "kamerstuk":
            head = d["head"]
            if not head.lower().startswith("kamerstuk") and not d.get("vj"):
                return start + len(head)
            kind = _K.PARLIAMENTARY
            kamer = d.get("kamer") or ("I" if head in {"EK", "Eerste Kamer"} else "II")
            groups = {
                "kamer": kamer, "vergaderjaar": _ws(d.get("vj", "")),
                "dossier": _ws(d["dossier"]), "ondernummer": d["nr"],
            }  # fmt: skip
            pos = m.end()
            # "nrs. 4–6", "nrs. 4 en 7": one Kamerstuk per number
            if d.get("nrs", "").lower() in {"nrs", "nummers"}:
                self._add(m.start(), end, kind, groups)
                pos = self._more_ondernummers(pos, kind, groups)
            else:
                self._add(m.start(), end, kind, groups)
            # "…, 34 550 VI, nr. 2 en 34 775 VI, nr. 1": the next dossier of the same
            # citation, with its own number
            while (more := _NEXT_DOSSIER.match(text, pos)) is not None:
                nxt = {
                    **groups,
                    "dossier": _ws(more["dossier"]),
                    "ondernummer": more["nr"],
                }
                self._add(more.start("dossier"), more.end(), kind, nxt)
                pos = more.end()
                if more["nrs"].lower() in {"nrs", "nummers"}:
                    pos = self._more_ondernummers(pos, kind, nxt)
            return pos
        elif tid == "aanhangsel":
            kind = _K.PARLIAMENTARY
            groups = {
                "aanhangsel": "1",
                "kamer": d.get("kamer", "II"),
                "vergaderjaar": _ws(d["vj"]),
            }
            groups["nummer"] = d["nr"]
        elif tid == "handelingen":
            kind = _K.PARLIAMENTARY
            groups = {
                "handelingen": "1",
                "kamer": d.get("kamer", "II"),
                "vergaderjaar": _ws(d["vj"]),
            }
            groups.update(nummer=d.get("nr", ""), item=d.get("item", ""))
        elif tid == "motie":
            kind = _K.PARLIAMENTARY
            groups = {"motie": _ws(d["name"]), "cs": "1" if d.get("cs") else ""}
            if d.get("marker"):
                groups["marker"] = str(m.start("marker"))
                end = m.start("marker")
        elif tid in {"staatsblad", "staatscourant", "tractatenblad"}:
            kind = _K.GAZETTE
            series = {
                "staatsblad": "stb",
                "staatscourant": "stcrt",
                "tractatenblad": "trb",
            }[tid]
            groups = {"series": series, "year": d["year"], "number": d["number"]}
        elif tid == "toezegging":
            kind, groups = _K.COMMITMENT, {"toezegging": d["id"]}
        elif tid == "tk_number":
            kind, groups = _K.TK_RECORD, {"tk_number": d["id"]}
        elif tid == "short_form":
            previous = self.refs[-1].kind if self.refs else _K.LEGISLATION
            kind, groups = previous, {"short": d["short"]}
        else:  # pragma: no cover - trigger ids are fixed above
            raise PatternError(f"no handler for pattern {tid}")
        self._add(m.start(), end, kind, groups)
        return max(end, m.end())

    def _vc_chapters(self, m: re.Match[str]) -> int:
        """A Vc chapter, with the chapters an "en" adds ("(zie C7 en C17)"): named
        with "Vc" ("B9 Vreemdelingencirculaire 2000") or after "zie"/"verwezen naar",
        which the resolver takes only in the Vc itself."""
        first, last = m.group("paragraaf"), m.group("last")
        chapters = _chapter_range(first, last) if last else None
        if last and chapters is None:
            return m.start() + 1  # "C3 tot en met B2": no range of one part
        if not (m.group("cue") or m.group("vc") or chapters):
            return m.start() + 1
        groups = {"paragraaf": first}
        if not m.group("vc"):
            # "C1 tot en met C23" is a cue as "zie" is ("A1 tot en met A4" are also
            # paper sizes): taken only in the Vc itself
            groups["chapter_cue"] = _ws(m.group("cue") or m.group("rng"))
        if chapters:
            rng_start, rng_end = m.span("rng")
            self._add(m.start("paragraaf"), m.end("paragraaf"), _K.POLICY,
                      {**groups, "list": str(m.start())})  # fmt: skip
            for chapter in chapters[1:-1]:
                self._add(rng_start + 1, rng_end - 1, _K.POLICY, {**groups,
                          "paragraaf": chapter, "implied": "range",
                          "list": str(m.start())})  # fmt: skip
            self._add(m.start("last"), m.end(), _K.POLICY, {**groups,
                      "paragraaf": last, "list": str(m.start())})  # fmt: skip
            return m.end()
        self._add(m.start("paragraaf"), m.end(), _K.POLICY, groups)
        pos = m.end()
        while (more := _MORE_CHAPTERS.match(self.text, pos)) is not None:
            self._add(more.start("paragraaf"), more.end(), _K.POLICY, {**groups,
                      "paragraaf": more.group("paragraaf")})  # fmt: skip
            pos = more.end()
        return pos

    def _more_ondernummers(
        self, pos: int, kind: ReferenceKind, groups: dict[str, str]
    ) -> int:
        """The further numbers of "nrs. 4–6" / "nrs. 4, 5 en 7": one Kamerstuk each,
        those a range only implies spanning its connector."""
        last = groups["ondernummer"]
        while True:
            m = _MORE_NUMBERS.match(self.text, pos)
            if m is None:
                return pos
            number = m.group("n")
            if m.group("rng"):
                if not (last.isdigit() and number.isdigit()):
                    return pos
                if not 0 < int(number) - int(last) <= 20:
                    return pos
                for implied in range(int(last) + 1, int(number)):
                    self._add(
                        m.start("rng"),
                        m.end("rng"),
                        kind,
                        {**groups, "ondernummer": str(implied), "implied": "range"},
                    )
            self._add(m.start("n"), m.end("n"), kind, {**groups, "ondernummer": number})
            last, pos = number, m.end()

    def _add(
        self, start: int, end: int, kind: ReferenceKind, groups: dict[str, str]
    ) -> None:
        text = self.text
        while end > start and text[end - 1] in " ,;\n\t\xa0":
            end -= 1
        self.refs.append(
            Reference(start, end, text[start:end], kind, reference_groups(groups))
        )

    # names -------------------------------------------------------------------------
    def _bare_articles_before(self, start: int, name: str) -> bool:
        """Article numbers written without "artikel" right before a regeling's name:
        "4.30, eerste lid, Vb", "5:20 Awb", "4.8 tot en met 4.16 Vb" (the Vc's habit).
        Only numbers of the structured kind ("4.30", "5:20": a "." or ":" inside),
        not after a word that makes them something else ("versie 2.1", "nr. 4.3"),
        and only when the list of them ends exactly where the name starts, for a
        regeling whose articles are known (``bwb_articles.csv``): the resolver checks
        that it has the article."""
        entry = self.g.aliases.get(name)
        if entry is None or entry.work not in self.g.article_works:
            return False  # whether it has the article must be checkable
        text = self.text
        window = max(0, start - 120, text.rfind("\n", 0, start) + 1)
        for number in _BARE_NUMBER.finditer(text, window, start):
            if _NOT_AN_ARTICLE.search(
                text, max(0, number.start() - 16), number.start()
            ):
                continue
            items, pos = self._items(number.start(), number.start())
            if not items:
                continue
            prefix = self.g.designation_prefix.match(text, pos)
            if prefix is not None and prefix.end() != start:
                # parts the part grammar does not read: "6.5a 3e lid Vb"
                words = self.g.unread_parts.match(text, pos)
                body = words.group().rstrip(" \t,") if words else ""
                if body.strip(" \t,") and self.g.unread_last.search(body):
                    prefix = self.g.designation_prefix.match(text, pos + len(body))
            if prefix is None or prefix.end() != start or prefix.group("det"):
                continue
            self._legislation(number.start(), number.start())
            return True
        return False

    def scan(self) -> list[Reference]:
        text, g = self.text, self.g
        candidates = g.candidates(text)
        names: list[tuple[int, int, str]] = []
        name_end = 0
        for start, tid in candidates:
            if tid != "name" or start < name_end:
                continue
            m = g.name_at.match(text, start)
            if m is None:
                continue
            name_end = m.end()  # names do not overlap, as in a left-to-right scan
            if start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "-"):
                names.append((start, m.end(), _ws(m.group(0))))
        eu_names: list[tuple[int, int, str]] = []
        for hierna in re.finditer(r"\(\s*(?:hierna|verder)", text):
            window = max(0, hierna.start() - 120)
            eu_names.extend(
                (window + m.start(), window + m.end(), m.group(0))
                for m in g.p["eu_act"].finditer(text[window : hierna.start()])
            )
        self.line_titles = [
            (start, name)
            for start, _end, name in names
            if (start == 0 or text[start - 1] == "\n") and name in g.aliases
        ]
        if "hierna" in text or "verder:" in text or ":" in text:
            self.defined.collect(text, names + eu_names)
        self.defined.glossary(text, names)
        if g.inherited_terms and self._has_article_headings():
            self.defined.inherit(text, names)
        pos = 0
        for start, tid in candidates:
            if start < pos or tid == "name":
                continue
            if start > 0 and text[start].isalnum():
                before = text[start - 1]
                # a footnote number may stick to a capitalised word ("1Kamerstukken")
                if before.isalpha() or (before.isdigit() and not text[start].isupper()):
                    continue
            if tid == "artikel_keyword":
                keyword = g.p[tid].match(text, start)
                if keyword is None:
                    continue
                if self._is_heading(keyword):
                    self.last_article_heading = start
                    pos = keyword.end()
                else:
                    pos = self._legislation(start, keyword.end())
            elif tid == "division_keyword":
                pos = self._division(start)
            elif tid == "bijlage_keyword":
                pos = self._bijlage(start)
            elif tid == "relative":
                pos = self._relative(start)
            elif tid == "eu_number":
                pos = self._eu_number(start)
            else:
                pos = self._simple(tid, start)
        covered = sorted([(r.start, r.end) for r in self.refs] + self.defined.spans)
        spans = sorted((start, end) for start, end, _name in names)
        uses = [u for u in self.defined.uses(text) if not overlaps(spans, u[0], u[1])]
        names = sorted(names + uses)
        for start, end, name in names:
            if overlaps(covered, start, end):
                continue
            if self._bare_articles_before(start, name):
                continue
            if name in g.case_names:
                if g.person_title.search(text, max(0, start - 12), start):
                    continue  # "Mr Sacko": the party, not the case
                self._add(start, end, _K.CASE_LAW, {"case_name": name})
            elif name in self.defined and (
                name not in g.scanned or g.aliases[name].source == "eu_acts.csv"
            ):
                groups = {**dict(self.defined.groups[name]), "defined": name}
                self._add(start, end, self.defined.kinds[name], groups)
            else:
                self._add(start, end, g.aliases[name].kind, {"regeling": name})
        self.refs.sort(key=by_span)
        return self.refs


# "artikel 5, derde lid, van de richtlijn tijdelijke …": a designation, not known
_UNKNOWN_DESIGNATION = re.compile(r",?\s+(?:van|uit)\s+(?:de\s+|het\s+)?[\w(]")
_NEXT_DOSSIER = re.compile(
    r"\s*(?:;|,|\s(?:en|and))\s*(?P<dossier>\d{1,2}[ .]?\d{3}(?:[ .-]?[IVXL]{1,6}[AB]?"
    r"(?![\w])|-\d{2}(?![\w]))?)(?!\d)\s*,\s*(?P<nrs>[Nn]rs?|[Nn]ummers?)\.?\s*"
    r"(?P<nr>\d{1,4}[a-z]?)(?![\w])"
)


def _chapter_range(first: str, last: str) -> list[str] | None:
    """The chapters of "C1 tot en met C23" (one part, ascending, at most 30), or None."""
    if first[0] != last[0] or not 0 < int(last[1:]) - int(first[1:]) <= 30:
        return None
    return [f"{first[0]}{n}" for n in range(int(first[1:]), int(last[1:]) + 1)]


_MORE_CHAPTERS = re.compile(
    r"\s*(?:,|\s(?:en|of))\s+(?P<paragraaf>[ABC]\d{1,2})(?![\w/-]|[.,]\d)"
)
_MORE_NUMBERS = re.compile(
    r"(?:\s*(?P<rng>[–—-]|t/m|tot\s+en\s+met)\s*|\s*,\s*(?:en\s+)?|\s+en\s+)"
    r"(?P<n>\d{1,4}[a-z]?)(?![\w/.,:]\d|\w)"
)


# letters right after an article number, no "onder" before them: "22, c en d"
# the next annex of a list: "bijlagen 7a, 7b en 7e", "bijlage 14a tot en met 14d",
# "bijlage 7b, respectievelijk bijlagen 7c en 7d"
_MORE_BIJLAGEN = re.compile(
    r"(?:(?P<range>[ \t]*(?:tot[ \t]+en[ \t]+met|t/m|–)[ \t]*)|[ \t]*,[ \t]*"
    r"|(?:[ \t]*,)?[ \t]+(?:en|of|respectievelijk|onderscheidenlijk)[ \t]+)"
    r"(?:(?:[Bb]ijlagen?|BIJLAGEN?)[ \t]+)?(?P<num>\d{1,3}[a-z]{0,2})(?![\w/.:-]|\.\d)"
)
_BIJLAGE_SHAPE = re.compile(r"\d{1,3}[a-z]{0,2}")
# a gloss on an article in parentheses: words, no digits ("(uitbetaling door de
# griffier)"; not "(Stb. 1984, 628)", "(artikel 8:5)", "(oud)" is one)
_GLOSS = re.compile(r"[ \t]*\((?=[a-z])[^()\n\d]{2,80}\)")
# " – an aside – alsmede i, l en m": the same dash on both sides, within one
# sentence, then the list of letters resumed
_ASIDE_RESUMED = re.compile(
    r"[ \t]+(?P<dash>[–—-])[ \t]+(?P<aside>[^–—.;:\n]{1,300}?)[ \t]+(?P=dash)[ \t]+"
    r"(?:alsmede|en|of)[ \t]+(?P<letters>[a-z](?:[ \t]*,[ \t]*[a-z])*"
    r"(?:[ \t]+(?:en|of)[ \t]+[a-z])?)(?![\w])"
)
# an aside that lists onderdelen itself ("… artikel 9, onder b –"): the letters
# after it could be its article's ("laatstgenoemde twee onderdelen" names none)
_ASIDE_PARTS = re.compile(
    r"\b(?:onder(?:deel|delen)?|sub)[ \t]+[a-z](?![\w])|(?<![\w])[a-z]\)"
)
_STRAY_DOT_NAME = re.compile(r"\.[ \t]+(?=[A-Z])")
_ENDS_AT_NAME = re.compile(r"[ \t]*(?:[.;)]|\n|$)")
_LETTERS_APART = re.compile(r"[ \t]*,[ \t]*[a-z](?![\w])")
_LAW_NOUN = re.compile(r"(?i)wet\b|wetboek|besluit|regeling|verdrag|reglement|statuut")


def _ascends(number: str, text: str, sep: re.Match[str]) -> bool:
    """Whether the number after a slash is greater than ``number``: "artikel
    14/20/33" lists articles, "Article 55/2" is one (Belgian) article number."""
    after = re.match(r"\d+", text[sep.end() : sep.end() + 4])
    before = re.match(r"\d+", number)
    if after is None or before is None:
        return False
    return int(after.group()) > int(before.group())


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether start..end overlaps one of the sorted ``spans``; only the eight that
    start last before ``end`` are looked at (reference spans are short)."""
    index = bisect.bisect_left(spans, (end, end))
    return any(s < end and start < e for s, e in spans[max(0, index - 8) : index])


def scan_text(text: str) -> list[Reference]:
    """Every reference in ``text``, sorted by start (the fast scanner, no tokenising)."""
    return _Scanner(text).scan()
