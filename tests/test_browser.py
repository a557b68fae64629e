"""A real browser (Debian's headless Chromium) on the document page and its graph view:
the graph is drawn with the expected nodes, no console errors, no request leaves 127.0.0.1.

`make test` installs chromium and chromium-driver; without them these tests fail (set
KG_SKIP_BROWSER=1 to skip them knowingly). Screenshots go to tests/screenshots/.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import free_port

from tests.test_store import KH52, NAM_TU_LIEM, held_document

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"



@pytest.fixture(scope="module")
def server(corpus_store):
    import uvicorn

    from api.app import create_app

    port = free_port()
    config = uvicorn.Config(create_app(corpus_store), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started:
        if time.time() > deadline:
            raise RuntimeError("server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not (chromium and driver_path):
        if os.environ.get("KG_SKIP_BROWSER") == "1":
            pytest.skip("KG_SKIP_BROWSER=1 and no chromium/chromedriver")
        pytest.fail("chromium and chromedriver are needed (make browser-deps installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-quic", "--no-first-run", "--window-size=1280,900",
                 f"--user-data-dir={tmp_path_factory.mktemp('chrome')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def _requests(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _console_errors(driver) -> list[dict]:
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def _assert_local_only(urls: list[str], base: str) -> None:
    """Every network request (http, https, ws) goes to our server; the browser's own
    chrome:// pages and data: URLs are not network requests."""
    network = [u for u in urls if u.split(":", 1)[0] in ("http", "https", "ws", "wss", "ftp")]
    assert network, "no request seen"
    for url in network:
        assert url.startswith(base + "/"), f"request left 127.0.0.1: {url}"


def test_document_page_and_graph_view(server, browser, corpus_store):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    SCREENSHOTS.mkdir(exist_ok=True)
    plan_id = held_document(corpus_store, NAM_TU_LIEM).split("/doc/", 1)[1]
    browser.get_log("performance")
    browser.get(f"{server}/documents/{plan_id}")
    assert "Kế hoạch" in browser.title
    relations = browser.find_element(By.CSS_SELECTOR, "table.relations").text
    assert "52/KH-UBND" in relations and "1057/KH-SGDĐT" in relations
    browser.save_screenshot(str(SCREENSHOTS / "document.png"))
    _assert_local_only(_requests(browser), server)
    assert _console_errors(browser) == []

    browser.find_element(By.CSS_SELECTOR, "nav.views a[href$='/graph']").click()
    graph = WebDriverWait(browser, 20).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "#graph[data-drawn]"))
    drawn = int(graph.get_attribute("data-drawn"))
    expected = int(graph.get_attribute("data-node-count"))
    assert drawn == expected >= 8
    labels = browser.execute_script(
        "return window.documentNetwork.body.data.nodes.get().map(function (n) { return n.label; });")
    assert any("52/KH-UBND" in label for label in labels)
    assert any("23-NQ/TU" in label for label in labels)
    assert any("11-CT/TW" in label for label in labels)
    positions = browser.execute_script("return window.documentNetwork.getPositions();")
    assert len(positions) == expected  # every node has been laid out on the canvas
    assert KH52 in positions
    canvas = browser.find_element(By.CSS_SELECTOR, "#graph canvas")
    assert canvas.size["width"] > 300 and canvas.size["height"] > 300
    browser.save_screenshot(str(SCREENSHOTS / "graph.png"))
    _assert_local_only(_requests(browser), server)
    assert _console_errors(browser) == []


def test_a_target_links_to_its_highlighted_source(server, browser, corpus_store):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    SCREENSHOTS.mkdir(exist_ok=True)
    plan_id = held_document(corpus_store, NAM_TU_LIEM).split("/doc/", 1)[1]
    browser.get_log("performance")
    browser.get(f"{server}/documents/{plan_id}")
    first = browser.find_element(By.CSS_SELECTOR, "table.targets td a[href*='span=']")
    clause = first.text
    browser.execute_script("arguments[0].scrollIntoView();", first)
    browser.save_screenshot(str(SCREENSHOTS / "document-targets.png"))
    first.click()
    mark = WebDriverWait(browser, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, "mark#highlight"))
    assert " ".join(mark.text.split()) == " ".join(clause.split())
    in_view = browser.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight;", mark)
    assert in_view
    browser.save_screenshot(str(SCREENSHOTS / "document-highlight.png"))
    _assert_local_only(_requests(browser), server)
    assert _console_errors(browser) == []
