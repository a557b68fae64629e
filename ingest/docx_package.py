"""A .docx is a zip package: its parts are checked before python-docx unpacks them, so that
a zip bomb (a few megabytes that unpack to gigabytes) is refused without unpacking it.

First the sizes the package declares for its parts (the zip's central directory): each part
and all of them together within ``limits.package_bytes``, no part packed more than
``limits.MAX_PACKING_RATIO`` times (bigger than ``limits.SMALL_PART_BYTES``), only the
compressions Word writes (stored, deflated). Then each part is unpacked a chunk at a time,
never more than it declared: a part that unpacks to more than its header says (the header
lied) stops at its declared size and fails its checksum.
"""

from __future__ import annotations

import io
import zipfile

from ingest import limits

CHUNK = 64 * 1024


class PackageProblem(Exception):
    """Why a .docx package may not be unpacked; ``str()`` says it for a person."""


def check_package(data: bytes, max_chars: int) -> None:
    """Raise PackageProblem if the package in `data` may not be unpacked within the limits
    for a document of at most `max_chars` characters."""
    bound = limits.package_bytes(max_chars)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
            _check_declared(parts, bound)
            for part in parts:
                _unpack_within_declared_size(package, part)
    except zipfile.BadZipFile as err:
        raise PackageProblem(f"not a readable .docx file (BadZipFile: {err})") from err
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as err:
        raise PackageProblem(f"not a readable .docx file ({err.__class__.__name__}: {err})") from err


def _check_declared(parts: list[zipfile.ZipInfo], bound: int) -> None:
    total = 0
    for part in parts:
        if part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackageProblem(f"part {part.filename} is packed in a way Word does not use "
                                 f"(zip method {part.compress_type})")
        if part.file_size > limits.SMALL_PART_BYTES and \
                part.file_size > limits.MAX_PACKING_RATIO * max(part.compress_size, 1):
            raise PackageProblem(
                f"part {part.filename} unpacks to {part.file_size:,} bytes from {part.compress_size:,} "
                f"({part.file_size // max(part.compress_size, 1):,} times; at most "
                f"{limits.MAX_PACKING_RATIO} allowed): a zip bomb, not a document")
        total += part.file_size
        if total > bound:
            raise PackageProblem(f"the package unpacks to more than {bound:,} bytes "
                                 f"(at least {total:,}): too large for a document (a zip bomb?)")


def _unpack_within_declared_size(package: zipfile.ZipFile, part: zipfile.ZipInfo) -> None:
    """Unpack `part` a chunk at a time; zipfile stops at the declared size and checks the CRC."""
    unpacked = 0
    with package.open(part) as member:
        while True:  # each turn reads a chunk, or stops at the end (zipfile stops at the declared size)
            chunk = member.read(CHUNK)
            if not chunk:
                break
            unpacked += len(chunk)
    if unpacked != part.file_size:
        raise PackageProblem(f"part {part.filename} unpacks to {unpacked:,} bytes, not the "
                             f"{part.file_size:,} it declares: a damaged file")
