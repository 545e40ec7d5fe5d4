"""read_publicatie on the Staatsblad, Staatscourant and Gemeenteblad files in
corpus/publicaties."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lxml import etree

from ingest.errors import SourceError
from ingest.models import DocumentKind, Pinpoint
from ingest.sources.publicaties import looks_like_publicatie, read_publicatie

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
STB = CORPUS / "publicaties" / "stb-2018-84.xml"
STCRT = CORPUS / "publicaties" / "stcrt-2015-47076.xml"
GMB = CORPUS / "publicaties" / "sru_record_gmb-2023-174296.xml"
MOTIE = CORPUS / "kamerstukken" / "kst-29861-126.xml"


# fmt: off
@pytest.mark.parametrize(
    ("path", "doc_id", "soort", "title", "date", "text_start"),
    [
        pytest.param(STB, "stb-2018-84", "staatsblad",
                     "Besluit van 9 maart 2018, houdende vaststelling van de bestanddelen "
                     "van de beeldenaar van de munten van vijf en tien euro die worden "
                     "uitgegeven ter viering van Leeuwarden-Fryslân als culturele "
                     "hoofdstad van Europa", dt.date(2018, 3, 9),
                     "Besluit van 9 maart 2018, houdende", id="stb"),
        pytest.param(STCRT, "stcrt-2015-47076", "staatscourant",
                     "Ter inzage: omgevingsvergunning", None,
                     "Ter inzage: omgevingsvergunning\n•Vennewatersweg 29, 1935 AS, "
                     "Egmond-Binnen - bouw bedrijfswoning.\n", id="stcrt"),
        pytest.param(GMB, "gmb-2023-174296", "gemeenteblad",
                     "Ingekomen melding, Frater Romboutsstraat 42 5571KZ Bergeijk, "
                     "verwijderen van asbest van het dak", dt.date(2023, 4, 20),
                     "Ingekomen melding, Frater Romboutsstraat 42 5571KZ Bergeijk, "
                     "verwijderen van asbest van het dak\nverwijderen van asbest van het "
                     "dak\n", id="gmb-sru"),
    ],
)
# fmt: on
def test_publicatie_metadata_and_text(path, doc_id, soort, title, date, text_start):
    doc = read_publicatie(path)
    assert (doc.id, doc.kind, doc.metadata.soort) == (doc_id, DocumentKind.PUBLICATIE, soort)
    assert (doc.title, doc.date) == (title, date)
    assert doc.text.startswith(text_start)
    assert doc.metadata.official_url.endswith(f"{doc_id}.html") or (
        doc.metadata.official_url == f"https://zoek.officielebekendmakingen.nl/{doc_id}"
    )


def test_publicatie_staatsblad_articles_and_leden():
    doc = read_publicatie(STB)
    parts = [(d.kind, d.number, d.pinpoint) for d in doc.all_divisions()][1:]
    assert parts == [
        ("artikel", "1", Pinpoint(artikel="1")),
        ("lid", "1", Pinpoint(artikel="1", lid="1")),
        ("onderdeel", "a", Pinpoint(artikel="1", lid="1", onderdeel="a")),
        ("onderdeel", "b", Pinpoint(artikel="1", lid="1", onderdeel="b")),
        ("lid", "2", Pinpoint(artikel="1", lid="2")),
        ("lid", "3", Pinpoint(artikel="1", lid="3")),
        ("artikel", "2", Pinpoint(artikel="2")),
        ("artikel", "3", Pinpoint(artikel="3")),
    ]
    lid_2 = doc.all_divisions()[5]
    assert doc.text[lid_2.start : lid_2.end] == (
        "2. De vijf-euromunt heeft een gladde rand en draagt het randschrift "
        "«GOD * ZIJ * MET * ONS»."
    )
    assert ("uitgiftedatum", "2018-03-27") in doc.metadata.extra
    assert "\nM. Snel\n" in doc.text
    for division in doc.all_divisions():
        part = doc.text[division.start : division.end]
        assert part and part.strip() == part


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param(STB, True, id="stb"),
        pytest.param(STCRT, True, id="stcrt"),
        pytest.param(GMB, True, id="sru"),
        pytest.param(MOTIE, False, id="kamerstuk"),
    ],
)
def test_publicatie_sniff_tells_kamerstukken_apart(path, expected):
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(path.read_bytes(), parser)
    assert looks_like_publicatie(root) is expected


def test_publicatie_refuses_a_kamerstuk():
    with pytest.raises(SourceError, match="not an official publication"):
        read_publicatie(MOTIE)


def test_publicatie_without_identifier(tmp_path):
    source = tmp_path / "stb.xml"
    source.write_text(
        "<officiele-publicatie><staatsblad><intitule>Besluit</intitule></staatsblad>"
        "</officiele-publicatie>",
        encoding="utf-8",
    )
    with pytest.raises(SourceError, match="without an identifier"):
        read_publicatie(source)


def test_publicatie_truncated_file_names_the_file(tmp_path):
    broken = tmp_path / "stb-2018-84.xml"
    broken.write_bytes(STB.read_bytes()[:2000])
    with pytest.raises(SourceError) as caught:
        read_publicatie(broken)
    assert str(broken) in str(caught.value) and "broken XML" in str(caught.value)
