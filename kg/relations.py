"""The relations between documents: one table that the writer (kg.build), the read side
(kg.lineage, kg.network, kg.catalogue), the graph views and the pages' messages all read.

Each relation has the name the extraction contract uses (``implements``), its property in
the vocabulary (kg.vocab, never a string IRI), what it says read forwards and backwards in
both languages, and where it stands in the cascade: every cascade relation points up from
the document that rests on another to it, except ``approves``, which points down from the
approving decision to the programme it approves.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from kg.vocab import ELI, VNP


@dataclass(frozen=True)
class Relation:
    name: str                  # the extraction contract's predicate name
    iri: URIRef                # its property, from kg.vocab
    label: dict[str, str]      # read forwards: "A implements B"
    inverse: dict[str, str]    # read backwards: "B implemented by A"
    cascade: bool              # part of the cascade of plans (lineage, cascade views)
    downward: bool = False     # points from the upper document to the lower one (approves)

    def upper_and_lower(self, subject: str, obj: str) -> tuple[str, str]:
        """Which end of a `subject relation obj` statement sits above in the cascade."""
        return (subject, obj) if self.downward else (obj, subject)


RELATIONS: tuple[Relation, ...] = (
    Relation("implements", VNP.implements, {"vi": "thực hiện", "en": "implements"},
             {"vi": "được thực hiện bởi", "en": "implemented by"}, cascade=True),
    Relation("continues", VNP.continues, {"vi": "tiếp tục thực hiện", "en": "continues"},
             {"vi": "được tiếp tục bởi", "en": "continued by"}, cascade=True),
    Relation("guides", VNP.guides, {"vi": "hướng dẫn thi hành", "en": "guides"},
             {"vi": "được hướng dẫn bởi", "en": "guided by"}, cascade=True),
    Relation("based_on", ELI.based_on, {"vi": "căn cứ", "en": "based on"},
             {"vi": "là căn cứ của", "en": "basis of"}, cascade=True),
    Relation("aligns_with", VNP.alignsWith, {"vi": "phù hợp với", "en": "aligns with"},
             {"vi": "được đối chiếu bởi", "en": "aligned with by"}, cascade=True),
    Relation("approves", VNP.approves, {"vi": "phê duyệt", "en": "approves"},
             {"vi": "được phê duyệt bởi", "en": "approved by"}, cascade=True, downward=True),
    Relation("cites", ELI.cites, {"vi": "dẫn chiếu", "en": "cites"},
             {"vi": "được dẫn chiếu bởi", "en": "cited by"}, cascade=False),
    Relation("amends", ELI.amends, {"vi": "sửa đổi", "en": "amends"},
             {"vi": "được sửa đổi bởi", "en": "amended by"}, cascade=False),
    Relation("repeals", ELI.repeals, {"vi": "bãi bỏ", "en": "repeals"},
             {"vi": "bị bãi bỏ bởi", "en": "repealed by"}, cascade=False),
    Relation("supersedes", VNP.supersedes, {"vi": "thay thế", "en": "supersedes"},
             {"vi": "bị thay thế bởi", "en": "superseded by"}, cascade=False),
)

BY_NAME: dict[str, Relation] = {r.name: r for r in RELATIONS}
BY_IRI: dict[str, Relation] = {str(r.iri): r for r in RELATIONS}
NAMES: dict[str, str] = {str(r.iri): r.name for r in RELATIONS}          # IRI -> name
CASCADE: tuple[str, ...] = tuple(r.name for r in RELATIONS if r.cascade)
ALL: tuple[str, ...] = tuple(r.name for r in RELATIONS)
# what a document rests on, read from it: the cascade relations that point up
RESTS_ON: tuple[str, ...] = tuple(r.name for r in RELATIONS if r.cascade and not r.downward)


def messages() -> dict[str, dict[str, str]]:
    """The pages' message keys ``rel.{name}.out`` / ``rel.{name}.in`` (api.i18n reads them)."""
    table = {}
    for relation in RELATIONS:
        table[f"rel.{relation.name}.out"] = dict(relation.label)
        table[f"rel.{relation.name}.in"] = dict(relation.inverse)
    return table
