"""graph.ordering: a query's final ORDER BY done in Python for the embedded store."""

import datetime as dt

import pyoxigraph
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from graph import settings
from graph.load import load_paths
from graph.ordering import client_order, describe, sort_rows
from graph.search import phrase_pattern
from graph.sparql import bind_parameters, list_queries, load_query
from graph.store import _describe_ox, _from_ox, _value_of, open_store
from graph.values import to_python

A, B = URIRef("https://example.org/a"), URIRef("https://example.org/b")


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("SELECT ?a ?b WHERE { ?a ?p ?b }\nORDER BY ?b ?a\n", ("b", "a")),
        ("SELECT DISTINCT ?a WHERE { ?a ?p ?b } order by ?a", ("a",)),
        (
            "SELECT ?a (COUNT(?b) AS ?n) WHERE { ?a ?p ?b } GROUP BY ?a ORDER BY ?n",
            ("n",),
        ),
        ("SELECT ?a ?b WHERE { ?a ?p ?b } ORDER BY DESC(?b) ASC(?a)", ("b", "a")),
        # left to the engine
        ("SELECT ?a WHERE { ?a ?p ?b } ORDER BY DESC(STR(?a))", None),
        ("SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a LIMIT 10", None),
        ("SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?b", None),  # ?b not projected
        ("SELECT (COUNT(?b) AS ?n) WHERE { ?a ?p ?b } ORDER BY ?b", None),
        ("SELECT * WHERE { ?a ?p ?b } ORDER BY ?a", None),
        ("SELECT ?a WHERE { ?a ?p ?b } ORDER BY STR(?a)", None),
        ("SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a } }", None),
        ("ASK { ?a ?p ?b }", None),
        ("SELECT ?a WHERE { ?a ?p ?b }\n#ENGINE-ORDER\nORDER BY ?a", None),
    ],
)
def test_ordering_takes_only_a_plain_final_clause(query, keys):
    order = client_order(query)
    assert (order.keys if order else None) == keys
    if order is not None:
        assert "ORDER" not in order.query.upper().split("WHERE")[-1]


def _int(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        # unbound, blank nodes (equal: found order kept), IRIs, literals
        ([Literal("x"), B, None, BNode("z"), A, BNode("y")],
         [None, BNode("z"), BNode("y"), A, B, Literal("x")]),
        # numbers by value, not by their text
        ([_int(10), Literal("9.5", datatype=XSD.decimal), _int(2)],
         [_int(2), Literal("9.5", datatype=XSD.decimal), _int(10)]),
        ([Literal(dt.date(2024, 1, 2)), Literal(dt.date(2023, 12, 31))],
         [Literal(dt.date(2023, 12, 31)), Literal(dt.date(2024, 1, 2))]),
        # strings by code point; xsd:string is a plain string
        ([Literal("b"), Literal("a", datatype=XSD.string), Literal("B")],
         [Literal("B"), Literal("a", datatype=XSD.string), Literal("b")]),
        # left to the engine: language strings, strings and numbers in one column,
        # dateTimes with and without a time zone
        ([Literal("b", lang="nl"), Literal("a", lang="nl")], None),
        ([Literal("b"), _int(1)], None),
        ([Literal("2024-01-01T00:00:00", datatype=XSD.dateTime),
          Literal("2024-01-01T00:00:00Z", datatype=XSD.dateTime)], None),
    ],
)  # fmt: skip
def test_ordering_sorts_one_column_as_sparql_does(column, expected):
    rows = [(value, index) for index, value in enumerate(column)]
    ordered = sort_rows(("v", "i"), rows, ["v"])
    assert (None if ordered is None else [row[0] for row in ordered]) == expected


def test_ordering_reads_descending_keys():
    order = client_order("SELECT ?a ?b WHERE { ?a ?p ?b } ORDER BY DESC(?b) ?a")
    assert order is not None and order.descending == {"b"}


