"""Ids read from requests: a document id, an indicator or area id or IRI; good ones round
trip, bad ones raise ValueError with the offending text in the message."""

import doctest

import pytest

from kg import ids
from kg.ids import DocumentId


def test_doctests():
    assert doctest.testmod(ids).failed == 0


@pytest.mark.parametrize("given,path", [
    ("vn/qd/2021/1373-qd-ttg", "vn/qd/2021/1373-qd-ttg"),
    ("/vn/qd/2021/1373-qd-ttg/", "vn/qd/2021/1373-qd-ttg"),  # surrounding slashes are no part of it
    ("vn-ha-noi/kh/52-kh-ubnd", "vn-ha-noi/kh/52-kh-ubnd"),
    ("vn/da/xay-dung-xa-hoi-hoc-tap-giai-doan-2021-2030", "vn/da/xay-dung-xa-hoi-hoc-tap-giai-doan-2021-2030"),
    ("vn-ha-noi/kh/2024/7-kh-ubnd/ref/52-kh-ubnd", "vn-ha-noi/kh/2024/7-kh-ubnd/ref/52-kh-ubnd"),
    ("unknown/0123abcd4567ef89", "unknown/0123abcd4567ef89"),
    ("x", "x"),
])
def test_good_document_ids(given, path):
    parsed = DocumentId.parse(given)
    assert str(parsed) == path
    assert DocumentId.parse(str(parsed)) == parsed  # round trip
    assert parsed.iri.value == f"{ids.BASE}doc/{path}"
    assert ids.document_path(parsed.iri.value) == path


@pytest.mark.parametrize("bad", [
    "", "/", "vn/qd/2021/1373 qd-ttg", "vn/<script>", "a>b", "a\x00b", "a\x01b", "a\nb", "a\tb", "a\x7fb",
    "VN/QD/2021/1373-QD-TTG", "vn//qd", "vn/qd/../x", "./x", "vn/-qd", "vn/qd-", "vn/q--d", "vn/qđ/2021",
    "vn/qd?x=1", "vn/qd#x", "vn/qd%20x", "a\\b", "https://vnpolicy.example.org/doc/vn/qd", "a" * 401,
])
def test_bad_document_ids(bad):
    with pytest.raises(ValueError, match="not a document id"):
        DocumentId.parse(bad)


def test_every_id_the_builder_makes_parses():
    for iri in (ids.document_iri("vn", "QĐ", 2021, "1373/QĐ-TTg"), ids.document_iri("vn-ha-noi", "KH", None, "52/KH-UBND"),
                ids.titled_document_iri("vn", "ĐA", "Xây dựng xã hội học tập giai đoạn 2021-2030 " * 5, 2021),
                ids.draft_iri("vn-ha-noi", "KH", 2024, "Phòng GDĐT", "Thanh Trì", None, None, "ab" * 32),
                ids.draft_iri(None, None, None, None, None, None, None, "cd" * 32)):
        citing_reference = ids.unresolved_iri(iri, "52/KH-UBND ngày 1/2/2024")
        for node in (iri, citing_reference):
            assert DocumentId.parse(ids.document_path(node.value)).iri == node


def test_a_long_bad_id_is_cut_in_the_message():
    with pytest.raises(ValueError) as raised:
        DocumentId.parse("a" * 5000)
    assert len(str(raised.value)) < 300 and "5000 characters" in str(raised.value)


@pytest.mark.parametrize("given,iri", [
    ("literacy-rate-15-60", f"{ids.BASE}indicator/literacy-rate-15-60"),
    (f"{ids.BASE}indicator/literacy-rate-15-60", f"{ids.BASE}indicator/literacy-rate-15-60"),
])
def test_indicator_ids_and_iris(given, iri):
    assert ids.indicator_from_id(given).value == iri


@pytest.mark.parametrize("bad", ["a b", "<x>", "x\x00", "Literacy", "literacy/rate", "http://a b", "https://x/<y>",
                                 "http://" + "a" * 3000, ""])
def test_bad_indicators(bad):
    with pytest.raises(ValueError):
        ids.indicator_from_id(bad)


def test_area_ids_and_iris():
    assert ids.area_from_id("vn-ha-noi/thanh-tri").value == f"{ids.BASE}area/vn-ha-noi/thanh-tri"
    assert ids.area_from_id(f"{ids.BASE}area/vn-dak-lak").value == f"{ids.BASE}area/vn-dak-lak"
    for bad in ("Đắk Lắk", "vn dak lak", "http://x y"):
        with pytest.raises(ValueError):
            ids.area_from_id(bad)
