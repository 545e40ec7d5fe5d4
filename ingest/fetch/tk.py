"""Fetch motions and toezeggingen from the Tweede Kamer Gegevensmagazijn (OData v4).

Requests go to the official paths under the ``tk_odata`` base
(``/OData/v4/2.0/Zaak``, ``/OData/v4/2.0/Toezegging``) with a ``$filter`` built from
the ids and searches; a Zaak comes expanded with its documents, their current version
and its publications, and its besluiten with their stemmingen and agendapunt, and
the agendapunt's activiteit (the sitting it is on: its date is the date of the vote,
where the agendapunt's own Aanvangstijd is empty, as in every recorded one)::

    $expand=Document($expand=HuidigeDocumentVersie($expand=DocumentPublicatie,
            DocumentPublicatieMetadata)),
            Besluit($expand=Stemming,Agendapunt($expand=Activiteit))

(the Document part as recorded in the API notes; nested options per OData v4). The
service answers 250 entities a page and an ``@odata.nextLink`` (``…&$skiptoken=Id-…``)
while there are more; the client follows it, moved onto the configured base. Each
page is kept as a listing and each Zaak or Toezegging on it as its own document (a
record cut out of the page, keyed by its entity URL ``…/Zaak(<guid>)``), which
:mod:`ingest.sources.tk_odata` reads. For every XML publication of a motion's
documents (``DocumentPublicatie`` with DocumentType ``Xml``) the Kamerstuk XML is
fetched from the officiële-bekendmakingen repository
(``/frbr/officielepublicaties/kst/<dossier>/<id>/1/xml/<id>.xml`` under ``koop_sru``),
or, for a publication that is no ``kst-…``, from ``DocumentPublicatie(<guid>)/Resource``.
With ``--since`` every filter adds ``GewijzigdOp ge <since>T00:00:00Z``, so a run
asks only for what changed; deleted records (``Verwijderd``) are never asked for.

Ids: zaak numbers (``2025Z02986``) or dossier numbers (``19637``, ``36600-VI``: the
dossier's motions).

Searches (preset entries), every key optional::

    {"entity": "Zaak",            # or "Toezegging"; default "Zaak"
     "soort": "Motie",            # Zaak Soort; default "Motie"
     "dossiers": ["19637", "36600-VI"],   # Zaak: in any of these Kamerstukdossiers
     "from_date": "2024-01-01", "to_date": "2025-12-31",  # Zaak GestartOp,
                                  # Toezegging Aanmaakdatum (to_date exclusive)
     "ministerie": "Asiel en Migratie",   # Toezegging Ministerie (exact)
     "contains": "asiel",         # Toezegging: Tekst contains this
     "status": "Openstaand",      # Toezegging Status
     "kamerstukken": true,        # Zaak: fetch the Kamerstuk XML too (default true)
     "limit": 500}                # at most this many records
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ingest.fetch.endpoints import base_url, rebase_url
from ingest.fetch.http import build_url
from ingest.fetch.session import FetchSession

__all__ = ["SEARCH_KEYS", "SOURCE", "fetch", "next_link", "odata_filter"]

SOURCE = "tk"
#: The keys a search (a preset entry) may have: the module docstring says each.
SEARCH_KEYS = frozenset(
    {
        "entity",
        "soort",
        "nummer",
        "dossiers",
        "from_date",
        "to_date",
        "ministerie",
        "contains",
        "status",
        "kamerstukken",
        "limit",
    }
)
API_PATH = "/OData/v4/2.0"
EXPAND_ZAAK = (
    "Document($expand=HuidigeDocumentVersie($expand=DocumentPublicatie,"
    "DocumentPublicatieMetadata)),"
    "Besluit($expand=Stemming,Agendapunt($expand=Activiteit))"
)
ZAAK_NUMMER = re.compile(r"^\d{4}Z\d{5}$")
DOSSIER = re.compile(r"^(\d{4,6})(?:-([A-Z0-9]{1,8}))?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def fetch(
    session: FetchSession, ids: Sequence[str], searches: Sequence[Mapping[str, Any]]
) -> None:
    """Fetch the zaken named by ``ids`` and the records found by ``searches``."""
    queries: list[tuple[str, str, Mapping[str, Any]]] = []
    for given in ids:
        value = given.strip().upper()
        if ZAAK_NUMMER.match(value):
            queries.append((f"zaak-{value}", "Zaak", {"nummer": value}))
        elif DOSSIER.match(value):
            queries.append((f"dossier-{value}", "Zaak", {"dossiers": [value]}))
        else:
            session.fail(
                SOURCE, given, "not a zaak number (2025Z02986) or dossier (36600-VI)"
            )
    for number, search in enumerate(searches, start=1):
        entity = str(search.get("entity") or "Zaak")
        if entity not in ("Zaak", "Toezegging"):
            session.fail(SOURCE, entity, "entity is Zaak or Toezegging")
            continue
        queries.append((f"{entity.lower()}-search-{number}", entity, search))
    fetched: set[str] = set()
    for name, entity, search in queries:
        try:
            condition = odata_filter(entity, search, session)
        except ValueError as error:
            session.fail(SOURCE, name, str(error))
            continue
        _query(session, name, entity, condition, search, fetched)


def odata_filter(
    entity: str, search: Mapping[str, Any], session: FetchSession | None = None
) -> str:
    """The ``$filter`` of one search (see the module docstring for the keys).

    Raises:
        ValueError: a date or dossier number of the wrong shape.
    """
    parts = ["Verwijderd eq false"]
    if entity == "Zaak":
        if search.get("nummer"):
            parts.append(f"Nummer eq {_literal(str(search['nummer']))}")
        else:
            parts.append(f"Soort eq {_literal(str(search.get('soort') or 'Motie'))}")
        dossiers = [_dossier(str(d)) for d in _listed(search.get("dossiers"))]
        if dossiers:
            parts.append("(" + " or ".join(dossiers) + ")")
        dated = "GestartOp"
    else:
        for key, field in (("ministerie", "Ministerie"), ("status", "Status")):
            if search.get(key):
                parts.append(f"{field} eq {_literal(str(search[key]))}")
        if search.get("contains"):
            parts.append(f"contains(Tekst,{_literal(str(search['contains']))})")
        dated = "Aanmaakdatum"
    if search.get("from_date"):
        parts.append(f"{dated} ge {_moment(str(search['from_date']))}")
    if search.get("to_date"):
        parts.append(f"{dated} lt {_moment(str(search['to_date']))}")
    if session is not None and session.since is not None:
        parts.append(f"GewijzigdOp ge {_moment(session.since.isoformat())}")
    return " and ".join(parts)


def next_link(page: Mapping[str, Any], base: str) -> str | None:
    """The page's ``@odata.nextLink`` moved onto ``base``, or None on the last page."""
    link = page.get("@odata.nextLink")
    return rebase_url(link, base) if isinstance(link, str) and link else None


