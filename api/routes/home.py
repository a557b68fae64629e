"""The home page: what the store holds, a search box, the ways in."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.dependencies import Store, templates
from api.i18n import language
from kg.catalogue import holdings
from kg.levels import LEVEL_NAMES, type_names

router = APIRouter(tags=["pages"])


@router.get("/", response_class=HTMLResponse, summary="Home page")
def home(request: Request, store: Store):
    lang = language(request)
    return templates.TemplateResponse(request, "home.html", {
        "holdings": holdings(store), "level_names": {k: v[lang] for k, v in LEVEL_NAMES.items()},
        "type_names": {k: v[lang] for k, v in type_names().items()}})
