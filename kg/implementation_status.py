"""A directive's implementation status: what rests on it, where, how soon, what it asks to be
reported, and which targets down its cascade fall short of those above them.

Read in four named queries whatever the cascade's size (kg/queries/status-documents.rq,
status-coverage.rq, status-reporting.rq, target-shortfalls.rq), one for the duties' evidence
spans and one for their parties with their organisation pages (internal/evidence-spans,
internal/deadline-parties, one each per CHUNK duties; none when there are none), joined here:

- documents by level (kg.levels) with the lag from the directive's date to each document's,
  in days, and the median lag per level (only where both dates are known);
- coverage: the administrative units below the area the directive was issued for, as they are
  now (the 34 provinces and cities of 2025 below the country; the districts and communes the
  curated authority data names), each with the documents issued in it, below it or in a former
  unit merged into it (a Phú Yên plan counts for Đắk Lắk and says so); grouped by depth and by
  the unit above ("2 of 30 units of Hà Nội");
- reporting duties of the cascade due in the coming month (recurring ones at their next
  occurrence) and one-off duties whose date has passed;
- shortfalls: targets below (or, for an at-most target, above) the nearest target of the same
  indicator, year and unit up the cascade.

"today" is a parameter, so a test sees the same duties on every run.
"""

from __future__ import annotations

import datetime as dt
import statistics
from calendar import monthrange
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from kg import ids, named_queries
from kg.deadline_calendar import STEPS, add_months
from kg.levels import LEVELS, level_of
from kg.store import GraphStore

UNIT_DEPTHS = {1: "province", 2: "district", 3: "commune"}
RECURRENCES = {"yearly": "yearly", "halfYearly": "half_yearly", "quarterly": "quarterly", "monthly": "monthly",
               "daily": "daily", "once": "once"}
COMPARATORS = {"atLeast": "at_least", "atMost": "at_most", "about": "about", "maintain": "maintain"}


@dataclass
class ImplementingDocument:
    iri: str
    id: str | None              # its page: /documents/{id}
    label: str
    number: str | None
    level: str                  # a key of kg.levels.LEVELS
    jurisdiction: str | None
    date: dt.date | None
    held: bool
    lag_days: int | None        # from the directive's date; None when either date is unknown


@dataclass
class Level:
    level: str
    documents: list[ImplementingDocument]

    @property
    def lags(self) -> list[int]:
        return [d.lag_days for d in self.documents if d.lag_days is not None]

    @property
    def median_lag(self) -> float | None:
        return statistics.median(self.lags) if self.lags else None


@dataclass
class CoveringDocument:
    iri: str
    id: str | None
    label: str
    issued_in: str
    issued_in_label: str | None
    former_unit: bool           # issued in a unit since merged into this one (or in a unit below it)
    below: bool                 # issued in a unit below this one


@dataclass
class Unit:
    iri: str
    label: dict[str, str | None]
    documents: list[CoveringDocument] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.documents)


@dataclass
class UnitGroup:
    depth: int
    kind: str                   # province, district, commune
    above: str                  # the unit they belong to
    above_label: dict[str, str | None]
    units: list[Unit]

    @property
    def covered(self) -> list[Unit]:
        return [u for u in self.units if u.covered]

    @property
    def uncovered(self) -> list[Unit]:
        return [u for u in self.units if not u.covered]


@dataclass
class DutyParty:
    role: str                   # "actor" (it reports) or "recipient" (it is reported to)
    organisation: str
    id: str                     # its page: /organisations/{id}
    name: str                   # as the duty's document writes it


@dataclass
class ReportingDuty:
    deadline: str
    document: str
    document_id: str | None
    document_label: str
    actors: str | None
    recipients: str | None
    day: int | None
    month: int | None
    year: int | None
    quarter: int | None
    recurrence: str | None
    text: str
    span: list[int] | None
    due: dt.date | None = None  # the next occurrence in the coming month, or the date that passed
    parties: list[DutyParty] = field(default_factory=list)  # who reports and to whom, each with its page


@dataclass
class Shortfall:
    target: str
    plan: str
    plan_id: str | None
    plan_label: str
    indicator: str
    indicator_label: dict[str, str | None]
    year: int
    value: float
    value_max: float | None
    unit: str
    comparator: str | None
    parent_target: str
    parent_plan: str
    parent_id: str | None
    parent_label: str
    parent_value: float
    parent_value_max: float | None
    parent_comparator: str | None


