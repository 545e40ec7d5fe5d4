"""The terms a text defines for itself, as the scanner meets them.

"(hierna: Vw)" after a name, a definition list item "Wet: de Vreemdelingenwet 2000",
"de richtlijn: richtlijn 2003/86/EG", a list of abbreviations ("WvSv Wetboek van
Strafvordering"), and the terms a regeling inherits from the
regeling its aanhef rests on ("de daarop berustende bepalingen"). A defined term then
stands for the regeling or EU act it names: "artikel 29 van de Wet" and "het Besluit"
resolve within that document.
"""

from __future__ import annotations

import re

from ingest.grammar import Grammar
from ingest.models import ReferenceKind
from ingest.numbers import eu_act_groups

__all__ = ["DefinedTerms"]

_K = ReferenceKind
_AANHEF = re.compile(r"(?:^|\n)[ \t]*Gelet op\b")

# a glossary line: an abbreviation (a capital in it, at most 10 characters), a space,
# then the name; after the name at most a publication in parentheses
_GLOSSARY_HEAD = re.compile(
    r"[ \t]*(?P<term>(?=[^\s]*[A-Z])[A-Za-z][\w&.()-]{0,9})[ \t]+"
)
_GLOSSARY_TAIL = re.compile(r"[ \t]*(?:\([^()\n]{0,60}\))?[ \t]*")
_GLOSSARY_LINE = re.compile(
    r"[ \t]*(?=[^\s]*[A-Z])[A-Za-z(][\w&.()-]{0,9}[ \t]+[A-Z(][^\n]{1,140}"
)

_TITLE_GOES_ON = re.compile(r"[ \t]+[A-Z\d]")

# where a definition list item's value may be an EU act ("Opvangrichtlijn: Richtlijn
# 2013/33/EU …", "de richtlijn: richtlijn 2003/86/EG"): the colon, then the act word
_EU_DEFINITION_VALUE = re.compile(
    r":[ \t]*(?:de[ \t]+|het[ \t]+)?(?=[Rr]ichtlijn|[Vv]erordening|[Kk]aderbesluit)"
)


def _spells(term: str, name: str) -> bool:
    """Whether the letters of ``term`` occur in ``name`` in order, the first at its
    first letter (case aside): "WvSv" in "Wetboek van Strafvordering", "Rwn" in
    "Rijkswet op het Nederlanderschap"; not "Zie" in "Vreemdelingenwet"."""
    letters = [c.lower() for c in term if c.isalpha()]
    words = name.lower()
    if not letters or not words.startswith(letters[0]):
        return False
    at = 1
    for letter in letters[1:]:
        at = words.find(letter, at)
        if at == -1:
            return False
        at += 1
    return True


Groups = tuple[tuple[str, str], ...]


