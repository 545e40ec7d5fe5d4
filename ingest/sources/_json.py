"""JSON for the readers: decoding bounded in depth, and the types of what is read checked.

A record from an API or a sidecar is data from elsewhere: a field can hold a number
where text belongs, a string where a list or an object belongs, or ``null``. The
readers check every field they read against a small schema first, so such a record is
one SourceError naming the file and the field, not a traceback in the middle of a
batch.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from ingest.errors import SourceError

__all__ = ["Each", "Fields", "check_fields", "load_json"]

TEXT = (str,)
OPTIONAL_TEXT = (str, type(None))
OPTIONAL_INT = (int, type(None))
OPTIONAL_BOOL = (bool, type(None))


@dataclass(frozen=True, slots=True)
class Fields:
    """An object (or ``null`` when ``optional``) whose named fields have these types:
    a tuple of Python types, a nested Fields, or Each (a list of them)."""

    types: Mapping[str, object]
    optional: bool = True


@dataclass(frozen=True, slots=True)
class Each:
    """A list (or ``null``) whose items each match ``item``."""

    item: object


def load_json(path: Path, data: bytes) -> Any:
    """Decoded JSON; SourceError when broken, not UTF-8 or nested too deeply for the
    decoder (it raises RecursionError, which would otherwise end the batch)."""
    try:
        return json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise SourceError(str(path), f"broken JSON: {error}") from None
    except RecursionError:
        raise SourceError(str(path), "JSON nested too deeply") from None


def check_fields(path: Path, value: object, schema: Fields, where: str = "") -> None:
    """Raise SourceError naming the file and the first field whose type is not the
    schema's (``Document[2].HuidigeDocumentVersie is text, expected an object``)."""
    _check(path, value, schema, where or "the record")


def _check(path: Path, value: object, expected: object, where: str) -> None:
    if isinstance(expected, Fields):
        if value is None and expected.optional:
            return
        if not isinstance(value, Mapping):
            _refuse(path, where, value, "an object")
        for name, kind in expected.types.items():
            inner = f"{name}" if where == "the record" else f"{where}.{name}"
            _check(path, value.get(name), kind, inner)
    elif isinstance(expected, Each):
        if value is None:
            return
        if not isinstance(value, list):
            _refuse(path, where, value, "a list")
        for index, item in enumerate(value):
            _check(path, item, expected.item, f"{where}[{index}]")
    else:
        assert isinstance(expected, tuple)
        # bool is an int in Python; a count given as true/false is still wrong
        wrong_bool = isinstance(value, bool) and bool not in expected
        if wrong_bool or not isinstance(value, expected):
            names = " or ".join(_NAMES.get(t, t.__name__) for t in expected)
            _refuse(path, where, value, names)


_NAMES: dict[type, str] = {
    str: "text",
    int: "a whole number",
    bool: "true/false",
    float: "a number",
    type(None): "null",
    list: "a list",
    dict: "an object",
}


def _refuse(path: Path, where: str, value: object, expected: str) -> NoReturn:
    found = _NAMES.get(type(value), type(value).__name__)
    if isinstance(value, Mapping):
        found = "an object"
    raise SourceError(str(path), f"field {where} is {found}, expected {expected}")
