"""``wetgraaf fetch`` end to end: fetch from the replayed services, build the cache,
fetch again incrementally."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.document_store import open_any_store
from graph.sparql import run_query


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _fetch(runner, cache, *args):
    return runner.invoke(
        cli, ["fetch", *args, "--cache", str(cache), "--interval", "0"]
    )


def _build_and_read(runner, cache, store, read):
    """``wetgraaf build`` of the cache into ``store``, then ``read(backend)`` on it."""
    built = runner.invoke(
        cli, ["build", str(cache), "--store", str(store), "--workers", "1"]
    )
    assert built.exit_code == 0, built.output
    opened = open_any_store(store, read_only=True)
    try:
        return read(opened.backend())
    finally:
        opened.close()


def _ruling_links(backend):
    """The documents, and the links of the Raad van State ruling among them."""
    documents = run_query(backend, "documents").as_dicts()
    ruling = next(
        row["doc"] for row in documents if row["id"] == "ECLI:NL:RVS:2026:5642"
    )
    return documents, run_query(backend, "outgoing_links", doc=ruling).as_dicts()


def test_cli_fetch_then_build_yields_the_documents_with_links(runner, replay, tmp_path):
    cache, store = tmp_path / "cache", tmp_path / "store"
    fetched = _fetch(runner, cache, "bwb", "BWBR0018451")
    assert fetched.exit_code == 0, fetched.output
    assert "Next: wetgraaf build" in fetched.output
    rulings = _fetch(runner, cache, "rechtspraak", "ECLI:NL:RVS:2026:5642")
    assert rulings.exit_code == 0, rulings.output
    documents, links = _build_and_read(runner, cache, store, _ruling_links)
    assert sorted(str(row["id"]) for row in documents) == [
        "BWBR0018451",
        "BWBR0018451.WTI",
        "ECLI:NL:RVS:2026:5642",
    ]
    # The Raad van State ruling cites the Wet arbeid vreemdelingen, with its quote.
    cited = [row for row in links if "BWBR0007149" in str(row.get("targetWork"))]
    assert cited and all(row["quote"] for row in cited)


def test_cli_fetch_again_with_since_fetches_nothing(runner, replay, tmp_path):
    cache = tmp_path / "cache"
    assert _fetch(runner, cache, "bwb", "BWBR0018451").exit_code == 0
    again = _fetch(runner, cache, "bwb", "BWBR0018451", "--since", "2026-12-01")
    assert again.exit_code == 0, again.output
    row = next(line for line in again.output.splitlines() if line.startswith("│ bwb"))
    assert row.split("│")[2].strip() == "0"  # fetched


def test_cli_fetch_failures_exit_nonzero_with_one_line_each(runner, replay, tmp_path):
    result = _fetch(runner, tmp_path / "cache", "bwb", "BWBR0000000", "nonsense")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error ")]
    assert len(errors) == 2, result.output
    assert "SRU diagnostic" in errors[0] and "not a BWB id" in errors[1]


# fmt: off
@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param([], "name a SOURCE", id="nothing"),
        pytest.param(["bwb", "BWBR0011823", "--preset", "migratierecht"], "not both", id="ids-and-preset"),
        pytest.param(["bwb", "--since", "yesterday"], "--since takes a date", id="bad-since"),
        pytest.param(["--preset", "nope"], "no preset 'nope'", id="unknown-preset"),
        pytest.param(["gopher"], "Invalid value", id="unknown-source"),
    ],
)
# fmt: on
def test_cli_fetch_usage_errors(runner, tmp_path, args, message):
    result = _fetch(runner, tmp_path / "cache", *args)
    assert result.exit_code == 2 or result.exit_code == 1
    assert message in result.output


def test_cli_fetch_refuses_a_cache_in_use(runner, replay, tmp_path):
    from ingest.fetch.cache import PayloadCache

    with PayloadCache(tmp_path / "cache"):
        result = _fetch(runner, tmp_path / "cache", "bwb", "BWBR0018451")
    assert result.exit_code == 1
    assert "another wetgraaf fetch is using this cache" in result.output


PRESET = "tests/data/api/preset-recorded.json"
# What a build of the preset's cache holds, by source: laws and their history, an EU
# act and Cellar's record of the rulings interpreting another, rulings, publications,
# motion records with their Kamerstukken, and toezeggingen.
PRESET_DOCUMENTS = {
    "bwb": ["BWBR0001840", "BWBR0018451", "BWBR0018451.WTI"],
    # 32008R1137: Cellar has no XHTML of it here, its text comes as Formex
    "eurlex": [
        "32008L0115.cellar",
        "32024R0903",
        "32024R0903.cellar",
        "32008R1137",
        "32008R1137.cellar",
    ],
    "rechtspraak": ["ECLI:NL:CBB:2020:1", "ECLI:NL:PHR:2011:BP5608", "ECLI:NL:RVS:2026:5642"],
}


def _preset_reads(backend):
    """documents, motions, toezeggingen and votes, and the links of the act the
    preset's cache holds as Formex (32008R1137)."""
    read = [
        run_query(backend, name).as_dicts()
        for name in ("documents", "motions", "toezeggingen", "votes")
    ]
    act = next(row["doc"] for row in read[0] if row["id"] == "32008R1137")
    return [*read, run_query(backend, "outgoing_links", doc=act).as_dicts()]


