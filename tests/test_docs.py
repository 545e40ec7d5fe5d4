"""The README and docs/ stay true: their commands, the CLI and the named queries agree."""

import re
from pathlib import Path

from graph.cli import cli
from graph.sparql import list_queries

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
QUERIES_DOC = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")


def _setup_commands() -> list[str]:
    section = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section, flags=re.S)


def test_docs_readme_has_exactly_two_setup_commands():
    commands = _setup_commands()
    assert len(commands) == 2
    assert commands[0].endswith("wetgraaf app")
    assert "pytest" in commands[1]


def test_docs_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _setup_commands()[1] in ci.splitlines()


def test_docs_every_cli_command_is_in_the_readme():
    for name in cli.commands:
        assert f"wetgraaf {name}" in README, name


def test_docs_every_named_query_is_in_docs_queries():
    for name in list_queries():
        assert f"`{name}`" in QUERIES_DOC, name


def test_docs_every_user_facing_named_query_is_in_the_readme():
    # the main table of docs/queries.md; the helper queries after it are not for users
    table = QUERIES_DOC.split("\n## ", 1)[0]
    names = re.findall(r"^\| `(\w+)` \|", table, flags=re.M)
    assert "documents" in names
    for name in names:
        assert name in list_queries(), name
        assert f"`{name}`" in README, name


def test_docs_every_relative_link_in_readme_and_docs_resolves():
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text):
            if "://" in target:
                continue
            assert (page.parent / target).exists(), f"{page.name}: {target}"


def test_docs_readme_stays_short_and_free_of_figures():
    assert len(README.splitlines()) <= 200
    # timings and sizes belong in bench/RESULTS.md
    assert not re.search(r"\d\s?(ms|MB/s|GB|M triples)\b", README)


def test_docs_every_fetch_endpoint_variable_is_in_the_readme():
    from ingest.fetch.endpoints import ENDPOINTS

    for endpoint in ENDPOINTS.values():
        assert f"`{endpoint.env}`" in README, endpoint.env
