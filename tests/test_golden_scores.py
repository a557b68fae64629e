"""Per-field precision and recall over every hand-checked golden folder (tests/golden),
printed in the test run; each field must stay at or above its floor.

The floors are what the extractor reaches today on all golden files together, batch after
batch of documents annotated before the extractor ever ran on them (tests/golden/FIRST_SIGHT.md):
a change that loses ground fails. Issue 10's acceptance is the `ACCEPTANCE` table; fields
below it are listed in the run's output.
"""

import pytest

from tests.golden_scores import FIELDS, extract_json, golden_folders, misses, score, table, totals
from tests.golden_compare import GOLDEN

# field: (precision, recall) floors
FLOORS = {
    "identity": (1.0, 1.0),
    "references": (0.97, 0.97),
    "parents": (0.97, 0.96),
    "relations": (0.94, 0.92),
    "targets": (0.96, 0.95),
    "responsible": (0.91, 0.86),
    "organisations": (0.84, 0.78),
    "deadlines": (0.86, 0.92),
    "tasks": (0.95, 0.89),
    # issue 12: 6 folders with a results key, 3 of them reporting values (109, 103 in one
    # document); measured after the rules were written against them, so no first sight
    "results": (0.97, 0.93),
}
ACCEPTANCE = {"parents": (0.9, 0.9), "targets": (0.9, 0.85), "responsible": (0.85, 0.85),
              "deadlines": (0.0, 0.9)}


@pytest.fixture(scope="module")
def scores():
    return score(golden_folders([GOLDEN]), extract_json)


def test_print_scores_over_all_golden_files(scores, capsys):
    with capsys.disabled():
        print("\nper-field scores over all golden files (hits/found/wanted):")
        print(table(scores, by_document=True))
        all_counts = totals(scores)
        refs = all_counts["references"]
        print(f"references F1 = {refs.f1:.3f}")
        for name, (p, r) in ACCEPTANCE.items():
            if all_counts[name].precision < p or all_counts[name].recall < r:
                print(f"below issue 10's acceptance: {name} (P >= {p}, R >= {r})")
    assert set(all_counts) == set(FIELDS)


@pytest.mark.parametrize("field", FIELDS)
def test_field_stays_at_or_above_its_floor(scores, field):
    count = totals(scores)[field]
    precision, recall = FLOORS[field]
    if count.precision < precision or count.recall < recall:
        print(misses({name: {field: c[field]} for name, c in scores.items() if field in c}))
    assert count.precision >= precision and count.recall >= recall, (count.precision, count.recall)


def test_references_f1(scores):
    assert totals(scores)["references"].f1 >= 0.95
