"""Downloads: the graph, targets, deadlines and the document network (kg.export)."""

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

from api.dependencies import Store
from kg.export import FORMATS, export

router = APIRouter(prefix="/export", tags=["exports"])


@router.get("", summary="The exports on offer and their media types")
def list_exports():
    return [{"name": name, "media_type": media, "url": f"/export/{name}"} for name, media in FORMATS.items()]


@router.get("/{name}", summary="One export: trig, nquads, jsonld, targets.csv, deadlines.ics, graphml, gexf")
def get_export(name: str, store: Store):
    if name not in FORMATS:
        raise HTTPException(404, f"unknown export {name!r}; known: {', '.join(FORMATS)}")
    filename = name if "." in name else f"vn-policy-kg.{name}"
    return Response(export(store, name), media_type=FORMATS[name],
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
