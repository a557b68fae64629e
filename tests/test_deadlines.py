"""Deadline rules (ingest/deadlines.py), one made-up sentence per kind of text."""

import pytest

from ingest.deadlines import extract_deadlines
from ingest.segment import segment


def deadlines(text):
    return [(d.kind, d.day, d.month, d.year, d.quarter, d.recurrence, d.rule.split(":")[1])
            for d in extract_deadlines(segment(text))]


@pytest.mark.parametrize("text, expected", [
    # report-to: a reporting duty with a named recipient and no time
    ("III. TỔ CHỨC THỰC HIỆN\n1. Phòng Văn hóa\n- Kịp thời báo cáo UBND huyện những khó khăn phát sinh.",
     [("report", None, None, None, None, None, "report-to")]),
    ("III. TỔ CHỨC THỰC HIỆN\n- Khi có sự cố, báo cáo ngay về Sở Xây dựng để xử lý.",
     [("report", None, None, None, None, None, "report-to")]),
    ("III. TỔ CHỨC THỰC HIỆN\n- Tổng hợp kết quả, báo cáo cấp có thẩm quyền theo quy định.",
     [("report", None, None, None, None, None, "report-to")]),
    ("III. TỔ CHỨC THỰC HIỆN\n- Kịp thời báo cáo cơ quan có thẩm quyền xem xét, quyết định.",
     [("report", None, None, None, None, None, "report-to")]),
    # periodic: daily reports
    ("II. NHIỆM VỤ\n- Duy trì chế độ báo cáo nhanh hằng ngày trong mùa mưa bão.",
     [("report", None, None, None, None, "daily", "periodic")]),
    ("II. NHIỆM VỤ\n- Các xã báo cáo 02 lần/ngày về tình hình cấp phát hàng cứu trợ.",
     [("report", None, None, None, None, "daily", "periodic")]),
    # report-to past "xin ý kiến": asking a body's opinion is reporting to it
    ("III. TỔ CHỨC THỰC HIỆN\n- Sau khi báo cáo xin ý kiến Thường trực Hội đồng nhân dân tỉnh, Giám đốc Sở quyết định.",
     [("report", None, None, None, None, None, "report-to")]),
    # range-end: a period by days ends on its last day
    ("II. NHIỆM VỤ\n- Thời gian: từ ngày 01 đến ngày 20 tháng 9 năm 2026.",
     [("task", 20, 9, 2026, None, "once", "range-end")]),
    # month-range and months-and: periods by months, with no single due date
    ("II. NHIỆM VỤ\n- Lấy mẫu từ tháng 2 đến tháng 9 năm 2027.", [("task", None, 9, 2027, None, None, "month-range")]),
    ("II. NHIỆM VỤ\n- Kiểm tra vào tháng 5 và tháng 11 năm 2027.",
     [("task", None, 5, 2027, None, None, "months-and"), ("task", None, 11, 2027, None, None, "months-and")]),
    # year-range and until-year
    ("II. NHIỆM VỤ\n- Thời gian thực hiện: Từ năm 2026 đến hết năm 2028.",
     [("task", None, None, 2028, None, None, "year-range")]),
    ("II. NHIỆM VỤ\n- Thời gian: Từ nay đến hết năm 2026.", [("task", None, None, 2026, None, "once", "until-year")]),
    # quarter in arabic numerals, and a time label open to later years
    ("II. NHIỆM VỤ\n- Tổ chức hội nghị trong quý 2/2026.", [("task", None, None, 2026, 2, "once", "quarter")]),
    ("II. NHIỆM VỤ\n- Thời gian thực hiện: Năm 2027 và các năm tiếp theo.",
     [("task", None, None, 2027, None, None, "time-label")]),
    # in-month with a part of the month
    ("II. NHIỆM VỤ\n- Trình Hội đồng nhân dân tỉnh vào cuối tháng 6/2026.",
     [("task", None, 6, 2026, None, "once", "in-month")]),
    # within: a duration with no date
    # procedure-limit: counted from an event of each case, a rule of the procedure, no deadline
    ("II. NHIỆM VỤ\n- Khắc phục sự cố trong 24 giờ kể từ khi phát hiện.", []),
    ("II. NHIỆM VỤ\n- Trong thời hạn 07 ngày làm việc, Sở Tư pháp thẩm định hồ sơ.",
     [("task", None, None, None, None, None, "within")]),
    # continuous work over a year has no single due date
    ("II. NHIỆM VỤ\n- Kiểm tra được tiến hành thường xuyên, liên tục trong năm 2026.",
     [("task", None, None, 2026, None, None, "in-year")]),
    # aim-year: a rate to reach by a year, in a task
    ("II. NHIỆM VỤ, GIẢI PHÁP\n- Hỗ trợ hợp tác xã chuyển đổi số, phấn đấu đến năm 2030 đạt 40% hợp tác xã.",
     [("task", None, None, 2030, None, "once", "aim-year")]),
    # periodic: a yearly task in a task section, not a funding section's budget
    ("II. NHIỆM VỤ\n- Xây dựng kế hoạch kiểm tra hằng năm.", [("task", None, None, None, None, "yearly", "periodic")]),
    ("IV. KINH PHÍ THỰC HIỆN\n- Bố trí trong dự toán ngân sách hằng năm.", []),
    # observance-day: a named Day the plan observes, its date in parentheses
    ("II. NHIỆM VỤ\n- Tổ chức các hoạt động hưởng ứng “Ngày Quốc tế Hạnh phúc” (ngày 20/3).",
     [("task", 20, 3, None, None, "once", "observance-day")]),
    ("II. NHIỆM VỤ\n- Quyết định số 12 (ngày 20/3) của Ủy ban nhân dân tỉnh.", []),
    # from-date: a phase of a legal duty opens with the day it takes effect from
    ("Điều 5. Lộ trình\na) Kể từ ngày 01 tháng 7 năm 2027 đến hết ngày 31/12/2028: Áp dụng thí điểm tại khu vực trung tâm.",
     [("task", 1, 7, 2027, None, "once", "from-date")]),
    ("II. NHIỆM VỤ\n- Số lượng cấp phó giảm dần kể từ ngày 01/7/2027.", []),
    # until-date, until-month: work to be done from now until a day or a month
    ("II. NHIỆM VỤ\n- Tập trung rà soát hồ sơ tồn đọng từ nay đến ngày 30/9/2026.",
     [("task", 30, 9, 2026, None, "once", "until-date")]),
    ("II. NHIỆM VỤ\n- Tổ công tác hoạt động từ nay đến hết tháng 11/2026.",
     [("task", None, 11, 2026, None, "once", "until-month")]),
    # within-latest: the longest time allowed, with no date
    ("II. NHIỆM VỤ\n- Số cấp phó vượt quy định phải giảm, chậm nhất là 03 năm kể từ ngày 01/7/2026.",
     [("task", None, None, None, None, None, "within-latest")]),
    # a roadmap ("Lộ trình thực hiện") is a section of tasks
    ("III. LỘ TRÌNH THỰC HIỆN\n- Rà soát chính sách: định kỳ (hằng năm) đánh giá kết quả đạt được.",
     [("task", None, None, None, None, "yearly", "periodic")]),
])
def test_a_kind_of_deadline(text, expected):
    assert deadlines(text) == expected


