"""Exports of the store: the graph as TriG, N-Quads or JSON-LD; targets as CSV; deadlines
as iCalendar; the document network as GraphML or GEXF (for Gephi)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import networkx as nx
from pyoxigraph import RdfFormat

from kg import commitments
from kg.network import document_graph
from kg.store import GraphStore
from kg.vocab import SPARQL_PREFIXES

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
    rows = store.select(SPARQL_PREFIXES + """
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?document ?document_label ?indicator ?year ?value ?value_max ?unit ?comparator ?area ?clause
               ?source ?start ?end WHERE {
          ?t a vnp:Target ; vnp:setBy ?document ; vnp:value ?value ; vnp:unit ?unit ; vnp:clause ?clause ;
             vnp:evidence/oa:hasTarget ?spot .
          ?spot oa:hasSource ?source ; oa:hasSelector ?p . ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
          OPTIONAL { ?t vnp:indicator ?indicator } OPTIONAL { ?t vnp:targetYear ?year }
          OPTIONAL { ?t vnp:valueMax ?value_max } OPTIONAL { ?t vnp:comparator ?comparator }
          OPTIONAL { ?t vnp:area ?area } OPTIONAL { ?document rdfs:label ?document_label }
        } ORDER BY ?document ?start ?year""")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=TARGET_COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: row.get(key) or "" for key in TARGET_COLUMNS})
    return out.getvalue()


RRULES = {"yearly": "YEARLY", "monthly": "MONTHLY", "quarterly": "MONTHLY", "half_yearly": "MONTHLY"}
INTERVALS = {"quarterly": 3, "half_yearly": 6}


def deadlines_ical(store: GraphStore, today: dt.date | None = None, organisation: str | None = None) -> bytes:
    """Deadlines with a day and a month as all-day events (recurring ones with their RRULE,
    from this year, or from the year stated); only those `organisation` (an IRI) acts on or
    receives when it is given."""
    from icalendar import Calendar, Event

    today = today or dt.date.today()
    calendar = Calendar()
    calendar.add("prodid", "-//vn-policy-kg//deadlines//VI")
    calendar.add("version", "2.0")
    for deadline in commitments.all_deadlines(store, organisation):
        if not (deadline["day"] and deadline["month"]):
            continue
        recurrence = deadline["recurrence"]
        try:
            start = dt.date(deadline["year"] or today.year, deadline["month"], deadline["day"])
        except ValueError:
            continue
        event = Event()
        event.add("uid", deadline["id"])
        kind = "Báo cáo" if deadline["kind"] == "report" else "Thời hạn"
        event.add("summary", f"{kind}: {deadline['document_label'] or deadline['document']}")
        description = deadline["text"] + "".join(
            f"\n{name}: {deadline[key]}" for name, key in (("Thực hiện", "actor"), ("Gửi", "recipient"))
            if deadline[key])
        event.add("description", description)
        event.add("dtstart", start)
        event.add("dtstamp", dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
        event.add("url", deadline["document"])
        if recurrence in RRULES:
            rule = {"freq": RRULES[recurrence]}
            if recurrence in INTERVALS:
                rule["interval"] = INTERVALS[recurrence]
            event.add("rrule", rule)
        calendar.add_component(event)
    return calendar.to_ical()


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
