"""The explorer pages, run headless with Streamlit's AppTest on a small real store."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.build.document import build_document_graph
from graph.iris import graph_iri
from graph.store import open_store
from tests.graph_fixtures import letter, write_letters

APP_DIR = Path(__file__).resolve().parent.parent / "app"
PAGES = sorted((APP_DIR / "screens").glob("*.py"))


def _serve(location: Path, monkeypatch):
    """The explorer reads ``location``, with no cached result from another store."""
    import streamlit as st

    monkeypatch.setenv("WETGRAAF_STORE", str(location))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield location
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def small_store(tmp_path, monkeypatch):
    location = tmp_path / "store"
    store = open_store(location)
    document, refs = letter()
    store.replace_graph(graph_iri(document.id), build_document_graph(document, refs))
    store.close()
    yield from _serve(location, monkeypatch)


def _run(path: Path) -> AppTest:
    at = AppTest.from_file(str(path), default_timeout=60)
    at.run()
    return at


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_app_every_page_renders_without_exception(small_store, page):
    at = _run(page)
    assert not at.exception, [e.value for e in at.exception]


def test_app_warm_up_reads_the_names_before_any_page(small_store, monkeypatch):
    """The server's warm-up (app.state._warm) builds the store's names, so the first
    page that shows a name reads them from the cache."""
    import app.names
    import app.state

    built = []
    real = app.names.names_from_rows

    def counted(*args, **kwargs):
        built.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(app.names, "names_from_rows", counted)
    app.state._warm()
    assert len(built) == 1
    assert app.names.get_names().name("BWBR0011825") == "Vreemdelingenbesluit 2000 (Vb)"
    assert len(built) == 1  # from the cache


def test_app_warm_up_lists_the_documents_as_the_first_page_shows_them(
    small_store, monkeypatch
):
    """The warm-up names and formats the Documenten page's list (every kind, no
    filter) once; the page's first run and a filter's read what matches."""
    import streamlit as st

    import app.listing
    import app.state

    st.cache_resource.clear()
    formatted = []
    real = app.listing.shown_rows

    def counted(rows):
        formatted.append(len(rows))
        return real(rows)

    monkeypatch.setattr(app.listing, "shown_rows", counted)
    app.state._warm()
    assert len(formatted) == 1
    at = _run(APP_DIR / "screens" / "documents.py")
    assert not at.exception
    assert len(formatted) == 1  # the page's list came from the warm-up
    kinds = tuple(app.listing.all_kinds())
    whole = app.listing.get_listing(kinds, "")
    assert formatted == [len(whole.ids)] and whole.ids
    needle = str(whole.table[-1]["naam"]).split()[0].lower()
    found = app.listing.get_listing(kinds, needle)
    assert found.ids and set(found.ids) <= set(whole.ids)
    assert len(app.listing.get_listing(kinds, "xyzzy-nergens").ids) == 0
    for doc_id, row in zip(found.ids, found.table, strict=True):
        assert needle in f"{doc_id} {row['naam']} {found.labels[doc_id]}".lower()


def test_app_main_script_navigates(small_store):
    at = _run(APP_DIR / "streamlit_app.py")
    assert not at.exception
    assert not at.warning  # the store has its index


def test_app_warns_when_the_store_has_no_index(tmp_path, monkeypatch):
    """A store whose index is gone (or was built elsewhere): every page says how to
    write it."""
    location = tmp_path / "old-store"
    store = open_store(location)
    document, refs = letter()
    store.replace_graph(graph_iri(document.id), build_document_graph(document, refs))
    store.close()
    for path in tmp_path.glob("old-store.index.sqlite*"):
        path.unlink()
    for _ in _serve(location, monkeypatch):
        at = _run(APP_DIR / "streamlit_app.py")
        assert not at.exception
        assert any("wetgraaf index" in w.value for w in at.warning)


def test_app_documents_lists_and_shows_links(small_store):
    at = _run(APP_DIR / "screens" / "documents.py")
    assert at.title[0].value == "Documenten"
    assert at.selectbox(key="document").value == "2025D33530"
    assert at.header[0].value == "Diverse onderwerpen op het gebied van migratie"
    # the text: every reference marked; resolved ones are links to their source
    (text,) = [m.value for m in at.markdown if "white-space:pre-wrap" in m.value]
    assert text.count("<mark") == 3
    # a reference to an article opens it on the Artikel page
    assert (
        'href="./article?part=https%3A%2F%2Fwetten.overheid.nl%2Fjci1.3%3Ac%3A'
        'BWBR0011825%26artikel%3D3.71%26lid%3D3" target="_self"' in text
    )
    at.radio(key="view").set_value("Uitgaand").run()
    groups = [m.value for m in at.markdown if m.value.startswith("**")][1:]
    assert groups == ["**verwijst naar** (2)", "**onopgelost** (1)"]
    cites, unresolved = (frame.value for frame in at.dataframe[1:])
    assert list(cites["doel"]) == ["BWBR0011825", "kst-19637-2798"]
    assert list(unresolved["citaat"]) == ["paragraaf B9/99 Vc"]
    at.radio(key="view").set_value("Inkomend").run()
    assert any(c.value == "Geen verwijzingen." for c in at.caption)


def test_app_a_rebuilt_store_shows_at_the_next_interaction(small_store):
    at = _run(APP_DIR / "screens" / "documents.py")
    assert any("1 van 1 documenten" in c.value for c in at.caption)
    # a build alongside the running explorer (it holds a read-only view)
    store = open_store(small_store)
    motion = _motion()
    store.replace_graph(graph_iri(motion.id), build_document_graph(motion))
    store.close()
    at.run()
    assert not at.exception
    # (the kind filter keeps what the visitor had chosen: only the letter's kind)
    assert any(" van 2 documenten" in c.value for c in at.caption)


def test_app_documents_filter_hides_non_matching(small_store):
    at = _run(APP_DIR / "screens" / "documents.py")
    at.text_input(key="filter").input("no such document").run()
    assert not at.exception
    assert any("0 van 1 documenten" in c.value for c in at.caption)


def test_app_documents_text_is_escaped(tmp_path, monkeypatch):
    from ingest.models import DocumentKind, SourceDocument

    hostile = SourceDocument(
        id="kst-1-1",
        kind=DocumentKind.KAMERSTUK,
        title="<script>alert(1)</script>",
        text="<img src=x onerror=alert(1)> artikel <b>1</b>",
        path="x.txt",
    )
    location = tmp_path / "store"
    store = open_store(location)
    store.replace_graph(graph_iri(hostile.id), build_document_graph(hostile))
    store.close()
    monkeypatch.setenv("WETGRAAF_STORE", str(location))
    import streamlit as st

    st.cache_resource.clear()
    at = _run(APP_DIR / "screens" / "documents.py")
    html_blocks = [m.value for m in at.markdown if "white-space:pre-wrap" in m.value]
    assert html_blocks, "document text not rendered"
    assert (
        "<img" not in html_blocks[0]
        and "&lt;img src=x onerror=alert(1)&gt;" in html_blocks[0]
    )
    st.cache_resource.clear()


# --- the other pages --------------------------------------------------------------


def _motion():
    import datetime as dt

    from ingest.models import (
        Besluit,
        DocumentKind,
        DocumentMetadata,
        SourceDocument,
        Vote,
        Zaak,
    )

    return SourceDocument(
        id="kst-19637-2798",
        kind=DocumentKind.MOTIE,
        title="Motie van het lid Bisschop over terugkeer",
        text="De Kamer,\n\ngehoord de beraadslaging,\n\nverzoekt de regering <b>te herzien</b>.\n",
        path="corpus/seeds/motie.txt",
        date=dt.date(2022, 1, 20),
        metadata=DocumentMetadata(
            dossiernummer="19637", ondernummer="2798", indieners=("Bisschop", "Ceder")
        ),
        zaken=(
            Zaak(
                nummer="2022Z00001",
                soort="Motie",
                onderwerp="terugkeer",
                kabinetsappreciatie="Oordeel Kamer",
                afgedaan=True,
                publicaties=("kst-19637-2798",),
            ),
        ),
        besluiten=(
            Besluit(
                id="b-2798",
                soort="Stemmen - verworpen",
                tekst="Verworpen.",
                zaak="2022Z00001",
                votes=(Vote("SGP", "Voor", 3), Vote("VVD", "Tegen", 24)),
            ),
        ),
    )


@pytest.fixture
def store_with_motion(small_store):
    import streamlit as st

    store = open_store(small_store)
    motion = _motion()
    store.replace_graph(graph_iri(motion.id), build_document_graph(motion))
    store.close()
    st.cache_resource.clear()
    st.cache_data.clear()
    return small_store


def _page(name: str) -> AppTest:
    return _run(APP_DIR / "screens" / f"{name}.py")


def test_app_search_resolves_a_typed_citation_to_its_incoming_links(small_store):
    at = _page("search")
    at.text_input(key="query").input("artikel 3.71 Vb").run()
    assert not at.exception
    assert any("BWBR0011825" in m.value for m in at.markdown)
    incoming = at.dataframe[0].value
    assert list(incoming["van"]) == ["2025D33530"]
    assert list(incoming["naam"]) == ["Diverse onderwerpen op het gebied van migratie"]
    assert "artikel 3.71, derde lid, Vb" in list(incoming["citaat"])
    # another article of the same law: the link to 3.71 is not one to 3.7
    at.text_input(key="query").input("artikel 3.7 Vb").run()
    assert any("0 inkomende verwijzingen" in c.value for c in at.caption)


def test_app_search_links_an_ingested_document_and_matches_titles(small_store):
    at = _page("search")
    at.text_input(key="query").input("2025D33530").run()
    assert not at.exception
    links = [m.value for m in at.markdown if "?doc=2025D33530" in m.value]
    assert links, "no link to the Documenten page"
    at.text_input(key="query").input("divers onderwerpen").run()
    fuzzy = at.dataframe[0].value
    assert list(fuzzy["id"]) == ["2025D33530"]


def test_app_search_finds_phrases_in_document_text(small_store):
    at = _page("search")
    at.text_input(key="query").input("LID BISSCHOP").run()
    assert not at.exception
    assert any("1 document bevat deze woorden" in c.value for c in at.caption)
    at.text_input(key="query").input("geen zinsnede zoals deze").run()
    assert any("0 documenten bevatten" in c.value for c in at.caption)


def test_app_search_escapes_hostile_input(small_store):
    at = _page("search")
    at.text_input(key="query").input("<script>alert(1)</script>").run()
    assert not at.exception
    assert not any("<script>" in m.value for m in at.markdown)


def test_app_motions_table_filters_and_vote_chart(store_with_motion):
    at = _page("motions")
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["id"]) == ["kst-19637-2798"]
    assert list(table["kabinetsappreciatie"]) == ["Oordeel Kamer"]
    assert list(table["uitslag"]) == ["verworpen"]
    assert list(table["voor"]) == [3] and list(table["tegen"]) == [24]
    chart = at.get("vega_lite_chart")
    assert chart, "no vote chart drawn"
    votes = _chart_rows(chart[0])
    assert sorted((r["fractie"], r["stem"], r["zetels"]) for r in votes) == [
        ("SGP", "Voor", 3),
        ("VVD", "Tegen", 24),
    ]
    # the fixture records two fracties' votes: the page says how much is missing,
    # in the uitslag's line and in the row
    assert any(
        "Uitslag: **verworpen** — 3 voor, 24 tegen (de bron legt de stemmen van 27 van"
        " de 150 zetels vast" in m.value
        for m in at.markdown
    )
    assert list(table["zetels onvolledig"]) == ["ja"]
    assert "27 van de 150 zetels" in table["toelichting"][0]
    assert any("Bij 1 van deze moties" in c.value for c in at.caption)
    assert "verzoekt de regering <b>te herzien</b>." in [t.value for t in at.text][0]
    # the letter that cites the motion in its footnote 5, with the quote
    assert any("doc=2025D33530" in m.value for m in at.markdown)
    assert "“Kamerstukken II vergaderjaar 2021-2022, 19 637, nr. 2798”" in [
        t.value for t in at.text
    ]
    at.selectbox(key="fractie").set_value("VVD").run()
    assert any("0 van 1 moties" in c.value for c in at.caption)
    at.selectbox(key="fractie").set_value("SGP").run()
    assert any("1 van 1 moties" in c.value for c in at.caption)
    at.multiselect(key="uitslag").set_value(["verworpen"]).run()
    assert any("1 van 1 moties" in c.value for c in at.caption)


@pytest.fixture
def store_with_bundled_votes(tmp_path, monkeypatch):
    """kst-32824-462 as bundled: the motion, its zaak record and the agendapunt
    records whose Stemming records cover 106 of the 150 seats of an adopted motion."""
    from graph.load import load_paths
    from graph.settings import BUNDLED_CORPUS

    corpus = BUNDLED_CORPUS
    location = tmp_path / "store"
    store = open_store(location)
    paths = [
        corpus / "kamerstukken" / "kst-32824-462.xml",
        corpus / "tk-odata" / "zaak-motie" / "2025Z16589.json",
        corpus / "tk-odata" / "stemming-per-agendapunt" / "2025P15777.json",
        corpus / "tk-odata" / "stemming-per-agendapunt" / "2025P16606.json",
    ]
    assert load_paths(store, paths).errors == []
    store.close()
    yield from _serve(location, monkeypatch)


def test_app_motions_never_show_aangenomen_beside_a_minority_unexplained(
    store_with_bundled_votes,
):
    at = _page("motions")
    assert not at.exception
    table = at.dataframe[0].value
    row = table[table["id"] == "kst-32824-462"].iloc[0]
    assert (row["uitslag"], row["voor"], row["tegen"]) == ("aangenomen", 41, 65)
    assert row["zetels onvolledig"] == "ja"
    assert "106 van de 150 zetels" in row["toelichting"]
    at.selectbox(key="motie").set_value("kst-32824-462").run()
    [line] = [m.value for m in at.markdown if m.value.startswith("Uitslag:")]
    assert line.startswith("Uitslag: **aangenomen** — 41 voor, 65 tegen (de bron")
    assert "106 van de 150 zetels vast; de uitslag is die van het besluit" in line
    # every row reading "aangenomen" with fewer seats for than against says why
    for _, motion in table.iterrows():
        if motion["uitslag"] == "aangenomen" and motion["voor"] <= motion["tegen"]:
            assert motion["toelichting"], motion["id"]


def _chart_rows(chart) -> list[dict]:
    """The data rows of a drawn Vega-Lite chart (inline or as Arrow datasets)."""
    import json

    import pyarrow as pa

    spec = json.loads(chart.proto.spec)
    rows = list(spec.get("data", {}).get("values", []))
    arrow = [chart.proto.data.data] if chart.proto.HasField("data") else []
    arrow += [dataset.data.data for dataset in chart.proto.datasets]
    for payload in arrow:
        rows += pa.ipc.open_stream(payload).read_all().to_pylist()
    return rows


@pytest.fixture
def store_with_toezeggingen(small_store):
    import streamlit as st

    from graph.load import document_graph
    from tests.graph_fixtures import toezegging_letter

    store = open_store(small_store)
    document, refs = toezegging_letter()
    store.replace_graph(graph_iri(document.id), document_graph(document, refs))
    store.close()
    st.cache_resource.clear()
    st.cache_data.clear()
    return small_store


@pytest.mark.parametrize(
    ("peildatum", "expected"),
    [
        # before the letter of 11 July 2025 that answers it, it is still open
        ("2025-07-10", {"TZ202505-006": "open", "TZ202505-125": "open"}),
        # answered in the letter itself; Q4 2025 not yet over
        ("2025-10-01", {"TZ202505-006": "voldaan", "TZ202505-125": "open"}),
        # after Q4 2025 the unanswered one is overdue
        ("2026-01-01", {"TZ202505-006": "voldaan", "TZ202505-125": "te laat"}),
    ],
)
def test_app_toezeggingen_status_on_a_reference_date(
    store_with_toezeggingen, peildatum, expected
):
    import datetime as dt

    at = _page("toezeggingen")
    at.date_input(key="peildatum").set_value(dt.date.fromisoformat(peildatum)).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert dict(zip(table["id"], table["status"], strict=True)) == expected
    # a date column with empty cells: the dates in Dutch, "—" where there is none
    assert list(table["deadline tot"]) == ["—", "31-12-2025"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        status: str(list(expected.values()).count(status))
        for status in ("open", "te laat", "voldaan")
    }


def test_app_toezeggingen_filter_timeline_and_detail(store_with_toezeggingen):
    import datetime as dt

    at = _page("toezeggingen")
    at.date_input(key="peildatum").set_value(dt.date(2026, 1, 1)).run()
    at.multiselect(key="status").set_value(["te laat"]).run()
    assert list(at.dataframe[0].value["id"]) == ["TZ202505-125"]
    marks = _chart_rows(at.get("vega_lite_chart")[0])
    assert {(m["wat"], m["van"], m["tot"]) for m in marks if "wat" in m} == {
        ("deadline", "2025-10-01", "2025-12-31"),
        ("genoemd in 2025D99999", "2025-07-11", "2025-07-11"),
    }
    assert at.header[0].value == "TZ202505-125"
    assert "Inreisverbod" in at.text[0].value
    assert any("doc=2025D99999" in m.value for m in at.markdown)


def test_app_network_ranks_and_draws(small_store):
    at = _page("network")
    assert not at.exception
    ranked = at.dataframe[0].value
    assert set(ranked["id"]) == {"2025D33530", "BWBR0011825", "kst-19637-2798"}
    assert ranked["geciteerd door"].max() == 1
    parts = at.dataframe[1].value
    assert list(zip(parts["regeling"], parts["onderdeel"], strict=True)) == [
        ("Vreemdelingenbesluit 2000 (Vb)", "artikel 3.71, lid 3")
    ]
    assert list(parts["regeling (id)"]) == ["BWBR0011825"]
    # the filter offers the regelingen by name
    works = at.multiselect(key="works")
    assert works.options == ["Vreemdelingenbesluit 2000 (Vb)"]
    assert at.get("vega_lite_chart"), "no bar chart of the most cited parts"
    drawing = at.get("graphviz_chart")
    assert drawing and "BWBR0011825" in drawing[0].proto.spec
    # one kind: the ranking keeps its nodes; the drawing the edges into them
    vb = ranked[ranked["id"] == "BWBR0011825"]["soort"].iloc[0]
    at.multiselect(key="kinds").set_value([vb]).run()
    assert list(at.dataframe[0].value["id"]) == ["BWBR0011825"]
    spec = at.get("graphviz_chart")[0].proto.spec
    into_vb = [line for line in spec.splitlines() if "->" in line]
    assert [line.split('"')[1] for line in into_vb] == [
        "https://opendata.tweedekamer.nl/id/document/2025D33530"
    ]
    assert all(
        '-> "https://wetten.overheid.nl/BWBR0011825"' in line for line in into_vb
    )


def test_app_trace_draws_hops_with_quotes(small_store):
    at = _page("trace")
    assert not at.exception
    assert at.selectbox(key="doc").value == "2025D33530"
    hops = at.dataframe[0].value
    # the steps by name, the ids beside them
    assert set(hops["naar"]) == {
        "Vreemdelingenbesluit 2000 (Vb)",
        "Kamerstukken 19637, nr. 2798",
    }
    assert set(hops["naar (id)"]) == {"BWBR0011825", "kst-19637-2798"}
    assert "artikel 3.71, derde lid, Vb" in list(hops["citaat"])
    spec = at.get("graphviz_chart")[0].proto.spec
    assert "artikel 3.71" in spec
    # a node is labelled by its name, its id in the tooltip
    vb = next(
        line
        for line in spec.splitlines()
        if line.startswith('"https://wetten.overheid.nl/BWBR0011825" [')
    )
    assert 'label="Vreemdelingenbesluit 2000\\n(Vb)"' in vb, vb
    assert 'tooltip="Vreemdelingenbesluit 2000 (Vb) (BWBR0011825)"' in vb, vb
    downloads = at.get("download_button")
    assert len(downloads) >= 3


@pytest.fixture
def store_with_many_citers(tmp_path, monkeypatch):
    """The seed letter under 28 ids: 28 documents citing the Vb and the motion."""
    location = tmp_path / "store"
    store = open_store(location)
    write_letters(store, tuple(f"2025D{k:05d}" for k in range(28)))
    store.close()
    yield from _serve(location, monkeypatch)


def test_app_trace_says_which_citations_it_left_out(store_with_many_citers):
    """What followed from the Vb: 25 of its 28 citing letters are drawn (most links
    first, then by IRI), and the caption says three were left out."""
    at = AppTest.from_file(str(APP_DIR / "screens" / "trace.py"), default_timeout=60)
    at.query_params["doc"] = "BWBR0011825"
    at.run()
    at.radio(key="dir").set_value("Wat volgde eruit").run()
    assert not at.exception
    hops = at.dataframe[0].value
    assert len(hops) == 25 and set(hops["naar (id)"]) == {"BWBR0011825"}
    assert set(hops["citaat"]) == {"artikel 3.71, derde lid, Vb"}
    assert any(
        "documenten die Vreemdelingenbesluit 2000 \\(Vb\\) citeren: 3" in c.value
        for c in at.caption
    ), [c.value for c in at.caption]


def test_app_console_runs_select_and_refuses_updates(small_store):
    at = _page("console")
    at.text_area(key="sparql").input(
        "SELECT ?id WHERE { ?d wg:documentKind ?k ; dcterms:identifier ?id }"
    ).run()
    at.button(key="run").click().run()
    assert not at.exception and not at.error
    assert list(at.dataframe[0].value["id"]) == ["2025D33530"]
    at.text_area(key="sparql").input("INSERT DATA { <http://a> <http://b> <http://c> }")
    at.button(key="run").click().run()
    assert at.error and "INSERT" in at.error[0].value
    at.text_area(key="sparql").input("<script>alert(1)</script>")
    at.button(key="run").click().run()
    assert at.error and "Geen geldige SPARQL-query" in at.error[0].value
    assert not any("<script>" in m.value for m in at.markdown)


def test_app_console_offers_named_queries(small_store):
    at = _page("console")
    at.selectbox(key="example").set_value("documents").run()
    assert "wg:documentKind" in at.text_area(key="sparql").value
    at.button(key="run").click().run()
    assert list(at.dataframe[0].value["id"]) == ["2025D33530"]


@pytest.fixture
def store_with_zorgtoeslag(tmp_path, monkeypatch):
    """The Wet op de zorgtoeslag (BWB toestand) with its amendment history (BWB WTI)."""

    from graph.load import load_paths

    root = Path(__file__).resolve().parent.parent / "corpus"
    location = tmp_path / "store"
    store = open_store(location)
    summary = load_paths(
        store,
        [
            root / "bwb" / "BWBR0018451_2025-01-01_0.xml",
            root / "bwb-wti" / "BWBR0018451.WTI.xml",
        ],
        workers=1,
    )
    store.close()
    assert not summary.errors
    yield from _serve(location, monkeypatch)


def test_app_documents_articles_show_versions_history_and_citations(
    store_with_zorgtoeslag,
):
    at = _page("documents")
    at.selectbox(key="document").set_value("BWBR0018451").run()
    at.radio(key="view").set_value("Artikelen").run()
    assert not at.exception
    versions = at.dataframe[1].value
    first = versions.iloc[0]
    assert (first["onderdeel"], first["bron"], first["dossier"]) == (
        "Artikel 1",
        "stb-2024-291",
        "36357",
    )
    assert str(first["in werking sinds"])[:10] == "2025-01-01"
    at.selectbox(key="artikel").set_value("Artikel 7").run()
    marks = _chart_rows(at.get("vega_lite_chart")[0])
    assert ("2006-01-01", "stb-2005-369") in {(m["datum"], m["bron"]) for m in marks}
    assert any(
        m.value.startswith("**Verwijzingen naar Artikel 7**") for m in at.markdown
    )


def test_app_documents_articles_view_only_for_a_regeling(small_store):
    at = _page("documents")
    assert at.radio(key="view").options == ["Tekst", "Uitgaand", "Inkomend"]


def test_views_rdf_downloads_serialise_the_graph_when_clicked():
    from rdflib import Graph, Literal, URIRef

    from app.views import rdf_downloads

    class Column:
        def __init__(self):
            self.buttons = []

        def download_button(self, label, data, **options):
            self.buttons.append((label, data, options))

    graph = Graph()
    graph.add(
        (URIRef("https://example.org/a"), URIRef("https://example.org/p"), Literal("x"))
    )
    reads = []
    columns = [Column(), Column()]
    rdf_downloads(columns, "kst-1-1", lambda: reads.append(1) or graph)
    assert not reads  # nothing is read before a click
    (turtle,), (jsonld,) = (c.buttons for c in columns)
    assert (turtle[0], turtle[2]["file_name"]) == ("Graaf (Turtle)", "kst-1-1.ttl")
    assert Graph().parse(data=turtle[1](), format="turtle").isomorphic(graph)
    assert (jsonld[0], jsonld[2]["mime"]) == ("Graaf (JSON-LD)", "application/ld+json")
    assert Graph().parse(data=jsonld[1](), format="json-ld").isomorphic(graph)


@pytest.fixture
def motion_cited_twice(tmp_path, monkeypatch):
    """The motion kst-19637-2798, cited by two letters."""
    location = tmp_path / "store"
    store = open_store(location)
    write_letters(store)
    motion = _motion()
    store.replace_graph(graph_iri(motion.id), build_document_graph(motion))
    store.close()
    yield from _serve(location, monkeypatch)


def test_app_documents_incoming_links_come_a_page_of_citing_documents_at_a_time(
    motion_cited_twice, monkeypatch
):
    import app.views

    at = _page("documents")
    at.selectbox(key="document").set_value("kst-19637-2798").run()
    at.radio(key="view").set_value("Inkomend").run()
    # under the page size: every incoming link at once, no pager
    assert not at.number_input
    assert sorted(at.dataframe[1].value["van"]) == ["2025D00001", "2025D33530"]
    monkeypatch.setattr(app.views, "LINKS_PER_PAGE", 1)
    at.run()
    assert not at.exception
    assert any(c.value.startswith("Documenten 1–1 van 2 ") for c in at.caption)
    first = list(at.dataframe[1].value["van"])
    at.number_input(key="in-page").set_value(2).run()
    assert any(c.value.startswith("Documenten 2–2 van 2 ") for c in at.caption)
    second = list(at.dataframe[1].value["van"])
    assert sorted(first + second) == ["2025D00001", "2025D33530"]


# --- hostile titles and ids render as text -----------------------------------------

HOSTILE_TITLE = (
    "![x](http://127.0.0.1:9/x.png) <img src=http://127.0.0.1:9/y.png> "
    "[a](javascript:alert(1)) :red[kleur] $x$"
)


def _inert(source: str) -> bool:
    """Whether Markdown ``source``, rendered by a CommonMark renderer (raw HTML on, as
    the strictest reading), has no image, no HTML tag of the text's and no link
    outside the explorer's own pages."""
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").render(source)
    links = [h for h in rendered.split('href="')[1:] if not h.startswith("./")]
    return "<img" not in rendered and not links and "127.0.0.1:9" not in "".join(links)


