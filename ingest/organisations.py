"""Who is given what: lead (chủ trì), coordinate (phối hợp), implement, report to, and the
recipients (Nơi nhận). One record per (body, role); bodies named in different ways are one
(``organisation_key``: "Phòng GD&ĐT", "Phòng Giáo dục và Đào tạo Quận" and "phòng Giáo dục
và Đào tạo" have one key)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from ingest import patterns
from ingest.records import Assignment
from ingest.segment import Outline
from ingest.tables import table_columns, table_rows


def _settings() -> dict:
    return patterns.load("organisations")


@cache
def _head_regex() -> re.Pattern:
    """A head word as listed, or written in lower case when a capitalised name follows it
    ("về phòng Giáo dục và Đào tạo"; not "phòng chống", "cơ sở")."""
    heads = sorted(_settings()["heads"], key=len, reverse=True)
    listed = "|".join(re.escape(h) for h in heads)
    lowered = "|".join(re.escape(h.lower()) for h in heads if h.lower() != h)
    return re.compile(r"(?<!\w)(?:(?:" + listed + r")(?!\w)|(?:" + lowered + r")(?=\s+[A-ZĐÀ-Ỹ]))")


@cache
def _stop_word_regex() -> re.Pattern:
    """A word that ends a body's name (a verb, "trên địa bàn"), as a whole word."""
    return re.compile("(?:" + "|".join(re.escape(w) for w in _settings()["stop_words"]) + r")(?!\w)")


TYPE_WORDS = ("Kế hoạch", "Quyết định", "Nghị quyết", "Chỉ thị", "Thông tư", "Nghị định", "Luật", "Công văn")
AREA_WORDS = {"tỉnh", "huyện", "quận", "xã", "phường", "thành phố", "thị xã", "thị trấn", "cấp xã", "cấp huyện",
              "cấp tỉnh", "các xã", "các huyện", "trung ương", "khu vực"}
CONNECTORS = {"và", "-", "–", "&"}


def name_at(text: str, pos: int) -> tuple[str, int] | None:
    """The body named at `pos` (which must start with a head word) and where it ends.

    After the head word a name goes on while its words look like a name: a capitalised
    syllable and at most two lower-case ones after it ("Giáo dục", "Người cao tuổi"), "và"
    or "-" before another capitalised word that is not a new body ("Giáo dục và Đào tạo"),
    and area words ("thị xã Đông Hòa"); it stops at punctuation or a verb (stop words)."""
    head = _head_regex().match(text, pos)
    if not head:
        return None
    end = head.end()
    window = text[head.end():head.end() + 160].split("\n", 1)[0]  # a name never crosses a line
    tokens = list(re.finditer(r"[^\s,;:.()“”\"*]+|[,;:.()“”\"*]", window))
    lower_run = 0
    i = 0
    while i < len(tokens):  # every branch either breaks or moves i on (by 1, or by `width` >= 1)
        word = tokens[i].group()
        if word == "," and i + 1 < len(tokens):
            # a comma goes on into the same name: "Sở Văn hóa, Thể thao và Du lịch", "xã, phường"
            following = tokens[i + 1].group()
            if (following[:1].isupper() and not _head_regex().match(window, tokens[i + 1].start())
                    and not re.match(r"(?i)(?:" + "|".join(map(re.escape, TYPE_WORDS)) + r")\b",
                                     window[tokens[i + 1].start():])) or following.lower() in AREA_WORDS:
                i += 1
                continue
        if not re.match(r"[\w&\-–/]", word):
            break  # punctuation ends the name
        two = f"{word} {tokens[i + 1].group()}".lower() if i + 1 < len(tokens) else ""
        if _stop_word_regex().match(window[tokens[i].start():].lower()):
            break
        if two in AREA_WORDS or word.lower() in AREA_WORDS:
            width = 2 if two in AREA_WORDS else 1
            end = head.end() + tokens[i + width - 1].end()
            i += width
            lower_run = 0
            continue
        if word in CONNECTORS:
            following = tokens[i + 1].group() if i + 1 < len(tokens) else ""
            if following[:1].isupper() and not _head_regex().match(window, tokens[i + 1].start()):
                i += 1
                continue
            break
        if word[:1].isupper() or word[:1].isdigit():
            lower_run = 0
        else:
            lower_run += 1
            if lower_run > 2 or i == 0 and not head.group().endswith(("Hội", "Ban", "Bộ")):
                if i == 0:
                    break
                if lower_run > 2:
                    break
        end = head.end() + tokens[i].end()
        i += 1
    name = text[pos:end].rstrip(" ,-–")
    if len(name.split()) > 18:
        return None
    return re.sub(r"\s+", " ", name), pos + len(name)


