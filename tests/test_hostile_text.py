"""Property tests: the reader and the extractor fed random and hostile text (unbalanced "**",
markdown tables, deep lists, NUL and control characters, Đ look-alikes, CR and CRLF,
decomposed letters, huge lines, 100,000 lines) finish, and their offsets are exact: every
span of every extracted fact, mapped back to the original, selects the text it claims.

Each example has a deadline and the file a time-out; example counts are kept small enough
for the whole file to run in well under a minute on two cores."""

from __future__ import annotations

import tempfile
import unicodedata
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extract import extract
from ingest.number import DocumentNumber
from ingest.read import DROPPED, LOOKALIKES, SPACES, ReadError, SourceText, normalise, read
from tests.conftest import NAM_TU_LIEM, THANH_TRI

pytestmark = pytest.mark.timeout(120)

PIECES = [
    # markdown: bold runs left open, tables of one cell per block, rules, headings
    "**", "*", "**III. NỘI", "DUNG**", "|", "\n|\n", "\n|\n|\n", "| a | b |", "# ", "## ", "---", "-----",
    "___", "====", "CHÍNH PHỦ_______ Số:",
    # lists and numbered headings, nested
    "- ", "+ ", "• ", "  - ", "    + ", "1. ", "1.1. ", "1.1.1. ", "a) ", "đ) ", "II. ", "IV- ", "Điều 1. ",
    "Chương I", "PHẦN II", "PHỤ LỤC",
    # line ends and spaces
    "\n", "\n", "\n\n", "\n\n\n\n", "\r\n", "\r", " ", "  ", "     ", "\t", "\u00a0", "\u3000", "\f", "\v",
    # invisible and control characters, NUL
    "\u200b", "\u00ad", "\ufeff", "\u2060", "\x00", "\x01", "\x1f", "\x7f", "\x85", "\u2028",
    # Đ look-alikes, decomposed and combining letters
    "\u00d0", "\u00f0", "\u0189", "e\u0302\u0301", "a\u0323", "o\u031b\u0300", "\u0301", "q\u0301\u0323",
    "D\u0300", "U\u031b\u0309",
    # the words and numbers the rules look for
    "Kế hoạch", "KẾ HOẠCH", "Quyết định", "số", "Số: 0124/KH-UBND", "52/KH-UBND", "1057/KH-", "SGDĐT",
    "99- TB/TW", "23-NQ/TU", "1373/Q\u00d0-TTg", "44/2014/TT-BGDĐT", "ngày 12/4/2024",
    "ngày 17 tháng 11 năm 2025", "Hà Nội, ngày 18 tháng 11 năm 2025", "Căn cứ", "Thực hiện", "thực hiện",
    "của", "UBND Thành phố", "ỦY BAN NHÂN DÂN", "Ủy ban nhân dân tỉnh Đắk Lắk", "Phòng Giáo dục và Đào tạo",
    "chủ trì", "phối hợp với", "Sở Tài chính", "báo cáo về", "trước ngày 15/11 hằng năm", "Quý I/2025",
    "(Tháng 8/2018)", "Nơi nhận:", "MỤC TIÊU", "Mục tiêu", "NHIỆM VỤ", "TỔ CHỨC THỰC HIỆN", "Kinh phí",
    "99,5%", "100%", "80% đến 85%", "đạt", "năm 2030", "Luật Giáo dục", "Đề án “Xây dựng xã hội học tập”",
    "về việc", ",", ";", ":", ".", "(", ")", "“", "”", "./.",
]
# results (ingest/results.py): the sections that report them, values over plans, bases, unit
# chains; kept apart so that the seeded files of the thousand-file test stay the same
RESULT_PIECES = [
    "I. TÌNH HÌNH THỰC HIỆN NĂM 2024", "1. Hiện trạng", "ước đạt", "tăng 4,9% so cùng kỳ (10.482 tỷ đồng)",
    "629/731 trường", "5.817,196 tỷ đồng/5.937,440 tỷ đồng", "80 triệu đồng/người/năm", "(trong đó, ",
    "được giao là", "Trong đó:", "tương đương", "22,656 tỷ đồng [4]/12,9 tỷ đồng",
]

