"""Reading and extracting files in worker processes, each file within a time limit.

``ExtractionPool.extract(path)`` reads and extracts one file in a worker process and gives
back the source text and the extraction, or the file's error ("PATH: problem"): a ReadError,
an exception of the extractor, a worker that died, or a file that took longer than the
time limit (``limits.file_timeout``: VNPKG_FILE_TIMEOUT, 60 s by default), whose worker is
killed. Nothing a file does stops the files after it.

Workers are reused from file to file, and replaced when one is killed, when one dies, when
one's resident memory has passed ``WORKER_MEMORY`` after a file (read from /proc, where there
is one: spaCy's string store grows with every text, and one huge file can leave a worker
large), and after ``FILES_PER_WORKER`` files in any case. A pool holds
up to ``workers`` processes and takes files from several threads at once (one worker by
default; ``kg ingest --jobs N`` and ``kg extract --jobs N`` ask for N).

A pool can be given a further step to run in the worker after extracting (``then``:
"module:function", called with the path, the source text and the extraction; what it
returns comes back as ``FileExtraction.made``, and only that: the source text and the
extraction stay in the worker): ``kg ingest`` builds each file's graph there, so that the one
process writing to the store does nothing else, not even unpickling extractions.

Workers are started by multiprocessing's fork server: forked from a clean, single-threaded
process that has imported the extractor once (so a worker starts in milliseconds, not in the
seconds spaCy's import takes), never from the caller, which may be running threads (the web
server's, Oxigraph's). A worker ends when its pipe closes, so a caller that dies, even
killed, leaves no worker behind.
"""

from __future__ import annotations

import atexit
import gc
import importlib
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ingest import limits
from ingest.read import ReadError, SourceText
from ingest.records import Extraction

# a worker grew 31 -> 39 MB over 1,400 generated plans (55-58 MB with kg ingest's graphs built
# over 1,000); a new worker's first file takes 0.1-0.25 s longer than its next ones
FILES_PER_WORKER = 1000
WORKER_MEMORY = 512 * 2**20  # bytes: a worker past it after a file is replaced
_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
STOP_GRACE = 5.0  # seconds a worker asked to stop has before it is killed
_PRELOAD = ["ingest.extract"]


@dataclass
class FileExtraction:
    """What became of one file: its source text and extraction, or its error."""
    path: str                              # as given
    source: SourceText | None = None
    extraction: Extraction | None = None
    error: str | None = None               # "PATH: problem" when the file could not be used
    made: object = None                    # what the pool's ``then`` step returned

    @property
    def ok(self) -> bool:
        return self.error is None


