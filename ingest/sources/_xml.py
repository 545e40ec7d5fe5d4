"""Safe XML parsing shared by the XML readers (no entities, no network, no huge trees)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from ingest.errors import SourceError

__all__ = ["inline_text", "parse_xml"]


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(path: Path, data: bytes | None = None) -> etree._Element:
    """The root element of an XML file; SourceError (with line/column) when broken."""
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise SourceError(
                str(path), f"cannot read file ({error.strerror})"
            ) from None
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as error:
        line, column = error.position
        message = (error.msg or "syntax error").splitlines()[0]
        problem = f"broken XML at line {line}, column {column}: {message}"
        raise SourceError(str(path), problem) from None
    return root


def inline_text(element: etree._Element, skip: frozenset[str] = frozenset()) -> str:
    """All text inside ``element`` (tails included), leaving out ``skip`` subtrees."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in skip:
            parts.append(inline_text(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)
