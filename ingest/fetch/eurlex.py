"""Fetch EU acts and CJEU rulings from the Publications Office's Cellar.

Metadata comes from the Cellar SPARQL endpoint (``/webapi/rdf/sparql`` under
``cellar_sparql``: a POST form ``query=…``, answered as Virtuoso SPARQL JSON), one
query per work:

* an act by CELEX (``32008L0115``): its CELEX, title, date and ELI, and every ruling
  that interprets it (``cdm:case-law_interpretes_resource_legal``) with the ruling's
  CELEX, ECLI, title (which carries the parties' names and the case number) and date;
* a ruling by CELEX (``62015CJ0133``) or ECLI (``ECLI:EU:C:2017:354``): the same
  facts seen from the ruling, one row per act it interprets.

The queries are asked in pages (``LIMIT`` :data:`PAGE_SIZE` ``OFFSET`` n, over a total
order): Cellar's Virtuoso cuts an answer off at its result limit without saying so, and
a much-interpreted act has more rulings than one answer holds. The client asks the next
page until one comes back short (fewer rows than the page size, or none). Each page is
kept as a listing (``sparql-act-<CELEX>.json``, then ``…-p2.json``, …) and the whole
answer, when it differs from the cached one, as a document (``<CELEX>.cellar.json``:
the first page's result with every page's rows) that :mod:`ingest.sources.cellar`
reads: every row
becomes a link from the ruling to the act, the row its evidence. So a run asks again
and keeps only what changed. The content of each act and ruling is then fetched by
CELEX from Cellar's content negotiation (``/resource/celex/<CELEX>`` under
``cellar``) as XHTML, in Dutch, or in English when Cellar has no Dutch expression
(HTTP 404): ``<CELEX>.html``, read by the EUR-Lex and CJEU judgment readers. An act
that Cellar has no XHTML of in either language (older acts are often Formex only)
comes as Formex: a SPARQL query lists the items of its ``fmx4`` manifestation
(Dutch, else English; kept as listings), each item is asked for in turn (under
``cellar``, the official item path) until one is the act itself (root ``ACT``; newer
items are ZIP archives of ``*.fmx.xml`` members, the act one of them), and that is
kept as ``<CELEX>.fmx.xml`` for the Formex reader; the document descriptor and the
annexes are not kept. A cached text (either) is not asked for again; with
``--since`` the rulings decided before that date are not fetched either.

Ids: CELEX numbers of acts (``32008L0115``) and rulings (``62015CJ0133``), or ECLIs
of rulings (``ECLI:EU:C:2017:354``).

Searches (preset entries), every key optional but ``acts``::

    {"acts": ["32008L0115", "32003L0086"],  # acts whose interpreting case law to get
     "case_law": true,           # fetch the rulings' texts too (default true)
     "case_law_types": ["CJ"],   # CELEX document types of the rulings to fetch
                                 # (CJ judgment of the Court of Justice, default)
     "from_date": "2015-01-01",  # rulings decided on or after this date
     "content": true,            # fetch the acts' own texts (default true)
     "limit": 200}               # at most this many rulings per act
"""

from __future__ import annotations

import io
import json
import re
import urllib.parse
import zipfile
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from ingest.fetch.endpoints import base_url, rebase_url
from ingest.fetch.http import build_url
from ingest.fetch.session import FetchSession
from ingest.sources._xml import safe_xml_parser

__all__ = [
    "PAGE_SIZE",
    "SEARCH_KEYS",
    "SOURCE",
    "act_query",
    "fetch",
    "formex_query",
    "ruling_query",
]

