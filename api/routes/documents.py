"""Documents: the list, one document (JSON or page), its lineage and its graph view."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response
from pydantic import TypeAdapter

from api import models
from api.dependencies import DocId, Store, templates, wants_html
from api.i18n import language, translate
from api.responses import PAGE, errors
from kg import commitments, ids, network
from kg.catalogue import DocumentDetail, DocumentSummary, document, exists, list_documents, summary
from kg.nodes import UNKNOWN as UNKNOWN_NODE, details as node_info, labels as node_labels
from kg.lineage import cascade, lineage, upper_and_lower
from kg.network import HUB_LINKS
from visualisations import target_chart
from visualisations.document_network import MAX_DRAWN, Link, Node, document_network, from_graph, from_info

router = APIRouter(prefix="/documents", tags=["documents"])


# every route under /documents/{doc_id}: a malformed id is 400, an unknown one 404
ONE_DOCUMENT = errors(400, 404)


def _not_found(doc_id: ids.DocumentId) -> HTTPException:
    return HTTPException(404, f"No document {str(doc_id)!r} in the store.")


def _detail_or_404(store, doc_id: ids.DocumentId, text: bool = True) -> DocumentDetail:
    """The whole document (five queries, its text included unless `text` is false)."""
    detail = document(store, str(doc_id), text)
    if detail is None:
        raise _not_found(doc_id)
    return detail


def _summary_or_404(store, doc_id: ids.DocumentId) -> DocumentSummary:
    """The document's summary, one query: for the graph views, which name and draw it."""
    found = summary(store, str(doc_id))
    if found is None:
        raise _not_found(doc_id)
    return found


def _iri_or_404(store, doc_id: ids.DocumentId) -> str:
    """The document's IRI after one ASK: for the sub-routes that need only to know it exists."""
    iri = exists(store, str(doc_id))
    if iri is None:
        raise _not_found(doc_id)
    return iri


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


def _lineage_json(store, iri: str) -> dict:
    result = lineage(store, iri)
    labels = node_labels(store, result.nodes)

    def entry(iri):
        return {"iri": iri, "id": ids.document_id(iri), "label": labels.get(iri) or iri}
    return {
        "document": entry(result.document),
        "ancestors": [entry(i) for i in result.ancestors],
        "descendants": [entry(i) for i in result.descendants],
        "related": [entry(i) for i in result.others],
        "edges": [{"from": e.source, "relation": e.relation, "to": e.target} for e in result.edges],
    }



def _commitment_route(read_kind):
    def route(doc_id: DocId, store: Store):
        return [asdict(fact) for fact in read_kind(store, _iri_or_404(store, doc_id))]
    return route


# what a document commits to: one route per kind, each read by kg.commitments
for _kind, _model, _summary in (("targets", models.Target, "The document's numeric targets, with evidence spans"),
                                ("results", models.Result, "The values the document reports as reached, with "
                                                           "evidence spans"),
                                ("tasks", models.Task, "The document's task tree, with evidence spans"),
                                ("organisations", models.Assignment, "Organisations the document gives roles to"),
                                ("deadlines", models.Deadline, "Reporting duties and task times")):
    router.add_api_route(f"/{{doc_id:path}}/{_kind}", _commitment_route(getattr(commitments, _kind)),
                         methods=["GET"], summary=_summary, name=f"document_{_kind}", response_model=list[_model],
                         responses=ONE_DOCUMENT)


@router.get("/{doc_id:path}/lineage", response_model=models.Lineage, responses=ONE_DOCUMENT,
            summary="Ancestors and descendants with relation types")
def document_lineage(doc_id: DocId, store: Store):
    return _lineage_json(store, _iri_or_404(store, doc_id))


def _page_of(iri: str) -> str | None:
    doc_id = ids.document_id(iri)
    return f"/documents/{doc_id}" if doc_id else None


def _graph_page(request: Request, found: DocumentSummary, view: str, nodes: dict, links: list, **extra):
    lang = language(request)
    network = document_network(nodes, links, found.iri, _page_of, lang)
    if not wants_html(request):
        return network
    return templates.TemplateResponse(request, "graph.html", {"summary": found, "view": view, "network": network,
                                                              "max_drawn": MAX_DRAWN, "hub_links": HUB_LINKS, **extra})


def _with_focus(nodes: dict, found: DocumentSummary) -> dict:
    """The document itself drawn even when no edge reaches it."""
    if found.iri not in nodes:
        nodes[found.iri] = Node(found.iri, found.label, found.held, found.type or "", found.number or "")
    return nodes


# the graph views: network data as JSON, or the page that draws it
GRAPH_VIEW = {"response_model": models.Network, "responses": {**PAGE, **ONE_DOCUMENT}}


@router.get("/{doc_id:path}/graph", summary="Lineage graph view: what the document rests on and what rests on it",
            **GRAPH_VIEW)
def document_graph(doc_id: DocId, request: Request, store: Store):
    found = _summary_or_404(store, doc_id)
    result = lineage(store, found.iri)
    nodes, links = _drawn(store, result.nodes, result.edges)
    return _graph_page(request, found, "lineage", nodes, links)


def _drawn(store, iris: list[str], edges) -> tuple[dict, list]:
    """Nodes (with what kg.nodes says of them, one query) and links to draw."""
    info = node_info(store, iris)
    nodes = {iri: from_info(iri, info.get(iri, UNKNOWN_NODE)) for iri in iris}
    return nodes, [Link(*reversed(upper_and_lower(edge)), edge.relation) for edge in edges]


