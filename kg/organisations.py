"""Organisations as the API and pages show them: the ranked list, and one body's page (every
assignment plans give it, with its task and source span; the deadlines it must meet or
receives; the targets of the plans it leads; the documents it issued).

One body is one IRI, made in the build (``ingest.keys.body_key``): "UBND tỉnh" and "Ủy ban
nhân dân tỉnh Đắk Lắk" are one page, "UBND các xã" of Hà Nội and of Huế two. Reads the
store with the named queries ``kg/queries/organisation-*.rq``; a page costs a fixed number
of queries whatever the store holds (the ranking is one query, kept until the store's next
write; a page's rows are cut to a limit). Knows nothing of the web.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from pyoxigraph import NamedNode

from kg import ids, named_queries
from kg.commitments import COMPARATOR_NAMES, NO_LABELS, RECURRENCE_NAMES, ROLE_NAMES, labels
from kg.store import GraphStore

PAGE_SIZE = 50         # organisations a page of the list shows
ASSIGNMENTS_PAGE = 100  # assignments a page of one body shows
ROWS_LIMIT = 200        # deadlines, targets and issued documents one body's page shows at most


@dataclass
class OrganisationSummary:
    iri: str
    id: str
    name: str
    name_en: str | None
    area: str | None                  # the area IRI it belongs to
    area_label: dict                  # {"vi": ..., "en": ...}
    assignments: int                  # lead + coordinate + implement + report_to
    lead: int
    coordinate: int
    implement: int
    report_to: int
    deadlines: int                    # deadlines it acts on or receives
    documents: int                    # documents that give it a role or a deadline
    issued: int                       # held documents it issued


@dataclass
class OrganisationCounts:
    """An organisation's place in the ranking: how many roles of each kind plans give it, and
    its deadlines, documents and issued held documents."""
    organisation: str                 # IRI
    assignments: int = 0              # lead + coordinate + implement + report_to
    lead: int = 0
    coordinate: int = 0
    implement: int = 0
    report_to: int = 0
    deadlines: int = 0
    documents: int = 0
    issued: int = 0


@dataclass
class OrganisationList:
    data: list[OrganisationSummary]
    count: int
    offset: int
    limit: int


@dataclass
class Assignment:
    iri: str
    role: str                         # lead, coordinate, implement, report_to
    document: str
    document_id: str | None
    document_label: str | None
    name: str                         # the name as the plan writes it
    span: list[int]
    task: str | None = None           # the heading of the innermost task whose section holds it
    task_span: list[int] | None = None


@dataclass
class OrganisationDeadline:
    iri: str
    party: str                        # "actor" (it must meet it) or "recipient" (it receives the report)
    kind: str                         # report or task
    text: str
    day: int | None
    month: int | None
    quarter: int | None
    year: int | None
    recurrence: str | None
    document: str
    document_id: str | None
    document_label: str | None
    span: list[int]


@dataclass
class LedTarget:
    iri: str
    plan: str
    plan_id: str | None
    plan_label: str | None
    indicator: str | None
    indicator_id: str | None
    indicator_label: str | None
    year: int | None
    value: float
    value_max: float | None
    unit: str
    comparator: str | None
    text: str
    span: list[int]


@dataclass
class IssuedDocument:
    iri: str
    id: str | None
    label: str | None
    date: str | None
    held: bool


@dataclass
class OrganisationDetail:
    summary: OrganisationSummary
    names: list[str]                  # every name documents write for it
    kind: str | None
    kind_label: dict
    parent: dict | None               # {"iri", "id", "label": {"vi", "en"}}
    assignments: list[Assignment]
    offset: int                       # of the assignments shown
    limit: int
    deadlines: list[OrganisationDeadline] = field(default_factory=list)
    deadlines_more: bool = False      # more than ROWS_LIMIT
    targets: list[LedTarget] = field(default_factory=list)
    targets_more: bool = False
    issued: list[IssuedDocument] = field(default_factory=list)
    issued_more: bool = False


def _count(value: str | None) -> int:
    return int(value) if value else 0


def ranking(store: GraphStore) -> list[OrganisationCounts]:
    """Every organisation with a role, a deadline or an issued held document, with its counts,
    by assignments then deadlines: the named query ``organisation-list``, kept until the
    store's next write."""
    def compute():
        rows = store.select(named_queries.get("organisation-list").text)
        return [OrganisationCounts(
            organisation=r["organisation"], assignments=_count(r["assignments"]), lead=_count(r["lead"]),
            coordinate=_count(r["coordinate"]), implement=_count(r["implement"]), report_to=_count(r["reportTo"]),
            deadlines=_count(r["deadlines"]), documents=_count(r["documents"]), issued=_count(r["issued"]))
            for r in rows]
    return store.cached("organisation-ranking", compute)


