import contextlib
import socket
import sys
import threading
import time
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


@contextlib.contextmanager
def serving(app):
    """The app served on 127.0.0.1 on a free port, in a thread, for the block's time."""
    import uvicorn

    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started:
        if time.time() > deadline:
            raise RuntimeError("server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
