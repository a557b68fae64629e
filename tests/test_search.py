"""Search (kg/search.py, GET /search): numbers in any spelling, title words without diacritics,
issuers and places; ranking, paging, highlighting (escaped), the JSON shape, and an index that
follows the store as documents are added."""

import math
import re
import unicodedata

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from api.app import create_app
from kg.ingestion import ingest_files
from kg.search import PAGE_SIZE, fold, highlight, parse_query, search
from kg.store import GraphStore
from tests.conftest import NAM_TU_LIEM, PLANS, REAL, THANH_TRI

KRONG_PA = PLANS / "gialai-krong-pa-pgddt-2022-kh-qd387.txt"
DONG_HOA = PLANS / "phuyen-dong-hoa-ubnd-2022-kh-qd1373.txt"
DISTRICT_2018 = PLANS / "district-bcd-xhht-2018-kh.txt"
PAGE = {"accept": "text/html,application/xhtml+xml"}


@pytest.fixture(scope="module")
def client(corpus_store):
    return TestClient(create_app(corpus_store))


def doc_id(store, path) -> str:
    """The id of the document read from the corpus file `path`."""
    rows = store.select(f"""PREFIX vnp: <https://vnpolicy.example.org/ontology#>
        SELECT DISTINCT ?d WHERE {{ ?d vnp:extractedFrom ?s . ?s vnp:sourcePath ?p FILTER(STRENDS(?p, "/{path.name}")) }}""")
    assert len(rows) == 1, (path.name, rows)
    return rows[0]["d"].split("/doc/", 1)[1]


def found(client, q, page=1):
    response = client.get("/search", params={"q": q, "page": page})
    assert response.status_code == 200, response.text
    return response.json()


def ids(result) -> list[str]:
    return [r["id"] for r in result["results"]]


# --- folding -----------------------------------------------------------------------------------

def test_folding_strips_marks_and_keeps_offsets():
    assert fold("Xã hội học tập") == "xa hoi hoc tap"
    assert fold("ĐẮK LẮK") == fold("Đắk Lắk") == fold("Ðắk Lắk") == "dak lak"        # Đ and its look-alike Ð
    assert fold(unicodedata.normalize("NFD", "Đông Hòa")) == "dong hoa"
    assert fold("1373/QĐ-TTg") == fold("1373/QD-TTG".lower()) == "1373/qd-ttg"
    # the marks land on the words as written, diacritics and all
    assert highlight("Kế hoạch “Xây dựng xã hội học tập”", parse_query("xa hoi hoc tap")) == [
        ("Kế hoạch “Xây dựng ", False), ("xã hội học tập", True), ("”", False)]
    assert highlight("Thông tư 44/2014/TT-BGDĐT", parse_query("44/TT-BGDDT")) == [
        ("Thông tư ", False), ("44", True), ("/2014/", False), ("TT-BGDĐT", True)]
    assert highlight("Ủy ban nhân dân thành phố Hà Nội", parse_query("ubnd ha noi")) == [
        ("Ủy ban nhân dân", True), (" thành phố ", False), ("Hà Nội", True)]


# --- numbers -----------------------------------------------------------------------------------

@pytest.mark.parametrize("spelling, expected", [
    ("1373/QĐ-TTg", "vn/qd/2021/1373-qd-ttg"),
    ("1373/QD-TTg", "vn/qd/2021/1373-qd-ttg"),
    ("1373/QÐ-TTg", "vn/qd/2021/1373-qd-ttg"),                 # U+00D0, not Đ
    (unicodedata.normalize("NFD", "1373/qđ-ttg"), "vn/qd/2021/1373-qd-ttg"),
    ("qd 1373", "vn/qd/2021/1373-qd-ttg"),
    ("1373 qđ-ttg", "vn/qd/2021/1373-qd-ttg"),
    ("  1373 / QD - TTG ", "vn/qd/2021/1373-qd-ttg"),
    ("quyet dinh 1373", "vn/qd/2021/1373-qd-ttg"),
    ("số 1373/QĐ-TTg ngày 30/7/2021", "vn/qd/2021/1373-qd-ttg"),
    ("57-NQ/TW", "vn/nq/2024/57-nq-tw"),
    ("57 nq tw", "vn/nq/2024/57-nq-tw"),
    ("44/TT-BGDDT", "vn/tt/2014/44-tt-bgddt"),                 # yearless finds 44/2014/TT-BGDĐT
    ("44/2014/TT-BGDDT", "vn/tt/2014/44-tt-bgddt"),
    ("11-ct/tw", "vn/ct/2007/11-ct-tw"),
    ("49 KL TW", "vn/kl/2019/49-kl-tw"),
])
def test_a_number_in_any_spelling_comes_first(client, spelling, expected):
    result = found(client, spelling)
    assert ids(result)[0] == expected, ids(result)[:5]