class DefinedTerms:
    """The terms of one text: term -> the groups of what it names, and its kind."""

    def __init__(self, grammar: Grammar) -> None:
        self.g = grammar
        self.groups: dict[str, Groups] = {}
        self.kinds: dict[str, ReferenceKind] = {}
        # the "(hierna: …)" phrases, which are no references themselves
        self.spans: list[tuple[int, int]] = []
        # the terms by their first letter (lower case), rebuilt when a term is defined
        self._index: dict[str, list[tuple[str, Groups]]] | None = None
        # the terms of an abbreviation list: no title goes on after them
        self.abbreviations: set[str] = set()

    def __contains__(self, term: str) -> bool:
        return term in self.groups

    def starting_with(self, first: str) -> list[tuple[str, Groups]]:
        """The defined terms (in the order defined) that may start with ``first``, in
        either case ("van de wet" for a defined "Wet")."""
        if self._index is None:
            index: dict[str, list[tuple[str, Groups]]] = {}
            for term, groups in self.groups.items():
                index.setdefault(term[:1].lower(), []).append((term, groups))
            self._index = index
        return self._index.get(first.lower(), [])

    def collect(self, text: str, names: list[tuple[int, int, str]]) -> None:
        """Terms defined by "(hierna: X)" after a name, or by "X: <title>" list items."""
        ends = {end: name for _start, end, name in names}
        for m in self.g.p["hierna"].finditer(text):
            self.spans.append((m.start(), m.end()))
            before = m.start()
            while before > 0 and text[before - 1] in " \t\n":
                before -= 1
            name = ends.get(before)
            if name:
                self.define(m.group("term").strip(), name)
        for start, _end, name in names + self._eu_definition_values(text):
            line_start = text.rfind("\n", 0, start) + 1
            if start - line_start > 60:
                continue
            found = self.g.p["definition_list"].search(
                text, max(0, line_start - 1), start
            )
            if found and found.end() == start:
                self.define(found.group("term"), name)

    def _eu_definition_values(self, text: str) -> list[tuple[int, int, str]]:
        """The EU acts that stand as the value of a definition item ("Opvangrichtlijn:
        Richtlijn 2013/33/EU van …"), which the name scan does not give: the text's own
        definition then says which act the term means, whatever its date."""
        found = []
        for colon in _EU_DEFINITION_VALUE.finditer(text):
            act = self.g.p["eu_act"].match(text, colon.end())
            if act is not None:
                found.append((act.start(), act.end(), act.group(0)))
        return found

    def glossary(self, text: str, names: list[tuple[int, int, str]]) -> None:
        """Terms of a text's list of abbreviations ("Afkortingenlijst"): a line that
        holds only an abbreviation, a regeling's name and perhaps its publication
        ("WvSv Wetboek van Strafvordering", "Rwn Rijkswet op het Nederlanderschap",
        "Flexwet Wet Flexibiliteit en Zekerheid (Stb. 1998, 300)"). The abbreviation's
        letters must spell the name's (in order, from its first letter), so a line
        that merely opens with a word before a name ("Zie Vreemdelingenwet") defines
        nothing; and the line must stand among at least two more lines of that
        shape."""
        for start, end, name in names:
            line_start = text.rfind("\n", 0, start) + 1
            head = _GLOSSARY_HEAD.fullmatch(text, line_start, start)
            if head is None or name not in self.g.aliases:
                continue
            line_end = text.find("\n", end)
            line_end = len(text) if line_end == -1 else line_end
            if not _GLOSSARY_TAIL.fullmatch(text, end, line_end):
                continue
            term = head.group("term")
            if not _spells(term, name) or not self._among_entries(text, line_start):
                continue
            if term not in self.groups:
                self.define(term, name)
                self.abbreviations.add(term)

    @staticmethod
    def _among_entries(text: str, line_start: int) -> bool:
        """Whether the line at ``line_start`` has two neighbours (before or after)
        shaped as glossary entries too."""
        before = text.rfind("\n", 0, max(0, line_start - 1)) + 1
        earlier = text.rfind("\n", 0, max(0, before - 1)) + 1
        after = text.find("\n", line_start)
        later = text.find("\n", after + 1) if after != -1 else -1
        lines = []
        if line_start > 0:
            lines.append(text[before : line_start - 1])
            if before > 0:
                lines.append(text[earlier : before - 1])
        if after != -1:
            lines.append(text[after + 1 : later if later != -1 else len(text)])
            if later != -1:
                end = text.find("\n", later + 1)
                lines.append(text[later + 1 : end if end != -1 else len(text)])
        return sum(bool(_GLOSSARY_LINE.fullmatch(line)) for line in lines) >= 2

    def inherit(self, text: str, names: list[tuple[int, int, str]]) -> None:
        """The terms a regeling this one rests on defines for "the provisions resting
        on it" ("In dit besluit en de daarop berustende bepalingen wordt verstaan
        onder: … de Wet: de Vreemdelingenwet 2000"): a regeling whose aanhef says
        "Gelet op … van het Vreemdelingenbesluit" reads "de Wet" so, unless it defines
        the term itself."""
        aanhef = _AANHEF.search(text, 0, 30_000)
        if aanhef is None:
            return
        end = text.find("\n", aanhef.end())
        end = len(text) if end == -1 else end
        for start, _end, name in names:
            if not aanhef.start() <= start < end or name not in self.g.aliases:
                continue
            for term, defined in self.g.inherited_terms.get(
                self.g.aliases[name].work, ()
            ):
                if term not in self.groups:
                    self.define(term, defined)

    def uses(self, text: str) -> list[tuple[int, int, str]]:
        """Where a defined term stands on its own: "bij of krachtens de Wet" in a
        besluit that defines "de Wet: de Vreemdelingenwet 2000" (the term's own
        definition line and longer titles such as "de Wet op het …" excluded)."""
        found = []
        for term in self.groups:
            if term in self.g.scanned and (
                self.g.aliases[term].standalone or term not in self.abbreviations
            ):
                continue  # the name scan finds it already (or it is no name alone)
            # a literal first (fast), then the article before it
            for m in re.finditer(rf"{re.escape(term)}(?![\w-])", text):
                start = m.start()
                before = start
                while before > 0 and text[before - 1] in " \t\n\xa0":
                    before -= 1
                det = text[max(0, before - 4) : before]
                if before == start or not re.search(
                    r"(?:^|[^\w-])(?:[Dd]e|[Hh]et)$", det
                ):
                    continue
                # only where the term ends the phrase: "de Wet gestelde", "de Wet.",
                # not "de Wet basisregistratie personen" (a title we do not know)
                if self.g.term_end.match(text, m.end()) or (
                    term in self.abbreviations  # "het WvSv bijvoorbeeld"
                    and not _TITLE_GOES_ON.match(text, m.end())
                ):
                    found.append((start, m.end(), term))
        return found

    def define(self, term: str, name: str) -> None:
        """``term`` stands for the regeling or EU act ``name`` (a name of the tables or
        an EU act's designation); a case name or anything else defines nothing."""
        term = re.sub(r"^(?:de|het)\s+", "", term)
        if term == name or len(term) < 2:
            return
        self._index = None
        if name in self.g.aliases:
            self.groups[term] = (("regeling", name),)
            self.kinds[term] = self.g.aliases[name].kind
        elif name in self.g.case_names:
            return
        else:
            eu = self.g.p["eu_act"].fullmatch(name)
            groups = eu_act_groups(eu) if eu else None
            if groups:
                self.groups[term] = tuple(sorted(groups.items()))
                self.kinds[term] = _K.EU_LEGISLATION
