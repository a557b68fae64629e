"""The task sections (Nhiệm vụ, giải pháp; Nội dung thực hiện; Tổ chức thực hiện; task
appendices) as a tree: each heading inside them, with its level under the section, its
parent and the text under it.

A task section opens at a heading that is a title, never at a numbered paragraph that
mentions a task word on its way (task:titled-section); in a text whose body is articles, it
opens at an article (its clauses "1.", "a)" are the article's, and its headings inside the
section) and not at an article stating the rule's content (task:article-section); there,
every clause and item is a task heading, except the clauses of an article of final provisions
(task:final-provisions). A plan's parts titled by their subject between its objectives and
its implementation are task sections (task:topic-section). Outside the task sections, the
items a directing lead-in hands out and the points that direct are tasks too
(task:directed-list, task:directed-heading), and so are the rows of task tables
(task:table-row).

>>> from ingest.segment import segment
>>> text = ("Điều 3. Nội dung chi\\n1. Chi cho nội dung A.\\nĐiều 4. Tổ chức thực hiện\\n"
...         "1. Giao Ủy ban nhân dân tỉnh:\\na) Ban hành kế hoạch.\\n"
...         "2. Giao Thường trực Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết.\\n"
...         "Điều 5. Hiệu lực thi hành")
>>> [(t.heading, t.level) for t in extract_tasks(segment(text))]  # doctest: +NORMALIZE_WHITESPACE
[('Điều 4. Tổ chức thực hiện', 1), ('1. Giao Ủy ban nhân dân tỉnh:', 2), ('a) Ban hành kế hoạch.', 3),
 ('2. Giao Thường trực Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết.', 2)]
"""

from __future__ import annotations

import bisect
import re

from ingest import patterns
from ingest.document_parts import section_roles
from ingest.segment import Heading, Outline
from ingest.records import Task
from ingest.tables import Table, table_header, task_columns

_WORDS = patterns.load("tasks")
TASK_WORDS = tuple(patterns.load("sections")["roles"]["tasks"])
NOT_TASK_WORDS = tuple(_WORDS["not_task_words"])
# a section that reports on work done ("I. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ...") is no task section
NOT_TASK_STARTS = tuple(_WORDS["not_task_starts"])
TITLE_WORDS_BEFORE = _WORDS["title_words_before"]
TITLE_PART_BREAKS = tuple(_WORDS["title_part_breaks"])
ARTICLE_CONTENT_WORDS = frozenset(_WORDS["article_content_words"])
# the headings that end an article: its clauses "1.", "1.1.", "a)" are inside it
ARTICLE_BREAKS = ("article", "chapter", "part", "appendix", "roman")
CLAUSE_STYLES = ("arabic", "arabic2", "letter")
RULE_PART_STYLES = ("article", "chapter", "part", "appendix")  # the parts of a normative text
ARTICLE_TASK_WORDS = tuple(_WORDS["article_task_words"])
ARTICLE_RULE_PHRASES = tuple(_WORDS["article_rule_phrases"])
FINAL_PROVISION_WORDS = tuple(_WORDS["final_provision_words"])
# task:directed-list, task:directed-heading (patterns/tasks.json, _directed_lists)
DIRECTING_VERB = re.compile(r"(?i)(?<!\w)(?:" + "|".join(map(re.escape, _WORDS["directing_verbs"])) + r")(?!\w)")
DIRECTED_AFTER = tuple(w + " " for w in _WORDS["directed_after"])
NOT_DIRECTING_BEFORE = re.compile(r"(?i)(?:^|\s)(?:" + "|".join(map(re.escape, _WORDS["not_directing_before"])) + r")$")
LIST_ENDINGS = tuple(_WORDS["list_endings"])
LIST_TASK_NOUNS, NOT_LIST_TASK_NOUNS = tuple(_WORDS["list_task_nouns"]), tuple(_WORDS["not_list_task_nouns"])
LIST_NOUN_WORDS = _WORDS["list_noun_words"]
DIRECTING_OPENING = re.compile(r"(?:" + "|".join(map(re.escape, _WORDS["directing_openings"])) + r")[ \t]+")
NOT_TOPIC_OPENINGS = tuple(_WORDS["not_topic_openings"])
TOPIC_BEFORE = {"tasks", "responsibility"}  # the roles a topic part stands before (task:topic-section)
LIST_STYLES = ("arabic", "arabic2", "letter")
TABLE_GROUP = re.compile(r"[IVXLC]{1,6}\.?")  # a task table's group row number (task:table-row)
TABLE_ITEM = re.compile(r"\d{1,3}(?:\.\d{1,3})*\.?")  # a directed list is numbered "1.", "1.1." or "a)", never "I." or "Điều"
SENTENCE_BREAK = re.compile(r"(?<=[.;!?])\s+")
PARAGRAPH_CHARS = 1500


