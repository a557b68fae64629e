"""Every named query, run on the corpus, through kg and through GET /queries/{name}."""

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import NamedNode

from api.app import create_app
from kg import catalogue, ids, named_queries
from kg.relations import NAMES as RELATION_NAMES
from kg.vocab import SPARQL_PREFIXES
from tests.conftest import REAL
from tests.test_store import CT11, DE_AN, KH52, KL49, NQ23, NAM_TU_LIEM, QD1373, THANH_TRI, PLANS, held_document


def run(store, name, **values):
    return store.select(named_queries.get(name).bind(**values))


def test_every_named_query_says_what_it_answers_and_has_a_test():
    tested = {"lineage-up", "lineage-down", "documents", "cascade", "coverage", "deadlines-by-month", "reporting-deadlines",
              "organisations-by-assignments", "cited-not-held", "unresolved-citations", "targets-by-indicator",
              "documents-in-area", "results-by-indicator", "document-results",
              # tests/test_status.py, tests/test_target_shortfalls.py
              "status-documents", "status-coverage", "status-reporting", "target-shortfalls", "target-parents",
              # tests/test_organisation_pages.py and tests/test_feeds.py
              "organisation-list", "organisation-assignments", "organisation-deadlines", "organisation-targets",
              "organisation-documents", "documents-added", "cascade-added"}
    queries = named_queries.named_queries()
    assert set(queries) == tested
    for query in queries.values():
        assert len(query.description) > 40, query.name


def test_cascade_below_11_ct_tw(corpus_store):
    rows = run(corpus_store, "cascade", doc=NamedNode(CT11))
    below = {r["document"] for r in rows}
    assert KL49 in below
    # Nam Từ Liêm names 49-KL/TW in its purpose ("theo tinh thần"), not as a parent
    assert held_document(corpus_store, NAM_TU_LIEM) not in below
    assert {(r["document"], r["parent"]) for r in rows} >= {(KL49, CT11)}


def test_cascade_below_1373(corpus_store):
    below = {r["document"] for r in run(corpus_store, "cascade", doc=NamedNode(QD1373))}
    assert DE_AN in below
    assert held_document(corpus_store, PLANS / "phuyen-dong-hoa-ubnd-2022-kh-qd1373.txt") in below


def test_deadlines_by_month(corpus_store):
    rows = run(corpus_store, "deadlines-by-month")
    months = [int(r["month"]) for r in rows]
    assert months == sorted(months) and len(rows) > 10
    ntl = held_document(corpus_store, NAM_TU_LIEM)
    assert any(r["document"] == ntl and r["month"] == "11" and r["day"] == "15" for r in rows)


def test_organisations_by_assignments(corpus_store):
    rows = run(corpus_store, "organisations-by-assignments")
    counts = [int(r["assignments"]) for r in rows]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 3
    # departments (sở) are among the bodies assigned most (below the ministries and committees that
    # plans of several provinces name, each one body since ingest.keys.body_key)
    assert any("sở" in (r["name"] or "").lower() for r in rows[:30])


def test_cited_not_held(corpus_store):
    rows = run(corpus_store, "cited-not-held")
    documents = {r["document"]: int(r["citedBy"]) for r in rows}
    assert documents[KH52] == 2  # both Hà Nội plans cite it; its text is not in the corpus
    assert QD1373 in documents


def test_unresolved_citations(corpus_store):
    rows = run(corpus_store, "unresolved-citations")
    assert rows and all("/ref/" in r["reference"] for r in rows)


@pytest.fixture(scope="module")
def client(corpus_store):
    return TestClient(create_app(corpus_store))


def test_queries_api(client):
    listed = {q["name"]: q for q in client.get("/queries").json()}
    assert listed["cascade"]["parameters"] == ["doc"]
    result = client.get("/queries/cascade", params={"doc": ids.document_path(QD1373)}).json()
    assert DE_AN in {b["document"]["value"] for b in result["results"]["bindings"]}
    missing = client.get("/queries/cascade")  # a required parameter, like any other
    assert missing.status_code == 422 and "'doc'" in missing.json()["detail"]
    for bad in ("vn/qd 1373", "http://a b", "<script>"):
        wrong = client.get("/queries/cascade", params={"doc": bad})
        assert wrong.status_code == 400 and "not a" in wrong.json()["detail"]
    unknown = client.get("/queries/nope")
    assert unknown.status_code == 404 and "cascade" in unknown.json()["detail"]
    literacy = client.get("/queries/targets-by-indicator", params={"indicator": "literacy-rate-15-60"},
                          headers={"accept": "text/csv"})
    assert literacy.headers["content-type"].startswith("text/csv") and "99.5" in literacy.text


