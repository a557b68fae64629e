"""What documents commit to, as the API and pages show it: targets, tasks, organisations
and their roles, deadlines, and the results they report; each with the span of its evidence
in the source text. Read models are dataclasses (kg.catalogue's way); routes read their
attributes and write JSON with dataclasses.asdict."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from kg import ids, named_queries
from kg.levels import LEVELS, level_of
from kg.store import GraphStore


@dataclass(frozen=True)
class Labels:
    """A node's skos:prefLabel in Vietnamese and in English (None for none)."""
    vi: str | None
    en: str | None

    def in_language(self, lang: str) -> str | None:
        """The label in `lang`: "en" English, else Vietnamese."""
        return self.en if lang == "en" else self.vi


NO_LABELS = Labels(None, None)


@dataclass
class Evidence:
    """Where the text states a fact, and how: its span, the rule that read it, how far that
    rule is trusted."""
    span: list[int]            # [start, end) in the source text
    rule: str
    confidence: float


@dataclass
class Target(Evidence):
    value: float
    value_max: float | None
    unit: str
    comparator: str | None     # at_least, at_most, about, maintain
    year: int | None
    indicator: str | None      # IRI of the indicator concept
    indicator_label: str | None
    scope: str | None
    section: str | None
    text: str                  # the clause


@dataclass
class Task(Evidence):
    id: str
    heading: str
    level: int
    parent: str | None


@dataclass
class OrganisationRole(Evidence):
    """An organisation a document gives a role to (kg.organisations.Assignment is the same
    seen from the organisation's page)."""
    organisation: str
    organisation_id: str       # the organisation's page: /organisations/{organisation_id}
    name: str                  # as the document writes it
    role: str                  # lead, coordinate, implement, report_to, recipient


@dataclass
class Deadline(Evidence):
    kind: str                  # report or task
    text: str
    day: int | None
    month: int | None
    year: int | None
    quarter: int | None
    recurrence: str | None     # yearly, half_yearly, quarterly, monthly, daily, once
    actor: str | None
    recipient: str | None
    actor_id: str | None       # the actor's page: /organisations/{actor_id}
    recipient_id: str | None


@dataclass
class Result(Evidence):
    result: str                # IRI of the vnp:Result
    value: float
    value_max: float | None
    unit: str
    comparator: str | None
    year: int | None           # the year the value is for
    indicator: str | None
    indicator_id: str | None   # the indicator's comparison: /targets/compare?indicator={indicator_id}
    indicator_label: Labels
    area: str | None
    scope: str | None          # the words that qualify the value ("so cùng kỳ", "kế hoạch")
    section: str | None        # the heading of the section it was read in
    text: str                  # the clause


@dataclass
class ResultClause:
    """A clause read for results, with every value it reports (in the order of the text)."""
    section: str | None
    text: str
    span: list[int]
    values: list[Result] = field(default_factory=list)


def _local(iri: str | None) -> str | None:
    return iri.rsplit("#", 1)[-1] if iri else None


def _facts(store: GraphStore, query: str, document: str) -> list[dict]:
    """The rows of the internal query `query` (document-targets, document-tasks, ...) about one document."""
    return store.select(named_queries.internal(query).bind(doc=NamedNode(document)))


def targets(store: GraphStore, document: str) -> list[Target]:
    rows = _facts(store, "document-targets", document)
    return [Target(value=float(r["value"]), value_max=float(r["valueMax"]) if r["valueMax"] else None,
                   unit=r["unit"], comparator=_comparator(r["comparator"]),
                   year=int(r["year"]) if r["year"] else None, indicator=r["indicator"],
                   indicator_label=r["indicatorLabel"], scope=r["scope"], section=r["section"], text=r["clause"],
                   **_evidence(r)) for r in rows]


def tasks(store: GraphStore, document: str) -> list[Task]:
    rows = _facts(store, "document-tasks", document)
    return [Task(id=r["fact"], heading=r["heading"], level=int(r["level"]), parent=r["parent"], **_evidence(r))
            for r in rows]


def organisations(store: GraphStore, document: str) -> list[OrganisationRole]:
    rows = _facts(store, "document-assignments", document)
    return [OrganisationRole(organisation=r["organisation"], organisation_id=ids.organisation_id(r["organisation"]),
                             name=r["name"], role=_role(r["role"]), **_evidence(r)) for r in rows]


