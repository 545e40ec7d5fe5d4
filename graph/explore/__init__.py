"""The explorer's read side (and the CLI's): no SPARQL outside graph/.

One module a subject: ``documents`` (one document, the document list), ``links`` (a
document's links either way, citing documents in pages, its neighbourhood as GraphML),
``labels`` (names for link types and works), ``parts`` (the most cited articles and
paragraphs), ``articles`` (a regeling's article versions and history), ``motions`` and
``toezeggingen``.
"""
