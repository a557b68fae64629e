"""Curated authority data (ontology/authority/*.ttl): documents whose number, date and
issuer a corpus text states. A citation that gives only the number ("Nghị quyết số
57-NQ/TW") is the authority's document of that number and jurisdiction, dated."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef

from ingest.number import DocumentNumber
from kg import ids
from kg.vocab import ELI

AUTHORITY = Path(__file__).resolve().parent.parent / "ontology" / "authority"


def _key(jurisdiction: str, number: str) -> tuple[str, str]:
    parsed = DocumentNumber.parse(number).without_year()
    return jurisdiction, f"{int(parsed.number)}|{'-'.join(parsed.codes)}"


@cache
def documents() -> dict[tuple[str, str], str]:
    """(jurisdiction, number without year) -> the document's IRI."""
    graph = Graph()
    for path in sorted(AUTHORITY.glob("*.ttl")):
        graph.parse(path, format="turtle")
    index = {}
    prefix = f"{ids.BASE}doc/"
    for subject, number in graph.subject_objects(URIRef(str(ELI.number))):
        iri = str(subject)
        if iri.startswith(prefix):
            index[_key(iri[len(prefix):].split("/")[0], str(number))] = iri
    return index


def known_document(jurisdiction: str, number: str) -> str | None:
    """The authority's IRI for a document cited by number alone, if it has one."""
    try:
        return documents().get(_key(jurisdiction, number))
    except ValueError:
        return None
