"""Read Tweede Kamer OData (Gegevensmagazijn API 2.0) JSON records.

Two record shapes are read, both as the API returns them:

* a ``Zaak`` (e.g. Soort=Motie) expanded with its Documents, their current version and
  DocumentPublicatie (which names the official publication, ``kst-19637-3289``):
  kabinetsappreciatie, afgedaan, termijn and the documents of the zaak; as the fetch
  client asks for it, also its besluiten with their stemmingen and the agendapunt each
  was taken on (number, onderwerp, date where given: literals on the besluit);
* ``Stemming`` records for one ``Agendapunt`` with their ``Besluit`` (regrouped by
  agendapunt, as bundled in corpus/tk-odata/stemming-per-agendapunt): the outcome and
  the vote of every fractie;
* a ``Toezegging`` (fields of EntityType Toezegging in the API's $metadata, status
  values of tkData-v1-0-toezegging.xsd): the same toezegging a letter cites by its id
  (``TZ202505-006``), with the TK's text, status, ministerie, bewindspersoon and
  DatumNakoming (its deadline).

The API does not say which of an agendapunt's zaken a besluit decides when there are
several; such a besluit is kept without a zaak rather than matched by guesswork.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ingest.errors import SourceError
from ingest.identifiers import TOEZEGGING, is_work_id
from ingest.models import (
    AgendapuntInfo,
    Besluit,
    DateRange,
    DocumentKind,
    DocumentMetadata,
    SourceDocument,
    Toezegging,
    Vote,
    Zaak,
)
from ingest.sources._json import (
    OPTIONAL_BOOL,
    OPTIONAL_INT,
    OPTIONAL_TEXT,
    TEXT,
    Each,
    Fields,
    check_fields,
    load_json,
)

__all__ = ["looks_like_tk_odata", "read_tk_odata"]

# The types of every field the reader reads (as the API's $metadata declares them);
# a record that differs is refused naming the field.
_STEMMING = Fields(
    {
        "Verwijderd": OPTIONAL_BOOL,
        "Fractie": Fields({"NaamNL": OPTIONAL_TEXT}),
        "Persoon": Fields(
            dict.fromkeys(
                ("Roepnaam", "Voornamen", "Tussenvoegsel", "Achternaam", "Id"),
                OPTIONAL_TEXT,
            )
        ),
        "Besluit_Id": TEXT,
        "ActorFractie": OPTIONAL_TEXT,
        "ActorNaam": OPTIONAL_TEXT,
        "Soort": TEXT,
        "FractieGrootte": OPTIONAL_INT,
        "Vergissing": OPTIONAL_BOOL,
    },
    optional=False,
)
_BESLUIT = {
    "Id": TEXT,
    "BesluitSoort": OPTIONAL_TEXT,
    "BesluitTekst": OPTIONAL_TEXT,
    "StemmingsSoort": OPTIONAL_TEXT,
    "AgendapuntZaakBesluitVolgorde": OPTIONAL_INT,
    "Verwijderd": OPTIONAL_BOOL,
}
_AGENDAPUNT_FIELDS = Fields(
    {
        "Nummer": TEXT,
        "Onderwerp": OPTIONAL_TEXT,
        "Aanvangstijd": OPTIONAL_TEXT,
        # Agendapunt($expand=Activiteit): the sitting the agendapunt is on.
        "Activiteit": Fields(
            {
                "Nummer": OPTIONAL_TEXT,
                "Soort": OPTIONAL_TEXT,
                "Datum": OPTIONAL_TEXT,
                "Aanvangstijd": OPTIONAL_TEXT,
                "Verwijderd": OPTIONAL_BOOL,
            }
        ),
    }
)
_ZAAK = Fields(
    {
        "Nummer": TEXT,
        "Soort": TEXT,
        "Onderwerp": OPTIONAL_TEXT,
        "Titel": OPTIONAL_TEXT,
        "Vergaderjaar": OPTIONAL_TEXT,
        "Volgnummer": OPTIONAL_INT,
        "GestartOp": OPTIONAL_TEXT,
        "Kabinetsappreciatie": OPTIONAL_TEXT,
        "Afgedaan": OPTIONAL_BOOL,
        "Termijn": OPTIONAL_TEXT,
        "Document": Each(
            Fields(
                {
                    "DocumentNummer": OPTIONAL_TEXT,
                    "HuidigeDocumentVersie": Fields(
                        {"ExterneIdentifier": OPTIONAL_TEXT}
                    ),
                },
                optional=False,
            )
        ),
        # A zaak the fetch client expanded with Besluit($expand=Stemming,Agendapunt(…)):
        # the besluiten about this zaak, each with its votes and its agendapunt.
        "Besluit": Each(
            Fields(
                _BESLUIT
                | {"Stemming": Each(_STEMMING), "Agendapunt": _AGENDAPUNT_FIELDS},
                optional=False,
            )
        ),
    },
    optional=False,
)
_AGENDAPUNT = Fields(
    {
        "Agendapunt": Fields(
            {
                "Nummer": TEXT,
                "Onderwerp": OPTIONAL_TEXT,
                "Aanvangstijd": OPTIONAL_TEXT,
                "Zaak": Each(_ZAAK),
            },
            optional=False,
        ),
        "Stemming": Each(_STEMMING),
        "Besluit": Each(Fields(_BESLUIT, optional=False)),
    },
    optional=False,
)
_TOEZEGGING = Fields(
    dict.fromkeys(
        (
            "Tekst",
            "DatumNakoming",
            "KamerbriefNakoming",
            "Functie",
            "Status",
            "Ministerie",
            "Initialen",
            "Tussenvoegsel",
            "Achternaam",
            "Naam",
            "ActiviteitNummer",
            "Aanmaakdatum",
        ),
        OPTIONAL_TEXT,
    )
    | {"Nummer": TEXT},
    optional=False,
)


def looks_like_tk_odata(record: object) -> bool:
    """Whether decoded JSON is a Zaak, Toezegging or Stemming-per-agendapunt record."""
    if not isinstance(record, Mapping):
        return False
    return _is_zaak(record) or _is_agendapunt(record) or _is_toezegging(record)


def _is_toezegging(record: Mapping[str, Any]) -> bool:
    nummer = record.get("Nummer")
    return (
        isinstance(nummer, str) and bool(TOEZEGGING.match(nummer)) and "Tekst" in record
    )


def _is_zaak(record: Mapping[str, Any]) -> bool:
    return (
        isinstance(record.get("Nummer"), str)
        and "Soort" in record
        and "Onderwerp" in record
    )


def _is_agendapunt(record: Mapping[str, Any]) -> bool:
    return isinstance(record.get("Agendapunt"), Mapping) and isinstance(
        record.get("Stemming"), list
    )


def read_tk_odata(path: Path, data: bytes | None = None) -> SourceDocument:
    """Read one TK OData JSON record (a Zaak, a Toezegging, or the Stemmingen of one
    Agendapunt).

    Args:
        path: the JSON file (``data`` may carry its bytes when already read).
        data: the file's bytes, if the caller has them.

    Returns:
        A SourceDocument of kind ZAAK (``id`` the zaak number, ``zaken`` holding it),
        TOEZEGGING (``id`` the toezegging number, ``toezeggingen`` holding it) or
        AGENDAPUNT (``id`` the agendapunt number, ``besluiten`` with their votes).

    Raises:
        SourceError: not JSON, or JSON of another shape.

    Example:
        >>> read_tk_odata(Path("corpus/tk-odata/zaak-motie/2024Z14350.json")).id
        '2024Z14350'
    """
    raw = path.read_bytes() if data is None else data
    record = load_json(path, raw)
    if not isinstance(record, Mapping):
        raise SourceError(str(path), "unknown JSON format (not an object)")
    try:
        if _is_toezegging(record):
            check_fields(path, record, _TOEZEGGING)
            return _toezegging_document(path, record)
        if _is_zaak(record):
            check_fields(path, record, _ZAAK)
            return _zaak_document(path, record)
        if _is_agendapunt(record):
            check_fields(path, record, _AGENDAPUNT)
            return _agendapunt_document(path, record)
    except (KeyError, TypeError, ValueError) as error:
        raise SourceError(str(path), f"malformed TK OData record: {error!r}") from None
    raise SourceError(
        str(path),
        "unknown JSON format (not a TK Zaak, Toezegging or Stemming record)",
    )


def _zaak(record: Mapping[str, Any]) -> Zaak:
    documents: list[str] = []
    publicaties: list[str] = []
    for document in record.get("Document") or []:
        if document.get("DocumentNummer"):
            documents.append(document["DocumentNummer"])
        version = document.get("HuidigeDocumentVersie") or {}
        external = version.get("ExterneIdentifier")
        if external and external not in publicaties:
            publicaties.append(external)
    return Zaak(
        nummer=record["Nummer"],
        soort=record["Soort"],
        onderwerp=(record.get("Onderwerp") or "").strip(),
        titel=(record.get("Titel") or "").strip(),
        vergaderjaar=record.get("Vergaderjaar"),
        volgnummer=record.get("Volgnummer"),
        gestart=_date(record.get("GestartOp")),
        kabinetsappreciatie=record.get("Kabinetsappreciatie"),
        afgedaan=record.get("Afgedaan"),
        termijn=_date(record.get("Termijn")),
        documents=tuple(documents),
        publicaties=tuple(publicaties),
    )


def _zaak_document(path: Path, record: Mapping[str, Any]) -> SourceDocument:
    zaak = _zaak(record)
    # Besluiten expanded from the zaak are about it (the nav property Zaak.Besluit):
    # unlike an agendapunt's, no guess is needed to tie them to their zaak.
    besluiten = _besluiten(
        record.get("Besluit") or [],
        {
            besluit["Id"]: [
                s for s in besluit.get("Stemming") or [] if not s.get("Verwijderd")
            ]
            for besluit in record.get("Besluit") or []
        },
        zaak.nummer,
    )
    text = "\n".join(part for part in (zaak.titel, zaak.onderwerp) if part) + "\n"
    return SourceDocument(
        id=zaak.nummer,
        kind=DocumentKind.ZAAK,
        title=zaak.onderwerp or zaak.titel or zaak.nummer,
        text=text,
        path=str(path),
        date=zaak.gestart,
        metadata=DocumentMetadata(
            soort=zaak.soort,
            zaak=zaak.nummer,
            vergaderjaar=zaak.vergaderjaar,
            tk_nummer=zaak.documents[0] if zaak.documents else None,
            official_url=f"https://www.tweedekamer.nl/kamerstukken/detail?id={zaak.nummer}",
        ),
        zaken=(zaak,),
        besluiten=besluiten,
    )


def _agendapunt_document(path: Path, record: Mapping[str, Any]) -> SourceDocument:
    agendapunt = record["Agendapunt"]
    zaken = tuple(_zaak(z) for z in agendapunt.get("Zaak") or [])
    only_zaak = zaken[0].nummer if len(zaken) == 1 else None
    stemmingen: dict[str, list[Mapping[str, Any]]] = {}
    for stemming in record["Stemming"]:
        if not stemming.get("Verwijderd"):
            stemmingen.setdefault(stemming["Besluit_Id"], []).append(stemming)
    besluiten = _besluiten(
        record.get("Besluit") or [], stemmingen, only_zaak, agendapunt
    )
    onderwerp = (agendapunt.get("Onderwerp") or "").strip()
    lines = [onderwerp] + [f"{z.nummer}: {z.onderwerp}" for z in zaken]
    return SourceDocument(
        id=agendapunt["Nummer"],
        kind=DocumentKind.AGENDAPUNT,
        title=onderwerp or agendapunt["Nummer"],
        text="\n".join(lines) + "\n",
        path=str(path),
        date=_date(agendapunt.get("Aanvangstijd")),
        metadata=DocumentMetadata(soort="Agendapunt"),
        zaken=zaken,
        besluiten=besluiten,
    )


def _toezegging_document(path: Path, record: Mapping[str, Any]) -> SourceDocument:
    nummer = record["Nummer"]
    text = " ".join((record.get("Tekst") or "").split())
    if not text:
        raise ValueError(f"toezegging {nummer} has no Tekst")
    nakoming = _date(record.get("DatumNakoming"))
    if nakoming is not None and nakoming.year < 1900:
        nakoming = None  # DatumNakoming is not nullable; a placeholder says "none"
    brief = (record.get("KamerbriefNakoming") or "").strip()
    toezegging = Toezegging(
        id=nummer,
        document=nummer,
        text=text,
        start=0,
        end=len(text),
        bewindspersoon=_bewindspersoon(record),
        functie=(record.get("Functie") or "").strip() or None,
        deadline=DateRange(nakoming, nakoming) if nakoming else None,
        answered_by=(brief,) if brief and is_work_id(brief) else (),
        tk_status=(record.get("Status") or "").strip() or None,
        ministerie=(record.get("Ministerie") or "").strip() or None,
    )
    extra = [
        (key, str(record[field]).strip())
        for key, field in (
            ("activiteit", "ActiviteitNummer"),
            ("kamerbrief_nakoming", "KamerbriefNakoming"),
        )
        if record.get(field)
    ]
    return SourceDocument(
        id=nummer,
        kind=DocumentKind.TOEZEGGING,
        title=text,
        text=text + "\n",
        path=str(path),
        date=_date(record.get("Aanmaakdatum")),
        metadata=DocumentMetadata(
            soort="Toezegging",
            official_url="https://www.tweedekamer.nl/kamerstukken/toezeggingen/"
            f"detail?id={nummer}",
            extra=tuple(extra),
        ),
        toezeggingen=(toezegging,),
    )


def _bewindspersoon(record: Mapping[str, Any]) -> str | None:
    """The bewindspersoon as a letter signs ("D.M. van Weel"), else the record's Naam."""
    parts = [record.get(key) for key in ("Initialen", "Tussenvoegsel", "Achternaam")]
    if record.get("Achternaam"):
        return " ".join(str(part).strip() for part in parts if part)
    return (record.get("Naam") or "").strip() or None


