"""The graph package's shape: the stage verbs it names, and a start-up that loads no store."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import graph


@pytest.mark.parametrize("name", graph.__all__)
def test_graph_names_each_verb_from_its_module(name):
    verb = getattr(graph, name)
    assert callable(verb)
    assert verb is getattr(importlib.import_module(verb.__module__), name)


def test_graph_has_no_other_attribute():
    with pytest.raises(AttributeError, match="no attribute 'explore_everything'"):
        graph.explore_everything  # noqa: B018


@pytest.mark.parametrize(
    "module",
    [
        "graph.settings",
        # every command module is imported with the group; each loads the rest
        # only when its command runs, so that `wetgraaf extract` starts quickly
        "graph.cli",
    ],
)
def test_graph_start_up_loads_neither_rdflib_nor_the_store(module):
    code = (
        f"import sys, {module}; "
        "print(sorted(m for m in ('rdflib', 'pyoxigraph', 'graph.store', 'rich') "
        "if m in sys.modules))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "[]"