def test_results_by_indicator_reads_what_987_reports(corpus_store):
    """data/corpus/real/987-kh-ubnd--ceb89a53.md, "1. Hiện trạng": "... là 87 trạm. Trong đó, có
    28 trạm 5G trên nền hạ tầng 3G/4G (Chiếm 32,2 %)." (the plan of 2025)."""
    rows = run(corpus_store, "results-by-indicator", indicator=ids.indicator_iri("mobile-5g-coverage"))
    nghe_an = held_document(corpus_store, REAL / "987-kh-ubnd--ceb89a53.md")
    mine = sorted((float(r["value"]), r["unit"], r["year"]) for r in rows if r["document"] == nghe_an)
    assert mine == [(28.0, "trạm", "2025"), (32.2, "%", "2025"), (87.0, "trạm", "2025")]
    assert all(int(r["start"]) < int(r["end"]) and r["clause"] for r in rows if r["document"] == nghe_an)


def test_document_results_reads_what_987_reports_in_the_order_of_the_text(corpus_store):
    """The same three values as results-by-indicator, asked of the document (tests/test_document_results.py
    tests the page and JSON that show them)."""
    nghe_an = held_document(corpus_store, REAL / "987-kh-ubnd--ceb89a53.md")
    rows = run(corpus_store, "document-results", doc=NamedNode(nghe_an))
    assert [(float(r["value"]), r["unit"], r["year"]) for r in rows] == [
        (87.0, "trạm", "2025"), (28.0, "trạm", "2025"), (32.2, "%", "2025")]
    assert all(r["indicator"] == ids.indicator_iri("mobile-5g-coverage").value and r["rule"] for r in rows)
    assert [int(r["start"]) for r in rows] == sorted(int(r["start"]) for r in rows)
    assert run(corpus_store, "document-results", doc=NamedNode(KH52)) == []


def test_cascade_has_level_labels(corpus_store):
    levels = {r["document"]: r["level"] for r in run(corpus_store, "cascade", doc=NamedNode(CT11))}
    assert levels[KL49] == "Trung ương Đảng"
    levels = {r["document"]: r["level"] for r in run(corpus_store, "cascade", doc=NamedNode(NQ23))}
    assert levels[KH52] == "Tỉnh" and levels[held_document(corpus_store, NAM_TU_LIEM)] == "Huyện"


