"""Downloads: the graph, targets, deadlines and the document network (kg.export)."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import Response

from api import models
from api.dependencies import Store, id_schema
from api.responses import downloads, errors
from kg import commitments, ids
from kg.export import FORMATS, export

router = APIRouter(prefix="/export", tags=["exports"])

FILTERED = "deadlines.ics"  # the one export that can be narrowed to an organisation


@router.get("", summary="The exports on offer and their media types", response_model=list[models.ExportInfo])
def list_exports():
    return [{"name": name, "media_type": media, "url": f"/export/{name}"} for name, media in FORMATS.items()]


def _download(store, name: str, organisation: str | None = None) -> Response:
    filename = name if "." in name else f"vn-policy-kg.{name}"
    if organisation:
        filename = f"deadlines-{ids.organisation_id(organisation).replace('/', '-')}.ics"
    return Response(export(store, name, organisation=organisation), media_type=FORMATS[name],
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get(f"/{FILTERED}", summary="The deadlines as iCalendar, all or one organisation's",
            response_class=Response, responses={**downloads([FORMATS[FILTERED]], "the file, as an attachment"),
                                                **errors(404)})
def deadlines_calendar(store: Store, organisation: Annotated[str | None, Query(
        description="only the deadlines this organisation (IRI or id) acts on or receives",
        json_schema_extra=id_schema("org", empty=True))] = None):
    iri = None
    if organisation:
        iri = ids.organisation_from_id(organisation)
        if not any(o.organisation == iri for o in commitments.organisations_with_deadlines(store)):
            raise HTTPException(404, f"No deadlines for organisation {organisation!r}.")
    return _download(store, FILTERED, iri)


OTHERS = [name for name in FORMATS if name != FILTERED]


@router.get("/{name}", summary=f"One export: {', '.join(OTHERS)} (and {FILTERED}, above)",
            response_class=Response, responses={**downloads([FORMATS[name] for name in OTHERS],
                                                            "the file, as an attachment"), **errors(400, 404)})
def get_export(name: Annotated[str, Path(description="the export", json_schema_extra={"enum": OTHERS})],
               request: Request, store: Store):
    if name not in FORMATS:
        raise HTTPException(404, f"unknown export {name!r}; known: {', '.join(FORMATS)}")
    if "organisation" in request.query_params:
        raise HTTPException(400, f"only {FILTERED} can be filtered by organisation")
    return _download(store, name)
