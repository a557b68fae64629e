"""Targets across plans: one indicator compared over plans, levels and years (JSON, and the
comparison page with its table and charts)."""

from dataclasses import asdict, dataclass
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from markupsafe import Markup

from api import i18n, models
from api.dependencies import Store, id_schema, templates, wants_html
from api.responses import PAGE, errors
from kg import commitments, ids
from visualisations import target_chart

router = APIRouter(prefix="/targets", tags=["targets"])

EXAMPLE_INDICATORS = ["literacy-rate-15-60"]


def _indicator_iri(indicator: str) -> str:
    """An indicator's IRI from its id (literacy-rate-15-60) or from the IRI itself; 400 if
    it is neither."""
    try:
        return ids.indicator_from_id(indicator).value
    except ValueError as err:
        raise HTTPException(400, str(err)) from None


@router.get("", summary="Targets of one indicator across plans (or the indicators with targets)",
            response_model=models.IndicatorTargets | models.IndicatorList, responses=errors(400, 404))
def targets(store: Store, indicator: Annotated[str | None, Query(
        description="an indicator id (literacy-rate-15-60) or IRI; none: the indicators with targets",
        examples=EXAMPLE_INDICATORS,
        json_schema_extra=id_schema("indicator", parts=False))] = None):
    if indicator is None:
        return {"indicators": [asdict(i) for i in commitments.indicators(store)]}
    iri = _indicator_iri(indicator)
    rows = commitments.targets_by_indicator(store, iri)
    if not rows and not any(i.indicator == iri for i in commitments.indicators(store)):
        raise HTTPException(404, f"No targets for indicator {indicator!r}.")
    return {"indicator": iri, "data": [asdict(row) for row in rows], "count": len(rows)}


@dataclass(frozen=True)
class ShownParent:
    """A target above a compared target, and its value as the page writes it."""
    parent: commitments.ParentTarget
    value_text: str


@dataclass(frozen=True)
class ShownRow:
    """A compared target or result as the page's table shows it: the fact, the link to its
    span, its area's name and its value in the page's language (and a target's parents)."""
    fact: commitments.ComparedTarget | commitments.ComparedResult
    source_url: str | None
    area_name: str | None
    value_text: str
    parents: list[ShownParent]


def _source_url(row: commitments.ComparedTarget | commitments.ComparedResult) -> str | None:
    """The fact's span on its document's page."""
    return f"/documents/{row.document_id}?span={row.span[0]}-{row.span[1]}#highlight" if row.document_id else None


@router.get("/compare", summary="One indicator across plans, levels and years: a table and a chart (or JSON)",
            response_model=models.TargetComparison | models.IndicatorList, responses={**PAGE, **errors(400, 404)})
