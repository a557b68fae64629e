import pytest

from ingest.read import ReadError, normalise, read


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_with_and_without_bom_and_utf16_read_the_same(tmp_path):
    text = "Kế hoạch số 52/KH-UBND ngày 12/4/2024"
    plain = read(write(tmp_path, "a.txt", text.encode("utf-8"))).text
    assert plain == text
    assert read(write(tmp_path, "b.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))).text == text
    assert read(write(tmp_path, "c.txt", text.encode("utf-16"))).text == text


def test_nfc_and_eth_lookalike(tmp_path):
    decomposed = "Quye\u0302\u0301t \u0111i\u0323nh 1373/Q\u00d0-TTg"  # NFD and Ð (U+00D0)
    result = read(write(tmp_path, "d.txt", decomposed.encode("utf-8"))).text
    assert result == "Quyết định 1373/QĐ-TTg"
    assert "\u0110" in result and "\u00d0" not in result


@pytest.mark.parametrize("name,data,problem", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n ", "empty file"),
    ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 20, "binary file"),
    ("latin1.txt", "Kế hoạch".encode("utf-8") + b"\xff\xfe\xfa junk", "not valid UTF-8"),
    ("image.png", b"\x89PNG\r\n", "unsupported file type '.png'"),
    ("bad.pdf", b"%PDF-1.4 not really", "not a readable PDF"),
    ("bad.docx", b"PK\x03\x04 not a zip", "not a readable .docx"),
])
def test_bad_input_names_the_file_and_the_problem(tmp_path, name, data, problem):
    path = write(tmp_path, name, data)
    with pytest.raises(ReadError) as caught:
        read(path)
    assert str(path) in str(caught.value)
    assert problem in str(caught.value)