def deadlines(store: GraphStore, document: str) -> list[Deadline]:
    rows = _facts(store, "document-deadlines", document)
    return [Deadline(kind=_kind(r["kind"]), text=r["clause"], day=_int(r["day"]), month=_int(r["month"]),
                     year=_int(r["year"]), quarter=_int(r["quarter"]), recurrence=_recurrence(r["recurrence"]),
                     actor=r["actor"], recipient=r["recipient"], actor_id=_organisation_id(r["actorBody"]),
                     recipient_id=_organisation_id(r["recipientBody"]), **_evidence(r)) for r in rows]


def _kind(iri: str) -> str:
    return "report" if iri.endswith("reportKind") else "task"


def _organisation_id(iri: str | None) -> str | None:
    """The id of an organisation's page (/organisations/{id}), None for no organisation."""
    return ids.organisation_id(iri) if iri else None


def results(store: GraphStore, document: str) -> list[Result]:
    """The values `document` reports as reached (the named query document-results, one query
    whatever their number), in the order of the text."""
    rows = store.select(named_queries.get("document-results").bind(doc=NamedNode(document)))
    seen, found = set(), []
    for r in rows:
        if r["result"] in seen:
            continue
        seen.add(r["result"])
        found.append(Result(
            result=r["result"], value=float(r["value"]),
            value_max=float(r["valueMax"]) if r["valueMax"] else None, unit=r["unit"],
            comparator=_comparator(r["comparator"]), year=_int(r["year"]), indicator=r["indicator"],
            indicator_id=r["indicator"].removeprefix(ids.indicator_iri("").value) if r["indicator"] else None,
            indicator_label=Labels(r["indicatorLabel"], r["indicatorLabelEn"]), area=r["area"],
            scope=r["scope"], section=r["section"], text=r["clause"], **_evidence(r)))
    return found


def results_by_clause(found: list[Result]) -> list[ResultClause]:
    """Results by the clause they were read in (a sentence often reports several values:
    "đạt 172.033 tỷ đồng, ... chiếm 34,86%"), each clause with its section, span and values,
    in the order of the text."""
    clauses: dict[tuple, ResultClause] = {}
    for result in found:
        key = tuple(result.span)
        if key not in clauses:
            clauses[key] = ResultClause(result.section, result.text, result.span)
        clauses[key].values.append(result)
    return sorted(clauses.values(), key=lambda c: c.span)


def targets_by_indicator(store: GraphStore, indicator: str) -> list[dict]:
    rows = store.select(named_queries.get("targets-by-indicator").bind(indicator=NamedNode(indicator)))
    return [{"target": r["target"], "plan": r["plan"], "plan_label": r["planLabel"], "area": r["area"],
             "year": _int(r["year"]),
             "value": float(r["value"]), "value_max": float(r["valueMax"]) if r["valueMax"] else None,
             "unit": r["unit"], "comparator": _comparator(r["comparator"]), "text": r["clause"],
             "span": [int(r["start"]), int(r["end"])]} for r in rows]


def indicators(store: GraphStore) -> list[dict]:
    """The indicators that have targets: IRI, id (its notation in ontology/indicators.ttl),
    Vietnamese and English labels, and how many targets and plans."""
    rows = store.select(named_queries.internal("indicators-with-targets").text)
    return [{"indicator": r["indicator"], "id": r["indicator"].removeprefix(ids.indicator_iri("").value),
             "label": r["label"], "label_en": r["labelEn"], "targets": int(r["targets"]), "plans": int(r["plans"])}
            for r in rows]


def _evidence(row: dict) -> dict:
    """The Evidence fields of a fact's row (keywords for its dataclass)."""
    return {"span": [int(row["start"]), int(row["end"])], "rule": row["rule"], "confidence": float(row["confidence"])}


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


ROLE_NAMES = {"lead": "lead", "coordinate": "coordinate", "implement": "implement", "reportTo": "report_to",
              "recipientRole": "recipient"}
RECURRENCE_NAMES = {"yearly": "yearly", "halfYearly": "half_yearly", "quarterly": "quarterly", "monthly": "monthly",
                    "daily": "daily", "once": "once"}


COMPARATOR_NAMES = {"atLeast": "at_least", "atMost": "at_most", "about": "about", "maintain": "maintain"}


def _comparator(iri: str | None) -> str | None:
    return COMPARATOR_NAMES[_local(iri)] if iri else None


def _role(iri: str) -> str:
    return ROLE_NAMES[_local(iri)]


def _recurrence(iri: str | None) -> str | None:
    return RECURRENCE_NAMES[_local(iri)] if iri else None


