"""Organisation pages: one body is one IRI, made in the build (ingest.keys.body_key), however
documents write its name; the list is ranked and paged; a body's page shows its assignments
with their task and source span, its deadlines, the targets of plans it leads, the documents
it issued; every page costs a bounded number of queries."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import NamedNode

from api.app import create_app
from ingest.keys import body_key
from kg import ids, organisations
from kg.build import organisation_node
from kg.vocab import SPARQL_PREFIXES
from tests.conftest import NAM_TU_LIEM, THANH_TRI
from tests.test_lineage_queries import Counted
from tests.test_store import held_document

ORG = ids.BASE + "org/"
THANH_TRI_PGD = "vn-ha-noi/thanh-tri/phong-giao-duc-va-dao-tao"
NAM_TU_LIEM_PGD = "vn-ha-noi/nam-tu-liem/phong-giao-duc-va-dao-tao"
HTML = {"accept": "text/html"}
LIST_BOUND = 3    # the ranking (kept until the next write), the page's names and areas, the areas' labels
PAGE_BOUND = 10   # one body's page, whatever it shows


@pytest.mark.parametrize("name,jurisdiction,expected", [
    # abbreviation and full name, with or without the province's name and level word
    ("UBND tỉnh", "vn-dak-lak", ("vn-dak-lak", "ủy ban nhân dân")),
    ("Ủy ban nhân dân tỉnh Đắk Lắk", "vn-dak-lak", ("vn-dak-lak", "ủy ban nhân dân")),
    ("Uỷ ban nhân dân Tỉnh", "vn-dak-lak", ("vn-dak-lak", "ủy ban nhân dân")),
    ("UBND TP", "vn-ha-noi", ("vn-ha-noi", "ủy ban nhân dân")),
    ("Ủy ban nhân dân thành phố Hà Nội", "vn-ha-noi", ("vn-ha-noi", "ủy ban nhân dân")),
    # a district's office, short and long, with the district's word and name
    ("Phòng GD&ĐT", "vn-ha-noi/nam-tu-liem", ("vn-ha-noi/nam-tu-liem", "phòng giáo dục và đào tạo")),
    ("Phòng Giáo dục và Đào tạo Quận", "vn-ha-noi/nam-tu-liem", ("vn-ha-noi/nam-tu-liem", "phòng giáo dục và đào tạo")),
    ("Phòng Giáo dục và Đào tạo quận Nam Từ Liêm", "vn-ha-noi/nam-tu-liem",
     ("vn-ha-noi/nam-tu-liem", "phòng giáo dục và đào tạo")),
    # the province's bodies named in a district's plan are the province's
    ("Hội Khuyến học Thành phố", "vn-ha-noi/nam-tu-liem", ("vn-ha-noi", "hội khuyến học")),
    ("UBND thành phố Hà Nội", "vn-ha-noi/thanh-tri", ("vn-ha-noi", "ủy ban nhân dân")),
    ("Hội Khuyến học Quận", "vn-ha-noi/nam-tu-liem", ("vn-ha-noi/nam-tu-liem", "hội khuyến học")),
    # a body only a province has, named in a district's plan, is the province's
    ("Sở Giáo dục và Đào tạo", "vn-ha-noi/thanh-tri", ("vn-ha-noi", "sở giáo dục và đào tạo")),
    ("Sở GD&ĐT Hà Nội", "vn-ha-noi/thanh-tri", ("vn-ha-noi", "sở giáo dục và đào tạo")),
    ("Sở GD&ĐT", "vn-ha-noi", ("vn-ha-noi", "sở giáo dục và đào tạo")),
    # a generic body is its document's area's
    ("UBND các xã", "vn-ha-noi", ("vn-ha-noi", "ủy ban nhân dân các xã")),
    ("UBND các xã", "vn-hue", ("vn-hue", "ủy ban nhân dân các xã")),
    # bodies of the whole country, whoever names them; a province's military command is not one
    ("Bộ trưởng Bộ Tài chính", "vn-can-tho", ("vn", "bộ tài chính")),
    ("Bộ Tài chính", None, ("vn", "bộ tài chính")),
    ("Ủy ban Thường vụ Quốc hội", "vn-ha-noi", ("vn", "ủy ban thường vụ quốc hội")),
    ("Bộ Chỉ huy Quân sự tỉnh", "vn-dak-lak", ("vn-dak-lak", "bộ chỉ huy quân sự")),
    ("Bộ CHQS tỉnh", "vn-dak-lak", ("vn-dak-lak", "bộ chqs")),
    ("Đoàn đại biểu Quốc hội thành phố", "vn-ha-noi", ("vn-ha-noi", "đoàn đại biểu quốc hội")),
    # a national document keeps the level words: "UBND tỉnh" there is every province's
    ("Ủy ban nhân dân các tỉnh, thành phố", "vn", ("vn", "ủy ban nhân dân các tỉnh, thành phố")),
    # a body whose document has no known area stays there
    ("Hội Khuyến học", None, (None, "hội khuyến học")),
])
def test_one_body_one_key(name, jurisdiction, expected):
    assert body_key(name, jurisdiction) == expected


def test_generic_bodies_of_two_provinces_are_two_pages_and_one_body_is_one():
    assert organisation_node("vn-ha-noi", "UBND các xã")[0] != organisation_node("vn-hue", "UBND các xã")[0]
    assert organisation_node("vn-ha-noi", "UBND các xã")[0] == organisation_node("vn-ha-noi", "Ủy ban nhân dân các xã")[0]
    node, scope = organisation_node("vn-ha-noi/thanh-tri", "Phòng GD&ĐT huyện Thanh Trì")
    assert node.value == ORG + THANH_TRI_PGD and scope == "vn-ha-noi/thanh-tri"
    assert ids.organisation_from_path(THANH_TRI_PGD) == node
    with pytest.raises(ValueError):
        ids.organisation_from_path("vn-ha-noi/Phòng GD")


def _labels(store, org: str) -> set[str]:
    rows = store.select(SPARQL_PREFIXES + f"SELECT DISTINCT ?l WHERE {{ <{ORG}{org}> skos:prefLabel|skos:altLabel ?l }}")
    return {r["l"] for r in rows}


def test_the_identity_holds_in_the_graph(corpus_store):
    """The issuer of Đắk Lắk's documents ("UBND tỉnh", "Ủy ban nhân dân tỉnh Đắk Lắk") and the
    body their plans assign are one node; Nam Từ Liêm's Phòng GD&ĐT issues its plan and leads it."""
    issuers = {r["name"] for r in corpus_store.select(SPARQL_PREFIXES + f"""
        SELECT DISTINCT ?name WHERE {{ ?d eli:passed_by <{ORG}vn-dak-lak/uy-ban-nhan-dan> ; vnp:issuerName ?name }}""")}
    assert {"UBND tỉnh", "Ủy ban nhân dân tỉnh Đắk Lắk"} <= issuers
    assert corpus_store.query(SPARQL_PREFIXES + f"""ASK {{ ?a a vnp:Assignment ; vnp:organisation <{ORG}vn-dak-lak/uy-ban-nhan-dan> }}""")
    others = corpus_store.select(SPARQL_PREFIXES + """SELECT DISTINCT ?o WHERE { ?o a org:Organization
        FILTER(REGEX(STR(?o), "/org/vn-(dak-lak|ha-noi)/uy-ban-nhan-dan-(tinh|thanh-pho)"))}""")
    assert others == []

    plan = held_document(corpus_store, NAM_TU_LIEM)
    assert corpus_store.select(SPARQL_PREFIXES + f"SELECT ?o WHERE {{ <{plan}> eli:passed_by ?o }}") == [
        {"o": ORG + NAM_TU_LIEM_PGD}]
    roles = {r["role"].rsplit("#", 1)[1] for r in corpus_store.select(SPARQL_PREFIXES + f"""
        SELECT ?role WHERE {{ ?a vnp:organisation <{ORG}{NAM_TU_LIEM_PGD}> ; vnp:role ?role ; vnp:setBy <{plan}> }}""")}
    assert {"lead", "reportTo"} <= roles
    assert {"Phòng Giáo dục và Đào tạo quận Nam Từ Liêm", "Phòng Giáo dục và Đào tạo Quận",
            "phòng Giáo dục và Đào tạo"} <= _labels(corpus_store, NAM_TU_LIEM_PGD)
    # "UBND Thành phố" in the district plans, and Hà Nội's own resolutions: the city's committee
    assert corpus_store.query(SPARQL_PREFIXES + f"""ASK {{ <{held_document(corpus_store, THANH_TRI)}> eli:cites ?d .
        ?d eli:passed_by <{ORG}vn-ha-noi/uy-ban-nhan-dan> }}""")