SOURCE = "eurlex"
#: The keys a search (a preset entry) may have: the module docstring says each.
SEARCH_KEYS = frozenset(
    {"acts", "case_law", "case_law_types", "from_date", "content", "limit"}
)
SPARQL_PATH = "/webapi/rdf/sparql"
#: Rows asked for per SPARQL request: well under the result limit of Cellar's endpoint.
PAGE_SIZE = 1000
#: Pages asked for at most per query, so that a server ignoring OFFSET (answering the
#: same full page each time) cannot keep the client asking.
MAX_PAGES = 100
CELEX = re.compile(r"^[0-9]\d{4}[A-Z]{1,2}\d{4}$")
ECLI_EU = re.compile(r"^ECLI:EU:[CTF]:\d{4}:\d{1,6}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Titles in English: the language of the bundled CJEU judgments and EUR-Lex case
#: lists, so that the case names in the titles match theirs.
TITLE_LANGUAGE = "http://publications.europa.eu/resource/authority/language/ENG"
SPARQL_HEADERS = {
    "Accept": "application/sparql-results+json",
    "Content-Type": "application/x-www-form-urlencoded",
}
CONTENT_ACCEPT = "application/xhtml+xml, text/html;q=0.9"
CONTENT_LANGUAGES = ("nl", "en")
#: Cellar's language authority codes of the Formex expressions asked for, in turn.
FORMEX_LANGUAGES = ("NLD", "ENG")
#: A ZIP member larger than this is not read (a Formex act is a few MB at most).
MAX_FORMEX_MEMBER = 50_000_000

_PREFIXES = (
    "PREFIX cdm: <http://publications.europa.eu/ontology/cdm#>\n"
    "PREFIX owl: <http://www.w3.org/2002/07/owl#>\n"
)
_RULING_FACTS = (
    "  OPTIONAL { ?ruling cdm:case-law_ecli ?rulingEcli }\n"
    "  OPTIONAL { ?ruling cdm:work_date_document ?rulingDate }\n"
    "  OPTIONAL { ?rulingExpr cdm:expression_belongs_to_work ?ruling ;\n"
    f"    cdm:expression_uses_language <{TITLE_LANGUAGE}> ;\n"
    "    cdm:expression_title ?rulingTitle }\n"
)
_ACT_FACTS = (
    "  OPTIONAL { ?act cdm:work_date_document ?actDate }\n"
    "  OPTIONAL { ?act cdm:resource_legal_eli ?actEli }\n"
    "  OPTIONAL { ?actExpr cdm:expression_belongs_to_work ?act ;\n"
    f"    cdm:expression_uses_language <{TITLE_LANGUAGE}> ;\n"
    "    cdm:expression_title ?actTitle }\n"
)


def act_query(celex: str, page: int = 1, page_size: int | None = None) -> str:
    """The SPARQL query for an act and the rulings that interpret it (the variables,
    first ``actCelex``, are what :mod:`ingest.sources.cellar` reads): page ``page``
    of ``page_size`` rows (default :data:`PAGE_SIZE`)."""
    return (
        _PREFIXES + "SELECT DISTINCT ?actCelex ?actTitle ?actDate ?actEli"
        " ?rulingCelex ?rulingEcli ?rulingTitle ?rulingDate WHERE {\n"
        f"  ?act owl:sameAs <http://publications.europa.eu/resource/celex/{celex}> ;\n"
        "    cdm:resource_legal_id_celex ?actCelex .\n" + _ACT_FACTS + "  OPTIONAL {\n"
        "  ?ruling cdm:case-law_interpretes_resource_legal ?act ;\n"
        "    cdm:resource_legal_id_celex ?rulingCelex .\n"
        + _RULING_FACTS
        + "  }\n}\nORDER BY ?rulingDate ?rulingCelex ?rulingEcli ?rulingTitle ?actTitle"
        " ?actDate ?actEli" + _page(page, page_size)
    )


def ruling_query(
    celex_or_ecli: str, page: int = 1, page_size: int | None = None
) -> str:
    """The SPARQL query for a ruling (by CELEX or ECLI) and the acts it interprets
    (variables first ``rulingCelex``), page ``page`` of ``page_size`` rows."""
    if celex_or_ecli.startswith("ECLI:"):
        iri = "http://publications.europa.eu/resource/ecli/" + urllib.parse.quote(
            celex_or_ecli, safe=""
        )
    else:
        iri = f"http://publications.europa.eu/resource/celex/{celex_or_ecli}"
    return (
        _PREFIXES + "SELECT DISTINCT ?rulingCelex ?rulingEcli ?rulingTitle ?rulingDate"
        " ?actCelex ?actTitle ?actDate ?actEli WHERE {\n"
        f"  ?ruling owl:sameAs <{iri}> ;\n"
        "    cdm:resource_legal_id_celex ?rulingCelex .\n"
        + _RULING_FACTS
        + "  OPTIONAL {\n"
        "  ?ruling cdm:case-law_interpretes_resource_legal ?act .\n"
        "  ?act cdm:resource_legal_id_celex ?actCelex .\n"
        + _ACT_FACTS
        + "  }\n}\nORDER BY ?actCelex ?actTitle ?actDate ?actEli ?rulingEcli"
        " ?rulingTitle ?rulingDate" + _page(page, page_size)
    )


def formex_query(celex: str, language: str) -> str:
    """The SPARQL query for the items of a work's Formex (``fmx4``) manifestation in
    ``language`` (``NLD``, ``ENG``): the variables of the recorded answer
    (``cellarURIs``, the item; ``manif``; ``format``; ``expr``), items in order."""
    return (
        _PREFIXES + "SELECT ?cellarURIs ?manif ?format ?expr WHERE {\n"
        f"  ?work owl:sameAs <http://publications.europa.eu/resource/celex/{celex}> .\n"
        "  ?expr cdm:expression_belongs_to_work ?work ;\n"
        "    cdm:expression_uses_language"
        f" <http://publications.europa.eu/resource/authority/language/{language}> .\n"
        "  ?manif cdm:manifestation_manifests_expression ?expr ;\n"
        "    cdm:manifestation_type ?format .\n"
        "  ?cellarURIs cdm:item_belongs_to_manifestation ?manif .\n"
        '  FILTER(str(?format) = "fmx4")\n'
        "}\nORDER BY ?cellarURIs"
    )


def _page(page: int, page_size: int | None) -> str:
    """LIMIT and OFFSET of one page; the ORDER BY before it names every variable, so
    that the pages follow one order and share no row."""
    size = page_size or PAGE_SIZE
    return f"\nLIMIT {size} OFFSET {(page - 1) * size}"


def fetch(
    session: FetchSession, ids: Sequence[str], searches: Sequence[Mapping[str, Any]]
) -> None:
    """Fetch the works named by ``ids`` and the case law ``searches`` ask for."""
    texts: dict[str, None] = {}  # CELEX numbers whose text to fetch, in order
    searched = {
        str(act).strip().upper() for search in searches for act in _acts(search)
    }
    for given in ids:
        value = given.strip().upper()
        if value in searched:
            continue  # a search asks for it, with its case law
        if ECLI_EU.match(value) or (CELEX.match(value) and value.startswith("6")):
            rows = _record(session, value, partial(ruling_query, value), "ruling")
            texts.update(dict.fromkeys(_celexes(rows, "rulingCelex")))
        elif CELEX.match(value):
            if _record(session, value, partial(act_query, value), "act") is not None:
                texts[value] = None
        else:
            session.fail(
                SOURCE, given, "not a CELEX number (32008L0115) or ECLI (ECLI:EU:C:…)"
            )
    for search in searches:
        texts.update(dict.fromkeys(_search(session, search)))
    session.on_total(SOURCE, len(texts))
    for celex in texts:
        _content(session, celex)


def _search(session: FetchSession, search: Mapping[str, Any]) -> list[str]:
    """The acts of one search and the rulings interpreting them that it wants."""
    acts = _acts(search)
    types = tuple(search.get("case_law_types") or ("CJ",))
    from_date = str(search.get("from_date") or "")
    if from_date and not _DATE.match(from_date):
        session.fail(SOURCE, from_date, "from_date is a date (YYYY-MM-DD)")
        return []
    if session.since is not None:
        from_date = max(from_date, session.since.isoformat())
    limit = int(search.get("limit") or 0)
    wanted: list[str] = []
    for act in acts:
        celex = str(act).strip().upper()
        if not CELEX.match(celex) or celex.startswith("6"):
            session.fail(SOURCE, str(act), "not the CELEX number of an act")
            continue
        rows = _record(session, celex, partial(act_query, celex), "act")
        if rows is None:
            continue
        if search.get("content", True) is not False:
            wanted.append(celex)
        if search.get("case_law", True) is False:
            continue
        rulings = [
            row
            for row in rows
            if _value(row, "rulingCelex")[5:7] in types
            and _value(row, "rulingDate")[:10] >= from_date
        ]
        chosen = _celexes(rulings, "rulingCelex")
        wanted.extend(chosen[:limit] if limit else chosen)
    return wanted


def _acts(search: Mapping[str, Any]) -> list[Any]:
    acts = search.get("acts") or []
    return [acts] if isinstance(acts, str) else list(acts)


def _record(
    session: FetchSession,
    work: str,
    query: Callable[..., str],
    kind: str,
) -> list[Mapping[str, Any]] | None:
    """Ask Cellar's SPARQL endpoint about one work, page by page (``query(page,
    page_size)``) until a page comes back short; keep each page (a listing) and the
    whole answer (a document, when it changed); its rows, or None when it failed."""
    url = build_url(base_url("cellar_sparql"), SPARQL_PATH)
    slug = re.sub(r"[^A-Za-z0-9]+", "_", work).strip("_")
    size = PAGE_SIZE
    pages: list[bytes] = []
    answers: list[dict[str, Any]] = []
    rows: list[Mapping[str, Any]] = []
    for page in range(1, MAX_PAGES + 1):
        form = urllib.parse.urlencode({"query": query(page, size)}).encode("ascii")
        body = session.listing(
            SOURCE,
            url,
            f"sparql-{kind}-{slug}.json"
            if page == 1
            else f"sparql-{kind}-{slug}-p{page}.json",
            expect="json",
            headers=dict(SPARQL_HEADERS),
            data=form,
        )
        if body is None:
            return None
        answer = json.loads(body)
        found = _bindings(answer)
        if found is None:
            session.fail(
                SOURCE, url, f"not a SPARQL JSON result (query for {work}, page {page})"
            )
            return None
        pages.append(body)
        answers.append(answer)
        rows.extend(found)
        if len(found) < size:
            break
    else:
        session.fail(
            SOURCE, url, f"more than {MAX_PAGES} pages of {size} rows for {work}"
        )
        return None
    if not rows:
        session.fail(SOURCE, url, f"Cellar knows no work {work}")
        return None
    first = "actCelex" if kind == "act" else "rulingCelex"
    celex = _value(rows[0], first) or slug
    session.derived(
        SOURCE,
        f"{celex}.cellar.json",
        pages[0] if len(pages) == 1 else _merged(answers[0], rows),
        key=f"POST {url} {kind} {work}",
        from_url=url,
        content_type="application/sparql-results+json",
    )
    session.on_item(SOURCE, work)
    return rows


def _merged(first: Mapping[str, Any], rows: list[Mapping[str, Any]]) -> bytes:
    """One SPARQL JSON result of several pages: the first page's head and flags, the
    rows of them all in order."""
    results = dict(first.get("results") or {})
    results["bindings"] = rows
    merged = {**first, "results": results}
    return json.dumps(merged, ensure_ascii=False, indent=2).encode("utf-8")


def _content(session: FetchSession, celex: str) -> None:
    """The text of a work as XHTML: Dutch, else (HTTP 404 or 406) English; an act
    without either, as Formex."""
    url = build_url(base_url("cellar"), f"/resource/celex/{celex}")
    act = not celex.startswith("6")  # rulings: the judgment reader reads XHTML only
    if act and session.unchanged(SOURCE, _formex_key(url), f"{celex}.fmx.xml"):
        return
    session.first_document(
        SOURCE,
        url,
        f"{celex}.html",
        [
            {"Accept": CONTENT_ACCEPT, "Accept-Language": language}
            for language in CONTENT_LANGUAGES
        ],
        expect="html",
        otherwise=partial(_formex, session, celex, url) if act else None,
    )


def _formex_key(url: str) -> str:
    return f"{url} fmx4"


def _formex(session: FetchSession, celex: str, url: str) -> None:
    """Keep the Formex ACT of an act Cellar has no XHTML of (``url``, its content
    URL, names it in a failure)."""
    sparql = build_url(base_url("cellar_sparql"), SPARQL_PATH)
    items: list[str] = []
    for language in FORMEX_LANGUAGES:
        form = urllib.parse.urlencode({"query": formex_query(celex, language)})
        body = session.listing(
            SOURCE,
            sparql,
            f"sparql-fmx4-{celex}-{language}.json",
            expect="json",
            headers=dict(SPARQL_HEADERS),
            data=form.encode("ascii"),
        )
        if body is None:
            return
        rows = _bindings(json.loads(body))
        if rows is None:
            session.fail(
                SOURCE, sparql, f"not a SPARQL JSON result (Formex items of {celex})"
            )
            return
        items = list(dict.fromkeys(v for r in rows if (v := _value(r, "cellarURIs"))))
        if items:
            break
    if not items:
        session.fail(
            SOURCE,
            url,
            "no XHTML (HTTP 404/406) and no Formex item in Dutch or English",
        )
        return
    for number, item in enumerate(items, start=1):
        item_url = rebase_url(item, base_url("cellar"))
        body = session.listing(
            SOURCE, item_url, f"fmx4-{celex}-{number}.xml", expect="xml-or-zip"
        )
        if body is None:
            return
        act = _formex_act(body)
        if act is not None:
            session.derived(
                SOURCE,
                f"{celex}.fmx.xml",
                act,
                key=_formex_key(url),
                from_url=item_url,
                content_type="application/xml",
            )
            return
    session.fail(
        SOURCE, url, f"none of the {len(items)} Formex items of {celex} is its ACT"
    )


def _formex_act(body: bytes) -> bytes | None:
    """The Formex ACT in an item: the item itself, or the ZIP member that is one
    (the document descriptor, ``DOC``, and annexes, ``ANNEX``, are not)."""
    if not body.startswith(b"PK\x03\x04"):
        return body if _root_tag(body) == "ACT" else None
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        for member in archive.infolist():
            if (
                member.filename.endswith(".xml")
                and member.file_size <= MAX_FORMEX_MEMBER
            ):
                data = archive.read(member)
                if _root_tag(data) == "ACT":
                    return data
    return None


def _root_tag(data: bytes) -> str | None:
    try:
        root = etree.fromstring(data, parser=safe_xml_parser())
    except etree.XMLSyntaxError:
        return None
    return root.tag if isinstance(root.tag, str) else None


def _bindings(answer: object) -> list[Mapping[str, Any]] | None:
    if not isinstance(answer, dict):
        return None
    results = answer.get("results")
    rows = results.get("bindings") if isinstance(results, dict) else None
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        return None
    return rows


def _value(row: Mapping[str, Any], name: str) -> str:
    cell = row.get(name)
    return str(cell.get("value") or "") if isinstance(cell, dict) else ""


def _celexes(rows: Sequence[Mapping[str, Any]] | None, name: str) -> list[str]:
    """The distinct CELEX numbers in column ``name``, in row order."""
    found: dict[str, None] = {}
    for row in rows or []:
        celex = _value(row, name)
        if CELEX.match(celex):
            found[celex] = None
    return list(found)
