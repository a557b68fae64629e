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


@dataclass
class Indicator:
    """An indicator that has targets."""
    indicator: str             # IRI
    id: str                    # its notation in ontology/indicators.ttl
    label: str | None
    label_en: str | None
    targets: int
    plans: int


@dataclass
class IndicatorTarget:
    """A target of one indicator, in whichever plan sets it."""
    target: str
    plan: str
    plan_label: str | None
    area: str | None
    year: int | None
    value: float
    value_max: float | None
    unit: str
    comparator: str | None
    text: str
    span: list[int]
    document_id: str | None    # the plan's page id


@dataclass
class IndicatorResult:
    """A value a document reports as reached for one indicator."""
    result: str
    document: str
    document_label: str | None
    area: str | None
    year: int | None
    value: float
    value_max: float | None
    unit: str
    comparator: str | None
    text: str
    span: list[int]


@dataclass
class DocumentLevel:
    level: str                 # kg.levels: party, national, province, district, sector, programme, unknown
    number: str | None
    jurisdiction: str | None


UNKNOWN_LEVEL = DocumentLevel("unknown", None, None)


@dataclass
class ParentTarget:
    """The nearest target above a target, of the same indicator, year and unit, and how the
    target below stands against it."""
    target: str
    plan: str
    document_id: str | None
    plan_label: str | None
    value: float
    value_max: float | None
    comparator: str | None
    verdict: str               # meets, exceeds, falls_short


@dataclass
class ComparedTarget:
    """A target of one indicator with its plan's level, number and page id and its area's labels."""
    target: str
    plan: str
    plan_label: str | None
    plan_number: str | None
    document_id: str | None
    level: str
    area: str | None           # the target's area, else its plan's jurisdiction
    area_label: Labels
    year: int | None
    value: float
    value_max: float | None
    unit: str
    comparator: str | None
    text: str
    span: list[int]
    parents: list[ParentTarget]
    verdict: str               # the best of its parents' verdicts, or no_parent_target


@dataclass
class ComparedResult:
    """A result of one indicator with its document's level, number and page id and its area's labels."""
    result: str
    document: str
    document_label: str | None
    document_number: str | None
    document_id: str | None
    level: str
    area: str | None
    area_label: Labels
    year: int | None
    value: float
    value_max: float | None
    unit: str
    comparator: str | None
    text: str
    span: list[int]


@dataclass
class Party:
    """An organisation that acts on a deadline or receives its report."""
    organisation: str
    id: str                    # the organisation's page: /organisations/{id}
    name: str


@dataclass
class CalendarDeadline(Deadline):
    """A deadline as the calendar and the exports read it: with its IRI, its document and every
    party (``actor`` and ``recipient`` are their names joined, the ids the first's)."""
    id: str
    document: str
    document_id: str | None
    document_label: str | None
    actors: list[Party]
    recipients: list[Party]


@dataclass
class OrganisationWithDeadlines:
    organisation: str
    id: str                    # for /deadlines?organisation=
    name: str
    deadlines: int
    area_label: Labels


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


def targets_by_indicator(store: GraphStore, indicator: str) -> list[IndicatorTarget]:
    rows = store.select(named_queries.get("targets-by-indicator").bind(indicator=NamedNode(indicator)))
    return [IndicatorTarget(target=r["target"], plan=r["plan"], plan_label=r["planLabel"], area=r["area"],
                            year=_int(r["year"]), value=float(r["value"]),
                            value_max=float(r["valueMax"]) if r["valueMax"] else None, unit=r["unit"],
                            comparator=_comparator(r["comparator"]), text=r["clause"],
                            span=[int(r["start"]), int(r["end"])], document_id=ids.document_id(r["plan"]))
            for r in rows]


