"""SPARQL 1.1 Protocol endpoint, read-only: GET/POST /sparql.

Results by Accept: JSON (default), CSV, TSV, XML for SELECT/ASK; Turtle, N-Triples, RDF/XML
for CONSTRUCT/DESCRIBE. Instead of Accept, ``format=`` (a query parameter, or a form field of
a POST) names a file type of FORMATS and makes the answer a download (Content-Disposition:
attachment); a type of the other kind of result (csv for a CONSTRUCT) gives that kind's
default (Turtle). An update is refused with 403. A browser asking for HTML with no query gets
the query page, with the named queries as examples (``?example=name`` puts one in the
editor). Queries run in the worker thread pool, never on the event loop.
"""

from __future__ import annotations

import re
from typing import Optional

import pyoxigraph
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from pyoxigraph import NamedNode, QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat
from starlette.concurrency import run_in_threadpool

from api.dependencies import Store, templates, wants_html
from kg import ids, named_queries
from kg.vocab import SPARQL_PREFIXES

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
# format=<name>: the media type asked for instead of Accept; the name is the download's extension
FORMATS = {
    "json": "application/sparql-results+json", "csv": "text/csv", "tsv": "text/tab-separated-values",
    "xml": "application/sparql-results+xml", "ttl": "text/turtle", "nt": "application/n-triples",
    "rdf": "application/rdf+xml",
}
EXTENSIONS = {media: name for name, media in FORMATS.items()}
DOWNLOAD_NAME = "query-results"
READ_ONLY = "This endpoint is read-only: SPARQL updates are not allowed."

# The query page: a directive to bind ?doc to when a named query gives no example of its own
EXAMPLE_DOCUMENT = ids.document_from_path("vn/qd/2021/1373-qd-ttg")
DEFAULT_QUERY = "".join(line + "\n" for line in SPARQL_PREFIXES.splitlines()
                        if line.split()[1] in ("vnp:", "rdfs:")) + """SELECT ?plan ?label ?implemented WHERE {
  ?plan vnp:implements ?implemented ; rdfs:label ?label .
} LIMIT 50
"""


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


def _format_media(fmt: Optional[str]) -> Optional[str]:
    """The media type a ``format=`` value stands for (None when not given); 400 if unknown."""
    if fmt is None or fmt == "":
        return None
    try:
        return FORMATS[fmt.strip().lower()]
    except KeyError:
        raise HTTPException(400, f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.") from None


def run_query(store, query: str, accept: str, fmt: Optional[str] = None) -> Response:
    """Run `query` and serialise its results in the type Accept names, or, when `fmt` (a key
    of FORMATS) is given, in that type as a download."""
    download = _format_media(fmt)
    try:
        results = store.query(query)
    except SyntaxError as err:
        if _is_update(query):
            raise HTTPException(403, READ_ONLY) from err
        raise HTTPException(400, f"SPARQL syntax error: {err}") from err
    except (ValueError, OSError) as err:
        raise HTTPException(400, f"Query failed: {err}") from err
    asked = download or accept
    if isinstance(results, (QuerySolutions, QueryBoolean)):
        media, serial = _choose(asked, RESULT_TYPES)
        if media == "application/json":
            media = "application/sparql-results+json"
    else:
        media, serial = _choose(asked, GRAPH_TYPES)
    body = results.serialize(format=serial)
    headers = {}
    if download:
        headers["Content-Disposition"] = f'attachment; filename="{DOWNLOAD_NAME}.{EXTENSIONS[media]}"'
    return Response(body, media_type=media, headers=headers)


def _parameter_examples(query: named_queries.NamedQuery) -> dict[str, NamedNode]:
    """A value for each parameter of `query`: the IRI its header gives after "e.g.", else
    EXAMPLE_DOCUMENT for ?doc; parameters with neither are left out (stay variables)."""
    header = next((line for line in query.text.splitlines() if line.lower().startswith("# parameters")), "")
    values = {}
    for name in query.parameters:
        given = re.search(rf"\?{name}\b[^?]*?e\.g\. <([^<>\s]+)>", header)
        if given:
            values[name] = NamedNode(given.group(1))
        elif name == "doc":
            values[name] = EXAMPLE_DOCUMENT
    return values


def page_examples() -> list[dict]:
    """The named queries as the page's examples: the query text with each parameter bound
    (a VALUES line) to an example value where one is known."""
    examples = []
    for query in named_queries.named_queries().values():
        values = _parameter_examples(query)
        text = query.text
        if values and set(values) == set(query.parameters):
            text = query.bind(**values)
        else:
            values = {}
        examples.append({
            "name": query.name, "description": query.description, "parameters": list(query.parameters),
            "bound": {name: value.value for name, value in values.items()}, "text": text,
            "binding": ", ".join(f"?{name} = {value}" for name, value in values.items()),
            "unbound": ", ".join(f"?{name}" for name in query.parameters if name not in values),
        })
    return examples


def _prefixes() -> dict[str, str]:
    """Prefixes the page shortens IRIs with: our vocabulary's and the app's own IRIs."""
    found = dict(re.findall(r"PREFIX\s+(\w*):\s*<([^>]*)>", SPARQL_PREFIXES))
    for name, segment in (("doc", "doc"), ("area", "area"), ("indicator", "indicator"),
                          ("organisation", "org"), ("type", "type"), ("graph", "graph")):
        found.setdefault(name, f"{ids.BASE}{segment}/")
    return found


def query_page(request: Request):
    examples = page_examples()
    chosen = next((e for e in examples if e["name"] == request.query_params.get("example")), None)
    return templates.TemplateResponse(request, "sparql.html", {
        "examples": examples, "chosen": chosen, "initial_query": chosen["text"] if chosen else DEFAULT_QUERY,
        "default_query": DEFAULT_QUERY, "prefixes": _prefixes(), "document_base": f"{ids.BASE}doc/",
    })


@router.get("/sparql", summary="SPARQL query (GET); format=json|csv|tsv|xml|ttl|nt|rdf for a download")
def sparql_get(request: Request, store: Store, query: Optional[str] = None,
               update: Optional[str] = None, format: Optional[str] = None):
    if update is not None:
        raise HTTPException(403, READ_ONLY)
    if query is None:
        if wants_html(request):
            return query_page(request)
        raise HTTPException(400, "Missing 'query' parameter.")
    return run_query(store, query, request.headers.get("accept", ""), format)


@router.post("/sparql", summary="SPARQL query (POST, form or application/sparql-query); format= as for GET")
async def sparql_post(request: Request, store: Store):
    content_type = request.headers.get("content-type", "").split(";")[0].strip()
    fmt = request.query_params.get("format")
    if content_type == "application/sparql-update":
        raise HTTPException(403, READ_ONLY)
    if content_type == "application/sparql-query":
        query = (await request.body()).decode("utf-8")
    elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form()
        if "update" in form:
            raise HTTPException(403, READ_ONLY)
        query = form.get("query")
        fmt = form.get("format") or fmt
    else:
        raise HTTPException(415, "Send the query as application/sparql-query or as a 'query' form field.")
    if not query:
        raise HTTPException(400, "Missing query.")
    return await run_in_threadpool(run_query, store, str(query), request.headers.get("accept", ""),
                                   str(fmt) if fmt is not None else None)
