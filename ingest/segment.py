"""Normalised text -> outline: the numbered headings of a document with their levels and
spans, and the lines (list items, paragraphs) under them.

Vietnamese administrative documents number their parts "I." / "II." (or "I-"), "1." / "2.",
"1.1." / "2.1.", "a)" / "b)" (or "a."), with "Chương I", "Điều 1." and "Phần I" in normative texts
and "PHỤ LỤC" for appendices. A heading is such a numbered line that is short or ends
without a full stop; bullets ("- ", "+ ") are items, never headings.

>>> outline = segment("II. MỤC TIÊU\\n1. Mục tiêu cụ thể đến năm 2025\\n- Duy trì 99,5%.\\nIII. NHIỆM VỤ")
>>> [(h.number, h.level, h.title) for h in outline.headings]
[('II', 2, 'MỤC TIÊU'), ('1', 3, 'Mục tiêu cụ thể đến năm 2025'), ('III', 2, 'NHIỆM VỤ')]
>>> [h.title for h in outline.path_at(outline.text.index("Duy trì"))]
['MỤC TIÊU', 'Mục tiêu cụ thể đến năm 2025']
"""

from __future__ import annotations

import bisect
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
    ("letter", re.compile(r"^(?P<n>[a-zđ])(?:\s*\)\s*|\.[ \t]+(?=[^\W\d_]))(?P<t>\S.*)$")),  # a) Xóa mù chữ, a. Thời gian
]
# the characters each style's pattern opens with (a line opening with another is no heading of
# it): only those patterns are tried, in the order above; \d is any decimal digit
OPENINGS = {"part": "P", "chapter": "C", "appendix": "P", "roman": "IVXLC", "article": "Đ",
            "letter": "abcdefghijklmnopqrstuvwxyzđ"}
DIGIT_STYLES = [(style, pattern) for style, pattern in HEADING_STYLES if style in ("arabic2", "arabic")]
STYLES_BY_OPENING = {char: [(style, pattern) for style, pattern in HEADING_STYLES if char in OPENINGS.get(style, "")]
                     for char in "".join(OPENINGS.values())}
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
    """Headings and lines in the order of the text (their starts grow). The lookups below
    use bisection over those starts, so that a text of many thousand headings is not read
    once per heading."""
    text: str
    headings: list[Heading] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    # headings without a number of the usual styles, kept apart so that the sections of the
    # numbered outline do not move: "(1) Mục tiêu chung", a line of capitals, a line that was
    # wholly bold or italic in the original ("**Mục tiêu đến năm 2025**")
    side_headings: list[Heading] = field(default_factory=list)
    _heading_index: tuple | None = field(default=None, repr=False, compare=False)
    _line_starts: list[int] | None = field(default=None, repr=False, compare=False)
    _side_starts: list[int] | None = field(default=None, repr=False, compare=False)
    # what a rule reads once per outline and another rule reads again, by the rule's name
    # (targets' objective sections and announced lists, read by the deadlines too)
    kept: dict[str, object] = field(default_factory=dict, repr=False, compare=False)
    _chains: dict[int, list[Heading]] = field(default_factory=dict, repr=False, compare=False)  # by heading index

    def path_at(self, offset: int) -> list[Heading]:
        """The headings whose sections contain `offset`, outermost first.

        They are the last heading starting at or before `offset` and the headings above it
        (each the nearest before it of a lower level): a heading off that chain has a
        heading of its level or above after it and before `offset`, which ends its section."""
        starts, parents = self._headings_by_start()
        i = bisect.bisect_right(starts, offset) - 1
        chain = self._chains.get(i)
        if chain is None:
            chain, k = [], i
            while k >= 0:  # parents[k] < k: the chain runs back to the top
                chain.append(self.headings[k])
                k = parents[k]
            chain = self._chains[i] = chain[::-1]
        return [h for h in chain if h.start <= offset < h.section_end]

    def headings_within(self, start: int, end: int) -> list[Heading]:
        """The headings starting in [start, end), in order."""
        starts, _ = self._headings_by_start()
        return self.headings[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]

    def heading_after(self, offset: int) -> Heading | None:
        """The first heading starting after `offset`."""
        starts, _ = self._headings_by_start()
        i = bisect.bisect_right(starts, offset)
        return self.headings[i] if i < len(self.headings) else None

    def lines_within(self, start: int, end: int) -> list[Line]:
        """The lines starting in [start, end), in order."""
        starts = self.line_starts()
        return self.lines[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]

    def line_starts(self) -> list[int]:
        """The lines' starts, in order (read only; made again when lines are added)."""
        if self._line_starts is None or len(self._line_starts) != len(self.lines):
            self._line_starts = [line.start for line in self.lines]
        return self._line_starts

    def side_starts(self) -> list[int]:
        """The side headings' starts, in order (read only; made again when some are added)."""
        if self._side_starts is None or len(self._side_starts) != len(self.side_headings):
            self._side_starts = [heading.start for heading in self.side_headings]
        return self._side_starts

    def _headings_by_start(self) -> tuple[list[int], list[int]]:
        """The headings' starts, and for each the index of the nearest heading before it of a
        lower level (-1: none)."""
        if self._heading_index is None or len(self._heading_index[0]) != len(self.headings):
            parents: list[int] = []
            open_headings: list[int] = []  # indices of strictly rising levels
            for i, heading in enumerate(self.headings):
                while open_headings and self.headings[open_headings[-1]].level >= heading.level:
                    open_headings.pop()  # the stack shrinks, or the loop ends
                parents.append(open_headings[-1] if open_headings else -1)
                open_headings.append(i)
            self._heading_index = ([h.start for h in self.headings], parents)
            self._chains = {}
        return self._heading_index


