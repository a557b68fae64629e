"""The neighbourhood view read step by step (kg.network.near): what the whole document graph
says of a document's surroundings, read about those documents only; a document linked to very
many is drawn at the second step, not opened."""

import pytest

from kg import network
from kg.catalogue import list_documents


@pytest.fixture(scope="module")
def whole(corpus_store):
    return network.document_graph(corpus_store, network.ALL_RELATIONS)


@pytest.fixture(scope="module")
def documents(corpus_store):
    held = [d for d in list_documents(corpus_store) if d.held]
    cited = sorted(list_documents(corpus_store), key=lambda d: -d.cited_by)[:5]
    return held[::4] + cited


def _shape(graph):
    return set(graph.nodes), sorted((a, b, data["relation"]) for a, b, data in graph.edges(data=True))


@pytest.mark.parametrize("steps", [1, 2])
def test_near_is_the_whole_graphs_neighbourhood(corpus_store, whole, documents, monkeypatch, steps):
    monkeypatch.setattr(network, "HUB_LINKS", 10**6)       # every neighbour opened,
    monkeypatch.setattr(network, "LINKED_AT_MOST", 10**6)  # whatever the room
    for doc in documents:
        assert _shape(network.near(corpus_store, doc.iri, steps)) == \
            _shape(network.neighbourhood(whole, doc.iri, steps)), doc.id


def test_a_neighbour_linked_to_many_is_drawn_not_opened(corpus_store, whole, documents, monkeypatch):
    monkeypatch.setattr(network, "HUB_LINKS", 3)
    monkeypatch.setattr(network, "LINKED_AT_MOST", 10**6)
    undirected = whole.to_undirected(as_view=True)
    checked = 0
    for doc in documents:
        got = network.near(corpus_store, doc.iri, 2)
        first = set(undirected.neighbors(doc.iri))
        assert first <= set(got.nodes), doc.id                # every neighbour drawn
        for node in set(got.nodes) - first - {doc.iri}:        # reached through a small neighbour
            assert any(len(set(undirected.neighbors(m))) <= 3 for m in set(undirected.neighbors(node)) & first), \
                (doc.id, node)
        hubs = {m for m in first if len(set(undirected.neighbors(m))) > 3}
        beyond = {n for m in hubs for n in undirected.neighbors(m)} - first - {doc.iri}
        reachable_otherwise = {n for m in first - hubs for n in undirected.neighbors(m)}
        assert not (beyond - reachable_otherwise) & set(got.nodes), doc.id
        checked += bool(beyond - reachable_otherwise)
    assert checked                                             # the corpus has such hubs


def test_the_second_step_stops_when_the_view_is_full(corpus_store, documents, monkeypatch):
    """Neighbours are opened fewest links first while LINKED_AT_MOST documents fit: the view
    never holds more than that beyond what the first step alone brings."""
    monkeypatch.setattr(network, "LINKED_AT_MOST", 30)
    fuller = 0
    for doc in documents:
        one, two = network.near(corpus_store, doc.iri, 1), network.near(corpus_store, doc.iri, 2)
        assert set(one.nodes) <= set(two.nodes), doc.id
        assert two.number_of_nodes() <= max(30, one.number_of_nodes()), doc.id
        fuller += two.number_of_nodes() > one.number_of_nodes()
    assert fuller                                   # some views still open a second step


def test_counted_below_is_what_the_cascade_graph_counts(corpus_store):
    """The home page's "documents resting on it": the held documents below each document on
    document_graph, counted from the edges alone."""
    graph = network.document_graph(corpus_store)
    held = {node for node, data in graph.nodes(data=True) if data["held"]}
    expected = {node: len(network.descendants(graph, node) & held) for node in graph}
    counted = network.counted_below(network.edges(corpus_store), held)
    assert counted == {node: count for node, count in expected.items() if count}
    assert max(counted.values()) >= 5  # not a trivial agreement: documents with several below


def test_counted_below_walks_a_cycle_once():
    pairs = [("a", "b"), ("b", "c"), ("c", "a"), ("d", "a"), ("d", "c")]   # (lower, upper)
    assert network.counted_below(pairs, {"a", "d"}) == {"a": 1, "b": 2, "c": 2}
