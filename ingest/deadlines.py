"""Deadlines: reporting duties ("báo cáo ... trước ngày 15 tháng 11 hàng năm", "báo cáo hằng
ngày", "báo cáo UBND tỉnh") and the times tasks must be done by ("(Tháng 8/2018)", "Quý
I/2018", "trước ngày 31/12/2025", "từ tháng 3 đến tháng 10 năm 2026", "trong thời hạn 10
ngày"), kept apart by ``kind``; with recurrence, actor and recipient where the text says them.

The words of the rules are in ``ingest/patterns/deadlines.json``. Each time expression is one
named pattern (``PATTERNS``); a clause gives one deadline per time it states, and a reporting
duty with no time is one more deadline of its clause (``report-to``, ``report-duty``)."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ingest import patterns, prefix_scan
from ingest.document_parts import DocumentParts, section_roles, states_no_targets
from ingest.openings import ITEM_OPENINGS, LINE_OPENINGS, cases, opening, opening_at, word_alternatives, words
from ingest.organisation_names import name_at
from ingest.organisations import owner_name, section_owner
from ingest.records import Deadline
from ingest.segment import Outline
from ingest.span_set import SpanSet
from ingest.tables import task_columns, task_rows
from ingest.targets import announced_lists

ROMAN_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
YEAR = r"(?:19|20)\d\d"
QUARTER = r"(?:IV|III|II|I|[1-4])(?!\w)"
# rules whose time is a period an activity runs over, with no single due date (recurrence null)
# rules whose time, in the preamble (title, grounds, the situation before the body), tells when
# something happened, not when a duty is due: "Từ ngày 15/11 đến ngày 20/11/2026, trên địa bàn xảy ra ...";
# a label of time ("Thời gian thực hiện: ...", "Hạn cuối nhận bài: Ngày ...") says when work is due, wherever it stands
PREAMBLE_PAST_RULES = {"range-end", "month-range", "months-and", "year-range", "in-year", "in-month", "aim-year",
                       "dated-line", "by-year", "monitoring-calendar"}
# a duration ("trong 24 giờ đầu") is never a target's horizon: a deadline even among objectives
DURATION_RULES = {"within", "within-latest", "own-span"}
PERIOD_RULES = {"month-range", "months-and", "year-range", "within", "within-latest", "own-span"}
# a time of day before a day ("từ 07h30 ngày 08/12/2025"): "7h", "07h30", "7 giờ 30"
CLOCK = r"\d{1,2}\s?(?:h|giờ)(?:\s?\d{1,2}(?:\s?phút)?)?"
DATE = rf"(?P<day>\d{{1,2}})(?:/|\s+tháng\s+)(?P<month>\d{{1,2}})(?:/|\s+năm\s+)(?P<year>{YEAR})"


# a line's or a sentence's opening: "Đến năm 2030, ..." after ". " too
SENTENCE_OPENINGS = LINE_OPENINGS + (r"\. ",)


def _settings() -> dict:
    return patterns.load("deadlines")


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _escaped(words) -> list[str]:
    """`words` escaped for a regex, the longest first (as ``_alternatives`` joins them)."""
    return [re.escape(w) for w in sorted(words, key=len, reverse=True)]


def _every_words(*recurrences: str) -> list[str]:
    """The words of `recurrences` (all when none), escaped, the longest first."""
    table = _settings()["recurrences"]
    return [re.escape(w) for w in sorted((w for r in (recurrences or table) for w in table[r]), key=len, reverse=True)]


def _every(*recurrences: str) -> str:
    return "|".join(_every_words(*recurrences))


@cache
def _patterns() -> list[tuple[str, re.Pattern]]:
    """Each pattern: what it recognises, named groups day/month/year/quarter/every/ongoing."""
    s = _settings()
    ongoing = rf"(?P<ongoing>\s+(?:{_alternatives(s['ongoing'])}))?"
    line_prefixes = _alternatives(s["line_period_prefixes"])
    # "Ngày 06/2/2026:", "Cuối tháng 10/2026:", "Trung tuần tháng 4/2026:", "Tháng 5/2026:" at a
    # line's start; the prefix in any case
    dated_line_opening = opening_at(
        [("N", r"gày\s+(?P<day>\d{1,2})(?:/|\s+tháng\s+)")]
        + [(cases(word[0]), f"(?i:{re.escape(word[1:])})" + r"\s+[Tt]háng\s+")
           for word in sorted(s["line_period_prefixes"], key=len, reverse=True)]
        + [("Tt", r"háng\s+")], LINE_OPENINGS)
    return [
        # "a) Kể từ ngày 01 tháng 01 năm 2028 đến hết ngày 31/12/2029: ...": a phase of a legal duty
        # opens its clause with the day it takes effect from; that day is the deadline
        ("from-date", re.compile(rf"{opening('Kk', ITEM_OPENINGS)}ể từ ngày\s+{DATE}")),
        # "từ ngày 15/11 đến ngày 15/12", "từ ngày 08 đến ngày 10 tháng 12 năm 2025": the end
        # "Từ ngày 06/2/2026 – ngày 15/7/2026:", "từ 07h30 ngày 08/12 đến 07h30 ngày 15/12/2026": a dash
        # for "đến", a time of day before each day
        ("range-end", re.compile(
            rf"[Tt]ừ\s+(?:{CLOCK}\s+)?ngày\s+\d{{1,2}}(?:(?:/|\s+tháng\s+)\d{{1,2}}(?:(?:/|\s+năm\s+){YEAR})?)?"
            rf"(?:\s+đến(?: hết)?|\s*[–-])\s+(?:{CLOCK}\s+)?ngày\s+"
            rf"(?P<day>\d{{1,2}})(?:/|\s+tháng\s+)(?P<month>\d{{1,2}})(?:(?:/|\s+năm\s+)(?P<year>{YEAR}))?")),
        # a line of a timeline that opens with its day or month ("- Ngày 06/2/2026: Tổ chức họp báo ...",
        # "- Cuối tháng 10/2026: tổ chức Lễ trao giải"): the line's work is due then
        ("dated-line", re.compile(
            rf"(?P<at>{dated_line_opening}"
            rf"(?P<month>\d{{1,2}})(?:/|\s+năm\s+)(?P<year>{YEAR}))\s*:")),
        # a line "<what>: <its day or month>" and nothing after ("+ Hạn cuối nhận bài: Ngày 27/3/2026.",
        # "+ Lễ trao giải: Tháng 4/2026"); also a time label's month ("Thời gian thực hiện: Trong tháng 9/2025 ...")
        ("labelled-date", re.compile(
            rf"(?m)^(?:[-+•*][ \t])?[^\d:\n]{{3,60}}:[ \t]*(?P<at>(?:[Nn]gày\s+(?P<day>\d{{1,2}})(?:/|\s+tháng\s+)|[Tt]háng\s+)"
            rf"(?P<month>\d{{1,2}})(?:/|\s+năm\s+)(?P<year>{YEAR}))[ \t]*\.?[ \t]*$")),
        ("label-month", re.compile(
            rf"(?i:{_alternatives(s['time_labels'])})\s*:\s*(?P<at>(?:(?i:{line_prefixes})\s+)?[Tt]háng\s+"
            rf"(?P<month>\d{{1,2}})(?:/|\s+năm\s+)(?P<year>{YEAR}))")),
        # "hưởng ứng “Ngày Quốc tế Hạnh phúc” (ngày 20/3)": a day the plan observes, by its date
        ("observance-day", re.compile(
            rf"(?i:{_alternatives(s['observance_verbs'])})\s+[“\"]?Ngày\s[^()\n“”\"]{{1,120}}[”\"]?\s*"
            r"\(\s*(?:ngày\s+)?(?P<day>\d{1,2})/(?P<month>\d{1,2})\s*\)")),
        ("date-recurring", re.compile(
            words(["trước", "chậm nhất là ", "chậm nhất ", "vào", "trong", "đến"], whole=False) +
            r"(?i:\s*(?:ngày\s+)?(?:mùng|mồng)?\s*(?P<day>\d{1,2})"
            rf"(?:\s+tháng\s+|/)(?P<month>\d{{1,2}})(?:(?:\s+năm\s+|/)(?P<year>{YEAR}))?"
            rf"(?P<every>\s+(?:{_every('yearly')}))?)")),
        ("day-monthly", re.compile(words(["trước", "vào"], whole=False) +
                                   rf"(?i:\s+ngày\s+(?:mùng|mồng)?\s*(?P<day>\d{{1,2}})\s+"
                                   rf"(?P<every>{_every('monthly')}))")),
        # "thời gian quan trắc từ tháng 3 đến tháng 10 năm 2026": a period, by its last month
        ("month-range", re.compile(rf"[Tt]ừ tháng\s+\d{{1,2}}\s+đến(?: hết)?\s+tháng\s+(?P<month>\d{{1,2}})"
                                   rf"(?:/|\s+năm\s+)(?P<year>{YEAR})")),
        # monitoring-calendar: "Thời gian thực hiện: Từ tháng 3 đến tháng 11 hằng năm", "tháng 6-8 hằng
        # năm": work done in the same months every year, due at the last month, yearly
        ("monitoring-calendar", re.compile(
            words([r"từ\s+tháng", "tháng"], whole=False) +
            rf"(?i:\s+\d{{1,2}}\s*(?:đến(?: hết)?\s+tháng\s+|[-–]\s*(?:tháng\s+)?)(?P<month>\d{{1,2}})"
            rf"\s+(?P<every>{_every('yearly')}))(?!\w)")),
        # "vào tháng 4 và tháng 8 năm 2026": one deadline per month
        ("months-and", re.compile(rf"[Tt]háng\s+(?P<months>\d{{1,2}}\s+và\s+tháng\s+\d{{1,2}})"
                                  rf"(?:/|\s+năm\s+)(?P<year>{YEAR})")),
        # "Từ năm 2025 đến hết năm 2030": a period, by its last year
        # "Từ năm 2026 - 2030": the same, a dash for "đến"
        ("year-range", re.compile(rf"[Tt]ừ năm\s+{YEAR}\s*(?:\s+đến(?: hết)?\s+năm\s+|[-–]\s*(?:năm\s+)?)(?P<year>{YEAR})")),
        # "Từ nay đến hết năm 2025"
        ("until-year", re.compile(rf"[Tt]ừ nay\s+đến hết\s+năm\s+(?P<year>{YEAR})")),
        # "từ nay đến ngày 30/6/2026", "từ nay đến hết tháng 10/2026": work to be done by then
        ("until-date", re.compile(rf"[Tt]ừ nay\s+đến(?: hết)?\s+ngày\s+{DATE}")),
        ("until-month", re.compile(rf"[Tt]ừ nay\s+đến(?: hết)?\s+tháng\s+(?P<month>\d{{1,2}})(?:/|\s+năm\s+)(?P<year>{YEAR})")),
        # "(Tháng 8/2018)", "(Tháng 3, 4/2018)": one deadline per month
        ("month-year", re.compile(rf"\(\s*[Tt]háng\s+(?P<months>\d{{1,2}}(?:\s*[,-]\s*\d{{1,2}}){{0,11}})\s*[/-]\s*"
                                  rf"(?P<year>{YEAR})\s*\)")),
        # "Quý I/2018", "Các Quý I, II, III/2018", "quý 3/2025": one deadline per quarter
        ("quarter", re.compile(rf"[Qq]uý\s+(?P<quarters>{QUARTER}(?:\s*,\s*{QUARTER}){{0,3}})\s*(?:/|năm\s+)"
                               rf"(?P<year>{YEAR}){ongoing}")),
        # "trong tháng 11/2025", "vào đầu tháng 3/2025", "vào trung tuần tháng 4/2025"
        ("in-month", re.compile(rf"(?:trong|trước|hoàn thành trong|vào(?:\s+(?:{_alternatives(s['period_prefixes'])}))?)"
                                rf"\s+tháng\s+(?P<month>\d{{1,2}})\s*(?:/|năm\s+)(?P<year>{YEAR})")),
        ("in-year", re.compile(rf"(?:trong|hoàn thành trong|hoàn thành|vào)\s+năm\s+(?P<year>{YEAR}){ongoing}")),
        # "phấn đấu đến năm 2030 đạt 30% doanh nghiệp ...": a rate to reach by a year, in a task
        # "Đến năm 2030, hệ thống quan trắc được hoàn thiện.": a sentence of a task opening with its year
        ("by-year", re.compile(rf"(?P<at>{opening('Đ', SENTENCE_OPENINGS)}ến(?: hết)?\s+năm\s+"
                               rf"(?P<year>{YEAR}))\s*,")),
        ("aim-year", re.compile(rf"(?:đến|vào)(?: hết)?\s+năm\s+(?P<year>{YEAR})")),
        # "- Thời gian thực hiện: Năm 2026 và các năm tiếp theo."
        ("time-label", re.compile(rf"(?i:{_alternatives(s['time_labels'])})\s*:\s*(?:[Nn]ăm\s+)(?P<year>{YEAR})"
                                  rf"{ongoing}")),
        # "Báo cáo giữa kỳ thực hiện Kế hoạch (năm 2030)": only in a reporting duty
        ("report-year", re.compile(rf"\(\s*năm\s+(?P<year>{YEAR})\s*\)")),
        # own-span: "thời gian thực hiện không quá 24 tháng kể từ ngày Nghị quyết này có hiệu lực":
        # a span of the document's own life, the same for every case: a duty's, with no date
        ("own-span", re.compile(rf"(?:Trong(?:\s+thời hạn|\s+vòng)?|trong(?:\s+thời hạn|\s+vòng)?|không quá"
                                rf"|Chậm nhất(?: là)?|chậm nhất(?: là)?)\s+(?:tối đa\s+)?"
                                rf"\d{{1,3}}\s+(?:{_alternatives(s['duration_units'] + s['long_duration_units'])})"
                                rf"(?!\w)(?={_own_start_regex()})")),
        # "trong thời hạn 10 ngày làm việc", "trong 24 giờ", "trong 24-48 giờ": no date
        ("within", re.compile(rf"[Tt]rong\s+(?:thời hạn\s+|vòng\s+)?(?:tối đa\s+)?\d{{1,3}}(?:\s*-\s*\d{{1,3}})?\s+"
                              rf"(?:{_alternatives(s['duration_units'])})(?!\w)")),
        # "chậm nhất là 05 năm kể từ ngày 01/7/2026 phải ...": the longest time allowed, no date
        ("within-latest", re.compile(rf"[Cc]hậm nhất(?: là)?\s+(?:trong\s+)?\d{{1,3}}\s+"
                                     rf"(?:{_alternatives(s['duration_units'] + s['long_duration_units'])})(?!\w)")),
        ("periodic", re.compile(rf"(?P<every>{words(_every_words())})(?!\w)")),
    ]


@cache
def _scanned() -> tuple[re.Pattern, ...]:
    """The patterns read over a whole document."""
    return tuple(p for _, p in _patterns()) + (_bare_report(), _report_to(), REPORT_DUTY)


# a rule whose matches open a line ("(?m)^") and hold a literal on that line: tried only at the
# starts of the lines holding it ("+ Hạn cuối nhận bài: Ngày 27/3/2026.": a colon), not at every character
LINE_LITERALS = {"labelled-date": ":"}
# a word found from a shorter one found before is read at that one's places when they are fewer than
# one per this many characters of the text (a find reads about this many in the time a place is checked)
_FIND_PER_PLACE = 150


@cache
def _scan_plan() -> tuple[tuple, tuple, tuple]:
    """How the rules of ``_scanned`` are read over a document, worked out once: for each pattern
    the groups of its openings (``prefix_scan.openings``: the lowered texts one of which opens every
    match) as (head, longer), each group found by its head, the common start of its openings ("hàng "
    for "hàng ngày", "hàng năm"), then kept where one of the longer ones stands; None for a pattern
    read by ``finditer`` itself. Then how the heads are found: those that hold no shorter head, by
    their rarest-looking letter (``_anchor``: "ầ" for "lần", "đầu", "trung tuần"), as
    (letter, ((head, its offset in the head), ...)); and the others, the shortest first, with the
    shorter heads each one holds ("từ" in "từ nay")."""
    names = [name for name, _ in _patterns()] + [None, None, None]
    plans = []
    for name, pattern in zip(names, _scanned()):
        pattern_heads = prefix_scan.heads(pattern)
        if name in LINE_LITERALS or pattern_heads is None:
            plans.append(LINE_LITERALS.get(name))
            continue
        plans.append(pattern_heads)
    heads = sorted({head for plan in plans if isinstance(plan, tuple) for head, _ in plan}, key=len)
    holding = [(head, tuple(h for h in heads[:i] if h in head)) for i, head in enumerate(heads)]
    anchored: dict[str, list[tuple[str, int]]] = {}
    for head, shorter in holding:
        if not shorter:
            letter = _anchor(head)
            anchored.setdefault(letter, []).append((head, head.find(letter) if letter else 0))
    return (tuple(plans), tuple((letter, tuple(group)) for letter, group in anchored.items()),
            tuple((head, shorter) for head, shorter in holding if shorter))


def _anchor(head: str) -> str | None:
    """The letter a head is looked for by: the last in Unicode's order of its letters beyond ASCII,
    a letter with a tone mark of Vietnamese ("ầ", "ừ", "ỳ") before a bare one ("à"); each of those
    stands in few places of a text, and ``str.find`` skips to one letter at memory speed. None for
    a head of ASCII ("trong"), found whole."""
    return max((c for c in head if not c.isascii()), default=None)


# a letter looked for stands in more places than this for each head it finds: the heads are found
# whole instead (a find of a head reads the text in about the time of this many places); so too
# when the first _FORETOLD places, by where the last of them stands, foretell more
_PLACES_PER_HEAD = 40
_FORETOLD = 8


def _head_places(lowered: str) -> dict[str, list[int]]:
    """Where each head of ``_scan_plan`` stands in the lowered text (overlapping places too): at the
    places of its anchor letter, while those are few, else with ``str.find``; a head holding a
    shorter one that stands in few places, at those places."""
    anchored, holding = _scan_plan()[1:]
    places: dict[str, list[int]] = {}
    for letter, group in anchored:
        spots = _letter_places(lowered, letter, _PLACES_PER_HEAD * len(group)) if letter else None
        if spots is None:
            for head, _ in group:
                places[head] = _found(lowered, head)
        else:
            for head, shift in group:
                places[head] = [spot - shift for spot in spots
                                if spot >= shift and lowered.startswith(head, spot - shift)]
    few = len(lowered) // _FIND_PER_PLACE
    for head, shorter in holding:
        within = min(shorter, key=lambda h: len(places[h]))
        if len(places[within]) < few:
            shift = head.find(within)
            places[head] = [at - shift for at in places[within]
                            if at >= shift and lowered.startswith(head, at - shift)]
        else:
            places[head] = _found(lowered, head)
    return places


def _letter_places(lowered: str, letter: str, most: int) -> list[int] | None:
    """The places of `letter` in `lowered`; None when there are more than `most`, or when the
    first _FORETOLD of them, by where the last one stands, foretell more."""
    find = lowered.find
    spots = []
    at = find(letter)
    while at != -1 and len(spots) < _FORETOLD:  # at grows every turn
        spots.append(at)
        at = find(letter, at + 1)
    if at == -1:
        return spots
    if _FORETOLD * len(lowered) > most * at:
        return None
    while at != -1:  # at grows every turn
        spots.append(at)
        at = find(letter, at + 1)
        if len(spots) > most:
            return None
    return spots


def _found(lowered: str, word: str) -> list[int]:
    """Every place of `word` in `lowered`, overlapping ones too."""
    found = []
    at = lowered.find(word)
    while at != -1:  # at grows every turn
        found.append(at)
        at = lowered.find(word, at + 1)
    return found


def _line_starts_holding(text: str, literal: str) -> list[int]:
    """The starts of the lines of `text` that hold `literal`, in order, each once."""
    starts = []
    at = text.find(literal)
    while at != -1:  # at grows every turn: past the line it stands on
        starts.append(text.rfind("\n", 0, at) + 1)
        end = text.find("\n", at)
        if end == -1:
            break
        at = text.find(literal, end)
    return starts


def _scanned_matches(text: str) -> tuple[list[re.Match], ...]:
    """The matches of each pattern of ``_scanned`` over `text`, those of ``pattern.finditer(text)``:
    each pattern tried only where one of its openings stands in the lowered text, from the end of its
    match before (``re`` looks behind a start position into the whole text); a rule of
    ``LINE_LITERALS`` at the starts of the lines holding its literal. A text whose lowering changes its
    length is read with ``finditer``."""
    patterns_ = _scanned()
    lowered = prefix_scan.lowered(text).lowered  # the document's, shared with the other rules
    if len(lowered) != len(text):
        return tuple(list(p.finditer(text)) for p in patterns_)
    places = _head_places(lowered)
    found = []
    for pattern, plan in zip(patterns_, _scan_plan()[0]):
        if plan is None:
            found.append(list(pattern.finditer(text)))
            continue
        if isinstance(plan, str):
            starts = _line_starts_holding(text, plan)
        elif len(plan) == 1 and not plan[0][1]:
            starts = places[plan[0][0]]
        else:
            starts = []
            for head, longer in plan:
                starts += [at for at in places[head] if lowered.startswith(longer, at)] if longer else places[head]
            if len(plan) > 1:
                starts = sorted(set(starts))
        matches = []
        end = 0
        match = pattern.match
        for at in starts:
            if at < end:
                continue
            one = match(text, at)
            if one:
                matches.append(one)
                end = one.end()
        found.append(matches)
    return tuple(found)


_scans: tuple = (None, ())   # the text read last and its matches (``_scan``)


def _scan(text: str) -> tuple[list[re.Match], ...]:
    """``_scanned_matches`` of `text`, read once per document: the main rules, the undated reports
    and the bare reports read the same matches."""
    global _scans
    scans = _scans  # read once: another thread may put its own document's there meanwhile
    if scans[0] is not text:
        scans = _scans = (text, _scanned_matches(text))
    return scans[1]


@cache
def _recurrence_of() -> dict[str, str]:
    return {w.lower(): r for r, words in _settings()["recurrences"].items() for w in words}


def _recurrence(every: str | None) -> str | None:
    return _recurrence_of().get(" ".join(every.lower().split())) if every else None


def _report_words(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Where "báo cáo" stands as a duty in text[start:end]: not a document ("các báo cáo", "Báo cáo số
    21", "thống nhất với Báo cáo về ...": a capital inside a sentence names one), nor a person
    ("báo cáo viên")."""
    end = len(text) if end is None else end
    found = []
    scans = _scans  # read once, as in _scan
    whole = start == 0 and end == len(text) and scans[0] is text  # the document read by ``_scan``
    for match in scans[1][-3] if whole else prefix_scan.finditer(_bare_report(), text, None, start, end):
        before = text[max(start, match.start() - 3):match.start()].rstrip()
        if text[match.start()].isupper() and before and (before[-1].isalnum() or before[-1] == ","):
            continue  # a document's name inside a sentence
        if _a_right(text, match.start()):
            continue  # "được quyền bảo lưu và báo cáo lên cấp trên": a right, not a duty
        found.append(match.start())
    return found


