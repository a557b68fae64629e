import pytest

from ingest.number import DocumentNumber


@pytest.mark.parametrize("written,normal,type_code,issuer,year,party", [
    ("1373/QĐ-TTg", "1373/QĐ-TTg", "QĐ", "TTg", None, False),
    ("1373/QD-TTg", "1373/QĐ-TTg", "QĐ", "TTg", None, False),
    ("1373/Q\u00d0-TTg", "1373/QĐ-TTg", "QĐ", "TTg", None, False),
    ("11-CT/TW", "11-CT/TW", "CT", "TW", None, True),
    ("23-NQ/TU", "23-NQ/TU", "NQ", "TU", None, True),
    ("44/2014/TT-BGDĐT", "44/2014/TT-BGDĐT", "TT", "BGDĐT", 2014, False),
    ("44/2014/TT-BGDDT", "44/2014/TT-BGDĐT", "TT", "BGDĐT", 2014, False),
    ("796/KH-GDĐT-KH", "796/KH-GDĐT-KH", "KH", "GDĐT-KH", None, False),
    ("72/2025/QH15", "72/2025/QH15", None, "QH15", 2025, False),
    ("1234/UBND-VX", "1234/UBND-VX", None, "UBND-VX", None, False),
    ("8011-CV/BTCTW", "8011-CV/BTCTW", "CV", "BTCTW", None, True),
    ("0124/KH-UBND", "0124/KH-UBND", "KH", "UBND", None, False),
    ("1057/KH- SGDĐT", "1057/KH-SGDĐT", "KH", "SGDĐT", None, False),
])
def test_good_numbers(written, normal, type_code, issuer, year, party):
    number = DocumentNumber.parse(written)
    assert str(number) == normal
    assert number.type_code == type_code
    assert number.issuer_code == issuer
    assert number.year == year
    assert number.party is party
    assert DocumentNumber.parse(str(number)) == number  # round trip


@pytest.mark.parametrize("bad", ["12/4/2024", "2021-2030", "15-60", "KH-UBND", "/KH-GDĐT", "", "số 52", "52/", "99,5%"])
def test_bad_numbers(bad):
    with pytest.raises(ValueError):
        DocumentNumber.parse(bad)


def test_year_form_and_yearless_form_are_the_same_circular():
    with_year = DocumentNumber.parse("44/2014/TT-BGDĐT")
    without = DocumentNumber.parse("44/TT-BGDĐT").with_year(2014)
    assert with_year == without
