"""Reading and extracting in worker processes (ingest/extraction_pool.py): the same result as
in-process, a file over the time limit stopped and reported while the next one goes on, a
worker that dies reported, and no worker left behind: not after close(), not after the
caller is killed."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ingest.extract import extract
from ingest.extraction_pool import ExtractionPool
from ingest.read import read
from tests.conftest import NAM_TU_LIEM, PLANS, ROOT, THANH_TRI

pytestmark = pytest.mark.timeout(120)


SLOW_LIMIT = 0.2  # seconds: a tenth of what slow_document takes to extract
SLOWEST_PLAN = PLANS / "district-bcd-xhht-2018-kh.txt"   # of the sample plans, the slowest per character


def slow_document(folder: Path) -> Path:
    """A real plan repeated to 900,000 characters, within the character limit: about 2 s of
    extraction on the development machine (2026-12; the extractor got faster, and a faster
    plan repeated took 0.8 s, too close to the 1 s limits of the CLI tests)."""
    plan = SLOWEST_PLAN.read_text("utf-8") + "\n\n"
    path = folder / "slow.txt"
    path.write_text(plan * (900_000 // len(plan)), "utf-8")
    return path


def gone(pid: int, within: float = 10.0) -> bool:
    """True once no process `pid` runs (a zombie waiting to be reaped counts as gone)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False


def test_a_file_extracted_in_a_worker_is_the_same_as_in_process():
    with ExtractionPool() as pool:
        extracted = pool.extract(NAM_TU_LIEM)
    assert extracted.ok and extracted.path == str(NAM_TU_LIEM)
    here = read(NAM_TU_LIEM)
    assert extracted.source.text == here.text and list(extracted.source.offsets) == list(here.offsets)
    assert extracted.extraction.to_json() == extract(here).to_json()


def test_relative_paths_are_read_from_the_callers_folder(monkeypatch):
    monkeypatch.chdir(NAM_TU_LIEM.parent)
    with ExtractionPool() as pool:
        extracted = pool.extract(NAM_TU_LIEM.name)
    assert extracted.ok and extracted.source.path == NAM_TU_LIEM.name


def test_errors_name_the_file_and_the_next_file_still_comes_out(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with ExtractionPool() as pool:
        failed, fine = pool.extract(empty), pool.extract(NAM_TU_LIEM)
    assert failed.error == f"{empty}: empty file" and failed.source is None
    assert fine.ok


def test_a_file_over_the_time_limit_is_stopped_and_the_next_gets_a_fresh_worker(tmp_path):
    slow = slow_document(tmp_path)
    with ExtractionPool(timeout=SLOW_LIMIT) as pool:
        pool.extract(THANH_TRI, timeout=120)  # a worker started and warmed up (within any limit)
        [first] = pool.worker_pids()
        started = time.monotonic()
        stopped = pool.extract(slow)
        took = time.monotonic() - started
        assert stopped.error == f"{slow}: took longer than {SLOW_LIMIT:g} s to read and extract; stopped"
        assert took < 10, took
        assert gone(first) and pool.worker_pids() == []
        after = pool.extract(NAM_TU_LIEM, timeout=120)  # a new worker starts within any limit too
        assert after.ok and pool.worker_pids() != [first]
        assert pool.extract(slow, timeout=120).ok  # the limit is the caller's to set


def test_a_worker_that_dies_is_reported_and_replaced(tmp_path):
    slow = slow_document(tmp_path)
    with ExtractionPool() as pool:
        pool.extract(THANH_TRI)
        [pid] = pool.worker_pids()
        killer = threading.Timer(SLOW_LIMIT, os.kill, (pid, signal.SIGKILL))
        killer.start()
        died = pool.extract(slow)
        killer.join()
        assert died.error == f"{slow}: the process reading it died (exit code -9); the file may be too big for this machine"
        assert pool.extract(THANH_TRI).ok


def test_no_worker_is_left_after_close(tmp_path):
    pool = ExtractionPool(workers=2)
    results = {}

    def run(path):
        results[path] = pool.extract(path)

    threads = [threading.Thread(target=run, args=(path,)) for path in (NAM_TU_LIEM, THANH_TRI)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(result.ok for result in results.values())
    pids = pool.worker_pids()
    assert len(pids) == 2  # two files at once got two workers
    pool.close()
    assert all(gone(pid) for pid in pids)
    with pytest.raises(RuntimeError, match="closed"):
        pool.extract(NAM_TU_LIEM)


def test_no_worker_is_left_when_the_caller_is_killed(tmp_path):
    """A caller killed with SIGKILL runs no clean-up: its workers end on their closed pipe."""
    script = (
        "import os, sys, time\n"
        "from ingest.extraction_pool import ExtractionPool\n"
        "pool = ExtractionPool()\n"
        f"assert pool.extract({str(NAM_TU_LIEM)!r}).ok\n"
        "print(*pool.worker_pids(), flush=True)\n"
        "time.sleep(60)\n"
    )
    caller = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(pid) for pid in caller.stdout.readline().split()]
        assert pids and all(not gone(pid, within=0.2) for pid in pids)
    finally:
        caller.kill()
        caller.wait()
    assert all(gone(pid) for pid in pids)


def test_a_worker_grown_past_its_memory_is_replaced_after_its_file(monkeypatch):
    """A worker whose resident memory has passed WORKER_MEMORY after a file is stopped and the
    next file gets a new one; below it, the same worker reads file after file."""
    import ingest.extraction_pool as pool_module

    with ExtractionPool() as pool:
        assert pool.extract(THANH_TRI).ok
        first = pool.worker_pids()
        assert pool.extract(NAM_TU_LIEM).ok
        assert pool.worker_pids() == first  # well below the limit: kept
        (worker,) = pool._idle
        assert 10 * 2**20 < worker.resident_memory() < pool_module.WORKER_MEMORY
        monkeypatch.setattr(pool_module, "WORKER_MEMORY", 10 * 2**20)
        assert pool.extract(THANH_TRI).ok
        assert pool.worker_pids() == [] and gone(first[0])  # past it: stopped when its file was done
        monkeypatch.undo()
        assert pool.extract(NAM_TU_LIEM).ok
        assert pool.worker_pids() not in ([], first)  # a new worker, kept
