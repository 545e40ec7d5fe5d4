"""Server time per explorer interaction, on a store built from the bundled corpus.

Each page runs headless in Streamlit's AppTest (the same script run the server does for
a browser). First the server's warm-up is timed (the shared results ``app.state``
computes in the background when the server starts); then, per page, its first run and
the interactions a user makes there, each its first time (the page's own caches cold)
and the median of repeats. The time is the wall time of one script run, i.e. the
server's share of an interaction; the browser's rendering is not counted.
``--cold`` clears every cache before each page instead (a visitor arriving before the
warm-up has finished).

    python bench/bench_app.py                  # builds the corpus into a temporary store
    python bench/bench_app.py --store STORE    # an existing store

Prints one line per interaction in ms, and the slowest interaction per page.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "app" / "screens"
REPEAT = 5

# The interactions a user makes on each page: (label, action on the AppTest).
Action = Callable[[object], object]
INTERACTIONS: dict[str, list[tuple[str, Action]]] = {
    "documents": [
        ("rerun", lambda at: at.run()),
        (
            "open BWBR0011823",
            lambda at: at.selectbox(key="document").set_value("BWBR0011823").run(),
        ),
        (
            "open 2025D33530",
            lambda at: at.selectbox(key="document").set_value("2025D33530").run(),
        ),
        (
            "filter 'vreemdelingenwet'",
            lambda at: at.text_input(key="filter").input("vreemdelingenwet").run(),
        ),
    ],
    "search": [
        (
            "'artikel 3.71 Vb'",
            lambda at: at.text_input(key="query").input("artikel 3.71 Vb").run(),
        ),
        ("'C-133/15'", lambda at: at.text_input(key="query").input("C-133/15").run()),
        (
            "'TZ202505-006'",
            lambda at: at.text_input(key="query").input("TZ202505-006").run(),
        ),
        (
            "'gezinshereniging'",
            lambda at: at.text_input(key="query").input("gezinshereniging").run(),
        ),
        (
            "'categorieen' (ë typed as e)",
            lambda at: at.text_input(key="query").input("categorieen").run(),
        ),
        (
            "filter soort uitspraak",
            lambda at: at.multiselect(key="soort").set_value(["uitspraak"]).run(),
        ),
        (
            "filter gerecht",
            lambda at: (
                at.multiselect(key="gerecht").set_value(["Raad van State"]).run()
            ),
        ),
        (
            "filter regeling Vw",
            lambda at: (
                at.selectbox(key="regeling")
                .set_value("https://wetten.overheid.nl/BWBR0011823")
                .run()
            ),
        ),
    ],
    "article": [
        (
            "'artikel 3.4 Vb'",
            lambda at: at.text_input(key="cite").input("artikel 3.4 Vb").run(),
        ),
        (
            "'artikel 64 Vw'",
            lambda at: at.text_input(key="cite").input("artikel 64 Vw").run(),
        ),
        (
            "'B5/2.2 Vc'",
            lambda at: at.text_input(key="cite").input("B5/2.2 Vc").run(),
        ),
    ],
    "motions": [
        ("rerun", lambda at: at.run()),
        ("fractie VVD", lambda at: at.selectbox(key="fractie").set_value("VVD").run()),
        (
            "uitslag aangenomen",
            lambda at: at.multiselect(key="uitslag").set_value(["aangenomen"]).run(),
        ),
        ("next motion", lambda at: _next_option(at.selectbox(key="motie"))),
    ],
    "toezeggingen": [
        ("rerun", lambda at: at.run()),
        (
            "status open",
            lambda at: at.multiselect(key="status").set_value(["open"]).run(),
        ),
        (
            "peildatum 2026-01-01",
            lambda at: (
                at.date_input(key="peildatum")
                .set_value(datetime.date(2026, 1, 1))
                .run()
            ),
        ),
    ],
    "network": [
        ("rerun", lambda at: at.run()),
        ("top 30", lambda at: at.slider(key="top").set_value(30).run()),
        ("one kind", lambda at: _first_option(at.multiselect(key="kinds"))),
    ],
    "trace": [
        ("rerun", lambda at: at.run()),
        ("hops 3", lambda at: at.slider(key="hops").set_value(3).run()),
    ],
    "console": [
        ("rerun", lambda at: at.run()),
        ("run 'documents'", lambda at: at.button(key="run").click().run()),
    ],
}


def _next_option(widget) -> object:
    """Choose the option after the one chosen (the first after the last)."""
    index = widget.index if widget.index is not None else -1
    return widget.select_index((index + 1) % len(widget.options)).run()


def _first_option(widget) -> object:
    """Keep only the first option of a multiselect."""
    return widget.set_value(widget.options[:1]).run()


@dataclass(frozen=True, slots=True)
class Timing:
    """One interaction: its first run (query caches cold) and the median of repeats."""

    page: str
    interaction: str
    first_ms: float
    median_ms: float


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def clear_caches() -> None:
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()


def measure_warm_up() -> float:
    """The background work the server does at start (``app.state.warm_up``)."""
    from app import state

    clear_caches()
    return _timed(functools.partial(state._warm, server=True))  # as the server


@functools.cache
def _component_registry() -> object:
    """The server scans installed packages for custom components once, when it starts;
    AppTest does it on every new instance (0.7 s here), so the bench shares one scan."""
    from streamlit.components.v2.component_manager import BidiComponentManager

    manager = BidiComponentManager()
    manager.discover_and_register_components(start_file_watching=False)
    return manager


def prime_renderer() -> None:
    """Streamlit inspects the whole call stack once per process, at the first element
    it ever sends (its "use streamlit run" check, ~0.15 s); a server has done that long
    before, so the bench does it once with a throwaway script."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string("import streamlit as st\nst.caption('')")
    at._bidi_component_manager = _component_registry()  # type: ignore[attr-defined]
    at.run()


