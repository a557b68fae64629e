"""Rules of ingest/organisations.py (and the names and places it reads: organisation_names.py,
assignment_places.py), each on a short made-up sentence of its kind."""

from ingest.keys import organisation_key
from ingest.organisation_names import bodies_at, is_complete_name, name_at
from ingest.organisations import extract_organisations
from ingest.segment import segment


def _roles(text: str) -> set[tuple[str, str]]:
    return {(a.name, a.role) for a in extract_organisations(segment(text))}


def test_is_complete_name_refuses_fragments_signatures_and_heading_references():
    assert is_complete_name("Sở Nội vụ")
    assert is_complete_name("Ủy ban nhân dân các xã, phường")
    for fragment in ("Sở", "Ban", "Các phòng", "Mục IV", "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN",
                     "Như trên", "Như kính gửi", "UBND Thành phố bổ sung", "Hội Khuyến học huyện qua địa",
                     "các đơn vị"):
        assert not is_complete_name(fragment), fragment


def test_plural_head_list_is_expanded_into_each_body():
    bodies, _ = bodies_at("Các Sở: Công Thương, Xây dựng, Y tế chủ trì thực hiện.", 0)
    assert [b[0] for b in bodies] == ["Sở Công Thương", "Sở Xây dựng", "Sở Y tế"]


def test_a_list_of_bodies_before_a_verb_is_each_body():
    bodies, _ = bodies_at("Sở Công Thương, Sở Xây dựng và UBND các xã, phường bố trí kinh phí.", 0)
    assert [b[0] for b in bodies] == ["Sở Công Thương", "Sở Xây dựng", "UBND các xã, phường"]


def test_collective_bodies_are_one_name_and_their_related_tail_one_key():
    bodies, _ = bodies_at("Các sở, ban, ngành, đoàn thể tỉnh triển khai thực hiện.", 0)
    assert [b[0] for b in bodies] == ["Các sở, ban, ngành, đoàn thể tỉnh"]
    assert organisation_key("các sở, ngành liên quan") == organisation_key("các sở, ngành")
    assert bodies_at("Các cơ quan, đơn vị thực hiện.", 0)[0] == []


def test_abbreviations_are_spelt_out_in_one_pass_each_as_a_word_of_its_own():
    assert organisation_key("UBND huyện") == "ủy ban nhân dân huyện"
    assert organisation_key("UBMTTQVN tỉnh") == "ủy ban mặt trận tổ quốc việt nam tỉnh"
    assert organisation_key("Phòng GD&ĐT, Phòng VHTT") == "phòng giáo dục và đào tạo, phòng văn hóa và thông tin"
    assert organisation_key("Trường THCS") == "trường thcs"  # "TH" inside a word stays
    # one pass is the same as one substitution after another only while no expansion holds an
    # abbreviation as a word of its own
    from ingest.keys import _abbreviation_regex, _settings
    for long in _settings()["abbreviations"].values():
        assert not _abbreviation_regex().search(long), long


def test_responsibility_items_give_implement_and_lead_when_the_item_leads():
    text = ("III. TỔ CHỨC THỰC HIỆN\n1. Sở Công Thương: Chủ trì theo dõi việc thực hiện.\n"
            "2. Các sở, ban, ngành tỉnh\n- Xây dựng kế hoạch của đơn vị.\n"
            "3. Đề nghị Ủy ban MTTQ tỉnh tuyên truyền đến hội viên.\n"
            "Ủy ban nhân dân tỉnh yêu cầu các cơ quan thực hiện nghiêm túc.\n")
    roles = _roles(text)
    assert ("Sở Công Thương", "implement") in roles and ("Sở Công Thương", "lead") in roles
    assert ("Các sở, ban, ngành tỉnh", "implement") in roles
    assert ("Ủy ban MTTQ tỉnh", "implement") in roles
    assert not any(name.startswith("Ủy ban nhân dân tỉnh") for name, _ in roles)


def test_article_of_enforcement_is_a_responsibility_section():
    text = "Điều 3. Trách nhiệm thi hành\nGiám đốc Sở Tài chính, Chủ tịch UBND các huyện chịu trách nhiệm thi hành.\n"
    roles = _roles(text)
    assert ("Giám đốc Sở Tài chính", "implement") in roles
    assert ("Chủ tịch UBND các huyện", "implement") in roles


def test_signers_are_never_responsible_and_recipients_only_recipients():
    text = ("IV. TỔ CHỨC THỰC HIỆN\n1. Phòng Văn hóa chủ trì tổ chức.\n\nNơi nhận:\n- Sở Công Thương;\n"
            "- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n")
    roles = _roles(text)
    assert ("Sở Công Thương", "recipient") in roles
    assert not {r for n, r in roles if n == "Sở Công Thương"} - {"recipient"}
    assert not any("CHỦ TỊCH" in n for n, _ in roles)


def test_a_footnote_number_after_a_name_is_not_part_of_it():
    bodies, _ = bodies_at("Sở Y tế 10 chủ trì.", 0)
    assert [b[0] for b in bodies] == ["Sở Y tế"]
    assert bodies_at("Ngân hàng Nhà nước khu vực 8 chủ trì.", 0)[0][0][0] == "Ngân hàng Nhà nước khu vực 8"


def test_after_an_area_a_capitalised_verb_ends_the_name():
    bodies, _ = bodies_at("Hội Nông dân huyện Phối hợp tuyên truyền.", 0)
    assert [b[0] for b in bodies] == ["Hội Nông dân huyện"]


def test_older_uy_spelling_is_a_head_word_too():
    bodies, _ = bodies_at("Ban Tổ chức Trung ương, Đảng uỷ Chính phủ chủ trì.", 0)
    assert [b[0] for b in bodies] == ["Ban Tổ chức Trung ương", "Đảng uỷ Chính phủ"]


def test_a_head_word_inside_a_name_is_read_before_an_area_word():
    bodies, _ = bodies_at("Văn phòng Huyện ủy và Ủy ban Kiểm tra Huyện ủy chủ trì.", 0)
    assert [b[0] for b in bodies] == ["Văn phòng Huyện ủy", "Ủy ban Kiểm tra Huyện ủy"]


def test_past_its_area_a_comma_ends_a_name_and_long_lists_are_read_whole():
    bodies, _ = bodies_at("Tòa án nhân dân tỉnh, Thuế tỉnh, Kho bạc nhà nước khu vực IV, Ngân hàng thương mại "
                          "thực hiện.", 0)
    assert [b[0] for b in bodies] == ["Tòa án nhân dân tỉnh", "Thuế tỉnh", "Kho bạc nhà nước khu vực IV",
                                      "Ngân hàng thương mại"]
    many = ", ".join(f"Sở {n}" for n in ("Nội vụ", "Y tế", "Tư pháp", "Xây dựng", "Công Thương", "Tài chính",
                                        "Ngoại vụ", "Dân tộc", "Du lịch", "Thông tin", "Giao thông", "Lao động",
                                        "Văn hóa"))
    assert len(bodies_at(many + " thực hiện.", 0)[0]) == 13


def test_bodies_written_in_lower_case_kinds():
    bodies, _ = bodies_at("Các doanh nghiệp viễn thông và cơ quan báo chí tỉnh tuyên truyền.", 0)
    assert [b[0] for b in bodies] == ["doanh nghiệp viễn thông", "cơ quan báo chí tỉnh"]
    assert not is_complete_name("doanh nghiệp")


def test_the_clauses_of_an_article_of_enforcement_are_its_items():
    text = ("Điều 3. Tổ chức thực hiện\n1. Giao Ủy ban nhân dân huyện tổ chức thực hiện.\n"
            "2. Giao Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân huyện giám sát việc thực hiện.\n"
            "Điều 4. Hiệu lực thi hành\n1. Sở Y tế có ý kiến.\n")
    roles = _roles(text)
    assert {("Ủy ban nhân dân huyện", "implement"), ("Thường trực Hội đồng nhân dân", "implement"),
            ("Ban của Hội đồng nhân dân huyện", "implement")} <= roles
    assert ("Sở Y tế", "implement") not in roles


