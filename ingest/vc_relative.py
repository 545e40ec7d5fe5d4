"""Vc paragraphs written without their chapter, where the chapter is certain.

The Vreemdelingencirculaire cites a paragraph of the chapter a text stands in by its
local number alone ("zoals aangegeven in paragraaf 7.2.1.1" in A4 is A4/7.2.1.1,
"Paragrafen 6.4.3, 6.4.4 en 6.4.5" in A5), and a list's later members take the
chapter of its first ("C9/2.1.1.1 en 2.1.1.2" is C9/2.1.1.2). The scanner reads text
without knowing where it stands, so these are added here, with the citing context:

- a list's next member ("en 2.1.1.2" after "C9/2.1.1.1") takes the first member's
  chapter, in any text (the first member names it);
- "paragraaf N.N", "paragrafen …", "zie N.N" only inside a Vc part itself, in the
  chapter of the Vc paragraph the text stands in, and only if that chapter has the
  paragraph. Anywhere else in the Vc (C24's country sections, numbered by BWB's
  editors, where numbers restart) it is unresolved with a reason, never a guess.
  Outside the Vc such numbers are a letter's or a report's own sections: nothing.

A number followed by "van …" ("paragraaf 3.2 van de brief") is another document's
and is left alone, as is one the scanner already took ("paragraaf 3.2 Vw").
"""

from __future__ import annotations

import re

from ingest.identifiers import VC_PARTS
from ingest.models import CitingContext, Reference, ReferenceKind
from ingest.scanner import by_span, overlaps, reference_groups

__all__ = ["add_relative_paragraphs"]

_LOCAL = r"\d{1,2}(?:\.\d{1,2}){0,6}"
_END = r"(?![\w/]|\.\d)"
# "paragraaf 7.2.1.1", "Paragrafen 6.4.3", "(zie 3.2.2)", "zie verder 7.2" (not
# "par.": the Vc writes it for another document's section, "ambtsbericht (par.3.4.3)")
_RELATIVE = re.compile(
    r"(?<![\w/.])(?:(?P<kw>[Pp]aragra(?:af|fen))\s+"
    r"|(?P<cue>[Zz]ie(?:\s+(?:ook|verder|hiervoor))?)\s+)"
    rf"(?P<local>{_LOCAL}){_END}"
)
# where _RELATIVE may start: its look-behind at the head keeps the engine from
# skipping ahead in C, so the cue words are found first and _RELATIVE is tried there
_RELATIVE_CUE = re.compile(r"[PpZz](?:aragra(?:af|fen)|ie)")
# the next member of a list: ", 6.4.4", " en 6.4.5", " of 5.3"
_MORE = re.compile(rf"(?:\s*,\s*|\s+(?:en|of|en/of)\s+)(?P<local>{_LOCAL}){_END}")
# what makes a number another document's or an article ("3.2 van de brief", "3.5 Vb",
# "3.5, eerste lid"): not a paragraph of this chapter
_NOT_OURS = re.compile(r",?\s*(?:van|uit)\s|,?\s+(?:[A-Z]|lid\b|onder\b)|,\s*\w+\s+lid")

_K = ReferenceKind


def add_relative_paragraphs(
    text: str, refs: list[Reference], context: CitingContext | None
) -> list[Reference]:
    """``refs`` with the Vc paragraphs written without their chapter added (sorted by
    start when any is added)."""
    in_vc = context is not None and context.work in _VC_WORKS
    added: list[Reference] = []
    for ref in refs:
        paragraaf = ref.group("paragraaf") if ref.kind is _K.POLICY else None
        if paragraaf and "/" in paragraaf:
            chapter = paragraaf.split("/", 1)[0]
            for member in _members(text, ref.end, chapter, {}):
                number = member.group("paragraaf") or ""
                if (
                    context is not None
                    and context.work == VC_PARTS.get(chapter[:1])
                    and context.has_part("beleidsregel", number) is False
                ):  # a paragraph of the citing Vc part itself: it must have it
                    local = member.group("relative") or ""
                    why = f"no paragraph {local} in Vc chapter {chapter}"
                    member = _reference(
                        text, member.start, member.end, local, None,
                        {"vc_unresolved": why},
                    )  # fmt: skip
                added.append(member)
    if in_vc:
        assert context is not None
        added.extend(_relative(text, context))
    if not added:
        return refs
    spans = sorted((r.start, r.end) for r in refs)
    kept: list[Reference] = []
    for ref in sorted(added, key=by_span):
        if overlaps(spans, ref.start, ref.end):
            continue  # the scanner's own reading stands
        if kept and ref.start < kept[-1].end:
            continue
        kept.append(ref)
    return sorted(refs + kept, key=by_span) if kept else refs


