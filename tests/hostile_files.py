"""Files made to hurt a reader, written by the tests that need them (nothing kept in git)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

DOCUMENT_XML = "word/document.xml"
BOMB_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
             b"<w:body><w:p><w:r><w:t>")
BOMB_TAIL = b"</w:t></w:r></w:p></w:body></w:document>"
MEGABYTE = 1024 * 1024


def zip_bomb_docx(target: Path, unpacked_megabytes: int) -> Path:
    """A real .docx (python-docx's blank document) whose document.xml is one paragraph of
    `unpacked_megabytes` MB of "a": about a thousandth of that packed. Written a megabyte at a
    time, so making it takes little memory."""
    import docx

    blank = io.BytesIO()
    docx.Document().save(blank)
    chunk = b"a" * MEGABYTE
    with zipfile.ZipFile(blank) as template, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as bomb:
        for part in template.infolist():
            if part.filename != DOCUMENT_XML:
                bomb.writestr(part.filename, template.read(part))
        part = zipfile.ZipInfo(DOCUMENT_XML)
        part.compress_type = zipfile.ZIP_DEFLATED
        with bomb.open(part, "w", force_zip64=True) as document:
            document.write(BOMB_HEAD)
            for _ in range(unpacked_megabytes):
                document.write(chunk)
            document.write(BOMB_TAIL)
    return target


def docx_with_a_lying_part(target: Path, unpacked_bytes: int, declared_bytes: int) -> Path:
    """A .docx whose document.xml unpacks to `unpacked_bytes` but whose zip directory says
    `declared_bytes`: a zip bomb that hides from a check of the declared sizes."""
    zip_bomb_docx(target, 0)
    with zipfile.ZipFile(target) as package:
        parts = {part.filename: package.read(part) for part in package.infolist()}
    parts[DOCUMENT_XML] = BOMB_HEAD + b"a" * unpacked_bytes + BOMB_TAIL
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    raw = bytearray(data.getvalue())
    true_size = len(parts[DOCUMENT_XML]).to_bytes(4, "little")
    name = DOCUMENT_XML.encode()
    central = raw.find(b"PK\x01\x02")  # the signature of a central directory entry
    while central != -1:  # each turn moves past one central directory entry
        name_length = int.from_bytes(raw[central + 28:central + 30], "little")
        if raw[central + 46:central + 46 + name_length] == name:
            assert raw[central + 24:central + 28] == true_size
            raw[central + 24:central + 28] = declared_bytes.to_bytes(4, "little")
        central = raw.find(b"PK\x01\x02", central + 46)
    target.write_bytes(bytes(raw))
    return target
