"""A document's page and JSON show the results it reports (vnp:Result) beside its targets, each
with its evidence span; pages name organisations as links to their pages (/organisations/{id},
the id made by ingest.keys.body_key in the build); both cost a bounded number of queries.

Corpus facts used, read in the source texts:
- data/corpus/real/987-kh-ubnd--ceb89a53.md (Nghệ An, 987/KH-UBND), "1. Hiện trạng": "... là 87
  trạm. Trong đó, có 28 trạm 5G trên nền hạ tầng 3G/4G (Chiếm 32,2 %)."
- data/corpus/real/0204-kh-ubnd--9b7eebad.md (Cà Mau, 0204/KH-UBND): 102 values reported in 44
  sentences, the first "Tốc độ tăng trưởng kinh tế của tỉnh năm 2025 ước đạt 8% so cùng kỳ";
  "629/731 trường công lập đạt chuẩn quốc gia, đạt tỷ lệ 86,1%" (indicator schools-national-standard).
- data/corpus/plans/hanoi-thanh-tri-pgddt-2024-kh-nq23.txt: its report duty "báo cáo kết quả ... về
  Sở Giáo dục và Đào tạo trước ngày mùng 01 tháng 12 hằng năm", due in the status page's month
  from 2025-11-15 under 52/KH-UBND.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.routes.documents import RESULTS_PAGE
from kg import commitments
from kg.catalogue import list_documents
from tests.conftest import REAL
from tests.test_lineage_queries import Counted
from tests.test_store import held_document

NGHE_AN_5G = REAL / "987-kh-ubnd--ceb89a53.md"
CA_MAU = REAL / "0204-kh-ubnd--9b7eebad.md"
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client(corpus_store):
    with TestClient(create_app(corpus_store)) as client:
        yield client


def _id(store, path) -> str:
    return held_document(store, path).split("/doc/", 1)[1]


def _source(client, doc_id: str) -> str:
    """The document's normalised text, as its page shows it (the offsets of spans are into it)."""
    page = client.get(f"/documents/{doc_id}", headers=HTML).text
    return unescape(re.search(r'<pre class="source">(.*?)</pre>', page, re.S).group(1))


def _results_section(page: str) -> str:
    found = re.search(r'<section class="results".*?</section>', page, re.S)
    assert found, "no results section"
    return found.group(0)


def test_the_json_of_a_document_has_its_results_with_their_evidence(corpus_store, client):
    doc_id = _id(corpus_store, NGHE_AN_5G)
    body = client.get(f"/documents/{doc_id}").json()
    assert {"summary", "titles", "issuers", "jurisdictions", "related", "sources", "results"} <= set(body)
    found = sorted((r["value"], r["unit"], r["year"]) for r in body["results"])
    assert found == [(28.0, "trạm", 2025), (32.2, "%", 2025), (87.0, "trạm", 2025)]
    text = _source(client, doc_id)
    for result in body["results"]:
        start, end = result["span"]
        clause = text[start:end]
        assert clause == result["text"], (clause, result["text"])
        number = f"{result['value']:g}".replace(".", ",")
        assert number in clause.replace(" ", ""), (number, clause)
        assert result["rule"].startswith("result:") and 0 < result["confidence"] <= 1
        assert result["indicator_id"] == "mobile-5g-coverage"
        assert result["indicator_label"]["vi"] and result["indicator_label"]["en"]
    # the sub-route answers the same list; a document that reports nothing has an empty one
    assert client.get(f"/documents/{doc_id}/results").json() == body["results"]
    plan = next(d for d in list_documents(corpus_store) if d.held and d.id != doc_id
                and not commitments.results(corpus_store, d.iri))
    assert client.get(f"/documents/{plan.id}").json()["results"] == []


def test_the_results_routes_refuse_bad_requests_with_a_message(client):
    assert client.get("/documents/vn/qd/2099/1-qd-khong-co/results").status_code == 404
    bad = client.get("/documents/vn/qd 1/results")
    assert bad.status_code == 400 and bad.json()["detail"]
    for value in ("-1", "x", "10000000"):
        wrong = client.get(f"/documents/vn-ca-mau/kh/2025/204-kh-ubnd?results_from={value}", headers=HTML)
        assert wrong.status_code == 422 and "results_from" in wrong.text, value


@pytest.mark.parametrize("lang,heading,value", [("vi", "Kết quả đạt được", "32,2%"),
                                                ("en", "Results reported", "32.2%")])
