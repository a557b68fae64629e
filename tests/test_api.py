"""The API over the ingested corpus (FastAPI TestClient; no socket)."""

import csv
import io
import re

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.test_store import KH52, KH1057, NQ23, NAM_TU_LIEM, held_document


@pytest.fixture(scope="module")
def client(corpus_store):
    return TestClient(create_app(corpus_store))


@pytest.fixture(scope="module")
def plan_id(corpus_store):
    return held_document(corpus_store, NAM_TU_LIEM).split("/doc/", 1)[1]


def test_documents_paged_with_count(client):
    first = client.get("/documents", params={"limit": 10, "held": True}).json()
    assert first["count"] == 85 and len(first["data"]) == 10
    second = client.get("/documents", params={"limit": 10, "offset": 10, "held": True}).json()
    assert not {d["id"] for d in first["data"]} & {d["id"] for d in second["data"]}
    assert client.get("/documents", params={"limit": 0}).status_code == 422


def test_document_json_and_html(client, plan_id):
    data = client.get(f"/documents/{plan_id}").json()
    assert data["summary"]["held"] is True
    assert ("implements", "out") in {(r["relation"], r["direction"]) for r in data["related"]}
    # every relation says where the text states it, how far that rule is trusted, and its verb
    implements = next(r for r in data["related"] if (r["relation"], r["direction"]) == ("implements", "out"))
    assert implements["rule"] in ("relation:title", "relation:preamble") and 0 < implements["confidence"] <= 1
    assert implements["cue"]
    page = client.get(f"/documents/{plan_id}", headers={"accept": "text/html,application/xhtml+xml"})
    assert page.headers["content-type"].startswith("text/html")
    assert f'/documents/{plan_id}/graph' in page.text
    assert "Content-Security-Policy" in page.headers


def test_every_answer_carries_the_security_headers_and_a_language_asked_is_remembered(client, plan_id):
    for path, method in ((f"/documents/{plan_id}", "GET"), ("/static/app.css", "GET"), ("/nowhere", "GET"),
                         (f"/documents/{plan_id}", "HEAD")):
        answer = client.request(method, path)
        assert answer.headers["x-content-type-options"] == "nosniff", path
        assert answer.headers["referrer-policy"] == "no-referrer", path
        assert "default-src 'self'" in answer.headers["content-security-policy"], path
        assert "set-cookie" not in answer.headers, path
    english = client.get("/", params={"lang": "en"}, headers={"accept": "text/html"})
    cookie = english.headers["set-cookie"]
    assert cookie.startswith("lang=en;") and "Max-Age=31536000" in cookie and "SameSite=lax" in cookie
    assert english.headers.get_list("content-security-policy") == [english.headers["content-security-policy"]]
    encoded = client.get("/?l%61ng=vi", headers={"accept": "text/html"})   # the parameter's name percent-encoded
    assert encoded.headers["set-cookie"].startswith("lang=vi;")
    for asked in ("xx", "", "en<script>"):   # only a language we have is remembered
        assert "set-cookie" not in client.get("/", params={"lang": asked}).headers
    client.cookies.clear()


def test_unknown_document_is_404(client):
    assert client.get("/documents/vn/kh/2099/1-kh-x").status_code == 404


def test_lineage_route(client, plan_id):
    lineage = client.get(f"/documents/{plan_id}/lineage").json()
    edges = {(e["from"], e["relation"], e["to"]) for e in lineage["edges"]}
    plan = lineage["document"]["iri"]
    assert {(plan, "implements", KH52), (plan, "implements", KH1057), (KH1057, "implements", KH52),
            (KH52, "implements", NQ23)} <= edges
    assert NQ23 in {a["iri"] for a in lineage["ancestors"]}


def test_sparql_get_post_and_formats(client):
    query = "SELECT ?d WHERE { ?d <http://data.europa.eu/eli/ontology#number> \"52/KH-UBND\" }"
    as_json = client.get("/sparql", params={"query": query})
    assert as_json.headers["content-type"].startswith("application/sparql-results+json")
    assert as_json.json()["results"]["bindings"][0]["d"]["value"] == KH52
    as_csv = client.post("/sparql", data={"query": query}, headers={"accept": "text/csv"})
    assert list(csv.reader(io.StringIO(as_csv.text)))[1] == [KH52]
    as_tsv = client.post("/sparql", content=query, headers={"content-type": "application/sparql-query",
                                                              "accept": "text/tab-separated-values"})
    assert f"<{KH52}>" in as_tsv.text
    as_xml = client.get("/sparql", params={"query": query}, headers={"accept": "application/sparql-results+xml"})
    assert "<sparql" in as_xml.text
    ask = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()
    assert ask["boolean"] is True
    graph = client.get("/sparql", params={"query": f"CONSTRUCT {{ <{KH52}> ?p ?o }} WHERE {{ <{KH52}> ?p ?o }}"},
                       headers={"accept": "text/turtle"})
    assert graph.headers["content-type"].startswith("text/turtle") and "52/KH-UBND" in graph.text


