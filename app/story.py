"""A lineage told as Dutch sentences a lawyer reads, beside the drawing.

Each hop of a path is a clause ("Vc B5/2.2 werkt artikel 3.4, eerste lid, onder g, Vb
uit", "Vc B5/2.2 is gewijzigd door WBV 2013/23"); a change and the ruling it follows
from, by the same decision, are one sentence ("… is gewijzigd door WBV 2019/… naar
aanleiding van Chavez-Vilchez (C-133/15)"). Names come from the caller (app/names.py),
so this module only knows the words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.namespaces import CITO, ELI, PROV, WG

# Per link type: the clause with the subject (s, the one that links) and the target (t).
CLAUSES = {
    str(PROV.wasDerivedFrom): "{s} volgt uit {t}",
    str(ELI.based_on): "{s} werkt {t} uit",
    str(ELI.transposes): "{s} implementeert {t}",
    str(ELI.amends): "{t} is gewijzigd door {s}",
    str(WG.renumberedAs): "{s} is vernummerd tot {t}",
    str(WG.answers): "{s} beantwoordt {t}",
    str(WG.introduces): "{t} is ingevoegd door {s}",
    str(ELI.repeals): "{t} is vervallen door {s}",
    str(ELI.commences): "{s} doet {t} in werking treden",
    str(ELI.changes): "{s} wijzigt {t}",
    str(CITO.cites): "{s} verwijst naar {t}",
}
# How a hop continues a sentence whose subject made it (the same decision): "naar
# aanleiding van" a ruling it follows from, "ter uitwerking van" what it elaborates.
CONTINUATIONS = {
    str(PROV.wasDerivedFrom): "naar aanleiding van {t}",
    str(ELI.based_on): "ter uitwerking van {t}",
    str(ELI.transposes): "ter implementatie van {t}",
}


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a path in words: who links (its name), to whom, how (link type),
    and the document whose text says so (its name; empty when it is the subject)."""

    subject: str
    target: str
    type: str
    stated_in: str = ""
    quote: str = ""


def clause(hop: Hop) -> str:
    """ "Vc B5/2.2 werkt artikel 3.4, eerste lid, onder g, Vb uit"."""
    template = CLAUSES.get(hop.type, "{s} verwijst naar {t}")
    return template.format(s=hop.subject, t=hop.target)


def sentence(hops: Sequence[Hop]) -> str:
    """A path as one sentence: each hop a clause, joined by "; ", and a hop whose
    subject also made the previous one (a decision that changes a paragraph and follows
    from a ruling) continuing that clause."""
    parts: list[str] = []
    previous: Hop | None = None
    for hop in hops:
        continuation = CONTINUATIONS.get(hop.type)
        if (
            previous is not None
            and continuation
            and hop.subject == previous.subject
            and previous.type != hop.type
        ):
            parts[-1] += " " + continuation.format(t=hop.target)
        else:
            parts.append(clause(hop))
        previous = hop
    text = "; ".join(parts)
    if not text:
        return ""
    first = text.split(" ", 1)[0]
    if not any(c.isdigit() for c in first):  # "stcrt-2019-34157" keeps its case
        text = text[:1].upper() + text[1:]
    return text + "."


def source_note(hop: Hop) -> str:
    """Where the sentence's evidence stands: "(staat in EMN jaaroverzicht 2019: “…”)"."""
    if not hop.stated_in or hop.stated_in == hop.subject:
        return f"“{hop.quote}”" if hop.quote else ""
    quote = f": “{hop.quote}”" if hop.quote else ""
    return f"staat in {hop.stated_in}{quote}"
