"""The scanner extraction runs (ingest/nlp.py: reference_spans, cue_spans) finds what spaCy's
Matcher and PhraseMatcher over PolicyTokenizer's Doc find, then filter_spans: the same spans,
labels and offsets, on every text of the bundled corpus and on hostile text (white space of
every kind, punctuation glued to words, capitals, long runs without a space)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.util import filter_spans

from ingest.nlp import cue_matcher, cue_spans, pipeline, reference_matcher, reference_spans
from ingest.read import read
from tests.conftest import PLANS, REAL
from tests.test_hostile_text import HOSTILE_TEXT

pytestmark = pytest.mark.timeout(300)


def by_spacy(text: str) -> tuple[list, list]:
    nlp = pipeline()
    nlp.max_length = max(nlp.max_length, len(text))
    doc = nlp(text)

    def kept(matcher):
        spans = []
        for match_id, start, end in matcher(doc):
            span = doc[start:end]
            span.label_ = doc.vocab.strings[match_id]
            spans.append(span)
        return filter_spans(spans)

    references = [(s.label_, s.start_char, s[-1].idx, s[-1].idx + len(s[-1].text)) for s in kept(reference_matcher())]
    cues = [(s.label_, s.start_char, s.end_char) for s in kept(cue_matcher())]
    return references, cues


def by_scan(text: str) -> tuple[list, list]:
    return reference_spans(text), cue_spans(text)


@pytest.mark.parametrize("path", sorted(p for folder in (PLANS, REAL) for p in folder.iterdir()
                                        if p.suffix in (".txt", ".md")), ids=lambda p: p.name)
def test_the_corpus_scans_as_spacy_matches(path):
    text = read(path).text
    assert by_scan(text) == by_spacy(text)


GLUED = ["Thông tư liên tịch số 01/2020/TTLT-BTC", "nghị quyết liên tịch số: 09/2008/NQLT-CP",
         "kế hoạch kế hoạch số 5/KH-UB", "Kế hoạch hành động số 328-KH/TU", "quyết định của số 1/QĐ-UB",
         "văn bản số: 8004/BTC-NSNN, 8008/BTC", "((5/KH-UBND)).", "“Căn cứ”", "căn cứ vào", "CĂN CỨ VÀO",
         "sửa đổi , bổ sung", "sửa đổi,bổ sung", "sửa đổi, bổ sung", "tiếp tục quán triệt , triển khai thực hiện",
         "Bộ luật số 45/2019/QH14", "thông tư số 1/TT-BYT", "Số 12/2020/NĐ-CP./.", "12/KH-UB./.,", ":",
         "số", "thực hiện", "tổ chức", "hướng dẫn thi hành", "Cụ thể hoá", "cụ thể hóa", "x" * 300, "(" * 270,
         "5/KH" * 80, "İ THỰC HIỆN", "Σ căn cứ"]
SPACE = st.sampled_from([" ", " ", " ", "", "  ", "\n", "\t", "\u00a0", ",", ":", "(", "”"])
SCAN_TEXT = st.one_of(
    HOSTILE_TEXT,
    st.lists(st.tuples(st.sampled_from(GLUED), SPACE).map("".join), max_size=60).map("".join),
    st.tuples(HOSTILE_TEXT, st.lists(st.sampled_from(GLUED), max_size=20).map(" ".join)).map("".join))


@settings(max_examples=300, deadline=timedelta(seconds=10), database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(SCAN_TEXT)
def test_hostile_text_scans_as_spacy_matches(text):
    assert by_scan(text) == by_spacy(text)


LAW_PIECES = ["Luật", "LUẬT", "Bộ luật", "Pháp lệnh", "luật", " ", "\n", "XLuật", "Luật Đất đai", "Luật Luật ",
              "sửa đổi, bổ sung một số điều của ", "năm 2020", " số 12/2020/QH14", ", ", "ngày 1/1/2020", "(", ";"]


@settings(max_examples=300, deadline=timedelta(seconds=10), database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.one_of(HOSTILE_TEXT, st.lists(st.sampled_from(LAW_PIECES), max_size=80).map("".join)))
def test_law_patterns_tried_where_a_law_word_stands_match_as_finditer(text):
    from ingest.mentions import (LAW_AMENDING_RE, LAW_DATED_RE, LAW_KNOWN_RE, LAW_NUMBERED_RE, LAW_SHORT_RE,
                                 LAW_TYPE_WORD, matches_at)
    starts = [m.start() for m in LAW_TYPE_WORD.finditer(text)]
    for regex in (LAW_AMENDING_RE, LAW_KNOWN_RE, LAW_NUMBERED_RE, LAW_DATED_RE, LAW_SHORT_RE):
        assert [m.span() for m in matches_at(regex, text, starts)] == [m.span() for m in regex.finditer(text)]


NUMBER_PIECES = ["12", "5", "123456", "/", "-", "QĐ", "KH", "TW", "UBND", "2024", "19", "a", "Đ", "ð", "&", " ",
                 "\n", "٣", "x" * 30, "12/4/2024", "11-CT/TW", "1/2020/QH14", "//", "--"]


@settings(max_examples=300, deadline=timedelta(seconds=10), database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.one_of(HOSTILE_TEXT, st.lists(st.sampled_from(NUMBER_PIECES), max_size=80).map("".join)))
def test_numbers_tried_before_each_slash_match_as_finditer(text):
    from ingest.nlp import _reference_rules, number_matches
    number_re = _reference_rules()[0]
    assert [m.span() for m in number_matches(number_re, text)] == [m.span() for m in number_re.finditer(text)]


CUE_PIECES = ["sửa đổi", "sửa đổi, bổ sung", "bổ sung", "thực hiện", "triển khai thực hiện", "tổ chức triển khai",
              "tiếp tục triển khai thực hiện", "tiếp tục", "căn cứ", "căn cứ vào", "quy định chi tiết",
              "một số điều của", "hướng dẫn thi hành", "thi hành", "thay thế cho", "(", "“", ",", "./."]


@settings(max_examples=300, deadline=timedelta(seconds=10), database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.one_of(SCAN_TEXT, st.lists(st.tuples(st.sampled_from(CUE_PIECES), SPACE).map("".join), max_size=80).map("".join)),
       st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), max_size=6))
def test_cues_within_regions_are_the_cues_of_the_whole_text_there(text, fractions):
    from ingest.nlp import cue_spans_within
    regions = [(int(a * len(text)), int(b * len(text))) for a, b in fractions]
    everywhere = cue_spans(text)
    within = cue_spans_within(text, regions)
    assert set(within) <= set(everywhere)
    assert {c for c in everywhere if any(a <= c[1] and c[2] <= b for a, b in regions)} <= set(within)