def test_a_report_and_a_task_in_one_clause_are_kept_apart():
    """ "báo cáo X theo tiến độ, trình Y trước ngày ...": the date is the submission's; the
    report has no time of its own."""
    found = deadlines("II. NHIỆM VỤ\n- Báo cáo Ban Thường vụ theo tiến độ chung, trình Hội nghị trước ngày 10/5/2026.")
    assert sorted(found, key=str) == sorted([("task", 10, 5, 2026, None, "once", "date-recurring"),
                                             ("report", None, None, None, None, None, "report-to")], key=str)


def test_a_report_and_the_work_finished_by_a_date_are_kept_apart():
    """ "báo cáo X ... và hoàn thành chậm nhất ngày ...": finishing is a completion verb, the
    date is the work's; the report has no time of its own."""
    found = deadlines("II. NHIỆM VỤ\n- Rà soát quy chế, báo cáo Ban Thường vụ và hoàn thành chậm nhất ngày 31/3/2026.")
    assert sorted(found, key=str) == sorted([("task", 31, 3, 2026, None, "once", "date-recurring"),
                                             ("report", None, None, None, None, None, "report-to")], key=str)


def test_a_report_of_work_finished_keeps_its_date():
    """ "báo cáo kết quả hoàn thành ...": finishing names what is reported, the date is the report's."""
    found = deadlines("II. NHIỆM VỤ\n- Báo cáo kết quả hoàn thành việc rà soát về Sở Tư pháp trước ngày 30/11/2026.")
    assert found == [("report", 30, 11, 2026, None, "once", "date-recurring")]


