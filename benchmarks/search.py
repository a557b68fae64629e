"""Search at scale: how long a query takes to rank (first page, nothing kept) and to page on,
over an index of --documents entries.

    .venv/bin/python benchmarks/search.py [--store PATH] [--documents N] [--rounds N]

With --store the index is the store's own (say the national corpus of benchmarks/corpus.py,
ingested). Without it the bundled corpus is ingested into a temporary store and its index is
copied until it holds --documents entries (default 10,000), each copy under another id: the
same words in 16 times as many documents, a harder case than a real corpus of that size, where
titles differ more. Every query of QUERIES (numbers in several spellings, title words, places,
words nearly every document has) is ranked with the index's kept rankings cleared (what the
first request of a query costs), then its second page asked (what paging costs). Printed in
milliseconds and as ratios against a baseline measured in the same process on the same index:
one look at every entry (reading each entry's set of words), the least a search that looked at
every document would cost. Nothing is asserted: the figures are for the README and for
comparing changes on one machine.
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import search as document_search  # noqa: E402
from kg.store import GraphStore  # noqa: E402
from benchmarks.bundled import bundled_store  # noqa: E402
from benchmarks.timing import best_of, machine, percentile  # noqa: E402

QUERIES = ("1373/QĐ-TTg", "qd 1373", "57-NQ/TW", "44/TT-BGDDT", "số 1373/QĐ-TTg ngày 30/7/2021",
           "xã hội học tập", "xa hoi hoc tap", "chuyển đổi số", "ubnd ha noi", "thanh tri",
           "Kế hoạch", "ha noi 2025", "nghị quyết", "khuyen hoc krong pa", "zzzz")


def copied(index: document_search.Index, documents: int) -> document_search.Index:
    entries, round_ = [], 0
    while len(entries) < documents:
        for entry in index.entries[:documents - len(entries)]:
            twin = copy.copy(entry)
            twin.id = f"{entry.id}~{round_}"
            entries.append(twin)
        round_ += 1
    return document_search.Index(entries)


def measure(store: GraphStore, index: document_search.Index, rounds: int) -> None:
    document_search._cache[store] = (document_search._version(store), index)
    baseline = best_of(lambda: sum(len(keys) for entry in index.entries for keys in entry.field_keys.values()),
                       rounds * 3)
    print(f"{machine()}; "
          f"{len(index.entries)} documents in the index")
    print(f"baseline (one look at every entry): {baseline * 1000:.2f} ms\n")
    print("| query | matches | first page, ms | x baseline | next page, ms |")
    print("|---|---|---|---|---|")
    firsts, nexts = [], []
    for text in QUERIES:
        def first():
            index.rankings.clear()
            return document_search.search(store, text)
        found = first()
        cold = best_of(first, rounds)
        warm = best_of(lambda: document_search.search(store, text, page=2), rounds)
        firsts.append(cold)
        nexts.append(warm)
        print(f"| {text} | {found.total} | {cold * 1000:.1f} | {cold / baseline:.1f} | {warm * 1000:.2f} |")
    p50, p95 = percentile(firsts, 0.5), percentile(firsts, 0.95)
    print(f"\nfirst page: p50 {p50 * 1000:.1f} ms ({p50 / baseline:.1f}x baseline), "
          f"p95 {p95 * 1000:.1f} ms ({p95 / baseline:.1f}x), max {max(firsts) * 1000:.1f} ms; "
          f"next page: p95 {percentile(nexts, 0.95) * 1000:.2f} ms")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="a store folder whose own index is measured")
    parser.add_argument("--documents", type=int, default=10_000,
                        help="without --store: entries the bundled corpus's index is copied to")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    if args.store:
        store = GraphStore(args.store, create=False)
        measure(store, document_search.index_for(store), args.rounds)
        return
    with bundled_store() as store:
        measure(store, copied(document_search.index_for(store), args.documents), args.rounds)


if __name__ == "__main__":
    main()
