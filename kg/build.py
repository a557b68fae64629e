"""Extraction -> RDF quads in ONE named graph per source file. The only writer of facts.

What a source graph holds:
- the source file (path, hash, normalised text);
- the document itself (an ``eli:LegalResource`` with number, type, issuer, jurisdiction,
  date, and its Vietnamese expression carrying the title);
- every document it cites, as the text describes it (same IRI whoever cites it, see
  ``kg.ids``; an unresolved reference stays under the citing document);
- every relation stated, plus a ``vnp:Statement`` and ``vnp:Mention`` nodes keeping the
  spans they were read from.
"""

from __future__ import annotations

from dataclasses import dataclass

from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse
from rdflib import RDF, RDFS, SKOS, XSD
from rdflib.namespace import ORG

from ingest import patterns
from ingest.records import Extraction, Reference
from ingest.resolve import provinces
from kg import ids
from kg.vocab import ELI, VNP

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
VIETNAMESE = NamedNode("http://publications.europa.eu/resource/authority/language/VIE")

PREDICATES = {
    "implements": VNP.implements,
    "based_on": ELI.based_on,
    "continues": VNP.continues,
    "approves": VNP.approves,
    "aligns_with": VNP.alignsWith,
    "cites": ELI.cites,
    "amends": ELI.amends,
    "repeals": ELI.repeals,
}


def N(term) -> NamedNode:
    """An rdflib URIRef from the vocabulary as a pyoxigraph node."""
    return NamedNode(str(term))


def typed(value, datatype) -> Literal:
    return Literal(str(value), datatype=N(datatype))


@dataclass
class Built:
    graph: NamedNode
    document: NamedNode
    quads: list[Quad]


class _Writer:
    def __init__(self, graph: NamedNode):
        self.graph = graph
        self.quads: list[Quad] = []

    def add(self, s, p, o) -> None:
        if o is None:
            return
        self.quads.append(Quad(s, N(p) if not isinstance(p, NamedNode) else p, o, self.graph))


def document_node(extraction: Extraction) -> NamedNode:
    identity = extraction.document
    if identity.number:
        return ids.document_iri(identity.jurisdiction or "unknown", identity.type, identity.year,
                                identity.number)
    return ids.draft_iri(identity.jurisdiction, identity.type, identity.year, identity.issuer,
                         identity.place, identity.date, identity.title, extraction.source["sha256"])


def reference_node(reference: Reference, citing: NamedNode) -> tuple[NamedNode, bool]:
    """(IRI, resolved) of a cited document."""
    year = int(reference.date[:4]) if reference.date else None
    if reference.number:
        if reference.jurisdiction is None:
            return ids.unresolved_iri(citing, reference.ref), False
        try:
            return ids.document_iri(reference.jurisdiction, reference.type, year, reference.number), True
        except ValueError:
            return ids.unresolved_iri(citing, reference.ref), False
    return ids.titled_document_iri(reference.jurisdiction, reference.type, reference.title or reference.ref,
                                   year if reference.type in ("L", "PL") else None), True