def _query(
    session: FetchSession,
    name: str,
    entity: str,
    condition: str,
    search: Mapping[str, Any],
    fetched: set[str],
) -> None:
    base = base_url("tk_odata")
    params = [("$filter", condition)]
    if entity == "Zaak":
        params.append(("$expand", EXPAND_ZAAK))
    url: str | None = build_url(base, f"{API_PATH}/{entity}", params)
    limit = int(search.get("limit") or 0)
    kamerstukken = entity == "Zaak" and search.get("kamerstukken", True) is not False
    seen = 0
    page_number = 0
    while url is not None:
        page_number += 1
        body = session.listing(
            SOURCE, url, f"{name}-{page_number:04d}.json", expect="json"
        )
        if body is None:
            return
        page = json.loads(body)
        records = page.get("value") if isinstance(page, dict) else None
        if not isinstance(records, list):
            session.fail(SOURCE, url, "not an OData page (no value list)")
            return
        for record in records:
            if limit and seen >= limit:
                return
            if _keep(session, entity, record, base, url):
                seen += 1
                if kamerstukken:
                    _kamerstukken(session, record, fetched)
        url = next_link(page, base)


def _keep(
    session: FetchSession,
    entity: str,
    record: object,
    base: str,
    page_url: str,
) -> bool:
    """Keep one record of a page as its own document; False when it is none."""
    if not isinstance(record, dict) or record.get("Verwijderd"):
        return False
    nummer, guid = record.get("Nummer"), record.get("Id")
    if not isinstance(nummer, str) or not isinstance(guid, str):
        session.fail(SOURCE, page_url, f"a {entity} record without Nummer or Id")
        return False
    body = json.dumps(record, ensure_ascii=False, indent=2).encode("utf-8")
    session.derived(
        SOURCE,
        f"{entity.lower()}-{nummer}.json",
        body,
        key=f"{base}{API_PATH}/{entity}({guid})",
        from_url=page_url,
    )
    session.on_item(SOURCE, nummer)
    return True