# Real documents whose number the store holds, spelt as one types it: ASCII, any case.
REAL_NUMBERS = [
    ("010-ct-ubnd--6bac4a0d.md", "010/CT-UBND"),
    ("06-ct-ubnd--4f302021.md", "06/ct-ubnd"),
    ("09-ct-ubnd--2847e161.md", "9/CT-UBND"),                   # leading zero left out
    ("0124-kh-ubnd--556b2fb4.md", "0124/KH-UBND"),
    ("0204-kh-ubnd--9b7eebad.md", "204 kh ubnd"),
    ("1026-kh-ubnd--0a97eb9c.md", "1026/KH-UBND"),
    ("171-2025-nd-cp--e4ddc120.md", "171/2025/ND-CP"),
    ("172-2025-nd-cp--de54f5fa.md", "172/2025/nd-cp"),
    ("22-2025-nq-hdnd--d5f01e57.md", "22/2025/NQ-HDND"),       # not 22/2023 nor 22/2024
    ("221-kl-tw--265ff514.md", "221-KL/TW"),
    ("2581-qd-ttg--d600829a.md", "2581/QD-TTg"),
    ("2634-qd-ttg--c9372820.md", "qd 2634"),
    ("35-2025-nq-hdnd--ed309a99.md", "35/2025/NQ-HDND"),
    ("380-nq-cp--a69069ae.md", "380/NQ-CP"),
    ("383-qd-tw--056a116c.md", "383-QD/TW"),
    ("57-2025-nq-hdnd--f20b8af6.md", "57/2025/NQ-HDND"),       # not 57-NQ/TW
    ("7360-kh-ubnd--6a406c1f.md", "7360/KH-UBND"),
]


@pytest.mark.parametrize("file, spelling", REAL_NUMBERS)
def test_real_documents_are_found_first_by_their_number_without_diacritics(client, corpus_store, file, spelling):
    expected = doc_id(corpus_store, REAL / file)
    result = found(client, spelling)
    assert ids(result)[0] == expected, (spelling, ids(result)[:5])
    assert result["results"][0]["held"] is True
    assert any(part["marked"] for part in result["results"][0]["highlights"]["number"])


def test_a_number_query_does_not_match_its_parts_scattered(client):
    # "10" in a date and "UBND" in a title are not 010/CT-UBND
    assert ids(found(client, "010/CT-UBND")) == ["vn-dak-lak/ct/2025/10-ct-ubnd"]


# The sample plans have no number of their own ("Số: /KH-GDĐT"); the numbers each states in
# its opening lines, spelt without diacritics, find the document it names, and a number in a
# plan's title finds the plan on the first page, after the document itself.
PLAN_NUMBERS = [
    (NAM_TU_LIEM, "1057/KH-SGDDT", "vn-ha-noi/kh/2024/1057-kh-sgddt", "52/KH-UBND"),
    (THANH_TRI, "23-NQ/TU", "vn-ha-noi/nq/2023/23-nq-tu", "52/KH-UBND"),
    (KRONG_PA, "387/QD-TTg", "vn/qd/2022/387-qd-ttg", "387/QD-TTg"),
    (DONG_HOA, "169/KH-UBND", "vn-phu-yen/kh/2021/169-kh-ubnd", None),
    (DISTRICT_2018, "796/KH-GDDT-KH", "{plan}/ref/796-kh-gddt-kh", None),
]


