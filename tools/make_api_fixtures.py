"""Write the constructed API responses of tests/data/api from the recorded ones.

Where the services' answer to a request the tests need was never recorded, the
tests use a response built here from a recorded response of the same service and
kind: the same elements and namespaces, with the identifiers, dates and counts of
the request changed. Each is named ``constructed-*`` and listed in
tests/data/api/README.md. Run from the repository root:
``python tools/make_api_fixtures.py``.
"""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree

API = Path(__file__).resolve().parent.parent / "tests" / "data" / "api"
CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SRW = "{http://www.loc.gov/zing/srw/}"
SRU2 = "{http://docs.oasis-open.org/ns/search-ws/sruResponse}"
ATOM = "{http://www.w3.org/2005/Atom}"


def _write(path: Path, root: etree._Element) -> None:
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))


def _first(root: etree._Element, localname: str) -> etree._Element:
    return next(
        e
        for e in root.iter()
        if isinstance(e.tag, str) and etree.QName(e).localname == localname
    )


def _set_all(root: etree._Element, localname: str, text: str) -> None:
    for element in root.iter():
        if isinstance(element.tag, str) and etree.QName(element).localname == localname:
            element.text = text


# -- BWB (SRU 1.2 and the repository manifest) -----------------------------------------


def bwb() -> None:
    folder = API / "bwb"
    page1 = etree.parse(folder / "bwb_sru_grondwet_page1_of_11.xml").getroot()
    records = page1.find(f"{SRW}records")
    # Page 2 of the Grondwet search: records 4–11 in the shape of record 3.
    page2 = copy.deepcopy(page1)
    holder = page2.find(f"{SRW}records")
    template = holder[-1]
    for record in list(holder):
        holder.remove(record)
    for position in range(4, 12):
        record = copy.deepcopy(template)
        _set_all(record, "recordPosition", str(position))
        holder.append(record)
    _drop(page2, f"{SRW}nextRecordPosition")
    _write(folder / "constructed-sru-BWBR0001840-page2.xml", page2)
    # One-record searches for the Woo and the Wet op de zorgtoeslag.
    for bwb_id, title, modified in [
        ("BWBR0045754", "Wet open overheid", "2023-04-01"),
        ("BWBR0018451", "Wet op de zorgtoeslag", "2025-01-01"),
    ]:
        page = copy.deepcopy(page1)
        holder = page.find(f"{SRW}records")
        for record in list(holder)[1:]:
            holder.remove(record)
        _set_all(holder, "identifier", bwb_id)
        _set_all(holder, "title", title)
        _set_all(holder, "modified", modified)
        page.find(f"{SRW}numberOfRecords").text = "1"
        _drop(page, f"{SRW}nextRecordPosition")
        _write(folder / f"constructed-sru-{bwb_id}.xml", page)
    # An incremental search that finds nothing changed.
    empty = copy.deepcopy(page1)
    empty.find(f"{SRW}numberOfRecords").text = "0"
    empty.remove(empty.find(f"{SRW}records"))
    _drop(empty, f"{SRW}nextRecordPosition")
    _write(folder / "constructed-sru-empty.xml", empty)
    del records
    # Manifests in the shape of the Woo's, for the toestanden the tests serve.
    woo = etree.parse(folder / "bwb_manifest_BWBR0045754.xml").getroot()
    for bwb_id, label, toestand, wti in [
        ("BWBR0001840", "2018-12-21_0", folder / "BWBR0001840_2018-12-21_0.xml", False),
        (
            "BWBR0018451",
            "2025-01-01_0",
            CORPUS / "bwb" / "BWBR0018451_2025-01-01_0.xml",
            True,
        ),
    ]:
        manifest = copy.deepcopy(woo)
        manifest.set("label", bwb_id)
        item = f"{label}/xml/{bwb_id}_{label}.xml"
        manifest.set("_latestItem", item)
        expressions = manifest.findall("expression")
        for expression in expressions[1:]:
            manifest.remove(expression)
        expression = expressions[0]
        expression.set("label", label)
        day = label.split("_")[0]
        for name in ("datum_inwerkingtreding", "zichtdatum_start"):
            _set_all(expression, name, day)
        _set_all(expression, "einddatum", "9999-12-31")
        _set_all(expression, "tijdstip_toegevoegd", f"{day}T06:00:00+01:00")
        _set_all(expression, "tijdstip_laatste_wijziging", f"{day}T06:00:00+01:00")
        _set_all(expression, "size", str(toestand.stat().st_size))
        _first(expression, "item").set("label", f"{bwb_id}_{label}.xml")
        metadata = manifest.find("metadata")
        if wti:
            _first(metadata, "wti_locatie").text = f"{bwb_id}.WTI"
        else:
            for name in (
                "wti_locatie",
                "tijdstip_wti_toegevoegd",
                "tijdstip_laatste_wijziging_wti",
            ):
                _drop(metadata, name)
        _write(folder / f"constructed-manifest-{bwb_id}.xml", manifest)