def test_ordering_sorts_by_the_keys_in_turn_and_keeps_ties():
    rows = [(B, _int(1), "first"), (A, _int(2), "second"), (B, _int(1), "third")]
    assert sort_rows(("w", "n", "tag"), rows, ["w", "n"]) == [
        (A, _int(2), "second"),
        (B, _int(1), "first"),
        (B, _int(1), "third"),
    ]
    rows.append((A, _int(3), "fourth"))
    assert sort_rows(("w", "n", "tag"), rows, ["n", "w"], frozenset({"n"})) == [
        (A, _int(3), "fourth"),
        (A, _int(2), "second"),
        (B, _int(1), "first"),
        (B, _int(1), "third"),
    ]


@pytest.fixture(scope="module")
def corpus_store():
    """Laws with their versions and history, letters, motions with votes."""
    store = open_store()
    corpus = settings.BUNDLED_CORPUS
    paths = [
        corpus / "bwb" / "BWBR0018451_2025-01-01_0.xml",
        corpus / "bwb-wti" / "BWBR0018451.WTI.xml",
        *sorted((corpus / "seeds").glob("*.txt")),
        *sorted((corpus / "kamerstukken").glob("*.xml"))[:20],
        *sorted((corpus / "tk-odata" / "stemming-per-agendapunt").glob("*.json"))[:5],
    ]
    assert load_paths(store, paths).errors == []
    yield store
    store.close()


PARAMETERS = {
    "article_versions": {"work": URIRef("https://wetten.overheid.nl/BWBR0018451")},
    "text_search": {"pattern": Literal(phrase_pattern("regering"))},
}


@pytest.mark.parametrize("name", sorted(list_queries()))
def test_ordering_gives_the_engines_order_for_every_named_query(corpus_store, name):
    query = bind_parameters(load_query(name), PARAMETERS.get(name, {}))
    engine = corpus_store._select(query)
    assert corpus_store.select(query) == engine
    if client_order(query) is not None and name in {"citation_edges", "documents"}:
        assert len(engine[1]) > 30  # a real sort, not an empty table


@pytest.mark.parametrize("name", sorted(list_queries()))
def test_store_values_are_its_terms_converted(corpus_store, name):
    query = bind_parameters(load_query(name), PARAMETERS.get(name, {}))
    variables, rows = corpus_store.select(query)
    converted = [tuple(to_python(term) for term in row) for row in rows]
    assert corpus_store.select_values(query) == (variables, converted)


_INTEGER = pyoxigraph.NamedNode(str(XSD.integer))
OX_TERMS = [
    None,
    pyoxigraph.NamedNode("https://example.org/a"),
    pyoxigraph.BlankNode("b1"),
    pyoxigraph.Literal("plain"),
    pyoxigraph.Literal("taal", language="nl"),
    pyoxigraph.Literal("42", datatype=_INTEGER),
    pyoxigraph.Literal("veertig", datatype=_INTEGER),  # ill-typed: kept as its text
    pyoxigraph.Literal("2.50", datatype=pyoxigraph.NamedNode(str(XSD.decimal))),
    pyoxigraph.Literal("true", datatype=pyoxigraph.NamedNode(str(XSD.boolean))),
    pyoxigraph.Literal("2017-05-10", datatype=pyoxigraph.NamedNode(str(XSD.date))),
    pyoxigraph.Literal(
        "2017-05-10T09:30:00", datatype=pyoxigraph.NamedNode(str(XSD.dateTime))
    ),
    pyoxigraph.Literal("2017", datatype=pyoxigraph.NamedNode(str(XSD.gYear))),
]


@pytest.mark.parametrize("term", OX_TERMS, ids=repr)
def test_store_reads_oxigraph_terms_as_the_rdflib_terms_would_be_read(term):
    rdflib_term = _from_ox(term)
    assert _value_of(term) == to_python(rdflib_term)
    assert type(_value_of(term)) is type(to_python(rdflib_term))
    assert _describe_ox(term) == describe(rdflib_term)
