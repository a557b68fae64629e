"""Named queries (kg/queries/*.rq): the list, and each run with its parameters at
``/queries/{name}``, one documented route per query so that each shows its own parameters.
Parameter values are parsed (a document id, an indicator or area id, an IRI) and bound as
terms; a value that cannot be one is 400."""

from __future__ import annotations

import inspect
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from pyoxigraph import Literal

from api import models
from api.dependencies import Store, id_schema
from api.responses import errors
from api.sparql import run_query
from kg import ids, named_queries

router = APIRouter(prefix="/queries", tags=["queries"])

# What each parameter takes as a query-string value (anything else: an IRI, or a literal):
# its description, an example, its documented schema, and how the value becomes a term
PARAMETERS = {
    "doc": ("a document: its id or IRI", "vn/qd/2021/1373-qd-ttg", id_schema("doc"), ids.document_from_path),
    "indicator": ("an indicator: its id or IRI", "literacy-rate-15-60", id_schema("indicator", parts=False),
                  ids.indicator_from_id),
    "area": ("an administrative unit: its id (vn-dak-lak, vn-ha-noi/thanh-tri) or IRI", "vn-dak-lak",
             id_schema("area"), ids.area_from_id),
    "organisation": ("an organisation: its id (vn-ha-noi/thanh-tri/phong-giao-duc-va-dao-tao) or IRI",
                     "vn-ha-noi/thanh-tri/phong-giao-duc-va-dao-tao", id_schema("org"), ids.organisation_from_path),
}

# The types run_query answers a SELECT in, by Accept (SPARQL JSON unless another is named)
RESULTS = {"200": {"description": "the results, by Accept: SPARQL JSON (default), CSV, TSV or XML", "content": {
    "application/sparql-results+json": {"schema": {"$ref": "#/components/schemas/SparqlResults"}},
    **{media: {"schema": {"type": "string"}} for media in (
        "text/csv", "text/tab-separated-values", "application/sparql-results+xml", "application/xml")}}}}


@router.get("", summary="The named queries: name, what each answers, its parameters",
            response_model=list[models.NamedQueryInfo])
def list_queries():
    return [{"name": q.name, "description": q.description, "parameters": list(q.parameters),
             "url": f"/queries/{q.name}"} for q in named_queries.named_queries().values()]


def _term(name: str, value: str):
    """A parameter value as a term: an IRI as given, a document, indicator or area id as its
    IRI, anything else a literal; ValueError for a value that cannot be what it names."""
    if value.startswith(("http://", "https://")):
        return ids.parse_iri(value)
    if name in PARAMETERS:
        return PARAMETERS[name][3](value)
    return Literal(value)


def _runner(query: named_queries.NamedQuery):
    def run(request: Request, store: Store, **values: str):
        try:
            terms = {name: _term(name, value) for name, value in values.items()}
        except ValueError as err:
            raise HTTPException(400, f"{query.name}: {err}") from None
        return run_query(store, query.bind(**terms), request.headers.get("accept", ""))

    # FastAPI reads the parameters from the signature: one required query parameter each
    fixed = [inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request),
             inspect.Parameter("store", inspect.Parameter.KEYWORD_ONLY, annotation=Store)]
    parameters = []
    for name in query.parameters:
        description, example, schema, _ = PARAMETERS.get(name, ("an IRI, or a literal value", None, None, None))
        parameters.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=Annotated[
            str, Query(description=description, examples=[example] if example else None, json_schema_extra=schema)]))
    run.__signature__ = inspect.Signature(fixed + parameters)
    run.__name__ = f"query_{query.name.replace('-', '_')}"
    return run


for _query in named_queries.named_queries().values():
    router.add_api_route(
        f"/{_query.name}", _runner(_query), methods=["GET"], summary=f"Named query {_query.name}",
        description=_query.description, name=f"query_{_query.name}",
        # run_query answers itself; the model is for the description (RESULTS refers to it)
        response_class=Response, response_model=models.SparqlResults,
        responses=errors(400, 422), openapi_extra={"responses": RESULTS})


@router.get("/{name}", include_in_schema=False)
def unknown_query(name: str):
    raise HTTPException(404, f"no named query {name!r}; known: {', '.join(named_queries.named_queries())}")
