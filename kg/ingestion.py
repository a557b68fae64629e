"""Files -> the store: read, extract, build and write each file, one graph per file.

A file that cannot be read or extracted (or takes longer than the time limit: see
``ingest.extraction_pool``) is reported with its path and the problem and writes nothing;
the other files of the batch are still ingested.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ingest.extraction_pool import ExtractionPool, shared_pool
from ingest.read import SUPPORTED_SUFFIXES
from kg import ids
from kg.build import build, curated_quads
from kg.store import GraphStore


@dataclass
class Ingested:
    path: str
    document: str
    graph: str
    quads: int
    references: int
    unresolved: int


@dataclass
class Report:
    ingested: list[Ingested] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def expand(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Files named, and the supported files inside folders named (sorted). Folders with no
    supported file are errors; files are passed on as given (read() judges them)."""
    files: list[Path] = []
    errors: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
            if not found:
                errors.append(f"{path}: folder has no {', '.join(SUPPORTED_SUFFIXES)} files")
            files.extend(found)
        else:
            files.append(path)
    return files, errors


def load_curated(store: GraphStore) -> None:
    store.replace_graph(ids.CURATED_GRAPH, curated_quads())


def ingest_files(store: GraphStore, paths: Iterable[str | Path],
                 progress: Callable[[Path], None] | None = None,
                 done: Callable[[Path, Ingested | str], None] | None = None,
                 timeout: float | None = None, pool: ExtractionPool | None = None) -> Report:
    """Ingest the files of `paths`; `progress(path)` is called as a file starts, `done(path,
    outcome)` as it ends, with its Ingested record or its error message. Each file is read
    and extracted in `pool` (default: the process's shared pool) within `timeout` seconds
    (default: the pool's, ``VNPKG_FILE_TIMEOUT`` or 60)."""
    files, errors = expand(paths)
    report = Report(errors=errors)
    load_curated(store)
    pool = pool or shared_pool()
    for path in files:
        if progress:
            progress(path)
        extracted = pool.extract(path, timeout=timeout)
        if not extracted.ok:
            report.errors.append(extracted.error)
            if done:
                done(path, report.errors[-1])
            continue
        source, extraction = extracted.source, extracted.extraction
        try:
            built = build(extraction, source.text, str(path.resolve()))
        except Exception as err:  # a bug in building must not stop the batch; say which file
            report.errors.append(f"{path}: building its graph failed ({err.__class__.__name__}: {err})")
            if done:
                done(path, report.errors[-1])
            continue
        store.replace_source(str(path.resolve()), built.graph, built.quads)
        unresolved = sum(1 for r in extraction.references if r.number and r.jurisdiction is None)
        report.ingested.append(Ingested(str(path), built.document.value, built.graph.value,
                                        len(built.quads), len(extraction.references), unresolved))
        if done:
            done(path, report.ingested[-1])
    store.flush()
    return report
