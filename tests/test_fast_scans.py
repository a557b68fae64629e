"""The scans written for speed (issue 11) find what their plain forms find, span for span:
a pattern opening with its letter instead of "\\b" or "(?i)", a search tried only where its
words stand, cues read only in the regions relations look at."""

from __future__ import annotations

import re
from datetime import timedelta

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ingest import patterns
from tests.test_hostile_text import HOSTILE_TEXT

SETTINGS = dict(max_examples=300, deadline=timedelta(seconds=10), database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

PIECES = ["Đề án", "đề án", "Luật", "LUẬT", "Bộ luật", "Pháp lệnh", "luật", "Chương trình", "Kế hoạch", "Chiến lược", "xĐề án", "_Kế hoạch", "“", "”", "\"",
          "Xây dựng xã hội", "hết hiệu lực", "Hết Hiệu Lực", "HẾT HIỆU LỰC", "xhết hiệu lực", "hết hiệu lựcx",
          "Nơi nhận", "Nơi nhận:", "- Nơi nhận :", "**Nơi nhận**:", "\n", "\n\n", " ", ".", ":", "x", "-", "_", "1"]
TEXT = st.one_of(HOSTILE_TEXT, st.lists(st.sampled_from(PIECES), max_size=60).map("".join))


def spans(pattern: re.Pattern, text: str) -> list:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@settings(**SETTINGS)
@given(TEXT)
def test_programmes_tried_where_their_opening_stands_match_as_finditer(text):
    from ingest.mentions import (LAW_TYPE_WORD, LAW_TYPE_WORDS, PROGRAMME_QUOTED_RE, PROGRAMME_RE,
                                 PROGRAMME_TYPES, QUOTES, matches_at, literal_starts)
    for regex, opening in ((PROGRAMME_RE, PROGRAMME_TYPES), (PROGRAMME_QUOTED_RE, QUOTES)):
        assert spans_of(matches_at(regex, text, literal_starts(text, opening))) == spans(regex, text)
    assert literal_starts(text, LAW_TYPE_WORDS) == [m.start() for m in LAW_TYPE_WORD.finditer(text)]


def spans_of(matches) -> list:
    return [(m.span(), m.groupdict()) for m in matches]


@settings(**SETTINGS)
@given(TEXT)
def test_expiry_words_open_with_their_letter_as_in_any_case(text):
    from ingest.relations import EXPIRY_AFTER
    plain = re.compile(r"(?i)(?<!\w)(?:" + "|".join(
        map(re.escape, patterns.relation_cues()["expiry_after"])) + r")(?!\w)")
    assert spans(EXPIRY_AFTER, text) == spans(plain, text)


@settings(**SETTINGS)
@given(TEXT)
def test_recipients_heading_tried_where_its_words_stand_as_search(text):
    from ingest.document_parts import RECIPIENTS_HEADING, _recipients_heading
    found, plain = _recipients_heading(text), RECIPIENTS_HEADING.search(text)
    assert (found and found.span()) == (plain and plain.span())


BOUNDARY_PIECES = [".", ". ", ".  ", ".\n", "\n", "\n\n", " ", "  ", "\t", ";", ":", "Đ", "A", "a", "x" * 40,
                   "Kế hoạch số 5/KH. ", "văn bản " * 10, ". Triển khai", ".   \n  B", "." + " " * 250 + "\n  B"]


@settings(**SETTINGS)
@given(st.lists(st.sampled_from(BOUNDARY_PIECES), max_size=300).map("".join), st.floats(0, 1))
def test_last_boundary_reads_near_first_as_the_whole_window(text, at):
    from ingest.relations import CLAUSE_END, SENTENCE_END, _last_boundary
    pos = int(at * len(text))
    for regex in (SENTENCE_END, CLAUSE_END):
        last, window_start = 0, max(0, pos - 1500)
        for match in regex.finditer(text, window_start, pos):
            last = match.end()
        assert _last_boundary(regex, text, pos) == (last if last else window_start)


HEADER_PIECES = ["Chủ tịch ", "Phòng", "Sở", "Ủy ban nhân dân", "UBND", "Ban Chỉ đạo", "Ban thường vụ", "Bộ", "Ban",
                 " tỉnh ", " xây dựng ", "ban hành ", "Kế hoạch", " số 5", " có ý kiến chỉ đạo như sau", "(khóa X)",
                 "Hà Nội", "TP. Hồ Chí Minh", "TP", ", ngày ", "12 tháng 3 năm 2024", "…", "/", " ", "\n", ".", ";",
                 "ạch", "ỦY BAN", "x"]


@settings(**SETTINGS)
@given(st.one_of(HOSTILE_TEXT, st.lists(st.sampled_from(HEADER_PIECES), max_size=60).map("".join)))
def test_header_patterns_match_as_their_plain_forms(text):
    from ingest.identity import DATELINE, ISSUES_OPENINGS, ISSUES_SENTENCE
    from ingest.mentions import literal_starts, matches_at
    found = next(matches_at(ISSUES_SENTENCE, text, literal_starts(text, ISSUES_OPENINGS)), None)
    plain = ISSUES_SENTENCE.search(text)
    assert (found and found.span()) == (plain and plain.span())
    assert spans(DATELINE, text) == spans(re.compile(DATELINE.pattern.replace("*+", "*")), text)


LINE_PIECES = ["|", " | ", "\t|", "||", "**", "*", "__", "_", "**Mục tiêu**", "*Mục tiêu*", "__x__", "\n", "\n\n",
               " ", "\t", "x", "I. MỤC TIÊU", "II- ", "C. ", "Chương II", "CHƯƠNG 3.", "Phần I", "PHẦN 2:",
               "PHỤ LỤC", "Phụ lục số 2", "Điều 5.", "1. Mục tiêu", "1.2. ", "12) ", "٣. ", "a) ", "đ) ", "L- ", "V/ "]
LINES = st.lists(st.sampled_from(LINE_PIECES), max_size=60).map("".join)


@settings(**SETTINGS)
@given(st.one_of(HOSTILE_TEXT, LINES))
def test_lines_found_after_their_break_match_as_finditer(text):
    from ingest.segment import EMPHASISED_AFTER_BREAK, EMPHASISED_LINE, line_matches
    from ingest.tables import PIPE_AFTER_BREAK, PIPE_LINE
    for line, after_break, group in ((EMPHASISED_LINE, EMPHASISED_AFTER_BREAK, "body"),
                                     (PIPE_LINE, PIPE_AFTER_BREAK, "pipe")):
        assert [(m.span(group), m.group(group)) for m in line_matches(line, after_break, text)] == \
            [(m.span(group), m.group(group)) for m in line.finditer(text)]


@settings(**SETTINGS)
@given(st.one_of(HOSTILE_TEXT, LINES))
def test_headings_tried_by_their_opening_are_found_as_by_every_style(text):
    from ingest.segment import HEADING_STYLES, MAX_HEADING, _heading, _roman_title

    def every_style(line):
        stripped = line.strip()
        if not stripped or len(stripped) > MAX_HEADING or stripped.startswith(("-", "+", "•", "*")):
            return None
        for style, pattern in HEADING_STYLES:
            match = pattern.match(stripped)
            if match:
                if style == "roman" and not _roman_title(match.group("t")):
                    continue
                return style, match.span(), match.groupdict()
        return None

    for line in text.split("\n"):
        found = _heading(line)
        assert (found and (found[0], found[1].span(), found[1].groupdict())) == every_style(line)


EXPIRY_PIECES = ["Nghị quyết số 01/2024/NQ-HĐND", "Quyết định số 5/QĐ-UBND", "Luật Đất đai", " ", "\n", ". ", ".",
                 "3. ", "hết hiệu lực", " kể từ ngày 1/1/2025", "Hết hiệu lực", "về việc ", "x" * 700, "; ",
                 "Kế hoạch này thay thế ", "Luật sửa đổi, bổ sung một số điều của Luật Đất đai"]


@settings(**SETTINGS)
@given(st.lists(st.sampled_from(EXPIRY_PIECES), max_size=40).map("".join))
def test_expiries_read_after_mentions_as_over_the_whole_text(text):
    import bisect

    from ingest.mentions import find_mentions
    from ingest.records import Identity, Relation
    from ingest.relations import EXPIRY_AFTER, SENTENCE_END, SENTENCE_OPENING, _expiries, _last_boundary

    mentions = find_mentions(text, Identity())
    starts = [m.start for m in mentions]
    plain = []
    for match in EXPIRY_AFTER.finditer(text):
        sentence_start = _last_boundary(SENTENCE_END, text, match.start())
        first = bisect.bisect_left(starts, sentence_start)
        last = bisect.bisect_left(starts, match.start()) - 1
        if first != last or first >= len(mentions) or mentions[first].end > match.start():
            continue
        mention = mentions[first]
        if SENTENCE_OPENING.fullmatch(text, sentence_start, mention.start):
            plain.append(Relation("self", "repeals", mention.ref, (mention.start, match.end()), match.group(0),
                                  rule="relation:expiry"))
    assert _expiries(text, mentions) == plain


@settings(**SETTINGS)
@given(st.one_of(HOSTILE_TEXT, LINES), st.lists(st.floats(0, 1), max_size=20))
def test_path_at_from_cached_chains_as_walked_each_time(text, fractions):
    from ingest.segment import segment
    outline = segment(text)
    for at in sorted(int(f * len(text)) for f in fractions) * 2:  # twice: from the cache
        starts, parents = outline._headings_by_start()
        i, chain = __import__("bisect").bisect_right(starts, at) - 1, []
        while i >= 0:
            chain.append(outline.headings[i])
            i = parents[i]
        assert outline.path_at(at) == [h for h in reversed(chain) if h.start <= at < h.section_end]


@settings(**SETTINGS)
@given(st.one_of(HOSTILE_TEXT, LINES, st.sampled_from(["Kết quả cần đạt", "KẾT QUẢ THỰC HIỆN", "Nhiệm vụ", "Kinh phí"])))
def test_section_words_found_as_by_any_word_in(title):
    from ingest.document_parts import section_roles, states_no_targets
    sections = patterns.load("sections")
    lowered = title.lower()
    assert section_roles(title) == {role for role, words in sections["roles"].items() if any(w in lowered for w in words)}
    rule = sections["no_targets"]
    assert states_no_targets(title) == (any(w in lowered for w in rule["words"])
                                        and not any(w in lowered for w in rule["exceptions"]))


@settings(**SETTINGS)
@given(st.lists(st.sampled_from(BOUNDARY_PIECES), max_size=300).map("".join), st.floats(0, 1))
def test_last_clause_end_as_the_last_match_of_the_window(text, at):
    from ingest.relations import CLAUSE_END, _last_boundary, _last_clause_end
    pos = int(at * len(text))
    assert _last_clause_end(text, pos) == _last_boundary(CLAUSE_END, text, pos)


GAP_PIECES = ["1057", "5", "٣", "/", "-", "- ", "-\n", "  ", " ", "\t", "\n", "KH", "UBND", "SGDĐT", "TT", "BGDĐT",
              "/2014", "/1999", "NQ", "TW", "99- TB/TW", "223/KH- UBND", "44/2014/TT- BGDĐT", "x", "Đ", "đ", "a"]


@settings(**SETTINGS)
@given(st.one_of(HOSTILE_TEXT, st.lists(st.sampled_from(GAP_PIECES), max_size=80).map("".join)))
def test_number_gaps_looked_for_from_the_first_hint_as_over_the_whole_text(text):
    from ingest.read import NUMBER_GAP, _close_number_gaps
    closed, _ = _close_number_gaps(text)
    plain, last = [], 0
    for match in NUMBER_GAP.finditer(text):
        gap = 1 if match.group(1) is not None else 2
        plain.append(text[last:match.start(gap)])
        last = match.end(gap)
    assert closed == "".join(plain) + text[last:]


@settings(**SETTINGS)
@given(st.text(alphabet=st.characters(max_codepoint=0x2000), max_size=200))
def test_control_characters_counted_in_bytes_as_in_the_text(text):
    from ingest.read import CONTROL_CHARACTER, _control_characters
    assert _control_characters(text, text.encode("utf-8"), "utf-8") == len(CONTROL_CHARACTER.findall(text))


CHROME_PIECES = ["Văn bản liên quan", "VĂN BẢN LIÊN QUAN", "văn bản liên quan ", "Văn bản này chưa cập nhật nội dung Tiếng Anh",
                 "Cảm ơn đã dùng ThuVienPhapLuat", "Lược đồ", "LƯỢC ĐỒ", "#", "## ", "\n", "\n\n", " ", "\t", "x", "Văn bản"]


@settings(**SETTINGS)
@given(st.one_of(HOSTILE_TEXT, st.lists(st.sampled_from(CHROME_PIECES), max_size=40).map("".join)))
def test_web_chrome_found_after_line_breaks_as_by_one_search(text):
    from ingest.read import WEB_CHROME_AFTER_BREAK, WEB_CHROME_END, _web_chrome_end
    assert WEB_CHROME_AFTER_BREAK is not None  # the bundled markers all open a line
    plain = WEB_CHROME_END.search(text)
    assert _web_chrome_end(text) == (plain.start() if plain else len(text))


@settings(**SETTINGS)
@given(st.one_of(HOSTILE_TEXT, st.lists(st.sampled_from(HEADER_PIECES), max_size=60).map("".join)))
def test_no_dateline_where_its_hint_is_missing(text):
    from ingest.identity import DATELINE, DATELINE_HINT
    assert DATELINE_HINT.search(text) or not DATELINE.search(text)


@settings(**SETTINGS)
@given(st.text(alphabet="aAđĐÁáǅⓐⒶ中 1.,-\tXYZxyzỦủ", max_size=30))
def test_a_heading_read_to_its_first_small_letter_as_over_all_its_letters(line):
    from ingest.read import _is_heading
    letters = [c for c in line if c.isalpha()]
    assert _is_heading(line) == (bool(letters) and all(c.isupper() for c in letters))


BOLD_PIECES = ["**", "*", "***", "\n", "\n\n", " ", "  \n", "\t", "III. NỘI", "DUNG**", "x*", "**Nơi nhận:**", "|"]


def _bold_runs_joined_by_lines(text: str) -> str:
    """The plain form: split into lines, count each line's "**", join a run of up to four
    lines opened and closed by an odd count with no blank line inside."""
    if "**" not in text:
        return text
    lines = text.split("\n")
    joined, last, done = [], 0, -1
    for i in [k for k, line in enumerate(lines) if line.count("**") % 2]:
        if i <= done:
            continue
        for j in range(i + 1, min(i + 4, len(lines))):
            if not lines[j].strip():
                break
            if lines[j].count("**") % 2:
                joined += lines[last:i] + [" ".join(lines[i:j + 1])]
                last, done = j + 1, j
                break
    return "\n".join(joined + lines[last:]) if joined else text


@settings(**SETTINGS)
@given(st.one_of(HOSTILE_TEXT, st.lists(st.sampled_from(BOLD_PIECES), max_size=60).map("".join)))
@example("a\n**III. NỘI\nDUNG\nHOẠT\nĐỘNG** x\n**1.\nb\nc\nd\ne**\n**2.\n\nf**\n***g\nh**")
def test_bold_runs_found_from_their_marks_as_line_by_line(text):
    from ingest.read import _join_bold_runs
    joined = _join_bold_runs(text)
    assert joined == _bold_runs_joined_by_lines(text)
    assert len(joined) == len(text)
