"""Citation extraction benchmark: throughput (MB/s, one core) and BWB link agreement.

Run from the repository root: ``python bench/bench_extract.py``. Prints, per input,
the size, the best-of-N wall time and MB/s of ``extract_references`` (the scanner,
no tokenising) and the MB/s of ``find_references`` (scanner and resolver; a BWB law
with its own context, as the build reads it), and for comparison the blank spaCy
tokenizer; then the agreement with the publisher's links in the BWB files per kind
(see bench/agreement.py). ``--throughput-only`` stops after the throughput.
No thresholds here: the quality thresholds live in tests/test_ingest_gold.py.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.agreement import BWB_DIR, Agreement, agreement_for  # noqa: E402
from ingest import identifiers  # noqa: E402
from ingest.extract import extract_references, find_references  # noqa: E402
from ingest.models import CitingContext  # noqa: E402
from ingest.sources.bwb import read_bwb  # noqa: E402

SEEDS = ROOT / "corpus" / "seeds"


def _best_time(func, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - started)
    return best


def _find(text: str, context: CitingContext | None) -> None:
    # each run as the first on that document: a fresh context (its lookups are built
    # on first use) and no IRIs cached from the run before
    clear = getattr(identifiers.part_iri, "cache_clear", None)
    if clear is not None:
        clear()
    find_references(text, replace(context) if context else None)


def bench_throughput(repeat: int) -> None:
    inputs: list[tuple[str, str, CitingContext | None]] = [
        (p.name, p.read_text(encoding="utf-8"), None)
        for p in sorted(SEEDS.glob("*.txt"))
    ]
    for path in sorted(BWB_DIR.glob("*.xml")):
        document = read_bwb(path)
        inputs.append((path.name, document.text, CitingContext.of(document)))
    extract_references("warm up: artikel 8 EVRM")
    total_bytes = total_time = 0.0
    print(f"{'input':58} {'MB':>6} {'refs':>6} {'s':>7} {'MB/s':>7} {'find':>7}")
    for name, text, context in inputs:
        size = len(text.encode("utf-8")) / 1e6
        refs = extract_references(text)
        seconds = _best_time(lambda text=text: extract_references(text), repeat)
        found = _best_time(lambda t=text, c=context: _find(t, c), repeat)
        total_bytes += size
        total_time += seconds
        print(
            f"{name:58} {size:6.2f} {len(refs):6d} {seconds:7.3f} {size / seconds:7.1f}"
            f" {size / found:7.1f}"
        )
    print(
        f"{'ALL':58} {total_bytes:6.2f} {'':6} {total_time:7.3f} {total_bytes / total_time:7.1f}"
    )
    import spacy

    tokenizer = spacy.blank("nl").tokenizer
    sample = inputs[-1][1][:500_000]
    seconds = _best_time(lambda: tokenizer(sample), 1)
    size = len(sample.encode("utf-8")) / 1e6
    print(
        f"(spaCy blank nl tokenizer alone on {size:.2f} MB: {size / seconds:.2f} MB/s)"
    )


def bench_agreement() -> None:
    total = Agreement()
    print(f"\n{'BWB file':34} {'kind':15} {'links':>6} {'found':>6} {'recall':>7}")
    for path in sorted(BWB_DIR.glob("*.xml")):
        result = agreement_for(path)
        total.add(result)
        for kind in sorted(result.links):
            links, found = result.links[kind], result.found[kind]
            print(
                f"{path.name:34} {kind:15} {links:6d} {found:6d} {found / links:7.3f}"
            )
    print(f"\n{'all files':34} {'kind':15} {'links':>6} {'found':>6} {'recall':>7}")
    for kind in sorted(total.links):
        links, found = total.links[kind], total.found[kind]
        print(f"{'':34} {kind:15} {links:6d} {found:6d} {found / links:7.3f}")
    print(f"recall (article + work links, divisions excluded): {total.recall():.3f}")
    print(f"recall with division links: {total.recall(with_divisions=True):.3f}")
    print("precision / target agreement of references overlapping a link:")
    for kind in sorted(total.overlapping):
        over, agree = total.overlapping[kind], total.agreeing[kind]
        print(f"  {kind:15} {over:6d} {agree:6d} {agree / over:7.3f}")
    print(f"  overall: {total.precision():.3f}")
    print(
        "  of the resolved ones (unresolved left out):"
        f" {total.precision(resolved_only=True):.3f}"
    )
    print("per law (recall without divisions / with / agreement / resolved agreement):")
    for path in sorted(BWB_DIR.glob("*.xml")):
        result = agreement_for(path)
        print(
            f"  {path.name:34} {result.recall():.3f} "
            f"{result.recall(with_divisions=True):.3f} {result.precision():.3f} "
            f"{result.precision(resolved_only=True):.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--throughput-only", action="store_true")
    args = parser.parse_args()
    print(
        f"python {platform.python_version()} on {platform.machine()} {platform.processor()}"
    )
    bench_throughput(args.repeat)
    if not args.throughput_only:
        bench_agreement()


if __name__ == "__main__":
    main()
