"""Change feeds (Atom): documents added to the store, and new documents resting on a directive."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from api.dependencies import DocId, Store
from api.i18n import language, translate
from api.responses import errors
from kg import feeds
from kg.catalogue import summary

router = APIRouter(tags=["feeds"])

ATOM_TYPE = "application/atom+xml"
ATOM = {200: {"description": "an Atom 1.0 feed (RFC 4287), the latest entries first",
              "content": {ATOM_TYPE: {"schema": {"type": "string"}}}}}


def _atom(request: Request, feed: feeds.Feed, title: str, alternate: str) -> Response:
    base = str(request.base_url)
    body = feeds.atom(feed, title, self_url=str(request.url.remove_query_params("lang")),
                      alternate_url=base + alternate.lstrip("/"),
                      page_url=lambda entry: base + (f"documents/{entry.id}" if entry.id else ""),
                      language=language(request))
    return Response(body, media_type=ATOM_TYPE)


@router.get("/feed.atom", response_class=Response, responses=ATOM,
            summary="Atom feed of the documents added to the store, the latest first")
def documents_feed(request: Request, store: Store):
    lang = language(request)
    return _atom(request, feeds.documents_added(store), translate("feed.documents.title", lang),
                 "/documents?held=true")


@router.get("/documents/{doc_id:path}/feed.atom", response_class=Response, responses={**ATOM, **errors(400, 404)},
            summary="Atom feed of the new documents resting on this one (its cascade), the latest first")
def cascade_feed(doc_id: DocId, request: Request, store: Store):
    found = summary(store, str(doc_id))
    if found is None:
        raise HTTPException(404, f"No document {str(doc_id)!r} in the store.")
    lang = language(request)
    return _atom(request, feeds.cascade_added(store, found.iri),
                 translate("feed.cascade.title", lang, label=found.label), f"/documents/{found.id}")