@pytest.fixture(scope="module")
def client(corpus_store):
    with TestClient(create_app(corpus_store)) as client:
        yield client


def test_the_list_is_ranked_and_paged(client):
    first = client.get("/organisations", params={"limit": 20}).json()
    assert first["count"] > 100 and len(first["data"]) == 20 and first["offset"] == 0
    ranks = [o["assignments"] for o in first["data"]]
    assert ranks == sorted(ranks, reverse=True) and ranks[0] >= 5
    for o in first["data"]:
        assert o["assignments"] == o["lead"] + o["coordinate"] + o["implement"] + o["report_to"]
        assert o["iri"] == ORG + o["id"] and o["name"]
    second = client.get("/organisations", params={"offset": 20, "limit": 20}).json()
    assert second["count"] == first["count"]
    assert not {o["id"] for o in first["data"]} & {o["id"] for o in second["data"]}
    assert second["data"][0]["assignments"] <= ranks[-1]
    past = client.get("/organisations", params={"offset": first["count"]}).json()
    assert past["data"] == [] and past["count"] == first["count"]
    for bad in ({"limit": 0}, {"limit": 201}, {"offset": -1}, {"offset": "x"}):
        response = client.get("/organisations", params=bad)
        assert response.status_code == 422 and "detail" in response.json()


