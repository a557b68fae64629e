"""A real browser on a document page's results ("Kết quả đạt được" / "Results reported") and on its
organisations named as links: the values with their sentences, in both languages and at phone
width, paged for a document that reports a hundred, each sentence linking to its highlighted
span; no console error, no request beyond 127.0.0.1; a report whose results carry <script> and
<img onerror> in the words that say what the value is (its scope) and in its section's heading
shows them as text, and nothing runs.

The store holds 987/KH-UBND (Nghệ An: under "1. Hiện trạng", 87 stations, 28 of them 5G,
32,2 %), 0204/KH-UBND (Cà Mau: 102 values in 44 sentences), the Thanh Trì plan (bodies it gives
roles and report duties), and a copy of 987 numbered 9871/KH-UBND whose title, "Hiện trạng"
heading and sentence carry the hostile text. Fixtures and helpers are those of tests/test_browser.py.
"""

from __future__ import annotations

import pytest

from tests.conftest import REAL, THANH_TRI, serving
from tests.test_browser import _clean, _no_script_ran, _visit, browser  # noqa: F401  (the fixture)
from tests.test_browser_results import HOSTILE, NGHE_AN_5G, hostile_report
from tests.test_store import held_document

pytestmark = pytest.mark.browser
CA_MAU = REAL / "0204-kh-ubnd--9b7eebad.md"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from api.app import create_app
    from kg.ingestion import ingest_files
    from kg.store import GraphStore

    folder = tmp_path_factory.mktemp("results-page")
    store = GraphStore(folder / "store")
    hostile = hostile_report(folder, "9871", "hostile-results.md", in_section_heading=True)
    assert ingest_files(store, [NGHE_AN_5G, CA_MAU, THANH_TRI, hostile]).ok
    ids = {name: held_document(store, path).split("/doc/", 1)[1]
           for name, path in (("nghe_an", NGHE_AN_5G), ("ca_mau", CA_MAU), ("thanh_tri", THANH_TRI),
                              ("hostile", hostile))}
    with serving(create_app(store)) as url:
        yield url, ids


def _rows(browser):
    from selenium.webdriver.common.by import By

    return browser.find_elements(By.CSS_SELECTOR, "section.results table.results tbody tr")


@pytest.mark.parametrize("lang,heading,value", [("vi", "Kết quả đạt được", "32,2%"),
                                                ("en", "Results reported", "32.2%")])
def test_the_results_show_beside_the_targets_in_both_languages(site, browser, lang, heading, value):
    from selenium.webdriver.common.by import By

    server, ids = site
    _visit(browser, f"{server}/documents/{ids['nghe_an']}?lang={lang}")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
    section = browser.find_element(By.CSS_SELECTOR, "section.results")
    assert section.find_element(By.TAG_NAME, "h2").text == heading
    values = [e.text for e in section.find_elements(By.CSS_SELECTOR, "td.values .value")]
    assert sorted(values) == sorted(["87 trạm", "28 trạm", value])
    indicator = section.find_element(By.CSS_SELECTOR, "a.indicator")
    assert indicator.get_attribute("href").endswith("/targets/compare?indicator=mobile-5g-coverage")
    assert browser.find_element(By.ID, "targets").location["y"] < section.location["y"]
    _no_script_ran(browser)
    _clean(browser, server, f"results-page-{lang}.png")


def test_a_result_links_to_the_sentence_that_reports_it(site, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    server, ids = site
    _visit(browser, f"{server}/documents/{ids['nghe_an']}?lang=vi")
    row = next(r for r in _rows(browser) if "87 trạm" in r.text)
    row.find_element(By.CSS_SELECTOR, "td:last-child a").click()
    mark = WebDriverWait(browser, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, "mark#highlight"))
    assert "là 87 trạm" in mark.text
    _clean(browser, server, "results-page-highlight.png")


def test_a_hundred_values_are_paged_by_sentence(site, browser):
    from selenium.webdriver.common.by import By

    server, ids = site
    _visit(browser, f"{server}/documents/{ids['ca_mau']}?lang=en")
    section = browser.find_element(By.CSS_SELECTOR, "section.results")
    assert "102 values" in section.text and "44 sentences" in section.text
    first = [r.text for r in _rows(browser)]
    assert len(first) == 20 and "8%" in first[0]
    section.find_element(By.CSS_SELECTOR, "a[rel=next]").click()
    second = [r.text for r in _rows(browser)]
    assert len(second) == 20 and not set(first) & set(second)
    assert "results_from=20" in browser.current_url
    assert browser.find_element(By.CSS_SELECTOR, "section.results a[rel=prev]")
    _no_script_ran(browser)
    _clean(browser, server, "results-page-second.png")


def test_the_results_and_organisations_fit_a_phone(site, browser):
    server, ids = site
    browser.set_window_size(390, 844)
    try:
        for doc in ("ca_mau", "nghe_an", "thanh_tri"):
            for lang in ("vi", "en"):
                _visit(browser, f"{server}/documents/{ids[doc]}?lang={lang}")
                overflow = browser.execute_script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
                assert overflow <= 1, f"{doc} {lang}: {overflow}px wider than a phone screen"
                _clean(browser, server, f"results-page-phone-{doc}-{lang}.png")
        assert _rows(browser) == []  # the Thanh Trì plan reports nothing: no section
    finally:
        browser.set_window_size(1280, 900)


def test_an_organisation_named_on_the_page_opens_its_page(site, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    server, ids = site
    _visit(browser, f"{server}/documents/{ids['thanh_tri']}?lang=vi")
    links = browser.find_elements(By.CSS_SELECTOR, "ul.organisations a.org-link")
    deadline_links = browser.find_elements(By.CSS_SELECTOR, "table.deadlines a.org-link")
    assert links and deadline_links
    name = deadline_links[0].text
    deadline_links[0].click()
    WebDriverWait(browser, 10).until(lambda d: "/organisations/" in d.current_url)
    page = browser.find_element(By.TAG_NAME, "main").text
    assert browser.find_element(By.TAG_NAME, "h1").text == name or name in page
    _clean(browser, server, "results-page-organisation.png")


def test_hostile_text_in_a_result_shows_as_text_and_runs_nothing(site, browser):
    from selenium.webdriver.common.by import By

    server, ids = site
    for lang in ("vi", "en"):
        _visit(browser, f"{server}/documents/{ids['hostile']}?lang={lang}")
        _no_script_ran(browser)
        section = browser.find_element(By.CSS_SELECTOR, "section.results")
        heading = section.find_element(By.CSS_SELECTOR, "h3.results-section").text
        assert heading == f"1. Hiện trạng {HOSTILE}"
        scopes = [e.text for e in section.find_elements(By.CSS_SELECTOR, "td.values .scope")]
        assert any(HOSTILE in s for s in scopes), scopes
        sentences = [e.text for e in section.find_elements(By.CSS_SELECTOR, "td:last-child a")]
        assert any(f"động {HOSTILE} là 87 trạm" in s for s in sentences)
        assert not browser.find_elements(By.CSS_SELECTOR, "main img[src='x'], section.results script")
        _clean(browser, server, f"results-page-hostile-{lang}.png")
