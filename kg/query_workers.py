"""Running untrusted SPARQL queries where they can be stopped: worker processes.

pyoxigraph has no query timeout, no memory bound and a parser that can overflow its stack:
a query run in the server's own process could hold a core, eat the machine's memory or take
the server down. So a query text from a client runs in one of a few worker processes, each
with a memory limit (``RLIMIT_DATA``), under a time limit counted from the request's arrival
(waiting for a free worker included), with its serialised result bounded in bytes. A worker
past its time, a client gone, or a worker that died (memory, crash) ends that request with
an error status; the worker is killed and a fresh one started. The server never waits on a
worker in its own threads: requests wait for a worker without holding a thread, and the
waiting on a worker's pipe happens in a pool of as many threads as there are workers.

Workers read a snapshot of the store: an on-disk store is checkpointed (hard links, cheap)
into a folder beside it after each write and opened read-only by the workers; an in-memory
store is dumped to N-Quads for them; a remote SPARQL server is asked by the worker itself.

In the worker, the text is first read by ``kg.query_shape`` (bounded length and nesting
before the engine parses it); an update, ``SERVICE`` (unless the operator allowed that
endpoint) and any codepoint escape outside strings are refused there, so nothing in the
text makes the worker act on anything but the snapshot. Beneath that, a worker over a
snapshot cannot open an IP socket at all (``forbid_network``, a seccomp filter).
"""

from __future__ import annotations

import asyncio
import io
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Awaitable, Callable

import pyoxigraph

from kg import result_formats
from kg.query_shape import MAX_DEPTH, MAX_LENGTH, QueryRefused, QueryShape

READ_ONLY = "This endpoint is read-only: SPARQL updates are not allowed."


@dataclass(frozen=True)
class QueryLimits:
    seconds: float = 10.0  # from the request's arrival to its answer
    memory_bytes: int = 320 * 2**20  # each worker's data segment: server + 2 workers stay under 1 GB
    result_bytes: int = 64 * 2**20  # a serialised result
    max_length: int = MAX_LENGTH  # characters of query text
    max_depth: int = MAX_DEPTH  # brackets nested
    workers: int = 2
    services: tuple[str, ...] = ()  # SERVICE endpoints an operator allows; none by default

    @classmethod
    def from_environment(cls, environ=os.environ) -> "QueryLimits":
        """VNPKG_QUERY_SECONDS, VNPKG_QUERY_MEMORY_MB, VNPKG_QUERY_RESULT_MB, VNPKG_QUERY_WORKERS,
        VNPKG_SPARQL_SERVICES (space-separated endpoint IRIs)."""
        default = cls()
        return cls(
            seconds=float(environ.get("VNPKG_QUERY_SECONDS", default.seconds)),
            memory_bytes=int(float(environ.get("VNPKG_QUERY_MEMORY_MB", default.memory_bytes / 2**20)) * 2**20),
            result_bytes=int(float(environ.get("VNPKG_QUERY_RESULT_MB", default.result_bytes / 2**20)) * 2**20),
            workers=max(1, int(environ.get("VNPKG_QUERY_WORKERS", default.workers))),
            services=tuple(environ.get("VNPKG_SPARQL_SERVICES", "").split()),
        )


@dataclass(frozen=True)
class QueryJob:
    text: str
    accept: str = ""  # the Accept header
    format_name: str | None = None  # format=/output=, which wins over Accept
    default_graphs: tuple[str, ...] = ()  # the protocol's default-graph-uri
    named_graphs: tuple[str, ...] = ()  # named-graph-uri
    base_iri: str | None = None  # relative IRIs in the query are resolved against it (the endpoint's URL)


@dataclass(frozen=True)
class Answer:
    media: str
    body: bytes
    extension: str
    form: str


