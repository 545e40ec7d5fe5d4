"""graph.sparql: named queries, parameter binding, results as plain values."""

import pytest
from rdflib import Literal, URIRef

from graph.build.document import build_document_graph
from graph.errors import QueryError
from graph.iris import document_iri, graph_iri, work_iri
from graph.sparql import (
    LocalBackend,
    bind_parameters,
    list_queries,
    load_query,
    run_query,
)
from graph.store import open_store
from tests.graph_fixtures import letter, write_letters


@pytest.fixture
def backend():
    document, refs = letter()
    store = open_store()
    store.replace_graph(graph_iri(document.id), build_document_graph(document, refs))
    return LocalBackend(store)


def test_sparql_every_named_query_runs(backend):
    names = list_queries()
    assert {
        "documents",
        "document",
        "outgoing_links",
        "incoming_links",
        "linked_documents",
    } <= set(names)
    for name, description in names.items():
        assert description, name
        run_query(backend, name)


def test_sparql_outgoing_links_of_a_document(backend):
    result = run_query(
        backend,
        "outgoing_links",
        doc="https://opendata.tweedekamer.nl/id/document/2025D33530",
    )
    rows = result.as_dicts()
    assert [r["targetWork"] for r in rows] == [
        "https://wetten.overheid.nl/BWBR0011825",
        None,
        "https://zoek.officielebekendmakingen.nl/kst-19637-2798",
    ]
    assert {r["method"] for r in rows} == {"extracted"}
    unresolved = [r for r in rows if r["reason"]]
    assert len(unresolved) == 1 and unresolved[0]["quote"] == "paragraaf B9/99 Vc"
    footnoted = [r for r in rows if r["footnote"]]
    assert [r["quote"] for r in footnoted] == [
        "Kamerstukken II vergaderjaar 2021-2022, 19 637, nr. 2798"
    ]


def test_sparql_list_parameter_binds_several_values(backend):
    works = [
        "https://wetten.overheid.nl/BWBR0011825",
        "https://zoek.officielebekendmakingen.nl/kst-19637-2798",
    ]
    result = run_query(backend, "work_labels", work=works)
    assert result.column("workId") == ["BWBR0011825", "kst-19637-2798"]


def test_explore_outgoing_links_carry_target_ids_and_titles(backend):
    from graph.explore.links import outgoing_links

    rows = outgoing_links(backend, "2025D33530").as_dicts()
    assert [r["targetId"] for r in rows] == ["BWBR0011825", None, "kst-19637-2798"]


def test_sparql_binding_restricts_results(backend):
    none = run_query(
        backend, "outgoing_links", doc="https://example.org/not-a-document"
    )
    assert none.rows == ()


def test_sparql_incoming_links_reach_parts_of_a_work(backend):
    result = run_query(
        backend, "incoming_links", work="https://wetten.overheid.nl/BWBR0011825"
    )
    assert [r["quote"] for r in result.as_dicts()] == ["artikel 3.71, derde lid, Vb"]
    assert result.as_dicts()[0]["citingDoc"].endswith("/document/2025D33530")


def test_explore_incoming_links_carry_citing_ids_and_titles(backend):
    from graph.explore.links import incoming_links

    (row,) = incoming_links(backend, "BWBR0011825").as_dicts()
    assert (row["citingId"], row["citingTitle"]) == (
        "2025D33530",
        "Diverse onderwerpen op het gebied van migratie",
    )
    assert row["type"] == "http://purl.org/spar/cito/cites"


@pytest.mark.parametrize(
    "value",
    [
        pytest.param('x" } } DROP ALL ; SELECT * { "', id="quote-breakout"),
        pytest.param("x> } DROP ALL #", id="iri-breakout"),
        pytest.param("line\nbreak\\", id="escapes"),
    ],
)
def test_sparql_hostile_parameter_values_stay_values(backend, value):
    query = bind_parameters(
        "SELECT ?id WHERE { ?doc <http://purl.org/dc/terms/identifier> ?id }",
        {"id": value},
    )
    assert backend.select(query).rows == ()
    assert run_query(backend, "documents").rows  # store untouched


def test_sparql_parameters_become_terms():
    text = bind_parameters(
        "SELECT * { ?s ?p ?o }", {"s": "https://example.org/a", "o": "plain"}
    )
    assert "VALUES (?s ?o)" in text
    assert (
        URIRef("https://example.org/a").n3() in text and Literal("plain").n3() in text
    )


