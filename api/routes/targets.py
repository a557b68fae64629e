"""Targets across plans: one indicator compared over plans, levels and years (JSON, and the
comparison page with its table and charts)."""

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
        return {"indicators": commitments.indicators(store)}
    iri = _indicator_iri(indicator)
    rows = commitments.targets_by_indicator(store, iri)
    if not rows and not any(i["indicator"] == iri for i in commitments.indicators(store)):
        raise HTTPException(404, f"No targets for indicator {indicator!r}.")
    for row in rows:
        row["document_id"] = ids.document_id(row["plan"])
    return {"indicator": iri, "data": rows, "count": len(rows)}


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
        chosen = next((i for i in found if i["indicator"] == iri), None)
        rows = commitments.target_comparison(store, iri) if chosen else []
        results = commitments.result_comparison(store, iri) if chosen else []
    for row in rows + results:
        row["source_url"] = (f"/documents/{row['document_id']}?span={row['span'][0]}-{row['span'][1]}#highlight"
                             if row["document_id"] else None)
    missing = bool(indicator) and chosen is None
    if not wants_html(request):
        if missing:
            raise HTTPException(404, f"No targets for indicator {indicator!r}.")
        if chosen is None:
            return {"indicators": found}
        return {"indicator": chosen, "data": rows, "count": len(rows),
                "units": [unit for unit, _ in target_chart.by_unit(rows)],
                "results": results, "results_count": len(results)}

    lang = i18n.language(request)

    def t(key: str, **values) -> str:
        return i18n.translate(key, lang, **values)

    comparators = {c: t(f"targets.comparator.{c}") for c in commitments.COMPARATOR_NAMES.values()}
    for i in found:
        i["name"] = (i["label_en"] if lang == "en" else None) or i["label"] or i["id"]
    for row in rows + results:
        row["area_name"] = row["area_label"][lang] or row["area_label"]["vi"] or row["area"]
        row["value_text"] = target_chart.value_text(row["value"], row["value_max"], row["unit"], row["comparator"],
                                                    lang, comparators)

    names = _series_names([(r["plan"], r["plan_label"], r["plan_number"], r["area_name"]) for r in rows]
                          + [(r["document"], r["document_label"], r["document_number"], r["area_name"]) for r in results])

    def texts(unit: str) -> target_chart.Texts:
        return target_chart.Texts(f"{chosen['name']} ({unit})", t("targets.chart.x"), t("targets.chart.y", unit=unit),
                                  {key: t(f"targets.level.{key}") for key in target_chart.LEVEL_COLOURS},
                                  lambda value: target_chart.number(value, lang), t("targets.chart.actual"))

    actuals = [target_chart.Actual(
        target_chart.Series(r["document"], names[r["document"]], r["level"]), r["unit"],
        target_chart.Point(r["document"], r["year"], r["value"], r["value_max"], r["source_url"],
                           f"{r['document_label'] or r['document']}\n{names[r['document']]}, {r['year']}: "
                           f"{t('targets.chart.actual')} {r['value_text']}\n{r['text']}"))
        for r in results if r["year"] is not None]

    for row in rows:
        for parent in row["parents"]:
            parent["value_text"] = target_chart.value_text(parent["value"], parent["value_max"], row["unit"],
                                                           parent["comparator"], lang, comparators)

    def reference(row: dict):
        """The first target above the row's, drawn as a dashed line at its value."""
        if not row["parents"]:
            return None
        parent = row["parents"][0]
        at_most = parent["comparator"] == "at_most" and parent["value_max"] is not None
        return parent["value_max"] if at_most else parent["value"], t("targets.reference", plan=parent["plan_label"] or parent["plan"],
                                  value=parent["value_text"], verdict=t(f"targets.verdict.{row['verdict']}"))

    charts = target_chart.charts(
        rows, texts_for_unit=texts, series_name=lambda row: names[row["plan"]], href=lambda row: row["source_url"],
        tooltip=lambda row: f"{row['plan_label'] or row['plan']}\n{names[row['plan']]}, {row['year']}: "
                            f"{row['value_text']}\n{row['text']}",
        actuals=actuals, reference=reference)
    for chart in charts:
        # Markup, not |safe in the template: visualisations.target_chart escapes every text it
        # draws (tests/test_pages_targets_deadlines.py feeds it <script> and "><img onerror>)
        chart["svg"] = Markup(chart["svg"]) if chart["svg"] else None
    return templates.TemplateResponse(request, "targets_compare.html", {
        "indicators": found, "chosen": chosen, "asked": indicator, "missing": missing, "rows": rows,
        "results": results,
        "charts": charts, "plans": len({row["plan"] for row in rows})},
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
