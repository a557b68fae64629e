"""SPARQL 1.1 Protocol endpoint, read-only: GET/POST/HEAD /sparql.

A client's query runs in a worker process (``kg.query_workers``) with a time, memory and
result-size limit, never in the server's own process, and only on the store: updates are
refused (403), ``SERVICE`` is refused unless the operator allowed the endpoint (400), and
``FROM``/``FROM NAMED`` and the ``default-graph-uri``/``named-graph-uri`` parameters pick
graphs of the store, nothing else. Results by Accept (q-values honoured, 406 when nothing
offered fits, ``Vary: Accept``): SPARQL JSON, XML, CSV, TSV for SELECT/ASK; Turtle,
N-Triples, RDF/XML, JSON-LD, N3 for CONSTRUCT/DESCRIBE. Instead of Accept, ``format=`` or
``output=`` (what SPARQLWrapper and others send: "json", "xml", "turtle", "n3", "json-ld",
a media type ...) names the type and makes the answer a download. Queries may come from
any origin (CORS). With no query, a browser asking for HTML gets the query page (the named
queries as examples; ``?example=name`` puts one in the editor); any other client gets the
SPARQL 1.1 Service Description.
"""

from __future__ import annotations

import asyncio
import re
import threading
from typing import Optional
from urllib.parse import parse_qsl

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from pyoxigraph import NamedNode, QueryBoolean, QuerySolutions

from api.dependencies import templates, wants_html
from kg import ids, named_queries, result_formats
from kg.query_workers import READ_ONLY, QueryFailed, QueryJob, QueryLimits, QueryWorkers
from kg.service_description import service_description
from kg.vocab import SPARQL_PREFIXES

router = APIRouter(tags=["sparql"])

DOWNLOAD_NAME = "query-results"
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "Content-Disposition"}
QUERY_TYPES = ("application/sparql-query", "application/x-www-form-urlencoded")
# media type -> rdflib's serialiser, for the service description (the first is the default)
DESCRIPTION_FORMATS = {"text/turtle": "turtle", "application/ld+json": "json-ld",
                       "application/rdf+xml": "xml", "application/n-triples": "nt"}

# The query page: a directive to bind ?doc to when a named query gives no example of its own
EXAMPLE_DOCUMENT = ids.document_from_path("vn/qd/2021/1373-qd-ttg")
DEFAULT_QUERY = named_queries.internal("plans-implementing").without_header

_workers_lock = threading.Lock()


def query_workers(request: Request) -> QueryWorkers:
    """The app's query workers, started at the first query."""
    state = request.app.state
    with _workers_lock:
        if getattr(state, "query_workers", None) is None:
            limits = getattr(state, "query_limits", None) or QueryLimits.from_environment()
            state.query_workers = QueryWorkers(state.store, limits)
        return state.query_workers


def run_query(store, query: str, accept: str, fmt: Optional[str] = None) -> Response:
    """Run one of our own queries (a named query, bound) in this process and serialise its
    results by Accept, or, when `fmt` is given, as a download of that type."""
    try:
        results = store.query(query)
    except (SyntaxError, ValueError, OSError) as err:
        raise HTTPException(400, f"Query failed: {err}") from err
    kind = (result_formats.SOLUTIONS if isinstance(results, QuerySolutions) else
            result_formats.BOOLEAN if isinstance(results, QueryBoolean) else result_formats.GRAPH)
    try:
        chosen = result_formats.choose(kind, accept, fmt)
    except result_formats.UnknownFormat as err:
        raise HTTPException(400, str(err)) from err
    except result_formats.NotAcceptable as err:
        raise HTTPException(406, str(err)) from err
    return _response(chosen.media, results.serialize(format=chosen.serialisation), chosen.extension, bool(fmt))


def _response(media: str, body: bytes, extension: str, download: bool) -> Response:
    headers = {"Vary": "Accept", **CORS}
    if download:
        headers["Content-Disposition"] = f'attachment; filename="{DOWNLOAD_NAME}.{extension}"'
    return Response(body, media_type=media, headers=headers)