@pytest.mark.parametrize(
    ("query", "bindings", "expected"),
    [
        # one IRI: it stands where the query writes $g (and VALUES still binds ?g)
        (
            "SELECT ?s WHERE { GRAPH $g { ?s ?p ?o } }",
            {"g": "https://example.org/g"},
            "GRAPH <https://example.org/g> {",
        ),
        # one string: a REGEX pattern written in, escaped, compiled once
        (
            "SELECT ?s WHERE { ?s ?p ?o FILTER(REGEX(?o, $re)) }",
            {"re": "a\\.b"},
            'FILTER(REGEX(?o, "a\\\\.b"))',
        ),
        (
            "SELECT ?s WHERE { ?s ?p ?o FILTER(REGEX(?o, $re)) }",
            {"re": 'x" ) ) } DROP ALL #'},
            'FILTER(REGEX(?o, "x\\" ) ) } DROP ALL #"))',
        ),
        # a list: rows of VALUES, the variable stays a variable, written with ?
        (
            "SELECT ?s WHERE { GRAPH $g { ?s ?p ?o } }",
            {"g": ["https://example.org/g", "https://example.org/h"]},
            "GRAPH ?g {",
        ),
        # unbound: written with ?
        ("SELECT ?s WHERE { GRAPH $g { ?s ?p ?o } }", {}, "GRAPH ?g {"),
        # a variable that merely starts with the name is not the parameter
        (
            "SELECT ?s WHERE { GRAPH $g { ?s ?p ?o } }",
            {"gr": "https://example.org/g"},
            "GRAPH ?g {",
        ),
        # written ?g: bound by the VALUES block only
        (
            "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }",
            {"g": "https://example.org/g"},
            "GRAPH ?g {",
        ),
        # a $ in a comment, a string or an IRI is no variable
        (
            'SELECT ?s WHERE { ?s ?p "$g" . # $g\n ?s ?p <urn:x$g> . ?s ?p """a$g""" }',
            {"g": "https://example.org/g"},
            '?s ?p "$g" . # $g\n ?s ?p <urn:x$g> . ?s ?p """a$g"""',
        ),
        (
            "SELECT ?s WHERE { ?s ?p 'it\\'s $g' }",
            {"g": "https://example.org/g"},
            "?s ?p 'it\\'s $g'",
        ),
    ],
)
def test_sparql_a_dollar_parameter_bound_to_one_value_becomes_its_term(
    query, bindings, expected
):
    text = bind_parameters(query, bindings)
    assert expected in text
    assert ("VALUES" in text) == bool(bindings)


def test_sparql_values_open_the_where_group():
    text = bind_parameters(
        "SELECT ?s WHERE { ?s ?p $o }", {"s": "https://example.org/a"}
    )
    assert "WHERE {\n  VALUES (?s) { (<https://example.org/a>) }" in text
    assert "$" not in text


def test_sparql_hostile_search_pattern_stays_a_pattern(backend):
    result = run_query(backend, "text_search", pattern='x" ) ) } DROP ALL #')
    assert result.rows == ()
    assert run_query(backend, "documents").rows  # store untouched


# Named queries with their parameters bound to one value each, and the rows they give
# on the seed letter (article_context, lineage and the others: the equivalence test).
SINGLE = [
    ("outgoing_links", {"doc": "2025D33530", "graph": "2025D33530"}, 3),
    ("incoming_links", {"work": "BWBR0011825"}, 1),
    ("unresolved_references", {"doc": "2025D33530"}, 1),
    ("text_search", {"pattern": "artikel 3\\.71"}, 1),
]


@pytest.mark.parametrize(
    ("name", "params", "count"), SINGLE, ids=[n for n, *_ in SINGLE]
)
def test_sparql_a_substituted_parameter_answers_as_the_values_block_alone(
    backend, name, params, count
):
    """Writing the bound value where the query says $name changes no answer: the
    same query with every $ written ? and only the VALUES block gives the same rows."""

    def term(key: str, value: str) -> str:
        if key == "doc":
            return document_iri(value)
        if key == "graph":
            return graph_iri(value)
        if key == "work":
            return work_iri(value)
        if key == "article":
            return f"https://wetten.overheid.nl/jci1.3:c:{value}"
        return value

    bindings = {key: term(key, value) for key, value in params.items()}
    query = load_query(name)
    plain = bind_parameters(query.replace("$", "?"), bindings)
    substituted = backend.select(bind_parameters(query, bindings))
    assert substituted == backend.select(plain)
    assert len(substituted.rows) == count