@cache
def _right_before() -> re.Pattern:
    words = _alternatives(_settings()["right_words"])
    return re.compile(rf"(?i)(?<!\w)(?:{words})(?:\s+[^\W\d]+){{0,3}}(?:\s+và|,)?\s+$")


def _a_right(text: str, at: int) -> bool:
    """ "Đảng viên ... được quyền bảo lưu và báo cáo lên cấp trên": a report a right allows, not a duty
    (right-not-duty)."""
    return bool(_right_before().search(text, max(0, at - 50), at))


@cache
def _completion_cue() -> re.Pattern:
    """A verb of submitting ("trình", "gửi xin ý kiến") or finishing ("hoàn thành"), not inside a
    compound ("chương trình")."""
    s = _settings()
    return _verb_of(s["completion_verbs"] + s["finishing_verbs"])


@cache
def _submission_cue() -> re.Pattern:
    """A verb of submitting to another body ("trình"), not inside a compound ("chương trình")."""
    return _verb_of(_settings()["completion_verbs"])


def _verb_of(words) -> re.Pattern:
    compounds = "".join(rf"(?<!{re.escape(w)} )" for w in _settings()["completion_compounds"])
    return re.compile(rf"(?i)(?<!\w){compounds}(?:{_alternatives(words)})(?!\w)(?! độ)")


