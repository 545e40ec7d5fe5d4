"""``wetgraaf extract``: plain text of a law resolves as the same law read from its XML
does — the citing regeling given (``--work``), stated by a BWB XML, or detected from
the text's own title line or citeertitel article (``ingest.citing``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli
from ingest.extract import find_references
from ingest.models import CitingContext
from ingest.sources.bwb import read_bwb

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ZORGTOESLAG = CORPUS / "bwb" / "BWBR0018451_2025-01-01_0.xml"
VW = "BWBR0011823"
# Vw 2019 (corpus/bwb/BWBR0011823_2019-02-27_0.xml) articles 77 and 78 as read, under
# the title line a copy from wetten.overheid.nl opens with
VW_77 = (
    "Vreemdelingenwet 2000\n"
    "Artikel 77\n"
    "1. Tegen een ter uitvoering van deze wet genomen beschikking die niet door of"
    " namens Onze Minister is genomen, met uitzondering van een beschikking als bedoeld"
    " in artikel 72, tweede lid, kan bij Onze Minister administratief beroep worden"
    " ingesteld.\n"
    "2. In afwijking van het eerste lid staat geen administratief beroep open tegen een"
    " beschikking die is gegeven op grond van de artikelen 6, 6a en 50, tweede, derde"
    " en vierde lid, en tegen de ophouding op grond van artikel 50a, eerste lid.\n"
    "Paragraaf 4 Beroep op de rechtbank\n"
    "Artikel 78\n"
)


@pytest.fixture
def runner(monkeypatch):
    monkeypatch.delenv("WETGRAAF_ENDPOINT", raising=False)
    return CliRunner()


def _extract(runner, *args: str) -> list[dict]:
    result = runner.invoke(cli, ["extract", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def _targets(records: list[dict]) -> list[tuple[str, str | None, dict]]:
    return [(r["text"], r["work"], r["pinpoint"]) for r in records]


def test_cli_extract_detects_the_regeling_from_its_title(runner, tmp_path):
    law = tmp_path / "vw.txt"
    law.write_text(VW_77, encoding="utf-8")
    assert _targets(_extract(runner, str(law))) == [
        ("Vreemdelingenwet 2000", VW, {}),  # the title line names the law too
        ("artikel 72, tweede lid", VW, {"artikel": "72", "lid": "2"}),
        ("het eerste lid", VW, {"artikel": "77", "lid": "1"}),
        ("artikelen 6", VW, {"artikel": "6"}),
        ("6a", VW, {"artikel": "6a"}),
        ("50, tweede, derde en vierde lid", VW, {"artikel": "50"}),
        ("artikel 50a, eerste lid", VW, {"artikel": "50a", "lid": "1"}),
    ]


def test_cli_extract_work_option_names_the_regeling(runner, tmp_path):
    law = tmp_path / "excerpt.txt"  # no title line: only --work says which law it is
    law.write_text(VW_77.split("\n", 1)[1], encoding="utf-8")
    unknown = _extract(runner, str(law))
    assert {r["work"] for r in unknown} == {None}
    assert unknown[0]["reason"] == "no regeling named"
    given = _extract(runner, str(law), "--work", VW.lower())
    assert _targets(given) == _targets(_extract_titled(runner, tmp_path))


def _extract_titled(runner, tmp_path: Path) -> list[dict]:
    titled = tmp_path / "titled.txt"
    titled.write_text(VW_77, encoding="utf-8")
    shift = len("Vreemdelingenwet 2000\n")
    return [
        {**r, "start": r["start"] - shift, "end": r["end"] - shift}
        for r in _extract(runner, str(titled))
        if r["start"] >= shift
    ]


def test_cli_extract_rejects_a_work_that_is_no_bwb_id(runner, tmp_path):
    law = tmp_path / "vw.txt"
    law.write_text(VW_77, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(law), "--work", "Vw"])
    assert result.exit_code != 0 and "'Vw' is no BWB id" in result.output


def test_cli_extract_plain_text_of_a_law_resolves_as_its_xml(runner, tmp_path):
    document = read_bwb(ZORGTOESLAG)
    from_xml = [
        (r.reference.start, r.work, r.pinpoint.as_dict())
        for r in find_references(document.text, CitingContext.of(document))
    ]
    text = tmp_path / "zorgtoeslag.txt"  # the text the reader gives, as plain text
    text.write_text(document.text, encoding="utf-8")
    from_text = [
        (r["start"], r["work"], r["pinpoint"]) for r in _extract(runner, str(text))
    ]
    assert from_text == from_xml
    assert sum(1 for _start, work, _p in from_text if work == document.id) > 10
    # the XML itself: its own id and parts from the metadata
    from_file = _extract(runner, str(ZORGTOESLAG))
    assert [(r["start"], r["work"], r["pinpoint"]) for r in from_file] == from_xml


def test_cli_extract_letter_opening_with_a_title_is_no_regeling(runner, tmp_path):
    letter = tmp_path / "brief.txt"  # no article headings: not the law it names
    letter.write_text(
        "Vreemdelingenwet 2000\nGeachte voorzitter,\nIn artikel 77 van deze wet staat"
        " het beroep.\n",
        encoding="utf-8",
    )
    record = _extract(runner, str(letter))[-1]
    assert record["text"] == "artikel 77 van deze wet" and record["work"] is None


def test_cli_extract_date_option_picks_the_act_a_name_meant(runner, tmp_path):
    text = tmp_path / "brief.txt"
    text.write_text("artikel 26 van de Dublinverordening", encoding="utf-8")
    assert _extract(runner, str(text))[0]["work"] is None  # two acts by that name
    dated = _extract(runner, str(text), "--date", "2010-05-01")
    assert dated[0]["work"] == "32003R0343"
    bad = runner.invoke(cli, ["extract", str(text), "--date", "1 mei"])
    assert bad.exit_code != 0 and "is no date" in bad.output
