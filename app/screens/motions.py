"""Moties: motions with kabinetsappreciatie, outcome and the vote per fractie."""

import datetime as dt
from collections.abc import Iterable

import altair as alt
import streamlit as st

from app.labels import CHOOSE_MANY, DATE_FORMAT, format_date
from app.names import get_names
from app.state import get_backend, get_documents, get_motions
from app.views import document_link, documents_table, escape_markdown, page_link
from graph.errors import GraphError
from graph.explore.documents import get_document
from graph.explore.labels import link_type_label
from graph.explore.links import incoming_links
from graph.explore.motions import TWEEDE_KAMER_SEATS, MotionRow, unrecorded_seats

# the label graph.explore gives a letter's answer to a motion
ANSWERS = "beantwoordt"

st.title("Moties")


backend = get_backend()
try:
    motions, votes = get_motions()
except GraphError as error:
    st.error(escape_markdown(str(error)))
    st.stop()
if not motions:
    st.info("Geen moties in de graaf.")
    st.stop()


def options(values: Iterable[object]) -> list[str]:
    return sorted({str(v) for v in values if v})


columns = st.columns(3)
dossiers = columns[0].multiselect(
    "Dossier",
    options(m.dossiernummer for m in motions),
    key="dossier",
    placeholder=CHOOSE_MANY,
)
indieners = columns[1].multiselect(
    "Indiener",
    options(m.indiener for m in motions),
    key="indiener",
    placeholder=CHOOSE_MANY,
)
all_fracties = options(f for vs in votes.values() for f, _, _ in vs)
fractie = columns[2].selectbox(
    "Fractie stemde voor", ["(alle)", *all_fracties], key="fractie"
)
columns = st.columns(3)
appreciaties = columns[0].multiselect(
    "Kabinetsappreciatie",
    options(m.kabinetsappreciatie for m in motions),
    key="appreciatie",
    placeholder=CHOOSE_MANY,
)
uitslagen = columns[1].multiselect(
    "Uitslag",
    options(m.uitslag for m in motions),
    key="uitslag",
    placeholder=CHOOSE_MANY,
)
dates = [m.date for m in motions if isinstance(m.date, dt.date)]
period = columns[2].date_input(
    "Periode",
    value=(min(dates), max(dates)) if dates else (),
    key="periode",
    format=DATE_FORMAT,
)


def wanted(m: MotionRow) -> bool:
    if dossiers and m.dossiernummer not in dossiers:
        return False
    if indieners and m.indiener not in indieners:
        return False
    if appreciaties and m.kabinetsappreciatie not in appreciaties:
        return False
    if uitslagen and m.uitslag not in uitslagen:
        return False
    if fractie != "(alle)":
        cast = votes.get(m.besluit or "", [])
        if not any(f == fractie and soort == "Voor" for f, soort, _ in cast):
            return False
    if isinstance(period, tuple) and len(period) == 2:
        date = m.date
        if not isinstance(date, dt.date) or not period[0] <= date <= period[1]:
            return False
    return True


def incomplete(m: MotionRow) -> bool:
    """Whether the recorded votes leave seats out (the store says so; a store built
    before it did: fewer than 150 seats among the votes)."""
    if m.zetels_onvolledig is not None:
        return m.zetels_onvolledig
    return bool(unrecorded_seats(votes.get(m.besluit or "", [])))


def recorded_note(m: MotionRow) -> str | None:
    """Why the seats beside an uitslag need not add up to it, in the motion's row."""
    if not incomplete(m):
        return None
    cast = votes.get(m.besluit or "", [])
    recorded = TWEEDE_KAMER_SEATS - unrecorded_seats(cast) if cast else None
    seats = f"{recorded} van de " if recorded is not None else "niet alle "
    return (
        f"de bron legt de stemmen van {seats}{TWEEDE_KAMER_SEATS} zetels vast;"
        " de uitslag is die van het besluit"
    )


shown = [m for m in motions if wanted(m)]
st.caption(f"{len(shown)} van {len(motions)} moties")
partial = sum(1 for m in shown if incomplete(m))
if partial:
    st.caption(
        f"Bij {partial} van deze moties legt de bron niet de stemmen van alle"
        f" {TWEEDE_KAMER_SEATS} zetels vast (fracties ontbreken): voor en tegen tellen"
        " alleen de vastgelegde zetels, de uitslag is die van het besluit (kolom"
        " toelichting)."
    )
