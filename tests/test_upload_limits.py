"""Adding a document over HTTP within the reader's limits: an upload too long for the
extractor, or taking longer than the time limit, is a 422 naming the file and the problem,
and nothing is written."""

import math

import pytest

from tests.test_extraction_pool import SLOW_LIMIT, slow_document
from tests.test_upload import HTML, _client, _upload, store  # noqa: F401 (store is a fixture)

pytestmark = pytest.mark.timeout(120)


def test_an_upload_over_the_character_limit_is_422_and_writes_nothing(store, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setenv("VNPKG_MAX_CHARS", "1000")
    client = _client(store, tmp_path)
    before = store.quads()
    slow = slow_document(tmp_path)
    response = _upload(client, slow)
    assert response.status_code == 422
    size = slow.stat().st_size
    assert response.json()["errors"] == [
        f"slow.txt: document too long: {size:,} bytes hold at least {math.ceil((size - 3) / 4):,} "
        f"characters, the limit is 1,000"]
    assert store.quads() == before and not any((tmp_path / "uploads").rglob("*.*"))


def test_an_upload_over_the_time_limit_is_422_and_writes_nothing(store, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setenv("VNPKG_FILE_TIMEOUT", str(SLOW_LIMIT))
    client = _client(store, tmp_path)
    before = store.quads()
    page = _upload(client, slow_document(tmp_path), headers=HTML)
    assert page.status_code == 422
    assert f"slow.txt: took longer than {SLOW_LIMIT:g} s to read and extract; stopped" in page.text
    assert store.quads() == before and not any((tmp_path / "uploads").rglob("*.*"))
