"""The eurlex client against the replayed Cellar: the SPARQL queries it posts, the
records and texts it keeps, Dutch-then-English content, incremental runs, faults, and
what the Cellar SPARQL reader and the graph make of the cache."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from rdflib import Literal, URIRef

from graph.build.document import build_document_graph
from graph.namespaces import WG
from ingest.errors import SourceError
from ingest.fetch import fetch_source
from ingest.fetch.cache import PayloadCache
from ingest.fetch.eurlex import SPARQL_PATH, act_query, formex_query, ruling_query
from ingest.fetch.session import FetchSession
from ingest.models import DocumentKind
from ingest.sources import iter_source_files, read_source
from ingest.sources.cellar import INTERPRETS
from tests.conftest_fetch import quick_client
from tests.replay import API_DATA, Route

CELLAR = "publications.europa.eu"
DATA = API_DATA / "eurlex"
RETURN_DIRECTIVE = "32008L0115"
RULINGS = {  # as ordered by date in the constructed result
    "62016CJ0225": "ECLI:EU:C:2017:590",
    "62017CJ0240": "ECLI:EU:C:2018:8",
    "62016CJ0082": "ECLI:EU:C:2018:308",
}


def _documents(session: FetchSession) -> dict[str, str]:
    return {
        path.name: read_source(path).id
        for path in iter_source_files([session.cache.root])
        if path.suffix == ".json"
    }


def _cached_names(session: FetchSession, role: str = "document") -> list[str]:
    return sorted(
        e.path.rpartition("/")[2]
        for e in session.cache.entries.values()
        if e.role == role and e.source == "eurlex"
    )


def _rerun(tmp_path, since: dt.date | None = None) -> FetchSession:
    return FetchSession(
        http=quick_client(), cache=PayloadCache(tmp_path / "cache"), since=since
    )


def test_fetch_eurlex_act_posts_the_query_and_keeps_the_record(fetch_session, replay):
    fetch_source(
        fetch_session, "eurlex", [], [{"acts": [RETURN_DIRECTIVE], "case_law": False}]
    )
    posted, formex = replay.requests_to(CELLAR, SPARQL_PATH)
    assert posted.method == "POST"
    assert posted.query["query"] == [act_query(RETURN_DIRECTIVE)]
    assert posted.headers["Accept"] == "application/sparql-results+json"
    assert _documents(fetch_session) == {"32008L0115.cellar.json": "32008L0115.cellar"}
    assert _cached_names(fetch_session, "listing") == ["sparql-act-32008L0115.json"]
    record = next(
        e
        for e in fetch_session.cache.entries.values()
        if e.path.endswith(".cellar.json")
    )
    recorded = (DATA / "constructed-sparql-act-32008L0115.json").read_bytes()
    assert record.sha256 == hashlib.sha256(recorded).hexdigest()
    # The act's text is asked for (not recorded: 404 in Dutch, then in English),
    # then its Formex items (not recorded either: the first query fails, one line).
    texts = replay.requests_to(CELLAR, "/resource/celex/32008L0115")
    assert [r.headers["Accept-Language"] for r in texts] == ["nl", "en"]
    assert formex.query["query"] == [formex_query(RETURN_DIRECTIVE, "NLD")]
    assert fetch_session.tally.errors == [
        f"{replay.url(CELLAR)}{SPARQL_PATH}: HTTP 404 Not Found"
    ]


def test_fetch_eurlex_case_law_of_an_act_brings_each_ruling(fetch_session, replay):
    search = {"acts": [RETURN_DIRECTIVE], "content": False, "from_date": "2018-01-01"}
    fetch_source(fetch_session, "eurlex", [], [search])
    asked = [r.path for r in replay.log if r.path.startswith("/resource/celex/")]
    assert asked == [
        "/resource/celex/62017CJ0240",
        "/resource/celex/62017CJ0240",
        "/resource/celex/62016CJ0082",
        "/resource/celex/62016CJ0082",
    ]
    # Neither text is recorded: one failure each, for the last language asked.
    assert len(fetch_session.tally.errors) == 2
    assert fetch_session.tally.failed == {"eurlex": 2}
    assert all(": HTTP 404" in error for error in fetch_session.tally.errors)


def test_fetch_eurlex_act_named_and_searched_is_asked_for_once(fetch_session, replay):
    # The preset names every act (with its name) and searches the core ones.
    search = {"acts": [RETURN_DIRECTIVE], "content": False, "from_date": "2019-01-01"}
    fetch_source(fetch_session, "eurlex", [RETURN_DIRECTIVE.lower()], [search])
    assert [r.path for r in replay.log] == [SPARQL_PATH]
    assert fetch_session.tally.errors == []


def test_fetch_eurlex_text_in_english_when_there_is_no_dutch(fetch_session, replay):
    replay.add(
        Route(
            CELLAR,
            "/resource/celex/32024R0903",
            status=404,
            body="Not Found",
            content_type="text/plain",
            times=1,
        )
    )
    fetch_source(fetch_session, "eurlex", ["32024R0903"])
    assert fetch_session.tally.errors == []
    texts = replay.requests_to(CELLAR, "/resource/celex/32024R0903")
    assert [r.headers["Accept-Language"] for r in texts] == ["nl", "en"]
    assert all(r.headers["Accept"].startswith("application/xhtml+xml") for r in texts)
    assert _cached_names(fetch_session) == ["32024R0903.cellar.json", "32024R0903.html"]
    kept = next(
        e for e in fetch_session.cache.entries.values() if e.path.endswith(".html")
    )
    recorded = (DATA / "cellar_item_xhtml_32024R0903_DOC_1.html").read_bytes()
    assert fetch_session.cache.read(kept) == recorded
    assert fetch_session.tally.fetched == {"eurlex": 2}


def test_fetched_act_text_reads_as_the_act_with_its_articles(
    fetch_session, replay, tmp_path
):
    # Cellar's XHTML has none of EUR-Lex's meta tags: the CELEX is the one the file
    # was fetched by, the date the one its title gives.
    fetch_source(fetch_session, "eurlex", ["32024R0903"])
    [path] = [
        p for p in iter_source_files([fetch_session.cache.root]) if p.suffix == ".html"
    ]
    act = read_source(path)
    assert (act.id, act.kind, act.date) == (
        "32024R0903",
        DocumentKind.EU_ACT,
        dt.date(2024, 3, 13),
    )
    assert act.title.startswith("REGULATION (EU) 2024/903 OF THE EUROPEAN PARLIAMENT")
    assert act.title.endswith("(Interoperable Europe Act)")  # not the annex's title
    articles = [d.number for d in _walk(act.divisions) if d.kind == "artikel"]
    assert articles[:3] == ["1", "2", "3"] and len(articles) == 23
    assert act.metadata.soort == "verordening"
    # Renamed to something that is no CELEX number, the page names no act.
    renamed = tmp_path / "act.html"
    renamed.write_bytes(path.read_bytes())
    with pytest.raises(SourceError, match="act.html: EUR-Lex page without a CELEX"):
        read_source(renamed)


def _walk(divisions):
    for division in divisions:
        yield division
        yield from _walk(division.children)


def test_fetch_eurlex_ruling_by_ecli(fetch_session, replay):
    fetch_source(fetch_session, "eurlex", ["ECLI:EU:C:2018:308"])
    [posted] = replay.requests_to(CELLAR, SPARQL_PATH)
    assert posted.query["query"] == [ruling_query("ECLI:EU:C:2018:308")]
    assert "resource/ecli/ECLI%3AEU%3AC%3A2018%3A308" in posted.query["query"][0]
    assert _documents(fetch_session) == {
        "62016CJ0082.cellar.json": "62016CJ0082.cellar"
    }
    assert [r.path for r in replay.log[1:]] == ["/resource/celex/62016CJ0082"] * 2


def test_fetch_eurlex_again_keeps_nothing_new(fetch_session, replay, tmp_path):
    fetch_source(fetch_session, "eurlex", ["32024R0903"])
    before = len(replay.log)
    for since in (None, dt.date(2026, 1, 1)):
        again = _rerun(tmp_path, since=since)
        fetch_source(again, "eurlex", ["32024R0903"])
        # The query is asked again (Cellar answers POSTs without validators): the
        # same answer keeps no new record; the cached text is not asked for.
        assert again.tally.fetched == {} and again.tally.errors == []
        assert again.tally.unchanged == {"eurlex": 2}
    assert [r.path for r in replay.log[before:]] == [SPARQL_PATH, SPARQL_PATH]


def test_fetch_eurlex_with_since_skips_older_rulings(fetch_session, replay, tmp_path):
    again = _rerun(tmp_path, since=dt.date(2018, 3, 1))
    fetch_source(again, "eurlex", [], [{"acts": [RETURN_DIRECTIVE], "content": False}])
    asked = {r.path for r in replay.log if r.path.startswith("/resource/celex/")}
    assert asked == {"/resource/celex/62016CJ0082"}


# fmt: off
BAD = [
    pytest.param(["Terugkeerrichtlijn"], [],
                 "Terugkeerrichtlijn: not a CELEX number (32008L0115) or ECLI (ECLI:EU:C:…)",
                 id="name-not-id"),
    pytest.param([], [{"acts": ["62016CJ0082"]}],
                 "62016CJ0082: not the CELEX number of an act", id="ruling-as-act"),
    pytest.param([], [{"acts": ["32008L0115"], "from_date": "1 januari 2018"}],
                 "1 januari 2018: from_date is a date (YYYY-MM-DD)", id="bad-date"),
]
# fmt: on


@pytest.mark.parametrize(("ids", "searches", "error"), BAD)
def test_fetch_eurlex_bad_input_is_one_line(
    fetch_session, replay, ids, searches, error
):
    fetch_source(fetch_session, "eurlex", ids, searches)
    assert fetch_session.tally.errors == [error]
    assert replay.log == []


HTML_ERROR = "<!DOCTYPE html><html><body><h1>Service unavailable</h1></body></html>"
# fmt: off
FAULTS = [
    pytest.param({"status": 400, "body": "Virtuoso 37000 Error SP030: SPARQL compiler",
                  "content_type": "text/plain"}, "HTTP 400", id="400"),
    pytest.param({"body": HTML_ERROR, "content_type": "text/html"}, "not JSON",
                 id="html"),
    pytest.param({"file": "eurlex/constructed-sparql-act-32024R0903.json",
                  "truncate": 100}, "truncated body", id="truncated"),
    pytest.param({"body": "", "content_type": "application/sparql-results+json"},
                 "empty response", id="empty"),
    pytest.param({"body": '{"boolean": true}'}, "not a SPARQL JSON result",
                 id="not-a-select-result"),
]
# fmt: on


@pytest.mark.parametrize(("fault", "problem"), FAULTS)
def test_fetch_eurlex_fault_is_one_line_naming_the_url(
    fetch_session, replay, fault, problem
):
    replay.add(
        Route(
            CELLAR,
            SPARQL_PATH,
            method="POST",
            query={"query": act_query("32024R0903")},
            **{"content_type": "application/sparql-results+json", **fault},
        )
    )
    fetch_source(fetch_session, "eurlex", ["32024R0903"])
    [error] = fetch_session.tally.errors
    assert error.startswith(f"{replay.url(CELLAR)}{SPARQL_PATH}: ")
    assert problem in error and "\n" not in error
    assert _cached_names(fetch_session) == []  # no record, and no text asked for
    assert replay.requests_to(CELLAR, "/resource/celex/32024R0903") == []


def test_fetch_eurlex_unknown_celex_is_one_line(fetch_session, replay):
    fetch_source(fetch_session, "eurlex", ["32099L0001"])
    assert fetch_session.tally.errors == [
        f"{replay.url(CELLAR)}{SPARQL_PATH}: Cellar knows no work 32099L0001"
    ]
    assert _cached_names(fetch_session) == []


def test_fetch_eurlex_retries_a_503(fetch_session, replay):
    replay.add(
        Route(
            CELLAR,
            SPARQL_PATH,
            method="POST",
            query={"query": act_query("32024R0903")},
            status=503,
            body="busy",
            times=1,
        )
    )
    fetch_source(fetch_session, "eurlex", ["32024R0903"])
    assert fetch_session.tally.errors == []
    assert len(replay.requests_to(CELLAR, SPARQL_PATH)) == 2


# -- paging --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page_size", "pages", "listings"),
    [
        # two rows a page: a full page, then a short one (one row) ends it
        pytest.param(
            2,
            [(1, 2), (2, 2)],
            ["sparql-act-32008L0115-p2.json", "sparql-act-32008L0115.json"],
            id="short-last-page",
        ),
        # three a page: the first is full, so the next is asked for; it is empty
        pytest.param(
            3,
            [(1, 3), (2, 3)],
            ["sparql-act-32008L0115-p2.json", "sparql-act-32008L0115.json"],
            id="empty-last-page",
        ),
        # the default (1000 a page): one short page
        pytest.param(None, [(1, None)], ["sparql-act-32008L0115.json"], id="one-page"),
    ],
)
def test_fetch_eurlex_pages_the_sparql_answer_until_a_short_page(
    fetch_session, replay, monkeypatch, page_size, pages, listings
):
    if page_size is not None:
        monkeypatch.setattr("ingest.fetch.eurlex.PAGE_SIZE", page_size)
    fetch_source(
        fetch_session,
        "eurlex",
        [],
        [{"acts": [RETURN_DIRECTIVE], "content": False, "case_law": False}],
    )
    assert fetch_session.tally.errors == []
    posted = [r.query["query"] for r in replay.requests_to(CELLAR, SPARQL_PATH)]
    assert posted == [[act_query(RETURN_DIRECTIVE, p, s)] for p, s in pages]
    assert _cached_names(fetch_session, "listing") == listings
    # one record of the whole answer, its rows those of the unpaged answer, in order
    [path] = [
        p for p in iter_source_files([fetch_session.cache.root]) if p.suffix == ".json"
    ]
    whole = json.loads((DATA / "constructed-sparql-act-32008L0115.json").read_text())
    kept = json.loads(path.read_text(encoding="utf-8"))
    assert kept["results"]["bindings"] == whole["results"]["bindings"]
    assert kept["head"] == whole["head"]
    document = read_source(path)
    assert [(r.subject, r.target) for r in document.relations] == [
        (ecli, RETURN_DIRECTIVE) for ecli in RULINGS.values()
    ]


def test_fetch_eurlex_a_failed_second_page_keeps_no_record(
    fetch_session, replay, monkeypatch
):
    monkeypatch.setattr("ingest.fetch.eurlex.PAGE_SIZE", 2)
    replay.add(
        Route(
            CELLAR,
            SPARQL_PATH,
            method="POST",
            query={"query": act_query(RETURN_DIRECTIVE, 2, 2)},
            status=500,
            body="Virtuoso 42000 Error",
        )
    )
    fetch_source(
        fetch_session, "eurlex", [], [{"acts": [RETURN_DIRECTIVE], "content": False}]
    )
    [error] = fetch_session.tally.errors
    assert error.startswith(f"{replay.url(CELLAR)}{SPARQL_PATH}: ") and "500" in error
    assert _cached_names(fetch_session) == []  # half an answer is no record
    assert [r.path for r in replay.log if r.path != SPARQL_PATH] == []


def test_fetch_eurlex_paging_stops_when_the_server_ignores_offset(
    fetch_session, replay, monkeypatch
):
    """A server answering every page with the same full page: the client gives up
    after MAX_PAGES with one line, and keeps no record."""
    monkeypatch.setattr("ingest.fetch.eurlex.PAGE_SIZE", 2)
    monkeypatch.setattr("ingest.fetch.eurlex.MAX_PAGES", 3)
    full = (DATA / "constructed-sparql-act-32008L0115-size2-page1.json").read_bytes()
    for page in (2, 3):
        replay.add(
            Route(
                CELLAR,
                SPARQL_PATH,
                method="POST",
                query={"query": act_query(RETURN_DIRECTIVE, page, 2)},
                body=full,
                content_type="application/sparql-results+json",
            )
        )
    fetch_source(
        fetch_session, "eurlex", [], [{"acts": [RETURN_DIRECTIVE], "content": False}]
    )
    assert fetch_session.tally.errors == [
        f"{replay.url(CELLAR)}{SPARQL_PATH}: more than 3 pages of 2 rows for 32008L0115"
    ]
    assert len(replay.requests_to(CELLAR, SPARQL_PATH)) == 3
    assert _cached_names(fetch_session) == []


# -- the reader ----------------------------------------------------------------------


def test_read_cellar_act_record_links_each_ruling_to_the_act(fetch_session, replay):
    fetch_source(fetch_session, "eurlex", [], [{"acts": [RETURN_DIRECTIVE]}])
    [path] = [
        p for p in iter_source_files([fetch_session.cache.root]) if p.suffix == ".json"
    ]
    document = read_source(path)
    assert document.kind is DocumentKind.CELLAR_RECORD
    assert document.title.startswith("Directive 2008/115/EC of the European Parliament")
    assert document.date == dt.date(2008, 12, 16)
    assert [(r.subject, r.target, r.type) for r in document.relations] == [
        (ecli, RETURN_DIRECTIVE, INTERPRETS) for ecli in RULINGS.values()
    ]
    assert document.text.splitlines()[1:] == [
        "ECLI:EU:C:2017:590 (62016CJ0225), 2017-07-26, Case C-225/16, "
        "Criminal proceedings against Mossa Ouhrami",
        "ECLI:EU:C:2018:8 (62017CJ0240), 2018-01-16, Case C-240/17, E",
        "ECLI:EU:C:2018:308 (62016CJ0082), 2018-05-08, Case C-82/16, "
        "K.A. and Others v Belgische Staat",
    ]
    assert [r.label for r in document.relations] == document.text.splitlines()[1:]
    assert (
        "eli",
        "http://data.europa.eu/eli/dir/2008/115/oj",
    ) in document.metadata.extra


def test_read_cellar_ruling_record():
    document = read_source(DATA / "constructed-sparql-ruling-ECLI_EU_C_2018_308.json")
    assert (document.id, document.title, document.date) == (
        "62016CJ0082.cellar",
        "K.A. and Others v Belgische Staat",
        dt.date(2018, 5, 8),
    )
    [relation] = document.relations
    assert (relation.subject, relation.target) == ("ECLI:EU:C:2018:308", "32008L0115")


def test_cellar_record_graph_has_the_editorial_link_from_the_ruling():
    document = read_source(DATA / "constructed-sparql-act-32008L0115.json")
    graph = build_document_graph(document)
    ruling = URIRef(
        "http://publications.europa.eu/resource/ecli/ECLI%3AEU%3AC%3A2018%3A308"
    )
    act = URIRef("http://data.europa.eu/eli/dir/2008/115/oj")
    assert (ruling, URIRef(INTERPRETS), act) in graph
    [link] = [
        link
        for link in graph.subjects(WG.linkSource, ruling)
        if (link, WG.linkTarget, act) in graph
    ]
    assert (link, WG.method, WG.editorial) in graph
    assert (link, WG.referenceKind, Literal("eu_legislation")) in graph
    assert (
        act,
        URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        WG.EUAct,
    ) in graph
    quote = next(
        graph.objects(URIRef(f"{link}#quote"), URIRef("http://www.w3.org/ns/oa#exact"))
    )
    assert str(quote).endswith("Case C-82/16, K.A. and Others v Belgische Staat")


def test_read_source_tells_sparql_results_from_tk_records():
    """A recorded SPARQL result of another query is refused with its variables, not
    sent to the TK OData reader; a TK record still goes there."""
    with pytest.raises(SourceError, match="variables cellarURIs, manif, format, expr"):
        read_source(DATA / "cellar_sparql_celex_32008R1137_fmx4_items.json")
    zaak = (
        API_DATA
        / "tk"
        / "odata_Zaak_Motie_2025Z02986_expand_Document_Versie_Publicatie.json"
    )
    assert read_source(zaak).kind is DocumentKind.ZAAK
    with pytest.raises(SourceError, match="without rows"):
        read_source(DATA / "constructed-sparql-empty.json")


# -- Formex: an act Cellar has no XHTML of -----------------------------------------

FORMEX_1137 = "/resource/cellar/e115172d-3ab3-4b14-b0a4-dfdcc9871793.0006.04"
FORMEX_0903 = "/resource/cellar/c008bcb6-e7ec-11ee-9ea8-01aa75ed71a1.0006.02/DOC_1"
ACT_0903 = DATA / "cellar_item_formex_32024R0903_000101_act.fmx.xml"


def _kept_formex(session: FetchSession) -> tuple[object, bytes]:
    [entry] = [e for e in session.cache.entries.values() if e.path.endswith(".fmx.xml")]
    return entry, session.cache.read(entry)


def test_fetch_eurlex_formex_when_there_is_no_xhtml(fetch_session, replay):
    fetch_source(fetch_session, "eurlex", ["32008R1137"])
    assert fetch_session.tally.errors == []
    texts = replay.requests_to(CELLAR, "/resource/celex/32008R1137")
    assert [r.headers["Accept-Language"] for r in texts] == ["nl", "en"]
    posted = [r.query["query"] for r in replay.requests_to(CELLAR, SPARQL_PATH)]
    assert posted == [
        [act_query("32008R1137")],
        [formex_query("32008R1137", "NLD")],  # no Dutch Formex either
        [formex_query("32008R1137", "ENG")],
    ]
    # The items in order until the act: the document descriptor, then the act;
    # the annexes (DOC_3, DOC_4) are not asked for.
    items = [r.path for r in replay.log if r.path.startswith("/resource/cellar/")]
    assert items == [f"{FORMEX_1137}/DOC_1", f"{FORMEX_1137}/DOC_2"]
    assert _cached_names(fetch_session) == [
        "32008R1137.cellar.json",
        "32008R1137.fmx.xml",
    ]
    assert _cached_names(fetch_session, "listing") == [
        "fmx4-32008R1137-1.xml",
        "fmx4-32008R1137-2.xml",
        "sparql-act-32008R1137.json",
        "sparql-fmx4-32008R1137-ENG.json",
        "sparql-fmx4-32008R1137-NLD.json",
    ]
    entry, body = _kept_formex(fetch_session)
    assert body == (DATA / "cellar_item_formex_32008R1137_DOC_2_act.xml").read_bytes()
    assert entry.url == f"{replay.url(CELLAR)}{FORMEX_1137}/DOC_2"
    act = read_source(fetch_session.cache.root / entry.path)
    assert (act.id, act.kind, act.date, act.metadata.soort) == (
        "32008R1137",
        DocumentKind.EU_ACT,
        dt.date(2008, 10, 22),
        "verordening",
    )
    assert [d.number for d in _walk(act.divisions) if d.kind == "artikel"] == [
        "1",
        "2",
        "3",
    ]


def test_fetch_eurlex_formex_again_asks_for_nothing_but_the_record(
    fetch_session, replay, tmp_path
):
    fetch_source(fetch_session, "eurlex", ["32008R1137"])
    before = len(replay.log)
    again = _rerun(tmp_path)
    fetch_source(again, "eurlex", ["32008R1137"])
    assert again.tally.fetched == {} and again.tally.errors == []
    assert again.tally.unchanged == {"eurlex": 2}  # the record and the Formex text
    assert [r.path for r in replay.log[before:]] == [SPARQL_PATH]


def _no_xhtml(replay, celex: str) -> None:
    replay.add(
        Route(
            CELLAR,
            f"/resource/celex/{celex}",
            status=404,
            body="Not Found",
            content_type="text/plain",
            times=2,
        )
    )


def test_fetch_eurlex_formex_zip_item_keeps_the_act_member(fetch_session, replay):
    # Recent acts' fmx4 item is a ZIP archive (the recorded members of 2024/903's).
    _no_xhtml(replay, "32024R0903")
    fetch_source(fetch_session, "eurlex", ["32024R0903"])
    assert fetch_session.tally.errors == []
    items = [r.path for r in replay.log if r.path.startswith("/resource/cellar/")]
    assert items == [FORMEX_0903]
    entry, body = _kept_formex(fetch_session)
    assert body == ACT_0903.read_bytes()
    act = read_source(fetch_session.cache.root / entry.path)
    assert (act.id, act.date) == ("32024R0903", dt.date(2024, 3, 13))
    articles = [d.number for d in _walk(act.divisions) if d.kind == "artikel"]
    assert articles[:3] == ["1", "2", "3"] and len(articles) == 23


def _zip(*members: tuple[str, bytes]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


DESCRIPTOR_0903 = DATA / "cellar_item_formex_32024R0903_doc.fmx.xml"
# fmt: off
FORMEX_FAULTS = [
    pytest.param(
        Route(CELLAR, SPARQL_PATH, method="POST",
              query={"query": formex_query("32024R0903", "ENG")},
              file="eurlex/constructed-sparql-fmx4-empty.json",
              content_type="application/sparql-results+json"),
        "/resource/celex/32024R0903: no XHTML (HTTP 404/406) and no Formex item in "
        "Dutch or English", id="no-items"),
    pytest.param(
        Route(CELLAR, FORMEX_0903, body=HTML_ERROR, content_type="text/html"),
        f"{FORMEX_0903}: an HTML page where XML or a ZIP was expected", id="html"),
    pytest.param(
        Route(CELLAR, FORMEX_0903, body=_zip(("act.fmx.xml", ACT_0903.read_bytes()))[:-40],
              content_type="application/zip"),
        f"{FORMEX_0903}: not a whole ZIP archive", id="cut-zip"),
    pytest.param(
        Route(CELLAR, FORMEX_0903, file="eurlex/constructed-formex-zip-32024R0903.zip",
              truncate=500, content_type="application/zip"),
        f"{FORMEX_0903}: truncated body", id="truncated"),
    pytest.param(
        Route(CELLAR, FORMEX_0903,
              body=_zip(("L_202400903EN.doc.fmx.xml", DESCRIPTOR_0903.read_bytes())),
              content_type="application/zip"),
        "/resource/celex/32024R0903: none of the 1 Formex items of 32024R0903 is its ACT",
        id="no-act"),
]
# fmt: on


@pytest.mark.parametrize(("fault", "error"), FORMEX_FAULTS)
def test_fetch_eurlex_formex_fault_is_one_line_and_keeps_no_text(
    fetch_session, replay, fault, error
):
    _no_xhtml(replay, "32024R0903")
    replay.add(fault)
    fetch_source(fetch_session, "eurlex", ["32024R0903"])
    [line] = fetch_session.tally.errors
    assert line.startswith(f"{replay.url(CELLAR)}{error}"), line
    assert "\n" not in line
    assert _cached_names(fetch_session) == ["32024R0903.cellar.json"]
