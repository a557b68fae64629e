"""The same code against a real Oxigraph server (PyPI `oxigraph`, started here on 127.0.0.1):
ingest, every named query, the API. Answers must equal the embedded store's."""

import http.server
import json
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph
import pytest
from fastapi.testclient import TestClient
from pyoxigraph import NamedNode
from typer.testing import CliRunner

from api.app import create_app
from kg import ids, named_queries
from kg.cli import app
from kg.export import export
from kg.ingestion import ingest_files
from kg.store import RemoteStore, StoreError, open_store
from kg.vocab import ELI, PROV, VNP
from tests.conftest import free_port, PLANS, REAL
from tests.test_store import CT11, KH52, QD1373

runner = CliRunner()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.exists():
        binary = shutil.which("oxigraph")
    assert binary, "the oxigraph server (PyPI package oxigraph, a dev dependency) is needed"
    port = free_port()
    process = subprocess.Popen([str(binary), "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while True:
        try:
            RemoteStore(url)
            break
        except StoreError:
            if time.time() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError(f"oxigraph server did not start: {process.stderr.read()[:500]!r}")
            time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def remote_store(server):
    store = open_store(server)
    report = ingest_files(store, [PLANS, REAL])
    assert report.ok, report.errors
    return store


def test_the_server_holds_what_the_embedded_store_holds(remote_store, corpus_store):
    assert remote_store.count_documents() == 85
    assert len(remote_store) == len(corpus_store)
    # each graph records when it was written: the two stores were written at different times
    assert _untimed(remote_store.quads()) == _untimed(corpus_store.quads())


PARAMETERS = {"doc": NamedNode(QD1373), "indicator": ids.indicator_iri("literacy-rate-15-60"),
              "area": NamedNode(ids.BASE + "area/vn-dak-lak"),
              "organisation": NamedNode(ids.BASE + "org/vn-ha-noi/thanh-tri/phong-giao-duc-va-dao-tao")}
WRITTEN_AT = {"added"}  # when a graph was written: the two stores were written at different times
PER_QUERY = {"coverage": {"doc": NamedNode(KH52)},
             "results-by-indicator": {"indicator": ids.indicator_iri("mobile-5g-coverage")},
             "document-results": {"doc": NamedNode(ids.BASE + "doc/vn-nghe-an/kh/2025/987-kh-ubnd")}}


@pytest.mark.parametrize("name", sorted(named_queries.named_queries()))
def test_named_queries_answer_the_same(remote_store, corpus_store, name):
    query = named_queries.get(name)
    sparql = query.bind(**{p: PER_QUERY.get(name, PARAMETERS)[p] for p in query.parameters})
    remote = remote_store.select(sparql)
    embedded = corpus_store.select(sparql)
    assert remote, name
    key = lambda row: tuple(sorted((k, v or "") for k, v in row.items() if k not in WRITTEN_AT))  # noqa: E731
    assert sorted(map(key, remote)) == sorted(map(key, embedded))


def test_cascade_below_11_on_the_server(remote_store):
    rows = remote_store.select(named_queries.get("cascade").bind(doc=NamedNode(CT11)))
    assert rows


def test_the_api_over_the_server(remote_store):
    client = TestClient(create_app(remote_store))
    assert client.get("/documents", params={"held": True}).json()["count"] == 85
    csv = client.get("/sparql", params={"query": "SELECT ?n WHERE { ?d <http://data.europa.eu/eli/ontology#number> ?n } LIMIT 3"},
                     headers={"accept": "text/csv"})
    assert csv.status_code == 200 and csv.text.startswith("n")
    turtle = client.get("/doc/" + ids.document_path(QD1373), headers={"accept": "text/turtle"})
    assert "1373/QĐ-TTg" in turtle.text
    assert client.get("/sparql", params={"query": "DROP ALL"}).status_code == 403


def test_a_reingest_on_the_server_changes_nothing(remote_store):
    before = remote_store.quads()
    assert ingest_files(remote_store, [PLANS / "hanoi-nam-tu-liem-pgddt-2024-kh-nq23.txt"]).ok
    assert remote_store.quads() == before


def test_an_unreachable_server_is_a_clear_error():
    with pytest.raises(StoreError, match="does not answer"):
        RemoteStore(f"http://127.0.0.1:{free_port()}")


# --- a server known only by its query endpoint: read-only ------------------------------------

def _untimed(quads: set[str]) -> set[str]:
    """The quads but each graph's record of when it was written (the stores compared were
    written at different times)."""
    return {q for q in quads if str(PROV.generatedAtTime) not in q}


def _quad_lines(nquads: bytes) -> set[str]:
    return {str(q) for q in pyoxigraph.parse(nquads, format=pyoxigraph.RdfFormat.N_QUADS)}


def test_a_query_endpoint_alone_opens_a_read_only_store(remote_store, corpus_store):
    store = open_store(None, query_url=f"{remote_store.url}/query")
    assert store.read_only and store.update_url is None and store.store_url is None
    assert store.count_documents() == 85
    assert _untimed(_quad_lines(store.dump(pyoxigraph.RdfFormat.N_QUADS))) == _untimed(corpus_store.quads())  # by a SPARQL query
    with pytest.raises(StoreError, match="read-only"):
        ingest_files(store, [PLANS / "hanoi-nam-tu-liem-pgddt-2024-kh-nq23.txt"])


def test_the_endpoints_override_the_oxigraph_layout(remote_store):
    store = open_store(remote_store.url, store_url=f"{remote_store.url}/no-such-endpoint")
    assert store.query_url == f"{remote_store.url}/query" and store.update_url == f"{remote_store.url}/update"
    with pytest.raises(StoreError, match="no-such-endpoint: HTTP 404"):
        store.dump(pyoxigraph.RdfFormat.N_QUADS)
    with pytest.raises(ValueError, match="is a folder"):
        open_store("data/store", query_url=f"{remote_store.url}/query")


def test_read_commands_against_the_query_endpoint_alone(remote_store, corpus_store):
    query_url = f"{remote_store.url}/query"
    count = runner.invoke(app, ["query", "--query-url", query_url, "-f", "csv"],
                          input="SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d <%s> true }" % VNP.held)
    assert count.exit_code == 0, count.output
    assert count.stdout.splitlines() == ["n", "85"]
    from_environment = runner.invoke(app, ["export", "nquads"], env={"VNPKG_QUERY_URL": query_url})
    assert from_environment.exit_code == 0, from_environment.output
    assert _untimed(_quad_lines(from_environment.stdout_bytes)) == _untimed(corpus_store.quads())
    targets = runner.invoke(app, ["export", "targets.csv", "--query-url", query_url])
    assert targets.exit_code == 0 and targets.stdout_bytes == export(corpus_store, "targets.csv")


def test_ingest_into_a_read_only_server_is_exit_3_and_writes_nothing(remote_store):
    before = len(remote_store)
    result = runner.invoke(app, ["ingest", str(PLANS), "--query-url", f"{remote_store.url}/query"])
    assert result.exit_code == 3
    assert f"error: {remote_store.url}/query: read-only, no SPARQL Update endpoint" in result.stderr
    assert len(remote_store) == before


def test_read_commands_against_this_projects_own_read_only_endpoint(corpus_store, tmp_path):
    """`/sparql` of our API answers queries and refuses updates (403); it has no graph store."""
    from tests.test_browser import serving

    with serving(create_app(corpus_store)) as url:
        query_url = f"{url}/sparql"
        rows = runner.invoke(app, ["query", "--query-url", query_url, "-f", "json"],
                             input=f"SELECT ?n WHERE {{ ?d <{ELI.number}> ?n }} LIMIT 3")
        assert rows.exit_code == 0, rows.output
        assert len(json.loads(rows.stdout)["results"]["bindings"]) == 3
        nquads = runner.invoke(app, ["export", "nquads", "--query-url", query_url, "--out", str(tmp_path / "all.nq")])
        assert nquads.exit_code == 0, nquads.output
        assert _quad_lines((tmp_path / "all.nq").read_bytes()) == corpus_store.quads()
        refused = runner.invoke(app, ["ingest", str(PLANS / "hanoi-nam-tu-liem-pgddt-2024-kh-nq23.txt"),
                                      "--query-url", query_url, "--update-url", query_url])
        assert refused.exit_code == 3 and f"{query_url}: HTTP 403" in refused.stderr


class PerAnswerBlankNodes(http.server.BaseHTTPRequestHandler):
    """A query endpoint that names blank nodes per answer (_:b0 in each), as many servers do:
    two graphs, each with one blank node."""

    def do_POST(self):  # noqa: N802 (http.server's name)
        query = self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8")
        if query.startswith("ASK"):
            body = {"head": {}, "boolean": True}
        elif "DISTINCT ?g" in query:
            body = {"head": {"vars": ["g"]}, "results": {"bindings": [
                {"g": {"type": "uri", "value": f"http://example.org/graph/{i}"}} for i in (1, 2)]}}
        else:
            body = {"head": {"vars": ["s", "p", "o"]}, "results": {"bindings": [
                {"s": {"type": "bnode", "value": "b0"}, "p": {"type": "uri", "value": str(ELI.number)},
                 "o": {"type": "literal", "value": query.rsplit("graph/", 1)[1][0]}}]}}
        data = json.dumps(body).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def test_a_dump_by_query_keeps_blank_nodes_of_different_answers_apart():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PerAnswerBlankNodes)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        store = RemoteStore(query_url=f"http://127.0.0.1:{server.server_address[1]}/sparql")
        quads = list(pyoxigraph.parse(store.dump(pyoxigraph.RdfFormat.N_QUADS), format=pyoxigraph.RdfFormat.N_QUADS))
    finally:
        server.shutdown()
    assert sorted((q.graph_name.value, q.object.value) for q in quads) == [
        ("http://example.org/graph/1", "1"), ("http://example.org/graph/2", "2")]
    assert len({q.subject for q in quads}) == 2
