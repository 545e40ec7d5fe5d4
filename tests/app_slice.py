"""A store built from a slice of the bundled corpus around artikel 3.4 Vb, for the
Artikel and Herkomst page tests: the Vb, the decision WBV 2013/23 that sets Vc B5/2.2
(which elaborates artikel 3.4, eerste lid, onder g, Vb), a letter citing artikel 3.4
Vb, the EVRM with a motion and a ruling citing its artikel 8, a CJEU judgment citing
artikel 46 of the Procedurerichtlijn, and the EMN report stating the Vc rule that
follows from Chavez-Vilchez."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_SLICE = (
    "bwb/BWBR0011825_2019-07-01_0.xml",
    "seeds/wbv-2013-23-vc-wijziging.txt",
    "seeds/wbv-2013-23-vc-wijziging.meta.json",
    "seeds/kamerbrief-regulier-verblijf-2025-04-15.txt",
    "seeds/kamerbrief-regulier-verblijf-2025-04-15.meta.json",
    "bwb-2012/BWBV0001000.xml",
    "kamerstukken/kst-19637-3482.xml",
    "rechtspraak/ECLI.NL.RBSGR.2012.BZ0845.xml",
    "cjeu/ECLI_EU_C_2017_591.xml",
    "seeds/emn-jaaroverzicht-2019.txt",
    "seeds/emn-jaaroverzicht-2019.meta.json",
)


def copy_slice(target: Path, names: tuple[str, ...] = ARTICLE_SLICE) -> Path:
    """The slice's corpus files copied into ``target`` (the project's own copies)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(ROOT / "corpus" / name, target / Path(name).name)
    return target


@pytest.fixture(scope="session")
def article_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The folder of an embedded store (with its index) holding the slice."""
    from graph.load import load_paths
    from graph.store import open_store

    base = tmp_path_factory.mktemp("article-slice")
    sources = copy_slice(base / "sources")
    location = base / "store"
    store = open_store(location)
    summary = load_paths(store, [sources], workers=1)
    store.close()
    assert summary.errors == [], summary.errors[:3]
    yield location


@pytest.fixture
def serve_article_store(article_store: Path, monkeypatch: pytest.MonkeyPatch):
    """The explorer reads the slice, with no cached result from another store."""
    import streamlit as st

    monkeypatch.setenv("WETGRAAF_STORE", str(article_store))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield article_store
    st.cache_resource.clear()
    st.cache_data.clear()