def test_objectives_years_are_no_deadlines():
    assert deadlines("II. MỤC TIÊU\n1. Mục tiêu cụ thể\n- Phấn đấu đến năm 2030 đạt 90% hộ dân dùng nước sạch.") == []


def test_a_duration_among_objectives_is_a_deadline():
    """A duration ("trong 24 giờ đầu") is no target's horizon: a deadline even among objectives."""
    text = ("I. MỤC TIÊU\n- Phấn đấu đến năm 2030 đạt 90% hộ dân dùng nước sạch.\n"
            "- Bảo đảm người dân vùng ngập được tiếp cận nước uống trong 24 giờ đầu kể từ khi nước rút.")
    assert deadlines(text) == [("task", None, None, None, None, None, "within")]


def test_a_schedule_line_among_objectives_is_a_deadline():
    """An event of the plan set out under its objectives: the line that opens with "Thời gian:"
    says when it is held; the objective's own year stays a target's horizon."""
    text = ("I. MỤC TIÊU\n1. Mục tiêu cụ thể\n- Phấn đấu đến năm 2030 đạt 90% hộ dân dùng nước sạch.\n"
            "2. Tuần lễ nước sạch\na) Thời gian: Từ ngày 01/5/2026 đến ngày 07/5/2026.")
    assert deadlines(text) == [("task", 7, 5, 2026, None, "once", "range-end")]


def test_a_submission_among_objectives_is_a_deadline():
    """Among objectives and requirements, a time after a verb of submitting is when the work
    goes to another body, a deadline; a horizon with no such verb is a target's."""
    text = ("I. MỤC TIÊU, YÊU CẦU\n1. Khẩn trương hoàn thiện đề án để trình Hội đồng nhân dân tỉnh vào cuối tháng 6/2026.\n"
            "2. Phấn đấu hoàn thành 100% thủ tục trực tuyến trong năm 2027.")
    assert deadlines(text) == [("task", None, 6, 2026, None, "once", "in-month")]


def test_report_of_a_body_keeps_its_recipient():
    found = extract_deadlines(segment("III. TỔ CHỨC THỰC HIỆN\n- Định kỳ báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện."))
    assert [d.recipient for d in found] == ["Ủy ban nhân dân tỉnh"]


FLATTENED_TASK_TABLE = """KẾ HOẠCH
Triển khai công tác phòng cháy năm 2026
|
Nơi nhận:
- Như trên;
|
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
|
PHỤ LỤC
DANH MỤC NHIỆM VỤ
|
STT
|
Nội dung nhiệm vụ
|
Cơ quan chủ trì
|
Cơ quan phối hợp
|
Thời gian hoàn thành
|
Sản phẩm
|
|
1
|
Kiện toàn Ban Chỉ đạo phòng cháy cấp huyện
|
Công an huyện
|
Các phòng, ban
|
Trước ngày 15/3/2026
|
Quyết định
|
|
2
|
Ban hành quy chế phối hợp chữa cháy
|
Công an huyện
|
Các xã, thị trấn
|
2026
|
|
|
3
|
Tổng hợp danh mục phương tiện chữa cháy, báo cáo Ban Chỉ đạo huyện
|
Công an huyện
|
Các xã, thị trấn
|
Tháng 6 hằng năm
|
Báo cáo
|
|
"""


