"""Resolve extracted references to canonical work ids: pure, offline, injectable.

``resolve_references`` maps each :class:`ReferenceKind` to a resolver. Default
resolvers use only the reference's own groups, the shipped lookup tables in
``ingest/data/`` and, when given, the :class:`CitingContext` (the citing regeling, its
articles, its footnotes). A reference that cannot be resolved is kept with
``work=None`` and a ``reason``; nothing is guessed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import fields, replace
from typing import Protocol

from ingest import identifiers as ids
from ingest.models import (
    CitingContext,
    Pinpoint,
    Reference,
    ReferenceKind,
    ResolvedReference,
)
from ingest.scanner import by_span, scan_text
from ingest.tables import (
    EuActName,
    kind_of_work,
    load_alias_table,
    load_article_sets,
    load_bw_books,
    load_case_names,
    load_eu_acts,
)

__all__ = ["DEFAULT_RESOLVERS", "Resolver", "resolve_references"]

_K = ReferenceKind
_ANTECEDENT_WINDOW = 1500  # characters an "Ibid."/"die wet" may look back


def _resolve_eu_name(
    reference: Reference,
    acts: tuple[EuActName, ...],
    pinpoint: Pinpoint,
    context: CitingContext | None,
) -> ResolvedReference:
    """A common name that meant one act before a recast and another after: the one of
    the citing text's date; without a date (or a date no row holds: "AVG" in a text
    of 2012) unresolved."""
    day = context.date if context is not None else None
    fits = [act for act in acts if day is not None and act.holds(day)]
    if len(fits) == 1:
        return _done(reference, fits[0].celex, pinpoint)
    spans = "; ".join(f"{act.celex} {act.since}..{act.until or ''}" for act in acts)
    if day is None:
        why = f"names several acts ({spans}): the citing text's date is not known"
    else:
        why = f"names {spans}: none on {day}, the citing text's date"
    return _unresolved(reference, f"{acts[0].name!r} {why}", pinpoint)


# the whole code: one regeling per Boek, so these names need the Boek ("3:40 BW")
_BW_NAMES = frozenset({"BW", "Burgerlijk Wetboek", "B.W."})
_BW_ARTICLE = re.compile(r"(?P<boek>\d{1,2}[A-Za-z]?)\s?:\s?(?P<artikel>\d\w*)")


def _resolve_bw(
    reference: Reference, pinpoint: Pinpoint, boek: str | None
) -> ResolvedReference:
    """ "art. 3:40 BW" -> Boek 3 (BWBR0005291), artikel 40; "artikel 2 van Boek 7 van
    het Burgerlijk Wetboek" -> Boek 7, artikel 2; "artikel 40 BW" names no Boek."""
    artikel = pinpoint.artikel
    if boek is None and artikel:
        numbered = _BW_ARTICLE.fullmatch(artikel)
        if numbered:
            boek, artikel = numbered.group("boek"), numbered.group("artikel")
    if boek is None:
        what = f": artikel {artikel}" if artikel else ""
        return _unresolved(
            reference,
            f"Burgerlijk Wetboek without a Boek{what} (each Boek is its own regeling)",
            pinpoint,
        )
    work = load_bw_books().get(boek.upper())
    if work is None:
        return _unresolved(
            reference, f"no Boek {boek} of the Burgerlijk Wetboek", pinpoint
        )
    return _done(reference, work, replace(pinpoint, artikel=artikel))


_ANNEX_HEADING = re.compile(r"Artikel \S+")


