"""wetgraaf build names each source file by its path below the folder given (never the
local path as typed), and reports, or with --prune removes, the documents whose file is
gone from a folder built."""

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.namespaces import WG
from graph.store import open_store

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FILES = [
    "seeds/kamerbrief-2025D33530-diverse-onderwerpen-migratie.txt",
    "kamerstukken/kst-36410-VI-80.xml",
    "kamerstukken/kst-29861-126.xml",
    "tk-odata/zaak-motie/2024Z02291.json",
]
GONE = "kamerstukken/kst-29861-126.xml"


@pytest.fixture
def runner(monkeypatch):
    monkeypatch.delenv("WETGRAAF_ENDPOINT", raising=False)
    return CliRunner()


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A copy of four bundled files in a folder named ``corpus``, as laid out there."""
    folder = tmp_path / "work" / "corpus"
    for relative in FILES:
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS / relative, folder / relative)
    return folder


def _build(runner, *args: str, code: int = 0) -> str:
    result = runner.invoke(cli, ["build", "--workers", "1", *args])
    assert result.exit_code == code, result.output
    return " ".join(result.output.split())


def _quads(location: Path) -> set[tuple]:
    store = open_store(location, read_only=True)
    try:
        return set(store.quads())
    finally:
        store.close()


def _source_files(quads: set[tuple]) -> set[str]:
    return {str(o) for _, p, o, _ in quads if p == WG.sourceFile}


def test_cli_build_same_quads_whether_the_folder_is_given_relative_or_absolute(
    runner, corpus, tmp_path, monkeypatch
):
    monkeypatch.chdir(corpus.parent)
    _build(runner, "corpus", "--store", str(tmp_path / "relative"))
    monkeypatch.chdir(tmp_path)  # elsewhere, and the folder by its absolute path
    _build(runner, str(corpus.resolve()), "--store", str(tmp_path / "absolute"))
    relative, absolute = _quads(tmp_path / "relative"), _quads(tmp_path / "absolute")
    assert relative == absolute
    assert _source_files(relative) == {f"corpus/{name}" for name in FILES}
    assert not any(str(tmp_path) in str(o) for _, _, o, _ in relative)


def test_cli_build_a_file_rebuilt_from_another_folder_level_is_the_same_file(
    runner, corpus, tmp_path
):
    location = str(tmp_path / "store")
    _build(runner, str(corpus), "--store", location)
    # a copy of the letter in another folder is another file: refused, naming both
    other = tmp_path / "elsewhere" / "seeds"
    other.mkdir(parents=True)
    shutil.copy(corpus / FILES[0], other)
    refused = _build(runner, str(other), "--store", location, code=1)
    assert "is already in the store from" in refused
    assert f"fromcorpus/{FILES[0]};notreplaced" in refused.replace(" ", "")
    # named seeds/… now, corpus/seeds/… in the store: still its own graph, replaced
    again = _build(runner, str(corpus / "seeds"), "--store", location)
    assert "already in the store" not in again
    assert f"seeds/{Path(FILES[0]).name}" in _source_files(_quads(tmp_path / "store"))


def test_cli_build_reports_a_document_gone_from_the_folder_and_prune_removes_it(
    runner, corpus, tmp_path
):
    location = str(tmp_path / "store")
    _build(runner, str(corpus), "--store", location)
    (corpus / GONE).unlink()
    kept = _build(runner, str(corpus), "--store", location)
    assert f"corpus/{GONE}: gone from the folder; document kst-29861-126 stays" in kept
    assert "--prune removes it" in kept
    assert f"corpus/{GONE}" in _source_files(_quads(tmp_path / "store"))
    # a build of another folder does not count this one's documents as gone
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(CORPUS / "kamerstukken" / "kst-36600-31.xml", other)
    assert "gone from the folder;" not in _build(
        runner, str(other), "--store", location
    )
    pruned = _build(runner, str(corpus), "--store", location, "--prune")
    assert f"corpus/{GONE}: gone from the folder; kst-29861-126 removed" in pruned
    # exactly what a clean build of what is left (and the other folder) holds
    _build(runner, str(corpus), str(other), "--store", str(tmp_path / "clean"))
    assert _quads(tmp_path / "store") == _quads(tmp_path / "clean")
    assert "gone from the folder;" not in _build(
        runner, str(corpus), "--store", location
    )
