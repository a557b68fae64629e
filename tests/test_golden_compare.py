"""The comparison key of organisations (tests/golden_compare.py): wording variants of one
name are one key, different bodies stay apart."""

from tests.golden_compare import org_compare_key


def test_wording_variants_of_one_name_are_one_key():
    assert org_compare_key("Chủ tịch UBND các xã, phường") == org_compare_key("Chủ tịch Ủy ban nhân dân xã")
    assert org_compare_key("Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương") == \
        org_compare_key("UBND tỉnh")
    assert org_compare_key("Các tổ chức chính trị - xã hội") == org_compare_key("tổ chức chính trị-xã hội")
    assert org_compare_key("Hội đồng Thi đua – Khen thưởng;") == org_compare_key("Hội đồng Thi đua - Khen thưởng")
    assert org_compare_key("các sở, ban, ngành cấp tỉnh") == org_compare_key("sở, ban, ngành")
    assert org_compare_key("Thường trực:") == org_compare_key("Thường trực")


def test_different_bodies_keep_different_keys():
    assert org_compare_key("Tổ chức chính trị - xã hội") != org_compare_key("Tổ chức chính trị")
    assert org_compare_key("Sở Y tế") != org_compare_key("Sở Tài chính")
    assert org_compare_key("Hội Nông dân") != org_compare_key("Hội Liên hiệp Phụ nữ")
    assert org_compare_key("Ủy ban nhân dân") != org_compare_key("Hội đồng nhân dân")
