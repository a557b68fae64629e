"""The work each extraction stage does, counted in instructions: a figure the machine's speed does not move.

    .venv/bin/python benchmarks/instructions.py [--against REV]

benchmarks/extract.py times the stages; on a shared or virtual machine its documents per second
move with the machine (spaCy's tokenizer alone ran at 140-194 docs/s within one session), and a
change of a few percent is lost in that. Here each stage runs once over the bundled corpus in a
process of its own under valgrind (cachegrind, without its cache simulation), after the same
set-up as the others (the modules loaded, one document read, extracted and built, the corpus
read for the stage that starts from its texts, the objects frozen as an extraction worker
freezes them); its count less the set-up's alone is the stage's work, per document, and with
--against REV (a commit) the ratio to the same stage's work at REV (checked out in a temporary
git worktree, run over the same corpus). The pass is the process's first over the corpus (its
caches as cold as a new worker's), at REV too: the ratio compares like with like. No ratio to
the tokenizer is printed: an instruction is no unit of time (the tokenizer's first pass makes a
lexeme of every new word, and compiled code runs more instructions a nanosecond than the
interpreter), extract.py's is the one to read. Needs valgrind (Debian: apt install valgrind);
the stages run as many at a time as the machine has cores, a few minutes in all. Nothing is
asserted.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("set-up alone", "read + normalise", "extract (from the normalised text)", "read + extract",
          "read + extract + build quads")
INSTRUCTIONS = re.compile(r"I\s+refs:\s+([\d,]+)")


def corpus() -> list[Path]:
    folders = [ROOT / "data" / "corpus" / "plans", ROOT / "data" / "corpus" / "real"]
    return sorted(p for folder in folders for p in folder.iterdir() if p.suffix in (".txt", ".md"))


def run_stage(stage: str, code: Path) -> None:
    """In the child, under valgrind: the set-up, then `stage` once over the corpus, with the
    code of the checkout `code`."""
    sys.path.insert(0, str(code))
    from ingest.extract import extract
    from ingest.read import read
    from kg.build import build

    files = corpus()
    first = read(files[0])
    build(extract(first), first.text, str(files[0]))
    sources = [read(path) for path in files]  # (extraction's input, read in every set-up)
    gc.collect()
    gc.freeze()  # as an extraction worker does after its first file (ingest/extraction_pool.py)
    if stage == STAGES[1]:
        for path in files:
            read(path)
    elif stage == STAGES[2]:
        for source in sources:
            extract(source)
    elif stage == STAGES[3]:
        for path in files:
            extract(read(path))
    elif stage == STAGES[4]:
        for path in files:
            source = read(path)
            build(extract(source), source.text, str(path))


def counted(stage: str, code: Path) -> int:
    """The instructions of a child running `stage` with the code of `code`."""
    done = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                           sys.executable, __file__, "--stage", str(STAGES.index(stage)), "--code", str(code)],
                          capture_output=True, text=True, timeout=3600)
    found = INSTRUCTIONS.search(done.stderr)
    if done.returncode != 0 or not found:
        raise SystemExit(f"{stage} at {code}: the run failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def counts(checkouts: dict[str, Path]) -> dict[tuple[str, str], int]:
    jobs = [(name, stage) for name in checkouts for stage in STAGES]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        found = pool.map(lambda job: counted(job[1], checkouts[job[0]]), jobs)
        return dict(zip(jobs, found))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REV", help="a commit to compare each stage's count with")
    parser.add_argument("--stage", type=int, help=argparse.SUPPRESS)  # in the child
    parser.add_argument("--code", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage is not None:
        run_stage(STAGES[args.stage], args.code)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("benchmarks/instructions.py needs valgrind (Debian: apt install valgrind)")
    with tempfile.TemporaryDirectory(prefix="vnpkg-instructions-") as folder:
        checkouts = {"here": ROOT}
        if args.against:
            other = Path(folder) / "against"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(other), args.against],
                           check=True)
            checkouts[args.against] = other
        try:
            found = counts(checkouts)
        finally:
            if args.against:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(other)], check=False)
    n = len(corpus())
    work = {key: value - found[(key[0], STAGES[0])] for key, value in found.items() if key[1] != STAGES[0]}
    print(f"corpus: {n} documents; instructions of each stage once over it, less the set-up's")
    header = f"{'stage':38} {'M instr./doc':>13}"
    print(header + (f" {'x ' + args.against:>14}" if args.against else ""))
    for stage in STAGES[1:]:
        here = work[("here", stage)]
        line = f"{stage:38} {here / n / 1e6:13.1f}"
        if args.against:
            line += f" {here / work[(args.against, stage)]:13.3f}x"
        print(line)


if __name__ == "__main__":
    main()
