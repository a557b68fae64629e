"""Deadlines: reporting duties ("báo cáo ... trước ngày 15 tháng 11 hàng năm") and the times
tasks must be done by ("(Tháng 8/2018)", "Quý I/2018", "trước ngày 31/12/2025"), kept
apart by ``kind``; with recurrence, actor and recipient where the text says them."""

from __future__ import annotations

import bisect
import re

from ingest.organisations import name_at, owner_name, section_owner
from ingest.records import Deadline
from ingest.segment import Outline
from ingest.span_set import SpanSet
from ingest.tables import table_columns, table_rows
from ingest.targets import announced_lists, objective_sections

ROMAN_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4}

# each pattern: what it recognises, named groups day/month/year/quarter/every
PATTERNS = [
    ("date-recurring", re.compile(
        r"(?:trước|chậm nhất (?:là )?|vào|trong)\s*(?:ngày\s+)?(?:mùng|mồng)?\s*(?P<day>\d{1,2})"
        r"(?:\s+tháng\s+|/)(?P<month>\d{1,2})(?:(?:\s+năm\s+|/)(?P<year>(?:19|20)\d\d))?"
        r"(?P<every>\s+(?:hàng|hằng) năm)?", re.IGNORECASE)),
    ("day-monthly", re.compile(r"(?:trước|vào)\s+ngày\s+(?:mùng|mồng)?\s*(?P<day>\d{1,2})\s+(?P<every>(?:hàng|hằng) tháng)",
                               re.IGNORECASE)),
    ("range-end", re.compile(r"[Tt]ừ ngày\s+\d{1,2}/\d{1,2}(?:/(?:19|20)\d\d)?\s+đến(?: hết)? ngày\s+(?P<day>\d{1,2})/"
                             r"(?P<month>\d{1,2})(?:/(?P<year>(?:19|20)\d\d))?")),
    # "(Tháng 8/2018)", "(Tháng 3, 4/2018)": one deadline per month
    ("month-year", re.compile(r"\(\s*[Tt]háng\s+(?P<months>\d{1,2}(?:\s*[,-]\s*\d{1,2})*)\s*[/-]\s*(?P<year>(?:19|20)\d\d)\s*\)")),
    # "Quý I/2018", "Các Quý I, II, III/2018": one deadline per quarter
    ("quarter", re.compile(r"[Qq]uý\s+(?P<quarters>(?:IV|III|II|I)(?:\s*,\s*(?:IV|III|II|I))*)\s*(?:/|năm\s+)(?P<year>(?:19|20)\d\d)")),
    ("in-month", re.compile(r"(?:trong|trước|hoàn thành trong)\s+tháng\s+(?P<month>\d{1,2})\s*(?:/|năm\s+)(?P<year>(?:19|20)\d\d)")),
    ("in-year", re.compile(r"(?:trong|hoàn thành trong|hoàn thành|vào)\s+năm\s+(?P<year>(?:19|20)\d\d)")),
    ("within-days", re.compile(r"[Tt]rong (?:thời hạn|vòng)\s+\d+\s+ngày")),
    ("periodic", re.compile(r"(?P<every>định kỳ\s+(?:06|6|sáu)\s+tháng|(?:06|6|sáu)\s+tháng\s+(?:một lần|/lần)|"
                            r"(?:hàng|hằng) quý|định kỳ (?:hàng|hằng) quý|(?:hàng|hằng) tháng|định kỳ (?:hàng|hằng) năm|"
                            r"(?:hàng|hằng) năm)", re.IGNORECASE)),
]


# a duty to report: "gửi báo cáo ... về", "báo cáo kết quả ... về", "tổng hợp, báo cáo"
REPORT_DUTY = re.compile(r"(?i)(?:gửi báo cáo|tổng hợp,? báo cáo|báo cáo kết quả|báo cáo tình hình|báo cáo tiến độ)"
                         r"[^.;\n]{0,160}?\s(?:về|cho|lên)\s+(?=[A-ZĐÀ-Ỹ]|(?:phòng|sở|ban|ủy ban|uỷ ban)\s)")


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


FULL_STOP = re.compile(r"\.(?:\s|$)")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(c, 0, start) for c in "\n;") + 1
    stops = [i for i in (text.find(c, end) for c in "\n;") if i != -1]
    full_stop = FULL_STOP.search(text, end)
    if full_stop:
        stops.append(full_stop.start())
    right = min(stops) if stops else len(text)
    while left < start and text[left] in " -+•":  # left grows, bounded by start
        left += 1
    return left, right


