"""The tk client against the replayed Gegevensmagazijn: what it asks, the pages and
records it keeps, paging by nextLink, incremental runs, faults, and what the TK OData
reader makes of the cache (Zaak and Toezegging records)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from graph.build.document import build_document_graph
from graph.namespaces import TK, WG
from ingest.errors import SourceError
from ingest.fetch import fetch_source
from ingest.fetch.cache import MANIFEST_NAME, PayloadCache
from ingest.fetch.session import FetchSession
from ingest.fetch.tk import EXPAND_ZAAK, next_link, odata_filter
from ingest.models import DateRange, DocumentKind
from ingest.sources import iter_source_files, read_source
from tests.conftest_fetch import quick_client
from tests.replay import API_DATA, Route

TK_HOST = "gegevensmagazijn.tweedekamer.nl"
KOOP = "repository.overheid.nl"
ZAAK_PATH = "/OData/v4/2.0/Zaak"
DATA = API_DATA / "tk"
CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DOSSIER_SEARCH = {
    "dossiers": ["19637"],
    "from_date": "2023-12-01",
    "to_date": "2024-01-01",
}
TOEZEGGING_SEARCH = {"entity": "Toezegging", "ministerie": "Asiel en Migratie"}
ZAAK_FILTER = "Verwijderd eq false and Nummer eq '2025Z02986'"


def _documents(session: FetchSession) -> dict[str, str]:
    """Cached document name → id the readers give it."""
    return {
        path.name: read_source(path).id
        for path in iter_source_files([session.cache.root])
    }


def _rerun(tmp_path, since: dt.date | None = None) -> FetchSession:
    return FetchSession(
        http=quick_client(), cache=PayloadCache(tmp_path / "cache"), since=since
    )


# -- filters and next links ------------------------------------------------------------

# fmt: off
FILTERS = [
    pytest.param("Zaak", {"nummer": "2025Z02986"}, ZAAK_FILTER, id="zaak-nummer"),
    pytest.param(
        "Zaak", {"dossiers": ["19637", "36600-VI"]},
        "Verwijderd eq false and Soort eq 'Motie' and "
        "(Kamerstukdossier/any(d:d/Nummer eq 19637) or "
        "Kamerstukdossier/any(d:d/Nummer eq 36600 and d/Toevoeging eq 'VI'))",
        id="dossiers-with-toevoeging",
    ),
    pytest.param(
        "Zaak", {"soort": "Amendement", "from_date": "2024-01-01"},
        "Verwijderd eq false and Soort eq 'Amendement' and "
        "GestartOp ge 2024-01-01T00:00:00Z",
        id="soort-and-period",
    ),
    pytest.param(
        "Toezegging", {"ministerie": "Asiel en Migratie", "contains": "IND's",
                       "status": "Openstaand", "to_date": "2025-06-01"},
        "Verwijderd eq false and Ministerie eq 'Asiel en Migratie' and "
        "Status eq 'Openstaand' and contains(Tekst,'IND''s') and "
        "Aanmaakdatum lt 2025-06-01T00:00:00Z",
        id="toezegging-quote-doubled",
    ),
]
# fmt: on


@pytest.mark.parametrize(("entity", "search", "expected"), FILTERS)
def test_tk_odata_filter(entity, search, expected):
    assert odata_filter(entity, search) == expected


@pytest.mark.parametrize(
    "search",
    [{"dossiers": ["19637 VI"]}, {"from_date": "1-1-2024"}],
    ids=["dossier-with-space", "dutch-date"],
)
def test_tk_odata_filter_refuses_bad_values(search):
    with pytest.raises(ValueError):
        odata_filter("Zaak", search)


def test_tk_next_link_is_moved_onto_the_configured_base():
    """The recorded Stemming page's nextLink keeps its path and query, the
    ``$skiptoken`` included; a last page has none."""
    page = json.loads(
        (DATA / "odata_Stemming_page_with_nextLink_skiptoken.json").read_text()
    )
    moved = next_link(page, "http://127.0.0.1:9/gegevensmagazijn.tweedekamer.nl")
    assert moved is not None
    assert moved.startswith(
        "http://127.0.0.1:9/gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Stemming?"
    )
    assert moved.endswith("&$skiptoken=Id-4ad4cb7c-f699-4eeb-8529-00138580abc9")
    last = json.loads((DATA / "constructed-zaak-dossier-19637-page2.json").read_text())
    assert next_link(last, "http://127.0.0.1:9/x") is None


# -- fetching ----------------------------------------------------------------------------


def test_fetch_tk_zaak_keeps_its_record_and_kamerstuk(fetch_session, replay):
    fetch_source(fetch_session, "tk", ["2025Z02986"])
    assert fetch_session.tally.errors == []
    asked = replay.requests_to(TK_HOST, ZAAK_PATH)
    assert [(r.query["$filter"], r.query["$expand"]) for r in asked] == [
        ([ZAAK_FILTER], [EXPAND_ZAAK])
    ]
    assert _documents(fetch_session) == {
        "zaak-2025Z02986.json": "2025Z02986",
        "kst-19637-3384.xml": "kst-19637-3384",
    }
    entries = fetch_session.cache.entries.values()
    record = next(e for e in entries if e.path.endswith("zaak-2025Z02986.json"))
    assert record.key == (
        replay.url(TK_HOST) + "/OData/v4/2.0/Zaak(0006f304-7f6f-45f7-923e-9975c29d77c6)"
    )
    assert record.derived_from.startswith(replay.url(TK_HOST) + ZAAK_PATH + "?")
    recorded = (
        DATA / "odata_Zaak_Motie_2025Z02986_expand_Document_Versie_Publicatie.json"
    )
    kept = fetch_session.cache.read(record)
    assert json.loads(kept) == json.loads(recorded.read_bytes())
    assert sorted(e.path for e in entries if e.role == "listing") == [
        "tk/listings/zaak-2025Z02986-0001.json"
    ]
    kamerstuk = next(e for e in entries if e.path.endswith("kst-19637-3384.xml"))
    assert (
        fetch_session.cache.read(kamerstuk)
        == (DATA / "DocumentPublicatie_Resource_kst-19637-3384.xml").read_bytes()
    )


def test_fetch_tk_follows_the_next_link_and_keeps_every_record(fetch_session, replay):
    fetch_source(fetch_session, "tk", [], [DOSSIER_SEARCH])
    assert fetch_session.tally.errors == []
    pages = replay.requests_to(TK_HOST, ZAAK_PATH)
    assert [r.query.get("$skiptoken") for r in pages] == [
        None,
        ["Id-08a39ce5-080b-40eb-89d6-5e07ba881ddd"],
    ]
    assert all(r.query["$filter"] == pages[0].query["$filter"] for r in pages)
    assert _documents(fetch_session) == {
        "zaak-2023Z20876.json": "2023Z20876",
        "zaak-2023Z20878.json": "2023Z20878",
        "zaak-2023Z20879.json": "2023Z20879",
        "kst-19637-3185.xml": "kst-19637-3185",
        "kst-19637-3187.xml": "kst-19637-3187",
        "kst-19637-3188.xml": "kst-19637-3188",
    }
    assert fetch_session.tally.fetched == {"tk": 6}


def test_fetch_tk_limit_and_kamerstukken_off(fetch_session, replay):
    search = {**DOSSIER_SEARCH, "limit": 1, "kamerstukken": False}
    fetch_source(fetch_session, "tk", [], [search])
    assert _documents(fetch_session) == {"zaak-2023Z20878.json": "2023Z20878"}
    assert replay.requests_to(KOOP) == []


def test_fetch_tk_again_with_since_fetches_nothing_new(fetch_session, replay, tmp_path):
    fetch_source(fetch_session, "tk", ["2025Z02986"], [DOSSIER_SEARCH])
    manifest = (fetch_session.cache.root / MANIFEST_NAME).read_text()
    before = len(replay.log)
    again = _rerun(tmp_path, since=dt.date(2026, 1, 1))
    fetch_source(again, "tk", ["2025Z02986"], [DOSSIER_SEARCH])
    assert again.tally.fetched == {} and again.tally.errors == []
    asked = replay.log[before:]
    assert [r.host for r in asked] == [TK_HOST, TK_HOST]
    assert all(
        r.query["$filter"][0].endswith(" and GewijzigdOp ge 2026-01-01T00:00:00Z")
        for r in asked
    )

    def documents(text: str) -> list[str]:
        return [line for line in text.splitlines() if '"role": "document"' in line]

    after = (fetch_session.cache.root / MANIFEST_NAME).read_text()
    assert after.startswith(manifest)
    assert documents(after) == documents(manifest)
    assert len(documents(manifest)) == 8  # four zaken, their four Kamerstukken


def test_fetch_tk_again_without_since_keeps_nothing_twice(
    fetch_session, replay, tmp_path
):
    fetch_source(fetch_session, "tk", ["2025Z02986"])
    before = len(replay.log)
    again = _rerun(tmp_path)
    fetch_source(again, "tk", ["2025Z02986"])
    # The page is asked again (conditionally: a 304), the record is the same and the
    # Kamerstuk is cached: nothing is fetched, two are unchanged.
    assert again.tally.fetched == {} and again.tally.unchanged == {"tk": 2}
    asked = replay.log[before:]
    assert [r.path for r in asked] == [ZAAK_PATH]
    assert "If-None-Match" in asked[0].headers


def test_fetch_tk_bad_ids_and_entities_are_one_line_each(fetch_session, replay):
    fetch_source(fetch_session, "tk", ["motie-Podt"], [{"entity": "Stemming"}])
    assert fetch_session.tally.errors == [
        "motie-Podt: not a zaak number (2025Z02986) or dossier (36600-VI)",
        "Stemming: entity is Zaak or Toezegging",
    ]
    assert replay.log == []


# -- faults -----------------------------------------------------------------------------

_QUERY = {"$filter": ZAAK_FILTER, "$expand": EXPAND_ZAAK}
HTML_ERROR = (
    "<!DOCTYPE html><html><body><h1>Er is een fout opgetreden</h1></body></html>"
)
# fmt: off
FAULTS = [
    pytest.param({"status": 404, "body": "Not Found", "content_type": "text/plain"},
                 "HTTP 404", id="404"),
    pytest.param({"body": HTML_ERROR, "content_type": "text/html"}, "not JSON", id="html"),
    pytest.param({"file": "tk/constructed-zaak-2025Z02986-page.json", "truncate": 200,
                  "content_type": "application/json"}, "truncated body", id="truncated"),
    pytest.param({"body": "", "content_type": "application/json"}, "empty response",
                 id="empty"),
    pytest.param({"body": '{"error": {"code": "", "message": "An error has occurred."}}',
                  "content_type": "application/json"}, "not an OData page",
                 id="not-a-page"),
    pytest.param({"status": 500, "body": "busy", "content_type": "text/plain"},
                 "HTTP 500", id="500-every-time"),
]
# fmt: on


@pytest.mark.parametrize(("fault", "problem"), FAULTS)
def test_fetch_tk_fault_is_one_line_naming_the_url_and_keeps_nothing(
    fetch_session, replay, fault, problem
):
    replay.add(Route(TK_HOST, ZAAK_PATH, query=_QUERY, **fault))
    fetch_source(fetch_session, "tk", ["2025Z02986"])
    [error] = fetch_session.tally.errors
    assert error.startswith(replay.url(TK_HOST) + ZAAK_PATH + "?%24filter=")
    assert problem in error and "\n" not in error
    kept = [e for e in fetch_session.cache.entries.values() if e.source == "tk"]
    if problem == "not an OData page":
        assert [e.role for e in kept] == ["listing"]  # well-formed JSON, kept as asked
    else:
        assert kept == []


def test_fetch_tk_retries_a_500_then_keeps_the_answer(fetch_session, replay):
    replay.add(
        Route(TK_HOST, ZAAK_PATH, query=_QUERY, status=500, body="busy", times=1)
    )
    fetch_source(fetch_session, "tk", ["2025Z02986"])
    assert fetch_session.tally.errors == []
    assert len(replay.requests_to(TK_HOST, ZAAK_PATH)) == 2
    assert "zaak-2025Z02986.json" in _documents(fetch_session)


def test_fetch_tk_kamerstuk_that_is_an_html_page_is_not_kept(fetch_session, replay):
    path = (
        "/frbr/officielepublicaties/kst/19637/kst-19637-3384/1/xml/kst-19637-3384.xml"
    )
    replay.add(Route(KOOP, path, body=HTML_ERROR, content_type="text/html"))
    fetch_source(fetch_session, "tk", ["2025Z02986"])
    assert fetch_session.tally.errors == [
        f"{replay.url(KOOP)}{path}: an HTML page where XML was expected"
    ]
    assert _documents(fetch_session) == {"zaak-2025Z02986.json": "2025Z02986"}


# -- what the readers make of the cache -------------------------------------------------


def test_fetch_tk_cached_zaak_reads_as_the_bundled_record(fetch_session, replay):
    """A record cut out of a page reads like the same record bundled in the corpus."""
    fetch_source(fetch_session, "tk", [], [{**DOSSIER_SEARCH, "kamerstukken": False}])
    cached = {
        path.stem: read_source(path)
        for path in iter_source_files([fetch_session.cache.root])
    }
    for nummer in ("2023Z20876", "2023Z20878", "2023Z20879"):
        fetched = cached[f"zaak-{nummer}"]
        bundled = read_source(CORPUS / "tk-odata" / "zaak-motie" / f"{nummer}.json")
        assert fetched.kind is DocumentKind.ZAAK
        assert (fetched.id, fetched.title, fetched.text, fetched.zaken) == (
            bundled.id,
            bundled.title,
            bundled.text,
            bundled.zaken,
        )


def test_fetch_tk_toezeggingen_read_as_toezeggingen(fetch_session, replay):
    fetch_source(fetch_session, "tk", [], [TOEZEGGING_SEARCH])
    assert fetch_session.tally.errors == []
    documents = {
        read_source(path).id: read_source(path)
        for path in iter_source_files([fetch_session.cache.root])
    }
    assert sorted(documents) == ["TZ202505-006", "TZ202505-125"]
    # fmt: off
    expected = {
        "TZ202505-006": ("Voldaan", dt.date(2025, 7, 1), ("2025D33530",),
                         dt.date(2025, 5, 15)),
        "TZ202505-125": ("Openstaand", dt.date(2025, 12, 31), (), dt.date(2025, 5, 28)),
    }
    # fmt: on
    for nummer, (status, nakoming, answered, created) in expected.items():
        document = documents[nummer]
        [toezegging] = document.toezeggingen
        assert document.kind is DocumentKind.TOEZEGGING
        assert document.date == created
        assert document.text == toezegging.text + "\n"
        assert (toezegging.id, toezegging.document) == (nummer, nummer)
        assert (toezegging.start, toezegging.end) == (0, len(toezegging.text))
        assert toezegging.tk_status == status
        assert toezegging.deadline == DateRange(nakoming, nakoming)
        assert toezegging.answered_by == answered
        assert toezegging.ministerie == "Asiel en Migratie"
        assert toezegging.bewindspersoon == "D.M. van Weel"
        assert toezegging.functie == "Minister van Asiel en Migratie"


def test_constructed_toezeggingen_have_the_official_fields_and_statuses():
    """The constructed page holds exactly EntityType Toezegging's properties of the
    recorded $metadata, and statuses of tkData-v1-0-toezegging.xsd."""
    metadata = (DATA / "odata_metadata.xml").read_text(encoding="utf-8")
    entity = re.search(r'<EntityType Name="Toezegging">(.*?)</EntityType>', metadata)
    assert entity is not None
    properties = set(re.findall(r'<Property Name="(\w+)"', entity.group(1)))
    schema = (DATA / "tkData-v1-0-toezegging.xsd").read_text(encoding="utf-8")
    statuses = set(re.findall(r'<xs:enumeration value="([^"]+)"/>', schema))
    page = json.loads((DATA / "constructed-toezegging-page.json").read_text())
    assert page["@odata.context"].endswith("/$metadata#Toezegging")
    for record in page["value"]:
        assert set(record) == properties
        assert record["Status"] in statuses


def test_toezegging_record_and_letter_share_the_toezegging_node(fetch_session, replay):
    """The API record adds status, ministerie and DatumNakoming to the same node a
    letter citing TZ202505-006 makes, with the same properties."""
    fetch_source(fetch_session, "tk", [], [TOEZEGGING_SEARCH])
    [path] = [
        p for p in iter_source_files([fetch_session.cache.root]) if "006" in p.name
    ]
    graph = build_document_graph(read_source(path))
    node = URIRef("https://opendata.tweedekamer.nl/id/toezegging/TZ202505-006")
    ministerie = next(graph.objects(node, WG.ministerie))
    assert (node, RDF.type, WG.Toezegging) in graph
    assert (node, TK.Status, Literal("Voldaan")) in graph
    assert (ministerie, RDF.type, WG.Ministerie) in graph
    assert (ministerie, RDFS.label, Literal("Asiel en Migratie")) in graph
    assert (node, WG.deadlineEnd, Literal(dt.date(2025, 7, 1))) in graph
    assert (node, WG.bewindspersoon, Literal("D.M. van Weel")) in graph
    letter = URIRef("https://opendata.tweedekamer.nl/id/document/2025D33530")
    assert (letter, WG.answers, node) in graph
    # The record is the toezegging itself: it is not "mentioned in" itself.
    assert list(graph.objects(node, WG.mentionedIn)) == []
    text = next(graph.objects(node, WG.toezeggingText))
    assert str(text).startswith("Toezeggingen over de voortgang")


def test_fetch_tk_zaak_brings_its_besluiten_with_their_votes(fetch_session, replay):
    """A Zaak as the client expands it (Besluit($expand=Stemming,Agendapunt(…)))
    holds the besluiten about it: each tied to the zaak with no guess, with the votes
    of its stemmingen.
    (The recorded stemmingen are three fracties of the vote: the top 3 recorded.)"""
    fetch_source(fetch_session, "tk", ["2025Z17647"])
    assert fetch_session.tally.errors == []
    [path] = list(iter_source_files([fetch_session.cache.root]))
    document = read_source(path)
    assert (document.id, document.kind) == ("2025Z17647", DocumentKind.ZAAK)
    [besluit] = document.besluiten
    assert (besluit.zaak, besluit.uitslag, besluit.stemmingssoort) == (
        "2025Z17647",
        "aangenomen",
        "Met handopsteken",
    )
    assert [(v.fractie, v.soort, v.zetels) for v in besluit.votes] == [
        ("GroenLinks-PvdA", "Voor", 25),
        ("NSC", "Voor", 19),
        ("SP", "Voor", 5),
    ]
    graph = build_document_graph(document)
    node = next(graph.subjects(RDF.type, WG.Besluit))
    zaak = URIRef("https://opendata.tweedekamer.nl/id/zaak/2025Z17647")
    assert (node, WG.overZaak, zaak) in graph
    assert (node, WG.zetelsVoor, Literal(49, datatype=XSD.integer)) in graph
    # The zaak record names the agendapunt but holds none of its other besluiten or
    # zaken: its number and onderwerp are literals on the besluit, not a node.
    assert list(graph.objects(node, WG.opAgendapunt)) == []
    assert (node, WG.agendapuntNummer, Literal("2025P16945")) in graph
    onderwerp = str(next(graph.objects(node, WG.agendapuntOnderwerp)))
    assert onderwerp.startswith("Hoofdelijke stemming over: aangehouden motie")
    assert list(graph.objects(node, WG.agendapuntDatum)) == []  # Aanvangstijd null
    assert not list(graph.subjects(RDF.type, WG.Agendapunt))
    assert len(list(graph.subjects(WG.besluit, node))) == 3


def _fetched_zaak(**agendapunt: object) -> dict:
    """The record of 2025Z17647 as the client keeps it, its agendapunt changed."""
    page = json.loads((DATA / "constructed-zaak-2025Z17647-page.json").read_text())
    [record] = page["value"]
    [besluit] = record["Besluit"]
    if agendapunt.get("drop"):
        del besluit["Agendapunt"]
    elif agendapunt:
        besluit["Agendapunt"] = (
            None if agendapunt.get("null") else {**besluit["Agendapunt"], **agendapunt}
        )
    return record


ACTIVITEIT = json.loads(
    (DATA / "odata_Activiteit_top3_orderby_Id_desc.json").read_text()
)["data"]["value"][0]
RECORDED_ONDERWERP = (
    "Hoofdelijke stemming over: aangehouden motie ingediend bij het debat over het "
    "pakket aan maatregelen ter bestrijding van antisemitisme"
)
AGENDAPUNT_2024P05555 = (
    "2024P05555",
    "Moties ingediend bij het tweeminutendebat Vreemdelingen- en asielbeleid",
    None,
)

# fmt: off
AGENDAPUNTEN = [
    pytest.param(
        _fetched_zaak(), ("2025Z17647", DocumentKind.ZAAK),
        [("2025P16945", RECORDED_ONDERWERP, None)], id="fetched-zaak-as-recorded",
    ),
    pytest.param(
        # Aanvangstijd (Edm.DateTimeOffset in $metadata) is null in every recorded
        # agendapunt; set, its date is the agendapunt's
        _fetched_zaak(Aanvangstijd="2025-09-30T14:15:00+02:00"),
        ("2025Z17647", DocumentKind.ZAAK),
        [("2025P16945", RECORDED_ONDERWERP, dt.date(2025, 9, 30))],
        id="fetched-zaak-agendapunt-with-aanvangstijd",
    ),
    # Agendapunt($expand=Activiteit): the recorded Activiteit records are not this
    # agendapunt's (none of its sitting is recorded); the first stands in for it, so
    # its day is the vote's date where the agendapunt's Aanvangstijd is null.
    pytest.param(
        _fetched_zaak(Activiteit=ACTIVITEIT), ("2025Z17647", DocumentKind.ZAAK),
        [("2025P16945", RECORDED_ONDERWERP, dt.date(2025, 9, 2))],
        id="activiteit-gives-the-date",
    ),
    pytest.param(
        _fetched_zaak(Activiteit=ACTIVITEIT, Aanvangstijd="2025-09-30T14:15:00+02:00"),
        ("2025Z17647", DocumentKind.ZAAK),
        [("2025P16945", RECORDED_ONDERWERP, dt.date(2025, 9, 30))],
        id="own-aanvangstijd-before-the-activiteit",
    ),
    pytest.param(
        _fetched_zaak(Activiteit=None), ("2025Z17647", DocumentKind.ZAAK),
        [("2025P16945", RECORDED_ONDERWERP, None)], id="activiteit-null",
    ),
    pytest.param(
        _fetched_zaak(Activiteit={**ACTIVITEIT, "Verwijderd": True}),
        ("2025Z17647", DocumentKind.ZAAK),
        [("2025P16945", RECORDED_ONDERWERP, None)], id="activiteit-deleted",
    ),
    pytest.param(
        _fetched_zaak(drop=True), ("2025Z17647", DocumentKind.ZAAK), [None],
        id="fetched-before-the-expansion-no-agendapunt",
    ),
    pytest.param(
        _fetched_zaak(null=True), ("2025Z17647", DocumentKind.ZAAK), [None],
        id="agendapunt-null",
    ),
    pytest.param(
        json.loads(
            (DATA / "odata_Zaak_Motie_2025Z02986_expand_Document_Versie_Publicatie.json")
            .read_text()
        ),
        ("2025Z02986", DocumentKind.ZAAK), [], id="zaak-without-besluiten",
    ),
    pytest.param(
        json.loads(
            (CORPUS / "tk-odata" / "stemming-per-agendapunt" / "2024P05555.json")
            .read_text()
        ),
        ("2024P05555", DocumentKind.AGENDAPUNT), [AGENDAPUNT_2024P05555] * 17,
        id="agendapunt-record-its-own-agendapunt",
    ),
]
# fmt: on


@pytest.mark.parametrize(("record", "document", "expected"), AGENDAPUNTEN)
def test_tk_odata_reader_keeps_each_besluits_agendapunt(
    tmp_path, record, document, expected
):
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    read = read_source(path)
    assert (read.id, read.kind) == document
    assert [
        b.agendapunt
        and (b.agendapunt.nummer, b.agendapunt.onderwerp, b.agendapunt.datum)
        for b in read.besluiten
    ] == expected


def test_tk_odata_reader_refuses_an_agendapunt_of_the_wrong_shape(tmp_path):
    path = tmp_path / "record.json"
    record = _fetched_zaak(Nummer=16945)
    path.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(SourceError, match=r"Besluit\[0\]\.Agendapunt\.Nummer"):
        read_source(path)


def test_tk_besluit_listed_by_two_zaken_is_about_each(tmp_path):
    """A besluit about several zaken is listed in each zaak's record (Zaak(…)?$expand=
    Besluit): it is one besluit, about each of them, with its votes once. (No record
    of such a pair is recorded: the second zaak here is 2025Z17647's record under
    another number and Id.)"""
    first = _fetched_zaak()
    second = {
        **json.loads(json.dumps(first)),
        "Nummer": "2025Z17648",
        "Id": "00000000-0000-0000-0000-000000017648",
    }
    graph = None
    for number, record in (("a", first), ("b", second)):
        path = tmp_path / f"{number}.json"
        path.write_text(json.dumps(record), encoding="utf-8")
        built = build_document_graph(read_source(path))
        graph = built if graph is None else graph + built
    [node] = set(graph.subjects(RDF.type, WG.Besluit))
    assert set(graph.objects(node, WG.overZaak)) == {
        URIRef("https://opendata.tweedekamer.nl/id/zaak/2025Z17647"),
        URIRef("https://opendata.tweedekamer.nl/id/zaak/2025Z17648"),
    }
    assert len(set(graph.subjects(WG.besluit, node))) == 3
    assert (node, WG.zetelsVoor, Literal(49, datatype=XSD.integer)) in graph
