"""A name for every id the explorer shows, with the id beside it.

Rows used to say "BWBR0011825", "ECLI:EU:C:2017:354" or "32003L0086" where a lawyer
reads "Vreemdelingenbesluit 2000", "Chavez-Vilchez" or "Gezinsherenigingsrichtlijn".
A name comes from, in order: what the store holds (an ingested document's title, the
TK's onderwerp of a motion's zaak, read from the index), then the resolver's own
tables in ``ingest/data`` (regeling abbreviations and citation titles, case names and
numbers, EU act names), then the shape of the id itself (a Juriconnect part IRI reads
"artikel 3.4, eerste lid, Vb"; a Vc paragraph "Vc B5/2.2"; a CELEX number
"Richtlijn 2003/86/EG"). Nothing is guessed: without a source the name is the id.

``Names`` is pure (tests build it from rows); ``get_names`` gives the one for the
configured store, cached per store stamp.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote

import streamlit as st

from app.state import get_backend, get_documents, store_stamp
from graph.index import reads
from ingest.identifiers import BWB_ID, CELEX, ECLI, ORDINALS, VC_PARTS, WBV

DATA = Path(__file__).resolve().parent.parent / "ingest" / "data"

_JCI = re.compile(r"^https?://wetten\.overheid\.nl/jci1\.\d:c:(BWB[RV]\d{7})(.*)$")
_BWB_IRI = re.compile(r"^https?://wetten\.overheid\.nl/(BWB[RV]\d{7})$")
_CASE_NUMBER = re.compile(r"^[CTF]-\d+/\d{2}(?: [A-Z]+)?$")
_CELEX_NUMBER = re.compile(r"^6\d{4}[A-Z]{2}\d{4}")
_CELEX_ACT = re.compile(r"^3(\d{4})([LRD])(\d{4})$")
_NL_RULING_TITLE = re.compile(r"^ECLI:\S+\s*(.*)$")
_ORDINAL_OF = {number: word for word, number in ORDINALS.items()}
# The parts of a Juriconnect reference from the outside in, as a lawyer writes them.
_PART_WORDS = {
    "bijlage": "bijlage",
    "hoofdstuk": "hoofdstuk",
    "titeldeel": "titel",
    "afdeling": "afdeling",
    "paragraaf": "paragraaf",
    "artikel": "artikel",
}
# Courts by the code an ECLI gives them (the ones the corpus cites; others keep the ECLI).
COURTS = {
    "RVS": "Raad van State",
    "HR": "Hoge Raad",
    "PHR": "Parket bij de Hoge Raad",
    "CRVB": "Centrale Raad van Beroep",
    "CBB": "College van Beroep voor het bedrijfsleven",
    "RBDHA": "Rechtbank Den Haag",
    "RBSGR": "Rechtbank 's-Gravenhage",
    "RBAMS": "Rechtbank Amsterdam",
    "RBNNE": "Rechtbank Noord-Nederland",
    "RBOBR": "Rechtbank Oost-Brabant",
    "RBZWB": "Rechtbank Zeeland-West-Brabant",
    "RBGEL": "Rechtbank Gelderland",
    "RBMNE": "Rechtbank Midden-Nederland",
    "RBLIM": "Rechtbank Limburg",
    "RBOVE": "Rechtbank Overijssel",
    "RBROT": "Rechtbank Rotterdam",
    "RBNHO": "Rechtbank Noord-Holland",
    "GHAMS": "Gerechtshof Amsterdam",
    "GHDHA": "Gerechtshof Den Haag",
    "C": "Hof van Justitie EU",
    "T": "Gerecht EU",
}


@dataclass(frozen=True, slots=True)
class Name:
    """What a row shows for one id: a name a reader knows and the id beside it."""

    id: str
    name: str

    @property
    def label(self) -> str:
        """ "Vreemdelingenbesluit 2000 (BWBR0011825)"; the id alone when it has no
        other name."""
        return self.id if self.name == self.id else f"{self.name} ({self.id})"


def _table(name: str) -> list[dict[str, str]]:
    """The rows of a CSV table in ``ingest/data`` (its ``#`` header lines skipped)."""
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


@dataclass(frozen=True, slots=True)
class _Tables:
    """Names per work id from the resolver's tables."""

    abbreviations: Mapping[str, str]  # BWBR0011825 → Vb
    titles: Mapping[str, str]  # BWBR0011825 → Vreemdelingenbesluit 2000
    cases: Mapping[str, str]  # ECLI:EU:C:2017:354 → Chavez-Vilchez
    case_numbers: Mapping[str, str]  # ECLI:EU:C:2017:354 → C-133/15
    eu_acts: Mapping[str, str]  # 32003L0086 → Gezinsherenigingsrichtlijn


@cache
def _tables() -> _Tables:
    abbreviations: dict[str, str] = {}
    titles: dict[str, str] = {}
    bwb_titled: set[str] = set()
    for row in _table("regelingen.csv"):
        work, alias = row["work"], row["alias"]
        # the shortest standalone abbreviation ("Vb", not "Vb 2000"); the title as
        # the BWB writes it (intitule, citeertitel), its longest form
        shorter = len(alias) < len(abbreviations.get(work, "x" * 7))
        if row["standalone"] == "1" and " " not in alias and shorter:
            abbreviations[work] = alias
        # the title as the BWB writes it (intitule, citeertitel), else any full name
        named_by_bwb = "intitule" in row["source"] or "citeertitel" in row["source"]
        longer = " " in alias and len(alias) > len(titles.get(work, ""))
        if longer and (named_by_bwb or work not in bwb_titled):
            titles[work] = alias
            if named_by_bwb:
                bwb_titled.add(work)
    for vc_part, work in VC_PARTS.items():
        abbreviations.setdefault(work, "Vc")
        titles.setdefault(work, f"Vreemdelingencirculaire 2000 ({vc_part})")
    counts: dict[str, int] = {}
    for row in _table("regeling_titles.csv"):
        count = int(row["count"] or 0)
        if row["work"] not in titles and count > counts.get(row["work"], -1):
            counts[row["work"]] = count
            titles.setdefault(row["work"], row["alias"])
    for row in _table("bwb_citeertitels.csv"):
        titles.setdefault(row["work"], row["alias"])
    cases: dict[str, str] = {}
    case_numbers: dict[str, str] = {}
    for row in _table("case_law.csv"):
        alias, work = row["alias"], row["work"]
        if _CASE_NUMBER.match(alias):
            case_numbers.setdefault(work, alias)
        elif not _CELEX_NUMBER.match(alias) and len(alias) > len(cases.get(work, "")):
            cases[work] = alias  # the longest name: "Chavez-Vilchez", not "Chavez"
    eu_acts: dict[str, str] = {}
    for row in _table("eu_acts.csv"):
        eu_acts.setdefault(row["celex"], row["name"])
    return _Tables(abbreviations, titles, cases, case_numbers, eu_acts)


def eu_act_citation(celex: str) -> str | None:
    """How Dutch texts cite an EU act by its number: "Richtlijn 2003/86/EG",
    "Verordening (EU) nr. 604/2013", "Verordening (EU) 2016/679" (numbered year first
    from 2015); None for a CELEX number that is not a directive, regulation or decision.

    >>> eu_act_citation("32003L0086"), eu_act_citation("32013R0604")
    ('Richtlijn 2003/86/EG', 'Verordening (EU) nr. 604/2013')
    """
    match = _CELEX_ACT.match(celex)
    if not match:
        return None
    year, sector, padded = int(match[1]), match[2], int(match[3])
    union = "EU" if year >= 2010 else "EG"
    act = {"L": "Richtlijn", "R": "Verordening", "D": "Besluit"}[sector]
    if year >= 2015:
        return f"{act} ({union}) {year}/{padded}"
    if sector == "L":
        return f"{act} {year}/{padded}/{union}"
    return f"{act} ({union}) nr. {padded}/{year}"


_PUBLICATION = re.compile(r"^(kst|stb|stcrt|trb)-(\d+(?:-[A-Z]+)?)-(\w+)$")
_SERIES = {"stb": "Stb.", "stcrt": "Stcrt.", "trb": "Trb."}


def _publication(identifier: str) -> str | None:
    """An official publication as it is cited: ``stcrt-2019-34157`` → "Stcrt. 2019,
    34157", ``kst-19637-3185`` → "Kamerstukken 19637, nr. 3185"."""
    match = _PUBLICATION.match(identifier)
    if not match:
        return None
    series, first, second = match.groups()
    if series == "kst":
        return f"Kamerstukken {first.replace('-', ' ')}, nr. {second}"
    return f"{_SERIES[series]} {first}, {second}"


def _point(fragment: str) -> str:
    """A ruling's paragraph fragment in words: ``punt-28`` → "punt 28"; a section
    named by its ECLI (``uitspraak-ECLI-NL-RBSGR-2012-BZ0845``) → "uitspraak"."""
    text = unquote(fragment)
    return re.sub(r"-ECLI-.*$", "", text).replace("-", " ")


def _pinpoint_words(pinpoint: str) -> list[str]:
    """``&artikel=3.4&lid=1&onderdeel=r`` → ["artikel 3.4", "eerste lid", "onder r"]."""
    words = []
    for pair in unquote(pinpoint).split("&"):
        key, _, value = pair.partition("=")
        if not value or key == "g":  # g: the date the citing text cites it as of
            continue
        if key == "lid":
            ordinal = _ORDINAL_OF.get(value)
            words.append(f"{ordinal} lid" if ordinal else f"lid {value}")
        elif key == "onderdeel":
            words.append(f"onder {value}")
        else:
            words.append(f"{_PART_WORDS.get(key, key)} {value}")
    return words


class Names:
    """Names for the ids and IRIs of one store.

    ``documents``: per document IRI its (identifier, title), from the index;
    ``subjects``: per motion IRI the TK onderwerp of its zaak; ``identifiers``: per
    IRI of a work that is cited but not ingested its identifier (the index's table)."""

    def __init__(
        self,
        documents: Mapping[str, tuple[str, str | None]] = {},  # noqa: B006 - read only
        subjects: Mapping[str, str] = {},  # noqa: B006
        identifiers: Mapping[str, str] = {},  # noqa: B006
    ) -> None:
        self._documents = documents
        self._subjects = subjects
        self._identifiers = identifiers
        self._by_id: dict[str, str] = {
            identifier: iri for iri, (identifier, _) in documents.items()
        }
        self._tables = _tables()

    def of(self, iri_or_id: str) -> Name:
        """The name of a work, a part of one or a document, given its IRI or its id."""
        text = str(iri_or_id)
        if _JCI.match(text):
            return self.of_part(text)
        if (
            "#" in text
        ):  # a part of an EU act or treaty: "artikel 7 Gezinsherenigingsrichtlijn"
            base, _, fragment = text.partition("#")
            work = self.of(base)
            if "=" not in fragment and ECLI.match(work.id):  # a ruling's "punt-28"
                return Name(f"{work.id} {fragment}", f"{work.name}, {_point(fragment)}")
            words = _pinpoint_words(fragment)
            if words:
                short = self._tables.eu_acts.get(work.id) or work.name
                joined = ", ".join(words) + ("," if len(words) > 1 else "")
                return Name(f"{work.id} {fragment}", f"{joined} {short}")
        iri = self._by_id.get(text, text)
        identifier = self.identifier(iri)
        return Name(identifier, self._name(iri, identifier))

    def identifier(self, iri: str) -> str:
        """The canonical id of an IRI (the IRI itself when the store does not say)."""
        if iri in self._documents:
            return self._documents[iri][0]
        match = _BWB_IRI.match(iri)
        if match:
            return match[1]
        return self._identifiers.get(iri, iri)

    def name(self, iri_or_id: str) -> str:
        """The name alone (the id when there is no other)."""
        return self.of(iri_or_id).name

    def label(self, iri_or_id: str) -> str:
        """ "name (id)"."""
        return self.of(iri_or_id).label

    def abbreviation(self, work: str) -> str:
        """How a citation names a regeling after an article number ("Vb", "Awb"), or
        its title where it has no abbreviation."""
        return self._tables.abbreviations.get(work) or self._work_title(work) or work

    def of_part(self, iri: str) -> Name:
        """A part of a BWB work by its Juriconnect IRI: "artikel 3.4, eerste lid, Vb",
        a Vc paragraph "Vc B5/2.2"; the id beside it is the Juriconnect reference."""
        match = _JCI.match(iri)
        if not match:
            return self.of(iri)
        work, pinpoint = match[1], match[2]
        words = _pinpoint_words(pinpoint)
        reference = f"jci1.3:c:{work}{pinpoint}"
        if not words:
            return Name(work, self._name(f"https://wetten.overheid.nl/{work}", work))
        if work in VC_PARTS.values() and words[0].startswith("paragraaf "):
            rest = ", ".join(words[1:])
            name = (
                "Vc "
                + words[0].removeprefix("paragraaf ")
                + (f", {rest}" if rest else "")
            )
            return Name(reference, name)
        # "artikel 3.4 Vb", but "artikel 3.4, eerste lid, Vb" as lawyers write it
        joined = ", ".join(words) + ("," if len(words) > 1 else "")
        return Name(reference, f"{joined} {self.abbreviation(work)}")

    def _work_title(self, work: str) -> str | None:
        return self._tables.titles.get(work)

    def _name(self, iri: str, identifier: str) -> str:
        tables = self._tables
        if iri in self._subjects:
            return self._subjects[iri]
        if WBV.match(identifier):  # how the Vc's decisions are cited: "WBV 2013/23"
            return identifier
        title = self._documents.get(iri, (identifier, None))[1]
        if ECLI.match(identifier):
            return self._ruling(identifier, title)
        if CELEX.match(identifier):
            short = tables.eu_acts.get(identifier)
            cited = eu_act_citation(identifier)
            if short and cited:
                return f"{short} ({cited})"
            return short or cited or title or identifier
        if BWB_ID.match(identifier) or identifier in tables.titles:
            title = self._work_title(identifier) or title
            short = tables.abbreviations.get(identifier)
            if title and short and short not in title and short != "Vc":
                return f"{title} ({short})"
            return title or identifier
        if title:
            return " ".join(title.split())
        return _publication(identifier) or identifier

    def _ruling(self, ecli: str, title: str | None) -> str:
        """ "Chavez-Vilchez (C-133/15)"; a Dutch ruling by its court, date and case
        numbers as its title gives them ("Raad van State, 28-05-2015, 201502374/1/A1")."""
        tables = self._tables
        case, number = tables.cases.get(ecli), tables.case_numbers.get(ecli)
        if case:
            return f"{case} ({number})" if number else case
        if number:
            return number
        if title and ecli.startswith("ECLI:NL:"):
            match = _NL_RULING_TITLE.match(" ".join(title.split()))
            rest = match[1] if match else ""
            tidy = rest.replace(" , ", ", ").replace(" / ", ", ").strip(" ,/")
            if tidy:
                return tidy
        court = ecli.split(":")[2]
        if ecli.startswith("ECLI:EU:") and title:
            # "Judgment of the Court … 2017, Gusa, C-442/16": the last part is its number
            return title.rsplit(", ", 1)[-1]
        return COURTS.get(court, ecli)


# A drawing's node shows a long title by its head: a report's title before its
# subtitle, a motion's onderwerp before what it is about; the whole name is its tooltip.
SHORT_NAME = 48
_MOTION_ABOUT = re.compile(r"^(Motie .+?) over ")


def short_name(name: str) -> str:
    """``name`` for a node of a drawing: a name longer than ``SHORT_NAME`` characters
    by its head ("EMN Nederland, Jaaroverzicht 2019" of "…: ontwikkelingen in …",
    "Motie van de leden Koekkoek en Ceder" of "… over de belangen van het kind …");
    whole words always, and the whole name when it has no such head."""
    flat = " ".join(name.split())
    if len(flat) <= SHORT_NAME:
        return flat
    head = flat.split(": ", 1)[0]
    if head != flat and len(head.split()) >= 2:
        return head
    motion = _MOTION_ABOUT.match(flat)
    return motion[1] if motion else flat


def names_from_rows(
    documents: Iterable[Mapping[str, object]],
    subjects: Mapping[str, str] = {},  # noqa: B006 - read only
    identifiers: Mapping[str, str] = {},  # noqa: B006
) -> Names:
    """``Names`` from the document list's rows (``doc``, ``id``, ``title``)."""
    return Names(
        {
            str(row["doc"]): (
                str(row["id"]),
                None if row["title"] is None else str(row["title"]),
            )
            for row in documents
        },
        subjects,
        identifiers,
    )


def get_names() -> Names:
    """The names of the configured store (cached per store stamp)."""
    return _names(store_stamp())


@st.cache_resource(max_entries=2, show_spinner=False)
def _names(stamp: str) -> Names:
    index = get_backend().index
    return names_from_rows(
        get_documents().as_dicts(),
        reads.motion_subjects(index),
        reads.identifiers(index),
    )
