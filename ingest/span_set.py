"""A set of [start, end) spans of a text, asked whether it holds an offset or overlaps a span.

Kept merged and sorted, so that a question is a bisection, not a walk over every span: the
rules that skip what is already taken (objectives sections, deadlines found) ask it once per
match, and a long text has many.

>>> taken = SpanSet([(10, 20), (15, 30), (40, 50)])
>>> 12 in taken, 30 in taken, taken.overlaps(29, 41), taken.overlaps(30, 40)
(True, False, True, False)
>>> taken.add(30, 40); taken.overlaps(30, 35)
True
"""

from __future__ import annotations

import bisect
from typing import Iterable


class SpanSet:
    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.starts: list[int] = []  # disjoint spans (touching ones may stay apart), sorted
        self.ends: list[int] = []
        for start, end in sorted(spans):
            self.add(start, end)

    def __contains__(self, offset: int) -> bool:
        i = bisect.bisect_right(self.starts, offset) - 1  # the last span starting at or before it
        return i >= 0 and offset < self.ends[i]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with a span of the set."""
        i = bisect.bisect_left(self.starts, end) - 1  # the last span starting before `end`
        return i >= 0 and self.ends[i] > start

    def add(self, start: int, end: int) -> None:
        """Add [start, end) (an empty span holds and overlaps nothing, and is not kept)."""
        if start >= end:
            return
        i = bisect.bisect_left(self.starts, end)  # spans from i on start at or after `end`
        j = i
        while j > 0 and self.ends[j - 1] > start:  # j falls to the first span overlapping it
            j -= 1
        if j < i:
            start, end = min(start, self.starts[j]), max(end, self.ends[i - 1])
        self.starts[j:i] = [start]
        self.ends[j:i] = [end]
