"""Deadlines: reporting duties ("báo cáo ... trước ngày 15 tháng 11 hàng năm") and the times
tasks must be done by ("(Tháng 8/2018)", "Quý I/2018", "trước ngày 31/12/2025"), kept
apart by ``kind``; with recurrence, actor and recipient where the text says them."""

from __future__ import annotations

import re

from ingest.organisations import _owner_name, _section_owner, name_at
from ingest.segment import Outline
from ingest.records import Deadline

ROMAN_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4}

# each pattern: what it recognises, named groups day/month/year/quarter/every
PATTERNS = [
    ("date-recurring", re.compile(
        r"(?:trước|chậm nhất (?:là )?|vào|trong)\s*(?:ngày\s+)?(?:mùng|mồng)?\s*(?P<day>\d{1,2})"
        r"(?:\s+tháng\s+|/)(?P<month>\d{1,2})(?:(?:\s+năm\s+|/)(?P<year>(?:19|20)\d\d))?"
        r"(?P<every>\s+(?:hàng|hằng) năm)?", re.IGNORECASE)),
    ("day-monthly", re.compile(r"(?:trước|vào)\s+ngày\s+(?:mùng|mồng)?\s*(?P<day>\d{1,2})\s+(?P<every>(?:hàng|hằng) tháng)",
                               re.IGNORECASE)),
    ("month-year", re.compile(r"\(\s*[Tt]háng\s+(?P<month>\d{1,2})\s*[/-]\s*(?P<year>(?:19|20)\d\d)\s*\)")),
    ("quarter", re.compile(r"[Qq]uý\s+(?P<quarter>IV|III|II|I)\s*(?:/|năm\s+)(?P<year>(?:19|20)\d\d)")),
    ("in-year", re.compile(r"(?:trong|hoàn thành trong|hoàn thành)\s+năm\s+(?P<year>(?:19|20)\d\d)")),
    ("periodic", re.compile(r"(?P<every>định kỳ\s+(?:06|6|sáu)\s+tháng|(?:06|6|sáu)\s+tháng\s+(?:một lần|/lần)|"
                            r"(?:hàng|hằng) quý|định kỳ (?:hàng|hằng) quý|(?:hàng|hằng) tháng|định kỳ (?:hàng|hằng) năm|"
                            r"(?:hàng|hằng) năm)", re.IGNORECASE)),
]


def _recurrence(every: str | None, has_date: bool) -> str | None:
    if every:
        every = every.lower()
        if "quý" in every:
            return "quarterly"
        if "6 tháng" in every or "sáu tháng" in every or "06 tháng" in every:
            return "half_yearly"
        if "tháng" in every:
            return "monthly"
        if "năm" in every:
            return "yearly"
    return "once" if has_date else None


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(c, 0, start) for c in "\n;") + 1
    stops = [i for i in (text.find(c, end) for c in "\n;") if i != -1]
    full_stop = re.search(r"\.(?:\s|$)", text[end:])
    if full_stop:
        stops.append(end + full_stop.start())
    right = min(stops) if stops else len(text)
    while left < start and text[left] in " -+•":
        left += 1
    return left, right


def extract_deadlines(outline: Outline) -> list[Deadline]:
    text = outline.text
    found: list[Deadline] = []
    taken: list[tuple[int, int]] = []
    for rule, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < e and match.end() > s for s, e in taken):
                continue
            groups = match.groupdict()
            c_start, c_end = _clause(text, match.start(), match.end())
            clause = text[c_start:c_end]
            report = bool(re.search(r"(?i)báo cáo", clause))
            if rule == "periodic" and not report:
                continue  # "hàng năm" alone is a time of a task only when something is reported
            if rule == "date-recurring" and not re.search(r"(?i)trước|chậm nhất|hoàn thành|báo cáo", clause):
                continue  # a date that is no deadline ("vào ngày 19/5 kỷ niệm ...")
            day = int(groups["day"]) if groups.get("day") else None
            month = int(groups["month"]) if groups.get("month") else None
            year = int(groups["year"]) if groups.get("year") else None
            quarter = ROMAN_QUARTERS.get(groups.get("quarter") or "")
            recurrence = _recurrence(groups.get("every"), bool(year) or rule in ("month-year", "quarter"))
            actor = _actor(outline, c_start)
            recipient = _recipient(text, c_start, c_end) if report else None
            found.append(Deadline(clause.strip(), day, month, year, quarter, recurrence,
                                  "report" if report else "task", actor, recipient,
                                  (match.start(), match.end()), (c_start, c_end), f"deadline:{rule}"))
            taken.append((match.start(), match.end()))
    found.sort(key=lambda d: d.span)
    return found


def _actor(outline: Outline, clause_start: int) -> str | None:
    """The body the clause opens with ("Các trường MN, TH, THCS: báo cáo ..."), else the body
    heading its section of "Tổ chức thực hiện"."""
    text = outline.text
    named = _owner_name(text, clause_start)
    if named:
        return named[0]
    owner = _section_owner(outline, clause_start)
    return owner[0] if owner else None


def _recipient(text: str, start: int, end: int) -> str | None:
    match = re.search(r"\s(?:về|cho|lên|gửi về|gửi)\s+(?=\S)", text[start:end])
    if not match:
        return None
    named = name_at(text, start + match.end())
    return named[0] if named else None
