"""graph.explore: the document and motion lists, read from the index, give the rows
the documents and motions queries give on the graph."""

import datetime as dt

import pytest

from graph.explore.documents import list_documents
from graph.explore.motions import motion_rows, unrecorded_seats
from graph.sparql import LocalBackend, run_query
from tests.graph_fixtures import mede_in_name_order, mixed_corpus_store

store = pytest.fixture(scope="module", name="store")(mixed_corpus_store)


def test_explore_lists_documents_as_the_documents_query_reads_them(store):
    backend = LocalBackend(store)
    listed = list_documents(backend)
    assert listed == run_query(backend, "documents")  # same rows, same order
    assert len({row["kind"] for row in listed.as_dicts()}) >= 3
    assert any(isinstance(row["date"], dt.date) for row in listed.as_dicts())
    assert any(row["date"] is None for row in listed.as_dicts())


def test_explore_lists_motions_as_the_motions_query_reads_them(store):
    backend = LocalBackend(store)
    listed = motion_rows(backend)
    motions = run_query(backend, "motions")
    assert len(listed.rows) >= 5
    assert listed.variables == motions.variables
    assert mede_in_name_order(listed) == mede_in_name_order(motions)  # rows, order
    assert any(row["medeindieners"] for row in listed.as_dicts())
    assert any(row["medeindieners"] is None for row in listed.as_dicts())


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
