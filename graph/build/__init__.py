"""SourceDocument + resolved references → its triples (one named graph per document).

Every link is a reified ``wg:Link`` node carrying its evidence (Web Annotation text
position and quote selectors into the document's ``wg:fullText``), method, confidence
and extractor version, plus the direct shortcut triple (``source cito:cites target``)
for fast queries. IRIs are deterministic, so rebuilding gives the same graph.

``document`` builds a document's triples (its metadata here); ``structure`` its
divisions and footnotes; ``evidence`` turns references, editorial links, BWB history,
metadata relations and extracted claims into the links to write; ``links`` writes them;
``publications`` the Staatsblad/Staatscourant publications a history names;
``toezeggingen`` the toezeggingen a document mentions.
"""
