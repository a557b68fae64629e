"""The JSON the API answers with, one model per shape: documents and their relations, what
plans commit to, the graph views' network data, search, the deadlines calendar, the named
queries' results, uploads and errors. Routes name them as ``response_model``, so FastAPI
checks every answer against them and the OpenAPI description shows them.

Lists of one resource are ``{data, count}``. A field the code does not fill is null, never
missing. kg's dataclasses (kg.catalogue, kg.search) are used as they are.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from kg.catalogue import DocumentSummary, Related
from kg.implementation_status import ReportingDuty, Shortfall
from kg.organisations import OrganisationDetail, OrganisationSummary


class ValidationProblem(BaseModel):
    loc: list[str | int] = Field(description="where: ['query', 'limit'], ['path', 'doc_id'] ...")
    msg: str
    type: str


class Error(BaseModel):
    """Every 4xx and 5xx answer (as JSON): what was wrong, in words."""
    detail: str = Field(description="what was wrong with the request")
    errors: list[ValidationProblem] | None = Field(
        None, description="for a request whose parameters or body did not validate (422): each problem")


# --- documents ---------------------------------------------------------------------------------

class DocumentsPublic(BaseModel):
    data: list[DocumentSummary]
    count: int = Field(description="documents that match, on every page")


class Source(BaseModel):
    """A file the document was read from (its text is on the document's page)."""
    source: str = Field(description="IRI of the source node")
    path: str
    sha: str = Field(description="SHA-256 of the file")


class DocumentPublic(BaseModel):
    summary: DocumentSummary
    titles: list[str]
    issuers: list[str]
    jurisdictions: list[str]
    places: list[str]
    kinds: list[str] = Field(description="classes, local names: LegalResource, Programme ...")
    related: list[Related] = Field(description="relations in both directions: 'out' this -> other, 'in' other -> this")
    sources: list[Source]
    page_titles: list[str]
    results: list["Result"] = Field(description="the values the document reports as reached, in the order of the text")


class LineageNode(BaseModel):
    iri: str
    id: str | None = Field(description="the document's id, null for a node that is no document")
    label: str


class LineageEdge(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    from_: str = Field(alias="from")
    relation: str
    to: str


class Lineage(BaseModel):
    document: LineageNode
    ancestors: list[LineageNode]
    descendants: list[LineageNode]
    related: list[LineageNode]
    edges: list[LineageEdge]


# --- graph views (vis-network data) ------------------------------------------------------------

class NetworkNode(BaseModel):
    """A vis-network node; drawing options beyond these fields (color, font, shapeProperties
    ...) are passed as they are."""
    model_config = ConfigDict(extra="allow")
    id: str
    label: str
    title: str
    group: str = Field(description="level: party, national, province, district, sector, programme, unknown")
    held: bool
    row: int
    url: str | None = Field(description="the node's page (a group's: its document's cascade)")
    shape: str
    x: int | float
    y: int | float


class NetworkEdge(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)
    from_: str = Field(alias="from")
    to: str
    label: str
    title: str = Field(description="the relation")


class LegendLevel(BaseModel):
    level: str
    name: str
    colour: str


class LegendType(BaseModel):
    type: str
    name: str
    shape: str


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    options: dict = Field(description="vis-network options")
    legend: list[LegendLevel]
    types: list[LegendType]
    held: int = Field(description="documents of the view we hold the text of (drawn or in groups)")
    cited: int = Field(description="documents of the view only cited (drawn or in groups)")
    grouped: int = Field(0, description="documents drawn in groups (nodes with id 'group:...', "
                                        "'members' many each, 'url' their document's cascade): a view "
                                        "of more documents than can be drawn one by one")


# --- what plans commit to ----------------------------------------------------------------------

class Labels(BaseModel):
    vi: str | None
    en: str | None


class Evidence(BaseModel):
    span: list[int] = Field(min_length=2, max_length=2, description="[start, end) in the source text")
    rule: str = Field(description="the rule that read it")
    confidence: float


class Target(Evidence):
    value: float
    value_max: float | None
    unit: str
    comparator: Literal["at_least", "at_most", "about", "maintain"] | None
    year: int | None
    indicator: str | None = Field(description="IRI of the indicator concept")
    indicator_label: str | None
    scope: str | None
    section: str | None
    text: str = Field(description="the clause")


class Task(Evidence):
    id: str
    heading: str
    level: int
    parent: str | None


class Assignment(Evidence):
    organisation: str
    organisation_id: str = Field(description="the organisation's page: /organisations/{organisation_id}")
    name: str
    role: Literal["lead", "coordinate", "implement", "report_to", "recipient"]


class Deadline(Evidence):
    kind: Literal["report", "task"]
    text: str
    day: int | None
    month: int | None
    year: int | None
    quarter: int | None
    recurrence: Literal["yearly", "half_yearly", "quarterly", "monthly", "daily", "once"] | None
    actor: str | None
    recipient: str | None
    actor_id: str | None = Field(None, description="the actor's page: /organisations/{actor_id}")
    recipient_id: str | None = Field(None, description="the recipient's page: /organisations/{recipient_id}")


class Result(Evidence):
    result: str = Field(description="IRI of the vnp:Result")
    value: float
    value_max: float | None
    unit: str
    comparator: Literal["at_least", "at_most", "about", "maintain"] | None
    year: int | None = Field(description="the year the value is for")
    indicator: str | None = Field(description="IRI of the indicator concept, when it is one compared across plans")
    indicator_id: str | None = Field(description="the indicator's comparison: /targets/compare?indicator={indicator_id}")
    indicator_label: Labels
    area: str | None
    scope: str | None = Field(description="the words that qualify the value ('so cùng kỳ', 'kế hoạch')")
    section: str | None = Field(description="the heading of the section it was read in")
    text: str = Field(description="the clause")


class Party(BaseModel):
    organisation: str
    id: str = Field(description="the organisation's page: /organisations/{id}")
    name: str


class CalendarDeadline(Deadline):
    id: str
    document: str
    document_id: str | None
    document_label: str | None
    actors: list[Party]
    recipients: list[Party]


class CalendarEntry(BaseModel):
    date: str | None = Field(description="the day, when the deadline names one")
    month: str = Field(description="YYYY-MM")
    recurring: bool
    deadline: CalendarDeadline


class CalendarMonth(BaseModel):
    month: str = Field(description="YYYY-MM")
    entries: list[CalendarEntry]


class OrganisationWithDeadlines(BaseModel):
    organisation: str
    id: str = Field(description="for ?organisation=")
    name: str
    deadlines: int
    area_label: Labels


class DeadlinesCalendar(BaseModel):
    today: str
    organisation: OrganisationWithDeadlines | None = Field(description="the organisation asked for")
    months: list[CalendarMonth] = Field(description="the twelve months from today's")
    later: list[CalendarEntry] = Field(description="one-off deadlines after the twelve months")
    undated: list[CalendarDeadline]
    past: int = Field(description="one-off deadlines before today")
    count: int = Field(description="entries in the twelve months")
    organisations: list[OrganisationWithDeadlines]


class Indicator(BaseModel):
    indicator: str
    id: str
    label: str | None
    label_en: str | None
    targets: int
    plans: int


class IndicatorList(BaseModel):
    indicators: list[Indicator]


class PlanTarget(BaseModel):
    target: str
    plan: str
    plan_label: str | None
    area: str | None
    year: int | None
    value: float
    value_max: float | None
    unit: str
    comparator: Literal["at_least", "at_most", "about", "maintain"] | None
    text: str
    span: list[int] = Field(min_length=2, max_length=2)
    document_id: str | None


class IndicatorTargets(BaseModel):
    indicator: str
    data: list[PlanTarget]
    count: int


class ParentTarget(BaseModel):
    target: str
    plan: str
    document_id: str | None
    plan_label: str | None
    value: float
    value_max: float | None
    comparator: Literal["at_least", "at_most", "about", "maintain"] | None
    verdict: Literal["meets", "exceeds", "falls_short"]


class ComparedTarget(PlanTarget):
    area_label: Labels
    level: str
    plan_number: str | None
    source_url: str | None = Field(description="the target's span on its document's page")
    parents: list[ParentTarget] = Field(description="the nearest targets above it of the same indicator, year "
                                                    "and unit (kg/queries/target-parents.rq)")
    verdict: Literal["meets", "exceeds", "falls_short", "no_parent_target"] = Field(
        description="against the targets above: the best of its pairs")


class ComparedResult(BaseModel):
    """A value a document reports as reached (an actual) for the indicator compared."""
    result: str
    document: str
    document_label: str | None
    document_number: str | None
    area: str | None
    area_label: Labels
    level: str
    year: int | None = Field(description="the year the value is for")
    value: float
    value_max: float | None
    unit: str
    comparator: Literal["at_least", "at_most", "about", "maintain"] | None
    text: str
    span: list[int] = Field(min_length=2, max_length=2)
    document_id: str | None
    source_url: str | None = Field(description="the result's span on its document's page")


class TargetComparison(BaseModel):
    indicator: Indicator
    data: list[ComparedTarget]
    count: int
    units: list[str]
    results: list[ComparedResult] = Field(description="values documents report as reached, apart from the targets")
    results_count: int


# --- a directive's implementation status (kg.implementation_status) ---------------------------

class StatusDocument(BaseModel):
    iri: str
    id: str | None
    label: str
    number: str | None
    level: str = Field(description="party, national, province, district, sector, programme, unknown")
    jurisdiction: str | None
    date: str | None
    held: bool
    lag_days: int | None = Field(description="days from the directive's date; null when either is unknown")


class StatusLevel(BaseModel):
    level: str
    count: int
    median_lag: float | None = Field(description="median of the known lags, in days")
    dated: int = Field(description="documents whose lag is known")
    documents: list[StatusDocument]


class CoveringDocument(BaseModel):
    iri: str
    id: str | None
    label: str
    issued_in: str
    issued_in_label: str | None
    former_unit: bool = Field(description="issued in a unit since merged into this one")
    below: bool = Field(description="issued in a unit below this one")


class StatusUnit(BaseModel):
    iri: str
    label: Labels
    covered: bool
    documents: list[CoveringDocument]


class StatusUnitGroup(BaseModel):
    depth: int
    kind: Literal["province", "district", "commune"]
    above: str
    above_label: Labels
    covered: int
    total: int
    units: list[StatusUnit]


class ImplementationStatus(BaseModel):
    directive: str
    id: str
    label: str
    date: str | None
    today: str
    window_end: str = Field(description="duties due from today up to this day are coming")
    count: int = Field(description="documents resting on the directive")
    levels: list[StatusLevel]
    areas: list[StatusUnitGroup]
    coming: list[ReportingDuty]
    past_due: list[ReportingDuty]
    undated: int
    shortfalls: list[Shortfall]


# --- named queries and exports -----------------------------------------------------------------

class NamedQueryInfo(BaseModel):
    name: str
    description: str
    parameters: list[str]
    url: str


class RdfTerm(BaseModel):
    """A value in SPARQL JSON results: type uri, literal or bnode; a literal's datatype or
    xml:lang as further keys."""
    model_config = ConfigDict(extra="allow")
    type: str
    value: str


class SparqlHead(BaseModel):
    vars: list[str]


class SparqlBindings(BaseModel):
    bindings: list[dict[str, RdfTerm]]


class SparqlResults(BaseModel):
    """SPARQL 1.1 Query Results JSON of a SELECT."""
    head: SparqlHead
    results: SparqlBindings


class ExportInfo(BaseModel):
    name: str
    media_type: str
    url: str


# --- adding a document -------------------------------------------------------------------------

class UploadedDocument(BaseModel):
    id: str
    iri: str
    label: str
    number: str | None
    type: str | None
    date: str | None
    titles: list[str]
    issuers: list[str]
    jurisdictions: list[str]


class RestsOn(BaseModel):
    id: str | None
    label: str
    relation: str


class UploadResult(BaseModel):
    """What POST /documents did: ``ok`` and what was extracted, or ``ok: false``, a ``code``
    (off, bad_token, not_multipart, no_file, too_large, unusable) and the errors."""
    ok: bool
    code: str
    file: str | None = None
    errors: list[str]
    detail: str | None = Field(None, description="the errors in one line, when not ok")
    document: UploadedDocument | None = None
    references: int | None = None
    unresolved: int | None = None
    quads: int | None = None
    unchanged: bool | None = Field(None, description="the store held the file's graph as it builds now (the same "
                                                     "file sent again): nothing was written")
    rests_on: list[RestsOn] | None = None
    targets: int | None = None
    tasks: int | None = None
    organisations: int | None = None
    deadlines: int | None = None


# --- organisations -----------------------------------------------------------------------------

class OrganisationsPublic(BaseModel):
    """One page of the organisations, ranked by the assignments plans give them."""
    data: list[OrganisationSummary]
    count: int = Field(description="organisations with a role, a deadline or an issued document, on every page")
    offset: int
    limit: int


DocumentPublic.model_rebuild()  # its results are described further down
