"""Results a document reports: values it states as reached (actuals), one record per value,
kept apart from the targets. Pure: outline in, records out.

Where: the sections whose heading opens with an achievements word ("I. TÌNH HÌNH THỰC HIỆN
...", "1. Hiện trạng", "Kết quả đạt được"; ``achievements`` in patterns/sections.json), with
everything under them, unless a heading on the way speaks of damage or of what is to come
("ĐÁNH GIÁ TÌNH HÌNH THIỆT HẠI", "Kết quả cần đạt"); and the whole body of a report ("Báo
cáo"). What: each value with its unit, read as targets read theirs (``measured_values`` of
ingest/targets.py: the same numbers, units, bound words, years and scopes), but not the plan
a result is measured against, the comparison base or a conversion (patterns/results.json).
The year is the clause's, else the nearest heading's, else the document's (a "hiện nay").

>>> from ingest.segment import segment
>>> text = "I. TÌNH HÌNH THỰC HIỆN NĂM 2024\\n- Tỷ lệ hộ nghèo còn 1,2%, giảm 0,5% so cùng kỳ.\\nII. MỤC TIÊU\\n- Đạt 99%."
>>> [(r.value, r.unit, r.year) for r in extract_results(segment(text), None)]
[(1.2, '%', 2024), (0.5, '%', 2024)]
"""

from __future__ import annotations

import bisect
import functools
import re

from ingest import patterns
from ingest.document_parts import section_roles
from ingest.indicators import indicator_of
from ingest.records import Identity, Result
from ingest.segment import Heading, Outline
from ingest.targets import line_clauses, measured_values, whole_words


def _settings() -> dict:
    return patterns.load("results")


def results_sections(outline: Outline) -> list[Heading]:
    """Headings opening with an achievements word and none of ``not_in_sections``, but those
    inside another such section (the outermost holds them)."""
    openings = tuple(patterns.load("sections")["roles"]["achievements"])
    excluded = _settings()["not_in_sections"]
    found: list[Heading] = []
    for heading in outline.headings:
        title = heading.title.lower().lstrip(" *_:.-–")
        if not title.startswith(openings) or "achievements" not in section_roles(title):
            continue
        if any(w in title for w in excluded):
            continue
        if found and heading.start < found[-1].section_end:
            continue
        found.append(heading)
    return found


def extract_results(outline: Outline, identity: Identity | None) -> list[Result]:
    settings = _settings()
    regions = [(h.end, h.section_end) for h in results_sections(outline)]
    if identity is not None and identity.type in settings["report_types"] and outline.headings:
        regions = [(outline.headings[0].start, len(outline.text))]
    document_year = identity.year if identity is not None else None
    found: list[Result] = []
    for start, end in regions:
        in_plan = False
        for line in outline.lines_within(start, end):
            if not DIGIT.search(line.text):
                continue
            path = outline.path_at(line.start)
            if any(w in h.title.lower() for h in path for w in settings["not_in_sections"]):
                continue
            heading = next((h for h in reversed(path) if h.start <= line.start), None)
            heading_year = next((y for y in (_year_of(h.title) for h in reversed(path)) if y), None)
            for clause, clause_start, clause_end in line_clauses(line):
                # rule plan-breakdown: the clauses right after a plan's that open with "trong đó"
                # or in lower case break the plan down ("Tổng chi ... được HĐND tỉnh giao là ...
                # Trong đó: chi cân đối ngân sách ...; chi các chương trình ...")
                low = clause.lower()
                in_plan = _plan_clause().search(low) is not None or (
                    in_plan and (low.startswith(BREAKDOWN) or clause[:1].islower()))
                if in_plan:
                    continue
                for result in _clause_results(clause, clause_start, clause_end, settings):
                    result.year = result.year or heading_year or document_year
                    result.section = heading.text if heading else None
                    found.append(result)
    return found


DIGIT = re.compile(r"\d")
BREAKDOWN = ("trong đó", "cụ thể", "gồm")
YEAR = re.compile(r"(?i)năm\s+((?:19|20)\d\d)(?!\d)")


PHRASE_BREAK = re.compile(r"[,;:]\s")
NEAR = 30          # characters before a value a word of not_after is looked for in
PARENTHESIS = 400  # characters before a value its opening parenthesis is looked for in
PHRASE = 300       # characters at most of the words an indicator is read from


class _Phrases:
    """What a value measures is said in its own phrase or the one before it ("toàn tỉnh có
    629/731 trường công lập đạt chuẩn quốc gia, đạt tỷ lệ 86,1%"), not anywhere in a long
    clause (a fund's amount after "hộ nghèo, cận nghèo ... được thực hiện đầy đủ" measures no
    poverty rate). The phrase breaks of a clause are found once for all its values."""

    def __init__(self, clause: str) -> None:
        self.clause = clause
        self.breaks = [m.start() for m in PHRASE_BREAK.finditer(clause)]

    def around(self, at: int) -> str:
        i = bisect.bisect_left(self.breaks, at)
        start = self.breaks[i - 2] + 1 if i >= 2 else 0
        end = self.breaks[i] if i < len(self.breaks) else len(self.clause)
        return self.clause[max(start, at - PHRASE):min(end, at + PHRASE)]


