"""What the graph views draw of each node (label, held, type code, number, place, year,
area, jurisdiction, classes), for many nodes at once: one query (internal/node-details) per
CHUNK nodes, whatever their number, joined here; and, for lists that show only names, the
labels alone (internal/node-labels, as cheap again)."""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import NamedNode

from kg import named_queries
from kg.store import GraphStore


@dataclass(frozen=True)
class NodeDetails:
    """What the graph views draw of a node: of each value the smallest ("" for none), whether
    any graph says it is held, and its classes (local names)."""
    label: str = ""
    held: bool = False
    type_code: str = ""
    number: str = ""
    place: str = ""
    year: str = ""
    area: str = ""
    jurisdiction: str = ""
    kinds: frozenset[str] = frozenset()


UNKNOWN = NodeDetails()  # a node the store knows nothing of


def details(store: GraphStore, iris: list[str]) -> dict[str, NodeDetails]:
    """Each IRI's description (a node the store knows nothing of is left out)."""
    values: dict[str, dict[str, set[str]]] = {}
    nodes = [NamedNode(iri) for iri in dict.fromkeys(iris)]
    for sparql in named_queries.bind_chunks(named_queries.internal("node-details"), "node", nodes):
        for row in store.select(sparql):
            values.setdefault(row["node"], {}).setdefault(row["key"], set()).add(row["value"])
    return {node: _node(found) for node, found in values.items()}


def labels(store: GraphStore, iris: list[str]) -> dict[str, str]:
    """Each labelled IRI's smallest label (the label `details` gives it)."""
    found: dict[str, str] = {}
    nodes = [NamedNode(iri) for iri in dict.fromkeys(iris)]
    for sparql in named_queries.bind_chunks(named_queries.internal("node-labels"), "node", nodes):
        for row in store.select(sparql):
            node, label = row["node"], row["label"]
            if node not in found or label < found[node]:
                found[node] = label
    return found


def _node(found: dict[str, set[str]]) -> NodeDetails:
    def first(key: str) -> str:
        return min(found.get(key, ()), default="")
    return NodeDetails(label=first("label"), held="true" in found.get("held", ()), type_code=first("type_code"),
                       number=first("number"), place=first("place"), year=first("year"), area=first("area"),
                       jurisdiction=first("jurisdiction"),
                       kinds=frozenset(k.rsplit("#", 1)[-1] for k in found.get("kind", ())))
