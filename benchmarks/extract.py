"""Extraction speed over the bundled corpus, as ratios against spaCy's tokenizer.

    .venv/bin/python benchmarks/extract.py [--rounds N]     (or: make benchmark)

Prints documents per second for (1) reading and normalising, (2) reading + extraction,
(3) reading + extraction + building the RDF quads, and extraction alone from the normalised
texts (the tokenizer's input too: the like-for-like ratio), and for the yardstick: spaCy's blank
"vi" tokenizer (``use_pyvi = false``, white space only: pyvi is not installed) over the same
normalised texts. Each stage is timed twice: by the clock (docs/s) and by this process's CPU
time (docs/s per core, and the stage's time over the tokenizer's: issue 11's target is
extraction within 2x of tokenizing). The work is single-threaded, so its CPU time is what one
core spends; on a busy machine the clock also counts the time the process waited for a core,
unevenly between a short stage and a long one, so the ratios are taken by CPU time (the
clock's are printed beside them). Nothing is asserted: the figures are for the README and for
comparing changes on one machine.
"""

from __future__ import annotations

import argparse
import gc
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
from benchmarks.timing import machine  # noqa: E402


def corpus() -> list[Path]:
    folders = [ROOT / "data" / "corpus" / "plans", ROOT / "data" / "corpus" / "real"]
    return sorted(p for folder in folders for p in folder.iterdir() if p.suffix in (".txt", ".md"))


def timed(stages, files, rounds) -> dict[str, tuple[float, float]]:
    """For each (name, work) of `stages`, the best of `rounds` runs of `work` over `files`:
    wall seconds, and CPU seconds of this process (the work is single-threaded, so CPU time is
    one core's: what a core costs whatever else the machine runs). The stages take turns
    within each round, so that a machine running faster or slower for a while (another
    process, the clock of a virtual core) weighs on every stage alike, not on one."""
    best = {name: (float("inf"), float("inf")) for name, _ in stages}
    for _ in range(rounds):
        for name, work in stages:
            start, start_cpu = time.perf_counter(), time.process_time()
            for path in files:
                work(path)
            wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="best of N rounds (default 5)")
    args = parser.parse_args()
    files = corpus()
    sources = {path: read(path) for path in files}
    texts = {path: source.text for path, source in sources.items()}
    chars = sum(len(text) for text in texts.values())
    pipeline()  # load spaCy and the matchers before timing
    extract(read(files[0]))
    gc.collect()
    gc.freeze()  # as an extraction worker does after its first file (ingest/extraction_pool.py)
    tokenizer = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}}).tokenizer

    def tokenize(path):
        tokenizer(texts[path])

    def read_only(path):
        read(path)

    def extract_only(path):
        extract(sources[path])

    def read_extract(path):
        extract(read(path))

    def read_extract_build(path):
        source = read(path)
        build(extract(source), source.text, str(path))

    stages = (("spaCy blank vi tokenizer (yardstick)", tokenize),
              ("read + normalise", read_only),
              ("extract (from the normalised text)", extract_only),
              ("read + extract", read_extract),
              ("read + extract + build quads", read_extract_build))
    seconds = timed(stages, files, args.rounds)
    tokenizing, tokenizing_cpu = seconds[stages[0][0]]
    n = len(files)
    print(f"corpus: {n} documents, {chars:,} characters; best of {args.rounds} rounds")
    print(f"machine: {machine()}")
    print(f"{'stage':38} {'docs/s':>8} {'per core':>9} {'x tokenizer':>12} {'(wall)':>7}")
    for name, _ in stages:
        wall, cpu = seconds[name]
        print(f"{name:38} {n / wall:8.1f} {n / cpu:9.1f} {cpu / tokenizing_cpu:11.2f}x {wall / tokenizing:6.2f}x")
    print("docs/s: by the clock; per core and x tokenizer: by this process's CPU time (steady on a busy machine)")


if __name__ == "__main__":
    main()
