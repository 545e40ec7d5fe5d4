"""read_kamerstuk on the Officiële-publicatie XML motions in corpus/kamerstukken."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingest.errors import SourceError
from ingest.models import DocumentKind
from ingest.sources.kamerstuk import read_kamerstuk

KAMERSTUKKEN = Path(__file__).resolve().parents[1] / "corpus" / "kamerstukken"
ALL = sorted(KAMERSTUKKEN.glob("*.xml"))


def _extra(doc, key):
    return dict(doc.metadata.extra).get(key)


# fmt: off
@pytest.mark.parametrize(
    ("stem", "title", "date", "dossier", "onder", "jaar", "indieners"),
    [
        pytest.param("kst-29861-126", "MOTIE VAN HET LID PATERNOTTE C.S.",
                     dt.date(2024, 9, 10), "29861", "126", "2023-2024",
                     ("Paternotte", "Podt", "Aartsen"), id="29861-126"),
        pytest.param("kst-36600-XX-39", "MOTIE VAN HET LID TEUNISSEN C.S.",
                     dt.date(2024, 11, 7), "36600-XX", "39", "2024-2025",
                     ("Teunissen", "Kostić", "Koekkoek", "Van Nispe", "Piri", "Podt"),
                     id="begrotingshoofdstuk"),
        pytest.param("kst-19637-3187", "MOTIE VAN HET LID PODT",
                     dt.date(2023, 12, 21), "19637", "3187", "2023-2024", ("Podt",),
                     id="single-indiener-without-al-groep"),
        pytest.param("kst-19637-3237", None, None, "19637", "3237", None, ("Keijzer",),
                     id="closing-with-comma"),
        pytest.param("kst-32824-435", None, None, "32824", "435", None,
                     ("Becker", "Flach"), id="closing-with-comma-al-groep"),
        pytest.param("kst-21501-20-2062", None, None, "21501-20", "2062", None, None,
                     id="raadnr"),
        pytest.param("kst-19637-3481", None, None, "19637", "3481", None,
                     ("Van Nispen", "Rajkowski", "Podt", "Ceder", "Piri", "Van Vroonhoven"),
                     id="stray-comma-after-a-name"),
    ],
)
# fmt: on
def test_kamerstuk_fields(stem, title, date, dossier, onder, jaar, indieners):
    doc = read_kamerstuk(KAMERSTUKKEN / f"{stem}.xml")
    assert doc.id == stem
    assert doc.kind is DocumentKind.MOTIE
    assert (doc.metadata.dossiernummer, doc.metadata.ondernummer) == (dossier, onder)
    if title is not None:
        assert doc.title == title
    if date is not None:
        assert doc.date == date
    if jaar is not None:
        assert doc.metadata.vergaderjaar == jaar
    if indieners is not None:
        assert doc.metadata.indieners == indieners
    assert doc.metadata.official_url == (
        f"https://zoek.officielebekendmakingen.nl/{stem}"
    )


def test_kamerstuk_parts_of_a_motion():
    doc = read_kamerstuk(KAMERSTUKKEN / "kst-29861-126.xml")
    assert _extra(doc, "dossiertitel") == "Arbeidsmigratie en sociale zekerheid"
    dictum = _extra(doc, "dictum")
    assert dictum.startswith("verzoekt de regering om te bezien")
    assert dictum.count("verzoekt de regering") == 2
    assert _extra(doc, "overwegingen").startswith("constaterende dat A1-constructies")
    lines = doc.text.splitlines()
    assert "Nr. 126 MOTIE VAN HET LID PATERNOTTE C.S." in lines
    assert lines[-3:] == ["Paternotte", "Podt", "Aartsen"]
    assert "gehoord de beraadslaging," in lines


def test_kamerstuk_dictum_keeps_its_list_items():
    doc = read_kamerstuk(KAMERSTUKKEN / "kst-19637-3334.xml")
    dictum = _extra(doc, "dictum")
    assert dictum.startswith("verzoekt de regering zich maximaal in te spannen om:")
    assert "\n• gezinnen met minderjarige kinderen met voorrang" in dictum
    assert doc.metadata.indieners == ("Boomsma", "Rajkowski")
    assert "overwegende dat kinderen" in _extra(doc, "overwegingen")


def test_kamerstuk_newer_files_keep_their_metadata_record():
    doc = read_kamerstuk(KAMERSTUKKEN / "kst-19637-3405.xml")
    assert _extra(doc, "indiener") == "K.P. Piri"
    assert _extra(doc, "documenttitel").startswith("Motie van het lid Piri")


def test_kamerstuk_all_files_read_with_consistent_fields():
    docs = [read_kamerstuk(path) for path in ALL]
    assert len(docs) == len(ALL) > 250
    for path, doc in zip(ALL, docs, strict=True):
        assert doc.id == path.stem
        assert doc.date is not None
        assert doc.metadata.indieners, doc.id
        assert _extra(doc, "dictum"), doc.id
        assert doc.text.splitlines()[-1].startswith(doc.metadata.indieners[-1])
        assert not any(name.lower().startswith("en gaat") for name in doc.metadata.indieners)
    gewijzigd = [doc for doc in docs if doc.title.startswith("GEWIJZIGDE MOTIE")]
    assert gewijzigd and all(doc.kind is DocumentKind.MOTIE for doc in gewijzigd)


def test_kamerstuk_rejects_other_xml(tmp_path):
    path = tmp_path / "other.xml"
    path.write_text("<officiele-publicatie><staatscourant/></officiele-publicatie>")
    with pytest.raises(SourceError, match="other.xml: .*kamerstuk"):
        read_kamerstuk(path)
