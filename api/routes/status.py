"""A directive's implementation status, /documents/{id}/status: the page, or JSON. What rests
on it by level with the lags, which areas have an implementing document and which do not,
the reporting duties due in the coming month and those past due, and the targets down the
cascade that fall short of those above them (kg.implementation_status, four named queries)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from markupsafe import Markup, escape

from api import i18n, models
from api.dependencies import DocId, Store, templates, wants_html
from api.responses import PAGE, errors
from api.routes.deadlines import DAY_PATTERN
from kg.catalogue import summary
from kg.commitments import COMPARATOR_NAMES
from kg.implementation_status import ImplementationStatus, ReportingDuty, implementation_status
from visualisations import target_chart

router = APIRouter(prefix="/documents", tags=["documents"])


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise HTTPException(422, f"today: {text!r} is not a day (YYYY-MM-DD)") from None


@router.get("/{doc_id:path}/status", summary="A directive's implementation status: documents resting on it by "
            "level and their lags, areas with and without an implementing document, reporting duties, shortfalls",
            response_model=models.ImplementationStatus, responses={**PAGE, **errors(400, 404, 422)})
def document_status(doc_id: DocId, request: Request, store: Store,
                    today: Annotated[str | None, Query(
                        description="the day duties are placed from, 1900-01-01 to 2099-12-31 (default: today)",
                        pattern=DAY_PATTERN, json_schema_extra={"format": "date"},
                        examples=["2025-11-01"])] = None):
    day = _day(today) if today else None
    found = summary(store, str(doc_id))
    if found is None:
        raise HTTPException(404, f"No document {str(doc_id)!r} in the store.")
    status = implementation_status(store, found.iri, day or dt.date.today())
    if wants_html(request):
        lang = i18n.language(request)
        comparators = {c: i18n.translate(f"targets.comparator.{c}", lang) for c in COMPARATOR_NAMES.values()}

        def target_text(value: float, value_max: float | None, unit: str, comparator: str | None) -> str:
            return target_chart.value_text(value, value_max, unit, comparator, lang, comparators)
        return templates.TemplateResponse(request, "status.html", {
            "summary": found, "status": status, "today_asked": day.isoformat() if day else None,
            "number": lambda value: target_chart.number(value, lang), "target_text": target_text,
            "who_reports": lambda duty: who_reports(duty, lang)})
    return _as_json(found, status)


ORGANISATION_LINK = Markup('<a class="org-link" href="/organisations/{}">{}</a>')


def who_reports(duty: ReportingDuty, lang: str) -> Markup:
    """"X reports to Y" in `lang`, each party's name linking to its organisation page (the
    message is ours; names and ids are escaped by Markup.format)."""
    def parties(role: str) -> Markup | str:
        found = [p for p in duty.parties if p.role == role]
        if not found:
            return i18n.translate("status.unnamed", lang)
        return Markup("; ").join(ORGANISATION_LINK.format(p.id, p.name) for p in found)
    return escape(i18n.messages()["status.reports"][lang]).format(actor=parties("actor"),
                                                                  recipient=parties("recipient"))


def _as_json(found, status: ImplementationStatus) -> dict:
    def document(d) -> dict:
        return {**dataclasses.asdict(d), "date": d.date.isoformat() if d.date else None}

    def duty(d: ReportingDuty) -> dict:
        return {**dataclasses.asdict(d), "due": d.due.isoformat() if d.due else None}
    return {
        "directive": status.directive, "id": found.id, "label": found.label,
        "date": status.date.isoformat() if status.date else None, "today": status.today.isoformat(),
        "window_end": status.window_end.isoformat(), "count": len(status.documents),
        "levels": [{"level": level.level, "count": len(level.documents), "median_lag": level.median_lag,
                    "dated": len(level.lags), "documents": [document(d) for d in level.documents]}
                   for level in status.levels],
        "areas": [{"depth": g.depth, "kind": g.kind, "above": g.above, "above_label": g.above_label,
                   "covered": len(g.covered), "total": len(g.units),
                   "units": [{"iri": u.iri, "label": u.label, "covered": u.covered,
                              "documents": [dataclasses.asdict(c) for c in u.documents]} for u in g.units]}
                  for g in status.groups],
        "coming": [duty(d) for d in status.coming], "past_due": [duty(d) for d in status.past_due],
        "undated": status.undated, "shortfalls": [dataclasses.asdict(s) for s in status.shortfalls],
    }