def measure_page(page: str, *, cold: bool) -> list[Timing]:
    from streamlit.testing.v1 import AppTest

    if cold:
        clear_caches()
    at = AppTest.from_file(str(PAGES / f"{page}.py"), default_timeout=120)
    at._bidi_component_manager = _component_registry()  # type: ignore[attr-defined]
    first = _timed(at.run)
    timings = [Timing(page, "first run", first, first)]
    if at.exception:
        raise SystemExit(f"{page}: {at.exception[0].value}")
    for label, action in INTERACTIONS.get(page, [("rerun", lambda at: at.run())]):
        samples = []
        for _ in range(REPEAT):
            samples.append(_timed(lambda action=action: action(at)))
            if at.exception:
                raise SystemExit(f"{page} / {label}: {at.exception[0].value}")
        timings.append(Timing(page, label, samples[0], statistics.median(samples)))
    return timings


def _build(store: Path) -> None:
    wetgraaf = Path(sys.executable).with_name("wetgraaf")
    subprocess.run(
        [str(wetgraaf), "build", str(ROOT / "corpus"), "--store", str(store)],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--store", type=Path, help="an existing store (default: build one)"
    )
    parser.add_argument("--page", action="append", help="only these pages")
    parser.add_argument(
        "--cold", action="store_true", help="clear every cache before each page"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store
        if store is None:
            store = Path(tmp) / "store"
            print("building the bundled corpus …", file=sys.stderr)
            _build(store)
        os.environ["WETGRAAF_STORE"] = str(store)
        sys.path.insert(0, str(ROOT))
        # every page file (those without interactions: their first run and a rerun)
        pages = args.page or sorted(p.stem for p in PAGES.glob("*.py"))
        prime_renderer()
        if not args.cold:
            print(
                f"server warm-up (in the background at start): {measure_warm_up():.0f} ms"
            )
        print(f"{'page':<14}{'interaction':<28}{'first ms':>10}{'median ms':>11}")
        worst: dict[str, float] = {}
        for page in pages:
            for t in measure_page(page, cold=args.cold):
                print(
                    f"{t.page:<14}{t.interaction:<28}{t.first_ms:>10.0f}"
                    f"{t.median_ms:>11.0f}"
                )
                worst[page] = max(worst.get(page, 0.0), t.first_ms)
        print()
        print("slowest interaction per page (its first time):")
        for page, ms in worst.items():
            print(f"  {page:<14}{ms:>7.0f} ms{'  > 300 ms' if ms > 300 else ''}")


if __name__ == "__main__":
    main()
