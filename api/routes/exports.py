"""Downloads: the graph, targets, deadlines and the document network (kg.export)."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from api.dependencies import Store
from kg import commitments, ids
from kg.export import FORMATS, export

router = APIRouter(prefix="/export", tags=["exports"])


@router.get("", summary="The exports on offer and their media types")
def list_exports():
    return [{"name": name, "media_type": media, "url": f"/export/{name}"} for name, media in FORMATS.items()]


@router.get("/{name}", summary="One export: trig, nquads, jsonld, targets.csv, deadlines.ics, graphml, gexf")
def get_export(name: str, store: Store, organisation: Annotated[str | None, Query(
        description="deadlines.ics only: the deadlines this organisation (IRI or id) acts on or receives")] = None):
    if name not in FORMATS:
        raise HTTPException(404, f"unknown export {name!r}; known: {', '.join(FORMATS)}")
    iri = None
    if organisation:
        if name != "deadlines.ics":
            raise HTTPException(400, "only deadlines.ics can be filtered by organisation")
        iri = ids.organisation_from_id(organisation)
        if not any(o["organisation"] == iri for o in commitments.organisations_with_deadlines(store)):
            raise HTTPException(404, f"No deadlines for organisation {organisation!r}.")
    filename = name if "." in name else f"vn-policy-kg.{name}"
    if iri:
        filename = f"deadlines-{ids.organisation_id(iri).replace('/', '-')}.ics"
    return Response(export(store, name, organisation=iri), media_type=FORMATS[name],
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
