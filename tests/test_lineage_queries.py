"""Pages that answer at once: a document's lineage, graph views and sub-routes ask the store a
bounded number of queries, whatever the number of nodes they show (counted, not timed), and
the relations are one table that every reader shares."""

import ast
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import NamedNode

from api.app import create_app
from api.i18n import messages
from kg import named_queries, relations
from kg.catalogue import list_documents
from kg.lineage import _edges_below
from kg.store import KEPT_ANSWERS, GraphStore
from tests.test_store import QD1373

ROOT = Path(__file__).resolve().parent.parent
# queries a page may ask, whatever the size of its lineage or cascade (a VALUES block holds
# named_queries.CHUNK nodes, more than the corpus has)
BOUND = {"lineage": 5, "graph": 5, "cascade": 4, "neighbourhood": 4}
SUB_ROUTES = ("targets", "tasks", "organisations", "deadlines", "lineage")


class Counted:
    """The store's queries, counted, by wrapping its query method."""

    def __init__(self, store, monkeypatch):
        self.count = 0
        inner = store.query

        def query(sparql):
            self.count += 1
            return inner(sparql)
        monkeypatch.setattr(store, "query", query)


@pytest.fixture(scope="module")
def held(corpus_store):
    return [d for d in list_documents(corpus_store) if d.held]


@pytest.fixture(scope="module")
def client(corpus_store):
    with TestClient(create_app(corpus_store)) as client:
        yield client


@pytest.mark.parametrize("view", BOUND)
def test_every_held_document_view_asks_a_bounded_number_of_queries(corpus_store, held, client, monkeypatch, view):
    """Every held document, and the five most cited documents (the largest cascades)."""
    most_cited = sorted(list_documents(corpus_store), key=lambda d: -d.cited_by)[:5]
    counted = Counted(corpus_store, monkeypatch)
    asked, nodes = {}, {}
    for doc in held + most_cited:
        counted.count = 0
        response = client.get(f"/documents/{doc.id}/{view}")
        assert response.status_code == 200, (doc.id, view)
        asked[doc.id] = counted.count
        body = response.json()
        nodes[doc.id] = len(body["nodes"]) if "nodes" in body else len(body["ancestors"]) + len(body["descendants"])
    assert max(asked.values()) <= BOUND[view], sorted(asked.items(), key=lambda kv: -kv[1])[:5]
    # the count does not grow with the nodes drawn: the largest view asks what the smallest asks
    assert max(nodes.values()) > min(nodes.values()) + 5
    assert len(set(asked.values())) == 1, asked


def test_sub_routes_ask_one_existence_query_not_the_whole_document(corpus_store, held, client, monkeypatch):
    import api.routes.documents as routes

    def whole_document(*_):
        raise AssertionError("a sub-route built the whole document")
    monkeypatch.setattr(routes, "document", whole_document)
    counted = Counted(corpus_store, monkeypatch)
    for route in SUB_ROUTES:
        counted.count = 0
        assert client.get(f"/documents/{held[0].id}/{route}").status_code == 200
        assert client.get(f"/documents/vn/qd/2099/1-qd-khong-co/{route}").status_code == 404
        assert counted.count <= 1 + BOUND["lineage"] + 4, route  # the ASK, then what the route reads
    counted.count = 0
    client.get("/documents/vn/qd/2099/1-qd-khong-co/tasks")
    assert counted.count == 1  # an unknown document: the ASK alone


def test_lineage_below_is_what_the_named_query_lineage_down_answers(corpus_store, held):
    """The pages read the edges below with two short queries; the named query (for users)
    reads them with one long one: both answer the same, on the largest cascades."""
    query = named_queries.get("lineage-down")
    largest = sorted(held, key=lambda d: -d.cited_by)[:3]
    edges = 0
    for iri in [QD1373] + [d.iri for d in largest]:
        expected = [(r["from"], relations.NAMES[r["relation"]], r["to"])
                    for r in corpus_store.select(query.bind(doc=NamedNode(iri)))]
        got = [(e.source, e.relation, e.target) for e in _edges_below(corpus_store, NamedNode(iri))]
        assert got == expected, iri
        edges += len(got)
    assert edges > 5


def test_values_are_bound_in_chunks_of_terms_never_text():
    query = named_queries.internal("node-details")
    nodes = [NamedNode(f"https://vnpolicy.example.org/doc/x/{i}") for i in range(named_queries.CHUNK * 2 + 1)]
    assert len(named_queries.bind_chunks(query, "node", nodes)) == 3
    assert named_queries.bind_chunks(query, "node", []) == []
    with pytest.raises(TypeError):
        query.bind(node=["<https://example.org/a> } DROP ALL {"])


# --- one table of relations --------------------------------------------------------------

def _prefixed(relation) -> str:
    iri = str(relation.iri)
    return ("eli:" if "data.europa.eu/eli" in iri else "vnp:") + iri.rsplit("#", 1)[-1]


def test_the_cascade_paths_in_the_queries_are_the_tables_cascade():
    path = "|".join(("^" if r.downward else "") + _prefixed(r) for r in relations.RELATIONS if r.cascade)
    for name in ("lineage-up", "lineage-down", "cascade"):
        assert f"({path})" in named_queries.get(name).text, name
    assert f"({path})" in named_queries.internal("below").text


