"""The relations a document states, by where it states them (ingest/document_parts.py) and
by the kinds of wording that name documents. Every text here is made up, in the forms
administrative documents use."""

from ingest.extract import extract
from ingest.read import SourceText, normalise


def extraction(original: str, markdown: bool = False):
    text, offsets = normalise(original, markdown=markdown)
    return extract(SourceText("x.md" if markdown else "x.txt", "", original, text, offsets))


def triples(result) -> set:
    return {(r.subject, r.predicate, r.object) for r in result.relations}


PLAN = """ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH
Số: 12/KH-UBND
Hà Tĩnh, ngày 3 tháng 3 năm 2025
KẾ HOẠCH
Triển khai thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
Thực hiện Kế hoạch số 02-KH/BCĐTW ngày 19/6/2025 của Ban Chỉ đạo Trung ương; Căn cứ Kế hoạch số 02-KH/BCĐTW;
Tuy nhiên, qua quá trình triển khai thực hiện tại các địa phương theo Quyết định số 766/QĐ-TTg còn chậm.
I. MỤC ĐÍCH, YÊU CẦU
1. Góp phần thực hiện Nghị quyết số 18-NQ/TW của Ban Chấp hành Trung ương.
II. NHIỆM VỤ
1. Triển khai thực hiện Luật Ngân sách nhà nước trong bố trí kinh phí.
2. Sở Nội vụ tham mưu Ủy ban nhân dân tỉnh sửa đổi hoặc thay thế Quyết định số 15/2021/QĐ-UBND.
Kế hoạch này thay thế Kế hoạch số 84/KH-UBND ngày 01/4/2023 của Ủy ban nhân dân tỉnh.
"""


def test_parents_come_from_title_and_preamble_and_body_verbs_are_citations():
    result = extraction(PLAN)
    relations = triples(result)
    assert ("self", "implements", "57-NQ/TW") in relations        # the title
    assert ("self", "based_on", "Luật Tổ chức chính quyền địa phương") in relations
    assert ("self", "implements", "02-KH/BCĐTW") in relations     # "Căn cứ" too: implements wins
    assert ("self", "based_on", "02-KH/BCĐTW") not in relations
    assert ("self", "cites", "766/QĐ-TTg") in relations           # a story in the preamble
    assert ("self", "cites", "18-NQ/TW") in relations             # a purpose clause
    assert ("self", "cites", "Luật Ngân sách nhà nước") in relations  # a task
    assert ("self", "cites", "15/2021/QĐ-UBND") in relations     # advice to replace, not the act
    assert ("self", "supersedes", "84/KH-UBND") in relations     # "Kế hoạch này thay thế"
    by_object = {r.object: r for r in result.relations if r.subject == "self"}
    budget_law = by_object["Luật Ngân sách nhà nước"]
    assert (budget_law.stated, budget_law.rule) == ("implements", "relation:body-mention")
    assert result.tasks[budget_law.task].heading.startswith("1. Triển khai thực hiện Luật Ngân sách")
    assert by_object["57-NQ/TW"].rule == "relation:title"


def test_one_relation_from_the_document_per_cited_document():
    objects = [r.object for r in extraction(PLAN).relations if r.subject == "self"]
    assert len(objects) == len(set(objects))


def test_an_article_that_replaces_and_repeals_acts_for_the_document():
    result = extraction("""QUYẾT ĐỊNH
Về việc ban hành Quy chế làm việc
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.
Điều 2. Quyết định này có hiệu lực từ ngày ký.
1. Quyết định này thay thế Quyết định số 20/2021/QĐ-UBND ngày 2/3/2021.
2. Bãi bỏ khoản 2 Điều 1
Nghị quyết số 246/NQ-HĐND ngày 10 tháng 9 năm 2025 của Hội đồng nhân dân tỉnh.
""")
    relations = triples(result)
    assert ("self", "supersedes", "20/2021/QĐ-UBND") in relations
    assert ("self", "repeals", "246/NQ-HĐND") in relations


