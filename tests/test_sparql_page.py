"""The SPARQL page (GET /sparql in a browser, api/templates/sparql.html) and the endpoint's
format= downloads (FastAPI TestClient; no socket, no browser)."""

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api import sparql
from api.app import STATIC, create_app
from kg import named_queries
from tests.test_store import KH52

BROWSER = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
VENDOR = STATIC / "vendor" / "codemirror"
NUMBER_52 = "SELECT ?d WHERE { ?d <http://data.europa.eu/eli/ontology#number> \"52/KH-UBND\" }"
HOSTILE = "</script><script>alert(1)</script>"


@pytest.fixture(scope="module")
def client(corpus_store):
    return TestClient(create_app(corpus_store))


def page(client, **params) -> str:
    response = client.get("/sparql", params=params, headers=BROWSER)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def json_block(text: str, block_id: str):
    """The content of <script type="application/json" id=block_id>, parsed."""
    found = re.search(rf'<script type="application/json" id="{block_id}">(.*?)</script>', text, re.S)
    assert found, f"no JSON block #{block_id}"
    return json.loads(found.group(1))


def textarea(text: str) -> str:
    found = re.search(r'<textarea id="query-editor" name="query"[^>]*>(.*?)</textarea>', text, re.S)
    assert found, "no query textarea"
    return html.unescape(found.group(1))


# --- the page -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang, words", [
    ("vi", ["Truy vấn SPARQL", ">Chạy<", "Tải kết quả", "Truy vấn mẫu"]),
    ("en", ["SPARQL query", ">Run<", "Download results", "Examples"]),
])
def test_page_renders_in_both_languages(client, lang, words):
    text = page(client, lang=lang)
    assert f'<html lang="{lang}">' in text
    for word in words:
        assert word in text, word


def test_page_has_the_stable_element_ids(client):
    text = page(client)
    for element_id in ("query-form", "query-editor", "run-button", "example-select", "example-load",
                       "example-description", "example-parameters", "results", "result-status",
                       "result-error", "results-table", "result-boolean", "result-graph",
                       "download-csv", "download-json", "examples", "sparql-config"):
        assert f'id="{element_id}"' in text, element_id
    # without JavaScript it is a plain form: the textarea posts to /sparql, downloads by format=
    assert re.search(r'<form id="query-form"[^>]*method="post" action="/sparql"', text)
    assert re.search(r'<button type="submit" name="format" value="csv" id="download-csv"', text)
    assert re.search(r'<button type="submit" name="format" value="json" id="download-json"', text)
    assert "PREFIX vnp:" in textarea(text)  # a query to start from


def test_every_named_query_is_an_example(client):
    text = page(client)
    examples = {e["name"]: e for e in json_block(text, "examples")}
    assert set(examples) == set(named_queries.named_queries()) and len(examples) >= 10
    for name, query in named_queries.named_queries().items():
        assert f'<option value="{name}"' in text, name
        assert f'href="/sparql?example={name}"' in text, name
        assert examples[name]["description"] == query.description
        assert examples[name]["parameters"] == list(query.parameters)
        if not query.parameters:
            assert examples[name]["text"] == query.text


def test_parameters_are_bound_to_an_example_value(client):
    examples = {e["name"]: e for e in json_block(page(client), "examples")}
    directive = "https://vnpolicy.example.org/doc/vn/qd/2021/1373-qd-ttg"
    assert examples["lineage-up"]["bound"] == {"doc": directive}
    assert f"VALUES ?doc {{ <{directive}> }}" in examples["lineage-up"]["text"]
    # the value a query's own header gives wins ("e.g. <...>")
    assert examples["coverage"]["bound"] == {"doc": KH52}
    assert examples["targets-by-indicator"]["bound"] == {
        "indicator": "https://vnpolicy.example.org/indicator/literacy-rate-15-60"}
    for example in examples.values():
        assert set(example["bound"]) == set(example["parameters"]), example["name"]


def test_bound_examples_run(client):
    """Every example as the page loads it is a query the endpoint answers."""
    for example in json_block(page(client), "examples"):
        response = client.post("/sparql", data={"query": example["text"]},
                               headers={"accept": "application/sparql-results+json"})
        assert response.status_code == 200, (example["name"], response.text)
    lineage = next(e for e in json_block(page(client), "examples") if e["name"] == "lineage-down")
    rows = client.post("/sparql", data={"query": lineage["text"]}).json()["results"]["bindings"]
    assert rows  # 1373/QĐ-TTg has documents below it


