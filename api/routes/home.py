"""The home page: what the store holds."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.dependencies import Store, templates
from kg.catalogue import list_documents

router = APIRouter(tags=["pages"])


@router.get("/", response_class=HTMLResponse, summary="Home page")
def home(request: Request, store: Store):
    documents = list_documents(store)
    held = [d for d in documents if d.held]
    most_cited = sorted((d for d in documents if d.cited_by), key=lambda d: -d.cited_by)[:15]
    return templates.TemplateResponse(request, "home.html", {
        "held": held, "cited_only": len(documents) - len(held), "most_cited": most_cited,
    })
