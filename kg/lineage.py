"""A document's lineage: the documents above it (what it implements, continues, rests on,
aligns with, up to the national directives) and below it (the plans that implement it),
with the relation on every edge. Read through the named queries lineage-up / lineage-down."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from kg import named_queries
from kg.relations import BY_NAME, NAMES
from kg.store import GraphStore

RELATION_NAMES = NAMES  # IRI -> relation name


@dataclass
class Edge:
    source: str
    relation: str      # implements, continues, based_on, aligns_with, approves
    target: str


@dataclass
class Lineage:
    document: str
    ancestors: list[str] = field(default_factory=list)    # what the document rests on, at any depth
    descendants: list[str] = field(default_factory=list)  # what rests on it, at any depth
    others: list[str] = field(default_factory=list)       # other ends of the edges (a programme an ancestor approves)
    edges: list[Edge] = field(default_factory=list)

    @property
    def nodes(self) -> list[str]:
        return [self.document] + self.ancestors + self.descendants + self.others


def upper_and_lower(edge: Edge) -> tuple[str, str]:
    """Which end of an edge sits above: the implemented, continued, based-on, aligned-with
    document, or the approving decision."""
    return BY_NAME[edge.relation].upper_and_lower(edge.source, edge.target)


def _edges(store: GraphStore, query: str, doc: NamedNode) -> list[Edge]:
    sparql = named_queries.get(query).bind(doc=doc)
    return [Edge(row["from"], RELATION_NAMES[row["relation"]], row["to"]) for row in store.select(sparql)]


def lineage(store: GraphStore, document: str) -> Lineage:
    doc = NamedNode(document)
    up = _edges(store, "lineage-up", doc)
    down = _edges(store, "lineage-down", doc)
    result = Lineage(document)
    for edge in up:
        upper, _ = upper_and_lower(edge)
        if upper != document and upper not in result.ancestors:
            result.ancestors.append(upper)
    for edge in down:
        _, lower = upper_and_lower(edge)
        if lower != document and lower not in result.descendants and lower not in result.ancestors:
            result.descendants.append(lower)
    seen = set()
    for edge in up + down:
        key = (edge.source, edge.relation, edge.target)
        if key in seen:
            continue
        seen.add(key)
        result.edges.append(edge)
        for node in (edge.source, edge.target):
            if node != document and node not in result.ancestors + result.descendants + result.others:
                result.others.append(node)
    return result