@pytest.mark.parametrize("lang,words", [("vi", ["Cơ quan, tổ chức", "Trang sau"]), ("en", ["Organisations", "Next"])])
def test_the_list_page_in_both_languages(client, lang, words):
    page = client.get("/organisations", params={"lang": lang}, headers=HTML)
    assert page.status_code == 200 and f'<html lang="{lang}">' in page.text
    for word in words:
        assert word in page.text
    assert f'href="/organisations/{THANH_TRI_PGD}"' in client.get(
        "/organisations", params={"lang": lang, "limit": 200}, headers=HTML).text
    assert 'href="/organisations"' in page.text  # the navigation


def _source_text(store, document: str) -> str:
    rows = store.select(SPARQL_PREFIXES + f"SELECT ?t WHERE {{ <{document}> vnp:extractedFrom ?s . ?s vnp:text ?t }}")
    return rows[0]["t"]


def test_a_body_page_shows_assignments_deadlines_targets_and_issued_documents(client, corpus_store):
    body = client.get(f"/organisations/{THANH_TRI_PGD}").json()
    plan = held_document(corpus_store, THANH_TRI)
    text = _source_text(corpus_store, plan)
    summary = body["summary"]
    assert summary["id"] == THANH_TRI_PGD and summary["area_label"]["vi"] == "Huyện Thanh Trì"
    assert summary["assignments"] == len(body["assignments"]) >= 3
    assert {a["role"] for a in body["assignments"]} >= {"lead", "report_to"}
    for a in body["assignments"]:
        assert a["document"] == plan and a["document_id"] == ids.document_id(plan)
        assert text[a["span"][0]:a["span"][1]] == a["name"]  # the span selects the name as written
        assert a["task"] and a["task_span"][0] <= a["span"][0] < a["task_span"][1]  # inside its task's section
        assert text[a["task_span"][0]:a["task_span"][1]].startswith(a["task"])
    lead = next(a for a in body["assignments"] if a["role"] == "lead")
    assert lead["task"].startswith("1. Phòng Giáo dục và Đào tạo")
    assert len(body["deadlines"]) >= 3 and {d["party"] for d in body["deadlines"]} <= {"actor", "recipient"}
    assert any(d["recurrence"] == "yearly" and d["party"] == "actor" for d in body["deadlines"])
    for d in body["deadlines"]:
        assert d["text"] and text[d["span"][0]:d["span"][1]]
    # the plan it leads is Thanh Trì's: its targets, each with its clause's span
    assert body["targets"] and {t["plan"] for t in body["targets"]} == {plan}
    assert any(t["indicator_id"] == "literacy-rate-15-60" for t in body["targets"])
    for t in body["targets"]:
        assert text[t["span"][0]:t["span"][1]] == t["text"]
    assert [d["iri"] for d in body["issued"]] == [plan] and body["issued"][0]["held"]

    paged = client.get(f"/organisations/{THANH_TRI_PGD}", params={"offset": 1, "limit": 1}).json()
    assert [a["iri"] for a in paged["assignments"]] == [body["assignments"][1]["iri"]]


@pytest.mark.parametrize("lang,words", [("vi", ["Nhiệm vụ được giao", "chủ trì", "Huyện Thanh Trì"]),
                                        ("en", ["Assignments", "lead", "Targets of the plans it leads"])])
