"""A real browser on the comparison of targets with the results documents report
(/targets/compare): the chart draws actuals as hollow rings with their legend line, in both
languages and at phone width, with no console error and no request beyond 127.0.0.1; a
report whose title and results carry script shows them as text, and nothing runs.

The store holds 987/KH-UBND (Nghệ An: the 5G target "đến năm 2030 đạt 100%" and, under "1.
Hiện trạng", 87 stations, 28 of them 5G, 32,2 %), the Nam Từ Liêm plan, and a copy of 987
numbered 9870/KH-UBND whose title and "Hiện trạng" sentence carry <script> and <img onerror>.
Fixtures and helpers are those of tests/test_browser.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import NAM_TU_LIEM, REAL, serving
from tests.test_browser import _clean, _no_script_ran, _visit, browser  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser
NGHE_AN_5G = REAL / "987-kh-ubnd--ceb89a53.md"
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
COMPARE = "/targets/compare?indicator=mobile-5g-coverage"


def hostile_report(folder: Path, number: str = "9870", name: str = "hostile-5g.md",
                   in_section_heading: bool = False) -> Path:
    """987/KH-UBND renumbered, with markup in its title, a result's sentence and (when asked)
    the heading of the section the result is read under."""
    text = NGHE_AN_5G.read_text(encoding="utf-8")
    text = text.replace("Số: 987/KH-UBND", f"Số: {number}/KH-UBND", 1)
    text = text.replace("TRIỂN HỆ THỐNG SÓNG VIỄN THÔNG 5G", f"TRIỂN HỆ THỐNG SÓNG VIỄN THÔNG 5G {HOSTILE}", 1)
    if in_section_heading:
        text = text.replace("**1. Hiện trạng**", f"**1. Hiện trạng {HOSTILE}**", 1)
    text = text.replace("động là 87 trạm.", f"động {HOSTILE} là 87 trạm.", 1)
    assert text.count(HOSTILE) == (3 if in_section_heading else 2) and f"{number}/KH-UBND" in text
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from api.app import create_app
    from kg.ingestion import ingest_files
    from kg.store import GraphStore

    folder = tmp_path_factory.mktemp("results")
    store = GraphStore(folder / "store")
    assert ingest_files(store, [NGHE_AN_5G, NAM_TU_LIEM, hostile_report(folder)]).ok
    with serving(create_app(store)) as url:
        yield url


def _actual_marks(browser) -> int:
    from selenium.webdriver.common.by import By

    return len(browser.find_elements(By.CSS_SELECTOR, ".tc-svg svg g.actuals circle.actual"))


@pytest.mark.parametrize("lang,legend,caption", [
    ("vi", "kết quả đã đạt (văn bản báo cáo)", "Kết quả đã đạt mà các văn bản báo cáo"),
    ("en", "result reported (actual)", "Results the documents report as reached"),
])
def test_the_chart_shows_actuals_beside_the_targets(server, browser, lang, legend, caption):
    from selenium.webdriver.common.by import By

    _visit(browser, f"{server}{COMPARE}&lang={lang}")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
    assert _actual_marks(browser) == 6  # 87, 28 and 32,2 % of each of the two reports
    targets = browser.find_elements(By.CSS_SELECTOR, ".tc-svg svg g.series .point")
    assert len(targets) >= 2  # the 100 % by 2030 of each report, drawn apart from the rings
    legends = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".tc-svg svg g.legend-actual")]
    assert legends and all(text == legend for text in legends)
    table = browser.find_element(By.CSS_SELECTOR, "table.tc-results")
    assert caption in table.find_element(By.TAG_NAME, "caption").text
    assert len(table.find_elements(By.CSS_SELECTOR, "tbody tr")) == 6
    assert "87" in table.text and "32,2" in table.text if lang == "vi" else "32.2" in table.text
    _no_script_ran(browser)
    _clean(browser, server, f"results-compare-{lang}.png")


def test_an_actual_links_to_the_sentence_that_reports_it(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    _visit(browser, f"{server}{COMPARE}&lang=vi")
    link = browser.find_element(By.CSS_SELECTOR, "table.tc-results td.tc-value a")
    value = link.text.split()[0]
    link.click()
    mark = WebDriverWait(browser, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, "mark#highlight"))
    assert value.rstrip("%") in mark.text
    _clean(browser, server, "results-highlight.png")


def test_the_comparison_with_results_fits_a_phone(server, browser):
    browser.set_window_size(390, 844)
    try:
        _visit(browser, f"{server}{COMPARE}&lang=vi")
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
        assert overflow <= 1, f"{overflow}px wider than a phone screen"
        assert _actual_marks(browser) == 6
        _clean(browser, server, "results-compare-phone.png")
    finally:
        browser.set_window_size(1280, 900)


def test_hostile_text_in_a_report_shows_as_text_and_runs_nothing(server, browser):
    from selenium.webdriver.common.by import By

    for lang in ("vi", "en"):
        _visit(browser, f"{server}{COMPARE}&lang={lang}")
        _no_script_ran(browser)
        table = browser.find_element(By.CSS_SELECTOR, "table.tc-results").text
        assert "<script>alert(1)</script>" in table and "<img src=x onerror=alert(1)>" in table
        tooltips = browser.execute_script(
            "return Array.from(document.querySelectorAll('.tc-svg svg g.actuals title')).map(t => t.textContent);")
        assert any("<script>alert(1)</script>" in t for t in tooltips)
        assert not browser.find_elements(By.CSS_SELECTOR, "main img[src='x'], .tc-svg script")
        _clean(browser, server, f"results-hostile-{lang}.png")