def _in_annex(
    resolved: ResolvedReference, context: CitingContext | None
) -> ResolvedReference:
    """A reference inside a bijlage of the citing regeling to an article only that
    bijlage has (the Awb's Bijlage 2 numbers its own articles 1–12, the Awb's body
    has none of those numbers): "dit artikel" and the article's heading are the
    bijlage's article (pinpoint with the bijlage, and its hoofdstuk as the jci gives
    it); anything else there ("artikel 7, veertiende lid" or "het elfde lid" in an
    entry "Wet X: …") may cite the act its entry names — unresolved, not the
    regeling's body."""
    pin = resolved.pinpoint
    if (
        context is None
        or not context.annexes
        or resolved.work is None
        or resolved.work != context.work
        or not pin.artikel
        or pin.bijlage
    ):
        return resolved
    if context.in_body(pin.artikel):
        return resolved  # "artikel 8:5" in Bijlage 2: an article of the Awb's body
    reference = resolved.reference
    annex = context.annex_at(reference.start)
    own = annex.article(pin.artikel) if annex else None
    if annex is None or own is None:
        return resolved
    relative = reference.group("relative")
    if (relative == "artikel" and not pin.lid) or _ANNEX_HEADING.fullmatch(
        reference.text
    ):
        moved = replace(pin, bijlage=own.bijlage, hoofdstuk=own.hoofdstuk)
        return _done(reference, resolved.work, moved)
    why = (
        f"inside bijlage {annex.number}: artikel {pin.artikel} is that bijlage's own"
        f" article, and {reference.text!r} may cite the act its entry names"
    )
    return _unresolved(reference, why, pin)


def _checked(
    resolved: ResolvedReference, context: CitingContext | None
) -> ResolvedReference:
    """A reference to an article its (known) target regeling does not have is
    unresolved: "no such article in <title>". The citing regeling's own parts, when
    the context gives them, decide for references to itself; inside a bijlage, an
    article only the bijlage has is the bijlage's (``_in_annex``)."""
    if context is not None and context.annexes:  # most regelingen have none
        resolved = _in_annex(resolved, context)
    artikel = resolved.pinpoint.artikel
    work = resolved.work
    if not artikel or work is None or not work.startswith("BWB"):
        return resolved
    if context is not None and context.work == work and context.parts:
        # the bijlagen are searched only for an article the body lacks (rare)
        if not resolved.pinpoint.bijlage and not context.in_body(artikel):
            annexed = [a.number for a in context.annexes if a.article(artikel)]
            if annexed:
                # "artikel 1 van de bij deze wet behorende Bevoegdheidsregeling …" in
                # the Awb's body: an article of its Bijlage 2, not of the Awb
                return _unresolved(
                    resolved.reference,
                    f"artikel {artikel} is an article of bijlage"
                    f" {' or '.join(annexed)} only, not of the regeling's body",
                    resolved.pinpoint,
                )
        if context.has_part("artikel", artikel) is not False:
            return resolved
        known = load_article_sets().get(work)
        if known is not None and known.has(artikel):
            return resolved  # another version of the citing regeling has it
        title = known.title if known else work
        return _unresolved(
            resolved.reference,
            f"no such article in {title}: artikel {artikel}",
            resolved.pinpoint,
        )
    known = load_article_sets().get(work)
    if known is None or known.has(artikel):
        return resolved
    return _unresolved(
        resolved.reference,
        f"no such article in {known.title}: artikel {artikel}"
        f" (versions {', '.join(known.versions)})",
        resolved.pinpoint,
    )


class Resolver(Protocol):
    """Resolves one reference; ``previous`` holds the references resolved before it."""

    def __call__(
        self,
        reference: Reference,
        *,
        context: CitingContext | None,
        previous: Sequence[ResolvedReference],
    ) -> ResolvedReference: ...


def _done(
    reference: Reference, work: str, pinpoint: Pinpoint | None = None
) -> ResolvedReference:
    pinpoint = pinpoint or Pinpoint()
    return ResolvedReference(reference, work, pinpoint, ids.part_iri(work, pinpoint))


def _unresolved(
    reference: Reference, reason: str, pinpoint: Pinpoint | None = None
) -> ResolvedReference:
    return ResolvedReference(reference, None, pinpoint or Pinpoint(), None, reason)


# the groups that name a pinpoint's parts: Pinpoint's fields, in their order
_PINPOINT_PARTS = tuple(part.name for part in fields(Pinpoint))


