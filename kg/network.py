"""networkx views of the document graph, computed from the store each time (never kept
apart): the cascade's direction, depth, ancestors and descendants, central directives,
connected components.

Edges point from the document that rests on another to it (plan -> directive it
implements); "approves" is turned round, so that every edge points up the cascade.
"""

from __future__ import annotations

import networkx as nx

from kg.build import PREDICATES
from kg.store import GraphStore
from kg.vocab import SPARQL_PREFIXES

CASCADE = ("implements", "continues", "based_on", "aligns_with", "approves")


def document_graph(store: GraphStore, relations=CASCADE) -> nx.MultiDiGraph:
    """Documents as nodes (label, held, number, jurisdiction), relations as edges that point
    up the cascade, each with its relation name."""
    graph = nx.MultiDiGraph()
    names = {str(PREDICATES[r]): r for r in relations}
    values = " ".join(f"<{iri}>" for iri in names)
    for row in store.select(SPARQL_PREFIXES + f"""
            SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }}"""):
        relation = names[row["p"]]
        lower, upper = (row["o"], row["s"]) if relation == "approves" else (row["s"], row["o"])
        graph.add_edge(lower, upper, relation=relation)
    for row in store.select(SPARQL_PREFIXES + """
            SELECT ?d (SAMPLE(?l) AS ?label) (MAX(?h) AS ?held) (SAMPLE(?n) AS ?number) (SAMPLE(?j) AS ?area)
            WHERE { ?d a eli:LegalResource . OPTIONAL { ?d rdfs:label ?l } OPTIONAL { ?d eli:number ?n }
                    OPTIONAL { ?d eli:jurisdiction ?j } OPTIONAL { ?d vnp:held ?h0 } BIND(COALESCE(?h0, false) AS ?h) }
            GROUP BY ?d"""):
        if row["d"] in graph:
            graph.nodes[row["d"]].update(label=row["label"] or "", held=row["held"] == "true",
                                         number=row["number"] or "", jurisdiction=row["area"] or "")
    return graph


def ancestors(graph: nx.MultiDiGraph, document: str) -> set[str]:
    return nx.descendants(graph, document) if document in graph else set()


def descendants(graph: nx.MultiDiGraph, document: str) -> set[str]:
    return nx.ancestors(graph, document) if document in graph else set()


def cascade_depth(graph: nx.MultiDiGraph) -> dict[str, int]:
    """How many levels a document sits below the top of its cascade (0 for a document that
    rests on nothing). Cycles, if the texts make one, are cut at their first edge."""
    simple = nx.DiGraph(graph)
    while not nx.is_directed_acyclic_graph(simple):
        cycle = nx.find_cycle(simple)
        simple.remove_edge(*cycle[0][:2])
    depth: dict[str, int] = {}
    for node in reversed(list(nx.topological_sort(simple))):  # tops first
        uppers = list(simple.successors(node))
        depth[node] = 1 + max(depth[u] for u in uppers) if uppers else 0
    return depth


def central_directives(graph: nx.MultiDiGraph, top: int = 10) -> list[tuple[str, int]]:
    """Documents with the most documents resting on them, directly or not."""
    counts = {node: len(descendants(graph, node)) for node in graph}
    return sorted(((n, c) for n, c in counts.items() if c), key=lambda nc: (-nc[1], nc[0]))[:top]


def components(graph: nx.MultiDiGraph) -> list[set[str]]:
    """Separate cascades: weakly connected components, largest first."""
    return sorted((set(c) for c in nx.weakly_connected_components(graph)), key=len, reverse=True)
