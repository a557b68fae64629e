"""Numeric targets wherever a plan states them (ingest/targets.py), each rule on a short
made-up sentence of its kind."""

from ingest.segment import segment
from ingest.targets import extract_targets


def targets(text: str):
    return extract_targets(segment(text))[0]


def one(text: str):
    found = targets(text)
    assert len(found) == 1, [(t.value, t.unit, t.text) for t in found]
    return found[0]


# --- target:committed-value: a cue outside objectives sections ---------------------------

def test_a_task_item_that_strives_for_a_rate_is_a_target():
    t = one("III. NHIỆM VỤ, GIẢI PHÁP\n1. Công tác dân số\n"
            "- Phấn đấu tổng tỷ suất sinh đạt 2,0 con/phụ nữ vào năm 2030.")
    assert (t.value, t.unit, t.year, t.rule) == (2.0, "con/phụ nữ", 2030, "target:committed-value")
    assert t.section == "1. Công tác dân số"


def test_a_responsibility_item_with_a_bound_word_is_a_target():
    t = one("IV. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế\n- Bảo đảm ít nhất 80% trạm y tế xã có bác sĩ làm việc.")
    assert (t.value, t.unit, t.comparator) == (80.0, "%", "at_least")


def test_a_percentage_to_reduce_is_a_target_and_its_year_comes_from_the_heading():
    t = one("II. NHIỆM VỤ NĂM 2027\n- Giảm 3% số vụ tai nạn giao thông so với cùng kỳ năm trước.")
    # "so với cùng kỳ" stands after the value: a comparison, not a statistic
    assert (t.value, t.year) == (3.0, 2027)


def test_a_full_coverage_that_is_to_be_reached_is_a_target():
    t = one("II. NHIỆM VỤ\n- 100% hồ sơ thủ tục hành chính được số hóa.")
    assert (t.value, t.unit, t.comparator) == (100.0, "%", None)


def test_a_bound_word_wins_over_keeping_a_level():
    t = one("II. NHIỆM VỤ\n- Duy trì tỷ lệ tiêm chủng đầy đủ từ 95% trở lên.")
    assert t.comparator == "at_least"


def test_a_bound_word_after_a_copula_still_bounds_the_value():
    t = one("II. YÊU CẦU\n- Độ chính xác của dữ liệu tối thiểu là 97%.")
    assert t.comparator == "at_least"


def test_a_value_without_a_cue_outside_objectives_is_no_target():
    assert targets("II. NHIỆM VỤ\n- Tổ chức 3 lớp tập huấn cho cán bộ.") == []


def test_the_places_a_task_applies_to_are_no_target():
    assert targets("II. NHIỆM VỤ\n- Phấn đấu triển khai mô hình tại 15 phường trên địa bàn.") == []


def test_a_statistic_of_the_past_is_no_target():
    assert targets("II. NHIỆM VỤ\n- Năm qua, tỷ lệ hộ dùng nước sạch đã đạt 92%.") == []


def test_a_results_section_states_no_target():
    assert targets("I. KẾT QUẢ THỰC HIỆN NĂM 2024\n- Tỷ lệ trẻ em được tiêm chủng đạt 98%.") == []


def test_a_funding_clause_states_no_target():
    assert targets("II. NHIỆM VỤ\n- Hỗ trợ tối đa 50% chi phí đào tạo cho người học.") == []
    assert targets("V. KINH PHÍ THỰC HIỆN\n- Tổng kinh phí khoảng 120 tỷ đồng.") == []


def test_a_scoring_rule_is_no_target():
    assert targets("II. CÁCH CHẤM\n- Đơn vị đạt 100% được cộng 05 điểm.") == []


def test_a_description_with_having_is_no_target_but_a_minimum_is():
    assert targets("II. NHIỆM VỤ\n- Lấy mẫu tại vùng nuôi có diện tích từ 20 ha trở lên.") == []
    assert one("II. NHIỆM VỤ\n- Mỗi huyện có ít nhất 02 trung tâm văn hóa.").value == 2.0


def test_a_value_inside_a_quoted_name_is_no_target_nor_gives_a_year():
    assert targets("II. NHIỆM VỤ\n- Phấn đấu thực hiện Đề án “Trồng 1 triệu cây xanh giai đoạn 2021-2025”.") == []
    t = one("I. MỤC TIÊU ĐẾN NĂM 2030\n- 100% cán bộ được đào tạo theo Đề án “Nhân lực số giai đoạn 2021-2025”.")
    assert t.year == 2030


def test_an_estimate_of_money_is_no_target():
    assert targets("II. DỰ KIẾN\n- Giảm thuế cho doanh nghiệp khoảng 40 tỷ đồng.") == []