# a law cites the same few parts over and over: one shared (frozen) Pinpoint for each
# is cheaper than building it anew, and part_iri's cache finds it by identity
@functools.lru_cache(maxsize=8192)
def _shared_pinpoint(*parts: str | None) -> Pinpoint:
    return Pinpoint(*parts)


def _pinpoint(reference: Reference) -> Pinpoint:
    # every reference comes through here
    return _shared_pinpoint(*map(reference.group_map().get, _PINPOINT_PARTS))


def _moved(pinpoint: Pinpoint, **parts: str | None) -> Pinpoint:
    """``replace(pinpoint, **parts)``, shared as ``_pinpoint``'s are (for the relative
    references every article has)."""
    return _shared_pinpoint(
        *[parts.get(name, getattr(pinpoint, name)) for name in _PINPOINT_PARTS]
    )


def _antecedent(
    reference: Reference,
    previous: Sequence[ResolvedReference],
    accept: Callable[[ResolvedReference], bool],
) -> ResolvedReference | None:
    """The nearest earlier reference ``accept`` takes, within the window, if it is
    resolved (an unresolved one, e.g. a regeling we do not know, is still the
    antecedent: then there is none to give)."""
    for candidate in reversed(previous):
        if reference.start - candidate.reference.end > _ANTECEDENT_WINDOW:
            return None
        if accept(candidate):
            return candidate if candidate.work is not None else None
    return None


def resolve_legislation(
    reference: Reference,
    *,
    context: CitingContext | None,
    previous: Sequence[ResolvedReference],
) -> ResolvedReference:
    """BWB/EU/treaty articles: named regeling, 'deze wet', 'die wet', relative refs."""
    pinpoint = _pinpoint(reference)
    groups = reference.group_map()  # asked for a dozen of them in turn
    if groups.get("short"):
        return resolve_short_form(reference, context=context, previous=previous)
    if groups.get("eu_type"):
        return resolve_eu_legislation(reference, context=context, previous=previous)
    bwb = groups.get("bwb")
    if bwb:  # "BWBR0011823", a wetten.overheid.nl URL: the work as written
        return _done(reference, bwb, pinpoint)
    regeling = groups.get("regeling")
    if regeling in _BW_NAMES:
        return _resolve_bw(reference, pinpoint, groups.get("boek"))
    acts = load_eu_acts().get(regeling) if regeling else None
    if acts is not None and (len(acts) > 1 or (context and context.date)):
        return _resolve_eu_name(reference, acts, pinpoint, context)
    if regeling:
        entry = load_alias_table().get(regeling)
        if entry is None:
            return _unresolved(
                reference, f"regeling not in alias table: {regeling!r}", pinpoint
            )
        apart = groups.get("apart")
        if apart:  # "artikelen 22, c en d, WvSr": which articles is not certain
            reason = f"letters apart from the article number ({apart!r})"
            return _unresolved(reference, reason, pinpoint)
        return _done(reference, entry.work, pinpoint)
    unread = groups.get("unread")
    if unread:  # "artikel 17 van de wet geldt niet": which act is not said
        reason = f"{unread!r} names no act here (no title, no defined term)"
        return _unresolved(reference, reason, pinpoint)
    relative = groups.get("relative")
    if relative:
        return _resolve_relative(reference, relative, pinpoint, context, previous)
    if groups.get("anaphor"):
        return _resolve_anaphor(reference, pinpoint, context, previous)
    within = groups.get("within")
    if within and context is not None:  # "afdeling 3 van dit hoofdstuk"
        part = context.part_at(reference.start, within)
        if part is not None:
            pinpoint = _moved(pinpoint, **{within: part.number})
    if context is not None and context.work is not None:
        line_title = groups.get("line_title")
        entry = load_alias_table().get(line_title) if line_title else None
        if entry is not None:  # a list entry "Gemeentewet: artikel 121" in a regeling
            return _done(reference, entry.work, pinpoint)
        if line_title:  # the line names a regeling we do not know: do not guess
            return _unresolved(
                reference, f"regeling not in alias table: {line_title!r}", pinpoint
            )
        missing = _missing_part(pinpoint, context)
        named = _named_in_sentence(reference, pinpoint) if missing else None
        if named is not None:
            return _done(reference, named, pinpoint)
        if missing and not groups.get("self"):
            # "de artikelen 8:1 tot en met 8:5" in the Vw: not one of its articles,
            # and no regeling named with it; which one is meant is not said (the
            # regeling named last before it is often another: no guessing)
            return _unresolved(
                reference,
                f"{missing} is not part of the citing regeling and no regeling is named",
                pinpoint,
            )
        unknown = groups.get("unknown_designation")
        if unknown:  # "Article 40 of the Statute of the Council of Europe"
            reason = f"{unknown!r}: an act the tables lack, not the citing one"
            return _unresolved(reference, reason, pinpoint)
        return _done(reference, context.work, pinpoint)
    self_noun = groups.get("self")
    reason = (
        f"'{_SELF_DET.get(self_noun, 'deze')} {self_noun}' outside a regeling"
        " (no citing work given)"
        if self_noun
        else "no regeling named"
    )
    return _unresolved(reference, reason, pinpoint)