# lines of real plans, so that the rules find facts among the noise
PLAN_LINES = [line for path in (NAM_TU_LIEM, THANH_TRI) for line in path.read_text("utf-8").splitlines() if line.strip()]
PIECE = st.one_of(st.sampled_from(PIECES), st.sampled_from(PIECES), st.sampled_from(RESULT_PIECES), st.text(max_size=4))
SEPARATOR = st.sampled_from([" ", " ", " ", "", "\n", "\n\n"])
HOSTILE_TEXT = st.lists(st.tuples(st.one_of(PIECE, st.sampled_from(PLAN_LINES)), SEPARATOR).map("".join),
                        max_size=400).map("".join)
NESTED_LIST = st.integers(1, 60).map(lambda depth: "".join(
    "  " * k + ("- " if k % 2 else f"{k}. ") + "Nội dung mục\n" for k in range(depth)) * 3)
TABLE = st.lists(st.sampled_from(["**STT**", "1", "Tỷ lệ biết chữ", "99,5%", "Năm 2025", "%", ""]),
                 max_size=40).map(lambda cells: "Mẫu biểu số 01 CHỈ TIÊU\n" + "".join(f"|\n{c}\n" for c in cells) + "|\n")
DOCUMENT = st.one_of(HOSTILE_TEXT, HOSTILE_TEXT, NESTED_LIST, TABLE,
                     st.tuples(HOSTILE_TEXT, TABLE, HOSTILE_TEXT).map("".join))

# what normalising removes or changes besides joining and splitting lines: spaces, invisible
# characters, the markdown marks ("*", "#", "|", rules of "-", "_", "="), NUL (the markdown
# reader's stand-in for "*")
DROPPED_BY_FOLD = set("*#|-_=\x00") | DROPPED


def fold(text: str) -> str:
    """Text as the normaliser reads it, without what it may remove: comparable on both sides."""
    kept = "".join(c for c in text if not c.isspace() and c not in DROPPED_BY_FOLD)
    return "".join(LOOKALIKES.get(c, c) for c in unicodedata.normalize("NFC", kept))


def maps_back(source: SourceText, start: int, end: int) -> None:
    """The span, less white space at its ends, maps back to original text that reads the same.
    (A span that starts or ends inside a letter and marks NFC could not make one character,
    "q" + U+0323 + U+0301, is not asked: the characters of such a cluster all stand at its
    place in the original, a mark's own place is not known.)"""
    text, offsets = source.text, source.offsets
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end or unicodedata.combining(text[start]):
        return
    if end < len(text) and unicodedata.combining(text[end]) and offsets[end] == offsets[end - 1]:
        return
    o_start, o_end = source.original_span(start, end)
    assert 0 <= o_start <= o_end <= len(source.original)
    assert fold(source.original[o_start:o_end]) == fold(text[start:end]), (text[start:end], source.original[o_start:o_end])


def source_of(original: str, markdown: bool) -> SourceText:
    text, offsets = normalise(original, markdown=markdown)
    return SourceText("x.md" if markdown else "x.txt", "", original, text, offsets)


def check_reading(original: str, markdown: bool) -> SourceText:
    source = source_of(original, markdown)
    text, offsets = source.text, source.offsets
    assert len(offsets) == len(text) + 1
    values = list(offsets)
    assert all(a <= b for a, b in zip(values, values[1:])), "offsets go backwards"
    assert values[-1] <= len(original) and (not values or values[0] >= 0)
    assert "\r" not in text and not (set(text) & (DROPPED | SPACES | set(LOOKALIKES)))
    assert "  " not in text and text == text.strip(" ")
    if markdown:
        assert "*" not in text and "|" not in text
    for i, ch in enumerate(text):  # each character that was copied reads the same in the original
        if not ch.isspace() and not unicodedata.combining(ch):
            maps_back(source, i, i + 1)
    return source


