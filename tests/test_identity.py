"""A document's identity from its header (ingest/identity.py), on made-up headers of the kinds
real documents show."""

from ingest.extract import extract
from ingest.read import SourceText, normalise


def identity(original: str, markdown: bool = False):
    text, offsets = normalise(original, markdown=markdown)
    return extract(SourceText("x.md" if markdown else "x.txt", "", original, text, offsets)).document


def test_a_dateline_with_its_unit_word_keeps_it_in_the_place():
    """ "Thành phố Huế, ngày 18 tháng 11 năm 2025": the place is "Thành phố Huế"."""
    doc = identity("HỘI ĐỒNG NHÂN DÂN\nTHÀNH PHỐ HUẾ\n\nSố: 40/2025/NQ-HĐND\n\nThành phố Huế, ngày 18 tháng 11 năm 2025\n\n"
                   "NGHỊ QUYẾT\n\nQUY ĐỊNH MỨC CHI HỖ TRỢ\n\nCăn cứ Luật Ngân sách nhà nước;\n")
    assert (doc.place, doc.date) == ("Thành phố Huế", "2025-11-18")
    plain = identity("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\n\nSố: 12/KH-UBND\n\nAn Giang, ngày 3 tháng 2 năm 2025\n\n"
                     "KẾ HOẠCH\n\nVề chuyển đổi số\n")
    assert plain.place == "An Giang"


def test_a_capitals_title_goes_on_over_a_blank_line_with_its_parenthesis():
    doc = identity("HỘI ĐỒNG NHÂN DÂN\nTỈNH BẮC NINH\n\nSố: 41/2025/NQ-HĐND\n\nBắc Ninh, ngày 2 tháng 12 năm 2025\n\n"
                   "NGHỊ QUYẾT\n\nSỬA ĐỔI NGHỊ QUYẾT SỐ 10/2022/NQ-HĐND CỦA HĐND TỈNH BẮC GIANG\n\n(NAY LÀ TỈNH BẮC NINH)\n\n"
                   "Căn cứ Luật Tổ chức chính quyền địa phương;\n")
    assert doc.title.endswith("CỦA HĐND TỈNH BẮC GIANG (NAY LÀ TỈNH BẮC NINH)")
    not_title = identity("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\n\nSố: 12/KH-UBND\n\nAn Giang, ngày 3 tháng 2 năm 2025\n\n"
                         "KẾ HOẠCH\n\nCHUYỂN ĐỔI SỐ NĂM 2025\n\n(Kèm theo Quyết định số 5/QĐ-UBND)\n\nI. MỤC ĐÍCH\n")
    assert not_title.title == "CHUYỂN ĐỔI SỐ NĂM 2025"


def test_a_page_heading_opening_with_a_type_and_number_names_the_document():
    """Identity from the page's own heading when it opens with the document's type and number,
    a question after it being the page's, not the title."""
    doc = identity("# Kế hoạch 77-KH/BTGDVTW tổ chức cuộc thi ra sao? Tải về Kế hoạch 77?\n\n"
                   "Ban Tuyên giáo và Dân vận Trung ương ban hành Kế hoạch 77-KH/BTGDVTW.\n", markdown=True)
    assert (doc.type, doc.number, doc.title) == ("KH", "77-KH/BTGDVTW", None)
    subtitled = identity("# Chỉ thị 08-CT/TU: Năm nhiệm vụ trọng tâm về chuyển đổi số của tỉnh?\n\nNội dung.\n",
                         markdown=True)
    assert (subtitled.type, subtitled.number, subtitled.title) == ("CT", "08-CT/TU", None)
    about = identity("# Thủ tướng yêu cầu làm rõ Nghị định 99/2025/NĐ-CP\n\nNội dung.\n", markdown=True)
    assert about.number is None
