"""The lookups that replaced walks over every heading, line or span (so that a text of many
thousand headings is not read once per heading) give what the walks gave."""

import doctest
import random

import ingest.offsets
import ingest.segment
import ingest.span_set
from ingest.read import read
from ingest.segment import segment
from ingest.span_set import SpanSet
from tests.conftest import PLANS, REAL


def test_the_docstring_examples_hold():
    for module in (ingest.offsets, ingest.segment, ingest.span_set):
        assert doctest.testmod(module).failed == 0, module.__name__


def _outlines():
    for path in sorted(PLANS.glob("*.txt"))[:6] + sorted(REAL.glob("*.md"))[:10]:
        yield segment(read(path).text)
    rng = random.Random(2)
    styles = ["PHẦN I. A", "Chương II", "PHỤ LỤC", "II. MỤC TIÊU", "Điều 3. B", "1.1. C", "2. D", "a) E", "- F", "G"]
    for _ in range(60):
        yield segment("\n".join(rng.choice(styles) for _ in range(rng.randint(0, 60))))


def test_outline_lookups_give_what_a_walk_over_the_outline_gives():
    for outline in _outlines():
        n = len(outline.text)
        points = sorted({0, n, n + 1} | {h.start for h in outline.headings} | {h.section_end for h in outline.headings}
                        | {line.start + 1 for line in outline.lines})
        for offset in points:
            assert outline.path_at(offset) == [h for h in outline.headings if h.start <= offset < h.section_end]
            assert outline.heading_after(offset) == next((h for h in outline.headings if h.start > offset), None)
            for end in points[::7]:
                assert outline.headings_within(offset, end) == [h for h in outline.headings if offset <= h.start < end]
                assert outline.lines_within(offset, end) == [x for x in outline.lines if offset <= x.start < end]
        for i, heading in enumerate(outline.headings):  # a section ends at the next heading of its level or above
            later = [h.start for h in outline.headings[i + 1:] if h.level <= heading.level]
            assert heading.section_end == (later[0] if later else n)


def test_a_span_set_answers_as_its_list_of_spans_would():
    rng = random.Random(4)
    for _ in range(300):
        spans = [(a, a + rng.randint(-2, 12)) for a in (rng.randint(0, 60) for _ in range(rng.randint(0, 8)))]
        taken = SpanSet(spans)
        for _ in range(20):
            start = rng.randint(0, 70)
            end = start + rng.randint(1, 10)
            # an empty span holds nothing and overlaps nothing (the rules only add empty ones at
            # the end of the text, where no match reaches past)
            assert taken.overlaps(start, end) == any(start < e and end > s for s, e in spans if s < e)
            assert (start in taken) == any(s <= start < e for s, e in spans)
            if rng.random() < 0.5:
                taken.add(start, end)
                spans.append((start, end))
