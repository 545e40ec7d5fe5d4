"""From a Vw article to the Vc paragraphs that elaborate it and the motions citing it,
on the real bundled files (Vw 2019, Vc part A as of 2012, a motion of 2025)."""

from pathlib import Path

import pytest

from graph.load import load_paths
from graph.sparql import LocalBackend, run_query
from graph.store import open_store

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FILES = [
    CORPUS / "bwb" / "BWBR0011823_2019-02-27_0.xml",
    CORPUS / "bwb-2012" / "BWBR0012287.xml",
    CORPUS / "kamerstukken" / "kst-19637-3378.xml",
]
VW_56 = "https://wetten.overheid.nl/jci1.3:c:BWBR0011823&artikel=56"


@pytest.fixture(scope="module")
def backend():
    store = open_store()
    summary = load_paths(store, FILES)
    assert summary.errors == []
    return LocalBackend(store)


def test_walk_vw_article_to_vc_paragraphs_and_motions(backend):
    rows = run_query(backend, "article_context", article=VW_56).as_dicts()
    paragraphs = {r["number"] for r in rows if r["role"] == "beleidsregel"}
    motions = {r["number"] for r in rows if r["role"] == "motie"}
    assert {"A3/7.3.2", "A6/1.1", "A6/4.1"} <= paragraphs
    assert motions == {"kst-19637-3378"}
    for row in rows:
        assert "56" in row["quote"], row  # the evidence names the article


def test_walk_unknown_article_gives_nothing(backend):
    rows = run_query(backend, "article_context", article=VW_56 + "zzz").rows
    assert rows == ()
