"""Moties: motions with kabinetsappreciatie, outcome and the vote per fractie."""

import datetime as dt
from collections.abc import Iterable

import altair as alt
import streamlit as st

from app.state import get_backend, get_motions
from app.views import document_link, documents_table, escape_markdown
from graph.errors import GraphError
from graph.explore import (
    TWEEDE_KAMER_SEATS,
    MotionRow,
    get_document,
    incoming_links,
    link_type_label,
    unrecorded_seats,
)

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
    "Dossier", options(m.dossiernummer for m in motions), key="dossier"
)
indieners = columns[1].multiselect(
    "Indiener", options(m.indiener for m in motions), key="indiener"
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
)
uitslagen = columns[1].multiselect(
    "Uitslag", options(m.uitslag for m in motions), key="uitslag"
)
dates = [m.date for m in motions if isinstance(m.date, dt.date)]
period = columns[2].date_input(
    "Periode",
    value=(min(dates), max(dates)) if dates else (),
    key="periode",
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


shown = [m for m in motions if wanted(m)]
st.caption(f"{len(shown)} van {len(motions)} moties")
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
        }
        for m in shown
    ],
    key="moties",
)
if not shown:
    st.stop()
ids = [m.id for m in shown]
voted = [m.id for m in shown if m.besluit in votes]
selected_id = st.selectbox(
    "Motie", ids, index=ids.index(voted[0]) if voted else 0, key="motie"
)
motion = next(m for m in shown if m.id == selected_id)
st.header(escape_markdown(motion.title))
st.markdown(document_link(motion.id, motion.id))
cast = votes.get(motion.besluit or "", [])
if cast:
    st.markdown(
        f"Uitslag: **{escape_markdown(str(motion.uitslag))}** — {motion.zetels_voor} voor, "
        f"{motion.zetels_tegen} tegen"
    )
    missing = unrecorded_seats(cast)
    if missing:
        st.caption(
            f"De bron legt de stemmen van {TWEEDE_KAMER_SEATS - missing} van de"
            f" {TWEEDE_KAMER_SEATS} zetels vast; de uitslag is die van het besluit."
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

st.subheader("Later verwezen door")
later = incoming_links(backend, motion.id).as_dicts()
if not later:
    st.caption("Geen documenten in de graaf verwijzen naar deze motie.")
for citing_id in sorted({str(row["citingId"]) for row in later}):
    rows = [row for row in later if row["citingId"] == citing_id]
    types = sorted({link_type_label(row["type"]) for row in rows})
    st.markdown(
        document_link(citing_id, f"{citing_id} — {rows[0]['citingTitle']}")
        + f" ({', '.join(types)})"
    )
    for row in rows:
        st.text(f"“{row['quote']}”")