@dataclass
class ImplementationStatus:
    directive: str
    date: dt.date | None
    levels: list[Level]
    groups: list[UnitGroup]
    coming: list[ReportingDuty]         # due from today to the same day next month
    past_due: list[ReportingDuty]       # one-off duties whose date is before today
    undated: int                        # duties the text does not date (no month, or a month without a year)
    shortfalls: list[Shortfall]
    today: dt.date
    window_end: dt.date

    @property
    def documents(self) -> list[ImplementingDocument]:
        return [d for level in self.levels for d in level.documents]


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    return int(text) if text not in (None, "") else None


def _local(iri: str | None) -> str | None:
    return iri.rsplit("#", 1)[-1] if iri else None


def implementation_status(store: GraphStore, directive: str, today: dt.date | None = None) -> ImplementationStatus:
    """The status of the directive `directive` (an IRI) on `today` (default: today)."""
    today = today or dt.date.today()
    doc = NamedNode(directive)
    date, levels = _levels(store.select(named_queries.get("status-documents").bind(doc=doc)))
    groups = _groups(store.select(named_queries.get("status-coverage").bind(doc=doc)))
    duties = [_duty(row) for row in store.select(named_queries.get("status-reporting").bind(doc=doc))]
    spans = _spans(store, [duty.deadline for duty in duties])
    parties = _parties(store, [duty.deadline for duty in duties])
    for duty in duties:
        duty.span = spans.get(duty.deadline)
        duty.parties = parties.get(duty.deadline, [])
    coming, past, undated = reporting_due(duties, today)
    shortfalls = _shortfalls(store.select(named_queries.get("target-shortfalls").bind(doc=doc)))
    labels = {d.iri: d.label for level in levels for d in level.documents}
    for group in groups:
        for unit in group.units:
            for covering in unit.documents:
                covering.label = labels.get(covering.iri, covering.iri)
    return ImplementationStatus(directive, date, levels, groups, coming, past, undated, shortfalls, today,
                                _one_month_on(today))


def _levels(rows: list[dict]) -> tuple[dt.date | None, list[Level]]:
    directive_date = next((_date(r["directiveDate"]) for r in rows if r["directiveDate"]), None)
    by_level: dict[str, list[ImplementingDocument]] = {}
    for r in rows:
        date = _date(r["date"])
        level = level_of(r["document"], r["number"] or "", r["type"] or "", r["programme"] == "true")
        lag = (date - directive_date).days if date and directive_date else None
        by_level.setdefault(level, []).append(ImplementingDocument(
            r["document"], ids.document_id(r["document"]), r["label"] or r["number"] or r["document"], r["number"],
            level, r["jurisdiction"], date, r["held"] == "true", lag))
    order = list(LEVELS)
    return directive_date, [Level(level, sorted(docs, key=lambda d: (d.date is None, d.date or dt.date.min, d.label)))
                            for level, docs in sorted(by_level.items(), key=lambda kv: order.index(kv[0]))]


def _groups(rows: list[dict]) -> list[UnitGroup]:
    groups: dict[tuple[int, str], UnitGroup] = {}
    units: dict[str, Unit] = {}
    for r in rows:
        depth = int(r["depth"])
        key = (depth, r["above"])
        if key not in groups:
            groups[key] = UnitGroup(depth, UNIT_DEPTHS.get(depth, "commune"), r["above"],
                                    {"vi": r["aboveLabel"], "en": r["aboveLabelEn"]}, [])
        unit = units.get(r["unit"])
        if unit is None:
            unit = units[r["unit"]] = Unit(r["unit"], {"vi": r["unitLabel"], "en": r["unitLabelEn"] or r["unitLabel"]})
            groups[key].units.append(unit)
        if r["document"] and all(d.iri != r["document"] for d in unit.documents):
            unit.documents.append(CoveringDocument(
                r["document"], ids.document_id(r["document"]), "", r["issuedIn"], r["issuedInLabel"],
                r["formerUnit"] == "true", r["issuedIn"] != r["unit"] and r["formerUnit"] != "true"))
    for group in groups.values():
        group.units.sort(key=lambda u: (not u.covered, u.label["vi"] or u.iri))
    return sorted(groups.values(), key=lambda g: (g.depth, g.above_label["vi"] or g.above))


def _spans(store: GraphStore, facts: list[str]) -> dict[str, list[int]]:
    """Where each fact was read ([start, end) in its source): one query per CHUNK facts."""
    found = {}
    terms = [NamedNode(fact) for fact in dict.fromkeys(facts)]
    for sparql in named_queries.bind_chunks(named_queries.internal("evidence-spans"), "fact", terms):
        found.update({r["fact"]: [int(r["start"]), int(r["end"])] for r in store.select(sparql)})
    return found


