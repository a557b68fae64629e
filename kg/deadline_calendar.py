"""The deadlines calendar: deadlines (kg.commitments.CalendarDeadline, as all_deadlines gives
them) laid out over the twelve months that start with today's month.

- A recurring deadline (yearly, half-yearly, quarterly, monthly, daily) falls in every month of
  the twelve its recurrence reaches from the month the text states (monthly, daily: every month); a
  yearly duty "trước ngày 15 tháng 11 hằng năm" falls in November.
- A one-off deadline falls in the month of its date (a quarter "Quý IV năm 2025" counts as
  the quarter's last month); one-offs after the twelve months are listed as later, those
  before today are only counted.
- A date before today is never shown as upcoming: a yearly 15/11 seen on 23/11 is next due
  in twelve months, outside the calendar.
- What the text does not date to a month (a yearly report with no month, a month without a
  year) is listed apart as undated; deadlines with neither a month nor a recurrence (only a
  year, "trong thời hạn 30 ngày") are left to their documents' pages.

Pure functions: "today" is a parameter, so the layout is the same on every run of a test.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from dataclasses import dataclass, field

from kg.commitments import CalendarDeadline

MONTHS = 12
# months between two occurrences of a recurrence that comes back within a year
# (a daily duty, "báo cáo hằng ngày", falls in every month as a monthly one does)
STEPS = {"yearly": 12, "half_yearly": 6, "quarterly": 3, "monthly": 1, "daily": 1}


@dataclass(frozen=True)
class Entry:
    """One occurrence of a deadline: its month, its day when the text gives one."""
    month: dt.date               # the first day of the month
    day: int | None
    deadline: CalendarDeadline
    recurring: bool

    @property
    def date(self) -> dt.date | None:
        return self.month.replace(day=self.day) if self.day else None


@dataclass
class Calendar:
    today: dt.date
    months: list[tuple[dt.date, list[Entry]]]      # twelve (first day of month, entries) pairs
    later: list[Entry] = field(default_factory=list)    # one-offs after the twelve months
    undated: list[CalendarDeadline] = field(default_factory=list)  # recurring or one-off, but no month for them
    past: int = 0                                        # one-offs before today

    @property
    def count(self) -> int:
        return sum(len(entries) for _, entries in self.months)


def add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def _valid_day(year: int, month: int, day: int | None) -> int | None:
    """The day if the month has it; a "31" in a shorter month falls back to the month's end."""
    if day is None or day < 1:
        return None
    return min(day, monthrange(year, month)[1])


def build(deadlines: list[CalendarDeadline], today: dt.date | None = None) -> Calendar:
    today = today or dt.date.today()
    first = today.replace(day=1)
    months = [add_months(first, i) for i in range(MONTHS)]
    slots: dict[dt.date, list[Entry]] = {month: [] for month in months}
    calendar = Calendar(today, [])
    for deadline in deadlines:
        if deadline.recurrence in STEPS:
            _place_recurring(deadline, STEPS[deadline.recurrence], months, slots, today, calendar)
        else:
            _place_once(deadline, months, slots, today, calendar)
    for month in months:
        calendar.months.append((month, sorted(slots[month], key=_order)))
    calendar.later.sort(key=lambda e: (e.month, _order(e)))
    return calendar


def _place_recurring(deadline: CalendarDeadline, step: int, months: list[dt.date], slots: dict, today: dt.date,
                     calendar: Calendar) -> None:
    month = deadline.month
    if month is None and step != 1:
        calendar.undated.append(deadline)
        return
    for slot in months:
        if step != 1 and (slot.month - month) % step:
            continue
        day = _valid_day(slot.year, slot.month, deadline.day)
        if day is not None and slot.replace(day=day) < today:
            continue
        slots[slot].append(Entry(slot, day, deadline, True))


def _place_once(deadline: CalendarDeadline, months: list[dt.date], slots: dict, today: dt.date, calendar: Calendar) -> None:
    year, month = deadline.year, deadline.month
    if month is None and deadline.quarter and year:
        month = deadline.quarter * 3         # "Quý IV năm 2025": by the quarter's last month
    if month is None:
        return                               # only a year, or a time relative to something else
    if year is None:
        calendar.undated.append(deadline)
        return
    slot = dt.date(year, month, 1)
    day = _valid_day(year, month, deadline.day)
    entry = Entry(slot, day, deadline, False)
    if slot < months[0] or (day is not None and entry.date < today):
        calendar.past += 1
    elif slot > months[-1]:
        calendar.later.append(entry)
    else:
        slots[slot].append(entry)


def _order(entry: Entry) -> tuple:
    """Within a month: by day (a deadline with only a month last), reports first, then document."""
    return (entry.day or 32, entry.deadline.kind != "report", entry.deadline.document_label or "",
            entry.deadline.span[0])
