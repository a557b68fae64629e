from rdflib import Graph, URIRef

from kg import vocabgen
from kg.vocab import ELI, VNP


def test_vocab_module_is_generated_from_the_ontology():
    assert vocabgen.TARGET.read_text("utf-8") == vocabgen.render()


def test_misspelt_terms_raise():
    import pytest

    with pytest.raises(AttributeError):
        VNP.implementz  # noqa: B018
    with pytest.raises(AttributeError):
        ELI.implements  # noqa: B018  (deprecated in ELI; we do not use it)


def test_our_relations_nest_under_eli():
    graph = Graph().parse(vocabgen.ONTOLOGY / "vnpolicy.ttl")
    sub = URIRef("http://www.w3.org/2000/01/rdf-schema#subPropertyOf")
    assert (URIRef(VNP.implements), sub, URIRef(ELI.ensures_implementation_of)) in graph
    assert (URIRef(VNP.continues), sub, URIRef(VNP.implements)) in graph
