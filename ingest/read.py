"""File -> normalised text, with a map from every normalised character back to the original.

Supported: ``.txt`` and ``.md`` (UTF-8 with or without BOM, UTF-16 with BOM), ``.docx``
(paragraphs and tables in document order) and ``.pdf`` (text layer).

Only regular files are read: a folder, a named pipe or a device is refused from its status,
never opened (opening a pipe blocks). The limits of ``ingest/limits.py`` are checked before
the memory is spent: the file's size, a .docx's parts (``ingest/docx_package.py``), a PDF's
pages, then the characters decoded and normalised.

Normalisation, in order:
1. NFC; look-alikes of "Đ"/"đ" (U+00D0, U+0189, U+00F0) become U+0110/U+0111; NBSP and
   other spaces become a plain space; zero-width characters and soft hyphens are dropped.
2. For ``.md``: emphasis marks (``*``), heading marks (``#``), table pipes and rule lines
   (``---``, ``___``) are removed; a pipe ends a line (a table cell is a block of its own).
3. Lines wrapped mid-phrase are joined with one space, lines wrapped mid-number
   ("1057/KH-" + "SGDĐT") with none (see ``_tidy_and_join_lines``).

``SourceText.text`` is what extraction reads; spans are offsets into it.
``SourceText.original_span`` maps a span back to the decoded original; the map is kept as
runs (``ingest/offsets.py``), so its memory grows with the lines changed, not the characters.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ingest import limits, patterns
from ingest.docx_package import PackageProblem, check_package
from ingest.offsets import MappedText, OffsetMap

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf")

LOOKALIKES = {
    "\u00d0": "\u0110",  # Ð LATIN CAPITAL LETTER ETH
    "\u0189": "\u0110",  # Ɖ LATIN CAPITAL LETTER AFRICAN D
    "\u00f0": "\u0111",  # ð LATIN SMALL LETTER ETH
}
SPACES = set("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\f\v")
DROPPED = set("\u200b\u200c\u200d\u2060\ufeff\u00ad")
# Unicode's control characters (category Cc) but the line and page breaks and tabs
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


class ReadError(Exception):
    """A file that cannot be read as a document. ``str()`` names the file and the problem."""

    def __init__(self, path: str | Path, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


@dataclass(frozen=True)
class SourceText:
    path: str
    sha256: str
    original: str
    text: str
    offsets: OffsetMap  # offsets[i]: index in `original` of text[i]; one extra at the end

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """[start, end) in `text` -> [start, end) in `original`. A span ending in a letter
        composed from marks ("e" + U+0302 + U+0301 read as "ế") ends after its marks."""
        if end <= start:
            at = self.offsets[start]
            return at, at
        last = self.offsets[end - 1] + 1
        marks_end = _MARKS.match(self.original, last).end()
        if marks_end > last and self.offsets[end] >= marks_end:  # the marks went into text[end - 1]
            last = marks_end
        return self.offsets[start], last


def read(path: str | Path, max_chars: int | None = None) -> SourceText:
    """Read a document file of at most `max_chars` characters (default: ``ingest.limits``).
    Raises ReadError naming the file and the problem."""
    path = Path(path)
    max_chars = limits.max_chars() if max_chars is None else max_chars
    size = _regular_file_size(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReadError(path, f"unsupported file type {suffix or '(no extension)'!r}; "
                              f"supported: {', '.join(SUPPORTED_SUFFIXES)}")
    text_file = suffix in (".txt", ".md")
    bound = limits.text_bytes(max_chars) if text_file else limits.package_bytes(max_chars)
    if size > bound:
        _refuse_size(path, size, bound, max_chars, text_file)
    data = _read_at_most(path, bound)
    if len(data) > bound:  # the file grew after it was measured
        _refuse_size(path, len(data), bound, max_chars, text_file)
    if not data.strip():
        raise ReadError(path, "empty file")
    if text_file:
        original = decode_text(path, data)
    elif suffix == ".docx":
        original = docx_text(path, data, max_chars)
    else:
        original = pdf_text(path, data, max_chars)
    _check_length(path, len(original), max_chars)
    text, offsets = normalise(original, markdown=suffix == ".md")
    if not text.strip():
        raise ReadError(path, "no text in the file")
    _check_length(path, len(text), max_chars)  # normalising may add a line break per table pipe
    return SourceText(str(path), hashlib.sha256(data).hexdigest(), original, text, offsets)


def _regular_file_size(path: Path) -> int:
    """The size of the regular file at `path`; anything else (a folder, a named pipe, a
    device, a socket) is refused without opening it, since opening some of them blocks."""
    try:
        status = os.stat(path)
    except FileNotFoundError as err:
        raise ReadError(path, "no such file") from err
    except OSError as err:
        raise ReadError(path, f"cannot be read ({err.strerror})") from err
    if not stat.S_ISREG(status.st_mode):
        raise ReadError(path, _not_a_file(status.st_mode))
    return status.st_size


def _not_a_file(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a file; only regular files are read"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file; only regular files are read"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file; only regular files are read"
    return "is not a regular file; only regular files are read"


def _read_at_most(path: Path, bound: int) -> bytes:
    """At most `bound` + 1 bytes of the file. Opened without blocking (a named pipe put in
    the file's place after it was checked opens at once) and checked again once open."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as err:
        raise ReadError(path, f"cannot be read ({err.strerror})") from err
    with open(descriptor, "rb", closefd=True) as handle:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise ReadError(path, _not_a_file(mode))
        try:
            return handle.read(bound + 1)
        except OSError as err:
            raise ReadError(path, f"cannot be read ({err.strerror})") from err


def _refuse_size(path: Path, size: int, bound: int, max_chars: int, text_file: bool) -> None:
    if text_file:
        raise ReadError(path, f"document too long: {size:,} bytes hold at least {limits.fewest_chars(size):,} "
                              f"characters, the limit is {max_chars:,}")
    raise ReadError(path, f"file too large: {size:,} bytes, the limit is {bound:,} "
                          f"({limits.PACKAGE_BYTES_PER_CHAR} per character of the {max_chars:,}-character limit)")


def _check_length(path: Path, chars: int, max_chars: int) -> None:
    if chars > max_chars:
        raise ReadError(path, f"document too long: {chars:,} characters, the limit is {max_chars:,}")


def decode_text(path: Path, data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
        if b"\x00" in data:
            raise ReadError(path, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ReadError(path, f"not valid {encoding.upper()} text: byte 0x{data[err.start]:02x} "
                              f"at offset {err.start} cannot be decoded") from err
    controls = _control_characters(text, data, encoding)
    if controls > max(4, len(text) // 1000):
        raise ReadError(path, f"binary file ({controls} control characters), not text")
    return text


# CONTROL_CHARACTER in UTF-8: one byte below 0x80 (which only an ASCII character is), or C1's
# two bytes (0xc2, which only opens a character, then 0x80-0x9f)
ASCII_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0e, 0x20), 0x7f])
C1_CONTROL_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")


def _control_characters(text: str, data: bytes, encoding: str) -> int:
    """How many of CONTROL_CHARACTER the text holds; from its UTF-8 bytes, counted in C."""
    if encoding != "utf-8":
        return len(CONTROL_CHARACTER.findall(text))
    return len(data) - len(data.translate(None, ASCII_CONTROL_BYTES)) + len(C1_CONTROL_UTF8.findall(data))


def docx_text(path: Path, data: bytes, max_chars: int = limits.DEFAULT_MAX_CHARS) -> str:
    import docx  # python-docx
    from docx.oxml.ns import qn

    try:
        check_package(data, max_chars)  # before python-docx unpacks anything
    except PackageProblem as problem:
        raise ReadError(path, str(problem)) from problem
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises several unrelated types on a bad package
        raise ReadError(path, f"not a readable .docx file ({err.__class__.__name__}: {err})") from err
    blocks: list[str] = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            blocks.append(docx.text.paragraph.Paragraph(element, document).text)
        elif element.tag == qn("w:tbl"):
            table = docx.table.Table(element, document)
            for row in table.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    blocks.append(cell.text)
                    blocks.append("")
    return "\n\n".join(blocks)


def pdf_text(path: Path, data: bytes, max_chars: int = limits.DEFAULT_MAX_CHARS) -> str:
    """The text layer, page by page; stops at the character limit, and refuses a PDF of more
    pages than ``limits.pdf_pages`` before extracting any."""
    import pypdf

    pages: list[str] = []
    chars = 0
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        count = len(reader.pages)
        if count > limits.pdf_pages(max_chars):
            raise ReadError(path, f"too many pages: {count:,}, the limit is {limits.pdf_pages(max_chars):,} "
                                  f"(one per {limits.CHARS_PER_PDF_PAGE} characters of the {max_chars:,}-character limit)")
        for number, page in enumerate(reader.pages, 1):
            pages.append(page.extract_text() or "")
            chars += len(pages[-1]) + 2
            if chars - 2 > max_chars:
                raise ReadError(path, f"document too long: more than {max_chars:,} characters by page "
                                      f"{number:,} of {count:,}, the limit is {max_chars:,}")
    except ReadError:
        raise
    except Exception as err:  # pypdf raises many error types on damaged files
        raise ReadError(path, f"not a readable PDF ({err.__class__.__name__}: {err})") from err
    if not any(page.strip() for page in pages):
        raise ReadError(path, "PDF has no text layer (a scanned image?); run OCR first")
    return "\n\n".join(pages)


# --- normalisation with an offset map ------------------------------------------------------

def normalise(original: str, markdown: bool = False) -> tuple[str, OffsetMap]:
    """The normalised text, and the map from each of its characters to the original."""
    s1, m1 = _normalise_characters(original)
    if markdown:
        stripped, m_strip, title_ends = _strip_markdown(s1)
        s3, m_lines = _tidy_and_join_lines(stripped, title_ends)
        m3 = m_strip.then(m_lines)
    else:
        s3, m3 = _tidy_and_join_lines(s1)
    s4, m4 = _close_number_gaps(s3)
    return s4, m1.then(m3).then(m4)


# "99- TB/TW", "57- NQ/TW": a Party number with a stray space after its hyphen; "223/KH- UBND",
# "44/2014/TT- BGDĐT": a state number with one between its type and issuer codes. The
# pattern opens with a digit (the look-behind checks the character before it), so the
# search skips to digits in C rather than trying both branches at every character.
NUMBER_GAP = re.compile(r"\d(?<![\w/]\d)\d{0,4}"
                        r"(?:-(\s+)[A-ZĐ][A-Za-zĐđ]*/[A-ZĐ]"
                        r"|(?:/(?:19|20)\d\d)?/[A-ZĐ][A-Za-zĐđ]{0,9}-([ \t]+)[A-ZĐ])")


# every gap NUMBER_GAP closes stands after a digit or a letter and "-": the first place where
# that stands is found fast (the pattern opens with "-"), and no gap's match starts more than
# NUMBER_GAP_REACH characters before its "-" (5 digits, "/2014", "/", a code of 10 letters)
NUMBER_GAP_HINT = re.compile(r"-(?<=[\dA-Za-zĐđ]-)\s")
NUMBER_GAP_REACH = 21


def _close_number_gaps(text: str) -> tuple[str, OffsetMap]:
    out = MappedText()
    last = 0
    hint = NUMBER_GAP_HINT.search(text)
    for match in NUMBER_GAP.finditer(text, max(0, hint.start() - NUMBER_GAP_REACH)) if hint else ():
        gap = 1 if match.group(1) is not None else 2
        out.copy(text[last:match.start(gap)], last)
        last = match.end(gap)
    out.copy(text[last:], last)
    return out.result(len(text))


# what step 1 must change: CR, odd spaces, invisible characters, Đ look-alikes, and a
# letter followed by combining marks (decomposed text)
COMBINING_MARKS = "\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_SPECIAL = re.compile("[\r" + "".join(sorted(SPACES | DROPPED | set(LOOKALIKES))) + "]"
                      "|.[" + COMBINING_MARKS + "]+", re.DOTALL)
