"""Shared request dependencies."""

from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from api.i18n import template_context
from kg.store import GraphStore

templates = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates",
                            context_processors=[template_context])


def get_store(request: Request) -> GraphStore:
    return request.app.state.store


Store = Annotated[GraphStore, Depends(get_store)]


def wants_html(request: Request) -> bool:
    """A browser asking for a page: text/html preferred over JSON in Accept."""
    accept = request.headers.get("accept", "")
    if "text/html" not in accept:
        return False
    return accept.find("text/html") < accept.find("application/json") if "application/json" in accept else True