READING = settings(max_examples=400, deadline=timedelta(seconds=5), database=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
EXTRACTING = settings(max_examples=250, deadline=timedelta(seconds=15), database=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@READING
@given(DOCUMENT, st.booleans())
def test_reading_hostile_text_finishes_with_exact_offsets(original, markdown):
    source = check_reading(original, markdown)
    for start in range(0, len(source.text), 7):  # spans of many lengths
        maps_back(source, start, min(len(source.text), start + 1 + start % 23))


@READING
@given(DOCUMENT, st.sampled_from([".txt", ".md"]), st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_reading_hostile_files_gives_text_or_an_error_naming_the_file(original, suffix, encoding):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"hostile{suffix}"
        path.write_bytes(original.encode(encoding, "surrogatepass"))
        try:
            source = read(path)
        except ReadError as err:
            assert str(err).startswith(f"{path}: ") and err.problem
            return
    # a byte-order mark is read as one, not as text (plain UTF-8 starting with U+FEFF has one)
    assert source.original == (original.removeprefix("\ufeff") if encoding == "utf-8" else original)
    check_reading(source.original, markdown=suffix == ".md")


def _fact_spans(result: dict, text: str):
    """(what, span, claimed text or None) for every span of every fact."""
    document = result["document"]
    for name, span in document["spans"].items():
        yield f"document.{name}", span, document[name] if name in ("number", "title", "place", "page_title") else None
    for r in result["references"]:
        yield "reference", r["span"], None
        if r["number_span"]:
            yield "reference number", r["number_span"], None
    for r in result["relations"]:
        yield "relation", r["span"], None
    for t in result["targets"]:
        yield "target value", t["span"], None
        yield "target clause", t["clause_span"], t["text"] if t["rule"] != "target:table-cell" else None
    for o in result["objectives"]:
        yield "objective", o["span"], o["text"]
    for t in result["tasks"]:
        yield "task", t["span"], t["text"]
    for o in result["organisations"]:
        direct = o["rule"] not in ("organisation:recipient-list", "organisation:implement-section")
        yield "organisation", o["span"], o["name"] if direct else None
    for d in result["deadlines"]:
        yield "deadline time", d["span"], None
        yield "deadline clause", d["clause_span"], d["text"] if d["rule"] != "deadline:table-time" else None
    for f in result["funding"]:
        yield "funding", f["span"], f["text"]
    for r in result["results"]:
        yield "result value", r["span"], None
        yield "result clause", r["clause_span"], r["text"]


def check_extraction(source: SourceText) -> None:
    result = extract(source).to_json()
    text = source.text
    assert result["source"]["chars"] == len(text)
    checked = set()
    for what, (start, end), claimed in _fact_spans(result, text):
        if (start, end, claimed) in checked:  # the values of one clause share its span
            continue
        checked.add((start, end, claimed))
        assert 0 <= start <= end <= len(text), (what, start, end)
        if claimed is not None:
            assert " ".join(text[start:end].split()) == " ".join(claimed.split()), (what, claimed, text[start:end])
        maps_back(source, start, end)
    for reference in result["references"]:
        if reference["number_span"]:
            n_start, n_end = reference["number_span"]
            start, end = reference["span"]
            assert start <= n_start < n_end <= end
            DocumentNumber.parse(text[n_start:n_end])  # the number is written there
    if "number" in result["document"]["spans"]:
        start, end = result["document"]["spans"]["number"]
        assert str(DocumentNumber.parse(text[start:end])) == result["document"]["number"]


@EXTRACTING
@given(DOCUMENT, st.booleans())
def test_extracting_hostile_text_finishes_and_every_span_is_what_it_claims(original, markdown):
    check_extraction(source_of(original, markdown))


# a results section opening the text, so that ingest/results.py reads what follows
RESULTS_SECTION = st.tuples(st.sampled_from(["I. TÌNH HÌNH THỰC HIỆN NĂM 2024\n", "1. Hiện trạng\n",
                                             "**2. Kết quả đạt được**\n", "II- ĐÁNH GIÁ KẾT QUẢ\n"]),
                            st.lists(st.tuples(st.one_of(st.sampled_from(RESULT_PIECES), PIECE,
                                                         st.sampled_from(PLAN_LINES)), SEPARATOR).map("".join),
                                     max_size=200).map("".join)).map("".join)


@EXTRACTING
@given(RESULTS_SECTION, st.booleans())
def test_extracting_hostile_results_sections_keeps_exact_spans(original, markdown):
    check_extraction(source_of(original, markdown))


def test_an_unclosed_bold_run_before_a_blank_line_reads_and_extracts():
    """The shape that looped forever, many times over, with text around it."""
    page = "**III. NỘI\n\nDUNG HOẠT ĐỘNG**\n- Phòng Giáo dục chủ trì thực hiện.\n" * 2000
    source = check_reading(page, markdown=True)
    check_extraction(source)


BIG = {
    "100,000 lines of headings and bullets": "".join(
        ("a) Nội\n", "- Họp;\n", "1. Việc\n", "\n", "PHỤ LỤC\n")[k % 5] for k in range(100_000)),
    "100,000 CRLF lines of a markdown table": "|\r\n**STT**\r\n|\r\n99,5%\r\n" * 25_000,
    "one line of 500,000 characters": ("Kế hoạch số 52/KH-UBND, phối hợp với Sở Tài chính " * 10_000)[:500_000],
    "a list nested 2,000 deep": "".join("  " * k + "- mục\n" for k in range(2_000)),
    "200,000 control and invisible characters": "\x00\x01\u200b\u00ad\r\u00d0e\u0301 " * 25_000,
    "an objective of 30,000 values in one clause": "II. MỤC TIÊU\n- duy trì " + "1 2 3 % năm 2025 " * 10_000,
    "a results section of 30,000 values in one clause": "I. TÌNH HÌNH THỰC HIỆN\n- ước đạt "
    + "1/2 trường 3 tỷ đồng/4 tỷ đồng (so cùng kỳ (5%, trong đó 6 tỷ đồng/người/năm " * 5_000,
    "10,000 laws cited": "Căn cứ " + "Luật Giáo dục năm 2019, Luật Giáo dục số 43/2019/QH14; " * 5_000,
}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", list(BIG))
def test_big_hostile_documents_read_and_extract_in_bounded_time(name):
    original = BIG[name]
    source = source_of(original, markdown=True)
    assert len(source.offsets) == len(source.text) + 1
    for start in range(0, len(source.text), 997):
        maps_back(source, start, min(len(source.text), start + 50))
    check_extraction(source)


def test_a_thousand_hostile_files_through_kg_extract(tmp_path):
    """1,000 hostile texts (seeded, built from the same pieces and plan lines) as files through
    the installed `kg extract --json --with-text` in one run: every file comes out (its JSON, or
    an error naming it), and every span of every fact is within the text and reads what it
    claims."""
    import json
    import random
    import subprocess
    import sys

    chooser = random.Random(20261130)
    files = []
    for number in range(1000):
        parts = []
        for _ in range(chooser.randint(0, 120)):
            parts.append(chooser.choice(PIECES) if chooser.random() < 0.7 else chooser.choice(PLAN_LINES))
            parts.append(chooser.choice([" ", " ", "", "\n", "\n\n"]))
        path = tmp_path / f"hostile-{number:04d}{chooser.choice(['.md', '.txt'])}"
        path.write_text("".join(parts), "utf-8", newline="")
        files.append(path)
    kg = Path(sys.executable).parent / "kg"
    result = subprocess.run([str(kg), "extract", *map(str, files), "--json", "--with-text"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr[-2000:]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(result.stderr.splitlines())  # nothing but named errors
    outputs = json.loads(result.stdout)
    named = {line.split(": ", 2)[1] for line in errors}
    assert {o["source"]["path"] for o in outputs} | named == set(map(str, files))
    for output in outputs:
        text = output["source"]["text"]
        assert output["source"]["chars"] == len(text)
        for what, (start, end), claimed in _fact_spans(output, text):
            assert 0 <= start <= end <= len(text), (output["source"]["path"], what, start, end)
            if claimed is not None:
                assert " ".join(text[start:end].split()) == " ".join(claimed.split()), (what, claimed)