def names_in(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Every body named between start and end: (name, start, end)."""
    found = []
    pos = start
    while pos < end:  # pos grows every turn: past the head word at least (head.start() >= pos)
        head = _head_regex().search(text, pos, end)
        if not head:
            break
        named = name_at(text, head.start())
        if named is None:
            pos = max(head.end(), head.start() + 1)
            continue
        name, stop = named
        if not _generic(name):
            found.append((name, head.start(), stop))
        pos = max(stop, head.end(), head.start() + 1)
    return found


def _generic(name: str) -> bool:
    return name.lower().strip() in _settings()["generic"]


OWN_AREA_WORDS = {"district": ("quận", "huyện", "thị xã"), "province": ("tỉnh", "thành phố")}


@lru_cache(maxsize=4096)  # a body is named many times; each key takes a substitution per abbreviation
def organisation_key(name: str, own_level: str | None = None) -> str:
    """Lower-case, abbreviations spelt out, and a bare area word that names the document's
    own level dropped ("Phòng GD&ĐT Quận" in a district plan is its Phòng GD&ĐT; "Hội
    Khuyến học Thành phố" there is the city's, another body)."""
    text = unicodedata.normalize("NFC", name)
    for short, long in _settings()["abbreviations"].items():
        text = re.sub(rf"(?<!\w){re.escape(short)}(?!\w)", long, text)
    text = text.replace("Uỷ", "Ủy").replace("uỷ", "ủy")
    text = re.sub(r"\s+", " ", text).strip(" .,;").casefold()
    text = re.sub(r"^(?:đối với|giao)\s+", "", text)
    for word in OWN_AREA_WORDS.get(own_level or "", ()):
        if text.endswith(" " + word):
            return text[: -len(word) - 1]
    return text


def issuer_key(name: str, jurisdiction: str | None) -> str:
    """The key of an issuing body within its jurisdiction: ``organisation_key``, the
    jurisdiction's own place name dropped ("UBND tỉnh Đắk Lắk" and "UBND tỉnh" in vn-dak-lak,
    "Thành ủy Hà Nội" in vn-ha-noi), a minister read as the ministry ("Bộ trưởng Bộ Tài
    chính"), and the spellings in ``issuer_aliases`` read as the body they name."""
    from ingest.resolve import ascii_slug

    key = organisation_key(name)
    words = key.split()
    place = (jurisdiction or "").split("/")[-1].removeprefix("vn-")
    for n in range(min(4, len(words) - 1), 0, -1):
        if place and ascii_slug(" ".join(words[-n:])) == place:
            key = " ".join(words[:-n])
            break
    prefix = _settings()["issuer_minister_prefix"]
    if key.startswith(prefix + "bộ "):
        key = key[len(prefix):]
    return _settings()["issuer_aliases"].get(key, key)


def extract_organisations(outline: Outline, own_level: str | None = None) -> list[Assignment]:
    """`own_level`: "district" or "province", the level of the document's own issuer."""
    text = outline.text
    found: list[Assignment] = []

    def add(name, start, end, role, rule):
        if _generic(name):
            return
        found.append(Assignment(name, role, organisation_key(name, own_level), (start, end), rule))

    # lead: "<body> chủ trì", "giao <body> chủ trì"
    for match in re.finditer(r"(?i)(?:chủ trì|làm đầu mối|chịu trách nhiệm chính)(?!\w)", text):
        # the body named just before, in the same clause
        clause_start = max(text.rfind(c, 0, match.start()) for c in "\n;:.") + 1
        names = names_in(text, clause_start, match.start())
        if names and text[names[-1][2]:match.start()].strip(" ,").lower() in ("", "là cơ quan", "là đơn vị"):
            name, start, end = names[-1]
            add(name, start, end, "lead", "organisation:lead-before-verb")
        elif not names:
            owner = section_owner(outline, match.start())
            if owner:
                add(*owner, "lead", "organisation:lead-section-owner")
    # coordinate: "phối hợp (chặt chẽ) (với|cùng) <bodies>"
    for match in re.finditer(r"[Pp]hối hợp(?: chặt chẽ)?(?: với| cùng(?: với)?)?\s+", text):
        stop = re.compile(r"[\n;:.]|\s(?:tổ chức|triển khai|thực hiện|xây dựng|để|trong|nhằm|tham mưu|"
                          r"kiểm tra|rà soát|tuyên truyền|hướng dẫn)(?!\w)")
        end = stop.search(text, match.end(), min(len(text), match.end() + 300))
        for name, start, stop_at in names_in(text, match.end(), end.start() if end else match.end() + 300):
            add(name, start, stop_at, "coordinate", "organisation:coordinate-after-verb")
    # report_to: "báo cáo ... về/cho/gửi <body>"
    for match in re.finditer(r"[Bb]áo cáo[^.;\n]{0,120}?\s(?:về|cho|lên|gửi về|gửi)\s+(?=\S)", text):
        named = name_at(text, match.end())
        if named and not _generic(named[0]):
            add(named[0], match.end(), named[1], "report_to", "organisation:report-to")
    # implement: bodies heading a paragraph or section of "Tổ chức thực hiện"
    for section in outline.headings:
        if "tổ chức thực hiện" not in section.title.lower() and "phân công" not in section.title.lower():
            continue
        for heading in outline.headings_within(section.start + 1, section.section_end):
            title_at = heading.end - len(heading.title)
            named = owner_name(text, title_at)
            if named:
                add(named[0], title_at, named[1], "implement", "organisation:implement-section")
        for line in outline.lines_within(section.end, section.section_end):
            if ":" in line.text[:140]:
                body_start = line.start + (len(line.text) - len(line.text.lstrip("-+• ")))
                named = owner_name(text, body_start)
                if named and text[named[1]:named[1] + 3].lstrip().startswith(":"):
                    add(named[0], body_start, named[1], "implement", "organisation:implement-paragraph")
    # recipients
    for match in re.finditer(r"Nơi nhận\s*:", text):
        pos = match.end()
        for line in text[pos:pos + 3000].split("\n")[1:40]:
            item = line.strip().lstrip("-+•* ").rstrip(";.,")
            if not item:
                continue
            if re.match(r"^(?:KT\.|TM\.|T/M|CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG|PHÓ|Q\.)", item):
                break
            if item.lower().split("(")[0].strip(" :") in _settings()["recipient_skip"] or item.lower().startswith("lưu"):
                continue
            item_start = text.index(item, pos)
            pos = item_start + len(item)
            blanked = re.sub(r"\([^)]*\)", lambda m: " " * len(m.group()), item)
            for name, offset, length in recipient_names(blanked):
                start = item_start + offset
                add(name, start, start + length, "recipient", "organisation:recipient-list")
    # one record per (body, role), first mention kept
    seen = set()
    unique = []
    for item in found:
        if (item.key, item.role) not in seen:
            seen.add((item.key, item.role))
            unique.append(item)
    return unique


AREA_TAIL = re.compile(r"\s+(?:thị xã|thành phố|TP|tỉnh|huyện|quận|Thị ủy|Tỉnh ủy|Thành ủy|Huyện ủy)(?:\s+\S+)?$")


def recipient_names(item: str) -> list[tuple[str, int, int]]:
    """The bodies one line of "Nơi nhận" names, with where each is written in the line
    (start, length):
    "Các phòng: GDĐT, VH-TT" -> Phòng GDĐT, Phòng VH-TT; "HKH, HLHPN thị xã" -> HKH thị xã,
    HLHPN thị xã (the area written once after the last applies to all)."""
    shared = re.match(r"^(?:[Cc]ác\s+)?(?P<head>phòng|sở|ban|hội|bộ)\s*:\s*", item, re.IGNORECASE)
    head = ""
    body_start = 0
    if shared:
        head = shared.group("head").capitalize() + " "
        body_start = shared.end()
    parts = [(m.group().strip(), body_start + m.start() + (len(m.group()) - len(m.group().lstrip())))
             for m in re.finditer(r"[^,;]+", item[body_start:])]
    parts = [(p, at) for p, at in parts if len(p) >= 2]
    # ", phường" after "xã": one body ("UBND các xã, phường")
    merged: list[tuple[str, int]] = []
    for part, at in parts:
        if merged and (part[:1].islower() or part.lower() in AREA_WORDS):
            merged[-1] = (item[merged[-1][1]:at + len(part)], merged[-1][1])
        else:
            merged.append((part, at))
    tail = AREA_TAIL.search(merged[-1][0]) if len(merged) > 1 else None
    names = []
    for i, (part, at) in enumerate(merged):
        name = head + part
        if tail and i < len(merged) - 1 and not AREA_TAIL.search(part):
            name += tail.group()
        names.append((name, at, len(part)))
    return names


def owner_name(text: str, pos: int) -> tuple[str, int] | None:
    """A body heading a paragraph: "Phòng Giáo dục và Đào tạo Quận", "Đối với các trường ..."."""
    lead = re.match(r"(?:Đối với|đối với|Giao)\s+", text[pos:pos + 20])
    if lead:
        pos += lead.end()
    named = name_at(text, pos)
    if named and not _generic(named[0]):
        return named
    return None


def section_owner(outline: Outline, offset: int) -> tuple[str, int, int] | None:
    for heading in reversed(outline.path_at(offset)):
        title_at = heading.end - len(heading.title)
        named = owner_name(outline.text, title_at)
        if named:
            return named[0], title_at, named[1]
    return None


def table_assignments(tables, own_level: str | None, already: list[Assignment]) -> list[Assignment]:
    """Leads and partners named in the columns of task tables ("CHỦ TRÌ", "PHỐI HỢP"),
    one record per body and role not already found."""
    seen = {(a.key, a.role) for a in already}
    found = []
    for table in tables:
        columns = table_columns(table)
        for role in ("lead", "coordinate"):
            if role not in columns:
                continue
            for row in table_rows(table):
                cell = row[columns[role]]
                if cell is None:
                    continue
                for part in re.finditer(r"[^;,]+", cell.text):
                    name = part.group().strip()
                    if len(name) < 3 or _generic(name) or name.lower().startswith(("các sở", "sở, ban")):
                        continue
                    key = organisation_key(name, own_level)
                    if (key, role) in seen:
                        continue
                    seen.add((key, role))
                    start = cell.span[0] + part.start() + (len(part.group()) - len(part.group().lstrip()))
                    found.append(Assignment(name, role, key, (start, start + len(name)), f"organisation:{role}-table"))
    return found
