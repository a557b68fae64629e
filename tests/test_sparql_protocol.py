"""The SPARQL endpoint as clients nobody here wrote use it, over real HTTP on 127.0.0.1:
the W3C SPARQL 1.1 Protocol test cases (data/reference, from w3c/rdf-tests),
SPARQLWrapper in its default mode and rdflib's SPARQLStore for every format, content
negotiation, CORS, HEAD, the service description; and the endpoint as an attacker uses it:
nothing it is sent makes the server reach out (a listener on 127.0.0.1 receives nothing),
and a runaway, a crash-inducing or an abandoned query ends with an error while the server
goes on answering."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
import urllib.parse
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, URIRef

from api.app import create_app
from kg.query_workers import QueryLimits
from kg.store import GraphStore
from kg.vocab import SD
from tests.conftest import ROOT, serving

PROTOCOL_TESTS = ROOT / "data" / "reference" / "w3c-sparql11-protocol"  # a copy of ../shared/reference's
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
HT = "http://www.w3.org/2011/http#"
CNT = "http://www.w3.org/2011/content#"
UT = "http://www.w3.org/2009/sparql/tests/test-update#"
RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
LIMITS = QueryLimits(seconds=3, memory_bytes=400 * 2**20, result_bytes=8 * 2**20)
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SOLUTION_TYPES = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                  "text/tab-separated-values"}
GRAPH_TYPES = {"text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json", "text/n3"}


# --- a server over the W3C test data --------------------------------------------------------

def _w3c_store(folder: Path) -> GraphStore:
    """data1.nt .. data3.nt, each in the named graph the manifest's labels give it."""
    store = GraphStore(folder / "store")
    manifest = Graph().parse(PROTOCOL_TESTS / "manifest.ttl", format="turtle")
    graphs = {}
    for node in manifest.objects(None, URIRef(UT + "graphData")):
        graphs[str(manifest.value(node, URIRef(UT + "graph")))] = str(manifest.value(node, RDFS_LABEL))
    for data, name in sorted(graphs.items()):
        graph = pyoxigraph.NamedNode(name)
        triples = pyoxigraph.parse(path=PROTOCOL_TESTS / Path(data).name, format=pyoxigraph.RdfFormat.N_TRIPLES)
        store.replace_graph(graph, [pyoxigraph.Quad(t.subject, t.predicate, t.object, graph) for t in triples])
    filler = pyoxigraph.NamedNode("urn:test:filler")  # enough triples that a 4-way cartesian product runs away
    store.replace_graph(filler, [pyoxigraph.Quad(pyoxigraph.NamedNode(f"urn:test:item:{i}"),
                                                 pyoxigraph.NamedNode("urn:test:rank"), pyoxigraph.Literal(i), filler)
                                 for i in range(400)])
    return store


@pytest.fixture(scope="module")
def w3c_server(tmp_path_factory):
    store = _w3c_store(tmp_path_factory.mktemp("w3c"))
    app = create_app(store, query_limits=LIMITS)
    with serving(app) as url:
        yield url, app


