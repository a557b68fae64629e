"""Files -> the store: read, extract, build and write each file, one graph per file.

A file that cannot be read or extracted (or takes longer than the time limit: see
``ingest.extraction_pool``) is reported with its path and the problem and writes nothing;
the other files of the batch are still ingested.

Each file's graph records when it was written (``prov:generatedAtTime`` on the graph), by
the bulk loader and file by file alike. Writing a file whose graph the store already holds
(the same content: the graph's IRI carries its hash) keeps the time it was first written, so
re-ingesting an unchanged corpus changes no feed; a changed file is a new graph, with the
time it was written.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

import pyoxigraph

from ingest.extraction_pool import ExtractionPool, shared_pool
from ingest.read import SUPPORTED_SUFFIXES
from kg import ids
from kg.build import build, curated_quads, ingest_time_quad
from kg.store import GraphStore


@dataclass
class Ingested:
    path: str
    document: str
    graph: str
    quads: int
    references: int
    unresolved: int
    unchanged: bool = False  # the store held the file's graph as built: nothing was written


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
    """The curated graph (kg.build.curated_quads), written unless the store holds it as it is."""
    quads = curated_quads()
    if not store.holds_graph(ids.CURATED_GRAPH, {f"{q.subject} {q.predicate} {q.object}".encode() for q in quads}):
        store.replace_graph(ids.CURATED_GRAPH, quads)


@dataclass
class FileGraph:
    """One file's graph, built in an extraction worker (see ``file_graph``)."""
    graph: str
    document: str
    quads: int       # quads of the named graph
    nquads: bytes    # the named graph's quads, then the same triples in the default graph
    references: int  # references the file makes
    unresolved: int  # of them, numbered ones whose jurisdiction the text does not say

    def triples(self) -> set[bytes]:
        """The named graph's triples as N-Triples lines without their closing " .": the first
        `quads` lines of `nquads`, less the graph's name."""
        named = len(f" {self.graph_node} .")
        return {line[:-named] for line in self.nquads.split(b"\n", self.quads)[:self.quads]}

    @property
    def graph_node(self) -> pyoxigraph.NamedNode:
        return pyoxigraph.NamedNode(self.graph)


def file_graph(path: str, source, extraction) -> FileGraph:
    """Build a file's graph (run in an extraction worker: ``ExtractionPool(then=BUILD_STEP)``)."""
    built = build(extraction, source.text, str(Path(path).resolve()))
    return FileGraph(built.graph.value, built.document.value, len(built.triples), _with_default_copies(built),
                     len(extraction.references),
                     sum(1 for r in extraction.references if r.number and r.jurisdiction is None))


def _with_default_copies(built) -> bytes:
    """The graph's N-Quads, then the same lines without the graph name: its triples in the
    default graph (the union). A pyoxigraph term's str is its N-Triples form, what pyoxigraph's
    serialiser writes (making the line costs less than making the Quad to serialise), and a
    line break inside a literal is escaped, so " <graph> .\n" stands only at the end of a line."""
    in_graph = f" {built.graph} .\n"
    nquads = (in_graph.join([f"{s} {p} {o}" for s, p, o in built.triples]) + in_graph).encode()
    return nquads + nquads.replace(in_graph.encode(), b" .\n")


BUILD_STEP = "kg.ingestion:file_graph"
BULK_BATCH = 50_000  # quads gathered before a bulk write into a fresh store (the bulk loader takes ~1.5 kB a quad while it runs)


def ingest_files(store: GraphStore, paths: Iterable[str | Path],
                 progress: Callable[[Path], None] | None = None,
                 done: Callable[[Path, Ingested | str], None] | None = None,
                 timeout: float | None = None, pool: ExtractionPool | None = None) -> Report:
    """Ingest the files of `paths`; `progress(path)` is called as a file starts, `done(path,
    outcome)` as it ends (in the order of the files), with its Ingested record or its error
    message. Each file is read and extracted in `pool` (default: the process's shared pool)
    within `timeout` seconds (default: the pool's, ``VNPKG_FILE_TIMEOUT`` or 60), as many at
    once as the pool has workers; a pool made with ``then=BUILD_STEP`` builds the graphs in
    its workers too. This thread alone writes to the store: into a fresh local store with
    Oxigraph's bulk loader, else one update per file replacing what the file wrote before."""
    files, errors = expand(paths)
    report = Report(errors=errors)
    writer = _Writer(store)
    load_curated(store)
    pool = pool or shared_pool()
    try:
        # (a bounded window of files in hand: memory stays flat over any number of files)
        for path, extracted in pool.extract_each(files, timeout, started=progress):
            outcome = _write(writer, path, extracted)
            if isinstance(outcome, Ingested):
                report.ingested.append(outcome)
            else:
                report.errors.append(outcome)
            if done:
                done(path, outcome)
    except BaseException:
        writer.abandon()  # what was gathered is not written; a batch loading ends first
        raise
    writer.close()
    return report