async def _answer(request: Request, query: str, fmt: Optional[str],
                  default_graphs: list[str], named_graphs: list[str]) -> Response:
    job = QueryJob(query, request.headers.get("accept", ""), fmt, tuple(default_graphs), tuple(named_graphs),
                   base_iri=str(request.url.replace(query="", fragment="")))
    gone = asyncio.Event()
    watcher = asyncio.create_task(_watch_for_disconnect(request, gone))
    try:
        answer = await query_workers(request).run(job, lambda: _is_set(gone))
    except QueryFailed as failed:
        raise HTTPException(failed.status, failed.message, headers=CORS) from failed
    finally:
        watcher.cancel()
    return _response(answer.media, answer.body, answer.extension, bool(fmt))


async def _watch_for_disconnect(request: Request, gone: asyncio.Event) -> None:
    """Set `gone` when the client closes its connection. (Starlette's is_disconnected() polls
    in a cancelled scope and misses the message behind the app's middleware.)"""
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            gone.set()
            return


async def _is_set(event: asyncio.Event) -> bool:
    return event.is_set()


def _describe(request: Request) -> Response:
    """The service description, in the RDF type Accept prefers (Turtle by default)."""
    endpoint = str(request.url.replace(query="", fragment=""))
    ranked = result_formats.negotiate(request.headers.get("accept", ""), result_formats.GRAPH)
    media = ranked.media if ranked is not None and ranked.media in DESCRIPTION_FORMATS else "text/turtle"
    body = service_description(endpoint).serialize(format=DESCRIPTION_FORMATS[media])
    return Response(body, media_type=media, headers={"Vary": "Accept", **CORS})