documents_table(
    [
        {
            "id": m.id,
            "datum": m.date,
            "titel": m.title,
            "indiener": m.indiener,
            "medeindieners": m.medeindieners,
            "zaak": m.zaak,
            "kabinetsappreciatie": m.kabinetsappreciatie,
            "afgedaan": m.afgedaan,
            "uitslag": m.uitslag,
            "voor": m.zetels_voor,
            "tegen": m.zetels_tegen,
            "zetels onvolledig": incomplete(m) if m.zetels_voor is not None else None,
            "toelichting": recorded_note(m),
        }
        for m in shown
    ],
    key="moties",
)
if not shown:
    st.stop()
ids = [m.id for m in shown]
voted = [m.id for m in shown if m.besluit in votes]
titles = {m.id: m.title for m in shown}
# a link to one motion (./moties?motie=kst-…) opens it
asked = st.query_params.get("motie")
if asked in ids and "motie" not in st.session_state:
    st.session_state["motie"] = asked
selected_id = st.selectbox(
    "Motie",
    ids,
    index=ids.index(voted[0]) if voted else 0,
    key="motie",
    format_func=lambda i: f"{i} — {titles.get(i) or ''}".rstrip(" —"),
)
st.query_params["motie"] = selected_id
motion = next(m for m in shown if m.id == selected_id)
st.header(escape_markdown(motion.title))
st.markdown(document_link(motion.id, motion.id))
cast = votes.get(motion.besluit or "", [])
if cast:
    # The explanation goes in the same line as the uitslag: "aangenomen — 41 voor,
    # 65 tegen" alone reads as a contradiction.
    note = recorded_note(motion)
    st.markdown(
        f"Uitslag: **{escape_markdown(str(motion.uitslag))}** — {motion.zetels_voor} voor, "
        f"{motion.zetels_tegen} tegen" + (f" ({note}.)" if note else "")
    )
    chart = (
        alt.Chart(
            alt.Data(
                values=[
                    {"fractie": f, "stem": soort, "zetels": zetels}
                    for f, soort, zetels in cast
                ]
            )
        )
        .mark_bar()
        .encode(
            x=alt.X("fractie:N", sort="-y", title="Fractie"),
            y=alt.Y("zetels:Q", title="Zetels"),
            color=alt.Color(
                "stem:N",
                scale=alt.Scale(domain=["Voor", "Tegen"], range=["#2e7d32", "#c62828"]),
            ),
            tooltip=["fractie:N", "stem:N", "zetels:Q"],
        )
    )
    st.altair_chart(chart, width="stretch")
else:
    st.caption("Geen stemming over deze motie in de graaf.")
document = get_document(backend, motion.id)
if document is not None:
    st.subheader("Dictum")
    text = document.text
    start = text.lower().find("verzoekt")
    st.text(text[start:] if start != -1 else text)

later = incoming_links(backend, motion.id).as_dicts()
names = get_names()
dates = {str(r["id"]): r["date"] for r in get_documents().as_dicts()}
by_document: dict[str, list[dict]] = {}
for row in later:
    by_document.setdefault(str(row["citingId"]), []).append(row)
answering = sorted(
    d
    for d, rows in by_document.items()
    if any(link_type_label(r["type"]) == ANSWERS for r in rows)
)
st.subheader("Beantwoord door")
if not answering:
    st.caption("Geen brief in de graaf beantwoordt deze motie.")
for citing_id in answering:
    rows = by_document[citing_id]
    date = format_date(dates.get(citing_id))
    page_link(
        "documents",
        f"📄 {names.name(citing_id)} ({citing_id})" + (f", {date}" if date else ""),
        doc=citing_id,
    )
    for row in rows:
        if link_type_label(row["type"]) == ANSWERS:
            st.text(f"“{row['quote']}”")

st.subheader("Later verwezen door")
others = sorted(set(by_document) - set(answering))
if not others:
    st.caption("Geen andere documenten in de graaf verwijzen naar deze motie.")
for citing_id in others:
    rows = by_document[citing_id]
    types = sorted({link_type_label(row["type"]) for row in rows})
    st.markdown(
        document_link(citing_id, f"{citing_id} — {rows[0]['citingTitle']}")
        + f" ({', '.join(types)})"
    )
    for row in rows:
        st.text(f"“{row['quote']}”")