def _besluiten(
    records: list[Mapping[str, Any]],
    stemmingen: Mapping[str, list[Mapping[str, Any]]],
    zaak: str | None,
    agendapunt: Mapping[str, Any] | None = None,
) -> tuple[Besluit, ...]:
    """The besluiten of ``records`` (deleted ones left out) in agenda order, each with
    the votes of its stemmingen (by Besluit Id) and its agendapunt: ``agendapunt``
    for the besluiten of an agendapunt record, else each one's expanded Agendapunt."""
    return tuple(
        Besluit(
            id=besluit["Id"],
            soort=besluit.get("BesluitSoort") or "",
            tekst=(besluit.get("BesluitTekst") or "").strip(),
            stemmingssoort=besluit.get("StemmingsSoort"),
            zaak=zaak,
            votes=tuple(
                sorted(
                    (_vote(s) for s in stemmingen.get(besluit["Id"], [])),
                    key=_vote_order,
                )
            ),
            agendapunt=_agendapunt_info(agendapunt or besluit.get("Agendapunt")),
        )
        for besluit in sorted(
            records,
            key=lambda b: (b.get("AgendapuntZaakBesluitVolgorde") or 0, b["Id"]),
        )
        if not besluit.get("Verwijderd")
    )


def _agendapunt_info(agendapunt: Mapping[str, Any] | None) -> AgendapuntInfo | None:
    if not agendapunt or agendapunt.get("Verwijderd"):
        return None
    return AgendapuntInfo(
        nummer=agendapunt["Nummer"],
        onderwerp=" ".join((agendapunt.get("Onderwerp") or "").split()),
        datum=_agendapunt_date(agendapunt),
    )


