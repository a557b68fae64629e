"""Task headings are the headings inside task sections (tests/golden/COMMITMENTS.md, tasks):
made-up texts of each kind."""

from ingest.segment import segment
from ingest.tasks import extract_tasks, reads_as_title


def headings(text: str) -> list[tuple[str, int]]:
    return [(t.heading, t.level) for t in extract_tasks(segment(text))]


def test_numbered_paragraphs_mentioning_a_task_word_open_no_section():
    """task:titled-section: a conclusion's numbered points name tasks on their way."""
    text = ("1. Bộ Chính trị đánh giá cao kết quả thực hiện nhiệm vụ năm 2024.\n"
            "2. Giao Ban Tổ chức Trung ương chủ trì tổ chức thực hiện Kết luận này.\n"
            "3. Yêu cầu các cấp ủy triển khai các nội dung nêu trên.")
    assert headings(text) == []


def test_a_title_opens_its_section_with_its_headings():
    text = ("I. MỤC ĐÍCH\n1. Nâng cao nhận thức.\nII. NHIỆM VỤ, GIẢI PHÁP\n1. Tuyên truyền\n"
            "a) Tổ chức hội nghị.\nIII. TRÁCH NHIỆM TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ")
    assert headings(text) == [("II. NHIỆM VỤ, GIẢI PHÁP", 1), ("1. Tuyên truyền", 2), ("a) Tổ chức hội nghị.", 3),
                              ("III. TRÁCH NHIỆM TỔ CHỨC THỰC HIỆN", 1), ("1. Sở Nội vụ", 2)]


def test_title_words_before_the_task_word():
    assert reads_as_title("Trách nhiệm tổ chức thực hiện")
    assert reads_as_title("Các nhiệm vụ trọng tâm")
    assert reads_as_title("ĐÁNH GIÁ BỐI CẢNH VÀ CÁC GIẢI PHÁP THỰC HIỆN")   # a coordinated part of capitals
    assert not reads_as_title("TỔNG MỨC CHI CHO TỪNG NHIỆM VỤ")            # the word is a complement
    assert not reads_as_title("Người đứng đầu cơ quan chịu trách nhiệm thực hiện nhiệm vụ được giao.")
    assert not reads_as_title("Phạm vi điều chỉnh")


def test_a_resolution_s_implementation_article_holds_its_clauses():
    """task:article-section: "Điều N. Tổ chức thực hiện" opens the section, the clauses of
    other articles open nothing; task:clause-heading: of its clauses only the lines that are
    headings (here a lead-in ending with ":") are task headings, not its one-sentence
    clauses and items (COMMITMENTS.md tasks, as batch 5's readers record it)."""
    text = ("Điều 1. Phạm vi điều chỉnh\n1. Nghị quyết này quy định nội dung hỗ trợ cho hộ nghèo.\n"
            "2. Các nội dung khác thực hiện theo quy định hiện hành.\n"
            "Điều 2. Tổ chức thực hiện\n1. Giao Ủy ban nhân dân tỉnh có trách nhiệm sau đây:\n"
            "a) Ban hành kế hoạch thực hiện;\nb) Báo cáo kết quả hằng năm.\n"
            "2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh giám sát việc thực hiện.\n"
            "Điều 3. Hiệu lực thi hành\n1. Nghị quyết này có hiệu lực từ ngày ký.\n"
            "2. Giao các cơ quan tổ chức thực hiện nhiệm vụ theo quy định.")
    assert headings(text) == [
        ("Điều 2. Tổ chức thực hiện", 1),
        ("1. Giao Ủy ban nhân dân tỉnh có trách nhiệm sau đây:", 2),
    ]
    tasks = extract_tasks(segment(text))
    assert [t.parent for t in tasks] == [None, 0]
    assert all(text[t.span[0]:t.span[1]].strip() == t.text for t in tasks)


def test_articles_stating_the_rule_s_content_open_no_section():
    """ "Điều 3. Nội dung chi", a chapter "... VÀ LỘ TRÌNH THỰC HIỆN" in a normative text
    state what the rule holds, not work to do."""
    text = ("Chương II NỘI DUNG VÀ LỘ TRÌNH THỰC HIỆN\nĐiều 3. Nội dung chi, mức chi\n"
            "1. Chi hỗ trợ tổ chức hội nghị.\nĐiều 4. Lộ trình thực hiện\n1. Từ năm 2026: áp dụng tại phường.\n"
            "PHỤ LỤC I NỘI DUNG CHI CHO CÔNG TÁC TẬP HUẤN\n1. Chi thuê hội trường.")
    assert headings(text) == []


