"""Bad input at the API's edge: malformed ids and parameter values on every route are 4xx
with a message (JSON, or the error page for a browser), never a 500; HEAD wherever GET is;
the Allow header of a 405; request bodies bounded (with and without Content-Length, on a
real server too); an upload with a wrong bearer token refused before its body is read; an
unexpected exception logged and answered 500 with Connection: close."""

from __future__ import annotations

import asyncio
import logging
import socket

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.conftest import NAM_TU_LIEM, PLANS, THANH_TRI, serving

PLAN = "vn-ha-noi/kh/52-kh-ubnd"  # cited by both plans: in the store, with a lineage
TOKEN = "edge-test-token"
HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from kg.ingestion import ingest_files
    from kg.store import GraphStore

    store = GraphStore(tmp_path_factory.mktemp("edges") / "store")
    assert ingest_files(store, [NAM_TU_LIEM, THANH_TRI, PLANS / "phuyen-dong-hoa-ubnd-2022-kh-qd1373.txt"]).ok
    return store


@pytest.fixture(scope="module")
def client(store, tmp_path_factory):
    # raise_server_exceptions (the default): a 500 anywhere fails the test with its traceback
    return TestClient(create_app(store, admin_token=TOKEN, uploads=tmp_path_factory.mktemp("uploads")))


# --- ids and parameter values -------------------------------------------------------------------

# As the tester sent them: percent-encoded in the URL as a client would
BAD_IDS = {"space": "vn/kh/52%20kh", "angle": "vn/kh/%3Cscript%3Ealert(1)%3C/script%3E", "nul": "vn/kh/52%00",
           "control": "vn/kh/52%01%1f", "delete": "vn/kh/%7f", "quote": "vn/%22kh%22",
           "backslash": "vn%5Ckh", "upper": "VN/KH/52-KH-UBND", "unicode": "vn/kh/qu%E1%BB%B3", "long": "a" * 5000,
           "long-path": "/".join(["a"] * 3000)}
DOCUMENT_ROUTES = ["/documents/{}", "/documents/{}/lineage", "/documents/{}/graph", "/documents/{}/cascade",
                   "/documents/{}/neighbourhood", "/documents/{}/targets", "/documents/{}/tasks",
                   "/documents/{}/organisations", "/documents/{}/deadlines", "/doc/{}"]


def _assert_refused_with_a_message(response, *statuses):
    assert response.status_code in statuses, (response.status_code, response.text[:300])
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail
    assert "\x00" not in response.text  # escaped in the JSON, if echoed at all


@pytest.mark.parametrize("route", DOCUMENT_ROUTES)
@pytest.mark.parametrize("kind", BAD_IDS)
def test_a_malformed_document_id_is_400_on_every_route(client, route, kind):
    response = client.get(route.format(BAD_IDS[kind]))
    _assert_refused_with_a_message(response, 400)
    assert "not a document id" in response.json()["detail"]
    assert len(response.text) < 1000  # a 5000-character id is not echoed whole


@pytest.mark.parametrize("route", DOCUMENT_ROUTES)
def test_a_newline_in_a_path_matches_no_route_and_is_404(client, route):
    # a route's {doc_id:path} is ".*", which stops at a newline: the router's 404, in words
    response = client.get(route.format("vn/kh/52%0Ax"))
    _assert_refused_with_a_message(response, 404)
    assert "no page or resource has the path" in response.json()["detail"]


@pytest.mark.parametrize("route", DOCUMENT_ROUTES)
def test_an_unknown_document_is_404_and_a_known_one_200(client, route):
    _assert_refused_with_a_message(client.get(route.format("vn/kh/2099/1-kh-x")), 404)
    assert client.get(route.format(PLAN)).status_code == 200


@pytest.mark.parametrize("url", [
    "/targets?indicator=a%20b", "/targets?indicator=%3Cx%3E", "/targets?indicator=x%00", "/targets?indicator=http://a%20b",
    "/targets?indicator=", "/targets/compare?indicator=a%20b", "/targets/compare?indicator=%01",
    "/queries/cascade?doc=a%20b", "/queries/cascade?doc=%3Cscript%3E", "/queries/cascade?doc=https://x/%3C",
    "/queries/cascade?doc=", "/queries/targets-by-indicator?indicator=literacy%20rate",
    "/queries/documents-in-area?area=%C4%90%E1%BA%AFk%20L%E1%BA%AFk", "/queries/lineage-up?doc=" + "a" * 5000,
])
def test_a_malformed_parameter_value_is_400(client, url):
    _assert_refused_with_a_message(client.get(url), 400)