def test_the_pages_messages_for_relations_come_from_the_table():
    table = messages()
    for relation in relations.RELATIONS:
        assert table[f"rel.{relation.name}.out"] == relation.label
        assert table[f"rel.{relation.name}.in"] == relation.inverse
    for path in (ROOT / "api" / "messages").glob("*.json"):
        assert '"rel.' not in path.read_text("utf-8"), path


def test_the_read_side_never_imports_the_writer():
    writers = {"build.py", "ingestion.py", "cli.py", "vocabgen.py"}
    files = [p for p in (ROOT / "kg").glob("*.py") if p.name not in writers]
    files += list((ROOT / "api").rglob("*.py")) + list((ROOT / "visualisations").glob("*.py"))
    for path in files:
        tree = ast.parse(path.read_text("utf-8"))
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {f"kg.{alias.name}" for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom) and node.module == "kg" for alias in node.names}
        assert "kg.build" not in imported, path


def test_no_relation_iri_is_written_as_a_string_on_the_read_side():
    for path in [ROOT / "kg" / name for name in ("lineage.py", "network.py", "nodes.py", "catalogue.py", "relations.py")]:
        text = path.read_text("utf-8")
        assert not re.search(r"ontology#(implements|continues|approves|alignsWith|guides|supersedes)", text), path


# --- the document page, the documents list and the home page ---------------------------

DOCUMENT_PAGE_BOUND = 10  # summary, values, two of relations, sources, results, four commitments


def test_document_page_asks_the_same_bounded_number_of_queries_for_every_held_document(corpus_store, held, client,
                                                                                         monkeypatch):
    counted = Counted(corpus_store, monkeypatch)
    asked = {}
    for doc in held:
        counted.count = 0
        response = client.get(f"/documents/{doc.id}", headers={"Accept": "text/html"})
        assert response.status_code == 200, doc.id
        asked[doc.id] = counted.count
    assert max(asked.values()) <= DOCUMENT_PAGE_BOUND, sorted(asked.items(), key=lambda kv: -kv[1])[:5]
    assert len(set(asked.values())) == 1, asked  # however many targets, tasks or relations


def test_documents_list_and_home_read_the_store_once_until_it_is_written(corpus_store, client, monkeypatch):
    """The list's pages and counts come from one query, kept until the store's next write;
    the home page's holdings likewise."""
    counted = Counted(corpus_store, monkeypatch)
    corpus_store.generation += 1  # as after a write: what was kept is stale
    pages = []
    for offset in (0, 50, 100, 500):
        for held_only in ("", "&held=true", "&held=false"):
            response = client.get(f"/documents?offset={offset}&limit=50{held_only}")
            assert response.status_code == 200
            pages.append(response.json())
    assert counted.count == 1
    assert pages[0]["count"] == len(list_documents(corpus_store)) > 50
    counted.count = 0
    for _ in range(3):
        assert client.get("/", headers={"Accept": "text/html"}).status_code == 200
    assert counted.count == 1  # the holdings once (the list is kept): their edges
    counted.count = 0
    assert client.get("/", headers={"Accept": "text/html"}).status_code == 200
    assert client.get("/documents").status_code == 200
    assert counted.count == 0


def test_a_documents_json_asked_again_costs_no_query_until_the_store_is_written(corpus_store, held, client,
                                                                                 monkeypatch):
    counted = Counted(corpus_store, monkeypatch)
    corpus_store.generation += 1  # as after a write: what was kept is stale
    doc = held[0]
    first = client.get(f"/documents/{doc.id}")
    asked = counted.count
    assert first.status_code == 200 and asked > 0
    assert client.get(f"/documents/{doc.id}").json() == first.json()
    assert counted.count == asked
    assert client.get(f"/documents/{doc.id}", headers={"Accept": "text/html"}).status_code == 200
    assert counted.count > asked  # the page is not the JSON: it is read each time
    counted.count = 0
    corpus_store.generation += 1
    assert client.get(f"/documents/{doc.id}").json() == first.json()
    assert counted.count == asked
    counted.count = 0
    assert client.get("/documents/vn/kh/2025/999999-kh-ubnd").status_code == 404
    assert client.get("/documents/vn/kh/2025/999999-kh-ubnd").status_code == 404
    assert counted.count == 2  # a miss is not kept: the document may be uploaded next


def test_what_the_store_keeps_is_bounded_and_forgotten_at_a_write():
    store = GraphStore(None)
    for n in range(KEPT_ANSWERS + 10):
        assert store.kept(("k", n), lambda n=n: n) == n
    assert len(store._kept) == KEPT_ANSWERS and ("k", 0) not in store._kept
    assert store.kept(("big",), lambda: "x" * 10, keep=lambda value: len(value) < 5) == "x" * 10
    assert ("big",) not in store._kept
    store.replace_graph(NamedNode("https://vnpolicy.example.org/graph/t"), [])
    assert store.kept(("k", KEPT_ANSWERS), lambda: "new") == "new"


def test_the_labels_alone_are_the_labels_the_node_details_give(corpus_store, held):
    from kg.nodes import details, labels
    iris = [d.iri for d in held] + [d.iri for d in list_documents(corpus_store) if not d.held][:50]
    iris += ["https://vnpolicy.example.org/doc/vn/kh/2099/none"]   # unknown: left out of both
    described = details(corpus_store, iris)
    assert labels(corpus_store, iris) == {iri: found.label for iri, found in described.items() if found.label}
    assert len(labels(corpus_store, iris)) > 100
