"""Tables of markdown copies of web pages, with each cell's span in the normalised text.

The pages write a table one cell per block: a line "|" ends a cell, and two "|" lines in a
row (an empty cell) end a table row:

    |
    **STT**
    |
    **Nội dung**
    |
    |
    1
    |
    Tổng sản phẩm ...

The reader turns those pipes into paragraph breaks; this module reads the structure back
from the original text and maps each cell to the normalised text through the offset map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.read import SourceText

MAX_CELL_LINES = 12  # a run of more text lines than this between pipes ends the table


def caption(source: SourceText, table: "Table", chars: int = 400) -> str:
    """The text right before a table (its title, "Mẫu biểu số 01 DỰ BÁO MỘT SỐ CHỈ TIÊU ...")."""
    start = table.span[0]
    return " ".join(source.text[max(0, start - chars):start].split())


@dataclass
class Cell:
    text: str
    span: tuple[int, int]  # in the normalised text; (x, x) for an empty cell


@dataclass
class Table:
    rows: list[list[Cell]] = field(default_factory=list)
    span: tuple[int, int] = (0, 0)


def markdown_tables(source: SourceText) -> list[Table]:
    if not source.path.lower().endswith(".md"):
        return []
    original = source.original
    tables: list[Table] = []
    pipes = [m.start() for m in re.finditer(r"(?m)^[ \t]*\|[ \t]*$", original)]
    run: list[int] = []
    for pipe in pipes:
        between = original[run[-1]:pipe] if run else ""
        # a long run of text, or text with a blank line in it, is no cell: the table ended
        if run and (between.count("\n") > MAX_CELL_LINES or
                    (between.strip(" \t\n|") and re.search(r"\n[ \t]*\n", between))):
            tables.extend(_table(source, run))
            run = []
        run.append(pipe)
    if run:
        tables.extend(_table(source, run))
    return tables


def _table(source: SourceText, pipes: list[int]) -> list[Table]:
    """The table between a run of pipe lines (needs at least two rows)."""
    original = source.original
    rows: list[list[Cell]] = [[]]
    for left, right in zip(pipes, pipes[1:]):
        start = original.index("\n", left) + 1 if "\n" in original[left:right] else right
        content = original[start:right]
        if not content.strip():
            if rows[-1]:
                rows.append([])
            continue
        rows[-1].append(_cell(source, start, right))
    rows = [row for row in rows if row]
    if len(rows) < 2:
        return []
    spans = [cell.span for row in rows for cell in row]
    return [Table(rows, (spans[0][0], spans[-1][1]))]


def _cell(source: SourceText, start: int, end: int) -> Cell:
    """Map [start, end) of the original to the normalised text."""
    lo = source.offsets.first_at_or_after(start)
    hi = source.offsets.first_at_or_after(end)
    text = source.text[lo:hi]
    stripped = text.strip()
    if not stripped:
        return Cell("", (lo, lo))
    lead = len(text) - len(text.lstrip())
    return Cell(" ".join(stripped.split()), (lo + lead, lo + lead + len(stripped)))


# --- task tables: "NHIỆM VỤ | CHỦ TRÌ | PHỐI HỢP | THỜI GIAN" ------------------------------

TIME_HEADER = re.compile(r"(?i)thời gian|tiến độ|thời hạn")
TASK_HEADER = re.compile(r"(?i)nhiệm vụ|nội dung|giải pháp|hoạt động")
LEAD_HEADER = re.compile(r"(?i)chủ trì|cơ quan thực hiện|đơn vị thực hiện")


def table_columns(table) -> dict[str, int]:
    """Which column of a task table holds the task, the lead, the partners and the time."""
    header = [c.text for c in table.rows[0]]
    found = {}
    for i, text in enumerate(header):
        if "task" not in found and TASK_HEADER.search(text):
            found["task"] = i
        elif LEAD_HEADER.search(text):
            found["lead"] = i
        elif re.search(r"(?i)phối hợp", text):
            found["coordinate"] = i
        elif TIME_HEADER.search(text):
            found["time"] = i
    return found


def table_rows(table):
    """Rows of a task table aligned to its header (an empty cell ends a row in these pages,
    so rows shorter than the header are right-aligned: the time column is the last)."""
    width = len(table.rows[0])
    for row in table.rows[1:]:
        if len(row) == width:
            yield row
        elif len(row) == width - 1 and not row[0].text.strip().rstrip(".").isalnum():
            yield [None] + list(row)  # no STT cell
