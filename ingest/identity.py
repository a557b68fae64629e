"""A document's own identity from its header block (Nghị định 30/2020/NĐ-CP): type heading,
number, issuing body, place and date, title; or, for a web page that copies a document without
its header, from the page's own heading when it names the document by type and number."""

from __future__ import annotations

import re
from functools import cache

from ingest import patterns
from ingest.dates import DATE_RE, iso_date, partial_date
from ingest.document_types import TYPE_WORDS, type_entry, types_by_heading
from ingest.mentions import literal_starts, matches_at
from ingest.number import NUMBER_PATTERN, DocumentNumber
from ingest.records import Identity, Span


# small patterns of the rules below, compiled once
TYPE_HEADING_LINE = re.compile(r"(?m)^[ \t]*(?P<h>[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]{2,30}?)[ \t]*$")  # "KẾ HOẠCH"
BLANK_NUMBER = re.compile(r"^/(?P<codes>[A-ZĐ][\w&-]*)$")  # "Số: /KH-GDĐT"
PARTY_NUMBER = re.compile(r"(?m)^\s*Số\s+(?P<n>\d+-[A-ZĐ]\w*/\w+)")  # "Số 383-QĐ/TW"
NUMBER_LINE = re.compile(r"(?m)^\s*Số\s*(?::|\d)")
ISSUER_ASIDES = re.compile(r"\s*\([^)]*\)|\s+(?:đã|sẽ|vừa|đang)$")
FIRST_PART = re.compile(r"^(?:I|1)[.\-]\s")
NON_SPACE = re.compile(r"\S+")
WHITE_SPACE = re.compile(r"\s+")


# a web page's own heading that names the document: "Chỉ thị số 45-CT/TW về đại hội ..."
PAGE_HEADING_IDENTITY = re.compile(
    r"(?P<label>(?i:" + "|".join(map(re.escape, patterns.issuers()["page_heading_labels"])) + r")\s*:?\s+)?"
    r"(?P<type>(?i:" + "|".join(map(re.escape, TYPE_WORDS)) + r"))\s+(?i:số\s+)?"
    r"(?P<number>" + NUMBER_PATTERN + r")(?:\s*,?\s*(?P<owner>(?i:của)\s+[^\n]{1,80}?\s+)?(?P<title>(?i:về|V/v)\s.+)"
    r"|(?P<rest>\s*[:–]?\s.*))?$")   # "Nghị quyết 72-NQ/TW: Chi tiết ..." (a subtitle after a colon)


def identity_from_page_heading(identity: Identity, text: str) -> None:
    """A copy of a document without its header block, under a page heading that names it by
    type and number, takes its type, number and title from that heading."""
    start, end = identity.spans["page_title"]
    match = PAGE_HEADING_IDENTITY.fullmatch(text, start, end)
    if not match:
        return  # a heading that does not open with the type and number names no document
    try:
        number = DocumentNumber.parse(match.group("number"))
    except ValueError:
        return
    entry = next((e for e in patterns.document_types() if match.group("type").lower() in e["words"]), None)
    if entry is None or (number.type_code and type_entry(number.type_code) not in (entry, None)
                         and number.type_code != entry["code"]):
        return
    identity.type, identity.type_label = entry["code"], entry["vi"]
    identity.number, identity.issuer_code = str(number), number.issuer_code
    identity.spans["type"] = match.span("type")
    identity.spans["number"] = match.span("number")
    if match.group("title") and "?" not in match.group("title"):  # a question is the page's, not a title
        title = match.group("title")
        identity.title = title[0].upper() + title[1:]
        identity.spans["title"] = match.span("title")


HEADER_NUMBER = re.compile(r"(?m)^\s*Số\s*:?\s*(?P<number>\S*?/\S+?)\s*$|Số\s*:\s*(?P<inline>[^\s|]+)")


META_FIELD = re.compile(r"(?P<key>Số hiệu|Loại văn bản|Nơi ban hành|Ngày ban hành):\s*\n+\s*(?P<value>[^\n]+)")


# a word of the place is read whole (possessive "*+": what follows a word, a space, a line break
# or ",", is no letter, so a shorter word never matches where the whole one does not)
DATELINE = re.compile(
    r"(?P<place>(?:[A-ZĐÀ-Ỹ][^\W\d_]*+)(?:[ \n](?:[A-ZĐÀ-Ỹ][^\W\d_]*+)){0,3}|TP\.?\s*[A-ZĐÀ-Ỹ][^\n,]{1,20})"
    r"\s*,\s*ngày\s+(?P<d>\d{1,2}|\.+|…+)?\s*(?:tháng|/)\s*(?P<m>\d{1,2}|\.+|…+)?\s*(?:năm|/)\s*"
    r"(?P<y>(?:19|20)\d\d)")


