"""Where each character of a rewritten text comes from in the text it was made from, kept
as runs rather than one number per character.

A run is a stretch of the new text copied from one stretch of the old: it starts at
``starts[r]`` in the new text and at ``origins[r]`` in the old one, and goes on up to the
next run's start. A character the rewriting put in (the space joining two wrapped lines,
the two line breaks standing for a table pipe, a letter composed from its marks) points at
the place in the old text it stands for; two such characters in a row ("\\n\\n" for a pipe)
are two one-character runs at one place. A map also says where the end of the new text
falls in the old one.

Memory is two machine integers per run. Reading a document makes about one run per line
(fewer when nothing in a line changes), so the map of a 1,000,000-character text takes a few
hundred kilobytes, where a list of one Python integer per character took about 40 MB.

Rewriting never moves text backwards: a map's values never decrease along the new text.
``first_at_or_after`` (the inverse lookup) relies on it.

>>> built = MappedText()
>>> built.copy("Kế hoạch", 2)
>>> built.put("\\n\\n", 11)
>>> built.copy("số 52", 11)
>>> text, offsets = built.result(16)
>>> list(offsets)
[2, 3, 4, 5, 6, 7, 8, 9, 11, 11, 11, 12, 13, 14, 15, 16]
>>> offsets.first_at_or_after(10), offsets.first_at_or_after(12)
(8, 11)
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterator, Sequence


class OffsetMap(Sequence):
    """For each index of a new text (and one past its end), the index in the old text it comes
    from. ``offsets[i]`` reads like the list of one number per character it replaces."""

    __slots__ = ("starts", "origins", "length", "end")

    def __init__(self, starts: array, origins: array, length: int, end: int):
        self.starts = starts    # run r starts at starts[r] in the new text ...
        self.origins = origins  # ... and at origins[r] in the old one
        self.length = length    # of the new text
        self.end = end          # where the new text's end falls in the old one

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        """The map of a text that was not changed."""
        if length == 0:
            return cls(array("q"), array("q"), 0, 0)
        return cls(array("q", [0]), array("q", [0]), length, length)

    def __len__(self) -> int:
        return self.length + 1

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.original_at(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index <= self.length:
            raise IndexError(f"offset {index} outside a text of {self.length} characters")
        return self.original_at(index)

    def __iter__(self) -> Iterator[int]:
        runs = len(self.starts)
        for r in range(runs):
            stop = self.starts[r + 1] if r + 1 < runs else self.length
            yield from range(self.origins[r], self.origins[r] + stop - self.starts[r])
        yield self.end

    def __repr__(self) -> str:
        return f"OffsetMap({len(self.starts)} runs over {self.length} characters)"

    def _is_identity(self) -> bool:
        return self.end == self.length and (self.length == 0 or (
            len(self.starts) == 1 and self.starts[0] == 0 and self.origins[0] == 0))

    @property
    def runs(self) -> int:
        return len(self.starts)

    def original_at(self, index: int) -> int:
        """Index in the old text of character `index` of the new one (`length`: the end)."""
        if index >= self.length:
            return self.end
        r = bisect.bisect_right(self.starts, index) - 1
        return self.origins[r] + index - self.starts[r]

    def first_at_or_after(self, original: int) -> int:
        """The first index of the new text whose character comes from `original` or after
        it in the old text; `length` when none does (``bisect_left`` over the characters)."""
        r = bisect.bisect_left(self.origins, original) - 1  # the last run starting before it
        if r >= 0:
            stop = self.starts[r + 1] if r + 1 < len(self.starts) else self.length
            if self.origins[r] + (stop - self.starts[r]) - 1 >= original:
                return self.starts[r] + original - self.origins[r]
        return self.starts[r + 1] if r + 1 < len(self.starts) else self.length

    def then(self, later: "OffsetMap") -> "OffsetMap":
        """`later` maps a newer text to this map's new text; the result maps that newer text
        straight to this map's old one."""
        if self._is_identity():
            return later
        if later._is_identity() and later.length == self.length:
            return self
        starts, origins, length = self.starts, self.origins, self.length
        runs = len(starts)
        out_starts: list[int] = []
        out_origins: list[int] = []
        last_start = last_origin = None  # the run being extended, as (start, origin)
        later_starts, later_origins = later.starts, later.origins
        later_runs = len(later_starts)
        bisect_right = bisect.bisect_right
        for k in range(later_runs):
            pos = later_starts[k]
            stop = later_starts[k + 1] if k + 1 < later_runs else later.length
            at = later_origins[k]
            r = bisect_right(starts, at) - 1
            while pos < stop:  # each turn moves pos on by `take` >= 1 character
                if at >= length:  # a character put at the very end of the middle text
                    origin, take = self.end, 1
                else:
                    while r + 1 < runs and starts[r + 1] <= at:
                        r += 1
                    run_stop = starts[r + 1] if r + 1 < runs else length
                    origin = origins[r] + at - starts[r]
                    take = min(stop - pos, run_stop - at)
                if last_start is None or last_origin + pos - last_start != origin:
                    out_starts.append(pos)
                    out_origins.append(origin)
                    last_start, last_origin = pos, origin
                pos += take
                at += take
        return OffsetMap(array("q", out_starts), array("q", out_origins), later.length,
                         self.original_at(later.end))


class MappedText:
    """A text built piece by piece, each piece with where it comes from in the old text."""

    __slots__ = ("pieces", "starts", "origins", "length", "_drift")

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.starts: list[int] = []
        self.origins: list[int] = []
        self.length = 0
        self._drift = None  # origin - start of the last run: a piece going on from it has the same

    def copy(self, text: str, start: int) -> None:
        """`text`, found at `start` in the old text."""
        if text:
            if start - self.length != self._drift:  # not going on from the last run: a new one
                self.starts.append(self.length)
                self.origins.append(start)
                self._drift = start - self.length
            self.pieces.append(text)
            self.length += len(text)

    def put(self, text: str, at: int) -> None:
        """`text`, standing for the place `at` of the old text (every character of it)."""
        for ch in text:
            self.copy(ch, at)

    def result(self, end: int) -> tuple[str, OffsetMap]:
        """The text, and its map; `end`: where the text's end falls in the old one."""
        return "".join(self.pieces), OffsetMap(array("q", self.starts), array("q", self.origins),
                                               self.length, end)
