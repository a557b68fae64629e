"""The regexes written to open with a letter match what their plain forms match, span for span."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.openings import LINE_OPENINGS, opening, opening_at, words

PIECES = ["Tháng", "tháng", "THÁNG", "Đến", "đến", "ĐẾN", "Cuối", "cuối", "Trung tuần", "trung TUẦN",
          "Ngày", "ngày", "hằng năm", "Hằng Năm", "hàng năm", "định kỳ", "Định kỳ", "xđịnh kỳ", "5",
          "12", "/", "2025", "\n", "- ", "a) ", "1. ", " ", ".", ",", ":", "x", "đ", "báo cáo", "Báo Cáo",
          "các ", "CÁC ", "theo "]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def spans(pattern: re.Pattern, text: str) -> list:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


WORDS = ["định kỳ hằng năm", "hằng năm", "hàng năm", "định kỳ", "tháng"]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_words_match_as_the_case_free_alternation(text):
    plain = re.compile(r"(?<!\w)(?P<w>" + "|".join(map(re.escape, WORDS)) + r")(?!\w)", re.IGNORECASE)
    fast = re.compile(r"(?P<w>" + words([re.escape(w) for w in WORDS]) + r")(?!\w)")
    assert spans(fast, text) == spans(plain, text)
    plain_part = re.compile("(?:" + "|".join(map(re.escape, WORDS)) + ")", re.IGNORECASE)
    fast_part = re.compile(words([re.escape(w) for w in WORDS], whole=False))
    assert spans(fast_part, text) == spans(plain_part, text)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_words_not_after_match_as_negative_lookbehinds(text):
    plain = re.compile(r"(?i)(?<!\w)(?<!các )(?<!theo )(?:báo cáo|định kỳ)")
    fast = re.compile(words(["báo cáo", "định kỳ"], not_after=("các", "theo")))
    assert spans(fast, text) == spans(plain, text)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_opening_matches_as_the_lookbehinds_before_the_letter(text):
    before = "(?:" + "|".join(f"(?<={b})" for b in LINE_OPENINGS + (r"\. ",)) + ")"
    plain = re.compile(before + r"(?P<at>Đến\s+năm)")
    fast = re.compile(r"(?P<at>" + opening("Đ", LINE_OPENINGS + (r"\. ",)) + r"ến\s+năm)")
    assert spans(fast, text) == spans(plain, text)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_opening_at_matches_as_the_ordered_alternatives_at_a_line_start(text):
    before = "(?:" + "|".join(f"(?<={b})" for b in LINE_OPENINGS) + ")"
    plain = re.compile(before + r"(?P<at>(?:Ngày\s+(?P<day>\d{1,2})/|(?:(?i:cuối|trung tuần)\s+)?[Tt]háng\s+)\d{1,2})")
    fast = re.compile(r"(?P<at>" + opening_at([("N", r"gày\s+(?P<day>\d{1,2})/"),
                                                ("Cc", r"(?i:uối)\s+[Tt]háng\s+"),
                                                ("Tt", r"(?i:rung\ tuần)\s+[Tt]háng\s+"),
                                                ("Tt", r"háng\s+")], LINE_OPENINGS) + r"\d{1,2})")
    assert spans(fast, text) == spans(plain, text)


def test_a_pattern_made_to_open_with_a_letter_is_one_the_engine_skips_ahead_with():
    from re import _compiler, _parser  # the engine's own reading of a pattern's first letters
    pattern = r"(?P<w>" + words([re.escape(w) for w in WORDS]) + r")(?!\w)"
    first = _compiler._get_charset_prefix(_parser.parse(pattern, 0), 0)
    assert first and {chr(code) for _, code in first} == {"đ", "Đ", "h", "H", "t", "T"}


def test_no_words_is_an_error_not_a_pattern_that_matches_everywhere():
    import pytest
    with pytest.raises(ValueError):
        words([])
    with pytest.raises(ValueError):
        words(["-x"])  # an alternative must open with a letter or digit
