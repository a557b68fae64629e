"""Named queries (kg/queries/*.rq): the list, and each run with its parameters."""

from fastapi import APIRouter, HTTPException, Request
from pyoxigraph import Literal, NamedNode

from api.dependencies import Store
from api.sparql import run_query
from kg import ids, named_queries

router = APIRouter(prefix="/queries", tags=["queries"])


@router.get("", summary="The named queries: name, what each answers, its parameters")
def list_queries():
    return [{"name": q.name, "description": q.description, "parameters": list(q.parameters)}
            for q in named_queries.named_queries().values()]


def _term(name: str, value: str):
    """A parameter value as a term: an IRI as given, a document id or indicator id as its IRI,
    anything else a literal."""
    if value.startswith(("http://", "https://")):
        return NamedNode(value)
    if name == "doc":
        return ids.document_from_path(value)
    if name == "indicator":
        return ids.indicator_iri(value)
    return Literal(value)


@router.get("/{name}", summary="Run a named query; parameters as query-string values")
def run_named_query(name: str, request: Request, store: Store):
    try:
        query = named_queries.get(name)
    except KeyError as err:
        raise HTTPException(404, str(err)) from err
    values = {}
    for parameter in query.parameters:
        value = request.query_params.get(parameter)
        if value is None:
            raise HTTPException(400, f"query {name} needs the parameter {parameter!r}")
        values[parameter] = _term(parameter, value)
    return run_query(store, query.bind(**values), request.headers.get("accept", ""))