def test_a_preamble_item_describes_its_document_with_its_later_verbs():
    result = extraction("""KẾ HOẠCH
Chuyển đổi số
Căn cứ Nghị quyết số 71/NQ-CP ngày 01 tháng 4 năm 2025 của Chính phủ sửa đổi, bổ sung cập nhật Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;
Căn cứ Luật Xử lý vi phạm hành chính số 15/2012/QH13, được sửa đổi, bổ sung bởi Luật số 67/2020/QH14 và Luật số 88/2025/QH15;
I. MỤC TIÊU
""")
    relations = triples(result)
    assert ("71/NQ-CP", "implements", "57-NQ/TW") in relations
    assert ("self", "based_on", "71/NQ-CP") in relations
    assert ("self", "implements", "57-NQ/TW") not in relations
    assert {("67/2020/QH14", "amends", "15/2012/QH13"), ("88/2025/QH15", "amends", "15/2012/QH13")} <= relations
    assert ("self", "based_on", "88/2025/QH15") not in relations


def test_laws_end_where_their_names_end():
    result = extraction("""Thực hiện Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân năm 2015, Luật Cán bộ, công chức và
Luật sửa đổi, bổ sung một số điều của Luật Kế toán, Luật Quản lý, sử dụng tài sản công và Luật Quản lý thuế ngày 29 tháng 11 năm 2024;
bảo đảm kịp thời theo Luật việc làm trên địa bàn tỉnh và Luật Việc làm thuộc phạm vi quản lý.""")
    refs = {r.ref for r in result.references}
    assert {"Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân năm 2015", "Luật Cán bộ, công chức",
            "Luật Kế toán", "Luật Quản lý, sử dụng tài sản công", "Luật Quản lý thuế", "Luật việc làm"} <= refs
    assert "Luật Việc làm" not in refs and not any("bảo đảm" in ref or "thuộc phạm vi" in ref for ref in refs)
    amending = next(ref for ref in refs if ref.startswith("Luật sửa đổi, bổ sung"))
    assert amending.endswith("Luật Quản lý thuế")
    assert {(amending, "amends", "Luật Kế toán"), (amending, "amends", "Luật Quản lý thuế")} <= triples(result)


def test_a_programme_whose_quoted_title_holds_its_type_word():
    result = extraction("Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt "
                        "“Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030”;")
    programme = "Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030"
    assert programme in {r.ref for r in result.references}
    assert ("749/QĐ-TTg", "approves", programme) in triples(result)


def test_a_document_named_in_anothers_subject_is_cited_by_it():
    result = extraction("Để bảo đảm thực hiện các nhiệm vụ nêu tại Kết luận số 121-KL/TW ngày 24/01/2025 của "
                        "Ban Chấp hành Trung ương về tổng kết Nghị quyết số 18-NQ/TW, Bộ Chính trị yêu cầu:")
    relations = triples(result)
    assert ("self", "implements", "121-KL/TW") in relations
    assert ("121-KL/TW", "cites", "18-NQ/TW") in relations
    assert ("self", "implements", "18-NQ/TW") not in relations


def test_a_decision_title_ends_before_the_enacting_line():
    result = extraction("QUYẾT ĐỊNH\nVỀ VIỆC BỔ SUNG KINH PHÍ (ĐỢT 2) THỦ TƯỚNG CHÍNH PHỦ\nCăn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;")
    assert result.document.title == "VỀ VIỆC BỔ SUNG KINH PHÍ (ĐỢT 2)"
    start, end = result.document.spans["title"]
    assert end - start == len("VỀ VIỆC BỔ SUNG KINH PHÍ (ĐỢT 2)")