def test_the_page_shows_the_results_beside_the_targets_each_linking_to_its_sentence(corpus_store, client, lang,
                                                                                      heading, value):
    doc_id = _id(corpus_store, NGHE_AN_5G)
    page = client.get(f"/documents/{doc_id}?lang={lang}", headers=HTML).text
    section = _results_section(page)
    assert f'<h2 id="results">{heading}</h2>' in section
    assert page.index('id="targets"') < page.index('id="results"') < page.index('id="source"')
    assert value in section and "87 trạm" in section and "28 trạm" in section
    spans = re.findall(rf'href="/documents/{re.escape(doc_id)}\?span=(\d+)-(\d+)#highlight"', section)
    body = client.get(f"/documents/{doc_id}").json()
    assert {tuple(map(int, s)) for s in spans} == {tuple(r["span"]) for r in body["results"]}
    assert 'href="/targets/compare?indicator=mobile-5g-coverage"' in section
    assert f'href="/queries/document-results?doc={doc_id}"' in section


def test_a_document_reporting_a_hundred_values_pages_them_by_sentence(corpus_store, client):
    doc_id = _id(corpus_store, CA_MAU)
    results = client.get(f"/documents/{doc_id}").json()["results"]
    clauses = {tuple(r["span"]) for r in results}
    assert len(results) == 102 and len(clauses) == 44
    seen, first = [], 0
    while True:
        section = _results_section(client.get(f"/documents/{doc_id}?results_from={first}&lang=vi",
                                              headers=HTML).text)
        rows = re.findall(r'<td><a href="/documents/[^"?]+\?span=(\d+)-(\d+)#highlight">', section)
        assert 0 < len(rows) <= RESULTS_PAGE
        seen += [tuple(map(int, r)) for r in rows]
        nxt = re.search(r'rel="next" href="[^"]*\?results_from=(\d+)#results"', section)
        if not nxt:
            break
        assert 'rel="prev"' in section or first == 0
        first = int(nxt.group(1))
    assert len(seen) == len(set(seen)) == 44 and set(seen) == clauses and seen == sorted(seen)
    page = client.get(f"/documents/{doc_id}?lang=vi", headers=HTML).text
    section = _results_section(page)
    assert "102" in section and "44" in section  # the summary counts every value and sentence
    assert "1. Đánh giá tình hình phát triển kinh tế - xã hội của tỉnh Cà Mau năm 2025" in section
    assert "<li><span class=\"value\">8%</span>" in section
    assert len(page) < 150_000  # a page of sentences, not the hundred values' every detail
    beyond = _results_section(client.get(f"/documents/{doc_id}?results_from=999&lang=vi", headers=HTML).text)
    assert "Không có kết quả ở trang này." in beyond  # past the end: nothing, and a way back to the last page
    assert f'rel="prev" href="/documents/{doc_id}?results_from=40#results"' in beyond
    school_clause = next(tuple(r["span"]) for r in results if r["indicator_id"] == "schools-national-standard")
    page_of_schools = sorted(clauses).index(school_clause) // RESULTS_PAGE * RESULTS_PAGE
    schools = _results_section(client.get(f"/documents/{doc_id}?results_from={page_of_schools}&lang=en",
                                          headers=HTML).text)
    assert 'href="/targets/compare?indicator=schools-national-standard"' in schools and "86.1%" in schools


def test_the_document_page_and_json_ask_the_same_bounded_number_of_queries(corpus_store, client, monkeypatch):
    """The results are one query (document-results), whether a document reports 0, 3 or 102."""
    held = [d for d in list_documents(corpus_store) if d.held]
    counted = Counted(corpus_store, monkeypatch)
    corpus_store.generation += 1  # as after a write: no document's JSON is kept from earlier tests
    asked = {}
    for doc in held:
        for accept in ("text/html", "application/json"):
            counted.count = 0
            assert client.get(f"/documents/{doc.id}", headers={"Accept": accept}).status_code == 200
            asked[(doc.id, accept)] = counted.count
    html = {k: v for k, v in asked.items() if k[1] == "text/html"}
    json = {k: v for k, v in asked.items() if k[1] == "application/json"}
    assert len(set(html.values())) == 1 and max(html.values()) <= 10, html
    assert len(set(json.values())) == 1 and max(json.values()) <= 6, json
    ca_mau = _id(corpus_store, CA_MAU)
    counted.count = 0
    assert len(client.get(f"/documents/{ca_mau}/results").json()) == 102
    assert counted.count == 2  # its existence, its results