_SELF_DET = {"besluit": "dit", "verdrag": "dit", "wetboek": "dit"}
_EU_NOUNS = {"richtlijn", "verordening"}


def _resolve_anaphor(
    reference: Reference,
    pinpoint: Pinpoint,
    context: CitingContext | None,
    previous: Sequence[ResolvedReference],
) -> ResolvedReference:
    """ "die wet", "dezelfde wet", "genoemde richtlijn", "van de wet": the act named
    last before it in its scope (group ``paragraph`` or, for "de wet", ``sentence``:
    where that starts) whose noun fits; the citing regeling itself is no antecedent ("deze
    wet" is). Unresolved when the act named last is one we do not know, or none is
    named there."""
    noun = reference.group("anaphor") or ""
    sentence = reference.group("sentence")
    scope = int(sentence or reference.group("paragraph") or 0)
    own = context.work if context else None
    for candidate in reversed(previous):
        named = candidate.reference
        if named.start < scope or reference.start - named.end > _ANTECEDENT_WINDOW:
            break
        if not _names_act(candidate, own):
            continue
        if not (_noun_fits(noun, candidate) and _may_hold(candidate, pinpoint)):
            continue
        if candidate.work is None:  # a regeling we do not know: no guess past it
            return _unresolved(
                reference,
                f"antecedent of '{noun}' is not resolved: {named.text!r}",
                pinpoint,
            )
        moved = replace(reference, kind=kind_of_work(candidate.work))
        return _done(moved, candidate.work, pinpoint)
    where = "sentence" if sentence else "paragraph"
    return _unresolved(
        reference,
        f"antecedent of '{noun}' unclear: no act named before it in its {where}",
        pinpoint,
    )


def _names_act(candidate: ResolvedReference, own: str | None) -> bool:
    """Whether a reference names an act (by title, term, id or number), not the
    citing regeling and not by a relative or bare article."""
    ref = candidate.reference
    if ref.kind not in {_K.LEGISLATION, _K.TREATY, _K.EU_LEGISLATION}:
        return False
    if ref.group("relative") or ref.group("self"):
        return False
    if candidate.work is not None and candidate.work == own:
        return False
    return any(
        ref.group(key)
        for key in ("regeling", "defined", "bwb", "celex", "eu_type", "anaphor")
    ) or (candidate.work is not None and candidate.work != own)