_VC_WORKS = frozenset(VC_PARTS.values())


def _members(
    text: str, pos: int, chapter: str | None, extra: dict[str, str]
) -> list[Reference]:
    """The further members of a list from ``pos``: each a paragraph of ``chapter``
    (or unresolved with the reason in ``extra``). Only numbers with a dot ("6.4.4",
    not "2 weken")."""
    found = []
    while (more := _MORE.match(text, pos)) is not None:
        local = more.group("local")
        if "." not in local or _NOT_OURS.match(text, more.end()):
            break
        found.append(
            _reference(text, more.start("local"), more.end(), local, chapter, extra)
        )
        pos = more.end()
    return found


def _relative(text: str, context: CitingContext) -> list[Reference]:
    found: list[Reference] = []
    for m in _relative_matches(text):
        local = m.group("local")
        if "." not in local:
            # "zie 2" is no paragraph; and "paragraaf 3" can be checked against
            # nothing but its existence (C14/1's two are a stale numbering: the
            # publisher links the paragraph before each)
            continue
        if _NOT_OURS.match(text, m.end()):
            continue
        chapter, why = _chapter_at(context, m.start())
        if chapter is not None and not context.has_part(
            "beleidsregel", f"{chapter}/{local}"
        ):
            why = f"no paragraph {local} in Vc chapter {chapter}"
            # the list's later members follow a first that names nothing: none
            chapter, first_missing = None, why
        else:
            first_missing = ""
        extra = {"vc_unresolved": why} if why else {}
        found.append(_reference(text, m.start(), m.end(), local, chapter, extra))
        for member in _members(text, m.end(), chapter, extra):
            local = member.group("relative") or ""
            number = member.group("paragraaf")
            if first_missing:
                why = f"{local} continues a list whose first member is missing"
            elif number and not context.has_part("beleidsregel", number):
                why = f"no paragraph {local} in Vc chapter {chapter}"
            else:
                found.append(member)  # resolved, or without a chapter for certain
                continue
            found.append(
                _reference(
                    text, member.start, member.end, local, None, {"vc_unresolved": why}
                )
            )
    return found


def _relative_matches(text: str) -> list[re.Match[str]]:
    """``_RELATIVE.finditer(text)``, tried only where a cue word starts."""
    found: list[re.Match[str]] = []
    for cue in _RELATIVE_CUE.finditer(text):
        if found and cue.start() < found[-1].end():
            continue
        m = _RELATIVE.match(text, cue.start())
        if m is not None:
            found.append(m)
    return found


def _chapter_at(context: CitingContext, offset: int) -> tuple[str | None, str]:
    """The chapter of the Vc paragraph ``offset`` stands in ("A4" for A4/7.2), or
    why there is none for certain."""
    paragraph = context.part_at(offset, "beleidsregel")
    if paragraph is None or "/" not in paragraph.number:
        return None, "no Vc chapter for certain (the text stands in no Vc paragraph)"
    return paragraph.number.split("/", 1)[0], ""


def _reference(
    text: str,
    start: int,
    end: int,
    local: str,
    chapter: str | None,
    extra: dict[str, str],
) -> Reference:
    groups = {"relative": local, **extra}
    if chapter is not None:
        groups["paragraaf"] = f"{chapter}/{local}"
    return Reference(start, end, text[start:end], _K.POLICY, reference_groups(groups))