@pytest.mark.parametrize("plan, spelling, expected, title_number", PLAN_NUMBERS, ids=lambda x: getattr(x, "stem", None))
def test_plans_and_the_numbers_they_state(client, corpus_store, plan, spelling, expected, title_number):
    plan_id = doc_id(corpus_store, plan)
    result = found(client, spelling)
    assert ids(result)[0] == expected.format(plan=plan_id), ids(result)[:5]
    if title_number:
        result = found(client, title_number)
        assert result["results"][0]["number"] and fold(result["results"][0]["number"]) == fold(title_number)
        assert plan_id in ids(result), ids(result)
        hit = next(r for r in result["results"] if r["id"] == plan_id)
        assert hit["number"] is None and hit["held"] is True
        assert fold("".join(p["text"] for p in hit["highlights"]["title"] if p["marked"])).startswith(
            fold(title_number))


# --- words -------------------------------------------------------------------------------------

@pytest.mark.parametrize("plan, words", [
    (DISTRICT_2018, "quan nam 2018"),
    (KRONG_PA, "phong trao krong"),
    (NAM_TU_LIEM, "khuyen tai nganh"),
    (THANH_TRI, "khuyen tai nganh"),
    (DONG_HOA, "giai doan thi xa"),
], ids=lambda x: getattr(x, "stem", x))
def test_each_plan_is_found_by_three_title_words_without_diacritics(client, corpus_store, plan, words):
    plan_id = doc_id(corpus_store, plan)
    result = found(client, words)
    # the two Hà Nội plans share their title: both come before anything else
    assert plan_id in ids(result)[:2], ids(result)[:5]
    assert not result["partial"]


@pytest.mark.parametrize("plan, spelling", [
    (NAM_TU_LIEM, "kh-gddt nam tu liem"),   # "Số: /KH-GDĐT": the number's slot left blank as issued
    (THANH_TRI, "KH-GDDT thanh tri"),
    (DONG_HOA, "kh-ubnd dong hoa"),         # "Số: /KH-UBND"
    (KRONG_PA, "kh gddt krong pa"),         # "Số: /KH-GDDT"
], ids=lambda x: getattr(x, "stem", x))
def test_a_blank_numbered_plan_is_found_by_its_codes_and_place(client, corpus_store, plan, spelling):
    assert ids(found(client, spelling))[0] == doc_id(corpus_store, plan)


def test_title_phrase_without_diacritics(client, corpus_store):
    result = found(client, "xa hoi hoc tap")
    plans = {doc_id(corpus_store, p) for p in (NAM_TU_LIEM, THANH_TRI, DONG_HOA, DISTRICT_2018)}
    assert plans <= set(ids(result)[:6])
    assert "vn/da/xay-dung-xa-hoi-hoc-tap-giai-doan-2021-2030" in ids(result)
    for hit in result["results"]:    # in its title, or its issuer ("Ban chỉ đạo xây dựng xã hội học tập quận")
        marked = [p["text"] for parts in hit["highlights"].values() for p in parts if p["marked"]]
        assert "xa hoi hoc tap" in {fold(m) for m in marked}, hit


def test_issuer_searches(client):
    result = found(client, "ubnd ha noi")
    first = result["results"][:10]
    assert "vn-ha-noi/kh/52-kh-ubnd" in ids(result)
    assert all(r["jurisdiction"] == "Thành phố Hà Nội" for r in first), [r["id"] for r in first]
    result = found(client, "bo chinh tri")
    assert "vn/ct/2007/11-ct-tw" in ids(result)
    for hit in result["results"]:
        assert "bo chinh tri" in fold(f"{hit['issuer']} {hit['title']}"), hit
    result = found(client, "so giao duc va dao tao ha noi")
    assert ids(result)[0] == "vn-ha-noi/kh/2024/1057-kh-sgddt"


@pytest.mark.parametrize("place, plan", [
    ("nam tu liem", NAM_TU_LIEM), ("Nam Từ Liêm", NAM_TU_LIEM), ("krong pa", KRONG_PA), ("KRÔNG PA", KRONG_PA),
    ("thanh tri", THANH_TRI), ("dong hoa", DONG_HOA),
], ids=str)
def test_place_searches(client, corpus_store, place, plan):
    assert ids(found(client, place))[0] == doc_id(corpus_store, plan)