_MARKS = re.compile("[" + COMBINING_MARKS + "]*")


# where a change can start: a character of _SPECIAL's first branch, or a mark (its cluster
# starts at the character before it); one character class, searched fast in C
_SPECIAL_OR_MARK = re.compile("[\r" + "".join(sorted(SPACES | DROPPED | set(LOOKALIKES))) + COMBINING_MARKS + "]")


def _special_clusters(text: str):
    """_SPECIAL's matches in `text`, as ``finditer`` gives them; the stretches with nothing to
    change are skipped with the one-class search (no match starts before the character ahead
    of the next special character or mark)."""
    pos = 0
    while True:  # each turn moves pos past a match, which is never empty
        ahead = _SPECIAL_OR_MARK.search(text, pos)
        if ahead is None:
            return
        match = _SPECIAL.search(text, max(ahead.start() - 1, pos))
        if match is None:
            return
        yield match
        pos = match.end()


def _normalise_characters(text: str) -> tuple[str, OffsetMap]:
    out = MappedText()
    last = 0
    for match in _special_clusters(text):
        i = match.start()
        out.copy(text[last:i], last)
        last = match.end()
        cluster = match.group()
        c = cluster[0]
        if c == "\r":
            if not text.startswith("\n", i + 1):
                out.put("\n", i)
        elif c in DROPPED:
            pass
        elif c in SPACES:
            out.put(" ", i)
        elif len(cluster) == 1:
            out.put(LOOKALIKES.get(c, c), i)
        else:
            composed = unicodedata.normalize("NFC", cluster)
            out.put("".join(LOOKALIKES.get(ch, ch) for ch in composed), i)
    out.copy(text[last:], last)
    return out.result(len(text))


