"""Writing to the store, and a whole ingest's memory over many files.

    .venv/bin/python benchmarks/ingest.py                      # the writer, on the bundled corpus
    .venv/bin/python benchmarks/ingest.py --corpus DIR [--jobs N]   # also `kg ingest DIR`, its
                                                               # time and memory as it goes

The writer: the bundled corpus's graphs are built once in this process (read, extract,
build), then written (1) into a fresh on-disk store with the bulk loader, as `kg ingest` does
into a new store, (2) again, unchanged, as a re-ingest of the same files finds them held as
built and writes nothing, and (3) as edited files (each graph under another content hash, the
same size), each replacing the graph written for its path one by one; printed as quads per
second and as ratios to parsing the same N-Quads in this process (the least any writer does).
With --corpus, `kg ingest` runs over DIR into a fresh store while the resident memory of it
and its workers is sampled: printed at each tenth of the files, so that a memory that grows
with the number of files shows; and the CPU time of the writer (the `kg ingest` process: its
bulk loads and RocksDB's compactions included) and of its worker processes (read, extract,
build), in all and per file. No figure is asserted (only that each writing pass wrote what it
should).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyoxigraph  # noqa: E402

from ingest.extract import extract  # noqa: E402
from ingest.read import read  # noqa: E402
from kg.ingestion import FileGraph, _Writer, file_graph  # noqa: E402
from kg.store import GraphStore  # noqa: E402
from benchmarks.timing import machine  # noqa: E402


def corpus() -> list[Path]:
    folders = [ROOT / "data" / "corpus" / "plans", ROOT / "data" / "corpus" / "real"]
    return sorted(p for folder in folders for p in folder.iterdir() if p.suffix in (".txt", ".md"))


def writer_figures() -> None:
    files = corpus()
    graphs = []
    for path in files:
        source = read(path)
        graphs.append((str(path.resolve()), file_graph(str(path), source, extract(source))))
    quads = sum(g.quads for _, g in graphs)
    with tempfile.TemporaryDirectory(prefix="vnpkg-ingest-") as folder:
        start = time.perf_counter()
        for _, made in graphs:
            for _quad in pyoxigraph.parse(made.nquads, format=pyoxigraph.RdfFormat.N_QUADS):
                pass
        parsing = time.perf_counter() - start

        store = GraphStore(Path(folder) / "bulk")
        start = time.perf_counter()
        writer = _Writer(store)
        assert writer.bulk
        for source_path, made in graphs:
            writer.write(source_path, made)
        writer.close()
        bulk = time.perf_counter() - start
        copies = store.default_graph_size()

        start = time.perf_counter()
        writer = _Writer(store)  # the store holds every graph as built: nothing is written
        assert not writer.bulk
        wrote = [writer.write(source_path, made) for source_path, made in graphs]
        writer.close()
        unchanged = time.perf_counter() - start
        if any(wrote):
            raise SystemExit("a graph the store held as built was written again")

        changed = [(source_path, _edited(made)) for source_path, made in graphs]
        start = time.perf_counter()
        writer = _Writer(store)  # every file's graph replaces the one written for its path
        wrote = [writer.write(source_path, made) for source_path, made in changed]
        writer.close()
        replacing = time.perf_counter() - start
        if not all(wrote):
            raise SystemExit("an edited file's graph was not written")
    written = quads + copies  # the store holds each triple again in its default graph (the union)
    print(f"{len(files)} files: {quads} quads in named graphs, {written} quads written with the default graph's")
    print(f"{'writing':52} {'quads/s':>10} {'written/s':>10} {'x parsing time':>15}")
    for label, seconds in (("parse the N-Quads (baseline)", parsing),
                           ("bulk load into a fresh on-disk store", bulk),
                           ("re-ingest, files unchanged (held: nothing written)", unchanged),
                           ("re-ingest, every file changed (replaced one by one)", replacing)):
        print(f"{label:52} {quads / seconds:10.0f} {written / seconds:10.0f} {seconds / parsing:14.1f}x")


def _edited(made: FileGraph) -> FileGraph:
    """`made` as an edit of its file would build it: under another content hash, so the graph's
    name and the nodes named from it change (a graph the store does not hold, the same size)."""
    old = made.graph
    new = old[:-1] + ("1" if old.endswith("0") else "0")
    return dataclasses.replace(made, graph=new, nquads=made.nquads.replace(old.encode(), new.encode()))


def rss_kb(pid: int) -> tuple[int, int]:
    """Resident memory of `pid`, and of its children and theirs (the fork server and the
    extraction workers), in kB."""
    total = 0
    own = _rss(pid)
    pids = []
    for child in _children(pid):  # the fork server's workers are grandchildren
        pids += [child] + _children(child)
    for one in pids:
        total += _rss(one)
    return own, total


def _rss(pid: int) -> int:
    try:
        match = re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{pid}/status").read_text())
        return int(match.group(1)) if match else 0
    except OSError:
        return 0


TICKS = os.sysconf("SC_CLK_TCK")


def cpu_ticks(pid: int) -> tuple[int, int]:
    """CPU time of `pid` (user + system, in clock ticks), and of its children and theirs,
    those that ended and were waited for included (a worker ends after a number of files)."""
    own = _ticks(pid)[0]
    workers = 0
    for child in _children(pid):
        ticks, waited = _ticks(child)
        workers += ticks + waited
        workers += sum(_ticks(grandchild)[0] for grandchild in _children(child))
    return own, workers


def _children(pid: int) -> list[int]:
    """The processes `pid`'s threads started (the fork server is started by a thread of the
    ingest's, not by its main thread)."""
    children = []
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    for thread in threads:
        try:
            children += [int(c) for c in Path(f"/proc/{pid}/task/{thread}/children").read_text().split()]
        except OSError:  # the thread ended
            pass
    return children


