"""The wetgraaf command, subcommand by subcommand, with click's CliRunner."""

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
LETTER = CORPUS / "seeds" / "kamerbrief-2025D33530-diverse-onderwerpen-migratie.txt"
SMALL = [
    LETTER,
    CORPUS / "kamerstukken" / "kst-36410-VI-80.xml",
    CORPUS / "kamerstukken" / "kst-29861-126.xml",
    CORPUS / "tk-odata" / "zaak-motie" / "2024Z02291.json",
]


@pytest.fixture
def runner(monkeypatch):
    monkeypatch.delenv("WETGRAAF_ENDPOINT", raising=False)
    return CliRunner()


@pytest.fixture
def store(runner, tmp_path):
    location = tmp_path / "store"
    result = runner.invoke(cli, ["build", *map(str, SMALL), "--store", str(location)])
    assert result.exit_code == 0, result.output
    return location


def _triples(runner, store) -> int:
    result = runner.invoke(cli, ["stats", "--store", str(store)])
    assert result.exit_code == 0, result.output
    return int(result.output.split("triples:")[1].split()[0])


def test_cli_build_reports_and_is_idempotent(runner, store):
    first = _triples(runner, store)
    again = runner.invoke(cli, ["build", *map(str, SMALL), "--store", str(store)])
    assert again.exit_code == 0, again.output
    assert "documents" in again.output and "errors" in again.output
    assert _triples(runner, store) == first > 0


def test_cli_build_reports_bad_files_and_keeps_going(runner, tmp_path):
    bad = tmp_path / "broken.xml"
    bad.write_text("<officiele-publicatie><kamerstuk>", encoding="utf-8")
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x01\x02binary")
    location = tmp_path / "store"
    result = runner.invoke(
        cli, ["build", str(bad), str(junk), str(LETTER), "--store", str(location)]
    )
    assert result.exit_code == 1, result.output  # refused files: a failed build
    assert "errors" in result.output  # after the summary
    assert "broken.xml: broken XML at line 1" in result.output
    assert "junk.txt: binary content" in result.output
    assert _triples(runner, location) > 0  # the good letter is in


def _store_text(location: Path) -> str:
    from graph.store import open_store

    store = open_store(location, read_only=True)
    try:
        return " ".join(str(quad[2]) for quad in store.quads())
    finally:
        store.close()


def test_cli_build_refuses_symlinks_leaving_the_folder(runner, tmp_path):
    """A .txt link to a file elsewhere and a link to a folder elsewhere are refused,
    each named on one line, and their content never reaches the store; with
    --follow-symlinks they are read (so the refusal is what kept them out)."""
    outside = tmp_path / "elsewhere"
    (outside / "folder").mkdir(parents=True)
    secret = LETTER.read_text(encoding="utf-8") + "\nGEHEIM-A\n"
    (outside / "secret.txt").write_text(secret, encoding="utf-8")
    (outside / "folder" / "kst-1-2.txt").write_text("GEHEIM-B tekst", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / LETTER.name).write_bytes(LETTER.read_bytes())
    (corpus / "passwd.txt").symlink_to(outside / "secret.txt")
    (corpus / "linked").symlink_to(outside / "folder", target_is_directory=True)
    location = tmp_path / "store"
    result = runner.invoke(cli, ["build", str(corpus), "--store", str(location)])
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if "symbolic link" in line]
    assert len(lines) == 2, result.output
    assert any("passwd.txt" in line for line in lines)
    assert any("linked" in line for line in lines)
    text = _store_text(location)
    assert "GEHEIM" not in text and "2025D33530" in text
    followed = tmp_path / "followed"
    result = runner.invoke(
        cli, ["build", str(corpus), "--store", str(followed), "--follow-symlinks"]
    )
    assert "symbolic link" not in result.output
    assert "GEHEIM-B" in _store_text(followed)