RULE_LINE = re.compile(r"^[\s\-_=*]{3,}$|^\s*[-_=]{3,}\s*$")
INLINE_RULE = re.compile(r"[-_=]{4,}")
HEADING_MARKS = re.compile(r"#+\s*")
TABLE_CELL = re.compile(r"[^|]+")


# any of the lines that end a web page's copy of the document (patterns/web_chrome.json), as
# one pattern: its first match is where the first of them matches
_CHROME_MARKERS = patterns.load("web_chrome")["end_markers"]
WEB_CHROME_END = re.compile("|".join(f"(?:{m})" for m in _CHROME_MARKERS), re.IGNORECASE | re.MULTILINE)
# the same after the first line, when every marker opens at a line's start ("^" and no other
# alternative): a line break, then a marker; the search goes from one break to the next in C
# instead of trying every character
WEB_CHROME_AFTER_BREAK = re.compile("\n(?:" + "|".join(f"(?:{m[1:]})" for m in _CHROME_MARKERS) + ")",
                                    re.IGNORECASE | re.MULTILINE) \
    if all(m.startswith("^") and "|" not in m for m in _CHROME_MARKERS) else None


def _web_chrome_end(text: str) -> int:
    """Where the web site's own text after the document starts."""
    if WEB_CHROME_AFTER_BREAK is None:
        end = WEB_CHROME_END.search(text)
        return end.start() if end else len(text)
    if WEB_CHROME_END.match(text):
        return 0
    end = WEB_CHROME_AFTER_BREAK.search(text)
    return end.start() + 1 if end else len(text)


