"""A remote SPARQL 1.1 endpoint behind the same interface as the embedded store.

``backend.RemoteBackend`` answers SELECT queries (``graph.sparql.QueryBackend``) over
the SPARQL 1.1 Protocol with JSON results; ``store.RemoteStore`` writes named graphs
through SPARQL 1.1 Update (the request ``updates`` builds). Both go through
``connection``: SPARQLWrapper with an explicit timeout, connection errors, 5xx answers
and timeouts retried a bounded number of times with exponential backoff (never a 4xx),
and an ``EndpointError`` of one line naming the URL (``failures``).

Some named queries match in the endpoint's default graph and expect it to be the union
of the named graphs; the others name the graph they read (``GRAPH ?graph { … }``: a
document's own graph, or the graph that states a link). Virtuoso and GraphDB make the
default graph the union out of the box; start Oxigraph with ``--union-default-graph``;
Fuseki needs ``unionDefaultGraph``.
"""
