"""The toezeggingen query's status on a date (``-p on=YYYY-MM-DD``), as the explorer's
Python status gives it."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.build import graph_iri
from graph.explore import list_toezeggingen
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
