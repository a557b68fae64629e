"""A directive's implementation status (/documents/{id}/status, kg.implementation_status): what
rests on it by level and the lags, which areas have an implementing document against the
authority list of areas (the 34 provinces and cities of 2025, Hà Nội's 30 units of 2024),
the reporting duties of its cascade, on the bundled corpus; the query count does not grow
with the cascade."""

import datetime as dt
import statistics

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import NamedNode

from api.app import create_app
from kg import named_queries
from kg.implementation_status import ReportingDuty, implementation_status, reporting_due
from kg.vocab import SPARQL_PREFIXES
from tests.test_lineage_queries import Counted
from tests.test_store import KH52, NAM_TU_LIEM, QD1373, THANH_TRI, held_document

BASE = "https://vnpolicy.example.org/"
NQ57 = BASE + "doc/vn/nq/2024/57-nq-tw"
AREA = BASE + "area/"
TODAY = dt.date(2025, 11, 10)
# the provinces with a document resting on 57-NQ/TW in the bundled corpus
NQ57_PROVINCES = {"vn-bac-ninh", "vn-nghe-an", "vn-dong-thap"}


@pytest.fixture(scope="module")
def client(corpus_store):
    return TestClient(create_app(corpus_store))


@pytest.fixture(scope="module")
def nq57(corpus_store):
    return implementation_status(corpus_store, NQ57, TODAY)


@pytest.fixture(scope="module")
def kh52(corpus_store):
    return implementation_status(corpus_store, KH52, TODAY)


def _group(status, kind):
    groups = [g for g in status.groups if g.kind == kind]
    assert len(groups) == 1, [(g.kind, g.above) for g in status.groups]
    return groups[0]


# --- the authority list of areas ---------------------------------------------------------------

def test_the_authority_data_has_34_provinces_of_2025_and_a_successor_for_each_former_one(corpus_store):
    rows = corpus_store.select(SPARQL_PREFIXES + """PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?province ?now WHERE {
          ?province skos:broader <https://vnpolicy.example.org/area/vn> ; skos:inScheme vnp:Areas .
          ?province dcterms:isReplacedBy* ?now . FILTER NOT EXISTS { ?now dcterms:isReplacedBy ?later } }""")
    now = {r["now"] for r in rows}
    assert len(now) == 34
    assert len({r["province"] for r in rows}) == len(rows) >= 63  # each former unit has one successor
    for name in ("ha-noi", "hue", "dak-lak", "ho-chi-minh", "cao-bang", "an-giang"):
        assert AREA + "vn-" + name in now
    successor = {r["province"]: r["now"] for r in rows}
    assert successor[AREA + "vn-phu-yen"] == AREA + "vn-dak-lak"
    assert successor[AREA + "vn-thua-thien-hue"] == AREA + "vn-hue"
    assert successor[AREA + "vn-ba-ria-vung-tau"] == AREA + "vn-ho-chi-minh"


# --- 57-NQ/TW, a national directive --------------------------------------------------------------

def test_57_nq_tw_lists_the_provinces_with_a_document_and_the_34_without(nq57):
    provinces = _group(nq57, "province")
    assert provinces.above == AREA + "vn" and len(provinces.units) == 34
    covered = {u.iri.removeprefix(AREA) for u in provinces.covered}
    assert covered == NQ57_PROVINCES
    assert len(provinces.uncovered) == 31
    assert AREA + "vn-ha-noi" in {u.iri for u in provinces.uncovered}
    for unit in provinces.covered:  # each covering document is one that rests on 57-NQ/TW
        assert {d.iri for d in unit.documents} <= {d.iri for d in nq57.documents}
        assert all(d.label and not d.former_unit for d in unit.documents)
    # the districts the authority data holds (Hà Nội's of 2024) are listed too: none has one
    districts = _group(nq57, "district")
    assert len(districts.units) == 30 and not districts.covered


def test_57_nq_tw_levels_and_lags(nq57):
    assert nq57.date == dt.date(2024, 12, 22)
    levels = {level.level: level for level in nq57.levels}
    assert {"party", "national", "province"} <= set(levels)
    assert sum(len(level.documents) for level in nq57.levels) == len(nq57.documents) >= 13
    for level in nq57.levels:
        for document in level.documents:
            if document.date:
                assert document.lag_days == (document.date - dt.date(2024, 12, 22)).days
            else:
                assert document.lag_days is None
        if level.lags:
            assert level.median_lag == statistics.median(level.lags)
    by_number = {d.number: d for d in nq57.documents}
    assert by_number["552/KH-UBND"].lag_days == 332  # 19/11/2025
    assert by_number["71/NQ-CP"].lag_days == 100     # 01/04/2025
    assert by_number["71/NQ-CP"].level == "national"