@pytest.mark.parametrize("call", [
    lambda c: c.get("/sparql", params={"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}),
    lambda c: c.get("/sparql", params={"update": "CLEAR ALL"}),
    lambda c: c.post("/sparql", data={"update": "CLEAR ALL"}),
    lambda c: c.post("/sparql", content="DROP ALL", headers={"content-type": "application/sparql-update"}),
])
def test_updates_are_refused_and_change_nothing(client, corpus_store, call):
    before = len(corpus_store)
    response = call(client)
    assert response.status_code == 403 and "read-only" in response.json()["detail"]
    assert len(corpus_store) == before


def test_bad_query_is_400(client):
    response = client.get("/sparql", params={"query": "SELEKT nothing"})
    assert response.status_code == 400 and "syntax" in response.json()["detail"].lower()


HTML = {"accept": "text/html"}


def test_graph_view_page_and_offline_assets(client, plan_id):
    page = client.get(f"/documents/{plan_id}/graph", headers=HTML)
    assert page.status_code == 200
    assert 'src="/static/vis/vis-network.min.js"' in page.text
    for url in re.findall(r'(?:src|href)="([^"]*)"', page.text):
        assert url.startswith(("/", "#", "?", "data:")), url  # nothing loaded from another host
    assert client.get("/static/vis/vis-network.min.js").status_code == 200
    assert client.get("/static/graph-view.js").status_code == 200


def test_untrusted_text_is_escaped_on_every_page(tmp_path):
    from kg.ingestion import ingest_files
    from kg.store import GraphStore

    hostile = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'
    path = tmp_path / "hostile.txt"
    path.write_text(f"Số: 7/KH-UBND\n\nHà Nội, ngày 1 tháng 2 năm 2024\n\nKẾ HOẠCH\n{hostile}\n\n"
                    f"Thực hiện Kế hoạch số 52/KH-UBND của UBND Thành phố về {hostile};\n"
                    "Thực hiện Đề án “<script>alert(1)</script><img src=x onerror=alert(1)> xã hội học tập”.\n",
                    "utf-8")
    store = GraphStore(tmp_path / "store")
    assert ingest_files(store, [path]).ok
    client = TestClient(create_app(store))
    doc_id = "vn-ha-noi/kh/2024/7-kh-ubnd"
    pages = [client.get("/"), client.get("/documents", headers={"accept": "text/html"}),
             client.get(f"/documents/{doc_id}", headers={"accept": "text/html"}),
             client.get(f"/documents/{doc_id}/graph", headers=HTML),
             client.get(f"/documents/{doc_id}/neighbourhood?steps=2", headers=HTML)]
    programme = next(d["id"] for d in client.get(f"/documents/{doc_id}/lineage").json()["ancestors"]
                     if "<script>" in d["label"])
    pages.append(client.get(f"/documents/{programme}/cascade", headers=HTML))
    for page in pages:
        assert page.status_code == 200
        assert "<script>alert(1)" not in page.text
        assert "<img src=x" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[2].text
    for graph_page in pages[3:]:
        assert "\\u003cscript\\u003e" in graph_page.text  # in the graph's JSON, escaped for HTML


def test_commitment_routes(client, plan_id):
    targets = client.get(f"/documents/{plan_id}/targets").json()
    literacy = [t for t in targets if t["indicator"] and t["indicator"].endswith("/literacy-rate-15-60")]
    assert {(t["year"], t["value"], t["comparator"]) for t in literacy} >= {(2025, 99.5, "at_least")}
    tasks = client.get(f"/documents/{plan_id}/tasks").json()
    assert tasks[0]["heading"].startswith("III. NHIỆM VỤ") and tasks[0]["level"] == 1
    roles = {(o["role"], o["name"]) for o in client.get(f"/documents/{plan_id}/organisations").json()}
    assert ("lead", "Phòng Giáo dục và Đào tạo Quận") in roles
    deadlines = client.get(f"/documents/{plan_id}/deadlines").json()
    assert [(d["kind"], d["day"], d["month"], d["recurrence"]) for d in deadlines] == [("report", 15, 11, "yearly")]


def test_targets_across_plans(client):
    found = client.get("/targets", params={"indicator": "literacy-rate-15-60"}).json()
    assert found["count"] >= 4 and {row["year"] for row in found["data"]} >= {2025, 2030}
    assert client.get("/targets", params={"indicator": "no-such-indicator"}).status_code == 404
    assert any(i["indicator"].endswith("/literacy-rate-15-60") for i in client.get("/targets").json()["indicators"])


def test_document_page_shows_commitments_and_highlights_a_span(client, plan_id):
    targets = client.get(f"/documents/{plan_id}/targets").json()
    start, end = targets[0]["span"]
    page = client.get(f"/documents/{plan_id}", params={"span": f"{start}-{end}"}, headers={"accept": "text/html"})
    assert 'id="targets"' in page.text and 'id="deadlines"' in page.text and 'id="tasks"' in page.text
    assert f'?span={start}-{end}#highlight' in page.text
    assert '<mark id="highlight">' + targets[0]["text"][:20] in page.text
    assert client.get(f"/documents/{plan_id}", params={"span": "x"}, headers={"accept": "text/html"}).status_code == 422


def _network(client, path):
    data = client.get(path, headers={"accept": "application/json"}).json()
    return {n["id"]: n for n in data["nodes"]}, data


def test_cascade_view_below_1373(client, corpus_store):
    from tests.test_store import DE_AN, PLANS, QD1373, held_document
    nodes, data = _network(client, "/documents/vn/qd/2021/1373-qd-ttg/cascade?lang=vi")
    plans = [held_document(corpus_store, PLANS / name) for name in ("phuyen-dong-hoa-ubnd-2022-kh-qd1373.txt",)]
    assert {QD1373, DE_AN, *plans} <= set(nodes)
    assert nodes[DE_AN]["group"] == "programme" and nodes[DE_AN]["shape"] == "triangleDown"
    assert nodes[QD1373]["group"] == "national" and nodes[QD1373]["shape"] == "diamond"
    assert nodes[plans[0]]["group"] == "district" and nodes[plans[0]]["shape"] == "box"
    assert all(nodes[p]["row"] > nodes[QD1373]["row"] and nodes[p]["y"] > nodes[QD1373]["y"] for p in plans)
    assert all(nodes[p]["url"] == "/documents/" + p.split("/doc/", 1)[1] for p in plans)
    assert {e["label"] for e in data["edges"]} >= {"phê duyệt"}
    page = client.get("/documents/vn/qd/2021/1373-qd-ttg/cascade?lang=en", headers=HTML)
    assert "<h1>Cascade: Quyết định 1373/QĐ-TTg</h1>" in page.text and "Programme" in page.text


def test_cascade_view_draws_cited_only_documents_apart(client):
    nodes, data = _network(client, "/documents/vn/nq/2024/57-nq-tw/cascade")
    held = [n for n in nodes.values() if n["held"]]
    cited = [n for n in nodes.values() if not n["held"]]
    assert len(held) >= 4 and cited
    assert all(n["shapeProperties"]["borderDashes"] for n in cited)
    assert all(n["color"]["background"] == "#ffffff" for n in cited)
    assert not any(n["shapeProperties"]["borderDashes"] for n in held)
    assert data["held"] == len(held)


def test_neighbourhood_view_one_and_two_steps(client):
    one, data = _network(client, "/documents/vn-ha-noi/kh/52-kh-ubnd/neighbourhood?steps=1&lang=vi")
    two, _ = _network(client, "/documents/vn-ha-noi/kh/52-kh-ubnd/neighbourhood?steps=2")
    from tests.test_store import KH1057, NQ23
    assert {NQ23, KH1057} <= set(one) and set(one) < set(two)
    assert "thực hiện" in {e["label"] for e in data["edges"]}
    assert client.get("/documents/vn-ha-noi/kh/52-kh-ubnd/neighbourhood?steps=3").status_code == 422


def test_api_docs_page_is_served_by_us_without_inline_script(client):
    page = client.get("/docs")
    assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    urls = re.findall(r'(?:src|href)="([^"]*)"', page.text)
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in urls and "/static/docs-page.js" in urls
    for url in urls:
        assert url.startswith(("/", "#", "data:")) and not url.startswith("//"), url  # nothing from another host
        if url.startswith("/static/"):
            assert client.get(url).status_code == 200, url
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page.text, re.S)
    assert scripts and all('src="/static/' in attributes and not body.strip() for attributes, body in scripts)
    assert 'data-openapi-url="/openapi.json"' in page.text
    assert client.get("/redoc").status_code == 404  # it would load its script from a CDN: off
    described = client.get("/openapi.json").json()
    assert described["paths"]["/documents/{doc_id}"]["get"]["responses"]["200"]["content"].keys() >= {
        "application/json", "text/html"}