def compare(request: Request, store: Store, indicator: Annotated[str | None, Query(
        description="an indicator id (literacy-rate-15-60) or IRI; none: the indicators with targets",
        examples=EXAMPLE_INDICATORS,
        json_schema_extra=id_schema("indicator", parts=False, empty=True))] = None):
    found = commitments.indicators(store)
    chosen, rows, results, malformed = None, [], [], False
    if indicator:
        try:
            iri = ids.indicator_from_id(indicator).value
        except ValueError as err:
            if not wants_html(request):
                raise HTTPException(400, str(err)) from None
            iri, malformed = None, True  # the page says no such indicator and offers those there are
        chosen = next((i for i in found if i.indicator == iri), None)
        rows = commitments.target_comparison(store, iri) if chosen else []
        results = commitments.result_comparison(store, iri) if chosen else []
    missing = bool(indicator) and chosen is None
    if not wants_html(request):
        if missing:
            raise HTTPException(404, f"No targets for indicator {indicator!r}.")
        if chosen is None:
            return {"indicators": [asdict(i) for i in found]}
        return {"indicator": asdict(chosen), "data": [{**asdict(r), "source_url": _source_url(r)} for r in rows],
                "count": len(rows), "units": [unit for unit, _ in target_chart.by_unit(rows)],
                "results": [{**asdict(r), "source_url": _source_url(r)} for r in results],
                "results_count": len(results)}

    lang = i18n.language(request)

    def t(key: str, **values) -> str:
        return i18n.translate(key, lang, **values)

    comparators = {c: t(f"targets.comparator.{c}") for c in commitments.COMPARATOR_NAMES.values()}
    indicator_names = {i.id: (i.label_en if lang == "en" else None) or i.label or i.id for i in found}

    def written(value: float, value_max: float | None, unit: str, comparator: str | None) -> str:
        return target_chart.value_text(value, value_max, unit, comparator, lang, comparators)

    def value_of(row) -> str:
        return written(row.value, row.value_max, row.unit, row.comparator)

    def parent_value(parent: commitments.ParentTarget, row: commitments.ComparedTarget) -> str:
        return written(parent.value, parent.value_max, row.unit, parent.comparator)  # a parent of the same unit

    def shown(row, parents: list[ShownParent]) -> ShownRow:
        return ShownRow(row, _source_url(row), row.area_label.in_language(lang) or row.area_label.vi or row.area, value_of(row),
                        parents)
    shown_rows = [shown(r, [ShownParent(p, parent_value(p, r)) for p in r.parents]) for r in rows]
    shown_results = [shown(r, []) for r in results]

    names = _series_names([(s.fact.plan, s.fact.plan_label, s.fact.plan_number, s.area_name) for s in shown_rows]
                          + [(s.fact.document, s.fact.document_label, s.fact.document_number, s.area_name)
                             for s in shown_results])

    def texts(unit: str) -> target_chart.Texts:
        return target_chart.Texts(f"{indicator_names[chosen.id]} ({unit})", t("targets.chart.x"),
                                  t("targets.chart.y", unit=unit),
                                  {key: t(f"targets.level.{key}") for key in target_chart.LEVEL_COLOURS},
                                  lambda value: target_chart.number(value, lang), t("targets.chart.actual"))

    actuals = [target_chart.Actual(
        target_chart.Series(r.document, names[r.document], r.level), r.unit,
        target_chart.Point(r.document, r.year, r.value, r.value_max, _source_url(r),
                           f"{r.document_label or r.document}\n{names[r.document]}, {r.year}: "
                           f"{t('targets.chart.actual')} {value_of(r)}\n{r.text}"))
        for r in results if r.year is not None]

    def reference(row: commitments.ComparedTarget):
        """The first target above the row's, drawn as a dashed line at its value."""
        if not row.parents:
            return None
        parent = row.parents[0]
        at_most = parent.comparator == "at_most" and parent.value_max is not None
        return (parent.value_max if at_most else parent.value,
                t("targets.reference", plan=parent.plan_label or parent.plan, value=parent_value(parent, row),
                  verdict=t(f"targets.verdict.{row.verdict}")))

    charts = target_chart.charts(
        rows, texts_for_unit=texts, series_name=lambda row: names[row.plan], href=_source_url,
        tooltip=lambda row: f"{row.plan_label or row.plan}\n{names[row.plan]}, {row.year}: "
                            f"{value_of(row)}\n{row.text}",
        actuals=actuals, reference=reference)
    for chart in charts:
        # Markup, not |safe in the template: visualisations.target_chart escapes every text it
        # draws (tests/test_pages_targets_deadlines.py feeds it <script> and "><img onerror>)
        chart["svg"] = Markup(chart["svg"]) if chart["svg"] else None
    return templates.TemplateResponse(request, "targets_compare.html", {
        "indicators": found, "indicator_names": indicator_names, "chosen": chosen, "asked": indicator,
        "missing": missing, "rows": shown_rows, "results": shown_results,
        "charts": charts, "plans": len({row.plan for row in rows})},
        status_code=400 if malformed else 404 if missing else 200)


def _series_names(documents: list[tuple[str, str | None, str | None, str | None]]) -> dict[str, str]:
    """A short name for each document (plan or report) in a chart's legend, from (IRI, label,
    number, area name): its area and number, and its label too when two documents would
    otherwise read the same."""
    labels = {iri: label or iri for iri, label, _, _ in documents}
    short = {iri: " · ".join(x for x in (area, number) if x) or labels[iri] for iri, _, number, area in documents}
    names = list(short.values())
    return {plan: f"{name} · {labels[plan]}" if names.count(name) > 1 and name != labels[plan] else name
            for plan, name in short.items()}
