"""Numeric targets of a plan's objectives: one record per value, with its clause, unit,
comparator, horizon year, scope and section. Pure: text + outline in, records out.

Only clauses inside an objectives section (a heading with "mục tiêu" or "chỉ tiêu") count;
numbers there that are not targets (ages, levels, dates, document numbers, years) are left
out by the rules in ``patterns/targets.json``.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from ingest import patterns, prefix_scan
from ingest.document_parts import states_no_targets
from ingest.openings import words as opening_words
from ingest.segment import Heading, Outline
from ingest.span_set import SpanSet
from ingest.records import Target, Objective

# 99,5 | 1.000 | 80  then, optionally, a range to a second number: "80% đến 85%", "3-5%"
# (the first digit opens the pattern and the look behind follows it, "no [\w/.,-] before it":
# opening with a look behind, the pattern was tried at every character of a text)
NUMBER = r"(?P<v>\d(?<![\w/.,\-]\d)(?:\d{0,2}(?:\.\d{3})+|\d*))(?:,(?P<vd>\d+))?(?![\w/])"
RANGE = r"(?:\s*%?\s*(?:-|–|đến|tới)\s*(?P<m>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<md>\d+))?)?"


def _settings() -> dict:
    return patterns.load("targets")


POWER_OF_TEN = r"1(?:0{1,2}|0{0,2}(?:\.000){1,3})"  # 10, 100, 1.000, 100.000: what a rate is per


@functools.cache
def _number_regex(more_units: tuple[str, ...] = (), more_per_units: tuple[str, ...] = ()) -> re.Pattern:
    """A value and its unit (``units``, ``per_units`` of patterns/targets.json, and those
    another reader of values adds: ingest/results.py)."""
    settings = _settings()
    units = sorted(set(settings["units"]) | set(more_units), key=len, reverse=True)
    per = sorted(set(settings["per_units"]) | set(more_per_units), key=len, reverse=True)
    # a unit's "/..." part: "lần/tháng", "con/phụ nữ", "bé trai/100 bé gái", "giường bệnh/vạn dân"
    per_part = r"(?:/\s*(?:" + POWER_OF_TEN + r"\s+)?(?:" + _word_tree(per) + r")(?![\w/]))?"
    # a rate of a word unit per a power of ten: "trẻ sơ sinh trai/100 trẻ sơ sinh gái", "/100.000 trẻ sinh ra"
    rate = (r"(?:[^\W\d][\w ]{0,30}?)?/\s*" + POWER_OF_TEN
            + r"(?:\s+[^\W\d][\w]*){1,5}?(?=\s+(?:vào|năm|trong|đến)\b|[,;.)]|$)")
    unit = (r"(?P<unit>%|(?:" + _word_tree(units) + r")(?![\w])" + per_part
            + "|" + rate + r")(?![\w])")
    return re.compile(NUMBER.replace(r"(?![\w/])", r"(?![\w]|/(?!\s*\d))") + RANGE + r"\s*" + unit)


def _word_tree(words) -> str:
    r"""The words as one regex that reads each letter once, the words sharing their start as one
    branch ("tỷ (?:USD|đồng)"), matching as their alternation, the longest first, would: the words
    standing at a place make a chain, each opening the next; the longest is tried first and, when
    what follows fails, the next shorter one (the engine tried each word of the alternation in turn
    at every digit of a value).

    >>> _word_tree(["tỷ đồng", "tỷ USD", "tỷ", "ha"])
    '(?:tỷ(?:\\ (?:đồng|USD))?|ha)'
    """
    tree: dict = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}  # a word ends here
    return _branches(tree)


def _branches(node: dict) -> str:
    """The regex of a node of ``_word_tree``: its letters, each followed by its own branches; optional
    where a word ends at the node."""
    letters = [letter for letter in node if letter]
    if not letters:
        return ""
    if len(letters) == 1 and "" not in node:  # a run of single letters: "ha", not "h(?:a)"
        return re.escape(letters[0]) + _branches(node[letters[0]])
    body = "(?:" + "|".join(re.escape(letter) + _branches(node[letter]) for letter in letters) + ")"
    return body + "?" if "" in node else body


def objective_sections(outline: Outline) -> list[Heading]:
    """Headings that name objectives, but those inside the section of another such heading
    (which starts before it: the sections end furthest out is all that matters)."""
    key = (len(outline.headings), len(outline.side_headings))
    cached = outline.kept.get("objective_sections")
    if cached is not None and cached[0] == key:
        return list(cached[1])  # read once per outline: by the targets and their announced lists
    found = []
    furthest_end = -1
    # a heading without a number names objectives only by its first words ("Mục tiêu đến năm
    # 2025"): a title line naming a programme ("CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA ...") does not
    side = [h for h in outline.side_headings if _names_objectives(h.title)[0]]
    for heading in sorted(outline.headings + side, key=lambda h: h.start):
        if not _names_objectives(heading.title)[1]:
            continue
        if not heading.start < furthest_end:
            found.append(heading)
        furthest_end = max(furthest_end, heading.section_end)
    outline.kept["objective_sections"] = (key, found)
    return list(found)



@functools.lru_cache(maxsize=4096)
def _names_objectives(title: str) -> tuple[bool, bool]:
    """Whether a heading's title opens with a word of objectives ("Mục tiêu", "Chỉ tiêu"), and
    whether it holds one; read once per title."""
    words = patterns.load("sections")["roles"]["objectives"]
    lowered = title.lower()
    return lowered.startswith(tuple(words)), any(w in lowered for w in words)


def _value(whole: str, decimals: str | None) -> float:
    return float(whole.replace(".", "") + ("." + decimals if decimals else ""))


@functools.lru_cache(maxsize=4096)
def _year_of(text: str) -> int | None:
    """The year a heading's title names ("Mục tiêu đến năm 2025"), read once per title: each clause
    under it asks."""
    for pattern in _year_patterns():
        found = pattern.findall(text)
        if found:
            return int(found[-1])
    return None


@functools.cache
def _year_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in _settings()["year_patterns"])


def _clauses(outline: Outline, section: Heading, start: int | None = None, end: int | None = None):
    """List items and sentences of a section (or of [start, end)): (text, start, end)."""
    lo = section.end if start is None else start
    hi = section.section_end if end is None else end
    for line in outline.lines_within(lo, hi):
        for clause in _line_clauses(line):
            yield clause + (_item_year(line, clause[1]) if ";" in line.text else None,)


def announced_lists(outline: Outline) -> list[tuple[Heading, int, int]]:
    """Lists a line announces as targets ("... được cụ thể hóa bằng các chỉ tiêu cụ thể như
    sau:"), outside objectives sections: (enclosing heading, start, end) of the list. The
    heading is the innermost one holding the line, numbered or not (a web page's question
    "Chỉ tiêu ... ra sao?"). Rule announced-list-over-subheadings: the list runs on over the
    headings that divide it, those deeper than the numbered heading holding the line and
    those naming only a horizon ("(1) Năm 2025:", "a) Đến năm 2026"); any other heading ends it."""
    key = (len(outline.lines), len(outline.headings), len(outline.side_headings))
    cached = outline.kept.get("announced_lists")
    if cached is not None and cached[0] == key:
        return list(cached[1])  # read once per outline: by the targets, then by the deadlines
    found = []
    objectives = SpanSet((s.start, s.section_end) for s in objective_sections(outline))
    for line in _lines_at(outline, prefix_scan.lowered(outline.text).starts(ANNOUNCE)):
        if line.start in objectives or not ANNOUNCE.search(line.text):
            continue
        path = outline.path_at(line.start)
        sides = [s for s in outline.side_headings if s.start <= line.start < s.section_end]
        holders = sorted(path + sides, key=lambda h: h.start)
        if not holders:
            continue
        heading = holders[-1]
        end = path[-1].section_end if path else len(outline.text)
        dividing = sorted([(h.start, True, h) for h in outline.headings_within(line.end, end)]
                          + [(s.start, False, s) for s in outline.side_headings if line.end <= s.start < end],
                          key=lambda d: d[0])
        for _, numbered, divider in dividing:
            deeper = bool(path) and numbered and divider.level > path[-1].level
            if not (deeper or _names_a_horizon(divider.title)):
                end = divider.start
                break
        found.append((heading, line.end, end))
    outline.kept["announced_lists"] = (key, found)
    return list(found)


ANNOUNCE = re.compile(r"(?i)(?:chỉ tiêu|mục tiêu|phấn đấu)[^:]{0,80}:\s*$")


def _lines_at(outline: Outline, offsets: list[int] | None):
    """The lines holding one of `offsets` (sorted), in order, each once; all lines for None."""
    if offsets is None:
        yield from outline.lines
        return
    lines = outline.lines
    starts = outline.line_starts()
    last = -1
    for offset in offsets:
        i = bisect.bisect_right(starts, offset) - 1
        if i > last and offset < lines[i].end:
            last = i
            yield lines[i]


def _names_a_horizon(title: str) -> bool:
    """A heading that names only a year ("Năm 2025:", "Đến năm 2026", "Mục tiêu đến năm 2030")."""
    return bool(_horizon_heading().fullmatch(title.strip()))


@functools.cache
def _horizon_heading() -> re.Pattern:
    return re.compile(_settings()["horizon_heading"], re.IGNORECASE)


def _over_horizons(outline: Outline, section: Heading) -> int:
    """Where an objectives section ends, over the unnumbered headings right after it that
    name only a horizon ("Chỉ tiêu ... ra sao?" then "(1) Năm 2025:", "(2) Năm 2026"): such
    a heading divides the objectives by year (rule objectives-over-horizons)."""
    end = section.section_end
    numbered = any(h is section for h in outline.headings_within(section.start, section.start + 1))
    enclosing = outline.path_at(section.start) if not numbered else []
    limit = enclosing[-1].section_end if enclosing else len(outline.text)
    sides = {s.start: s for s in outline.side_headings}
    while end < limit and end in sides and _names_a_horizon(sides[end].title) and sides[end].section_end > end:
        end = min(sides[end].section_end, limit)  # end grows each turn
    return end


def _side_year(outline: Outline, offset: int) -> int | None:
    """Rule year-from-side-heading: the year named by the unnumbered heading holding
    `offset` (the last one starting at or before it, whose section runs past it: "(1) Năm
    2025", "**Mục tiêu đến năm 2026**")."""
    starts = outline.side_starts()
    i = bisect.bisect_right(starts, offset) - 1
    if i < 0 or outline.side_headings[i].section_end <= offset:
        return None
    return _year_of(outline.side_headings[i].title)


def extract_targets(outline: Outline) -> tuple[list[Target], list[Objective]]:
    settings = _settings()
    number = _number_regex()
    excluded = _exclusions()
    targets: list[Target] = []
    objectives: list[Objective] = []
    regions = [(s, s.end, _over_horizons(outline, s), "target:objective-clause") for s in objective_sections(outline)]
    regions += [(h, a, b, "target:announced-list") for h, a, b in announced_lists(outline)]
    regions += [(h, a, b, "target:stated-goal") for h, a, b in _stated_goals(outline, regions)]
    for section, lo, hi, rule in regions:
        for clause, start, end, item_year in _clauses(outline, section, lo, hi):
            path = [h for h in outline.path_at(start) if h.start >= section.start]
            heading = path[-1] if path else section
            year_from_headings = _side_year(outline, start) or next(
                (y for y in (_year_of(h.title) for h in reversed(path + [section])) if y), None)
            found = False
            for match, target in _values(clause, start, end, number, excluded, settings):
                target.year = target.year or item_year or year_from_headings
                target.section, target.rule = heading.text, rule
                targets.append(target)
                found = True
            if not found and rule == "target:objective-clause" and len(clause) > 25 and clause != heading.title:
                objectives.append(Objective(clause, heading.text, _clause_year(clause) or year_from_headings,
                                            (start, end)))
    # an objectives heading's own line is not read by its section ("d) ... đạt mục tiêu ít nhất 50% ...")
    covered = SpanSet((s.end, s.section_end) if a is None else (a, b) for s, a, b, _ in regions)
    targets += _committed_values(outline, covered, number, excluded, settings)
    breakdowns = _breakdowns(outline.text, settings)
    return [t for t in targets if t.span[0] not in breakdowns], objectives


def _breakdowns(text: str, settings: dict) -> SpanSet:
    """Rule breakdown-in-parentheses: a parenthesis opened by "Trong đó:" or "gồm" splits the
    value before it among its parts ("58 trạm (Trong đó: VNPT: 25 trạm, Viettel: 33 trạm)");
    the parts are no targets of their own. Read over the whole text, the parenthesis may
    run over a line break."""
    pattern = _breakdown_regex(tuple(settings["breakdown_openers"]))
    return SpanSet((m.start(), m.end()) for m in pattern.finditer(text))


@functools.cache
def _breakdown_regex(openers: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?i)\(\s*(?:" + "|".join(map(re.escape, openers)) + r")\b[^()]{0,400}\)")


def _values(clause: str, start: int, end: int, number: re.Pattern, excluded: "_Exclusions", settings: dict,
            committed_only: bool = False):
    """(match, Target) for each value of a clause that may be a target; with `committed_only`,
    only those a commitment cue governs (``_Commitment``). Year, section and rule are the
    caller's to complete."""
    around = None  # the clause is read around its values once a value is found
    commitment = None  # and for cues
    for match in number.finditer(clause):
        around = around or _AroundValues(clause)
        if excluded.before(clause, match.start()) or excluded.after(clause, match.end()):
            continue
        unit = match.group("unit")
        value = _value(match.group("v"), match.group("vd"))
        if unit != "%" and 1900 <= value <= 2100 and not match.group("vd"):
            continue  # a year
        comparator = _comparator(clause[max(0, match.start() - 40):match.start()],
                                 clause[match.end():match.end() + 25],
                                 around.maintained_before(match.start()), settings)
        if committed_only:
            commitment = commitment or _Commitment(clause, settings)
            if not commitment.governs(match, value, unit, comparator):
                continue
        value_max = _value(match.group("m"), match.group("md")) if match.group("m") else None
        yield match, Target(
            text=clause, value=value, value_max=value_max, unit=unit, comparator=comparator,
            year=around.year(match.start(), match.end()),
            scope=_scope(clause[max(0, match.start() - SCOPE_WINDOW):match.start()],
                         clause[match.end():match.end() + SCOPE_WINDOW], settings),
            section=None, span=(start + match.start(), start + match.end()), clause_span=(start, end))
    if "/" in clause:
        yield from _fractions(clause, start, end, excluded, settings, committed_only)


@dataclass
class MeasuredValue:
    """A value read in a clause as targets read theirs: where it is (offsets into the
    clause), the number or range, its unit, the bound word, the year and the scope."""
    start: int
    end: int
    value: float
    value_max: float | None
    unit: str
    comparator: str | None
    year: int | None
    scope: str | None


def measured_values(clause: str, more_units: tuple[str, ...] = (), more_per_units: tuple[str, ...] = ()):
    """Every value of a clause with its unit, read by the targets' rules (numbers that are
    no values: ages, dates, article numbers, years, are left out), whether or not the clause
    commits to it: the reading shared with ingest/results.py."""
    settings = _settings()
    number = _number_regex(tuple(sorted(more_units)), tuple(sorted(more_per_units)))
    for _, target in _values(clause, 0, len(clause), number, _exclusions(), settings):
        yield MeasuredValue(target.span[0], target.span[1], target.value, target.value_max, target.unit,
                            target.comparator, target.year, target.scope)


@functools.cache
def _exclusions() -> "_Exclusions":
    return _Exclusions(_settings())


# the digit first, the look behind after it ("no [\w/.,] before the digit"), so that the engine
# skips ahead to digits
FRACTION = re.compile(r"(?P<a>[1-9])(?<![\w/.,][1-9])/(?P<b>[2-9]|10)(?![\w/.,])")


@functools.cache
def _duration_after() -> re.Pattern:
    return re.compile(r"\s*(?:" + "|".join(map(re.escape, _settings()["time_units"])) + r")(?!\w)", re.IGNORECASE)


def _fractions(clause: str, start: int, end: int, excluded: "_Exclusions", settings: dict, committed_only: bool):
    """Rule bounded-fraction: a share written as a fraction with a bound word before it
    ("không dưới 1/3 tổng số cấp ủy viên", "tối đa 1/2 số thành viên"): value a/b, no unit ("",
    as a table's bare number).
    A fraction without a bound word is read as a date or a ratio, never a target."""
    around = None
    for match in FRACTION.finditer(clause):
        if excluded.before(clause, match.start()) or _duration_after().match(clause, match.end()):
            continue  # "không quá 1/2 ngày": a duration
        comparator = _comparator(clause[max(0, match.start() - 40):match.start()], "", False, settings)
        if comparator not in ("at_least", "at_most"):
            continue
        value = round(int(match.group("a")) / int(match.group("b")), 4)
        if committed_only and not _Commitment(clause, settings).governs(match, value, None, comparator):
            continue
        around = around or _AroundValues(clause)
        yield match, Target(
            text=clause, value=value, value_max=None, unit="", comparator=comparator,
            year=around.year(match.start(), match.end()),
            scope=_scope("", clause[match.end():match.end() + SCOPE_WINDOW], settings),
            section=None, span=(start + match.start(), start + match.end()), clause_span=(start, end))


def _committed_values(outline: Outline, covered: SpanSet, number: re.Pattern, excluded: "_Exclusions",
                      settings: dict) -> list[Target]:
    """Rule target:committed-value. Outside objectives sections and announced lists, a value
    a commitment cue governs (task items "Phấn đấu tổng tỷ suất sinh đạt 2,1 con/phụ nữ",
    responsibility items, purposes), but none in a section of results, situation or funding
    (``no_targets`` in patterns/sections.json)."""
    found: list[Target] = []
    # the lines of the sections stating no targets are passed over with those of `covered`, by
    # bisection, before their values are looked for
    passed = SpanSet(list(zip(covered.starts, covered.ends)) + _no_target_sections(outline))
    digit, has_value = DIGIT.search, number.search
    for line in _lines_outside(outline, passed):
        if not (_may_hold_values(line, number) if _line_wide() else digit(line.text)):
            continue
        # the clauses with a value or a fraction sign (the others give _values nothing to read)
        clauses = [c for c in _line_clauses(line) if "/" in c[0] or has_value(c[0])]
        if not clauses:
            continue
        path = None  # read once the line has a target
        for clause, start, end in clauses:
            for match, target in _values(clause, start, end, number, excluded, settings, committed_only=True):
                if path is None:
                    path = outline.path_at(line.start)
                    heading = next((h for h in reversed(path) if h.start < line.start), None)
                    year_from_headings = next((y for y in (_year_of(h.title) for h in reversed(path)) if y), None)
                target.year = target.year or (_item_year(line, start) if ";" in line.text else None) or year_from_headings
                target.section = heading.text if heading else None
                target.rule = "target:committed-value"
                found.append(target)
    return found


DIGIT = re.compile(r"\d")


@functools.cache
def _line_wide() -> bool:
    """Whether a line's values can be looked for over the line at once: no unit holds "." or ";"
    (the ends of its sentences), so a value of a sentence is one of the line's, where the
    patterns' look behind and look ahead read the same characters."""
    settings = _settings()
    return not any("." in u or ";" in u for u in settings["units"] + settings["per_units"])


def _may_hold_values(line, number: re.Pattern) -> bool:
    """A value or a fraction stands in the line, after its list marker. Read in the line from
    the marker's end, not in a copy of the rest: the patterns' look behind reads the marker's last
    character there, which keeps a digit a value's first unless it is a "-" ("-5%", read in the
    copy as the rest alone would be)."""
    text = line.text
    marker = LIST_MARKER.match(text)
    if marker and text[marker.end() - 1] == "-":
        text = text[marker.end():]
        start = 0
    else:
        start = marker.end() if marker else 0
    return number.search(text, start) is not None or (
        text.find("/", start) != -1 and FRACTION.search(text, start) is not None)


def _lines_outside(outline: Outline, covered: SpanSet):
    """The lines that start outside the spans of `covered`, in order (the spans' lines skipped
    by bisection)."""
    lines = outline.lines
    starts = outline.line_starts()
    at = 0
    for span_start, span_end in zip(covered.starts, covered.ends):
        stop = bisect.bisect_left(starts, span_start)
        yield from lines[at:stop] if at < stop else ()
        at = max(at, bisect.bisect_left(starts, span_end))
    yield from lines[at:]


def _no_target_sections(outline: Outline) -> list[tuple[int, int]]:
    """The spans of the sections that state no target: results, situation, funding, grounds (a
    heading with a word of ``no_targets`` (patterns/sections.json), unless it speaks of what is to be
    reached: "Kết quả cần đạt"), with everything under them."""
    return [(h.start, h.section_end) for h in outline.headings if _states_no_targets(h.title)]


# whether a heading states no targets, read once per title (a document's headings repeat across its
# versions and lists)
_states_no_targets = functools.lru_cache(maxsize=4096)(states_no_targets)


class _Commitment:
    """Whether a commitment cue governs a value of one clause (``commitment`` in
    patterns/targets.json): a bound word at the value, "phấn đấu" or a goal word earlier in
    the clause, a verb of reaching among the few words before it ("đạt", "lên", "duy trì";
    for a percentage "giảm", "tăng"), or "được"/"phải" after a 100%; never a statistic (a
    past word before it), a count of the places a task applies to ("tại 15 phường"), a
    number inside a quoted name, or a budget in a funding clause."""

    def __init__(self, clause: str, settings: dict) -> None:
        cues = settings["commitment"]
        self.clause = clause
        self.lowered = clause.lower() if len(clause.lower()) == len(clause) else None
        self.settings = settings
        self._clause_cue = _words_regex(tuple(cues["clause_before"]))
        self._near = _words_regex(tuple(cues["near_before"]))
        self._percent_near = _words_regex(tuple(cues["percent_near_before"]))
        self._quantity_label = _words_regex(tuple(cues["quantity_labels"]))
        self._hundred_after = _words_regex(tuple(cues["hundred_after"]))
        self._past = _words_regex(tuple(cues["past"]))
        self._strong = _words_regex(tuple(cues["strong_bounds"]))
        self._describing = _words_regex(tuple(cues["describing"]))
        self._applies_to = _applies_to_regex(tuple(cues["applies_to"]))
        self._near_words = cues["near_words"]
        self._quoted = SpanSet((m.start(), m.end()) for m in QUOTED.finditer(clause))
        low = self.lowered or clause.lower()
        self._funding = any(w in low for w in settings["funding_words"])
        self._no_target = bool(_patterns_regex(tuple(settings["not_target_clauses"])).search(low))
        self._governed_end = -1  # where the last value governed ends

    def governs(self, match: re.Match, value: float, unit: str, comparator: str | None) -> bool:
        governed = self._governs(match, value, unit, comparator)
        if governed:
            self._governed_end = match.end()
        return governed

    def _governs(self, match: re.Match, value: float, unit: str, comparator: str | None) -> bool:
        low = self.lowered
        if low is None:
            return False  # a clause whose lower case moves offsets: not read for cues
        before = low[:match.start()]
        if self._no_target or match.start() in self._quoted or self._past.search(before):
            return False
        if self._funding:
            return False  # a budget, a share of a cost
        if unit and unit != "%" and "/" in unit and RESTATED.fullmatch(self.clause, self._governed_end, match.start()):
            return True  # rule restated-quantity: "2 đợt/tháng (18 đợt/năm)", the same level per another period
        if unit != "%" and self._applies_to.search(before[-20:]):
            return False
        if self._clause_cue.search(before):
            return True
        if unit == "%" and before.strip(" ,:") in self.settings["commitment"]["share_openers"]:
            # rule share-of-the-tasked: "Trong đó, 100% học sinh ... tham gia ..."; "40% đã ..." is a statistic
            return not self._past.search(low, match.end())
        near = " ".join(before.split()[-self._near_words:])
        if comparator in ("at_least", "at_most", "maintain"):
            if self._strong.search(before[-30:]) or not self._describing.search(near):
                return True
        if self._near.search(near) or (unit == "%" and self._percent_near.search(near)):
            return True
        if unit != "%" and self._quantity_label.search(near):
            return True  # rule planned-quantity: "tần suất 2 lần/tháng", "Số lượng: 5.000 cuốn"
            return True
        return value == 100 and unit == "%" and bool(self._hundred_after.search(low, match.end()))


@functools.cache
def _applies_to_regex(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?:^|\s)(?:" + "|".join(map(re.escape, words)) + r")\s*$")


QUOTED = re.compile(r"“[^”]{0,300}”|\"[^\"]{0,300}\"")
RESTATED = re.compile(r"[ \t]{0,3}\([ \t]{0,3}")  # between a value and its restatement in parentheses


@functools.cache
def _patterns_regex(patterns: tuple) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@functools.cache
def _words_regex(words: tuple) -> re.Pattern:
    return whole_words(words)


def whole_words(words) -> re.Pattern:
    r"""``(?<!\w)(?:w1|w2|...)(?!\w)``, the longest word first, written to open with each word's
    first letter (``openings.words``) so that the engine skips ahead to those letters; as
    written when a word opens with another character."""
    escaped = [re.escape(w) for w in sorted(words, key=len, reverse=True)]
    if escaped and all(w[0].isalnum() for w in escaped):
        return re.compile(opening_words(escaped, any_case=False) + r"(?!\w)")
    return re.compile(r"(?<!\w)(?:" + "|".join(escaped) + r")(?!\w)")


def _line_clauses(line):
    """The sentences of one line, without its list marker: (text, start, end)."""
    body, offset = line.text, line.start
    marker = LIST_MARKER.match(body)
    if marker:
        offset += marker.end()
        body = body[marker.end():]
    for start, piece in _sentences(body):
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            yield stripped, offset + start + lead, offset + start + lead + len(stripped)


def _sentences(body: str):
    """(start, text) of each match of SENTENCE in `body`, found with str.find (SENTENCE reads
    every character through an alternation): a run of one character or more up to the first ";"
    or "." not before a digit, which it includes, or up to the end.

    >>> list(_sentences("a 1.5 b. c;;d"))
    [(0, 'a 1.5 b.'), (8, ' c;'), (12, 'd')]
    """
    end = len(body)
    start = 0
    while start < end:  # start grows each turn
        semicolon = body.find(";", start)
        stop = body.find(".", start)
        while stop != -1 and stop + 1 < end and body[stop + 1].isdecimal():  # "1.000": no stop
            stop = body.find(".", stop + 1)
        if stop == -1 or semicolon != -1 and semicolon < stop:
            stop = semicolon
        if stop == start:
            start += 1  # a stop with no sentence before it
            continue
        if stop == -1:
            yield start, body[start:]
            return
        yield start, body[start:stop + 1]
        start = stop + 1


def _item_year(line, offset: int) -> int | None:
    """Rule year-from-item: the horizon that the sentence holding `offset`, made of parts
    joined by semicolons, names in another part ("tần suất 2 lần/tháng; thời gian từ tháng 3
    đến tháng 10 năm 2026; ..."), the last; None for a sentence of one part, or naming none."""
    text, at = line.text, offset - line.start
    stops = [m.start() for m in FULL_STOP.finditer(text)]
    i = bisect.bisect_left(stops, at)
    sentence = text[stops[i - 1] + 1 if i > 0 else 0:stops[i] if i < len(stops) else len(text)]
    if ";" not in sentence.rstrip(" ;"):
        return None
    quoted = SpanSet((m.start(), m.end()) for m in QUOTED.finditer(sentence))
    years = [m for m in YEAR.finditer(sentence) if m.start() not in quoted]
    return int(years[-1].group(1)) if years else None


FULL_STOP = re.compile(r"\.(?!\d)")


LIST_MARKER = re.compile(r"^(?:[-+•*–]\s*(?:[-+]\s*)?|[a-zđ]\)\s*|\(\d{1,2}\)\s*|\d{1,2}(?:\.\d{1,2})*[.)]\s+)")
SENTENCE = re.compile(r"(?:[^.;]|\.(?=\d))+(?:[.;]|$)")


STATED_GOAL = re.compile(r"(?i)mục tiêu\b[^.;:]{0,200}?\bđạt\s+(?:ít nhất\s+|tối thiểu\s+|trên\s+)?\d")


def _stated_goals(outline: Outline, regions) -> list[tuple[Heading, int, int]]:
    """Outside objectives and announced lists, a clause that states a goal and its value
    ("với mục tiêu tỷ lệ phủ sóng mạng 5G ... đến năm 2030 đạt 100%")."""
    covered = SpanSet((s.start, s.section_end) if a is None else (a, b) for s, a, b, _ in regions)
    found = []
    for line in _lines_at(outline, prefix_scan.lowered(outline.text).starts(STATED_GOAL)):
        if line.start in covered or not STATED_GOAL.search(line.text):
            continue
        path = outline.path_at(line.start)
        if path:
            found.append((path[-1], line.start, line.end + 1))
    return found


SCOPE_WINDOW = 400  # characters after a value its scope is read from (the corpus's longest scope: 206)
PERCENT_VALUE = re.compile(r"\d+(?:,\d+)?\s*%")
# the horizon a clause names: "năm 2025", "năm 2025 và 2026" (the later), "giai đoạn 2026 - 2030" (its end)
YEAR = re.compile(r"(?:năm\s+(?:(?:19|20)\d\d\s*(?:và|,|-|–)\s*)?|giai đoạn\s+(?:19|20)\d\d\s*[-–]\s*)((?:19|20)\d\d)(?!\d)")
MAINTAIN = re.compile(r"(?<!\w)duy trì(?!\w)")
MAINTAIN_START = re.compile(r"(?<!\w)duy trì")
WORD_CHARACTER = re.compile(r"\w")
REGEX_SYNTAX = re.compile(r"[.^$*+?{}\[\]\\|()]")


class _Exclusions:
    """Numbers that are no targets: after a word of ``not_after`` ("độ tuổi 15", "năm 2025")
    or before one of ``not_before``. Read at the value, not over the whole clause before it."""

    def __init__(self, settings: dict) -> None:
        words = settings["not_after"]
        self._before = re.compile(r"(?:" + "|".join(words) + r")$", re.IGNORECASE)
        # plain words match as many characters as they have: the end of the text before the
        # value is all there is to read; a pattern among them, the whole of it
        plain = not any(REGEX_SYNTAX.search(w) for w in words)
        self._longest = max(map(len, words)) if plain else None
        self._after = re.compile(r"\s*(?:" + "|".join(settings["not_before"]) + r")", re.IGNORECASE)

    def before(self, clause: str, start: int) -> bool:
        """A word of ``not_after`` and white space only, right before `start`; but a period
        of a frequency is no date (rule frequency-count: "mỗi quý 1 lần")."""
        end = start
        while end > 0 and clause[end - 1].isspace():  # end falls; each value has its own gap before it
            end -= 1
        window = 0 if self._longest is None else max(0, end - self._longest)
        if not self._before.search(clause, window, end):
            return False
        return not (_frequency_end().search(clause, max(0, end - 30), end) and _TIMES.match(clause, start))

    def after(self, clause: str, end: int) -> bool:
        return bool(self._after.match(clause, end))


@functools.cache
def _frequency_end() -> re.Pattern:
    """ "mỗi quý", "hằng tháng" at the end of the text before a value (``frequency``)."""
    frequency = _settings()["frequency"]
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, frequency["every"])) + r")\s+(?:"
                      + "|".join(map(re.escape, frequency["periods"])) + r")\s*$")


