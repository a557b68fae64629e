"""Results a document reports as reached (ingest/results.py), in the graph (vnp:Result) and on
the comparison (/targets/compare): read only where a document reports, kept apart from targets,
and the page asks a bounded number of queries.

Corpus facts used, read in the source texts:
- data/corpus/real/987-kh-ubnd--ceb89a53.md (Nghệ An, 987/KH-UBND), "1. Hiện trạng": "Hiện nay,
  tổng số trạm BTS 3G/4G ... là 87 trạm. Trong đó, có 28 trạm 5G trên nền hạ tầng 3G/4G (Chiếm
  32,2 %)."; its objectives: "mục tiêu tỷ lệ phủ sóng mạng 5G tại các KCN đến năm 2030 đạt 100%".
- data/corpus/real/0204-kh-ubnd--9b7eebad.md (Cà Mau, 0204/KH-UBND), "I. TÌNH HÌNH THỰC HIỆN ...
  NĂM 2025": "Đến nay, toàn tỉnh có 629/731 trường công lập đạt chuẩn quốc gia, đạt tỷ lệ 86,1%".
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from ingest.read import read
from ingest.extract import extract
from ingest.results import extract_results
from ingest.segment import segment
from kg.ingestion import ingest_files
from kg.store import GraphStore
from kg.validation import validate
from tests.conftest import NAM_TU_LIEM, REAL
from tests.test_lineage_queries import Counted

NGHE_AN_5G = REAL / "987-kh-ubnd--ceb89a53.md"
CA_MAU = REAL / "0204-kh-ubnd--9b7eebad.md"


def values(text: str, identity=None) -> list[tuple]:
    return [(r.value, r.unit, r.year) for r in extract_results(segment(text), identity)]


def test_values_of_a_results_section_with_the_year_of_its_heading():
    text = ("II. MỤC TIÊU\n- Tỷ lệ hộ nghèo giảm còn 1%.\nI. TÌNH HÌNH THỰC HIỆN NĂM 2024\n"
            "- Thu ngân sách ước đạt 560 tỷ đồng, đạt 81% dự toán, tăng 4,9% so cùng kỳ (533 tỷ đồng).\n")
    assert values(text) == [(560, "tỷ đồng", 2024), (81, "%", 2024), (4.9, "%", 2024)]


def test_no_results_outside_results_sections_nor_in_damage_or_targets():
    assert values("II. MỤC TIÊU\n- Đến năm 2030 đạt 100% xã có trạm y tế.\n") == []
    assert values("I. ĐÁNH GIÁ TÌNH HÌNH THIỆT HẠI\n- Hơn 200.000 nhà bị ngập.\n") == []
    assert values("1. Kết quả cần đạt\n- 95% học sinh được học bơi.\n") == []
    assert values("I. KẾT QUẢ THỰC HIỆN NĂM 2024\n- Phấn đấu đạt 100% kế hoạch.\n") == []


def test_the_plan_a_result_is_measured_against_is_no_result():
    text = ("1. Tình hình thực hiện dự toán năm 2025\n"
            "Tổng chi năm 2025 được Hội đồng nhân dân tỉnh giao là 26.811,096 tỷ đồng. Trong đó: chi cân đối "
            "21.049,188 tỷ đồng; chi các chương trình 5.761,908 tỷ đồng.\n"
            "Ước thực hiện năm 2025 là 27.535 tỷ đồng, đạt 102,70% dự toán.\n"
            "- Chi đầu tư 560 tỷ đồng/690 tỷ đồng, ước đạt 81,16% kế hoạch.\n")
    assert values(text) == [(27535, "tỷ đồng", 2025), (102.7, "%", 2025), (81.16, "%", 2025),
                            (560, "tỷ đồng", 2025)]


def test_counts_of_a_whole_parts_in_parentheses_and_unit_chains():
    text = ("1. Hiện trạng\n- Toàn tỉnh có 629/731 trường đạt chuẩn; thu hút 8,1 triệu lượt, "
            "tăng 11,8% so cùng kỳ (trong đó, 131.000 lượt khách quốc tế); GRDP bình quân đầu người "
            "80 triệu đồng/người/năm; quy đổi 4,87 tỷ USD tương đương 113.229 tỷ đồng.\n")
    found = values(text, None)
    assert (629, "trường", None) in found and (131000, "lượt", None) in found
    assert (80, "triệu đồng/người/năm", None) in found
    assert not any(v == 113229 for v, _, _ in found)  # a conversion


def test_a_report_is_read_whole():
    from ingest.records import Identity
    text = "I. CÔNG TÁC CHỈ ĐẠO\n- Đã tổ chức cho 1.200 người học tập năm 2024.\n"
    assert values(text) == []
    assert values(text, Identity(type="BC", year=2024)) == [(1200, "người", 2024)]


def test_spans_select_the_value_and_the_clause():
    source = read(NGHE_AN_5G)
    results = extract(source).results
    assert [(r.value, r.unit, r.year, r.indicator) for r in results] == [
        (87, "trạm", 2025, "mobile-5g-coverage"), (28, "trạm", 2025, "mobile-5g-coverage"),
        (32.2, "%", 2025, "mobile-5g-coverage")]
    for r in results:
        assert source.text[slice(*r.clause_span)] == r.text
        assert source.text[slice(*r.span)].startswith(str(int(r.value)) if r.value == int(r.value) else "32,2")


def test_results_are_apart_from_targets_in_the_extraction():
    extraction = extract(read(CA_MAU))
    assert {r.rule for r in extraction.results} <= {"result:results-section", "result:count-of-a-whole",
                                                   "result:reached-over-planned"}
    results = {(r.value, r.unit) for r in extraction.results}
    assert (629, "trường") in results and (86.1, "%") in results
    assert not {(t.value, t.unit) for t in extraction.targets if t.span[0] < 11172} & {(629.0, "trường"), (86.1, "%")}
    json = extraction.to_json()
    assert len(json["results"]) == len(extraction.results) and json["targets"]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = GraphStore(tmp_path_factory.mktemp("results") / "store")
    assert ingest_files(store, [NGHE_AN_5G, CA_MAU, NAM_TU_LIEM]).ok
    return store


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(store)) as client:
        yield client


def test_results_in_the_graph_are_observations_of_kind_result_with_evidence(store):
    rows = store.select("""PREFIX vnp: <https://vnpolicy.example.org/ontology#>
        PREFIX qb: <http://purl.org/linked-data/cube#> PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT (COUNT(?r) AS ?n) (COUNT(?t) AS ?wrong) WHERE {
          ?r a vnp:Result ; vnp:kind vnp:resultKind ; vnp:evidence/oa:hasTarget/oa:hasSelector/oa:start ?s .
          OPTIONAL { ?r a vnp:Target BIND(?r AS ?t) } }""")
    assert int(rows[0]["n"]) >= 100 and int(rows[0]["wrong"]) == 0
    report = validate(store)
    assert report.conforms, report.text[:2000]


def test_comparison_json_carries_results_apart_from_targets(client):
    body = client.get("/targets/compare", params={"indicator": "mobile-5g-coverage"}).json()
    assert [(t["value"], t["year"]) for t in body["data"] if t["unit"] == "%"][-1] == (100, 2030)
    assert body["results_count"] == 3
    assert sorted((r["value"], r["unit"], r["year"]) for r in body["results"]) == [
        (28, "trạm", 2025), (32.2, "%", 2025), (87, "trạm", 2025)]
    assert all(r["source_url"].startswith("/documents/vn-nghe-an/") for r in body["results"])
    assert all("result" in r and "target" not in r for r in body["results"])


@pytest.mark.parametrize("lang,legend", [("vi", "kết quả đã đạt"), ("en", "result reported (actual)")])
def test_the_chart_draws_actuals_as_hollow_rings_with_a_legend(client, lang, legend):
    page = client.get("/targets/compare", params={"indicator": "mobile-5g-coverage", "lang": lang},
                      headers={"accept": "text/html"}).text
    assert page.count('class="actual"') == 3
    assert page.count('class="legend-actual"') == 2  # the % chart and the chart of stations
    assert legend in page and 'class="list tc-results"' in page


def test_the_comparison_asks_a_bounded_number_of_queries(store, client, monkeypatch):
    counted = Counted(store, monkeypatch)
    asked = {}
    for indicator in ("mobile-5g-coverage", "schools-national-standard", "literacy-rate-15-60"):
        counted.count = 0
        assert client.get("/targets/compare", params={"indicator": indicator},
                          headers={"accept": "text/html"}).status_code in (200, 404)
        asked[indicator] = counted.count
    assert max(asked.values()) <= 8, asked
