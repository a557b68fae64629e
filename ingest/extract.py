"""Normalised text -> Extraction: the pipeline. Pure: no I/O, no RDF.

Each job is a module of its own: the document's parts (ingest/document_parts.py), its identity
(ingest/identity.py), the documents it cites (ingest/mentions.py), the relations the text
states (ingest/relations.py), then what a plan commits to: targets, tasks, organisations,
deadlines, funding; and the results it reports. The token-level rules (document numbers with their type words, relation
cues, from ``ingest/patterns``) are spaCy matchers in their definition and run as a scan of
compiled patterns that tokenises only where they may match (ingest/nlp.py): no Doc is built.
"""

from __future__ import annotations

from ingest.deadlines import extract_deadlines, extract_table_deadlines, merge_table_deadlines
from ingest.document_parts import document_parts
from ingest.funding import extract_funding
from ingest.identity import extract_identity, identity_from_page_heading
from ingest.indicators import indicator_of
from ingest.mentions import find_mentions, merge_references
from ingest.nlp import TextTokens
from ingest.organisations import extract_organisations, table_assignments
from ingest.read import SourceText, is_reference_article, page_heading
from ingest.records import Extraction, Relation, Task
from ingest.relations import is_normative, relate
from ingest.resolve import resolve
from ingest.results import extract_results
from ingest.segment import emphasised_lines, segment
from ingest.tables import caption, markdown_tables
from ingest.targets import extract_table_targets, extract_targets
from ingest.tasks import extract_tasks


def extract(source: SourceText) -> Extraction:
    text = source.text
    identity = extract_identity(text)
    if identity.number is None and identity.title is None:  # a page about a document, not the document
        heading = page_heading(source)
        if heading:
            identity.page_title, identity.spans["page_title"] = heading
            identity_from_page_heading(identity, text)
    # the token rules look at a few places of the text: no Doc of the whole text is built,
    # the chunks around those places are tokenised as spaCy's pipeline would (ingest/nlp.py)
    tokens = TextTokens(text)
    outline = segment(text, emphasised_lines(source))
    mentions = find_mentions(text, identity, tokens)
    parts = document_parts(text, identity.spans, outline)
    relations = relate(text, mentions, normative=is_normative(identity), parts=parts, tokens=tokens)
    references = merge_references(mentions)
    extraction = Extraction(
        source={"path": source.path, "sha256": source.sha256, "chars": len(text)},
        document=identity,
        references=references,
        relations=relations,
    )
    resolve(extraction, text)
    extraction.targets, extraction.objectives = extract_targets(outline)
    tables = markdown_tables(source)
    extraction.targets += extract_table_targets(tables, lambda table: caption(source, table))
    for target in extraction.targets:
        target.indicator = indicator_of(target.text)
    extraction.results = extract_results(outline, identity)
    extraction.tasks = extract_tasks(outline, tables)
    _tie_to_tasks(extraction.relations, extraction.tasks)
    level = "district" if identity.district else "province" if identity.province else None
    extraction.organisations = extract_organisations(outline, level, identity.issuer, identity.jurisdiction)
    extraction.deadlines = merge_table_deadlines(extract_deadlines(outline, parts), extract_table_deadlines(tables))
    extraction.organisations += table_assignments(tables, level, extraction.organisations)
    extraction.funding = extract_funding(outline)
    if identity.number is None and identity.title is None and is_reference_article(source):
        _no_commitments(extraction)  # page:reference-article: no document of its own
    return extraction


def _no_commitments(extraction: Extraction) -> None:
    """An encyclopedia entry holds no document: the duties, dates and figures it retells are
    no one's commitments here; its references and relations stay."""
    extraction.targets, extraction.objectives, extraction.tasks = [], [], []
    extraction.organisations, extraction.deadlines, extraction.funding = [], [], []


def _tie_to_tasks(relations: list[Relation], tasks: list[Task]) -> None:
    """A body verb inside a task ("triển khai thực hiện Nghị quyết 57" under "2. Nhiệm vụ ...")
    is the task's relation: the innermost task whose text holds it."""
    for relation in relations:
        if relation.stated is None:
            continue
        at = relation.span[0]
        inside = [i for i, task in enumerate(tasks) if task.span[0] <= at < task.span[1]]
        if inside:
            relation.task = max(inside, key=lambda i: tasks[i].level)
