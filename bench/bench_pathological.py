"""CPU time of find_references on pathological text (issue 27) at n and 4n characters.

The reliability suite (tests/test_reliability.py) asserts that the work (function
calls) grows linearly; this prints the time it takes, which no test asserts on.

    python bench/bench_pathological.py [--size CHARS]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.extract import find_references  # noqa: E402
from tests.test_reliability import PATHOLOGICAL  # noqa: E402


def _seconds(text: str) -> float:
    started = time.process_time()
    find_references(text)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=256_000)
    size = parser.parse_args().size
    find_references("artikel 1 Vw")  # the pipeline is built once, before timing
    print(f"| input | {size:,} chars, s | {4 * size:,} chars, s | ratio | s/MB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, unit in PATHOLOGICAL.items():
        small = _seconds((unit * (size // len(unit) + 1))[:size])
        large = _seconds((unit * (4 * size // len(unit) + 1))[: 4 * size])
        ratio = large / small if small > 0.001 else float("nan")
        per_mb = large / (4 * size / 1e6)
        print(f"| {name} | {small:.3f} | {large:.3f} | {ratio:.2f} | {per_mb:.3f} |")


if __name__ == "__main__":
    main()
