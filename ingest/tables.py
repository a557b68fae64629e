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
from ingest.segment import line_matches

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
    pipes = [m.start("pipe") for m in line_matches(PIPE_LINE, PIPE_AFTER_BREAK, original)]
    run: list[int] = []
    for pipe in pipes:
        # a long run of text, or text with a blank line in it, is no cell: the table ended
        if run and (original.count("\n", run[-1], pipe) > MAX_CELL_LINES or
                    (BLANK_LINE.search(original, run[-1], pipe) and NOT_BLANK.search(original, run[-1], pipe))):
            tables.extend(_table(source, run))
            run = []
        run.append(pipe)
    if run:
        tables.extend(_table(source, run))
    return tables


PIPE_LINE = re.compile(r"(?m)^(?P<pipe>[ \t]*\|[ \t]*)$")
PIPE_AFTER_BREAK = re.compile(r"\n(?P<pipe>[ \t]*\|[ \t]*)(?=\n|\Z)")
BLANK_LINE = re.compile(r"\n[ \t]*\n")
NOT_BLANK = re.compile(r"[^ \t\n|]")  # text, not white space nor pipes
NOT_SPACE = re.compile(r"\S")


def _table(source: SourceText, pipes: list[int]) -> list[Table]:
    """The table between a run of pipe lines (needs at least two rows)."""
    original = source.original
    rows: list[list[tuple[int, int]]] = [[]]  # the cells' [start, end) in the original
    for left, right in zip(pipes, pipes[1:]):
        line_end = original.find("\n", left, right)
        start = line_end + 1 if line_end >= 0 else right
        if not NOT_SPACE.search(original, start, right):  # an empty cell
            if rows[-1]:
                rows.append([])
            continue
        rows[-1].append((start, right))
    rows = [row for row in rows if row]
    if len(rows) < 2:
        return []
    # every cell's ends mapped to the normalised text at once
    mapped = iter(source.offsets.first_at_or_after_many([end for row in rows for cell in row for end in cell]))
    cells = [[_cell(source, next(mapped), next(mapped)) for _ in row] for row in rows]
    spans = [cell.span for row in cells for cell in row]
    return [Table(cells, (spans[0][0], spans[-1][1]))]


def _cell(source: SourceText, lo: int, hi: int) -> Cell:
    """The cell of [lo, hi) of the normalised text (an original cell's ends, mapped)."""
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
COORDINATE_HEADER = re.compile(r"(?i)phối hợp")
ROW_NUMBER = re.compile(r"\d{1,3}\.?")


def table_header(table) -> list[Cell]:
    """The header row of a table. A line of pipes closing the text before a table (a signature
    block, an appendix caption) glues that text to the header as extra leading cells:
    "Nơi nhận ... | TM. ỦY BAN NHÂN DÂN | PHỤ LỤC ... | TT | Nội dung | ...". When the header is
    wider than the widest row width that recurs in the body, it is that many last cells."""
    header = table.rows[0]
    widths = [len(row) for row in table.rows[1:]]
    recurring = [w for w in set(widths) if widths.count(w) >= 2]
    if recurring and 3 <= max(recurring) < len(header):
        return header[-max(recurring):]
    return header


def _columns(header: list[Cell]) -> dict[str, int]:
    found = {}
    for i, text in enumerate(c.text for c in header):
        if "task" not in found and TASK_HEADER.search(text):
            found["task"] = i
        elif LEAD_HEADER.search(text):
            found["lead"] = i
        elif COORDINATE_HEADER.search(text):
            found["coordinate"] = i
        elif TIME_HEADER.search(text):
            found["time"] = i
    return found


def table_columns(table) -> dict[str, int]:
    """Which column of a task table holds the task, the lead, the partners and the time, by
    the table's first row."""
    return _columns(table.rows[0])


def table_rows(table):
    """Rows of a task table aligned to its first row (an empty cell ends a row in these pages,
    so rows shorter than the header are right-aligned: the time column is the last)."""
    width = len(table.rows[0])
    for row in table.rows[1:]:
        if len(row) == width:
            yield row
        elif len(row) == width - 1 and not _numbered(row[0].text):
            yield [None] + list(row)  # no STT cell


def task_columns(table) -> dict[str, int]:
    """`table_columns` by the table's header (`table_header`), text glued before it set aside."""
    return _columns(table_header(table))


def task_rows(table):
    """Rows aligned to the table's header (`table_header`). An empty cell ends a row in these
    pages, so a row one cell short lost either its number (no STT cell: right-aligned) or its
    empty last cell ("1 | Nhiệm vụ | Sở | ... | 2025 |" with no product: it opens with its
    number, left-aligned). The deadlines read tables so; the organisations still read
    `table_columns`/`table_rows` (a partner cell "Sở X và cơ quan, địa phương liên quan" is not
    split into bodies yet)."""
    width = len(table_header(table))
    for row in table.rows[1:]:
        if len(row) == width:
            yield row
        elif len(row) == width - 1 and not _numbered(row[0].text):
            yield [None] + list(row)  # no STT cell
        elif len(row) == width - 1 and ROW_NUMBER.fullmatch(row[0].text.strip()):
            yield list(row) + [None]  # its last cell was empty


def _numbered(text: str) -> bool:
    return text.strip().rstrip(".").isalnum()
