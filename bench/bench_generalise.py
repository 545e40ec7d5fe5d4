"""How the citation grammar does on text it was not tuned for (issue 23).

Run from the repository root: ``python bench/bench_generalise.py``. Three parts:

1. Agreement with the publisher's own links (``bench/agreement.py``) over *every* BWB
   XML in ``corpus/bwb`` and ``corpus/bwb-2012`` plus the BWB XML of the shared corpus
   that the repository does not bundle (``shared/corpus/bwb-wetgeving-2012``,
   ``bwb-toestand``), each with the title table as shipped and leave-one-law-out
   (LOO: without the titles only that law's own 2012 link texts gave). Per file and per
   kind: links, found, recall; resolved references overlapping a link, agreeing,
   precision. The development laws (Vw, Vb, Awb: the grammar was tuned on them) are
   reported apart from the held-out ones.
2. "Phantom" targets: resolved references (overlapping a link or not) to an article
   that the target regeling does not have, for every regeling whose articles the
   corpus XML gives (union over all its versions here).
3. The peers' published test vectors (``tests/data/gold-citations``, provenance in
   ``tests/data/README.md``): nllegalcit Kamerstuk and ECLI vectors, WetSuite ECLI
   mentions.

``--root DIR`` runs the same measurement against another checkout (a ``git worktree``
of an older commit) for before/after figures in the same run; the corpus, the article
sets and the gold always come from this checkout.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import platform
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
SHARED = HERE.parent / "shared" / "corpus"
DEV_LAWS = {"BWBR0011823", "BWBR0011825", "BWBR0005537"}  # Vw, Vb, Awb


def _files() -> list[Path]:
    own = sorted((HERE / "corpus" / "bwb").glob("*.xml"))
    own += sorted((HERE / "corpus" / "bwb-2012").glob("*.xml"))
    shared = sorted((SHARED / "bwb-wetgeving-2012").glob("*.xml"))
    shared += sorted((SHARED / "bwb-toestand").glob("*.xml"))
    names = {p.name for p in own}
    # a shared 2012 file whose copy is bundled is the same bytes: measured once
    return own + [p for p in shared if p.name not in names]


def _reader(path: Path):  # type: ignore[no-untyped-def]
    if "_" in path.stem:  # toestand: BWBR…_2019-02-27_0.xml
        return importlib.import_module("ingest.sources.bwb").read_bwb
    return importlib.import_module("ingest.sources.bwb_2012").read_bwb_2012


def _norm(number: str) -> str:
    return number.replace("*", "").replace(" ", "").lower()


def _own_articles(divisions):  # type: ignore[no-untyped-def]
    """Articles outside the bijlagen (as tools/make_article_numbers.py counts them:
    the Awb's Bijlage 2 articles 1–12 are no articles of the Awb)."""
    for division in divisions:
        if division.kind == "bijlage":
            continue
        if division.kind == "artikel" and division.number:
            yield division
        yield from _own_articles(division.children)


def _article_sets(paths: list[Path]) -> dict[str, set[str]]:
    sets: dict[str, set[str]] = {}
    for path in paths:
        document = _reader(path)(path)
        numbers = {_norm(d.number) for d in _own_articles(document.divisions)}
        if numbers and document.id.startswith("BWB"):
            sets.setdefault(document.id, set()).update(numbers)
    return sets


def _agreement():  # type: ignore[no-untyped-def]
    """This checkout's bench/agreement.py (the same comparison for every --root),
    importing ``ingest`` from --root."""
    if "_agreement_here" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "_agreement_here", HERE / "bench" / "agreement.py"
        )
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        sys.modules["_agreement_here"] = module
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    return sys.modules["_agreement_here"]


def _measure(path: Path, loo: bool) -> tuple[object, list[object]]:
    agreement = _agreement()
    extract = importlib.import_module("ingest.extract")
    models = importlib.import_module("ingest.models")
    document = _reader(path)(path)
    law = path.name.split("_")[0].split(".")[0]
    if loo:
        with agreement.title_table_without({law}):
            refs = extract.find_references(
                document.text, models.CitingContext.of(document)
            )
    else:
        refs = extract.find_references(document.text, models.CitingContext.of(document))
    return agreement.compare(document.links, refs), refs


def _row(name: str, result) -> str:  # type: ignore[no-untyped-def]
    kinds = sorted(result.links)
    parts = []
    for kind in kinds:
        parts.append(f"{kind} {result.found[kind]}/{result.links[kind]}")
    resolved = sum(result.overlapping.values()) - sum(result.abstained.values())
    agreeing = sum(result.agreeing.values())
    return (
        f"{name:38} recall {result.recall():.3f} (+div {result.recall(with_divisions=True):.3f})"
        f"  precision(resolved) {result.precision(resolved_only=True):.3f}"
        f" [{agreeing}/{resolved}]  "
        + ", ".join(parts)
        + (f"; {result.untargeted} links without target" if result.untargeted else "")
    )


