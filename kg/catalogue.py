"""Documents as the API and pages show them: the list, one document's description, and the
relations in both directions. Reads the store with SPARQL; knows nothing of the web."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from kg import ids, named_queries, network
from kg.levels import LEVELS, level_of
from kg.relations import NAMES as RELATION_NAMES
from kg.store import GraphStore



@dataclass
class DocumentSummary:
    id: str
    iri: str
    label: str
    number: str | None
    type: str | None
    date: str | None
    held: bool
    cited_by: int


@dataclass
class Related:
    relation: str
    direction: str          # "out": this document -> other; "in": other -> this document
    id: str | None
    iri: str
    label: str
    rule: str | None = None          # where the text states it (relation:preamble, relation:title ...)
    confidence: float | None = None  # how far that rule is trusted
    cue: str | None = None           # the verb that states it ("thực hiện", "căn cứ")


@dataclass
class DocumentDetail:
    summary: DocumentSummary
    titles: list[str]
    issuers: list[str]
    jurisdictions: list[str]
    places: list[str]
    kinds: list[str]
    related: list[Related] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    page_titles: list[str] = field(default_factory=list)  # the web page's heading, for a page about a document



def list_documents(store: GraphStore) -> list[DocumentSummary]:
    """Every document, held first then by label: one query, kept until the store's next
    write (the list, its counts and pages read from the kept list). Read-only."""
    return store.cached("documents", lambda: _list_documents(store))


def _list_documents(store: GraphStore) -> list[DocumentSummary]:
    rows = store.select(named_queries.get("documents").text)
    result = []
    for row in rows:
        doc_id = ids.document_id(row["doc"])
        if doc_id is None:
            continue
        result.append(DocumentSummary(doc_id, row["doc"], row["label"] or doc_id, row["number"], row["type"],
                                      row["date"], row["held"] == "true", int(row["citedBy"])))
    return result


def exists(store: GraphStore, doc_id: str) -> str | None:
    """The document's IRI if the store knows it, else None: one ASK, for the routes that
    need nothing else of the document to answer."""
    doc = ids.document_from_path(doc_id)
    return doc.value if store.query(named_queries.internal("document-exists").bind(doc=doc)) else None


def summary(store: GraphStore, doc_id: str) -> DocumentSummary | None:
    """The document's summary (one query), or None if the store does not know it."""
    doc = ids.document_from_path(doc_id)
    row = store.select(named_queries.internal("document-summary").bind(doc=doc))[0]
    if int(row["known"] or 0) == 0:
        return None
    return DocumentSummary(doc_id, doc.value, row["label"] or doc_id, row["number"], row["type"], row["date"],
                           row["held"] == "true", int(row["citedBy"]))


def document(store: GraphStore, doc_id: str, text: bool = True) -> DocumentDetail | None:
    """The document's description, relations both ways and sources (with their text unless
    `text` is false: a source text is the largest value a document has), or None."""
    found = summary(store, doc_id)
    if found is None:
        return None
    doc = NamedNode(found.iri)
    values: dict[str, list[str]] = {}
    for row in store.select(named_queries.internal("document-values").bind(doc=doc)):
        values.setdefault(row["key"], []).append(row["v"])
    for found_values in values.values():
        found_values.sort()
    detail = DocumentDetail(
        summary=found,
        titles=values.get("titles", []),
        page_titles=values.get("page_titles", []),
        issuers=values.get("issuers", []),
        jurisdictions=values.get("jurisdictions") or [ids.document_path(doc.value).split("/")[0]],
        places=values.get("places", []),
        kinds=[k.rsplit("#", 1)[-1] for k in values.get("kinds", [])],
    )
    relations = [NamedNode(iri) for iri in RELATION_NAMES]
    for direction in ("out", "in"):
        query = named_queries.internal(f"document-relations-{direction}").bind(doc=doc, r=relations)
        for rel in store.select(query):
            detail.related.append(Related(RELATION_NAMES[rel["r"]], direction, ids.document_id(rel["other"]), rel["other"],
                                          rel["label"] or rel["other"], rel["rule"],
                                          float(rel["confidence"]) if rel["confidence"] else None, rel["cue"]))
    sources = named_queries.internal("document-sources-text" if text else "document-sources")
    detail.sources.extend(store.select(sources.bind(doc=doc)))
    return detail


@dataclass
class Holdings:
    held: int
    cited_only: int
    by_type: list[tuple[str, int]]             # type code, documents held
    by_level: list[tuple[str, int]]            # kg.levels level, documents held
    most_implemented: list[tuple[DocumentSummary, int]]  # directive, documents held resting on it
    latest: list[DocumentSummary]              # held, latest issued first


def holdings(store: GraphStore, top: int = 10) -> Holdings:
    """What the store holds, for the home page: computed once until the store's next write."""
    return store.cached(f"holdings-{top}", lambda: _holdings(store, top))


def _holdings(store: GraphStore, top: int) -> Holdings:
    documents = list_documents(store)
    held = [d for d in documents if d.held]
    by_type = Counter(d.type or "—" for d in held)
    by_level = Counter(level_of(d.iri, d.number or "", d.type or "") for d in held)
    summaries = {d.iri: d for d in documents}
    below = network.counted_below(network.edges(store), {d.iri for d in held})
    resting = [(summaries[node], count) for node, count in below.items() if node in summaries]
    resting.sort(key=lambda pair: (-pair[1], pair[0].label))
    return Holdings(
        held=len(held), cited_only=len(documents) - len(held),
        by_type=sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0])),
        by_level=[(level, by_level[level]) for level in LEVELS if by_level[level]],
        most_implemented=resting[:top],
        latest=sorted((d for d in held if d.date), key=lambda d: d.date, reverse=True)[:top])