def _parties(store: GraphStore, deadlines: list[str]) -> dict[str, list[DutyParty]]:
    """Who acts on and who receives each deadline, with the organisation's page: one query
    per CHUNK deadlines."""
    found: dict[str, list[DutyParty]] = {}
    terms = [NamedNode(deadline) for deadline in dict.fromkeys(deadlines)]
    for sparql in named_queries.bind_chunks(named_queries.internal("deadline-parties"), "deadline", terms):
        for r in store.select(sparql):
            found.setdefault(r["deadline"], []).append(DutyParty(
                _local(r["role"]), r["organisation"], ids.organisation_id(r["organisation"]),
                r["name"] or ids.organisation_id(r["organisation"])))
    return found


def _duty(r: dict) -> ReportingDuty:
    return ReportingDuty(r["deadline"], r["document"], ids.document_id(r["document"]), r["label"] or r["document"],
                         r["actors"] or None, r["recipients"] or None, _int(r["day"]), _int(r["month"]), _int(r["year"]),
                         _int(r["quarter"]), RECURRENCES.get(_local(r["recurrence"]) or ""), r["clause"], None)


def _one_month_on(day: dt.date) -> dt.date:
    month = add_months(day.replace(day=1), 1)
    return month.replace(day=min(day.day, monthrange(month.year, month.month)[1]))


def _due_in(year: int, month: int, day: int | None) -> dt.date:
    """The day a duty falls due in a month: its day, or the month's last day when the text
    gives none ("trong tháng 12"); a 31 in a shorter month is the month's end."""
    last = monthrange(year, month)[1]
    return dt.date(year, month, min(day, last) if day and day > 0 else last)


def reporting_due(duties: list[ReportingDuty], today: dt.date) -> tuple[list[ReportingDuty], list[ReportingDuty], int]:
    """The duties due from `today` up to the same day next month (a recurring duty at its
    next occurrence), the one-off duties whose date is before today, and how many duties have
    no date to place (no month; a one-off month without a year; a year alone)."""
    end = _one_month_on(today)
    coming, past, undated = [], [], 0
    for duty in duties:
        due = _next_due(duty, today) if duty.recurrence in STEPS else _once_due(duty)
        if due is None:
            undated += 1
        elif due < today:
            past.append(_with_due(duty, due))
        elif due <= end:
            coming.append(_with_due(duty, due))
    return (sorted(coming, key=lambda d: (d.due, d.document_label)),
            sorted(past, key=lambda d: (d.due, d.document_label), reverse=True), undated)


def _with_due(duty: ReportingDuty, due: dt.date) -> ReportingDuty:
    return ReportingDuty(**{**duty.__dict__, "due": due})


def _next_due(duty: ReportingDuty, today: dt.date) -> dt.date | None:
    step = STEPS[duty.recurrence]
    if duty.month is None and step != 1:
        return None
    first = today.replace(day=1)
    for offset in range(13):
        month = add_months(first, offset)
        if step != 1 and (month.month - duty.month) % step:
            continue
        due = _due_in(month.year, month.month, duty.day)
        if due >= today:
            return due
    return None


def _once_due(duty: ReportingDuty) -> dt.date | None:
    month = duty.month or (duty.quarter * 3 if duty.quarter else None)
    if month is None or duty.year is None:
        return None
    return _due_in(duty.year, month, duty.day if duty.month else None)


def _shortfalls(rows: list[dict]) -> list[Shortfall]:
    found: dict[tuple[str, str], Shortfall] = {}
    for r in rows:
        if r["verdict"] != "falls_short":
            continue
        key = (r["target"], r["parentTarget"])
        if key in found:
            continue
        found[key] = _shortfall(r)
    return sorted(found.values(), key=lambda s: (s.indicator_label["vi"] or s.indicator, s.year, s.plan_label))


def _shortfall(r: dict) -> Shortfall:
    return Shortfall(
        target=r["target"], plan=r["plan"], plan_id=ids.document_id(r["plan"]), plan_label=r["planLabel"] or r["plan"],
        indicator=r["indicator"], indicator_label={"vi": r["indicatorLabel"], "en": r["indicatorLabelEn"]},
        year=int(r["year"]), value=float(r["value"]), value_max=float(r["valueMax"]) if r["valueMax"] else None,
        unit=r["unit"], comparator=COMPARATORS.get(_local(r["comparator"]) or ""),
        parent_target=r["parentTarget"], parent_plan=r["parentPlan"], parent_id=ids.document_id(r["parentPlan"]),
        parent_label=r["parentLabel"] or r["parentPlan"], parent_value=float(r["parentValue"]),
        parent_value_max=float(r["parentValueMax"]) if r["parentValueMax"] else None,
        parent_comparator=COMPARATORS.get(_local(r["parentComparator"]) or ""))
