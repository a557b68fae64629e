"""Exports of the store: the graph as TriG, N-Quads or JSON-LD; targets as CSV; deadlines
as iCalendar; the document network as GraphML or GEXF (for Gephi)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from calendar import monthrange

import networkx as nx
from pyoxigraph import RdfFormat

from kg import commitments, named_queries
from kg.network import document_graph
from kg.store import GraphStore

RDF_FORMATS = {"trig": (RdfFormat.TRIG, "application/trig"), "nquads": (RdfFormat.N_QUADS, "application/n-quads"),
               "jsonld": (RdfFormat.JSON_LD, "application/ld+json")}
FORMATS = {**{name: media for name, (_, media) in RDF_FORMATS.items()},
           "targets.csv": "text/csv", "deadlines.ics": "text/calendar", "graphml": "application/graphml+xml",
           "gexf": "application/gexf+xml"}


def export(store: GraphStore, name: str, organisation: str | None = None) -> bytes:
    """The export `name`; for deadlines.ics, only the deadlines `organisation` (an IRI) acts
    on or receives when it is given."""
    if organisation is not None and name != "deadlines.ics":
        raise ValueError(f"only deadlines.ics can be filtered by organisation, not {name!r}")
    if name in RDF_FORMATS:
        return store.dump(RDF_FORMATS[name][0])
    if name == "targets.csv":
        return targets_csv(store).encode("utf-8-sig")  # the BOM tells Excel the file is UTF-8
    if name == "deadlines.ics":
        return deadlines_ical(store, organisation=organisation)
    if name in ("graphml", "gexf"):
        return network_file(store, name)
    raise ValueError(f"unknown export {name!r}; known: {', '.join(FORMATS)}")


TARGET_COLUMNS = ["document", "document_label", "indicator", "year", "value", "value_max", "unit", "comparator",
                  "area", "clause", "source", "start", "end"]


def targets_csv(store: GraphStore) -> str:
    rows = store.select(named_queries.internal("targets-with-sources").text)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=TARGET_COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: row.get(key) or "" for key in TARGET_COLUMNS})
    return out.getvalue()


# months from one occurrence of a recurring deadline to the next; also the last month of a
# year's first period, where a duty the text gives no month for is placed
PERIODS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}
PERIOD_NAMES = {1: "tháng", 3: "quý", 6: "nửa năm", 12: "năm"}


def deadlines_ical(store: GraphStore, today: dt.date | None = None, organisation: str | None = None) -> bytes:
    """Every deadline of the store (only those `organisation`, an IRI, acts on or receives
    when it is given) as one component of the calendar, none left out:

    - with a day and a month: an all-day event on that day, from the year stated (else this
      year); a recurring one repeats (RRULE) every month, quarter, half year or year;
    - daily ("hằng ngày"): an event today that repeats every day;
    - recurring without a day: an event on the last day of its month, or of its period when
      the month is not given either (the last day of every month, quarter, half year, or
      31 December), repeating;
    - once, without a day: the last day of the month, quarter or year the text gives;
    - with no time the calendar can place (only "định kỳ", "trong thời hạn 30 ngày"): a to-do
      (VTODO) without a due date.

    The description says what the text does not give. DTSTAMP is the time of generation
    (UTC); the UID is the deadline's IRI, so a calendar application that imports the file
    again updates the events instead of doubling them."""
    from icalendar import Calendar, Event, Todo

    today = today or dt.date.today()
    generated = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", "-//vn-policy-kg//deadlines//VI")
    calendar.add("version", "2.0")
    for deadline in commitments.all_deadlines(store, organisation):
        placed = _deadline_date(deadline, today)
        component = Event() if placed else Todo()
        component.add("uid", deadline.id)
        component.add("dtstamp", generated)
        kind = "Báo cáo" if deadline.kind == "report" else "Thời hạn"
        component.add("summary", f"{kind}: {deadline.document_label or deadline.document}")
        notes = [placed[2]] if placed else ["Văn bản không nêu thời hạn."]
        component.add("description", "\n".join([deadline.text, *(
            f"{name}: {party}" for name, party in (("Thực hiện", deadline.actor), ("Gửi", deadline.recipient))
            if party), *filter(None, notes)]))
        component.add("url", deadline.document)
        if placed:
            start, rule, _ = placed
            component.add("dtstart", start)
            if rule:
                component.add("rrule", rule)
        calendar.add_component(component)
    return calendar.to_ical()


def _deadline_date(deadline: commitments.CalendarDeadline,
                   today: dt.date) -> tuple[dt.date, dict | None, str | None] | None:
    """(first day, RRULE or None, a note on what the text does not give) of a deadline, or
    None when nothing in it places it in a calendar."""
    day, month, year, quarter = deadline.day, deadline.month, deadline.year, deadline.quarter
    if month is None and quarter:
        month = quarter * 3                                        # a quarter is due by its last month
    if deadline.recurrence == "daily":                             # "báo cáo hằng ngày": every day from today
        return today, {"freq": "DAILY"}, "Báo cáo, thực hiện hằng ngày."
    step = PERIODS.get(deadline.recurrence)
    notes = []
    if step:
        if month is None:
            month = step                                           # the end of the year's first period
            if day is None:
                notes.append(f"Văn bản không nêu ngày: đặt vào ngày cuối mỗi {PERIOD_NAMES[step]}.")
            elif step != 1:
                notes.append(f"Văn bản không nêu tháng: đặt vào tháng cuối mỗi {PERIOD_NAMES[step]}.")
        elif day is None:
            notes.append("Văn bản không nêu ngày: đặt vào ngày cuối tháng.")
        rule = {"freq": "YEARLY"} if step == 12 else {"freq": "MONTHLY"}
        if step in (3, 6):
            rule["interval"] = step
        if day is None:                                            # the month's last day, whatever its length
            rule["bymonthday"] = -1
            if step == 12:
                rule["bymonth"] = month                            # else YEARLY;BYMONTHDAY expands to every month
    else:
        rule = None
        if month is None and year is None:
            return None                                            # only relative ("trong 30 ngày"), or nothing
        if month is None:
            month = 12
            notes.append("Văn bản chỉ nêu năm: đặt vào ngày cuối năm.")
        elif day is None:
            notes.append("Văn bản không nêu ngày: đặt vào ngày cuối "
                         + ("quý." if quarter and deadline.month is None else "tháng."))
    if year is None:
        year = today.year
        if not step:
            notes.append("Văn bản không nêu năm: đặt vào năm nay.")
    last = monthrange(year, month)[1]
    start = dt.date(year, month, last if day is None else min(day, last))
    return start, rule, " ".join(notes) or None


def network_file(store: GraphStore, fmt: str) -> bytes:
    graph = document_graph(store)
    simple = nx.DiGraph()
    for node, data in graph.nodes(data=True):
        simple.add_node(node, **{k: v for k, v in data.items()})
    for lower, upper, data in graph.edges(data=True):
        if simple.has_edge(lower, upper):
            simple[lower][upper]["relation"] += "," + data["relation"]
        else:
            simple.add_edge(lower, upper, relation=data["relation"])
    out = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(simple, out)
    else:
        nx.write_gexf(simple, out)
    return out.getvalue()