def test_a_province_finds_its_documents(client):
    result = found(client, "dak lak")
    assert result["total"] >= 8
    assert all(r["jurisdiction"] == "Tỉnh Đắk Lắk" for r in result["results"])
    assert all(any(p["marked"] for p in r["highlights"]["jurisdiction"]) for r in result["results"])


def test_held_before_cited_at_equal_score(client):
    for q in ("ke hoach", "ubnd ha noi", "xa hoi hoc tap", "bo chinh tri", "52/KH-UBND"):
        results = found(client, q)["results"]
        scores = [r["score"] for r in results]
        assert scores == sorted(scores, reverse=True), q
        for a, b in zip(results, results[1:]):
            if a["score"] == b["score"]:
                assert a["held"] or not b["held"], (q, a["id"], b["id"])
    # the number itself first, then the plans whose title states it
    result = found(client, "52/KH-UBND")
    assert ids(result)[0] == "vn-ha-noi/kh/52-kh-ubnd"
    assert result["results"][0]["score"] > result["results"][1]["score"]


def test_no_word_in_common_finds_nothing_and_some_words_find_some(client):
    nothing = found(client, "zzzqqq")
    assert nothing["total"] == 0 and nothing["results"] == [] and not nothing["partial"]
    some = found(client, "xa hoi hoc tap zzzqqq")
    assert some["partial"] and some["total"] > 0


# --- paging ------------------------------------------------------------------------------------

def test_paging(client):
    first = found(client, "ke hoach")
    total = first["total"]
    assert total > 2 * PAGE_SIZE
    assert first["pages"] == math.ceil(total / PAGE_SIZE) and first["page"] == 1
    seen = []
    for page in range(1, first["pages"] + 1):
        result = found(client, "ke hoach", page)
        assert result["total"] == total and result["page"] == page
        assert len(result["results"]) == (PAGE_SIZE if page < first["pages"] else total - PAGE_SIZE * (page - 1))
        seen += ids(result)
    assert len(seen) == len(set(seen)) == total
    beyond = found(client, "ke hoach", first["pages"] + 1)
    assert beyond["results"] == [] and beyond["total"] == total
    assert client.get("/search", params={"q": "ke hoach", "page": 0}).status_code == 422
    assert client.get("/search", params={"q": "ke hoach", "page": "x"}).status_code == 422
    page = client.get("/search", params={"q": "ke hoach", "page": 2}, headers=PAGE).text
    assert 'rel="prev" href="/search?q=ke+hoach&amp;page=1"' in page
    assert 'rel="next" href="/search?q=ke+hoach&amp;page=3"' in page
    assert f'<ol class="hits" start="{PAGE_SIZE + 1}">' in page
    assert page.count('<li class="hit ') == PAGE_SIZE


# --- the page ----------------------------------------------------------------------------------

def test_page_marks_matched_words_escaped(client):
    page = client.get("/search", params={"q": "8935/BNV-CTTN&BDG", "lang": "vi"}, headers=PAGE)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    # the number has an "&": it is escaped inside the mark
    assert '<a href="/documents/vn/cv/2025/8935-bnv-cttn-bdg">Công văn <mark>8935/BNV-CTTN&amp;BĐG</mark></a>' in page.text
    page = client.get("/search", params={"q": "xa hoi hoc tap", "lang": "vi"}, headers=PAGE).text
    assert "<mark>xã hội học tập</mark>" in page
    assert re.search(r'<a href="/documents/vn-phu-yen/dong-hoa/kh/2022/draft-[0-9a-f]+">', page)


def test_a_script_in_the_query_comes_back_escaped(client):
    q = '<script>alert("x")</script> xa hoi'
    page = client.get("/search", params={"q": q}, headers=PAGE)
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "</script> xa" not in page.text
    assert str(escape(q)) in page.text                          # in the box and in the count line
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; xa hoi" in page.text
    assert not re.search(r"<script(?![^>]*\bsrc=)", page.text)  # no inline script at all
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", page.text)    # nor inline handlers
    data = found(client, q)
    assert data["query"] == q
    marked = {p["text"] for r in data["results"] for parts in r["highlights"].values() for p in parts if p["marked"]}
    assert not any("<" in m for m in marked)


