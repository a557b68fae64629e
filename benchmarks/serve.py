"""Pages under load: a server holding a corpus, its answers timed at 1 and 32 clients.

    .venv/bin/python benchmarks/serve.py --store PATH            # a store already filled
    .venv/bin/python benchmarks/serve.py --documents 10000       # make benchmarks/corpus.py's
                                                                 # corpus, ingest it, then measure

Starts `kg serve` on 127.0.0.1 (a free port) over the store, warms it, then times, one client
after another: the home page, a document's JSON and page, its lineage, its graph view data, the
cascade of the directive with the most descendants, its neighbourhood, a search, a named
query and the documents list; then a static file (the baseline), the document JSON and the
mixed set at 32 concurrent clients (each keeping its connection open, as a browser does), each
run bounded in requests and seconds. Prints p50/p95/max per route, requests/s at 32 clients,
the server's resident memory, and each route's p50 as a ratio to the server's cheapest answer
(a small static file) measured in the same run. Nothing is asserted: the
figures are for the README and for comparing changes.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.timing import machine  # noqa: E402

KG = ROOT / ".venv" / "bin" / "kg"
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def get(base: str, path: str, accept: str = "application/json") -> tuple[float, int, bytes]:
    request = urllib.request.Request(base + path, headers={"Accept": accept})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as err:
        body, status = err.read(), err.code
    except (TimeoutError, urllib.error.URLError) as err:  # no answer within the client's time: an error
        body, status = str(err).encode(), 599
    return time.perf_counter() - start, status, body


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def summary(times: list[float]) -> dict:
    ordered = sorted(times)
    return {"n": len(ordered), "p50": statistics.median(ordered),
            "p95": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], "max": ordered[-1]}


def one_client(base: str, paths: list[str], accept: str, count: int) -> tuple[dict, list[int]]:
    times, statuses = [], []
    for i in range(count):
        seconds, status, _ = get(base, paths[i % len(paths)], accept)
        times.append(seconds)
        statuses.append(status)
    return summary(times), statuses


class KeptConnection:
    """One client's HTTP/1.1 connection, kept open from one request to the next as a browser
    keeps it (a new TCP connection for every request costs the client more than the server)."""

    def __init__(self, base: str):
        parsed = urllib.parse.urlsplit(base)
        self.host, self.port = parsed.hostname, parsed.port
        self.connection: http.client.HTTPConnection | None = None

    def get(self, path: str, accept: str) -> tuple[float, int]:
        start = time.perf_counter()
        for attempt in (1, 2):  # the server may have closed an idle connection: open it again once
            try:
                if self.connection is None:
                    self.connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
                self.connection.request("GET", path, headers={"Accept": accept})
                response = self.connection.getresponse()
                response.read()
                return time.perf_counter() - start, response.status
            except (http.client.HTTPException, OSError):
                self.close()
                if attempt == 2:
                    return time.perf_counter() - start, 599
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def many_clients(base: str, paths: list[tuple[str, str]], clients: int, requests: int,
                 seconds: float) -> tuple[dict, float, list[int]]:
    """`clients` threads, each with its own kept connection, share `requests` requests,
    stopping after `seconds` whatever is left."""
    times, statuses, lock = [], [], threading.Lock()
    left = [requests]
    deadline = time.monotonic() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        connection = KeptConnection(base)
        while time.monotonic() < deadline:
            with lock:
                if left[0] <= 0:
                    break
                left[0] -= 1
            path, accept = rng.choice(paths)
            took, status = connection.get(path, accept)
            with lock:
                times.append(took)
                statuses.append(status)
        connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    return summary(times), len(times) / elapsed, statuses


def fill_store(documents: int, folder: Path) -> Path:
    corpus, store = folder / "corpus", folder / "store"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(corpus),
                    "--documents", str(documents)], check=True)
    start = time.perf_counter()
    subprocess.run([str(KG), "ingest", str(corpus), str(ROOT / "data" / "corpus" / "real"),
                    str(ROOT / "data" / "corpus" / "plans"), "--store", str(store)], check=True,
                   stdout=subprocess.DEVNULL)
    print(f"ingest of {documents} generated + the bundled documents: {time.perf_counter() - start:.0f} s")
    return store


def sparql_rows(base: str, query: str) -> list[dict]:
    _, status, body = get(base, "/sparql?" + urllib.parse.urlencode({"query": query}),
                          "application/sparql-results+json")
    if status != 200:
        raise SystemExit(f"the server refused a SPARQL query ({status}): {body[:200]!r}")
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(body)["results"]["bindings"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a filled store (else one is made)")
    parser.add_argument("--documents", type=int, default=10_000, help="generated documents when no --store")
    parser.add_argument("--requests", type=int, default=40, help="requests per route at one client")
    parser.add_argument("--load-requests", type=int, default=2000, help="requests at 32 clients (bound)")
    parser.add_argument("--load-seconds", type=float, default=30, help="seconds at 32 clients (bound)")
    args = parser.parse_args()
    scratch = tempfile.TemporaryDirectory(prefix="vnpkg-serve-")
    store = args.store or fill_store(args.documents, Path(scratch.name))
    port = free_port()
    base = f"http://{HOST}:{port}"
    server = subprocess.Popen([str(KG), "serve", "--store", str(store), "--host", HOST, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):  # up to two minutes: `get` answers 599 while nothing listens yet
            if get(base, "/static/app.css", "text/css")[1] == 200:
                break
            time.sleep(0.2)
        else:
            raise SystemExit("the server did not start")
        measure(base, server.pid, args)
    finally:
        server.terminate()
        server.wait(30)
        scratch.cleanup()


def measure(base: str, pid: int, args) -> None:
    prefix = "PREFIX vnp: <https://vnpolicy.example.org/ontology#> "
    held = [r["d"] for r in sparql_rows(base, prefix + "SELECT ?d WHERE { ?d vnp:held true } ORDER BY ?d")]
    biggest = sparql_rows(base, prefix + "SELECT ?d (COUNT(?x) AS ?n) WHERE { ?x vnp:implements ?d } "
                                         "GROUP BY ?d ORDER BY DESC(?n) LIMIT 1")[0]
    ids = [d.split("/doc/", 1)[1] for d in random.Random(1).sample(held, min(40, len(held)))]
    top = biggest["d"].split("/doc/", 1)[1]
    print(f"store: {len(held)} documents held; most implemented: {top} ({biggest['n']} direct)")
    routes = [
        ("static file (baseline)", ["/static/app.css"], "text/css"),
        ("home", ["/"], "text/html"),
        ("document JSON", [f"/documents/{i}" for i in ids], "application/json"),
        ("document page", [f"/documents/{i}" for i in ids], "text/html"),
        ("lineage", [f"/documents/{i}/lineage" for i in ids], "application/json"),
        ("graph view data", [f"/documents/{i}/graph" for i in ids], "application/json"),
        ("cascade of the largest directive", [f"/documents/{top}/cascade"], "application/json"),
        ("neighbourhood", [f"/documents/{i}/neighbourhood?steps=2" for i in ids], "application/json"),
        ("search", ["/search?" + urllib.parse.urlencode({"q": w}) for w in ("xã hội học tập", "chuyển đổi số", "57-NQ/TW", "Kế hoạch")],
         "application/json"),
        ("named query", ["/queries/lineage-down?doc=" + urllib.parse.quote(biggest["d"])], "application/json"),
        ("documents JSON", ["/documents?page=1", "/documents?page=5"], "application/json"),
    ]
    for _label, paths, accept in routes:  # warm each route once
        get(base, paths[0], accept)
    rows, baseline = [], None
    for label, paths, accept in routes:
        count = args.requests if "cascade" not in label else max(3, args.requests // 10)
        stats, statuses = one_client(base, paths, accept, count)
        baseline = baseline or stats["p50"]
        bad = sum(1 for s in statuses if s >= 400)
        rows.append((label, stats, bad))
    print(f"\nmachine: {machine()}")
    print(f"{'route (1 client)':36} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'p50 ratio':>10} {'errors':>7}")
    for label, stats, bad in rows:
        print(f"{label:36} {stats['n']:4d} {stats['p50'] * 1000:8.1f} {stats['p95'] * 1000:8.1f} "
              f"{stats['max'] * 1000:8.1f} {stats['p50'] / baseline:10.1f} {bad:7d}")
    doc_json = [(f"/documents/{i}", "application/json") for i in ids]
    mixed = [(p, accept) for label, paths, accept in routes if "cascade" not in label for p in paths]
    for label, paths in (("static file", [("/static/app.css", "text/css")]), ("document JSON", doc_json),
                         ("mixed routes", mixed)):
        stats, rate, statuses = many_clients(base, paths, 32, args.load_requests, args.load_seconds)
        bad = sum(1 for s in statuses if s >= 400)  # 599: no answer within 120 s
        print(f"32 clients, {label:14}: {stats['n']} requests, {rate:.0f} requests/s, p50 {stats['p50'] * 1000:.1f} ms, "
              f"p95 {stats['p95'] * 1000:.1f} ms, max {stats['max'] * 1000:.1f} ms, errors {bad}")
    print(f"server resident memory: {rss_mb(pid):.0f} MB")


if __name__ == "__main__":
    main()
