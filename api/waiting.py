"""Work that mostly waits: an upload read and extracted in a worker process (up to the file
time limit), a search waiting for the index being built. It runs in threads of its own, not in
the routes' (api.app.ROUTE_THREADS), so a request waiting there keeps no other page waiting."""

from __future__ import annotations

import functools

import anyio.to_thread
from fastapi import Request

WAITING_THREADS = 64  # requests waiting at once; more wait for a thread


async def run_waiting(request: Request, function, *args):
    """`function(*args)` in a waiting thread; its answer."""
    limiter = getattr(request.app.state, "waiting_threads", None)
    if limiter is None:
        limiter = request.app.state.waiting_threads = anyio.CapacityLimiter(WAITING_THREADS)
    return await anyio.to_thread.run_sync(functools.partial(function, *args), limiter=limiter)
