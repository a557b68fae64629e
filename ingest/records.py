"""What extraction produces: plain records, no RDF. Spans are [start, end) offsets into
the normalised text (``SourceText.text``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

Span = tuple[int, int]

PREDICATES = ("implements", "based_on", "continues", "approves", "aligns_with", "cites",
              "amends", "repeals")


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


@dataclass
class Relation:
    subject: str                     # "self" or a ref
    predicate: str                   # one of PREDICATES
    object: str                      # a ref
    span: Span                       # from the governing verb to the end of the object mention
    cue: str | None = None           # the verb phrase that says it ("thực hiện")


@dataclass
class Extraction:
    source: dict
    document: Identity
    references: list[Reference]
    relations: list[Relation]
    targets: list = field(default_factory=list)
    tasks: list = field(default_factory=list)
    organisations: list = field(default_factory=list)
    deadlines: list = field(default_factory=list)

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
            "targets": self.targets,
            "tasks": self.tasks,
            "organisations": self.organisations,
            "deadlines": self.deadlines,
        }


def _with_lists(record: dict) -> dict:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in record.items()}
