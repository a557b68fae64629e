"""The document types of ingest/patterns/document_types.json: their words, their headings
("KẾ HOẠCH") and their codes ("KH")."""

from __future__ import annotations

from ingest import patterns


TYPE_WORDS = sorted({w for e in patterns.document_types() for w in e["words"]}, key=len, reverse=True)


def types_by_heading() -> dict[str, dict]:
    by_heading = {}
    for entry in patterns.document_types():
        by_heading[entry["vi"].upper()] = entry
    return by_heading


def type_entry(code: str | None) -> dict | None:
    for entry in patterns.document_types():
        if entry["code"] == code:
            return entry
    return None
