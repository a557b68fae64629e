"""Extraction -> RDF quads in ONE named graph per source file. The only writer of facts.

What a source graph holds:
- the source file (path, hash, normalised text);
- the document itself (an ``eli:LegalResource`` with number, type, issuer, jurisdiction,
  date, and its Vietnamese expression carrying the title);
- every document it cites, as the text describes it (same IRI whoever cites it, see
  ``kg.ids``; an unresolved reference stays under the citing document);
- every relation stated, plus a ``vnp:Statement`` and ``vnp:Mention`` nodes keeping the
  spans they were read from;
- when it was written to the store (``prov:generatedAtTime`` on the graph, added by the
  writer, ``kg.ingestion``, with ``ingest_time_quad``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from types import SimpleNamespace

import rdflib
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse
from rdflib import URIRef

from ingest import patterns
from ingest.number import DocumentNumber
from ingest.keys import body_key
from ingest.records import Extraction, Observation, Reference
from ingest.resolve import provinces
from kg import ids
from kg.authority import known_document
from kg.relations import RELATIONS
from kg import vocab
from kg.vocab import ELI, OA, VNP


def _read_once(namespace, names: str) -> SimpleNamespace:
    """The terms `names` of an rdflib DefinedNamespace, read once: reading one through the
    namespace costs ~1.5 µs (its __getattr__), and a graph reads thousands (the type of every
    fact, the datatype of every number). Only these terms are here: another one is added to the
    list before use."""
    return SimpleNamespace(**{name: getattr(namespace, name) for name in names.split()})


RDF, RDFS = _read_once(rdflib.RDF, "type"), _read_once(rdflib.RDFS, "label")
SKOS = _read_once(rdflib.SKOS, "Concept altLabel broader inScheme notation prefLabel")
XSD = _read_once(rdflib.XSD, "boolean date dateTime decimal gYear integer")
ORG, PROV = _read_once(vocab.ORG, "Organization"), _read_once(vocab.PROV, "generatedAtTime")

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
VIETNAMESE = NamedNode("http://publications.europa.eu/resource/authority/language/VIE")

PREDICATES = {relation.name: relation.iri for relation in RELATIONS}


@lru_cache(maxsize=4096)  # the vocabulary's terms, each made once (a NamedNode checks its IRI)
def N(term) -> NamedNode:
    """An rdflib URIRef from the vocabulary as a pyoxigraph node."""
    return NamedNode(str(term))


def typed(value, datatype) -> Literal:
    return Literal(str(value), datatype=N(datatype))


@dataclass
class Built:
    graph: NamedNode
    document: NamedNode
    triples: list[tuple]  # the graph's quads as (subject, predicate, object), in the order made

    @cached_property
    def quads(self) -> list[Quad]:
        """The graph's quads, made when first asked for: ``kg ingest`` writes the triples'
        N-Quads lines without them (``kg.ingestion``), a pyoxigraph Quad costing more to make
        than its line."""
        return [Quad(s, p, o, self.graph) for s, p, o in self.triples]


class _Writer:
    def __init__(self, graph: NamedNode):
        self.graph = graph
        self.triples: list[tuple] = []
        self.organisations: dict[NamedNode, str] = {}  # body -> the name its prefLabel in this graph has

    def add(self, s, p, o) -> None:
        if o is None:
            return
        self.triples.append((s, N(p) if not isinstance(p, NamedNode) else p, o))


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
        if year is None and DocumentNumber.parse(reference.number).year is None:
            known = known_document(reference.jurisdiction, reference.number)  # cited by number alone
            if known:
                return NamedNode(known), True
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
    w.add(doc, RDFS.label, Literal(_label(identity.type, identity.number, identity.title, identity.page_title)))
    if identity.page_title:
        w.add(doc, VNP.pageTitle, Literal(identity.page_title, language="vi"))
    _district_area(w, identity.jurisdiction, identity.place)

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
        for i, (start, end) in enumerate(reference.mentions or [reference.span]):
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
        w.add(statement, VNP.rule, Literal(relation.rule))
        w.add(statement, VNP.confidence, typed(confidence(relation.rule), XSD.decimal))
        if relation.stated:
            w.add(statement, VNP.statedByVerb, N(PREDICATES[relation.stated]))
        if relation.task is not None and relation.stated:
            # the task that carries out part of the cited document: Task implements X
            w.add(NamedNode(f"{source.value}#task-{relation.task}"), N(PREDICATES[relation.stated]), obj)
    _commitments(w, extraction, doc, source, text)
    return Built(graph, doc, w.triples)


COMPARATORS = {"at_least": VNP.atLeast, "at_most": VNP.atMost, "about": VNP.about, "maintain": VNP.maintain}
ROLES = {"lead": VNP.lead, "coordinate": VNP.coordinate, "implement": VNP.implement, "report_to": VNP.reportTo,
         "recipient": VNP.recipientRole}
RECURRENCES = {"yearly": VNP.yearly, "half_yearly": VNP.halfYearly, "quarterly": VNP.quarterly,
               "monthly": VNP.monthly, "daily": VNP.daily, "once": VNP.once}
CONTEXT = 32  # characters of prefix and suffix in a text quote selector


@lru_cache(maxsize=1024)
def confidence(rule: str) -> float:
    table = patterns.load("confidence")
    best = max((key for key in table if not key.startswith("_") and rule.startswith(key)), key=len, default=None)
    return table[best] if best else 0.5


class _EvidenceTerms:
    """The terms of an evidence annotation as nodes, made once: every fact has one (most of a
    graph's quads), and reading a term of a DefinedNamespace builds it anew each time."""
    def __init__(self):
        self.type, self.evidence, self.rule, self.confidence = N(RDF.type), N(VNP.evidence), N(VNP.rule), N(VNP.confidence)
        self.Annotation, self.hasTarget, self.SpecificResource = N(OA.Annotation), N(OA.hasTarget), N(OA.SpecificResource)
        self.hasSource, self.hasSelector, self.TextQuoteSelector = N(OA.hasSource), N(OA.hasSelector), N(OA.TextQuoteSelector)
        self.exact, self.prefix, self.suffix = N(OA.exact), N(OA.prefix), N(OA.suffix)
        self.TextPositionSelector, self.start, self.end = N(OA.TextPositionSelector), N(OA.start), N(OA.end)
        self.integer = N(XSD.integer)


_EVIDENCE_TERMS = _EvidenceTerms()


def _evidence(w: _Writer, fact: NamedNode, source: NamedNode, text: str, span, rule: str) -> None:
    """The fact's evidence: a Web Annotation selecting its text in the source, by quote and by
    position, with the rule that produced it and the rule's confidence."""
    start, end = span
    annotation = NamedNode(f"{fact.value}-evidence")
    target = NamedNode(f"{fact.value}-evidence-target")
    quote = NamedNode(f"{fact.value}-evidence-quote")
    position = NamedNode(f"{fact.value}-evidence-position")
    t = _EVIDENCE_TERMS
    rule_literal, confidence_literal = _rule_literals(rule)
    w.triples += (  # (what w.add writes, without its checks: every term here is a node or a literal)
        (fact, t.evidence, annotation),
        (annotation, t.type, t.Annotation),
        (annotation, t.hasTarget, target),
        (annotation, t.rule, rule_literal),
        (annotation, t.confidence, confidence_literal),
        (target, t.type, t.SpecificResource),
        (target, t.hasSource, source),
        (target, t.hasSelector, quote),
        (target, t.hasSelector, position),
        (quote, t.type, t.TextQuoteSelector),
        (quote, t.exact, Literal(text[start:end])),
        (quote, t.prefix, Literal(text[max(0, start - CONTEXT):start])),
        (quote, t.suffix, Literal(text[end:end + CONTEXT])),
        (position, t.type, t.TextPositionSelector),
        (position, t.start, Literal(str(start), datatype=t.integer)),  # Oxigraph stores xsd:nonNegativeInteger as xsd:integer
        (position, t.end, Literal(str(end), datatype=t.integer)))


@lru_cache(maxsize=1024)
def _rule_literals(rule: str) -> tuple[Literal, Literal]:
    """A rule's name and its confidence as literals, made once per rule."""
    return Literal(rule), typed(confidence(rule), XSD.decimal)


def _observation(w: _Writer, node: NamedNode, fact: Observation, kind: URIRef, year_property: URIRef,
                 area: NamedNode | None, source: NamedNode, text: str) -> None:
    """A target or a result (ingest.records): the same shape of observation, its own kind and
    year property (the year to reach, or the year observed)."""
    w.add(node, VNP.kind, N(kind))
    w.add(node, VNP.value, typed(_decimal(fact.value), XSD.decimal))
    if fact.value_max is not None:
        w.add(node, VNP.valueMax, typed(_decimal(fact.value_max), XSD.decimal))
    w.add(node, VNP.unit, Literal(fact.unit))
    if fact.comparator:
        w.add(node, VNP.comparator, N(COMPARATORS[fact.comparator]))
    if fact.year:
        w.add(node, year_property, typed(fact.year, XSD.gYear))
    if fact.indicator:
        w.add(node, VNP.indicator, ids.indicator_iri(fact.indicator))
    w.add(node, VNP.area, area)
    w.add(node, VNP.clause, Literal(fact.text, language="vi"))
    w.add(node, VNP.scope, Literal(fact.scope, language="vi") if fact.scope else None)
    w.add(node, VNP.section, Literal(fact.section, language="vi") if fact.section else None)
    _evidence(w, node, source, text, fact.clause_span, fact.rule)


def _commitments(w: _Writer, extraction: Extraction, doc: NamedNode, source: NamedNode, text: str) -> None:
    identity = extraction.document
    area = ids.area_iri(identity.jurisdiction) if identity.jurisdiction else None
    base = source.value
    for i, target in enumerate(extraction.targets):
        _observation(w, _fact(w, base, "target", i, VNP.Target, doc), target, VNP.targetKind, VNP.targetYear,
                     area, source, text)
    for i, result in enumerate(extraction.results):
        _observation(w, _fact(w, base, "result", i, VNP.Result, doc), result, VNP.resultKind, VNP.observedYear,
                     area, source, text)
    for i, objective in enumerate(extraction.objectives):
        node = _fact(w, base, "objective", i, VNP.Objective, doc)
        w.add(node, VNP.clause, Literal(objective.text, language="vi"))
        if objective.year:
            w.add(node, VNP.targetYear, typed(objective.year, XSD.gYear))
        w.add(node, VNP.section, Literal(objective.section, language="vi") if objective.section else None)
        _evidence(w, node, source, text, objective.span, "objective:qualitative-clause")
    for i, task in enumerate(extraction.tasks):
        node = _fact(w, base, "task", i, VNP.Task, doc)
        w.add(node, VNP.heading, Literal(task.heading, language="vi"))
        w.add(node, VNP.description, Literal(task.text, language="vi"))
        w.add(node, VNP.level, typed(task.level, XSD.integer))
        if task.parent is not None:
            w.add(node, VNP.partOf, NamedNode(f"{base}#task-{task.parent}"))
        _evidence(w, node, source, text, task.span, task.rule)
    for i, assignment in enumerate(extraction.organisations):
        node = _fact(w, base, "assignment", i, VNP.Assignment, doc)
        organisation = _organisation(w, identity.jurisdiction, assignment.name)
        w.add(node, VNP.organisation, organisation)
        w.add(node, VNP.role, N(ROLES[assignment.role]))
        _evidence(w, node, source, text, assignment.span, assignment.rule)
    for i, deadline in enumerate(extraction.deadlines):
        node = _fact(w, base, "deadline", i, VNP.Deadline, doc)
        w.add(node, VNP.kind, N(VNP.reportKind if deadline.kind == "report" else VNP.taskKind))
        for prop, value in ((VNP.day, deadline.day), (VNP.month, deadline.month), (VNP.quarter, deadline.quarter)):
            if value is not None:
                w.add(node, prop, typed(value, XSD.integer))
        if deadline.year:
            w.add(node, VNP.year, typed(deadline.year, XSD.gYear))
        if deadline.recurrence:
            w.add(node, VNP.recurrence, N(RECURRENCES[deadline.recurrence]))
        w.add(node, VNP.clause, Literal(deadline.text, language="vi"))
        if deadline.actor:
            w.add(node, VNP.actor, _organisation(w, identity.jurisdiction, deadline.actor))
        if deadline.recipient:
            w.add(node, VNP.recipient, _organisation(w, identity.jurisdiction, deadline.recipient))
        _evidence(w, node, source, text, deadline.clause_span, deadline.rule)
    for i, funding in enumerate(extraction.funding):
        node = _fact(w, base, "funding", i, VNP.FundingSource, doc)
        w.add(node, VNP.description, Literal(funding.text, language="vi"))
        _evidence(w, node, source, text, funding.span, funding.rule)


def _fact(w: _Writer, base: str, kind: str, i: int, cls, doc: NamedNode) -> NamedNode:
    """A fact node of the source graph, typed and tied to the document that states it."""
    node = NamedNode(f"{base}#{kind}-{i}")
    w.add(node, RDF.type, N(cls))
    w.add(node, VNP.setBy, doc)
    return node


def _decimal(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def _organisation(w: _Writer, jurisdiction: str | None, name: str) -> NamedNode:
    """One organisation per body (``body_key``: however a document of `jurisdiction` writes
    its name, within the jurisdiction it belongs to). In one graph a body has one prefLabel,
    the first name the document gives it; its other names are altLabels."""
    node, scope = organisation_node(jurisdiction, name)
    if node not in w.organisations:
        w.organisations[node] = name
        w.add(node, RDF.type, N(ORG.Organization))
        w.add(node, SKOS.prefLabel, Literal(name, language="vi"))
        if scope:
            w.add(node, VNP.area, ids.area_iri(scope))
    elif name != w.organisations[node]:
        w.add(node, SKOS.altLabel, Literal(name, language="vi"))
    return node


def organisation_node(jurisdiction: str | None, name: str) -> tuple[NamedNode, str | None]:
    """(IRI, scope) of the body a document of `jurisdiction` names `name` (``body_key``)."""
    scope, key = body_key(name, jurisdiction)
    return ids.organisation_iri(scope, key), scope


def _slug_ref(ref: str) -> str:
    return ids._slug(ref, 60)


def _label(type_code: str | None, number: str | None, title: str | None, page_title: str | None = None) -> str:
    label = _type_label(type_code) or "Văn bản"
    if number:
        return f"{label} {number}"
    if title:
        short = title if len(title) <= 90 else title[:87].rstrip() + "…"
        return f"{label} “{short}”" if not title.lower().startswith(label.lower()) else short
    if page_title:  # the page is about a document; say so, by the page's heading
        short = page_title if len(page_title) <= 90 else page_title[:87].rstrip() + "…"
        return f"Trang “{short}”"
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
            w.add(node, ELI.passed_by, _organisation(w, jurisdiction, issuer))
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


def ingest_time_quad(graph: NamedNode, when: str) -> Quad:
    """The source graph's record of when it was written to the store: ``<graph>
    prov:generatedAtTime when`` in the graph itself (`when` an ``xsd:dateTime`` in UTC)."""
    return Quad(graph, N(PROV.generatedAtTime), typed(when, XSD.dateTime), graph)


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
    # the vocabulary and curated facts; the SHACL shapes are rules about the data, not data
    for path in [p for p in sorted(ONTOLOGY.glob("*.ttl")) if p.name != "shapes.ttl"] + \
            sorted(ONTOLOGY.glob("authority/*.ttl")):
        for triple in parse(path=str(path), format=RdfFormat.TURTLE):
            w.triples.append((triple.subject, triple.predicate, triple.object))
    return [Quad(s, p, o, graph) for s, p, o in w.triples]


def _district_area(w: _Writer, jurisdiction: str | None, district_name: str | None) -> None:
    """A district area met in a document ("vn-ha-noi/nam-tu-liem"), under its province."""
    if not jurisdiction or "/" not in jurisdiction:
        return
    area = ids.area_iri(jurisdiction)
    w.add(area, RDF.type, N(SKOS.Concept))
    w.add(area, SKOS.inScheme, N(VNP.Areas))
    w.add(area, SKOS.broader, ids.area_iri(jurisdiction.split("/")[0]))
    if district_name:  # the name as the plan writes it; curated units carry the prefLabel
        w.add(area, SKOS.altLabel, Literal(district_name, language="vi"))
