"""Pages without a document of their own (tests/golden/COMMITMENTS.md): an encyclopedia entry
about a body retells duties that commit nobody; a Q&A page quoting a plan keeps them. Made-up
pages of each kind."""

from ingest.extract import extract
from ingest.read import is_reference_article, read

DUTIES = """## Nhiệm vụ và quyền hạn

Theo Điều 3 Quyết định số 12-QĐ/TW ngày 01/02/2024, Ban có nhiệm vụ:

- Chủ trì, phối hợp với Bộ Tài chính, Bộ Nội vụ xây dựng đề án, báo cáo Bộ Chính trị trước ngày 31/12/2025.
- Định kỳ 6 tháng báo cáo Ban Bí thư về kết quả thực hiện.
"""

ENTRY = """# Ban Chỉ đạo Trung ương về cải cách hành chính

|
| |
| Trưởng ban | Nguyễn Văn A |
|---|---|
| Thành lập | 01/02/2024 |

**Ban Chỉ đạo Trung ương về cải cách hành chính** là cơ quan trực thuộc Bộ Chính trị.

""" + DUTIES

ENTRY_WITH_CAPTION = """# Tỉnh ủy Hòa Bình

Khóa thứ I (2025 - 2030) Cơ cấu tỉnh ủy
| |
| Bí thư | Trần Văn B |

**Tỉnh ủy Hòa Bình** là cơ quan lãnh đạo của Đảng bộ tỉnh.

""" + DUTIES

QUESTION = """# Ban Chỉ đạo Trung ương có nhiệm vụ gì?

| Thông tin | Nội dung |
|---|---|
| Cơ quan | Ban Chỉ đạo |

""" + DUTIES

NEWS = """# Ban Chỉ đạo Trung ương họp phiên thứ nhất

Ngày 05/3/2025, Ban Chỉ đạo Trung ương đã họp phiên thứ nhất để triển khai nhiệm vụ năm 2025.

| Nội dung | Thời gian |
|---|---|
| Khai mạc | 8 giờ |

""" + DUTIES


def page(tmp_path, text, name="trang.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read(str(path))


def test_an_encyclopedia_entry_is_a_reference_article(tmp_path):
    assert is_reference_article(page(tmp_path, ENTRY))
    assert is_reference_article(page(tmp_path, ENTRY_WITH_CAPTION))


def test_a_question_a_news_page_and_a_text_file_are_not(tmp_path):
    assert not is_reference_article(page(tmp_path, QUESTION))
    assert not is_reference_article(page(tmp_path, NEWS))
    assert not is_reference_article(page(tmp_path, ENTRY, "trang.txt"))


def test_an_entry_retelling_duties_commits_nobody_but_keeps_its_references(tmp_path):
    extraction = extract(page(tmp_path, ENTRY))
    assert extraction.organisations == [] and extraction.deadlines == [] and extraction.tasks == []
    assert extraction.targets == []
    assert "12-QĐ/TW" in {r.ref for r in extraction.references}


def test_a_question_page_quoting_the_same_duties_keeps_them(tmp_path):
    extraction = extract(page(tmp_path, QUESTION))
    assert {"Bộ Tài chính", "Bộ Nội vụ"} <= {o.name for o in extraction.organisations}
    assert extraction.deadlines
