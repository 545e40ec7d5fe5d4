"""Query rows written out as CSV, JSON or a terminal table, as they are read.

One writer for every result, whether it came from a SPARQL query or from the index
(``graph.index.reads``): CSV as Python's ``csv`` module writes it (unbound values
empty), JSON an array of objects with the query's variables as keys.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import TextIO

from graph.values import Value

FORMATS = ("table", "csv", "json")


def write_rows(
    variables: Sequence[str],
    rows: Iterable[Sequence[Value]],
    fmt: str,
    out: TextIO,
) -> int:
    """Write ``rows`` under ``variables`` to ``out`` as ``fmt`` ("csv" or "json"),
    each row as it comes; returns the number of rows."""
    count = 0
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(variables)
        for row in rows:
            writer.writerow(["" if v is None else str(v) for v in row])
            count += 1
        return count
    if fmt != "json":
        raise ValueError(f"unknown format {fmt!r}")
    for row in rows:
        element = json.dumps(
            [dict(zip(variables, row, strict=True))],
            ensure_ascii=False,
            indent=1,
            default=str,
        )[2:-2]  # the object as json.dumps indents it inside the array
        out.write(",\n" if count else "[\n")
        out.write(element)
        count += 1
    out.write("\n]" if count else "[]")
    return count