DATELINE_HINT = re.compile(r",\s*ngày")  # what every dateline holds, found fast: without it none is looked for
FIRST_NUMBERED_PART = re.compile(r"(?m)^[ \t]*(?:[IVX]{1,4}|\d{1,2}(?:\.\d{1,2})*)[.)\-]\s+\S")
ISSUES_SENTENCE = re.compile(
    r"(?P<issuer>(?:Chủ tịch\s+)?(?:Phòng|Sở|Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Ban [Cc]hỉ đạo|Ban Thường vụ|"
    r"Hội đồng nhân dân|Thành ủy|Tỉnh ủy|Huyện ủy|Đảng ủy|Bộ|Ban)\b(?:[^.;:\n]|\n(?!\n)){0,100}?)"
    r"(?:\s*\([^)]{1,60}\))?\s+(?:(?:xây dựng|ban hành|triển khai)\s+(?:Kế hoạch|Chỉ thị|Hướng dẫn|"
    r"Quyết định|Nghị quyết|Quy chế|Chương trình)(?!\s*(?:số\s*)?\d)|có ý kiến chỉ đạo như sau)")


# the words a match of ISSUES_SENTENCE opens with ("Ban" opens "Ban Chỉ đạo" and "Ban Thường vụ")
ISSUES_OPENINGS = ("Chủ tịch", "Phòng", "Sở", "Ủy ban nhân dân", "Uỷ ban nhân dân", "UBND", "Hội đồng nhân dân",
                   "Thành ủy", "Tỉnh ủy", "Huyện ủy", "Đảng ủy", "Bộ", "Ban")


def extract_identity(text: str) -> Identity:
    identity = Identity()
    headings = types_by_heading()
    head_zone = text[:6000]

    # the type heading: a line that is a type name in capitals ("KẾ HOẠCH")
    heading_match = None
    for match in TYPE_HEADING_LINE.finditer(head_zone):
        name = match.group("h").strip()
        entry = headings.get(name)
        if entry:
            heading_match = match
            identity.type, identity.type_label = entry["code"], entry["vi"]
            identity.spans["type"] = (match.start("h"), match.end("h"))
            break
    zone_end = heading_match.start() if heading_match else min(len(text), 3000)

    meta = {m.group("key"): m for m in META_FIELD.finditer(head_zone)}

    number = None
    for match in HEADER_NUMBER.finditer(text[:zone_end]):
        raw = match.group("number") or match.group("inline")
        if not raw or "/" not in raw:
            continue
        group = "number" if match.group("number") else "inline"
        raw = raw.strip("*|,;")
        try:
            number = DocumentNumber.parse(raw)
            identity.spans["number"] = (match.start(group), match.start(group) + len(raw))
        except ValueError:
            number = None
            blank = BLANK_NUMBER.match(raw)
            if blank:  # "Số: /KH-GDĐT": a draft without its number
                codes = blank.group("codes").split("-")
                identity.issuer_code = "-".join(codes[1:]) if len(codes) > 1 else codes[0]
                if not identity.type:
                    entry = type_entry(codes[0].replace("D", "Đ") if codes[0] == "QD" else codes[0])
                    if entry:
                        identity.type, identity.type_label = entry["code"], entry["vi"]
        break
    if number is None and "Số hiệu" in meta:
        try:
            m = meta["Số hiệu"]
            number = DocumentNumber.parse(m.group("value").strip())
            identity.spans["number"] = (m.start("value"), m.end("value"))
        except ValueError:
            pass
    if number is None:
        # "Số 383-QĐ/TW" without colon, Party style
        party = PARTY_NUMBER.search(text[:zone_end])
        if party:
            number = DocumentNumber.parse(party.group("n"))
            identity.spans["number"] = (party.start("n"), party.end("n"))
    if number is not None:
        identity.number = str(number)
        identity.issuer_code = number.issuer_code
        if not identity.type and number.type_code:
            entry = type_entry(number.type_code)
            identity.type, identity.type_label = entry["code"], entry["vi"]
    if not identity.type and "Loại văn bản" in meta:
        for entry in patterns.document_types():
            if entry["vi"].lower() == meta["Loại văn bản"].group("value").strip().lower():
                identity.type, identity.type_label = entry["code"], entry["vi"]

    dateline = None
    for candidate in DATELINE.finditer(head_zone) if DATELINE_HINT.search(head_zone) else ():
        if candidate.start() < 4000 and _capitalised(candidate.group("place").split()[-1]):
            dateline = candidate
            break
    if dateline:
        words = list(NON_SPACE.finditer(dateline.group("place")))
        keep = len(words)
        while keep and _capitalised(words[keep - 1].group()):  # keep falls to 0 at most
            keep -= 1
        if keep < len(words):
            place_start = dateline.start("place") + words[keep].start()
            place_start -= _unit_word_before(text, place_start)  # "Thành phố Huế, ngày ..."
            identity.place = WHITE_SPACE.sub(" ", text[place_start:dateline.end("place")]).strip()
            identity.spans["place"] = (place_start, dateline.end("place"))
        identity.date, identity.year = partial_date(dateline.group("d"), dateline.group("m"),
                                                     dateline.group("y"))
        identity.spans["date"] = (dateline.start("place"), dateline.end())
    elif "Ngày ban hành" in meta:
        value = meta["Ngày ban hành"]
        date = DATE_RE.search(value.group("value"))
        if date:
            identity.date, identity.year = iso_date(date)
            identity.spans["date"] = (value.start("value") + date.start(), value.start("value") + date.end())

    has_header = heading_match is not None or "number" in identity.spans or identity.issuer_code
    identity.issuer, issuer_span = _header_issuer(text, zone_end, meta) if has_header else (None, None)
    if identity.issuer is None:
        # the opening sentence that says who issues it, before the body's first numbered part
        # ("1.2. Thường trực Hội đồng nhân dân cấp tỉnh ban hành Nghị quyết ..." is a task)
        body = FIRST_NUMBERED_PART.search(text, 0, 8000)
        opening = text[:body.start() if body else 8000]
        sentence = next(matches_at(ISSUES_SENTENCE, opening, literal_starts(opening, ISSUES_OPENINGS)), None)
        if sentence:
            issuer = ISSUER_ASIDES.sub("", sentence.group("issuer"))
            identity.issuer = WHITE_SPACE.sub(" ", issuer).strip()
            issuer_span = (sentence.start("issuer"), sentence.end("issuer"))
    if issuer_span:
        identity.spans["issuer"] = issuer_span

    if heading_match:
        title, span = _title_after(text, heading_match.end())
        if title:
            identity.title = title
            identity.spans["title"] = span
    return identity


