"""Adding a document over HTTP: off without an admin token, 401 with a wrong one, and a bad
file changes nothing; with the token a .docx lands in the store, in its directive's cascade
and in search."""

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from kg.ingestion import load_curated
from kg.store import GraphStore
from tests.conftest import PLANS
from tests.test_formats import make_docx

TOKEN = "s3cret-token"
DONG_HOA = PLANS / "phuyen-dong-hoa-ubnd-2022-kh-qd1373.txt"
QD1373 = "vn/qd/2021/1373-qd-ttg"
HTML = {"accept": "text/html"}


@pytest.fixture()
def store(tmp_path):
    store = GraphStore(tmp_path / "store")
    load_curated(store)
    return store


def _client(store, tmp_path, token=TOKEN):
    return TestClient(create_app(store, admin_token=token, uploads=tmp_path / "uploads"))


def _upload(client, path, token=TOKEN, headers=None):
    with path.open("rb") as handle:
        data = {"token": token} if token is not None else {}
        return client.post("/documents", files={"file": (path.name, handle)}, data=data, headers=headers or {})


def test_without_a_configured_token_upload_is_off(store, tmp_path):
    client = _client(store, tmp_path, token=None)
    before = store.quads()
    docx = make_docx(DONG_HOA, tmp_path / "dong-hoa.docx")
    response = _upload(client, docx, token="anything")
    assert response.status_code == 403 and response.json()["code"] == "off"
    assert store.quads() == before and not (tmp_path / "uploads").exists()
    page = client.get("/upload?lang=en")
    assert "Adding documents is turned off" in page.text and "disabled" in page.text


def test_a_missing_or_wrong_token_is_401_and_writes_nothing(store, tmp_path):
    client = _client(store, tmp_path)
    before = store.quads()
    docx = make_docx(DONG_HOA, tmp_path / "dong-hoa.docx")
    for token in (None, "wrong"):
        response = _upload(client, docx, token=token)
        assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert store.quads() == before and not (tmp_path / "uploads").exists()


def test_a_bad_file_shows_its_error_and_writes_nothing(store, tmp_path):
    client = _client(store, tmp_path)
    before = store.quads()
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a word file")
    page = _upload(client, broken, headers=HTML)
    assert page.status_code == 422
    assert 'id="upload-errors"' in page.text and "broken.docx" in page.text
    assert str(tmp_path) not in page.text  # the message names the file, not our folder
    old_word = tmp_path / "old.doc"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0")
    response = _upload(client, old_word)
    assert response.status_code == 422 and "unsupported file type '.doc'" in response.json()["errors"][0]
    assert store.quads() == before
    assert not any((tmp_path / "uploads").rglob("*.*"))  # the bad files were not kept


def test_with_the_token_a_docx_lands_in_the_cascade(store, tmp_path):
    client = _client(store, tmp_path)
    docx = make_docx(DONG_HOA, tmp_path / "dong-hoa.docx")
    page = _upload(client, docx, headers={**HTML, "accept-language": "vi"})
    assert page.status_code == 201, page.text
    assert "Đã thêm văn bản" in page.text and "Ủy ban nhân dân thị xã Đông Hòa" in page.text
    assert 'id="upload-unchanged"' not in page.text  # a first upload: written
    assert 'href="/documents/vn/da/xay-dung-xa-hoi-hoc-tap-giai-doan-2021-2030/cascade"' in page.text
    result = _upload(client, docx).json()  # the same file again: held as built, not doubled
    assert result["ok"] and result["unchanged"] is True and result["document"]["number"] is None  # "Số: /KH-UBND"
    assert "thị xã Đông Hòa" in result["document"]["titles"][0]
    assert result["targets"] > 0 and result["references"] >= 3
    doc_id = result["document"]["id"]
    cascade = client.get(f"/documents/{QD1373}/cascade", headers={"accept": "application/json"}).json()
    assert result["document"]["iri"] in {node["id"] for node in cascade["nodes"]}
    assert client.get(f"/documents/{doc_id}").json()["summary"]["held"] is True
    found = client.get("/search", params={"q": "dong hoa xa hoi hoc tap"}).json()
    assert found["results"][0]["id"] == doc_id  # and search finds it
    assert len(list((tmp_path / "uploads").rglob("*.docx"))) == 1
    bearer = _upload(client, docx, token=None, headers={"authorization": f"Bearer {TOKEN}", **HTML})
    assert bearer.status_code == 201 and 'id="upload-unchanged"' in bearer.text
