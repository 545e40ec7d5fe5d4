"""Errors raised by the graph stages; the CLI and app translate them at the boundary."""


class GraphError(Exception):
    """Base class for everything graph raises on purpose."""


class StoreError(GraphError):
    """The store cannot be opened, read or written."""


class QueryError(GraphError):
    """A query is unknown, malformed, refused (e.g. an update) or failed."""


class EndpointError(GraphError):
    """A remote SPARQL endpoint is down, slow or answered with an error."""