def build(extraction: Extraction, text: str, source_path: str) -> Built:
    sha256 = extraction.source["sha256"]
    graph = ids.source_graph_iri(sha256)
    w = _Writer(graph)
    identity = extraction.document

    # the source file
    source = graph
    w.add(source, RDF.type, N(VNP.SourceFile))
    w.add(source, VNP.sourcePath, Literal(source_path))
    w.add(source, VNP.sha256, Literal(sha256))
    w.add(source, VNP.characters, typed(len(text), XSD.integer))
    w.add(source, VNP.text, Literal(text))

    # the document itself
    doc = document_node(extraction)
    w.add(doc, RDF.type, N(ELI.LegalResource))
    w.add(doc, VNP.held, typed("true", XSD.boolean))
    w.add(doc, VNP.extractedFrom, source)
    _describe(w, doc, number=identity.number, type_code=identity.type, issuer=identity.issuer,
              jurisdiction=identity.jurisdiction, date=identity.date, title=identity.title)
    w.add(doc, VNP.place, Literal(identity.place) if identity.place else None)
    w.add(doc, RDFS.label, Literal(_label(identity.type, identity.number, identity.title)))
    w.quads.extend(district_area_quads(graph, identity.jurisdiction, identity.place))

    # cited documents
    nodes: dict[str, NamedNode] = {"self": doc}
    for reference in extraction.references:
        node, resolved = reference_node(reference, doc)
        nodes[reference.ref] = node
        if node == doc:
            continue
        if not resolved:
            w.add(node, RDF.type, N(VNP.UnresolvedReference))
            w.add(node, VNP.rawReference, Literal(reference.ref))
            if identity.jurisdiction:
                w.add(node, VNP.candidateJurisdiction, ids.area_iri(identity.jurisdiction))
        else:
            w.add(node, RDF.type, N(ELI.LegalResource))
        if reference.number is None and reference.type not in ("L", "PL"):
            w.add(node, RDF.type, N(VNP.Programme))
        _describe(w, node, number=reference.number, type_code=reference.type, issuer=reference.issuer,
                  jurisdiction=reference.jurisdiction if resolved else None, date=reference.date,
                  title=reference.title if reference.number is None else None)
        w.add(node, RDFS.label, Literal(_label(reference.type, reference.number, reference.title)))
        w.add(doc, ELI.cites, node)
        for i, (start, end) in enumerate(getattr(reference, "mentions", [reference.span])):
            mention = NamedNode(f"{graph.value}#mention-{_slug_ref(reference.ref)}-{i}")
            w.add(mention, RDF.type, N(VNP.Mention))
            w.add(mention, VNP.mentions, node)
            w.add(mention, VNP.inSource, source)
            w.add(mention, VNP.start, typed(start, XSD.integer))
            w.add(mention, VNP.end, typed(end, XSD.integer))
            w.add(mention, VNP.exact, Literal(text[start:end]))

    # relations, each with the statement it was read from
    for i, relation in enumerate(extraction.relations):
        subject, obj = nodes.get(relation.subject), nodes.get(relation.object)
        if subject is None or obj is None or subject == obj:
            continue
        predicate = N(PREDICATES[relation.predicate])
        w.add(subject, predicate, obj)
        statement = NamedNode(f"{graph.value}#statement-{i}")
        start, end = relation.span
        w.add(statement, RDF.type, N(VNP.Statement))
        w.add(statement, VNP.statedSubject, subject)
        w.add(statement, VNP.statedRelation, predicate)
        w.add(statement, VNP.statedObject, obj)
        w.add(statement, VNP.inSource, source)
        w.add(statement, VNP.start, typed(start, XSD.integer))
        w.add(statement, VNP.end, typed(end, XSD.integer))
        w.add(statement, VNP.exact, Literal(text[start:end]))
        w.add(statement, VNP.cue, Literal(relation.cue) if relation.cue else None)
        w.add(statement, VNP.rule, Literal(f"relation:{relation.predicate}:{'cue' if relation.cue else 'mention'}"))
    return Built(graph, doc, w.quads)


def _slug_ref(ref: str) -> str:
    return ids._slug(ref, 60)


def _label(type_code: str | None, number: str | None, title: str | None) -> str:
    label = _type_label(type_code) or "Văn bản"
    if number:
        return f"{label} {number}"
    if title:
        short = title if len(title) <= 90 else title[:87].rstrip() + "…"
        return f"{label} “{short}”" if not title.lower().startswith(label.lower()) else short
    return f"{label} (không số)"


def _type_label(type_code: str | None) -> str | None:
    for entry in patterns.document_types():
        if entry["code"] == type_code:
            return entry["vi"]
    return None