@router.get("/{doc_id:path}/cascade", summary="Cascade view: every document resting on this one, by level",
            **GRAPH_VIEW)
def document_cascade(doc_id: DocId, request: Request, store: Store):
    found = _summary_or_404(store, doc_id)
    below, edges = cascade(store, found.iri)
    nodes, links = _drawn(store, below, edges)
    return _graph_page(request, found, "cascade", nodes, links)


@router.get("/{doc_id:path}/neighbourhood", summary="Neighbourhood view: documents one or two steps away",
            response_model=models.Network, responses={**PAGE, **ONE_DOCUMENT, **errors(422)})
def document_neighbourhood(doc_id: DocId, request: Request, store: Store,
                           steps: Annotated[int, Query(ge=1, le=2)] = 1):
    found = _summary_or_404(store, doc_id)
    graph = network.near(store, found.iri, steps)
    nodes, links = from_graph(graph)
    return _graph_page(request, found, "neighbourhood", _with_focus(nodes, found), links, steps=steps)


RESULTS_PAGE = 20  # clauses with their results a document page shows at once (0204/KH-UBND reports 102 values in 44)


@router.get("/{doc_id:path}", summary="One document (JSON, or a page for a browser)",
            response_model=models.DocumentPublic, responses={**PAGE, **ONE_DOCUMENT, **errors(422)})
def document_detail(doc_id: DocId, request: Request, store: Store,
                    span: Annotated[str | None, Query(pattern=r"^\d+-\d+$",
                                                      description="start-end of text to highlight")] = None,
                    results_from: Annotated[int, Query(ge=0, le=1_000_000, description=(
                        f"the page: first clause of reported results shown ({RESULTS_PAGE} a page)"))] = 0):
    if not wants_html(request):
        # kept, as bytes, until the store's next write, unless big (a directive's thousands of relations)
        body, _ = store.kept(("document-json", str(doc_id)), lambda: _document_json(store, doc_id),
                             keep=lambda answer: answer[1] <= KEPT_AT_MOST)
        return Response(body, media_type="application/json")
    detail = _detail_or_404(store, doc_id)
    iri = detail.summary.iri
    results = commitments.results(store, iri)
    targets = commitments.targets(store, iri)
    by_year: dict = {}
    for target in targets:
        by_year.setdefault(target.year, []).append(target)
    return templates.TemplateResponse(request, "document.html", {
        "detail": detail, "targets_by_year": sorted(by_year.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)),
        "tasks": commitments.tasks(store, iri), "organisations": commitments.organisations(store, iri),
        "deadlines": commitments.deadlines(store, iri), "highlight": _highlight(detail, span),
        "results": _results_page(request, results, results_from)})


KEPT_AT_MOST = 500  # relations and results of a document whose JSON is kept
DOCUMENT_PUBLIC = TypeAdapter(models.DocumentPublic)


def _document_json(store, doc_id: ids.DocumentId) -> tuple[bytes, int]:
    """The document's JSON, checked against and written as the route's response model (as
    FastAPI would), and how many relations and results it holds."""
    detail = _detail_or_404(store, doc_id, text=False)
    data = asdict(detail)
    data["results"] = [asdict(result) for result in commitments.results(store, detail.summary.iri)]
    body = DOCUMENT_PUBLIC.dump_json(DOCUMENT_PUBLIC.validate_python(data), by_alias=True)
    return body, len(data["related"]) + len(data["results"])


@dataclass(frozen=True)
class WrittenResult:
    """A result and its value as the page writes it ("≥ 99,5%")."""
    result: commitments.Result
    written: str


@dataclass(frozen=True)
class ShownClause:
    """A clause on the page: its span and text, and the values read in it, written."""
    span: list[int]
    text: str
    values: list[WrittenResult]


@dataclass(frozen=True)
class ResultSection:
    """The clauses of one page read under one section heading."""
    section: str | None
    clauses: list[ShownClause]


def _results_page(request: Request, results: list[commitments.Result], first: int) -> dict:
    """The document's results as its page lists them: one page of the clauses they were read
    in, grouped by the heading of their section, each value written in the page's language."""
    lang = language(request)
    comparators = {c: translate(f"targets.comparator.{c}", lang) for c in commitments.COMPARATOR_NAMES.values()}
    clauses = commitments.results_by_clause(results)
    sections: list[ResultSection] = []
    for clause in clauses[first:first + RESULTS_PAGE]:
        if not sections or sections[-1].section != clause.section:
            sections.append(ResultSection(clause.section, []))
        sections[-1].clauses.append(ShownClause(clause.span, clause.text, [
            WrittenResult(v, target_chart.value_text(v.value, v.value_max, v.unit, v.comparator, lang, comparators))
            for v in clause.values]))
    last = max(0, (len(clauses) - 1) // RESULTS_PAGE * RESULTS_PAGE)  # the last page's first clause
    return {"count": len(results), "clauses": len(clauses), "first": first, "size": RESULTS_PAGE,
            "shown": max(0, min(len(clauses), first + RESULTS_PAGE) - first), "sections": sections,
            "indicators": len({r.indicator for r in results if r.indicator}),
            "previous": None if first == 0 else last if first > last else max(0, first - RESULTS_PAGE),
            "next": first + RESULTS_PAGE if first + RESULTS_PAGE < len(clauses) else None}
