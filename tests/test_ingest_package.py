"""The ingest package's shape: its stage verbs, and modules that import without a cycle."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import ingest

ROOT = Path(__file__).resolve().parent.parent


def _module_imports() -> dict[str, set[str]]:
    """ingest module -> the ingest modules it imports (anywhere in its body)."""
    files = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(
            ".__init__"
        ): path
        for path in (ROOT / "ingest").rglob("*.py")
    }
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module in files:
                found.add(node.module)
                found.update(
                    f"{node.module}.{alias.name}"
                    for alias in node.names
                    if f"{node.module}.{alias.name}" in files
                )
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names if alias.name in files)
        # the package itself only names verbs lazily (see ingest/__init__.py)
        graph[name] = found - {name, "ingest"}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    done: set[str] = set()
    path: list[str] = []

    def visit(name: str) -> list[str] | None:
        if name in path:
            return path[path.index(name) :] + [name]
        if name in done:
            return None
        path.append(name)
        for other in sorted(graph.get(name, ())):
            found = visit(other)
            if found:
                return found
        path.pop()
        done.add(name)
        return None

    for name in sorted(graph):
        found = visit(name)
        if found:
            return found
    return None


def test_ingest_has_no_import_cycle() -> None:
    graph = _module_imports()
    assert {"ingest.extract", "ingest.scanner", "ingest.resolve"} <= set(graph)
    assert _cycle(graph) is None


def test_cycle_check_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_ingest_names_its_stage_verbs() -> None:
    for name in ingest.__all__:
        assert callable(getattr(ingest, name)), name
    assert ingest.find_references("artikel 8 EVRM")[0].work == "BWBV0001000"


def test_importing_the_models_loads_no_scanner() -> None:
    # the graph and the CLI's start-up import ingest.models; the verbs load on use
    code = "import sys, ingest.models; print(sorted(m for m in sys.modules if m in {'ingest.scanner', 'ingest.resolve', 'spacy'}))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
