"""Quality thresholds against real data (no timing asserts here; see bench/).

- seeds-gold: hand-checked references of two seed letters (tests/data/seeds-gold);
- gold-citations: nllegalcit Kamerstuk vectors and WetSuite ECLI good/bad mentions;
- BWB: agreement with the publisher's intref/extref links (bench/agreement.py).

Thresholds sit just under the measured values in bench/RESULTS.md so a regression
fails; they are not the issue's targets (see RESULTS.md for the gap and why).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ingest.extract import find_references
from ingest.identifiers import kamerstuk_id, normalise_ecli
from ingest.models import CitingContext
from ingest.sources import read_source

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).resolve().parent.parent / "corpus" / "seeds"


def _unescape(raw: str) -> str:
    """The TSV mentions are Python-repr escaped (\\n, \\xa0); undo that."""
    return raw.encode("latin-1", "backslashreplace").decode("unicode_escape")


def _seed_score(name: str) -> tuple[float, float]:
    # resolved as `wetgraaf build` does: with the letter's own context (its date says
    # which act "de Schengengrenscode" meant then; its footnotes resolve motions)
    document = read_source(SEEDS / f"{name}.txt")
    gold = [
        json.loads(line) for line in (DATA / "seeds-gold" / f"{name}.refs.jsonl").open()
    ]
    found = [
        r.to_json() for r in find_references(document.text, CitingContext.of(document))
    ]

    def same(a: dict, b: dict) -> bool:
        overlap = a["start"] < b["end"] and b["start"] < a["end"]
        target = a["work"] == b["work"] and a["pinpoint"].get("artikel") == b[
            "pinpoint"
        ].get("artikel")
        return overlap and a["kind"] == b["kind"] and target

    recall = sum(any(same(g, f) for f in found) for g in gold) / len(gold)
    precision = sum(any(same(f, g) for g in gold) for f in found) / len(found)
    return recall, precision


@pytest.mark.parametrize(
    ("name", "min_recall", "min_precision"),
    [
        pytest.param(
            "kamerbrief-2025D33530-diverse-onderwerpen-migratie",
            0.80,
            0.90,
            id="2025D33530",
        ),
        pytest.param(
            "kamerbrief-regulier-verblijf-2025-04-15",
            0.65,
            0.85,
            id="regulier-verblijf",
        ),
    ],
)
def test_gold_seed_references(
    name: str, min_recall: float, min_precision: float
) -> None:
    recall, precision = _seed_score(name)
    assert recall >= min_recall, f"recall {recall:.3f}"
    assert precision >= min_precision, f"precision {precision:.3f}"


def _kamerstuk_vectors() -> list[tuple[str, list[str]]]:
    rows = []
    for line in (DATA / "gold-citations" / "nllegalcit_citation_vectors.jsonl").open():
        row = json.loads(line)
        expected = [e for e in row["expected"] if e["type"] == "KamerstukCitation"]
        if (
            row["parser"] == "parse_kamerstukcitation"
            and expected
            and not row["skipped_in_source"]
        ):
            ids = [kamerstuk_id(e["args"][2], e["args"][3]) for e in expected]
            rows.append((row["input"], ids))
    return rows


def test_gold_nllegalcit_kamerstukken_recall() -> None:
    vectors = _kamerstuk_vectors()
    hits = 0
    for text, expected in vectors:
        works = {r.work for r in find_references(text)}
        hits += all(work in works for work in expected)
    assert hits / len(vectors) >= 0.90, f"{hits}/{len(vectors)}"


def test_gold_nllegalcit_ecli_vectors() -> None:
    rows = [
        json.loads(line)
        for line in (
            DATA / "gold-citations" / "nllegalcit_citation_vectors.jsonl"
        ).open()
    ]
    checked = 0
    for row in rows:
        expected = [e for e in row["expected"] if e["type"] == "EcliCitation"]
        if (
            row["parser"] != "parse_citations"
            or not expected
            or not row["input"].lstrip().startswith(("ECLI", "Voor"))
        ):
            continue
        country, court, year, number = expected[0]["args"]
        want = normalise_ecli(f"ECLI:{country}:{court}:{year}:{number}")
        assert want in {r.work for r in find_references(row["input"])}, row["input"]
        checked += 1
    assert checked >= 10


def _tsv(name: str) -> list[str]:
    path = DATA / "gold-citations" / name
    return [
        _unescape(line.split("\t")[0])
        for line in path.read_text(encoding="utf-8").splitlines()
    ]


def test_gold_wetsuite_good_ecli_mentions_found() -> None:
    mentions = _tsv("wetsuite_ecli_good.sample.tsv")
    ok = 0
    for mention in mentions:
        refs = [r for r in find_references(mention) if r.reference.start == 0]
        ok += bool(refs) and refs[0].work is not None
    assert ok / len(mentions) >= 0.97, f"{ok}/{len(mentions)}"


# an ECLI with its "ECLI:" prefix left out, as the CJEU cites ("Sacko, C-348/16,
# EU:C:2017:591") and the nllegalcit vectors expect ("NL:RvS:1984:AH0317"); WetSuite
# lists such mentions as bad (not well-formed), issue 23 asks for them
_PREFIX_LEFT_OUT = re.compile(
    r"[A-Z]{2}:[A-Z][A-Za-z0-9]{0,6}:\d{4}:[A-Za-z0-9.]*[A-Za-z0-9]"
)


def test_gold_wetsuite_bad_ecli_mentions_not_taken_as_ecli_at_start() -> None:
    """A bad mention that does not open with "ECLI" is taken only when it opens with an
    ECLI whose prefix was left out, and then as exactly that ECLI."""
    mentions = _tsv("wetsuite_ecli_bad.sample.tsv")
    wrong = prefix_left_out = 0
    for mention in mentions:
        if mention[:4].upper() == "ECLI":  # line breaks in it: see RESULTS.md
            continue
        taken = [
            r
            for r in find_references(mention)
            if r.reference.start == 0 and r.work and r.reference.group("ecli")
        ]
        bare = _PREFIX_LEFT_OUT.match(mention)
        if taken and bare and taken[0].work == "ECLI:" + bare.group().upper():
            prefix_left_out += 1
        elif taken:
            wrong += 1
    assert wrong == 0
    assert prefix_left_out >= 100  # the sample's "EU:C:1978:49," … (CJEU style)


@pytest.mark.slow
def test_gold_bwb_link_agreement() -> None:
    from bench.agreement import BWB_DIR, Agreement, agreement_for

    total = Agreement()
    for path in sorted(BWB_DIR.glob("*.xml")):
        total.add(agreement_for(path))
    assert total.recall() >= 0.795, f"recall {total.recall():.3f}"
    assert total.precision() >= 0.89, f"precision {total.precision():.3f}"
    resolved = total.precision(resolved_only=True)
    assert resolved >= 0.98, f"precision of resolved references {resolved:.3f}"
    assert total.recall({"eu_legislation"}) >= 0.99
    assert total.recall({"division"}) >= 0.70, "division links"
    vw_vb = Agreement()
    for path in sorted(BWB_DIR.glob("BWBR001182*.xml")):
        vw_vb.add(agreement_for(path))
    assert vw_vb.recall() >= 0.97, f"Vw+Vb recall {vw_vb.recall():.3f}"
    assert vw_vb.precision() >= 0.975, f"Vw+Vb precision {vw_vb.precision():.3f}"


@pytest.mark.slow
def test_gold_bwb_link_agreement_leave_one_law_out() -> None:
    """Title table rebuilt without the evaluated law's own 2012 link texts."""
    from bench.agreement import BWB_DIR, Agreement, leave_one_law_out

    total = Agreement()
    for path in sorted(BWB_DIR.glob("*.xml")):
        total.add(leave_one_law_out(path))
    assert total.recall() >= 0.66, f"recall {total.recall():.3f}"
    assert total.precision() >= 0.77, f"precision {total.precision():.3f}"
