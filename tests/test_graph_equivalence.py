"""Every named query, listing, search and whole-store export gives the rows recorded
before the read model changed (tests/equivalence.py; golden files in
tests/data/equivalence/, rewritten by ``python -m tests.equivalence DIR`` only when the
rows are meant to change)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.equivalence import all_outputs, build_equivalence_store, golden_files


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    store_dir: Path = tmp_path_factory.mktemp("equivalence") / "store"
    build_equivalence_store(store_dir)
    return all_outputs(store_dir)


GOLDEN = golden_files()


def test_graph_equivalence_every_output_is_recorded(outputs):
    assert sorted(outputs) == sorted(GOLDEN)


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_graph_equivalence_rows_as_recorded(outputs, name):
    expected = GOLDEN[name].splitlines()
    actual = outputs[name].splitlines()
    assert len(actual) == len(expected), name
    assert actual == expected
