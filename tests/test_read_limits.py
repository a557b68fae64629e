"""The reader's limits (ingest/limits.py): a document too long, a zip bomb, a PDF of too many
pages, a named pipe or a device in place of a file: each refused with a ReadError naming the
file and the problem, before the memory or the time is spent."""

import os
import random
import zipfile

import pytest
import spacy

from ingest import limits
from ingest.read import ReadError, read
from tests.conftest import NAM_TU_LIEM
from tests.hostile_files import BOMB_HEAD, BOMB_TAIL, MEGABYTE, docx_with_a_lying_part, zip_bomb_docx


def refused(path, problem, **kwargs) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read(path, **kwargs)
    assert str(path) in str(caught.value), str(caught.value)
    assert problem in str(caught.value), str(caught.value)
    return caught.value


def test_the_default_limit_is_what_the_extractors_pipeline_takes():
    blank = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    assert limits.DEFAULT_MAX_CHARS == blank.max_length == 1_000_000


def test_a_text_file_too_big_to_be_within_the_limit_is_refused_unread(tmp_path):
    path = tmp_path / "long.txt"
    path.write_bytes(b"Ke hoach. " * 50)  # 500 bytes: at least 125 characters
    refused(path, "document too long: 500 bytes hold at least 125 characters, the limit is 100",
            max_chars=100)


def test_a_decoded_text_over_the_limit_is_refused_with_its_length(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Kế hoạch số 52/KH-UBND. " * 10, "utf-8")  # 240 characters in 320 bytes
    refused(path, "document too long: 240 characters, the limit is 200", max_chars=200)
    assert read(path, max_chars=240).text


def test_the_limit_is_also_kept_after_normalising(tmp_path):
    """Each table pipe of a markdown page becomes a paragraph break: two characters for one."""
    path = tmp_path / "cells.md"
    path.write_text("Ô.|Ô.\n" * 100, "utf-8")  # 600 characters, 699 once normalised
    refused(path, "document too long: 699 characters, the limit is 650", max_chars=650)


def test_the_limit_comes_from_the_environment(tmp_path, monkeypatch):
    path = tmp_path / "plan.txt"
    path.write_text("Kế hoạch số 52/KH-UBND. " * 10, "utf-8")
    monkeypatch.setenv(limits.MAX_CHARS_VARIABLE, "100")
    refused(path, "the limit is 100")
    monkeypatch.setenv(limits.MAX_CHARS_VARIABLE, "1_000")
    assert read(path).text
    monkeypatch.setenv(limits.MAX_CHARS_VARIABLE, "lots")
    with pytest.raises(limits.LimitSettingError, match="VNPKG_MAX_CHARS must be a whole number"):
        read(path)


def test_a_bad_timeout_setting_is_named():
    with pytest.raises(limits.LimitSettingError, match="VNPKG_FILE_TIMEOUT must be a number of seconds"):
        limits.checked_timeout("-1", limits.FILE_TIMEOUT_VARIABLE)
    assert limits.checked_timeout("2.5", "x") == 2.5


@pytest.mark.timeout(10)
def test_a_named_pipe_is_refused_at_once_without_opening_it(tmp_path):
    """Opening a FIFO nobody writes to blocks: it must never be opened."""
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    refused(fifo, "is a named pipe (FIFO), not a file")


@pytest.mark.timeout(10)
def test_a_device_behind_a_file_name_is_refused(tmp_path):
    """/dev/zero never ends; /dev/null has nothing: neither is read."""
    for device in ("/dev/zero", "/dev/null"):
        link = tmp_path / f"{os.path.basename(device)}.txt"
        link.symlink_to(device)
        refused(link, "is a device, not a file")


def test_a_zip_bomb_docx_is_refused_from_its_declared_sizes(tmp_path):
    bomb = zip_bomb_docx(tmp_path / "bomb.docx", 8)  # 8 MB of "a" in about 8 kB
    assert bomb.stat().st_size < 100_000
    unpacked = 8 * MEGABYTE + len(BOMB_HEAD) + len(BOMB_TAIL)
    error = refused(bomb, f"part word/document.xml unpacks to {unpacked:,} bytes")
    assert "a zip bomb" in str(error)
    # the sum of the parts is bounded too: here with a limit that leaves 64,000 bytes
    letters = random.Random(5)
    with zipfile.ZipFile(tmp_path / "wide.docx", "w", zipfile.ZIP_DEFLATED) as package:
        for n in range(3):  # each packs to about 60% of its size: no bomb, but too much together
            package.writestr(f"word/part{n}.xml", "".join(letters.choices("abcdefghijklmnop", k=30_000)))
    assert (tmp_path / "wide.docx").stat().st_size < 64_000
    refused(tmp_path / "wide.docx", "the package unpacks to more than 64,000 bytes (at least 90,000)",
            max_chars=1000)


def test_a_docx_part_that_unpacks_to_more_than_it_declares_stops_at_its_declared_size(tmp_path):
    liar = docx_with_a_lying_part(tmp_path / "liar.docx", unpacked_bytes=5_000_000, declared_bytes=4_000)
    with zipfile.ZipFile(liar) as package:
        assert package.getinfo("word/document.xml").file_size == 4_000
    refused(liar, "Bad CRC-32 for file 'word/document.xml'")


def test_a_docx_is_refused_above_the_file_size_limit(tmp_path):
    path = tmp_path / "big.docx"
    path.write_bytes(b"PK\x03\x04" + os.urandom(70_000))
    refused(path, "file too large: 70,004 bytes, the limit is 64,000", max_chars=1000)


def _pdf(path, pages: int, line: str):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_font("helvetica", size=11)
    for _ in range(pages):
        pdf.add_page()
        pdf.cell(text=line)
    pdf.output(str(path))
    return path


def test_a_pdf_of_too_many_pages_is_refused_before_its_text_is_read(tmp_path):
    path = _pdf(tmp_path / "pages.pdf", 120, "Ke hoach so 52/KH-UBND")
    refused(path, "too many pages: 120, the limit is 100", max_chars=10_000)


def test_a_pdf_stops_at_the_page_that_passes_the_limit(tmp_path):
    path = _pdf(tmp_path / "long.pdf", 5, "Ke hoach so 52/KH-UBND ngay 12/4/2024 cua UBND Thanh pho")
    refused(path, "document too long: more than 100 characters by page 2 of 5, the limit is 100", max_chars=100)
    assert read(path, max_chars=10_000).text


def test_the_sample_plans_are_far_within_the_limits():
    source = read(NAM_TU_LIEM)
    assert len(source.original) < limits.DEFAULT_MAX_CHARS / 20
