"""networkx views of the document graph, computed from the store each time (never kept
apart): the cascade's direction, depth, ancestors and descendants, central directives,
connected components.

Edges point from the document that rests on another to it (plan -> directive it
implements); "approves" is turned round, so that every edge points up the cascade.
"""

from __future__ import annotations

import networkx as nx

from pyoxigraph import NamedNode

from kg import named_queries, nodes
from kg import relations as table
from kg.store import GraphStore

CASCADE = table.CASCADE
ALL_RELATIONS = table.ALL
ATTRIBUTES = ("label", "number", "jurisdiction", "type_code", "place", "year", "area")


def document_graph(store: GraphStore, relations=CASCADE) -> nx.MultiDiGraph:
    """Documents as nodes (label, held, programme, number, jurisdiction, type code, place,
    year, area), relations as edges that point up the cascade, each with its relation name.
    One query for the edges, one per CHUNK nodes for what they are (kg.nodes)."""
    properties = [NamedNode(str(table.BY_NAME[r].iri)) for r in relations]
    rows = store.select(named_queries.internal("edges").bind(relation=properties))
    return _graph(store, [(row["from"], row["relation"], row["to"]) for row in rows])


def edges(store: GraphStore, relations=CASCADE) -> list[tuple[str, str]]:
    """The (lower, upper) pairs of document_graph's edges, without the documents' details:
    one query."""
    properties = [NamedNode(str(table.BY_NAME[r].iri)) for r in relations]
    pairs = []
    for row in store.select(named_queries.internal("edges").bind(relation=properties)):
        relation = table.BY_NAME[table.NAMES[row["relation"]]]
        upper, lower = relation.upper_and_lower(row["from"], row["to"])
        pairs.append((lower, upper))
    return pairs


def counted_below(pairs: list[tuple[str, str]], counted: set[str]) -> dict[str, int]:
    """For every document, how many of the `counted` documents rest on it at any depth (what
    ``len(descendants(...) & counted)`` gives on document_graph), from (lower, upper) pairs:
    each counted document walks up once, so the cost is the number of (document, ancestor)
    pairs, not documents squared."""
    uppers: dict[str, set[str]] = {}
    for lower, upper in pairs:
        uppers.setdefault(lower, set()).add(upper)
    below: dict[str, int] = {}
    for start in counted:
        seen, stack = {start}, [start]
        while stack:
            for upper in uppers.get(stack.pop(), ()):
                if upper not in seen:
                    seen.add(upper)
                    stack.append(upper)
        seen.discard(start)
        for upper in seen:
            below[upper] = below.get(upper, 0) + 1
    return below


HUB_LINKS = 50      # a document linked to more is shown in a neighbourhood, not opened further
LINKED_AT_MOST = 400  # documents of a neighbourhood whose links among each other are read


def near(store: GraphStore, document: str, steps: int = 1) -> nx.MultiDiGraph:
    """The documents within `steps` edges of a document, whichever way the edges point, and the
    edges among them (a document with no edge: itself alone, described), read step by step: the
    document's edges (internal/touching); at two steps, how many documents each neighbour is
    linked to (internal/degree) and the edges of those linked to at most HUB_LINKS, fewest
    first, while the view has room for LINKED_AT_MOST documents (a law or a national directive
    is drawn, not opened: its hundreds of citers are its own view); the edges
    leaving the first LINKED_AT_MOST documents (internal/edges-from), which are the edges among
    them; what they are (kg.nodes). A bounded number of queries, and rows bounded by what is
    drawn, not by the size of the store."""
    relations = [NamedNode(str(relation.iri)) for relation in table.RELATIONS]
    edges = set(_touching(store, [document], relations))
    first = sorted({end for edge in edges for end in (edge[0], edge[2])} - {document})
    second: list[str] = []
    if steps > 1 and first and len(first) < LINKED_AT_MOST:     # else the first step fills the view
        degrees = {row["doc"]: int(row["degree"]) for row in store.select(
            named_queries.internal("degree").bind(doc=[NamedNode(n) for n in first], relation=relations))}
        opened, room = [], LINKED_AT_MOST - 1 - len(first)
        for node in sorted(first, key=lambda n: (degrees.get(n, 0), n)):   # fewest links first
            links = degrees.get(node, 0)
            if links > HUB_LINKS or links - 1 > room:
                break
            opened.append(node)
            room -= links - 1
        found = set(_touching(store, opened, relations)) if opened else set()
        edges |= found
        second = sorted({end for edge in found for end in (edge[0], edge[2])} - {document, *first})
    linked = ([document] + first + second)[:LINKED_AT_MOST]
    within = set(linked)
    for sparql in named_queries.bind_chunks(named_queries.internal("edges-from"), "from",
                                            [NamedNode(n) for n in linked], relation=relations):
        edges |= {(row["from"], row["relation"], row["to"]) for row in store.select(sparql) if row["to"] in within}
    return _graph(store, sorted(edges), [document])


def _touching(store: GraphStore, documents: list[str], relations: list[NamedNode]) -> list[tuple[str, str, str]]:
    return [(row["from"], row["relation"], row["to"])
            for sparql in named_queries.bind_chunks(named_queries.internal("touching"), "doc",
                                                    [NamedNode(d) for d in documents], relation=relations)
            for row in store.select(sparql)]


def _graph(store: GraphStore, edges: list[tuple[str, str, str]], alone: list[str] = ()) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(alone)
    for source, property_iri, target in edges:
        relation = table.NAMES[property_iri]
        upper, lower = table.BY_NAME[relation].upper_and_lower(source, target)
        graph.add_edge(lower, upper, relation=relation)
    found = nodes.details(store, list(graph.nodes))
    for node, data in graph.nodes(data=True):
        info = found.get(node, nodes.UNKNOWN)
        data.update({name: getattr(info, name) for name in ATTRIBUTES})
        data.update(held=info.held, programme="Programme" in info.kinds)
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
