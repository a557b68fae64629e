"""Dereferenceable document IRIs: ``/doc/{id}`` answers a browser with the document's page
and a linked-data client with its description in Turtle, N-Triples, RDF/XML or JSON-LD, by
Accept (content negotiation, as legislation.gov.uk does)."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pyoxigraph import RdfFormat

from api.dependencies import DocId, Store, wants_html
from api.responses import downloads, errors
from kg import named_queries

router = APIRouter(tags=["linked data"])

RDF_TYPES = [("text/turtle", RdfFormat.TURTLE), ("application/ld+json", RdfFormat.JSON_LD),
             ("application/n-triples", RdfFormat.N_TRIPLES), ("application/rdf+xml", RdfFormat.RDF_XML)]


@router.get("/doc/{doc_id:path}", summary="A document IRI: its page (HTML) or its RDF description, by Accept",
            response_class=Response,
            responses={**downloads([media for media, _ in RDF_TYPES],
                                   "the document's description (Turtle unless Accept names another RDF type)"),
                       303: {"description": "a browser (Accept: text/html) is sent to the document's page",
                             "headers": {"Location": {"schema": {"type": "string"}}}},
                       **errors(400, 404)})
def dereference(doc_id: DocId, request: Request, store: Store):
    description = named_queries.internal("document-description").bind(doc=doc_id.iri)
    if not list(store.query(description)):
        raise HTTPException(404, f"No document {str(doc_id)!r} in the store.")
    if wants_html(request):
        return RedirectResponse(f"/documents/{doc_id}", status_code=303, headers={"Vary": "Accept"})
    accept = [part.split(";")[0].strip() for part in request.headers.get("accept", "").split(",")]
    media, fmt = next(((m, f) for a in accept for m, f in RDF_TYPES if a == m), RDF_TYPES[0])
    return Response(store.query(description).serialize(format=fmt), media_type=media, headers={"Vary": "Accept"})