def test_a_flattened_task_table_with_its_header_glued_to_the_signature(tmp_path):
    """deadline:table-time: a task table flattened one cell per line, its header glued to the
    text before it (signature, appendix title), a row whose empty last cell was lost, and time
    cells with a date, a lone year and a yearly month; the text rules do not read a cell twice."""
    from ingest.extract import extract
    from ingest.read import read

    path = tmp_path / "bang.md"
    path.write_text(FLATTENED_TASK_TABLE, encoding="utf-8")
    found = [(d.kind, d.day, d.month, d.year, d.recurrence, d.actor, d.rule) for d in extract(read(path)).deadlines]
    assert found == [("task", 15, 3, 2026, "once", "Công an huyện", "deadline:table-time"),
                     ("task", None, None, 2026, "once", "Công an huyện", "deadline:table-time"),
                     ("report", None, 6, None, "yearly", "Công an huyện", "deadline:table-time")]


def test_a_heading_of_reporting_is_no_report():
    """report-to: the recipient stands on the verb's line; "V. CHẾ ĐỘ BÁO CÁO" over a
    paragraph that opens with a capital is no duty to report."""
    assert deadlines("V. CHẾ ĐỘ BÁO CÁO\nCác phòng chuyên môn chủ động triển khai Kế hoạch.") == []


def test_reports_of_one_clause_to_two_bodies():
    """A dated report keeps the recipient its link leads to past "gửi báo cáo" ("... về Hội
    Nông dân huyện"), so a report of the same clause to another body ("báo cáo kết quả thực hiện
    với Ủy ban nhân dân huyện", report_objects) is one more duty."""
    found = extract_deadlines(segment(
        "V. CHẾ ĐỘ BÁO CÁO\nĐịnh kỳ trước ngày 05/12 hằng năm, các xã gửi báo cáo tình hình về Hội Nông dân huyện "
        "để tổng hợp, báo cáo kết quả thực hiện với Ủy ban nhân dân huyện theo quy định."))
    assert [(d.kind, d.day, d.month, d.recurrence, d.recipient) for d in found] == [
        ("report", 5, 12, "yearly", "Hội Nông dân huyện"), ("report", None, None, None, "Ủy ban nhân dân huyện")]


def test_a_report_object_before_a_bare_name_names_no_recipient():
    """The duty to report stands (report-bare), with no recipient: "Tháng hành động" is what is reported."""
    found = extract_deadlines(segment("II. NHIỆM VỤ\n- Các xã báo cáo kết quả thực hiện Tháng hành động theo quy định."))
    assert [(d.kind, d.recipient, d.rule) for d in found] == [("report", None, "deadline:report-bare")]


@pytest.mark.parametrize("text, expected", [
    # report-bare: a duty to report with no recipient, one per clause
    ("III. TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính\n- Theo dõi, đôn đốc, báo cáo tiến độ giải ngân.", 1),
    ("III. TỔ CHỨC THỰC HIỆN\n- Cập nhật số liệu thiệt hại; báo cáo ngay để điều chỉnh phương án.", 1),
    ("III. TỔ CHỨC THỰC HIỆN\n- Tổng hợp, báo cáo kết quả thực hiện theo quy định, báo cáo đột xuất khi có yêu cầu.", 1),
    # documents and persons named "báo cáo" are no duty
    ("III. TỔ CHỨC THỰC HIỆN\n- Phát huy vai trò của đội ngũ báo cáo viên, tuyên truyền viên.", 0),
    ("III. TỔ CHỨC THỰC HIỆN\n- Thống nhất với các kiến nghị nêu trong các báo cáo của các bộ, ngành.", 0),
    ("III. TỔ CHỨC THỰC HIỆN\n- Cơ bản thống nhất với Báo cáo về tình hình sắp xếp bộ máy.", 0),
    ("III. TỔ CHỨC THỰC HIỆN\n- Triển khai theo Báo cáo số 21-BC/ĐU của Đảng ủy.", 0),
    # outside tasks and responsibilities, a report is not a duty of this plan
    ("I. TÌNH HÌNH\nCác xã đã báo cáo đầy đủ số liệu năm trước.", 0),
    # a recipient list's "(để báo cáo)" is no duty
    ("III. TỔ CHỨC THỰC HIỆN\n- Bộ Công an (để báo cáo);", 0),
])
def test_a_duty_to_report_with_no_recipient(text, expected):
    assert len([d for d in extract_deadlines(segment(text)) if d.rule == "deadline:report-bare"]) == expected


