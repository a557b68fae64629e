"""Who is given what: lead (chủ trì), coordinate (phối hợp), implement, report to, and the
recipients (Nơi nhận). One record per (body, role); bodies named in different ways are one
(``organisation_key``: "Phòng GD&ĐT", "Phòng Giáo dục và Đào tạo Quận" and "phòng Giáo dục
và Đào tạo" have one key)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from ingest import patterns
from ingest.segment import Outline
from ingest.records import Assignment


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
def _stop_regex() -> re.Pattern:
    """Where a body's name ends: punctuation, a verb, or a comma or "và" before another body."""
    words = sorted(_settings()["stop_words"], key=len, reverse=True)
    heads = sorted(_settings()["heads"], key=len, reverse=True)
    another = r"(?:" + "|".join(re.escape(h) for h in heads) + r")(?!\w)"
    return re.compile(r"[\n:;.()“”\"*]|,\s*(?=[a-zđà-ỹ])|,\s*(?=" + another + r")|\s(?:và|với)\s+(?=" + another + r")"
                      r"|\s(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


def name_at(text: str, pos: int) -> tuple[str, int] | None:
    """The body named at `pos` (which must start with a head word) and where it ends."""
    head = _head_regex().match(text, pos)
    if not head:
        return None
    stop = _stop_regex().search(text, head.end(), min(len(text), head.end() + 120))
    end = stop.start() if stop else min(len(text), head.end() + 120)
    name = text[pos:end].rstrip(" ,-–")
    if len(name.split()) > 18:
        return None
    return re.sub(r"\s+", " ", name), pos + len(name)


def names_in(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Every body named between start and end: (name, start, end)."""
    found = []
    pos = start
    while pos < end:
        head = _head_regex().search(text, pos, end)
        if not head:
            break
        named = name_at(text, head.start())
        if named is None:
            pos = head.end()
            continue
        name, stop = named
        if not _generic(name):
            found.append((name, head.start(), stop))
        pos = max(stop, head.end())
    return found


def _generic(name: str) -> bool:
    return name.lower().strip() in _settings()["generic"]


ABBREVIATIONS = {"GD&ĐT": "Giáo dục và Đào tạo", "GDĐT": "Giáo dục và Đào tạo", "UBND": "Ủy ban nhân dân",
                 "HĐND": "Hội đồng nhân dân", "MTTQ": "Mặt trận Tổ quốc", "TH": "Tiểu học",
                 "MN": "Mầm non", "KH&CN": "Khoa học và Công nghệ", "TTHTCĐ": "Trung tâm học tập cộng đồng"}
OWN_AREA_WORDS = {"district": ("quận", "huyện", "thị xã"), "province": ("tỉnh", "thành phố")}


def organisation_key(name: str, own_level: str | None = None) -> str:
    """Lower-case, abbreviations spelt out, and a bare area word that names the document's
    own level dropped ("Phòng GD&ĐT Quận" in a district plan is its Phòng GD&ĐT; "Hội
    Khuyến học Thành phố" there is the city's, another body)."""
    text = unicodedata.normalize("NFC", name)
    for short, long in ABBREVIATIONS.items():
        text = re.sub(rf"(?<!\w){re.escape(short)}(?!\w)", long, text)
    text = text.replace("Uỷ", "Ủy").replace("uỷ", "ủy")
    text = re.sub(r"\s+", " ", text).strip(" .,;").casefold()
    text = re.sub(r"^(?:đối với|giao)\s+", "", text)
    for word in OWN_AREA_WORDS.get(own_level or "", ()):
        if text.endswith(" " + word):
            return text[: -len(word) - 1]
    return text


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
            owner = _section_owner(outline, match.start())
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
        for heading in outline.headings:
            if section.start < heading.start < section.section_end:
                title_at = heading.end - len(heading.title)
                named = _owner_name(text, title_at)
                if named:
                    add(named[0], title_at, named[1], "implement", "organisation:implement-section")
        for line in outline.lines:
            if section.end <= line.start < section.section_end and ":" in line.text[:140]:
                body_start = line.start + (len(line.text) - len(line.text.lstrip("-+• ")))
                named = _owner_name(text, body_start)
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
            # one line may name several bodies: split at a comma or ";" before another body
            cuts = [0] + [m.end() for m in re.finditer(r"[,;]\s*", blanked)
                          if _head_regex().match(blanked, m.end())] + [len(blanked) + 1]
            for a, b in zip(cuts, cuts[1:]):
                name = blanked[a:b - 1 if b <= len(blanked) else b].strip(" ,;")
                if len(name) < 3:
                    continue
                start = item_start + blanked.index(name, a)
                add(name, start, start + len(name), "recipient", "organisation:recipient-list")
    # one record per (body, role), first mention kept
    seen = set()
    unique = []
    for item in found:
        if (item.key, item.role) not in seen:
            seen.add((item.key, item.role))
            unique.append(item)
    return unique


def _owner_name(text: str, pos: int) -> tuple[str, int] | None:
    """A body heading a paragraph: "Phòng Giáo dục và Đào tạo Quận", "Đối với các trường ..."."""
    lead = re.match(r"(?:Đối với|đối với|Giao)\s+", text[pos:pos + 20])
    if lead:
        pos += lead.end()
    named = name_at(text, pos)
    if named and not _generic(named[0]):
        return named
    return None


def _section_owner(outline: Outline, offset: int) -> tuple[str, int, int] | None:
    for heading in reversed(outline.path_at(offset)):
        title_at = heading.end - len(heading.title)
        named = _owner_name(outline.text, title_at)
        if named:
            return named[0], title_at, named[1]
    return None