def test_real_documents_link_into_cascades(corpus_store):
    """Links between the real documents and what they cite, found by reading each source:
    - 144-kh-ubnd (Bắc Ninh): "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị";
    - 552-kh-ubnd (Đồng Tháp): "Căn cứ Nghị quyết số 57-NQ/TW ...";
    - 597-kh-ubnd (Đồng Tháp): "Căn cứ Nghị quyết số 57-NQ/TW ...";
    - 2597/QĐ-TTg: "Căn cứ Nghị quyết số 57-NQ/TW ...";
    - 987-kh-ubnd (Nghệ An): "Kế hoạch hành động số 328-KH/TU ... về việc thực hiện Nghị quyết số 57-NQ/TW";
    - 73/2025/NQ-HĐND (Hà Nội): "Căn cứ Nghị định số 171/2025/NĐ-CP", a decree the corpus holds;
    - 174/CV-BCĐ (file 192-kl-tw): "Thực hiện Kết luận số 192-KL/TW ... và Kết luận số 221-KL/TW", held too."""
    from tests.conftest import REAL

    nq57 = "https://vnpolicy.example.org/doc/vn/nq/2024/57-nq-tw"
    based_on = "http://data.europa.eu/eli/ontology#based_on"
    implements = "https://vnpolicy.example.org/ontology#implements"

    def has(subject, predicate, obj):
        return bool(corpus_store.query(f"ASK {{ <{subject}> <{predicate}> <{obj}> }}"))

    for name in ("144-kh-ubnd--ad5aff6c.md", "552-kh-ubnd--19206835.md", "597-kh-ubnd--689f49d2.md",
                 "2597-qd-ttg--ec00bd6f.md"):
        assert has(held_document(corpus_store, REAL / name), based_on, nq57), name
    kh328 = "https://vnpolicy.example.org/doc/vn-nghe-an/kh/2025/328-kh-tu"
    assert has(kh328, implements, nq57)
    decree171 = held_document(corpus_store, REAL / "171-2025-nd-cp--e4ddc120.md")
    assert has(held_document(corpus_store, REAL / "73-2025-nq-hdnd--06c6f91f.md"), based_on, decree171)
    conclusion221 = held_document(corpus_store, REAL / "221-kl-tw--265ff514.md")
    assert has(held_document(corpus_store, REAL / "192-kl-tw--e42103d7.md"), implements, conclusion221)
    below = {r["document"] for r in run(corpus_store, "cascade", doc=NamedNode(nq57))}
    assert {held_document(corpus_store, REAL / "144-kh-ubnd--ad5aff6c.md"), kh328} <= below


def test_reingesting_the_corpus_leaves_the_same_quads(corpus_store):
    from kg.ingestion import ingest_files

    before = corpus_store.quads()
    assert ingest_files(corpus_store, [PLANS, PLANS.parent / "real"]).ok
    assert corpus_store.quads() == before


def test_coverage_of_52_kh_ubnd(corpus_store):
    rows = run(corpus_store, "coverage", doc=NamedNode(KH52))
    covered = {r["unitLabel"] for r in rows if r["covered"] == "true"}
    not_covered = {r["unitLabel"] for r in rows if r["covered"] == "false"}
    assert covered == {"Quận Nam Từ Liêm", "Huyện Thanh Trì"}
    assert len(not_covered) == 28 and {"Quận Ba Đình", "Huyện Sóc Sơn", "Thị xã Sơn Tây"} <= not_covered


def test_documents_in_area_follow_the_2025_reorganisation(corpus_store):
    """Đông Hòa's plan (Phú Yên, 2022) belongs to today's Đắk Lắk, into which Phú Yên was
    merged on 1 July 2025; Đắk Lắk's own 2025 documents are there too, not as former units."""
    dak_lak = NamedNode(ids.BASE + "area/vn-dak-lak")
    rows = run(corpus_store, "documents-in-area", area=dak_lak)
    dong_hoa = held_document(corpus_store, PLANS / "phuyen-dong-hoa-ubnd-2022-kh-qd1373.txt")
    former = {r["document"]: r["formerUnit"] for r in rows}
    assert former[dong_hoa] == "true"
    assert any(flag == "false" for flag in former.values())  # Đắk Lắk's own documents
    phu_yen = run(corpus_store, "documents-in-area", area=NamedNode(ids.BASE + "area/vn-phu-yen"))
    assert dong_hoa in {r["document"] for r in phu_yen}
    assert not set(former) - {dong_hoa} & {r["document"] for r in phu_yen}  # not the other way


def test_issuing_bodies_are_one_organisation_however_written(corpus_store):
    """"UBND Thành phố" (Nam Từ Liêm's citation of 52/KH-UBND) and "Ủy ban nhân dân thành
    phố Hà Nội" are the curated body Ha Noi People's Committee, an executive of area vn-ha-noi."""
    rows = corpus_store.select(SPARQL_PREFIXES + f"""
        SELECT ?org ?en ?kind ?area WHERE {{
          <{KH52}> eli:passed_by ?org . ?org skos:prefLabel ?en ; org:classification ?kind ; vnp:area ?area .
          FILTER(LANG(?en) = "en") }}""")
    assert {(r["org"], r["en"], r["kind"], r["area"]) for r in rows} == {(
        ids.BASE + "org/vn-ha-noi/uy-ban-nhan-dan", "Ha Noi People's Committee",
        ids.BASE + "ontology#executive", ids.BASE + "area/vn-ha-noi")}
    names = {r["name"] for r in corpus_store.select(SPARQL_PREFIXES + """
        SELECT DISTINCT ?name WHERE { ?d eli:passed_by <https://vnpolicy.example.org/org/vn-dak-lak/uy-ban-nhan-dan> ;
                                         vnp:issuerName ?name }""")}
    assert {"UBND tỉnh", "Ủy ban nhân dân tỉnh Đắk Lắk"} <= names
    issuers = {r["name"] for r in corpus_store.select(SPARQL_PREFIXES + """
        SELECT DISTINCT ?name WHERE { ?d vnp:issuerName ?name }""")}
    assert not {n for n in issuers if n[:1].islower() or " khoảng " in n}  # "đề ra", "Quốc hội khoảng 110 tỷ đồng"


