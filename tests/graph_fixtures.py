"""Small hand-made documents for graph tests (real text from the 2025D33530 letter)."""

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from graph import settings
from graph.load import load_paths
from graph.sparql import QueryResult
from graph.store import GraphStore, open_store
from ingest.models import (
    DocumentKind,
    DocumentMetadata,
    Footnote,
    Pinpoint,
    Reference,
    ReferenceKind,
    ResolvedReference,
    SourceDocument,
)

LETTER_TEXT = (
    "Naar aanleiding van de motie7 van lid Bisschop van de SGP worden acties uitgewerkt.\n"
    "Zie artikel 3.71, derde lid, Vb en paragraaf B9/99 Vc.\n"
    "  7. Kamerstukken II vergaderjaar 2021-2022, 19 637, nr. 2798\n"
)


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def letter() -> tuple[SourceDocument, list[ResolvedReference]]:
    """A letter with a footnote, a resolved legislation reference, a footnote
    reference to a Kamerstuk and one unresolved policy reference."""
    text = LETTER_TEXT
    fn_start, fn_end = _span(
        text, "Kamerstukken II vergaderjaar 2021-2022, 19 637, nr. 2798"
    )
    document = SourceDocument(
        id="2025D33530",
        kind=DocumentKind.KAMERBRIEF,
        title="Diverse onderwerpen op het gebied van migratie",
        text=text,
        path="corpus/seeds/example.txt",
        metadata=DocumentMetadata(tk_nummer="2025D33530", zaak="2025Z14627"),
        footnotes=(
            Footnote(
                "7",
                text[fn_start:fn_end],
                fn_start,
                fn_end,
                (text.index("motie7") + 5,),
            ),
        ),
    )
    vb_start, vb_end = _span(text, "artikel 3.71, derde lid, Vb")
    vc_start, vc_end = _span(text, "paragraaf B9/99 Vc")
    refs = [
        ResolvedReference(
            Reference(
                vb_start, vb_end, text[vb_start:vb_end], ReferenceKind.LEGISLATION
            ),
            "BWBR0011825",
            Pinpoint(artikel="3.71", lid="3"),
            "https://wetten.overheid.nl/jci1.3:c:BWBR0011825&artikel=3.71&lid=3",
        ),
        ResolvedReference(
            Reference(
                fn_start, fn_end, text[fn_start:fn_end], ReferenceKind.PARLIAMENTARY
            ),
            "kst-19637-2798",
            iri="https://zoek.officielebekendmakingen.nl/kst-19637-2798",
        ),
        ResolvedReference(
            Reference(vc_start, vc_end, text[vc_start:vc_end], ReferenceKind.POLICY),
            None,
            reason="paragraph B9/99 is not a known Vc paragraph",
        ),
    ]
    return document, refs


TOEZEGGING_TEXT = (
    "Toezeggingen over de voortgang en uitkomsten van het vervolgonderzoek naar fraude"
    " bij de IND2\n\n"
    "Het onderzoeksrapport is op 30 april 2025 opgeleverd.\n\n"
    "Inreisverbod stakende vrachtwachtenchauffeurs11\n\n"
    "Direct na afronding van dit dossier – naar verwachting Q4 2025 – ontvangt uw Kamer"
    " een update over de uitkomst, tijdslijn en getroffen maatregelen.\n\n"
    "De Minister van Asiel en Migratie,\n\nD.M. van Weel\n\n"
    "  2. TZ202505-006\n"
    "  11. TZ202505-125\n"
)


def write_letters(store, ids: tuple[str, ...] = ("2025D33530", "2025D00001")) -> None:
    """The seed letter under each id in ``ids`` into ``store``: several documents
    citing the same works (Vb artikel 3.71, motion kst-19637-2798)."""
    from graph.build.document import build_document_graph
    from graph.iris import graph_iri

    document, refs = letter()
    for doc_id in ids:
        copy = dataclasses.replace(document, id=doc_id)
        store.replace_graph(graph_iri(doc_id), build_document_graph(copy, refs))


def toezegging_letter() -> tuple[SourceDocument, list[ResolvedReference]]:
    """A letter (real text from 2025D33530) citing two toezeggingen in footnotes: one
    under a "Toezeggingen over …" heading (answered), one with a deadline."""
    text = TOEZEGGING_TEXT
    footnotes = []
    refs = []
    for number, marker_after, tz in (
        ("2", "bij de IND", "TZ202505-006"),
        ("11", "vrachtwachtenchauffeurs", "TZ202505-125"),
    ):
        start, end = _span(text, tz)
        footnotes.append(
            Footnote(
                number, tz, start, end, (text.index(marker_after) + len(marker_after),)
            )
        )
        refs.append(
            ResolvedReference(
                Reference(start, end, tz, ReferenceKind.COMMITMENT),
                tz,
                iri=f"https://opendata.tweedekamer.nl/id/toezegging/{tz}",
            )
        )
    document = SourceDocument(
        id="2025D99999",
        kind=DocumentKind.KAMERBRIEF,
        title="Toezeggingen op het gebied van migratie",
        text=text,
        path="corpus/seeds/toezeggingen.txt",
        date=dt.date(2025, 7, 11),
        metadata=DocumentMetadata(tk_nummer="2025D99999"),
        footnotes=tuple(footnotes),
    )
    return document, refs


def mixed_corpus_paths() -> list[Path]:
    """Corpus files of every kind: a law citing itself hundreds of times, the seed
    letters and reports, Kamerstukken and motions with votes, dated and undated."""
    corpus = settings.BUNDLED_CORPUS
    votes = corpus / "tk-odata" / "stemming-per-agendapunt"
    return [
        corpus / "bwb" / "BWBR0018451_2025-01-01_0.xml",
        *sorted((corpus / "seeds").glob("*.txt")),
        *sorted((corpus / "kamerstukken").glob("*.xml"))[:10],
        *sorted(votes.glob("*.json"))[:3],
    ]


def mixed_corpus_store() -> Iterator[GraphStore]:
    """An embedded store holding :func:`mixed_corpus_paths`: the body of a module
    fixture (``store = pytest.fixture(scope="module", name="store")(...)``)."""
    store = open_store()
    assert load_paths(store, mixed_corpus_paths()).errors == []
    yield store
    store.close()


def mede_in_name_order(result: QueryResult) -> QueryResult:
    """``motions`` rows with their medeindieners in name order: GROUP_CONCAT has no
    order, and each engine keeps its own."""
    index = result.variables.index("medeindieners")
    rows = tuple(
        (
            *row[:index],
            None if row[index] is None else "; ".join(sorted(row[index].split("; "))),
            *row[index + 1 :],
        )
        for row in result.rows
    )
    return QueryResult(result.variables, rows)