# --- units, years, scope ------------------------------------------------------------------

def test_units_keep_their_per_part_and_rates_are_per_a_power_of_ten():
    found = targets("I. MỤC TIÊU\n- Tỷ số giới tính khi sinh dưới 108 bé trai/100 bé gái.\n"
                    "- Đạt 30 giường bệnh/vạn dân.\n- Quan trắc với tần suất 2 lần/tháng.")
    assert [(t.value, t.unit) for t in found] == [(108.0, "bé trai/100 bé gái"), (30.0, "giường bệnh/vạn dân"),
                                                  (2.0, "lần/tháng")]


def test_a_round_the_clock_service_is_no_rate():
    assert targets("II. NHIỆM VỤ\n- Bảo đảm hệ thống hoạt động 24/7 phục vụ người dân.") == []


def test_the_horizon_of_a_period_and_the_later_of_two_years():
    t = one("II. NHIỆM VỤ\n- Trong giai đoạn 2026 - 2030, phấn đấu mỗi năm tăng 5% số doanh nghiệp.")
    assert t.year == 2030
    t = one("II. NHIỆM VỤ\n- Phấn đấu cắt giảm tối thiểu 20% thời gian xử lý hồ sơ năm 2025 và 2026.")
    assert t.year == 2026


def test_the_measured_phrase_before_the_value_is_the_scope():
    t = one("II. NHIỆM VỤ\n- Phấn đấu tỷ lệ cán bộ nữ tham gia cấp ủy từ 20% trở lên.")
    assert t.scope == "tỷ lệ cán bộ nữ tham gia cấp ủy"


# --- objectives headings the numbered outline does not know --------------------------------

def test_a_parenthesised_objectives_heading_opens_an_objectives_section():
    found = targets("2. Nội dung\n(1) Mục tiêu chung\n- Nâng cao chất lượng dịch vụ.\n(2) Mục tiêu cụ thể\n"
                    "- 90% người dân hài lòng với dịch vụ công.")
    assert [(t.value, t.rule) for t in found] == [(90.0, "target:objective-clause")]


def test_an_emphasised_unnumbered_objectives_line_opens_an_objectives_section():
    text = "II. NỘI DUNG\nMục tiêu đến năm 2027\n- 85% thôn có nhà văn hóa.\n1. Nhiệm vụ\n- Tổ chức 3 hội nghị."
    outline = segment(text, emphasised={text.index("Mục tiêu")})
    found = extract_targets(outline)[0]
    assert [(t.value, t.year, t.rule) for t in found] == [(85.0, 2027, "target:objective-clause")]


def test_a_capitals_title_naming_a_programme_is_no_objectives_section():
    found = targets("CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA VỀ VIỆC LÀM\nII. NHIỆM VỤ\n- Tổ chức 3 hội nghị với 200 người.")
    assert found == []


def test_a_capitals_appendix_title_wrapped_over_lines_is_one_title():
    outline = segment("PHỤ LỤC\nBẢNG\nĐIỂM CHẤM THI ĐUA\n- Đạt 100% được cộng 05 điểm.")
    assert outline.headings[0].title == "BẢNG ĐIỂM CHẤM THI ĐUA"


def test_emphasised_lines_are_found_through_the_original(tmp_path):
    from ingest.read import read
    from ingest.segment import emphasised_lines

    path = tmp_path / "plan.md"
    path.write_text("**II. NỘI DUNG**\n\n**Mục tiêu đến năm 2027**\n\n- 85% thôn có nhà văn hóa.\n", "utf-8")
    source = read(path)
    starts = emphasised_lines(source)
    assert source.text.index("Mục tiêu") in starts
    assert source.text.index("- 85%") not in starts


# --- announced lists divided by horizons, breakdowns ---------------------------------------

def test_an_objectives_question_goes_on_over_headings_naming_a_year():
    text = ("Chỉ tiêu của chương trình trong hai năm tới là gì?\nChỉ tiêu cụ thể như sau:\n"
            "(1) Năm 2027:\n- 70% hộ gia đình có tủ sách.\n(2) Năm 2028\n- 90% hộ gia đình có tủ sách.")
    found = extract_targets(segment(text, emphasised={0}))[0]
    assert [(t.value, t.year) for t in found] == [(70.0, 2027), (90.0, 2028)]