def test_a_heading_wrapped_over_the_lines_of_its_paragraph_is_read_whole():
    """task:wrapped-heading: where blank lines part paragraphs, a numbered heading runs on to
    its paragraph's end, never over a bullet or the next heading."""
    text = ("IV. TỔ CHỨC THỰC HIỆN\n\n1. Đề nghị Ủy ban Mặt trận\nTổ quốc Việt Nam tỉnh tuyên truyền,\n"
            "vận động Nhân dân.\n\n2. Công an\ntỉnh\n- Chủ trì bảo đảm an ninh.\n\n3. Sở Tài chính\n\n"
            "Bố trí kinh phí.\n\n4. Sở Y tế\na) Tổ chức khám sàng lọc.")
    assert headings(text) == [("IV. TỔ CHỨC THỰC HIỆN", 1),
                              ("1. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tuyên truyền, vận động Nhân dân.", 2),
                              ("2. Công an tỉnh", 2), ("3. Sở Tài chính", 2), ("4. Sở Y tế", 2),
                              ("a) Tổ chức khám sàng lọc.", 3)]


def test_lines_without_blank_lines_between_are_headings_of_their_own():
    text = "IV. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ\nTham mưu Ủy ban nhân dân tỉnh.\n2. Sở Tài chính"
    assert headings(text) == [("IV. TỔ CHỨC THỰC HIỆN", 1), ("1. Sở Nội vụ", 2), ("2. Sở Tài chính", 2)]


def test_a_decree_s_responsibility_articles_open_sections():
    """task:implementation-article: "Trách nhiệm thi hành", "Trách nhiệm của ..." hand out
    work in a decree, though they hold no word of the tasks role; an article on a body's
    powers ("Nhiệm vụ và quyền hạn") states the rule's content; final provisions open none."""
    text = ("Điều 1. Vị trí và chức năng\nSở Văn hóa là cơ quan chuyên môn.\n"
            "Điều 2. Nhiệm vụ và quyền hạn\n1. Trình Ủy ban nhân dân tỉnh dự thảo quyết định.\n"
            "2. Về di sản văn hóa:\na) Hướng dẫn việc kiểm kê di tích.\n"
            "Điều 3. Trách nhiệm của các sở, ngành\n1. Trách nhiệm của Sở Tài chính\n"
            "Bố trí kinh phí thực hiện.\n2. Sở Nội vụ có trách nhiệm:\na) Hướng dẫn biên chế.\n"
            "3. Công an tỉnh phối hợp kiểm tra việc thực hiện.\n"
            "Điều 4. Điều khoản thi hành\n1. Nghị định này có hiệu lực từ ngày ký.\n"
            "Điều 5. Trách nhiệm thi hành\nCác Bộ trưởng chịu trách nhiệm thi hành Nghị định này.")
    assert headings(text) == [
        ("Điều 3. Trách nhiệm của các sở, ngành", 1),
        ("1. Trách nhiệm của Sở Tài chính", 2),   # a title line
        ("2. Sở Nội vụ có trách nhiệm:", 2),      # a lead-in
        ("Điều 5. Trách nhiệm thi hành", 1),
    ]


def test_clauses_are_kept_outside_article_bodies():
    """task:clause-heading reads only texts whose body is articles: a plan's numbered task
    headings written as sentences stay."""
    text = ("II. NHIỆM VỤ, GIẢI PHÁP\n1. Tăng cường công tác tuyên truyền về chuyển đổi số.\n"
            "a) Tổ chức hội nghị tại các xã.")
    assert headings(text) == [("II. NHIỆM VỤ, GIẢI PHÁP", 1),
                              ("1. Tăng cường công tác tuyên truyền về chuyển đổi số.", 2),
                              ("a) Tổ chức hội nghị tại các xã.", 3)]


def test_a_technical_appendix_opens_no_section():
    """task:article-section: "PHỤ LỤC ... GIẢI PHÁP KỸ THUẬT ..." of a resolution specifies
    requirements, it hands out no work."""
    text = ("Điều 1. Phạm vi\nNghị quyết này quy định biện pháp an toàn.\n"
            "PHỤ LỤC I GIẢI PHÁP KỸ THUẬT VỀ AN TOÀN CÔNG TRÌNH\n1. Đối với nhà ở riêng lẻ:\n"
            "a) Bố trí lối thoát nạn.")
    assert headings(text) == []
