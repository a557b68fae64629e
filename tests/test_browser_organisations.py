"""A real browser (headless Chromium) on the organisation pages: the list and a body's page
show their rows in both languages, fit a phone, log no error, ask nothing beyond 127.0.0.1;
a plan whose title and task carry script is shown on them as text, running nothing; the
navigation and a document page lead to them, and link the Atom feeds (tests/test_feeds.py
reads the feeds themselves)."""

from __future__ import annotations

import pytest

from tests.conftest import NAM_TU_LIEM, THANH_TRI, serving
from tests.test_browser import (HOSTILE, _clean, _no_script_ran, _visit, browser, server)  # noqa: F401 (fixtures)
from tests.test_store import held_document

pytestmark = pytest.mark.browser
THANH_TRI_PGD = "vn-ha-noi/thanh-tri/phong-giao-duc-va-dao-tao"
NAM_TU_LIEM_PGD = "vn-ha-noi/nam-tu-liem/phong-giao-duc-va-dao-tao"


def _fits_a_phone(browser, name: str) -> None:
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
    assert overflow <= 1, f"{name}: {overflow}px wider than a phone screen"


@pytest.mark.parametrize("lang,heading,column", [("vi", "Cơ quan, tổ chức", "Nhiệm vụ được giao"),
                                                 ("en", "Organisations", "Assignments")])
def test_the_organisations_list(server, browser, lang, heading, column):  # noqa: F811
    from selenium.webdriver.common.by import By

    _visit(browser, f"{server}/organisations?lang={lang}")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
    assert browser.find_element(By.TAG_NAME, "h1").text == heading
    table = browser.find_element(By.CSS_SELECTOR, "table.organisations")
    assert column in table.find_element(By.TAG_NAME, "thead").text
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(rows) == 50  # one page
    counts = [int(r.find_elements(By.TAG_NAME, "td")[2].text) for r in rows]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 5
    _clean(browser, server, f"organisations-{lang}.png")
    browser.find_element(By.CSS_SELECTOR, "p.pager a").click()  # the next page
    assert "offset=50" in browser.current_url
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.organisations tbody tr")) > 0
    _no_script_ran(browser)


@pytest.mark.parametrize("lang,words", [("vi", ["Nhiệm vụ được giao", "chủ trì", "Huyện Thanh Trì"]),
                                        ("en", ["Assignments", "lead", "Targets of the plans it leads"])])
def test_a_body_page_links_each_assignment_to_its_highlighted_span(server, browser, lang, words):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    _visit(browser, f"{server}/organisations/{THANH_TRI_PGD}?lang={lang}")
    main = browser.find_element(By.TAG_NAME, "main").text
    for word in words:
        assert word in main
    assignments = browser.find_elements(By.CSS_SELECTOR, "table.assignments tbody tr")
    assert len(assignments) >= 3
    assert browser.find_elements(By.CSS_SELECTOR, "table.deadlines tbody tr")
    assert browser.find_elements(By.CSS_SELECTOR, "table.targets tbody tr")
    _clean(browser, server, f"organisation-{lang}.png")
    name = assignments[0].find_elements(By.TAG_NAME, "td")[3].find_element(By.TAG_NAME, "a")
    written = name.text
    name.click()
    mark = WebDriverWait(browser, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, "mark#highlight"))
    assert " ".join(mark.text.split()) == " ".join(written.split())
    _clean(browser, server, f"organisation-highlight-{lang}.png")


def test_the_navigation_and_a_document_page_lead_to_the_body(server, browser, corpus_store):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    _visit(browser, f"{server}/documents?held=true")
    assert browser.find_element(By.CSS_SELECTOR, "main a[href='/feed.atom']").get_attribute("type") == "application/atom+xml"
    browser.find_element(By.CSS_SELECTOR, "header.site nav a[href='/organisations']").click()
    WebDriverWait(browser, 10).until(lambda d: d.current_url.endswith("/organisations"))
    plan_id = held_document(corpus_store, NAM_TU_LIEM).split("/doc/", 1)[1]
    _visit(browser, f"{server}/documents/{plan_id}")
    feed = browser.find_element(By.CSS_SELECTOR, "nav.views a[href$='/feed.atom']")
    assert feed.get_attribute("type") == "application/atom+xml"
    link = browser.find_element(By.CSS_SELECTOR, f"ul.organisations a[href='/organisations/{NAM_TU_LIEM_PGD}']")
    browser.execute_script("arguments[0].scrollIntoView();", link)
    link.click()
    WebDriverWait(browser, 10).until(lambda d: NAM_TU_LIEM_PGD in d.current_url)
    assert "Phòng Giáo dục và Đào tạo" in browser.find_element(By.TAG_NAME, "h1").text
    assert plan_id in " ".join(a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "ul.issued a"))
    _clean(browser, server, "organisation-from-document.png")


@pytest.mark.parametrize("path", ["/organisations", f"/organisations/{THANH_TRI_PGD}",
                                  "/organisations/vn-dak-lak/uy-ban-nhan-dan"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_organisation_pages_fit_a_phone(server, browser, path, lang):  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.set_window_size(390, 844)
    try:
        _visit(browser, f"{server}{path}?lang={lang}")
        _fits_a_phone(browser, path)
        heading = browser.find_element(By.TAG_NAME, "h1").text
        assert heading and heading.split()[0] in browser.title, (heading, browser.title)
        _clean(browser, server, f"phone-organisation-{path.count('/')}-{lang}.png")
    finally:
        browser.set_window_size(1280, 900)


def _hostile_copy(folder, source, marker: str):
    """A copy of a district plan whose title and a task heading carry script."""
    text = source.read_text(encoding="utf-8")
    text = text.replace("Triển khai thực hiện Kế hoạch số 52/KH-UBND", f"{HOSTILE} Triển khai thực hiện Kế hoạch số 52/KH-UBND", 1)
    text = text.replace(marker, marker.replace("Đối với", f"Đối với Trung tâm {HOSTILE} và"), 1)
    assert text.count(HOSTILE) == 2
    path = folder / f"hostile-{source.name}"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile_orgs(tmp_path_factory):
    from api.app import create_app
    from kg.ingestion import ingest_files
    from kg.store import GraphStore

    folder = tmp_path_factory.mktemp("hostile-orgs")
    hostile = _hostile_copy(folder, NAM_TU_LIEM, "2. Đối với các trường Mầm non, Tiểu học và THCS")
    store = GraphStore(folder / "store")
    assert ingest_files(store, [THANH_TRI, hostile]).ok
    with serving(create_app(store)) as url:
        yield url


def test_hostile_text_runs_no_script_on_the_organisation_pages(hostile_orgs, browser):  # noqa: F811
    from selenium.webdriver.common.by import By

    for lang in ("vi", "en"):
        for path in ("/organisations", f"/organisations/{NAM_TU_LIEM_PGD}"):
            _visit(browser, f"{hostile_orgs}{path}?lang={lang}")
            _no_script_ran(browser)
            assert not browser.find_elements(By.CSS_SELECTOR, "main script, main img")
            if path != "/organisations":
                # the plan's title (its label) and the task heading, shown as text
                assert browser.find_element(By.TAG_NAME, "main").text.count("<script>alert(1)</script>") >= 2
            _clean(browser, hostile_orgs, f"hostile-organisation-{path.count('/')}-{lang}.png")