def test_a_parameter_tested_in_a_filter_is_bound_as_its_list_of_terms():
    from pyoxigraph import Literal, NamedNode, Store
    query = named_queries.NamedQuery("t", "", ("x", "label"), """SELECT ?s WHERE {
  ?s ?p ?x . ?s <http://e/label> ?l FILTER(?l IN (?label)) }""")
    text = query.bind(x=[NamedNode("http://e/a"), NamedNode("http://e/b")],
                      label=[Literal("xã hội, học tập"), Literal("b")])
    assert 'IN ("xã hội, học tập", "b")' in text and "VALUES ?x { <http://e/a> <http://e/b> }" in text
    assert "VALUES ?label" not in text
    store = Store()
    store.update('INSERT DATA { <http://e/s> <http://e/p> <http://e/a> ; <http://e/label> "xã hội, học tập" . '
                 '<http://e/t> <http://e/p> <http://e/a> ; <http://e/label> "c" }')
    assert [row["s"].value for row in store.query(text)] == ["http://e/s"]
    assert not list(store.query(query.bind(x=NamedNode("http://e/a"), label=[])))   # IN (): nothing


def test_a_parameter_written_with_a_dollar_is_put_in_place_as_its_one_term():
    from pyoxigraph import Literal, NamedNode, Store
    query = named_queries.NamedQuery("t", "", ("doc", "docs", "label"), """SELECT ?o WHERE {
  $doc <http://e/p> ?o . ?o <http://e/label> $label . OPTIONAL { $docs <http://e/q> ?o } }""")
    text = query.bind(doc=NamedNode("http://e/a"), docs=NamedNode("http://e/b"), label=Literal('say "x"'))
    assert "<http://e/a> <http://e/p> ?o" in text and "<http://e/b> <http://e/q> ?o" in text
    assert "$" not in text and "VALUES" not in text     # $docs is its own parameter, not $doc + "s"
    store = Store()
    store.update('INSERT DATA { <http://e/a> <http://e/p> <http://e/s> . <http://e/s> <http://e/label> "say \\"x\\"" }')
    assert [row["o"].value for row in store.query(text)] == ["http://e/s"]
    with pytest.raises(ValueError, match="one term"):
        query.bind(doc=[NamedNode("http://e/a"), NamedNode("http://e/c")], docs=NamedNode("http://e/b"), label=Literal("x"))
    with pytest.raises(TypeError):
        query.bind(doc="<http://e/a> } DROP ALL {", docs=NamedNode("http://e/b"), label=Literal("x"))


def test_a_documents_relations_are_read_with_the_document_in_place(corpus_store):
    relations = [NamedNode(iri) for iri in RELATION_NAMES]
    for direction in ("out", "in"):
        query = named_queries.internal(f"document-relations-{direction}")
        assert query.parameters == ("doc", "r")
        text = query.bind(doc=NamedNode("https://vnpolicy.example.org/doc/vn/qd/2021/1373-qd-ttg"), r=relations)
        assert "VALUES ?doc" not in text and "<https://vnpolicy.example.org/doc/vn/qd/2021/1373-qd-ttg>" in text
    found = catalogue.document(corpus_store, "vn/qd/2021/1373-qd-ttg")
    assert {(r.relation, r.direction) for r in found.related} >= {("approves", "out"), ("cites", "in")}