def test_sparql_a_bound_graph_scopes_the_links_to_one_document(backend):
    from graph.iris import document_iri, graph_iri

    scoped = run_query(
        backend,
        "outgoing_links",
        doc=document_iri("2025D33530"),
        graph=graph_iri("2025D33530"),
    )
    assert scoped.rows
    assert scoped == run_query(
        backend, "outgoing_links", doc=document_iri("2025D33530")
    )
    assert not run_query(
        backend,
        "outgoing_links",
        doc=document_iri("2025D33530"),
        graph=graph_iri("kst-1-1"),
    ).rows


def test_sparql_unknown_query_name_lists_known_ones():
    with pytest.raises(QueryError, match="known: .*documents"):
        load_query("no_such_query")


def test_sparql_malformed_query_is_a_query_error(backend):
    with pytest.raises(QueryError, match="query failed"):
        backend.select("SELECT WHERE {")


def test_sparql_result_csv_and_json(backend):
    result = run_query(backend, "documents")
    assert result.to_csv().splitlines()[0] == ",".join(result.variables)
    assert '"2025D33530"' in result.to_json()


@pytest.mark.parametrize(
    ("iri", "label"),
    [
        (
            "https://wetten.overheid.nl/jci1.3:c:BWBR0011823&artikel=14&lid=2",
            "artikel 14, lid 2",
        ),
        (
            "https://wetten.overheid.nl/jci1.3:c:BWBR0011823&artikel=%5B24%5D",
            "artikel [24]",
        ),
        ("https://wetten.overheid.nl/BWBR0011823", ""),
        (
            "http://data.europa.eu/eli/dir/2003/86/oj#artikel=4&lid=1",
            "artikel 4, lid 1",
        ),
    ],
)
def test_explore_part_label_reads_the_pinpoint_back(iri, label):
    from graph.explore.parts import part_label

    assert part_label(iri) == label


def test_explore_most_cited_parts(backend):
    from graph.explore.parts import most_cited_parts

    (part,) = most_cited_parts(backend)
    assert (part.work_id, part.label, part.citing_documents, part.links) == (
        "BWBR0011825",
        "artikel 3.71, lid 3",
        1,
        1,
    )


def test_sparql_a_list_and_a_single_value_give_a_row_each():
    text = bind_parameters(
        "SELECT * { ?s ?p ?o }",
        {"s": "https://example.org/a", "o": ["x", "y"]},
    )
    assert (
        'VALUES (?s ?o) { (<https://example.org/a> "x") (<https://example.org/a> "y") }'
        in text
    )


def test_incoming_links_of_a_page_of_citing_documents():
    from graph.explore.links import citing_documents, incoming_links

    store = open_store()
    write_letters(store)
    backend = LocalBackend(store)
    vb = "BWBR0011825"  # the letter cites Vb artikel 3.71 (not ingested: a work)
    everything = incoming_links(backend, vb)
    citing = citing_documents(backend, vb)
    assert sorted((c.id, c.links) for c in citing) == [
        ("2025D00001", 1),
        ("2025D33530", 1),
    ]
    pages = [incoming_links(backend, vb, [c.id]) for c in citing]
    assert [{*page.column("citingId")} for page in pages] == [{c.id} for c in citing]
    assert sorted(row for page in pages for row in page.rows) == sorted(everything.rows)
    assert incoming_links(backend, vb, []).rows == ()


def _citing(*links: int) -> list:
    from graph.explore.links import Citing

    return [Citing(f"iri{i}", f"doc{i}", n) for i, n in enumerate(links)]


@pytest.mark.parametrize(
    ("links", "budget", "pages"),
    [
        ((), 500, []),
        ((3, 2, 1), 500, [[0, 1, 2]]),  # under the budget: one page
        ((300, 200, 100), 500, [[0, 1], [2]]),  # a page closes at the budget
        ((1300, 20, 10), 500, [[0], [1, 2]]),  # a big document gets its own page
        ((1, 1, 1), 1, [[0], [1], [2]]),
    ],
)
def test_citing_pages_hold_about_a_budget_of_links(links, budget, pages):
    from graph.explore.links import citing_pages

    citing = _citing(*links)
    assert citing_pages(citing, budget) == [[citing[i] for i in p] for p in pages]
