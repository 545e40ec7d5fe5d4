"""graph.search and the explorer's read functions: citations typed into the search box,
fuzzy id/title matches, phrases in texts, motions with their votes, a document's graph."""

import pytest
from rdflib import Graph
from rdflib.namespace import DCTERMS

from graph.build.document import build_document_graph
from graph.explore.documents import document_triples
from graph.explore.motions import list_motions, motion_votes
from graph.index.reads import fts_phrase
from graph.iris import document_iri, graph_iri
from graph.search import fuzzy_matches, resolve_citations, search_text
from graph.sparql import LocalBackend, run_query
from graph.store import open_store
from tests.graph_fixtures import letter


@pytest.fixture
def store():
    store = open_store()
    document, refs = letter()
    store.replace_graph(graph_iri(document.id), build_document_graph(document, refs))
    yield store
    store.close()


@pytest.mark.parametrize(
    ("text", "work"),
    [
        ("artikel 3.71 Vb", "BWBR0011825"),
        ("ECLI:NL:RVS:2020:2818", "ECLI:NL:RVS:2020:2818"),
        ("kst-29861-126", "kst-29861-126"),
        ("TZ202505-006", "TZ202505-006"),
    ],
)
def test_search_resolves_typed_citations(text, work):
    found = resolve_citations(text)
    assert [c.work for c in found] == [work]


def test_search_no_citation_in_plain_words():
    assert resolve_citations("terugkeer van vreemdelingen") == []


def test_search_fuzzy_matches_ids_and_title_words():
    rows = [
        {"id": "2025D33530", "title": "Diverse onderwerpen migratie", "kind": "x"},
        {"id": "BWBR0011825", "title": "Vreemdelingenbesluit 2000", "kind": "y"},
    ]
    assert [m.id for m in fuzzy_matches("vreemdelingenbesluit", rows)] == [
        "BWBR0011825"
    ]
    assert [m.id for m in fuzzy_matches("vreemdelingebesluit", rows)] == ["BWBR0011825"]
    assert [m.id for m in fuzzy_matches("2025d3353", rows)] == ["2025D33530"]
    assert fuzzy_matches("asielprocedure", rows) == []
    assert fuzzy_matches("   ", rows) == []


@pytest.mark.parametrize(
    ("needle", "title", "score"),
    [
        ("vreemdelingenbesluit", "Vreemdelingenbesluit 2000", 1.0),  # contained
        ("vreemdelingebesluit", "Vreemdelingenbesluit 2000", 0.974),  # a run of words
        ("motie van het lid podt", "Motie van het lid Podt over opvang", 1.0),
        ("motie van de leden podt", "Motie van het lid Podt over opvang", 0.844),
        ("gezinshereniging", "Gezinshereniging en nareis", 1.0),
        ("gezinsherenigen", "Regels over gezinshereniging", 0.903),
        ("asielprocedure", "Diverse onderwerpen migratie", None),
    ],
)
def test_search_fuzzy_scores_titles_alike_however_often_they_repeat(
    needle, title, score
):
    """A title repeated under many ids (versions, copies) scores as it does alone."""
    alone = fuzzy_matches(needle, [{"id": "a", "title": title, "kind": "x"}])
    assert [m.score for m in alone] == ([] if score is None else [score])
    rows = [
        {"id": f"id-{i}", "title": other, "kind": "x"}
        for i, other in enumerate([title, "Vreemdelingenwet 2000", title, title])
    ]
    found = fuzzy_matches(needle, rows, limit=100)
    assert [m.score for m in found if m.title == title] == (
        [] if score is None else [score] * 3
    )


def test_search_text_is_case_insensitive_and_literal(store):
    backend = LocalBackend(store)
    assert search_text(backend, "PARAGRAAF B9/99").column("id") == ["2025D33530"]
    assert search_text(backend, 'x" } ?doc ?p ?o { "').rows == ()
    assert search_text(backend, "").rows == ()


@pytest.mark.parametrize(
    ("phrase", "query"),
    [
        ("artikel 3.71", '"artikel 3 71" *'),
        ("  Één ", '"Één" *'),
        ("(Vb)", '"Vb" *'),
        ('x" OR y', '"x OR y" *'),  # FTS5 operators and quotes stay words
        ("Oekrai\u0308ne", '"Oekraïne" *'),  # NFKC: one ï
        ("ﬁets", '"fiets" *'),  # the ligature as two letters
        ("€ ^ *", ""),
        ("   ", ""),
    ],
)
def test_full_text_query_of_a_phrase(phrase, query):
    assert fts_phrase(phrase) == query


