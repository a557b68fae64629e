"""ingest/prefix_scan.py finds what ``pattern.finditer`` finds, and the faster forms of patterns
in the targets' and deadlines' rules match what the patterns they stand for match: on random
text made of the words the rules look for, letters that lower-case to more than one character
("İ") or fold in more than one way ("ı", "ſ", "K"), and capitals."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import deadlines, prefix_scan, results, targets

PIECES = ["từ", "Từ", "TỪ", "ngày", "Ngày", "NGÀY", "tháng", "Tháng", "năm", "quý", "Quý", "trong", "Trong",
          "trước", "vào", "đến", "Đến", "hết", "nay", "kể", "Kể", "hằng năm", "định kỳ", "hàng tháng",
          "báo cáo", "Báo cáo", "BÁO CÁO", "gửi", "về", "UBND tỉnh", "Sở Y tế", "chậm nhất", "không quá",
          "thời gian", "Thời gian thực hiện", "Thời gıan", "giữa", "gıữa", "cuối", "CUỐI", "mục tiêu", "Mục tıêu",
          "chỉ tiêu", "phấn đấu", "đạt", "giai đoạn", "hưởng ứng", "Ngày Quốc tế", "(", ")", "“", "”",
          "15", "1", "12", "2025", "2030", "I", "IV", "/", "-", "–", ":", ",", ";", ".", "%", "1.000", "99,5",
          "1/3", "ha", "người", "lần", "6 tháng", "06", "\n", "\n- ", "\na) ", " ", "  ", "\t",
          "ı", "İ", "ſ", "\u212a", "Σ", "ς", "ẞ", "a\u0301"]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=80).map(" ".join) | \
    st.lists(st.sampled_from(PIECES), max_size=120).map("".join)
RANDOM = settings(max_examples=300, deadline=timedelta(seconds=10), database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def scanned() -> list[re.Pattern]:
    return list(deadlines._scanned()) + [targets.ANNOUNCE, targets.STATED_GOAL]


def test_openings_are_read_from_the_patterns():
    assert prefix_scan.openings(re.compile(r"[Tt]ừ\s+ngày")) == ("từ",)
    assert prefix_scan.openings(re.compile(r"\d+")) is None
    # a letter another one folds to in any case is looked for in both forms
    assert set(prefix_scan.openings(re.compile(r"(?i)giữa"))) == {"giữa", "gıữa"}
    # most of the deadlines' rules open with a word
    assert sum(prefix_scan.openings(p) is not None for p in scanned()) >= 20


@RANDOM
@given(TEXT)
def test_the_scan_finds_what_finditer_finds(text):
    index = prefix_scan.Lowered(text)
    index.prepare(scanned())
    for pattern in scanned():
        expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in prefix_scan.finditer(pattern, text, index)] == expected
        assert [(m.span(), m.groupdict()) for m in prefix_scan.finditer(pattern, text)] == expected
        for pos, endpos in ((1, len(text)), (len(text) // 3, 2 * len(text) // 3)):
            assert [m.span() for m in prefix_scan.finditer(pattern, text, index, pos, endpos)] == \
                [m.span() for m in pattern.finditer(text, pos, endpos)]


OLD_SENTENCE = re.compile(r"(?:[^.;]|\.(?=\d))+(?:[.;]|$)")


@RANDOM
@given(st.text(alphabet="ab .;1٣\n", max_size=40) | TEXT)
def test_sentences_are_the_matches_of_the_sentence_pattern(body):
    assert list(targets._sentences(body)) == [(m.start(), m.group()) for m in OLD_SENTENCE.finditer(body)]


NUMBER_PIECES = ["1", "2", "0", "000", ".", ",", "-", "/", " ", "%", "ha", "người", "a", "đ", "\n", "٣", "–",
                 "đến", "1/3", "/100", "trẻ", "lần/tháng", "(", "["]


@RANDOM
@given(st.lists(st.sampled_from(NUMBER_PIECES), max_size=30).map("".join))
def test_values_open_with_their_digit_and_match_as_before(text):
    number = targets._number_regex()
    before = re.compile(number.pattern.replace(r"(?P<v>\d(?<![\w/.,\-]\d)(?:\d{0,2}(?:\.\d{3})+|\d*))",
                                               r"(?<![\w/.,\-])(?P<v>\d{1,3}(?:\.\d{3})+|\d+)"))
    fraction = re.compile(r"(?<![\w/.,])(?P<a>[1-9])/(?P<b>[2-9]|10)(?![\w/.,])")
    planned = results._over_planned()
    planned_before = re.compile(planned.pattern.replace(r"(?P<v>\d(?<![\w/.,]\d)(?:\d{0,2}(?:\.\d{3})+|\d*))",
                                                        r"(?<![\w/.,])(?P<v>\d{1,3}(?:\.\d{3})+|\d+)"))
    assert before.pattern != number.pattern and planned_before.pattern != planned.pattern
    for new, old in ((number, before), (targets.FRACTION, fraction), (planned, planned_before)):
        assert [(m.span(), m.groupdict()) for m in new.finditer(text)] == \
            [(m.span(), m.groupdict()) for m in old.finditer(text)]


@pytest.mark.parametrize("words", [["đạt", "duy trì", "lên", "a"], ["tỷ lệ", "số", "1 lần"]])
def test_whole_words_match_as_the_look_behind_form(words):
    old = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")(?!\w)")
    new = targets.whole_words(words)
    for text in ["đạt 5", "xđạt", "đạtx", "duy trì lên", "a a", "1 lần 1 lầnx", "tỷ lệ số", "", "ađạt a"]:
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]


@RANDOM
@given(st.lists(st.sampled_from(NUMBER_PIECES + ["- ", "-", "a) ", "1. ", ";", ". ", ".", "\u3000", "%."]),
                max_size=30).map("".join).map(str.strip))
def test_a_line_without_values_has_no_clause_with_one(text):
    from ingest.segment import Line

    line = Line(text, 0, len(text), False)
    number = targets._number_regex()
    clause_has = any(number.search(c) or targets.FRACTION.search(c) for c, _, _ in targets._line_clauses(line))
    assert targets._line_wide()
    if clause_has:
        assert targets._may_hold_values(line, number)
