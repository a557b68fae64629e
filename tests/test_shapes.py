"""SHACL: the whole ingested corpus conforms; the shapes catch a target without a value, a
fact without evidence and a month 13."""

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from kg.ingestion import ingest_files
from kg.store import GraphStore
from kg.validation import union_graph, validate_graph
from kg.vocab import VNP
from tests.conftest import NAM_TU_LIEM, PLANS


def test_the_whole_corpus_conforms(corpus_store):
    report = validate_graph(union_graph(corpus_store))
    assert report.conforms, report.text[:3000]


@pytest.fixture
def plan_graph():
    """Two plans in an in-memory store, as one graph: small enough to break and validate."""
    store = GraphStore(None)
    assert ingest_files(store, [NAM_TU_LIEM, PLANS / "district-bcd-xhht-2018-kh.txt"]).ok
    graph = union_graph(store)
    assert validate_graph(graph).conforms
    return graph


def test_a_target_without_a_value_is_caught(plan_graph):
    target = next(plan_graph.subjects(RDF.type, URIRef(VNP.Target)))
    plan_graph.remove((target, URIRef(VNP.value), None))
    report = validate_graph(plan_graph)
    assert not report.conforms and "exactly one decimal value" in report.text


def test_a_fact_without_evidence_is_caught(plan_graph):
    task = next(plan_graph.subjects(RDF.type, URIRef(VNP.Task)))
    plan_graph.remove((task, URIRef(VNP.evidence), None))
    report = validate_graph(plan_graph)
    assert not report.conforms and "has evidence" in report.text


def test_a_bad_month_is_caught(plan_graph):
    deadline = next(plan_graph.subjects(URIRef(VNP.month), None))
    plan_graph.set((deadline, URIRef(VNP.month), Literal(13)))
    assert not validate_graph(plan_graph).conforms