def _details(store: GraphStore, organisations: list[str]) -> dict[str, dict]:
    """Names, kind, area and parent of each organisation (one query)."""
    if not organisations:
        return {}
    query = named_queries.internal("organisation-details").bind(organisation=[NamedNode(o) for o in organisations])
    found: dict[str, dict] = {o: {"curated": {}, "names": set(), "en": set(), "areas": set(), "kind": None,
                                  "kind_label": {}, "parent": None} for o in organisations}
    for r in store.select(query):
        entry = found[r["organisation"]]
        if r["label"] is not None:
            if r["labelLang"] == "en":
                entry["en"].add(r["label"])
            else:
                entry["names"].add(r["label"])
                if r["curated"] == "true":
                    entry["curated"]["vi"] = r["label"]
        if r["alt"] is not None:
            entry["names"].add(r["alt"])
        if r["area"] is not None:
            entry["areas"].add(r["area"])
        if r["kind"] is not None:
            entry["kind"] = r["kind"]
        if r["parent"] is not None:
            entry["parent"] = r["parent"]
    return found


def _name(entry: dict, iri: str) -> str:
    """The curated Vietnamese name; else a name documents write: written as a name (a capital
    first), then one that spells the body's key ("Bộ Xây dựng" rather than "Bộ trưởng Bộ Xây
    dựng"), then the longest (the full name rather than an abbreviation); else the IRI's id."""
    if entry["curated"].get("vi"):
        return entry["curated"]["vi"]
    if entry["names"]:
        key = ids.organisation_id(iri).rpartition("/")[2]
        return sorted(entry["names"], key=lambda n: (not n[:1].isupper(), ids._slug(n, 80) != key, -len(n), n))[0]
    return ids.organisation_id(iri)


def _area(entry: dict, iri: str) -> str | None:
    """The area the body belongs to: the one its IRI is scoped by when recorded, else the first."""
    scope = ids.organisation_id(iri).rpartition("/")[0]
    own = ids.area_iri(scope).value if scope and scope != "unknown" else None
    if own in entry["areas"] or (own and not entry["areas"]):
        return own
    return min(entry["areas"]) if entry["areas"] else None


def _summaries(store: GraphStore, rows: list[OrganisationCounts]) -> list[OrganisationSummary]:
    details = _details(store, [r.organisation for r in rows])
    areas = {r.organisation: _area(details[r.organisation], r.organisation) for r in rows}
    area_labels = labels(store, {a for a in areas.values() if a})
    summaries = []
    for r in rows:
        iri, entry = r.organisation, details[r.organisation]
        area = areas[iri]
        label = asdict(area_labels.get(area, NO_LABELS) if area else NO_LABELS)
        if area and not label["vi"]:  # a district met only in documents, without a curated name: its id
            label = {"vi": area.removeprefix(ids.area_iri("").value), "en": area.removeprefix(ids.area_iri("").value)}
        label["en"] = label["en"] or label["vi"]
        summaries.append(OrganisationSummary(
            iri=iri, id=ids.organisation_id(iri), name=_name(entry, iri),
            name_en=min(entry["en"]) if entry["en"] else None, area=area, area_label=label,
            assignments=r.assignments, lead=r.lead, coordinate=r.coordinate, implement=r.implement,
            report_to=r.report_to, deadlines=r.deadlines, documents=r.documents, issued=r.issued))
    return summaries


def organisation_list(store: GraphStore, offset: int = 0, limit: int = PAGE_SIZE) -> OrganisationList:
    """One page of the ranked organisations: three queries at most (the ranking, kept; the
    page's names and areas; the areas' labels)."""
    ranked = ranking(store)
    page = ranked[offset:offset + limit]
    return OrganisationList(_summaries(store, page), len(ranked), offset, limit)


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


def _local(iri: str | None) -> str | None:
    return iri.rsplit("#", 1)[-1] if iri else None