def bench_links(root: Path) -> None:
    agreement = _agreement()
    paths = _files()
    articles = _article_sets(paths)
    for loo in (False, True):
        label = "leave-one-law-out" if loo else "title table as shipped"
        print(f"\n## BWB links, {label}")
        totals = {"dev": agreement.Agreement(), "held-out": agreement.Agreement()}
        phantoms: Counter[str] = Counter()
        examples: list[str] = []
        for path in paths:
            result, refs = _measure(path, loo)
            law = path.name.split("_")[0].split(".")[0]
            group = "dev" if law in DEV_LAWS else "held-out"
            totals[group].add(result)
            tag = "shared/" if SHARED in path.parents else ""
            print(_row(f"{tag}{path.parent.name}/{path.name}"[:38], result))
            for ref in refs:
                known = articles.get(ref.work or "")
                artikel = ref.pinpoint.artikel
                if ref.pinpoint.bijlage:
                    continue  # an article of a bijlage ("bijlage 2, artikel 1")
                section = re.fullmatch(r"(\d+[a-z]*)[A-Z]", artikel or "")
                if section and section.group(1).lower() in (known or ()):
                    continue  # "artikel 1F": article 1, section F
                if known and artikel and _norm(artikel) not in known:
                    phantoms[group] += 1
                    if len(examples) < 40 and not loo:
                        examples.append(
                            f"{path.name}: {ref.reference.text[:60]!r} -> "
                            f"{ref.work} art. {artikel}"
                        )
        for group, total in totals.items():
            print(_row(f"ALL {group}", total))
            for kind in sorted(total.overlapping):
                over = total.overlapping[kind] - total.abstained[kind]
                agree = total.agreeing[kind]
                share = agree / over if over else 1.0
                print(f"    precision {kind:15} {agree}/{over} = {share:.3f}")
            print(f"    resolved to an article the target lacks: {phantoms[group]}")
        for line in examples:
            print("    e.g.", line)


def _unescape(raw: str) -> str:
    return raw.encode("latin-1", "backslashreplace").decode("unicode_escape")


def bench_gold() -> None:
    extract = importlib.import_module("ingest.extract")
    identifiers = importlib.import_module("ingest.identifiers")
    data = HERE / "tests" / "data" / "gold-citations"
    print("\n## Peers' test vectors (tests/data/gold-citations)")
    rows = [
        json.loads(line) for line in (data / "nllegalcit_citation_vectors.jsonl").open()
    ]
    hits = total = wrong = 0
    for row in rows:
        expected = [e for e in row["expected"] if e["type"] == "KamerstukCitation"]
        if row["parser"] != "parse_kamerstukcitation" or row["skipped_in_source"]:
            continue
        found = {
            r.work
            for r in extract.find_references(row["input"])
            if r.work and r.work.startswith("kst-")
        }
        if not expected:
            continue
        want = {identifiers.kamerstuk_id(e["args"][2], e["args"][3]) for e in expected}
        total += 1
        hits += want <= found
        wrong += bool(found - want)
    print(
        f"nllegalcit Kamerstuk vectors: all expected found {hits}/{total}; "
        f"with an extra (wrong) kamerstuk id {wrong}"
    )
    hits = total = 0
    for row in rows:
        expected = [e for e in row["expected"] if e["type"] == "EcliCitation"]
        if row["parser"] != "parse_citations" or not expected:
            continue
        country, court, year, number = expected[0]["args"]
        want = identifiers.normalise_ecli(f"ECLI:{country}:{court}:{year}:{number}")
        total += 1
        hits += want in {r.work for r in extract.find_references(row["input"])}
    print(f"nllegalcit ECLI vectors: {hits}/{total}")
    for name, good in (
        ("wetsuite_ecli_good.sample.tsv", True),
        ("wetsuite_ecli_bad.sample.tsv", False),
    ):
        mentions = [
            _unescape(line.split("\t")[0])
            for line in (data / name).read_text(encoding="utf-8").splitlines()
        ]
        ok = 0
        for mention in mentions:
            refs = [
                r
                for r in extract.find_references(mention)
                if r.reference.start == 0 and r.reference.group("ecli")
            ]
            resolved = bool(refs) and refs[0].work is not None
            ok += resolved if good else not resolved
        print(
            f"WetSuite {'good' if good else 'bad'} ECLI mentions "
            f"{'resolved' if good else 'not taken'}: {ok}/{len(mentions)}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=HERE)
    parser.add_argument("--no-links", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(args.root.resolve()))
    import ingest  # noqa: F401  (from --root)

    print(
        f"python {platform.python_version()} on {platform.machine()}; code from "
        f"{Path(sys.modules['ingest'].__file__).parent.parent}"
    )  # type: ignore[arg-type]
    if not args.no_links:
        bench_links(args.root)
    bench_gold()


if __name__ == "__main__":
    main()
