"""Normalised text -> outline: the numbered headings of a document with their levels and
spans, and the lines (list items, paragraphs) under them.

Vietnamese administrative documents number their parts "I." / "II." (or "I-"), "1." / "2.",
"1.1." / "2.1.", "a)" / "b)", with "Chương I", "Điều 1." and "Phần I" in normative texts
and "PHỤ LỤC" for appendices. A heading is such a numbered line that is short or ends
without a full stop; bullets ("- ", "+ ") are items, never headings.

>>> outline = segment("II. MỤC TIÊU\\n1. Mục tiêu cụ thể đến năm 2025\\n- Duy trì 99,5%.\\nIII. NHIỆM VỤ")
>>> [(h.number, h.level, h.title) for h in outline.headings]
[('II', 2, 'MỤC TIÊU'), ('1', 3, 'Mục tiêu cụ thể đến năm 2025'), ('III', 2, 'NHIỆM VỤ')]
>>> [h.title for h in outline.path_at(outline.text.index("Duy trì"))]
['MỤC TIÊU', 'Mục tiêu cụ thể đến năm 2025']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# one commented pattern per numbering style, most significant first
HEADING_STYLES = [
    ("part", re.compile(r"^(?:PHẦN|Phần)\s+(?P<n>[IVXLC]+|\d+)[.:\-]?\s*(?P<t>.*)$")),
    ("chapter", re.compile(r"^(?:CHƯƠNG|Chương)\s+(?P<n>[IVXLC]+|\d+)[.:\-]?\s*(?P<t>.*)$")),
    ("appendix", re.compile(r"^(?P<n>PHỤ LỤC|Phụ lục)(?:\s+(?:số\s+)?[IVXLC\d]+)?[.:\-]?\s*(?P<t>.*)$")),
    ("roman", re.compile(r"^(?P<n>[IVXLC]{1,6})\s*[.\-–/)]\s*(?P<t>\S.*)$")),           # II. MỤC TIÊU
    ("article", re.compile(r"^(?:Điều)\s+(?P<n>\d+)[.:]\s*(?P<t>.*)$")),                   # Điều 1. Phạm vi
    ("arabic2", re.compile(r"^(?P<n>\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\.?\s+(?P<t>\S.*)$")),  # 2.1. Mục tiêu
    ("arabic", re.compile(r"^(?P<n>\d{1,2})\s*[.)]\s*(?P<t>\S.*)$")),                     # 1. Công tác
    ("letter", re.compile(r"^(?P<n>[a-zđ])\s*\)\s*(?P<t>\S.*)$")),                        # a) Xóa mù chữ
]
LEVELS = {"part": 1, "chapter": 1, "appendix": 1, "roman": 2, "article": 3, "arabic": 3, "arabic2": 4,
          "letter": 5}
MAX_HEADING = 600  # a numbered paragraph is a heading of what follows it too


@dataclass
class Heading:
    number: str
    title: str
    style: str
    level: int          # 1 part/chapter/appendix, 2 roman, 3 arabic/article, 4 "1.1.", 5 "a)"
    start: int          # span of the heading line
    end: int
    section_end: int = 0  # where the section it opens ends (the next heading at its level or above)

    @property
    def text(self) -> str:
        return f"{self.number}. {self.title}" if self.style not in ("letter",) else f"{self.number}) {self.title}"


@dataclass
class Line:
    text: str
    start: int
    end: int
    bullet: bool


@dataclass
class Outline:
    text: str
    headings: list[Heading] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)

    def path_at(self, offset: int) -> list[Heading]:
        """The headings whose sections contain `offset`, outermost first."""
        return [h for h in self.headings if h.start <= offset < h.section_end]


def _heading(line: str) -> tuple[str, re.Match] | None:
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_HEADING or stripped.startswith(("-", "+", "•", "*")):
        return None
    for style, pattern in HEADING_STYLES:
        match = pattern.match(stripped)
        if match:
            if style == "roman" and not _roman_title(match.group("t")):
                continue
            return style, match
    return None


def _roman_title(title: str) -> bool:
    """ "I. MỤC ĐÍCH" yes; "V. Hạ tầng" yes; "I. là" (a word starting with I) no."""
    return bool(title) and (title[0].isupper() or title[0].isdigit())


def segment(text: str) -> Outline:
    outline = Outline(text)
    pos = 0
    for raw in text.split("\n"):
        start = pos
        pos += len(raw) + 1
        stripped = raw.strip()
        if not stripped:
            continue
        lead = start + (len(raw) - len(raw.lstrip()))
        end = lead + len(stripped)
        found = _heading(stripped)
        if found:
            style, match = found
            number = match.group("n")
            outline.headings.append(Heading(number, match.group("t").strip(), style, LEVELS[style], lead, end))
        outline.lines.append(Line(stripped, lead, end, stripped.startswith(("-", "+", "•", "*"))))
    _title_untitled(outline)
    _close_sections(outline)
    return outline


def _title_untitled(outline: Outline) -> None:
    """ "PHỤ LỤC" on a line of its own takes the next line as its title ("PHÂN CÔNG THỰC HIỆN
    CÁC CHỈ TIÊU ..."); the heading's span grows to cover it."""
    for heading in outline.headings:
        if heading.title:
            continue
        following = [line for line in outline.lines if line.start > heading.end]
        if following and not _heading(following[0].text):
            heading.title = following[0].text
            heading.end = following[0].end


def _close_sections(outline: Outline) -> None:
    headings = outline.headings
    for i, heading in enumerate(headings):
        heading.section_end = len(outline.text)
        for later in headings[i + 1:]:
            if later.level <= heading.level:
                heading.section_end = later.start
                break