def _strip_markdown(text: str) -> tuple[str, OffsetMap, set[int]]:
    """Remove markdown marks and the web page around the document; a table pipe or a rule
    ends the line. Also where, in the text returned, each line that closes an emphasis ends
    (its line break): the end of a title ("*2.2.\nChi ngân sách địa phương (NSĐP)*")."""
    out = MappedText()
    title_ends: set[int] = set()
    pos = 0
    plain_from = 0  # where the plain lines not yet copied start
    text = _join_bold_runs(text[:_web_chrome_end(text)])
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        if _plain_line(line):
            continue  # copied as it is, with its line break, together with its neighbours
        out.copy(text[plain_from:start], plain_from)
        plain_from = pos
        stripped = line.strip()
        if not stripped or stripped == "|" or RULE_LINE.match(stripped) or set(stripped) <= _MARKS_ONLY:
            out.put("\n", start)
            continue
        body_start = start + (len(line) - len(line.lstrip()))
        body = line.strip()
        heading = HEADING_MARKS.match(body)
        if heading:
            body_start += heading.end()
            body = body[heading.end():]
        cells = _split_cells(body, body_start)
        for k, (cell, cell_start) in enumerate(cells):
            if k:
                out.put("\n\n", cell_start)
            _copy_folding_spaces(out, cell.replace("*", "\x00"), cell_start, drop_nul=True)
        if body.endswith(("*", "__")) and len(cells) == 1:
            title_ends.add(out.length)
        out.put("\n", start + len(line))
    if plain_from < pos:  # plain lines at the end: the last one has no line break in the text
        out.copy(text[plain_from:], plain_from)
        out.put("\n", len(text))
    return (*out.result(len(text)), title_ends)


