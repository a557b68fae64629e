"""SPARQL 1.1 Protocol endpoint, read-only: GET/POST /sparql.

Results by Accept: JSON (default), CSV, TSV, XML for SELECT/ASK; Turtle, N-Triples, RDF/XML
for CONSTRUCT/DESCRIBE. An update is refused with 403. A browser asking for HTML with no
query gets the query page. Queries run in the worker thread pool, never on the event loop.
"""

from __future__ import annotations

from typing import Optional

import pyoxigraph
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat
from starlette.concurrency import run_in_threadpool

from api.dependencies import Store, templates, wants_html
from kg import named_queries

router = APIRouter(tags=["sparql"])

RESULT_TYPES = [
    ("application/sparql-results+json", QueryResultsFormat.JSON),
    ("application/json", QueryResultsFormat.JSON),
    ("text/csv", QueryResultsFormat.CSV),
    ("text/tab-separated-values", QueryResultsFormat.TSV),
    ("application/sparql-results+xml", QueryResultsFormat.XML),
    ("application/xml", QueryResultsFormat.XML),
]
GRAPH_TYPES = [
    ("text/turtle", RdfFormat.TURTLE),
    ("application/n-triples", RdfFormat.N_TRIPLES),
    ("application/rdf+xml", RdfFormat.RDF_XML),
]


def _choose(accept: str, table):
    """The first type of `table` that Accept names (in Accept's order), else the first."""
    wanted = [part.split(";")[0].strip() for part in accept.split(",") if part.strip()]
    for media in wanted:
        for name, fmt in table:
            if media == name:
                return name, fmt
    return table[0]


def _is_update(text: str) -> bool:
    try:
        pyoxigraph.Store().update(text)  # parse (and run) on an empty throw-away store
        return True
    except (SyntaxError, ValueError, OSError):
        return False


def run_query(store, query: str, accept: str) -> Response:
    try:
        results = store.query(query)
    except SyntaxError as err:
        if _is_update(query):
            raise HTTPException(403, "This endpoint is read-only: SPARQL updates are not allowed.") from err
        raise HTTPException(400, f"SPARQL syntax error: {err}") from err
    except (ValueError, OSError) as err:
        raise HTTPException(400, f"Query failed: {err}") from err
    if isinstance(results, (QuerySolutions, QueryBoolean)):
        media, fmt = _choose(accept, RESULT_TYPES)
        body = results.serialize(format=fmt)
        if media == "application/json":
            media = "application/sparql-results+json"
    else:
        media, fmt = _choose(accept, GRAPH_TYPES)
        body = results.serialize(format=fmt)
    return Response(body, media_type=media)


@router.get("/sparql", summary="SPARQL query (GET)")
def sparql_get(request: Request, store: Store, query: Optional[str] = None,
               update: Optional[str] = None):
    if update is not None:
        raise HTTPException(403, "This endpoint is read-only: SPARQL updates are not allowed.")
    if query is None:
        if wants_html(request):
            return HTMLResponse(templates.get_template("sparql.html").render(
                request=request, examples=named_queries.named_queries()))
        raise HTTPException(400, "Missing 'query' parameter.")
    return run_query(store, query, request.headers.get("accept", ""))


@router.post("/sparql", summary="SPARQL query (POST, form or application/sparql-query)")
async def sparql_post(request: Request, store: Store):
    content_type = request.headers.get("content-type", "").split(";")[0].strip()
    if content_type == "application/sparql-update":
        raise HTTPException(403, "This endpoint is read-only: SPARQL updates are not allowed.")
    if content_type == "application/sparql-query":
        query = (await request.body()).decode("utf-8")
    elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form()
        if "update" in form:
            raise HTTPException(403, "This endpoint is read-only: SPARQL updates are not allowed.")
        query = form.get("query")
    else:
        raise HTTPException(415, "Send the query as application/sparql-query or as a 'query' form field.")
    if not query:
        raise HTTPException(400, "Missing query.")
    return await run_in_threadpool(run_query, store, str(query), request.headers.get("accept", ""))