def _capitalised(word: str) -> bool:
    """ "Nội", "Krông", "Đắk" but not "GDĐT" or "UBND"."""
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower() or word.startswith("TP"))


def _header_issuer(text: str, zone_end: int, meta: dict) -> tuple[str | None, Span | None]:
    """The issuing body from the header block: the capitalised lines above "Số:"."""
    settings = patterns.issuers()
    skip = settings["header_skip"]
    body_words = sorted(settings["body_words"], key=len, reverse=True)
    number_line = NUMBER_LINE.search(text[:zone_end])
    block_end = number_line.start() if number_line else zone_end
    start = 0
    if "Tình trạng" in text[:block_end]:  # web page metadata above the real header
        start = text.index("Tình trạng", 0, block_end)
    lines = []
    pos = start
    for line in text[start:block_end].split("\n"):
        line_start = pos
        pos += len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        lowered = stripped.lower()
        cut = min((lowered.index(s) for s in skip if s in lowered), default=None)
        if cut is None and any(s.startswith(lowered) for s in skip):
            cut = 0
        if cut is not None:
            stripped = stripped[:cut].strip()
            if stripped:
                lines.append((stripped, line_start + line.index(stripped)))
            if lines:
                break
            continue
        if stripped in ("X", "*"):
            continue
        if not _is_caps(stripped):
            if lines:
                break
            continue
        lines.append((stripped, line_start + line.index(stripped)))
    if not lines:
        return None, None
    # bodies start at a body word; other lines (TỈNH ĐẮK LẮK) continue the body above
    bodies: list[list[tuple[str, int]]] = []
    for line, at in lines:
        lowered = line.lower()
        starts_body = any(lowered == w or lowered.startswith(w + " ") for w in body_words)
        if starts_body or not bodies:
            bodies.append([(line, at)])
        else:
            bodies[-1].append((line, at))
    body = bodies[-1]
    name = " ".join(line for line, _ in body)
    span = (body[0][1], body[-1][1] + len(body[-1][0]))
    return sentence_case(name), span


AREA_WORDS = tuple(patterns.issuers()["area_words"])