# --- 52/KH-UBND, a city's plan ----------------------------------------------------------------------

def test_52_kh_ubnd_lists_nam_tu_liem_and_thanh_tri_and_the_28_other_units_without(kh52, corpus_store):
    districts = _group(kh52, "district")
    assert districts.above == AREA + "vn-ha-noi" and len(districts.units) == 30
    assert {u.label["vi"] for u in districts.covered} == {"Quận Nam Từ Liêm", "Huyện Thanh Trì"}
    assert len(districts.uncovered) == 28
    assert "Quận Ba Đình" in {u.label["vi"] for u in districts.uncovered}
    plans = {d.iri for u in districts.covered for d in u.documents}
    assert plans == {held_document(corpus_store, NAM_TU_LIEM), held_document(corpus_store, THANH_TRI)}
    assert [g.kind for g in kh52.groups] == ["district"]  # no province below a province


def test_52_kh_ubnd_has_no_date_so_no_lag(kh52):
    assert kh52.date is None
    assert kh52.documents and all(d.lag_days is None for d in kh52.documents)
    assert all(level.median_lag is None for level in kh52.levels)
    assert {level.level for level in kh52.levels} == {"district", "sector"}


def test_a_former_province_counts_for_its_successor(corpus_store):
    status = implementation_status(corpus_store, QD1373, TODAY)
    provinces = _group(status, "province")
    dak_lak = next(u for u in provinces.units if u.iri == AREA + "vn-dak-lak")
    assert dak_lak.covered and all(d.former_unit for d in dak_lak.documents)
    assert {d.issued_in for d in dak_lak.documents} >= {AREA + "vn-phu-yen"}
    assert AREA + "vn-phu-yen" not in {u.iri for u in provinces.units}


# --- reporting duties ----------------------------------------------------------------------------

def _duty(**values) -> ReportingDuty:
    fields = dict(deadline="d", document="doc", document_id=None, document_label="plan", actors=None, recipients=None,
                  day=None, month=None, year=None, quarter=None, recurrence=None, text="báo cáo", span=None)
    return ReportingDuty(**{**fields, **values})


def test_duties_due_in_the_coming_month_and_past_due():
    yearly = _duty(deadline="yearly", day=15, month=11, recurrence="yearly")
    coming, past, undated = reporting_due([yearly], dt.date(2025, 11, 10))
    assert [d.due for d in coming] == [dt.date(2025, 11, 15)] and not past
    coming, past, undated = reporting_due([yearly], dt.date(2025, 11, 20))  # next one in a year: not coming
    assert not coming and not past and undated == 0
    monthly = _duty(recurrence="monthly")  # no day: by the month's end
    assert [d.due for d in reporting_due([monthly], dt.date(2025, 2, 3))[0]] == [dt.date(2025, 2, 28)]
    once_passed = _duty(day=31, month=3, year=2025, recurrence="once")
    quarter = _duty(quarter=4, year=2025)  # by the quarter's last day
    coming, past, undated = reporting_due([once_passed, quarter], dt.date(2025, 12, 1))
    assert [d.due for d in past] == [dt.date(2025, 3, 31)] and [d.due for d in coming] == [dt.date(2025, 12, 31)]
    no_month = _duty(recurrence="yearly")
    year_only = _duty(year=2025)
    month_only = _duty(month=6)
    assert reporting_due([no_month, year_only, month_only], dt.date(2025, 1, 1)) == ([], [], 3)


def test_the_cascade_s_duties_and_who_reports_to_whom(corpus_store, kh52):
    rows = corpus_store.select(named_queries.get("status-reporting").bind(doc=NamedNode(KH52)))
    documents = {r["document"] for r in rows}
    assert documents == {held_document(corpus_store, NAM_TU_LIEM), held_document(corpus_store, THANH_TRI)}
    # Nam Từ Liêm's schools report to its education office before 15 November every year
    assert any(r["day"] == "15" and r["month"] == "11" and "Phòng Giáo dục" in (r["recipients"] or "") for r in rows)
    assert any(d.day == 15 and d.month == 11 and d.due == dt.date(2025, 11, 15) for d in kh52.coming)
    assert all(d.span and d.span[0] < d.span[1] for d in kh52.coming)  # each links to its clause
    later = implementation_status(corpus_store, KH52, dt.date(2026, 1, 5))
    assert not any(d.month == 11 for d in later.coming)