def _drop(parent: etree._Element, tag: str) -> None:
    for element in parent.findall(tag):
        parent.remove(element)


# -- Rechtspraak (Atom search feed) ------------------------------------------------------


def rechtspraak() -> None:
    folder = API / "rechtspraak"
    feed = etree.parse(folder / "zoeken_atom_feed_page.xml").getroot()
    template = feed.find(f"{ATOM}entry")
    decisions = [
        (
            "ECLI:NL:RVS:2026:5642",
            "Raad van State",
            "2026-09-02",
            "2026-09-02T10:01:00Z",
        ),
        (
            "ECLI:NL:CBB:2020:1",
            "College van Beroep voor het bedrijfsleven",
            "2020-01-07",
            "2020-01-07T13:16:00Z",
        ),
        (
            "ECLI:NL:PHR:2011:BP5608",
            "Parket bij de Hoge Raad",
            "2011-04-15",
            "2013-04-04T15:46:00Z",
        ),
    ]
    for name, chosen, total in [
        ("constructed-zoeken-from0.xml", decisions[:2], 3),
        ("constructed-zoeken-from2.xml", decisions[2:], 3),
        ("constructed-zoeken-empty.xml", [], 0),
    ]:
        page = copy.deepcopy(feed)
        for entry in page.findall(f"{ATOM}entry"):
            page.remove(entry)
        page.find(f"{ATOM}subtitle").text = f"Aantal gevonden ECLI's: {total}"
        for ecli, court, day, updated in chosen:
            entry = copy.deepcopy(template)
            entry.find(f"{ATOM}id").text = ecli
            y, m, d = day.split("-")
            entry.find(f"{ATOM}title").text = f"{ecli}, {court}, {d}-{m}-{y}"
            entry.find(f"{ATOM}updated").text = updated
            entry.find(f"{ATOM}link").set(
                "href", f"https://uitspraken.rechtspraak.nl/details?id={ecli}"
            )
            page.append(entry)
        _write(folder / name, page)


# -- Officiële bekendmakingen (SRU 2.0) --------------------------------------------------


def koop() -> None:
    folder = API / "koop"
    page = etree.parse(
        folder / "sru2_repository_officielepublicaties_dt.type_AMvB_page1.xml"
    ).getroot()
    for name, publications, total in [
        (
            "constructed-sru-dossier-19637.xml",
            [
                ("kst-19637-3384", "kst/19637", "Kamerstuk", "2025-06-10", True),
                ("kst-19637-9999", "kst/onopgemaakt", "Kamerstuk", "2025-07-01", False),
            ],
            2,
        ),
        (
            "constructed-sru-stcrt-2015-47076.xml",
            [("stcrt-2015-47076", "stcrt/2015", "Staatscourant", "2015-12-29", True)],
            1,
        ),
        ("constructed-sru-empty.xml", [], 0),
    ]:
        result = copy.deepcopy(page)
        records = result.find(f"{SRU2}records")
        template = records[0]
        records.remove(template)
        for position, (identifier, where, publicatie, modified, has_xml) in enumerate(
            publications, 1
        ):
            record = copy.deepcopy(template)
            _set_all(record, "identifier", identifier)
            _set_all(record, "modified", modified)
            _set_all(record, "publicatienaam", publicatie)
            _set_all(record, "recordPosition", str(position))
            for local in ("title", "alternative"):
                _set_all(
                    record, local, f"{publicatie} {identifier} (constructed record)"
                )
            _set_all(
                record,
                "preferredUrl",
                f"https://zoek.officielebekendmakingen.nl/{identifier}.html",
            )
            for element in list(record.iter()):
                if not isinstance(element.tag, str):
                    continue
                local = etree.QName(element).localname
                if local in ("url", "itemUrl") and element.text:
                    manifestation = element.get("manifestation", "xml")
                    if manifestation in ("metadata", "metadataowms") or (
                        manifestation == "xml" and not has_xml
                    ):
                        element.getparent().remove(element)
                        continue
                    suffix = "pdf" if manifestation == "pdf" else "xml"
                    element.text = (
                        "https://repository.overheid.nl/frbr/officielepublicaties/"
                        f"{where}/{identifier}/1/{suffix}/{identifier}.{suffix}"
                    )
            records.append(record)
        if not publications:
            result.remove(records)
        result.find(f"{SRU2}numberOfRecords").text = str(total)
        _drop(result, f"{SRU2}nextRecordPosition")
        _write(folder / name, result)


if __name__ == "__main__":
    bwb()
    rechtspraak()
    koop()