def _ticks(pid: int) -> tuple[int, int]:
    """(user + system, children waited for: user + system) of `pid`, in clock ticks."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0, 0
    fields = stat[stat.rindex(")") + 2:].split()  # fields from the third (state) on
    return int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])


def ingest_figures(folder: Path, jobs: int | None) -> None:
    files = sum(1 for p in folder.rglob("*") if p.is_file())
    with tempfile.TemporaryDirectory(prefix="vnpkg-ingest-") as scratch:
        command = [str(ROOT / ".venv" / "bin" / "kg"), "ingest", str(folder), "--store", str(Path(scratch) / "store")]
        if jobs:
            command += ["--jobs", str(jobs)]
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        samples: list[tuple[int, tuple[int, int]]] = []  # (files done, (rss of kg ingest, of its workers) kB)
        writer_cpu = workers_cpu = 0  # clock ticks, the most seen (a worker's leave a moment before its parent waits)
        done = [0]

        def follow() -> None:
            for line in process.stderr:  # "[k/n] path ... quads" as each file ends
                if line.startswith("["):
                    done[0] = int(line[1:line.index("/")])

        reader = threading.Thread(target=follow, daemon=True)
        reader.start()
        while process.poll() is None:
            samples.append((done[0], rss_kb(process.pid)))
            for _ in range(5):
                own, workers = cpu_ticks(process.pid)
                writer_cpu, workers_cpu = max(writer_cpu, own), max(workers_cpu, workers)
                time.sleep(0.1)
        reader.join(5)
        seconds = time.perf_counter() - start
    print(f"\nkg ingest {folder} ({files} files, jobs {jobs or 'default'}): {seconds:.0f} s, "
          f"{files / seconds:.1f} files/s, exit {process.returncode}")
    print(f"CPU: the writer {writer_cpu / TICKS:.1f} s ({writer_cpu / TICKS / files * 1000:.1f} ms a file), "
          f"its workers {workers_cpu / TICKS:.1f} s ({workers_cpu / TICKS / files * 1000:.1f} ms a file); "
          f"{(writer_cpu + workers_cpu) / TICKS / seconds:.2f} cores busy on average")
    print("files done  most memory so far (MB): kg ingest (the writer)  its worker processes")
    for tenth in range(1, 11):
        upto = [rss for count, rss in samples if count <= files * tenth / 10]
        if upto:
            print(f"{int(files * tenth / 10):10d}  {max(r[0] for r in upto) / 1024:33.0f}  "
                  f"{max(r[1] for r in upto) / 1024:21.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="a folder to ingest whole (e.g. benchmarks/corpus.py's)")
    parser.add_argument("--jobs", type=int, help="kg ingest --jobs (default: the machine's cores)")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    writer_figures()
    if args.corpus:
        ingest_figures(args.corpus, args.jobs)


if __name__ == "__main__":
    main()
