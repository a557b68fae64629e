"""The deadlines calendar: reporting duties by month, filterable by organisation."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request

from api import models
from api.dependencies import Store, id_schema, templates, wants_html
from api.responses import PAGE, errors
from kg import commitments, deadline_calendar, ids

router = APIRouter(tags=["deadlines"])

# An ISO date of the years the calendar can hold (its twelve months must not leave them)
DAY_PATTERN = r"^(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}$"


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise HTTPException(422, f"today: {text!r} is not a day (YYYY-MM-DD)") from None


@router.get("/deadlines", summary="Deadlines of the coming twelve months by month (a page, or JSON)",
            response_model=models.DeadlinesCalendar, responses={**PAGE, **errors(404, 422)})
def deadlines(request: Request, store: Store,
              organisation: Annotated[str | None, Query(
                  description="only the deadlines this organisation acts on or receives: its IRI or id "
                              "(vn-ha-noi/thanh-tri/phong-giao-duc-va-dao-tao)",
                  json_schema_extra=id_schema("org", empty=True))] = None,
              today: Annotated[str | None, Query(
                  description="the day the twelve months start from, 1900-01-01 to 2099-12-31 (default: today)",
                  pattern=DAY_PATTERN, json_schema_extra={"format": "date"}, examples=["2025-11-01"])] = None):
    day = _day(today) if today else None
    organisations = commitments.organisations_with_deadlines(store)
    chosen = None
    if organisation:
        iri = ids.organisation_from_id(organisation)
        chosen = next((o for o in organisations if o.organisation == iri), None)
        if chosen is None:
            raise HTTPException(404, f"No deadlines for organisation {organisation!r}.")
    calendar = deadline_calendar.build(commitments.all_deadlines(store, chosen and chosen.organisation),
                                       day or dt.date.today())
    if not wants_html(request):
        return {"today": calendar.today.isoformat(), "organisation": chosen and asdict(chosen),
                "months": [{"month": month.strftime("%Y-%m"), "entries": [_entry(e) for e in entries]}
                           for month, entries in calendar.months],
                "later": [_entry(e) for e in calendar.later], "undated": [asdict(d) for d in calendar.undated],
                "past": calendar.past, "count": calendar.count, "organisations": [asdict(o) for o in organisations]}
    return templates.TemplateResponse(request, "deadlines.html", {
        "calendar": calendar, "organisations": organisations, "chosen": chosen,
        "today_asked": day.isoformat() if day else None})


def _entry(entry: deadline_calendar.Entry) -> dict:
    return {"date": entry.date.isoformat() if entry.date else None, "month": entry.month.strftime("%Y-%m"),
            "recurring": entry.recurring, "deadline": asdict(entry.deadline)}
