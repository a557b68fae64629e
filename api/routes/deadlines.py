"""The deadlines calendar: reporting duties by month, filterable by organisation."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request

from api.dependencies import Store, templates, wants_html
from kg import commitments, deadline_calendar, ids

router = APIRouter(tags=["deadlines"])


@router.get("/deadlines", summary="Deadlines of the coming twelve months by month (a page, or JSON)")
def deadlines(request: Request, store: Store,
              organisation: Annotated[str | None, Query(
                  description="only the deadlines this organisation acts on or receives: its IRI or id "
                              "(vn-ha-noi/thanh-tri/phong-giao-duc-va-dao-tao)")] = None,
              today: Annotated[dt.date | None, Query(
                  description="the day the twelve months start from (default: today)")] = None):
    organisations = commitments.organisations_with_deadlines(store)
    chosen = None
    if organisation:
        iri = ids.organisation_from_id(organisation)
        chosen = next((o for o in organisations if o["organisation"] == iri), None)
        if chosen is None:
            raise HTTPException(404, f"No deadlines for organisation {organisation!r}.")
    calendar = deadline_calendar.build(commitments.all_deadlines(store, chosen and chosen["organisation"]),
                                       today or dt.date.today())
    if not wants_html(request):
        return {"today": calendar.today.isoformat(), "organisation": chosen,
                "months": [{"month": month.strftime("%Y-%m"), "entries": [_entry(e) for e in entries]}
                           for month, entries in calendar.months],
                "later": [_entry(e) for e in calendar.later], "undated": calendar.undated, "past": calendar.past,
                "count": calendar.count, "organisations": organisations}
    return templates.TemplateResponse(request, "deadlines.html", {
        "calendar": calendar, "organisations": organisations, "chosen": chosen,
        "today_asked": today.isoformat() if today else None})


def _entry(entry: deadline_calendar.Entry) -> dict:
    return {"date": entry.date.isoformat() if entry.date else None, "month": entry.month.strftime("%Y-%m"),
            "recurring": entry.recurring, "deadline": entry.deadline}
