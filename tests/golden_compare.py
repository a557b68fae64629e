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
