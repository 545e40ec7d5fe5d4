"""The toezeggingen query's status on a date (``-p on=YYYY-MM-DD``), as the explorer's
Python status gives it."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.explore.toezeggingen import list_toezeggingen
from graph.iris import document_iri, graph_iri
from graph.load import document_graph
from graph.sparql import LocalBackend, run_query
from graph.store import open_store
from tests.graph_fixtures import toezegging_letter


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("toezeggingen") / "store")
    document, refs = toezegging_letter()
    store.replace_graph(graph_iri(document.id), document_graph(document, refs))
    yield LocalBackend(store)
    store.close()


# fmt: off
@pytest.mark.parametrize(
    ("on", "expected"),
    [
        # the letter of 11 July 2025 answers TZ202505-006; TZ202505-125 is due in Q4 2025
        ("2025-07-10", {"TZ202505-006": "open", "TZ202505-125": "open"}),
        ("2025-07-11", {"TZ202505-006": "voldaan", "TZ202505-125": "open"}),
        ("2025-12-31", {"TZ202505-006": "voldaan", "TZ202505-125": "open"}),
        ("2026-01-01", {"TZ202505-006": "voldaan", "TZ202505-125": "te laat"}),
    ],
)
# fmt: on
def test_graph_toezeggingen_status_on_a_date(backend, on, expected):
    rows = run_query(backend, "toezeggingen", on=on).as_dicts()
    assert {str(row["id"]): row["status"] for row in rows} == expected
    explorer = list_toezeggingen(backend, dt.date.fromisoformat(on))
    assert {row.id: str(row.status) for row in explorer} == expected


def test_graph_toezeggingen_without_a_date_has_no_status(backend):
    rows = run_query(backend, "toezeggingen").as_dicts()
    assert rows and all(row["status"] is None for row in rows)


def test_graph_toezeggingen_of_letter_and_kamer_record_are_one(fetch_session, tmp_path):
    """A toezegging a letter mentions and the Kamer's record of it (wetgraaf fetch tk)
    are one row in the explorer: the letter as where it is mentioned, the record's
    status beside the status on the reference date; a record no letter mentions is
    listed too."""
    from ingest.fetch import fetch_source
    from ingest.sources import iter_source_files, read_source

    fetch_source(
        fetch_session, "tk", [], [{"entity": "Toezegging", "ministerie": "Asiel en Migratie"}]
    )
    store = open_store(tmp_path / "store")
    try:
        letter, refs = toezegging_letter()
        store.replace_graph(graph_iri(letter.id), document_graph(letter, refs))
        for path in iter_source_files([fetch_session.cache.root]):
            record = read_source(path)
            store.replace_graph(graph_iri(record.id), document_graph(record, []))
        backend = LocalBackend(store)
        rows = run_query(backend, "toezeggingen").as_dicts()
        explorer = {
            row.id: row for row in list_toezeggingen(backend, dt.date(2025, 7, 10))
        }
    finally:
        store.close()
    assert {(str(r["id"]), str(r["tkStatus"])) for r in rows} == {
        ("TZ202505-006", "Voldaan"),
        ("TZ202505-125", "Openstaand"),
    }
    assert sorted(explorer) == ["TZ202505-006", "TZ202505-125"]
    mentioned = [letter_id for letter_id, _ in explorer["TZ202505-006"].mentioned_in]
    assert mentioned == [letter.id]
    assert explorer["TZ202505-006"].tk_status == "Voldaan"
    assert explorer["TZ202505-125"].tk_status == "Openstaand"


def test_graph_stated_toezegging_is_listed_with_its_evidence(tmp_path):
    """The seed letter's own commitment without a TZ number ("… naar verwachting Q4
    2025 – ontvangt uw Kamer een update …"): listed with its letter, deadline and
    signatory, and linked from the letter with the sentence as the quote."""
    from pathlib import Path

    from graph.load import references_for
    from ingest.sources import read_source

    letter = read_source(
        Path("corpus/seeds/kamerbrief-2025D33530-diverse-onderwerpen-migratie.txt")
    )
    store = open_store(tmp_path / "store")
    try:
        store.replace_graph(
            graph_iri(letter.id), document_graph(letter, references_for(letter))
        )
        backend = LocalBackend(store)
        rows = run_query(backend, "toezeggingen", on="2026-01-01").as_dicts()
        links = run_query(
            backend,
            "outgoing_links",
            doc=str(document_iri(letter.id)),
            graph=str(graph_iri(letter.id)),
        ).as_dicts()
    finally:
        store.close()
    [stated] = [row for row in rows if row["id"] == "2025D33530-toezegging-1"]
    assert str(stated["text"]).startswith("Direct na afronding van dit dossier")
    assert (stated["deadlineStart"], stated["deadlineEnd"]) == (
        dt.date(2025, 10, 1),
        dt.date(2025, 12, 31),
    )
    assert stated["bewindspersoon"] == "D.M. van Weel"
    assert stated["status"] == "te laat"
    assert str(stated["mentionedIn"]).endswith("2025D33530")
    [link] = [
        row
        for row in links
        if str(row.get("targetWork", "")).endswith("toezegging/2025D33530/1")
    ]
    assert str(link["quote"]).endswith("ontvangt uw Kamer een update over de uitkomst,"
                                       " tijdslijn en getroffen maatregelen.")