def _organisation_links(html: str) -> list[tuple[str, str]]:
    return [(i, unescape(n)) for i, n in re.findall(r'<a class="org-link" href="/organisations/([^"]+)">([^<]*)</a>', html)]


def test_the_document_page_names_organisations_as_links_to_their_pages(corpus_store, client):
    from tests.conftest import THANH_TRI

    doc_id = _id(corpus_store, THANH_TRI)
    page = client.get(f"/documents/{doc_id}", headers=HTML).text
    assignments = re.search(r'<ul class="organisations">.*?</ul>', page, re.S).group(0)
    deadlines = re.search(r'<table class="list deadlines">.*?</table>', page, re.S).group(0)
    expected = {(o["organisation_id"], o["name"]) for o in client.get(f"/documents/{doc_id}/organisations").json()}
    assert set(_organisation_links(assignments)) == expected
    duties = client.get(f"/documents/{doc_id}/deadlines").json()
    named = {(d["actor_id"], d["actor"]) for d in duties if d["actor"]} | {
        (d["recipient_id"], d["recipient"]) for d in duties if d["recipient"]}
    assert named and set(_organisation_links(deadlines)) == named
    # each link opens that body's page, which knows the name as the plan writes it
    for org_id, name in sorted(set(_organisation_links(assignments + deadlines)))[:8]:
        body = client.get(f"/organisations/{org_id}").json()
        assert name == body["summary"]["name"] or name in body["names"], (org_id, name)


def test_the_status_page_and_the_calendar_link_each_party_to_its_page(corpus_store, client):
    page = client.get("/documents/vn-ha-noi/kh/52-kh-ubnd/status?today=2025-11-15&lang=en", headers=HTML).text
    duties = re.search(r'<ul class="st-duties">.*?</ul>', page, re.S).group(0)
    links = _organisation_links(duties)
    assert ("vn-ha-noi/thanh-tri/phong-giao-duc-va-dao-tao", "Phòng Giáo dục và Đào tạo huyện Thanh Trì") in links
    assert re.search(r'<a class="org-link" [^>]+>Phòng Giáo dục và Đào tạo huyện Thanh Trì</a> reports to '
                     r'<a class="org-link" ', duties)
    status = client.get("/documents/vn-ha-noi/kh/52-kh-ubnd/status?today=2025-11-15").json()
    parties = {(p["id"], p["name"]) for d in status["coming"] + status["past_due"] for p in d["parties"]}
    assert set(links) <= parties
    for org_id, _ in links:
        assert client.get(f"/organisations/{org_id}").status_code == 200
    calendar = client.get("/deadlines?today=2025-11-15", headers=HTML).text
    linked = _organisation_links(calendar)
    assert ("vn-ha-noi/thanh-tri/phong-giao-duc-va-dao-tao", "Phòng Giáo dục và Đào tạo huyện Thanh Trì") in linked
    entries = [e["deadline"] for m in client.get("/deadlines?today=2025-11-15").json()["months"] for e in m["entries"]]
    assert all(p["id"] == p["organisation"].split("/org/", 1)[1] for e in entries for p in e["actors"] + e["recipients"])


def test_the_status_page_asks_one_query_for_the_parties_of_all_its_duties(corpus_store, client, monkeypatch):
    counted = Counted(corpus_store, monkeypatch)
    asked = {}
    for directive in ("vn/nq/2024/57-nq-tw", "vn-ha-noi/kh/52-kh-ubnd"):
        counted.count = 0
        assert client.get(f"/documents/{directive}/status", headers=HTML).status_code == 200
        asked[directive] = counted.count
    # the summary, four named queries, the duties' spans and their parties: whatever their number
    assert asked == {"vn/nq/2024/57-nq-tw": 7, "vn-ha-noi/kh/52-kh-ubnd": 7}


def test_a_party_named_with_markup_is_escaped_in_the_status_line():
    from api.routes.status import who_reports
    from kg.implementation_status import DutyParty, ReportingDuty

    duty = ReportingDuty("d", "doc", None, "label", None, None, None, None, None, None, None, "text", None,
                         parties=[DutyParty("actor", "o", 'x"><script>', "<img src=x onerror=alert(1)>")])
    line = str(who_reports(duty, "en"))
    assert "<img" not in line and "<script>" not in line and 'x"' not in line
    assert "&lt;img src=x onerror=alert(1)&gt;</a> reports to (not named)" in line