def _heading(line: str) -> tuple[str, re.Match] | None:
    return _stripped_heading(line.strip())


def _stripped_heading(stripped: str) -> tuple[str, re.Match] | None:
    if not stripped or len(stripped) > MAX_HEADING or stripped.startswith(("-", "+", "•", "*")):
        return None
    opening = stripped[0]
    for style, pattern in DIGIT_STYLES if opening.isdecimal() else STYLES_BY_OPENING.get(opening, ()):
        match = pattern.match(stripped)
        if match:
            if style == "roman" and not _roman_title(match.group("t")):
                continue
            return style, match
    return None


def _roman_title(title: str) -> bool:
    """ "I. MỤC ĐÍCH" yes; "V. Hạ tầng" yes; "I. là" (a word starting with I) no."""
    return bool(title) and (title[0].isupper() or title[0].isdigit())


SIDE_HEADING_MAX = 160  # characters: a longer line is a paragraph, not a heading
PARENTHESISED = re.compile(r"^\((?P<n>\d{1,2})\)\s*(?P<t>[^\W\d]\S*(?:\s+\S+){0,20})$")  # (1) Mục tiêu chung
SIDE_LEVEL = 4  # below "1." and "1.1." of the numbered outline, above "a)"


def segment(text: str, emphasised: set[int] | None = None) -> Outline:
    """`emphasised`: the starts (in `text`) of lines that were wholly bold or italic in the
    original (``emphasised_lines``); such a short line is a side heading."""
    outline = Outline(text)
    emphasised = emphasised or set()
    headings, side_headings, lines = outline.headings, outline.side_headings, outline.lines
    pos = 0
    for raw in text.split("\n"):
        start = pos
        pos += len(raw) + 1
        stripped = raw.strip()
        if not stripped:
            continue
        lead = start + (len(raw) - len(raw.lstrip())) if raw[0].isspace() else start
        end = lead + len(stripped)
        found = _stripped_heading(stripped)
        if found:
            style, match = found
            number = match.group("n")
            headings.append(Heading(number, match.group("t").strip(), style, LEVELS[style], lead, end))
        else:
            side = _side_heading(stripped, lead in emphasised)
            if side:
                side_headings.append(Heading(side[0], side[1], side[2], SIDE_LEVEL, lead, end))
        lines.append(Line(stripped, lead, end, stripped.startswith(("-", "+", "•", "*"))))
    _title_untitled(outline)
    _close_sections(outline)
    _close_side_sections(outline)
    return outline


def _side_heading(line: str, emphasised: bool) -> tuple[str, str, str] | None:
    """(number, title, style) of a heading line without a usual number: "(1) Mục tiêu chung"
    (parenthesised), a short line of capitals (capitals), a short line wholly bold or italic
    in the original (emphasis); a line ending in a full stop, a semicolon or a comma is text."""
    if len(line) > SIDE_HEADING_MAX or line.endswith((".", ";", ",")) or line.startswith(("-", "+", "•", "*")):
        return None
    match = PARENTHESISED.match(line)
    if match:
        return f"({match.group('n')})", match.group("t"), "parenthesised"
    if not line[0].isalpha():
        return None
    if _capitals(line) and len(line.split()) >= 2:
        return "", line, "capitals"
    if emphasised:
        return "", line, "emphasis"
    return None


