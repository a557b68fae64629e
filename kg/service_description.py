"""The SPARQL 1.1 Service Description of the endpoint: what a client learns by asking the
endpoint's URL with no query (language, result formats, the dataset's default graph)."""

from __future__ import annotations

from rdflib import RDF, BNode, Graph, URIRef

from kg import result_formats
from kg.vocab import SD


def service_description(endpoint: str) -> Graph:
    """The description of the read-only endpoint at `endpoint`: SPARQL 1.1 Query only (no
    update language), the result formats served, and a default graph that is the union of
    the named graphs."""
    graph = Graph()
    graph.bind("sd", str(SD))
    service, dataset, default = URIRef(endpoint), BNode(), BNode()
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for formats in result_formats.FORMATS.values():
        for fmt in formats:
            if fmt.iri is not None:
                graph.add((service, SD.resultFormat, fmt.iri))
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    return graph
