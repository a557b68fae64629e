"""A .docx and a .pdf made from a sample plan give the same identity and references as the
.txt. The PDF is written with hard line wraps at about 70 characters, and numbers such as
"1057/KH-SGDĐT" are cut across lines after a hyphen as printers cut them."""

from pathlib import Path

import pytest

from ingest.extract import extract
from ingest.read import read
from tests.conftest import NAM_TU_LIEM, PLANS

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
SAMPLES = [NAM_TU_LIEM, PLANS / "gialai-krong-pa-pgddt-2022-kh-qd387.txt"]


def paragraphs(path: Path) -> list[str]:
    return [line.strip() for line in read(path).text.split("\n") if line.strip()]


def make_docx(source: Path, target: Path) -> Path:
    import docx

    document = docx.Document()
    for paragraph in paragraphs(source):
        document.add_paragraph(paragraph)
    document.save(target)
    return target


def wrap(paragraph: str, width: int) -> list[str]:
    """Lines of at most `width` characters; a document number that does not fit is cut after
    a hyphen ("1057/KH-" / "SGDĐT") when its head fits, as printers do."""
    lines, line = [], ""
    for word in paragraph.split():
        candidate = f"{line} {word}".strip()
        if len(candidate) <= width:
            line = candidate
            continue
        cut = word.rfind("-")
        if "/" in word and cut > 0 and len(f"{line} {word[:cut + 1]}".strip()) <= width:
            lines.append(f"{line} {word[:cut + 1]}".strip())
            line = word[cut + 1:]
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def make_pdf(source: Path, target: Path) -> tuple[Path, int]:
    from fpdf import FPDF

    if not FONT.exists():
        pytest.fail(f"{FONT} is needed (make browser-deps installs fonts-dejavu-core)")
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=10)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    texts = paragraphs(source)

    def cuts(width):
        return sum(1 for text in texts for line in wrap(text, width)[:-1]
                   if line.endswith("-") and "/" in line.rsplit(" ", 1)[-1])
    # the first width from 72 down at which some number is cut mid-way, if any
    width = next((w for w in range(72, 50, -1) if cuts(w)), 72)
    cut_numbers = cuts(width)
    for paragraph in texts:
        for line in wrap(paragraph, width):
            pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(target))
    return target, cut_numbers


def comparable(path: Path) -> tuple[dict, list]:
    result = extract(read(path)).to_json()
    document = {k: result["document"][k] for k in ("type", "number", "issuer", "place", "date", "title")}
    references = sorted((r["ref"], r["type"], r["number"], r["issuer"], r["date"]) for r in result["references"])
    return document, references


@pytest.mark.parametrize("source", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_docx_gives_what_the_txt_gives(tmp_path, source):
    docx_path = make_docx(source, tmp_path / f"{source.stem}.docx")
    assert comparable(docx_path) == comparable(source)


@pytest.mark.parametrize("source", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_pdf_with_hard_wraps_gives_what_the_txt_gives(tmp_path, source):
    pdf_path, cut_numbers = make_pdf(source, tmp_path / f"{source.stem}.pdf")
    raw = read(pdf_path).original
    assert raw.count("\n") > 100  # really wrapped
    if source == NAM_TU_LIEM:
        assert cut_numbers > 0  # some numbers really are cut at their hyphen
    assert comparable(pdf_path) == comparable(source)


def test_docx_tables_are_read_in_document_order(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Căn cứ Quyết định số 1373/QĐ-TTg ngày 30/7/2021"
    table.cell(0, 1).text = "Thực hiện Kế hoạch số 52/KH-UBND"
    document.add_paragraph("Sau bảng.")
    path = tmp_path / "t.docx"
    document.save(path)
    text = read(path).text
    assert text.index("KẾ HOẠCH") < text.index("1373/QĐ-TTg") < text.index("52/KH-UBND") < text.index("Sau bảng")
