"""Per-field precision and recall of the extractor against hand-checked golden folders.

    python -m tests.golden_scores [GOLDEN_DIR ...] [--by-document] [--misses]

Each GOLDEN_DIR holds `<stem>/expected.json` and/or `<stem>/commitments.json`
(tests/golden/README.md, COMMITMENTS.md); the default is tests/golden. Scores are summed over
documents (hits over all found, hits over all wanted), so a long document weighs what its
facts weigh. Fields:

- identity: the header's number, type and date, each counted where the golden states it
  (and a value returned where the golden has none counts as wrong);
- references: the cited documents, by `ref`;
- parents: the document's own implements / based_on / continues relations (subject "self");
- relations: every relation triple;
- targets, deadlines, tasks: as tests/golden_compare.py matches them;
- results: the values a document reports as reached, matched as targets are (value, range,
  unit, year, half the words), in the folders whose commitments.json has a `results` key;
- responsible: the bodies given lead / coordinate / implement roles, by name, any of the three;
- organisations: (body, role) pairs of every role.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tests.golden_compare import (ROOT, load, org_compare_key, same_deadline, same_target, same_task,
                                  _match)

PARENT_PREDICATES = {"implements", "based_on", "continues"}
RESPONSIBLE_ROLES = {"lead", "coordinate", "implement"}
FIELDS = ("identity", "references", "parents", "relations", "targets", "responsible",
          "organisations", "deadlines", "tasks", "results")


@dataclass
class Count:
    hits: int = 0
    found: int = 0
    wanted: int = 0
    misses: list = field(default_factory=list)   # wanted, not found
    extras: list = field(default_factory=list)   # found, not wanted

    def add(self, other: "Count") -> None:
        self.hits += other.hits
        self.found += other.found
        self.wanted += other.wanted

    @property
    def precision(self) -> float:
        return self.hits / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.wanted if self.wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _sets(expected: set, actual: set) -> Count:
    return Count(len(expected & actual), len(actual), len(expected),
                 sorted(map(str, expected - actual)), sorted(map(str, actual - expected)))


def _records(expected: list, actual: list, same, show) -> Count:
    pairs = _match(expected, actual, same)
    matched_e = {id(e) for e, _ in pairs}
    matched_a = {id(a) for _, a in pairs}
    return Count(len(pairs), len(actual), len(expected),
                 [show(e) for e in expected if id(e) not in matched_e],
                 [show(a) for a in actual if id(a) not in matched_a])


def identity_count(expected: dict, actual: dict) -> Count:
    count = Count()
    for key in ("number", "type", "date"):
        want, got = expected.get(key), actual.get(key)
        if want is None and got is None:
            continue
        count.wanted += want is not None
        count.found += got is not None
        if want is not None and want == got:
            count.hits += 1
        else:
            count.misses.append(f"{key}: {want!r}")
            if got is not None:
                count.extras.append(f"{key}: {got!r}")
    return count


def document_counts(golden_dir: Path, actual: dict) -> dict[str, Count]:
    """The counts of one golden folder against one extraction (`Extraction.to_json()`)."""
    counts: dict[str, Count] = {}
    expected_path, commitments_path = golden_dir / "expected.json", golden_dir / "commitments.json"
    if expected_path.exists():
        golden = load(expected_path)
        counts["identity"] = identity_count(golden["document"], actual["document"])
        counts["references"] = _sets({r["ref"] for r in golden["references"]},
                                     {r["ref"] for r in actual["references"]})

        def triples(relations, parents_only=False):
            return {(r["subject"], r["predicate"], r["object"]) for r in relations
                    if not parents_only or (r["subject"] == "self" and r["predicate"] in PARENT_PREDICATES)}
        counts["parents"] = _sets(triples(golden["relations"], True), triples(actual["relations"], True))
        counts["relations"] = _sets(triples(golden["relations"]), triples(actual["relations"]))
    if commitments_path.exists():
        golden = load(commitments_path)
        counts["targets"] = _records(golden["targets"], actual["targets"], same_target,
                                     lambda t: f"{t['value']} {t['unit']} {t.get('year')}: {t['text'][:70]}")

        def responsible(records):
            return {org_compare_key(o["name"]) for o in records if o["role"] in RESPONSIBLE_ROLES}
        counts["responsible"] = _sets(responsible(golden["organisations"]), responsible(actual["organisations"]))
        counts["organisations"] = _sets({(org_compare_key(o["name"]), o["role"]) for o in golden["organisations"]},
                                        {(org_compare_key(o["name"]), o["role"]) for o in actual["organisations"]})
        counts["deadlines"] = _records(golden["deadlines"], actual["deadlines"], same_deadline,
                                       lambda d: f"{d['kind']} {d.get('day')}/{d.get('month')}/{d.get('year')}"
                                                 f" q{d.get('quarter')} {d.get('recurrence')}: {d['text'][:60]}")
        counts["tasks"] = _records(golden["tasks"], actual["tasks"], same_task, lambda t: t["heading"][:70])
        if "results" in golden:
            counts["results"] = _records(golden["results"], actual.get("results", []), same_target,
                                         lambda r: f"{r['value']} {r['unit']} {r.get('year')}: {r['text'][:70]}")
    return counts


def golden_folders(dirs: list[Path]) -> list[Path]:
    return sorted({p.parent for d in dirs for p in list(d.glob("*/expected.json")) + list(d.glob("*/commitments.json"))},
                  key=lambda p: p.name)


def source_of(folder: Path) -> Path:
    for name in ("expected.json", "commitments.json"):
        if (folder / name).exists():
            return ROOT / load(folder / name)["source"]
    raise FileNotFoundError(folder)


def score(folders: list[Path], extract_json) -> dict[str, dict[str, Count]]:
    """{folder name: {field: Count}} with `extract_json(source path) -> dict`."""
    return {folder.name: document_counts(folder, extract_json(source_of(folder))) for folder in folders}


def totals(scores: dict[str, dict[str, Count]]) -> dict[str, Count]:
    result = {name: Count() for name in FIELDS}
    for counts in scores.values():
        for name, count in counts.items():
            result[name].add(count)
    return result


def table(scores: dict[str, dict[str, Count]], by_document: bool = False) -> str:
    def cell(count: Count | None) -> str:
        if count is None or (not count.found and not count.wanted):
            return "—"
        return f"P {count.precision:.2f} R {count.recall:.2f} ({count.hits}/{count.found}/{count.wanted})"
    lines = ["| document | " + " | ".join(FIELDS) + " |", "|---|" + "---|" * len(FIELDS)]
    if by_document:
        for name, counts in scores.items():
            lines.append(f"| {name} | " + " | ".join(cell(counts.get(f)) for f in FIELDS) + " |")
    all_counts = totals(scores)
    lines.append(f"| **all {len(scores)}** | " + " | ".join(cell(all_counts[f]) for f in FIELDS) + " |")
    return "\n".join(lines)


def misses(scores: dict[str, dict[str, Count]]) -> str:
    out = []
    for name, counts in scores.items():
        for field_name in FIELDS:
            count = counts.get(field_name)
            if count and (count.misses or count.extras):
                out.append(f"## {name} {field_name}")
                out += [f"  - missed: {m}" for m in count.misses]
                out += [f"  + extra:  {e}" for e in count.extras]
    return "\n".join(out)


def extract_json(path: Path) -> dict:
    from ingest.extract import extract
    from ingest.read import read
    return extract(read(path)).to_json()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path, default=[ROOT / "tests" / "golden"])
    parser.add_argument("--by-document", action="store_true", help="a row per document")
    parser.add_argument("--misses", action="store_true", help="list what was missed and what was extra")
    args = parser.parse_args(argv)
    scores = score(golden_folders(args.dirs), extract_json)
    print(table(scores, args.by_document))
    if args.misses:
        print(misses(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