def _plain_line(line: str) -> bool:
    """A line the markdown reader copies as it is (with its line break): empty, or with no
    mark, NUL, run of spaces, inline rule or space at either end, and not a rule line. Tested
    with string searches, which run much faster than a pattern over every line."""
    if not line:
        return True
    first = line[0]
    if first.isspace() or line[-1].isspace():
        return False
    if "|" in line or "*" in line or "#" in line or "\x00" in line or "  " in line:
        return False
    if ("-" in line or "_" in line or "=" in line) and INLINE_RULE.search(line):
        return False
    return first not in "-_=" or _RULE_CHARACTERS.fullmatch(line) is None


_MARKS_ONLY = frozenset("|*#- _")  # a line of these alone holds no text
_RULE_CHARACTERS = re.compile(r"[\s\-_=]+")  # a line of these alone is a rule (or nothing)


def _join_bold_runs(text: str) -> str:
    """A bold run wrapped over lines ("**III. NỘI" / "DUNG HOẠT ĐỘNG**") is one line: its line
    breaks become spaces (same length, so offsets hold). Runs longer than 4 lines, or with a
    blank line inside, are left. Found from the places of the "**" marks: the text is not
    split into lines."""
    if "**" not in text:
        return text
    odd = _odd_bold_lines(text)
    if not odd:
        return text
    odd_lines = {i for i, _ in odd}
    pieces: list[str] = []
    last = 0
    done = -1
    for i, start in odd:
        if i <= done:
            continue
        closing = _bold_run_end(text, start, i, odd_lines)
        if closing is not None:
            done, end = closing
            pieces += (text[last:start], text[start:end].replace("\n", " "))
            last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _odd_bold_lines(text: str) -> list[tuple[int, int]]:
    """The lines holding an odd number of "**" (counted as str.count counts them), as (line
    index, where the line starts): read from one mark to the next, the line breaks between
    them counted in C."""
    found: list[tuple[int, int]] = []
    line = count = line_start = after = 0
    at = text.find("**")
    while at != -1:  # each turn moves past a mark
        breaks = text.count("\n", after, at)
        if breaks:
            if count % 2:
                found.append((line, line_start))
            line += breaks
            line_start = text.rfind("\n", after, at) + 1
            count = 0
        count += 1
        after = at + 2
        at = text.find("**", after)
    if count % 2:
        found.append((line, line_start))
    return found


def _bold_run_end(text: str, start: int, i: int, odd_lines: set[int]) -> tuple[int, int] | None:
    """The line that closes a bold run opened on line i (starting at `start`): the next line
    with an odd number of "**" within three lines, none of the lines up to it blank; as (its
    index, where it ends)."""
    at = text.find("\n", start)
    for j in range(i + 1, i + 4):
        if at == -1:
            return None  # no line j
        following = text.find("\n", at + 1)
        end = len(text) if following == -1 else following
        if not text[at + 1:end].strip():
            return None
        if j in odd_lines:
            return j, end
        at = following
    return None