def _describe(w: _Writer, node: NamedNode, *, number, type_code, issuer, jurisdiction, date, title) -> None:
    if number:
        w.add(node, ELI.number, Literal(number))
    if type_code:
        w.add(node, VNP.typeCode, Literal(type_code))
        w.add(node, ELI.type_document, ids.type_iri(type_code))
    if issuer:
        w.add(node, VNP.issuerName, Literal(issuer, language="vi"))
        if jurisdiction:
            organisation = ids.organisation_iri(jurisdiction, issuer)
            w.add(node, ELI.passed_by, organisation)
            w.add(organisation, RDF.type, N(ORG.Organization))
            w.add(organisation, SKOS.prefLabel, Literal(issuer, language="vi"))
    if jurisdiction:
        w.add(node, ELI.jurisdiction, ids.area_iri(jurisdiction))
    if date:
        w.add(node, VNP.dateText, Literal(date))
        w.add(node, VNP.year, typed(date[:4], XSD.gYear))
        if len(date) == 10:
            w.add(node, ELI.date_document, typed(date, XSD.date))
    if title:
        expression = NamedNode(f"{node.value}/vie")
        w.add(node, ELI.is_realized_by, expression)
        w.add(expression, RDF.type, N(ELI.LegalExpression))
        w.add(expression, ELI.realizes, node)
        w.add(expression, ELI.language, VIETNAMESE)
        w.add(expression, ELI.title, Literal(title, language="vi"))


def curated_quads() -> list[Quad]:
    """The curated graph: the document type and area concept schemes (from the rule data),
    the ontology, and ontology/authority/*.ttl when present."""
    graph = ids.CURATED_GRAPH
    w = _Writer(graph)
    for entry in patterns.document_types():
        concept = ids.type_iri(entry["code"])
        w.add(concept, RDF.type, N(SKOS.Concept))
        w.add(concept, SKOS.inScheme, N(VNP.DocumentTypes))
        w.add(concept, SKOS.notation, Literal(entry["code"]))
        w.add(concept, SKOS.prefLabel, Literal(entry["vi"], language="vi"))
        w.add(concept, SKOS.prefLabel, Literal(entry["en"], language="en"))
    country = patterns.places()["country"]
    top = ids.area_iri(country["slug"])
    w.add(top, RDF.type, N(SKOS.Concept))
    w.add(top, SKOS.inScheme, N(VNP.Areas))
    w.add(top, SKOS.prefLabel, Literal(country["vi"], language="vi"))
    w.add(top, SKOS.prefLabel, Literal(country["en"], language="en"))
    for slug, province in provinces().items():
        area = ids.area_iri(f"vn-{slug}")
        w.add(area, RDF.type, N(SKOS.Concept))
        w.add(area, SKOS.inScheme, N(VNP.Areas))
        w.add(area, SKOS.broader, top)
        prefix = "Thành phố" if province["kind"] == "thanh-pho" else "Tỉnh"
        w.add(area, SKOS.prefLabel, Literal(f"{prefix} {province['name']}", language="vi"))
        w.add(area, SKOS.prefLabel, Literal(province["en"], language="en"))
    for path in sorted(ONTOLOGY.glob("*.ttl")) + sorted(ONTOLOGY.glob("authority/*.ttl")):
        for triple in parse(path=str(path), format=RdfFormat.TURTLE):
            w.quads.append(Quad(triple.subject, triple.predicate, triple.object, graph))
    return w.quads


def district_area_quads(graph: NamedNode, jurisdiction: str | None, district_name: str | None) -> list[Quad]:
    """A district area met in a document ("vn-ha-noi/nam-tu-liem"), under its province."""
    if not jurisdiction or "/" not in jurisdiction:
        return []
    w = _Writer(graph)
    area = ids.area_iri(jurisdiction)
    w.add(area, RDF.type, N(SKOS.Concept))
    w.add(area, SKOS.inScheme, N(VNP.Areas))
    w.add(area, SKOS.broader, ids.area_iri(jurisdiction.split("/")[0]))
    if district_name:
        w.add(area, SKOS.prefLabel, Literal(district_name, language="vi"))
    return w.quads
