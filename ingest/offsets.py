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

import numpy as np


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

    def first_at_or_after_many(self, originals: Sequence[int]) -> list[int]:
        """first_at_or_after of each of `originals`, on whole arrays (numpy): the cells of a
        table are thousands of look-ups."""
        wanted = np.asarray(originals, dtype=np.int64)
        runs = len(self.starts)
        if runs == 0:
            return [self.length] * len(wanted)
        starts, origins = _ints(self.starts), _ints(self.origins)
        stops = np.append(starts[1:], self.length)
        r = np.searchsorted(origins, wanted, side="left") - 1  # the last run starting before it
        at = np.maximum(r, 0)
        inside = (r >= 0) & (origins[at] + (stops[at] - starts[at]) - 1 >= wanted)
        following = np.where(r + 1 < runs, starts[np.minimum(r + 1, runs - 1)], self.length)
        return np.where(inside, starts[at] + wanted - origins[at], following).tolist()

    def then(self, later: "OffsetMap") -> "OffsetMap":
        """`later` maps a newer text to this map's new text; the result maps that newer text
        straight to this map's old one.

        Done on whole arrays (numpy), no Python turn per run. The newer text's runs are cut
        wherever the middle text crosses one of this map's run starts, and every character
        put at the very end of the middle text is a piece of its own (it stands for this
        map's end); each piece's origin is looked up, and a piece going on from the one
        before it (same drift, origin - start) joins its run."""
        if self._is_identity():
            return later
        if later._is_identity() and later.length == self.length:
            return self
        end = self.original_at(later.end)
        if later.length == 0:
            return OffsetMap(array("q"), array("q"), 0, end)
        starts, origins, length = _ints(self.starts), _ints(self.origins), self.length
        k_starts, k_origins = _ints(later.starts), _ints(later.origins)
        k_lengths = np.diff(k_starts, append=later.length)
        k_ends = k_origins + k_lengths  # each later run covers [k_origins, k_ends) of the middle
        # this map's run starts strictly inside a later run, below the middle text's end
        first = np.searchsorted(starts, k_origins, side="right")
        last = np.searchsorted(starts, np.minimum(k_ends, length), side="left")
        inner = np.maximum(last - first, 0)
        # characters of a later run at or past the middle text's end, its first one aside
        tail_from = np.maximum(k_origins + 1, length)
        tail = np.maximum(k_ends - tail_from, 0)
        runs = np.arange(len(k_starts))
        inner_run = np.repeat(runs, inner)
        inner_middle = starts[first[inner_run] + _counting(inner)]
        tail_run = np.repeat(runs, tail)
        tail_middle = tail_from[tail_run] + _counting(tail)
        piece_run = np.concatenate((runs, inner_run, tail_run))
        piece_middle = np.concatenate((k_origins, inner_middle, tail_middle))
        piece_start = k_starts[piece_run] + piece_middle - k_origins[piece_run]
        order = np.argsort(piece_start, kind="stable")
        piece_start, piece_middle = piece_start[order], piece_middle[order]
        if len(starts):
            r = np.maximum(np.searchsorted(starts, piece_middle, side="right") - 1, 0)
            piece_origin = np.where(piece_middle >= length, self.end,
                                    origins[r] + piece_middle - starts[r])
        else:  # an empty middle text: whatever is put in it stands for this map's end
            piece_origin = np.full(len(piece_middle), self.end, dtype=np.int64)
        drift = piece_origin - piece_start
        keep = np.ones(len(drift), dtype=bool)
        keep[1:] = drift[1:] != drift[:-1]
        return OffsetMap(_array(piece_start[keep]), _array(piece_origin[keep]), later.length, end)


def _ints(values: array) -> "np.ndarray":
    """An array of machine integers as numpy sees it (no copy)."""
    return np.frombuffer(values, dtype=np.int64) if len(values) else np.zeros(0, dtype=np.int64)


def _array(values: "np.ndarray") -> array:
    out = array("q")
    out.frombytes(values.astype(np.int64).tobytes())
    return out


def _counting(counts: "np.ndarray") -> "np.ndarray":
    """0, 1, ..., counts[0] - 1, 0, 1, ..., counts[1] - 1, ... (one group per count)."""
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    group_starts = np.cumsum(counts) - counts
    return np.arange(total, dtype=np.int64) - np.repeat(group_starts, counts)


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
        """`text`, standing for the place `at` of the old text (every character of it): as
        copying it one character at a time from `at`, so every character after the first
        starts a run of its own."""
        length = self.length
        if len(text) == 1:  # most often: a line break or a space
            if at - length != self._drift:
                self.starts.append(length)
                self.origins.append(at)
            self.pieces.append(text)
            self.length = length + 1
            self._drift = at - length
            return
        if not text:
            return
        if at - length != self._drift:
            self.starts.append(length)
            self.origins.append(at)
        for k in range(length + 1, length + len(text)):
            self.starts.append(k)
            self.origins.append(at)
        self.pieces.append(text)
        self.length = length + len(text)
        self._drift = at - self.length + 1  # the last character's

    def result(self, end: int) -> tuple[str, OffsetMap]:
        """The text, and its map; `end`: where the text's end falls in the old one."""
        return "".join(self.pieces), OffsetMap(array("q", self.starts), array("q", self.origins),
                                               self.length, end)