def _close_side_sections(outline: Outline) -> None:
    """A side heading's section ends at the next heading, numbered or not, of its level or
    above, and never outside the numbered section it stands in."""
    starts = [h.start for h in outline.headings]
    for k, side in enumerate(outline.side_headings):
        end = outline.side_headings[k + 1].start if k + 1 < len(outline.side_headings) else len(outline.text)
        i = bisect.bisect_right(starts, side.start)
        while i < len(starts) and starts[i] < end:  # i rises to the first numbered heading that ends it
            if outline.headings[i].level <= side.level:
                end = starts[i]
                break
            i += 1
        enclosing = [h for h in outline.path_at(side.start)]
        if enclosing:
            end = min(end, enclosing[-1].section_end)
        side.section_end = end


def emphasised_lines(source) -> set[int]:
    """The starts, in ``source.text``, of lines that were wholly emphasised in the original
    markdown ("**Mục tiêu đến năm 2025**", "*Mục tiêu cụ thể*"): found through
    ``source.original`` and its offset map."""
    if not source.path.lower().endswith(".md"):
        return set()
    found = set()
    bodies = [match.start("body") for match in line_matches(EMPHASISED_LINE, EMPHASISED_AFTER_BREAK, source.original)]
    for start in source.offsets.first_at_or_after_many(bodies):  # mapped at once
        while start < len(source.text) and source.text[start] in "\n ":  # a break put before the line
            start += 1
        if start < len(source.text) and (start == 0 or source.text[start - 1] == "\n"):
            found.add(start)
    return found


# a markdown line wholly within one pair of emphasis marks: "**...**", "*...*", "__...__"
EMPHASISED = r"[ \t]*(?P<mark>\*\*|\*|__)(?P<body>[^*\n_][^*\n]{0,158}?)(?P=mark)[ \t]*"
EMPHASISED_LINE = re.compile("^" + EMPHASISED + "$", re.M)
EMPHASISED_AFTER_BREAK = re.compile(r"\n" + EMPHASISED + r"(?=\n|\Z)")


def line_matches(line: re.Pattern, after_break: re.Pattern, text: str):
    """line.finditer(text) for a pattern of one whole line ("^...$", re.M): the first line by
    `line`, the others by `after_break`, the same pattern after a line break (a literal break,
    the line, then a break or the end: its match starts at the break). A pattern opening with a
    literal is looked for fast, one opening with "^" is tried at every character."""
    first = line.match(text)
    if first:
        yield first
    yield from after_break.finditer(text)


def _title_untitled(outline: Outline) -> None:
    """ "PHỤ LỤC" on a line of its own takes the next line as its title ("PHÂN CÔNG THỰC HIỆN
    CÁC CHỈ TIÊU ..."); the heading's span grows to cover it."""
    for heading in outline.headings:
        if heading.title:
            continue
        following = outline.lines_within(heading.end + 1, len(outline.text) + 1)[:WRAPPED_TITLE_LINES]
        if following and not _heading(following[0].text):
            title = [following[0]]
            # a capitals title wrapped over lines ("THANG" / "ĐIỂM THI ĐUA ...") is one title
            while len(title) < len(following) and _capitals(title[-1].text) and _capitals(following[len(title)].text) \
                    and not _heading(following[len(title)].text):
                title.append(following[len(title)])
            heading.title = " ".join(line.text for line in title)
            heading.end = title[-1].end


WRAPPED_TITLE_LINES = 4  # lines a capitals title may be wrapped over


def _capitals(line: str) -> bool:
    """A line of capitals (a title or heading line): letters, all upper case."""
    return all(map(str.isupper, filter(str.isalpha, line))) and sum(map(str.isalpha, line)) >= 2


def _close_sections(outline: Outline) -> None:
    """A section ends where the next heading of its level or above starts."""
    open_sections: list[Heading] = []
    for heading in outline.headings:
        while open_sections and open_sections[-1].level >= heading.level:
            open_sections.pop().section_end = heading.start  # the stack shrinks, or the loop ends
        open_sections.append(heading)
    for heading in open_sections:
        heading.section_end = len(outline.text)