def test_work_finished_by_a_date_and_then_reported():
    """finished_by: "..., hoàn thành trước ngày ... và tổng hợp báo cáo về Sở ...": the time is the
    work's and the report's that follows it; a report before the time keeps it alone."""
    found = extract_deadlines(segment("II. NHIỆM VỤ\n- Kiểm kê các giếng khoan trên địa bàn, hoàn thành trước ngày "
                                      "30/11/2026 và tổng hợp báo cáo về Sở Xây dựng."))
    assert [(d.kind, d.day, d.month, d.year, d.recipient) for d in found] == [
        ("task", 30, 11, 2026, None), ("report", 30, 11, 2026, "Sở Xây dựng")]
    assert deadlines("II. NHIỆM VỤ\n- Báo cáo kết quả kiểm kê về Sở Xây dựng, hoàn thành trước ngày 30/11/2026.") == [
        ("report", 30, 11, 2026, None, "once", "date-recurring")]


def test_a_second_report_joined_to_a_dated_one():
    """report-also: "gửi báo cáo ... trước ngày ... hằng năm và báo cáo đột xuất khi có yêu cầu về Sở
    ...": the report joined by "và" after the time, with no time of its own, is one more duty."""
    found = extract_deadlines(segment(
        "V. CHẾ ĐỘ BÁO CÁO\nCác phòng gửi báo cáo kết quả trước ngày 20/11 hằng năm và báo cáo đột xuất "
        "khi có yêu cầu về Sở Nội vụ."))
    assert [(d.kind, d.day, d.month, d.recurrence, d.rule) for d in found] == [
        ("report", 20, 11, "yearly", "deadline:date-recurring"), ("report", None, None, None, "deadline:report-also")]


def test_a_reporting_section_holds_duties_but_its_heading_is_none():
    found = extract_deadlines(segment("V. TỔ CHỨC THỰC HIỆN\n2. Chế độ báo cáo\nCác phòng theo dõi, báo cáo tiến độ."))
    assert [(d.kind, d.text, d.rule) for d in found] == [
        ("report", "Các phòng theo dõi, báo cáo tiến độ", "deadline:report-bare")]


def test_a_period_in_the_preamble_is_past():
    """preamble-past: before the body, "Từ ngày ... đến ngày ..., trên địa bàn xảy ra ..." tells what
    happened; the same period in the body is when a task runs, and a due word ("trước ngày") in the
    preamble still counts."""
    from ingest.document_parts import DocumentParts
    text = ("KẾ HOẠCH\nKhắc phục hậu quả mưa lũ\nTừ ngày 02/10 đến ngày 06/10/2026, trên địa bàn tỉnh xảy ra mưa lớn. "
            "Các xã khẩn trương báo cáo thiệt hại trước ngày 10/10/2026.\n"
            "I. NHIỆM VỤ\n1. Dọn dẹp vệ sinh môi trường từ ngày 08/10 đến ngày 20/10/2026.")
    outline = segment(text)
    body = text.index("I. NHIỆM VỤ")
    found = extract_deadlines(outline, DocumentParts((0, body)))
    assert [(d.kind, d.day, d.month, d.rule) for d in found] == [
        ("report", 10, 10, "deadline:date-recurring"), ("task", 20, 10, "deadline:range-end")]
    assert len(extract_deadlines(outline)) == 3   # without the parts, nothing is known of a preamble


def test_a_yearly_task_joined_to_a_dated_report():
    """joined-duty: "xây dựng kế hoạch hằng năm và định kỳ báo cáo ... trước ngày 20/11": the yearly
    recurrence ends a task of its own; the dated report after "và" keeps its date, yearly."""
    found = extract_deadlines(segment("V. CHẾ ĐỘ BÁO CÁO\n- Các phòng xây dựng kế hoạch chi tiết hằng năm và định kỳ "
                                      "báo cáo kết quả thực hiện trước ngày 25/11 về Sở Tư pháp."))
    assert [(d.kind, d.day, d.month, d.recurrence) for d in found] == [
        ("task", None, None, "yearly"), ("report", 25, 11, "yearly")]
    assert deadlines("V. CHẾ ĐỘ BÁO CÁO\n- Định kỳ hằng năm, trước ngày 25/11, báo cáo kết quả về Sở Tư pháp.") == [
        ("report", 25, 11, None, None, "yearly", "date-recurring")]


