"""Where a document belongs (ingest/resolve.py): a commune's plan after the 2025 reorganisation
belongs to its commune under the province its header's upper line names, whatever provinces its
body mentions; two communes' plans with the same number are two documents."""

from ingest.extract import extract
from ingest.read import SourceText, normalise


def commune_plan(province_line: str, commune_line: str, place: str, number: str, body_province: str) -> str:
    return (f"{province_line}\n{commune_line}\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
            f"Số: {number}\n\n{place}, ngày 7 tháng 10 năm 2025\n\nKẾ HOẠCH\n\nTriển khai thực hiện Kế hoạch số "
            f"121/KH-UBND ngày 02/9/2025 của UBND tỉnh về chuyển đổi số\n\nThực hiện Kế hoạch số 121/KH-UBND ngày "
            f"02/9/2025 của UBND tỉnh về chuyển đổi số;\n\nI. MỤC ĐÍCH\n\n1. Học tập kinh nghiệm của tỉnh "
            f"{body_province}, tỉnh {body_province} và tỉnh {body_province}.\n")


def identity(original: str):
    text, offsets = normalise(original)
    return extract(SourceText("plan.txt", "", original, text, offsets)).document


def test_a_communes_plan_belongs_to_its_commune_in_the_province_its_header_names():
    plan = identity(commune_plan("ỦY BAN NHÂN DÂN TỈNH AN GIANG", "ỦY BAN NHÂN DÂN XÃ HÒA AN", "Hòa An",
                                 "12/KH-UBND", "Đắk Lắk"))
    assert plan.issuer == "Ủy ban nhân dân xã Hòa An"
    assert (plan.jurisdiction, plan.province, plan.district) == ("vn-an-giang/hoa-an", "An Giang", "hoa-an")


def test_a_ward_of_a_city_and_two_communes_with_one_number():
    ward = identity(commune_plan("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "ỦY BAN NHÂN DÂN PHƯỜNG TÂN ĐỊNH",
                                 "Tân Định", "12/KH-UBND", "Gia Lai"))
    other = identity(commune_plan("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "ỦY BAN NHÂN DÂN XÃ BÌNH MỸ",
                                  "Bình Mỹ", "12/KH-UBND", "Gia Lai"))
    assert ward.jurisdiction == "vn-ho-chi-minh/tan-dinh"
    assert other.jurisdiction == "vn-ho-chi-minh/binh-my"


def test_the_society_in_a_ministry_name_is_no_commune():
    """"Xã hội" in "Lao động - Thương binh và Xã hội" is not the commune word."""
    plan = identity("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\n\nSố: 15/KH-BLĐTBXH\n\nHà Nội, ngày 3 tháng 3 năm 2025\n\n"
                    "KẾ HOẠCH\n\nVề an sinh xã hội\n")
    assert "/" not in (plan.jurisdiction or "")
