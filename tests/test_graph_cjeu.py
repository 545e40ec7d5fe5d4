"""The CJEU judgments of corpus/cjeu in the graph: ``wetgraaf trace`` of a judgment
shows the directive articles it interprets, the rulings it cites (the publisher's
links) and the judgments that cite it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.lineage import lineage_digraph
from graph.load import load_paths
from graph.sparql import LocalBackend, run_query
from graph.store import open_store
from ingest.identifiers import part_iri, work_iri
from ingest.models import Pinpoint

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SACKO = "ECLI:EU:C:2017:591"  # C-348/16, on Articles 12, 14, 31 and 46 of 2013/32
ALHETO = "ECLI:EU:C:2018:584"  # C-585/16, citing Sacko
PROCEDURES = "32013L0032"  # Directive 2013/32/EU


@pytest.fixture(scope="module")
def cjeu_store(tmp_path_factory) -> Path:
    location = tmp_path_factory.mktemp("cjeu") / "store"
    store = open_store(location)
    summary = load_paths(store, [CORPUS / "cjeu"])
    store.close()
    assert summary.errors == []
    assert len(summary.document_ids) == 21
    return location


def test_cjeu_trace_shows_the_directive_articles_a_judgment_interprets(cjeu_store):
    result = CliRunner().invoke(
        cli,
        ["trace", SACKO, "--max-hops", "1", "--store", str(cjeu_store)],
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    rests_on, followed_by = lines.index("Rests on:"), lines.index("Followed by:")
    (hop,) = [
        number
        for number, line in enumerate(lines)
        if re.fullmatch(rf"\d+\. {SACKO} → {PROCEDURES}", line)
    ]
    assert rests_on < hop < followed_by
    assert lines[hop + 1].startswith(f"   {SACKO} —cites→ {PROCEDURES}")
    assert "of Directive 2013/32" in lines[hop + 1]
    # the rulings it cites, by the publisher's own links
    assert f"{SACKO} → ECLI:EU:C:2016:838" in result.output
    assert "“C‑243/15, EU:C:2016:838, paragraph 50”" in result.output
    # and the later judgment citing it, by case number and by name
    cited = lines.index(f"1. {SACKO} → {ALHETO}")
    assert cited > followed_by
    assert lines[cited + 1] == f"   {ALHETO} —cites→ {SACKO}: “Sacko”"


def test_cjeu_judgment_links_each_article_of_the_directive(cjeu_store):
    store = open_store(cjeu_store, read_only=True)
    try:
        backend = LocalBackend(store)
        rows = run_query(
            backend,
            "citation_edges",
            source=work_iri(SACKO),
            target=work_iri(PROCEDURES),
        ).as_dicts()
        digraph = lineage_digraph(
            backend, work_iri(SACKO), max_hops=1, neighbours=None
        ).digraph
    finally:
        store.close()
    parts = {str(row["part"]) for row in rows}
    for artikel in ("12", "14", "31", "46"):
        assert part_iri(PROCEDURES, Pinpoint(artikel=artikel)) in parts
    assert part_iri(PROCEDURES, Pinpoint(artikel="46", lid="3")) in parts
    assert {"Articles 12", "46 of Directive 2013/32/EU"} <= {r["quote"] for r in rows}
    # every link to the directive is evidence of the one edge the trace draws
    evidence = digraph.edges[work_iri(SACKO), work_iri(PROCEDURES)]["evidence"]
    assert {e.quote for e in evidence} == {r["quote"] for r in rows}


def test_cjeu_a_judgment_names_its_parties_without_citing_itself(cjeu_store):
    store = open_store(cjeu_store, read_only=True)
    try:
        rows = run_query(
            LocalBackend(store), "citation_edges", source=work_iri(SACKO)
        ).as_dicts()
    finally:
        store.close()
    # "Mr Sacko", "Moussa Sacko" are the party; only "In Case C‑348/16" names the case
    own = [r["quote"] for r in rows if str(r["target"]) == work_iri(SACKO)]
    assert own == ["C‑348/16"]