def _named_in_sentence(reference: Reference, pinpoint: Pinpoint) -> str | None:
    """The regeling the sentence names (group ``sentence_regeling``, one and only one)
    for a bare article the citing regeling lacks, when its articles are known and
    include this one: the Vw's "de titels 8.1 tot en met 8.3 van de Awb …, met
    uitzondering van de artikelen 8:1 tot en met 8:5" (never a guess: a regeling whose
    articles we do not know is not taken)."""
    name = reference.group("sentence_regeling")
    entry = load_alias_table().get(name) if name else None
    if entry is None or pinpoint.artikel is None:
        return None
    known = load_article_sets().get(entry.work)
    if known is None or not known.has(pinpoint.artikel):
        return None
    return entry.work


def _missing_part(pinpoint: Pinpoint, context: CitingContext) -> str | None:
    """The article or division a bare reference names that the citing regeling does
    not have ("artikel 8:1" in the Vw), or None (it has it, or its parts are not
    known)."""
    if pinpoint.artikel:
        kind, number = "artikel", pinpoint.artikel
    else:
        named = [
            (kind, value)
            for kind in ("paragraaf", "afdeling", "titeldeel", "hoofdstuk")
            if (value := getattr(pinpoint, kind))
        ]
        if not named:
            return None
        kind, number = named[0]
    if context.has_part(kind, number) is False:
        return f"{kind} {number}"
    return None


def _resolve_relative(
    reference: Reference,
    relative: str,
    pinpoint: Pinpoint,
    context: CitingContext | None,
    previous: Sequence[ResolvedReference],
) -> ResolvedReference:
    """ "dit artikel", "het tweede lid", "dit lid", "het vorige lid": against the
    article (and lid) around the reference in the citing regeling; "het eerste lid
    van dat artikel" against the article referred to last."""
    if relative == "dat artikel":  # "het eerste lid van dat artikel": the last one
        named = _antecedent(reference, previous, lambda c: bool(c.pinpoint.artikel))
        if named is None:
            return _unresolved(reference, "antecedent of 'dat artikel' unclear")
        return _done(
            reference,
            named.work or "",
            replace(pinpoint, artikel=named.pinpoint.artikel),
        )
    if context is None or context.work is None:
        return _unresolved(
            reference, "relative reference without a citing regeling", pinpoint
        )
    article = context.part_at(reference.start, "artikel")
    artikel = article.number if article else context.article_at(reference.start)
    if artikel is None:
        return _unresolved(reference, "relative reference outside an article", pinpoint)
    if relative in {"dit lid", "vorige lid"}:
        lid = (
            context.part_at(reference.start, "lid")
            if relative == "dit lid"
            else context.part_before(reference.start, "lid")
        )
        if lid is None:
            reason = (
                "'dit lid' outside a lid"
                if relative == "dit lid"
                else "'het vorige lid' in the first lid (or outside a lid)"
            )
            return _unresolved(reference, reason, Pinpoint(artikel))
        return _done(
            reference, context.work, _moved(pinpoint, artikel=artikel, lid=lid.number)
        )
    number = pinpoint.lid if relative == "lid" else None
    return _done(reference, context.work, _moved(pinpoint, artikel=artikel, lid=number))


# "het besluit van 25 september 2012 tot wijziging van het Besluit inburgering …"
_AMENDING_ACT = re.compile(
    r"(?i)(?:wet|besluit|regeling)\s+van\s+\d{1,2}\s+[a-z]+\s+\d{4}\b.*?"
    r"\btot\s+wijziging\b"
)
_ROMAN_ARTICLE = re.compile(r"[IVXLC]+[a-z]?")


def _may_hold(candidate: ResolvedReference, pinpoint: Pinpoint) -> bool:
    """Whether the act ``candidate`` names can hold the article of ``pinpoint``. An
    amending act numbers its articles I, II, … (Aanwijzingen voor de regelgeving), so
    "artikel 2.5 … van dat besluit" after "artikel I van het besluit van 25 september
    2012 tot wijziging van het Besluit inburgering" is not that amending besluit."""
    artikel = pinpoint.artikel
    if artikel is None or _ROMAN_ARTICLE.fullmatch(artikel):
        return True
    return not _AMENDING_ACT.match(candidate.reference.group("regeling") or "")


