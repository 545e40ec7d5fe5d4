"""Start-up time of ``wetgraaf extract`` on a one-line file (issue 23: ≤ 0.3 s).

Run from the repository root: ``python bench/bench_startup.py [--root DIR]``. Runs
``python -c 'from graph.cli import cli; cli()' extract FILE`` in a fresh process N
times (best and median wall time), and once with ``-X importtime`` for the modules
imported, slowest first. ``--root`` measures another checkout (a ``git worktree`` of
an older commit, put first on ``PYTHONPATH``); ``python -c pass`` is the floor.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
COMMAND = "from graph.cli import cli; cli()"


def _run(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def _importtime(args: list[str], env: dict[str, str], top: int) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *args[1:]],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self, cumulative, name = line.split("|")
        name = name[1:]  # one space after the bar; more for a nested import
        if not name.startswith(" "):
            rows.append((int(cumulative), name))
    total = sum(cumulative for cumulative, _name in rows)
    slowest = sorted(rows, reverse=True)[:top]
    return [f"imports {total / 1e6:.3f} s, slowest top-level:"] + [
        f"  {cumulative / 1e6:.3f} s {name}" for cumulative, name in slowest
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=HERE)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--top", type=int, default=8)
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(args.root.resolve()))
    print(f"python {platform.python_version()} on {platform.machine()}, {args.root}")
    with tempfile.TemporaryDirectory() as folder:
        text = Path(folder) / "one.txt"
        text.write_text("artikel 8 van de Vreemdelingenwet 2000\n", encoding="utf-8")
        command = [sys.executable, "-c", COMMAND, "extract", str(text)]
        floor = [_run([sys.executable, "-c", "pass"], env) for _ in range(args.repeat)]
        times = [_run(command, env) for _ in range(args.repeat)]
        print(f"python -c pass: best {min(floor):.3f} s")
        print(
            f"wetgraaf extract: best {min(times):.3f} s, "
            f"median {statistics.median(times):.3f} s ({args.repeat} runs)"
        )
        print("\n".join(_importtime(command, env, args.top)))


if __name__ == "__main__":
    main()
