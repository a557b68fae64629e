"""Targets down the cascade: a plan's target against the nearest target above it of the same
indicator, year and unit (kg/queries/target-parents.rq, target-shortfalls.rq), on a small store
of a city plan and three district plans implementing it, one of them edited to fall short.
Comparators matter: an at-most target is met by a lower value."""

import datetime as dt
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import NamedNode

from api.app import create_app
from kg import commitments, ids, named_queries
from kg.implementation_status import implementation_status

QUERIES = Path(__file__).resolve().parent.parent / "kg" / "queries"
CITY = "https://vnpolicy.example.org/doc/vn-ha-noi/kh/2024/88-kh-ubnd"
LITERACY = "https://vnpolicy.example.org/indicator/literacy-rate-15-60"
POVERTY = "https://vnpolicy.example.org/indicator/poverty-rate"
SCHOOLS = "https://vnpolicy.example.org/indicator/schools-national-standard"

CITY_PLAN = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HÀ NỘI

Số: 88/KH-UBND

Hà Nội, ngày 20 tháng 02 năm 2024

KẾ HOẠCH

Thực hiện Nghị quyết số 23-NQ/TU ngày 16/11/2023 của Thành ủy Hà Nội về tăng cường sự lãnh đạo của Đảng đối với công tác khuyến học, khuyến tài, xây dựng xã hội học tập trên địa bàn thành phố Hà Nội

I. MỤC TIÊU

1. Mục tiêu cụ thể đến năm 2025

- Duy trì 99,5% trở lên người trong độ tuổi 15-60 biết chữ.
- Tỷ lệ hộ nghèo dưới 1%.
- 80% đến 85% trường công lập đạt chuẩn quốc gia.

II. TỔ CHỨC THỰC HIỆN

Ủy ban nhân dân các quận, huyện, thị xã xây dựng kế hoạch thực hiện.
"""

DISTRICT_PLAN = """ỦY BAN NHÂN DÂN
QUẬN {upper}

Số: {number}/KH-UBND

{place}, ngày 10 tháng 4 năm 2024

KẾ HOẠCH

Thực hiện Kế hoạch số 88/KH-UBND ngày 20/02/2024 của UBND Thành phố về xây dựng xã hội học tập trên địa bàn thành phố Hà Nội

I. MỤC TIÊU

1. Mục tiêu cụ thể đến năm 2025

- Duy trì {literacy}% trở lên người trong độ tuổi 15-60 biết chữ.
- Tỷ lệ hộ nghèo dưới {poverty}%.
- {schools} trường công lập đạt chuẩn quốc gia.

II. TỔ CHỨC THỰC HIỆN