_TIMES = re.compile(r"(?:\d{1,3}(?:\.\d{3})+|\d+)\s*lần(?!\w)")


class _AroundValues:
    """What the rules read around the values of one clause, found once for the clause, so
    that a clause of thousands of values is not read again for each value."""

    def __init__(self, clause: str) -> None:
        self.clause = clause
        quoted = SpanSet((m.start(), m.end()) for m in QUOTED.finditer(clause))
        # a year inside a quoted name is that document's ("Đề án “... giai đoạn 2021-2025”")
        self._years = [m for m in YEAR.finditer(clause) if m.start() not in quoted]
        self._year_starts = [m.start() for m in self._years]
        self._year_ends = [m.end() for m in self._years]
        self._next_percent: re.Match | None = None
        self._percent_from = len(clause) + 1  # where _next_percent was looked for from
        lowered = clause.lower()
        self._maintain_ends: set[int] | None = None
        if len(lowered) == len(clause):  # a lower-casing that keeps lengths keeps offsets
            ends = [m.end() for m in MAINTAIN_START.finditer(lowered)]
            self._maintain_ends = set(ends)
            self._first_maintain_end = min((e for e in ends if e < len(lowered)
                                            and not WORD_CHARACTER.match(lowered, e)), default=len(clause) + 1)

    def maintained_before(self, start: int) -> bool:
        """ "duy trì" (a whole word) in the clause before `start`."""
        if self._maintain_ends is None:
            return bool(MAINTAIN.search(self.clause[:start].lower()))
        return self._first_maintain_end < start or start in self._maintain_ends

    def year(self, start: int, end: int) -> int | None:
        """The year a value is for: "năm YYYY" after it (before the next value), else before it."""
        stop = self._percent_after(end)
        i = bisect.bisect_left(self._year_starts, end)
        if i < len(self._years) and self._year_ends[i] <= stop:
            return int(self._years[i].group(1))
        i = bisect.bisect_right(self._year_ends, start) - 1
        return int(self._years[i].group(1)) if i >= 0 else None

    def _percent_after(self, end: int) -> int:
        """Where the first "N %" at or after `end` starts (the end of the clause if none)."""
        known = self._next_percent
        if not (self._percent_from <= end and (known is None or known.start() >= end)):
            self._next_percent = PERCENT_VALUE.search(self.clause, end)
            self._percent_from = end
        return self._next_percent.start() if self._next_percent else len(self.clause)