def test_example_parameter_loads_it_into_the_editor(client):
    text = page(client, example="coverage", lang="en")
    assert textarea(text) == next(e["text"] for e in json_block(text, "examples") if e["name"] == "coverage")
    assert '<option value="coverage" selected>' in text
    assert f"?doc = &lt;{KH52}&gt;" in text  # the note on the bound parameter
    assert textarea(page(client, example="no-such-query")) == sparql.DEFAULT_QUERY


def test_config_block_has_prefixes_and_messages(client):
    config = json_block(page(client, lang="en"), "sparql-config")
    assert config["documentBase"] == "https://vnpolicy.example.org/doc/"
    assert config["prefixes"]["vnp"] == "https://vnpolicy.example.org/ontology#"
    assert config["prefixes"]["doc"] == config["documentBase"]
    assert config["messages"]["rows"] == "{rows} rows · {ms} ms"
    assert config["defaultQuery"] == sparql.DEFAULT_QUERY


def test_scripts_and_styles_are_local_and_served(client):
    text = page(client)
    urls = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]*)"', text)
    assets = [u for u in urls if not u.startswith("data:")]
    assert {"/static/sparql-page.js", "/static/sparql-page.css", "/static/vendor/codemirror/lib/codemirror.js",
            "/static/vendor/codemirror/lib/codemirror.css",
            "/static/vendor/codemirror/mode/sparql/sparql.js"} <= set(assets)
    for url in assets:
        assert url.startswith("/static/"), url  # nothing from another host
        response = client.get(url)
        assert response.status_code == 200, url
        kind = "javascript" if url.endswith(".js") else "css"
        assert kind in response.headers["content-type"], url
    # no inline script: every <script> is either loaded from us or a JSON data block
    for tag in re.findall(r"<script\b[^>]*>", text):
        assert 'src="/static/' in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", text)  # no onclick= and the like
    assert "script-src 'self'" in client.get("/sparql", headers=BROWSER).headers["content-security-policy"]


def test_vendored_codemirror_with_its_licence():
    for name in ("lib/codemirror.js", "lib/codemirror.css", "mode/sparql/sparql.js",
                 "addon/edit/matchbrackets.js", "LICENSE", "README.md"):
        assert (VENDOR / name).is_file(), name
    licence = (VENDOR / "LICENSE").read_text("utf-8")
    assert licence.startswith("MIT License") and "Marijn Haverbeke" in licence
    readme = (VENDOR / "README.md").read_text("utf-8")
    version = re.search(r'version = "([\d.]+)"', (VENDOR / "lib/codemirror.js").read_text("utf-8"))
    assert version and version.group(1).startswith("5.") and version.group(1) in readme
    assert "MIT" in readme and "npm" in readme
    assert 'defineMIME("application/sparql-query"' in (VENDOR / "mode/sparql/sparql.js").read_text("utf-8")
    used = {p.relative_to(VENDOR).as_posix() for p in VENDOR.rglob("*") if p.is_file()}
    assert used == {"lib/codemirror.js", "lib/codemirror.css", "mode/sparql/sparql.js",
                    "addon/edit/matchbrackets.js", "LICENSE", "README.md"}  # only what the page uses
    assert sum((VENDOR / p).stat().st_size for p in used) < 600_000


def test_page_script_uses_no_html_strings():
    script = (STATIC / "sparql-page.js").read_text("utf-8")
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "eval(" not in script
    assert "document.write" not in script
    for element_id in ("query-editor", "run-button", "results-table", "download-csv", "download-json",
                       "example-select"):
        assert f"#{element_id}" in script.split("(function")[0], element_id  # documented at the top


