"""Graph pages over the bundled corpus: how long each held document's lineage and graph views
take, and how many SPARQL queries each asks the store.

    .venv/bin/python benchmarks/pages.py [--store PATH] [--rounds N] [--slowest N]

Without --store the bundled corpus is ingested into a temporary store first. Every held
document's ``/documents/{id}/lineage``, ``/graph``, ``/cascade`` and ``/neighbourhood`` (JSON)
is asked of the app in this process (no network), once to warm, then timed (best of
--rounds). Prints p50 / p95 / max and the slowest documents per view, in milliseconds and as
ratios against a baseline measured in the same process on the same store (a trivial ASK
query), and the queries per page (the most any document needs, and the median). Nothing is
asserted: the figures are for the README and for comparing changes on one machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402

from api.app import create_app  # noqa: E402
from kg.catalogue import list_documents  # noqa: E402
from kg.store import GraphStore  # noqa: E402
from benchmarks.bundled import bundled_store  # noqa: E402
from benchmarks.timing import best_of, machine, percentile  # noqa: E402

VIEWS = ("lineage", "graph", "cascade", "neighbourhood")


class QueryCounter:
    """Counts the queries a store runs, by wrapping its query method."""

    def __init__(self, store: GraphStore):
        self.count = 0
        inner = store.query

        def counted(sparql: str):
            self.count += 1
            return inner(sparql)
        store.query = counted


def measure(store: GraphStore, rounds: int, slowest: int) -> None:
    counter = QueryCounter(store)
    held = [d for d in list_documents(store) if d.held]
    baseline = statistics.median(best_of(lambda: store.query("ASK { ?s ?p ?o }"), rounds) for _ in range(50))
    print(f"{machine()}; "
          f"{len(held)} held documents, {len(store)} quads")
    print(f"baseline (trivial ASK): {baseline * 1000:.3f} ms")
    with TestClient(create_app(store)) as client:
        for view in VIEWS:
            times, queries = {}, {}
            for doc in held:
                url = f"/documents/{doc.id}/{view}"
                counter.count = 0
                response = client.get(url)  # warms, and counts the queries
                assert response.status_code == 200, (url, response.status_code)
                queries[doc.id] = counter.count
                times[doc.id] = best_of(lambda: client.get(url), rounds)
            ms = sorted(times.values())
            p50, p95, top = percentile(ms, 0.5), percentile(ms, 0.95), max(ms)
            print(f"\n/{view}: p50 {p50 * 1000:.1f} ms ({p50 / baseline:.0f}x ASK), "
                  f"p95 {p95 * 1000:.1f} ms ({p95 / baseline:.0f}x), max {top * 1000:.1f} ms ({top / baseline:.0f}x); "
                  f"queries per page: median {statistics.median(queries.values()):.0f}, max {max(queries.values())}")
            for doc_id in sorted(times, key=times.get, reverse=True)[:slowest]:
                print(f"  {times[doc_id] * 1000:9.1f} ms  {queries[doc_id]:4d} queries  {doc_id}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="a store folder to read (default: ingest the bundled corpus into a temporary one)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--slowest", type=int, default=5)
    args = parser.parse_args(argv)
    if args.store:
        measure(GraphStore(args.store, create=False), args.rounds, args.slowest)
        return
    with bundled_store() as store:
        measure(store, args.rounds, args.slowest)


if __name__ == "__main__":
    main()
