"""read_uitspraak on the open-rechtspraak XML in corpus/rechtspraak."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingest.errors import SourceError
from ingest.models import DocumentKind, Relation
from ingest.sources.rechtspraak import looks_like_uitspraak, read_uitspraak

RECHTSPRAAK = Path(__file__).resolve().parents[1] / "corpus" / "rechtspraak"
ALL = sorted(RECHTSPRAAK.glob("*.xml"))
PSI = "http://psi.rechtspraak.nl/"
REFERENCES = "http://purl.org/dc/terms/references"


def _path(ecli: str) -> Path:
    return RECHTSPRAAK / f"{ecli.replace(':', '.')}.xml"


def _extra(doc, key):
    return [value for name, value in doc.metadata.extra if name == key]


def test_rechtspraak_corpus_is_complete():
    assert len(ALL) == 12


# fmt: off
@pytest.mark.parametrize(
    ("ecli", "soort", "date", "court", "zaaknummer", "rechtsgebied"),
    [
        pytest.param("ECLI:NL:GHAMS:2013:2283", "uitspraak", dt.date(2013, 7, 4),
                     "Gerechtshof Amsterdam", "12/00440 12/00443 12/00444 12/00445",
                     "Bestuursrecht; Belastingrecht", id="ghams"),
        pytest.param("ECLI:NL:RBSGR:2012:BZ0845", "uitspraak", dt.date(2012, 12, 5),
                     "Rechtbank 's-Gravenhage", "12-27643",
                     "Bestuursrecht; Vreemdelingenrecht", id="rbsgr-vreemdelingen"),
        pytest.param("ECLI:NL:PHR:2014:2", "conclusie", dt.date(2014, 1, 16),
                     "Parket bij de Hoge Raad", "13/03330",
                     "Bestuursrecht; Belastingrecht", id="phr-conclusie"),
        pytest.param("ECLI:NL:CRVB:2013:1886", "uitspraak", dt.date(2013, 5, 21),
                     "Centrale Raad van Beroep", "12-2272 WWB-G",
                     "Bestuursrecht; Socialezekerheidsrecht", id="crvb"),
        pytest.param("ECLI:NL:RVS:2015:1780", "uitspraak", dt.date(2015, 5, 28),
                     "Raad van State", "201502374/1/A1 en 201502374/2/A1",
                     "Bestuursrecht", id="rvs"),
    ],
)
# fmt: on
def test_rechtspraak_metadata(ecli, soort, date, court, zaaknummer, rechtsgebied):
    doc = read_uitspraak(_path(ecli))
    assert (doc.id, doc.kind, doc.date) == (ecli, DocumentKind.UITSPRAAK, date)
    assert doc.metadata.soort == soort
    assert _extra(doc, "instantie") == [court]
    assert _extra(doc, "zaaknummer") == [zaaknummer]
    assert _extra(doc, "rechtsgebied") == [rechtsgebied]
    assert doc.metadata.official_url == (
        f"http://deeplink.rechtspraak.nl/uitspraak?id={ecli}"
    )


def test_rechtspraak_title_from_metadata_or_ecli():
    ghams = read_uitspraak(_path("ECLI:NL:GHAMS:2013:2283"))
    assert ghams.title.startswith("ECLI:NL:GHAMS:2013:2283 Gerechtshof Amsterdam")
    # This older file has no second rdf:Description (no title): the ECLI stands in.
    assert read_uitspraak(_path("ECLI:NL:CRVB:2013:1886")).title == (
        "ECLI:NL:CRVB:2013:1886"
    )


# fmt: off
@pytest.mark.parametrize(
    ("ecli", "relations"),
    [
        pytest.param("ECLI:NL:GHAMS:2013:2283", [
            Relation(f"{PSI}hogerBeroep", "ECLI:NL:RBHAA:2012:BX9136",
                     "Eerste aanleg: ECLI:NL:RBHAA:2012:BX9136, Bekrachtiging/bevestiging",
                     (("aanleg", f"{PSI}eerdereAanleg"),
                      ("gevolg", f"{PSI}gevolg#bekrachtiging/bevestiging"))),
            Relation(f"{PSI}cassatie", "ECLI:NL:HR:2014:425",
                     "Cassatie: ECLI:NL:HR:2014:425", (("aanleg", f"{PSI}latereAanleg"),)),
        ], id="ghams"),
        pytest.param("ECLI:NL:PHR:2011:BP5608", [
            Relation(f"{PSI}conclusie", "ECLI:NL:HR:2011:BP5608",
                     "Arrest Hoge Raad: ECLI:NL:HR:2011:BP5608",
                     (("aanleg", f"{PSI}latereAanleg"),)),
        ], id="phr"),
        pytest.param("ECLI:NL:RVS:2015:3394", [], id="none"),
    ],
)
# fmt: on
def test_rechtspraak_formal_relations(ecli, relations):
    doc = read_uitspraak(_path(ecli))
    formal = [r for r in doc.relations if r.type != REFERENCES]
    assert formal == relations


def test_rechtspraak_law_references():
    doc = read_uitspraak(_path("ECLI:NL:RBDHA:2013:15631"))
    laws = [r for r in doc.relations if r.type == REFERENCES]
    assert len(laws) == 7
    assert laws[0] == Relation(
        REFERENCES,
        "1.0:v:BWB:BWBR0002320&artikel=30f&g=2013-07-03",
        "Algemene wet inzake rijksbelastingen 30f",
        (("work", "BWBR0002320"), ("artikel", "30f")),
    )
    awb = [dict(r.qualifiers).get("artikel") for r in laws if "BWBR0005537" in r.target]
    assert awb == ["7:15", "8:75", "8:73"]
    cvdr = [r for r in laws if r.target.startswith("CVDR:")]
    assert [(r.target, r.qualifiers) for r in cvdr] == [("CVDR:267366_1", ())]


# fmt: off
@pytest.mark.parametrize(
    ("ecli", "text_start", "considerations"),
    [
        pytest.param("ECLI:NL:CRVB:2013:1886",
                     "12/2272 WWB-G\nCentrale Raad van Beroep\nMeervoudige kamer\n", 13,
                     id="crvb"),
        pytest.param("ECLI:NL:CBB:2020:1",
                     "uitspraak\nCOLLEGE VAN BEROEP VOOR HET BEDRIJFSLEVEN\n", 240,
                     id="cbb"),
        pytest.param("ECLI:NL:RVS:2015:1780",
                     "201502374/1/A1 en 201502374/2/A1.\nDatum uitspraak: 28 mei 2015\n",
                     0, id="rvs-annotated"),
    ],
)
# fmt: on
def test_rechtspraak_body_text(ecli, text_start, considerations):
    doc = read_uitspraak(_path(ecli))
    assert doc.text.startswith(text_start)
    found = [d for d in doc.all_divisions() if d.kind == "overweging"]
    assert len(found) == considerations


def test_rechtspraak_numbered_consideration_opens_its_line():
    doc = read_uitspraak(_path("ECLI:NL:CRVB:2013:1886"))
    by_number = {d.number: d for d in doc.all_divisions() if d.kind == "overweging"}
    first = by_number["1.1"]
    assert doc.text[first.start : first.end].startswith(
        "1.1. Op 30 maart 2010 is namens betrokkene"
    )
    section = next(d for d in doc.all_divisions() if d.kind == "sectie")
    assert (section.number, section.label) == ("overwegingen", "OVERWEGINGEN")
    assert doc.text[section.start :].startswith("OVERWEGINGEN\n1. De Raad gaat uit")


def test_rechtspraak_inhoudsindicatie_kept_out_of_the_body():
    doc = read_uitspraak(_path("ECLI:NL:CBB:2013:345"))
    summary = _extra(doc, "inhoudsindicatie")
    assert summary == ["Wet vermindering afdracht loonbelasting en premie volksverzeringen"]
    assert not doc.text.startswith(summary[0])
    assert _extra(read_uitspraak(_path("ECLI:NL:CRVB:2013:1886")), "inhoudsindicatie") == []


def test_rechtspraak_footnotes_of_a_conclusie():
    doc = read_uitspraak(_path("ECLI:NL:PHR:2014:2"))
    assert len(doc.footnotes) == 43
    first = doc.footnotes[0]
    assert first.number == "1"
    assert first.text.startswith("HvJ EU 27 november 2008, C-418/07 (Société Papillon)")
    assert doc.text[first.start : first.end] == f"1 {first.text}"
    (marker,) = first.markers
    assert doc.text[:marker].endswith("in de (Franse) zaak Papillon")


@pytest.mark.parametrize("path", ALL, ids=[p.stem for p in ALL])
def test_rechtspraak_spans(path):
    doc = read_uitspraak(path)
    assert doc.id == path.stem.replace(".", ":", 4)
    assert doc.text and "\n\n" not in doc.text
    for division in doc.all_divisions():
        part = doc.text[division.start : division.end]
        assert part and part.strip() == part, division
        for child in division.children:
            assert division.start <= child.start <= child.end <= division.end
    for footnote in doc.footnotes:
        assert all(0 < marker <= footnote.start for marker in footnote.markers)


def test_rechtspraak_truncated_file_names_the_file(tmp_path):
    broken = tmp_path / "ECLI.NL.RVS.2015.3394.xml"
    broken.write_bytes(_path("ECLI:NL:RVS:2015:3394").read_bytes()[:20_000])
    with pytest.raises(SourceError) as caught:
        read_uitspraak(broken)
    assert str(broken) in str(caught.value) and "broken XML" in str(caught.value)


@pytest.mark.parametrize(
    ("xml", "problem"),
    [
        pytest.param("<uitspraak/>", "not open-rechtspraak XML", id="root"),
        pytest.param("<open-rechtspraak/>", "without rdf:Description", id="no-rdf"),
        pytest.param(
            '<open-rechtspraak><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
            'syntax-ns#" xmlns:dcterms="http://purl.org/dc/terms/"><rdf:Description>'
            "<dcterms:identifier>ECLI:NL:RVS:2015:1</dcterms:identifier>"
            "</rdf:Description></rdf:RDF></open-rechtspraak>",
            "without <uitspraak>/<conclusie>",
            id="no-body",
        ),
    ],
)
def test_rechtspraak_refuses_incomplete_files(tmp_path, xml, problem):
    source = tmp_path / "x.xml"
    source.write_text(xml, encoding="utf-8")
    with pytest.raises(SourceError, match=problem):
        read_uitspraak(source)


def test_rechtspraak_sniff():
    assert looks_like_uitspraak("open-rechtspraak")
    assert not looks_like_uitspraak("officiele-publicatie")