def test_query_text_is_escaped_in_the_examples_and_the_editor(corpus_store, monkeypatch):
    hostile = named_queries.NamedQuery(
        "hostile", f"A description {HOSTILE} <img src=x onerror=alert(1)>", ("doc",),
        f"# hostile: {HOSTILE}\n# Parameters: ?doc (IRI) e.g. <https://vnpolicy.example.org/doc/vn/x>.\n"
        f'SELECT ?doc WHERE {{ ?doc ?p "{HOSTILE}" }}\n')
    queries = dict(named_queries.named_queries(), hostile=hostile)
    monkeypatch.setattr(named_queries, "named_queries", lambda: queries)
    client = TestClient(create_app(corpus_store))
    for text in (page(client), page(client, example="hostile")):
        assert "<script>alert(1)" not in text
        assert "</script><script>" not in text
        assert "<img src=x" not in text
        # the data block is still the text itself once parsed
        example = next(e for e in json_block(text, "examples") if e["name"] == "hostile")
        assert HOSTILE in example["text"] and HOSTILE in example["description"]
    chosen = page(client, example="hostile")
    assert HOSTILE in textarea(chosen)  # in the editor, as text
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in chosen
    assert "\\u003c/script\\u003e" in chosen  # in the JSON, escaped for HTML


# --- format= downloads --------------------------------------------------------------------

def test_format_csv_download(client):
    response = client.get("/sparql", params={"query": NUMBER_52, "format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="query-results.csv"'
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["d"] and rows[1] == [KH52]


def test_format_json_download_from_a_form_post(client):
    # what the page's download button sends: the form with query and format
    response = client.post("/sparql", data={"query": NUMBER_52, "format": "json"}, headers=BROWSER)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert response.headers["content-disposition"] == 'attachment; filename="query-results.json"'
    data = response.json()
    assert data["head"]["vars"] == ["d"]
    assert data["results"]["bindings"][0] == {"d": {"type": "uri", "value": KH52}}


@pytest.mark.parametrize("fmt, media, check", [
    ("tsv", "text/tab-separated-values", lambda body: body.startswith("?d") and f"<{KH52}>" in body),
    ("xml", "application/sparql-results+xml", lambda body: "<sparql" in body and KH52 in body),
])
def test_other_result_formats(client, fmt, media, check):
    response = client.post(f"/sparql?format={fmt}", content=NUMBER_52,
                           headers={"content-type": "application/sparql-query"})
    assert response.headers["content-type"].startswith(media)
    assert response.headers["content-disposition"].endswith(f'.{fmt}"')
    assert check(response.text)


def test_format_wins_over_accept_and_fits_the_kind_of_result(client):
    as_csv = client.get("/sparql", params={"query": NUMBER_52, "format": "CSV"},
                        headers={"accept": "application/sparql-results+json"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    ask = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }", "format": "json"}).json()
    assert ask["boolean"] is True
    construct = f"CONSTRUCT {{ <{KH52}> ?p ?o }} WHERE {{ <{KH52}> ?p ?o }}"
    graph = client.get("/sparql", params={"query": construct, "format": "csv"})  # a graph has no CSV: Turtle
    assert graph.headers["content-type"].startswith("text/turtle") and "52/KH-UBND" in graph.text
    assert graph.headers["content-disposition"] == 'attachment; filename="query-results.ttl"'
    nt = client.get("/sparql", params={"query": construct, "format": "nt"})
    assert nt.headers["content-type"].startswith("application/n-triples") and f"<{KH52}>" in nt.text


def test_without_format_there_is_no_attachment(client):
    response = client.get("/sparql", params={"query": NUMBER_52})
    assert "content-disposition" not in response.headers
    assert response.headers["content-type"].startswith("application/sparql-results+json")


def test_bad_format_and_bad_query(client):
    unknown = client.get("/sparql", params={"query": NUMBER_52, "format": "pdf"})
    assert unknown.status_code == 400 and "csv" in unknown.json()["detail"]
    bad = client.post("/sparql", data={"query": "SELEKT nothing", "format": "csv"})
    assert bad.status_code == 400 and "syntax" in bad.json()["detail"].lower()
    assert "content-disposition" not in bad.headers
    update = client.post("/sparql", data={"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "format": "csv"})
    assert update.status_code == 403


def test_messages_file_is_complete():
    messages = json.loads((Path(sparql.__file__).parent / "messages" / "sparql.json").read_text("utf-8"))
    common = json.loads((Path(sparql.__file__).parent / "messages" / "common.json").read_text("utf-8"))
    assert not set(messages) & set(common)
    for key, texts in messages.items():
        assert key.startswith("sparql.") and set(texts) == {"vi", "en"} and all(texts.values()), key
    template = (Path(sparql.__file__).parent / "templates" / "sparql.html").read_text("utf-8")
    used = set(re.findall(r't\("(sparql\.[\w.]+)"', template))
    assert used == set(messages)  # every key used, none missing