# --- targets compared across plans ---------------------------------------------------------

def document_levels(store: GraphStore, documents: set[str]) -> dict[str, dict]:
    """For each document: its level key (kg.levels: party, national, province, district,
    sector, programme, unknown), number and jurisdiction."""
    if not documents:
        return {}
    rows = store.select(named_queries.internal("document-levels").bind(
        document=[NamedNode(d) for d in sorted(documents)]))
    return {r["document"]: {"level": level_of(r["document"], r["number"] or "", r["type"] or "",
                                              r["programme"] == "true"),
                            "number": r["number"], "jurisdiction": r["jurisdiction"]} for r in rows}


def labels(store: GraphStore, nodes: set[str]) -> dict[str, dict[str, str | None]]:
    """The Vietnamese and English skos:prefLabel of each node (a label without a language
    counts as Vietnamese); the first in code-point order when there are several."""
    if not nodes:
        return {}
    rows = store.select(named_queries.internal("preferred-labels").bind(node=[NamedNode(n) for n in sorted(nodes)]))
    return {r["node"]: {"vi": r["labelVi"], "en": r["labelEn"]} for r in rows}


def target_comparison(store: GraphStore, indicator: str) -> list[dict]:
    """Every target of one indicator across plans (the targets-by-indicator query), with the
    plan's level, number and page id and the area's labels: sorted by unit, year, level, area."""
    rows = _compared(store, targets_by_indicator(store, indicator), "target", "plan")
    parents = target_parents(store, indicator)
    for row in rows:
        row["parents"] = parents.get(row["target"], [])
        row["verdict"] = _verdict(row["parents"])
    return rows


def results_by_indicator(store: GraphStore, indicator: str) -> list[dict]:
    """The values documents report as reached for one indicator (the results-by-indicator query)."""
    rows = store.select(named_queries.get("results-by-indicator").bind(indicator=NamedNode(indicator)))
    return [{"result": r["result"], "document": r["document"], "document_label": r["documentLabel"],
             "area": r["area"], "year": _int(r["year"]),
             "value": float(r["value"]), "value_max": float(r["valueMax"]) if r["valueMax"] else None,
             "unit": r["unit"], "comparator": _comparator(r["comparator"]), "text": r["clause"],
             "span": [int(r["start"]), int(r["end"])]} for r in rows]


def result_comparison(store: GraphStore, indicator: str) -> list[dict]:
    """Every result of one indicator, as ``target_comparison`` gives targets: with the
    reporting document's level, number and page id and the area's labels."""
    return _compared(store, results_by_indicator(store, indicator), "result", "document")


def _compared(store: GraphStore, rows: list[dict], fact: str, document: str) -> list[dict]:
    """Rows of facts of one indicator (each once), with their document's level, number
    (``{document}_number``) and page id and the area's labels; three queries whatever their number."""
    seen, unique = set(), []
    for row in rows:
        if row[fact] not in seen:
            seen.add(row[fact])
            unique.append(row)
    documents = document_levels(store, {r[document] for r in unique})
    unknown = {"level": "unknown", "number": None, "jurisdiction": None}
    areas = labels(store, {r["area"] or documents.get(r[document], unknown)["jurisdiction"] for r in unique} - {None})
    for row in unique:
        about = documents.get(row[document], unknown)
        row["area"] = row["area"] or about["jurisdiction"]
        row["area_label"] = areas.get(row["area"], {"vi": None, "en": None})
        row["level"] = about["level"]
        row[f"{document}_number"] = about["number"]
        row["document_id"] = ids.document_id(row[document])
    order = list(LEVELS)
    return sorted(unique, key=lambda r: (r["unit"].casefold(), r["year"] is None, r["year"] or 0,
                                         order.index(r["level"]), r["area_label"]["vi"] or "", r["span"][0]))


VERDICTS = ("exceeds", "meets", "falls_short", "no_parent_target")   # best first


def target_parents(store: GraphStore, indicator: str) -> dict[str, list[dict]]:
    """Each target of one indicator (IRI -> list) against the nearest target above it of the
    same year and unit (the named query target-parents): the parent's plan, page id, label,
    value, upper bound, comparator and the verdict (meets, exceeds, falls_short); an empty list
    when there is none."""
    found: dict[str, list[dict]] = {}
    seen = set()
    for r in store.select(named_queries.get("target-parents").bind(indicator=NamedNode(indicator))):
        found.setdefault(r["target"], [])
        if not r["parentTarget"] or (r["target"], r["parentTarget"]) in seen:
            continue
        seen.add((r["target"], r["parentTarget"]))
        found[r["target"]].append({
            "target": r["parentTarget"], "plan": r["parentPlan"], "document_id": ids.document_id(r["parentPlan"]),
            "plan_label": r["parentLabel"], "value": float(r["parentValue"]),
            "value_max": float(r["parentValueMax"]) if r["parentValueMax"] else None,
            "comparator": _comparator(r["parentComparator"]), "verdict": r["verdict"]})
    return found