@pytest.mark.parametrize("url,status", [
    ("/deadlines?organisation=a%20b%00", 404), ("/export/deadlines.ics?organisation=%3Cx%3E", 404),
    ("/export/trig?organisation=x", 400), ("/export/nope", 404), ("/queries/nope", 404),
    ("/deadlines?today=0", 422), ("/deadlines?today=2025-13-01", 422), ("/deadlines?today=9999-12-31", 422),
    ("/deadlines?today=2099-12-31", 200), ("/documents/" + PLAN + "?span=99999999999999999999-1", 200),
    ("/documents?limit=0", 422), ("/documents?offset=-1", 422), ("/documents?held=maybe", 422),
    ("/documents/" + PLAN + "/neighbourhood?steps=3", 422), ("/search?page=0", 422), ("/search?q=" + "x" * 201, 422),
    ("/search?q=%00%01%3Cscript%3E", 200), ("/queries/cascade", 422),
])
def test_other_bad_values_are_4xx_with_a_message(client, url, status):
    response = client.get(url)
    if status == 200:
        assert response.status_code == 200
    else:
        _assert_refused_with_a_message(response, status)


def test_a_validation_error_says_which_parameter_in_words(client):
    body = client.get("/documents?limit=0&held=maybe").json()
    assert "query parameter 'limit'" in body["detail"] and "query parameter 'held'" in body["detail"]
    assert {tuple(problem["loc"]) for problem in body["errors"]} == {("query", "limit"), ("query", "held")}


def test_a_browser_gets_the_error_page_with_the_message_escaped(client):
    page = client.get("/documents/vn/%3Cscript%3Ealert(1)%3C/script%3E", headers={**HTML, "accept-language": "en"})
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")
    assert "<h1>Bad request</h1>" in page.text and 'id="error-detail"' in page.text
    assert "&lt;script&gt;alert(1)" in page.text and "<script>alert" not in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    missing = client.get("/documents/vn/kh/2099/1-kh-x?lang=vi", headers=HTML)
    assert missing.status_code == 404 and "<h1>Không tìm thấy</h1>" in missing.text


# --- HEAD and 405 -------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/", "/documents", f"/documents/{PLAN}", f"/documents/{PLAN}/lineage",
                                 "/export/targets.csv", "/static/app.css", "/docs", "/openapi.json",
                                 "/documents/vn/kh/2099/1-kh-x", "/documents/a%20b"])
def test_head_is_get_without_the_body(client, url):
    got, head = client.get(url), client.head(url)
    assert head.status_code == got.status_code
    assert head.content == b""
    for name in ("content-type", "content-length", "content-security-policy", "content-disposition"):
        assert head.headers.get(name) == got.headers.get(name), name
    assert int(head.headers["content-length"]) == len(got.content) > 0


@pytest.mark.parametrize("method,url,allow", [
    ("PUT", "/documents", "GET, HEAD, POST"), ("DELETE", "/documents", "GET, HEAD, POST"),
    ("PATCH", "/sparql", "GET, HEAD, POST, OPTIONS"), ("POST", f"/documents/{PLAN}/lineage", "GET, HEAD"),
    ("DELETE", f"/documents/{PLAN}", "GET, HEAD"), ("OPTIONS", "/queries/cascade", "GET, HEAD"),
    ("POST", "/", "GET, HEAD"), ("PUT", "/static/app.css", "GET, HEAD"), ("POST", "/export/trig", "GET, HEAD"),
])
def test_a_405_lists_every_method_of_the_path(client, method, url, allow):
    response = client.request(method, url)
    assert response.status_code == 405
    assert response.headers["allow"] == allow
    assert response.json()["detail"]


# --- bounded bodies -----------------------------------------------------------------------------

SMALL_QUERY = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"
SPARQL_QUERY = {"content-type": "application/sparql-query"}


def test_a_body_over_the_limit_is_413_by_its_content_length(store):
    client = TestClient(create_app(store, max_body=1000))
    assert client.post("/sparql", content=SMALL_QUERY, headers=SPARQL_QUERY).status_code == 200
    response = client.post("/sparql", content=SMALL_QUERY + " " * 1000, headers=SPARQL_QUERY)
    assert response.status_code == 413 and response.headers["connection"] == "close"
    assert "larger than 1000 bytes" in response.json()["detail"]


def test_a_chunked_body_over_the_limit_is_413_while_it_is_read(store):
    client = TestClient(create_app(store, max_body=1000))

    def chunks(count):
        yield SMALL_QUERY.encode()
        for _ in range(count):
            yield b" " * 100

    small = client.post("/sparql", content=chunks(5), headers=SPARQL_QUERY)
    assert small.request.headers.get("transfer-encoding") == "chunked" and small.status_code == 200
    response = client.post("/sparql", content=chunks(1000), headers=SPARQL_QUERY)
    assert response.request.headers.get("transfer-encoding") == "chunked"
    assert response.status_code == 413 and response.headers["connection"] == "close"
    assert "larger than 1000 bytes" in response.json()["detail"]