def _format(values: list[str]) -> Optional[str]:
    """The format= and output= values as one: the first that names a format (SPARQLWrapper
    sends "format=tsv&format=text/tab-separated-values&output=tsv ..."); 400 when values are
    given and none is known, or one is empty."""
    if any(not v.strip() for v in values):
        raise HTTPException(400, "format= (or output=) is empty; name a format or leave it out.", headers=CORS)
    for value in values:
        try:
            result_formats.check_name(value)
            return value
        except result_formats.UnknownFormat:
            continue
    if values:
        raise HTTPException(400, f"Unknown format {values[0]!r}; use one of {', '.join(result_formats.ALL_NAMES)} "
                                 f"or a media type.", headers=CORS)
    return None


ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|\\^`]*")


def _graphs(values: list[str], name: str) -> list[str]:
    """The IRIs of a dataset parameter; 400 for anything that is not an absolute IRI."""
    for value in values:
        if not ABSOLUTE_IRI.fullmatch(value):
            raise HTTPException(400, f"{name} must be an absolute IRI, not {value[:200]!r}.", headers=CORS)
        try:
            NamedNode(value)
        except ValueError as err:
            raise HTTPException(400, f"{name} must be an absolute IRI, not {value[:200]!r} ({err}).",
                                headers=CORS) from err
    return values


def _single(values: list[str], name: str) -> Optional[str]:
    if len(values) > 1:
        raise HTTPException(400, f"Give '{name}' once; the request has it {len(values)} times.", headers=CORS)
    return values[0] if values else None


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


SOLUTIONS_JSON = {  # application/sparql-results+json, as W3C's "SPARQL 1.1 Query Results JSON Format"
    "type": "object", "required": ["head"],
    "properties": {"head": {"type": "object"},
                   "results": {"type": "object", "required": ["bindings"],
                               "properties": {"bindings": {"type": "array", "items": {"type": "object"}}}},
                   "boolean": {"type": "boolean"}},
}
TEXT = {"type": "string"}
ERROR = {"type": "object", "required": ["detail"], "properties": {"detail": {}}}
QUERY_RESPONSES = {
    200: {"description": "Results: SPARQL JSON/XML/CSV/TSV for SELECT and ASK; Turtle, N-Triples, RDF/XML, "
                         "JSON-LD or N3 for CONSTRUCT and DESCRIBE; with no query, the query page (HTML) or "
                         "the service description (RDF)",
          "content": {"application/sparql-results+json": {"schema": SOLUTIONS_JSON},
                      "application/json": {"schema": SOLUTIONS_JSON},
                      "application/ld+json": {"schema": {"type": ["array", "object"]}},
                      **{media: {"schema": TEXT} for media in [
                          "application/sparql-results+xml", "application/xml", "text/xml", "text/csv",
                          "text/tab-separated-values", "text/turtle", "application/x-turtle",
                          "application/n-triples", "text/plain", "application/rdf+xml", "text/n3",
                          "text/rdf+n3", "text/html"]}}},
    **{status: {"description": description, "content": {"application/json": {"schema": ERROR},
                                                         "text/html": {"schema": TEXT}}}
       for status, description in [
           (400, "Bad query: syntax, SERVICE, too deep, an unknown format, a parameter given twice"),
           (403, "An update: this endpoint is read-only"),
           (406, "No type in Accept can carry the result"),
           (413, "The query, the body or the result is larger than its limit"),
           (415, "The body is not a query (POST)"),
           (422, "A parameter that is not valid"),
           (503, "The query ran past its time or memory limit, or the server is busy")]},
}


@router.get("/sparql", responses=QUERY_RESPONSES,
                  summary="SPARQL query by GET; format=/output= for a type; no query: the page or the service description")
async def sparql_get(request: Request,
                     query: Optional[str] = Query(None, min_length=1, examples=["ASK { ?s ?p ?o }"],
                                                  description="A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE)"),
                     default_graph_uri: list[str] = Query([], alias="default-graph-uri",
                                                          description="IRI of a graph of the store: the default graph"),
                     named_graph_uri: list[str] = Query([], alias="named-graph-uri",
                                                        description="IRI of a graph of the store: a named graph"),
                     format: Optional[str] = None, output: Optional[str] = None):
    parameters = request.query_params
    if "update" in parameters:
        raise HTTPException(403, READ_ONLY, headers=CORS)
    query = _single(parameters.getlist("query"), "query")
    fmt = _format(parameters.getlist("format") + parameters.getlist("output"))
    default_graph_uri = _graphs(default_graph_uri, "default-graph-uri")
    named_graph_uri = _graphs(named_graph_uri, "named-graph-uri")
    if query is None:
        if wants_html(request):
            return query_page(request)
        return _describe(request)
    return await _answer(request, query, fmt, default_graph_uri, named_graph_uri)


@router.post("/sparql", responses=QUERY_RESPONSES,
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/sparql-query": {"schema": {"type": "string"}},
                 "application/x-www-form-urlencoded": {"schema": {
                     "type": "object", "required": ["query"],
                     "properties": {"query": {"type": "string"}, "format": {"type": "string"},
                                    "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                                    "named-graph-uri": {"type": "array", "items": {"type": "string"}}}}}}}},
             summary="SPARQL query by POST: the query as the body (application/sparql-query) or a form field")
async def sparql_post(request: Request):
    content_type = request.headers.get("content-type", "")
    media = content_type.split(";")[0].strip().lower()
    charset = re.search(r"charset\s*=\s*\"?([\w.-]+)", content_type, re.I)
    if charset and charset.group(1).lower() not in ("utf-8", "utf8", "us-ascii"):
        raise HTTPException(415, f"Send the query in UTF-8, not {charset.group(1)}.", headers=CORS)
    if media == "application/sparql-update":
        raise HTTPException(403, READ_ONLY, headers=CORS)
    if media not in QUERY_TYPES:
        raise HTTPException(415, "Send the query as application/sparql-query, or as the 'query' field of an "
                                 "application/x-www-form-urlencoded form.", headers=CORS)
    body = await request.body()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise HTTPException(400, f"The body is not UTF-8 (byte {err.start}).", headers=CORS) from err
    url = request.query_params
    if media == "application/sparql-query":
        fields: list[tuple[str, str]] = []
        query = text
    else:
        try:
            fields = parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
        except UnicodeDecodeError as err:
            raise HTTPException(400, "A form field is not UTF-8 once percent-decoded.", headers=CORS) from err
        if any(name == "update" for name, _ in fields):
            raise HTTPException(403, READ_ONLY, headers=CORS)
        query = _single([v for n, v in fields if n == "query"], "query")
    given = lambda name: [v for n, v in fields if n == name] + url.getlist(name)  # noqa: E731
    fmt = _format(given("format") + given("output"))
    if not query or not query.strip():
        raise HTTPException(400, "Missing query.", headers=CORS)
    return await _answer(request, query, fmt, _graphs(given("default-graph-uri"), "default-graph-uri"),
                         _graphs(given("named-graph-uri"), "named-graph-uri"))


@router.options("/sparql", include_in_schema=False)
def sparql_preflight() -> Response:
    """CORS preflight: any origin may query."""
    return Response(status_code=204, headers={**CORS, "Access-Control-Allow-Methods": "GET, POST, HEAD, OPTIONS",
                                              "Access-Control-Allow-Headers": "Accept, Content-Type",
                                              "Access-Control-Max-Age": "86400"})
