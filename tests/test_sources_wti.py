"""read_wti on the real BWB WTI file of the Wet op de zorgtoeslag (corpus/bwb-wti), and
the history links the graph builds from it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lxml import etree
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS

from graph.build.document import build_document_graph
from graph.namespaces import ELI, OA, WG
from ingest.errors import SourceError
from ingest.models import DocumentKind, Pinpoint
from ingest.sources import read_source
from ingest.sources.bwb_wti import read_wti

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
WTI = CORPUS / "bwb-wti" / "BWBR0018451.WTI.xml"
JCI = "https://wetten.overheid.nl/jci1.3:c:BWBR0018451"
REGELING = URIRef("https://wetten.overheid.nl/BWBR0018451")
WTI_DOC = URIRef("https://w3id.org/wetgraaf/id/doc/BWBR0018451.WTI")


def _pub(publication_id: str) -> URIRef:
    return URIRef(f"https://zoek.officielebekendmakingen.nl/{publication_id}")


def _artikel(number: str) -> URIRef:
    return URIRef(f"{JCI}&artikel={number}")


@pytest.fixture(scope="module")
def wti():
    return read_wti(WTI)


@pytest.fixture(scope="module")
def wti_graph(wti):
    return build_document_graph(wti)


def test_wti_metadata(wti):
    assert (wti.id, wti.kind) == (
        "BWBR0018451.WTI",
        DocumentKind.WETSTECHNISCHE_INFORMATIE,
    )
    assert wti.title == "Wetstechnische informatie: Wet op de zorgtoeslag"
    assert wti.date == dt.date(2025, 11, 28)
    assert (wti.metadata.bwb_id, wti.metadata.soort) == ("BWBR0018451", "wet")
    assert wti.metadata.official_url == (
        "https://repository.officiele-overheidspublicaties.nl/bwb/BWBR0018451/"
        "BWBR0018451.WTI"
    )
    assert ("afkorting", "Wzt") in wti.metadata.extra
    assert wti.text.startswith("Wetstechnische informatie BWBR0018451 Wet op de zorg")


def test_wti_every_details_element_is_one_change(wti):
    root = etree.parse(str(WTI)).getroot()
    on_regeling = root.xpath("count(wijzigingen/regeling/datum/details)")
    on_parts = root.xpath("count(wijzigingen/regelingelementen//datum/details)")
    assert (on_regeling, on_parts) == (74, 97)
    assert len(wti.wijzigingen) == on_regeling + on_parts
    assert {w.work for w in wti.wijzigingen} == {"BWBR0018451"}


# Rows read off the XML by hand: (label, datum/@waarde, first oorspronkelijke bron) →
# betreft, all bronnen, juncto, inwerkingtreding bronnen, dossier of the first bron.
# fmt: off
CHANGES = [
    pytest.param("", None, "stcrt-2024-33447", "wijziging", ["stcrt-2024-33447"],
                 ["stcrt-2024-37672"], [], None, id="regeling-withdrawn-stcrt"),
    pytest.param("", dt.date(2024, 11, 6), "stb-2024-291", "wijziging",
                 ["stb-2024-291"], [], ["stb-2024-322"], "36357", id="regeling-2024"),
    pytest.param("Artikel 1", None, "stb-2018-356", "wijziging", ["stb-2018-356"],
                 ["stb-2024-291"], [], "34923", id="art1-never-in-force"),
    pytest.param("Artikel 1", dt.date(2025, 1, 1), "stb-2024-291", "wijziging",
                 ["stb-2024-291"], [], ["stb-2024-383"], "36357", id="art1-2025"),
    pytest.param("Artikel 6", dt.date(2006, 1, 1), "stb-2005-369", "nieuwe-regeling",
                 ["stb-2005-369"], [], ["stb-2005-649"], "29762", id="art6-enacted"),
    pytest.param("Artikel 2a", dt.date(2013, 1, 1), "stb-2012-204", "nieuw",
                 ["stb-2012-204"], [], ["stb-2012-383"], "33024", id="art2a-inserted"),
    pytest.param("Artikel 2a", dt.date(2013, 1, 1), "stb-2012-669", "wijziging",
                 ["stb-2012-669"], [], ["stb-2012-669"], "33403", id="art2a-same-date"),
    pytest.param("Artikel 3", dt.date(2024, 11, 6), "stb-2024-291", "vernummering",
                 ["stb-2024-291"], [], ["stb-2024-322"], "36357", id="art3-renumbered"),
]
# fmt: on


def _change(wti, label, in_force, first_source):
    found = [
        w
        for w in wti.wijzigingen
        if (w.label, w.inwerkingtreding) == (label, in_force)
        and w.bronnen
        and w.bronnen[0].id == first_source
    ]
    assert len(found) == 1, (label, in_force, first_source)
    return found[0]


@pytest.mark.parametrize(
    (
        "label",
        "in_force",
        "first",
        "betreft",
        "bronnen",
        "juncto",
        "commencing",
        "dossier",
    ),
    CHANGES,
)
def test_wti_changes(
    wti, label, in_force, first, betreft, bronnen, juncto, commencing, dossier
):
    change = _change(wti, label, in_force, first)
    assert change.betreft == betreft
    assert [p.id for p in change.bronnen] == bronnen
    assert [p.id for p in change.juncto] == juncto
    assert [p.id for p in change.inwerkingtredingsbronnen] == commencing
    assert change.bronnen[0].dossiernummer == dossier
    number = label.removeprefix("Artikel ") if label else None
    assert change.pinpoint == Pinpoint(artikel=number)
    line = wti.text[change.start : change.end]
    assert line.startswith(label or "Regeling")
    assert "\n" not in line
    for publication in (*change.bronnen, *change.juncto):
        assert publication.citation in line


def test_wti_publication_details(wti):
    change = _change(wti, "Artikel 2a", dt.date(2014, 1, 1), "stcrt-2013-35607")
    publication = change.bronnen[0]
    assert (publication.soort, publication.jaar, publication.nummer) == (
        "Stcrt",
        "2013",
        "35607",
    )
    assert publication.citation == "Stcrt. 2013, 35607"
    enacted = _change(wti, "Artikel 6", dt.date(2006, 1, 1), "stb-2005-369").bronnen[0]
    assert (enacted.ondertekening, enacted.publicatiedatum) == (
        dt.date(2005, 6, 16),
        dt.date(2005, 7, 26),
    )


# fmt: off
@pytest.mark.parametrize(
    ("label", "in_force", "first", "voorheen", "vernummerd_tot", "remark"),
    [
        pytest.param("Artikel 3", dt.date(2024, 11, 6), "stb-2024-291", "2a", None,
                     "Voorheen art. 2a.", id="voorheen-2a"),
        pytest.param("Artikel 4a", dt.date(2024, 11, 6), "stb-2024-291", "3", None,
                     "Voorheen art. 3.", id="voorheen-3"),
        pytest.param("Artikel 2a", dt.date(2024, 1, 1), "stcrt-2023-29706", None, "3",
                     "Door Stb. 2024/291 vernummerd tot art. 3.", id="vernummerd-tot-3"),
        pytest.param("Artikel 1", None, "stb-2018-356", None, None,
                     "Deze wijziging treedt niet meer in werking. De wijziging is "
                     "ingetrokken door Stb. 2024/291.", id="remark-only"),
    ],
)
# fmt: on
def test_wti_remarks_and_renumbering(
    wti, label, in_force, first, voorheen, vernummerd_tot, remark
):
    change = _change(wti, label, in_force, first)
    assert change.opmerkingen == (remark,)
    assert (change.voorheen, change.vernummerd_tot) == (voorheen, vernummerd_tot)
    assert wti.text[change.start : change.end].endswith(f"Opmerking: {remark}")


def test_wti_retroactive_effect(wti):
    change = _change(wti, "", dt.date(2014, 7, 16), "stb-2014-259")
    assert change.terugwerkende_kracht == dt.date(2014, 1, 1)
    assert wti.text[change.start : change.end].endswith(
        "Terugwerkende kracht tot en met 2014-01-01 (Artikel 4)."
    )


def test_wti_links_name_what_the_text_names(wti):
    kinds = {"publication": 0, "artikel": 0}
    for link in wti.links:
        assert wti.text[link.start : link.end] == link.text
        if link.target.startswith(("stb-", "stcrt-")):
            assert link.work == link.target
            series, year, number = link.target.split("-")
            assert link.text == f"{series.capitalize()}. {year}, {number}"
            kinds["publication"] += 1
        elif link.pinpoint.artikel:
            assert link.target == f"jci1.3:c:BWBR0018451&artikel={link.pinpoint.artikel}"
            assert link.text.removeprefix("Artikel ").removeprefix("art. ") == (
                link.pinpoint.artikel
            )
            kinds["artikel"] += 1
        else:
            assert (link.text, link.work) == ("BWBR0018451", "BWBR0018451")
    root = etree.parse(str(WTI)).getroot()
    assert kinds["publication"] == root.xpath("count(wijzigingen//bron)")
    assert kinds["artikel"] > 0


# (publication, predicate, target): one shortcut triple per kind of history link.
# fmt: off
@pytest.mark.parametrize(
    ("subject", "predicate", "target"),
    [
        pytest.param(_pub("stb-2024-291"), ELI.amends, _artikel("1"), id="amends"),
        pytest.param(_pub("stb-2024-383"), ELI.commences, _artikel("1"), id="commences"),
        pytest.param(_pub("stb-2005-369"), WG.introduces, _artikel("6"), id="introduces"),
        pytest.param(_pub("stb-2012-204"), WG.introduces, _artikel("2a"), id="inserted"),
        pytest.param(_pub("stcrt-2024-37672"), ELI.changes, REGELING, id="juncto"),
        pytest.param(_pub("stcrt-2024-33447"), ELI.amends, REGELING, id="regeling"),
        pytest.param(_artikel("2a"), WG.renumberedAs, _artikel("3"), id="renumbered-2a"),
        pytest.param(_artikel("3"), WG.renumberedAs, _artikel("4a"), id="renumbered-3"),
    ],
)
# fmt: on
def test_wti_history_triples(wti_graph, subject, predicate, target):
    assert (subject, predicate, target) in wti_graph
    links = [
        link
        for link in wti_graph.subjects(WG.linkSource, subject)
        if (link, WG.linkType, predicate) in wti_graph
        and (link, WG.linkTarget, target) in wti_graph
    ]
    assert links
    for link in links:
        assert (link, WG.method, WG.editorial) in wti_graph
        assert (link, WG.inDocument, WTI_DOC) in wti_graph


def test_wti_history_link_evidence_is_the_line(wti, wti_graph):
    change = _change(wti, "Artikel 1", dt.date(2025, 1, 1), "stb-2024-291")
    line = wti.text[change.start : change.end]
    links = [
        link
        for link in wti_graph.subjects(WG.linkSource, _pub("stb-2024-291"))
        if (link, WG.linkType, ELI.amends) in wti_graph
        and (link, WG.linkTarget, _artikel("1")) in wti_graph
        and (link, WG.inwerkingtreding, Literal(dt.date(2025, 1, 1))) in wti_graph
    ]
    assert len(links) == 1
    exacts = {
        str(exact)
        for selector in wti_graph.objects(links[0], OA.hasSelector)
        for exact in wti_graph.objects(selector, OA.exact)
    }
    starts = {
        int(start)
        for selector in wti_graph.objects(links[0], OA.hasSelector)
        for start in wti_graph.objects(selector, OA.start)
    }
    assert (exacts, starts) == ({line}, {change.start})


def test_wti_change_without_date_has_no_inwerkingtreding(wti, wti_graph):
    # Stb. 2018, 356 amended Artikel 1 twice: one change entered into force on
    # 2019-01-01, the other never did (withdrawn by Stb. 2024, 291).
    dated = _change(wti, "Artikel 1", dt.date(2019, 1, 1), "stb-2018-356")
    undated = _change(wti, "Artikel 1", None, "stb-2018-356")
    in_force = {}
    for link in wti_graph.subjects(WG.linkSource, _pub("stb-2018-356")):
        if (link, WG.linkTarget, _artikel("1")) not in wti_graph:
            continue
        for selector in wti_graph.objects(link, OA.hasSelector):
            for start in wti_graph.objects(selector, OA.start):
                in_force[int(start)] = next(
                    wti_graph.objects(link, WG.inwerkingtreding), None
                )
    assert in_force == {
        dated.start: Literal(dt.date(2019, 1, 1)),
        undated.start: None,
    }


def test_wti_publications_carry_bwb_facts(wti_graph):
    node = _pub("stb-2024-291")
    assert (node, DCTERMS.identifier, Literal("stb-2024-291")) in wti_graph
    assert (node, ELI.date_publication, Literal(dt.date(2024, 10, 18))) in wti_graph
    assert (node, ELI.date_document, Literal(dt.date(2024, 10, 2))) in wti_graph
    assert (node, WG.dossiernummer, Literal("36357")) in wti_graph


def test_wti_dispatch(tmp_path):
    renamed = tmp_path / "history.xml"
    renamed.write_bytes(WTI.read_bytes())
    assert read_source(renamed).kind is DocumentKind.WETSTECHNISCHE_INFORMATIE


# fmt: off
@pytest.mark.parametrize(
    ("content", "problem"),
    [
        pytest.param(b"<wetstechnische-informatie><wijzigingen/>"
                     b"</wetstechnische-informatie>", "without a valid bwb-id",
                     id="no-bwb-id"),
        pytest.param(b"<wetstechnische-informatie bwb-id='BWBR0018451'><wijzigingen>"
                     b"<regeling><datum><details><ontstaansbron>\n<bron type='juncto'>"
                     b"<bekendmaking soort='Stb'/></bron></ontstaansbron></details>"
                     b"</datum></regeling></wijzigingen></wetstechnische-informatie>",
                     "<bekendmaking> at line 2 without a valid urlidentifier",
                     id="no-urlidentifier"),
        pytest.param(b"<wetstechnische-informatie bwb-id='BWBR0018451'><wijzigingen>"
                     b"<regeling><datum><details><ontstaansbron><bron type='juncto'/>"
                     b"</ontstaansbron></details></datum></regeling></wijzigingen>"
                     b"</wetstechnische-informatie>", "<bron> without <bekendmaking>",
                     id="no-bekendmaking"),
    ],
)
# fmt: on
def test_wti_errors_name_file_and_place(tmp_path, content, problem):
    path = tmp_path / "bad.WTI.xml"
    path.write_bytes(content)
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert str(path) in str(caught.value)
    assert problem in str(caught.value)


def test_wti_truncated_file_says_where(tmp_path):
    path = tmp_path / "truncated.WTI.xml"
    data = WTI.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(SourceError, match=r"broken XML at line \d+"):
        read_source(path)


def test_wti_without_history_is_a_document_without_changes(tmp_path):
    path = tmp_path / "empty.WTI.xml"
    path.write_bytes(
        b"<wetstechnische-informatie bwb-id='BWBR0018451'><algemene-informatie>"
        b"<citeertitel>Wet op de zorgtoeslag</citeertitel></algemene-informatie>"
        b"</wetstechnische-informatie>"
    )
    document = read_source(path)
    assert (document.wijzigingen, document.title) == (
        (),
        "Wetstechnische informatie: Wet op de zorgtoeslag",
    )