def test_bodies_a_sentence_assigns_anywhere_are_implementers():
    text = ("I. MỤC ĐÍCH\nĐể làm tốt việc này, Ủy ban nhân dân huyện giao Phòng Nội vụ, Phòng Tư pháp thực hiện "
            "rà soát; đề nghị Hội Nông dân huyện tuyên truyền đến hội viên.\n"
            "2. Yêu cầu\nSở Y tế báo cáo đúng hạn.\n"
            "Theo đề nghị của Sở Tài chính.\n")
    roles = _roles(text)
    assert {("Phòng Nội vụ", "implement"), ("Phòng Tư pháp", "implement"), ("Hội Nông dân huyện", "implement")} <= roles
    assert not any(n in ("Sở Tài chính", "Sở Y tế") for n, _ in roles)


def test_a_clause_opening_with_bodies_that_must_act_makes_them_implementers():
    roles = _roles("II. NHIỆM VỤ\n- Phòng Văn hóa và Thông tin chủ động tham mưu nội dung tuyên truyền.\n"
                   "- Trung tâm Y tế huyện có trách nhiệm bố trí nhân lực.\n")
    assert ("Phòng Văn hóa và Thông tin", "implement") in roles
    assert ("Trung tâm Y tế huyện", "implement") in roles


def test_an_author_cited_before_the_lead_verb_is_not_the_lead():
    roles = _roles("1. Giao Ban Tổ chức Tỉnh ủy căn cứ Kết luận số 12 của Thường trực Tỉnh ủy, Ban Thường vụ "
                   "chủ trì nghiên cứu.\n2. Các dự án do Sở Xây dựng chủ trì.\n")
    assert ("Ban Tổ chức Tỉnh ủy", "implement") in roles
    assert not any(n.startswith(("Thường trực", "Ban Thường vụ")) for n, _ in roles)
    assert ("Sở Xây dựng", "lead") in roles


def test_the_issuer_assigning_work_is_not_given_it():
    text = "III. TỔ CHỨC THỰC HIỆN\nỦy ban nhân dân huyện giao Phòng Y tế chủ trì thực hiện.\n"
    roles = {(a.name, a.role) for a in extract_organisations(segment(text), "district", "Ủy ban nhân dân huyện")}
    assert ("Phòng Y tế", "lead") in roles
    assert not any(n.startswith("Ủy ban nhân dân") for n, _ in roles)


def test_a_plural_head_list_may_be_split_by_semicolons():
    bodies, _ = bodies_at("Giao Văn phòng Tỉnh ủy; các Đảng ủy: Khối Cơ quan; Khối Doanh nghiệp thực hiện.", 0)
    assert [b[0] for b in bodies] == ["Văn phòng Tỉnh ủy", "Đảng ủy Khối Cơ quan", "Đảng ủy Khối Doanh nghiệp"]


def test_officers_of_each_body_and_grounds_before_the_bodies():
    bodies, _ = bodies_at("Căn cứ Kế hoạch này, Giám đốc các Sở, Chủ tịch UBND các xã, thị trấn xây dựng kế hoạch.", 0)
    assert [b[0] for b in bodies] == ["Giám đốc các Sở", "Chủ tịch UBND các xã, thị trấn"]


def test_an_article_naming_who_enforces_the_document():
    text = ("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\nĐiều 3. Giám đốc Sở Nội vụ; Chủ tịch Ủy ban nhân dân "
            "các huyện, thành phố nêu tại Điều 1 chịu trách nhiệm thi hành Quyết định này.\n")
    roles = _roles(text)
    assert ("Giám đốc Sở Nội vụ", "implement") in roles
    assert ("Chủ tịch Ủy ban nhân dân các huyện, thành phố", "implement") in roles


def test_a_name_the_source_broke_after_a_hyphen_or_inside_a_parenthesis_is_read_whole():
    from ingest.organisation_names import names_in
    text = "- Phối hợp với các nhà mạng (Viettel Hà\nGiang, VNPT Hà Giang) và Sở Y tế (Chi cục Dân số -\nXã hội).\n"
    assert [n for n, _, _ in names_in(text, 0, len(text))] == ["Viettel Hà Giang", "VNPT Hà Giang", "Sở Y tế",
                                                             "Chi cục Dân số - Xã hội"]
    text = "1. Sở Y tế\nChủ trì thực hiện.\n"
    assert [n for n, _, _ in names_in(text, 0, len(text))] == ["Sở Y tế"]


def test_a_collective_named_as_partner_is_no_coordinating_body():
    roles = _roles("II. NHIỆM VỤ\n- Phối hợp với Sở Y tế, các sở, ngành, địa phương tổ chức tuyên truyền.\n")
    assert ("Sở Y tế", "coordinate") in roles
    assert not any(n.startswith("các sở") for n, _ in roles)


def test_officers_listed_before_one_body_in_the_recipients_are_one_record():
    from ingest.organisations import recipient_names
    assert [n for n, _, _ in recipient_names("CT, PCT UBND huyện")] == ["CT, PCT UBND huyện"]
    assert [n for n, _, _ in recipient_names("HND, HCCB huyện")] == ["HND huyện", "HCCB huyện"]


def test_a_recipient_s_list_of_fields_goes_on_past_its_commas():
    """A name's fields closed by "và" ("Sở Văn hóa, Thể thao và Du lịch", "Báo và Phát thanh,
    Truyền hình tỉnh") and a comma with no space after it ("Sở VH,TT&DL") stay one body; a
    head word after the comma opens another, and a shared head gives each field its own."""
    from ingest.organisations import recipient_names

    def names(item):
        return [n for n, _, _ in recipient_names(item)]
    assert names("Sở Văn hóa, Thể thao và Du lịch") == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert names("Báo và Phát thanh, Truyền hình Cần Thơ") == ["Báo và Phát thanh, Truyền hình Cần Thơ"]
    assert names("Sở VH,TT&DL") == ["Sở VH,TT&DL"]
    assert names("Sở Giáo dục và Đào tạo, Công an tỉnh") == ["Sở Giáo dục và Đào tạo tỉnh", "Công an tỉnh"]
    assert names("Các Sở: Nông nghiệp và Môi trường, Tài chính") == ["Sở Nông nghiệp và Môi trường", "Sở Tài chính"]


def test_role_labels_give_the_labelled_bodies_their_role():
    text = ("1. Tập huấn nghiệp vụ cho cán bộ.\n- Cơ quan chủ trì: Sở Nội vụ.\n"
            "- Cơ quan phối hợp: Sở Tài chính; Các sở, ngành.\n"
            "2. Rà soát văn bản.\n- Cơ quan thực hiện: Sở Xây dựng; Sở Công Thương và các sở, ngành có liên quan.\n")
    roles = _roles(text)
    assert ("Sở Nội vụ", "lead") in roles
    assert ("Sở Tài chính", "coordinate") in roles
    assert ("Sở Xây dựng", "implement") in roles and ("Sở Công Thương", "implement") in roles
    assert not any(n.lower().startswith("các sở") and r == "coordinate" for n, r in roles)


def test_tien_hanh_is_a_verb_that_ends_a_name():
    bodies, _ = bodies_at("Sở Tư pháp tiến hành rà soát văn bản.", 0)
    assert [b[0] for b in bodies] == ["Sở Tư pháp"]


def test_a_qualifier_that_ends_a_name_belongs_to_it():
    bodies, _ = bodies_at("Đề nghị Hội Nông dân tỉnh và các tổ chức chính trị - xã hội trực thuộc\n- Tuyên truyền.", 0)
    assert [b[0] for b in bodies] == ["Hội Nông dân tỉnh", "tổ chức chính trị - xã hội trực thuộc"]
    bodies, _ = bodies_at("Các cơ quan báo chí đóng trên địa bàn tỉnh: đưa tin.", 0)
    assert [b[0] for b in bodies] == ["cơ quan báo chí đóng trên địa bàn tỉnh"]
    # inside a sentence "trên địa bàn" is still where a task is done, not part of the name
    bodies, _ = bodies_at("UBND các xã triển khai trên địa bàn.", 0)
    assert [b[0] for b in bodies] == ["UBND các xã"]


def test_an_office_of_two_bodies_is_one_body():
    bodies, _ = bodies_at("Văn phòng HĐND và UBND huyện, Văn phòng UBND tỉnh và Sở Y tế thực hiện.", 0)
    assert [b[0] for b in bodies] == ["Văn phòng HĐND và UBND huyện", "Văn phòng UBND tỉnh", "Sở Y tế"]