def _request(base: str, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
    """One request as given (no client-side encoding or redirects); (status, headers, body)."""
    parts = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


# --- the W3C SPARQL 1.1 Protocol tests --------------------------------------------------------

def _protocol_tests():
    manifest = Graph().parse(PROTOCOL_TESTS / "manifest.ttl", format="turtle")
    entries = next(manifest.objects(None, URIRef(MF + "entries")))
    from rdflib.collection import Collection

    for test in Collection(manifest, entries):
        name = str(test).rsplit("#", 1)[1]
        action = manifest.value(test, URIRef(MF + "action"))
        requests = []
        for request in Collection(manifest, manifest.value(action, URIRef(HT + "requests"))):
            body = manifest.value(request, URIRef(HT + "body"))
            encoding, chars = "UTF-8", None
            if body is not None:
                chars = str(manifest.value(body, URIRef(CNT + "chars")))
                encoding = str(manifest.value(body, URIRef(CNT + "characterEncoding")) or "UTF-8")
            headers = {}
            listed = manifest.value(request, URIRef(HT + "headers"))
            if listed is not None:
                for header in Collection(manifest, listed):
                    headers[str(manifest.value(header, URIRef(HT + "fieldName")))] = \
                        str(manifest.value(header, URIRef(HT + "fieldValue")))
            response = manifest.value(request, URIRef(HT + "resp"))
            statuses = {str(s).rsplit("#", 1)[1][-3:] for s in manifest.objects(response, URIRef(MF + "expectedStatus"))}
            expected_format = manifest.value(response, URIRef(MF + "expectedFormat"))
            expected_boolean = manifest.value(response, URIRef(MF + "expectedBoolean"))
            requests.append({
                "method": str(manifest.value(request, URIRef(HT + "methodName"))),
                "path": str(manifest.value(request, URIRef(HT + "absolutePath"))).replace("/sparql/", "/sparql", 1),
                "body": None if chars is None else chars.encode(encoding.lower().replace("utf-16", "utf-16")),
                "headers": headers, "statuses": statuses,
                "format": None if expected_format is None else str(expected_format),
                "boolean": None if expected_boolean is None else bool(expected_boolean.toPython()),
            })
        yield pytest.param(requests, id=name)


def _is_update(sent: dict) -> bool:
    content_type = sent["headers"].get("content-type", "")
    body = sent["body"] or b""
    return ("update=" in sent["path"] or content_type.startswith("application/sparql-update")
            or body.startswith(b"update=") or b"&update=" in body or b"CLEAR" in body or b"INSERT" in body)


def _boolean(media: str, body: bytes) -> bool:
    if media == "application/sparql-results+json":
        return json.loads(body)["boolean"]
    assert media == "application/sparql-results+xml", media
    return b"<boolean>true</boolean>" in body


@pytest.mark.parametrize("requests", list(_protocol_tests()))
def test_w3c_protocol(w3c_server, requests, request):
    base, _ = w3c_server
    updates = request.node.callspec.id.startswith(("update_", "bad_update"))
    for sent in requests:
        status, headers, body = _request(base, sent["method"], sent["path"], sent["body"], sent["headers"])
        media = headers.get("content-type", "").split(";")[0]
        if updates:  # a read-only endpoint refuses every update, good or bad; the queries that
            # check an update's effect are not judged
            if _is_update(sent):
                assert 400 <= status < 500, (status, body[:300])
            continue
        assert f"{str(status)[0]}xx" in sent["statuses"], (status, body[:300])
        if sent["format"] == "boolean":
            assert media in ("application/sparql-results+json", "application/sparql-results+xml")
        elif sent["format"] == "tabular":
            assert media in SOLUTION_TYPES
        elif sent["format"] == "RDF":
            assert media in GRAPH_TYPES
        if sent["boolean"] is not None:
            assert _boolean(media, body) is sent["boolean"]


# --- what a client asks for --------------------------------------------------------------------

def test_ask_is_json_or_xml(w3c_server):
    base, _ = w3c_server
    path = "/sparql?query=" + urllib.parse.quote("ASK { ?s ?p ?o }")
    status, _, body = _request(base, "GET", path, headers={"Accept": "text/csv"})
    assert status == 406
    status, headers, body = _request(base, "GET", path, headers={"Accept": "text/csv, application/xml;q=0.5"})
    assert status == 200 and headers["content-type"].startswith("application/xml") and b"true" in body


def test_accept_with_q_values_and_406(w3c_server):
    base, _ = w3c_server
    path = "/sparql?query=" + urllib.parse.quote("SELECT * { ?s ?p ?o } LIMIT 2")
    status, headers, _ = _request(base, "GET", path, headers={
        "Accept": "text/csv;q=0.5, application/sparql-results+xml;q=0.9, */*;q=0.1"})
    assert status == 200 and headers["content-type"].startswith("application/sparql-results+xml")
    assert "accept" in headers["vary"].lower()
    status, headers, _ = _request(base, "GET", path, headers={"Accept": "text/*"})
    assert status == 200 and headers["content-type"].split(";")[0] in ("text/csv", "text/tab-separated-values")
    status, _, body = _request(base, "GET", path, headers={"Accept": "image/png"})
    assert status == 406 and b"offered" in body
    status, _, _ = _request(base, "GET", path, headers={"Accept": "application/sparql-results+json;q=0"})
    assert status == 406


def test_construct_as_json_ld_and_every_rdf_type(w3c_server):
    base, _ = w3c_server
    path = "/sparql?query=" + urllib.parse.quote("CONSTRUCT WHERE { ?s ?p ?o }")
    for media, parser in [("application/ld+json", "json-ld"), ("text/turtle", "turtle"),
                          ("application/n-triples", "nt"), ("application/rdf+xml", "xml"), ("text/n3", "n3")]:
        status, headers, body = _request(base, "GET", path, headers={"Accept": media})
        assert status == 200 and headers["content-type"].startswith(media)
        assert len(Graph().parse(data=body, format=parser)) > 0, media


def test_service_description_cors_and_head(w3c_server):
    base, _ = w3c_server
    status, headers, body = _request(base, "GET", "/sparql", headers={"Accept": "text/turtle"})
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    description = Graph().parse(data=body, format="turtle")
    service = URIRef(base + "/sparql")
    assert (service, SD.endpoint, service) in description
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in description
    status, headers, _ = _request(base, "OPTIONS", "/sparql", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 204 and headers["access-control-allow-origin"] == "*"
    assert "POST" in headers["access-control-allow-methods"]
    path = "/sparql?query=" + urllib.parse.quote("ASK {}")
    status, headers, body = _request(base, "GET", path, headers={"Origin": "https://example.org"})
    assert status == 200 and headers["access-control-allow-origin"] == "*"
    status, head_headers, head_body = _request(base, "HEAD", path)
    assert status == 200 and head_body == b"" and head_headers["content-type"] == headers["content-type"]


def test_sparqlwrapper_default_mode_every_format(w3c_server):
    """SPARQLWrapper sends format=/output= beside Accept, by GET; each result converts."""
    from SPARQLWrapper import CSV, JSON, JSONLD, N3, TSV, TURTLE, XML, SPARQLWrapper

    base, _ = w3c_server
    select = "SELECT ?s ?o WHERE { ?s a ?o } ORDER BY ?s"
    for fmt in (JSON, XML, CSV, TSV):
        client = SPARQLWrapper(base + "/sparql")
        client.setQuery(select)
        client.setReturnFormat(fmt)
        converted = client.query().convert()
        if fmt == JSON:
            assert len(converted["results"]["bindings"]) == 3
        elif fmt == XML:
            assert len(converted.getElementsByTagName("result")) == 3
        else:
            assert len(converted.decode("utf-8").strip().splitlines()) == 4, fmt  # a header and 3 rows
    construct = "CONSTRUCT { ?s a ?o } WHERE { ?s a ?o }"
    for fmt, parser in ((TURTLE, "turtle"), (XML, None), (N3, "n3"), (JSONLD, None), (JSON, None)):
        client = SPARQLWrapper(base + "/sparql")
        client.setQuery(construct)
        client.setReturnFormat(fmt)
        converted = client.query().convert()
        graph = converted if isinstance(converted, Graph) else Graph().parse(data=converted, format=parser or "json-ld")
        assert len(graph) == 3, fmt


def test_rdflib_sparqlstore_sees_a_set(w3c_server):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    base, _ = w3c_server
    remote = Graph(store=SPARQLStore(base + "/sparql", returnFormat="json"))
    triples = list(remote.triples((None, None, None)))
    assert len(triples) == len(set(triples)) == len(remote)
    rows = list(remote.query("SELECT ?s WHERE { ?s a ?type }"))
    assert len(rows) == 3
    for fmt in ("json", "xml", "csv", "tsv"):
        other = Graph(store=SPARQLStore(base + "/sparql", returnFormat=fmt))
        assert len(list(other.query("SELECT ?s WHERE { ?s a ?type }"))) == 3, fmt
        if fmt in ("json", "xml"):  # the CSV and TSV results formats have no boolean
            assert other.query("ASK { ?s a ?type }").askAnswer is True, fmt
    # a graph: rdflib asks for RDF/XML only with returnFormat xml (with json, csv, tsv it accepts
    # no RDF type at all, and gets the 406 it asked for)
    rdf_xml = Graph(store=SPARQLStore(base + "/sparql", returnFormat="xml"))
    assert len(rdf_xml.query("CONSTRUCT { ?s a ?type } WHERE { ?s a ?type }").graph) == 3


def test_from_and_dataset_parameters_pick_graphs_of_the_store(w3c_server):
    base, _ = w3c_server
    data1 = "http://kasei.us/2009/09/sparql/data/data1.rdf"
    query = f"SELECT (COUNT(*) AS ?n) FROM <{data1}> WHERE {{ ?s ?p ?o }}"
    status, _, body = _request(base, "GET", "/sparql?query=" + urllib.parse.quote(query))
    assert status == 200
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == str(
        sum(1 for _ in open(PROTOCOL_TESTS / "data1.nt", encoding="utf-8") if _.strip()))
    status, _, body = _request(base, "GET", "/sparql?query=" + urllib.parse.quote(
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") + "&default-graph-uri=" + urllib.parse.quote("http://nowhere.example/"))
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "0"


# --- what an attacker sends ---------------------------------------------------------------------

class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections it receives."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self.stop = False
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while not self.stop:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self):
        self.stop = True
        self.thread.join(2)
        self.socket.close()


def test_nothing_makes_the_server_reach_out(w3c_server):
    base, _ = w3c_server
    listener = Listener()
    url = f"http://127.0.0.1:{listener.port}/sparql"
    try:
        queries = [
            f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
            f"select * where {{ ?x ?y ?z . sErViCe <{url}> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ ?x ?y 1.SERVICE <{url}> {{ ?s ?p ?o }} }}",  # 1 matches a filler triple
            f"SELECT * WHERE {{ ?x ?y true.SERVICE <{url}> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
            f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
            f"SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
            f"DESCRIBE <{url}>",
            f"LOAD <{url}>",
            f"LOAD SILENT <{url}> INTO GRAPH <urn:g>",
            f"SELECT * WHERE {{ ?s ?p ?o }} # SERVICE <{url}>",
        ]
        for query in queries:
            answers = [
                _request(base, "GET", "/sparql?query=" + urllib.parse.quote(query)),
                _request(base, "POST", "/sparql", query.encode("utf-8"), {"Content-Type": "application/sparql-query"}),
                _request(base, "POST", "/sparql", urllib.parse.urlencode({"query": query}).encode(),
                         {"Content-Type": "application/x-www-form-urlencoded"}),
                _request(base, "POST", "/sparql", urllib.parse.urlencode({"update": query}).encode(),
                         {"Content-Type": "application/x-www-form-urlencoded"}),
                _request(base, "POST", "/sparql", query.encode("utf-8"), {"Content-Type": "application/sparql-update"}),
                _request(base, "GET", "/sparql?query=" + urllib.parse.quote("ASK {}") + "&default-graph-uri="
                         + urllib.parse.quote(url) + "&named-graph-uri=" + urllib.parse.quote(url)),
            ]
            for status, _, body in answers:
                assert status < 500, (query, status, body[:200])
            if "SERVICE" in query.upper().split("#")[0]:
                assert answers[0][0] == 400 and b"SERVICE" in answers[0][2]
            if query.startswith("LOAD"):
                assert {a[0] for a in answers[:5]} == {403}
        time.sleep(0.5)
        assert listener.connections == 0
    finally:
        listener.close()


def test_a_codepoint_escape_cannot_spell_a_keyword(w3c_server):
    base, _ = w3c_server
    status, _, body = _request(base, "GET", "/sparql?query=" + urllib.parse.quote(
        "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"))
    assert status == 400


def test_deep_nesting_is_refused_and_the_server_lives(w3c_server):
    base, _ = w3c_server
    deep = "SELECT * WHERE " + "{" * 2600 + "}" * 2600
    status, _, body = _request(base, "POST", "/sparql", deep.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 400 and b"deep" in body
    status, _, _ = _request(base, "GET", "/sparql?query=" + urllib.parse.quote("ASK {}"))
    assert status == 200


def test_runaway_queries_end_and_the_server_goes_on(w3c_server):
    """More runaway queries than workers: each ends with 503 within its time limit (waiting for
    a worker counts), while the rest of the server answers at once."""
    base, _ = w3c_server
    results, started = [], time.monotonic()

    def runaway():
        status, _, body = _request(base, "POST", "/sparql", RUNAWAY.encode(), {"Content-Type": "application/sparql-query"})
        results.append((status, time.monotonic() - started, body[:120]))

    threads = [threading.Thread(target=runaway) for _ in range(6)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    status, _, _ = _request(base, "GET", "/documents?limit=5")
    answered = time.monotonic() - started
    for thread in threads:
        thread.join(30)
    assert status == 200 and answered < LIMITS.seconds
    assert len(results) == 6
    for status, elapsed, body in results:
        assert status == 503, body
        assert elapsed < LIMITS.seconds + 2, elapsed
    status, _, _ = _request(base, "GET", "/sparql?query=" + urllib.parse.quote("ASK {}"))
    assert status == 200  # fresh workers


def test_a_query_whose_client_leaves_is_stopped(w3c_server):
    base, app = w3c_server
    parts = urllib.parse.urlsplit(base)
    raw = socket.create_connection((parts.hostname, parts.port))
    body = RUNAWAY.encode()
    raw.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
    time.sleep(0.8)
    workers = app.state.query_workers
    assert workers._busy, "the query should be running"
    raw.close()
    deadline = time.monotonic() + LIMITS.seconds - 1
    while workers._busy and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not workers._busy  # stopped before its time limit


def test_a_result_past_the_size_limit_is_refused(w3c_server):
    base, _ = w3c_server
    big = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    status, _, body = _request(base, "GET", "/sparql?query=" + urllib.parse.quote(big))
    assert status in (413, 503), body[:200]


def test_a_large_or_non_utf8_body_is_a_4xx(w3c_server):
    base, _ = w3c_server
    status, _, _ = _request(base, "POST", "/sparql", "ASK {}".encode("utf-16"),
                            {"Content-Type": "application/sparql-query"})
    assert status == 400
    status, _, _ = _request(base, "POST", "/sparql", b"query=ASK%20%7B%7D%FF%FE",
                            {"Content-Type": "application/x-www-form-urlencoded"})
    assert 400 <= status < 500
    status, _, _ = _request(base, "GET", "/sparql?query=ASK%20%7B%7D&query=ASK%20%7B%7D")
    assert status == 400


def test_an_in_memory_store_is_queried_through_its_dump():
    """A store with no folder (tests, scripts) reaches the workers as an N-Quads dump, taken
    again after a write."""
    from fastapi.testclient import TestClient

    store = GraphStore(None)
    graph = pyoxigraph.NamedNode("urn:test:g")
    item = pyoxigraph.Quad(pyoxigraph.NamedNode("urn:test:a"), pyoxigraph.NamedNode("urn:test:p"),
                           pyoxigraph.Literal("x"), graph)
    store.replace_graph(graph, [item])
    with TestClient(create_app(store, query_limits=LIMITS)) as client:
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        assert client.get("/sparql", params={"query": count}).json()["results"]["bindings"][0]["n"]["value"] == "1"
        store.replace_graph(graph, [item, pyoxigraph.Quad(item.subject, item.predicate, pyoxigraph.Literal("y"), graph)])
        assert client.get("/sparql", params={"query": count}).json()["results"]["bindings"][0]["n"]["value"] == "2"


def test_a_query_worker_cannot_open_an_ip_socket():
    """Beneath the scanner: a worker over a snapshot runs under a seccomp filter that refuses
    IPv4 and IPv6 sockets, so even a SERVICE the scanner missed could not connect."""
    import platform
    import subprocess
    import sys

    from kg.query_workers import _SOCKET_SYSCALL

    if platform.machine() not in _SOCKET_SYSCALL:
        pytest.skip(f"no seccomp filter for {platform.machine()}: the scanner is the only guard there")
    program = """
import socket, pyoxigraph
from kg.query_workers import forbid_network
assert forbid_network()
for family in (socket.AF_INET, socket.AF_INET6):
    try:
        socket.socket(family, socket.SOCK_STREAM)
        raise SystemExit("an IP socket was opened")
    except PermissionError:
        pass
socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).close()
store = pyoxigraph.Store()
store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("urn:a"), pyoxigraph.NamedNode("urn:b"), pyoxigraph.NamedNode("urn:c")))
try:
    list(store.query("SELECT * { ?a ?b ?c SERVICE <http://127.0.0.1:%d/sparql> { ?s ?p ?o } }"))
    raise SystemExit("SERVICE ran")
except OSError as err:
    assert "denied" in str(err), err
print("offline")
"""
    listener = Listener()
    try:
        result = subprocess.run([sys.executable, "-c", program % listener.port], cwd=ROOT, capture_output=True,
                                text=True, timeout=60)
        time.sleep(0.3)
        assert result.returncode == 0 and result.stdout.strip() == "offline", result.stderr
        assert listener.connections == 0
    finally:
        listener.close()


def test_an_allowed_service_endpoint_is_queried(w3c_server, tmp_path):
    """An operator may allow SERVICE endpoints: those, and only those, are called."""
    from dataclasses import replace

    from fastapi.testclient import TestClient

    base, _ = w3c_server
    endpoint = base + "/sparql"
    store = GraphStore(tmp_path / "store")
    with TestClient(create_app(store, query_limits=replace(LIMITS, services=(endpoint,)))) as client:
        query = f"SELECT ?type WHERE {{ SERVICE <{endpoint}> {{ <http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type }} }}"
        answer = client.get("/sparql", params={"query": query})
        assert answer.status_code == 200, answer.text
        assert [b["type"]["value"] for b in answer.json()["results"]["bindings"]] == ["http://xmlns.com/foaf/0.1/Document"]
        other = client.get("/sparql", params={"query": query.replace(endpoint, endpoint + "x")})
        assert other.status_code == 400 and "SERVICE" in other.json()["detail"]
