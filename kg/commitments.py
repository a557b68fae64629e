"""What documents commit to, as the API and pages show it: targets, tasks, organisations
and their roles, deadlines; each with the span of its evidence in the source text."""

from __future__ import annotations

from pyoxigraph import NamedNode

from kg import named_queries
from kg.store import GraphStore
from kg.vocab import SPARQL_PREFIXES

EVIDENCE = """
  ?fact vnp:evidence/oa:hasTarget ?spot .
  ?spot oa:hasSelector ?position .
  ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  ?fact vnp:evidence ?annotation . ?annotation vnp:rule ?rule ; vnp:confidence ?confidence .
"""
PREFIXES = SPARQL_PREFIXES + "PREFIX oa: <http://www.w3.org/ns/oa#>\n"


def _local(iri: str | None) -> str | None:
    return iri.rsplit("#", 1)[-1] if iri else None


def _rows(store: GraphStore, body: str, doc: NamedNode, order: str) -> list[dict]:
    return store.select(PREFIXES + f"SELECT * WHERE {{ VALUES ?doc {{ {doc} }} ?fact vnp:setBy ?doc . {body} {EVIDENCE} }} "
                                   f"ORDER BY {order}")


def targets(store: GraphStore, document: str) -> list[dict]:
    rows = _rows(store, """
        ?fact a vnp:Target ; vnp:value ?value ; vnp:unit ?unit ; vnp:clause ?clause .
        OPTIONAL { ?fact vnp:valueMax ?valueMax } OPTIONAL { ?fact vnp:targetYear ?year }
        OPTIONAL { ?fact vnp:comparator ?comparator } OPTIONAL { ?fact vnp:scope ?scope }
        OPTIONAL { ?fact vnp:section ?section }
        OPTIONAL { ?fact vnp:indicator ?indicator . OPTIONAL { ?indicator skos:prefLabel ?indicatorLabel
                   FILTER(LANG(?indicatorLabel) = "vi") } }""", NamedNode(document), "?year ?start")
    return [{"value": float(r["value"]), "value_max": float(r["valueMax"]) if r["valueMax"] else None,
             "unit": r["unit"], "comparator": _comparator(r["comparator"]), "year": int(r["year"]) if r["year"] else None,
             "indicator": r["indicator"], "indicator_label": r["indicatorLabel"], "scope": r["scope"],
             "section": r["section"], "text": r["clause"], **_evidence(r)} for r in rows]


def tasks(store: GraphStore, document: str) -> list[dict]:
    rows = _rows(store, """
        ?fact a vnp:Task ; vnp:heading ?heading ; vnp:level ?level .
        OPTIONAL { ?fact vnp:partOf ?parent }""", NamedNode(document), "?start")
    return [{"id": r["fact"], "heading": r["heading"], "level": int(r["level"]), "parent": r["parent"],
             **_evidence(r)} for r in rows]


def organisations(store: GraphStore, document: str) -> list[dict]:
    rows = _rows(store, """
        ?fact a vnp:Assignment ; vnp:organisation ?organisation ; vnp:role ?role .
        ?organisation skos:prefLabel ?name .""", NamedNode(document), "?role ?start")
    return [{"organisation": r["organisation"], "name": r["name"], "role": _role(r["role"]), **_evidence(r)}
            for r in rows]


def deadlines(store: GraphStore, document: str) -> list[dict]:
    rows = _rows(store, """
        ?fact a vnp:Deadline ; vnp:kind ?kind ; vnp:clause ?clause .
        OPTIONAL { ?fact vnp:day ?day } OPTIONAL { ?fact vnp:month ?month } OPTIONAL { ?fact vnp:year ?year }
        OPTIONAL { ?fact vnp:quarter ?quarter } OPTIONAL { ?fact vnp:recurrence ?recurrence }
        OPTIONAL { ?fact vnp:actor/skos:prefLabel ?actor } OPTIONAL { ?fact vnp:recipient/skos:prefLabel ?recipient }""",
                 NamedNode(document), "?start")
    return [{"kind": "report" if r["kind"].endswith("reportKind") else "task", "text": r["clause"],
             "day": _int(r["day"]), "month": _int(r["month"]), "year": _int(r["year"]), "quarter": _int(r["quarter"]),
             "recurrence": _recurrence(r["recurrence"]), "actor": r["actor"], "recipient": r["recipient"],
             **_evidence(r)} for r in rows]


def targets_by_indicator(store: GraphStore, indicator: str) -> list[dict]:
    rows = store.select(named_queries.get("targets-by-indicator").bind(indicator=NamedNode(indicator)))
    return [{"plan": r["plan"], "plan_label": r["planLabel"], "area": r["area"], "year": _int(r["year"]),
             "value": float(r["value"]), "value_max": float(r["valueMax"]) if r["valueMax"] else None,
             "unit": r["unit"], "comparator": _comparator(r["comparator"]), "text": r["clause"],
             "span": [int(r["start"]), int(r["end"])]} for r in rows]


def indicators(store: GraphStore) -> list[dict]:
    rows = store.select(PREFIXES + """
        SELECT ?indicator (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?t) AS ?targets) (COUNT(DISTINCT ?plan) AS ?plans)
        WHERE { ?t a vnp:Target ; vnp:indicator ?indicator ; vnp:setBy ?plan .
                OPTIONAL { ?indicator skos:prefLabel ?l FILTER(LANG(?l) = "vi") } }
        GROUP BY ?indicator ORDER BY DESC(?plans) ?label""")
    return [{"indicator": r["indicator"], "label": r["label"], "targets": int(r["targets"]), "plans": int(r["plans"])}
            for r in rows]


def _evidence(row: dict) -> dict:
    return {"span": [int(row["start"]), int(row["end"])], "rule": row["rule"], "confidence": float(row["confidence"])}


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


ROLE_NAMES = {"lead": "lead", "coordinate": "coordinate", "implement": "implement", "reportTo": "report_to",
              "recipientRole": "recipient"}
RECURRENCE_NAMES = {"yearly": "yearly", "halfYearly": "half_yearly", "quarterly": "quarterly", "monthly": "monthly",
                    "once": "once"}


COMPARATOR_NAMES = {"atLeast": "at_least", "atMost": "at_most", "about": "about", "maintain": "maintain"}


def _comparator(iri: str | None) -> str | None:
    return COMPARATOR_NAMES[_local(iri)] if iri else None


def _role(iri: str) -> str:
    return ROLE_NAMES[_local(iri)]


def _recurrence(iri: str | None) -> str | None:
    return RECURRENCE_NAMES[_local(iri)] if iri else None
