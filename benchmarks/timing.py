"""Timing shared by the benchmarks: the best of several runs, percentiles, and the machine the
figures were measured on."""

from __future__ import annotations

import os
import platform
import time
from pathlib import Path

CPU_INFO = Path("/proc/cpuinfo")


def best_of(work, rounds: int) -> float:
    """The shortest of `rounds` runs of `work()`, in seconds."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def percentile(values: list[float], q: float) -> float:
    """The value at quantile `q` (0-1) of `values`, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def machine() -> str:
    """The machine a figure was measured on, as a line for the README: its processor's model
    (Linux's /proc/cpuinfo, else what the platform says), cores, Python and system. A virtual
    machine's host can change between runs, and its speed with it: the model says when."""
    model = None
    try:
        for line in CPU_INFO.read_text(errors="replace").splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name" and value.strip():
                model = value.strip()
                break
    except OSError:
        pass
    model = model or platform.processor() or platform.machine()
    return (f"{model}, {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
            f"{platform.system()}")
