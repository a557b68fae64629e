"""Extraction speed over the bundled corpus, as ratios against spaCy's tokenizer.

    .venv/bin/python benchmarks/extract.py [--rounds N]     (or: make benchmark)

Prints documents per second for (1) reading and normalising, (2) reading + extraction,
(3) reading + extraction + building the RDF quads, and for the yardstick: spaCy's blank
"vi" tokenizer (``use_pyvi = false``, white space only: pyvi is not installed) over the same
normalised texts. Each stage is also given as its time over the tokenizer's, all measured in
this process on the same files, so the ratios hold on a busy machine where the docs/s do
not (issue 11's target: extraction within 2x of tokenizing). Nothing is asserted: the
figures are for the README and for comparing changes on one machine.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

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
    texts = {path: read(path).text for path in files}
    chars = sum(len(text) for text in texts.values())
    pipeline()  # load spaCy and the matchers before timing
    extract(read(files[0]))
    tokenizer = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}}).tokenizer

    def tokenize(path):
        tokenizer(texts[path])

    def read_only(path):
        read(path)

    def read_extract(path):
        extract(read(path))

    def read_extract_build(path):
        source = read(path)
        build(extract(source), source.text, str(path))

    stages = (("spaCy blank vi tokenizer (yardstick)", tokenize),
              ("read + normalise", read_only),
              ("read + extract", read_extract),
              ("read + extract + build quads", read_extract_build))
    seconds = {name: timed(work, files, args.rounds) for name, work in stages}
    tokenizing = seconds[stages[0][0]]
    n = len(files)
    print(f"corpus: {n} documents, {chars:,} characters; best of {args.rounds} rounds")
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, {platform.system()}")
    print(f"{'stage':38} {'docs/s':>9} {'x tokenizer time':>17}")
    for name, _ in stages:
        print(f"{name:38} {n / seconds[name]:9.1f} {seconds[name] / tokenizing:16.2f}x")


if __name__ == "__main__":
    main()
