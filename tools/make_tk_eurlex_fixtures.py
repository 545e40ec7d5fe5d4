"""Write the constructed TK OData and Cellar responses of tests/data/api, and their routes.

The recorded responses (copied byte for byte, see tests/data/api/tk/README.md and
tests/data/api/eurlex/README.md) do not cover every request the tk and eurlex
clients make. The answers built here follow the services' documented formats:

* TK OData pages: the envelope of a recorded page (``@odata.context``, ``value``,
  ``@odata.nextLink`` ending in ``$skiptoken=Id-<last Id>``) around real Zaak records
  (the recorded 2025Z02986 and records bundled in corpus/tk-odata/zaak-motie), and
  Toezegging records with exactly the properties of EntityType Toezegging in the
  recorded ``$metadata`` and status values of tkData-v1-0-toezegging.xsd;
* Cellar SPARQL results in the Virtuoso JSON of the recorded fmx4 results, for the
  queries of ingest/fetch/eurlex.py (each page of them: LIMIT/OFFSET), with the CELEX,
  ECLI, date and title of each ruling as the recorded EUR-Lex case list (shared corpus
  cjeu-metadata) gives them;
* a Cellar Formex item of Regulation 2024/903 as the ZIP archive Cellar serves for
  recent acts, holding the two recorded members of that item (the document
  descriptor and the act).

Run from the repository root: ``python tools/make_tk_eurlex_fixtures.py``.
"""

from __future__ import annotations

import io
import json
import sys
import urllib.parse
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.fetch import eurlex, tk  # noqa: E402

API = ROOT / "tests" / "data" / "api"
ZAKEN = ROOT / "corpus" / "tk-odata" / "zaak-motie"
TK_HOST = "gegevensmagazijn.tweedekamer.nl"
KOOP_HOST = "repository.overheid.nl"
CELLAR_HOST = "publications.europa.eu"
ODATA_JSON = (
    "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8"
)
CONTEXT = f"https://{TK_HOST}/OData/v4/2.0/$metadata#"
SINCE = "2026-01-01"  # the --since of the incremental runs in the tests

ZAAK_ID = {"nummer": "2025Z02986"}
VOTED_ZAAK_ID = {"nummer": "2025Z17647"}
DOSSIER_SEARCH = {
    "dossiers": ["19637"],
    "from_date": "2023-12-01",
    "to_date": "2024-01-01",
}
TOEZEGGING_SEARCH = {"entity": "Toezegging", "ministerie": "Asiel en Migratie"}


class _Since:
    """Stands for a FetchSession with ``since`` set, for odata_filter."""

    import datetime as _dt

    since = _dt.date.fromisoformat(SINCE)