def test_iter_source_files_keeps_links_inside_the_folder(tmp_path):
    from ingest.sources import iter_source_files

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "y.txt").symlink_to(tmp_path / "a" / "x.txt")
    (tmp_path / "b").symlink_to(tmp_path / "a", target_is_directory=True)
    refused: list[str] = []
    found = list(iter_source_files([tmp_path], refused=refused))
    assert len(found) == 1 and not refused  # one file, reached three ways


def test_cli_build_refuses_a_document_from_another_file(runner, tmp_path):
    """The letter copied under another folder has the same document id: refused,
    naming both files; the first file rebuilt still replaces its own graph; with
    --replace the other file replaces it."""
    first, second = tmp_path / "a" / LETTER.name, tmp_path / "b" / LETTER.name
    for path in (first, second):
        path.parent.mkdir()
    first.write_bytes(LETTER.read_bytes())
    second.write_text(
        LETTER.read_text(encoding="utf-8") + "\nVERVANGEN\n",
        encoding="utf-8",
    )
    location = tmp_path / "store"
    build = ["build", "--store", str(location)]
    assert runner.invoke(cli, [*build, str(first)]).exit_code == 0
    before = _triples(runner, location)
    result = runner.invoke(cli, [*build, str(second)])
    assert result.exit_code == 1, result.output
    flat = " ".join(result.output.split())
    assert "is already in the store from" in flat
    assert str(first) in result.output and str(second) in result.output
    assert "VERVANGEN" not in _store_text(location)
    assert _triples(runner, location) == before
    again = runner.invoke(cli, [*build, str(first)])
    assert again.exit_code == 0, again.output
    assert _triples(runner, location) == before
    both = runner.invoke(
        cli, ["build", "--store", str(tmp_path / "s2"), str(first), str(second)]
    )
    assert both.exit_code == 1 and "is already in the store from" in " ".join(
        both.output.split()
    )
    replaced = runner.invoke(cli, [*build, str(second), "--replace"])
    assert replaced.exit_code == 0, replaced.output
    assert "VERVANGEN" in _store_text(location)