def test_items_after_a_directives_request_are_headed_by_their_bodies():
    text = ("Căn cứ Luật Lâm nghiệp.\nỦy ban nhân dân tỉnh yêu cầu:\n\n1. Sở Y tế\n\n- Rà soát các cơ sở.\n\n"
            "2. Các sở, ban, ngành liên quan\ntheo chức năng phối hợp thực hiện.\n")
    roles = _roles(text)
    assert ("Sở Y tế", "implement") in roles
    assert ("Các sở, ban, ngành", "implement") in roles
    assert not any(name.startswith("Ủy ban nhân dân tỉnh") for name, _ in roles)


def test_a_body_alone_on_its_item_line_takes_the_duty_even_when_it_directs():
    text = "III. TỔ CHỨC THỰC HIỆN\n4. Công an tỉnh\n\nChỉ đạo lực lượng trực thuộc tuần tra.\n"
    assert ("Công an tỉnh", "implement") in _roles(text)


def test_a_request_sentence_ending_in_a_colon_opens_the_list_of_bodies():
    text = ("Để bảo vệ nguồn nước, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các sở, ngành thực hiện\n"
            "các nhiệm vụ sau:\n\n1. Sở Xây dựng\n\na) Rà soát các công trình cấp nước.\n\n"
            "2. Sở Y tế\n\nKiểm tra chất lượng nước.\n")
    roles = _roles(text)
    assert ("Sở Xây dựng", "implement") in roles and ("Sở Y tế", "implement") in roles
    preamble = "Theo đề nghị của Giám đốc Sở Nội vụ.\nQUYẾT ĐỊNH:\n\n1. Sở Xây dựng\n\nRà soát.\n"
    assert ("Sở Xây dựng", "implement") not in _roles(preamble)


def test_a_head_word_that_holds_another_is_read_whole():
    bodies, _ = bodies_at("Học viện Hành chính quốc gia chủ trì.", 0)
    assert [b[0] for b in bodies] == ["Học viện Hành chính quốc gia"]
    bodies, _ = bodies_at("Chi Cục Thủy sản tỉnh kiểm tra.", 0)
    assert [b[0] for b in bodies] == ["Chi Cục Thủy sản tỉnh"]


def test_a_head_word_alone_before_va_shares_the_next_names_body():
    bodies, _ = bodies_at("Các Tổ đại biểu và đại biểu Hội đồng nhân dân tỉnh giám sát.", 0)
    assert [b[0] for b in bodies] == ["Tổ đại biểu Hội đồng nhân dân tỉnh", "đại biểu Hội đồng nhân dân tỉnh"]
    bodies, _ = bodies_at("Viettel và VNPT Nghệ An hỗ trợ.", 0)
    assert [b[0] for b in bodies] == ["Viettel", "VNPT Nghệ An"]


def test_a_name_never_ends_in_hoat_dong_or_dang():
    assert not is_complete_name("Các doanh nghiệp hoạt động")
    assert not is_complete_name("Doanh nghiệp thứ cấp đang")


def test_a_name_the_source_wrapped_mid_sentence_is_read_whole():
    """name-wraps-line: a line break (or a blank line left by bold marks) inside a name that
    stands mid-sentence; a name heading its own line ends there."""
    bodies, _ = bodies_at("Phối hợp với Sở Công\nThương và các đơn vị thẩm định.", 13)
    assert [b[0] for b in bodies] == ["Sở Công Thương"]
    text = "3. Đề nghị Ủy ban MTTQ tỉnh, Hội Liên hiệp\n\nPhụ nữ tỉnh tham gia phối hợp.\n"
    assert ("Hội Liên hiệp Phụ nữ tỉnh", "implement") in {(n, r) for n, r in _roles("IV. TỔ CHỨC THỰC HIỆN\n" + text)}
    bodies, _ = bodies_at("4. Công an tỉnh\nChỉ đạo lực lượng tuần tra.", 3)
    assert [b[0] for b in bodies] == ["Công an tỉnh"]


def test_a_comma_after_a_closed_name_starts_the_next_body():
    """comma-ends-closed-name: a head alone ("MobiFone, FPT") or a list of fields already
    closed by "và" ("Sở Văn hóa, Thể thao và Du lịch, Cổng ...") ends at the comma."""
    text = "Sở Văn hóa, Thể thao và Du lịch, Cổng Thông tin điện tử tỉnh và hệ thống truyền thanh cơ sở: đưa tin."
    bodies, _ = bodies_at(text, 0)
    assert [b[0] for b in bodies] == ["Sở Văn hóa, Thể thao và Du lịch", "Cổng Thông tin điện tử tỉnh",
                                      "hệ thống truyền thanh cơ sở"]
    bodies, _ = bodies_at("Báo và Phát thanh, Truyền hình tỉnh thực hiện.", 0)
    assert [b[0] for b in bodies] == ["Báo và Phát thanh, Truyền hình tỉnh"]
    bodies, _ = bodies_at("MobiFone, Công ty Điện lực tỉnh bảo đảm thông tin.", 0)
    assert [b[0] for b in bodies] == ["MobiFone", "Công ty Điện lực tỉnh"]


def test_named_members_in_parentheses_after_a_category_are_each_a_body():
    """members-in-parentheses: "các doanh nghiệp viễn thông (VNPT, Viettel và doanh nghiệp
    khác)" gives the category and each named member, not the unnamed rest."""
    bodies, _ = bodies_at("Đề nghị các doanh nghiệp viễn thông (VNPT, Viettel và doanh nghiệp khác): bảo đảm liên lạc.", 0)
    assert [b[0] for b in bodies] == ["doanh nghiệp viễn thông", "VNPT", "Viettel"]
    bodies, _ = bodies_at("Đề nghị các doanh nghiệp viễn thông (trừ trạm nhỏ): bảo đảm liên lạc.", 0)
    assert [b[0] for b in bodies] == ["doanh nghiệp viễn thông"]


def test_coordination_goes_on_over_a_line_wrapped_inside_a_parenthesis():
    roles = _roles("- Phối hợp với các nhà mạng (Viettel Hà\nNam, VNPT Hà Nam) để lắp trạm.\n")
    assert ("Viettel Hà Nam", "coordinate") in roles and ("VNPT Hà Nam", "coordinate") in roles


def test_lower_case_categories_are_bodies_and_share_their_head_over_a_comma_list():
    """shared-category-head: "lực lượng quân đội, công an" -> each force (its
    name without "lực lượng": acting-part-dropped); "ngành giáo dục";
    category-keeps-its-place: "trên địa bàn (tỉnh)" stays in a category's name before a verb."""
    roles = _roles("- Phối hợp với lực lượng quân đội, công an hỗ trợ người dân.\n"
                   "- Phối hợp với ngành y tế để xử lý môi trường.\n")
    assert {("quân đội", "coordinate"), ("công an", "coordinate"),
            ("ngành y tế", "coordinate")} <= roles
    bodies, _ = bodies_at("Các đơn vị cấp nước sạch trên địa bàn tỉnh có trách nhiệm bảo đảm nguồn nước.", 0)
    assert [b[0] for b in bodies] == ["đơn vị cấp nước sạch trên địa bàn tỉnh"]
    roles = _roles("- Phối hợp với cơ sở y tế công lập trên địa bàn tham gia trực Tết.\n"
                   "- Phối hợp với các đơn vị cấp nước thuộc phạm vi quản lý xây dựng phương án.\n")
    assert ("cơ sở y tế công lập trên địa bàn", "coordinate") in roles
    assert ("đơn vị cấp nước thuộc phạm vi quản lý", "coordinate") in roles
    # a force named by its own body's name is that body; a generic "lực lượng" is none
    roles = _roles("- Phối hợp với lực lượng Công an tỉnh, lực lượng xung kích tuần tra.\n")
    assert ("Công an tỉnh", "coordinate") in roles and not any("xung kích" in n for n, _ in roles)


def test_a_body_directed_by_another_is_given_the_task():
    """'chỉ đạo' assigns like 'giao' (sentence_assigning_verbs): the directed body implements."""
    roles = _roles("1. Sở Nông nghiệp và Môi trường chỉ đạo Chi cục Thủy lợi thực hiện các nội dung sau:\n")
    assert ("Chi cục Thủy lợi", "implement") in roles


