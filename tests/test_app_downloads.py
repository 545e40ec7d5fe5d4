"""Every download button of every page gives a file: not empty, with a file name
without URL or slashes; CSV for Excel ``;``-separated with a byte order mark; a large
table written when asked, with progress."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from app.views import csv_bytes, safe_filename
from tests.app_fixtures import ACTIONS, PAGES, dutch_store  # noqa: F401 - fixture

# The pages that show a table as soon as they open (on the others a download needs a
# work or article chosen first).
WITH_TABLES = {"console", "documents", "motions", "network", "search", "toezeggingen"}


@dataclass
class File:
    name: str | None
    data: bytes


@pytest.fixture
def served(monkeypatch) -> dict[str, File]:
    """The files the pages hand to Streamlit's media manager, by URL (deferred ones:
    by their placeholder id, made by calling what the page gave, as a click does)."""
    files: dict[str, File] = {}
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def _bytes(data) -> bytes:
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)

    def record(self, path_or_data, mimetype, coordinates, file_name=None, *a, **k):
        url = add(self, path_or_data, mimetype, coordinates, file_name, *a, **k)
        files[url] = File(file_name, _bytes(path_or_data))
        return url

    def record_deferred(
        self, data_callable, mimetype, coordinates, file_name=None, **k
    ):
        file_id = add_deferred(
            self, data_callable, mimetype, coordinates, file_name, **k
        )
        files[file_id] = File(file_name, _bytes(data_callable()))
        return file_id

    monkeypatch.setattr(MediaFileManager, "add", record)
    monkeypatch.setattr(MediaFileManager, "add_deferred", record_deferred)
    return files


def _downloads(at: AppTest, served: dict[str, File]) -> list[tuple[str, File]]:
    found = []
    for button in at.get("download_button"):
        proto = button.proto
        where = proto.deferred_file_id if proto.deferred_file_id else proto.url
        assert where in served, (proto.label, where)
        found.append((proto.label, served[where]))
    return found


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
@pytest.mark.usefixtures("dutch_store")
def test_app_downloads_every_button_gives_a_file(served, page):
    at = AppTest.from_file(str(page), default_timeout=60)
    at.run()
    if page.stem in ACTIONS:
        ACTIONS[page.stem](at)
    assert not at.exception, [e.value for e in at.exception]
    downloads = _downloads(at, served)
    if page.stem in WITH_TABLES:
        assert downloads, "no download on the page"
    for label, file in downloads:
        assert file.data.strip(), label
        assert file.name and "/" not in file.name and ":" not in file.name, file.name
        if label == "CSV voor Excel":
            assert file.data.startswith(b"\xef\xbb\xbf"), file.name
            header = file.data[3:].decode("utf-8").splitlines()[0]
            assert ";" in header or len(header.split(",")) == 1, header


# fmt: off
@pytest.mark.parametrize(("name", "extension", "expected"), [
    ("moties", "csv", "moties.csv"),
    ("incoming-https://wetten.overheid.nl/jci1.3:c:BWBR0011825&artikel=3.71",
     "csv", "incoming-wetten.overheid.nl-jci1.3-c-BWBR0011825-artikel-3.71.csv"),
    ("ECLI:NL:RVS:2020:2818", "ttl", "ECLI-NL-RVS-2020-2818.ttl"),
    ("besluit één/twee", "csv", "besluit-een-twee.csv"),
    ("///", "csv", "wetgraaf.csv"),
])
# fmt: on
def test_views_safe_filename(name, extension, expected):
    assert safe_filename(name, extension) == expected


ROWS = [
    {"id": "kst-19637-2798", "titel": "Motie van het lid Bisschop; terugkeer", "n": 3},
    {"id": "2025D33530", "titel": "Diverse onderwerpen — ‘migratie’", "n": None},
]


def test_views_csv_for_excel_is_semicolon_separated_with_a_bom():
    plain = csv_bytes(ROWS).decode("utf-8")
    assert plain.splitlines()[0] == "id,titel,n"
    excel = csv_bytes(ROWS, excel=True)
    assert excel.startswith("\ufeff".encode())
    text = excel.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert rows == [
        {"id": "kst-19637-2798", "titel": "Motie van het lid Bisschop; terugkeer", "n": "3"},
        {"id": "2025D33530", "titel": "Diverse onderwerpen — ‘migratie’", "n": ""},
    ]


def _large_table() -> None:
    from app.views import LARGE_TABLE, documents_table

    documents_table(
        [{"id": f"kst-1-{i}", "titel": "Brief"} for i in range(LARGE_TABLE + 1)],
        key="groot",
    )


def test_views_a_large_table_is_written_when_asked(served):
    """Over LARGE_TABLE rows the CSV is not made on every run: a button makes it
    (with a progress bar), then the downloads offer it."""
    at = AppTest.from_function(_large_table, default_timeout=60)
    at.run()
    assert not at.get("download_button")
    at.button(key="make-groot").click().run()
    downloads = dict(_downloads(at, served))
    assert set(downloads) == {"CSV", "CSV voor Excel"}
    lines = downloads["CSV"].data.decode("utf-8").splitlines()
    assert len(lines) == 5_002 and lines[-1] == "kst-1-5000,Brief"
    assert downloads["CSV voor Excel"].name == "groot-excel.csv"
    at.run()  # a later run still offers the file made
    assert len(at.get("download_button")) == 2