def sentence_case(name: str) -> str:
    """ "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK" -> "Ủy ban nhân dân tỉnh Đắk Lắk".

    Known body names take their usual spelling; an area word lower-cases and the place
    name after it is title-cased; other words keep an initial capital only first.
    """
    if not _is_caps(name):
        return name
    lowered = name.lower()
    known = {
        "ủy ban nhân dân": "Ủy ban nhân dân", "uỷ ban nhân dân": "Ủy ban nhân dân",
        "hội đồng nhân dân": "Hội đồng nhân dân", "thủ tướng chính phủ": "Thủ tướng Chính phủ",
        "chính phủ": "Chính phủ", "ban chấp hành trung ương": "Ban Chấp hành Trung ương",
        "bộ chính trị": "Bộ Chính trị", "ban bí thư": "Ban Bí thư", "quốc hội": "Quốc hội",
    }
    for key, spelled in known.items():
        if lowered.startswith(key):
            rest = name[len(key):].strip()
            return (spelled + (" " + _area_case(rest) if rest else "")).strip()
    words = lowered.split()
    return " ".join([words[0].capitalize()] + [_proper(w) for w in words[1:]])


def _proper(word: str) -> str:
    return word.capitalize() if word in ("đảng", "trung", "ương", "việt", "nam") else word


def _area_case(rest: str) -> str:
    lowered = rest.lower()
    for word in AREA_WORDS:
        if lowered.startswith(word + " "):
            place = rest[len(word):].strip()
            return word + " " + " ".join(w.capitalize() for w in place.lower().split())
    return " ".join(w.capitalize() for w in lowered.split())


STOP_TITLE = re.compile(r"^(?:Ngày \d|" + "|".join(map(re.escape, patterns.issuers()["title_stops"])) + ")")


def _title_after(text: str, pos: int) -> tuple[str | None, Span | None]:
    """The title: the lines right after the type heading, up to a blank line or the body."""
    lines = []
    rest = text[pos:pos + 2000]
    offset = pos
    started = False
    for raw in rest.split("\n"):
        line_start = offset
        offset += len(raw) + 1
        line = raw.strip()
        if not line:
            if started and not _title_goes_on(rest[offset - pos:], lines[0][0]):
                break
            continue
        if STOP_TITLE.match(line) or FIRST_PART.match(line):
            break
        if started and _is_caps(lines[0][0]) and not _is_caps(line):
            break
        if started and _is_caps(line) and _is_body_name(line):
            break
        lines.append((line, line_start + raw.index(line)))
        started = True
        if len(lines) >= 8:
            break
    if not lines:
        return None, None
    joined = WHITE_SPACE.sub(" ", " ".join(line for line, _ in lines)).strip()
    title = _without_enacting_body(joined)
    # the name cut off stood at the end of the last line
    return title, (lines[0][1], lines[-1][1] + len(lines[-1][0]) - (len(joined) - len(title)))


def _title_goes_on(after: str, first_line: str) -> bool:
    """A title in capitals goes on over a blank line with its parenthesis ("... CỦA HĐND TỈNH
    THỪA THIÊN HUẾ\n\n(NAY LÀ THÀNH PHỐ HUẾ)"): the next line, in capitals too, is enclosed in
    brackets."""
    following = after.lstrip("\n").split("\n", 1)[0].strip()
    return _is_caps(first_line) and following.startswith("(") and following.endswith(")") \
        and _is_caps(following) and len(following) < 120


def _unit_word_before(text: str, at: int) -> int:
    """How many characters before `at` a unit word written with a capital stands, part of the
    place ("Thành phố Huế": patterns/places.json unit_words); 0 when none."""
    before = text[max(0, at - 12):at]
    for unit in _unit_words_before():
        found = unit.search(before)
        if found:
            return len(before) - found.start()
    return 0


@cache
def _unit_words_before() -> list[re.Pattern]:
    """A unit word with its capital at the end of a text, one pattern per word, longest first."""
    words = patterns.places()["unit_words"]
    units = sorted({w for level in ("province", "district", "commune") for w in words[level]}, key=len, reverse=True)
    return [re.compile(rf"(?<!\w){re.escape(unit[0].upper() + unit[1:])}[ \t]+$") for unit in units]


def _is_caps(line: str) -> bool:
    """Letters, all upper case (map and filter: no Python turn per character)."""
    return any(map(str.isalpha, line)) and all(map(str.isupper, filter(str.isalpha, line)))


def _is_body_name(line: str) -> bool:
    lowered = line.lower()
    settings = patterns.issuers()
    return lowered in settings["enacting_bodies"] or lowered.startswith(tuple(settings["enacting_prefixes"]))


def _without_enacting_body(title: str) -> str:
    """ "... (ĐỢT 2) THỦ TƯỚNG CHÍNH PHỦ": a capitals title the reader joined with the line
    naming who enacts ends before that name."""
    if not _is_caps(title):
        return title
    for name in sorted(patterns.issuers()["enacting_bodies"], key=len, reverse=True):
        if title.lower().endswith(" " + name):
            return title[:-len(name) - 1].rstrip()
    return title