def test_empty_query_shows_the_form_and_help(client):
    page = client.get("/search", params={"lang": "vi"}, headers=PAGE)
    assert page.status_code == 200
    text = page.text
    assert "<h1>Tìm kiếm văn bản</h1>" in text and "<title>Tìm kiếm văn bản · vn-policy-kg</title>" in text
    assert '<input id="search-q" type="search" name="q" value=""' in text
    assert 'href="/search?q=qd%201373"' in text and 'href="/search?q=44/TT-BGDDT"' in text
    assert '<link rel="stylesheet" href="/static/search.css">' in text
    assert 'class="hits"' not in text
    assert client.get("/static/search.css").status_code == 200
    english = client.get("/search", params={"q": "qd 1373", "lang": "en"}, headers=PAGE).text
    assert "<h1>Search documents</h1>" in english and "<title>Search: qd 1373 · vn-policy-kg</title>" in english
    assert "1 document matches “qd 1373”." in english and "Only cited" in english
    # the header's search box keeps the query
    assert english.count('name="q" value="qd 1373"') == 2
    assert found(client, "   ") == {"query": "   ", "total": 0, "page": 1, "pages": 0, "page_size": PAGE_SIZE,
                                   "partial": False, "results": []}


def test_a_too_long_query_is_refused_clearly(client):
    long_query = "xa hoi " * 40
    response = client.get("/search", params={"q": long_query})
    assert response.status_code == 422 and "at most 200" in response.json()["detail"]
    page = client.get("/search", params={"q": long_query, "lang": "vi"}, headers=PAGE)
    assert page.status_code == 422 and "tối đa 200 ký tự" in page.text and 'role="alert"' in page.text
    assert found(client, "x" * 200)["total"] == 0


def test_json_shape(client):
    result = found(client, "1373/QD-TTg")
    assert set(result) == {"query", "total", "page", "pages", "page_size", "partial", "results"}
    assert result["query"] == "1373/QD-TTg" and result["total"] >= 1 and result["pages"] == 1
    hit = result["results"][0]
    assert set(hit) == {"id", "iri", "label", "number", "type", "type_name", "title", "issuer", "place",
                        "jurisdiction", "date", "held", "score", "highlights"}
    assert hit == {**hit, "id": "vn/qd/2021/1373-qd-ttg", "iri": "https://vnpolicy.example.org/doc/vn/qd/2021/1373-qd-ttg",
                   "label": "Quyết định 1373/QĐ-TTg", "number": "1373/QĐ-TTg", "type": "QĐ",
                   "type_name": {"vi": "Quyết định", "en": "Decision"}, "issuer": "Thủ tướng Chính phủ",
                   "jurisdiction": "Việt Nam", "date": "2021-07-30", "held": False}
    assert hit["highlights"]["number"] == [{"text": "1373/QĐ-TTg", "marked": True}]
    assert hit["highlights"]["label"] == [{"text": "Quyết định ", "marked": False},
                                          {"text": "1373/QĐ-TTg", "marked": True}]
    assert client.get(f"/documents/{hit['id']}").status_code == 200


# --- the index follows the store ---------------------------------------------------------------

def test_documents_added_later_are_found(tmp_path):
    store = GraphStore(None)
    assert ingest_files(store, [DONG_HOA]).ok
    assert [h.id for h in search(store, "dong hoa").results][:1] == [doc_id(store, DONG_HOA)]
    assert search(store, "krong pa").total == 0
    assert ingest_files(store, [KRONG_PA]).ok              # as an upload does while the app runs
    assert [h.id for h in search(store, "krong pa").results] == [doc_id(store, KRONG_PA)]


