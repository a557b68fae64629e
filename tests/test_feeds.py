"""Each source graph records when it was written (prov:generatedAtTime), on the bulk and the
file-by-file paths; the Atom feeds of documents added and of a directive's cascade are valid
Atom (read by feedparser), gain an entry when a file is ingested, escape what documents say,
and cost a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import time

import hashlib

import feedparser
import pytest
from fastapi.testclient import TestClient
from pyoxigraph import NamedNode

from api.app import create_app
from kg import ids, named_queries
from kg.catalogue import list_documents
from kg.ingestion import ingest_files
from kg.store import GraphStore
from kg.vocab import PROV
from tests.conftest import NAM_TU_LIEM, THANH_TRI
from tests.test_lineage_queries import Counted
from tests.test_store import KH52, held_document

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)> & \x0b'


def _times(store: GraphStore) -> dict[str, str]:
    rows = store.select(f"SELECT ?g ?t WHERE {{ GRAPH ?g {{ ?g <{PROV.generatedAtTime}> ?t }} }}")
    return {r["g"]: r["t"] for r in rows}


def _later_plan(folder, name: str, title_words: str):
    """Thanh Trì's plan, dated later and retitled: a new document resting on 52/KH-UBND."""
    text = THANH_TRI.read_text(encoding="utf-8")
    text = text.replace("Triển khai thực hiện Kế hoạch số 52/KH-UBND",
                        f"{title_words} Triển khai thực hiện Kế hoạch số 52/KH-UBND", 1)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _parsed(client: TestClient, url: str):
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception  # well-formed XML, Atom as feedparser reads it
    assert feed.version == "atom10"
    return feed


def test_each_graph_records_when_it_was_written_and_keeps_it_while_unchanged(tmp_path):
    store = GraphStore(tmp_path / "store")
    before = dt.datetime.now(dt.timezone.utc)
    assert store.accepts_bulk_load()
    assert ingest_files(store, [NAM_TU_LIEM]).ok  # a fresh store: the bulk loader
    first = _times(store)
    assert len(first) == 1
    (graph, written), = first.items()
    assert before - dt.timedelta(seconds=1) <= dt.datetime.fromisoformat(written.replace("Z", "+00:00")) \
        <= dt.datetime.now(dt.timezone.utc)
    assert store.written_at(NamedNode(graph)) == written

    time.sleep(0.01)
    assert ingest_files(store, [NAM_TU_LIEM, THANH_TRI]).ok  # file by file: the same file again, and a new one
    second = _times(store)
    assert second[graph] == written  # unchanged: the time it was first written
    (other, later), = ((g, t) for g, t in second.items() if g != graph)
    assert later > written

    changed = tmp_path / NAM_TU_LIEM.name
    changed.write_text(NAM_TU_LIEM.read_text(encoding="utf-8") + "\nPhụ lục.\n", encoding="utf-8")
    time.sleep(0.01)
    assert ingest_files(store, [changed]).ok
    third = _times(store)
    assert graph in third  # another path: its own graph
    assert len(third) == 3 and all(t >= written for t in third.values())