def _year_of(title: str) -> int | None:
    years = YEAR.findall(title)
    return int(years[-1]) if years else None


def _clause_results(clause: str, start: int, end: int, settings: dict):
    low = clause.lower()
    if len(low) != len(clause):
        return  # a lower-casing that moves offsets: the rules below read the lower case
    units, per_units = tuple(settings["units"]), tuple(settings["per_units"])
    taken: set[int] = set()  # where the values read start, in the clause
    phrases = _Phrases(clause)
    for value in measured_values(clause, units, per_units):
        taken.add(value.start)
        if _not_after().search(low, max(0, value.start - NEAR), value.start) or _in_base(low, value.start):
            continue
        unit, value_end = value.unit, value.end
        chain = _per_chain().match(clause, value_end)
        if chain and unit != "%":  # "80 triệu đồng/người/năm": the unit's "/..." parts, all of them
            unit, value_end = unit + chain.group(), chain.end()
        yield Result(text=clause, value=value.value, value_max=value.value_max, unit=unit,
                     comparator=value.comparator, year=value.year, scope=value.scope, section=None,
                     span=(start + value.start, start + value_end), clause_span=(start, end),
                     indicator=indicator_of(phrases.around(value.start)))
    for result in _reached_over_planned(clause, start, end, taken):
        result.indicator = indicator_of(phrases.around(result.span[0] - start))
        yield result


def _reached_over_planned(clause: str, start: int, end: int, taken: set[int]):
    """Rule reached-over-planned: a value over the whole or the plan it is part of, "629/731
    trường công lập đạt chuẩn", "12.375,3/10.200 triệu đồng", "5.817,196 tỷ đồng/5.937,440 tỷ
    đồng": the first value, in the unit written after either (the targets' reading leaves
    such values out, a number before "/" being a date or a ratio there)."""
    for match in _over_planned().finditer(clause):
        unit = match.group("unit") or match.group("unit2")
        if unit is None or match.start() in taken or (match.group("unit") and match.group("unit2")
                                                      and match.group("unit") != match.group("unit2")):
            continue
        value = float(match.group("v").replace(".", "") + ("." + match.group("vd") if match.group("vd") else ""))
        rule = "result:count-of-a-whole" if match.group("unit2") and not match.group("unit") else "result:reached-over-planned"
        yield Result(text=clause, value=value, value_max=None, unit=unit,
                     comparator=None, year=None, scope=None, section=None,
                     span=(start + match.start(), start + match.end()), clause_span=(start, end), rule=rule)


def _in_base(low: str, at: int) -> bool:
    """Inside a parenthesis opened right after "so cùng kỳ": the year before's value."""
    opened = low.rfind("(", max(0, at - PARENTHESIS), at)
    if opened < 0 or ")" in low[opened:at]:
        return False
    inside = opened + 1
    while inside < at and low[inside].isspace():
        inside += 1
    if low.startswith(BREAKDOWN, inside):
        return False  # "(trong đó, 131.000 lượt khách ...)": parts of the value, results of their own
    before = low[max(0, opened - NEAR):opened].rstrip()
    return before.endswith(tuple(_settings()["base_openers"]))


@functools.cache
def _plan_clause() -> re.Pattern:
    return _words(_settings()["plan_clauses"])


@functools.cache
def _not_after() -> re.Pattern:
    return re.compile(r"(?:" + "|".join(map(re.escape, _settings()["not_after"])) + r")\s*$")


@functools.cache
def _per_chain() -> re.Pattern:
    per = sorted(set(patterns.load("targets")["per_units"]) | set(_settings()["per_units"]), key=len, reverse=True)
    return re.compile(r"(?:/(?:" + "|".join(map(re.escape, per)) + r")(?![\w]))+")


@functools.cache
def _over_planned() -> re.Pattern:
    units = "|".join(map(re.escape, sorted(set(patterns.load("targets")["units"]) | set(_settings()["units"]),
                                           key=len, reverse=True)))
    number = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
    # the first digit opens the pattern, the look behind after it: the engine skips ahead to digits
    return re.compile(r"(?P<v>\d(?<![\w/.,]\d)(?:\d{0,2}(?:\.\d{3})+|\d*))(?:,(?P<vd>\d+))?"
                      r"(?:\s+(?P<unit>" + units + r"))?(?:\s*\[\d{1,2}\])?\s*/\s*(?:" + number + r")"
                      r"(?:\s+(?P<unit2>" + units + r"))?(?!\w)")


def _words(words: list[str]) -> re.Pattern:
    return whole_words(words)
