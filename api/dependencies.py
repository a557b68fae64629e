"""Shared request dependencies: the store, the templates, page or JSON, and a document id
from the path, parsed (400 when it cannot be one)."""

from pathlib import Path as FilePath
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request
from fastapi.templating import Jinja2Templates

from api.i18n import template_context
from kg.ids import BASE, ID_PATTERN, MAX_ID_LENGTH, DocumentId, id_or_iri_pattern
from kg.relations import RESTS_ON
from kg.store import GraphStore

templates = Jinja2Templates(directory=FilePath(__file__).resolve().parent / "templates",
                            context_processors=[template_context])
# what a document rests on (kg.relations): a page links a document's status when one rests on it
templates.env.globals["rests_on"] = RESTS_ON


# The dependencies below only read the request: `async def` runs them in the event loop, where a
# plain `def` would cost each request a hop to the thread pool and back.

async def get_store(request: Request) -> GraphStore:
    return request.app.state.store


Store = Annotated[GraphStore, Depends(get_store)]


def wants_html(request: Request) -> bool:
    """A browser asking for a page: text/html preferred over JSON in Accept."""
    accept = request.headers.get("accept", "")
    if "text/html" not in accept:
        return False
    return accept.find("text/html") < accept.find("application/json") if "application/json" in accept else True


def id_schema(segment: str, parts: bool = True, empty: bool = False) -> dict:
    """The documented schema of a query parameter that is an id or our IRI under
    ``{BASE}{segment}/`` (kg.ids.id_or_iri_pattern), and with `empty` the empty value that
    a form sends for "any". Documented only: the route parses the value (400 when it cannot
    be one), so the message is kg.ids's."""
    pattern = id_or_iri_pattern(segment, parts)
    return {"pattern": f"^$|{pattern}" if empty else pattern, "maxLength": MAX_ID_LENGTH}


# Documented as the OpenAPI pattern, checked by DocumentId.parse (so that a bad id is a 400
# with kg.ids's message, not a validation error)
EXAMPLE_DOCUMENT_IDS = ["vn/qd/2021/1373-qd-ttg", "vn-ha-noi/kh/52-kh-ubnd"]


async def document_id(doc_id: Annotated[str, Path(
        description=f"a document's id: its IRI after {BASE}doc/",
        examples=EXAMPLE_DOCUMENT_IDS,
        json_schema_extra={"pattern": ID_PATTERN, "maxLength": MAX_ID_LENGTH})]) -> DocumentId:
    try:
        return DocumentId.parse(doc_id)
    except ValueError as err:
        raise HTTPException(400, str(err)) from None


DocId = Annotated[DocumentId, Depends(document_id)]
