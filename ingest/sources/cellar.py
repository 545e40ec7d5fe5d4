"""Read the Cellar SPARQL results ``wetgraaf fetch eurlex`` keeps (Virtuoso SPARQL
JSON: ``head.vars``, ``results.bindings`` of ``{type, value, datatype | xml:lang}``).

Two result shapes are read, told apart by their first variable (the queries are
:func:`ingest.fetch.eurlex.act_query` and :func:`~ingest.fetch.eurlex.ruling_query`):

* ``actCelex`` first: an act and the rulings that interpret it, one row per ruling;
* ``rulingCelex`` first: a ruling and the acts it interprets, one row per act.

Either becomes a CELLAR_RECORD document (id ``<CELEX>.cellar``, so it never takes the
place of the act's or the ruling's own text) whose text has one line per fact, and a
Relation per row from the ruling (its ECLI, else its CELEX) to the act, of the CDM's
own type ``cdm:case-law_interpretes_resource_legal``, with the row's line as evidence.
A ruling's title names the parties and the case ("…#K.A. and Others v Belgische
Staat.#…#Case C-82/16."), so the line gives both.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ingest.errors import SourceError
from ingest.identifiers import CELEX, ECLI
from ingest.models import DocumentKind, DocumentMetadata, Relation, SourceDocument
from ingest.sources._json import load_json

__all__ = ["INTERPRETS", "looks_like_sparql_json", "read_cellar_sparql"]

#: The CDM property a ruling interprets an act by (the links' type).
INTERPRETS = (
    "http://publications.europa.eu/ontology/cdm#case-law_interpretes_resource_legal"
)
_SHAPES = ("actCelex", "rulingCelex")


def looks_like_sparql_json(data: bytes) -> bool:
    """Whether a file's bytes are a SPARQL JSON result (any query)."""
    if b'"head"' not in data[:4096] and b'"results"' not in data[:4096]:
        return False
    try:
        answer = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        return False
    return _rows(answer) is not None


def read_cellar_sparql(path: Path, data: bytes | None = None) -> SourceDocument:
    """Read a Cellar SPARQL result about an act or a ruling.

    Args:
        path: the JSON file (``data`` may carry its bytes when already read).
        data: the file's bytes, if the caller has them.

    Returns:
        A CELLAR_RECORD SourceDocument: id ``<CELEX>.cellar``, title the work's title,
        one Relation per ruling–act row.

    Raises:
        SourceError: not SPARQL JSON, a result of another query, or no rows.

    Example:
        >>> read_cellar_sparql(Path("tests/data/api/eurlex/"
        ...     "constructed-sparql-act-32008L0115.json")).id
        '32008L0115.cellar'
    """
    raw = path.read_bytes() if data is None else data
    answer = load_json(path, raw)
    rows = _rows(answer)
    if rows is None:
        raise SourceError(str(path), "not a SPARQL JSON result")
    variables = answer["head"].get("vars") or []
    if not isinstance(variables, list) or not variables or variables[0] not in _SHAPES:
        raise SourceError(
            str(path),
            "a SPARQL result of a query wetgraaf does not read "
            f"(variables {', '.join(map(str, variables)) or 'none'})",
        )
    if not rows:
        raise SourceError(str(path), "a SPARQL result without rows")
    about = "act" if variables[0] == "actCelex" else "ruling"
    other = "ruling" if about == "act" else "act"
    first = rows[0]
    celex = _value(first, f"{about}Celex")
    if not CELEX.match(celex):
        raise SourceError(str(path), f"no CELEX number of the {about} ({celex!r})")
    lines = [_work_line(first, about)]
    relations: list[Relation] = []
    for row in rows:
        if not CELEX.match(_value(row, f"{other}Celex")):
            continue
        line = _work_line(row, other)
        lines.append(line)
        act = _value(row, "actCelex")
        ruling = _value(row, "rulingEcli")
        if not ECLI.match(ruling):
            ruling = _value(row, "rulingCelex")
        relations.append(
            Relation(
                type=INTERPRETS,
                target=act,
                label=line,
                qualifiers=(("work", act), ("ruling", ruling)),
                subject=ruling,
            )
        )
    title = _name(first, about) or celex
    extra = [("celex", celex)]
    for key in ("Ecli", "Eli"):
        if _value(first, f"{about}{key}"):
            extra.append((key.lower(), _value(first, f"{about}{key}")))
    return SourceDocument(
        id=f"{celex}.cellar",
        kind=DocumentKind.CELLAR_RECORD,
        title=title,
        text="\n".join(lines) + "\n",
        path=str(path),
        date=_date(_value(first, f"{about}Date")),
        metadata=DocumentMetadata(
            soort="Cellar",
            official_url="https://eur-lex.europa.eu/legal-content/EN/TXT/"
            f"?uri=CELEX:{celex}",
            extra=tuple(extra),
        ),
        relations=tuple(relations),
    )


def _rows(answer: object) -> list[Mapping[str, Any]] | None:
    if not isinstance(answer, dict) or not isinstance(answer.get("head"), dict):
        return None
    results = answer.get("results")
    rows = results.get("bindings") if isinstance(results, dict) else None
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        return None
    return rows


def _value(row: Mapping[str, Any], name: str) -> str:
    cell = row.get(name)
    return (
        " ".join(str(cell.get("value") or "").split()) if isinstance(cell, dict) else ""
    )


def _work_line(row: Mapping[str, Any], kind: str) -> str:
    """One work of a row on one line: ids, date, title (a ruling: case and parties)."""
    ids = [_value(row, f"{kind}Ecli"), _value(row, f"{kind}Celex")]
    head = " ".join([ids[0], f"({ids[1]})"] if ids[0] else [ids[1]])
    parts = [head, _value(row, f"{kind}Date")[:10]]
    if kind == "ruling":
        parts += [_case_number(_value(row, "rulingTitle")), _name(row, kind)]
    else:
        parts.append(_name(row, kind))
        if _value(row, "actEli"):
            parts.append(f"ELI {_value(row, 'actEli')}")
    return ", ".join(part for part in parts if part)


def _name(row: Mapping[str, Any], kind: str) -> str:
    """An act's title; a ruling's parties (the second part of its '#'-joined title)."""
    title = _value(row, f"{kind}Title")
    if kind == "ruling":
        parts = [part.strip() for part in title.split("#") if part.strip()]
        return parts[1].rstrip(".") if len(parts) > 1 else title
    return title


def _case_number(title: str) -> str:
    """``Case C-82/16`` from the last part of a ruling's title, if it names one."""
    last = title.split("#")[-1].strip().rstrip(".")
    return last if last.startswith(("Case ", "Joined Cases ")) else ""


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