@pytest.mark.parametrize("text, expected", [
    # situation-past: a period under a heading of situation tells what happened
    ("I. ĐÁNH GIÁ TÌNH HÌNH THIỆT HẠI\nTừ ngày 02/10 đến ngày 06/10/2026, trên địa bàn tỉnh xảy ra mưa lớn.", []),
    # what is to be reached is no situation
    ("II. KẾT QUẢ CẦN ĐẠT\n- Hoàn thành sửa chữa trường học từ ngày 02/10 đến ngày 20/10/2026.",
     [("task", 20, 10, 2026, None, "once", "range-end")]),
])
def test_a_period_in_a_situation_section_is_past(text, expected):
    assert deadlines(text) == expected


@pytest.mark.parametrize("text, expected", [
    # programme-phase: a period after a phase's label is part of a programme's name
    ("II. NHIỆM VỤ\n- Theo khoản 2 Chương trình phát triển vùng cao giai đoạn 2026 - 2035, giai đoạn I: Từ năm 2026 "
     "đến năm 2030 thì xã được hỗ trợ.", []),
    # dated-line: a timeline's line opening with its day or month
    ("II. NHIỆM VỤ\n- Ngày 12/3/2027: Công bố thể lệ hội thi.", [("task", 12, 3, 2027, None, "once", "dated-line")]),
    ("II. NHIỆM VỤ\n- Cuối tháng 11/2027: tổ chức tổng kết hội thi.",
     [("task", None, 11, 2027, None, "once", "dated-line")]),
    # range-end with a dash, and with times of day
    ("II. NHIỆM VỤ\n- Từ ngày 02/4/2027 – ngày 20/5/2027: Các trường tổ chức vòng sơ loại.",
     [("task", 20, 5, 2027, None, "once", "range-end")]),
    ("II. NHIỆM VỤ\n- Vòng thi mở từ 08h00 ngày 03/5/2027 đến 17h00 ngày 10/5/2027 trên trang thi.",
     [("task", 10, 5, 2027, None, "once", "range-end")]),
    # labelled-date: a line "<what>: <its day or month>" and nothing after
    ("II. NHIỆM VỤ\n+ Hạn chót nộp tác phẩm: Ngày 30/6/2027.", [("task", 30, 6, 2027, None, "once", "labelled-date")]),
    ("II. NHIỆM VỤ\n+ Lễ trao giải: Tháng 8/2027", [("task", None, 8, 2027, None, "once", "labelled-date")]),
    # label-month: a time label's month, written with a capital
    ("II. NHIỆM VỤ\nThời gian thực hiện: Trong tháng 10/2027 với dữ liệu của Sở.",
     [("task", None, 10, 2027, None, "once", "label-month")]),
    # by-year: a sentence of a task opening with its year
    ("II. NHIỆM VỤ\n- Nâng cấp hệ thống cảnh báo lũ. Đến năm 2031, hệ thống được kết nối với các xã.",
     [("task", None, None, 2031, None, "once", "by-year")]),
    # aim-amount: a word of striving before an amount, in a task
    ("II. NHIỆM VỤ\n- Trồng mới rừng phòng hộ, diện tích rừng đến năm 2031 đạt 2.500 ha.",
     [("task", None, None, 2031, None, "once", "aim-year")]),
])
def test_timelines_phases_and_years_of_tasks(text, expected):
    assert deadlines(text) == expected


def test_a_year_of_a_task_opening_sentence_outside_tasks_is_none():
    assert deadlines("I. TÌNH HÌNH CHUNG\nĐến năm 2031, hệ thống được kết nối với các xã.") == []