@cache
def _report_to() -> re.Pattern:
    """ "báo cáo UBND tỉnh", "báo cáo ngay về Sở Y tế", "báo cáo kết quả thực hiện với UBND huyện",
    "phản ánh về Ủy ban nhân dân tỉnh": the recipient starts where the match ends."""
    s = _settings()
    links = _alternatives(s['recipient_links'])
    about = rf"\s+(?:{_alternatives(s['report_objects'])})\s+(?:{links})"   # tried first
    adverbs = rf"(?:\s+(?:{_alternatives(s['report_adverbs'])})){{0,2}}(?:\s+(?:{links}))?"
    # the recipient stands on the verb's line: "VII. CHẾ ĐỘ BÁO CÁO" over a paragraph is no report
    return re.compile("(?:" + "|".join(word_alternatives(_escaped(s["report_cues"]), then=rf"(?i:(?:{about}|{adverbs})[ \t]+)")
                                       + word_alternatives(_escaped(s["feedback_cues"]), then=r"[ \t]+")) + ")")


# a duty to report with words before the recipient: "gửi báo cáo ... về", "báo cáo kết quả ... về"
REPORT_DUTY = re.compile(words([r"gửi báo cáo", r"tổng hợp,? báo cáo", r"báo cáo kết quả", r"báo cáo tình hình",
                                r"báo cáo tiến độ"], whole=False) +
                         r"(?i:[^.;\n]{0,160}?\s(?:về|cho|lên|gửi)\s+(?=[A-ZĐÀ-Ỹ]|(?:phòng|sở|ban|ủy ban|uỷ ban)\s))")

