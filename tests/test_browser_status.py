"""A real browser on a directive's implementation status (/documents/{id}/status) and on the
target comparison with the targets above drawn as reference lines: content present in both
languages, no console error, no request beyond 127.0.0.1, no horizontal scroll at phone width,
hostile text in a plan's title, target and report duty shown literally and never run."""

from __future__ import annotations

import pytest

from tests.conftest import serving
from tests.test_browser import (HOSTILE, _clean, _no_script_ran, _visit, browser, server)  # noqa: F401 (fixtures)
from tests.test_target_shortfalls import CITY_PLAN, DISTRICT_PLAN

pytestmark = pytest.mark.browser
KH52_STATUS = "/documents/vn-ha-noi/kh/52-kh-ubnd/status?today=2025-11-10"
NQ57_STATUS = "/documents/vn/nq/2024/57-nq-tw/status?today=2025-11-10"
CITY_ID = "vn-ha-noi/kh/2024/88-kh-ubnd"


def _fits_a_phone(browser, server, url: str, screenshot: str) -> None:
    browser.set_window_size(390, 844)
    try:
        _visit(browser, url)
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
        assert overflow <= 1, f"{url}: {overflow}px wider than a phone screen"
        _clean(browser, server, screenshot)
    finally:
        browser.set_window_size(1280, 900)


@pytest.mark.parametrize("lang,heading,covered,uncovered", [
    ("vi", "Tình hình triển khai", "2 trên 30 có văn bản triển khai", "Quận Ba Đình"),
    ("en", "Implementation status", "2 of 30 with an implementing document", "Ba Dinh District")])
def test_the_status_of_52_kh_ubnd(server, browser, lang, heading, covered, uncovered):
    from selenium.webdriver.common.by import By

    _visit(browser, f"{server}{KH52_STATUS}&lang={lang}")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith(heading)
    group = browser.find_element(By.CSS_SELECTOR, "section.st-group").text
    assert covered in group and uncovered in group
    assert len(browser.find_elements(By.CSS_SELECTOR, "ul.st-uncovered > li")) == 28
    assert len(browser.find_elements(By.CSS_SELECTOR, "ul.st-covered > li")) == 2
    assert browser.find_elements(By.CSS_SELECTOR, "ul.st-duties li.st-duty")  # 15/11 yearly, Nam Từ Liêm
    _clean(browser, server, f"status-52-{lang}.png")
    _fits_a_phone(browser, server, f"{server}{KH52_STATUS}&lang={lang}", f"status-52-{lang}-phone.png")


def test_the_status_of_57_nq_tw_counts_the_34_provinces(server, browser):
    from selenium.webdriver.common.by import By

    _visit(browser, f"{server}{NQ57_STATUS}&lang=en")
    provinces = browser.find_element(By.CSS_SELECTOR, "section.st-group").text
    assert "3 of 34 with an implementing document" in provinces
    assert len(browser.find_elements(By.CSS_SELECTOR, "section.st-group:first-of-type ul.st-uncovered > li")) == 31
    levels = browser.find_element(By.CSS_SELECTOR, "table.st-levels").text
    assert "Party centre" in levels and "Province" in levels and "days" in levels
    _clean(browser, server, "status-57.png")
    _fits_a_phone(browser, server, f"{server}{NQ57_STATUS}&lang=vi", "status-57-phone.png")


def test_a_document_page_opens_its_status(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    _visit(browser, f"{server}/documents/vn-ha-noi/kh/52-kh-ubnd?lang=en")
    browser.find_element(By.CSS_SELECTOR, "nav.views a[href$='/status']").click()
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "section.st-group"))
    assert "Implementation status" in browser.title
    _clean(browser, server, "status-from-document.png")


# --- hostile text, and the comparison's reference lines -----------------------------------------

def _hostile_district() -> str:
    """A district plan without a number (its label is its title), carrying script in its title,
    its literacy target (below the city's) and a yearly report duty."""
    text = DISTRICT_PLAN.format(upper="THANH XUÂN", place="Thanh Xuân", number="", literacy="99,0", poverty="1,2",
                                schools="75%")
    text = text.replace("Thực hiện Kế hoạch số 88/KH-UBND", f"{HOSTILE} Thực hiện Kế hoạch số 88/KH-UBND", 1)
    text = text.replace("biết chữ.", f"biết chữ {HOSTILE}.")
    text = text.replace("Các phường xây dựng kế hoạch thực hiện.",
                        "Các phường xây dựng kế hoạch thực hiện.\n\n- Định kỳ trước ngày 15 tháng 12 hằng năm, "
                        f"các phường báo cáo {HOSTILE} kết quả thực hiện về Ủy ban nhân dân Quận.")
    assert text.count(HOSTILE) == 3
    return text


@pytest.fixture(scope="module")
def hostile_status_server(tmp_path_factory):
    from api.app import create_app
    from kg.ingestion import ingest_files
    from kg.store import GraphStore

    folder = tmp_path_factory.mktemp("hostile-status")
    (folder / "city.txt").write_text(CITY_PLAN, encoding="utf-8")
    (folder / "district.txt").write_text(_hostile_district(), encoding="utf-8")
    store = GraphStore(folder / "store")
    assert ingest_files(store, [folder / "city.txt", folder / "district.txt"]).ok
    with serving(create_app(store)) as url:
        yield url


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_hostile_text_on_the_status_page_is_shown_not_run(hostile_status_server, browser, lang):
    from selenium.webdriver.common.by import By

    server = hostile_status_server
    _visit(browser, f"{server}/documents/{CITY_ID}/status?today=2025-12-01&lang={lang}")
    _no_script_ran(browser)
    main = browser.find_element(By.TAG_NAME, "main")
    assert "<script>alert(1)</script>" in browser.find_element(By.CSS_SELECTOR, "ul.st-documents").text
    assert "<script>alert(1)</script>" in browser.find_element(By.CSS_SELECTOR, "table.st-shortfalls").text
    assert "<script>alert(1)</script>" in browser.find_element(By.CSS_SELECTOR, "ul.st-duties").text
    assert not main.find_elements(By.TAG_NAME, "script") and not main.find_elements(By.TAG_NAME, "img")
    _clean(browser, server, f"status-hostile-{lang}.png")
    _fits_a_phone(browser, server, f"{server}/documents/{CITY_ID}/status?today=2025-12-01&lang={lang}",
                  f"status-hostile-{lang}-phone.png")


def test_the_comparison_draws_the_city_s_target_as_a_reference_line(hostile_status_server, browser):
    from selenium.webdriver.common.by import By

    server = hostile_status_server
    _visit(browser, f"{server}/targets/compare?indicator=literacy-rate-15-60&lang=en")
    _no_script_ran(browser)
    lines = browser.find_elements(By.CSS_SELECTOR, ".tc-svg svg line.reference")
    assert len(lines) == 1 and lines[0].get_attribute("stroke-dasharray") == "4 3"
    tooltip = browser.execute_script("return arguments[0].querySelector('title').textContent;", lines[0])
    assert "88/KH-UBND" in tooltip and "falls short" in tooltip
    table = browser.find_element(By.CSS_SELECTOR, "table.tc-table").text
    assert "falls short of the target above" in table and "<script>alert(1)</script>" in table
    main = browser.find_element(By.TAG_NAME, "main")
    assert not main.find_elements(By.CSS_SELECTOR, "script, img")
    _clean(browser, server, "compare-reference.png")
    _fits_a_phone(browser, server, f"{server}/targets/compare?indicator=literacy-rate-15-60&lang=vi",
                  "compare-reference-phone.png")