def test_an_upload_has_its_own_larger_limit(store, tmp_path):
    client = TestClient(create_app(store, admin_token=TOKEN, uploads=tmp_path / "uploads", max_body=1000,
                                   max_upload=5000))
    bearer = {"authorization": f"Bearer {TOKEN}"}
    over_the_file_limit = client.post("/documents", files={"file": ("plan.txt", b"x" * 6000)}, headers=bearer)
    assert over_the_file_limit.status_code == 413 and over_the_file_limit.json()["code"] == "too_large"
    over_the_body_limit = client.post("/documents", files={"file": ("plan.txt", b"x" * 200_000)}, headers=bearer)
    assert over_the_body_limit.status_code == 413 and "larger than" in over_the_body_limit.json()["detail"]
    long_token = client.post("/documents", files={"file": ("plan.txt", b"x")}, data={"token": "t" * 5000})
    assert long_token.status_code == 400 and long_token.json()["detail"]  # the form's fields are short
    assert not (tmp_path / "uploads").exists()


def _raw_exchange(url: str, head: bytes, body_chunks=(), timeout: float = 10) -> bytes:
    """Send `head` (and chunks of body, while the server listens), return what it answered."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        sock.sendall(head)
        try:
            for chunk in body_chunks:
                sock.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed: what it said is still readable
        answer = b""
        while True:
            try:
                data = sock.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not data:
                break
            answer += data
    return answer


def test_a_real_server_refuses_a_large_body_without_waiting_for_it(store):
    with serving(create_app(store)) as url:
        # 100 MB announced, not a byte sent: the answer comes at once and the connection closes
        answer = _raw_exchange(url, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    b"Content-Type: application/sparql-query\r\nContent-Length: 104857600\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 413") and b"connection: close" in answer.lower()
        # chunked, no length: refused once 1 MB has been read
        chunk = b" " * 65536
        answer = _raw_exchange(url, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query"
                                    b"\r\nTransfer-Encoding: chunked\r\n\r\n",
                               (b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(24)))  # 1.5 MB
        assert answer.startswith(b"HTTP/1.1 413") and b"connection: close" in answer.lower()
        assert b"larger than 1 MB" in answer


# --- the upload's token, before its body --------------------------------------------------------

def _call_without_reading(app, headers: dict[str, str]) -> tuple[int, bool]:
    """POST /documents straight into the app with `headers`: the status, and whether the app
    asked for the body at all."""
    asked = False
    started: dict = {}

    async def receive():
        nonlocal asked
        asked = True
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        if message["type"] == "http.response.start":
            started.update(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": "/documents", "raw_path": b"/documents", "root_path": "", "query_string": b"",
             "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}
    asyncio.run(app(scope, receive, send))
    return started["status"], asked


MULTIPART = {"content-type": "multipart/form-data; boundary=x", "content-length": "1000000"}


def test_a_wrong_bearer_token_is_401_before_the_body_is_read(store, tmp_path):
    app = create_app(store, admin_token=TOKEN, uploads=tmp_path / "uploads")
    assert _call_without_reading(app, {**MULTIPART, "authorization": "Bearer wrong"}) == (401, False)
    off = create_app(store, admin_token=None, uploads=tmp_path / "uploads")
    assert _call_without_reading(off, {**MULTIPART, "authorization": "Bearer anything"}) == (403, False)
    assert _call_without_reading(off, MULTIPART) == (403, False)
    not_a_form = {"content-type": "application/pdf", "content-length": "1000", "authorization": f"Bearer {TOKEN}"}
    assert _call_without_reading(app, not_a_form) == (415, False)
    assert _call_without_reading(app, {**MULTIPART, "content-length": str(10**9)}) == (413, False)
    # the form's token is in the body: only then is it read
    assert _call_without_reading(app, MULTIPART)[1] is True


def test_the_401_says_why_and_asks_for_bearer(client):
    response = client.post("/documents", files={"file": ("a.txt", b"x")}, headers={"authorization": "Bearer wrong"})
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert response.json()["code"] == "bad_token" and "wrong" in response.json()["detail"]
    not_multipart = client.post("/documents", content=b"x", headers={"content-type": "text/plain",
                                                                     "authorization": f"Bearer {TOKEN}"})
    assert not_multipart.status_code == 415 and not_multipart.json()["code"] == "not_multipart"
    no_file = client.post("/documents", data={"token": TOKEN}, files={"other": ("a.txt", b"x")})
    assert no_file.status_code == 422 and no_file.json()["code"] == "no_file"


# --- the last resort ----------------------------------------------------------------------------

def test_an_unexpected_exception_is_logged_and_500_with_connection_close(store, caplog):
    app = create_app(store)

    @app.get("/broken")
    def broken():
        raise RuntimeError("a bug")

    client = TestClient(app, raise_server_exceptions=False)
    with caplog.at_level(logging.ERROR, logger="api.errors"):
        response = client.get("/broken")
    assert response.status_code == 500 and response.headers["connection"] == "close"
    assert "logged" in response.json()["detail"] and "a bug" not in response.text
    assert any(record.exc_info and "a bug" in str(record.exc_info[1]) for record in caplog.records)
    assert client.get("/broken", headers=HTML).headers["content-type"].startswith("text/html")
