"""Timing shared by the benchmarks: the best of several runs, and percentiles."""

from __future__ import annotations

import time


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