def _verdict(parents: list[dict]) -> str:
    """A target's verdict against the targets above it: the best of its pairs (a target that
    meets one of two parent targets, set for two scopes, is not counted short)."""
    return min((p["verdict"] for p in parents), key=VERDICTS.index, default="no_parent_target")


# --- deadlines across documents ------------------------------------------------------------

def all_deadlines(store: GraphStore, organisation: str | None = None) -> list[dict]:
    """Every deadline of every document (or only those `organisation` acts on or receives),
    one dict per deadline: as ``deadlines()`` gives them, plus the deadline's IRI, its
    document (IRI, page id, label) and every actor and recipient (organisation IRI and name)."""
    rows = store.select(_of_organisation("deadlines", organisation))
    found: dict[str, dict] = {}
    for r in rows:
        if r["fact"] in found:
            continue
        found[r["fact"]] = {
            "id": r["fact"], "kind": "report" if r["kind"].endswith("reportKind") else "task", "text": r["clause"],
            "day": _int(r["day"]), "month": _int(r["month"]), "year": _int(r["year"]), "quarter": _int(r["quarter"]),
            "recurrence": _recurrence(r["recurrence"]), "document": r["doc"], "document_id": ids.document_id(r["doc"]),
            "document_label": r["docLabel"], "actors": [], "recipients": [], **_evidence(r)}
    for party in _deadline_parties(store, organisation):
        deadline = found.get(party["deadline"])
        if deadline is not None:
            deadline["actors" if party["role"] == "actor" else "recipients"].append(
                {"organisation": party["organisation"], "id": ids.organisation_id(party["organisation"]),
                 "name": party["name"]})
    for deadline in found.values():
        deadline["actor"] = "; ".join(a["name"] for a in deadline["actors"]) or None
        deadline["recipient"] = "; ".join(a["name"] for a in deadline["recipients"]) or None
        deadline["actor_id"] = deadline["actors"][0]["id"] if deadline["actors"] else None
        deadline["recipient_id"] = deadline["recipients"][0]["id"] if deadline["recipients"] else None
    return list(found.values())


def _deadline_parties(store: GraphStore, organisation: str | None) -> list[dict]:
    rows = store.select(_of_organisation("deadline-party-names", organisation))
    return [{"deadline": r["deadline"], "role": _local(r["role"]), "organisation": r["party"],
             "name": r["name"] or r["party"]} for r in rows]


def _of_organisation(query: str, organisation: str | None) -> str:
    """The internal query `query` about every deadline, or its "-of-organisation" twin bound to
    `organisation` (an IRI) when one is given."""
    if organisation is None:
        return named_queries.internal(query).text
    return named_queries.internal(f"{query}-of-organisation").bind(organisation=NamedNode(organisation))


def organisations_with_deadlines(store: GraphStore) -> list[dict]:
    """The organisations that act on or receive a deadline: IRI, id (/deadlines?organisation=),
    name, the labels of the area it belongs to, and how many deadlines; by name, then area."""
    rows = store.select(named_queries.internal("organisations-with-deadlines").text)
    found = [{"organisation": r["organisation"], "id": ids.organisation_id(r["organisation"]),
              "name": r["name"] or r["organisation"], "deadlines": int(r["deadlines"])} for r in rows]
    areas = {o["organisation"]: _organisation_area(o["organisation"]) for o in found}
    area_labels = labels(store, set(areas.values()) - {None})
    for o in found:
        o["area_label"] = area_labels.get(areas[o["organisation"]], {"vi": None, "en": None})
    return sorted(found, key=lambda o: (o["name"].casefold(), o["area_label"]["vi"] or "~", o["id"]))






def _organisation_area(iri: str) -> str | None:
    """The area an organisation belongs to: its IRI is {BASE}org/{jurisdiction}/{key}."""
    jurisdiction = ids.organisation_id(iri).rpartition("/")[0]
    return ids.area_iri(jurisdiction).value if jurisdiction and jurisdiction != "unknown" else None