def test_a_page_heading_that_names_the_document_gives_its_identity():
    result = extraction("# Chỉ thị số 45-CT/TW về đại hội đảng bộ các cấp\n\nNội dung chính của Chỉ thị.\n", markdown=True)
    assert (result.document.type, result.document.number) == ("CT", "45-CT/TW")
    assert result.document.title == "Về đại hội đảng bộ các cấp"
    result = extraction("# Toàn tỉnh đạt 95% kế hoạch năm 2025\n\nNội dung.\n", markdown=True)
    assert result.document.number is None and result.document.type is None
    # "Toàn văn" says the page copies the document: its number stands whatever follows
    result = extraction("# TOÀN VĂN: KẾT LUẬN 155-KL/TW CỦA BỘ CHÍNH TRỊ VỀ SẮP XẾP BỘ MÁY\n\nNội dung.\n", markdown=True)
    assert (result.document.type, result.document.number) == ("KL", "155-KL/TW")
    # a heading opening with the type and number names the document whatever follows it
    # (tests/golden/README.md), a question after it being the page's, not the title
    result = extraction("# Nghị quyết 74/NQ-CP của Chính phủ về sắp xếp đơn vị hành chính\n\nHỏi đáp.\n", markdown=True)
    assert (result.document.type, result.document.number) == ("NQ", "74/NQ-CP")
    result = extraction("# Kế hoạch 12-KH/TU triển khai ra sao? Tải về Kế hoạch 12?\n\nHỏi đáp.\n", markdown=True)
    assert (result.document.number, result.document.title) == ("12-KH/TU", None)
    result = extraction("# Thủ tướng yêu cầu thực hiện Nghị quyết 74/NQ-CP\n\nTin.\n", markdown=True)
    assert result.document.number is None


def test_the_issuing_sentence_is_read_before_the_body():
    result = extraction("Ủy ban Thường vụ Quốc hội hướng dẫn như sau:\n1. Nội dung\n"
                        "1.2. Thường trực Hội đồng nhân dân cấp tỉnh ban hành Nghị quyết chỉ định nhân sự.\n")
    assert result.document.issuer is None


def test_a_preamble_list_shares_its_verb_over_lines_and_plural_headings():
    result = extraction("""KẾ HOẠCH
Khen thưởng
Thực hiện Chỉ thị số 45-CT/TW ngày 14/4/2025 của Bộ Chính trị về đại hội;
Hướng dẫn số 7886/HD-BNV ngày 14/9/2025 của Bộ Nội vụ về khen thưởng; Chỉ thị số 02-CT/TU ngày 05/8/2025 của Ban Thường vụ Tỉnh ủy;
Căn cứ Công điện số 223/CĐ-TTg ngày 20/11/2025 của Thủ tướng Chính phủ về ứng phó lũ; Các Công điện: số 007/CĐ-UBND ngày 17/11/2025, số 008/CĐ-UBND;

Tình hình năm qua có Chỉ thị số 09/CT-UBND.
I. MỤC ĐÍCH
""")
    relations = triples(result)
    assert {("self", "implements", "45-CT/TW"), ("self", "implements", "7886/HD-BNV"),
            ("self", "implements", "02-CT/TU")} <= relations
    assert {("self", "based_on", "223/CĐ-TTg"), ("self", "based_on", "007/CĐ-UBND"),
            ("self", "based_on", "008/CĐ-UBND")} <= relations
    assert ("self", "cites", "09/CT-UBND") in relations  # another paragraph, no verb


RESOLUTION = """HỘI ĐỒNG NHÂN DÂN TỈNH NAM ĐỊNH
Số: 15/2025/NQ-HĐND
Nam Định, ngày 10 tháng 12 năm 2025
NGHỊ QUYẾT
Quy định mức chi hỗ trợ công tác hòa giải ở cơ sở
Căn cứ Luật Ngân sách nhà nước số 89/2025/QH15;
Căn cứ Thông tư số 56/2023/TT-BTC ngày 18 tháng 8 năm 2023 của Bộ Tài chính;
Xét Tờ trình số 310/TTr-UBND ngày 20 tháng 11 năm 2025 của Ủy ban nhân dân tỉnh về việc đề nghị ban hành Nghị quyết quy định nội dung chi, mức chi hỗ trợ công tác hòa giải ở cơ sở, bồi dưỡng hòa giải viên, khen thưởng tổ hòa giải tiêu biểu và tổng kết công tác hòa giải trên địa bàn tỉnh Nam Định; Báo cáo thẩm tra số 95/BC-BPC ngày 25 tháng 11 năm 2025 của Ban Pháp chế.
Điều 1. Phạm vi điều chỉnh
Nghị quyết này quy định mức chi hỗ trợ hòa giải.
Điều 2. Hiệu lực thi hành
1. Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2026.
2. Nghị quyết số 08/2020/NQ-HĐND ngày 10 tháng 7 năm 2020 của Hội đồng nhân dân tỉnh về mức chi hỗ trợ hòa giải; quy định chi tiết một số nội dung hết hiệu lực kể từ ngày Nghị quyết này có hiệu lực thi hành.
"""