def indicators(store: GraphStore) -> list[Indicator]:
    """The indicators that have targets: IRI, id (its notation in ontology/indicators.ttl),
    Vietnamese and English labels, and how many targets and plans."""
    rows = store.select(named_queries.internal("indicators-with-targets").text)
    return [Indicator(indicator=r["indicator"], id=r["indicator"].removeprefix(ids.indicator_iri("").value),
                      label=r["label"], label_en=r["labelEn"], targets=int(r["targets"]), plans=int(r["plans"]))
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

def document_levels(store: GraphStore, documents: set[str]) -> dict[str, DocumentLevel]:
    """For each document: its level key (kg.levels: party, national, province, district,
    sector, programme, unknown), number and jurisdiction."""
    if not documents:
        return {}
    rows = store.select(named_queries.internal("document-levels").bind(
        document=[NamedNode(d) for d in sorted(documents)]))
    return {r["document"]: DocumentLevel(level_of(r["document"], r["number"] or "", r["type"] or "",
                                                  r["programme"] == "true"), r["number"], r["jurisdiction"])
            for r in rows}


def labels(store: GraphStore, nodes: set[str]) -> dict[str, Labels]:
    """The Vietnamese and English skos:prefLabel of each node (a label without a language
    counts as Vietnamese); the first in code-point order when there are several."""
    if not nodes:
        return {}
    rows = store.select(named_queries.internal("preferred-labels").bind(node=[NamedNode(n) for n in sorted(nodes)]))
    return {r["node"]: Labels(r["labelVi"], r["labelEn"]) for r in rows}


def target_comparison(store: GraphStore, indicator: str) -> list[ComparedTarget]:
    """Every target of one indicator across plans (the targets-by-indicator query), with the
    plan's level, number and page id and the area's labels: sorted by unit, year, level, area."""
    found = _unique(targets_by_indicator(store, indicator), lambda t: t.target)
    placed = _placed(store, found, [t.plan for t in found])
    parents = target_parents(store, indicator)
    rows = []
    for t, (area, area_label, about) in zip(found, placed):
        mine = parents.get(t.target, [])
        rows.append(ComparedTarget(
            target=t.target, plan=t.plan, plan_label=t.plan_label, plan_number=about.number,
            document_id=ids.document_id(t.plan), level=about.level, area=area, area_label=area_label, year=t.year,
            value=t.value, value_max=t.value_max, unit=t.unit, comparator=t.comparator, text=t.text, span=t.span,
            parents=mine, verdict=_verdict(mine)))
    return sorted(rows, key=_compared_order)


def results_by_indicator(store: GraphStore, indicator: str) -> list[IndicatorResult]:
    """The values documents report as reached for one indicator (the results-by-indicator query)."""
    rows = store.select(named_queries.get("results-by-indicator").bind(indicator=NamedNode(indicator)))
    return [IndicatorResult(result=r["result"], document=r["document"], document_label=r["documentLabel"],
                            area=r["area"], year=_int(r["year"]), value=float(r["value"]),
                            value_max=float(r["valueMax"]) if r["valueMax"] else None, unit=r["unit"],
                            comparator=_comparator(r["comparator"]), text=r["clause"],
                            span=[int(r["start"]), int(r["end"])]) for r in rows]


def result_comparison(store: GraphStore, indicator: str) -> list[ComparedResult]:
    """Every result of one indicator, as ``target_comparison`` gives targets: with the
    reporting document's level, number and page id and the area's labels."""
    found = _unique(results_by_indicator(store, indicator), lambda r: r.result)
    placed = _placed(store, found, [r.document for r in found])
    rows = [ComparedResult(
        result=r.result, document=r.document, document_label=r.document_label, document_number=about.number,
        document_id=ids.document_id(r.document), level=about.level, area=area, area_label=area_label, year=r.year,
        value=r.value, value_max=r.value_max, unit=r.unit, comparator=r.comparator, text=r.text, span=r.span)
        for r, (area, area_label, about) in zip(found, placed)]
    return sorted(rows, key=_compared_order)


def _unique(facts: list, key) -> list:
    """Each fact once (the first row of it), in the order of the rows."""
    seen, unique = set(), []
    for fact in facts:
        if key(fact) not in seen:
            seen.add(key(fact))
            unique.append(fact)
    return unique


def _placed(store: GraphStore, facts: list[IndicatorTarget | IndicatorResult],
            documents: list[str]) -> list[tuple[str | None, Labels, DocumentLevel]]:
    """For each fact, stated in the document at the same place of `documents`: its area (its
    own, else its document's jurisdiction), the area's labels and the document's level;
    two queries whatever their number."""
    levels = document_levels(store, set(documents))
    about = [levels.get(d, UNKNOWN_LEVEL) for d in documents]
    areas = [fact.area or level.jurisdiction for fact, level in zip(facts, about)]
    names = labels(store, set(areas) - {None})
    return [(area, names.get(area, NO_LABELS), level) for area, level in zip(areas, about)]


def _compared_order(row: ComparedTarget | ComparedResult) -> tuple:
    """By unit, year (none last), level (kg.levels' order), area's name, then place in the text."""
    return (row.unit.casefold(), row.year is None, row.year or 0, LEVELS.index(row.level),
            row.area_label.vi or "", row.span[0])


VERDICTS = ("exceeds", "meets", "falls_short", "no_parent_target")   # best first


def target_parents(store: GraphStore, indicator: str) -> dict[str, list[ParentTarget]]:
    """Each target of one indicator (IRI -> list) against the nearest target above it of the
    same year and unit (the named query target-parents): the parent's plan, page id, label,
    value, upper bound, comparator and the verdict (meets, exceeds, falls_short); an empty list
    when there is none."""
    found: dict[str, list[ParentTarget]] = {}
    seen = set()
    for r in store.select(named_queries.get("target-parents").bind(indicator=NamedNode(indicator))):
        found.setdefault(r["target"], [])
        if not r["parentTarget"] or (r["target"], r["parentTarget"]) in seen:
            continue
        seen.add((r["target"], r["parentTarget"]))
        found[r["target"]].append(ParentTarget(
            target=r["parentTarget"], plan=r["parentPlan"], document_id=ids.document_id(r["parentPlan"]),
            plan_label=r["parentLabel"], value=float(r["parentValue"]),
            value_max=float(r["parentValueMax"]) if r["parentValueMax"] else None,
            comparator=_comparator(r["parentComparator"]), verdict=r["verdict"]))
    return found


def _verdict(parents: list[ParentTarget]) -> str:
    """A target's verdict against the targets above it: the best of its pairs (a target that
    meets one of two parent targets, set for two scopes, is not counted short)."""
    return min((p.verdict for p in parents), key=VERDICTS.index, default="no_parent_target")


# --- deadlines across documents ------------------------------------------------------------

def all_deadlines(store: GraphStore, organisation: str | None = None) -> list[CalendarDeadline]:
    """Every deadline of every document (or only those `organisation` acts on or receives),
    each once: as ``deadlines()`` gives them, with the deadline's IRI, its document (IRI,
    page id, label) and every actor and recipient (organisation IRI, page id and name)."""
    rows: dict[str, dict] = {}
    for r in store.select(_of_organisation("deadlines", organisation)):
        rows.setdefault(r["fact"], r)
    parties: dict[str, dict[str, list[Party]]] = {fact: {"actor": [], "recipient": []} for fact in rows}
    for deadline, role, party in _deadline_parties(store, organisation):
        if deadline in parties:
            parties[deadline]["actor" if role == "actor" else "recipient"].append(party)
    found = []
    for fact, r in rows.items():
        actors, recipients = parties[fact]["actor"], parties[fact]["recipient"]
        found.append(CalendarDeadline(
            id=fact, kind=_kind(r["kind"]), text=r["clause"], day=_int(r["day"]), month=_int(r["month"]),
            year=_int(r["year"]), quarter=_int(r["quarter"]), recurrence=_recurrence(r["recurrence"]),
            document=r["doc"], document_id=ids.document_id(r["doc"]), document_label=r["docLabel"],
            actors=actors, recipients=recipients,
            actor="; ".join(a.name for a in actors) or None, recipient="; ".join(a.name for a in recipients) or None,
            actor_id=actors[0].id if actors else None, recipient_id=recipients[0].id if recipients else None,
            **_evidence(r)))
    return found


def _deadline_parties(store: GraphStore, organisation: str | None) -> list[tuple[str, str, Party]]:
    """(deadline IRI, role: actor or recipient, the party) of every deadline's parties."""
    rows = store.select(_of_organisation("deadline-party-names", organisation))
    return [(r["deadline"], _local(r["role"]),
             Party(organisation=r["party"], id=ids.organisation_id(r["party"]), name=r["name"] or r["party"]))
            for r in rows]


def _of_organisation(query: str, organisation: str | None) -> str:
    """The internal query `query` about every deadline, or its "-of-organisation" twin bound to
    `organisation` (an IRI) when one is given."""
    if organisation is None:
        return named_queries.internal(query).text
    return named_queries.internal(f"{query}-of-organisation").bind(organisation=NamedNode(organisation))


def organisations_with_deadlines(store: GraphStore) -> list[OrganisationWithDeadlines]:
    """The organisations that act on or receive a deadline: IRI, id (/deadlines?organisation=),
    name, the labels of the area it belongs to, and how many deadlines; by name, then area."""
    rows = store.select(named_queries.internal("organisations-with-deadlines").text)
    areas = {r["organisation"]: _organisation_area(r["organisation"]) for r in rows}
    area_labels = labels(store, set(areas.values()) - {None})
    found = [OrganisationWithDeadlines(
        organisation=r["organisation"], id=ids.organisation_id(r["organisation"]), name=r["name"] or r["organisation"],
        deadlines=int(r["deadlines"]), area_label=area_labels.get(areas[r["organisation"]], NO_LABELS)) for r in rows]
    return sorted(found, key=lambda o: (o.name.casefold(), o.area_label.vi or "~", o.id))


def _organisation_area(iri: str) -> str | None:
    """The area an organisation belongs to: its IRI is {BASE}org/{jurisdiction}/{key}."""
    jurisdiction = ids.organisation_id(iri).rpartition("/")[0]
    return ids.area_iri(jurisdiction).value if jurisdiction and jurisdiction != "unknown" else None
