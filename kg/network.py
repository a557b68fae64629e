"""networkx views of the document graph, computed from the store each time (never kept
apart): the cascade's direction, depth, ancestors and descendants, central directives,
connected components.

Edges point from the document that rests on another to it (plan -> directive it
implements); "approves" is turned round, so that every edge points up the cascade.
"""

from __future__ import annotations

import networkx as nx

from kg import relations as table
from kg.store import GraphStore
from kg.vocab import SPARQL_PREFIXES

CASCADE = table.CASCADE
ALL_RELATIONS = table.ALL


def document_graph(store: GraphStore, relations=CASCADE) -> nx.MultiDiGraph:
    """Documents as nodes (label, held, number, jurisdiction), relations as edges that point
    up the cascade, each with its relation name."""
    graph = nx.MultiDiGraph()
    names = {str(table.BY_NAME[r].iri): r for r in relations}
    values = " ".join(f"<{iri}>" for iri in names)
    for row in store.select(SPARQL_PREFIXES + f"""
            SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o FILTER NOT EXISTS {{ ?s a vnp:Task }} }}"""):
        relation = names[row["p"]]
        upper, lower = table.BY_NAME[relation].upper_and_lower(row["s"], row["o"])
        graph.add_edge(lower, upper, relation=relation)
    # one query a property: OPTIONALs chained over many named graphs multiply rows
    attributes = {"label": "?d rdfs:label ?v", "number": "?d eli:number ?v",
                  "jurisdiction": "?d eli:jurisdiction ?v", "type_code": "?d vnp:typeCode ?v",
                  "place": "?d vnp:place ?v", "year": "?d vnp:year ?v",
                  "area": '?d eli:jurisdiction/skos:prefLabel ?v FILTER(LANG(?v) IN ("vi", ""))'}
    for name, pattern in attributes.items():
        graph_nodes = graph.nodes
        for node in graph_nodes:
            graph_nodes[node].setdefault(name, "")
        for row in store.select(SPARQL_PREFIXES + f"""
                SELECT ?d (MIN(STR(?v)) AS ?value) WHERE {{ {pattern} }} GROUP BY ?d"""):
            if row["d"] in graph:
                graph_nodes[row["d"]][name] = row["value"]
    for node in graph.nodes:
        graph.nodes[node].update(held=False, programme=False)
    for row in store.select(SPARQL_PREFIXES + "SELECT DISTINCT ?d WHERE { ?d vnp:held true }"):
        if row["d"] in graph:
            graph.nodes[row["d"]]["held"] = True
    for row in store.select(SPARQL_PREFIXES + "SELECT DISTINCT ?d WHERE { ?d a vnp:Programme }"):
        if row["d"] in graph:
            graph.nodes[row["d"]]["programme"] = True
    return graph


def cascade(graph: nx.MultiDiGraph, directive: str) -> nx.MultiDiGraph:
    """The directive and every document resting on it, at any depth, with the edges among them."""
    if directive not in graph:
        return nx.MultiDiGraph()
    return graph.subgraph({directive} | descendants(graph, directive)).copy()


def neighbourhood(graph: nx.MultiDiGraph, document: str, steps: int = 1) -> nx.MultiDiGraph:
    """The documents within `steps` edges of a document, whichever way the edges point, and
    every edge among them."""
    if document not in graph:
        return nx.MultiDiGraph()
    near = nx.ego_graph(graph.to_undirected(as_view=True), document, radius=steps)
    return graph.subgraph(near.nodes).copy()


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