# --- the named queries --------------------------------------------------------------------------

def test_status_documents_answers_the_cascade_with_dates(corpus_store):
    rows = corpus_store.select(named_queries.get("status-documents").bind(doc=NamedNode(NQ57)))
    assert len(rows) == len({r["document"] for r in rows}) >= 13
    assert {r["directiveDate"] for r in rows} == {"2024-12-22"}
    below = {r["below"] for r in corpus_store.select(named_queries.internal("below").bind(doc=NamedNode(NQ57)))}
    assert {r["document"] for r in rows} == below


def test_status_coverage_answers_every_unit(corpus_store):
    rows = corpus_store.select(named_queries.get("status-coverage").bind(doc=NamedNode(KH52)))
    assert len({r["unit"] for r in rows}) == 30
    assert {r["depth"] for r in rows} == {"2"}
    assert sum(1 for r in rows if r["document"]) == 2


# --- the route and the page ---------------------------------------------------------------------

def test_status_json_and_errors(client):
    found = client.get("/documents/vn-ha-noi/kh/52-kh-ubnd/status", params={"today": "2025-11-10"})
    assert found.status_code == 200
    body = found.json()
    assert body["count"] == 3 and body["today"] == "2025-11-10" and body["window_end"] == "2025-12-10"
    district = body["areas"][0]
    assert (district["kind"], district["covered"], district["total"]) == ("district", 2, 30)
    assert client.get("/documents/vn/qd/2099/1-qd-khong-co/status").status_code == 404
    assert client.get("/documents/vn/qd 1373/status").status_code == 400
    bad_day = client.get("/documents/vn-ha-noi/kh/52-kh-ubnd/status", params={"today": "2025-02-30"})
    assert bad_day.status_code == 422 and "today" in bad_day.json()["detail"]


@pytest.mark.parametrize("lang,words", [("vi", ["Tình hình triển khai", "2 trên 30", "Quận Ba Đình", "Đến hạn"]),
                                        ("en", ["Implementation status", "2 of 30", "Ba Dinh District", "Due in"])])
def test_status_page_in_both_languages(client, lang, words):
    page = client.get("/documents/vn-ha-noi/kh/52-kh-ubnd/status", params={"lang": lang, "today": "2025-11-10"},
                      headers={"accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for word in words:
        assert word in page.text, word


def test_a_document_page_links_its_status_when_documents_rest_on_it(client, corpus_store):
    html = {"accept": "text/html"}
    assert 'href="/documents/vn-ha-noi/kh/52-kh-ubnd/status"' in client.get("/documents/vn-ha-noi/kh/52-kh-ubnd",
                                                                          headers=html).text
    plan_id = held_document(corpus_store, NAM_TU_LIEM).split("/doc/", 1)[1]
    assert f"/documents/{plan_id}/status" not in client.get(f"/documents/{plan_id}", headers=html).text


def test_the_status_page_asks_a_bounded_number_of_queries(corpus_store, client, monkeypatch):
    counted = Counted(corpus_store, monkeypatch)
    asked = {}
    for directive in ("vn/nq/2024/57-nq-tw", "vn-ha-noi/kh/52-kh-ubnd", "vn/qd/2021/1373-qd-ttg",
                      "vn/ct/2007/11-ct-tw", held_document(corpus_store, NAM_TU_LIEM).split("/doc/", 1)[1]):
        for accept in ("application/json", "text/html"):
            counted.count = 0
            assert client.get(f"/documents/{directive}/status", headers={"accept": accept}).status_code == 200
            asked[(directive, accept)] = counted.count
    # the summary, four named queries and, when the cascade sets reporting duties, their spans and parties
    assert max(asked.values()) <= 7, asked
    assert asked[("vn/nq/2024/57-nq-tw", "text/html")] == asked[("vn-ha-noi/kh/52-kh-ubnd", "text/html")] == 7


def test_the_cascade_paths_of_the_status_queries_are_the_tables_cascade():
    """"Resting on" is kg.relations's cascade (implements, continues, guides, based_on,
    aligns_with read upwards; approves downwards), in every query of the page."""
    import re

    from kg import relations
    from tests.test_lineage_queries import _prefixed

    path = "|".join(("^" if r.downward else "") + _prefixed(r) for r in relations.RELATIONS if r.cascade)
    for name in ("status-documents", "status-coverage", "status-reporting", "target-shortfalls", "target-parents"):
        found = re.findall(r"\(((?:\^?(?:vnp|eli):\w+\|?)+)\)[+*]", named_queries.get(name).text)
        assert found and set(found) == {path}, (name, found)
