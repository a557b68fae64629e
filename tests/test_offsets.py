"""The offset map kept as runs (ingest/offsets.py): the same numbers a list of one offset per
character gave, in memory that grows with the runs, not the characters."""

import bisect
import pickle
import random
import tracemalloc

import pytest

from ingest.offsets import MappedText, OffsetMap
from ingest.read import normalise
from tests.conftest import REAL


def _random_build(rng: random.Random, source_length: int) -> tuple[list[int], OffsetMap]:
    """A text built from random copies and puts moving forward over a source, with the plain
    list of offsets the same steps give."""
    built = MappedText()
    plain: list[int] = []
    at = 0
    while at < source_length:  # at grows every turn
        step = rng.randint(1, 6)
        if rng.random() < 0.3:
            text = "\n" * rng.randint(1, 3)
            built.put(text, at)
            plain += [at] * len(text)
        else:
            piece = "x" * min(step, source_length - at)
            built.copy(piece, at)
            plain += range(at, at + len(piece))
        at += step + rng.randint(0, 2)  # sometimes a gap: characters left out
    end = min(at, source_length)
    _, offsets = built.result(end)
    return plain + [end], offsets


def test_runs_give_the_offsets_one_number_per_character_gave():
    rng = random.Random(7)
    for _ in range(300):
        plain, offsets = _random_build(rng, rng.randint(0, 80))
        assert list(offsets) == plain
        assert len(offsets) == len(plain)
        assert [offsets[i] for i in range(len(plain))] == plain
        assert offsets[-1] == plain[-1] and offsets[1:4] == plain[1:4]
        for x in range(-1, (plain[-1] if plain else 0) + 3):
            assert offsets.first_at_or_after(x) == bisect.bisect_left(plain, x, 0, len(plain) - 1)
        wanted = list(range(-1, (plain[-1] if plain else 0) + 3))
        assert offsets.first_at_or_after_many(wanted) == [offsets.first_at_or_after(x) for x in wanted]


def test_chained_maps_give_what_looking_up_each_map_in_turn_gives():
    rng = random.Random(11)
    for _ in range(300):
        first_plain, first = _random_build(rng, rng.randint(0, 60))
        second_plain, second = _random_build(rng, len(first_plain) - 1)
        chained = first.then(second)
        assert list(chained) == [first_plain[i] for i in second_plain]


def test_an_unchanged_text_is_one_run_and_chaining_it_changes_nothing():
    plain, offsets = _random_build(random.Random(3), 50)
    same = OffsetMap.identity(len(plain) - 1)
    assert same.runs == 1 and list(same) == list(range(len(plain)))
    assert list(same.then(offsets)) == plain and list(offsets.then(OffsetMap.identity(len(plain) - 1))) == plain
    assert list(OffsetMap.identity(0)) == [0]


def test_out_of_range_offsets_are_an_index_error():
    _, offsets = normalise("Kế hoạch số 52/KH-UBND")
    with pytest.raises(IndexError):
        offsets[len(offsets)]


def test_a_map_survives_pickling():
    text, offsets = normalise("|\n**ỦY BAN NHÂN DÂN\n**\nSố: 0124/KH-UBND\n|\n", markdown=True)
    again = pickle.loads(pickle.dumps(offsets))
    assert list(again) == list(offsets) and again.first_at_or_after(5) == offsets.first_at_or_after(5)


def test_memory_grows_with_runs_not_characters():
    """The old per-character lists held about 150 bytes per character at their peak (a list
    per stage and the composed tuple); the runs need a few."""
    original = "".join(p.read_text("utf-8") for p in sorted(REAL.glob("*.md"))[:30])[:200_000]
    tracemalloc.start()
    try:
        text, offsets = normalise(original, markdown=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(text) > 100_000
    assert offsets.runs < len(text) / 8
    assert peak < 30 * len(original), f"peak {peak:,} bytes for {len(original):,} characters"
