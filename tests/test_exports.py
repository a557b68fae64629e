"""Exports parse back with the store's counts; the network views answer on the corpus."""

import csv
import datetime as dt
import io
import time
from calendar import monthrange

import networkx as nx
import pyoxigraph
import pytest
from dateutil.rrule import rrulestr
from fastapi.testclient import TestClient

from api.app import create_app
from kg import network
from kg.export import TARGET_COLUMNS, export
from kg.vocab import SPARQL_PREFIXES
from tests.test_store import CT11, KL49, KH52, NAM_TU_LIEM, NQ23, QD1373, held_document


def count(store, sparql):
    return int(store.select(SPARQL_PREFIXES + sparql)[0]["n"])


@pytest.mark.parametrize("name,fmt", [("trig", pyoxigraph.RdfFormat.TRIG), ("nquads", pyoxigraph.RdfFormat.N_QUADS)])
def test_rdf_exports_parse_back_with_every_quad(corpus_store, name, fmt):
    quads = list(pyoxigraph.parse(export(corpus_store, name), format=fmt))
    assert len(quads) == len(corpus_store)


def test_jsonld_export_parses_back(corpus_store):
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(data=export(corpus_store, "jsonld"), format="json-ld")
    assert len(list(dataset.quads((None, None, None, None)))) == len(corpus_store)


def test_targets_csv(corpus_store):
    data = export(corpus_store, "targets.csv")
    assert data.startswith(b"\xef\xbb\xbfdocument,document_label,")  # a UTF-8 BOM, for Excel
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == TARGET_COLUMNS
    assert len(rows) == count(corpus_store, "SELECT (COUNT(?t) AS ?n) WHERE { ?t a vnp:Target }")
    assert any(r["document_label"] == "Nghị quyết 71/2025/NQ-HĐND" for r in rows)  # Vietnamese read back whole
    assert any(r["value"] == "99.5" and r["year"] == "2025" and r["indicator"].endswith("literacy-rate-15-60")
               for r in rows)


def _components(data: bytes) -> tuple[list, list]:
    from icalendar import Calendar

    calendar = Calendar.from_ical(data)
    return list(calendar.walk("VEVENT")), list(calendar.walk("VTODO"))


def test_deadlines_icalendar_holds_every_deadline_once(corpus_store):
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    events, todos = _components(export(corpus_store, "deadlines.ics"))
    after = dt.datetime.now(dt.timezone.utc)
    deadlines = [row["d"] for row in corpus_store.select(SPARQL_PREFIXES + "SELECT DISTINCT ?d WHERE { ?d a vnp:Deadline }")]
    assert len(deadlines) > 200
    assert sorted(str(c["uid"]) for c in events + todos) == sorted(deadlines)
    for component in events + todos:  # stamped with the time the file was made
        assert before <= component.decoded("dtstamp") <= after
    dated = {row["d"]: (int(row["m"]), int(row["day"])) for row in corpus_store.select(
        SPARQL_PREFIXES + "SELECT ?d ?m ?day WHERE { ?d a vnp:Deadline ; vnp:day ?day ; vnp:month ?m }")}
    on_their_day = {str(e["uid"]): (e.decoded("dtstart").month, e.decoded("dtstart").day) for e in events
                    if str(e["uid"]) in dated}
    assert on_their_day == dated
    yearly = [e for e in events if (e.decoded("dtstart").month, e.decoded("dtstart").day) == (11, 15)
              and "rrule" in e and e["rrule"]["FREQ"] == ["YEARLY"]]
    assert yearly


PERIODIC_PLAN = """ỦY BAN NHÂN DÂN
HUYỆN THANH TRÌ

Số: 99/KH-UBND

Thanh Trì, ngày 10 tháng 3 năm 2025

KẾ HOẠCH
Thực hiện công tác khuyến học năm 2025

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao chất lượng công tác khuyến học.

II. TỔ CHỨC THỰC HIỆN
1. Phòng Giáo dục và Đào tạo chủ trì, tổng hợp báo cáo kết quả thực hiện về UBND huyện hằng tháng.
2. UBND các xã báo cáo kết quả thực hiện về Phòng Giáo dục và Đào tạo định kỳ 6 tháng.
3. Các trường học báo cáo tình hình về Phòng Giáo dục và Đào tạo hằng quý.
4. Hội Khuyến học huyện báo cáo UBND huyện hằng năm.
5. Trạm Y tế báo cáo tình hình dịch bệnh về UBND huyện hằng ngày.
"""


