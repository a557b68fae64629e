"""SHACL validation of the store (ontology/shapes.ttl) with pyshacl."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import RdfFormat
from rdflib import Dataset, Graph

from kg.store import GraphStore

SHAPES = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"


@dataclass
class Report:
    conforms: bool
    text: str
    results: Graph


def union_graph(store: GraphStore) -> Graph:
    """All named graphs as one rdflib graph (parsed from Oxigraph's N-Quads dump)."""
    data = store.dump(RdfFormat.N_QUADS)
    dataset = Dataset()
    dataset.parse(data=data, format="nquads")
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def validate_graph(data: Graph) -> Report:
    import pyshacl

    shapes = Graph().parse(SHAPES, format="turtle")
    conforms, results, text = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                               advanced=True, allow_warnings=True)
    return Report(bool(conforms), text, results)


def validate(store: GraphStore) -> Report:
    return validate_graph(union_graph(store))