@pytest.fixture(scope="module")
def corpus_texts():
    """Seeds and Kamerstukken from the bundled corpus, with every document's text."""
    from graph import settings
    from graph.load import load_paths

    corpus = settings.BUNDLED_CORPUS
    store = open_store()
    paths = [
        *sorted((corpus / "seeds").glob("*.txt")),
        *sorted((corpus / "kamerstukken").glob("*.xml"))[:30],
    ]
    assert load_paths(store, paths).errors == []
    backend = LocalBackend(store)
    texts = backend.select(
        "SELECT ?id ?text WHERE { GRAPH ?g { ?doc "
        "<https://w3id.org/wetgraaf/ontology#fullText> ?text ; "
        "<http://purl.org/dc/terms/identifier> ?id } }"
    ).rows
    yield backend, {str(id_): str(text) for id_, text in texts}
    store.close()


def _words(text: str) -> list[str]:
    """Words as the full-text table reads them: letters and digits, in lower case,
    without accents."""
    import re
    import unicodedata

    plain = "".join(
        c
        for c in unicodedata.normalize("NFKD", text)
        if unicodedata.category(c) != "Mn"
    )
    return re.findall(r"[^\W_]+", plain.lower())


def _holds(text: list[str], phrase: list[str]) -> bool:
    """Whether ``text`` has the words of ``phrase`` in a row, the last as a prefix."""
    n = len(phrase)
    return any(
        text[i : i + n - 1] == phrase[:-1] and text[i + n - 1].startswith(phrase[-1])
        for i in range(len(text) - n + 1)
    )


@pytest.mark.parametrize(
    "phrase",
    [
        "OEKRAÏNE",  # upper case with a diaeresis
        "Oekraine",  # typed without it
        "één",
        "België",
        "verzoekt de regering",
        "artikel 3.71",
        "art. 3",
        "(vb)",
        "€",
        "^de",
        "xyzzy",
    ],
)
def test_search_text_finds_the_words_of_a_phrase_in_a_row(corpus_texts, phrase):
    """The oracle reads every text word by word in Python: the full-text search finds
    exactly the documents it finds."""
    backend, texts = corpus_texts
    words = _words(phrase)
    expected = sorted(
        id_ for id_, text in texts.items() if words and _holds(_words(text), words)
    )
    assert sorted(search_text(backend, phrase).column("id")) == expected


def test_search_text_lists_a_document_once_however_often_it_is_cited():
    """A motion the letter cites has its identifier in the letter's graph too; a
    phrase in both texts still finds each document once."""
    from graph import settings
    from graph.load import load_paths

    corpus = settings.BUNDLED_CORPUS
    store = open_store()
    files = [
        corpus / "seeds" / "kamerbrief-2025D33530-diverse-onderwerpen-migratie.txt",
        corpus / "kamerstukken" / "kst-36410-VI-80.xml",
    ]
    assert load_paths(store, files).errors == []
    found = search_text(LocalBackend(store), "motie").as_dicts()
    assert sorted((row["id"], row["kind"]) for row in found) == [
        ("2025D33530", "kamerbrief"),
        ("kst-36410-VI-80", "motie"),
    ]


def test_document_triples_reads_the_named_graph_read_only(store, tmp_path):
    document, refs = letter()
    location = tmp_path / "store"
    disk = open_store(location)
    disk.replace_graph(graph_iri(document.id), build_document_graph(document, refs))
    disk.close()
    read_only = open_store(location, read_only=True)
    try:
        graph = document_triples(read_only, document.id)
    finally:
        read_only.close()
    assert str(graph.value(document_iri(document.id), DCTERMS.title)) == document.title
    assert len(graph) == len(build_document_graph(document, refs))
    again = Graph().parse(data=graph.serialize(format="json-ld"), format="json-ld")
    assert len(again) == len(graph)


def test_motions_carry_zaak_appreciation_outcome_and_votes(store):
    from tests.test_app import _motion

    motion = _motion()
    store.replace_graph(graph_iri(motion.id), build_document_graph(motion))
    backend = LocalBackend(store)
    (row,) = list_motions(backend)
    assert (row.id, row.kabinetsappreciatie, row.uitslag) == (
        "kst-19637-2798",
        "Oordeel Kamer",
        "verworpen",
    )
    assert (row.zetels_voor, row.zetels_tegen, row.afgedaan) == (3, 24, True)
    assert sorted(motion_votes(backend, [str(row.besluit)])[str(row.besluit)]) == [
        ("SGP", "Voor", 3),
        ("VVD", "Tegen", 24),
    ]
    assert motion_votes(backend, []) == {}


VB = "https://wetten.overheid.nl/jci1.3:c:BWBR0011825"