def _clause_year(clause: str) -> int | None:
    found = CLAUSE_YEAR.findall(clause)
    return int(found[-1]) if found else None


CLAUSE_YEAR = re.compile(r"(?:đến|vào|trong|tới|đạt)?\s*năm\s+((?:19|20)\d\d)")


COPULA_END = re.compile(r"\s+(?:là|ở mức|bằng)\s*$")  # "tối thiểu là 98%": the bound word before "là"


@functools.cache
def _bound_words(name: str) -> tuple[re.Pattern | None, re.Pattern | None]:
    """The comparator `name`'s words as two patterns: one ending the text before a value, one
    opening the text after it."""
    words = _settings()["comparators"][name]
    before = "|".join(map(re.escape, words.get("before", [])))
    after = "|".join(map(re.escape, words.get("after", [])))
    return (re.compile(r"(?:^|\s)(?:" + before + r")\s*$") if before else None,
            re.compile(r"^\s*(?:" + after + r")(?!\w)") if after else None)


def _comparator(before: str, after: str, maintained: bool, settings: dict) -> str | None:
    """A bound word right before (in `before`, the 40 characters before the value) or after
    the value (in `after`, the 25 after it) wins; else "duy trì" before it (`maintained`)."""
    near_before = COPULA_END.sub("", before[-40:].lower())
    near_before = _frequency_end().sub("", near_before)  # "ít nhất mỗi quý 1 lần": the bound is the count's
    near_after = after[:25].lower()
    for name in ("about", "at_least", "at_most"):
        before_words, after_words = _bound_words(name)
        if before_words and before_words.search(near_before):
            return name
        if after_words and after_words.match(near_after):
            return name
    # rule negated-excess: "không giữ quá 2 chức danh", the bound split by the verb it bounds
    if _negated_excess().search(near_before):
        return "at_most"
    if maintained:
        return "maintain"
    return None


