"""Dereferenceable document IRIs: ``/doc/{id}`` answers a browser with the document's page
and a linked-data client with its description in Turtle, N-Triples, RDF/XML or JSON-LD, by
Accept (content negotiation, as legislation.gov.uk does)."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pyoxigraph import RdfFormat

from api.dependencies import Store, wants_html
from kg import ids

router = APIRouter(tags=["linked data"])

RDF_TYPES = [("text/turtle", RdfFormat.TURTLE), ("application/ld+json", RdfFormat.JSON_LD),
             ("application/n-triples", RdfFormat.N_TRIPLES), ("application/rdf+xml", RdfFormat.RDF_XML)]


@router.get("/doc/{doc_id:path}", summary="A document IRI: its page (HTML) or its RDF description, by Accept")
def dereference(doc_id: str, request: Request, store: Store):
    node = ids.document_from_path(doc_id)
    if not list(store.query(f"DESCRIBE {node}")):
        raise HTTPException(404, f"No document {doc_id!r} in the store.")
    if wants_html(request):
        return RedirectResponse(f"/documents/{doc_id}", status_code=303, headers={"Vary": "Accept"})
    accept = [part.split(";")[0].strip() for part in request.headers.get("accept", "").split(",")]
    media, fmt = next(((m, f) for a in accept for m, f in RDF_TYPES if a == m), RDF_TYPES[0])
    graph = store.query(f"DESCRIBE {node}")
    return Response(graph.serialize(format=fmt), media_type=media, headers={"Vary": "Accept"})