def test_a_body_page_in_both_languages_links_to_the_spans(client, corpus_store, lang, words):
    page = client.get(f"/organisations/{THANH_TRI_PGD}", params={"lang": lang}, headers=HTML)
    assert page.status_code == 200
    for word in words:
        assert word in page.text
    plan_id = ids.document_id(held_document(corpus_store, THANH_TRI))
    spans = re.findall(rf'href="/documents/{re.escape(plan_id)}\?span=(\d+)-(\d+)#highlight"', page.text)
    assert len(spans) >= 3 + 3
    assert f'href="/deadlines?organisation={THANH_TRI_PGD}"' in page.text


def test_unknown_and_malformed_bodies(client):
    assert client.get("/organisations/vn/no-such-body").status_code == 404
    assert client.get("/organisations/vn/no-such-body", headers=HTML).status_code == 404
    for bad in ("vn/Bộ", "vn/a b", "vn/%3Cscript%3E", "vn/" + "a" * 3000):
        response = client.get(f"/organisations/{bad}")
        assert response.status_code == 400 and "organisation id" in response.json()["detail"]
    assert client.get(f"/organisations/{THANH_TRI_PGD}", params={"limit": 0}).status_code == 422


def test_document_pages_link_their_organisations(client, corpus_store):
    plan_id = ids.document_id(held_document(corpus_store, NAM_TU_LIEM))
    page = client.get(f"/documents/{plan_id}", headers=HTML).text
    linked = set(re.findall(r'href="/organisations/([^"?#]+)"', page))
    assert NAM_TU_LIEM_PGD in linked
    for org in linked:
        assert client.get(f"/organisations/{org}").status_code == 200, org
    assigned = client.get(f"/documents/{plan_id}/organisations").json()
    assert all(o["organisation"] == ORG + o["organisation_id"] for o in assigned)


def test_named_queries_answer_for_a_body(client):
    for name in ("organisation-assignments", "organisation-deadlines", "organisation-targets", "organisation-documents"):
        response = client.get(f"/queries/{name}", params={"organisation": THANH_TRI_PGD})
        assert response.status_code == 200, name
        assert response.json()["results"]["bindings"], name
    assert client.get("/queries/organisation-list").json()["results"]["bindings"]
    assert client.get("/queries/organisation-targets", params={"organisation": "vn/Bad Id"}).status_code == 400


def test_pages_ask_a_bounded_number_of_queries(client, corpus_store, monkeypatch):
    counted = Counted(corpus_store, monkeypatch)
    corpus_store.generation += 1  # the kept ranking is dropped: a page after a write
    for offset in (0, 50, 100):
        counted.count = 0
        assert client.get("/organisations", params={"offset": offset}, headers=HTML).status_code == 200
        assert counted.count <= LIST_BOUND, (offset, counted.count)
    listed = client.get("/organisations", params={"limit": 200}).json()["data"]
    biggest = max(listed, key=lambda o: o["assignments"] + o["deadlines"] + o["issued"])
    asked = {}
    for o in listed[:60] + [biggest]:
        counted.count = 0
        assert client.get(f"/organisations/{o['id']}", headers=HTML).status_code == 200, o["id"]
        asked[o["id"]] = counted.count
    assert max(asked.values()) <= PAGE_BOUND, sorted(asked.items(), key=lambda kv: -kv[1])[:3]


def test_the_read_model_pages_the_list(corpus_store):
    whole = organisations.ranking(corpus_store)
    page = organisations.organisation_list(corpus_store, 10, 5)
    assert [o.iri for o in page.data] == [r.organisation for r in whole[10:15]]
    assert page.count == len(whole)
    assert organisations.organisation(corpus_store, ORG + "vn/no-such-body") is None
    assert NamedNode(ORG + THANH_TRI_PGD).value in {r.organisation for r in whole}


def test_an_organisations_other_names_come_in_one_order_whatever_the_hash_seed(corpus_store):
    """Names that differ only in case ("Các tỉnh ủy" / "các tỉnh ủy") are ordered by their
    letters too, not left in a set's order (which changes from one process to the next)."""
    found = organisations.organisation(corpus_store, ids.BASE + "org/vn/cac-tinh-uy-thanh-uy")
    assert len({n.casefold() for n in found.names}) < len(found.names)  # the case of the test
    assert found.names == sorted(found.names, key=lambda name: (name.casefold(), name))