def organisation(store: GraphStore, iri: str, offset: int = 0,
                 limit: int = ASSIGNMENTS_PAGE) -> OrganisationDetail | None:
    """One body's page, or None when the store knows no such organisation. Its assignments
    from `offset` (at most `limit`), each placed in the innermost task whose section holds the
    name; its deadlines, the targets of plans it leads and the documents it issued (at most
    ROWS_LIMIT of each). Nine queries at most, whatever the store holds."""
    node = NamedNode(iri)
    counts = next((r for r in ranking(store) if r.organisation == iri), None)
    details = _details(store, [iri])[iri]
    if counts is None and not (details["names"] or details["curated"] or details["areas"]):
        return None
    counts = counts or OrganisationCounts(iri)
    summary = _summaries(store, [counts])[0]

    query = named_queries.get("organisation-assignments").bind(organisation=node)
    rows = store.select(query + f"\nLIMIT {int(limit)} OFFSET {int(offset)}")
    assignments = [Assignment(
        iri=r["assignment"], role=ROLE_NAMES[_local(r["role"])], document=r["document"],
        document_id=ids.document_id(r["document"]), document_label=r["documentLabel"], name=r["name"],
        span=[int(r["start"]), int(r["end"])]) for r in rows]
    _place_in_tasks(store, assignments)

    deadline_rows = store.select(named_queries.get("organisation-deadlines").bind(organisation=node)
                                 + f"\nLIMIT {ROWS_LIMIT + 1}")
    deadlines = [OrganisationDeadline(
        iri=r["deadline"], party=_local(r["party"]), kind="report" if _local(r["kind"]) == "reportKind" else "task",
        text=r["clause"], day=_int(r["day"]), month=_int(r["month"]), quarter=_int(r["quarter"]),
        year=_int(r["year"]), recurrence=RECURRENCE_NAMES[_local(r["recurrence"])] if r["recurrence"] else None,
        document=r["document"], document_id=ids.document_id(r["document"]), document_label=r["documentLabel"],
        span=[int(r["start"]), int(r["end"])]) for r in deadline_rows[:ROWS_LIMIT]]

    target_rows = store.select(named_queries.get("organisation-targets").bind(organisation=node)
                               + f"\nLIMIT {ROWS_LIMIT + 1}")
    targets = [LedTarget(
        iri=r["target"], plan=r["plan"], plan_id=ids.document_id(r["plan"]), plan_label=r["planLabel"],
        indicator=r["indicator"],
        indicator_id=r["indicator"].removeprefix(ids.indicator_iri("").value) if r["indicator"] else None,
        indicator_label=r["indicatorLabel"], year=_int(r["year"]), value=float(r["value"]),
        value_max=float(r["valueMax"]) if r["valueMax"] else None, unit=r["unit"],
        comparator=COMPARATOR_NAMES[_local(r["comparator"])] if r["comparator"] else None, text=r["clause"],
        span=[int(r["start"]), int(r["end"])]) for r in target_rows[:ROWS_LIMIT]]

    issued_rows = store.select(named_queries.get("organisation-documents").bind(organisation=node)
                               + f"\nLIMIT {ROWS_LIMIT + 1}")
    issued = [IssuedDocument(iri=r["document"], id=ids.document_id(r["document"]), label=r["label"], date=r["date"],
                             held=r["held"] == "true") for r in issued_rows[:ROWS_LIMIT]]

    kind_and_parent = labels(store, {x for x in (details["kind"], details["parent"]) if x})
    parent = None
    if details["parent"]:
        parent = {"iri": details["parent"], "id": ids.organisation_id(details["parent"]),
                  "label": asdict(kind_and_parent.get(details["parent"], NO_LABELS))}
    names = sorted(details["names"] - {summary.name}, key=lambda name: (name.casefold(), name))  # case apart, in one order
    return OrganisationDetail(
        summary=summary, names=names, kind=details["kind"],
        kind_label=asdict(kind_and_parent.get(details["kind"], NO_LABELS)) if details["kind"] else {},
        parent=parent, assignments=assignments, offset=offset, limit=limit,
        deadlines=deadlines, deadlines_more=len(deadline_rows) > ROWS_LIMIT,
        targets=targets, targets_more=len(target_rows) > ROWS_LIMIT,
        issued=issued, issued_more=len(issued_rows) > ROWS_LIMIT)


def _place_in_tasks(store: GraphStore, assignments: list[Assignment]) -> None:
    """Give each assignment the innermost task of its document whose section holds its name
    (one query for the documents of all of them)."""
    documents = sorted({a.document for a in assignments})
    if not documents:
        return
    tasks: dict[str, list[tuple[int, int, int, str]]] = {}
    for query in named_queries.bind_chunks(named_queries.internal("tasks-of-documents"), "doc",
                                           [NamedNode(d) for d in documents]):
        for r in store.select(query):
            tasks.setdefault(r["doc"], []).append((int(r["start"]), int(r["end"]), int(r["level"]), r["heading"]))
    for assignment in assignments:
        start = assignment.span[0]
        holding = [t for t in tasks.get(assignment.document, []) if t[0] <= start < t[1]]
        if holding:
            inner = min(holding, key=lambda t: (t[1] - t[0], -t[2]))
            assignment.task, assignment.task_span = inner[3], [inner[0], inner[1]]