class ExtractionPool:
    """Worker processes that read and extract files; see the module's docstring."""

    def __init__(self, workers: int = 1, timeout: float | None = None, max_chars: int | None = None,
                 then: str | None = None):
        if workers < 1:
            raise ValueError(f"an extraction pool needs at least one worker, not {workers}")
        # checked now, so that a bad setting is said before any file is read
        self.timeout = None if timeout is None else limits.checked_timeout(timeout, "the time limit")
        self.max_chars = max_chars
        if timeout is None:
            limits.file_timeout()
        if max_chars is None:
            limits.max_chars()
        self._context = multiprocessing.get_context("forkserver")
        self.then = then
        self.workers = workers
        self._context.set_forkserver_preload(_PRELOAD + ([then.partition(":")[0]] if then else []))
        self._slots = threading.BoundedSemaphore(workers)
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._closed = False

    def __enter__(self) -> "ExtractionPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def extract(self, path: str | Path, timeout: float | None = None,
                max_chars: int | None = None) -> FileExtraction:
        """Read and extract the file at `path` (relative to the current folder) within
        `timeout` seconds (default: the pool's, else ``limits.file_timeout()``)."""
        seconds = timeout if timeout is not None else self.timeout if self.timeout is not None \
            else limits.file_timeout()
        chars = max_chars if max_chars is not None else self.max_chars if self.max_chars is not None \
            else limits.max_chars()
        job = (os.getcwd(), str(path), chars, self.then)
        with self._slots:
            worker = self._take()
            try:
                answer = worker.run(job, seconds)
            except _Stopped as stopped:
                return FileExtraction(str(path), error=f"{path}: {stopped}")
            finally:
                self._give_back(worker)
        if answer[0] == "ok":
            return FileExtraction(str(path), source=answer[1], extraction=answer[2], made=answer[3])
        return FileExtraction(str(path), error=answer[1])

    def extract_each(self, paths: Iterable[str | Path], timeout: float | None = None,
                     started: Callable[[str | Path], None] | None = None) -> Iterator[tuple[str | Path, FileExtraction]]:
        """Read and extract each of `paths` as ``extract`` does, as many at once as the pool has
        workers, and give back (path, FileExtraction) in the order of `paths`; `started(path)` is
        called as a file is handed out. At most twice as many files as workers are in hand at a
        time, so memory stays flat over any number of files; leaving the loop early waits for
        the files in hand."""
        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="vnpkg-extract") as threads:
            waiting: deque = deque()
            upcoming = iter(paths)
            while True:
                while len(waiting) < 2 * self.workers:  # each turn hands out one file, or stops
                    path = next(upcoming, None)
                    if path is None:
                        break
                    if started:
                        started(path)
                    waiting.append((path, threads.submit(self.extract, path, timeout)))
                if not waiting:
                    return
                path, future = waiting.popleft()
                yield path, future.result()

    def worker_pids(self) -> list[int]:
        """The process ids of the workers alive now (idle or busy)."""
        with self._lock:
            return [w.process.pid for w in [*self._idle, *self._busy] if w.process.is_alive()]

    def close(self) -> None:
        """Stop the workers; a worker busy with a file stops when the file is done."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()

    def _take(self) -> "_Worker":
        with self._lock:
            if self._closed:
                raise RuntimeError("the extraction pool is closed")
            worker = self._idle.pop() if self._idle else None
        if worker is None:
            worker = _Worker(self._context)
        with self._lock:
            self._busy.add(worker)
        return worker

    def _give_back(self, worker: "_Worker") -> None:
        grown = worker.usable and (worker.resident_memory() or 0) > WORKER_MEMORY
        with self._lock:
            self._busy.discard(worker)
            keep = not self._closed and worker.usable and worker.files < FILES_PER_WORKER and not grown
            if keep:
                self._idle.append(worker)
        if not keep:
            worker.stop()


class _Stopped(Exception):
    """The worker was killed at the time limit, or died; ``str()`` says which."""


class _Worker:
    """One worker process and its end of the pipe."""

    def __init__(self, context) -> None:
        ours, theirs = context.Pipe(duplex=True)
        self.process = context.Process(target=_serve, args=(theirs,), daemon=True,
                                       name="vnpkg-extraction-worker")
        self.process.start()
        theirs.close()
        self.connection = ours
        self.files = 0
        self.usable = True

    def run(self, job: tuple, timeout: float) -> tuple:
        self.files += 1
        try:
            self.connection.send(job)
            if not self.connection.poll(timeout):
                self.usable = False
                self.kill()
                raise _Stopped(f"took longer than {timeout:g} s to read and extract; stopped")
            return self.connection.recv()
        except (EOFError, OSError) as err:  # the worker died: out of memory, a crash
            self.usable = False
            self.kill()
            raise _Stopped(f"the process reading it died (exit code {self.process.exitcode}); "
                           f"the file may be too big for this machine") from err

    def resident_memory(self) -> int | None:
        """The worker's resident memory in bytes, from Linux's /proc; None where it cannot be read."""
        try:
            with open(f"/proc/{self.process.pid}/statm", "rb") as statm:
                return int(statm.read().split()[1]) * _PAGE_BYTES
        except (OSError, ValueError, IndexError):
            return None

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()

    def stop(self) -> None:
        """Ask the worker to end (it ends on the closed pipe), kill it if it does not."""
        if not self.connection.closed:
            try:
                self.connection.send(None)
            except OSError:
                pass
            self.connection.close()
        self.process.join(STOP_GRACE)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def _serve(connection) -> None:
    """A worker's life: read and extract the files it is sent until the pipe closes.

    After its first file the worker's objects (the modules, the compiled rules and word lists
    loaded by that file) are moved out of the garbage collector's sight (``gc.freeze``): they
    live as long as the worker, and the collector would otherwise walk all of them at each of
    its full collections (about 4% of the extraction's time)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle
    frozen = False
    while True:  # each turn answers one file, or ends
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        answer = _read_and_extract(*job)
        try:
            connection.send(answer)
        except (BrokenPipeError, EOFError):
            return
        except Exception as err:  # an answer that cannot be sent: say so instead
            connection.send(("error", f"{job[1]}: extraction failed (its result cannot be returned: "
                                      f"{err.__class__.__name__}: {err})"))
        if not frozen:  # the first file's own objects collected first: only what stays is frozen
            del answer
            gc.collect()
            gc.freeze()
            frozen = True


def _read_and_extract(folder: str, path: str, max_chars: int, then: str | None) -> tuple:
    from ingest.extract import extract
    from ingest.read import read

    try:
        os.chdir(folder)  # the caller's current folder, where `path` is relative to
        source = read(path, max_chars=max_chars)
        extraction = extract(source)
    except ReadError as err:
        return "error", str(err)
    except Exception as err:  # an extractor bug must not stop the batch; say which file
        return "error", f"{path}: extraction failed ({err.__class__.__name__}: {err})"
    if then is None:
        return "ok", source, extraction, None
    try:
        return "ok", None, None, _step(then)(path, source, extraction)
    except Exception as err:  # a bug in the further step must not stop the batch either
        return "error", f"{path}: extracted, but {then} failed ({err.__class__.__name__}: {err})"


def _step(then: str):
    """The function named "module:function" (named by the program, never by a request)."""
    module, _, name = then.partition(":")
    return getattr(importlib.import_module(module), name)


_shared: ExtractionPool | None = None
_shared_lock = threading.Lock()


def shared_pool() -> ExtractionPool:
    """The process's own pool (one worker), made on first use and closed at exit: what
    ingesting and the upload route use unless given another."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = ExtractionPool()
            atexit.register(_shared.close)
        return _shared