def test_an_announced_list_goes_on_over_its_subheadings_and_a_year_heading():
    found = targets("II. NHIỆM VỤ\n1. Phát triển hạ tầng\nPhấn đấu đến năm 2029 đạt các chỉ tiêu như sau:\n"
                    "1.1. Hạ tầng mạng\n- Lắp đặt mới trạm phát sóng: 40 trạm.\na) Đến năm 2030:\n"
                    "- Lắp đặt thêm 12 trạm.\n2. Tuyên truyền\n- Tổ chức 3 hội nghị.")
    assert [(t.value, t.unit, t.rule) for t in found] == [(40.0, "trạm", "target:announced-list"),
                                                          (12.0, "trạm", "target:announced-list")]
    assert found[1].year == 2030


def test_the_parts_of_a_value_in_parentheses_are_no_targets():
    found = targets("I. MỤC TIÊU\n- Xây mới 30 trạm y tế (Trong đó: huyện A:\n12 trạm y tế, huyện B: 18 trạm y tế).")
    assert [t.value for t in found] == [30.0]


# --- frequencies, planned quantities, the year of an item ---------------------------------

def test_a_bounded_frequency_is_a_target_not_a_date():
    t = one("II. NHIỆM VỤ\n- Họp giao ban chi bộ, ít nhất mỗi tháng 2 lần.")
    assert (t.value, t.unit, t.comparator) == (2.0, "lần", "at_least")
    assert targets("II. NHIỆM VỤ\n- Phấn đấu hoàn thành trong quý 3 năm 2027.") == []


def test_a_quantity_the_plan_sets_under_a_label_is_a_target():
    found = targets("II. NỘI DUNG\n- Đo chất lượng không khí với tần suất 4 lần/năm.\n- Số lượng: 2.500 tờ rơi.\n"
                    "- Số lượng: 120 mẫu.")
    assert [(t.value, t.unit) for t in found] == [(4.0, "lần/năm"), (120.0, "mẫu")]


def test_the_year_of_an_item_of_parts_is_read_from_another_part():
    t = one("II. NỘI DUNG\n- Quan trắc với tần suất 3 lần/tháng; thời gian từ tháng 4 đến tháng 9 năm 2027.")
    assert (t.value, t.unit, t.year) == (3.0, "lần/tháng", 2027)
    t = one("II. NỘI DUNG\n- Có ít nhất 04 điểm đo mới. Phấn đấu hoàn thành vào năm 2031; báo cáo kết quả.")
    assert t.year is None


# --- fractions, a bound split by its verb --------------------------------------------------

def test_a_bounded_fraction_is_a_target_without_unit():
    t = one("II. NHIỆM VỤ\n- Phấn đấu luân chuyển không dưới 1/4 số công chức lãnh đạo.")
    assert (t.value, t.unit, t.comparator) == (0.25, "", "at_least")


def test_a_fraction_of_a_day_or_without_a_bound_is_no_target():
    assert targets("II. NHIỆM VỤ\n- Thời gian hội nghị không quá 1/2 ngày.") == []
    assert targets("I. MỤC TIÊU\n- Tổ chức sơ kết vào ngày 1/3 hằng năm; 2/3 số xã tham gia.") == []


def test_a_negated_excess_bounds_from_above():
    t = one("II. NHIỆM VỤ\n- Mỗi cán bộ không kiêm quá 3 chức danh lãnh đạo.")
    assert (t.value, t.unit, t.comparator) == (3.0, "chức danh", "at_most")


def test_a_share_of_those_a_task_names_is_a_target():
    t = one("II. NHIỆM VỤ\n- Các xã vận động thanh niên học kỹ năng số. Trong đó, 90% đoàn viên tham gia khóa học.")
    assert (t.value, t.unit) == (90.0, "%")
    assert targets("II. NHIỆM VỤ\n- Vận động thanh niên học kỹ năng số. Trong đó, 40% đã hoàn thành khóa học.") == []


def test_a_quantity_restated_per_another_period_in_parentheses_is_a_target_too():
    # restated-quantity: "2 đợt/tháng (18 đợt/năm)"; units "thuê bao", "đại biểu/hội nghị"
    targets, _ = extract_targets(segment(
        "II. NỘI DUNG\n1. Quan trắc nước\n- Mẫu nước: pH, độ mặn; tần suất quan trắc: 2 đợt/tháng (16 đợt/năm).\n"
        "- Số lượng: khoảng 3.000 thuê bao nhận tin nhắn.\n- Số lượng: 30 đại biểu/hội nghị.\n"
        "- Mẫu bùn đã lấy 5 mẫu (12 mẫu/năm).\n"))
    assert [(t.value, t.unit, t.comparator) for t in targets] == [
        (2, "đợt/tháng", None), (16, "đợt/năm", None), (3000, "thuê bao", "about"), (30, "đại biểu/hội nghị", None)]
