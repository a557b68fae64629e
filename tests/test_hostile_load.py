"""The server under attack, as a separate process (`kg serve` on 127.0.0.1): a query nested
2,600 deep, 40 runaway queries and hostile uploads at once. Throughout, GET /documents
answers in under a second, each bad request ends with an error status within its limit, and
the server with its workers stays under 1 GB of memory. Bounded: about 30 s."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.ingestion import ingest_files
from kg.store import GraphStore
from tests.conftest import PLANS, ROOT, free_port

QUERY_SECONDS = 5
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"  # time
HUNGRY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"  # memory: sorts it all
DEEP = "SELECT * WHERE " + "{" * 2600 + "}" * 2600
FILE_SECONDS = 20
UPLOAD_SECONDS = FILE_SECONDS * 10  # ten uploads read one after another, each within the file limit
# The shape that once looped the reader forever: an odd "**", a blank line, another "**"
HANG_PATTERN = "KẾ HOẠCH\nVề việc {n}\n\n**III. NỘI\n\nDUNG HOẠT ĐỘNG**\n- Tổ chức hội nghị.\n" * 40


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
        todo.extend(children.get(current, []))
    return total


def _call(url: str, data: bytes | None = None, headers: dict | None = None, timeout: float = 60):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as err:
        status = err.code
    return status, time.monotonic() - started


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    store = GraphStore(folder / "store")
    assert ingest_files(store, [PLANS]).ok
    del store  # the server opens it
    port = free_port()
    environment = {**os.environ, "VNPKG_QUERY_SECONDS": str(QUERY_SECONDS), "VNPKG_ADMIN_TOKEN": "secret",
                   "VNPKG_FILE_TIMEOUT": str(FILE_SECONDS),
                   "VNPKG_UPLOADS": str(folder / "uploads")}
    process = subprocess.Popen([str(Path(sys.executable).parent / "kg"), "serve", "--store", str(folder / "store"),
                                "--port", str(port)], cwd=ROOT, env=environment,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if _call(base + "/documents?limit=1", timeout=5)[0] == 200:
                break
        except OSError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            raise RuntimeError("kg serve did not start")
        time.sleep(0.2)
    yield base, process
    process.terminate()
    try:
        process.wait(15)  # SIGTERM stops it, workers and all
    except subprocess.TimeoutExpired:
        process.kill()
        raise


def test_hostile_queries_do_not_starve_the_server(server):
    base, process = server
    _call(base + "/sparql?query=" + urllib.parse.quote("ASK {}"))  # workers started
    stop = threading.Event()
    latencies: list[float] = []
    peak_rss = [0]

    def watch():
        while not stop.is_set():
            status, elapsed = _call(base + "/documents?limit=20", timeout=10)
            assert status == 200
            latencies.append(elapsed)
            peak_rss[0] = max(peak_rss[0], _tree_rss(process.pid))
            time.sleep(0.2)

    results: list[tuple[str, int, float]] = []

    def attack(kind: str, body: bytes):
        status, elapsed = _call(base + "/sparql", body, {"Content-Type": "application/sparql-query"})
        results.append((kind, status, elapsed))

    def upload(number: int):
        boundary = "hostile-upload-boundary"
        content = HANG_PATTERN.replace("{n}", str(number)).encode("utf-8")
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"hang-{number}.md\"\r\n"
                f"Content-Type: text/markdown\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
        status, elapsed = _call(base + "/documents", body, {
            "Content-Type": f"multipart/form-data; boundary={boundary}", "Authorization": "Bearer secret",
            "Accept": "application/json"}, timeout=UPLOAD_SECONDS)  # the bound asserted below, not urllib's 60 s
        results.append(("upload", status, elapsed))

    watcher = threading.Thread(target=watch)
    watcher.start()
    attackers = [threading.Thread(target=upload, args=(n,)) for n in range(10)]
    attackers += [threading.Thread(target=attack, args=("deep", DEEP.encode()))]
    attackers += [threading.Thread(target=attack, args=(kind, query.encode()))
                  for _ in range(20) for kind, query in (("runaway", RUNAWAY), ("hungry", HUNGRY))]
    for thread in attackers:
        thread.start()
    for thread in attackers:
        thread.join(UPLOAD_SECONDS)
    stop.set()
    watcher.join(15)
    print(f"\n/documents under attack: {len(latencies)} requests, slowest {max(latencies):.2f} s; "
          f"peak RSS of server and workers {peak_rss[0] / 2**20:.0f} MB")
    print(sorted({(kind, status) for kind, status, _ in results}))
    assert process.poll() is None, "the server died"
    assert len(results) == 51
    for kind, status, elapsed in results:
        if kind == "upload":  # read within the file limit, one after another (one extraction worker)
            assert status in (201, 422), (kind, status)
            assert elapsed < UPLOAD_SECONDS, (kind, elapsed)
            continue
        assert 400 <= status < 600 and status != 500, (kind, status)
        assert elapsed < QUERY_SECONDS + 2, (kind, elapsed)
    assert max(latencies) < 1.0
    assert peak_rss[0] < 2**30
    assert _call(base + "/sparql?query=" + urllib.parse.quote("ASK {}"))[0] == 200
