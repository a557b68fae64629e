"""What extraction produces: plain records, no RDF. Spans are [start, end) offsets into
the normalised text (``SourceText.text``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

Span = tuple[int, int]

PREDICATES = ("implements", "based_on", "continues", "approves", "aligns_with", "cites",
              "amends", "repeals", "supersedes", "guides")


@dataclass
class Identity:
    type: str | None = None          # type code: KH, QĐ, NQ ...
    type_label: str | None = None    # Kế hoạch
    number: str | None = None        # normalised: 1373/QĐ-TTg; None when blank
    issuer: str | None = None        # as a person names it: Ủy ban nhân dân tỉnh Đắk Lắk
    place: str | None = None         # from the dateline
    date: str | None = None          # ISO: 2025-11-18, 2022-05 or 2024
    year: int | None = None
    title: str | None = None
    issuer_code: str | None = None   # from the number: UBND, TTg, TW, GDĐT
    province: str | None = None      # province the document belongs to, by name
    district: str | None = None      # district slug, when the issuer is a district body
    jurisdiction: str | None = None  # set by ingest.resolve: "vn", "vn-ha-noi", "vn-ha-noi/nam-tu-liem"
    page_title: str | None = None    # a web page's own heading, when the text has no number nor title
    spans: dict[str, Span] = field(default_factory=dict)


@dataclass
class Reference:
    ref: str                         # the normalised number, or "<type label> <title>"
    type: str | None
    number: str | None
    issuer: str | None
    date: str | None
    title: str | None
    span: Span                       # the whole mention
    number_span: Span | None = None
    type_label: str | None = None
    jurisdiction: str | None = None  # set by ingest.resolve: "vn", "vn-ha-noi", or None
    mentions: list[Span] = field(default_factory=list)  # every place the text cites it


@dataclass
class Relation:
    subject: str                     # "self" or a ref
    predicate: str                   # one of PREDICATES
    object: str                      # a ref
    span: Span                       # from the governing verb to the end of the object mention
    cue: str | None = None           # the verb phrase that says it ("thực hiện")
    rule: str = "relation:cue"       # where it was read: relation:preamble, relation:article ...
    stated: str | None = None        # a body verb's own relation, kept when the document only cites
    task: int | None = None          # index of the task whose text states it


@dataclass
class Observation:
    """A value with its unit, bound word, year and place in the text: what targets and results
    share."""
    text: str                       # the clause that states it
    value: float
    value_max: float | None
    unit: str
    comparator: str | None          # at_least, at_most, about, maintain, or None
    year: int | None                # the horizon of a target, the year a result is for
    scope: str | None
    section: str | None
    span: tuple[int, int]           # the value and its unit
    clause_span: tuple[int, int]    # the clause it sits in
    indicator: str | None = None    # set by ingest.indicators
    rule: str = ""


@dataclass
class Target(Observation):
    """A level the document commits someone to reach, keep or stay within."""
    rule: str = "target:objective-clause"


@dataclass
class Result(Observation):
    """A value a document reports as reached (an actual), kept apart from targets: what an
    indicator stood at, or how far it moved, in a year or period already lived."""
    rule: str = "result:results-section"


@dataclass
class Objective:
    """An objective stated without a number (kept apart from targets)."""
    text: str
    section: str | None
    year: int | None
    span: tuple[int, int]

@dataclass
class Task:
    heading: str
    text: str            # what the heading says to do, with the lines under it up to the next heading
    level: int           # 1 the task section, 2 its parts, 3 theirs ...
    parent: int | None   # index of the parent task in the list
    span: tuple[int, int]
    rule: str = "task:section-heading"

@dataclass
class Assignment:
    name: str
    role: str                 # lead, coordinate, implement, report_to, recipient
    key: str                  # the same body named differently has one key
    span: tuple[int, int]     # the name in the text
    rule: str

@dataclass
class Deadline:
    text: str
    day: int | None
    month: int | None
    year: int | None
    quarter: int | None
    recurrence: str | None     # yearly, half_yearly, quarterly, monthly, daily, once
    kind: str                  # report or task
    actor: str | None
    recipient: str | None
    span: tuple[int, int]      # the time expression
    clause_span: tuple[int, int]
    rule: str


@dataclass
class Funding:
    """A funding source as the Kinh phí section states it."""
    text: str
    span: tuple[int, int]
    rule: str = "funding:section-line"


@dataclass
class Extraction:
    source: dict
    document: Identity
    references: list[Reference]
    relations: list[Relation]
    targets: list[Target] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    organisations: list[Assignment] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    funding: list[Funding] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)

    def to_json(self, with_text: str | None = None) -> dict:
        """The extraction contract of ARCHITECTURE.md."""
        source = dict(self.source)
        if with_text is not None:
            source["text"] = with_text
        document = asdict(self.document)
        document["spans"] = {k: list(v) for k, v in self.document.spans.items()}
        return {
            "source": source,
            "document": document,
            "references": [_with_lists(asdict(r)) for r in self.references],
            "relations": [_with_lists(asdict(r)) for r in self.relations],
            "targets": [_with_lists(asdict(t)) for t in self.targets],
            "tasks": [_with_lists(asdict(t)) for t in self.tasks],
            "organisations": [_with_lists(asdict(o)) for o in self.organisations],
            "deadlines": [_with_lists(asdict(d)) for d in self.deadlines],
            "objectives": [_with_lists(asdict(o)) for o in self.objectives],
            "funding": [_with_lists(asdict(f)) for f in self.funding],
            "results": [_with_lists(asdict(r)) for r in self.results],
        }


def _with_lists(record: dict) -> dict:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in record.items()}
