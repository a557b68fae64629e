"""Where a document states what: its parts as the rules on administrative documents lay them
out (Nghị định 30/2020/NĐ-CP): the header block and title, the preamble ("Căn cứ ...",
"Thực hiện ...", "Triển khai ..." clauses before the body), the body (its articles in a
decision, resolution or decree) and the closing "Nơi nhận" list.

The relations a document states of itself come from the title and preamble, and from the
articles that act on other documents; a verb in the body (a purpose clause, a task) names a
document the body works with, not the document's parent.

>>> text = "KẾ HOẠCH\\nTriển khai Nghị quyết 57\\nCăn cứ Luật A;\\nI. MỤC ĐÍCH\\nThực hiện B.\\nĐiều 1. Thay thế C."
>>> from ingest.segment import segment
>>> parts = document_parts(text, {"type": (0, 8), "title": (9, 33)}, segment(text))
>>> text[slice(*parts.preamble)]
'KẾ HOẠCH\\nTriển khai Nghị quyết 57\\nCăn cứ Luật A;\\n'
>>> [text[a:b] for a, b in parts.articles]
['Điều 1. Thay thế C.']
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

from ingest import patterns
from ingest.segment import Outline

Span = tuple[int, int]

# the heading styles that open a document's body (a letter item "a)" does not)
BODY_STYLES = ("part", "chapter", "roman", "arabic", "arabic2", "article", "appendix")


@cache
def _preamble_start() -> re.Pattern:
    words = patterns.load("document_parts")["preamble_words"]
    return re.compile(r"(?i)^\W{0,3}(?:" + "|".join(map(re.escape, words)) + r")\b")


@dataclass
class DocumentParts:
    preamble: Span                      # the title and the preamble (from the header on)
    articles: list[Span] = field(default_factory=list)   # each "Điều N." with its text
    recipients: Span | None = None      # the "Nơi nhận" list
    title: Span | None = None           # the title under the type heading

    def in_title(self, offset: int) -> bool:
        return self.title is not None and self.title[0] <= offset < self.title[1]

    def in_preamble(self, offset: int) -> bool:
        return self.preamble[0] <= offset < self.preamble[1]

    def in_article(self, offset: int) -> bool:
        starts = [a for a, _ in self.articles]
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and offset < self.articles[i][1]


def document_parts(text: str, spans: dict[str, Span], outline: Outline) -> DocumentParts:
    """`spans`: the identity's spans (type heading, number, title ...)."""
    header = [spans[k] for k in ("type", "title", "number") if k in spans]
    start = min((a for a, _ in header), default=0)
    after_title = max((b for _, b in header), default=0)
    body = next((h for h in outline.headings if h.start >= after_title and h.style in BODY_STYLES), None)
    if body is not None:
        end = body.start
    else:  # no outline: the run of lines opening with a preamble word after the title
        cue = _preamble_start()
        end = after_title
        for line in outline.lines_within(after_title, len(text) + 1):
            if not cue.match(line.text):
                break
            end = line.end + 1
    # an article runs to the next article, chapter, part or appendix (its clauses "1.", "a)"
    # are headings of their own in the outline)
    breaks = [h for h in outline.headings if h.style in ("article", "chapter", "part", "appendix")]
    articles = [(h.start, breaks[i + 1].start if i + 1 < len(breaks) else len(text))
                for i, h in enumerate(breaks) if h.style == "article"]
    recipients = None
    match = _recipients_heading(text)
    if match:
        recipients = (match.start(), len(text))
    return DocumentParts((start, min(end, len(text))), articles, recipients, spans.get("title"))


# "Nơi nhận:" opening a line, after up to three marks; found where the words stand (a literal
# is found fast, a line start is tried at every character)
RECIPIENTS_HEADING = re.compile(r"(?m)^\W{0,3}Nơi nhận\s*:")
RECIPIENTS_WORDS = re.compile(r"Nơi nhận")


def _recipients_heading(text: str) -> re.Match | None:
    """RECIPIENTS_HEADING.search(text): a match starts at most three characters before its
    words, so it is tried only there (the first words with a match hold the first match)."""
    for words in RECIPIENTS_WORDS.finditer(text):
        for start in range(max(0, words.start() - 3), words.start() + 1):
            match = RECIPIENTS_HEADING.match(text, start)
            if match:
                return match
    return None


def opens_its_clause(text: str, offset: int) -> bool:
    """A preamble verb states a parent when it opens its clause: "Căn cứ ...", "Thực hiện
    ...", "; Kế hoạch số ...", "Để bảo đảm thực hiện ...", not in the middle of a sentence
    that tells a story ("Tuy nhiên, qua quá trình triển khai thực hiện ... theo Quyết định")."""
    start = max(text.rfind(c, 0, offset) for c in ".;:\n") + 1
    words = text[start:offset].strip(" *_\t-–•+()0123456789").lower()
    return not words or words in patterns.load("document_parts")["clause_openers"]


def section_roles(title: str) -> set[str]:
    """The roles a heading gives its section (``ingest/patterns/sections.json``): purpose,
    objectives, tasks, responsibility, funding, reporting, results, appendix.

    >>> sorted(section_roles("III. NHIỆM VỤ VÀ TỔ CHỨC THỰC HIỆN"))
    ['responsibility', 'tasks']
    """
    lowered = title.lower()
    return {role for role, words in _section_words()[0].items() if words.search(lowered)}


def states_no_targets(title: str) -> bool:
    """A section of results, situation, funding, grounds or scoring: no target is read there,
    unless its heading speaks of what is to be reached ("Kết quả cần đạt")."""
    lowered = title.lower()
    _, words, exceptions = _section_words()
    return bool(words.search(lowered)) and not exceptions.search(lowered)


@cache
def _section_words() -> tuple[dict[str, re.Pattern], re.Pattern, re.Pattern]:
    """The words of sections.json, each list as one pattern that finds any of them in a
    heading (as `any(word in heading ...)`, in one pass)."""
    sections = patterns.load("sections")

    def any_of(words: list[str]) -> re.Pattern:
        return re.compile("|".join(map(re.escape, words))) if words else re.compile(r"(?!)")

    return ({role: any_of(words) for role, words in sections["roles"].items()},
            any_of(sections["no_targets"]["words"]), any_of(sections["no_targets"]["exceptions"]))
