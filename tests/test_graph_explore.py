"""graph.explore: the document and motion lists read from the summary's entries."""

import datetime as dt

import pytest

from graph import settings
from graph.explore import _listed, list_documents, motion_rows, unrecorded_seats
from graph.load import load_paths
from graph.namespaces import WG
from graph.sparql import LocalBackend, run_query
from graph.store import open_store
from graph.summary import DOCUMENTS
from tests.graph_fixtures import mede_in_name_order, mixed_corpus_store

CORPUS = settings.BUNDLED_CORPUS


store = pytest.fixture(scope="module", name="store")(mixed_corpus_store)


def test_explore_lists_documents_from_their_entries_as_the_documents_query_reads_them(
    store,
):
    backend = LocalBackend(store)
    listed = list_documents(backend)
    assert run_query(backend, "document_list").rows  # read from the entries
    assert listed == run_query(backend, "documents")  # same rows, same order
    assert len({row["kind"] for row in listed.as_dicts()}) >= 3
    assert any(isinstance(row["date"], dt.date) for row in listed.as_dicts())
    assert any(row["date"] is None for row in listed.as_dicts())


def test_explore_lists_motions_from_their_entries_as_the_motions_query_reads_them(
    store,
):
    backend = LocalBackend(store)
    listed = motion_rows(backend)
    assert len(run_query(backend, "motion_list").rows) == len(listed.rows) >= 5
    motions = run_query(backend, "motions")
    assert listed.variables == motions.variables
    assert mede_in_name_order(listed) == mede_in_name_order(motions)  # rows, order
    assert any(row["medeindieners"] for row in listed.as_dicts())
    assert any(row["medeindieners"] is None for row in listed.as_dicts())


def test_explore_lists_a_store_without_entries_value_by_value():
    """A store built by an older wetgraaf (no entries) still lists its documents and
    motions."""
    store = open_store()
    assert (
        load_paths(store, [CORPUS / "kamerstukken" / "kst-36410-VI-80.xml"]).errors
        == []
    )
    backend = LocalBackend(store)
    before = list_documents(backend), motion_rows(backend)
    for entry in (WG.listEntry, WG.motionEntry):
        store._update(
            f"DELETE WHERE {{ GRAPH {DOCUMENTS.n3()} {{ ?doc {entry.n3()} ?e }} }}",
            "test",
        )
    assert run_query(backend, "document_list").rows == ()
    assert run_query(backend, "motion_list").rows == ()
    assert (list_documents(backend), motion_rows(backend)) == before
    assert before[0].rows and before[1].rows


# expected: id, kind, title, date, links (the documents query's columns after doc)
@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            "kamerstuk\tkst-36410-VI-80\t2023-11-09\t12\tMotie van het lid X",
            (
                "kst-36410-VI-80",
                "kamerstuk",
                "Motie van het lid X",
                dt.date(2023, 11, 9),
                12,
            ),
        ),
        # no date; a tab in the title stays in the title
        (
            "kamerbrief\t2025D33530\t\t0\tDiverse\tonderwerpen",
            ("2025D33530", "kamerbrief", "Diverse\tonderwerpen", None, 0),
        ),
        # a date that is not a calendar date is kept as written
        (
            "uitspraak\tECLI:NL:RVS:2019:1\t2019\t3\tUitspraak",
            ("ECLI:NL:RVS:2019:1", "uitspraak", "Uitspraak", "2019", 3),
        ),
    ],
)
def test_explore_unpacks_a_list_entry(entry, expected):
    assert _listed("https://example.org/d", entry) == (
        "https://example.org/d",
        *expected,
    )


@pytest.mark.parametrize(
    ("cast", "missing"),
    [
        ([], 150),
        ([("SGP", "Voor", 3), ("VVD", "Tegen", 24)], 123),
        ([("A", "Voor", 76), ("B", "Tegen", 74)], 0),
        ([("A", "Voor", 100), ("A", "Voor", 100)], 0),  # never negative
    ],
)
def test_explore_counts_the_seats_without_a_recorded_vote(cast, missing):
    assert unrecorded_seats(cast) == missing
