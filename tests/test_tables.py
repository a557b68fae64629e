"""Markdown tables read back from the web-page layout, with cell spans in the normalised text."""

from ingest.read import read
from ingest.tables import markdown_tables
from tests.conftest import REAL


def test_cells_and_rows_of_a_target_table():
    source = read(REAL / "0204-kh-ubnd--9b7eebad.md")
    tables = markdown_tables(source)
    forecast = next(t for t in tables if t.rows[0][0].text == "STT" and "Đơn vị tính" in [c.text for c in t.rows[0]])
    assert [c.text for c in forecast.rows[0]][-3:] == ["Năm 2026", "Năm 2027", "Năm 2028"]
    gdp = next(row for row in forecast.rows if row[1].text.startswith("Tổng sản phẩm"))
    assert [c.text for c in gdp][2:] == ["Tỷ đồng", "172.033", "172.033", "193.549", "218.628", "247.907"]
    for cell in gdp:
        start, end = cell.span
        assert " ".join(source.text[start:end].split()) == cell.text


def test_plain_text_has_no_markdown_tables():
    from tests.conftest import NAM_TU_LIEM

    assert markdown_tables(read(NAM_TU_LIEM)) == []


def test_table_targets_of_the_ca_mau_forecast():
    from ingest.extract import extract

    targets = [t for t in extract(read(REAL / "0204-kh-ubnd--9b7eebad.md")).targets if t.rule == "target:table-cell"]
    gdp_growth = {(t.year, t.value) for t in targets if t.text == "Tốc độ tăng trưởng GRDP"}
    assert gdp_growth == {(2026, 10.0), (2027, 10.0), (2028, 10.0)}  # the 2025 columns are results
    assert all(t.unit for t in targets)
