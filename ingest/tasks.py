"""The task sections (Nhiệm vụ, giải pháp; Nội dung thực hiện; Tổ chức thực hiện; task
appendices) as a tree: each heading inside them, with its level under the section, its
parent and the text under it."""

from __future__ import annotations

from ingest import patterns
from ingest.segment import Heading, Outline
from ingest.records import Task

_WORDS = patterns.load("tasks")
TASK_WORDS = tuple(patterns.load("sections")["roles"]["tasks"])
NOT_TASK_WORDS = tuple(_WORDS["not_task_words"])
# a section that reports on work done ("I. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ...") is no task section
NOT_TASK_STARTS = tuple(_WORDS["not_task_starts"])


def task_sections(outline: Outline) -> list[Heading]:
    sections = []
    sections_end = -1  # where the last of the sections found so far ends (they start before)
    for heading in outline.headings:
        title = heading.title.lower()
        ancestors = [h.title.lower() for h in outline.path_at(heading.start) if h is not heading]
        if any(w in a for a in ancestors for w in NOT_TASK_WORDS):
            continue
        if any(w in title for w in TASK_WORDS) and not any(w in title for w in NOT_TASK_WORDS) \
                and not title.startswith(NOT_TASK_STARTS):
            if not heading.start < sections_end:  # not inside a section found before
                sections.append(heading)
                sections_end = max(sections_end, heading.section_end)
    return sections


def extract_tasks(outline: Outline) -> list[Task]:
    """The task sections' headings as a tree, each as the text writes it."""
    tasks: list[Task] = []
    for section in task_sections(outline):
        inside = outline.headings_within(section.start, section.section_end)
        _add_tree(outline, tasks, inside, section, "task:section-heading")
    return tasks


def _add_tree(outline: Outline, tasks: list[Task], inside: list[Heading], section: Heading | None, rule: str) -> None:
    levels = sorted({h.level for h in inside if h is not section})
    stack: list[tuple[int, int]] = []  # (outline level, task index)
    for heading in inside:
        level = 1 if heading is section else 2 + levels.index(heading.level)
        while stack and stack[-1][0] >= heading.level:  # pops: the stack empties at most
            stack.pop()
        parent = stack[-1][1] if stack else None
        following = outline.heading_after(heading.start)
        body_end = min(heading.section_end, following.start) if following else heading.section_end
        tasks.append(Task(_as_written(outline, heading), outline.text[heading.start:body_end].strip(), level, parent,
                          (heading.start, body_end), rule))
        stack.append((heading.level, len(tasks) - 1))


def _as_written(outline: Outline, heading: Heading) -> str:
    """The heading line as the text writes it ("II- NỘI DUNG", "a) Sở Y tế")."""
    return " ".join(outline.text[heading.start:heading.end].split())