def _dump(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", "utf-8")


def _zaak(nummer: str) -> dict:
    return json.loads((ZAKEN / f"{nummer}.json").read_text(encoding="utf-8"))


def _odata_route(entity: str, condition: str, file: str, **extra: str) -> dict:
    query = {"$filter": condition}
    if entity == "Zaak":
        query["$expand"] = tk.EXPAND_ZAAK
    query.update(extra)
    return {
        "host": TK_HOST,
        "path": f"/OData/v4/2.0/{entity}",
        "query": query,
        "file": file,
        "content_type": ODATA_JSON,
    }


def _next_link(condition: str, last_id: str) -> str:
    query = urllib.parse.urlencode(
        [("$filter", condition), ("$expand", tk.EXPAND_ZAAK)],
        quote_via=urllib.parse.quote,
        safe="$",
    )
    return f"https://{TK_HOST}/OData/v4/2.0/Zaak?{query}&$skiptoken=Id-{last_id}"


def _tk() -> list[dict]:
    folder = API / "tk"
    recorded = json.loads(
        (
            folder
            / "odata_Zaak_Motie_2025Z02986_expand_Document_Versie_Publicatie.json"
        ).read_text(encoding="utf-8")
    )
    zaak_context = CONTEXT + "Zaak"
    _dump(
        folder / "constructed-zaak-2025Z02986-page.json",
        {"@odata.context": zaak_context, "value": [recorded]},
    )
    _dump(
        folder / "constructed-empty-page.json",
        {"@odata.context": zaak_context, "value": []},
    )
    dossier = tk.odata_filter("Zaak", DOSSIER_SEARCH)
    # The server pages in Id order: 0399bd92…, 08a39ce5… | 90c78ee2….
    first = [_zaak("2023Z20878"), _zaak("2023Z20879")]
    _dump(
        folder / "constructed-zaak-dossier-19637-page1.json",
        {
            "@odata.context": zaak_context,
            "value": first,
            "@odata.nextLink": _next_link(dossier, first[-1]["Id"]),
        },
    )
    _dump(
        folder / "constructed-zaak-dossier-19637-page2.json",
        {"@odata.context": zaak_context, "value": [_zaak("2023Z20876")]},
    )
    _dump(folder / "constructed-toezegging-page.json", _toezeggingen())
    _dump(folder / "constructed-zaak-2025Z17647-page.json", _voted_zaak(folder))
    zaak = tk.odata_filter("Zaak", ZAAK_ID)
    toezegging = tk.odata_filter("Toezegging", TOEZEGGING_SEARCH)
    routes: list[dict] = [
        {
            "comment": "Tweede Kamer Gegevensmagazijn OData v4 (and the Kamerstuk XML "
            "its motions publish, from repository.overheid.nl); files under "
            "tests/data/api/tk (see README.md). Written by "
            "tools/make_tk_eurlex_fixtures.py."
        },
        _odata_route("Zaak", zaak, "tk/constructed-zaak-2025Z02986-page.json"),
        _odata_route(
            "Zaak",
            tk.odata_filter("Zaak", ZAAK_ID, _Since()),  # type: ignore[arg-type]
            "tk/constructed-empty-page.json",
        ),
        _odata_route("Zaak", dossier, "tk/constructed-zaak-dossier-19637-page1.json"),
        _odata_route(
            "Zaak",
            dossier,
            "tk/constructed-zaak-dossier-19637-page2.json",
            **{"$skiptoken": f"Id-{first[-1]['Id']}"},
        ),
        _odata_route(
            "Zaak",
            tk.odata_filter("Zaak", DOSSIER_SEARCH, _Since()),  # type: ignore[arg-type]
            "tk/constructed-empty-page.json",
        ),
        _odata_route("Toezegging", toezegging, "tk/constructed-toezegging-page.json"),
        _odata_route(
            "Zaak",
            tk.odata_filter("Zaak", VOTED_ZAAK_ID),
            "tk/constructed-zaak-2025Z17647-page.json",
        ),
        _odata_route(
            "Toezegging",
            tk.odata_filter("Toezegging", TOEZEGGING_SEARCH, _Since()),  # type: ignore[arg-type]
            "tk/constructed-empty-page.json",
        ),
        {
            "host": KOOP_HOST,
            "path": "/frbr/officielepublicaties/kst/19637/kst-19637-3384/1/xml/"
            "kst-19637-3384.xml",
            "file": "tk/DocumentPublicatie_Resource_kst-19637-3384.xml",
            "content_type": "application/xml",
        },
    ]
    for number in ("3185", "3187", "3188"):
        name = f"kst-19637-{number}"
        routes.append(
            {
                "host": KOOP_HOST,
                "path": f"/frbr/officielepublicaties/kst/19637/{name}/1/xml/{name}.xml",
                "file": f"../../../corpus/kamerstukken/{name}.xml",
                "content_type": "application/xml",
            }
        )
    return routes


def _voted_zaak(folder: Path) -> dict:
    """The page answering the client's query for 2025Z17647: the zaak as the recorded
    Stemming response expands it (Stemming → Besluit → Agendapunt → Zaak), turned the
    way the client expands it (Zaak → Besluit → Stemming, Agendapunt). The agendapunt
    has this one zaak, so its besluit is the zaak's; it is the recorded one without
    its Zaak list (the client does not expand it); the three stemmingen are all that
    was recorded (top 3), not the whole vote."""
    recorded = json.loads(
        (folder / "odata_Stemming_expand_Besluit_Agendapunt_Zaak.json").read_text(
            encoding="utf-8"
        )
    )
    besluit = dict(recorded["value"][0]["Besluit"])
    agendapunt = dict(besluit["Agendapunt"])
    [zaak] = agendapunt.pop("Zaak")
    besluit["Agendapunt"] = agendapunt
    besluit["Stemming"] = [
        {key: value for key, value in stemming.items() if key != "Besluit"}
        for stemming in recorded["value"]
        if stemming["Besluit_Id"] == besluit["Id"]
    ]
    return {
        "@odata.context": CONTEXT + "Zaak",
        "value": [{**zaak, "Document": [], "Besluit": [besluit]}],
    }


def _toezeggingen() -> dict:
    """Two Toezegging records: the toezeggingen the seed letter kamerbrief 2025D33530
    cites (footnotes TZ202505-006 and TZ202505-125), their Tekst the letter's words."""
    base = {
        "ActiviteitNummer": None,
        "Naam": None,
        "Achternaam": "Weel",
        "Initialen": "D.M.",
        "Voornaam": None,
        "Achtervoegsel": None,
        "Titulatuur": None,
        "Functie": "Minister van Asiel en Migratie",
        "Ministerie": "Asiel en Migratie",
        "Verwijderd": False,
        "Tussenvoegsel": "van",
    }
    records = [
        {
            "Id": "00000000-0000-4000-8000-000000000006",
            "Aanmaakdatum": "2025-05-15T00:00:00+02:00",
            "Nummer": "TZ202505-006",
            **base,
            "Status": "Voldaan",
            "DatumNakoming": "2025-07-01T00:00:00+02:00",
            "KamerbriefNakoming": "2025D33530",
            "Tekst": "Toezeggingen over de voortgang en uitkomsten van het "
            "vervolgonderzoek naar fraude bij de IND",
            "GewijzigdOp": "2025-07-10T09:00:00+02:00",
            "ApiGewijzigdOp": "2025-07-10T07:00:05.0000000Z",
        },
        {
            "Id": "00000000-0000-4000-8000-000000000125",
            "Aanmaakdatum": "2025-05-28T00:00:00+02:00",
            "Nummer": "TZ202505-125",
            **base,
            "Status": "Openstaand",
            "DatumNakoming": "2025-12-31T00:00:00+01:00",
            "KamerbriefNakoming": None,
            "Tekst": "Inreisverbod stakende vrachtwachtenchauffeurs",
            "GewijzigdOp": "2025-05-28T12:00:00+02:00",
            "ApiGewijzigdOp": "2025-05-28T10:00:05.0000000Z",
        },
    ]
    return {"@odata.context": CONTEXT + "Toezegging", "value": records}


def _literal(value: str, datatype: str = "string") -> dict:
    return {
        "type": "typed-literal",
        "datatype": f"http://www.w3.org/2001/XMLSchema#{datatype}",
        "value": value,
    }


def _title(value: str) -> dict:
    return {"type": "literal", "xml:lang": "en", "value": value}


RETURN_DIRECTIVE = {
    "actCelex": _literal("32008L0115"),
    "actTitle": _title(
        "Directive 2008/115/EC of the European Parliament and of the Council of 16 "
        "December 2008 on common standards and procedures in Member States for "
        "returning illegally staying third-country nationals"
    ),
    "actDate": _literal("2008-12-16", "date"),
    "actEli": _literal("http://data.europa.eu/eli/dir/2008/115/oj", "anyURI"),
}
# (CELEX, ECLI, date, title) as the recorded EUR-Lex case list gives them.
RULINGS = [
    (
        "62016CJ0225",
        "ECLI:EU:C:2017:590",
        "2017-07-26",
        "Judgment of the Court (Second Chamber) of 26 July 2017.#Criminal proceedings "
        "against Mossa Ouhrami.#Request for a preliminary ruling from the Hoge Raad der "
        "Nederlanden.#Reference for a preliminary ruling — Area of freedom, security "
        "and justice — Return of illegally staying third-country nationals — Directive "
        "2008/115/EC — Article 11(2) — Decision to impose an entry ban taken before "
        "that directive entered into force and relating to a longer period than that "
        "provided for by the directive — Time from which the period of the entry ban "
        "starts to run.#Case C-225/16.",
    ),
    (
        "62017CJ0240",
        "ECLI:EU:C:2018:8",
        "2018-01-16",
        "Judgment of the Court (Fifth Chamber) of 16 January 2018.#E.#Request for a "
        "preliminary ruling from the Korkein hallinto-oikeus.#Reference for a "
        "preliminary ruling — Third-country national staying illegally in a Member "
        "State — Threat to public order and national security — Directive 2008/115/EC "
        "— Article 6(2) — Return decision — Ban on entry to the territory of the "
        "Member States — Alert for the purposes of refusing admission to the Schengen "
        "Area –– Third-country national holding a valid residence permit issued by "
        "another Member State — Convention implementing the Schengen Agreement — "
        "Article 25(2) — Consultation procedure between the Member State issuing the "
        "alert and the Member State which issued the residence permit — Time limit — "
        "Failure of the Contracting State consulted to adopt a position — Consequences "
        "for the enforcement of return decisions and entry ban).#Case C-240/17.",
    ),
    (
        "62016CJ0082",
        "ECLI:EU:C:2018:308",
        "2018-05-08",
        "Judgment of the Court (Grand Chamber) of 8 May 2018.#K.A. and Others v "
        "Belgische Staat.#Request for a preliminary ruling from the Raad voor "
        "Vreemdelingenbetwistingen.#Reference for a preliminary ruling — Border "
        "control, asylum, immigration — Article 20 TFEU — Charter of Fundamental "
        "Rights of the European Union — Articles 7 and 24 — Directive 2008/115/EC — "
        "Articles 5 and 11 — Third-country national subject to an entry ban — "
        "Application for residence for the purposes of family reunification with a "
        "Union citizen who has not exercised freedom of movement — Refusal to examine "
        "the application.#Case C-82/16.",
    ),
]


def _ruling(celex: str, ecli: str, date: str, title: str) -> dict:
    return {
        "rulingCelex": _literal(celex),
        "rulingEcli": _literal(ecli),
        "rulingTitle": _title(title),
        "rulingDate": _literal(date, "date"),
    }


def _sparql(variables: list[str], rows: list[dict]) -> dict:
    return {
        "head": {"link": [], "vars": variables},
        "results": {"distinct": False, "ordered": True, "bindings": rows},
    }


ACT_VARS = [
    "actCelex",
    "actTitle",
    "actDate",
    "actEli",
    "rulingCelex",
    "rulingEcli",
    "rulingTitle",
    "rulingDate",
]
RULING_VARS = ACT_VARS[4:] + ACT_VARS[:4]


def _sparql_route(query: str, file: str) -> dict:
    return {
        "host": CELLAR_HOST,
        "path": eurlex.SPARQL_PATH,
        "method": "POST",
        "query": {"query": query},
        "file": file,
        "content_type": "application/sparql-results+json",
    }


FORMEX_VARS = ["cellarURIs", "manif", "format", "expr"]
#: The recorded fmx4 items (tests/data/api/eurlex, from the recorded SPARQL answers).
FORMEX_1137 = "/resource/cellar/e115172d-3ab3-4b14-b0a4-dfdcc9871793.0006.04"
FORMEX_0903 = "/resource/cellar/c008bcb6-e7ec-11ee-9ea8-01aa75ed71a1.0006.02/DOC_1"
#: The recorded members of the 2024/903 fmx4 item, in the archive's order.
FORMEX_0903_MEMBERS = (
    ("L_202400903EN.doc.fmx.xml", "cellar_item_formex_32024R0903_doc.fmx.xml"),
    (
        "L_202400903EN.000101.fmx.xml",
        "cellar_item_formex_32024R0903_000101_act.fmx.xml",
    ),
)


def _formex_zip(folder: Path) -> bytes:
    """The 2024/903 item as a ZIP of its recorded members, byte for byte the same
    on every run (fixed member dates)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, file in FORMEX_0903_MEMBERS:
            info = zipfile.ZipInfo(name, date_time=(2024, 3, 22, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, (folder / file).read_bytes())
    return buffer.getvalue()


def _get_route(path: str, file: str, content_type: str) -> dict:
    return {
        "host": CELLAR_HOST,
        "path": path,
        "file": file,
        "content_type": content_type,
    }


def _eurlex() -> list[dict]:
    folder = API / "eurlex"
    _dump(
        folder / "constructed-sparql-act-32008R1137.json",
        _sparql(
            ACT_VARS,
            [
                {
                    "actCelex": _literal("32008R1137"),
                    "actTitle": _title(
                        "Regulation (EC) No 1137/2008 of the European Parliament and "
                        "of the Council of 22 October 2008 adapting a number of "
                        "instruments subject to the procedure laid down in Article "
                        "251 of the Treaty to Council Decision 1999/468/EC, with "
                        "regard to the regulatory procedure with scrutiny — "
                        "Adaptation to the regulatory procedure with scrutiny — Part "
                        "One"
                    ),
                    "actDate": _literal("2008-10-22", "date"),
                    "actEli": _literal(
                        "http://data.europa.eu/eli/reg/2008/1137/oj", "anyURI"
                    ),
                }
            ],
        ),
    )
    _dump(folder / "constructed-sparql-fmx4-empty.json", _sparql(FORMEX_VARS, []))
    (folder / "constructed-formex-zip-32024R0903.zip").write_bytes(_formex_zip(folder))
    _dump(
        folder / "constructed-sparql-act-32008L0115.json",
        _sparql(ACT_VARS, [{**RETURN_DIRECTIVE, **_ruling(*r)} for r in RULINGS]),
    )
    _dump(
        folder / "constructed-sparql-act-32024R0903.json",
        _sparql(
            ACT_VARS,
            [
                {
                    "actCelex": _literal("32024R0903"),
                    "actTitle": _title(
                        "Regulation (EU) 2024/903 of the European Parliament and of "
                        "the Council of 13 March 2024 laying down measures for a high "
                        "level of public sector interoperability across the Union "
                        "(Interoperable Europe Act)"
                    ),
                    "actDate": _literal("2024-03-13", "date"),
                    "actEli": _literal(
                        "http://data.europa.eu/eli/reg/2024/903/oj", "anyURI"
                    ),
                }
            ],
        ),
    )
    _dump(
        folder / "constructed-sparql-ruling-ECLI_EU_C_2018_308.json",
        _sparql(RULING_VARS, [{**_ruling(*RULINGS[2]), **RETURN_DIRECTIVE}]),
    )
    _dump(folder / "constructed-sparql-empty.json", _sparql(ACT_VARS, []))
    # The same answer in pages of two rows (the tests ask with PAGE_SIZE 2): a full
    # page, then a short one that ends the paging.
    directive_rows = [{**RETURN_DIRECTIVE, **_ruling(*r)} for r in RULINGS]
    for page, rows in enumerate((directive_rows[:2], directive_rows[2:]), start=1):
        _dump(
            folder / f"constructed-sparql-act-32008L0115-size2-page{page}.json",
            _sparql(ACT_VARS, rows),
        )
    return [
        {
            "comment": "EU Publications Office Cellar: SPARQL (POST /webapi/rdf/sparql, "
            "matched on the query text) and content by CELEX; files under "
            "tests/data/api/eurlex (see README.md). Written by "
            "tools/make_tk_eurlex_fixtures.py."
        },
        _sparql_route(
            eurlex.act_query("32008L0115"),
            "eurlex/constructed-sparql-act-32008L0115.json",
        ),
        _sparql_route(
            eurlex.act_query("32024R0903"),
            "eurlex/constructed-sparql-act-32024R0903.json",
        ),
        _sparql_route(
            eurlex.ruling_query("ECLI:EU:C:2018:308"),
            "eurlex/constructed-sparql-ruling-ECLI_EU_C_2018_308.json",
        ),
        _sparql_route(
            eurlex.act_query("32099L0001"),
            "eurlex/constructed-sparql-empty.json",
        ),
        # paged: two rows a page (page 2 short), three a page (page 2 empty)
        _sparql_route(
            eurlex.act_query("32008L0115", 1, 2),
            "eurlex/constructed-sparql-act-32008L0115-size2-page1.json",
        ),
        _sparql_route(
            eurlex.act_query("32008L0115", 2, 2),
            "eurlex/constructed-sparql-act-32008L0115-size2-page2.json",
        ),
        _sparql_route(
            eurlex.act_query("32008L0115", 1, 3),
            "eurlex/constructed-sparql-act-32008L0115.json",
        ),
        _sparql_route(
            eurlex.act_query("32008L0115", 2, 3),
            "eurlex/constructed-sparql-empty.json",
        ),
        {
            "host": CELLAR_HOST,
            "path": "/resource/celex/32024R0903",
            "file": "eurlex/cellar_item_xhtml_32024R0903_DOC_1.html",
            "content_type": "application/xhtml+xml;charset=UTF-8",
        },
        # Formex: Regulation 1137/2008 has no XHTML here (no route: 404), no Dutch
        # fmx4 items, and the recorded English ones: the descriptor, then the act.
        _sparql_route(
            eurlex.act_query("32008R1137"),
            "eurlex/constructed-sparql-act-32008R1137.json",
        ),
        _sparql_route(
            eurlex.formex_query("32008R1137", "NLD"),
            "eurlex/constructed-sparql-fmx4-empty.json",
        ),
        _sparql_route(
            eurlex.formex_query("32008R1137", "ENG"),
            "eurlex/cellar_sparql_celex_32008R1137_fmx4_items.json",
        ),
        _get_route(
            f"{FORMEX_1137}/DOC_1",
            "eurlex/cellar_item_formex_32008R1137_DOC_1_doc-manifest.xml",
            "application/xml;charset=UTF-8",
        ),
        _get_route(
            f"{FORMEX_1137}/DOC_2",
            "eurlex/cellar_item_formex_32008R1137_DOC_2_act.xml",
            "application/xml;charset=UTF-8",
        ),
        # 2024/903 as Formex (asked for when a test takes its XHTML away): the
        # recorded English item, a ZIP.
        _sparql_route(
            eurlex.formex_query("32024R0903", "NLD"),
            "eurlex/constructed-sparql-fmx4-empty.json",
        ),
        _sparql_route(
            eurlex.formex_query("32024R0903", "ENG"),
            "eurlex/cellar_sparql_celex_32024R0903_fmx4_items.json",
        ),
        _get_route(
            FORMEX_0903,
            "eurlex/constructed-formex-zip-32024R0903.zip",
            "application/zip",
        ),
    ]


def main() -> None:
    for name, routes in (("tk", _tk()), ("eurlex", _eurlex())):
        lines = ",\n  ".join(json.dumps(row, ensure_ascii=False) for row in routes)
        (API / f"routes-{name}.json").write_text(f"[\n  {lines}\n]\n", "utf-8")


if __name__ == "__main__":
    main()