def _noun_fits(noun: str, candidate: ResolvedReference) -> bool:
    """'die wet' must point back at a wet, 'dat besluit' at a besluit (when named),
    'die richtlijn' at a richtlijn, 'dat verdrag' at a treaty."""
    ref = candidate.reference
    eu = ref.kind is _K.EU_LEGISLATION or (candidate.work or "")[:1] == "3"
    if noun in _EU_NOUNS:
        eu_type = ref.group("eu_type")
        if eu_type:
            return eu_type == noun
        title = (ref.group("regeling") or ref.group("defined") or "").lower()
        return eu and (not title or noun in title)
    if eu:
        return False  # "die wet" is no EU act
    if noun == "verdrag":
        return ref.kind is _K.TREATY
    named = (ref.group("regeling") or ref.group("defined") or "").lower()
    if not named or noun not in {"wet", "besluit", "regeling"}:
        return True
    if ref.kind is _K.TREATY:  # a verdrag is neither
        return False
    if noun == "regeling":
        return "regeling" in named or "voorschrift" in named
    if noun == "wet":
        return "besluit" not in named and "regeling" not in named
    return "besluit" in named or named in {"vb", "vb 2000"}


def resolve_policy(
    reference: Reference,
    *,
    context: CitingContext | None,
    previous: Sequence[ResolvedReference],
) -> ResolvedReference:
    """Vc paragraphs (part A/B/C -> its BWB id) and WBV amendment decisions."""
    wbv = reference.group("wbv")
    if wbv:
        return _done(reference, wbv)
    why = reference.group("vc_unresolved")  # a Vc number without a certain chapter
    if why:
        return _unresolved(reference, why)
    paragraaf = reference.group("paragraaf") or ""
    work = ids.VC_PARTS.get(paragraaf[:1])
    if work is None:
        return _unresolved(reference, f"unknown Vc part in {paragraaf!r}")
    cue = reference.group("chapter_cue")
    # the Vc itself, or a decision amending it (WBV 2013/23: "zie B8")
    in_vc = context is not None and (
        context.work in ids.VC_PARTS.values()
        or bool(ids.WBV.match(context.document or ""))
    )
    if cue and not in_vc:  # "zie A4" in a letter: a Vc chapter, or a paper size?
        why = f"{cue!r} {paragraaf} outside the Vc names no Vc chapter for certain"
        return _unresolved(reference, why)
    return _done(reference, work, Pinpoint(paragraaf=paragraaf))


def resolve_eu_legislation(
    reference: Reference,
    *,
    context: CitingContext | None,
    previous: Sequence[ResolvedReference],
) -> ResolvedReference:
    """EU acts -> CELEX (the IRI is the ELI IRI), with the article pinpoint if any."""
    pinpoint = _pinpoint(reference)
    regeling = reference.group("regeling")
    if regeling:
        return resolve_legislation(reference, context=context, previous=previous)
    if reference.group("short"):
        return resolve_short_form(reference, context=context, previous=previous)
    written = reference.group("celex")
    if written:  # "CELEX:32008L0115", "?uri=CELEX%3A32019R1155"
        return _done(reference, written, pinpoint)
    celex = ids.celex_for_eu_act(
        reference.group("eu_type") or "",
        reference.group("eu_year") or "",
        reference.group("eu_number") or "",
    )
    if celex is None:
        return _unresolved(reference, "not a sector-3 CELEX act", pinpoint)
    return _done(reference, celex, pinpoint)