def _agendapunt_date(agendapunt: Mapping[str, Any]) -> dt.date | None:
    """The agendapunt's own Aanvangstijd, else the day of its activiteit (the
    sitting; ``Datum`` is its day, ``Aanvangstijd`` when it began), where the
    record expands it."""
    own = _date(agendapunt.get("Aanvangstijd"))
    if own is not None:
        return own
    activiteit = agendapunt.get("Activiteit") or {}
    if activiteit.get("Verwijderd"):
        return None
    return _date(activiteit.get("Datum")) or _date(activiteit.get("Aanvangstijd"))


def _vote(stemming: Mapping[str, Any]) -> Vote:
    fractie = stemming.get("Fractie") or {}
    persoon = stemming.get("Persoon") or {}
    return Vote(
        fractie=stemming.get("ActorFractie") or stemming.get("ActorNaam") or "",
        soort=stemming["Soort"],
        # A hoofdelijke stemming records each member with the fractie's size.
        zetels=1 if persoon else int(stemming.get("FractieGrootte") or 0),
        fractie_naam=fractie.get("NaamNL") or "",
        persoon=_person_name(persoon) if persoon else None,
        vergissing=bool(stemming.get("Vergissing")),
    )


def _vote_order(vote: Vote) -> tuple[str, str]:
    return (vote.fractie, vote.persoon or "")


def _person_name(persoon: Mapping[str, Any]) -> str:
    parts = [
        persoon.get("Roepnaam") or persoon.get("Voornamen"),
        persoon.get("Tussenvoegsel"),
        persoon.get("Achternaam"),
    ]
    return " ".join(p for p in parts if p) or str(persoon.get("Id", ""))


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