def test_the_index_is_built_once_when_many_ask_at_once(monkeypatch):
    """Cold, a burst of searches waits for one build instead of each building its own."""
    import threading

    from kg import search as search_module

    store = GraphStore(None)
    assert ingest_files(store, [DONG_HOA]).ok
    builds = []
    real_build = search_module.build_index

    def counted(graph_store):
        builds.append(1)
        return real_build(graph_store)

    monkeypatch.setattr(search_module, "build_index", counted)
    threads = [threading.Thread(target=search, args=(store, "dong hoa")) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(builds) == 1
    assert ingest_files(store, [KRONG_PA]).ok  # a write: the next search builds again, once
    search(store, "krong pa")
    search(store, "krong pa")
    assert len(builds) == 2


# --- the index looks only where a query can match ------------------------------------------------

def _every_entry_scored(index, query):
    """The ranking as scoring every entry of the index would give it (what search did before it
    had postings): the oracle the pruned ranking must equal."""
    from kg.search import score
    scored = [(entry, *score(entry, query)) for entry in index.entries]
    complete = [(e, s) for e, s, whole in scored if whole]
    ranked = complete or [(e, s) for e, s, _ in scored if s > 0]
    ranked.sort(key=lambda pair: (-pair[1], not pair[0].held, pair[0].sort_key, pair[0].id))
    return [(e.id, s) for e, s in ranked], not complete and bool(ranked)


@pytest.mark.parametrize("q", [
    "1373/QĐ-TTg", "qd 1373", "44/TT-BGDDT", "44/2014/TT-BGDĐT", "số 1373/QĐ-TTg ngày 30/7/2021",
    "57-NQ/TW", "57 nq tw", "xa hoi hoc tap", "ubnd ha noi", "Ủy ban nhân dân thành phố Hà Nội",
    "thanh tri", "quan nam 2018", "kh-gddt nam tu liem", "Kế hoạch", "2025", "số", "ha noi zzzz",
    "chuyen doi so xa hoi hoc tap krong", "nghị quyết 2030",
])
def test_pruned_ranking_equals_scoring_every_document(corpus_store, q):
    from kg.search import index_for
    index, query = index_for(corpus_store), parse_query(q)
    ranked, partial = index.ranking(query)
    assert ([(e.id, s) for e, s in ranked], partial) == _every_entry_scored(index, query)
    again, _ = index.ranking(parse_query(q))          # the next page: the same ranking, kept
    assert again is ranked



def test_a_served_store_has_its_index_built_before_the_first_search(monkeypatch):
    """kg serve builds the index in the background (api.app.warm): the first search asks the
    store nothing."""
    from api.app import warm
    from kg import search as document_search

    store = GraphStore(None)
    ingest_files(store, [THANH_TRI])
    assert store not in document_search._cache
    warm(store).join(120)
    asked = []
    inner = store.query
    monkeypatch.setattr(store, "query", lambda sparql: asked.append(sparql) or inner(sparql))
    assert search(store, "xã hội học tập").total >= 1
    assert asked == []


def test_searches_waiting_for_the_index_hold_none_of_the_threads_other_pages_are_answered_in(monkeypatch):
    """With one thread for the routes' work, a search waiting for the index being built does
    not keep a document's JSON waiting; and the server takes the number of threads it is given."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    import anyio.to_thread

    from kg import search as document_search

    store = GraphStore(None)
    ingest_files(store, [THANH_TRI])
    doc_id = store.select("PREFIX vnp: <https://vnpolicy.example.org/ontology#> "
                          "SELECT ?d WHERE { ?d vnp:held true }")[0]["d"].split("/doc/", 1)[1]
    building, release = threading.Event(), threading.Event()
    real = document_search.build_index

    def slow_build(store):
        building.set()
        release.wait(30)
        return real(store)
    monkeypatch.setattr(document_search, "build_index", slow_build)
    with TestClient(create_app(store, threads=1)) as client, ThreadPoolExecutor(2) as requests:
        try:
            assert client.portal.call(lambda: anyio.to_thread.current_default_thread_limiter().total_tokens) == 1
            searching = requests.submit(client.get, "/search", params={"q": "xã hội học tập"})
            assert building.wait(10)
            document = requests.submit(client.get, f"/documents/{doc_id}").result(timeout=10)
            assert document.status_code == 200 and not searching.done()
        finally:
            release.set()
        assert searching.result(30).json()["total"] >= 1
