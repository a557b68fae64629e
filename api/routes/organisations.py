"""Organisations: the ranked list (paged) and one body's page, as JSON or pages."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from api import models
from api.dependencies import Store, templates, wants_html
from api.responses import PAGE, errors
from kg import ids
from kg.ids import ID_PATTERN, MAX_ID_LENGTH
from kg.organisations import ASSIGNMENTS_PAGE, PAGE_SIZE, OrganisationDetail, organisation, organisation_list

router = APIRouter(prefix="/organisations", tags=["organisations"])


async def organisation_iri(org_id: Annotated[str, Path(
        description=f"an organisation's id: its IRI after {ids.BASE}org/",
        examples=["vn-ha-noi/thanh-tri/phong-giao-duc-va-dao-tao", "vn-dak-lak/uy-ban-nhan-dan"],
        json_schema_extra={"pattern": ID_PATTERN, "maxLength": MAX_ID_LENGTH})]) -> str:
    try:
        return ids.organisation_from_path(org_id).value
    except ValueError as err:
        raise HTTPException(400, str(err)) from None


@router.get("", response_model=models.OrganisationsPublic, responses={**PAGE, **errors(422)},
            summary="Organisations ranked by the assignments plans give them, paged (JSON, or a page)")
def organisations(request: Request, store: Store,
                  offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
                  limit: Annotated[int, Query(ge=1, le=200)] = PAGE_SIZE):
    page = organisation_list(store, offset, limit)
    if wants_html(request):
        return templates.TemplateResponse(request, "organisations.html", {"page": page})
    return asdict(page)


@router.get("/{org_id:path}", response_model=OrganisationDetail, responses={**PAGE, **errors(400, 404, 422)},
            summary="One organisation: its assignments across plans (with task and source span), the deadlines "
                    "it must meet or receives, the targets of the plans it leads, the documents it issued")
def organisation_page(request: Request, store: Store, iri: Annotated[str, Depends(organisation_iri)],
                      offset: Annotated[int, Query(ge=0, le=1_000_000, description="first assignment shown")] = 0,
                      limit: Annotated[int, Query(ge=1, le=500, description="assignments shown")] = ASSIGNMENTS_PAGE):
    detail = organisation(store, iri, offset, limit)
    if detail is None:
        raise HTTPException(404, f"No organisation {ids.organisation_id(iri)!r} in the store.")
    if wants_html(request):
        return templates.TemplateResponse(request, "organisation.html", {"detail": detail})
    return asdict(detail)