def _split_cells(body: str, body_start: int) -> list[tuple[str, int]]:
    cells: list[tuple[str, int]] = []
    for piece in TABLE_CELL.finditer(body):
        start = body_start + piece.start()
        text = piece.group()
        # an inline rule ("CHÍNH PHỦ_______ Số: ...") separates cells too
        last = 0
        for rule in INLINE_RULE.finditer(text):
            cells.append((text[last:rule.start()], start + last))
            last = rule.end()
        cells.append((text[last:], start + last))
    return [(c, s) for c, s in cells if c.strip()]


# where copying a line must change it: a run of spaces to fold, with or without NULs (the
# markdown reader's stand-ins for "*") to drop; a single space is copied as it is
_SPACE_RUN = re.compile(r" {2,}")
_SPACE_OR_NUL_RUN = re.compile(r"[ \x00]{2,}|\x00")


def _copy_folding_spaces(out: MappedText, text: str, start: int, drop_nul: bool = False) -> None:
    """Copy `text` (found at `start`) with runs of spaces folded to one (kept where the run's
    first space was) and, with `drop_nul`, NUL characters removed (spaces either side of
    them fold together)."""
    if "  " not in text and not (drop_nul and "\x00" in text):
        out.copy(text, start)  # nothing to fold or drop: most lines
        return
    last = 0
    for run in (_SPACE_OR_NUL_RUN if drop_nul else _SPACE_RUN).finditer(text):
        out.copy(text[last:run.start()], start + last)
        space = run.group().find(" ")
        if space >= 0:
            out.copy(" ", start + run.start() + space)
        last = run.end()
    out.copy(text[last:], start + last)


LIST_MARKER = re.compile(r"^(?:[-+•–—*]\s|\d+(?:\.\d+)*[.)](?:\s|$)|[a-zđ]\)(?:\s|$)|[IVXLC]+[.\-/)](?:\s|$))")
# a line holding only an item's number ("1.", "2.1.", "a)", "II."): its text was put on the next line
LONE_MARKER = re.compile(r"(?:\d+(?:\.\d+)*[.)]|[a-zđ]\)|[IVXLC]+[.)])")
TERMINAL = tuple(".;:!?…")
# capitalised words that open a paragraph of an administrative text, never a wrapped line
_READING = patterns.load("reading")
PARAGRAPH_OPENER = re.compile(r"^(?:" + "|".join(map(re.escape, _READING["paragraph_openers"]))
                              + r"|Điều \d+\.|Chương [IVXLC]+\b|Mục \d+\.)")
# words that never end a sentence: a line ending in one was wrapped
CONTINUATION_WORDS = set(_READING["continuation_words"])
# words that end a body's name, or are wrapped before its place: then a place name follows
AREA_WORDS = set(_READING["area_words"])
NUMBER_FRAGMENT_END = re.compile(r"[0-9A-ZĐa-zđ/][-/]$")
# "Bãi bỏ khoản 2 Điều 1" + "Nghị quyết số 246/NQ-HĐND ...": a part of a document is named
# before the document it belongs to, never at a sentence's end
PART_OF_DOCUMENT_END = re.compile(r"\b(?:" + "|".join(map(re.escape, _READING["part_words"])) + r")\s+[0-9a-zđIVXLC]{1,6}$")
DOCUMENT_NUMBERED_START = re.compile(r"^(?:" + "|".join(map(re.escape, _READING["document_words"])) + r")\s+(?:số\s+)?\d")
DOCUMENT_TYPE_START = re.compile(r"^(?:" + "|".join(map(re.escape, _READING["document_words"])) + r")\b")