def _markdown_of(at: AppTest) -> list[str]:
    """The source of every Markdown-rendering element on the page."""
    kinds = ("markdown", "header", "subheader", "title", "caption", "error", "warning")
    return [element.value for kind in kinds for element in getattr(at, kind)]


@pytest.mark.parametrize("text", [HOSTILE_TITLE, "<b>x</b> & 'y' # z\n- w"])
def test_app_escape_markdown_leaves_text_inert_and_whole(text):
    from markdown_it import MarkdownIt

    from app.views import escape_markdown, markdown_link

    source = escape_markdown(text)
    assert _inert(source)
    plain = MarkdownIt("commonmark").render(source)
    assert "&lt;img" in plain or "&lt;b&gt;" in plain  # shown, not dropped
    assert _inert(markdown_link("bron", "javascript:alert(1)"))
    assert "(https://example.org/a%28b%29)" in markdown_link(
        "b", "https://example.org/a(b)"
    )


def test_app_documents_hostile_title_renders_inert(tmp_path, monkeypatch):
    from ingest.models import DocumentKind, SourceDocument

    hostile = SourceDocument(
        id="kst-1-1",
        kind=DocumentKind.KAMERSTUK,
        title=HOSTILE_TITLE,
        text="tekst",
        path="x.txt",
    )
    location = tmp_path / "store"
    store = open_store(location)
    store.replace_graph(graph_iri(hostile.id), build_document_graph(hostile))
    store.close()
    list(_serve(location, monkeypatch))  # caches cleared for this store
    at = _page("documents")
    assert not at.exception
    assert any("img src" in h.value for h in at.header), "title not shown"
    assert all(_inert(source) for source in _markdown_of(at))


def test_app_motions_hostile_title_renders_inert(small_store):
    import dataclasses

    import streamlit as st

    store = open_store(small_store)
    motion = _motion()
    zaak = dataclasses.replace(motion.zaken[0], onderwerp=HOSTILE_TITLE)
    motion = dataclasses.replace(motion, title=HOSTILE_TITLE, zaken=(zaak,))
    store.replace_graph(graph_iri(motion.id), build_document_graph(motion))
    store.close()
    st.cache_resource.clear()
    st.cache_data.clear()
    at = _page("motions")
    assert not at.exception
    assert any("img src" in h.value for h in at.header), "title not shown"
    assert all(_inert(source) for source in _markdown_of(at))


def test_app_search_and_console_echo_hostile_input_inert(small_store):
    at = _page("search")
    at.text_input(key="query").input(f"artikel 3.71 Vb {HOSTILE_TITLE}").run()
    assert not at.exception
    assert all(_inert(source) for source in _markdown_of(at))
    at = _page("console")
    at.text_area(key="sparql").input(f"SELECT {HOSTILE_TITLE}")
    at.button(key="run").click().run()
    assert at.error, "no refusal shown"
    assert all(_inert(source) for source in _markdown_of(at))
