"""Task headings are the headings inside task sections (tests/golden/COMMITMENTS.md, tasks):
made-up texts of each kind."""

from ingest.segment import segment
from ingest.tasks import extract_tasks, reads_as_title


def headings(text: str) -> list[tuple[str, int]]:
    return [(t.heading, t.level) for t in extract_tasks(segment(text))]


def test_numbered_paragraphs_mentioning_a_task_word_open_no_section():
    """task:titled-section: a conclusion's numbered points name tasks on their way and open no
    section (nothing at level 1); the points that direct someone are tasks of their own
    (task:directed-heading), the point that assesses is none."""
    text = ("1. Bộ Chính trị đánh giá cao kết quả thực hiện nhiệm vụ năm 2024.\n"
            "2. Giao Ban Tổ chức Trung ương chủ trì tổ chức thực hiện Kết luận này.\n"
            "3. Yêu cầu các cấp ủy triển khai các nội dung nêu trên.")
    assert headings(text) == [("2. Giao Ban Tổ chức Trung ương chủ trì tổ chức thực hiện Kết luận này.", 2),
                              ("3. Yêu cầu các cấp ủy triển khai các nội dung nêu trên.", 2)]


def test_a_directing_paragraph_opens_a_list_of_tasks():
    """task:directed-list: a directive's lead-in, wrapped over lines, directs the bodies of the
    items after it; the items are tasks (level 2, their lettered items 3), with no section."""
    text = ("Để khắc phục những hạn chế nêu trên, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu\n"
            "Giám đốc các sở, ban, ngành thực hiện tốt các nội dung sau:\n\n"
            "1. Sở Giáo dục và Đào tạo\n\na) Rà soát mạng lưới trường học.\n\nb) Bảo đảm đủ giáo viên.\n\n"
            "2. Công an tỉnh\n\nTăng cường tuần tra vào dịp lễ.\n")
    tasks = extract_tasks(segment(text))
    assert [(t.heading, t.level, t.parent, t.rule) for t in tasks] == [
        ("1. Sở Giáo dục và Đào tạo", 2, None, "task:directed-list"),
        ("a) Rà soát mạng lưới trường học.", 3, 0, "task:directed-list"),
        ("b) Bảo đảm đủ giáo viên.", 3, 0, "task:directed-list"),
        ("2. Công an tỉnh", 2, None, "task:directed-list")]
    assert text[slice(*tasks[3].span)].strip() == "2. Công an tỉnh\n\nTăng cường tuần tra vào dịp lễ."


def test_a_lead_in_naming_its_tasks_opens_a_list():
    """task:directed-list: "... tập trung vào các nhiệm vụ trọng tâm sau:" (a task noun in the
    phrase the ending closes)."""
    text = ("Các bộ, ngành, địa phương tập trung vào một số nhiệm vụ trọng tâm sau:\n\n"
            "1. Rà soát quy hoạch mạng lưới.\n2. Kiểm tra việc chấp hành.\n")
    assert headings(text) == [("1. Rà soát quy hoạch mạng lưới.", 2), ("2. Kiểm tra việc chấp hành.", 2)]


def test_lead_ins_that_direct_no_one_open_no_list():
    """"yêu cầu" as a noun, a list of indicators, a task noun only in a clause of
    circumstance far before the ending, the powers of a body: no tasks."""
    for lead_in in ("Kế hoạch có mục đích và yêu cầu như sau:",
                    "Phấn đấu đến năm 2030 đạt các chỉ tiêu sau:",
                    "Thực hiện nhiệm vụ, giải pháp được đề ra tại Nghị quyết số 27-NQ/TW về xây dựng nền tư pháp "
                    "chuyên nghiệp, hiện đại, công bằng, nghiêm minh, liêm chính, phụng sự Tổ quốc, phục vụ Nhân dân, "
                    "Luật năm 2024 đã sửa đổi một số quy định về tổ chức của Tòa án như sau:",
                    "Luật bổ sung nhiệm vụ, quyền hạn của Tòa án như sau:"):
        assert headings(f"{lead_in}\n\n1. Mục đích\n\n2. Về tổ chức bộ máy\n") == [], lead_in