def _write(writer: "_Writer", path: Path, extracted) -> Ingested | str:
    """Write one extracted file; its Ingested record, or its error message."""
    if not extracted.ok:
        return extracted.error
    made = extracted.made
    if not isinstance(made, FileGraph):  # a pool without the build step: build here
        try:
            made = file_graph(str(path), extracted.source, extracted.extraction)
        except Exception as err:  # a bug in building must not stop the batch; say which file
            return f"{path}: building its graph failed ({err.__class__.__name__}: {err})"
    written = writer.write(str(path.resolve()), made)
    return Ingested(str(path), made.document, made.graph, made.quads, made.references, made.unresolved,
                    unchanged=not written)


def now() -> str:
    """This moment as an ``xsd:dateTime`` in UTC, to the millisecond."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class _Writer:
    """Writes files' graphs to the store. A fresh local store is filled in bulk (batches of
    N-Quads through Oxigraph's bulk loader) as long as no file names a graph or a source
    already written; anything else replaces what earlier ingests of the file wrote."""

    def __init__(self, store: GraphStore):
        self.store = store
        self.bulk = store.accepts_bulk_load()
        self.batch: list[bytes] = []
        self.batched = 0
        self.graphs: set[str] = set()
        self.sources: set[str] = set()
        # one batch loads in the background while the next is gathered (the bulk loader lets go
        # of the GIL): the caller goes on handing the extraction workers files meanwhile
        self.loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vnpkg-bulk-load") if self.bulk else None
        self.loading: Future | None = None

    def write(self, source_path: str, made: FileGraph) -> bool:
        """Write `made`; False when the store held its graph as built already (the same file read
        by the same rules: nothing to write, and the graph keeps the time it was written)."""
        graph = made.graph_node
        if self.bulk and made.graph not in self.graphs and source_path not in self.sources:
            self.graphs.add(made.graph)
            self.sources.add(source_path)
            time = ingest_time_quad(graph, now())
            self.batch += (made.nquads, f"{time} .\n{time.triple} .\n".encode("utf-8"))  # joined once, at the load
            self.batched += made.quads + 1
            if self.batched >= BULK_BATCH:
                self._flush_batch()
            return True
        self._flush_batch()  # what was gathered goes in first: the replacement may concern it
        self._wait_for_load()
        if self.store.holds_graph(graph, made.triples()):
            return False  # (the graph last written for the file: writing another would have dropped it)
        quads = [q for q in pyoxigraph.parse(made.nquads, format=pyoxigraph.RdfFormat.N_QUADS)
                 if not isinstance(q.graph_name, pyoxigraph.DefaultGraph)]
        quads.append(ingest_time_quad(graph, self.store.written_at(graph) or now()))
        self.store.replace_source(source_path, graph, quads)
        return True

    def _flush_batch(self) -> None:
        """Hand the gathered batch to the loader, once the batch before it is in (at most one
        batch loads while the next is gathered: memory stays bounded)."""
        if self.batch:
            nquads = b"".join(self.batch)
            self.batch, self.batched = [], 0
            self._wait_for_load()
            self.loading = self.loader.submit(self.store.bulk_load_nquads, nquads)

    def _wait_for_load(self) -> None:
        """Wait for the batch loading, if any; its error, if it failed, is raised here."""
        loading, self.loading = self.loading, None
        if loading is not None:
            loading.result()

    def abandon(self) -> None:
        """Stop without writing what is gathered, once the batch loading (if any) is in."""
        self.batch, self.batched = [], 0
        if self.loader is not None:
            self.loader.shutdown(wait=True)

    def close(self) -> None:
        try:
            self._flush_batch()
            self._wait_for_load()
        finally:
            if self.loader is not None:
                self.loader.shutdown(wait=True)
        self.store.flush()
