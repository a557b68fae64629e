"""A document's lineage: the documents above it (what it implements, continues, rests on,
aligns with, up to the national directives) and below it (the plans that implement it),
with the relation on every edge.

Asked in a bounded number of queries whatever the lineage's size: the named query
lineage-up for the edges above; for those below, internal/below (the documents resting on
it at any depth) then internal/edges-from (the cascade edges leaving them, CHUNK documents a
query), kept where both ends are the document or below it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from kg import named_queries
from kg.relations import BY_NAME, CASCADE, NAMES
from kg.store import GraphStore

RELATION_NAMES = NAMES  # IRI -> relation name
CASCADE_PROPERTIES = [NamedNode(str(BY_NAME[name].iri)) for name in CASCADE]


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


def _edges_above(store: GraphStore, doc: NamedNode) -> list[Edge]:
    sparql = named_queries.get("lineage-up").bind(doc=doc)
    return [Edge(row["from"], RELATION_NAMES[row["relation"]], row["to"]) for row in store.select(sparql)]


def _edges_below(store: GraphStore, doc: NamedNode) -> list[Edge]:
    """The cascade edges among the document and the documents below it, in the order
    lineage-down answers them (from, relation, to)."""
    return cascade(store, doc.value)[1]


def cascade(store: GraphStore, document: str) -> tuple[list[str], list[Edge]]:
    """The document and every document resting on it at any depth (the cascade view's
    nodes, the document first), and the cascade edges among them: two queries, and one
    more per CHUNK documents below."""
    doc = NamedNode(document)
    below = {row["below"] for row in store.select(named_queries.internal("below").bind(doc=doc))}
    ends = below | {doc.value}
    starts = [NamedNode(iri) for iri in sorted(ends)]
    rows = set()
    for sparql in named_queries.bind_chunks(named_queries.internal("edges-from"), "from", starts,
                                            relation=CASCADE_PROPERTIES):
        rows.update((row["from"], row["relation"], row["to"]) for row in store.select(sparql) if row["to"] in ends)
    edges = [Edge(source, RELATION_NAMES[relation], target) for source, relation, target in sorted(rows)]
    return [document] + sorted(below - {document}), edges


def lineage(store: GraphStore, document: str) -> Lineage:
    doc = NamedNode(document)
    up = _edges_above(store, doc)
    down = _edges_below(store, doc)
    result = Lineage(document)
    placed = {document}
    for edge in up:
        upper, _ = upper_and_lower(edge)
        if upper not in placed:
            result.ancestors.append(upper)
            placed.add(upper)
    for edge in down:
        _, lower = upper_and_lower(edge)
        if lower not in placed:
            result.descendants.append(lower)
            placed.add(lower)
    seen = set()
    for edge in up + down:
        key = (edge.source, edge.relation, edge.target)
        if key in seen:
            continue
        seen.add(key)
        result.edges.append(edge)
        for node in (edge.source, edge.target):
            if node not in placed:
                result.others.append(node)
                placed.add(node)
    return result
