"""The whole slice on real files: seed letter → references → triples → named queries.

The Kamerbrief 2025D33530 cites (in footnote 5) the motion Kamerstuk 36 410 VI, nr. 80,
which is bundled as Officiële-publicatie XML, and whose TK OData zaak record names it;
after building, the named queries must link the three.
"""

from pathlib import Path

import pytest
from rdflib import URIRef

from graph.explore.links import linked_documents, outgoing_links
from graph.iris import document_iri, graph_iri
from graph.load import load_paths
from graph.namespaces import TK, WG
from graph.sparql import LocalBackend, run_query
from graph.store import open_store

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
LETTER = CORPUS / "seeds" / "kamerbrief-2025D33530-diverse-onderwerpen-migratie.txt"
MOTION = CORPUS / "kamerstukken" / "kst-36410-VI-80.xml"
ZAAK = CORPUS / "tk-odata" / "zaak-motie" / "2024Z02291.json"


@pytest.fixture(scope="module")
def built():
    store = open_store()
    summary = load_paths(store, [LETTER, MOTION, ZAAK])
    return store, summary


def test_slice_builds_every_file_without_errors(built):
    _, summary = built
    assert summary.errors == []
    assert sorted(summary.document_ids) == [
        "2024Z02291",
        "2025D33530",
        "kst-36410-VI-80",
    ]
    assert summary.references >= 15 and summary.triples > 500


def test_slice_letter_references_resolve_to_official_ids(built):
    store, _ = built
    rows = outgoing_links(LocalBackend(store), "2025D33530").as_dicts()
    targets = {row["targetId"] for row in rows}
    assert {
        "kst-30573-224",
        "TZ202505-006",
        "ah-tk-20242025-2138",
        "kst-36410-VI-80",
        "kst-19637-2798",
        "ECLI:NL:RVS:2020:2818",
        "TZ202505-125",
    } <= targets
    footnote_5 = [row for row in rows if row["footnote"] == "5"]
    assert [row["targetId"] for row in footnote_5] == ["kst-36410-VI-80"]
    assert (
        footnote_5[0]["quote"]
        == "Kamerstukken II vergaderjaar 2023-2024, 36 410 VI, nr. 80"
    )
    text = LETTER.read_text(encoding="utf-8")
    for row in rows:
        if row["start"] is not None:
            assert text[row["start"] : row["end"]] == row["quote"]


def test_slice_named_query_links_letter_to_the_motion_it_cites(built):
    store, _ = built
    rows = linked_documents(LocalBackend(store), "kst-36410-VI-80").as_dicts()
    incoming = [
        (r["otherId"], r["otherTitle"]) for r in rows if r["direction"] == "incoming"
    ]
    assert incoming == [
        ("2025D33530", "Diverse onderwerpen op het gebied van migratie")
    ]


def test_slice_motion_has_its_indieners_and_zaak(built):
    store, _ = built
    motions = run_query(LocalBackend(store), "motions").as_dicts()
    [motion] = [m for m in motions if m["id"] == "kst-36410-VI-80"]
    assert motion["indiener"] and motion["dossiernummer"] == "36410-VI"
    zaak_graph = store.graph(graph_iri("2024Z02291"))
    zaak = URIRef(document_iri("2024Z02291"))
    assert (zaak, WG.hasDocument, URIRef(document_iri("kst-36410-VI-80"))) in zaak_graph
    assert zaak_graph.value(zaak, TK.Kabinetsappreciatie) is not None


def test_slice_rebuild_is_idempotent(built):
    store, _ = built
    before = len(store)
    load_paths(store, [LETTER, MOTION, ZAAK])
    assert len(store) == before


def test_slice_parallel_build_writes_the_same_graphs(built):
    store, _ = built
    parallel = open_store()
    summary = load_paths(parallel, [LETTER, MOTION, ZAAK], workers=2)
    assert summary.errors == [] and len(parallel) == len(store)
    for name in store.graph_names():
        assert set(parallel.graph(name)) == set(store.graph(name))


def test_slice_parallel_build_reports_bad_files_and_goes_on(tmp_path):
    broken = tmp_path / "kst-broken.xml"
    broken.write_text("<officiele-publicatie><kamerstuk>", encoding="utf-8")
    store = open_store()
    summary = load_paths(store, [broken, LETTER], workers=2)
    assert summary.document_ids == ["2025D33530"]
    assert (
        len(summary.errors) == 1 and "kst-broken.xml: broken XML" in summary.errors[0]
    )