def resolve_case_law(
    reference: Reference,
    *,
    context: CitingContext | None,
    previous: Sequence[ResolvedReference],
) -> ResolvedReference:
    """ECLI as written; CJEU case numbers and case names through ``case_law.csv``."""
    if reference.group("short"):
        return resolve_short_form(reference, context=context, previous=previous)
    celex = reference.group("celex")
    if celex:  # a ruling's CELEX number (sector 6): its ECLI when case_law.csv has it
        return _done(reference, load_case_names().get(celex, celex))
    raw = reference.group("ecli")
    if raw:
        ecli = ids.normalise_ecli(raw)
        if ecli is None:
            return _unresolved(reference, f"malformed ECLI {raw!r}")
        return _done(reference, ecli)
    names = load_case_names()
    key = reference.group("case_number") or reference.group("case_name") or ""
    if key in names:
        own = context is not None and names[key] == context.document
        if own and reference.group("case_name"):
            # "Moussa Sacko v Commissione …" in the Sacko judgment: its party
            return _unresolved(reference, f"{key!r} names a party of this very ruling")
        return _done(reference, names[key])
    if reference.group("ljn"):
        return _unresolved(
            reference, "LJN without court and year cannot be mapped to an ECLI"
        )
    return _unresolved(reference, f"case {key!r} not in case_law.csv")


def resolve_parliamentary(
    reference: Reference,
    *,
    context: CitingContext | None,
    previous: Sequence[ResolvedReference],
) -> ResolvedReference:
    """Kamerstukken, Handelingen, Aanhangsels; motions by name through their footnote."""
    group = reference.group
    if group("short"):
        return resolve_short_form(reference, context=context, previous=previous)
    if group("motie"):
        return _resolve_motie(reference, context)
    vergaderjaar = ids.normalise_vergaderjaar(group("vergaderjaar") or "")
    kamer = group("kamer") or "II"
    if group("aanhangsel"):
        if vergaderjaar is None:
            return _unresolved(reference, "aanhangsel without a valid vergaderjaar")
        return _done(
            reference, ids.aanhangsel_id(kamer, vergaderjaar, group("nummer") or "")
        )
    if group("handelingen"):
        if vergaderjaar is None or not group("nummer"):
            return _unresolved(reference, "Handelingen without vergaderjaar and nummer")
        return _done(
            reference,
            ids.handelingen_id(
                kamer, vergaderjaar, group("nummer") or "", group("item")
            ),
        )
    dossier, nummer = group("dossier"), group("ondernummer")
    if not dossier or not nummer:
        return _unresolved(reference, "kamerstuk without dossier and ondernummer")
    return _done(reference, ids.kamerstuk_id(dossier, nummer))


def _resolve_motie(
    reference: Reference, context: CitingContext | None
) -> ResolvedReference:
    """A motion named by its indiener resolves to the Kamerstuk in its footnote: the
    marker right after the name, or, for a motion named in a heading, the one marker at
    the heading's end ("Motie Boomsma over … doorlopen8"). Several markers there, or a
    footnote naming several Kamerstukken, leave it unresolved: which one is meant is
    not said."""
    marker = reference.group("marker")
    if context is None or not context.footnotes:
        return _unresolved(reference, "motion named without footnotes to resolve it")
    offsets = {int(marker)} if marker else set(range(reference.end, reference.end + 3))
    footnotes = [f for f in context.footnotes if offsets.intersection(f.markers)]
    if not footnotes:
        heading = next(
            (h for h in context.headings if h[0] <= reference.start < h[1]), None
        )
        if heading is None:
            return _unresolved(reference, "no footnote marker on the motion")
        footnotes = [
            f
            for f in context.footnotes
            if any(reference.end <= m <= heading[1] for m in f.markers)
        ]
        if len(footnotes) != 1:
            return _unresolved(
                reference,
                f"motion in a heading with {len(footnotes)} footnote markers",
            )
    footnote = footnotes[0]
    works = {
        work
        for found in scan_text(footnote.text)
        if found.kind is _K.PARLIAMENTARY and found.group("dossier")
        for work in [resolve_parliamentary(found, context=None, previous=()).work]
        if work
    }
    if len(works) == 1:
        return _done(reference, works.pop())
    if works:
        return _unresolved(
            reference, f"footnote {footnote.number} names {len(works)} kamerstukken"
        )
    return _unresolved(reference, f"footnote {footnote.number} names no kamerstuk")