FLATTENED_TABLE = "\n|\n".join([
    "KẾ HOẠCH\nPhòng chống dịch năm 2026", "Nơi nhận:\n- Như trên;", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
    "PHỤ LỤC\nDANH MỤC NHIỆM VỤ", "STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp",
    "Thời gian hoàn thành", "Sản phẩm", "", "1", "Hướng dẫn xử lý môi trường sau lũ", "Sở Y tế",
    "Sở Tài chính và cơ quan, địa phương liên quan", "2026", "Văn bản", "", "2", "Kiện toàn đội phản ứng nhanh",
    "Sở Nội vụ", "Cơ quan, địa phương liên quan", "2026", "Quyết định", ""]) + "\n"


def test_a_flattened_task_table_gives_its_lead_and_each_partner_named(tmp_path):
    """table-cell-bodies: a task table flattened one cell per line, read by its header (the
    signature glued before it set aside); a partner cell "Sở X và cơ quan, địa phương liên
    quan" names Sở X, a cell of generic words names no body."""
    from ingest.extract import extract
    from ingest.read import read

    path = tmp_path / "bang.md"
    path.write_text(FLATTENED_TABLE, encoding="utf-8")
    found = {(a.name, a.role) for a in extract(read(path)).organisations if a.role in ("lead", "coordinate")}
    assert found == {("Sở Y tế", "lead"), ("Sở Nội vụ", "lead"), ("Sở Tài chính", "coordinate")}


def test_a_capitalised_verb_after_a_body_named_inside_a_name_ends_it():
    """verb-after-inner-body: "Ban Dân vận Thị ủy Phối hợp ..." (a line's verb run on) is
    Ban Dân vận Thị ủy; "Thị Đoàn" is written with a capital too."""
    roles = _roles("IV. TỔ CHỨC THỰC HIỆN\n7. Đề nghị Ban Dân vận Thị ủy Phối hợp với các phòng triển khai.\n"
                   "8. Thị Đoàn thị xã Chủ trì tổ chức các hoạt động.\n")
    assert ("Ban Dân vận Thị ủy", "implement") in roles
    assert ("Thị Đoàn thị xã", "lead") in roles


def test_a_plural_list_after_the_verb_of_coordination_is_each_body():
    roles = _roles("- Phối hợp với các Sở: Tài chính, Nội vụ để bố trí biên chế.\n")
    assert {("Sở Tài chính", "coordinate"), ("Sở Nội vụ", "coordinate")} <= roles


def test_an_abbreviated_area_inside_a_name_does_not_end_it():
    """abbreviated-area: "TP. Đà Nẵng" inside a name."""
    bodies, _ = bodies_at("Sở Y tế và Ban Quản lý An toàn thực phẩm TP. Đà Nẵng: triển khai kế hoạch.", 0)
    assert [b[0] for b in bodies] == ["Sở Y tế", "Ban Quản lý An toàn thực phẩm TP. Đà Nẵng"]


def test_collectives_written_without_commas_or_with_a_verb_like_member():
    """A collective of member words joined by spaces ("các ban ngành đoàn thể") is everyone
    concerned as a partner; "các đoàn thể, tổ chức xã hội" heading an item is one body."""
    roles = _roles("- Phối hợp với các ban ngành đoàn thể huyện tổ chức kiểm tra.\n")
    assert not any("ngành" in name for name, _ in roles)
    roles = _roles("IV. TỔ CHỨC THỰC HIỆN\n5. Các đoàn thể, tổ chức xã hội:\nHuy động hội viên tham gia.\n")
    assert ("Các đoàn thể, tổ chức xã hội", "implement") in roles


def test_the_press_is_a_body_a_text_assigns():
    roles = _roles("- Phối hợp với cơ quan báo chí làm tốt công tác tuyên truyền.\n")
    assert ("cơ quan báo chí", "coordinate") in roles


def test_coordination_goes_on_over_a_line_wrapped_inside_a_name():
    """name-wraps-line in a list of partners: "Ban Quản lý Khu kinh tế\\nĐông Nam, Sở ..."."""
    roles = _roles("- Phối hợp chặt chẽ với Ban Quản lý Khu kinh tế\nĐông Nam, Sở Xây dựng và các doanh nghiệp "
                   "công nghệ số trong quá trình khảo sát.\n")
    assert {("Ban Quản lý Khu kinh tế Đông Nam", "coordinate"), ("Sở Xây dựng", "coordinate")} <= roles


def test_organisations_as_a_noun_do_not_end_a_list_of_partners():
    """'tổ chức' before its complements is the noun (nouns_after_to_chuc): "phối hợp với các tổ
    chức xã hội, đoàn thể (Hội Nông dân, Đoàn Thanh niên)" names the bodies in parentheses."""
    roles = _roles("- Chủ động phối hợp với các tổ chức xã hội, đoàn thể (Hội Nông dân, Đoàn Thanh niên) để vận động.\n")
    assert {("Hội Nông dân", "coordinate"), ("Đoàn Thanh niên", "coordinate")} <= roles


def test_a_role_label_over_bullets_gives_each_bullet_body_the_role():
    """label-over-bullets: "- Cơ quan thực hiện:" closing its line, its bodies one per bullet below."""
    roles = _roles("a) Hoạt động 1\n- Cơ quan thực hiện:\n\n+ Sở Nội vụ chủ trì tổ chức.\n\n"
                   "+ Sở Xây dựng đăng tải thông điệp.\n\nb) Hoạt động 2\n- Nội dung: Sở Y tế không thuộc nhãn.\n")
    assert {("Sở Nội vụ", "implement"), ("Sở Xây dựng", "implement")} <= roles
    assert ("Sở Y tế", "implement") not in roles


def test_an_article_of_enforcement_lists_officers_and_long_committee_names_whole():
    text = ("Điều 5. Trưởng Ban Chỉ đạo quốc gia các chương trình, dự án trọng điểm ngành nông nghiệp, các Bộ "
            "trưởng, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố nêu tại "
            "Điều 2, các thành viên Ban Chỉ đạo và Thủ trưởng các cơ quan liên quan chịu trách nhiệm thi hành "
            "Quyết định này.\n")
    implementers = {n for n, r in _roles(text) if r == "implement"}
    assert implementers == {"Trưởng Ban Chỉ đạo quốc gia các chương trình, dự án trọng điểm ngành nông nghiệp",
                            "các Bộ trưởng", "Thủ trưởng cơ quan thuộc Chính phủ",
                            "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố", "các thành viên Ban Chỉ đạo"}


def test_party_bodies_written_in_lower_case_are_names():
    for text, name in (("Các tỉnh ủy, thành ủy báo cáo kết quả.", "Các tỉnh ủy, thành ủy"),
                       ("ban thường vụ cấp ủy cấp trên trực tiếp xem xét.", "ban thường vụ cấp ủy cấp trên trực tiếp"),
                       ("văn phòng cấp ủy các cấp lưu trữ hồ sơ.", "văn phòng cấp ủy các cấp"),
                       ("các ban đảng Trung ương theo dõi.", "các ban đảng Trung ương"),
                       ("đảng ủy các bộ, cơ quan ngang bộ thực hiện.", "đảng ủy các bộ, cơ quan ngang bộ"),
                       ("Các cấp ủy, tổ chức đảng quán triệt.", "Các cấp ủy, tổ chức đảng")):
        assert [b[0] for b in bodies_at(text, 0)[0]] == [name], text
    assert bodies_at("cấp ủy và chính quyền thực hiện.", 0)[0] == []  # a member alone is no name
    assert bodies_at("các cấp ủy, cơ quan, đơn vị thực hiện.", 0)[0] == []  # everyone concerned


def test_a_clause_opening_with_party_bodies_before_a_verb_gives_them_the_duty():
    text = ("Trong thời gian tới, thì cấp ủy cấp trên trực tiếp xem xét, bổ sung nhân sự.\n"
            "Quân ủy Trung ương và ban thường vụ tỉnh ủy, thành ủy căn cứ Chỉ thị này hướng dẫn thực hiện.\n"
            "Sở Y tế căn cứ Chỉ thị này bố trí nhân lực.\n")
    implementers = {n for n, r in _roles(text) if r == "implement"}
    # prefix-shared-by-members: the standing committee of each
    assert implementers == {"cấp ủy cấp trên trực tiếp", "Quân ủy Trung ương", "ban thường vụ tỉnh ủy",
                            "ban thường vụ thành ủy"}


