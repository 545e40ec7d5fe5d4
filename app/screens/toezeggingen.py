"""Toezeggingen: open, overdue and fulfilled commitments on a reference date, drawn on a
timeline (deadline ranges, the letters that state and answer them)."""

import datetime as dt

import altair as alt
import streamlit as st

from app.labels import CHOOSE_MANY, DATE_FORMAT, format_date, status_label
from app.names import get_names
from app.state import get_toezeggingen
from app.views import document_link, documents_table, escape_markdown
from graph.errors import GraphError

# Dates on the timeline by number: the chart's own month names are English.
DAY = "%d-%m-%Y"
STATUS_COLOURS = {"open": "#1565c0", "te laat": "#c62828", "voldaan": "#2e7d32"}

st.title("Toezeggingen")


columns = st.columns([1, 2, 2])
# a link with ?peildatum=2026-01-01 opens the page on that date
try:
    asked = dt.date.fromisoformat(st.query_params.get("peildatum", ""))
except ValueError:
    asked = None
if asked is not None and "peildatum" not in st.session_state:
    st.session_state["peildatum"] = asked
reference_date = columns[0].date_input(
    "Peildatum", value=dt.date.today(), key="peildatum", format=DATE_FORMAT
)
st.query_params["peildatum"] = reference_date.isoformat()
try:
    toezeggingen = get_toezeggingen(reference_date)
except GraphError as error:
    st.error(escape_markdown(str(error)))
    st.stop()
if not toezeggingen:
    st.info("Geen toezeggingen in de graaf.")
    st.stop()

statuses = columns[1].multiselect(
    "Status",
    list(STATUS_COLOURS),
    default=list(STATUS_COLOURS),
    key="status",
    format_func=status_label,
    placeholder=CHOOSE_MANY,
)
people = sorted({t.bewindspersoon for t in toezeggingen if t.bewindspersoon})
chosen_people = columns[2].multiselect(
    "Bewindspersoon", people, key="bewindspersoon", placeholder=CHOOSE_MANY
)
shown = [
    t
    for t in toezeggingen
    if t.status in statuses and (not chosen_people or t.bewindspersoon in chosen_people)
]

counts = st.columns(len(STATUS_COLOURS))
for column, status in zip(counts, STATUS_COLOURS, strict=True):
    column.metric(status_label(status), sum(t.status == status for t in toezeggingen))


def _ids(letters: tuple[tuple[str, dt.date | None], ...]) -> str:
    return ", ".join(letter_id for letter_id, _ in letters)


documents_table(
    [
        {
            "id": t.id,
            "status": status_label(t.status),
            "deadline vanaf": t.deadline.start if t.deadline else None,
            "deadline tot": t.deadline.end if t.deadline else None,
            "bewindspersoon": t.bewindspersoon,
            "tekst": t.text,
            "genoemd in": _ids(t.mentioned_in),
            "beantwoord door": _ids(t.answered_by),
            "status TK": t.tk_status,
        }
        for t in shown
    ],
    key="toezeggingen",
)
if not shown:
    st.stop()

st.subheader("Tijdlijn")
marks = []
for t in shown:
    if t.deadline:
        marks.append(
            {
                "toezegging": t.id,
                "wat": "deadline",
                "van": t.deadline.start.isoformat(),
                "tot": t.deadline.end.isoformat(),
                "status": str(t.status),
            }
        )
    for what, letters in (("genoemd", t.mentioned_in), ("beantwoord", t.answered_by)):
        for letter_id, date in letters:
            if date is not None:
                marks.append(
                    {
                        "toezegging": t.id,
                        "wat": f"{what} in {letter_id}",
                        "van": date.isoformat(),
                        "tot": date.isoformat(),
                        "status": str(t.status),
                    }
                )
colour = alt.Color(
    "status:N",
    scale=alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values())),
)
base = alt.Chart(alt.Data(values=marks)).encode(
    y=alt.Y("toezegging:N", title=None),
    tooltip=[
        "toezegging:N",
        "wat:N",
        alt.Tooltip("van:T", format=DAY),
        alt.Tooltip("tot:T", format=DAY),
        "status:N",
    ],
)
ranges = base.transform_filter(alt.datum.wat == "deadline").mark_bar(
    size=14, opacity=0.5
)
ranges = ranges.encode(
    x=alt.X("van:T", title="Datum", axis=alt.Axis(format=DAY)),
    x2="tot:T",
    color=colour,
)
letters = base.transform_filter(alt.datum.wat != "deadline").mark_point(
    size=90, filled=True, shape="diamond"
)
letters = letters.encode(x="van:T", color=colour)
today = (
    alt.Chart(alt.Data(values=[{"peildatum": reference_date.isoformat()}]))
    .mark_rule(strokeDash=[4, 4], color="#555")
    .encode(x="peildatum:T", tooltip=[alt.Tooltip("peildatum:T", format=DAY)])
)
st.altair_chart(ranges + letters + today, width="stretch")
st.caption(
    "Balk: de termijn uit de tekst; ruit: de brief die de toezegging noemt of "
    "beantwoordt; stippellijn: de peildatum."
)

ids = [t.id for t in shown]
selected = st.selectbox("Toezegging", ids, key="toezegging")
toezegging = next(t for t in shown if t.id == selected)
st.header(escape_markdown(toezegging.id))
st.markdown(
    f"**{escape_markdown(status_label(toezegging.status))}** op "
    f"{format_date(reference_date)}"
)
if toezegging.tk_status:
    st.caption(f"Status bij de Tweede Kamer: {escape_markdown(toezegging.tk_status)}")
st.text(toezegging.text)  # st.text never interprets markup
names = get_names()
for what, letters_of in (
    ("Genoemd in", toezegging.mentioned_in),
    ("Beantwoord door", toezegging.answered_by),
):
    if letters_of:
        st.markdown(
            f"{what}: "
            + ", ".join(
                document_link(letter_id, names.label(letter_id))
                + (f" ({format_date(date)})" if date else "")
                for letter_id, date in letters_of
            )
        )