def _kamerstukken(
    session: FetchSession, record: Mapping[str, Any], fetched: set[str]
) -> None:
    """The Kamerstuk XML of every XML publication of the zaak's documents."""
    for document in record.get("Document") or []:
        version = (document or {}).get("HuidigeDocumentVersie") or {}
        for publicatie in version.get("DocumentPublicatie") or []:
            identifier = (publicatie or {}).get("Identifier") or ""
            if publicatie.get("DocumentType") != "Xml" or not identifier:
                continue
            if identifier in fetched or publicatie.get("Verwijderd"):
                continue
            fetched.add(identifier)
            session.document(
                SOURCE,
                _publicatie_url(identifier, str(publicatie.get("Id") or "")),
                f"{identifier}.xml",
                expect="xml",
                changed=publicatie.get("ApiGewijzigdOp"),
                check=_is_officiele_publicatie,
            )


def _publicatie_url(identifier: str, guid: str) -> str:
    """The official XML of a publication: the KOOP repository for a Kamerstuk, the
    TK's own copy (``DocumentPublicatie(<guid>)/Resource``) for anything else."""
    if identifier.startswith("kst-") and "-" in identifier[4:]:
        dossier = identifier[4:].rpartition("-")[0]
        return build_url(
            base_url("koop_sru"),
            f"/frbr/officielepublicaties/kst/{dossier}/{identifier}/1/xml/"
            f"{identifier}.xml",
        )
    return build_url(
        base_url("tk_odata"), f"{API_PATH}/DocumentPublicatie({guid})/Resource"
    )


def _is_officiele_publicatie(body: bytes) -> str | None:
    if b"officiele-publicatie" in body[:4096]:
        return None
    return "not an officiële publicatie (no officiele-publicatie element)"


def _listed(value: object) -> list[object]:
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _dossier(value: str) -> str:
    """``36600-VI`` → a condition on the zaak's Kamerstukdossier."""
    match = DOSSIER.match(value.strip().upper())
    if not match:
        raise ValueError(f"not a dossier number (19637, 36600-VI): {value!r}")
    nummer, toevoeging = match.groups()
    condition = f"d/Nummer eq {int(nummer)}"
    if toevoeging:
        condition += f" and d/Toevoeging eq {_literal(toevoeging)}"
    return f"Kamerstukdossier/any(d:{condition})"


def _literal(value: str) -> str:
    """An OData string literal (a quote inside doubled)."""
    return "'" + value.replace("'", "''") + "'"


def _moment(value: str) -> str:
    if not _DATE.match(value):
        raise ValueError(f"not a date (YYYY-MM-DD): {value!r}")
    return f"{value}T00:00:00Z"