def test_missing_file(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read(tmp_path / "nope.txt")


def test_pdf_without_text_layer(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)  # a drawing, no text
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(ReadError, match="no text layer"):
        read(path)


def test_number_wrapped_over_lines_is_joined_without_space():
    text, _ = normalise("theo Kế hoạch số 1057/KH-\nSGDĐT ngày 12/4/2024 của Sở")
    assert "1057/KH-SGDĐT ngày" in text


def test_phrase_wrapped_over_lines_is_joined_with_one_space():
    text, _ = normalise("nâng cao chất lượng công tác khuyến học, khuyến tài,\n\nhọc tập suốt đời")
    assert "khuyến tài, học tập suốt đời" in text


def test_double_spaced_text_joins_wraps_but_keeps_paragraphs():
    source = ("Thực hiện Kế hoạch số 52/KH-UBND của UBND Thành phố về việc thực hiện Nghị quyết\n\n"
              "số 23-NQ/TU ngày 16/11/2023 của Thành ủy Hà Nội về tăng cường sự lãnh đạo của Đảng\n\n"
              "đối với công tác khuyến học.\n\n  \n\nI. MỤC ĐÍCH\n\n- Xây dựng kế hoạch.\n")
    text, _ = normalise(source)
    assert "Nghị quyết số 23-NQ/TU" in text
    assert "\nI. MỤC ĐÍCH" in text


def test_markdown_marks_and_table_pipes_are_removed(tmp_path):
    md = "|\n**ỦY BAN NHÂN DÂN\n**\nTỈNH ĐẮK LẮK\n-------\n|\nSố: 0124/KH-UBND\n|\n*Đắk Lắk, ngày 18\ntháng 11 năm 2025*\n|\n"
    text = read(write(tmp_path, "h.md", md.encode())).text
    assert "*" not in text and "|" not in text and "---" not in text
    assert "Đắk Lắk, ngày 18 tháng 11 năm 2025" in text


def test_offsets_map_back_to_the_original(tmp_path):
    md = "**Căn cứ** Kế hoạch số 1057/KH-\nSGDĐT ngày 12/4/2024\n"
    source = read(write(tmp_path, "m.md", md.encode()))
    start = source.text.index("1057")
    end = start + len("1057/KH-SGDĐT")
    o_start, o_end = source.original_span(start, end)
    assert source.original[o_start:o_end] == "1057/KH-\nSGDĐT"
    for i, ch in enumerate(source.text):
        if ch not in " \n":
            assert source.original[source.offsets[i]] == ch


def test_a_page_about_a_document_keeps_its_heading_as_page_title():
    """Many real files are web pages about a document (news, questions and answers,
    templates) that state no number or title of their own: their heading is kept as the
    page title, with its span, and labels them; a document with its own number gets none,
    and a page whose heading opens with a document's type and number is that document
    (tests/golden/README.md: identity from the page's own heading)."""
    from ingest.extract import extract
    from kg.build import build
    from kg.vocab import VNP
    from tests.conftest import REAL

    heading = "Thủ tướng yêu cầu thực hiện nghiêm quy định xử phạt giao thông theo Nghị định 168/2024"
    source = read(REAL / "23-ct-tw--3ee767e6.md")
    identity = extract(source).document
    assert identity.number is None and identity.title is None
    assert identity.page_title == heading
    start, end = identity.spans["page_title"]
    assert source.text[start:end] == identity.page_title
    built = build(extract(source), source.text, str(source.path))
    labels = {q.object.value for q in built.quads if q.predicate.value.endswith("#label") and q.subject == built.document}
    assert labels == {f"Trang “{heading}”"}
    assert any(q.predicate.value == str(VNP.pageTitle) for q in built.quads)
    named = extract(read(REAL / "127-kl-tw--8281fd7b.md")).document  # "# Nghị quyết 74/NQ-CP của Chính phủ về ..."
    assert (named.type, named.number) == ("NQ", "74/NQ-CP")
    numbered = extract(read(REAL / "0124-kh-ubnd--556b2fb4.md")).document
    assert numbered.number and numbered.page_title is None


@pytest.mark.timeout(10)
def test_an_unclosed_bold_run_with_a_blank_line_before_its_close_ends(tmp_path):
    """The shape that looped forever: a line with an odd number of "**", another within
    three lines, a blank line between. Nothing is joined across the blank line."""
    md = "**III. NỘI\n\nDUNG HOẠT ĐỘNG**\n- Tổ chức hội nghị.\n"
    source = read(write(tmp_path, "bold.md", md.encode()))
    assert source.text == "III. NỘI\n\nDUNG HOẠT ĐỘNG\n- Tổ chức hội nghị."
    joined, _ = normalise("**III. NỘI\nDUNG HOẠT ĐỘNG**\n", markdown=True)
    assert joined == "III. NỘI DUNG HOẠT ĐỘNG"


def test_a_stray_space_inside_a_document_number_is_closed():
    """Web copies write "57- NQ/TW" and "223/KH- UBND"; a range or a dash in a sentence stays."""
    text, _ = normalise("Nghị quyết 57- NQ/TW, Kế hoạch 223/KH- UBND và 44/2014/TT- BGDĐT; giai đoạn 2021- 2030; QĐ- Sở")
    assert "57-NQ/TW" in text and "223/KH-UBND" in text and "44/2014/TT-BGDĐT" in text
    assert "2021- 2030" in text and "QĐ- Sở" in text


def test_a_line_ending_in_a_part_of_a_document_joins_the_document_it_belongs_to():
    text, _ = normalise("a) Bãi bỏ khoản 2 Điều 1\nNghị quyết số 246/NQ-HĐND ngày 10/9/2025.\nb) Điều 2\nNội dung khác")
    assert "khoản 2 Điều 1 Nghị quyết số 246/NQ-HĐND" in text
    assert "Điều 2\nNội dung" in text


def test_a_document_named_by_number_continues_an_unended_line():
    text, _ = normalise("Để tiếp tục thực hiện nghiêm\nChỉ thị số 05/CT-TTg ngày 18/5/2022 của Thủ tướng;\n"
                        "KẾ HOẠCH\nNghị quyết số 12/NQ-CP ngày 1/2/2025.")
    assert "thực hiện nghiêm Chỉ thị số 05/CT-TTg" in text
    assert "KẾ HOẠCH\nNghị quyết số 12" in text


def test_a_number_alone_on_its_line_goes_on_with_its_item_s_text():
    """A converter that put an item's number on a line of its own ("1." then "Trách nhiệm
    ..."): the number opens the next line's item, never ends the line before."""
    source = ("Điều 24. Trách nhiệm của các bộ, ngành\n\n1.\nTrách nhiệm của Bộ Xây dựng\n\n"
              "a)\nTổ chức quản lý Quỹ;\n\nb)\nChủ trì, phối hợp với Bộ Tài chính.\n\n2.\n- Bố trí kinh phí.")
    text, offsets = normalise(source)
    assert text.split("\n\n") == ["Điều 24. Trách nhiệm của các bộ, ngành", "1. Trách nhiệm của Bộ Xây dựng",
                                  "a) Tổ chức quản lý Quỹ;", "b) Chủ trì, phối hợp với Bộ Tài chính.", "2.\n- Bố trí kinh phí."]
    for i, ch in enumerate(text):  # every character maps back to itself in the source
        if ch not in " \n":
            assert source[offsets[i]] == ch


def test_an_emphasised_title_does_not_run_into_the_paragraph_after_it():
    """"*2.2.\\nChi ngân sách địa phương*" closes its emphasis at the end of its line: a title,
    which a capitalised next line never continues, even in a double-spaced, hard-wrapped text."""
    body = "\n\n".join(["Tổng thu ngân sách nhà nước trên địa bàn ước đạt 10.367,700 tỷ đồng"] * 8)
    source = f"{body}\n\n*2.2.\nChi ngân sách địa phương (NSĐP)*\n\nTổng chi ngân sách địa phương\n\nnăm 2025 là 26.811 tỷ đồng."
    text, _ = normalise(source, markdown=True)
    assert "\n2.2. Chi ngân sách địa phương (NSĐP)\nTổng chi ngân sách địa phương năm 2025" in text


def test_an_area_word_ends_a_body_s_name_unless_a_place_name_follows():
    """"tỉnh", "xã", "ủy" end a body's name as often as a line is wrapped before its place:
    the next line goes on the name only when it opens with a place name."""
    text, _ = normalise("5. Bộ đội Biên phòng thị xã\nPhối hợp với các địa phương tuyên truyền.")
    assert text == "5. Bộ đội Biên phòng thị xã\nPhối hợp với các địa phương tuyên truyền."
    text, _ = normalise("Giao Ủy ban nhân dân tỉnh\nQuảng Ngãi chủ trì thực hiện.")
    assert text == "Giao Ủy ban nhân dân tỉnh Quảng Ngãi chủ trì thực hiện."