def test_a_directed_list_ends_where_its_numbering_starts_again():
    text = ("Ủy ban nhân dân tỉnh yêu cầu:\n\na) Sở Y tế kiểm tra.\n\nb) Sở Tài chính bố trí kinh phí.\n\n"
            "Kết quả năm trước cho thấy:\n\na) Tỷ lệ đạt 90%.\n")
    assert headings(text) == [("a) Sở Y tế kiểm tra.", 2), ("b) Sở Tài chính bố trí kinh phí.", 2)]


def test_no_directed_list_under_objectives_nor_a_requirements_title():
    """A lead-in inside an objectives section lists objectives; "2. Yêu cầu" alone titles the
    requirements of a plan (no one is directed)."""
    text = ("I. MỤC TIÊU\nỦy ban nhân dân tỉnh yêu cầu các ngành phấn đấu:\n\n1. Đạt 95% trường chuẩn.\n"
            "II. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n2. Yêu cầu\n- Bám sát chỉ đạo.\n")
    assert headings(text) == []


def test_directed_lists_and_task_sections_keep_the_order_of_the_text():
    """Tasks are listed in the order of the text, each parent index pointing at its parent."""
    text = ("Ủy ban nhân dân tỉnh yêu cầu các sở, ngành:\n\n1. Rà soát thủ tục.\n\n"
            "II. NHIỆM VỤ, GIẢI PHÁP\n1. Tuyên truyền\na) Tổ chức hội nghị.\n")
    tasks = extract_tasks(segment(text))
    assert [(t.heading, t.level, t.parent) for t in tasks] == [
        ("1. Rà soát thủ tục.", 2, None), ("II. NHIỆM VỤ, GIẢI PHÁP", 1, None), ("1. Tuyên truyền", 2, 1),
        ("a) Tổ chức hội nghị.", 3, 2)]


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
    other articles open nothing; every clause and item of the section is a task heading,
    one-sentence clauses too (COMMITMENTS.md tasks: every numbered or lettered heading inside)."""
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
        ("a) Ban hành kế hoạch thực hiện;", 3),
        ("b) Báo cáo kết quả hằng năm.", 3),
        ("2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh giám sát việc thực hiện.", 2),
    ]
    tasks = extract_tasks(segment(text))
    assert [t.parent for t in tasks] == [None, 0, 1, 1, 0]
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
        ("a) Hướng dẫn biên chế.", 3),            # its item
        ("3. Công an tỉnh phối hợp kiểm tra việc thực hiện.", 2),  # a one-sentence clause
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


def test_the_clauses_of_final_provisions_are_no_tasks():
    """task:final-provisions: a chapter of implementation holds the article on entry into
    force; its clauses say when the text applies, not work to do."""
    text = ("Chương IV TỔ CHỨC THỰC HIỆN\nĐiều 16. Trách nhiệm của Sở Tài chính\n1. Bố trí kinh phí hằng năm.\n"
            "Điều 17. Hiệu lực thi hành\n1. Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2026.\n"
            "2. Nghị quyết số 05/2022/NQ-HĐND hết hiệu lực.")
    assert headings(text) == [("Chương IV TỔ CHỨC THỰC HIỆN", 1), ("Điều 16. Trách nhiệm của Sở Tài chính", 2),
                              ("1. Bố trí kinh phí hằng năm.", 3), ("Điều 17. Hiệu lực thi hành", 2)]


def test_a_plan_s_parts_titled_by_their_subject_are_task_sections():
    """task:topic-section: between the objectives and the implementation, a plan's top parts
    titled by their subject lay out its work; its scope, a part before the objectives and one
    after the implementation are none."""
    text = ("I. MỤC TIÊU\n1. Đến năm 2030 đạt 80%.\nII. PHẠM VI, ĐỐI TƯỢNG ÁP DỤNG\n1. Các xã, phường.\n"
            "III. PHÁT TRIỂN HẠ TẦNG SỐ\n1. Hạ tầng viễn thông\na) Phủ sóng 5G.\n"
            "IV. TỔ CHỨC THỰC HIỆN\n1. Sở Khoa học và Công nghệ\nV. HỢP TÁC QUỐC TẾ\n1. Tham gia diễn đàn.")
    tasks = extract_tasks(segment(text))
    assert [(t.heading, t.level, t.parent, t.rule) for t in tasks] == [
        ("III. PHÁT TRIỂN HẠ TẦNG SỐ", 1, None, "task:topic-section"),
        ("1. Hạ tầng viễn thông", 2, 0, "task:topic-section"),
        ("a) Phủ sóng 5G.", 3, 1, "task:topic-section"),
        ("IV. TỔ CHỨC THỰC HIỆN", 1, None, "task:section-heading"),
        ("1. Sở Khoa học và Công nghệ", 2, 3, "task:section-heading")]


def test_no_topic_section_without_objectives_before_it():
    text = "I. PHÁT TRIỂN HẠ TẦNG SỐ\n1. Phủ sóng 5G.\nII. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế"
    assert headings(text) == [("II. TỔ CHỨC THỰC HIỆN", 1), ("1. Sở Y tế", 2)]


def test_the_rows_of_a_task_table_are_tasks_under_its_section(tmp_path):
    """task:table-row: a task appendix's table ("TT | Nội dung | Cơ quan chủ trì | ..."), as the
    web pages lay it out one cell per block: its group rows at level 2 under the appendix, the
    numbered rows at 3 under their group; a table of indicators (no lead column) gives none."""
    from ingest.read import read
    from ingest.segment import emphasised_lines
    from ingest.tables import markdown_tables

    def table(rows):
        return "\n".join("|\n" + "\n|\n".join(row) + "\n|" for row in rows) + "\n"

    page = ("**III. TỔ CHỨC THỰC HIỆN**\n\nCác sở thực hiện các nhiệm vụ tại Phụ lục.\n\n"
            "**PHỤ LỤC**\n\n**DANH MỤC NHIỆM VỤ**\n\n"
            + table([["TT", "Nội dung thực hiện", "Cơ quan chủ trì", "Thời gian"],
                     ["I", "HOÀN THIỆN THỂ CHẾ"],
                     ["1", "Rà soát quy chế phối hợp", "Sở Tư pháp", "2026"],
                     ["2", "Ban hành hướng dẫn", "Sở Nội vụ", "Quý I/2026"]])
            + "\nBiểu chỉ tiêu\n\n"
            + table([["TT", "Nội dung", "Đơn vị tính", "Năm 2026"], ["1", "Tỷ lệ hộ nghèo", "%", "2"]]))
    path = tmp_path / "plan.md"
    path.write_text(page, encoding="utf-8")
    source = read(path)
    tasks = extract_tasks(segment(source.text, emphasised_lines(source)), markdown_tables(source))
    appendix = next(i for i, t in enumerate(tasks) if t.heading.startswith("PHỤ LỤC"))
    assert tasks[appendix].level == 1
    rows = [t for t in tasks if t.rule == "task:table-row"]
    assert [(t.heading, t.level, tasks[t.parent].heading.split()[0]) for t in rows] == [
        ("I HOÀN THIỆN THỂ CHẾ", 2, "PHỤ"), ("1 Rà soát quy chế phối hợp", 3, "I"), ("2 Ban hành hướng dẫn", 3, "I")]
    assert rows[0].parent == appendix and tasks.index(rows[0]) > appendix
    for task in rows:
        assert source.text[task.span[0]:task.span[1]].strip() == task.text


def test_lettered_items_written_with_a_full_stop_are_headings():
    """"a. Thời gian thực hiện" is an item as "a) ..." is; a letter and a full stop before a
    number ("a. 2025") or within a word is none."""
    text = ("II. NỘI DUNG THỰC HIỆN\n1. Quan trắc môi trường\na. Thời gian thực hiện: tháng 3\n"
            "b. Địa điểm quan trắc\nc. 2025 là năm đầu.\n")
    assert headings(text) == [("II. NỘI DUNG THỰC HIỆN", 1), ("1. Quan trắc môi trường", 2),
                              ("a. Thời gian thực hiện: tháng 3", 3), ("b. Địa điểm quan trắc", 3)]
