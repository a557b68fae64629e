"""`kg extract` on files made to hurt it: each gives "error: PATH: problem", the good files
still come out, the exit code is 1, and no process of the run grows past 500 MB or outlives
it. Run as the installed command in a subprocess, its processes watched through /proc."""

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from tests.conftest import NAM_TU_LIEM, ROOT, THANH_TRI
from tests.hostile_files import zip_bomb_docx
from tests.test_extraction_pool import gone, slow_document

KG = Path(sys.executable).parent / "kg"
MEGABYTE = 1024 * 1024
PEAK_RSS_LIMIT = 500 * MEGABYTE


def _children(pid: int) -> set[int]:
    """`pid` and every process below it (the fork server, the workers)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    tree, grew = {pid}, True
    while grew:  # each turn adds children of the tree, or stops
        more = {child for child, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return tree


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def run_watched(args: list[str], timeout: float = 240) -> tuple[subprocess.CompletedProcess, int, int, set[int]]:
    """Run `args`; return the result, the peak RSS of any one of its processes, the peak of
    their sum (both polled from /proc every 20 ms) and every process id seen in its tree. (The
    kernel's ru_maxrss cannot say: a child started by fork and exec starts its count at the
    forking process's size, here the whole test session's.)"""
    process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: set[int] = set()
    peaks = [0, 0]
    ended = threading.Event()
    output: dict[str, str] = {}

    def watch():
        while not ended.is_set():  # never poll(): the process is reaped by wait4 below
            tree = _children(process.pid)
            seen.update(tree)
            sizes = [_rss(pid) for pid in tree]
            peaks[0] = max(peaks[0], max(sizes, default=0))
            peaks[1] = max(peaks[1], sum(sizes))
            time.sleep(0.02)

    readers = [threading.Thread(target=lambda name=name: output.__setitem__(name, getattr(process, name).read()))
               for name in ("stdout", "stderr")]
    watcher = threading.Thread(target=watch)
    for thread in [watcher, *readers]:
        thread.start()
    killer = threading.Timer(timeout, process.kill)
    killer.start()
    try:
        _, status = os.waitpid(process.pid, 0)
    finally:
        killer.cancel()
        ended.set()
        watcher.join()
    for thread in readers:
        thread.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    result = subprocess.CompletedProcess(args, process.returncode, output["stdout"], output["stderr"])
    return result, peaks[0], peaks[1], seen - {process.pid}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    long_text = folder / "long.txt"
    line = ("Kế hoạch số 52/KH-UBND ngày 12/4/2024 của Ủy ban nhân dân Thành phố về việc "
            "thực hiện Nghị quyết số 23-NQ/TU.\n").encode("utf-8")
    with long_text.open("wb") as handle:  # 50 MB, a megabyte at a time
        block = line * (MEGABYTE // len(line))
        while handle.tell() < 50 * MEGABYTE:  # grows by a block each turn
            handle.write(block)
        handle.truncate(50 * MEGABYTE)
    fifo = folder / "pipe.txt"
    os.mkfifo(fifo)
    return {"long": long_text, "bomb": zip_bomb_docx(folder / "bomb.docx", 1100), "fifo": fifo}


@pytest.mark.timeout(300)
def test_hostile_files_give_errors_exit_1_and_stay_small(hostile):
    bomb = hostile["bomb"]
    assert bomb.stat().st_size < 5 * MEGABYTE  # 1.1 GB inside
    result, peak, peak_sum, processes = run_watched(
        [str(KG), "extract", str(hostile["long"]), str(bomb), str(hostile["fifo"]), str(NAM_TU_LIEM), "--json"])
    assert result.returncode == 1, result.stderr
    errors = result.stderr.splitlines()
    assert errors[0] == (f"error: {hostile['long']}: document too long: 52,428,800 bytes hold at least "
                         f"13,107,200 characters, the limit is 1,000,000"), errors
    assert errors[1].startswith(f"error: {bomb}: part word/document.xml unpacks to 1,153,"), errors
    assert "a zip bomb" in errors[1]
    assert errors[2] == f"error: {hostile['fifo']}: is a named pipe (FIFO), not a file; only regular files are read"
    assert len(errors) == 3 and "Traceback" not in result.stderr
    assert [item["source"]["path"] for item in json.loads(result.stdout)] == [str(NAM_TU_LIEM)]
    print(f"peak RSS: one process {peak / MEGABYTE:.0f} MB, all together {peak_sum / MEGABYTE:.0f} MB")
    assert peak < PEAK_RSS_LIMIT and peak_sum < PEAK_RSS_LIMIT
    assert len(processes) >= 2  # the fork server and a worker were watched
    assert all(gone(pid) for pid in processes), "a process of the run outlived it"


def test_a_file_over_the_time_limit_is_an_error_and_the_others_come_out(tmp_path):
    slow = slow_document(tmp_path)
    result = CliRunner().invoke(app, ["extract", str(NAM_TU_LIEM), str(slow), str(THANH_TRI), "--json",
                                      "--timeout", "1"])
    assert result.exit_code == 1
    assert result.stderr == f"error: {slow}: took longer than 1 s to read and extract; stopped\n"
    assert [item["source"]["path"] for item in json.loads(result.stdout)] == [str(NAM_TU_LIEM), str(THANH_TRI)]


def test_the_time_limit_and_the_character_limit_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("VNPKG_MAX_CHARS", "1000")
    result = CliRunner().invoke(app, ["extract", str(NAM_TU_LIEM)])
    assert result.exit_code == 1 and "characters, the limit is 1,000" in result.stderr
    monkeypatch.setenv("VNPKG_FILE_TIMEOUT", "soon")
    result = CliRunner().invoke(app, ["extract", str(NAM_TU_LIEM)])
    assert result.exit_code == 2
    assert result.stderr == "error: VNPKG_FILE_TIMEOUT must be a number of seconds above 0, not 'soon'\n"
    bad_option = CliRunner().invoke(app, ["extract", str(NAM_TU_LIEM), "--timeout", "0"])
    assert bad_option.exit_code == 2 and "must be a number of seconds above 0" in bad_option.stderr


def test_ingest_reports_a_file_over_the_time_limit_and_ingests_the_rest(tmp_path):
    slow = slow_document(tmp_path)
    # one worker: the plan is read after the slow file is stopped, not beside it on a busy machine
    result = CliRunner().invoke(app, ["ingest", str(slow), str(NAM_TU_LIEM), "--store", str(tmp_path / "store"),
                                      "--timeout", "1", "--jobs", "1"])
    assert result.exit_code == 1
    assert f"error: {slow}: took longer than 1 s to read and extract; stopped" in result.stderr
    assert "1 files ingested, 1 errors" in result.stdout