def test_a_document_opening_a_sentence_that_ends_its_force_is_repealed():
    """relation:expiry: "2. Nghị quyết số 08/2020/NQ-HĐND ... hết hiệu lực kể từ ngày ..." in
    the article on entry into force: the verb follows the document."""
    relations = triples(extraction(RESOLUTION))
    assert ("self", "repeals", "08/2020/NQ-HĐND") in relations


def test_an_expiry_told_in_a_news_sentence_is_no_repeal():
    news = ("Theo thông tin, Nghị quyết số 08/2020/NQ-HĐND ngày 10 tháng 7 năm 2020 hết hiệu lực "
            "từ năm 2026.\n")
    assert ("self", "repeals", "08/2020/NQ-HĐND") not in triples(extraction(news))


def test_a_preamble_list_under_xet_does_not_take_the_verb_of_the_list_before():
    """relation:preamble-list: "Xét Tờ trình ...; Báo cáo thẩm tra số ..." opens a list of its
    own: the report is cited, not based on."""
    relations = triples(extraction(RESOLUTION))
    assert ("self", "based_on", "56/2023/TT-BTC") in relations
    assert ("self", "cites", "310/TTr-UBND") in relations
    assert ("self", "cites", "95/BC-BPC") in relations


def test_a_verb_of_cause_names_a_circumstance_not_an_implementation():
    """relation:circumstance: "hỗ trợ người chịu tác động do thực hiện sắp xếp ... theo Kết luận
    số 183-KL/TW" (because of carrying out): the plan cites the conclusion, it does not
    implement it; without "do" the title states the parent."""
    plan = ("ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH\nSố: 20/KH-UBND\nNam Định, ngày 5 tháng 9 năm 2025\nKẾ HOẠCH\n"
            "Hỗ trợ người lao động chịu tác động do thực hiện sắp xếp tổ chức bộ máy theo Kết luận số "
            "183-KL/TW ngày 1/8/2025 của Bộ Chính trị\nI. MỤC ĐÍCH\n1. Bảo đảm quyền lợi.\n")
    relations = triples(extraction(plan))
    assert ("self", "implements", "183-KL/TW") not in relations
    assert ("self", "cites", "183-KL/TW") in relations
    assert ("self", "implements", "183-KL/TW") in triples(extraction(plan.replace(" do thực hiện", ", thực hiện")))


DECREE_GROUNDS = """CHÍNH PHỦ
Số: 45/2026/NĐ-CP
Hà Nội, ngày 2 tháng 3 năm 2026
NGHỊ ĐỊNH
Quy định về thư viện số
Căn cứ các Luật của Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam: Luật Thư viện số 46/2019/QH14, ngày 21/11/2019; Luật Lưu trữ số 33/2024/QH15, ngày 21/6/2024;
Căn cứ Luật số 11/2025/QH15 sửa đổi, bổ sung một số điều của Luật Di sản văn hóa số 45/2024/QH15, Luật Điện ảnh số 05/2022/QH15 và Luật Quảng cáo số 16/2012/QH13;
Căn cứ Nghị định số 93/2020/NĐ-CP của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Thư viện;
Căn cứ Nghị định số 21/2025/NĐ-CP của Chính phủ quy định chi tiết và hướng dẫn một số điều của Luật Lưu trữ về tài liệu số;
Theo đề nghị của Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch;
Chính phủ ban hành Nghị định quy định chi tiết và biện pháp thi hành Nghị quyết số 99/2025/QH15.
Điều 1. Phạm vi điều chỉnh
Nghị định này quy định biện pháp thi hành Nghị quyết số 99/2025/QH15 về thư viện số.
"""