@functools.cache
def _negated_excess() -> re.Pattern:
    words = _settings()["comparators"]["at_most"]["negated"]
    return re.compile(r"(?:^|\s)không(?:\s+[^\s\d]+){1,2}?\s+(?:" + "|".join(map(re.escape, words)) + r")\s*$")


def _scope(before: str, after: str, settings: dict) -> str | None:
    """Who or what is counted: the measured phrase right before the value when the clause
    names one ("tỷ lệ cấp ủy viên nữ từ 15%"), else the words after the value, up to the
    clause's next part ("100% xã được công nhận")."""
    measured = _measured_phrase(before, settings)
    if measured:
        return measured
    rest = after.strip()
    for word in settings["comparators"]["at_least"]["after"] + settings["comparators"]["at_most"]["after"]:
        if rest.lower().startswith(word):
            rest = rest[len(word):].strip()
    scope = SCOPE_END.split(rest, maxsplit=1)[0].strip(" .")
    return scope or None


SCOPE_END = re.compile(r"[,;:(]")
PHRASE_STOP = re.compile(r"[,;:]")
LAST_WORDS = re.compile(r"(\S+(?:\s+\S+)?)$")


def _measured_phrase(before: str, settings: dict) -> str | None:
    """ "tỷ lệ cán bộ trẻ" in "... phấn đấu tỷ lệ cán bộ trẻ từ 10%": from the last measure
    word (``measure_words``) before the value, without the cue and bound words that end it;
    None when no measure word stands there or it stands alone."""
    low = before.lower()
    if len(low) != len(before):
        return None
    found = None
    for match in _words_regex(tuple(settings["measure_words"])).finditer(low):
        found = match
    if found is None or PHRASE_STOP.search(before, found.start()):
        return None
    phrase = before[found.start():].strip()
    tail = _words_regex(tuple(settings["scope_tail_words"]))
    for _ in range(6):  # each turn cuts a word off the end, or stops
        last = LAST_WORDS.search(phrase)
        cut = next((m for m in tail.finditer(phrase.lower()) if m.end() == len(phrase)), None)
        if cut is None or last is None:
            break
        phrase = phrase[:cut.start()].rstrip()
    words = phrase.split()
    return phrase if len(words) > 2 else None


