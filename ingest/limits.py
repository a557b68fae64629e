"""How big one document may be, and how long reading and extracting it may take.

The reader checks the limits before it reads (from the file's size), while it reads (a
.docx's parts, a PDF's pages) and after it decodes (characters), so that a file too big
for the extractor is refused with a clear error, not after gigabytes of memory.

- Characters: ``DEFAULT_MAX_CHARS`` (1,000,000, what spaCy's ``max_length`` lets the
  extractor's pipeline take by default), or ``VNPKG_MAX_CHARS``, or the reader's
  ``max_chars`` argument.
- A text file (.txt, .md) holds at most ``TEXT_BYTES_PER_CHAR`` bytes per character (UTF-8
  and UTF-16 both need at most 4) and a byte-order mark: a bigger file cannot decode to a
  text within the limit and is refused unread.
- A .docx or .pdf file, and all the parts of a .docx unpacked, at most
  ``PACKAGE_BYTES_PER_CHAR`` bytes per character of the limit (64 MB for 1,000,000): the
  markup, fonts and pictures around the text; a .docx part that unpacks to more than
  ``MAX_PACKING_RATIO`` times its packed size (and more than ``SMALL_PART_BYTES``) is taken
  for a zip bomb.
- A PDF has at most one page per ``CHARS_PER_PDF_PAGE`` characters of the limit.
- Time: ``DEFAULT_FILE_TIMEOUT`` seconds (60), or ``VNPKG_FILE_TIMEOUT``, to read and extract
  one file (``ingest.extraction_pool`` stops it there).
"""

from __future__ import annotations

import math
import os

DEFAULT_MAX_CHARS = 1_000_000
MAX_CHARS_VARIABLE = "VNPKG_MAX_CHARS"
TEXT_BYTES_PER_CHAR = 4
BYTE_ORDER_MARK_BYTES = 3
PACKAGE_BYTES_PER_CHAR = 64
MAX_PACKING_RATIO = 200
SMALL_PART_BYTES = 1024 * 1024
CHARS_PER_PDF_PAGE = 100
DEFAULT_FILE_TIMEOUT = 60.0
FILE_TIMEOUT_VARIABLE = "VNPKG_FILE_TIMEOUT"


class LimitSettingError(ValueError):
    """A limit set to something that is not a limit (``VNPKG_MAX_CHARS=lots``)."""


def max_chars() -> int:
    """The character limit: ``VNPKG_MAX_CHARS`` if set, else ``DEFAULT_MAX_CHARS``."""
    raw = os.environ.get(MAX_CHARS_VARIABLE, "").strip().replace("_", "").replace(",", "")
    if not raw:
        return DEFAULT_MAX_CHARS
    if not raw.isdecimal() or int(raw) < 1:
        raise LimitSettingError(f"{MAX_CHARS_VARIABLE} must be a whole number of characters above 0, "
                                f"not {os.environ[MAX_CHARS_VARIABLE]!r}")
    return int(raw)


def file_timeout() -> float:
    """Seconds to read and extract one file: ``VNPKG_FILE_TIMEOUT`` if set, else 60."""
    raw = os.environ.get(FILE_TIMEOUT_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_FILE_TIMEOUT
    return checked_timeout(raw, FILE_TIMEOUT_VARIABLE)


def checked_timeout(raw: str | float, name: str) -> float:
    """`raw` as a number of seconds above 0; LimitSettingError naming `name` otherwise."""
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not (seconds > 0 and math.isfinite(seconds)):
        raise LimitSettingError(f"{name} must be a number of seconds above 0, not {raw!r}")
    return seconds


def text_bytes(chars: int) -> int:
    """The most bytes a text file of `chars` characters can take."""
    return TEXT_BYTES_PER_CHAR * chars + BYTE_ORDER_MARK_BYTES


def fewest_chars(size: int) -> int:
    """The fewest characters a text file of `size` bytes decodes to."""
    return max(0, math.ceil((size - BYTE_ORDER_MARK_BYTES) / TEXT_BYTES_PER_CHAR))


def package_bytes(chars: int) -> int:
    """The most bytes a .docx or .pdf (and a .docx unpacked) may take for `chars` characters."""
    return PACKAGE_BYTES_PER_CHAR * chars


def pdf_pages(chars: int) -> int:
    """The most pages a PDF may have for `chars` characters."""
    return max(100, chars // CHARS_PER_PDF_PAGE)
