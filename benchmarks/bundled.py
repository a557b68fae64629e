"""The bundled corpus ingested into a temporary store, for the benchmarks that read a store."""

from __future__ import annotations

import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from kg.ingestion import ingest_files
from kg.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
CORPUS = [ROOT / "data" / "corpus" / "plans", ROOT / "data" / "corpus" / "real"]


@contextmanager
def bundled_store():
    """A fresh store holding the bundled corpus, removed on leaving; exits if the ingest fails."""
    with tempfile.TemporaryDirectory() as folder:
        store = GraphStore(Path(folder) / "store")
        report = ingest_files(store, CORPUS)
        if not report.ok:
            sys.exit(f"ingest failed: {report.errors}")
        yield store
