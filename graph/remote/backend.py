"""SELECT queries on a remote SPARQL 1.1 query endpoint, rows as the embedded store's."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier
from SPARQLWrapper import SELECT

from graph.errors import EndpointError, QueryError
from graph.index import Index
from graph.remote.connection import Connection, ConnectionSettings, read_json
from graph.sparql import QueryResult
from graph.values import to_python


def term_from_json(binding: dict[str, str]) -> Identifier:
    """An rdflib term for one SPARQL JSON result binding.

    Accepts Virtuoso's older ``typed-literal`` type; a language tag wins over a
    datatype (``rdf:langString``), as rdflib wants."""
    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        lang = binding.get("xml:lang")
        if lang:
            return Literal(value, lang=lang)
        datatype = binding.get("datatype")
        return Literal(value, datatype=URIRef(datatype) if datatype else None)
    raise EndpointError(f"unsupported term type {kind!r} in a SPARQL JSON result")


def _rows(data: dict[str, Any], url: str) -> tuple[list[str], list[dict[str, Any]]]:
    try:
        variables = [str(v) for v in data["head"].get("vars", [])]
        bindings = data["results"]["bindings"]
    except (KeyError, TypeError, AttributeError):
        if "boolean" in data:
            raise QueryError("only SELECT queries return tables") from None
        raise EndpointError(
            f"{url}: the answer is not a SPARQL SELECT result"
        ) from None
    return variables, bindings


class RemoteBackend:
    """Answers SELECT queries on a remote SPARQL 1.1 query endpoint.

    Values are converted exactly as ``LocalBackend`` converts them (through rdflib
    terms), so the same named query gives the same ``QueryResult`` on both.

    Args:
        query_url: the endpoint's query URL (``…/query`` on Oxigraph, ``…/sparql`` on
            Virtuoso, ``…/repositories/<id>`` on GraphDB).
        connection: timeout, retries and credentials (``timeout`` per query).

    Raises (from ``select``):
        EndpointError: the endpoint is down, too slow or answers with an error.
        RejectedRequestError: the endpoint refused the query (HTTP 4xx).
        QueryError: the query is not a SELECT query.
    """

    def __init__(
        self,
        query_url: str,
        connection: ConnectionSettings | None = None,
        *,
        index: Index | None = None,
    ) -> None:
        connection = connection or ConnectionSettings()
        self._connection = Connection(query_url, connection, timeout=connection.timeout)
        self.index = index if index is not None else Index.absent()

    @property
    def url(self) -> str:
        return self._connection.url

    def select(self, query: str) -> QueryResult:
        variables, bindings = self._select(query)
        rows = tuple(
            tuple(
                to_python(term_from_json(b[v])) if v in b else None for v in variables
            )
            for b in bindings
        )
        return QueryResult(tuple(variables), rows)

    def select_terms(self, query: str) -> Iterator[dict[str, Identifier]]:
        """Rows of rdflib terms (for reading graphs back), unbound variables left out."""
        _, bindings = self._select(query)
        for binding in bindings:
            yield {name: term_from_json(value) for name, value in binding.items()}

    def _select(self, query: str) -> tuple[list[str], list[dict[str, Any]]]:
        wrapper = self._connection.wrapper(query)
        if wrapper.queryType != SELECT:
            raise QueryError("only SELECT queries return tables")
        limit = self._connection.max_bytes
        data = self._connection.call("query", lambda: read_json(wrapper, limit))
        return _rows(data, self.url)