Các phường xây dựng kế hoạch thực hiện.
"""

# number -> (district, literacy at least, poverty at most, schools as a range read by its lower
# bound): above, equal to and below the city's
DISTRICTS = {"15": ("Cầu Giấy", "99,7", "0,8", "85%"), "17": ("Hoàng Mai", "99,5", "1", "80% đến 90%"),
             "16": ("Thanh Xuân", "99,0", "1,2", "75% đến 80%")}
VERDICTS = {"15": "exceeds", "17": "meets", "16": "falls_short"}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from kg.ingestion import ingest_files
    from kg.store import GraphStore

    folder = tmp_path_factory.mktemp("shortfalls")
    paths = [folder / "city.txt"]
    paths[0].write_text(CITY_PLAN, encoding="utf-8")
    for number, (place, literacy, poverty, schools) in DISTRICTS.items():
        path = folder / f"district-{number}.txt"
        path.write_text(DISTRICT_PLAN.format(upper=place.upper(), place=place, number=number, literacy=literacy,
                                             poverty=poverty, schools=schools), encoding="utf-8")
        paths.append(path)
    store = GraphStore(folder / "store")
    assert ingest_files(store, paths).ok
    return store


def _number(iri: str) -> str:
    return re.search(r"/(\d+)-kh-ubnd$", iri).group(1)


@pytest.mark.parametrize("indicator", [LITERACY, POVERTY, SCHOOLS])
def test_each_district_target_against_the_city_s(store, indicator):
    rows = store.select(named_queries.get("target-parents").bind(indicator=NamedNode(indicator)))
    verdicts = {_number(r["plan"]): r["verdict"] for r in rows}
    assert verdicts == {"88": "no_parent_target", **VERDICTS}
    for r in rows:
        if r["verdict"] != "no_parent_target":
            assert r["parentPlan"] == CITY


def test_an_at_most_target_is_met_by_a_lower_value(store):
    rows = store.select(named_queries.get("target-parents").bind(indicator=NamedNode(POVERTY)))
    by_plan = {_number(r["plan"]): r for r in rows}
    assert by_plan["15"]["comparator"].endswith("#atMost") and float(by_plan["15"]["value"]) == 0.8
    assert float(by_plan["15"]["parentValue"]) == 1.0 and by_plan["15"]["verdict"] == "exceeds"
    assert float(by_plan["16"]["value"]) == 1.2 and by_plan["16"]["verdict"] == "falls_short"


def test_the_shortfalls_of_the_city_plan_s_cascade(store):
    rows = store.select(named_queries.get("target-shortfalls").bind(doc=NamedNode(CITY)))
    short = {(_number(r["plan"]), r["indicator"]) for r in rows if r["verdict"] == "falls_short"}
    assert short == {("16", LITERACY), ("16", POVERTY), ("16", SCHOOLS)}
    assert [r["verdict"] for r in rows[:3]] == ["falls_short"] * 3  # shortfalls first
    status = implementation_status(store, CITY, dt.date(2025, 1, 1))
    assert {(_number(s.plan), s.indicator) for s in status.shortfalls} == short
    literacy = next(s for s in status.shortfalls if s.indicator == LITERACY)
    assert (literacy.value, literacy.parent_value, literacy.parent_plan) == (99.0, 99.5, CITY)
    assert literacy.comparator == "at_least" and literacy.indicator_label["vi"]


def test_a_plan_without_a_target_above_is_no_shortfall(store):
    rows = store.select(named_queries.get("target-shortfalls").bind(
        doc=NamedNode("https://vnpolicy.example.org/doc/vn-ha-noi/nq/2023/23-nq-tu")))
    city = [r for r in rows if r["plan"] == CITY]
    assert city and {r["verdict"] for r in city} == {"no_parent_target"}


def test_the_nearest_target_above_is_kept_the_same_in_both_queries():
    def block(name):
        text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
        return text[text.index("# --- the nearest target above"):text.index("# --- end of the nearest target above")]
    assert block("target-shortfalls") == block("target-parents")


def test_the_comparison_shows_the_verdict_and_draws_the_city_s_value(store):
    client = TestClient(create_app(store))
    data = client.get("/targets/compare", params={"indicator": "literacy-rate-15-60"}).json()["data"]
    verdicts = {r["plan_number"]: r["verdict"] for r in data}
    assert verdicts == {"88/KH-UBND": "no_parent_target", "15/KH-UBND": "exceeds", "17/KH-UBND": "meets",
                        "16/KH-UBND": "falls_short"}
    short = next(r for r in data if r["plan_number"] == "16/KH-UBND")
    assert short["parents"][0]["value"] == 99.5 and short["parents"][0]["document_id"] == ids.document_id(CITY)
    for lang, words in (("vi", "thấp hơn chỉ tiêu cấp trên"), ("en", "falls short of the target above")):
        page = client.get("/targets/compare", params={"indicator": "literacy-rate-15-60", "lang": lang},
                          headers={"accept": "text/html"}).text
        assert words in page
        # a dashed reference line at the city's value for each of the three districts' points
        assert page.count('class="reference"') == 3 and 'stroke-dasharray="4 3"' in page


def test_the_status_page_lists_the_shortfalls(store):
    client = TestClient(create_app(store))
    page = client.get(f"/documents/{ids.document_id(CITY)}/status", params={"lang": "en"},
                      headers={"accept": "text/html"}).text
    table = page[page.index('class="list st-shortfalls"'):]
    table = table[:table.index("</table>")]
    assert table.count("<tr>") == 4  # the header and the three shortfalls of Thanh Xuân
    assert "16/KH-UBND" in table and "15/KH-UBND" not in table and "17/KH-UBND" not in table
    assert "1.2%" in table and "99.5%" in table and "75–80%" in table  # values as the comparison writes them
    vi = client.get(f"/documents/{ids.document_id(CITY)}/status", params={"lang": "vi"},
                    headers={"accept": "text/html"}).text
    assert "1,2%" in vi and "99,5%" in vi
    body = client.get(f"/documents/{ids.document_id(CITY)}/status").json()
    assert len(body["shortfalls"]) == 3 and body["areas"][0]["covered"] == 3