class QueryFailed(Exception):
    """The query got no answer: `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


# --- the worker process --------------------------------------------------------------------

@dataclass(frozen=True)
class _Task:
    job: QueryJob
    location: tuple  # ("disk", folder) | ("nquads", file) | ("remote", query URL, timeout)
    limits: QueryLimits


class _ResultTooLarge(Exception):
    pass


class _BoundedOutput(io.RawIOBase):
    """A binary sink that refuses to grow past `limit` bytes."""

    def __init__(self, limit: int):
        self.buffer = bytearray()
        self.limit = limit

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        if len(self.buffer) + len(data) > self.limit:
            raise _ResultTooLarge()
        self.buffer += data
        return len(data)


# seccomp: the worker may not open an IPv4 or IPv6 socket (socket() fails with EACCES), so no
# text it is given can make it connect anywhere, whatever the scanner misses. Syscall numbers
# and audit arches by machine; elsewhere the scanner is the only guard.
_SOCKET_SYSCALL = {"x86_64": (41, 0xC000003E), "aarch64": (198, 0xC00000B7)}
_AF_INET, _AF_INET6, _EACCES = 2, 10, 13


def forbid_network() -> bool:
    """Forbid this process (and what it starts) to open IP sockets; False where it cannot."""
    import ctypes
    import platform
    import struct

    machine = _SOCKET_SYSCALL.get(platform.machine())
    if machine is None:
        return False
    socket_nr, arch = machine

    def op(code, jt, jf, k):
        return struct.pack("HBBI", code, jt, jf, k)

    ld_w_abs, jeq_k, ret_k = 0x20, 0x15, 0x06
    allow, refuse = 0x7FFF0000, 0x00050000 | _EACCES  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO
    program = b"".join([
        op(ld_w_abs, 0, 0, 4), op(jeq_k, 1, 0, arch), op(ret_k, 0, 0, allow),  # another arch: allow
        op(ld_w_abs, 0, 0, 0), op(jeq_k, 0, 3, socket_nr),                      # not socket(): allow
        op(ld_w_abs, 0, 0, 16),                                                 # its domain argument
        op(jeq_k, 2, 0, _AF_INET), op(jeq_k, 1, 0, _AF_INET6),
        op(ret_k, 0, 0, allow), op(ret_k, 0, 0, refuse),
    ])
    instructions = len(program) // 8
    buffer = ctypes.create_string_buffer(program)

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(instructions, ctypes.cast(buffer, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_no_new_privs, pr_set_seccomp, seccomp_mode_filter = 38, 22, 2
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
    if libc.prctl(pr_set_no_new_privs, 1, None, 0, 0) != 0:
        return False
    return libc.prctl(pr_set_seccomp, seccomp_mode_filter, ctypes.addressof(fprog), 0, 0) == 0


def _worker_main(connection, memory_bytes: int, offline: bool = True) -> None:
    import resource

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops us; a terminal's ^C is for it
    resource.setrlimit(resource.RLIMIT_DATA, (memory_bytes, memory_bytes))
    if offline:  # a worker over a snapshot needs no network; one over a remote server does
        forbid_network()
    opened: tuple = (None, None)  # (location, store)
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return  # the server has gone
        try:
            if opened[0] != task.location:
                opened = (task.location, _open(task.location))
            reply = ("ok", _answer(task, opened[1]))
        except QueryRefused as refused:
            reply = ("refused", refused.status, refused.message)
        except _ResultTooLarge:
            reply = ("refused", 413, f"The result is larger than {task.limits.result_bytes // 2**20} MB; "
                                     f"ask for fewer rows (LIMIT) or fewer variables.")
        except MemoryError:
            reply = ("refused", 503, _memory_message(task.limits))
        except Exception as err:  # noqa: BLE001 -- any engine error is this query's error, not the worker's
            reply = ("refused", 400, f"Query failed: {err}")
        connection.send(reply)


def _open(location: tuple):
    kind = location[0]
    if kind == "disk":
        return pyoxigraph.Store.read_only(location[1])
    if kind == "nquads":
        store = pyoxigraph.Store()
        store.load(path=location[1], format=pyoxigraph.RdfFormat.N_QUADS)
        return store
    return None  # remote: nothing to open


def _answer(task: _Task, store) -> Answer:
    job, limits = task.job, task.limits
    shape = QueryShape.of(job.text, limits.max_length, limits.max_depth)
    if shape.is_update:
        raise QueryRefused(403, READ_ONLY)
    refused = [s for s in shape.services if s not in limits.services]
    if refused:
        raise QueryRefused(400, f"SERVICE is not allowed on this endpoint ({refused[0] or 'no endpoint'}): "
                                f"queries run on this store only.")
    kind = {"CONSTRUCT": result_formats.GRAPH, "DESCRIBE": result_formats.GRAPH,
            "ASK": result_formats.BOOLEAN}.get(shape.form, result_formats.SOLUTIONS)
    fmt = _format_for(job, kind)
    if task.location[0] == "remote":
        results = _remote_results(task, kind)
    else:
        dataset = {}  # the protocol's dataset overrides FROM
        if job.default_graphs:
            dataset["default_graph"] = [pyoxigraph.NamedNode(g) for g in job.default_graphs]
        if job.named_graphs:
            dataset["named_graphs"] = [pyoxigraph.NamedNode(g) for g in job.named_graphs]
        try:
            results = store.query(job.text, base_iri=job.base_iri, **dataset)
        except SyntaxError as err:
            raise QueryRefused(400, f"SPARQL syntax error: {err}") from err
    output = _BoundedOutput(limits.result_bytes)
    results.serialize(output, format=fmt.serialisation)
    return Answer(fmt.media, bytes(output.buffer), fmt.extension, shape.form or "SELECT")


def _format_for(job: QueryJob, kind: str) -> result_formats.ResultFormat:
    try:
        return result_formats.choose(kind, job.accept, job.format_name)
    except result_formats.UnknownFormat as err:
        raise QueryRefused(400, str(err)) from err
    except result_formats.NotAcceptable as err:
        raise QueryRefused(406, str(err)) from err


def _remote_results(task: _Task, kind: str):
    """Ask the remote server (the configured store, never a URL from the query)."""
    _, url, timeout = task.location
    parameters = [("default-graph-uri", g) for g in task.job.default_graphs]
    parameters += [("named-graph-uri", g) for g in task.job.named_graphs]
    if parameters:
        url += ("&" if "?" in url else "?") + urllib.parse.urlencode(parameters)
    accept = "application/n-triples" if kind == result_formats.GRAPH else "application/sparql-results+json"
    request = urllib.request.Request(url, data=task.job.text.encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/sparql-query", "Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=min(timeout, task.limits.seconds)) as response:
            data = response.read(task.limits.result_bytes + 1)
    except urllib.error.HTTPError as err:
        raise QueryRefused(400 if err.code == 400 else 502,
                           f"The SPARQL server answered {err.code}: {err.read(500).decode('utf-8', 'replace')}") from err
    except (urllib.error.URLError, OSError) as err:
        raise QueryRefused(502, f"The SPARQL server cannot be reached: {err}") from err
    if len(data) > task.limits.result_bytes:
        raise _ResultTooLarge()
    if kind == result_formats.GRAPH:
        from kg.store import RemoteTriples

        return RemoteTriples(data)
    return pyoxigraph.parse_query_results(data, format=pyoxigraph.QueryResultsFormat.JSON)


def _memory_message(limits: QueryLimits) -> str:
    return (f"The query needed more than {limits.memory_bytes // 2**20} MB of memory and was stopped; "
            f"narrow its patterns or add a LIMIT.")


# --- the server's side -----------------------------------------------------------------------

class _Worker:
    def __init__(self, context, limits: QueryLimits, offline: bool = True):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, limits.memory_bytes, offline),
                                       name="sparql-worker", daemon=True)
        self.process.start()
        child.close()
        self.location: tuple | None = None
        self.stopped_because: str | None = None

    def run(self, task: _Task, deadline: float) -> tuple:
        """The worker's reply to `task`, or ("ended", why) when it was killed or died."""
        self.location = task.location
        try:
            self.connection.send(task)
            if not self.connection.poll(max(deadline - time.monotonic(), 0)):
                self.kill("time")
            else:
                return self.connection.recv()
        except (EOFError, OSError):
            self.kill("died")  # keeps the reason given first: a killed worker's pipe ends too
        self.process.join(5)
        self.connection.close()
        return ("ended", self.stopped_because)

    def kill(self, why: str) -> None:
        """Stop the process (from any thread); the thread waiting on it sees its pipe end."""
        if self.stopped_because is None:
            self.stopped_because = why
        if self.process.is_alive():
            self.process.kill()

    @property
    def usable(self) -> bool:
        return self.stopped_because is None and self.process.is_alive()


