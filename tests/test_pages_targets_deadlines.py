"""The target comparison page (/targets/compare) and the deadlines calendar (/deadlines),
over the ingested corpus (FastAPI TestClient; no socket).

Corpus facts used, read in the source texts:
- data/corpus/plans/hanoi-nam-tu-liem-pgddt-2024-kh-nq23.txt (Quận Nam Từ Liêm, a district
  plan): line 42 "Duy trì 99,5% trở lên người trong độ tuổi 15-60 biết chữ." (by 2025), line 80
  "99,6% người trong độ tuổi 15-60 biết chữ." (by 2030); line 196 "... báo cáo kết quả triển khai
  thực hiện Kế hoạch về phòng Giáo dục và Đào tạo trước ngày mùng 15 tháng 11 hàng năm."
- data/corpus/plans/hanoi-thanh-tri-pgddt-2024-kh-nq23.txt (Huyện Thanh Trì): line 116 "Duy trì
  100% người trong độ tuổi 15-60 biết chữ." (2025), line 183 "100% người ... biết chữ." (2030);
  lines 467-468 Phòng GD&ĐT reports "về Sở Giáo dục và Đào tạo trước ngày mùng 01 tháng 12 hằng
  năm", lines 489-490 the schools report "về Phòng Giáo dục và Đào tạo trước ngày 25 tháng 11
  hằng năm".
- data/corpus/real/09-ct-ubnd--2847e161.md (Cần Thơ, 09/CT-UBND) line 274: "... ngày 31/12/2025 và
  tổng hợp báo cáo về Sở Nông nghiệp và Môi trường" (a one-off).
- data/corpus/real/235-kh-ubnd--85ff77cb.md (Thanh Hóa, 235/KH-UBND) line 305: "báo cáo UBND
  tỉnh trước ngày 15/12/2026" (a one-off).
- data/corpus/real/0204-kh-ubnd--9b7eebad.md (Cà Mau, 0204/KH-UBND): the poverty table gives
  rates in % (lines 832-849) and "Người thuộc hộ nghèo ... Người ... 10.307" (lines 1132-1143).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kg import deadline_calendar
from kg.commitments import CalendarDeadline
from tests.conftest import THANH_TRI
from tests.test_store import NAM_TU_LIEM, held_document
from visualisations import target_chart

HTML = {"accept": "text/html,application/xhtml+xml"}
SVG = "{http://www.w3.org/2000/svg}"
LITERACY = "literacy-rate-15-60"
THANH_TRI_PGD = "vn-ha-noi/thanh-tri/phong-giao-duc-va-dao-tao"
HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def client(corpus_store):
    return TestClient(create_app(corpus_store))


@pytest.fixture(scope="module")
def plans(corpus_store):
    return {"nam-tu-liem": held_document(corpus_store, NAM_TU_LIEM),
            "thanh-tri": held_document(corpus_store, THANH_TRI)}


def page(client, url, **params):
    params.setdefault("lang", "vi")
    response = client.get(url, params=params, headers=HTML)
    assert response.headers["content-type"].startswith("text/html"), response.text[:300]
    return response


def written(value: float) -> str:
    """A percentage as the Vietnamese text writes it: 99,5% or 100%."""
    return f"{value:g}".replace(".", ",") + "%"


def svgs(text: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in re.findall(r"<svg\b.*?</svg>", text, re.DOTALL)]


def centre_y(shape: ET.Element) -> float:
    if shape.tag == SVG + "circle":
        return float(shape.get("cy"))
    if shape.tag == SVG + "rect":
        return float(shape.get("y")) + float(shape.get("height")) / 2
    ys = [float(pair.split(",")[1]) for pair in shape.get("points").split()]
    return (max(ys) + min(ys)) / 2


def point_links(svg: ET.Element) -> list[tuple[str, ET.Element]]:
    """(href, the point shape it wraps) for each link: one point per link."""
    found = []
    for link in svg.iter(SVG + "a"):
        shapes = [el for el in link.iter() if el.get("class") == "point"]
        assert len(shapes) == 1
        found.append((link.get("href"), shapes[0]))
    return found


# --- the target comparison ---------------------------------------------------------------

def test_literacy_comparison_names_the_hanoi_plans_and_their_values(client, plans):
    found = client.get("/targets/compare", params={"indicator": LITERACY}).json()
    assert found["indicator"]["label"] == "Tỷ lệ người trong độ tuổi 15-60 biết chữ"
    rows = {(r["plan"], r["area_label"]["vi"], r["level"], r["year"], r["value"], r["comparator"], r["unit"])
            for r in found["data"]}
    assert rows == {
        (plans["nam-tu-liem"], "Quận Nam Từ Liêm", "district", 2025, 99.5, "at_least", "%"),
        (plans["nam-tu-liem"], "Quận Nam Từ Liêm", "district", 2030, 99.6, None, "%"),
        (plans["thanh-tri"], "Huyện Thanh Trì", "district", 2025, 100.0, "maintain", "%"),
        (plans["thanh-tri"], "Huyện Thanh Trì", "district", 2030, 100.0, None, "%"),
    }
    assert found["count"] == 4 and found["units"] == ["%"]
    assert [r["year"] for r in found["data"]] == sorted(r["year"] for r in found["data"])


def test_each_value_links_to_the_span_that_states_it(client):
    data = client.get("/targets/compare", params={"indicator": LITERACY}).json()["data"]
    text = page(client, "/targets/compare", indicator=LITERACY).text
    links = [(html.unescape(href), value) for href, value in
             re.findall(r'<td class="tc-value"><a href="([^"]+)"[^>]*>([^<]+)</a>', text)]
    assert [html.unescape(value) for _, value in links] == ["duy trì 100%", "≥ 99,5%", "100%", "99,6%"]
    assert {href for href, _ in links} == {row["source_url"] for row in data}
    for row in data:
        assert row["source_url"] == (f"/documents/{row['document_id']}?span={row['span'][0]}-{row['span'][1]}"
                                     "#highlight")
        path, span = re.fullmatch(r"(/documents/.+)\?span=(\d+-\d+)#highlight", row["source_url"]).groups()
        source = page(client, path, span=span).text
        marked = html.unescape(re.search(r'<mark id="highlight">(.*?)</mark>', source, re.DOTALL).group(1))
        assert written(row["value"]) in marked and "15-60" in marked and marked == row["text"]


def test_chart_is_svg_with_one_linked_point_per_value(client):
    data = client.get("/targets/compare", params={"indicator": LITERACY}).json()["data"]
    text = page(client, "/targets/compare", indicator=LITERACY).text
    charts = svgs(text)
    assert len(charts) == 1
    svg = charts[0]
    assert svg.get("viewBox") and not svg.get("width")        # scales with the page
    links = dict(point_links(svg))
    assert len([el for el in svg.iter() if el.get("class") == "point"]) == len(data) == len(links)
    assert set(links) == {row["source_url"] for row in data}
    by_key = {(row["area_label"]["vi"], row["year"]): links[row["source_url"]] for row in data}
    # higher values sit higher (smaller y); Thanh Trì's 100% above Nam Từ Liêm's 99,5% and 99,6%
    assert centre_y(by_key[("Huyện Thanh Trì", 2025)]) < centre_y(by_key[("Quận Nam Từ Liêm", 2030)]) \
        < centre_y(by_key[("Quận Nam Từ Liêm", 2025)])
    texts = " ".join("".join(el.itertext()) for el in svg.iter(SVG + "text"))
    assert "Năm" in texts and "Giá trị (%)" in texts and "2025" in texts and "2030" in texts
    assert "Quận Nam Từ Liêm" in texts and "Huyện Thanh Trì" in texts and "(Huyện)" in texts   # legend
    tooltips = [link.find(SVG + "title").text for link in svg.iter(SVG + "a")]
    assert any("≥ 99,5%" in tip and "Duy trì 99,5% trở lên" in tip for tip in tooltips)
    # coloured by level: both plans are district plans
    assert {shape.get("fill") for shape in links.values()} == {target_chart.LEVEL_COLOURS["district"]}


def test_values_in_different_units_are_charted_apart(client):
    found = client.get("/targets/compare", params={"indicator": "poverty-rate"}).json()
    assert {r["plan_number"] for r in found["data"]} == {"0204/KH-UBND"}
    assert found["units"] == ["%", "Người"]
    text = page(client, "/targets/compare", indicator="poverty-rate").text
    charts = svgs(text)
    assert len(charts) == 2
    for svg, unit in zip(charts, found["units"]):
        rows = [r for r in found["data"] if r["unit"] == unit]
        labels = ["".join(el.itertext()) for el in svg.iter(SVG + "text")]
        assert f"Giá trị ({unit})" in labels
        assert len(point_links(svg)) == len(rows)
        other = "Người" if unit == "%" else "%"
        assert not any(other in link.find(SVG + "title").text.split("\n")[1] for link in svg.iter(SVG + "a"))
    assert any(r["value"] == 10307 for r in found["data"] if r["unit"] == "Người")


def test_indicator_selector_and_unknown_indicator(client):
    text = page(client, "/targets/compare").text
    options = dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', text))
    assert options[LITERACY] == "Tỷ lệ người trong độ tuổi 15-60 biết chữ (4 giá trị, 2 kế hoạch)"
    assert "<svg" not in text and 'action="/targets/compare"' in text and 'method="get"' in text
    english = page(client, "/targets/compare", indicator=LITERACY, lang="en").text
    assert '<option value="literacy-rate-15-60" selected>Literacy rate of people aged 15-60' in english
    assert client.get("/targets/compare").json()["indicators"]
    assert client.get("/targets/compare", params={"indicator": "no-such-indicator"}).status_code == 404
    missing = page(client, "/targets/compare", indicator="no-such-indicator")
    assert missing.status_code == 404 and "no-such-indicator" in missing.text and "<select" in missing.text


# --- the deadlines calendar --------------------------------------------------------------

def months_of(found: dict) -> dict[str, list[dict]]:
    return {m["month"]: m["entries"] for m in found["months"]}


def entries_of(entries: list[dict], document: str) -> list[tuple]:
    return sorted((e["date"], e["recurring"], e["deadline"]["recurrence"], e["deadline"]["kind"],
                   e["deadline"]["actor"], e["deadline"]["recipient"]) for e in entries
                  if e["deadline"]["document"] == document)


def test_deadlines_by_month_for_a_fixed_today(client, plans, corpus_store):
    found = client.get("/deadlines", params={"today": "2025-11-01"}).json()
    months = months_of(found)
    assert list(months) == [f"{y}-{m:02d}" for y, m in [(2025, 11), (2025, 12)] + [(2026, m) for m in range(1, 11)]]
    # yearly reporting duties of the two Hà Nội plans, each in its month only
    assert entries_of(months["2025-11"], plans["nam-tu-liem"]) == [
        ("2025-11-15", True, "yearly", "report", "các trường Mầm non, Tiểu học và THCS",
         "Phòng Giáo dục và Đào tạo quận Nam Từ Liêm")]  # the plan's issuer: one body with its recipient
    assert [e[0] for e in entries_of(months["2025-11"], plans["thanh-tri"])] == ["2025-11-25"]
    assert entries_of(months["2025-12"], plans["thanh-tri"]) == [
        ("2025-12-01", True, "yearly", "report", "Phòng Giáo dục và Đào tạo huyện Thanh Trì",
         "Sở Giáo dục và Đào tạo Hà Nội")]  # the city's department, named as the plan first writes it (line 25)
    for month, entries in months.items():
        if month not in ("2025-11", "2025-12"):
            assert not entries_of(entries, plans["nam-tu-liem"]) and not entries_of(entries, plans["thanh-tri"])
    # a one-off in its month: Cần Thơ's 09/CT-UBND, by 31/12/2025, reports to Sở Nông nghiệp và Môi trường
    can_tho = [e for e in months["2025-12"] if e["deadline"]["document_id"] == "vn-can-tho/ct/2025/9-ct-ubnd"]
    assert can_tho and {(e["date"], e["recurring"]) for e in can_tho} == {("2025-12-31", False)}
    assert any("Sở Nông nghiệp và Môi trường" in (e["deadline"]["recipient"] or "") for e in can_tho)
    # a one-off after the twelve months: Thanh Hóa's 235/KH-UBND, by 15/12/2026
    assert any(e["date"] == "2026-12-15" and e["deadline"]["document_id"] == "vn-thanh-hoa/kh/2025/235-kh-ubnd"
               for e in found["later"])
    # the recurring duty that states no month ("báo cáo hằng năm") is listed apart
    assert any(d["document"] == plans["thanh-tri"] and d["text"].endswith("báo cáo hằng năm")
               for d in found["undated"])


def test_a_date_already_past_is_not_upcoming(client, plans):
    later = months_of(client.get("/deadlines", params={"today": "2025-11-20"}).json())
    assert not any(entries_of(entries, plans["nam-tu-liem"]) for entries in later.values())   # 15/11 has passed
    assert [e[0] for e in entries_of(later["2025-11"], plans["thanh-tri"])] == ["2025-11-25"]
    next_year = client.get("/deadlines", params={"today": "2026-01-10"}).json()
    assert any(e["deadline"]["document_id"] == "vn-thanh-hoa/kh/2025/235-kh-ubnd"
               for e in months_of(next_year)["2026-12"])
    assert not any(e["deadline"]["document_id"] == "vn-can-tho/ct/2025/9-ct-ubnd"
                   for entries in months_of(next_year).values() for e in entries)


def test_deadlines_page_lists_duties_in_their_month_section(client, plans):
    text = page(client, "/deadlines", today="2025-11-01").text
    sections = dict(re.findall(r'<section class="dl-month" id="month-(\d{4}-\d{2})".*?>(.*?)</section>', text,
                               re.DOTALL))
    assert len(sections) == 12
    november, december = html.unescape(sections["2025-11"]), html.unescape(sections["2025-12"])
    assert "<h2" in november and "Tháng 11 năm 2025" in november
    assert "trước ngày mùng 15 tháng 11 hàng năm" in november and "15/11/2025" in november
    assert "trước ngày mùng 01 tháng 12 hằng năm" in december and "01/12/2025" in december
    assert "trước ngày mùng 15 tháng 11" not in december
    nam_tu_liem = plans["nam-tu-liem"].split("/doc/", 1)[1]
    assert f'href="/documents/{nam_tu_liem}"' in november
    assert re.search(rf'href="/documents/{re.escape(nam_tu_liem)}\?span=\d+-\d+#highlight"', november)
    assert "hằng năm" in november and "một lần" in november        # recurring and one-off told apart
    assert 'href="/export/deadlines.ics"' in text


def test_organisation_filter_narrows_the_calendar(client, plans):
    everything = client.get("/deadlines", params={"today": "2025-11-01"}).json()
    mine = client.get("/deadlines", params={"today": "2025-11-01", "organisation": THANH_TRI_PGD}).json()
    assert mine["organisation"]["name"] == "Phòng Giáo dục và Đào tạo huyện Thanh Trì"  # the plan's issuer
    assert mine["organisation"]["area_label"]["vi"] == "Huyện Thanh Trì"
    dated = [(e["date"], e["deadline"]["document"]) for m in mine["months"] for e in m["entries"]]
    assert dated == [("2025-11-25", plans["thanh-tri"]), ("2025-12-01", plans["thanh-tri"])]
    assert [d["document"] for d in mine["undated"]] == [plans["thanh-tri"]]
    assert mine["count"] < everything["count"] and len(mine["undated"]) < len(everything["undated"])
    same = client.get("/deadlines", params={"today": "2025-11-01",
                                            "organisation": mine["organisation"]["organisation"]}).json()
    assert same["count"] == mine["count"]                                      # an IRI works as well as an id
    text = page(client, "/deadlines", today="2025-11-01", organisation=THANH_TRI_PGD).text
    assert f'<option value="{THANH_TRI_PGD}" selected>' in text
    assert f'href="/export/deadlines.ics?organisation={THANH_TRI_PGD}"' in text
    shown = html.unescape(text)
    assert "trước ngày 25 tháng 11" in shown and "trước ngày mùng 15 tháng 11" not in shown
    assert client.get("/deadlines", params={"organisation": "vn/no-such-body"}).status_code == 404


def _deadline(**fields) -> CalendarDeadline:
    """A deadline of a document, with only the fields the calendar reads set."""
    return CalendarDeadline(**{
        "span": [0, 1], "rule": "deadline:test", "confidence": 1.0, "kind": "report", "text": "", "day": None,
        "month": None, "year": None, "quarter": None, "recurrence": None, "actor": None, "recipient": None,
        "actor_id": None, "recipient_id": None, "id": "urn:deadline", "document": "urn:document",
        "document_id": None, "document_label": None, "actors": [], "recipients": [], **fields})


def test_calendar_layout_without_a_store():
    yearly = _deadline(recurrence="yearly", day=31, month=1, kind="report")
    quarterly = _deadline(recurrence="quarterly", day=10, month=3, kind="report")
    monthly = _deadline(recurrence="monthly", day=None, month=None, kind="report")
    once = _deadline(recurrence="once", day=30, month=2, year=2026, kind="task")   # no 30 February
    no_month = _deadline(recurrence="half_yearly", day=None, month=None, kind="report")
    calendar = deadline_calendar.build([yearly, quarterly, monthly, once, no_month], dt.date(2025, 12, 15))
    placed = {(e.month.isoformat()[:7], e.day): e.deadline for _, entries in calendar.months for e in entries
              if e.deadline is not monthly}
    assert placed == {("2026-01", 31): yearly, ("2026-03", 10): quarterly, ("2026-06", 10): quarterly,
                      ("2026-09", 10): quarterly, ("2026-02", 28): once}
    assert sum(e.deadline is monthly for _, entries in calendar.months for e in entries) == 12
    assert calendar.undated == [no_month] and calendar.past == 0


# --- both languages, no script -----------------------------------------------------------

@pytest.mark.parametrize("lang,words", [
    ("vi", ["So sánh chỉ tiêu", "Tỷ lệ người trong độ tuổi 15-60 biết chữ", "Giá trị (%)", "Huyện",
            "Lịch báo cáo và thời hạn", "Tháng 11 năm 2025", "hằng năm", "Tải lịch (iCalendar)"]),
    ("en", ["Compare targets", "Literacy rate of people aged 15-60", "Value (%)", "District",
            "Reporting duties and deadlines", "November 2025", "yearly", "Download calendar (iCalendar)"]),
])
def test_pages_render_in_both_languages(client, lang, words):
    compare = page(client, "/targets/compare", indicator=LITERACY, lang=lang)
    calendar = page(client, "/deadlines", today="2025-11-01", lang=lang)
    for response in (compare, calendar):
        assert response.status_code == 200
        assert f'<html lang="{lang}">' in response.text
        assert "<script" not in response.text                     # no script at all, so none inline
        assert "Content-Security-Policy" in response.headers
    assert 'href="/static/targets.css"' in compare.text and 'href="/static/deadlines.css"' in calendar.text
    assert 'class="tc-table-wrap"' in compare.text                # the table scrolls inside its wrapper
    both = html.unescape(compare.text + calendar.text)
    for word in words:
        assert word in both, word
    for css in ("/static/targets.css", "/static/deadlines.css"):
        assert client.get(css).status_code == 200


# --- hostile text ------------------------------------------------------------------------

def test_chart_escapes_hostile_text():
    texts = target_chart.Texts(HOSTILE, HOSTILE, HOSTILE, {"district": HOSTILE})
    series = [target_chart.Series("urn:a", HOSTILE, "district"), target_chart.Series("urn:b", HOSTILE, HOSTILE)]
    points = [target_chart.Point("urn:a", 2025, 99.5, None, '/documents/x?span=1-2#highlight"><script>', HOSTILE),
              target_chart.Point("urn:b", 2030, 1, 2, "javascript:alert(1)", HOSTILE + "\x00\x07")]
    svg = target_chart.chart_svg(series, points, texts, chart_id='"><script>')
    root = ET.fromstring(svg)                                      # well-formed XML, control characters dropped
    tags = {el.tag for el in root.iter()}
    assert SVG + "script" not in tags and SVG + "img" not in tags and "script" not in tags
    assert all(not name.lower().startswith("on") for el in root.iter() for name in el.attrib)
    assert "<script>" not in svg and "<img" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in svg
    hrefs = [link.get("href") for link in root.iter(SVG + "a")]
    assert hrefs == ['/documents/x?span=1-2#highlight"><script>']  # kept as an attribute value; javascript: dropped
    assert len([el for el in root.iter() if el.get("class") == "point"]) == 2
    assert any(HOSTILE in "".join(el.itertext()) for el in root.iter(SVG + "title"))


def test_hostile_plan_is_escaped_on_both_pages(tmp_path):
    from kg.ingestion import ingest_files
    from kg.store import GraphStore

    path = tmp_path / "hostile.txt"
    path.write_text(f"UBND QUẬN NAM TỪ LIÊM\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nSố:     /KH-PGDĐT\n\n"
                    f"Nam Từ Liêm, ngày 1 tháng 2 năm 2024\n\nKẾ HOẠCH\n{HOSTILE}\n\nII. MỤC TIÊU\n\n"
                    f"1. Mục tiêu cụ thể đến năm 2025\n\n"
                    f"- Duy trì 99,5% trở lên người trong độ tuổi 15-60 biết chữ ({HOSTILE}).\n\n"
                    f"III. TỔ CHỨC THỰC HIỆN\n\n- {HOSTILE} tổng hợp, báo cáo kết quả về "
                    "Phòng Giáo dục và Đào tạo trước ngày 15 tháng 11 hằng năm.\n", "utf-8")
    store = GraphStore(tmp_path / "store")
    assert ingest_files(store, [path]).ok
    client = TestClient(create_app(store))
    compare = page(client, "/targets/compare", indicator=LITERACY)
    calendar = page(client, "/deadlines", today="2025-11-01")
    for response in (compare, calendar):
        assert response.status_code == 200
        assert "<script>alert(1)" not in response.text and "<img src=x" not in response.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    (svg,) = svgs(compare.text)
    assert len(point_links(svg)) == 1
    assert any(HOSTILE in (link.find(SVG + "title").text or "") for link in svg.iter(SVG + "a"))