def extract_deadlines(outline: Outline) -> list[Deadline]:
    text = outline.text
    found: list[Deadline] = []
    # objectives say by when a target is to be reached; that is its year, not a deadline
    taken = SpanSet([(s.start, s.section_end) for s in objective_sections(outline)] +
                   [(a, b) for _, a, b in announced_lists(outline)])
    for rule, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if taken.overlaps(match.start(), match.end()):
                continue
            groups = match.groupdict()
            c_start, c_end = _clause(text, match.start(), match.end())
            clause = text[c_start:c_end]
            report = bool(re.search(r"(?i)báo cáo", clause))
            if rule == "periodic" and not report:
                continue  # "hằng năm" alone is a time of a task only when something is reported
            if rule == "date-recurring" and not re.search(r"(?i)trước|chậm nhất|hoàn thành|báo cáo", clause):
                continue  # a date that is no deadline ("vào ngày 19/5 kỷ niệm ...")
            day = int(groups["day"]) if groups.get("day") else None
            year = int(groups["year"]) if groups.get("year") else None
            months = [int(m) for m in re.findall(r"\d+", groups["months"])] if groups.get("months") else \
                [int(groups["month"]) if groups.get("month") else None]
            quarters = [ROMAN_QUARTERS[q] for q in re.findall(r"IV|III|II|I", groups["quarters"])] \
                if groups.get("quarters") else [None]
            recurrence = _recurrence(groups.get("every"), bool(year) or rule in ("month-year", "quarter"))
            if rule == "within-days":
                recurrence = "once"
            actor = _actor(outline, c_start)
            recipient = _recipient(text, c_start, c_end) if report else None
            for month in months:
                for quarter in quarters:
                    found.append(Deadline(clause.strip(), day, month, year, quarter, recurrence,
                                          "report" if report else "task", actor, recipient,
                                          (match.start(), match.end()), (c_start, c_end), f"deadline:{rule}"))
            taken.add(match.start(), match.end())
    # a reporting duty with no time stated ("báo cáo về Ban chỉ đạo quận theo quy định")
    starts = sorted(d.span[0] for d in found)
    for match in REPORT_DUTY.finditer(text):
        c_start, c_end = _clause(text, match.start(), match.end())
        first = bisect.bisect_left(starts, c_start)
        if first < len(starts) and starts[first] < c_end:  # a deadline found in the clause
            continue
        bisect.insort(starts, match.start())
        found.append(Deadline(text[c_start:c_end].strip(), None, None, None, None, None, "report",
                              _actor(outline, c_start), _recipient(text, c_start, c_end),
                              (match.start(), match.end()), (c_start, c_end), "deadline:report-duty"))
    found.sort(key=lambda d: d.span)
    return _one_per_time(found)


def _one_per_time(found: list[Deadline]) -> list[Deadline]:
    """ "Định kỳ hằng năm (trước ngày 15 tháng 12) báo cáo ...": a recurrence and a date in one
    clause are one deadline, the date recurring."""
    result: list[Deadline] = []
    in_clause: dict[tuple[int, int], list[Deadline]] = {}  # the deadlines of `result` by clause
    dropped: set[int] = set()
    for deadline in found:
        here = in_clause.setdefault(deadline.clause_span, [])
        dated = [d for d in here if d.day or d.month]
        if deadline.rule == "deadline:periodic" and dated:
            dated[0].recurrence = deadline.recurrence
            continue
        same = [d for d in here if d.rule == "deadline:periodic"]
        if (deadline.day or deadline.month) and same:
            deadline.recurrence = same[0].recurrence if deadline.recurrence in (None, "once") and not deadline.year \
                else deadline.recurrence
            dropped.add(id(same[0]))
            here.remove(same[0])
        result.append(deadline)
        here.append(deadline)
    return [d for d in result if id(d) not in dropped]


def _actor(outline: Outline, clause_start: int) -> str | None:
    """The body the clause opens with ("Các trường MN, TH, THCS: báo cáo ..."), else the body
    heading its section of "Tổ chức thực hiện"."""
    text = outline.text
    named = owner_name(text, clause_start)
    if named:
        return named[0]
    owner = section_owner(outline, clause_start)
    return owner[0] if owner else None


def _recipient(text: str, start: int, end: int) -> str | None:
    match = re.search(r"\s(?:về|cho|lên|gửi về|gửi)\s+(?=\S)", text[start:end])
    if not match:
        return None
    named = name_at(text, start + match.end())
    return named[0] if named else None


def extract_table_deadlines(tables) -> list[Deadline]:
    found = []
    for table in tables:
        columns = table_columns(table)
        if "time" not in columns or "task" not in columns:
            continue
        for row in table_rows(table):
            task, when = row[columns["task"]], row[columns["time"]]
            if task is None or when is None or not task.text:
                continue
            time = when.text
            lead = row[columns["lead"]].text if "lead" in columns and row[columns["lead"]] else None
            kind = "report" if re.search(r"(?i)báo cáo", task.text) else "task"
            span = (row[0].span[0] if row[0] else task.span[0], when.span[1])
            years = [int(y) for y in re.findall(r"(?:19|20)\d\d", time)]
            quarter = re.search(r"[Qq]uý\s+(IV|III|II|I)", time)
            if re.search(r"(?i)hằng năm|hàng năm", time):
                found.append(Deadline(task.text, None, None, None, None, "yearly", kind, lead, None,
                                      when.span, span, "deadline:table-time"))
            elif years:
                recurrence = "once" if len(years) == 1 else None
                found.append(Deadline(task.text, None, None, years[-1],
                                      ROMAN_QUARTERS[quarter.group(1)] if quarter else None, recurrence, kind,
                                      lead, None, when.span, span, "deadline:table-time"))
    return found