@pytest.mark.parametrize(
    ("typed", "target", "covered"),
    [
        ("artikel 3.71 Vb", f"{VB}&artikel=3.71", True),
        ("artikel 3.71 Vb", f"{VB}&artikel=3.71&lid=3", True),  # a lid of it
        ("artikel 3.7 Vb", f"{VB}&artikel=3.71", False),  # not a prefix of the number
        ("artikel 3.71, derde lid, Vb", f"{VB}&artikel=3.71", False),  # the article
        ("Vreemdelingenbesluit 2000", f"{VB}&artikel=3.71", True),  # the whole law
    ],
)
def test_search_citation_covers_links_to_its_part(typed, target, covered):
    (citation,) = resolve_citations(typed)
    assert citation.covers(target) is covered


def test_motion_title_is_the_tk_onderwerp_of_its_zaak(tmp_path):
    """The Kamerstuk's title only names the members; the zaak says what it is about."""
    from pathlib import Path

    from graph.load import load_paths

    corpus = Path(__file__).resolve().parent.parent / "corpus"
    store = open_store(tmp_path / "store")
    motion = corpus / "kamerstukken" / "kst-19637-3185.xml"
    assert load_paths(store, [motion]).errors == []
    (alone,) = list_motions(LocalBackend(store))
    assert alone.title.startswith("MOTIE VAN HET LID KOEKKOEK EN CEDER")
    zaak = corpus / "tk-odata" / "zaak-motie" / "2023Z20876.json"
    assert load_paths(store, [zaak]).errors == []
    (row,) = list_motions(LocalBackend(store))
    store.close()
    assert row.title == (
        "Motie van de leden Koekkoek en Ceder over de belangen van het kind meenemen "
        "als criterium in het plaatsingsbeleid"
    )


def test_motion_zaken_from_the_index_join_a_zaak_recorded_in_two_graphs(store):
    """A zaak whose record is split over two graphs (its onderwerp in another TK
    record) gives the index the rows the motion_zaken query gives on the store."""
    from rdflib import RDF, Literal, URIRef

    from graph.index import reads
    from graph.namespaces import TK, WG
    from tests.test_app import _motion

    motion = _motion()
    store.replace_graph(graph_iri(motion.id), build_document_graph(motion))
    backend = LocalBackend(store)
    (zaak,) = {row["zaak"] for row in run_query(backend, "motion_zaken").as_dicts()}
    other = Graph()
    other.add((URIRef(zaak), RDF.type, WG.Zaak))
    other.add((URIRef(zaak), DCTERMS.identifier, Literal("2025Z00001")))
    other.add((URIRef(zaak), TK.Onderwerp, Literal("Motie over de IND")))
    store.replace_graph(URIRef(f"{zaak}-record"), other)
    expected = run_query(backend, "motion_zaken").as_dicts()
    # both identifiers, each with both onderwerpen and the first graph's appreciation
    assert len(expected) == 4
    assert {row["kabinetsappreciatie"] for row in expected} == {"Oordeel Kamer"}
    assert "Motie over de IND" in {row["onderwerp"] for row in expected}
    assert reads.dicts(reads.motion_zaken(backend.index)) == expected


@pytest.mark.parametrize(
    ("text", "size", "expected"),
    [
        ("", 10, []),
        ("kort", 10, [(0, "kort")]),
        # whole lines while they fit, then a new passage at a line end
        (
            "regel een\nregel twee\nregel drie",
            22,
            [(0, "regel een\nregel twee\n"), (21, "regel drie")],
        ),
        # a line longer than a passage is cut at its last space
        (
            "een twee drie vier vijf",
            10,
            [(0, "een twee "), (9, "drie vier "), (19, "vijf")],
        ),
        # no space either: cut at the size
        ("abcdefghijkl", 5, [(0, "abcde"), (5, "fghij"), (10, "kl")]),
    ],
)
def test_full_text_passages_cut_at_line_ends(text, size, expected):
    from graph.index.rows import passages

    found = list(passages(text, size))
    assert found == expected
    assert "".join(part for _, part in found) == text
    assert all(text[start:].startswith(part) for start, part in found)


def test_full_text_is_indexed_in_passages_at_their_offsets(corpus_texts):
    """A long text is indexed in passages, each normalised, with its offset in the
    document's text (a snippet tokenises one passage, not the whole text)."""
    from graph.index.rows import normalise_text, passages

    backend, texts = corpus_texts
    letter = "https://opendata.tweedekamer.nl/id/document/2025D33530"
    rows = list(
        backend.index.rows(
            "SELECT start, text FROM texts WHERE doc = ? ORDER BY start", (letter,)
        )
    )
    expected = [
        (start, normalise_text(p)) for start, p in passages(texts["2025D33530"])
    ]
    assert len(rows) > 1 and rows == expected