def test_a_grounds_list_under_one_head_is_based_on_item_by_item():
    """relation:preamble-list-head: "Căn cứ các Luật ...: Luật A số X; Luật B số Y" grounds
    the decree on each law of the list."""
    relations = triples(extraction(DECREE_GROUNDS))
    assert ("self", "based_on", "46/2019/QH14") in relations
    assert ("self", "based_on", "33/2024/QH15") in relations


def test_an_amending_law_acts_on_every_law_of_its_list():
    """relation:acted-on-list: "Luật số Y sửa đổi ... của Luật A số X1, Luật B số X2 và Luật C
    số X3": Y amends each, the decree cites them (its ground is Y)."""
    relations = triples(extraction(DECREE_GROUNDS))
    for amended in ("45/2024/QH15", "05/2022/QH15", "16/2012/QH13"):
        assert ("11/2025/QH15", "amends", amended) in relations
        assert ("self", "cites", amended) in relations
    assert ("self", "based_on", "11/2025/QH15") in relations


def test_measures_to_carry_out_a_law_are_a_decree_guiding_it():
    """ "biện pháp thi hành Nghị quyết số ..." in a decree's scope: it guides that resolution."""
    assert ("self", "guides", "99/2025/QH15") in triples(extraction(DECREE_GROUNDS))


def test_an_item_of_another_type_after_a_description_is_the_outer_list_s():
    """relation:acted-on-list holds only for items of the same type: "Căn cứ Quyết định số
    X phê duyệt Chương trình “...” và Kế hoạch số Y": the plan Y is the next ground."""
    text = DECREE_GROUNDS.replace(
        "Căn cứ Luật số 11/2025/QH15", "Căn cứ Quyết định số 15/QĐ-TTg ngày 02/01/2025 phê duyệt Chương trình "
        "“Phát triển văn hóa đọc” và Kế hoạch số 20/KH-BVHTTDL ngày 03/3/2025 của Bộ Văn hóa;\nCăn cứ Luật số 11/2025/QH15")
    relations = triples(extraction(text))
    assert ("self", "based_on", "20/KH-BVHTTDL") in relations
    assert ("15/QĐ-TTg", "approves", "20/KH-BVHTTDL") not in relations


def test_a_decree_detailing_some_articles_of_a_law_guides_it():
    """ "Nghị định số X quy định chi tiết một số điều và biện pháp thi hành Luật Y": the whole
    phrase is the verb, X guides the law named after it (here by its number given above)."""
    relations = triples(extraction(DECREE_GROUNDS))
    assert ("93/2020/NĐ-CP", "guides", "46/2019/QH14") in relations
    assert ("21/2025/NĐ-CP", "guides", "33/2024/QH15") in relations


def test_a_replaced_list_of_decrees_named_by_their_titles():
    """ "Nghị định này thay thế Nghị định số X ... quy định chức năng ... của Bộ A; Nghị định
    số Y ...": the decree's title after its number ("quy định ...") is its own subject, the
    list goes on after ";" and the decree supersedes both."""
    text = DECREE_GROUNDS + ("Điều 2. Hiệu lực thi hành\n1. Nghị định này có hiệu lực từ ngày 01 tháng 4 năm 2026.\n"
                             "2. Nghị định này thay thế Nghị định số 30/2022/NĐ-CP ngày 05 tháng 5 năm 2022 của Chính "
                             "phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Văn hóa; Nghị định số "
                             "31/2022/NĐ-CP ngày 05 tháng 5 năm 2022 của Chính phủ quy định chức năng, nhiệm vụ của Bộ "
                             "Du lịch.\n")
    relations = triples(extraction(text))
    assert ("self", "supersedes", "30/2022/NĐ-CP") in relations
    assert ("self", "supersedes", "31/2022/NĐ-CP") in relations