def test_cli_extract_prints_the_output_contract(runner):
    result = runner.invoke(cli, ["extract", str(LETTER)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    text = LETTER.read_text(encoding="utf-8")
    assert records
    for record in records:
        assert {"start", "end", "text", "kind", "work", "pinpoint", "iri"} <= set(
            record
        )
        assert text[record["start"] : record["end"]] == record["text"]
        assert (record["work"] is None) == ("reason" in record)
    assert {"kind": "commitment", "work": "TZ202505-006"}.items() <= next(
        r for r in records if r["text"] == "TZ202505-006"
    ).items()


def test_cli_extract_rejects_binary_with_one_line(runner, tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\xff\xfe\xfa")
    result = runner.invoke(cli, ["extract", str(junk)])
    assert result.exit_code != 0
    assert "junk.txt: not UTF-8 text" in result.output


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_cli_query_named_with_parameter(runner, store, fmt):
    result = runner.invoke(
        cli,
        [
            "query",
            "linked_documents",
            "-p",
            "doc=https://zoek.officielebekendmakingen.nl/kst-36410-VI-80",
            "--format",
            fmt,
            "--store",
            str(store),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "2025D33530" in result.output


INDEXED = [
    "documents",
    "motions",
    "most_cited",
    "most_cited_parts",
    "citation_network",
    "cited_works",
    "citation_edges",
    "incoming_links",
    "unresolved_references",
    "relation_edges",
    "votes",
]


@pytest.mark.parametrize("name", INDEXED)
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_cli_query_reads_whole_store_exports_from_the_index_as_the_query(
    runner, store, name, fmt
):
    """Unbound, the lists, counts and exports are read from the index and streamed:
    the same text as the query run from its file (SPARQL on the graph)."""
    args = ["--format", fmt, "--store", str(store)]
    read = runner.invoke(cli, ["query", name, *args])
    assert read.exit_code == 0, read.output
    whole_file = CORPUS.parent / "graph" / "queries" / f"{name}.rq"
    whole = runner.invoke(cli, ["query", str(whole_file), *args])
    assert read.stdout == whole.stdout
    if fmt == "json":
        rows = len(json.loads(whole.stdout))
    else:
        rows = len(list(csv.reader(io.StringIO(whole.stdout)))) - 1
    assert f"{rows:,} row" in read.stderr  # (the equivalence test has the rows)


VOTED = [
    # kst-32824-462 (adopted; the bundled Stemming records give 41 voor, 65 tegen),
    # its zaak and the agendapunt records that hold its besluit
    CORPUS / "kamerstukken" / "kst-32824-462.xml",
    CORPUS / "tk-odata" / "zaak-motie" / "2025Z16589.json",
    CORPUS / "tk-odata" / "stemming-per-agendapunt" / "2025P15777.json",
    CORPUS / "tk-odata" / "stemming-per-agendapunt" / "2025P16606.json",
]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_cli_query_motions_has_the_uitslag_and_seats(runner, tmp_path, fmt):
    """``wetgraaf query motions``: the uitslag of the besluit, the recorded seats for
    and against, and that they leave seats out; empty where no decision is recorded.
    Read from the entries, the same text as the query run from its file."""
    location = str(tmp_path / "store")
    paths = [*VOTED, CORPUS / "kamerstukken" / "kst-36410-VI-80.xml"]
    built = runner.invoke(cli, ["build", *map(str, paths), "--store", location])
    assert built.exit_code == 0, built.output
    args = ["--format", fmt, "--store", location]
    read = runner.invoke(cli, ["query", "motions", *args])
    assert read.exit_code == 0, read.output
    query_file = CORPUS.parent / "graph" / "queries" / "motions.rq"
    whole = runner.invoke(cli, ["query", str(query_file), *args])
    assert read.stdout == whole.stdout
    if fmt == "json":
        rows = {row["id"]: row for row in json.loads(read.stdout)}
    else:
        rows = {row["id"]: row for row in csv.DictReader(io.StringIO(read.stdout))}
    outcome = ("uitslag", "zetelsVoor", "zetelsTegen", "zetelsOnvolledig")
    voted = [rows["kst-32824-462"][k] for k in outcome]
    unvoted = [rows["kst-36410-VI-80"][k] for k in outcome]
    if fmt == "json":
        assert voted == ["aangenomen", 41, 65, True]
        assert unvoted == [None] * 4
    else:
        assert voted == ["aangenomen", "41", "65", "True"]
        assert unvoted == [""] * 4


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_cli_query_reads_a_works_incoming_links_from_the_index_as_the_query(
    runner, store, fmt
):
    """Bound to one work, incoming_links is read from the index too: the query's
    text."""
    work = "https://zoek.officielebekendmakingen.nl/kst-36410-VI-80"
    args = ["-p", f"work={work}", "--format", fmt, "--store", str(store)]
    paged = runner.invoke(cli, ["query", "incoming_links", *args])
    assert paged.exit_code == 0, paged.output
    query_file = CORPUS.parent / "graph" / "queries" / "incoming_links.rq"
    whole = runner.invoke(cli, ["query", str(query_file), *args])
    assert paged.stdout == whole.stdout
    assert " row" in paged.stderr  # streamed from the index
    assert "2025D33530" in paged.stdout  # the letter citing it


def test_cli_query_without_an_index_asks_the_graph_and_says_so(runner, tmp_path):
    """A store without its index (built elsewhere, or the file lost): the query runs
    as SPARQL with a warning; ``wetgraaf index`` writes the index again, from which
    the same rows come."""
    location = tmp_path / "store"
    built = runner.invoke(cli, ["build", str(LETTER), "--store", str(location)])
    assert built.exit_code == 0, built.output
    for path in tmp_path.glob("store.index.sqlite*"):
        path.unlink()
    args = ["query", "most_cited", "--format", "csv", "--store", str(location)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "no index" in result.stderr and "wetgraaf index" in result.stderr
    assert len(result.stdout.splitlines()) > 2  # counted by the query itself
    stats = runner.invoke(cli, ["stats", "--store", str(location)])
    assert stats.exit_code == 1 and "wetgraaf index" in stats.output
    indexed = runner.invoke(cli, ["index", "--store", str(location)])
    assert indexed.exit_code == 0, indexed.output
    assert "indexed 1 graphs" in indexed.stderr
    again = runner.invoke(cli, args)
    assert "no index" not in again.stderr
    assert again.stdout == result.stdout


def test_cli_query_list_and_unknown(runner, store):
    listed = runner.invoke(cli, ["query", "--list"])
    assert "outgoing_links" in listed.output
    unknown = runner.invoke(cli, ["query", "nope", "--store", str(store)])
    assert unknown.exit_code != 0 and "no query named 'nope'" in unknown.output


def test_cli_query_rq_file(runner, store, tmp_path):
    query = tmp_path / "count.rq"
    query.write_text(
        "SELECT (COUNT(*) AS ?n) WHERE { ?d wg:documentKind ?k }", encoding="utf-8"
    )
    result = runner.invoke(
        cli, ["query", str(query), "--format", "csv", "--store", str(store)]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["n", "4"]


@pytest.mark.parametrize("fmt", ["ttl", "nq", "trig", "jsonld"])
def test_cli_export_formats_parse_back(runner, store, tmp_path, fmt):
    from rdflib import Dataset

    out = tmp_path / f"export.{fmt}"
    result = runner.invoke(
        cli, ["export", "--format", fmt, "-o", str(out), "--store", str(store)]
    )
    assert result.exit_code == 0, result.output
    parsed = Dataset()
    parsed.parse(
        out,
        format={"ttl": "turtle", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}[
            fmt
        ],
    )
    assert sum(1 for _ in parsed.quads()) > 100


def test_cli_export_to_stdout_with_the_count_on_stderr(runner, store):
    from rdflib import Dataset

    result = runner.invoke(cli, ["export", "--store", str(store)])
    assert result.exit_code == 0, result.output
    parsed = Dataset()
    parsed.parse(data=result.stdout_bytes, format="nquads")
    quads = sum(1 for _ in parsed.quads())
    assert quads > 100
    assert f"exported {quads:,} quads" in result.stderr
    assert "exported" not in result.stdout


def test_cli_export_to_an_unwritable_file_is_a_clear_error(runner, store, tmp_path):
    target = tmp_path / "missing" / "out.nq"
    result = runner.invoke(cli, ["export", "-o", str(target), "--store", str(store)])
    assert result.exit_code != 0
    assert "No such file or directory" in result.output


def test_cli_missing_store_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(cli, ["stats", "--store", str(tmp_path / "none")])
    assert result.exit_code != 0
    assert "run `wetgraaf build` first" in result.output


@pytest.mark.parametrize("headless", [False, True])
def test_cli_app_runs_streamlit_headless_and_opens_the_browser_itself(
    runner, store, monkeypatch, headless
):
    """Streamlit never waits on its first-run e-mail prompt; the browser opens unless
    --headless."""
    import graph.cli_serve

    ran, opened = [], []
    monkeypatch.setattr("subprocess.call", lambda cmd, env: ran.append(cmd) or 0)
    monkeypatch.setattr(graph.cli_serve, "open_when_up", opened.append)
    args = ["app", "--port", "8765", "--store", str(store)]
    result = runner.invoke(cli, args + (["--headless"] if headless else []))
    assert result.exit_code == 0, result.output
    (command,) = ran
    assert command[command.index("--server.headless") + 1] == "true"
    assert command[command.index("--server.port") + 1] == "8765"
    assert opened == ([] if headless else ["http://localhost:8765"])


def test_cli_open_when_up_waits_for_the_health_check(monkeypatch):
    import http.server
    import socket
    import threading

    import graph.cli_serve

    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", opened.append)

    class Health(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200 if self.path == "/_stcore/health" else 404)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    try:
        assert graph.cli_serve.open_when_up(url, timeout=10)
    finally:
        server.shutdown()
    assert opened == [url]
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    assert not graph.cli_serve.open_when_up(closed, timeout=1)
    assert opened == [url]
