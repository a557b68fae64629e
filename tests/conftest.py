import socket
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "data" / "corpus"
PLANS = CORPUS / "plans"
REAL = CORPUS / "real"
NAM_TU_LIEM = PLANS / "hanoi-nam-tu-liem-pgddt-2024-kh-nq23.txt"
THANH_TRI = PLANS / "hanoi-thanh-tri-pgddt-2024-kh-nq23.txt"


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory):
    """The whole corpus ingested once into an on-disk store."""
    from kg.ingestion import ingest_files
    from kg.store import GraphStore

    store = GraphStore(tmp_path_factory.mktemp("store") / "store")
    report = ingest_files(store, [PLANS, REAL])
    assert report.ok, report.errors
    return store


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (servers in tests bind there only)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
