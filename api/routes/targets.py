"""Targets across plans: one indicator compared over plans, levels and years."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from api.dependencies import Store
from kg import commitments, ids

router = APIRouter(prefix="/targets", tags=["targets"])


@router.get("", summary="Targets of one indicator across plans (or the indicators with targets)")
def targets(store: Store, indicator: Annotated[str | None, Query(
        description="an indicator id (literacy-rate-15-60) or IRI")] = None):
    if indicator is None:
        return {"indicators": commitments.indicators(store)}
    iri = indicator if indicator.startswith(("http://", "https://")) else ids.indicator_iri(indicator).value
    rows = commitments.targets_by_indicator(store, iri)
    if not rows and not any(i["indicator"] == iri for i in commitments.indicators(store)):
        raise HTTPException(404, f"No targets for indicator {indicator!r}.")
    for row in rows:
        row["document_id"] = ids.document_path(row["plan"]) if row["plan"].startswith(ids.BASE + "doc/") else None
    return {"indicator": iri, "data": rows, "count": len(rows)}