def resolve_gazette(
    reference: Reference,
    *,
    context: CitingContext | None,
    previous: Sequence[ResolvedReference],
) -> ResolvedReference:
    """Staatsblad, Staatscourant, Tractatenblad -> stb-/stcrt-/trb-YEAR-NUMBER."""
    if reference.group("short"):
        return resolve_short_form(reference, context=context, previous=previous)
    series, year, number = (
        reference.group("series"),
        reference.group("year"),
        reference.group("number"),
    )
    if not (series and year and number):
        return _unresolved(reference, "gazette without year and number")
    return _done(reference, ids.gazette_id(series, year, number))


def resolve_tk_identifier(
    reference: Reference,
    *,
    context: CitingContext | None,
    previous: Sequence[ResolvedReference],
) -> ResolvedReference:
    """Toezeggingen and TK zaak/document numbers are their own canonical ids."""
    if reference.group("short"):
        return resolve_short_form(reference, context=context, previous=previous)
    work = reference.group("toezegging") or reference.group("tk_number") or ""
    if not ids.is_valid_work(work):
        return _unresolved(reference, f"not a TK identifier: {work!r}")
    return _done(reference, work)


def resolve_short_form(
    reference: Reference,
    *,
    context: CitingContext | None,
    previous: Sequence[ResolvedReference],
) -> ResolvedReference:
    """Ibid./t.a.p./aldaar: the previous reference, when it is the only candidate."""
    if not previous:
        return _unresolved(reference, "short form without antecedent")
    last = previous[-1]
    if reference.start - last.reference.end > _ANTECEDENT_WINDOW or last.work is None:
        return _unresolved(reference, "short form: antecedent unclear")
    near = {
        p.work
        for p in previous
        if p.reference.end >= last.reference.start - 200 and p.work is not None
    }
    if len(near) > 1:
        return _unresolved(reference, "short form: several candidate antecedents")
    moved = replace(reference, kind=last.reference.kind)
    return _done(moved, last.work, last.pinpoint)


DEFAULT_RESOLVERS: Mapping[ReferenceKind, Resolver] = {
    _K.LEGISLATION: resolve_legislation,
    _K.TREATY: resolve_legislation,
    _K.POLICY: resolve_policy,
    _K.EU_LEGISLATION: resolve_eu_legislation,
    _K.CASE_LAW: resolve_case_law,
    _K.PARLIAMENTARY: resolve_parliamentary,
    _K.GAZETTE: resolve_gazette,
    _K.COMMITMENT: resolve_tk_identifier,
    _K.TK_RECORD: resolve_tk_identifier,
}


def resolve_references(
    refs: Iterable[Reference],
    *,
    context: CitingContext | None = None,
    resolvers: Mapping[ReferenceKind, Resolver] = DEFAULT_RESOLVERS,
) -> list[ResolvedReference]:
    """Resolve references in text order; each kind goes to its resolver.

    Args:
        refs: references from :func:`ingest.extract.extract_references`.
        context: what is known about the citing document (own id, articles,
            footnotes); needed for "dit artikel", "het tweede lid", bare "artikel 5"
            inside a regeling, and motions named in the text.
        resolvers: kind -> resolver; pass a changed mapping to add e.g. an online
            lookup. A kind without a resolver is kept unresolved.

    Returns:
        One ResolvedReference per reference, in text order.

    >>> from ingest.extract import extract_references
    >>> [r.work for r in resolve_references(extract_references("Stb. 2000, 497"))]
    ['stb-2000-497']
    """
    done: list[ResolvedReference] = []
    for reference in sorted(refs, key=by_span):
        resolver = resolvers.get(reference.kind)
        if resolver is None:
            done.append(
                _unresolved(reference, f"no resolver for kind {reference.kind}")
            )
            continue
        done.append(
            _checked(resolver(reference, context=context, previous=done), context)
        )
    return done