FULL_STOP = re.compile(r"\.(?:\s|$)")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause holding text[start:end]: from the line break or ";" before it to the first line
    break, ";" or full stop after it, each looked for within the line only."""
    line_start = text.rfind("\n", 0, start)
    left = max(line_start, text.rfind(";", line_start + 1, start)) + 1
    line_end = text.find("\n", end)
    if line_end == -1:
        line_end = len(text)
    semicolon = text.find(";", end, line_end)
    right = semicolon if semicolon != -1 else line_end
    full_stop = FULL_STOP.search(text, end, right + 1)  # "." then a space or the end, before that
    if full_stop and full_stop.start() < right:
        right = full_stop.start()
    while left < start and text[left] in " -+•":  # left grows, bounded by start
        left += 1
    return left, right


def _is_report(text: str, c_start: int, c_end: int, at: int) -> bool:
    """A time is a report's when the last verb before it is "báo cáo", or when the clause
    reports and no verb of submitting stands before the time ("Trước ngày 15/12 hằng năm tổng
    hợp, báo cáo ..."); "báo cáo ... theo tiến độ chung, trình ... trước ngày 09/4" is a task's."""
    before = text[c_start:at]
    reports = _report_words(before)
    completions = [m.start() for m in _completion_cue().finditer(before)]
    if completions and (not reports or completions[-1] > reports[-1]):
        return False
    return bool(reports) or bool(_report_words(text, at, c_end))


def _finished_then_reported(text: str, c_start: int, at: int) -> bool:
    """ "rà soát ..., hoàn thành trước ngày 31/12/2026 và tổng hợp báo cáo về Sở ...": the time
    right after a word of finishing, with no report before it, is the work's and the report's
    that follows it: one time, two records."""
    before = text[c_start:at]
    return not _report_words(before) and \
        before.rstrip().lower().endswith(tuple(_settings()["finished_by"]))


@lru_cache(maxsize=4096)
def _opens_with(title: str, words: str) -> bool:
    """Whether a heading's title opens with one of the words of the setting `words`
    ("funding_headings"), read once per title."""
    return _lowered_title(title).lstrip(" *").startswith(tuple(_settings()[words]))


@lru_cache(maxsize=4096)
def _lowered_title(title: str) -> str:
    """A heading's title in lower case, lowered once (the rules ask for each time found under it)."""
    return title.lower()


def _under_funding(outline: Outline, offset: int) -> bool:
    """Under a heading that opens with "Kinh phí" ("IV. KINH PHÍ THỰC HIỆN", "III. DỰ TOÁN KINH PHÍ")."""
    return any(_opens_with(h.title, "funding_headings") for h in outline.path_at(offset))


# a heading's roles, read once per title (a set only read here)
_roles = lru_cache(maxsize=4096)(section_roles)


def _in_tasks(outline: Outline, offset: int) -> bool:
    """Under a heading of tasks or responsibilities ("III. NHIỆM VỤ, GIẢI PHÁP", "Tổ chức thực hiện")."""
    words = _settings()["task_headings"]
    return any(any(w in _lowered_title(h.title) for w in words) for h in outline.path_at(offset))


def _in_duties(outline: Outline, offset: int) -> bool:
    """Under a heading of tasks, responsibilities or reporting ("VI. CHẾ ĐỘ BÁO CÁO"): where a
    clause that reports is a duty of the plan; not on the line of a heading that names the reporting
    section ("2. Chế độ báo cáo"), a title, not a duty."""
    path = outline.path_at(offset)
    if any(h.start <= offset < h.end and "reporting" in _roles(_first_words(h.title)) for h in path):
        return False
    return _in_tasks(outline, offset) or any("reporting" in _roles(h.title) for h in path)


def _in_situation(outline: Outline, offset: int) -> bool:
    """Under a heading of situation or results ("I. ĐÁNH GIÁ TÌNH HÌNH THIỆT HẠI"), not one of
    duties or objectives ("Kết quả cần đạt"): a period there tells what happened."""
    for heading in outline.path_at(offset):
        roles = _roles(_first_words(heading.title))
        if "results" in roles and states_no_targets(heading.title) and \
                not roles & {"tasks", "responsibility", "reporting", "objectives"}:
            return True
    return False


def _first_words(title: str, count: int = 5) -> str:
    return " ".join(title.split()[:count])


def _objectives(outline: Outline) -> list[tuple[int, int]]:
    """The sections of headings that open with "Mục tiêu" / "Chỉ tiêu" ("2. Mục tiêu cụ thể đến
    năm 2025"), not a task paragraph that mentions a target ("d) Hướng dẫn ... đạt mục tiêu ...")."""
    return [(h.start, h.section_end) for h in outline.headings if _opens_with(h.title, "objective_headings")]


def _aims(clause: str) -> bool:
    """A clause that commits to a level: a percentage and a word of striving ("phấn đấu", "đạt"), or a
    word of striving before an amount ("diện tích rừng ... đạt 1.700 ha"; aim-amount)."""
    lowered = clause.lower()
    amount, word = _aim_regexes()
    if amount.search(lowered):
        return True
    return bool(PERCENT.search(clause)) and bool(word.search(lowered))


PERCENT = re.compile(r"\d\s?%")


@cache
def _aim_regexes() -> tuple[re.Pattern, re.Pattern]:
    """A word of striving before an amount; a word of striving."""
    words = _alternatives(_settings()["aim_words"])
    return (re.compile(rf"(?<!\w)(?:{words})\s+(?:[^\W\d]+\s+){{0,2}}(?<!năm )\d"),
            re.compile(rf"(?<!\w)(?:{words})(?!\w)"))


@cache
def _schedule_label() -> re.Pattern:
    s = _settings()
    return re.compile(rf"(?i)(?:[a-zđ\d]{{1,3}}[.)]\s*)?(?:{_alternatives(s['schedule_labels'] + s['time_labels'])})\s*:")


def _schedule_line(clause: str) -> bool:
    """A line that opens with a label of time ("b) Thời gian: Từ ngày 15/11 đến ngày 15/12/2026"):
    when an event of the plan is held, even among its objectives."""
    return bool(_schedule_label().match(clause))


@cache
def _phase_label() -> re.Pattern:
    words = _alternatives(_settings()["phase_words"])
    return re.compile(rf"(?i)(?<!\w)(?:{words})\s+(?:[IVX]{{1,4}}|\d{{1,2}})\s*[:,]?\s*$")


def _names_a_phase(text: str, at: int) -> bool:
    """ "Chương trình ... giai đoạn 2021 - 2030, giai đoạn I: Từ năm 2021 đến năm 2025": a period right
    after a phase's label is part of a programme's name, no deadline (programme-phase)."""
    return bool(_phase_label().search(text[max(0, at - 24):at]))


@cache
def _procedure_anchor() -> re.Pattern:
    s = _settings()
    return re.compile(rf",?[ \t]*(?:{_alternatives(s['procedure_anchors'])})(?!\w)", re.IGNORECASE)


def _own_start_regex(fixed_day: bool = False) -> str:
    """ "kể từ ngày Nghị định này có hiệu lực", "kể từ ngày ký", and with `fixed_day` a day of
    the calendar ("kể từ ngày 01/7/2026"): a start that is the same for every case."""
    s = _settings()
    day = r"\d|" if fixed_day else ""
    return (rf",?[ \t]*(?:[Kk]ể|[Tt]ính) từ ngày[ \t]+(?:{day}(?:(?i:{_alternatives(s['own_start_subjects'])})[ \t]+)?"
            rf"(?:này[ \t]+)?(?:{_alternatives(s['own_start_verbs'])})(?!\w))")


@cache
def _own_start() -> re.Pattern:
    return re.compile(_own_start_regex(fixed_day=True))


def procedure_limit(text: str, end: int) -> bool:
    """procedure-limit: a duration ending at `end` counted from an event of each case ("trong
    thời hạn 05 ngày làm việc, kể từ ngày nhận được hồ sơ", "chậm nhất là 05 ngày làm việc trước
    ngày tổ chức cuộc họp") is a rule of the procedure, no deadline; one counted from the
    document's own start ("trong 03 năm kể từ ngày Nghị định có hiệu lực") is a duty's.

    >>> procedure_limit("Trong thời hạn 05 ngày làm việc, kể từ ngày nhận được hồ sơ", 31)
    True
    >>> procedure_limit("trong 03 năm kể từ ngày Nghị định này có hiệu lực", 11)
    False
    >>> procedure_limit("hoàn thành trong 10 ngày.", 24)
    False
    """
    return bool(_procedure_anchor().match(text, end)) and not _own_start().match(text, end)


def _continuous(text: str, at: int) -> bool:
    """ "thường xuyên, liên tục trong năm 2025": a span of ongoing work, not a due date."""
    before = text[max(0, at - 30):at].lower()
    return any(w in before for w in _settings()["continuous"])


def extract_deadlines(outline: Outline, parts: DocumentParts | None = None) -> list[Deadline]:
    """`parts`: the document's parts, when known: a period in its preamble is past (preamble-past)."""
    text = outline.text
    found: list[Deadline] = []
    # objectives say by when a target is to be reached; that is its year, not a deadline
    objectives = SpanSet(_objectives(outline))
    taken = SpanSet([(a, b) for _, a, b in announced_lists(outline)])
    for (rule, pattern), matches in zip(_patterns(), _scan(text)):
        for match in matches:
            start, end = match.span("at") if "at" in pattern.groupindex else match.span()
            if taken.overlaps(start, end):
                continue
            groups = match.groupdict()
            c_start, c_end = _clause(text, start, end)
            clause = text[c_start:c_end]
            if objectives.overlaps(start, end) and rule not in DURATION_RULES and not (
                    _schedule_line(clause) or _submission_cue().search(text, c_start, start)):
                continue  # a target's horizon, unless a line of schedule ("b) Thời gian: Từ ngày ...") or a submission's time
            report = _is_report(text, c_start, c_end, start)
            every = _recurrence(groups.get("every"))
            if rule == "periodic" and not report and not _yearly_task(outline, every, c_start, start):
                continue  # "hằng ngày" alone is no deadline; "hằng năm" is one of a task only where tasks are
            if rule == "date-recurring" and not (every or DUE_WORD.search(clause)):
                continue  # a date that is no deadline ("vào ngày 19/5 kỷ niệm ...")
            if rule == "report-year" and not report:
                continue
            if rule == "aim-year" and (report or not _aims(clause)):
                continue
            if rule == "by-year" and (report or not _in_tasks(outline, start)):
                continue  # "Đến năm 2030, ..." opening a sentence of a task, not a report's
            if rule in DURATION_RULES and procedure_limit(text, end):
                taken.add(start, end)
                continue  # "trong thời hạn 05 ngày làm việc, kể từ ngày nhận được hồ sơ": the procedure's limit
            if _names_a_phase(text, start):
                taken.add(start, end)
                continue  # "... giai đoạn I: Từ năm 2021 đến năm 2025": a programme's name, no deadline
            if rule in PREAMBLE_PAST_RULES and (parts is not None and parts.in_preamble(start)
                                                or _in_situation(outline, start)):
                taken.add(start, end)  # read, not to be read again by a looser rule
                continue  # "Từ ngày 15/11 đến ngày 20/11/2026, trên địa bàn tỉnh xảy ra ...": what happened
            if not report and _under_funding(outline, start):
                continue  # "Kinh phí ... bố trí trong năm 2025": budgets, not deadlines
            day = int(groups["day"]) if groups.get("day") else None
            year = int(groups["year"]) if groups.get("year") else None
            months = [int(m) for m in DIGITS.findall(groups["months"])] if groups.get("months") else \
                [int(groups["month"]) if groups.get("month") else None]
            quarters = [ROMAN_QUARTERS[q] for q in QUARTER_RE.findall(groups["quarters"])] \
                if groups.get("quarters") else [None]
            if every:
                recurrence = every
            elif rule in PERIOD_RULES or groups.get("ongoing") or _continuous(text, start):
                recurrence = None   # a period, or a start with no end ("và các năm tiếp theo")
            else:
                recurrence = "once" if (day or months[0] or quarters[0] or year) else None
            actor = _actor(outline, c_start)
            recipient = _recipient(text, c_start, c_end) if report else None
            kinds = ["task", "report"] if report and _finished_then_reported(text, c_start, start) else \
                ["report" if report else "task"]
            for month in months:
                for quarter in quarters:
                    for kind in kinds:
                        found.append(Deadline(clause.strip(), day, month, year, quarter, recurrence, kind, actor,
                                              recipient if kind == "report" else None,
                                              (start, end), (c_start, c_end), f"deadline:{rule}"))
            taken.add(start, end)
    found.sort(key=lambda d: d.span)
    found = _one_per_time(text, found)
    found += _undated_reports(outline, found)
    found.sort(key=lambda d: d.span)
    return found


DUE_WORD = re.compile(r"(?i)trước|chậm nhất|hoàn thành|báo cáo")  # a date that is a deadline's
DIGITS = re.compile(r"\d+")
QUARTER_RE = re.compile(QUARTER)


def _yearly_task(outline: Outline, every: str | None, c_start: int, at: int) -> bool:
    """ "xây dựng kế hoạch thực hiện hằng năm", "bố trí kinh phí ... hằng năm": a task done every
    year; not a funding section's budgets, nor a clause that opens with "Hằng năm," (a level to
    reach each year, a target's)."""
    if every != "yearly" or _under_funding(outline, at) or not _in_tasks(outline, at):
        return False
    return at > c_start


def _undated_reports(outline: Outline, found: list[Deadline]) -> list[Deadline]:
    """Reporting duties with no time stated ("báo cáo về Ban chỉ đạo quận theo quy định",
    "kịp thời báo cáo UBND tỉnh"), one per clause that has no report yet."""
    text = outline.text
    reported: dict[tuple[int, int], set] = {}   # clause: the recipients of its reports
    for d in found:
        if d.kind == "report":
            reported.setdefault(d.clause_span, set()).add(_key(d.recipient))
    result = []
    onward: set[tuple[int, int]] = set()  # the clauses with an onward report
    for rule, match in _report_matches(text):
        if _a_right(text, match.start()):
            continue
        c_start, c_end = _clause(text, match.start(), match.end())
        recipient = _recipient_at(text, match.end())
        here = reported.setdefault((c_start, c_end), set())
        gatherer = (c_start, c_end) not in onward and _onward_from(text, c_start, match.start(), lambda: found + result)
        if gatherer:
            onward.add((c_start, c_end))  # one onward report per clause
            here.add(_key(recipient))  # onward-report: the body that gathers reports on, a duty of its own
            result.append(Deadline(text[c_start:c_end].strip(), None, None, None, None, None, "report", gatherer,
                                   recipient, (match.start(), match.end()), (c_start, c_end), "deadline:onward-report"))
            continue
        if here and (_key(recipient) in here or None in here or rule == "report-duty"):
            continue  # one report per clause and recipient ("báo cáo về Sở Y tế ..., báo cáo UBND thành phố")
        here.add(_key(recipient))
        result.append(Deadline(text[c_start:c_end].strip(), None, None, None, None, None, "report",
                               _actor(outline, c_start), recipient,
                               (match.start(), match.end()), (c_start, c_end), f"deadline:{rule}"))
    reporting = SpanSet([span for span, recipients in reported.items() if recipients])
    timed = [d.span for d in found]
    for at in _report_words(text):
        match = _bare_report().match(text, at)
        c_start, c_end = _clause(text, match.start(), match.end())
        also = _also_reports(text, at, c_end, timed)
        gatherer = not also and (c_start, c_end) not in onward and \
            _onward_from(text, c_start, at, lambda: found + result)
        if (reporting.overlaps(match.start(), match.end()) and not also and not gatherer) \
                or not _in_duties(outline, match.start()):
            continue  # a clause that reports already; a report named outside duties
        reporting.add(c_start, c_end)
        if gatherer:
            onward.add((c_start, c_end))
        recipient = _recipient(text, match.end(), c_end) if also else None
        result.append(Deadline(text[c_start:c_end].strip(), None, None, None, None, None, "report",
                               gatherer or _actor(outline, c_start), recipient, (match.start(), match.end()),
                               (c_start, c_end), "deadline:onward-report" if gatherer else
                               "deadline:report-also" if also else "deadline:report-bare"))
    return result


@cache
def _onward_regex() -> re.Pattern:
    s = _settings()["onward_report"]
    return re.compile(rf"(?i)(?<!\w)(?:{_alternatives(s['purpose'])})\s+(?:{_alternatives(s['gathering'])})"
                      rf"(?:\s*,\s*|\s+và\s+|\s+)?$")


def _onward_from(text: str, c_start: int, at: int, reports) -> str | None:
    """onward-report: the body that gathers the reports of a clause and reports them on ("... về
    Sở Y tế trước ngày 10/12 để tổng hợp, báo cáo UBND tỉnh": Sở Y tế): the recipient of the
    clause's last report before `at`, when "để tổng hợp" stands right before the report at `at`."""
    if not _onward_regex().search(text, max(c_start, at - 40), at):
        return None  # (`reports()`, the deadlines so far, only read where the words stand)
    feedback = tuple(_settings()["feedback_cues"])  # "phản ánh về Sở X để tổng hợp, báo cáo": Sở X's one report
    earlier = [d for d in reports() if d.kind == "report" and d.recipient and c_start <= d.span[0] < at
               and not text[d.span[0]:d.span[1]].lower().startswith(feedback)]
    return max(earlier, key=lambda d: d.span[0]).recipient if earlier else None


def _also_reports(text: str, at: int, c_end: int, timed: list[tuple[int, int]]) -> bool:
    """ "gửi báo cáo ... trước ngày 15/11 hằng năm và báo cáo đột xuất khi có yêu cầu về Sở ...": a
    second duty to report joined by "và" after a time, with no time of its own, is one more report
    (report-also)."""
    if text[max(0, at - 4):at].lower() != " và " or any(at < start < c_end for start, _ in timed):
        return False
    return any(not text[end:at - 4].strip() for _, end in timed)


def _key(name: str | None) -> str | None:
    return " ".join(name.casefold().split()) if name else None


def _report_matches(text: str):
    scanned = _scan(text)
    for match in scanned[-2]:  # _report_to()
        if _recipient_starts(text, match.end()):
            yield "report-to", match
    for match in scanned[-1]:  # REPORT_DUTY
        yield "report-duty", match


@cache
def _bare_report() -> re.Pattern:
    """ "báo cáo" as a verb of duty with no recipient ("rà soát, báo cáo, đề xuất ...", "báo cáo ngay
    để ..."): not a document ("các báo cáo", "Báo cáo số 21", "Báo cáo của Ban ...")."""
    s = _settings()
    after = _alternatives(s["report_nouns_after"])
    return re.compile(words(_escaped(s["report_cues"]), not_after=tuple(s["report_nouns_before"]))
                      + rf"(?!\w)(?i:(?!\s+(?:{after})(?!\w)))")


def _recipient_starts(text: str, pos: int) -> bool:
    """A body's name (or a rank: "cấp có thẩm quyền") begins at `pos`."""
    authorities = _settings()["authorities"]
    if any(text.startswith(a, pos) for a in authorities):
        return True
    # a capital first (it needs no reading of the name)
    return (pos < len(text) and text[pos].isupper() and text[pos].isalpha()) or bool(_name_at(text, pos))


_names: dict = {"text": None, "at": {}}  # name_at of the text read last, by offset


def _name_at(text: str, pos: int) -> tuple[str, int] | None:
    """``name_at``, read once per offset of a document: a report's recipient is asked for by
    several rules."""
    if _names["text"] is not text:
        _names["text"], _names["at"] = text, {}
    found = _names["at"]
    if pos not in found:
        found[pos] = name_at(text, pos)
    return found[pos]


def _recipient_at(text: str, pos: int) -> str | None:
    for authority in _settings()["authorities"]:
        if text.startswith(authority, pos):
            return authority
    named = _name_at(text, pos)
    if named:
        return _trim(named[0])
    run = NAME_RUN.match(text[pos:pos + 80])  # a name the head words do not know ("Bộ Chính trị")
    return _trim(run.group()) if run else None


NAME_RUN = re.compile(r"[^,;:.()\n]{1,80}")


@cache
def _recipient_end() -> re.Pattern:
    return re.compile(rf"\s(?:{_alternatives(_settings()['recipient_ends'])})(?!\w)")


def _trim(name: str) -> str | None:
    """The name before what the report is about ("Ủy ban nhân dân tỉnh kết quả" -> "Ủy ban nhân dân tỉnh")."""
    cut = _recipient_end().search(name)
    return (name[:cut.start()] if cut else name).strip() or None


def _one_per_time(text: str, found: list[Deadline]) -> list[Deadline]:
    """ "Định kỳ hằng năm (trước ngày 15 tháng 12) báo cáo ...": a recurrence and a date in one
    clause are one deadline, the date recurring; a duration ("trong 03 ngày làm việc") beside a
    date in its clause says how long, not by when."""
    result: list[Deadline] = []
    in_clause: dict[tuple[int, int], list[Deadline]] = {}  # the deadlines of `result` by clause
    dropped: set[int] = set()
    for deadline in found:
        here = in_clause.setdefault(deadline.clause_span, [])
        dated = [d for d in here if d.day or d.month]
        if deadline.rule == "deadline:periodic" and not dated and _joined_recurrence(text, here, deadline):
            pass  # joined-recurrences: "báo cáo hằng quý và hằng năm", one report each
        elif deadline.rule == "deadline:periodic" and (dated or any(d.rule == "deadline:periodic" or d.year or d.quarter
                                                                    for d in here)):
            if dated:
                dated[0].recurrence = deadline.recurrence
            continue
        timed = deadline.day or deadline.month or deadline.year or deadline.quarter
        if deadline.rule.startswith("deadline:within") and any(d.day or d.month or d.year or d.quarter for d in here):
            continue
        within = [d for d in here if d.rule.startswith("deadline:within")]
        if timed and within:
            dropped.add(id(within[0]))
            here.remove(within[0])
        same = [d for d in here if d.rule == "deadline:periodic"]
        if (deadline.day or deadline.month) and same:
            deadline.recurrence = same[0].recurrence if deadline.recurrence in (None, "once") and not deadline.year \
                else deadline.recurrence
            if _ends_a_task(text, same[0], deadline):
                same[0].kind, same[0].recipient = "task", None
            else:
                dropped.add(id(same[0]))
            here.remove(same[0])
        result.append(deadline)
        here.append(deadline)
    return [d for d in result if id(d) not in dropped]


JOINED = re.compile(r"[ \t]*(?:,|và|hoặc)[ \t]*")


def _joined_recurrence(text: str, here: list[Deadline], deadline: Deadline) -> bool:
    """joined-recurrences: a recurrence joined by "và" or "," to the clause's last one, another
    ("báo cáo định kỳ hằng quý và hằng năm")."""
    last = here[-1] if here else None
    return bool(last and last.rule == "deadline:periodic" and last.recurrence != deadline.recurrence
                and JOINED.fullmatch(text, last.span[1], deadline.span[0]))


def _ends_a_task(text: str, periodic: Deadline, dated: Deadline) -> bool:
    """ "xây dựng kế hoạch chi tiết hằng năm và định kỳ báo cáo ... trước ngày 20/11": the recurrence
    ends a duty of its own, joined by "và" to the dated one after it; with no report before it, a
    yearly task (joined-duty), while the dated duty keeps its date."""
    end = periodic.span[1]
    return text[end:end + 4].lower() == " và " and dated.span[0] > end and \
        not _report_words(text, periodic.clause_span[0], periodic.span[0])


def _actor(outline: Outline, clause_start: int) -> str | None:
    """The body the clause opens with ("Các trường MN, TH, THCS: báo cáo ..."), else the body
    heading its section of "Tổ chức thực hiện"."""
    actors = getattr(outline, "_deadline_actors", None)  # the clause's actor, read once per clause
    if actors is None:
        actors = outline._deadline_actors = {}
    if clause_start not in actors:
        named = owner_name(outline.text, clause_start)
        owner = None if named else section_owner(outline, clause_start)
        actors[clause_start] = named[0] if named else owner[0] if owner else None
    return actors[clause_start]


def _recipient(text: str, start: int, end: int) -> str | None:
    """The first body a link word of the clause leads to: "gửi báo cáo kết quả về Sở Tư pháp"
    passes over "gửi" (the report follows it) to "về Sở Tư pháp"."""
    for match in RECIPIENT_LINK.finditer(text[start:end]):
        named = _name_at(text, start + match.end())
        if named:
            return named[0]
    return None


RECIPIENT_LINK = re.compile(r"\s(?:về|cho|lên|gửi về|gửi)\s+(?=\S)")


# a time cell's date: "Trước ngày 30/11/2025", "Tháng 12 hằng năm", "Quý I/2026", "2025"
CELL_DATE = re.compile(rf"(?:(?P<day>\d{{1,2}})/)?(?P<month>\d{{1,2}})/(?P<year>{YEAR})"
                       rf"|[Tt]háng\s+(?P<month2>\d{{1,2}})(?!\s*[,-]\s*\d)")


YEAR_RE = re.compile(YEAR)
CELL_QUARTER = re.compile(rf"[Qq]uý\s+({QUARTER})")


@cache
def _every_regex() -> re.Pattern:
    return re.compile(_every(), re.IGNORECASE)


def extract_table_deadlines(tables) -> list[Deadline]:
    """One deadline per row of a task table whose time cell states one (deadline:table-time):
    a date, a month (with its recurrence), a quarter, a year; a cell with several years
    ("2025-2030") is a period, with no single due date."""
    found = []
    for table in tables:
        columns = task_columns(table)
        if "time" not in columns or "task" not in columns:
            continue
        for row in task_rows(table):
            task, when = row[columns["task"]], row[columns["time"]]
            if task is None or when is None or not task.text:
                continue
            time = when.text
            lead_cell = row[columns["lead"]] if "lead" in columns else None
            lead = lead_cell.text if lead_cell else None
            kind = "report" if _report_words(task.text) else "task"
            span = (row[0].span[0] if row[0] else task.span[0], when.span[1])
            years = [int(y) for y in YEAR_RE.findall(time)]
            quarter = CELL_QUARTER.search(time)
            every = next((_recurrence(m.group()) for m in _every_regex().finditer(time)), None)
            date = CELL_DATE.search(time) if len(years) <= 1 else None
            day = int(date["day"]) if date and date["day"] else None
            month = int(date["month"] or date["month2"]) if date else None
            if every:
                found.append(Deadline(task.text, day, month, None, None, every, kind, lead, None,
                                      when.span, span, "deadline:table-time"))
            elif years:
                recurrence = "once" if len(years) == 1 else None
                found.append(Deadline(task.text, day, month, years[-1],
                                      ROMAN_QUARTERS[quarter.group(1)] if quarter else None, recurrence, kind,
                                      lead, None, when.span, span, "deadline:table-time"))
    return found


def merge_table_deadlines(in_text: list[Deadline], in_tables: list[Deadline]) -> list[Deadline]:
    """A task table's row is read whole (the task, the lead, the time); what the text rules found
    inside a row the table read (its time cell, a report its task cell names) is that row's
    deadline, dropped."""
    rows = SpanSet([d.clause_span for d in in_tables])
    return [d for d in in_text if not rows.overlaps(*d.span)] + in_tables