def test_a_changed_file_is_a_new_graph_with_a_new_time(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(NAM_TU_LIEM.read_text(encoding="utf-8"), encoding="utf-8")
    store = GraphStore(tmp_path / "store")
    assert ingest_files(store, [plan]).ok
    (old_graph, old_time), = _times(store).items()
    plan.write_text(NAM_TU_LIEM.read_text(encoding="utf-8") + "\nPhụ lục.\n", encoding="utf-8")
    time.sleep(0.01)
    assert ingest_files(store, [plan]).ok  # the same path, changed: its old graph is replaced
    (new_graph, new_time), = _times(store).items()
    assert new_graph != old_graph and new_time > old_time


@pytest.fixture()
def feed_store(tmp_path):
    store = GraphStore(tmp_path / "store")
    assert ingest_files(store, [NAM_TU_LIEM, THANH_TRI]).ok
    return store


def test_the_documents_feed_is_atom_and_gains_an_entry_on_ingest(feed_store, tmp_path):
    client = TestClient(create_app(feed_store))
    feed = _parsed(client, "/feed.atom")
    assert feed.feed.id == ids.BASE + "feed/documents"
    assert feed.feed.title and feed.feed.updated_parsed
    assert [link.href for link in feed.feed.links if link.rel == "self"] == ["http://testserver/feed.atom"]
    held = {held_document(feed_store, NAM_TU_LIEM), held_document(feed_store, THANH_TRI)}
    assert {e.id for e in feed.entries} == held
    times = _times(feed_store)
    for entry in feed.entries:
        assert entry.title and entry.updated_parsed
        assert entry.link == "http://testserver/documents/" + ids.document_id(entry.id)
        assert client.get(entry.link.removeprefix("http://testserver"), headers={"accept": "text/html"}).status_code == 200
    assert max(e.updated for e in feed.entries) == feed.feed.updated == max(times.values())

    time.sleep(0.01)
    new = _later_plan(tmp_path, "later.txt", "Bổ sung")
    assert ingest_files(feed_store, [new]).ok
    graph = ids.source_graph_iri(hashlib.sha256(new.read_bytes()).hexdigest()).value
    later = _parsed(client, "/feed.atom")
    assert len(later.entries) == 3
    top = later.entries[0]  # the latest first
    assert top.id == held_document(feed_store, new) and top.id not in held
    assert top.updated == _times(feed_store)[graph] == later.feed.updated
    assert "Bổ sung" in top.title or "Bổ sung" in top.summary


def test_the_cascade_feed_lists_what_rests_on_a_directive(feed_store, tmp_path):
    client = TestClient(create_app(feed_store))
    kh52 = ids.document_id(KH52)
    feed = _parsed(client, f"/documents/{kh52}/feed.atom")
    assert feed.feed.id == f"{ids.BASE}feed/cascade/{kh52}"
    assert {e.id for e in feed.entries} == {held_document(feed_store, NAM_TU_LIEM), held_document(feed_store, THANH_TRI)}
    assert [link.href for link in feed.feed.links if link.rel == "alternate"] == [f"http://testserver/documents/{kh52}"]
    time.sleep(0.01)
    new = _later_plan(tmp_path, "later.txt", "Bổ sung")
    assert ingest_files(feed_store, [new]).ok
    assert _parsed(client, f"/documents/{kh52}/feed.atom").entries[0].id == held_document(feed_store, new)
    # a document nothing rests on: a valid feed without entries, dated by the store's latest write
    leaf = next(d for d in list_documents(feed_store)
                if not feed_store.select(named_queries.get("cascade").bind(doc=NamedNode(d.iri))))
    empty = _parsed(client, f"/documents/{leaf.id}/feed.atom")
    assert empty.entries == [] and empty.feed.updated == max(_times(feed_store).values())
    assert client.get("/documents/vn/qd/2099/1-qd-khong-co/feed.atom").status_code == 404
    assert client.get("/documents/vn/qd/2099/1 qd/feed.atom").status_code == 400
    assert client.head(f"/documents/{kh52}/feed.atom").status_code == 200


def test_feeds_escape_what_documents_say(feed_store, tmp_path):
    hostile = _later_plan(tmp_path, "hostile.txt", HOSTILE)
    assert ingest_files(feed_store, [hostile]).ok
    client = TestClient(create_app(feed_store))
    body = client.get("/feed.atom").content
    assert b"<script>" not in body and b"&lt;script&gt;" in body and b"\x0b" not in body
    feed = _parsed(client, "/feed.atom")
    top = feed.entries[0]
    assert top.id == held_document(feed_store, hostile)
    assert "<script>alert(1)</script>" in top.title + top.summary  # the text, shown as text


def test_an_empty_store_has_an_empty_valid_feed(tmp_path):
    client = TestClient(create_app(GraphStore(tmp_path / "store")))
    feed = _parsed(client, "/feed.atom")
    assert feed.entries == [] and feed.feed.updated == "1970-01-01T00:00:00Z"


def test_a_feed_costs_a_fixed_number_of_queries(feed_store, tmp_path, monkeypatch):
    client = TestClient(create_app(feed_store))
    counted = Counted(feed_store, monkeypatch)
    asked = []
    for url in ("/feed.atom", f"/documents/{ids.document_id(KH52)}/feed.atom"):
        counted.count = 0
        assert client.get(url).status_code == 200
        asked.append(counted.count)
    assert ingest_files(feed_store, [_later_plan(tmp_path, f"later-{i}.txt", f"Lần {i}") for i in range(3)]).ok
    for i, url in enumerate(("/feed.atom", f"/documents/{ids.document_id(KH52)}/feed.atom")):
        counted.count = 0
        assert client.get(url).status_code == 200
        assert counted.count == asked[i] <= 2, (url, counted.count)