class QueryWorkers:
    """A few worker processes answering queries over snapshots of `store`."""

    def __init__(self, store, limits: QueryLimits | None = None):
        self.store = store
        self.limits = limits or QueryLimits()
        self._context = multiprocessing.get_context("spawn")  # the server has threads: no fork
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._free_slots = self.limits.workers
        self._threads = ThreadPoolExecutor(self.limits.workers, thread_name_prefix="sparql-wait")
        self._snapshot: tuple[int, tuple] | None = None  # (store generation, location)
        self._snapshot_lock = threading.Lock()
        self._snapshots = self._snapshot_folder()
        # workers of a remote store must reach it, and those allowed SERVICE endpoints reach those
        self._offline = getattr(store, "query_url", None) is None and not self.limits.services
        self._closed = False

    # snapshots ------------------------------------------------------------------------------

    def _snapshot_folder(self) -> Path | None:
        path = getattr(self.store, "path", None)
        if getattr(self.store, "query_url", None) is not None:
            return None
        if path is not None:  # beside the store, on its file system, so a checkpoint is hard links
            folder = path.parent / f".{path.name}.query-snapshots"
            shutil.rmtree(folder, ignore_errors=True)  # a stopped server's; the store's lock says we own it now
            folder.mkdir(parents=True)
            return folder
        return Path(tempfile.mkdtemp(prefix="vnpkg-query-snapshots-"))

    def _location(self) -> tuple:
        """Where workers read the store as it is now; a new snapshot after each write."""
        query_url = getattr(self.store, "query_url", None)
        if query_url is not None:
            return ("remote", query_url, getattr(self.store, "timeout", 120))
        with self._snapshot_lock:
            return self._snapshot_location()

    def _snapshot_location(self) -> tuple:
        generation = self.store.generation
        if self._snapshot is not None and self._snapshot[0] == generation:
            return self._snapshot[1]
        target = self._snapshots / f"{generation}-{time.monotonic_ns()}"
        if self.store.path is not None:
            self.store.store.backup(str(target))
            location = ("disk", str(target))
        else:
            target.mkdir()
            nquads = target / "store.nq"
            nquads.write_bytes(self.store.store.dump(format=pyoxigraph.RdfFormat.N_QUADS))
            location = ("nquads", str(nquads))
        self._snapshot = (generation, location)
        self._remove_unused_snapshots()
        return location

    def _remove_unused_snapshots(self) -> None:
        if self._snapshots is None:
            return
        with self._lock:
            used = {w.location[1] for w in [*self._idle, *self._busy] if w.location and w.usable}
        used.add(self._snapshot[1][1])
        for folder in self._snapshots.iterdir():
            if not any(u == str(folder) or u.startswith(str(folder) + os.sep) for u in used):
                shutil.rmtree(folder, ignore_errors=True)

    # running ---------------------------------------------------------------------------------

    async def run(self, job: QueryJob, client_gone: Callable[[], Awaitable[bool]] | None = None) -> Answer:
        """The answer to `job`, or QueryFailed. `client_gone` is asked now and then while the
        query runs; when it says yes the worker is killed."""
        if self._closed:
            raise QueryFailed(503, "The server is stopping.")
        if len(job.text) > self.limits.max_length:
            raise QueryFailed(413, f"The query is {len(job.text):,} characters long; "
                                   f"the limit is {self.limits.max_length:,}.")
        deadline = time.monotonic() + self.limits.seconds
        worker, task = await self._take_worker(job, deadline)
        try:
            future = asyncio.get_running_loop().run_in_executor(self._threads, worker.run, task, deadline)
            while True:
                done, _ = await asyncio.wait({future}, timeout=0.25)
                if done:
                    break
                if client_gone is not None and await client_gone():
                    worker.kill("client")
            reply = future.result()
        finally:
            self._give_back(worker)
        if reply[0] == "ok":
            return reply[1]
        if reply[0] == "refused":
            raise QueryFailed(reply[1], reply[2])
        raise QueryFailed(*{
            "time": (503, f"The query did not finish within {self.limits.seconds:g} s and was stopped; "
                          f"narrow its patterns or add a LIMIT."),
            "client": (499, "The client went away; the query was stopped."),
            "died": (503, _memory_message(self.limits) + " (The worker running it ended.)"),
        }[reply[1]])

    async def _take_worker(self, job: QueryJob, deadline: float) -> tuple[_Worker, _Task]:
        while True:
            with self._lock:
                if self._free_slots > 0:
                    self._free_slots -= 1
                    break
            if time.monotonic() >= deadline:
                raise QueryFailed(503, "The server is busy with other queries; try again in a few seconds.")
            await asyncio.sleep(0.02)
        try:
            # a snapshot after a write is disk work: not on the event loop
            location = await asyncio.get_running_loop().run_in_executor(None, self._location)
            with self._lock:
                while self._idle and not self._idle[-1].usable:
                    self._idle.pop()
                worker = self._idle.pop() if self._idle else _Worker(self._context, self.limits, self._offline)
                self._busy.add(worker)
            return worker, _Task(job, location, self.limits)
        except BaseException:
            with self._lock:
                self._free_slots += 1
            raise

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            self._busy.discard(worker)
            if worker.usable and not self._closed:
                self._idle.append(worker)
            else:
                worker.kill("closed")
                if not self._closed:  # a fresh worker, ready before the next query
                    self._idle.append(_Worker(self._context, self.limits, self._offline))
            self._free_slots += 1

    def close(self) -> None:
        """Stop every worker and remove the snapshots."""
        with self._lock:
            self._closed = True
            workers = [*self._idle, *self._busy]
            self._idle.clear()
        for worker in workers:
            worker.kill("closed")
            worker.process.join(5)
        self._threads.shutdown(wait=False, cancel_futures=True)
        if self._snapshots is not None:
            shutil.rmtree(self._snapshots, ignore_errors=True)