def test_a_report_a_right_allows_is_no_duty():
    # right-not-duty: "được quyền ... và báo cáo lên" grants a right; a duty to report stays one
    assert deadlines("II. NHIỆM VỤ\n- Thành viên có ý kiến khác được quyền bảo lưu và báo cáo lên cơ quan cấp trên.") == []
    assert deadlines("II. NHIỆM VỤ\n- Các phòng báo cáo lên Sở Tư pháp.") == [
        ("report", None, None, None, None, None, "report-to")]


def test_a_monitoring_calendar_is_a_yearly_task_due_at_its_last_month():
    # monitoring-calendar, and a year range written with a dash
    found = extract_deadlines(segment("II. NỘI DUNG\n1. Quan trắc nước vùng nuôi\na. Thời gian thực hiện: Từ tháng 4\n"
                                      "đến tháng 10 hằng năm.\nb. Thời gian: tháng 6-8 hàng năm.\n"
                                      "2. Thời gian thực hiện: Từ năm 2026 - 2030.\n"))
    assert [(d.kind, d.month, d.year, d.recurrence) for d in found] == [
        ("task", 10, None, "yearly"), ("task", 8, None, "yearly"), ("task", None, 2030, None)]


def test_an_onward_report_is_a_duty_of_the_body_that_gathers():
    # onward-report: "... về Sở Y tế ... để tổng hợp, báo cáo UBND tỉnh" gives Sở Y tế's own report
    found = extract_deadlines(segment(
        "III. TỔ CHỨC THỰC HIỆN\n1. UBND các xã gửi báo cáo kết quả về Sở Y tế trước ngày 10/12 hằng năm để tổng "
        "hợp, báo cáo UBND tỉnh.\n2. Các sở, ngành hằng năm báo cáo kết quả về Ban Chỉ đạo tỉnh để tổng hợp, báo cáo.\n"
        "3. Nếu có vướng mắc, các xã phản ánh về Sở Tài chính để tổng hợp, báo cáo UBND tỉnh.\n"))
    assert [(d.day, d.month, d.recurrence, d.actor, d.recipient) for d in found][:4] == [
        (10, 12, "yearly", "UBND các xã", "Sở Y tế"), (None, None, None, "Sở Y tế", "UBND tỉnh"),
        (None, None, "yearly", "Các sở, ngành", "Ban Chỉ đạo tỉnh"), (None, None, None, "Ban Chỉ đạo tỉnh", None)]
    assert [d.rule for d in found].count("deadline:onward-report") == 2  # feedback ("phản ánh") is no report gathered


def test_recurrences_joined_by_and_are_one_report_each():
    # joined-recurrences
    found = extract_deadlines(segment("III. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế báo cáo định kỳ hằng quý và hằng năm.\n"))
    assert [(d.kind, d.recurrence) for d in found] == [("report", "quarterly"), ("report", "yearly")]

def test_a_procedure_s_time_limit_is_no_deadline():
    """procedure-limit: a duration counted from, or back from, an event of each case is a rule
    of the procedure (COMMITMENTS.md, deadlines)."""
    assert deadlines("Điều 9. Trình tự xét duyệt\n1. Trong thời hạn 07 ngày làm việc, kể từ ngày nhận được đơn, "
                     "Sở Nội vụ thẩm định hồ sơ.") == []
    assert deadlines("Điều 9. Thủ tục\na) Chậm nhất là 03 ngày làm việc trước ngày họp Hội đồng, thư ký gửi "
                     "giấy mời.") == []
    assert deadlines("Điều 9. Sự cố\nCơ quan quản lý thông báo trong vòng 12 giờ kể từ thời điểm xảy ra sự cố.") == []


def test_a_span_from_the_document_s_own_start_stays_a_deadline():
    """procedure-limit: counted from the day the decree takes effect, the span is the duty's."""
    found = deadlines("Điều 12. Tổ chức thực hiện\nCác bộ hoàn thành việc rà soát trong 02 năm kể từ ngày "
                      "Nghị định này có hiệu lực.")
    assert found == [("task", None, None, None, None, None, "own-span")]
    found = deadlines("Điều 7. Tổ chức thực hiện\nChủ cơ sở di dời cơ sở; thời gian thực hiện không quá 18 tháng "
                      "kể từ ngày Nghị quyết có hiệu lực thi hành.")
    assert found == [("task", None, None, None, None, None, "own-span")]
