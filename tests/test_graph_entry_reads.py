"""graph.entry_reads: documents, motions and the citation network read from the
summary's entries are the named queries' rows, in their order."""

from __future__ import annotations

import pytest

from graph.entry_reads import FROM_ENTRIES, entry_reader, network_result
from graph.explore import list_documents, motion_rows
from graph.namespaces import WG
from graph.sparql import LocalBackend, run_query
from graph.summary import DOCUMENTS
from tests.graph_fixtures import mede_in_name_order, mixed_corpus_store

store = pytest.fixture(scope="module", name="store")(mixed_corpus_store)


@pytest.mark.parametrize("name", sorted(FROM_ENTRIES))
def test_entry_reads_are_the_named_queries_rows(store, name):
    backend = LocalBackend(store)
    expected = run_query(backend, name)
    if name == "motions":
        expected = mede_in_name_order(expected)
    assert len(expected.rows) >= 5
    assert FROM_ENTRIES[name](backend) == expected  # same values and types, same order


def test_entry_reads_of_a_store_without_entries_are_the_queries(store):
    """A store built by an older wetgraaf: each is read by its query."""
    backend = LocalBackend(store)
    before = {name: read(backend) for name, read in FROM_ENTRIES.items()}
    try:
        for entry in ("listEntry", "motionEntry", "networkEntry"):
            store._update(
                f"DELETE WHERE {{ GRAPH {DOCUMENTS.n3()} {{ ?d {WG[entry].n3()} ?e }} }}",
                "test",
            )
        for name in ("document_list", "motion_list", "network_entries"):
            assert run_query(backend, name).rows == ()
        assert {name: read(backend) for name, read in FROM_ENTRIES.items()} == before
    finally:
        store.refresh_summary()


def test_entry_reads_network_result_orders_by_source_then_target(store):
    rows = network_result(LocalBackend(store)).rows
    keys = [(str(row[0]), str(row[1])) for row in rows]
    assert keys == sorted(keys) and len(set(keys)) == len(keys) > 50


@pytest.mark.parametrize(
    ("name", "bindings", "reader"),
    [
        ("documents", {}, list_documents),
        ("motions", {}, motion_rows),
        ("citation_network", {}, network_result),
        ("documents", {"doc": "https://example.org/d"}, None),
        ("citation_edges", {}, None),
        ("document_list", {}, None),
        ("graph/queries/documents.rq", {}, None),
    ],
)
def test_entry_reads_answer_only_unbound_listed_queries(name, bindings, reader):
    assert entry_reader(name, bindings) is reader
