"""A call that the caller stops waiting for at a deadline.

Both a remote request (a server may trickle its answer) and a console query on an
endpoint run so: in a daemon thread that is left behind when the time is up, since a
thread cannot be killed (the embedded store's runaway queries go to worker processes
instead, ``graph.worker``)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class DeadlinePassedError(TimeoutError):
    """The call had not returned when its time was up."""


def call_within(seconds: float, call: Callable[[], T], *, name: str) -> T:
    """``call()``'s value (or its exception, raised here), or DeadlinePassedError when
    it has not returned after ``seconds``."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as error:  # handed to the caller's thread
            outcome["error"] = error

    worker = threading.Thread(target=run, name=name, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise DeadlinePassedError(f"no answer within {seconds:g} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