def reads_as_title(title: str) -> bool:
    """task:titled-section: the task word opens the title (at most TITLE_WORDS_BEFORE words
    before it), or, in a title of capitals, one of its coordinated parts; a numbered
    paragraph does not read so.

    >>> reads_as_title("Trách nhiệm tổ chức thực hiện"), reads_as_title("DỰ BÁO TÁC ĐỘNG VÀ CÁC GIẢI PHÁP")
    (True, True)
    >>> reads_as_title("Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết.")
    False
    >>> reads_as_title("TỔNG MỨC CHI CHO TỪNG NHIỆM VỤ")
    False
    """
    lowered = title.lower()
    found = [lowered.find(w) for w in TASK_WORDS if w in lowered]
    if not found:
        return False
    before = lowered[:min(found)]
    letters = [c for c in title if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        before = before[max(before.rfind(b) + len(b) for b in TITLE_PART_BREAKS if b in before):] \
            if any(b in before for b in TITLE_PART_BREAKS) else before
    return len(before.split()) <= TITLE_WORDS_BEFORE


def article_spans(outline: Outline) -> dict[int, int]:
    """task:article-section: each article's start -> its end (the next article, chapter, part,
    appendix or roman heading); empty when the body has no articles."""
    breaks = [h for h in outline.headings if h.style in ARTICLE_BREAKS]
    return {h.start: breaks[i + 1].start if i + 1 < len(breaks) else len(outline.text)
            for i, h in enumerate(breaks) if h.style == "article"}


def _article_holding(heading: Heading, articles: dict[int, int], starts: list[int]) -> int | None:
    """The start of the article holding `heading` (not the article itself), None for none.
    `starts`: the articles' starts in text order. Articles do not overlap: the one starting
    last before the heading is the only one that may hold it (a bisection, not a scan)."""
    i = bisect.bisect_left(starts, heading.start) - 1
    return starts[i] if i >= 0 and heading.start < articles[starts[i]] else None


def _in_article(heading: Heading, articles: dict[int, int], starts: list[int]) -> bool:
    return _article_holding(heading, articles, starts) is not None


def _in_final_provisions(heading: Heading, outline: Outline, articles: dict[int, int], starts: list[int]) -> bool:
    """The heading is a clause of an article whose title holds a final_provision_words phrase."""
    start = _article_holding(heading, articles, starts)
    return start is not None and any(w in outline.path_at(start)[-1].title.lower() for w in FINAL_PROVISION_WORDS)


def _section_end(heading: Heading, articles: dict[int, int]) -> int:
    return articles.get(heading.start, heading.section_end)


def task_sections(outline: Outline) -> list[Heading]:
    sections = []
    sections_end = -1  # where the last of the sections found so far ends (they start before)
    articles = article_spans(outline)
    starts = list(articles)
    lowered = {id(h): h.title.lower() for h in outline.headings}  # each title lowered once
    not_task = {key: any(w in title for w in NOT_TASK_WORDS) for key, title in lowered.items()}
    for heading in outline.headings:
        title = lowered[id(heading)]
        if any(not_task[id(h)] for h in outline.path_at(heading.start) if h is not heading):
            continue  # under a heading of work done
        if articles and heading.style in CLAUSE_STYLES and _in_article(heading, articles, starts):
            continue  # a clause of an article: the article opens the section
        implementation = False
        if articles and heading.style in RULE_PART_STYLES:
            if any(w in title for w in ARTICLE_RULE_PHRASES):
                continue  # what the rule lays down ("Điều 2. Nhiệm vụ và quyền hạn")
            implementation = title.startswith(ARTICLE_TASK_WORDS)  # task:implementation-article
            if not implementation and not {w for w in TASK_WORDS if w in title} - ARTICLE_CONTENT_WORDS:
                continue  # the rule's content ("Điều 5. Nội dung chi"), not work to do
        if implementation or reads_as_title(heading.title) and not any(w in title for w in NOT_TASK_WORDS) \
                and not title.startswith(NOT_TASK_STARTS):
            if not heading.start < sections_end:  # not inside a section found before
                sections.append(heading)
                sections_end = max(sections_end, _section_end(heading, articles))
    return sections


def extract_tasks(outline: Outline, tables: list[Table] = ()) -> list[Task]:
    """The task sections' headings as a tree, each as the text writes it, then the lists of
    tasks a directing paragraph or heading opens outside them and the rows of task tables
    (`tables`: ingest.tables.markdown_tables), in the order of the text."""
    tasks: list[Task] = []
    articles = article_spans(outline)
    starts = list(articles)
    taken: list[tuple[int, int]] = []
    for section in task_sections(outline):
        end = _section_end(section, articles)
        inside = outline.headings_within(section.start, end)
        if articles:  # task:final-provisions: the clauses of an article of final provisions are no tasks
            inside = [h for h in inside
                      if h.style not in CLAUSE_STYLES or not _in_final_provisions(h, outline, articles, starts)]
        _add_tree(outline, tasks, inside, section, end, "task:section-heading")
        taken.append((section.start, end))
    topics = [] if articles else topic_sections(outline, taken)
    for section in topics:
        _add_tree(outline, tasks, outline.headings_within(section.start, section.section_end), section,
                  section.section_end, "task:topic-section")
        taken.append((section.start, section.section_end))
    directed = [] if articles else directed_lists(outline, taken)
    for inside, end, rule in directed:
        _add_tree(outline, tasks, inside, None, end, rule)
    rows = table_tasks(outline, tables, tasks, taken)
    if topics or directed or rows:  # they stand among the sections: each task's parent is moved with it
        tasks += rows
        order = sorted(range(len(tasks)), key=lambda i: tasks[i].span[0])
        moved = {old: new for new, old in enumerate(order)}
        tasks = [tasks[i] for i in order]
        for task in tasks:
            task.parent = moved[task.parent] if task.parent is not None else None
    return tasks


def table_tasks(outline: Outline, tables: list[Table], tasks: list[Task], taken: list[tuple[int, int]]) -> list[Task]:
    """task:table-row: each numbered row of a task table (a table whose header names the task
    column and the lead's: "TT | Nội dung thực hiện | Cơ quan chủ trì | ..."), its number and
    task as its heading ("1 Tổ chức lại Ban Chỉ huy ..."): a group row ("I | KIỆN TOÀN ...")
    at level 2 and the rows after it at 3 below it, under the task section holding the table
    (`taken`: the sections' spans; `tasks`: theirs, indexed as they will be); a row already
    read as a heading is left. Returned with parents counted from len(tasks)."""
    found: list[Task] = []
    text = outline.text
    starts = sorted(t.span[0] for t in tasks)
    for table in tables:
        columns = task_columns(table)
        content = columns.get("task", 0)  # its place in the header, and in a full row of the body
        if content < 1 or "lead" not in columns:  # (column 0 holds the rows' numbers)
            continue
        width = len(table_header(table))
        section = next((i for i, t in enumerate(tasks) if t.level == 1 and any(
            start == t.span[0] and start <= table.span[0] < end for start, end in taken)), None)
        grouped = any(TABLE_GROUP.fullmatch(row[0].text.strip()) for row in table.rows[1:] if row)
        group = section
        for row in table.rows[1:]:
            if len(row) < 2:
                continue
            number = row[0].text.strip()
            is_group = bool(TABLE_GROUP.fullmatch(number))
            if not is_group and not TABLE_ITEM.fullmatch(number):
                continue
            cell = row[content] if len(row) == width and content < len(row) else row[1]
            span = (row[0].span[0], row[-1].span[1])
            k = bisect.bisect_left(starts, span[0])
            if k < len(starts) and starts[k] < span[1] or not cell.text.strip():
                continue  # read as a heading already
            level = 2 if is_group or not grouped else 3
            parent = section if is_group or not grouped else group
            found.append(Task(" ".join(f"{number} {cell.text}".split()), text[span[0]:span[1]].strip(), level, parent,
                              span, "task:table-row"))
            if is_group:
                group = len(tasks) + len(found) - 1
    return found


def topic_sections(outline: Outline, taken: list[tuple[int, int]]) -> list[Heading]:
    """task:topic-section: a plan's parts titled by their subject, not by a role ("III. PHÁT
    TRIỂN NỀN MÓNG KINH TẾ SỐ", "IV. PHÁT TRIỂN KINH TẾ SỐ NGÀNH, LĨNH VỰC"), standing between
    its objectives and its task or implementation sections: the work the plan lays out. Only
    the top parts (the outline's outermost numbered level) count, and only where both ends
    stand among them."""
    top = [h for h in outline.headings if h.style == "roman"]
    roles = [section_roles(h.title) for h in top]
    opened = any(start <= h.start < end for h in top for start, end in taken)
    found = []
    for i, heading in enumerate(top):
        if roles[i] or heading.title.lower().startswith(NOT_TOPIC_OPENINGS) \
                or any(start <= heading.start < end for start, end in taken):
            continue
        after_objectives = any("objectives" in r for r in roles[:i])
        before_work = any(r & TOPIC_BEFORE for r in roles[i + 1:])
        if after_objectives and before_work and opened:
            found.append(heading)
    return found


def directed_lists(outline: Outline, taken: list[tuple[int, int]]) -> list[tuple[list[Heading], int, str]]:
    """(headings, end, rule) of each list of tasks outside the task sections (`taken`): the
    headings after a directing paragraph (task:directed-list), and a heading that directs with
    those below it (task:directed-heading); see patterns/tasks.json, _directed_lists."""
    found: list[tuple[list[Heading], int, str]] = []
    headings = outline.headings
    i = 0
    while i < len(headings):  # every turn moves i on by one or past the list it read
        heading = headings[i]
        led_in = heading.style in LIST_STYLES and _ends_lead_in(outline.text, heading.start)
        if heading.style not in LIST_STYLES or not led_in and not _directs_whom(heading.title) \
                or any(start <= heading.start < end for start, end in taken) \
                or any(w in h.title.lower() for h in outline.path_at(heading.start) for w in NOT_TASK_WORDS):
            i += 1
            continue
        if led_in and _directs(_paragraph_before(outline, i)):
            enclosing = [h for h in outline.path_at(heading.start - 1) if h.section_end > heading.start]
            limit = enclosing[-1].section_end if enclosing else len(outline.text)
            k = i + 1  # the list holds heading i, and goes on while its headings do
            while k < len(headings) and headings[k].start < limit and headings[k].level >= heading.level \
                    and not (headings[k].level == heading.level and headings[k].number == heading.number):
                k += 1
            end = min(limit, headings[k - 1].section_end or limit)
            found.append((headings[i:k], end, "task:directed-list"))
            i = k
            continue
        if _directs_whom(heading.title):
            k = i + 1
            while k < len(headings) and headings[k].start < heading.section_end:
                k += 1
            found.append((headings[i:k], heading.section_end, "task:directed-heading"))
            i = k
            continue
        i += 1
    return found


def _directs_whom(title: str) -> bool:
    """task:directed-heading: the title opens with a directing word and whom it directs (a
    capitalised name or a directed_after word): "Giao Đảng ủy Chính phủ ...", "Yêu cầu các cấp
    ủy ...", not "Yêu cầu" alone nor "Yêu cầu chung"."""
    opening = DIRECTING_OPENING.match(title)
    if not opening:
        return False
    following = title[opening.end():]
    return following[:1].isupper() or following.lower().startswith(DIRECTED_AFTER)


def _ends_lead_in(text: str, at: int) -> bool:
    """The text right before `at` ends with a colon (emphasis and white space aside)."""
    k = at
    while k > 0 and text[k - 1] in " \t\n*_" and at - k < 40:  # k moves back one a turn, at most 40
        k -= 1
    return k > 0 and text[k - 1] == ":"


def _paragraph_before(outline: Outline, i: int) -> str:
    """The paragraph right before heading `i` (back to a blank line or the heading before it,
    at most PARAGRAPH_CHARS), its lines joined; empty when another heading ends right there."""
    text, heading = outline.text, outline.headings[i]
    start = max(outline.headings[i - 1].end if i else 0, heading.start - PARAGRAPH_CHARS)
    before = text[start:heading.start].rstrip(" \t\n*_")
    blank = before.rfind("\n\n")
    return " ".join(before[blank + 1:].split())


def _directs(paragraph: str) -> bool:
    """task:directed-list: the paragraph leads in to the tasks it hands out.

    >>> _directs("Chủ tịch UBND tỉnh yêu cầu Thủ trưởng các sở, ban, ngành thực hiện các nội dung sau:")
    True
    >>> _directs("Kế hoạch có mục đích và yêu cầu như sau:"), _directs("Phấn đấu đạt các chỉ tiêu sau:")
    (False, False)
    >>> _directs("Các bộ, ngành tập trung vào một số nhiệm vụ trọng tâm sau:")
    True
    """
    if not paragraph.endswith(":"):
        return False
    sentence = SENTENCE_BREAK.split(paragraph)[-1]
    if any(_directing_at(sentence, verb) for verb in DIRECTING_VERB.finditer(sentence)):
        return True
    lowered = sentence.lower()
    if not lowered.endswith(LIST_ENDINGS):
        return False
    closing = " ".join(lowered.split()[-LIST_NOUN_WORDS:])
    for noun in NOT_LIST_TASK_NOUNS:
        closing = closing.replace(noun, " ")
    return any(w in closing for w in LIST_TASK_NOUNS)


def _directing_at(sentence: str, verb: re.Match) -> bool:
    """The verb directs someone: whom follows it (a capitalised name or a directed_after word,
    or the colon), and no word before it makes it a noun ("mục đích và yêu cầu")."""
    if NOT_DIRECTING_BEFORE.search(sentence[:verb.start()].rstrip()):
        return False
    after = sentence[verb.end():].lstrip()
    return after.startswith(":") or after[:1].isupper() or after.lower().startswith(DIRECTED_AFTER)


def _add_tree(outline: Outline, tasks: list[Task], inside: list[Heading], section: Heading | None, end: int,
              rule: str) -> None:
    """`inside`: the section's headings, the section first; `end`: where the section ends. A
    list with no section heading (`section` None) has its first headings at level 2, with no
    parent."""
    levels = sorted({_rank(h) for h in inside if h is not section})
    stack: list[tuple[float, int]] = []  # (rank, task index) under the section
    root = len(tasks) if section is not None else None  # the section's task index
    for heading in inside:
        if heading is section:
            level, parent = 1, None
        else:
            level = 2 + levels.index(_rank(heading))
            while stack and stack[-1][0] >= _rank(heading):  # pops: the stack empties at most
                stack.pop()
            parent = stack[-1][1] if stack else root
        following = outline.heading_after(heading.start)
        body_end = min(end, heading.section_end if heading is not section else end,
                       following.start if following else end)
        tasks.append(Task(_as_written(outline, heading), outline.text[heading.start:body_end].strip(), level, parent,
                          (heading.start, body_end), rule))
        if heading is not section:
            stack.append((_rank(heading), len(tasks) - 1))


def _rank(heading: Heading) -> float:
    """The heading's outline level, an article's just above its clauses' ("Điều 16." holds "1.",
    both of outline level 3)."""
    return heading.level - 0.5 if heading.style == "article" else heading.level


def _as_written(outline: Outline, heading: Heading) -> str:
    """The heading line as the text writes it ("II- NỘI DUNG", "a) Sở Y tế"), run on over the
    lines its paragraph was wrapped into (task:wrapped-heading): where blank lines part the
    paragraphs, a heading opening one goes on to its end ("3. Đề nghị Ủy ban Mặt trận\nTổ quốc
    Việt Nam tỉnh ... tuyên truyền." is one heading, "2.3.\nCông an tỉnh" another), never over
    a bullet or the next heading."""
    text = outline.text
    end = heading.end
    if text.startswith("\n", end) and not text.startswith("\n\n", end) \
            and (heading.start == 0 or text.endswith("\n\n", 0, heading.start)):
        following = outline.heading_after(heading.start)
        limit = following.start if following is not None else len(text)
        stop = text.find("\n\n", end, limit)  # looks no further than the next heading
        stop = limit if stop < 0 else stop
        bullet = WRAPPED_BULLET.search(text, end, stop)
        end = bullet.start() if bullet else stop
    return " ".join(text[heading.start:end].split())


WRAPPED_BULLET = re.compile(r"\n[ \t]*[-+•*]")  # a list item ends a wrapped heading
