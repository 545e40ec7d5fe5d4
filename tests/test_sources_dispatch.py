"""read_source format sniffing and errors; iter_source_files folder expansion."""

from __future__ import annotations

from pathlib import Path

import pytest

import ingest.sources as sources
from ingest.errors import SourceError
from ingest.models import DocumentKind
from ingest.sources import iter_source_files, read_source

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
VW = CORPUS / "bwb" / "BWBR0011823_2019-02-27_0.xml"
MOTIE = CORPUS / "kamerstukken" / "kst-29861-126.xml"
SEED = CORPUS / "seeds" / "kamerbrief-2025D33530-diverse-onderwerpen-migratie.txt"


# fmt: off
@pytest.mark.parametrize(
    ("path", "doc_id", "kind"),
    [
        pytest.param(VW, "BWBR0011823", DocumentKind.REGELING, id="bwb"),
        pytest.param(MOTIE, "kst-29861-126", DocumentKind.MOTIE, id="kamerstuk"),
        pytest.param(SEED, "2025D33530", DocumentKind.KAMERBRIEF, id="plaintext"),
    ],
)
# fmt: on
def test_dispatch_reads_each_format(path, doc_id, kind):
    doc = read_source(path)
    assert (doc.id, doc.kind) == (doc_id, kind)


def test_dispatch_sniffs_content_not_suffix(tmp_path):
    renamed = tmp_path / "motie.data"
    renamed.write_bytes(MOTIE.read_bytes())
    assert read_source(renamed).id == "kst-29861-126"


# fmt: off
@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        pytest.param("empty.txt", b"", "empty file", id="empty"),
        pytest.param("blank.txt", b"  \n\n", "empty file", id="whitespace-only"),
        pytest.param("nul.txt", b"abc\x00def", "binary content", id="nul-bytes"),
        pytest.param("latin1.txt", "Caf\u00e9".encode("latin-1"), "not UTF-8",
                     id="undecodable"),
        pytest.param("broken.xml", b"<toestand bwb-id='BWBR0011823'><wetgeving></toestand>",
                     "broken XML at line 1, column", id="broken-xml"),
        pytest.param("unknown.xml", b"<?xml version='1.0'?>\n<rss><channel/></rss>",
                     "unknown XML format (root <rss>)", id="unknown-xml"),
        pytest.param("data.csv", b"a,b\n1,2\n", "unknown format", id="unknown-suffix"),
        pytest.param("nobwbid.xml", b"<toestand><wetgeving/></toestand>",
                     "bwb-id", id="bwb-without-id"),
    ],
)
# fmt: on
def test_dispatch_errors_name_the_file(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SourceError) as caught:
        read_source(path)
    message = str(caught.value)
    assert name in message
    assert problem in message
    assert "\n" not in message
    assert caught.value.path == str(path)


def test_dispatch_truncated_bwb_says_line_and_column(tmp_path):
    data = VW.read_bytes()
    path = tmp_path / "truncated.xml"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(SourceError, match=r"truncated\.xml: broken XML at line \d+"):
        read_source(path)


def test_dispatch_refuses_files_over_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_SOURCE_BYTES", 1000)
    path = tmp_path / "huge.txt"
    path.write_text("x" * 1001, encoding="utf-8")
    with pytest.raises(SourceError, match=r"huge\.txt: file too large \(1001 bytes"):
        read_source(path)
    small = tmp_path / "small.txt"
    small.write_text("Een titel\n" + "x" * 900, encoding="utf-8")
    assert read_source(small).title == "Een titel"


def test_dispatch_missing_file(tmp_path):
    with pytest.raises(SourceError, match="missing.txt: cannot read file"):
        read_source(tmp_path / "missing.txt")


def test_iter_source_files_expands_folders_deterministically(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in (
        "b/z.xml",
        "b/a.txt",
        "a/doc.md",
        "a/doc.meta.json",
        "a/README.md",
        "SOURCES.md",
        ".hidden/x.txt",
        "a/.secret.txt",
        "a/picture.png",
    ):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_source_files([tmp_path])]
    assert found == ["a/doc.md", "b/a.txt", "b/z.xml"]
    explicit = tmp_path / "a" / "picture.png"
    assert list(iter_source_files([explicit])) == [explicit]


def test_iter_source_files_on_the_corpus_reads_everything():
    files = list(iter_source_files([CORPUS / "seeds", CORPUS / "bwb"]))
    assert [p.suffix for p in files].count(".txt") == 5
    assert [p.suffix for p in files].count(".xml") == 4
    assert all(not p.name.endswith(".meta.json") for p in files)
    ids = {read_source(p).id for p in files}
    assert {"WBV 2013/23", "BWBR0005537", "kst-36600-XX-62"} <= ids