def _tidy_and_join_lines(text: str, title_ends: set[int] = frozenset()) -> tuple[str, OffsetMap]:
    """Strip each line, fold runs of spaces, drop blank lines beyond two in a row; then join
    the lines that a printer or a web page wrapped inside a sentence. Both in one pass: what
    the joining reads is the tidied lines.

    A soft break is a single line break, or a single blank line in a double-spaced text
    (one where almost every line is followed by a blank line). Across a soft break:
    - "1057/KH-" + "SGDĐT": joined with nothing (a number cut at a hyphen or slash);
    - next line starting with a lower-case letter or a digit: joined with a space;
    - next line starting with a capital after a long line without closing punctuation
      (the text is hard-wrapped at about that width): joined with a space.
    A line ending in closing punctuation, or a next line starting with a list marker (a number
    alone on its line too), is never joined, except a line holding only an item's number
    ("1.", "a)"), which goes on with the next line's text. Across a paragraph break only the
    lower-case rule and the lone number's apply.

    A line ending at one of `title_ends` (a line break in `text` after a line that closed an
    emphasis: a title) never goes on into a line starting with a capital.

    What joins two lines (a space, one or two line breaks) stands for the start of the second
    line's line in `text`, its leading spaces included.
    """
    # the tidied lines: each non-blank line as it stands (stripped) and as the joining reads it
    # (runs of spaces folded), where its line starts, where its text starts, and how many blank
    # lines (at most two) stand before it
    tidied: list[tuple[str, str, int, int, int, bool]] = []
    pos = 0
    blank_run = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        body = line.lstrip(" ")
        lead = len(line) - len(body)
        body = body.rstrip(" ")
        if not body:
            blank_run += 1
            continue
        folded = _SPACE_RUN.sub(" ", body) if "  " in body else body
        tidied.append((body, folded, start, start + lead, min(blank_run, 2) if tidied else 0, pos - 1 in title_ends))
        blank_run = 0
    single_gaps = sum(1 for line in tidied[1:] if line[4] == 1)
    adjacent = sum(1 for line in tidied[1:] if line[4] == 0)
    double_spaced = single_gaps > 3 * max(adjacent, 1)
    lengths = sorted(len(line[1]) for line in tidied)
    width = lengths[int(len(lengths) * 0.8)] if lengths else 0
    hard_wrapped = 30 <= width <= 130

    out = MappedText()
    before = None  # the previous line, as the joining reads it
    before_titles = False  # it ends a title
    for body, folded, start, body_start, gap, titles in tidied:
        if before is not None:
            soft = gap == 0 or (double_spaced and gap == 1)
            join = _join_kind(before, folded, soft, hard_wrapped, width)
            if before_titles and join == "space" and folded[0].isupper() and not LONE_MARKER.fullmatch(before):
                join = "break"  # a title ends its line ("**1.**" + "Sở Y tế": a number goes on)
            if join == "space":
                out.put(" ", start)
            elif join != "none":
                out.put("\n" if soft else "\n\n", start)
        if body is folded:
            out.copy(body, body_start)
        else:
            _copy_folding_spaces(out, body, body_start)
        before, before_titles = folded, titles
    return out.result(len(text))


# a line opening with either never continues the line before it (one pattern, one match)
_OPENS_PARAGRAPH = re.compile(f"{LIST_MARKER.pattern}|{PARAGRAPH_OPENER.pattern}")
_NUMBER_START = re.compile(r"[0-9A-ZĐ]")
_DIGIT = re.compile(r"\d")


def _join_kind(before: str, after: str, soft: bool, hard_wrapped: bool, width: int) -> str:
    # the patterns that search `before` to its end are only tried when its last character
    # can end their match; a line ending its sentence is tested first (most lines: no
    # pattern is tried), since it ends in neither "-" nor "/"
    if len(before) <= 8 and before[-1] in ".)" and LONE_MARKER.fullmatch(before):  # (cheap tests first)
        # "1." + "Trách nhiệm của Bộ Xây dựng": a number alone goes on with its item's text
        return "break" if _OPENS_PARAGRAPH.match(after) else "space"
    if before.endswith(TERMINAL) or before.endswith(("./.", ".”", ".\"")) or _OPENS_PARAGRAPH.match(after):
        return "break"
    first = after[0]
    if soft and before.endswith(("-", "/")) and NUMBER_FRAGMENT_END.search(before) \
            and _NUMBER_START.match(first) and _DIGIT.search(before.rsplit(" ", 1)[-1]):
        return "none"
    if first.islower() or first.isdigit():
        return "space"
    if soft and before.endswith(","):
        return "space"
    if soft and not _is_heading(before):
        last = before.rsplit(" ", 1)[-1].lower()
        if last in CONTINUATION_WORDS or last in AREA_WORDS and _opens_with_place_name(after):
            return "space"
    if soft and DOCUMENT_TYPE_START.match(after) and PART_OF_DOCUMENT_END.search(before):
        return "space"
    # "Để tiếp tục thực hiện nghiêm" + "Chỉ thị số 05/CT-TTg ...": a document named by its
    # number does not open a paragraph after a line that has not ended its sentence
    if soft and DOCUMENT_NUMBERED_START.match(after) and not _is_heading(before) and before[-1:].isalpha():
        return "space"
    if soft and hard_wrapped and len(before) >= 0.7 * width \
            and _is_heading(before) == _is_heading(after):
        return "space"
    return "break"