@pytest.fixture(scope="module")
def periodic_store(tmp_path_factory):
    """A made-up plan with a dayless report of every period, beside a sample plan."""
    from kg.ingestion import ingest_files
    from kg.store import GraphStore
    folder = tmp_path_factory.mktemp("periodic")
    plan = folder / "kh-99-thanh-tri.txt"
    plan.write_text(PERIODIC_PLAN, encoding="utf-8")
    store = GraphStore(folder / "store")
    assert ingest_files(store, [plan, NAM_TU_LIEM]).ok
    return store


def test_a_recurring_deadline_without_a_day_repeats_on_the_last_day_of_its_period(periodic_store):
    dayless = {row["d"]: row["r"].rsplit("#", 1)[1] for row in periodic_store.select(SPARQL_PREFIXES + """
        SELECT ?d ?r WHERE { ?d a vnp:Deadline ; vnp:recurrence ?r FILTER(?r != vnp:once)
                             FILTER NOT EXISTS { ?d vnp:day ?day } }""")}
    assert set(dayless.values()) == {"yearly", "halfYearly", "quarterly", "monthly", "daily"}  # one of each period
    events, _ = _components(export(periodic_store, "deadlines.ics"))
    daily = [e for e in events if dayless.get(str(e["uid"])) == "daily"]
    assert daily and all(e["rrule"]["FREQ"] == ["DAILY"] for e in daily)   # "báo cáo hằng ngày": every day
    dayless = {uid: r for uid, r in dayless.items() if r != "daily"}
    found = {str(e["uid"]): e for e in events if str(e["uid"]) in dayless}
    assert set(found) == set(dayless)
    expected = {"monthly": ("MONTHLY", None, None), "quarterly": ("MONTHLY", 3, None),
                "halfYearly": ("MONTHLY", 6, None), "yearly": ("YEARLY", None, [12])}
    for uid, event in found.items():
        rule, start = event["rrule"], event.decoded("dtstart")
        freq, interval, by_month = expected[dayless[uid]]
        assert (rule["FREQ"], rule.get("INTERVAL"), rule.get("BYMONTH"), rule["BYMONTHDAY"]) == (
            [freq], interval and [interval], by_month, [-1]), uid
        assert start.day == monthrange(start.year, start.month)[1]
        assert "Văn bản không nêu ngày" in event["description"]
    quarterly = next(e for uid, e in found.items() if dayless[uid] == "quarterly")
    occurrences = rrulestr(quarterly["rrule"].to_ical().decode(),
                           dtstart=dt.datetime.combine(quarterly.decoded("dtstart"), dt.time()))
    assert [(d.month, d.day) for d in occurrences[:4]] == [(3, 31), (6, 30), (9, 30), (12, 31)]


def test_a_deadline_with_no_time_to_place_is_a_todo_and_one_with_a_year_is_at_its_end(corpus_store):
    undated = {row["d"] for row in corpus_store.select(SPARQL_PREFIXES + """
        SELECT ?d WHERE { ?d a vnp:Deadline
          FILTER NOT EXISTS { ?d vnp:month ?m } FILTER NOT EXISTS { ?d vnp:year ?y }
          FILTER NOT EXISTS { ?d vnp:quarter ?q } FILTER NOT EXISTS { ?d vnp:recurrence ?r FILTER(?r != vnp:once) } }""")}
    only_a_year = {row["d"]: int(row["y"]) for row in corpus_store.select(SPARQL_PREFIXES + """
        SELECT ?d ?y WHERE { ?d a vnp:Deadline ; vnp:year ?y
          FILTER NOT EXISTS { ?d vnp:month ?m } FILTER NOT EXISTS { ?d vnp:quarter ?q } }""")}
    assert undated and only_a_year
    events, todos = _components(export(corpus_store, "deadlines.ics"))
    assert {str(t["uid"]) for t in todos} == undated
    assert all("Văn bản không nêu thời hạn" in t["description"] and "due" not in t for t in todos)
    at_year_end = {str(e["uid"]): e.decoded("dtstart") for e in events if str(e["uid"]) in only_a_year}
    assert at_year_end == {uid: dt.date(year, 12, 31) for uid, year in only_a_year.items()}


def test_deadline_uids_and_days_are_the_same_on_every_run(corpus_store):
    def days(data: bytes) -> dict:
        events, todos = _components(data)
        return {str(c["uid"]): c.decoded("dtstart") if "dtstart" in c else None for c in events + todos}

    first = export(corpus_store, "deadlines.ics")
    time.sleep(1.1)
    second = export(corpus_store, "deadlines.ics")
    assert days(first) == days(second)
    assert _components(first)[0][0]["dtstamp"].to_ical() != _components(second)[0][0]["dtstamp"].to_ical()


