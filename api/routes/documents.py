"""Documents: the list, one document (JSON or page), its lineage and its graph view."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request

from api import models
from api.dependencies import DocId, Store, templates, wants_html
from api.i18n import language
from api.responses import PAGE, errors
from kg import commitments, ids, network
from kg.catalogue import DocumentDetail, document, list_documents, node_info
from kg.lineage import lineage, upper_and_lower
from visualisations.document_network import Link, Node, document_network, from_graph, from_info

router = APIRouter(prefix="/documents", tags=["documents"])


# every route under /documents/{doc_id}: a malformed id is 400, an unknown one 404
ONE_DOCUMENT = errors(400, 404)


def _detail_or_404(store, doc_id: ids.DocumentId) -> DocumentDetail:
    detail = document(store, str(doc_id))
    if detail is None:
        raise HTTPException(404, f"No document {str(doc_id)!r} in the store.")
    return detail


@router.get("", response_model=models.DocumentsPublic, summary="Documents, paged (JSON, or a page for a browser)",
            responses={**PAGE, **errors(422)})
def documents(request: Request, store: Store,
              offset: Annotated[int, Query(ge=0)] = 0,
              limit: Annotated[int, Query(ge=1, le=500)] = 50,
              held: Annotated[bool | None, Query(description="only held (true) or only cited (false)")] = None):
    found = list_documents(store)
    if held is not None:
        found = [d for d in found if d.held == held]
    page = found[offset:offset + limit]
    if wants_html(request):
        return templates.TemplateResponse(request, "documents.html", {
            "documents": page, "count": len(found), "offset": offset, "limit": limit, "held": held})
    return {"data": [asdict(d) for d in page], "count": len(found)}


def _highlight(detail: DocumentDetail, span: str | None) -> dict | None:
    """The source text cut around [start, end) so the page can mark it (each part escaped)."""
    if not span or not detail.sources or not detail.sources[0].get("text"):
        return None
    text = detail.sources[0]["text"]
    start, end = (int(x) for x in span.split("-"))
    if not 0 <= start < end <= len(text):
        return None
    return {"before": text[:start], "marked": text[start:end], "after": text[end:]}


def _lineage_json(store, detail: DocumentDetail) -> dict:
    result = lineage(store, detail.summary.iri)
    labels = node_info(store, result.nodes)

    def entry(iri):
        return {"iri": iri, "id": ids.document_id(iri), "label": labels.get(iri, {}).get("label", iri)}
    return {
        "document": entry(result.document),
        "ancestors": [entry(i) for i in result.ancestors],
        "descendants": [entry(i) for i in result.descendants],
        "related": [entry(i) for i in result.others],
        "edges": [{"from": e.source, "relation": e.relation, "to": e.target} for e in result.edges],
    }



def _commitment_route(read_kind):
    def route(doc_id: DocId, store: Store):
        return read_kind(store, _detail_or_404(store, doc_id).summary.iri)
    return route


# what a document commits to: one route per kind, each read by kg.commitments
for _kind, _model, _summary in (("targets", models.Target, "The document's numeric targets, with evidence spans"),
                                ("tasks", models.Task, "The document's task tree, with evidence spans"),
                                ("organisations", models.Assignment, "Organisations the document gives roles to"),
                                ("deadlines", models.Deadline, "Reporting duties and task times")):
    router.add_api_route(f"/{{doc_id:path}}/{_kind}", _commitment_route(getattr(commitments, _kind)),
                         methods=["GET"], summary=_summary, name=f"document_{_kind}", response_model=list[_model],
                         responses=ONE_DOCUMENT)


@router.get("/{doc_id:path}/lineage", response_model=models.Lineage, responses=ONE_DOCUMENT,
            summary="Ancestors and descendants with relation types")
def document_lineage(doc_id: DocId, store: Store):
    return _lineage_json(store, _detail_or_404(store, doc_id))


def _page_of(iri: str) -> str | None:
    doc_id = ids.document_id(iri)
    return f"/documents/{doc_id}" if doc_id else None


def _graph_page(request: Request, detail: DocumentDetail, view: str, nodes: dict, links: list, **extra):
    lang = language(request)
    network = document_network(nodes, links, detail.summary.iri, _page_of, lang)
    if not wants_html(request):
        return network
    return templates.TemplateResponse(request, "graph.html", {"detail": detail, "view": view, "network": network,
                                                              **extra})


# the graph views: network data as JSON, or the page that draws it
GRAPH_VIEW = {"response_model": models.Network, "responses": {**PAGE, **ONE_DOCUMENT}}


@router.get("/{doc_id:path}/graph", summary="Lineage graph view: what the document rests on and what rests on it",
            **GRAPH_VIEW)
def document_graph(doc_id: DocId, request: Request, store: Store):
    detail = _detail_or_404(store, doc_id)
    result = lineage(store, detail.summary.iri)
    info = node_info(store, result.nodes)
    nodes = {iri: from_info(iri, info.get(iri, {})) for iri in result.nodes}
    links = [Link(*reversed(upper_and_lower(edge)), edge.relation) for edge in result.edges]
    return _graph_page(request, detail, "lineage", nodes, links)


@router.get("/{doc_id:path}/cascade", summary="Cascade view: every document resting on this one, by level",
            **GRAPH_VIEW)
def document_cascade(doc_id: DocId, request: Request, store: Store):
    detail = _detail_or_404(store, doc_id)
    nodes, links = from_graph(network.cascade(network.document_graph(store), detail.summary.iri))
    if detail.summary.iri not in nodes:
        nodes[detail.summary.iri] = Node(detail.summary.iri, detail.summary.label, detail.summary.held,
                                         detail.summary.type or "", detail.summary.number or "")
    return _graph_page(request, detail, "cascade", nodes, links)


@router.get("/{doc_id:path}/neighbourhood", summary="Neighbourhood view: documents one or two steps away",
            response_model=models.Network, responses={**PAGE, **ONE_DOCUMENT, **errors(422)})
def document_neighbourhood(doc_id: DocId, request: Request, store: Store,
                           steps: Annotated[int, Query(ge=1, le=2)] = 1):
    detail = _detail_or_404(store, doc_id)
    graph = network.neighbourhood(network.document_graph(store, network.ALL_RELATIONS), detail.summary.iri, steps)
    nodes, links = from_graph(graph)
    if detail.summary.iri not in nodes:
        nodes[detail.summary.iri] = Node(detail.summary.iri, detail.summary.label, detail.summary.held,
                                         detail.summary.type or "", detail.summary.number or "")
    return _graph_page(request, detail, "neighbourhood", nodes, links, steps=steps)


@router.get("/{doc_id:path}", summary="One document (JSON, or a page for a browser)",
            response_model=models.DocumentPublic, responses={**PAGE, **ONE_DOCUMENT, **errors(422)})
def document_detail(doc_id: DocId, request: Request, store: Store,
                    span: Annotated[str | None, Query(pattern=r"^\d+-\d+$",
                                                      description="start-end of text to highlight")] = None):
    detail = _detail_or_404(store, doc_id)
    if wants_html(request):
        iri = detail.summary.iri
        targets = commitments.targets(store, iri)
        by_year: dict = {}
        for target in targets:
            by_year.setdefault(target["year"], []).append(target)
        return templates.TemplateResponse(request, "document.html", {
            "detail": detail, "targets_by_year": sorted(by_year.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)),
            "tasks": commitments.tasks(store, iri), "organisations": commitments.organisations(store, iri),
            "deadlines": commitments.deadlines(store, iri), "highlight": _highlight(detail, span)})
    data = asdict(detail)
    for source in data["sources"]:
        source.pop("text", None)
    return data