def test_a_list_under_a_plural_head_parted_by_semicolons_gives_each_item_the_head():
    bodies, _ = bodies_at("Giao các Đảng ủy: Quốc hội; Hội Nông dân, các hội quần chúng Trung ương; Bộ Y tế "
                          "và các cấp ủy, tổ chức đảng căn cứ Kết luận này.", 5)
    assert [b[0] for b in bodies] == ["Đảng ủy Quốc hội", "Đảng ủy Hội Nông dân, các hội quần chúng Trung ương",
                                      "Đảng ủy Bộ Y tế", "các cấp ủy, tổ chức đảng"]


def test_bodies_a_sentence_guides_to_act_are_implementers():
    roles = _roles("2. Văn phòng Tỉnh ủy chủ trì:\n- Hướng dẫn văn phòng cấp ủy các cấp khẩn trương lưu trữ hồ sơ.\n"
                   "- Phối hợp hướng dẫn ủy ban kiểm tra các cấp thực hiện giám sát.\n"
                   "Sở Tư pháp hướng dẫn nghiệp vụ cho cán bộ.\n")
    assert {("văn phòng cấp ủy các cấp", "implement"), ("ủy ban kiểm tra các cấp", "implement")} <= roles
    assert not any(r == "implement" and n.startswith("Sở Tư pháp") for n, r in roles)


def test_generic_members_closing_a_list_do_not_hide_its_duty():
    roles = _roles("IV. TỔ CHỨC THỰC HIỆN\n3. Đề nghị các tổ chức Đảng, Ủy ban Mặt trận Tổ quốc tỉnh, đoàn thể và các tổ "
                   "chức khác tham gia vận động nhân dân.\n")
    assert {("các tổ chức Đảng", "implement"), ("Ủy ban Mặt trận Tổ quốc tỉnh", "implement")} <= roles
    assert not any("tổ chức khác" in n or n == "đoàn thể" for n, _ in roles)


def test_ministries_sectors_and_localities_are_one_collective():
    bodies, _ = bodies_at("Các bộ, ngành, địa phương chủ động xây dựng kế hoạch.", 0)
    assert [b[0] for b in bodies] == ["Các bộ, ngành, địa phương"]


def test_bodies_in_an_aside_lead_nothing():
    roles = _roles("- Báo cáo cấp có thẩm quyền (UBND tỉnh, các Bộ, cơ quan trung ương chủ trì dự án) việc thực hiện.\n")
    assert not any(r == "lead" for _, r in roles)


def test_envoys_of_the_politburo_and_party_committees_of_central_agencies_are_one_name():
    text = ("4. Giao các đồng chí Ủy viên Bộ Chính trị, Ban Bí thư theo địa bàn phụ trách chỉ đạo thực hiện.\n"
            "5. Giao các đoàn kiểm tra của Bộ Chính trị chủ động nắm tình hình.\n"
            "6. Giao Đảng ủy các cơ quan Đảng Trung ương; Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương "
            "và các cơ quan liên quan rà soát quy định.\n")
    implementers = {n for n, r in _roles(text) if r == "implement"}
    assert implementers == {"các đồng chí Ủy viên Bộ Chính trị, Ban Bí thư", "các đoàn kiểm tra của Bộ Chính trị",
                            "Đảng ủy các cơ quan Đảng Trung ương", "Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương"}


def test_the_body_an_article_opens_a_clause_with_before_a_verb_is_given_the_task():
    text = ("Điều 2. Trong quá trình triển khai, nếu cần điều chỉnh, Bộ Xây dựng rà soát, tổng hợp, trình Thủ tướng.\n"
            "Điều 3. Ủy ban nhân dân các tỉnh nêu tại Điều 1 căn cứ tình hình thực tế để bố trí vốn.\n"
            "Điều 4. Quyết định này có hiệu lực kể từ ngày ký; Sở Y tế đã được hỗ trợ.\n")
    implementers = {n for n, r in _roles(text) if r == "implement"}
    assert implementers == {"Bộ Xây dựng", "Ủy ban nhân dân các tỉnh"}


def test_a_minister_directing_bodies_gives_them_the_task_and_their_qualifier_is_part_of_the_name():
    roles = _roles("Bộ trưởng Bộ Tài chính chỉ thị Cục Thuế các tỉnh, thành phố trực thuộc Trung ương thực hiện "
                   "các nhiệm vụ sau:\n- Chỉ đạo các cơ sở đào tạo trên địa bàn phối hợp với cơ quan báo chí trên "
                   "địa bàn tuyên truyền.\nCác chỉ thị của Bộ Chính trị được quán triệt.\n")
    assert ("Cục Thuế các tỉnh, thành phố trực thuộc Trung ương", "implement") in roles
    assert ("cơ quan báo chí trên địa bàn", "coordinate") in roles


def test_party_bodies_assigning_in_their_own_words_are_given_the_task():
    text = ("- Đảng ủy cơ sở, chi bộ cơ sở xét tặng giấy khen cho đảng viên.\n"
            "- Ban thường vụ tỉnh ủy, huyện ủy trực thuộc Trung ương xét tặng bằng khen.\n"
            "Thời gian kiểm điểm là 01 ngày. Các tỉnh ủy, thành ủy trực thuộc Trung ương quy định, hướng dẫn thêm.\n"
            "Ngoài ra, cấp ủy các cấp theo thẩm quyền xem xét, khen thưởng đảng viên.\n"
            "- Đảng ủy cơ sở quy định tại Điều 5 được hướng dẫn riêng.\n")
    implementers = {n for n, r in _roles(text) if r == "implement"}
    assert implementers == {"Đảng ủy cơ sở", "chi bộ cơ sở", "Ban thường vụ tỉnh ủy",
                            "Ban thường vụ huyện ủy trực thuộc Trung ương",
                            "Các tỉnh ủy, thành ủy trực thuộc Trung ương", "cấp ủy các cấp"}


def test_headings_that_are_only_bodies_head_their_tasks_but_topic_headings_do_not():
    text = ("III. NHIỆM VỤ CỤ THỂ\n1. Công an tỉnh\nBảo đảm an ninh trật tự.\n"
            "2. Bộ Chỉ huy Quân sự tỉnh\n- Chủ trì diễn tập phòng thủ.\n"
            "3. Các sở, ngành có liên quan; Ủy ban nhân dân các xã\nCăn cứ chức năng, triển khai nhiệm vụ.\n"
            "IV. GIẢI PHÁP\n1. Hạ tầng số\nMở rộng mạng.\n2. Doanh nghiệp số\nHỗ trợ khởi nghiệp.\n"
            "3. Nhân lực số\nĐào tạo kỹ năng.\n")
    roles = _roles(text)
    assert {n for n, r in roles if r == "implement"} == {"Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh",
                                                         "Các sở, ngành", "Ủy ban nhân dân các xã"}
    assert ("Bộ Chỉ huy Quân sự tỉnh", "lead") in roles


def test_a_compound_noun_ending_like_a_stop_word_stays_in_the_name():
    roles = _roles("Giao các doanh nghiệp công nghệ thông tin hỗ trợ người dân; Ban đại diện cha mẹ học sinh "
                   "phối hợp với nhà trường.\nĐề nghị Sở Khoa học và Công nghệ thúc đẩy ứng dụng.\n")
    implementers = {n for n, r in roles if r == "implement"}
    assert "doanh nghiệp công nghệ thông tin" in implementers
    assert "Sở Khoa học và Công nghệ" in implementers
    assert name_at("Ban đại diện cha mẹ học sinh phối hợp.", 0) == ("Ban đại diện cha mẹ học sinh", 28)


def test_a_bullet_opening_with_bodies_and_a_plain_verb_gives_them_the_task():
    roles = _roles("2. Khắc phục sau lũ\n- Phối hợp với các xã dọn vệ sinh.\n"
                   "- Hội Nông dân, Đoàn\nThanh niên, Hội Cựu chiến binh hỗ trợ người dân dựng lại nhà.\n"
                   "- Hội Nông dân tỉnh là thành viên của Ban Chỉ đạo.\n")
    assert {n for n, r in roles if r == "implement"} == {"Hội Nông dân", "Đoàn Thanh niên", "Hội Cựu chiến binh"}


def test_an_aside_between_a_body_and_its_verb_keeps_the_duty():
    roles = _roles("III. KINH PHÍ\n2. Sở Tài chính, trên cơ sở dự toán của các cơ quan, đơn vị, chủ trì tổng hợp "
                   "trình cấp có thẩm quyền.\nIV. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế, căn cứ tình hình thực tế, hướng "
                   "dẫn các cơ sở khám bệnh.\n")
    assert ("Sở Tài chính", "lead") in roles
    assert ("Sở Y tế", "implement") in roles and ("Sở Y tế", "lead") not in roles


