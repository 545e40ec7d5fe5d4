"""Safe XML and HTML parsing shared by every reader (and the fetch clients).

One factory each for the XML and the HTML parser, so no reader builds its own: no
entity is resolved (internal or external, so neither ``file:`` nor ``http:`` contents
nor a billion laughs), no DTD is loaded, nothing is fetched from the network, trees
deeper than libxml2's default limit are refused, and XInclude is never processed (lxml
only does that when ``xinclude()`` is called, which no reader does).

An HTML page is parsed leniently by nature, so a truncated or absurdly nested one
would quietly become a partial document; :func:`parse_html` refuses both.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree, html  # type: ignore[import-untyped]

from ingest.errors import SourceError

__all__ = [
    "MAX_HTML_DEPTH",
    "inline_text",
    "parse_html",
    "parse_xml",
    "safe_html_parser",
    "safe_xml_parser",
]

#: The XML parser's own limit without XML_PARSE_HUGE; real EUR-Lex pages nest
#: a few dozen levels.
MAX_HTML_DEPTH = 256


def safe_xml_parser(*, keep_comments: bool = False) -> etree.XMLParser:
    """An XML parser that resolves no entity, loads no DTD and uses no network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        remove_comments=not keep_comments,
        remove_pis=True,
    )


def safe_html_parser() -> html.HTMLParser:
    """An HTML parser with the same guarantees (HTML knows no external entities, but
    the parser is told not to use the network and not to build huge trees anyway)."""
    return html.HTMLParser(no_network=True, huge_tree=False)


def parse_xml(path: Path, data: bytes | None = None) -> etree._Element:
    """The root element of an XML file; SourceError (with line/column) when broken."""
    if data is None:
        data = _read(path)
    try:
        root = etree.fromstring(data, parser=safe_xml_parser())
    except etree.XMLSyntaxError as error:
        line, column = error.position
        message = (error.msg or "syntax error").splitlines()[0]
        problem = f"broken XML at line {line}, column {column}: {message}"
        raise SourceError(str(path), problem) from None
    return root


def parse_html(path: Path, data: bytes | None = None) -> etree._Element:
    """The root element of an HTML page.

    Raises:
        SourceError: empty, truncated (no closing ``</html>``: the rest of the page
            is missing), nested deeper than MAX_HTML_DEPTH, or not parseable.
    """
    if data is None:
        data = _read(path)
    if not data.strip():
        raise SourceError(str(path), "empty file")
    if b"</html" not in data[-4096:].lower():
        raise SourceError(
            str(path), "truncated HTML (no closing </html>): the page is incomplete"
        )
    parser = safe_html_parser()
    try:
        page = html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise SourceError(str(path), f"broken HTML ({error})") from None
    # The lenient parser stops at a resource limit (depth) with a fatal error in its
    # log and hands back what it had: that is not the page.
    fatal = [e for e in parser.error_log if e.level_name == "FATAL"]
    if fatal:
        message = fatal[0].message.split(",")[0]
        raise SourceError(
            str(path), f"HTML not read whole (line {fatal[0].line}: {message})"
        )
    if _deeper_than(page, MAX_HTML_DEPTH):
        raise SourceError(
            str(path), f"HTML nested too deeply (over {MAX_HTML_DEPTH} levels)"
        )
    return page


def _deeper_than(root: etree._Element, limit: int) -> bool:
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in element)
    return False


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise SourceError(str(path), f"cannot read file ({error.strerror})") from None


def inline_text(element: etree._Element, skip: frozenset[str] = frozenset()) -> str:
    """All text inside ``element`` (tails included), leaving out ``skip`` subtrees."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in skip:
            parts.append(inline_text(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)
