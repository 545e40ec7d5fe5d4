"""Every named query, listing, search and whole-store export gives the rows recorded
before the read model changed (tests/equivalence.py; golden files in
tests/data/equivalence/, rewritten by ``python -m tests.equivalence`` only when the rows
are meant to change). The named queries the index answers are also run as SPARQL on
the store: both give the recorded rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.equivalence import (
    all_outputs,
    build_equivalence_store,
    golden_files,
    sparql_outputs,
)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store_dir: Path = tmp_path_factory.mktemp("equivalence") / "store"
    build_equivalence_store(store_dir)
    return store_dir


@pytest.fixture(scope="module")
def outputs(store_dir: Path) -> dict[str, str]:
    return all_outputs(store_dir)


@pytest.fixture(scope="module")
def sparql(store_dir: Path) -> dict[str, str]:
    return dict(sparql_outputs(store_dir))


GOLDEN = golden_files()


def test_graph_equivalence_every_output_is_recorded(outputs):
    assert sorted(outputs) == sorted(GOLDEN)


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_graph_equivalence_rows_as_recorded(outputs, name):
    expected = GOLDEN[name].splitlines()
    actual = outputs[name].splitlines()
    assert len(actual) == len(expected), name
    assert actual == expected


def test_graph_equivalence_sparql_answers_what_the_index_answers(sparql):
    assert len(sparql) >= 12  # every whole-store export and its bound forms
    for name, text in sparql.items():
        assert text.splitlines() == GOLDEN[name].splitlines(), name