def _opens_with_place_name(line: str) -> bool:
    """Its first two syllables capitalised: "Quảng Ngãi ...", not "Phối hợp với ..."."""
    words = line.split(" ", 2)
    return len(words) >= 2 and words[0][:1].isupper() and words[1][:1].isupper()


def _is_heading(line: str) -> bool:
    """All capitals: a heading or a title line (a letter, and every letter upper case). Read up
    to the first letter that is not: most lines hold one among their first characters."""
    letters = False
    for c in line:  # one turn a character, to the end at most
        if c.isalpha():
            if not c.isupper():
                return False
            letters = True
    return letters


# a markdown page's heading: "# Chỉ thị số 45-CT/TW về đại hội đảng bộ các cấp ..."
PAGE_HEADING = re.compile(r"^[ \t]*#[ \t]+(?P<heading>\S[^\n]*?)[ \t#]*$", re.M)
PAGE_HEADING_WITHIN = 3000  # characters of the copy a page's own heading comes in


def page_heading(source: SourceText) -> tuple[str, tuple[int, int]] | None:
    """The first level-1 heading of a markdown copy of a web page, as it reads in the
    normalised text, and its span there; None for other files or when there is none."""
    if not source.path.lower().endswith(".md"):
        return None
    match = PAGE_HEADING.search(source.original, 0, PAGE_HEADING_WITHIN)
    if match is None:
        return None
    start = source.offsets.first_at_or_after(match.start("heading"))
    end = source.offsets.first_at_or_after(match.end("heading"))
    heading = " ".join(source.text[start:end].split()).strip(" *_`")
    return (heading, (start, end)) if len(heading) >= 3 else None


# page:reference-article: an encyclopedia entry about a body, a person or a place opens with
# its subject's name and an infobox table; at most INFOBOX_CAPTION_LINES short lines (a
# caption, "Khóa thứ I (2025 - 2030)") stand between them
INFOBOX_CAPTION_LINES = 2
INFOBOX_CAPTION_CHARS = 80
TABLE_LINE = re.compile(r"[ \t]*\|")


def is_reference_article(source: SourceText) -> bool:
    """page:reference-article: a markdown page whose first heading names its subject (no
    question, no document) and is followed by an infobox table before any paragraph. Such a
    page holds no document of its own: what it retells of documents (a body's duties quoted
    from the decision that set it up) commits nobody (tests/golden/COMMITMENTS.md).

    The caller checks that the heading names no document (ingest/identity.py)."""
    if not source.path.lower().endswith(".md"):
        return False
    match = PAGE_HEADING.search(source.original, 0, PAGE_HEADING_WITHIN)
    if match is None or "?" in match.group("heading"):
        return False
    captions = 0
    for line in source.original[match.end():match.end() + PAGE_HEADING_WITHIN].split("\n"):
        if not line.strip():
            continue
        if TABLE_LINE.match(line):
            return True
        stripped = line.strip(" \t*_")
        captions += 1
        if captions > INFOBOX_CAPTION_LINES or len(stripped) > INFOBOX_CAPTION_CHARS or stripped.endswith((".", "?", "!", ":")):
            return False
    return False