def test_a_head_word_broken_over_a_line_starts_the_name():
    roles = _roles("V. TỔ CHỨC THỰC HIỆN\n2. Đề nghị Ủy ban Mặt trận\nTổ quốc Việt Nam huyện và các Đoàn thể huyện "
                   "bằng nhiều hình thức vận động Nhân dân tham gia.\n")
    assert {n for n, r in roles if r == "implement"} == {"Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "Đoàn thể huyện"}


def test_a_plural_head_with_a_colon_shares_its_head_even_with_members_that_are_heads():
    roles = _roles("+ Các Bộ: Công an, Tài chính, Công Thương bảo đảm duy trì dịch vụ công trực tuyến.\n"
                   "Bộ Xây dựng sẽ triển khai giải pháp như thế nào?\n")
    assert {n for n, r in roles if r == "implement"} == {"Bộ Công an", "Bộ Tài chính", "Bộ Công Thương"}
    assert name_at("Bộ Xây dựng sẽ triển khai", 0) == ("Bộ Xây dựng", 11)  # 'sẽ' ends a name


def test_bodies_opening_a_clause_after_a_colon_with_a_verb_of_duty_are_given_it():
    roles = _roles("3. Giấy khen của Giám đốc sở: Các sở, ban, ngành và Ủy ban nhân dân các xã quy định số lượng "
                   "khen thưởng.\nNội dung: Ban hành văn bản hướng dẫn; Hội nghị tổng kết xem xét kết quả.\n"
                   "Căn cứ Chỉ thị: Bộ trưởng Bộ Y tế chỉ thị Sở Y tế các tỉnh thực hiện.\n")
    implementers = {n for n, r in roles if r == "implement"}
    assert {"Các sở, ban, ngành", "Ủy ban nhân dân các xã"} <= implementers
    assert not any(n.startswith(("Ban hành", "Hội nghị", "Bộ trưởng Bộ Y tế chỉ thị")) for n in implementers)


def test_a_bullet_of_bodies_closed_by_a_colon_and_a_duty_gives_them_the_task():
    roles = _roles("Phòng chống dịch mùa mưa\n- Sở Y tế các tỉnh và Ban Quản lý An toàn thực phẩm TP. Cần Thơ: "
                   "Triển khai kế hoạch phòng chống dịch.\n- Cơ quan thường trực: Văn phòng Sở.\n")
    implementers = {n for n, r in roles if r == "implement"}
    assert implementers == {"Sở Y tế các tỉnh", "Ban Quản lý An toàn thực phẩm TP. Cần Thơ"}


def test_a_head_that_ends_like_a_verb_is_a_complete_name_alone():
    assert is_complete_name("Ban Chỉ đạo")
    roles = _roles("- Từ ngày 01/10 đến ngày 15/10: Ban Chỉ đạo, Ban Tổ chức Hội diễn cấp tỉnh tổ chức chấm giải.\n")
    assert {n for n, r in roles if r == "implement"} == {"Ban Chỉ đạo", "Ban Tổ chức Hội diễn cấp tỉnh"}


def test_the_agent_of_a_duty_after_do_is_given_it():
    roles = _roles("Điểm tính theo số liệu do Sở Tài chính tổng hợp hằng năm. Kế hoạch do Sở Y tế ban hành.\n")
    assert {n for n, r in roles if r == "implement"} == {"Sở Tài chính"}


def test_media_bodies_written_in_lower_case_are_a_category_with_its_place():
    roles = _roles("- Hướng dẫn các cơ quan truyền thông trên địa bàn huyện tăng cường tuyên truyền.\n")
    assert ("cơ quan truyền thông trên địa bàn huyện", "implement") in roles


def test_a_name_written_as_alternatives_joined_by_a_slash_is_its_first_alternative():
    # slash-alternatives: units named differently in different communes are one body, the first
    roles = _roles("III. TỔ CHỨC THỰC HIỆN\n1. UBND các xã, phường\n- Chỉ đạo Phòng Văn hóa/ Phòng Văn hóa - "
                   "Xã hội hướng dẫn các thôn tổ chức lễ hội.\n"
                   "2. Văn phòng HĐND và UBND/Văn phòng UBND xã: theo dõi, tổng hợp kết quả thực hiện.\n")
    implementers = {n for n, r in roles if r == "implement"}
    assert "Phòng Văn hóa" in implementers and "Văn phòng HĐND và UBND" in implementers
    assert not any("/" in n or "Xã hội" in n or n.startswith("Văn phòng UBND") for n, _ in roles)
    assert name_at("Phòng Văn hóa/Phòng Văn hóa - Xã hội hướng dẫn.", 0) == ("Phòng Văn hóa", 13)


def test_a_name_is_written_without_the_acting_part_before_it_nor_a_related_tail():
    # acting-part-dropped, related-tail-dropped
    text = ("III. TỔ CHỨC THỰC HIỆN\n1. Sở Nông nghiệp và Môi trường\n- Chỉ đạo lực lượng Kiểm lâm thường xuyên "
            "tuần tra rừng.\n- Phối hợp với lực lượng quân đội, công an hỗ trợ người dân.\n"
            "2. Các sở, ban, ngành có liên quan: căn cứ chức năng, triển khai thực hiện.\n")
    result = extract_organisations(segment(text))
    roles = {(a.name, a.role) for a in result}
    assert {("Kiểm lâm", "implement"), ("quân đội", "coordinate"), ("công an", "coordinate"),
            ("Các sở, ban, ngành", "implement")} <= roles
    assert not any("lực lượng" in n or "liên quan" in n for n, _ in roles)
    for a in result:  # each span still holds its name
        assert " ".join(text[a.span[0]:a.span[1]].split()) == a.name


def test_area_words_joined_by_a_slash_are_one_area_of_the_name():
    # area-alternatives
    assert name_at("UBND các xã/phường thực hiện.", 0) == ("UBND các xã/phường", 18)
    assert name_at("Ủy ban nhân dân xã/phường/thị trấn: thực hiện.", 0)[0] == "Ủy ban nhân dân xã/phường/thị trấn"


def test_a_body_that_goes_on_leading_or_is_told_to_direct_is_given_the_task():
    # lead-adverb ("tiếp tục chủ trì"), assigned-to-direct ("Yêu cầu X chỉ đạo Y")
    roles = _roles("IV. TỔ CHỨC THỰC HIỆN\n1. Giao Sở Nội vụ tiếp tục chủ trì, phối hợp với Sở Tư pháp rà soát.\n"
                   "2. Yêu cầu Đảng ủy Khối cơ quan tỉnh chỉ đạo các chi bộ trực thuộc thực hiện.\n")
    assert {("Sở Nội vụ", "lead"), ("Sở Nội vụ", "implement"), ("Sở Tư pháp", "coordinate"),
            ("Đảng ủy Khối cơ quan tỉnh", "implement")} <= roles


def test_the_bodies_right_after_the_verb_of_reporting_are_reported_to():
    # report-to-direct; a verb after a name ends it ("xem xét", "vào", "bằng")
    roles = _roles("III. TỔ CHỨC THỰC HIỆN\n- Sở Y tế tổng hợp, báo cáo UBND tỉnh và Bộ Y tế kết quả thực hiện.\n"
                   "- Định kỳ báo cáo Thường trực Tỉnh ủy xem xét, cho ý kiến.\n"
                   "- Kết quả báo cáo Ban Chỉ đạo tỉnh vào cuối năm.\n")
    reported = {n for n, r in roles if r == "report_to"}
    assert reported == {"UBND tỉnh", "Bộ Y tế", "Thường trực Tỉnh ủy", "Ban Chỉ đạo tỉnh"}


def test_a_second_and_after_a_name_joined_by_and_starts_another_body():
    # second-and-ends-name
    assert name_at("Bộ Văn hóa, Thể thao và Du lịch và Chính phủ xem xét.", 0)[0] == "Bộ Văn hóa, Thể thao và Du lịch"
    assert name_at("Sở Giáo dục và Đào tạo thực hiện.", 0)[0] == "Sở Giáo dục và Đào tạo"


def test_bodies_before_the_verb_of_coordinating_or_heading_an_item_that_coordinates_coordinate():
    # coordinate-before-verb, coordinate-section-owner
    roles = _roles("III. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế chủ trì triển khai kế hoạch.\n"
                   "2. Sở Tài chính, Sở Nội vụ phối hợp bố trí kinh phí.\n"
                   "3. Sở Xây dựng\n- Phối hợp với Sở Y tế kiểm tra các công trình.\n"
                   "4. Các sở, ban, ngành có liên quan phối hợp thực hiện.\n")
    assert {("Sở Tài chính", "coordinate"), ("Sở Nội vụ", "coordinate"), ("Sở Xây dựng", "coordinate"),
            ("Sở Y tế", "coordinate"), ("Các sở, ban, ngành", "coordinate")} <= roles
    assert ("Sở Y tế", "lead") in roles and ("Sở Xây dựng", "lead") not in roles


def test_an_item_heading_led_in_by_de_nghi_owns_the_duties_below_it():
    """coordinate-section-owner: "7. Đề nghị Ban Tuyên giáo Thị ủy" then "Phối hợp với ...": the
    body after the lead word ("Đề nghị", "Giao", "Đối với") coordinates."""
    text = "III. TỔ CHỨC THỰC HIỆN\n7. Đề nghị Ban Tuyên giáo Thị ủy\nPhối hợp với các phòng, ban tuyên truyền về xã hội học tập.\n"
    assert ("Ban Tuyên giáo Thị ủy", "coordinate") in _roles(text)
    for found in extract_organisations(segment(text)):  # its span is the name's, not the lead word's
        assert text[found.span[0]:found.span[1]] == found.name


def test_an_enforcement_clause_in_an_articles_body_gives_each_officer_the_duty():
    text = ("Điều 12. Điều khoản thi hành\n"
            "1. Nghị định này có hiệu lực thi hành kể từ ngày ký.\n"
            "2. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc "
            "trung ương và tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Nghị định này.\n")
    implementers = {n for n, r in _roles(text) if r == "implement"}
    assert implementers == {"Các Bộ trưởng", "Thủ trưởng cơ quan ngang bộ",
                            "Chủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương"}
    untitled = "Điều 9. Trách nhiệm thi hành\nThủ trưởng cơ quan thuộc Chính phủ chịu trách nhiệm thi hành Nghị định này.\n"
    assert ("Thủ trưởng cơ quan thuộc Chính phủ", "implement") in _roles(untitled)
    aside = "Điều 3. Hiệu lực\nTrường hợp cần thiết, Sở Y tế tổng hợp và Bộ Y tế chịu trách nhiệm thi hành.\n"
    rules = {a.rule for a in extract_organisations(segment(aside))}
    assert "organisation:enforcement-clause" not in rules  # the clause does not open with the list


def test_a_title_naming_a_body_gives_it_the_duties_below():
    text = ("Điều 10. Trách nhiệm của các bộ, ngành, địa phương\n"
            "1. Trách nhiệm của Bộ Công Thương\n"
            "a) Chủ trì xây dựng cơ sở dữ liệu về thị trường;\n"
            "b) Phối hợp với Bộ Tài chính bố trí kinh phí.\n"
            "2. Trách nhiệm của Ủy ban nhân dân cấp tỉnh:\n"
            "a) Tổ chức tuyên truyền chính sách trên địa bàn.\n")
    roles = _roles(text)
    assert {("Bộ Công Thương", "implement"), ("Bộ Công Thương", "lead"), ("Bộ Công Thương", "coordinate"),
            ("Ủy ban nhân dân cấp tỉnh", "implement")} <= roles
    assert ("Ủy ban nhân dân cấp tỉnh", "lead") not in roles
    assert not any(name.startswith("các bộ") for name, _ in roles)  # a class titling the clauses
    broken = "2. Trách nhiệm của Bộ Nội vụ a)\nBáo cáo Chính phủ kết quả thực hiện.\n"  # a list mark left at the line's end
    assert ("Bộ Nội vụ", "implement") in _roles(broken)


def test_a_decree_on_a_bodys_functions_gives_it_the_duties_with_no_subject():
    text = ("Điều 1. Vị trí và chức năng\n"
            "Bộ Công Thương là cơ quan của Chính phủ, thực hiện chức năng quản lý nhà nước về công nghiệp.\n"
            "Điều 2. Nhiệm vụ và quyền hạn\n"
            "1. Về thương mại:\n"
            "a) Chủ trì, phối hợp với Bộ Tài chính xây dựng chính sách xuất khẩu;\n")
    roles = _roles(text)
    assert {("Bộ Công Thương", "implement"), ("Bộ Công Thương", "lead"), ("Bộ Tài chính", "coordinate")} <= roles
    plain = "Điều 1. Phạm vi\nBộ Công Thương là cơ quan được giao quản lý chợ.\nĐiều 2.\na) Chủ trì xây dựng chính sách;\n"
    assert ("Bộ Công Thương", "lead") not in _roles(plain)  # no statement of functions


def test_the_doer_of_a_dated_duty_is_the_body_after_the_date():
    text = ("Trước ngày 15/5/2026, Bộ Y tế ban hành hướng dẫn khám sàng lọc.\n"
            "Chậm nhất ngày 30/6, Sở Nội vụ phối hợp với Sở Tài chính rà soát biên chế.\n"
            "Trước ngày 01/7, các văn bản cũ hết hiệu lực.\n")
    roles = _roles(text)
    assert {("Bộ Y tế", "implement"), ("Sở Nội vụ", "coordinate"), ("Sở Tài chính", "coordinate")} <= roles
    later = "Theo kế hoạch, trước ngày 01/5, Ủy ban nhân dân cấp tỉnh rà soát hồ sơ.\n"
    assert ("Ủy ban nhân dân cấp tỉnh", "implement") in _roles(later)
    leads = "Trước ngày 15/5/2026, Bộ Y tế chủ trì rà soát danh mục.\n"
    assert ("Bộ Y tế", "implement") not in _roles(leads)  # a body that leads is recorded as lead


def test_a_recipients_list_flattened_into_one_line_is_read_item_by_item():
    text = ("Điều 9. Trách nhiệm thi hành\nCác Bộ trưởng chịu trách nhiệm thi hành Nghị định này.\n\n"
            "- Văn phòng Quốc hội; - UBND các tỉnh, TP trực thuộc trung ương; - VPCP: BTCN, các Vụ, Công báo; "
            "- Lưu: VT, KGVX.\n")
    recipients = {n for n, r in _roles(text) if r == "recipient"}
    assert recipients == {"Văn phòng Quốc hội", "UBND các tỉnh, TP trực thuộc trung ương", "VPCP"}
    prose = "- Sở Y tế tuyên truyền; - Sở Tài chính bố trí kinh phí; - Sở Nội vụ theo dõi.\n"
    assert not {r for _, r in _roles(prose)} & {"recipient"}  # no archive line: no recipients' list
    officers = "Điều 2. Hiệu lực\nGiám đốc Sở Y tế chịu trách nhiệm thi hành.\n\n- Sở Y tế; - VPUB: CVP, các PCVP; - UBND các xã; - Lưu: VT.\n"
    assert "VPUB: CVP, các PCVP" in {n for n, r in _roles(officers) if r == "recipient"}  # officers of one body


def test_a_name_ends_before_the_verbs_of_party_leadership():
    for text, name in (("Đảng ủy Bộ Y tế lãnh đạo, chỉ đạo xây dựng kế hoạch.", "Đảng ủy Bộ Y tế"),
                       ("Ban cán sự đảng Bộ Tư pháp thể chế hóa các chủ trương.", "Ban cán sự đảng Bộ Tư pháp")):
        assert [b[0] for b in bodies_at(text, 0)[0]] == [name], text


def test_a_report_sent_to_the_highest_bodies_names_them():
    text = "Bộ Nội vụ tổng hợp, báo cáo Chính phủ, Thủ tướng Chính phủ xem xét.\nSở Y tế báo cáo Chính phủ Việt Nam.\n"
    reported = {n for n, r in _roles(text) if r == "report_to"}
    assert reported == {"Chính phủ", "Thủ tướng Chính phủ"}  # "Chính phủ Việt Nam" is no apex name as written


def test_inner_words_of_a_head_are_read_in_either_case():
    """head-inner-case: "Mặt trận Tổ Quốc", "Mặt trận tổ quốc" are the head "Mặt trận Tổ quốc"."""
    for text, name in (("Đề nghị Ủy ban Mặt trận Tổ Quốc Việt Nam tỉnh phối hợp tuyên truyền.",
                        "Ủy ban Mặt trận Tổ Quốc Việt Nam tỉnh"),
                       ("Đề nghị Ủy ban Mặt trận tổ quốc Việt Nam huyện phối hợp giám sát.",
                        "Ủy ban Mặt trận tổ quốc Việt Nam huyện")):
        assert (name, "implement") in _roles(text), text


def test_a_unit_named_by_the_body_it_belongs_to_is_one_body():
    """unit-of-named-body: "các ban của Hội đồng nhân dân" in a resolution's supervision clause."""
    text = ("2. Giao Thường trực Hội đồng nhân dân tỉnh, các ban của Hội đồng nhân dân, các Tổ đại biểu và "
            "đại biểu Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết.\n")
    assert {("Thường trực Hội đồng nhân dân tỉnh", "implement"), ("ban của Hội đồng nhân dân", "implement"),
            ("đại biểu Hội đồng nhân dân tỉnh", "implement")} <= _roles(text)
    assert [b[0] for b in bodies_at("các phòng của Sở Y tế phối hợp kiểm tra.", 0)[0]] == ["phòng của Sở Y tế"]
    assert bodies_at("ban của chúng tôi kiểm tra.", 0)[0] == []  # no body's name after "của"


def test_a_party_named_by_its_role_is_a_subject_of_duties():
    """duty-holder: "người đứng đầu cơ sở", "chủ đầu tư", "các chủ sở hữu" where a clause opens with them
    and a duty follows; circumstance-before-subject: "Sau khi ..., X có trách nhiệm"."""
    text = ("Điều 3. Trình tự\n1. Người đứng đầu cơ sở, chủ đầu tư có trách nhiệm lập hồ sơ cải tạo nhà xưởng.\n"
            "2. Sau khi hoàn thành cải tạo, chủ sở hữu có trách nhiệm gửi hồ sơ nghiệm thu.\n"
            "3. Trong thời gian di dời kho hàng, chủ cơ sở phải giảm khối lượng hàng tồn chứa.\n")
    roles = _roles(text)
    assert {("Người đứng đầu cơ sở", "implement"), ("chủ đầu tư", "implement"), ("chủ sở hữu", "implement"),
            ("chủ cơ sở", "implement")} <= roles
    heading = "III. TỔ CHỨC THỰC HIỆN\n4. Các chủ đầu tư xây dựng và kinh doanh hạ tầng cụm công nghiệp\n- Phối hợp rà soát.\n"
    assert ("chủ đầu tư xây dựng và kinh doanh hạ tầng cụm công nghiệp", "implement") in _roles(heading)
    passing = "Sở Xây dựng phối hợp với chủ đầu tư dự án kiểm tra hồ sơ.\n"
    assert not {n for n, _ in _roles(passing)} & {"chủ đầu tư", "chủ đầu tư dự án"}  # named in passing: no subject


def test_a_list_closed_by_the_generic_rest_keeps_its_duty():
    """list-closers: "..., cơ quan liên quan tiếp tục nghiên cứu" (without "các")."""
    text = "Giao Ban Chỉ đạo chỉ đạo Sở Tài chính, Kho bạc Nhà nước khu vực, cơ quan liên quan tiếp tục nghiên cứu phương án.\n"
    assert {("Sở Tài chính", "implement"), ("Kho bạc Nhà nước khu vực", "implement")} <= _roles(text)



def test_a_unit_written_before_its_owner_is_one_body():
    """unit-of-named-body, before_owner: "các cơ quan chuyên môn Bộ Y tế" directed to act."""
    text = "Đảng ủy Bộ Y tế chủ trì, chỉ đạo các cơ quan chuyên môn Bộ Y tế phối hợp với Sở Y tế triển khai.\n"
    assert ("cơ quan chuyên môn Bộ Y tế", "implement") in _roles(text)
    assert bodies_at("các cơ quan chuyên môn phối hợp kiểm tra.", 0)[0] == []  # no owner named


def test_the_ministries_named_as_a_class_are_partners():
    """partner-class: "phối hợp với các bộ, ngành, địa phương" names the ministries; "các sở, ngành" there
    is whoever is concerned."""
    roles = _roles("Bộ Xây dựng chủ trì, phối hợp với các bộ, ngành, địa phương rà soát quy hoạch.\n")
    assert ("các bộ, ngành, địa phương", "coordinate") in roles
    local = _roles("Sở Xây dựng chủ trì, phối hợp với các sở, ngành rà soát quy hoạch.\n")
    assert not any(r == "coordinate" and n.startswith("các sở") for n, r in local)


OWNER_TABLE = "PHỤ LỤC\n\nDANH MỤC DỮ LIỆU\n\n|\n" + "\n|\n".join([
    "STT", "Nhóm dữ liệu", "Dữ liệu", "Cơ quan chủ quản dữ liệu", "", "1", "Dữ liệu đất đai", "Bản đồ địa chính",
    "Sở Nông nghiệp và Môi trường", "", "2", "Dữ liệu dân cư", "Sổ hộ tịch", "Công an tỉnh", "", "3",
    "Dữ liệu giáo dục", "Học bạ điện tử", "Sở Giáo dục và Đào tạo", ""]) + "\n"


def test_a_table_column_naming_the_owner_gives_each_body_its_rows(tmp_path):
    """owner-column: a table headed "Cơ quan chủ quản ..." (no lead column) names the body each row is given."""
    from ingest.extract import extract
    from ingest.read import read

    path = tmp_path / "danh-muc.md"
    path.write_text(OWNER_TABLE, encoding="utf-8")
    found = {(a.name, a.role) for a in extract(read(path)).organisations}
    assert {("Sở Nông nghiệp và Môi trường", "implement"), ("Công an tỉnh", "implement"),
            ("Sở Giáo dục và Đào tạo", "implement")} <= found


def test_a_numbered_heading_naming_a_class_of_establishments_is_one_body():
    """class-heading: "4. Các cơ sở chế biến nông sản, thủy sản:" heads the duties of that class, the whole
    line its name; duty-holder: "5. Các chủ rừng là hộ gia đình (các hộ nhận khoán ...)" to its parenthesis."""
    text = ("IV. TỔ CHỨC THỰC HIỆN\n1. Sở Công Thương: Chủ trì kiểm tra.\n"
            "4. Các cơ sở chế biến nông sản, thủy sản:\n- Thực hiện quan trắc nước thải.\n"
            "5. Các chủ rừng là hộ gia đình (các hộ nhận khoán bảo vệ rừng)\n- Tuần tra rừng.\n")
    roles = _roles(text)
    assert {("Các cơ sở chế biến nông sản, thủy sản", "implement"), ("chủ rừng là hộ gia đình", "implement")} <= roles
    verb = "IV. TỔ CHỨC THỰC HIỆN\n2. Các doanh nghiệp đang hoạt động trong cụm công nghiệp\n- Phối hợp.\n"
    assert not any("đang" in n for n, _ in _roles(verb))  # a line running into a verb names no class


def test_a_name_holds_zones_joined_by_and_and_a_class_its_place_after_thuoc():
    """place-compound: "Ban Quản lý các khu kinh tế và khu công nghiệp tỉnh" is one name; a class keeps
    "thuộc" and its area ("các sở, ban, ngành thuộc tỉnh")."""
    bodies, _ = bodies_at("Ban Quản lý các khu kinh tế và khu công nghiệp tỉnh Quảng Trị chủ trì thẩm định.", 0)
    assert [b[0] for b in bodies] == ["Ban Quản lý các khu kinh tế và khu công nghiệp tỉnh Quảng Trị"]
    assert [b[0] for b in bodies_at("Sở Y tế và khu công nghiệp", 0)[0]] == ["Sở Y tế"]
    bodies, _ = bodies_at("Các sở, ban, ngành thuộc tỉnh triển khai thực hiện.", 0)
    assert [b[0] for b in bodies] == ["Các sở, ban, ngành thuộc tỉnh"]


def test_a_name_whose_text_ends_on_and_is_read_without_running_off_the_end():
    """A line cut after "và" (the last word of the text): the name stops there, no IndexError."""
    assert name_at("Sở Tài chính và", 0) == ("Sở Tài chính", 12)
    assert name_at("Ban Quản lý các khu công nghệ cao và", 0) == ("Ban Quản lý các khu công nghệ cao", 33)
