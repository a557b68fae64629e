"""Extraction speed over the bundled corpus, as ratios against reading the same files.

    .venv/bin/python benchmarks/extract.py [--rounds N]

Prints documents per second for (1) reading and normalising, (2) reading + extraction,
(3) reading + extraction + building the RDF quads, and the ratio of each to (1), all
measured in this process on the same files. Nothing is asserted: the figures are for the
README and for comparing changes on one machine.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.extract import extract  # noqa: E402
from ingest.nlp import pipeline  # noqa: E402
from ingest.read import read  # noqa: E402
from kg.build import build  # noqa: E402


def corpus() -> list[Path]:
    folders = [ROOT / "data" / "corpus" / "plans", ROOT / "data" / "corpus" / "real"]
    return sorted(p for folder in folders for p in folder.iterdir() if p.suffix in (".txt", ".md"))


def timed(work, files, rounds) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for path in files:
            work(path)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="best of N rounds (default 3)")
    args = parser.parse_args()
    files = corpus()
    chars = sum(len(read(p).text) for p in files)
    pipeline()  # load spaCy and the matchers before timing
    extract(read(files[0]))

    def read_only(path):
        read(path)

    def read_extract(path):
        extract(read(path))

    def read_extract_build(path):
        source = read(path)
        build(extract(source), source.text, str(path))

    reading = timed(read_only, files, args.rounds)
    extracting = timed(read_extract, files, args.rounds)
    building = timed(read_extract_build, files, args.rounds)
    n = len(files)
    print(f"corpus: {n} documents, {chars:,} characters; best of {args.rounds} rounds")
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, {platform.system()}")
    print(f"{'stage':34} {'docs/s':>9} {'ratio to reading':>17}")
    for name, seconds in (("read + normalise (baseline)", reading),
                          ("read + extract", extracting),
                          ("read + extract + build quads", building)):
        print(f"{name:34} {n / seconds:9.1f} {seconds / reading:16.1f}x")


if __name__ == "__main__":
    main()
