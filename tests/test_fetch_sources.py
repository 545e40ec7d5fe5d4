"""The bwb, rechtspraak and koop clients against the replayed official services:
what they ask, what they keep, what an incremental run does, and what the readers
make of the cache."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ingest.fetch import fetch_source, load_preset
from ingest.fetch.cache import MANIFEST_NAME, PayloadCache
from ingest.fetch.session import FetchSession
from ingest.sources import iter_source_files, read_source
from tests.conftest_fetch import quick_client
from tests.replay import Route

BWB_SRU = "zoekservice.overheid.nl"
BWB_REPO = "repository.officiele-overheidspublicaties.nl"
RECHTSPRAAK = "data.rechtspraak.nl"
KOOP = "repository.overheid.nl"


def _documents(session: FetchSession) -> dict[str, str]:
    """Cached document name → id the readers give it."""
    return {
        path.name: read_source(path).id
        for path in iter_source_files([session.cache.root])
    }


def _rerun(tmp_path, since: dt.date | None = None) -> FetchSession:
    """A second run on the same cache (a new process would open it the same way)."""
    cache = PayloadCache(tmp_path / "cache")
    return FetchSession(http=quick_client(), cache=cache, since=since)


# -- bwb -----------------------------------------------------------------------------


def test_fetch_bwb_pages_the_search_and_fetches_every_toestand(fetch_session, replay):
    fetch_source(fetch_session, "bwb", ["BWBR0001840"])
    searches = replay.requests_to(BWB_SRU, "/sru/Search")
    assert [r.query["startRecord"] for r in searches] == [["1"], ["4"]]
    assert searches[0].query["x-connection"] == ["BWB"]
    assert fetch_session.tally.errors == []
    assert _documents(fetch_session) == {"BWBR0001840_2018-12-21_0.xml": "BWBR0001840"}


def test_fetch_bwb_brings_the_wti_and_lists_no_listing_as_document(
    fetch_session, replay
):
    fetch_source(
        fetch_session, "bwb", [], [{"cql": "overheidbwb.titel any zorgtoeslag"}]
    )
    docs = _documents(fetch_session)
    assert sorted(docs) == ["BWBR0018451.WTI.xml", "BWBR0018451_2025-01-01_0.xml"]
    listings = sorted(
        e.path for e in fetch_session.cache.entries.values() if e.role == "listing"
    )
    assert listings == [
        "bwb/listings/BWBR0018451.manifest.xml",
        "bwb/listings/sru-search-1-000001.xml",
    ]


def test_fetch_bwb_asks_for_every_toestand_the_manifest_lists(fetch_session, replay):
    """The Woo's recorded manifest lists four toestanden; the replay has none of
    their XML, so each is one error naming its URL — and the WTI still comes."""
    fetch_source(fetch_session, "bwb", ["BWBR0045754"])
    asked = [r.path for r in replay.requests_to(BWB_REPO) if "/xml/" in r.path]
    assert asked == [
        f"/bwb/BWBR0045754/{label}/xml/BWBR0045754_{label}.xml"
        for label in ("2022-05-01_0", "2022-08-01_0", "2023-02-18_0", "2023-04-01_0")
    ]
    assert len(fetch_session.tally.errors) == 4
    assert all("HTTP 404" in line for line in fetch_session.tally.errors)
    assert _documents(fetch_session) == {"BWBR0045754.WTI.xml": "BWBR0045754.WTI"}


def test_fetch_bwb_again_with_since_fetches_nothing_new(
    fetch_session, replay, tmp_path
):
    fetch_source(fetch_session, "bwb", ["BWBR0018451"])
    assert fetch_session.tally.fetched == {"bwb": 2}
    before = len(replay.log)
    again = _rerun(tmp_path, since=dt.date(2026, 12, 1))
    fetch_source(again, "bwb", ["BWBR0018451"])
    assert again.tally.fetched == {} and again.tally.errors == []
    new = replay.log[before:]
    assert [(r.host, r.query["query"]) for r in new] == [
        (
            BWB_SRU,
            ["(dcterms.identifier==BWBR0018451) and dcterms.modified>=2026-12-01"],
        )
    ]


def test_fetch_bwb_again_without_since_is_idempotent(fetch_session, replay, tmp_path):
    fetch_source(fetch_session, "bwb", ["BWBR0018451"])
    manifest = (fetch_session.cache.root / MANIFEST_NAME).read_text()
    before = len(replay.log)
    again = _rerun(tmp_path)
    fetch_source(again, "bwb", ["BWBR0018451"])
    # The documents are not asked again; the listings are asked conditionally.
    assert again.tally.fetched == {} and again.tally.unchanged == {"bwb": 2}
    asked = replay.log[before:]
    assert [r.path for r in asked] == ["/sru/Search", "/bwb/BWBR0018451/manifest.xml"]
    assert all("If-None-Match" in r.headers for r in asked)
    assert (fetch_session.cache.root / MANIFEST_NAME).read_text().startswith(manifest)


def test_fetch_bwb_sru_diagnostic_and_bad_ids_are_one_line_each(fetch_session, replay):
    fetch_source(fetch_session, "bwb", ["BWBR0000000", "Vreemdelingenwet"])
    errors = fetch_session.tally.errors
    assert len(errors) == 2
    assert "SRU diagnostic: info:srw/diagnostic/1/67" in errors[0]
    assert errors[0].startswith(replay.url(BWB_SRU) + "/sru/Search?")
    assert errors[1] == "Vreemdelingenwet: not a BWB id (BWBR or BWBV and 7 digits)"
    assert fetch_session.cache.entries == {}


def test_fetch_bwb_size_differing_from_the_manifest_is_not_kept(fetch_session, replay):
    path = "/bwb/BWBR0001840/2018-12-21_0/xml/BWBR0001840_2018-12-21_0.xml"
    replay.add(Route(BWB_REPO, path, body=b"<toestand/>"))
    fetch_source(fetch_session, "bwb", ["BWBR0001840"])
    assert fetch_session.tally.errors == [
        f"{replay.url(BWB_REPO)}{path}: 11 bytes where the manifest says 471560"
    ]
    assert _documents(fetch_session) == {}


# -- rechtspraak -----------------------------------------------------------------------

RVS = {"creator": ["http://standaarden.overheid.nl/owms/terms/Raad_van_State"]}


def test_fetch_rechtspraak_pages_the_feed_and_fetches_each_ecli(fetch_session, replay):
    fetch_source(fetch_session, "rechtspraak", [], [RVS])
    feeds = replay.requests_to(RECHTSPRAAK, "/uitspraken/zoeken")
    assert [r.query["from"] for r in feeds] == [["0"], ["2"]]
    assert feeds[0].query["return"] == ["DOC"]
    assert _documents(fetch_session) == {
        "ECLI_NL_RVS_2026_5642.xml": "ECLI:NL:RVS:2026:5642",
        "ECLI_NL_CBB_2020_1.xml": "ECLI:NL:CBB:2020:1",
        "ECLI_NL_PHR_2011_BP5608.xml": "ECLI:NL:PHR:2011:BP5608",
    }


def test_fetch_rechtspraak_filters_are_repeated_parameters(fetch_session, replay):
    search = {
        **RVS,
        "subject": [
            "http://psi.rechtspraak.nl/rechtsgebied#bestuursrecht_vreemdelingenrecht"
        ],
        "from_date": "2024-01-01",
        "to_date": "2024-12-31",
        "type": "Uitspraak",
    }
    fetch_source(fetch_session, "rechtspraak", [], [search])
    query = replay.requests_to(RECHTSPRAAK, "/uitspraken/zoeken")[0].query
    assert query["date"] == ["2024-01-01", "2024-12-31"]
    assert query["subject"] == search["subject"] and query["type"] == ["Uitspraak"]


def test_fetch_rechtspraak_limit_stops_paging(fetch_session, replay):
    """The recorded feed says 47 ECLIs; a limit of 3 asks one page of 3."""
    search = {"subject": ["http://psi.rechtspraak.nl/rechtsgebied#civiel"], "limit": 3}
    fetch_source(fetch_session, "rechtspraak", [], [search])
    feeds = replay.requests_to(RECHTSPRAAK, "/uitspraken/zoeken")
    assert len(feeds) == 1 and feeds[0].query["max"] == ["3"]
    contents = replay.requests_to(RECHTSPRAAK, "/uitspraken/content")
    assert [r.query["id"] for r in contents] == [
        ["ECLI:NL:HR:2024:1244"],
        ["ECLI:NL:HR:2024:1270"],
        ["ECLI:NL:HR:2024:1273"],
    ]
    # Not recorded: three one-line 404s, nothing kept.
    assert len(fetch_session.tally.errors) == 3 and _documents(fetch_session) == {}


def test_fetch_rechtspraak_again_with_since_fetches_nothing_new(
    fetch_session, replay, tmp_path
):
    fetch_source(fetch_session, "rechtspraak", [], [RVS])
    again = _rerun(tmp_path, since=dt.date(2026, 12, 1))
    fetch_source(again, "rechtspraak", [], [RVS])
    assert again.tally.fetched == {} and again.tally.errors == []
    last = replay.log[-1]
    assert last.path == "/uitspraken/zoeken" and last.query["modified"] == [
        "2026-12-01T00:00:00"
    ]


def test_fetch_rechtspraak_resumes_after_a_failed_run(fetch_session, replay, tmp_path):
    """A run that failed half-way (here: a 500 for one ruling) keeps what it had;
    the next run fetches only what is missing."""
    replay.add(
        Route(
            RECHTSPRAAK,
            "/uitspraken/content",
            query={"id": "ECLI:NL:CBB:2020:1"},
            status=500,
            body=b"x",
            times=3,
        )
    )
    fetch_source(fetch_session, "rechtspraak", [], [RVS])
    assert len(fetch_session.tally.errors) == 1 and fetch_session.tally.fetched == {
        "rechtspraak": 2
    }
    again = _rerun(tmp_path)
    fetch_source(again, "rechtspraak", [], [RVS])
    assert again.tally.fetched == {"rechtspraak": 1} and again.tally.unchanged == {
        "rechtspraak": 2
    }
    assert len(_documents(again)) == 3


# -- koop ------------------------------------------------------------------------------


def test_fetch_koop_dossier_fetches_the_xml_or_keeps_the_record(fetch_session, replay):
    fetch_source(fetch_session, "koop", ["19637"])
    sru = replay.requests_to(KOOP, "/sru")[0]
    assert sru.query["query"] == [
        "w.publicatienaam==Kamerstuk AND w.dossiernummer==19637"
    ]
    assert _documents(fetch_session) == {
        "kst-19637-3384.xml": "kst-19637-3384",
        "kst-19637-9999.record.xml": "kst-19637-9999",
    }
    record = fetch_session.cache.entries["sru-record:kst-19637-9999"]
    assert record.derived_from.endswith("/sru") and record.role == "document"


def test_fetch_koop_publication_id_and_incremental(fetch_session, replay, tmp_path):
    fetch_source(fetch_session, "koop", ["stcrt-2015-47076", "19637"])
    assert _documents(fetch_session)["stcrt-2015-47076.xml"] == "stcrt-2015-47076"
    again = _rerun(tmp_path, since=dt.date(2026, 12, 1))
    fetch_source(again, "koop", ["19637"])
    assert again.tally.fetched == {} and again.tally.errors == []


def test_fetch_koop_faults(fetch_session, replay):
    """A diagnostic (the dcterms prefix this service refuses) and an item the
    repository does not have: one line each, the rest goes on."""
    fetch_source(
        fetch_session,
        "koop",
        ["not-an-id"],
        [{"cql": "dcterms.type==AMvB"}, {"cql": "dt.type==AMvB"}, {"type": "AMvB"}],
    )
    errors = fetch_session.tally.errors
    assert (
        errors[0]
        == "not-an-id: neither a publication id (kst-19637-3384) nor a dossier number"
    )
    assert (
        "SRU diagnostic: info:srw/diagnostic/1/10 unknown prefix dcterms" in errors[1]
    )
    assert "stb-2009-601-b1.xml: HTTP 404" in errors[2]
    # The recorded AMvB page says 19,858 records and points at record 2: the
    # client asks for it (not recorded here: a 404, reported).
    pages = [
        r.query["startRecord"]
        for r in replay.requests_to(KOOP, "/sru")
        if r.query["query"] == ["dt.type==AMvB"]
    ]
    assert pages[:2] == [["1"], ["2"]]


# -- the preset ------------------------------------------------------------------------


def test_fetch_preset_migratierecht_names_every_source():
    preset = load_preset("migratierecht")
    assert set(preset.plans) == {"bwb", "eurlex", "rechtspraak", "koop", "tk"}
    assert "BWBR0011823" in preset.plans["bwb"].ids
    assert {"32003L0086", "32004L0038", "32013R0604"} <= set(preset.plans["eurlex"].ids)
    [case_law] = preset.plans["eurlex"].searches
    assert {"32003L0086", "32008L0115", "32013R0604"} <= set(case_law["acts"])
    assert all(plan.ids or plan.searches for plan in preset.plans.values())


def test_fetch_preset_errors(tmp_path):
    from ingest.errors import IngestError

    with pytest.raises(IngestError, match="no preset 'nope'.*migratierecht"):
        load_preset("nope")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"bwb": {"ids": [3]}}))
    with pytest.raises(IngestError, match="'bwb.ids' holds 3"):
        load_preset(str(bad))
    # A misspelt search key would widen the search to everything: refused.
    typo = tmp_path / "typo.json"
    typo.write_text(json.dumps({"eurlex": {"searches": [{"interpreting": ["x"]}]}}))
    with pytest.raises(
        IngestError, match="eurlex search 1 has unknown keys interpreting .known: acts,"
    ):
        load_preset(str(typo))


# -- crash safety ----------------------------------------------------------------------


def test_fetch_resumes_after_kill_9(replay, tmp_path):
    """Kill a fetch mid-run (while it waits for the second ruling): the cache holds
    only complete payloads, and the next run fetches exactly what is missing."""
    import os
    import signal
    import subprocess
    import sys
    import time

    replay.add(
        Route(
            RECHTSPRAAK,
            "/uitspraken/content",
            query={"id": "ECLI:NL:CBB:2020:1"},
            pause=20,
            times=1,
            file="rechtspraak/content_ECLI_NL_CBB_2020_1.xml",
        )
    )
    cache = tmp_path / "cache"
    eclis = ["ECLI:NL:RVS:2026:5642", "ECLI:NL:CBB:2020:1", "ECLI:NL:PHR:2011:BP5608"]
    command = [
        sys.executable,
        "-c",
        "from graph.cli import cli; cli()",
        "fetch",
        "rechtspraak",
        *eclis,
        "--cache",
        str(cache),
        "--interval",
        "0",
    ]
    process = subprocess.Popen(
        command,
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while len(replay.requests_to(RECHTSPRAAK, "/uitspraken/content")) < 2:
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.05)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    killed = PayloadCache(cache)
    assert [e.path for e in killed.entries.values()] == [
        "rechtspraak/documents/ECLI_NL_RVS_2026_5642.xml"
    ]
    with PayloadCache(cache) as reopened:
        again = FetchSession(http=quick_client(), cache=reopened)
        fetch_source(again, "rechtspraak", eclis)
    assert again.tally.fetched == {"rechtspraak": 2} and again.tally.unchanged == {
        "rechtspraak": 1
    }
    assert again.tally.errors == []
    assert len({read_source(p).id for p in iter_source_files([cache])}) == 3


def test_fetch_cache_survives_a_torn_manifest_line(tmp_path):
    with PayloadCache(tmp_path) as cache:
        cache.store(
            key="a",
            url="http://x/a",
            source="s",
            role="document",
            name="a.xml",
            body=b"<a/>",
        )
    manifest = tmp_path / MANIFEST_NAME
    manifest.write_bytes(
        manifest.read_bytes() + b'{"key": "b", "url": "http://x/b", "pa'
    )
    with PayloadCache(tmp_path) as cache:
        assert set(cache.entries) == {"a"}
        cache.store(
            key="c",
            url="http://x/c",
            source="s",
            role="document",
            name="c.xml",
            body=b"<c/>",
        )
    assert set(PayloadCache(tmp_path).entries) == {"a", "c"}
    assert [p.name for p in iter_source_files([tmp_path])] == ["a.xml", "c.xml"]
