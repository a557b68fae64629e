"""Compare an extraction with a hand-checked golden file (tests/golden/<stem>/expected.json)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from ingest import patterns

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"


def golden_files() -> list[Path]:
    return sorted(GOLDEN.glob("*/expected.json"))


def load(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def same_name(a: str | None, b: str | None) -> bool:
    """Names equal ignoring case, spacing, and the usual abbreviations (UBND = Ủy ban nhân dân)."""
    return _name_key(a) == _name_key(b)


def _name_key(name: str | None) -> str | None:
    if name is None:
        return None
    text = unicodedata.normalize("NFC", name)
    for short, long in patterns.issuers()["abbreviations"].items():
        text = re.sub(rf"(?<!\w){re.escape(short)}(?!\w)", long, text)
    text = text.replace("uỷ", "ủy").replace("Uỷ", "Ủy").replace("khoá", "khóa")
    return re.sub(r"\s+", " ", text).strip(" .,;").casefold()


def same_text(a: str | None, b: str | None) -> bool:
    def key(s):
        if s is None:
            return None
        s = re.sub(r"((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)", r"\1-\2", s)
        return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip().casefold()
    return key(a) == key(b)


def compare(expected: dict, actual: dict) -> list[str]:
    """Differences as readable lines; empty when the extraction agrees with the golden file."""
    problems: list[str] = []
    exp_doc, act_doc = expected["document"], actual["document"]
    for key in ("type", "number", "date"):
        if exp_doc.get(key) != act_doc.get(key):
            problems.append(f"document.{key}: expected {exp_doc.get(key)!r}, got {act_doc.get(key)!r}")
    for key in ("issuer", "place"):
        if not same_name(exp_doc.get(key), act_doc.get(key)):
            problems.append(f"document.{key}: expected {exp_doc.get(key)!r}, got {act_doc.get(key)!r}")
    if not same_text(exp_doc.get("title"), act_doc.get("title")):
        problems.append(f"document.title: expected {exp_doc.get('title')!r}, got {act_doc.get('title')!r}")

    exp_refs = {r["ref"]: r for r in expected["references"]}
    act_refs = {r["ref"]: r for r in actual["references"]}
    for ref in sorted(exp_refs.keys() - act_refs.keys()):
        problems.append(f"reference missing: {ref}")
    for ref in sorted(act_refs.keys() - exp_refs.keys()):
        problems.append(f"reference not in golden: {ref}")
    for ref in sorted(exp_refs.keys() & act_refs.keys()):
        exp, act = exp_refs[ref], act_refs[ref]
        for key in ("type", "number", "date"):
            if exp.get(key) != act.get(key):
                problems.append(f"reference {ref} {key}: expected {exp.get(key)!r}, got {act.get(key)!r}")
        if exp.get("issuer") is not None and not same_name(exp.get("issuer"), act.get("issuer")):
            problems.append(f"reference {ref} issuer: expected {exp.get('issuer')!r}, got {act.get('issuer')!r}")
        if exp.get("number") is None and not same_text(exp.get("title"), act.get("title")):
            problems.append(f"reference {ref} title: expected {exp.get('title')!r}, got {act.get('title')!r}")

    triple = lambda r: (r["subject"], r["predicate"], r["object"])  # noqa: E731
    exp_rel = {triple(r) for r in expected["relations"]}
    act_rel = {triple(r) for r in actual["relations"]}
    for rel in sorted(exp_rel - act_rel):
        problems.append(f"relation missing: {rel}")
    for rel in sorted(act_rel - exp_rel):
        problems.append(f"relation not in golden: {rel}")
    return problems


# --- commitments (tests/golden/COMMITMENTS.md) ------------------------------------------

def commitment_files() -> list[Path]:
    return sorted(GOLDEN.glob("*/commitments.json"))


def _match(expected: list, actual: list, same) -> list[tuple[dict, dict]]:
    """Greedy one-to-one pairs of records that `same` says agree."""
    pairs, used = [], set()
    for e in expected:
        for i, a in enumerate(actual):
            if i not in used and same(e, a):
                pairs.append((e, a))
                used.add(i)
                break
    return pairs


def _score(expected: list, actual: list, same) -> tuple[float, float, list[tuple[dict, dict]]]:
    pairs = _match(expected, actual, same)
    precision = len(pairs) / len(actual) if actual else (1.0 if not expected else 0.0)
    recall = len(pairs) / len(expected) if expected else 1.0
    return precision, recall, pairs


def _num(x):
    return None if x is None else round(float(x), 3)


def same_target(e: dict, a: dict) -> bool:
    return (_num(e["value"]) == _num(a["value"]) and _num(e.get("value_max")) == _num(a.get("value_max"))
            and (e["unit"] or "").casefold() == (a["unit"] or "").casefold() and e.get("year") == a.get("year")
            and _words_overlap(e["text"], a["text"]) >= 0.5)


def _words_overlap(x: str, y: str) -> float:
    wx, wy = set(re.findall(r"\w+", x.casefold())), set(re.findall(r"\w+", y.casefold()))
    return len(wx & wy) / max(1, min(len(wx), len(wy)))


AREA_WORD = r"(?:quận|huyện|thị xã|thành phố|tỉnh|xã(?!\s+hội)|phường|thị trấn|đặc khu)"
# the area a name ends with: "tỉnh Cần Thơ", "các xã, phường", "cấp huyện", "cấp" alone; not the
# "xã hội" of "tổ chức chính trị - xã hội" (bounded repetition, no nested quantifier)
AREA = re.compile(rf"\s+(?:cấp\s+)?{AREA_WORD}(?:\s*(?:,|và)\s*{AREA_WORD}){{0,4}}(?:\s+\S+){{0,4}}$|\s+cấp$")


def org_compare_key(name: str) -> str:
    """Wording variants of one name share a key: "các"/"những" dropped, trailing punctuation,
    one spacing around hyphens and en dashes, the area tail ("UBND các xã, phường" and "UBND
    xã" are one key); two different bodies keep different keys."""
    from ingest.keys import organisation_key

    key = organisation_key(name)
    key = re.sub(r"^(?:đối với|giao|đề nghị)\s+", "", key)
    key = re.sub(r"(?<!\w)(?:các|những)\s+", "", key)
    key = re.sub(r"\s*[-–]\s*", " - ", key).strip(" ,;:.-")
    return AREA.sub("", key).strip(" ,;:.-")


def same_organisation(e: dict, a: dict) -> bool:
    return e["role"] == a["role"] and org_compare_key(e["name"]) == org_compare_key(a["name"])


def same_deadline(e: dict, a: dict) -> bool:
    keys = ("kind", "day", "month", "year", "quarter", "recurrence")
    return all(e.get(k) == a.get(k) for k in keys)


def same_task(e: dict, a: dict) -> bool:
    def key(h):
        return re.sub(r"\s+", " ", h).strip().casefold()[:50]
    return key(e["heading"]) == key(a["heading"])


def commitment_scores(expected: dict, actual: dict) -> dict[str, tuple[float, float, list]]:
    return {
        "targets": _score(expected["targets"], actual["targets"], same_target),
        "organisations": _score(expected["organisations"], actual["organisations"], same_organisation),
        "deadlines": _score(expected["deadlines"], actual["deadlines"], same_deadline),
        "tasks": _score(expected["tasks"], actual["tasks"], same_task),
    }