@pytest.mark.parametrize("name,read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_exports(corpus_store, name, read):
    graph = read(io.BytesIO(export(corpus_store, name)))
    expected = nx.DiGraph(network.document_graph(corpus_store))
    assert graph.number_of_nodes() == expected.number_of_nodes()
    assert graph.number_of_edges() == expected.number_of_edges()


def test_network_views(corpus_store):
    graph = network.document_graph(corpus_store)
    plan = held_document(corpus_store, NAM_TU_LIEM)
    assert {KH52, NQ23} <= network.ancestors(graph, plan)
    assert plan in network.descendants(graph, NQ23)
    depth = network.cascade_depth(graph)
    assert depth[CT11] == 0 and depth[KL49] == 1 and depth[NQ23] == 0 and depth[plan] >= 2
    central = dict(network.central_directives(graph, top=30))
    assert central.get(NQ23, 0) >= 3
    components = network.components(graph)
    assert plan in components[0] or any(plan in c and KH52 in c for c in components)


def test_export_routes(corpus_store):
    client = TestClient(create_app(corpus_store))
    assert {e["name"] for e in client.get("/export").json()} >= {"trig", "targets.csv", "deadlines.ics", "gexf"}
    ics = client.get("/export/deadlines.ics")
    assert ics.headers["content-type"].startswith("text/calendar") and b"BEGIN:VCALENDAR" in ics.content
    assert client.get("/export/nope").status_code == 404


def test_document_iris_dereference_by_accept(corpus_store):
    from rdflib import Graph, URIRef

    client = TestClient(create_app(corpus_store))
    path = "/doc/" + QD1373.split("/doc/", 1)[1]
    page = client.get(path, headers={"accept": "text/html"}, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/documents/" + QD1373.split("/doc/", 1)[1]
    assert page.headers["vary"] == "Accept"
    turtle = client.get(path, headers={"accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=turtle.text, format="turtle")
    assert (URIRef(QD1373), URIRef("http://data.europa.eu/eli/ontology#number"), None) in graph
    jsonld = client.get(path, headers={"accept": "application/ld+json"})
    assert Graph().parse(data=jsonld.text, format="json-ld").value(URIRef(QD1373), URIRef(
        "http://data.europa.eu/eli/ontology#number")) is not None
    assert client.get("/doc/vn/qd/1999/1-qd-x", headers={"accept": "text/turtle"}).status_code == 404


def test_deadlines_icalendar_for_one_organisation(corpus_store):
    """Thanh Trì's Phòng Giáo dục và Đào tạo reports to the Sở by 01/12 every year, receives
    the schools' reports by 25/11 every year, and reports every year with no day given
    (hanoi-thanh-tri-pgddt-2024-kh-nq23.txt, lines 467-468, 489-490 and 435-436): three
    yearly events, the last on 31 December, out of all the calendar's."""
    from icalendar import Calendar

    client = TestClient(create_app(corpus_store))
    organisation = "vn-ha-noi/thanh-tri/phong-giao-duc-va-dao-tao"
    ics = client.get("/export/deadlines.ics", params={"organisation": organisation})
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    assert ('filename="deadlines-vn-ha-noi-thanh-tri-phong-giao-duc-va-dao-tao.ics"'
            in ics.headers["content-disposition"])
    events = list(Calendar.from_ical(ics.content).walk("VEVENT"))
    assert sorted((e.decoded("dtstart").month, e.decoded("dtstart").day, e["rrule"]["FREQ"]) for e in events) == [
        (11, 25, ["YEARLY"]), (12, 1, ["YEARLY"]), (12, 31, ["YEARLY"])]
    everything = list(Calendar.from_ical(export(corpus_store, "deadlines.ics")).walk("VEVENT"))
    assert len(events) < len(everything)
    by_iri = export(corpus_store, "deadlines.ics", organisation=f"https://vnpolicy.example.org/org/{organisation}")
    assert len(list(Calendar.from_ical(by_iri).walk("VEVENT"))) == 3
    assert client.get("/export/trig", params={"organisation": organisation}).status_code == 400
    assert client.get("/export/deadlines.ics", params={"organisation": "vn/no-such-body"}).status_code == 404
    with pytest.raises(ValueError):
        export(corpus_store, "trig", organisation=f"https://vnpolicy.example.org/org/{organisation}")