def _summary(output: str) -> dict[str, list[int]]:
    """The summary table's rows: source → [fetched, unchanged, failed]."""
    rows = {}
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.split("│")[1:-1]]
        if len(cells) == 4 and cells[1].isdigit():
            rows[cells[0]] = [int(cell) for cell in cells[1:]]
    return rows


def test_cli_fetch_preset_then_build_then_nothing_new(runner, replay, tmp_path):
    cache, store = tmp_path / "cache", tmp_path / "store"
    fetched = _fetch(runner, cache, "--preset", PRESET)
    assert fetched.exit_code == 0, fetched.output
    counts = _summary(fetched.output)
    assert list(counts) == ["bwb", "eurlex", "rechtspraak", "koop", "tk"]
    assert all(row[0] > 0 and row[2] == 0 for row in counts.values()), counts
    documents, motions, toezeggingen, votes, formex_links = _build_and_read(
        runner, cache, store, _preset_reads
    )
    ids = {str(row["id"]) for row in documents}
    for source, expected in PRESET_DOCUMENTS.items():
        assert set(expected) <= ids, source
    # The act read from its Formex cites the decisions it adapts instruments to.
    cited = {str(row.get("targetWork")) for row in formex_links}
    assert {
        "http://data.europa.eu/eli/dec/1999/468/oj",
        "http://data.europa.eu/eli/dec/2006/512/oj",
    } <= cited, cited
    assert {"stcrt-2015-47076", "kst-19637-3384"} <= ids
    # The motions' zaak records and the Kamerstukken they publish.
    assert {"2023Z20876", "2023Z20878", "2023Z20879", "2025Z02986", "2025Z17647"} <= ids
    assert {str(row["id"]) for row in motions} == {
        "kst-19637-3185",
        "kst-19637-3187",
        "kst-19637-3188",
        "kst-19637-3384",
    }
    # A zaak's besluit with the votes of its fracties.
    assert {str(row["soort"]) for row in votes} == {"Voor"}
    assert sum(int(row["zetels"]) for row in votes) == 49
    # The toezeggingen from the TK's own records, with the status it gives them.
    assert {(str(row["id"]), str(row["tkStatus"])) for row in toezeggingen} == {
        ("TZ202505-006", "Voldaan"),
        ("TZ202505-125", "Openstaand"),
    }
    again = _fetch(runner, cache, "--preset", PRESET, "--since", "2026-12-01")
    assert again.exit_code == 0, again.output
    # The services answer the Cellar queries again (no validators) with the same rows.
    assert {source: row[0] for source, row in _summary(again.output).items()} == {
        "bwb": 0, "eurlex": 0, "rechtspraak": 0, "koop": 0, "tk": 0
    }