# --- target tables -----------------------------------------------------------------------

YEAR_COLUMN = re.compile(r"(?i)^(?:năm|dự kiến(?: dự toán)? năm|kế hoạch năm|mục tiêu năm|chỉ tiêu năm)?\s*((?:19|20)\d\d)$")
TABLE_NUMBER = re.compile(r"^[<>≥≤]?\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?:\s*[-–]\s*(\d+)(?:,(\d+))?)?\s*%?$")


TARGETS_CAPTION = re.compile(r"(?i)chỉ tiêu|mục tiêu")
CURRENT_YEAR = re.compile(r"(?i)hiện hành|ước")
BULLET = re.compile(r"^[-+•*]\s*")
ORDINAL = re.compile(r"^(?:[IVXLC]+|[a-zđ]|\d+)\.?$")
COLUMN_NUMBER = re.compile(r"^(?:\d{1,2}|[A-Z]|\d+=[\d/+*-]+)$")


def extract_table_targets(tables, caption_of) -> list[Target]:
    """Targets in tables of targets: a table whose caption speaks of targets (chỉ tiêu, mục
    tiêu) and whose header names year columns ("Năm 2026"). One target per row and year: the
    row's label, its unit cell, and its numbers read from the right (an empty cell ends a row
    in these pages too, so a row may come in pieces: a piece without a label joins the row
    before). The current year's columns ("Năm hiện hành", "Ước thực hiện") are results."""
    found: list[Target] = []
    for table in tables:
        title = caption_of(table)
        if not TARGETS_CAPTION.search(title[-250:]):
            continue
        years = [int(m.group(1)) for c in table.rows[0]
                 if (m := YEAR_COLUMN.match(c.text.strip())) and not CURRENT_YEAR.search(c.text)]
        if not years:
            continue
        parent = None
        for row in _joined_rows(table.rows[1:]):
            label_at = next((i for i, c in enumerate(row) if _is_label(c.text)), None)
            if label_at is None:
                continue
            label = row[label_at].text
            rest = row[label_at + 1:]
            unit = rest[0].text if rest and not TABLE_NUMBER.match(rest[0].text) and len(rest[0].text) <= 20 else ""
            numbers = []
            for cell in reversed(rest[1 if unit else 0:]):
                match = TABLE_NUMBER.match(cell.text.strip())
                if not match:
                    break
                numbers.insert(0, (match, cell))
            clean = BULLET.sub("", label).strip()
            sub = label.lstrip().startswith(("-", "+"))
            if not numbers:
                if not sub:
                    parent = clean
                continue
            scope = f"{parent} - {clean}" if parent and sub else clean
            if not sub:
                parent = clean
            # right-aligned to the year columns; a short row fills them from the first
            columns = numbers[-len(years):] if len(numbers) >= len(years) else numbers
            row_span = (row[0].span[0], row[-1].span[1])
            for year, (match, cell) in zip(years if len(numbers) >= len(years) else years[:len(numbers)], columns):
                value_max = _value(match.group(3), match.group(4)) if match.group(3) else None
                found.append(Target(
                    text=clean, value=_value(match.group(1), match.group(2)), value_max=value_max,
                    unit=unit or ("%" if "%" in cell.text else ""), comparator=None, year=year, scope=scope,
                    section=title[-120:].strip(), span=cell.span, clause_span=row_span, rule="target:table-cell"))
    return found


def _is_label(text: str) -> bool:
    """A row's label: words, not a number, not an ordinal ("1", "II", "a")."""
    text = text.strip()
    return bool(text) and not TABLE_NUMBER.match(text) and not ORDINAL.match(text) \
        and len(text) > 3


def _column_numbers(row) -> bool:
    """The row that numbers the columns: "1 2 3 ... 8", "A B 1 2 ...", "4=3/2"."""
    texts = [c.text.strip() for c in row]
    return len(texts) >= 3 and all(COLUMN_NUMBER.match(t) for t in texts)


def _joined_rows(rows):
    joined = []
    for row in rows:
        if _column_numbers(row):
            continue
        if joined and not any(_is_label(c.text) for c in row):
            joined[-1] = joined[-1] + row
        else:
            joined.append(list(row))
    return joined


def line_clauses(line):
    """The sentences of one line of the outline, without its list marker: (text, start,
    end), read alike by the targets and by ingest/results.py."""
    return _line_clauses(line)
