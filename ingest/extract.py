"""Normalised text -> Extraction: the document's identity, the documents it cites and the
relations the text states. Pure: no I/O, no RDF.

Token-level rules (type words, "số", document numbers, relation cues) run as spaCy
matchers built from ``ingest/patterns``; the shapes that token patterns do not fit (dates,
a "của <issuer>" phrase, a quoted programme title, a law's name) are small named regexes.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.util import filter_spans

from ingest import patterns
from ingest.document_parts import DocumentParts, document_parts
from ingest.deadlines import extract_deadlines, extract_table_deadlines
from ingest.funding import extract_funding
from ingest.indicators import indicator_of
from ingest.nlp import cue_matcher, pipeline, reference_matcher
from ingest.number import NUMBER_PATTERN, NUMBER_RE, DocumentNumber
from ingest.organisations import extract_organisations, table_assignments
from ingest.read import SourceText, page_heading
from ingest.records import Extraction, Identity, Reference, Relation, Span
from ingest.resolve import resolve
from ingest.segment import emphasised_lines, segment
from ingest.span_set import SpanSet
from ingest.tables import caption, markdown_tables
from ingest.targets import extract_table_targets, extract_targets
from ingest.tasks import extract_tasks

# "16/11/2023", "12-4-2024", "17 tháng 11 năm 2025"
DATE = r"(?:(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>(?:19|20)\d\d)" \
       r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>(?:19|20)\d\d))"
DATE_RE = re.compile(DATE)

# right after a number: ", ngày 16/11/2023" or " ban hành ngày 17 tháng 11 năm 2025"
DATE_AFTER = re.compile(r"\s*,?\s*(?:năm\s+(?:19|20)\d\d\s*,?\s*)?(?:ban hành\s+)?ngày\s+" + DATE)

# right after a number or its date: "của UBND Thành phố ..."; the name itself is cut by
# ISSUER_END and the comma and "và" rules of _issuer_name
ISSUER_AFTER = re.compile(r"\s*,?\s*của\s+")
ISSUER_END = re.compile(
    r"[\n();:.“”\"]|\s(?:về|phê duyệt|ban hành|triển khai|thực hiện|quy định|hướng dẫn|tại|đã|"
    r"trong|trên|đối với|nhằm|để|năm|ngày|khóa|khoá|số|thông qua|giao|yêu cầu|cho|với|từ|gửi|"
    r"sửa đổi|đề nghị|theo|như|là|có|kèm|nêu|được|đến|tổng kết|quyết định|xác định|khoảng|thành lập|hiện)(?=[\s,;.]|$)|\sTẢI VỀ")
BODY_WORDS = tuple(patterns.issuers()["body_words"])
TYPE_WORDS = sorted({w for e in patterns.document_types() for w in e["words"]}, key=len, reverse=True)
TYPE_WORD_START = re.compile(r"(?i)(?:" + "|".join(map(re.escape, TYPE_WORDS)) + r")\b")
TYPE_WORD_IN_NAME = re.compile(r"\s(?:" + "|".join(re.escape(w.capitalize()) for w in TYPE_WORDS) + r")\b")
ISSUER_AND_STOP = re.compile(r"\svà\s+(?:các\s|\d|(?i:" + "|".join(map(re.escape, TYPE_WORDS)) + r")\b)")
# "của Bộ trưởng Bộ Tài chính tại Tờ trình số 844/TTr-BTC": an issuer named before the number
ISSUER_BEFORE = re.compile(r"(?:của|được)\s+(?P<issuer>[^\n();:.,“”]{2,80}?)\s+"
                           r"(?:thông qua\s+|ban hành\s+)?tại\s+(?:các\s+)?$")

# a term of office after an issuer: "(khóa XII)", "khoá XIII"
TERM_AFTER = re.compile(r"\s*\(?\s*kh(?:óa|oá)\s+[IVXLC]+\s*\)?")

# "về việc ..." after a mention: the cited document's subject, up to the clause's end
TITLE_AFTER = re.compile(r"\s*,?\s*(?:về việc|về)\s+(?P<title>[^\n;]{3,400}?)"
                         r"(?=\s*(?:[;\n]|\.\s|\.$|\(sau đây|$))")

# Đề án “Xây dựng xã hội học tập giai đoạn 2021-2030”: a programme named by its title
PROGRAMME_RE = re.compile(r"\b(?P<type>Đề án|Chương trình|Kế hoạch|Chiến lược)\s*"
                          r"[“\"](?P<title>[^”\"\n]{3,300}?)[”\"]")

# Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025; Luật ... số 72/2025/QH15
LAW_DATED_RE = re.compile(
    r"\b(?P<type>Bộ luật|Luật|Pháp lệnh)\s+(?P<title>(?:[A-ZĐ]|sửa đổi)(?:[^;\n():]|\n(?!\n)){1,120}?)"
    r"(?:\s+số\s+(?P<number>" + NUMBER_PATTERN + r"))?"
    r"\s*,?\s*(?:ngày\s+" + DATE + r"|năm\s+(?P<year>(?:19|20)\d\d)\b)")
LAW_NUMBERED_RE = re.compile(
    r"\b(?P<type>Bộ luật|Luật|Pháp lệnh)\s+(?P<title>(?:[A-ZĐ]|sửa đổi)(?:[^;\n():]|\n(?!\n)){1,120}?)"
    r"\s+số\s+(?P<number>" + NUMBER_PATTERN + r")")
LAW_SHORT_RE = re.compile(
    r"\b(?P<type>Bộ luật|Luật|Pháp lệnh)\s+(?P<title>[A-ZĐ][^\W\d]*(?:\s+[^\W\d]+){0,8}?)"
    r"(?=\s*(?:[,;.:()\n“”]|$)|\s+(?:và|của|đã|được|về|có|này|để|theo|quy định|hiện hành|"
    r"trong|tại|năm|ngày|số|thì|với|cho|sửa đổi)\b)")
NOT_LAW_TITLES = {"này", "có", "liên quan"}
NON_LAW_TYPE_WORDS = [w for e in patterns.document_types() if not e.get("named_by_title")
                      for w in e["words"] if w not in ("quy định", "hướng dẫn", "báo cáo", "văn bản")]
NON_LAW_TYPE_WORD = re.compile(r"(?i)\b(?:" + "|".join(map(re.escape, NON_LAW_TYPE_WORDS)) + r")\b")

NORMATIVE_TYPES = {"NĐ", "TT", "TTLT", "L", "PL", "QyĐ", "QC", "NQLT"}
SENTENCE_END = re.compile(r"\n|\.\s+(?=[A-ZĐÀ-Ỹ])")
CLAUSE_END = re.compile(r"[;:]")
# what may stand between two mentions that share one verb: punctuation, "và", and the
# first mention's own subject ("về đào tạo, bồi dưỡng ... và") or place ("trên địa bàn tỉnh;")
COORDINATION = re.compile(r"^[\s,;()]*(?:(?:về|trên địa bàn)\s[^;:\n]{0,160}?)?[\s,;()]*"
                          r"(?:(?:và|hoặc|cùng|cũng như)\s*)?[\s,;()]*$")
MODAL_BEFORE = re.compile(r"(?i)(?:" + "|".join(patterns.relation_cues()["modal_before"]) + r")\s+(?:\S+\s+){0,2}$")
# a sentence that asks for something ("Đề nghị ...", "(2) Xem xét, sửa đổi ...")
REQUEST_CLAUSE = re.compile(r"\W*(?:\(?\d+\)\s*)?(?:" + "|".join(
    p.capitalize() for p in patterns.relation_cues()["modal_before"]) + r")\b")
PASSIVE_BEFORE = re.compile(r"(?:" + "|".join(patterns.relation_cues()["passive_before"]) + r")\s+$")
PASSIVE_AFTER = re.compile(r"^\s*(?:" + "|".join(patterns.relation_cues()["passive_after"]) + r")\s")


def _attached(gap: str) -> bool:
    """Text between a mention and a verb that keeps the verb in the mention's description:
    nothing, "về việc", a few words ("phê duyệt Kế hoạch"), or the rest of a long issuer
    name up to "về" and a few words after it; never a clause break."""
    if re.search(r"[;:\n]", gap):
        return False
    if len(re.findall(r"[^\W_]+", gap)) <= 4:
        return True
    about = list(re.finditer(r"\bvề\b", gap))
    return bool(about) and len(re.findall(r"[^\W_]+", gap[about[-1].end():])) <= 6



@dataclass
class Mention:
    start: int
    end: int                 # end of the mention with its date, issuer and term
    number_span: Span | None
    ref: str
    type: str | None
    number: DocumentNumber | None
    issuer: str | None
    date: str | None
    title: str | None
    kind: str                # numbered, programme, law
    subject: str | None = None
    predicate: str | None = None
    cue: tuple[int, int, str] | None = None


def extract(source: SourceText) -> Extraction:
    text = source.text
    identity = extract_identity(text)
    if identity.number is None and identity.title is None:  # a page about a document, not the document
        heading = page_heading(source)
        if heading:
            identity.page_title, identity.spans["page_title"] = heading
            _identity_from_page_heading(identity, text)
    nlp = pipeline()
    if len(text) > nlp.max_length:
        # spaCy's own limit guards the memory of parsers this pipeline does not run; the
        # reader's (ingest.limits, which defaults to it) decides what is too long
        nlp.max_length = len(text)
    doc = nlp(text)
    outline = segment(text, emphasised_lines(source))
    mentions = find_mentions(doc, identity)
    parts = document_parts(text, identity.spans, outline)
    relations = relate(doc, mentions, normative=is_normative(identity), parts=parts)
    references = merge_references(mentions)
    extraction = Extraction(
        source={"path": source.path, "sha256": source.sha256, "chars": len(text)},
        document=identity,
        references=references,
        relations=relations,
    )
    resolve(extraction, text)
    extraction.targets, extraction.objectives = extract_targets(outline)
    tables = markdown_tables(source)
    extraction.targets += extract_table_targets(tables, lambda table: caption(source, table))
    for target in extraction.targets:
        target.indicator = indicator_of(target.text)
    extraction.tasks = extract_tasks(outline)
    _tie_to_tasks(extraction.relations, extraction.tasks)
    level = "district" if identity.district else "province" if identity.province else None
    extraction.organisations = extract_organisations(outline, level)
    extraction.deadlines = extract_deadlines(outline) + extract_table_deadlines(tables)
    extraction.organisations += table_assignments(tables, level, extraction.organisations)
    extraction.funding = extract_funding(outline)
    return extraction


# a web page's own heading that names the document: "Chỉ thị số 45-CT/TW về đại hội ..."
PAGE_HEADING_IDENTITY = re.compile(r"(?P<type>" + "|".join(w.capitalize() for w in TYPE_WORDS) + r")\s+(?:số\s+)?"
                                   r"(?P<number>" + NUMBER_PATTERN + r")\s*(?:,\s*)?(?P<title>(?:về|V/v)\s.+)?$")


def _identity_from_page_heading(identity: Identity, text: str) -> None:
    """A copy of a document without its header block, under a page heading that names it by
    type and number, takes its type, number and title from that heading."""
    start, end = identity.spans["page_title"]
    match = PAGE_HEADING_IDENTITY.fullmatch(text, start, end)
    if not match:
        return
    try:
        number = DocumentNumber.parse(match.group("number"))
    except ValueError:
        return
    entry = next((e for e in patterns.document_types() if match.group("type").lower() in e["words"]), None)
    if entry is None or (number.type_code and _type_entry(number.type_code) not in (entry, None)
                         and number.type_code != entry["code"]):
        return
    identity.type, identity.type_label = entry["code"], entry["vi"]
    identity.number, identity.issuer_code = str(number), number.issuer_code
    identity.spans["type"] = match.span("type")
    identity.spans["number"] = match.span("number")
    if match.group("title"):
        title = match.group("title")
        identity.title = title[0].upper() + title[1:]
        identity.spans["title"] = match.span("title")


def _tie_to_tasks(relations: list[Relation], tasks: list) -> None:
    """A body verb inside a task ("triển khai thực hiện Nghị quyết 57" under "2. Nhiệm vụ ...")
    is the task's relation: the innermost task whose text holds it."""
    for relation in relations:
        if relation.stated is None:
            continue
        at = relation.span[0]
        inside = [i for i, task in enumerate(tasks) if task.span[0] <= at < task.span[1]]
        if inside:
            relation.task = max(inside, key=lambda i: tasks[i].level)


# --- identity ------------------------------------------------------------------------------

def _types_by_heading() -> dict[str, dict]:
    by_heading = {}
    for entry in patterns.document_types():
        by_heading[entry["vi"].upper()] = entry
    return by_heading


def _type_entry(code: str | None) -> dict | None:
    for entry in patterns.document_types():
        if entry["code"] == code:
            return entry
    return None


HEADER_NUMBER = re.compile(r"(?m)^\s*Số\s*:?\s*(?P<number>\S*?/\S+?)\s*$|Số\s*:\s*(?P<inline>[^\s|]+)")
META_FIELD = re.compile(r"(?P<key>Số hiệu|Loại văn bản|Nơi ban hành|Ngày ban hành):\s*\n+\s*(?P<value>[^\n]+)")
DATELINE = re.compile(
    r"(?P<place>(?:[A-ZĐÀ-Ỹ][^\W\d_]*)(?:[ \n](?:[A-ZĐÀ-Ỹ][^\W\d_]*)){0,3}|TP\.?\s*[A-ZĐÀ-Ỹ][^\n,]{1,20})"
    r"\s*,\s*ngày\s+(?P<d>\d{1,2}|\.+|…+)?\s*(?:tháng|/)\s*(?P<m>\d{1,2}|\.+|…+)?\s*(?:năm|/)\s*"
    r"(?P<y>(?:19|20)\d\d)")
ISSUES_SENTENCE = re.compile(
    r"(?P<issuer>(?:Chủ tịch\s+)?(?:Phòng|Sở|Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Ban [Cc]hỉ đạo|Ban Thường vụ|"
    r"Hội đồng nhân dân|Thành ủy|Tỉnh ủy|Huyện ủy|Đảng ủy|Bộ|Ban)\b(?:[^.;:\n]|\n(?!\n)){0,100}?)"
    r"(?:\s*\([^)]{1,60}\))?\s+(?:(?:xây dựng|ban hành|triển khai)\s+(?:Kế hoạch|Chỉ thị|Hướng dẫn|"
    r"Quyết định|Nghị quyết|Quy chế|Chương trình)(?!\s*(?:số\s*)?\d)|có ý kiến chỉ đạo như sau)")


def extract_identity(text: str) -> Identity:
    identity = Identity()
    headings = _types_by_heading()
    head_zone = text[:6000]

    # the type heading: a line that is a type name in capitals ("KẾ HOẠCH")
    heading_match = None
    for match in re.finditer(r"(?m)^[ \t]*(?P<h>[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]{2,30}?)[ \t]*$", head_zone):
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
            blank = re.match(r"^/(?P<codes>[A-ZĐ][\w&-]*)$", raw)
            if blank:  # "Số: /KH-GDĐT": a draft without its number
                codes = blank.group("codes").split("-")
                identity.issuer_code = "-".join(codes[1:]) if len(codes) > 1 else codes[0]
                if not identity.type:
                    entry = _type_entry(codes[0].replace("D", "Đ") if codes[0] == "QD" else codes[0])
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
        party = re.search(r"(?m)^\s*Số\s+(?P<n>\d+-[A-ZĐ]\w*/\w+)", text[:zone_end])
        if party:
            number = DocumentNumber.parse(party.group("n"))
            identity.spans["number"] = (party.start("n"), party.end("n"))
    if number is not None:
        identity.number = str(number)
        identity.issuer_code = number.issuer_code
        if not identity.type and number.type_code:
            entry = _type_entry(number.type_code)
            identity.type, identity.type_label = entry["code"], entry["vi"]
    if not identity.type and "Loại văn bản" in meta:
        for entry in patterns.document_types():
            if entry["vi"].lower() == meta["Loại văn bản"].group("value").strip().lower():
                identity.type, identity.type_label = entry["code"], entry["vi"]

    dateline = None
    for candidate in DATELINE.finditer(head_zone):
        if candidate.start() < 4000 and _capitalised(candidate.group("place").split()[-1]):
            dateline = candidate
            break
    if dateline:
        words = list(re.finditer(r"\S+", dateline.group("place")))
        keep = len(words)
        while keep and _capitalised(words[keep - 1].group()):  # keep falls to 0 at most
            keep -= 1
        if keep < len(words):
            place_start = dateline.start("place") + words[keep].start()
            identity.place = re.sub(r"\s+", " ", text[place_start:dateline.end("place")]).strip()
            identity.spans["place"] = (place_start, dateline.end("place"))
        identity.date, identity.year = _partial_date(dateline.group("d"), dateline.group("m"),
                                                     dateline.group("y"))
        identity.spans["date"] = (dateline.start("place"), dateline.end())
    elif "Ngày ban hành" in meta:
        value = meta["Ngày ban hành"]
        date = DATE_RE.search(value.group("value"))
        if date:
            identity.date, identity.year = _iso(date)
            identity.spans["date"] = (value.start("value") + date.start(), value.start("value") + date.end())

    has_header = heading_match is not None or "number" in identity.spans or identity.issuer_code
    identity.issuer, issuer_span = _header_issuer(text, zone_end, meta) if has_header else (None, None)
    if identity.issuer is None:
        sentence = ISSUES_SENTENCE.search(text[:8000])
        if sentence:
            issuer = re.sub(r"\s*\([^)]*\)|\s+(?:đã|sẽ|vừa|đang)$", "", sentence.group("issuer"))
            identity.issuer = re.sub(r"\s+", " ", issuer).strip()
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


def _partial_date(d: str | None, m: str | None, y: str) -> tuple[str, int]:
    year = int(y)
    if m and m.isdigit():
        if d and d.isdigit():
            return f"{year:04d}-{int(m):02d}-{int(d):02d}", year
        return f"{year:04d}-{int(m):02d}", year
    return f"{year:04d}", year


def _iso(match: re.Match) -> tuple[str, int]:
    d = match.group("d") or match.group("d2")
    m = match.group("m") or match.group("m2")
    y = match.group("y") or match.group("y2")
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}", int(y)


def _header_issuer(text: str, zone_end: int, meta: dict) -> tuple[str | None, Span | None]:
    """The issuing body from the header block: the capitalised lines above "Số:"."""
    settings = patterns.issuers()
    skip = settings["header_skip"]
    body_words = sorted(settings["body_words"], key=len, reverse=True)
    number_line = re.search(r"(?m)^\s*Số\s*(?::|\d)", text[:zone_end])
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
        letters = [c for c in stripped if c.isalpha()]
        if not letters or not all(c.isupper() for c in letters):
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


AREA_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")


def sentence_case(name: str) -> str:
    """ "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK" -> "Ủy ban nhân dân tỉnh Đắk Lắk".

    Known body names take their usual spelling; an area word lower-cases and the place
    name after it is title-cased; other words keep an initial capital only first.
    """
    letters = [c for c in name if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
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


STOP_TITLE = re.compile(r"^(?:Căn cứ|Thực hiện|Kính gửi|Để |Theo |Tại |Ngày \d|Trong |Nhằm )")


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
            if started:
                break
            continue
        if STOP_TITLE.match(line) or re.match(r"^(?:I|1)[.\-]\s", line):
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
    joined = re.sub(r"\s+", " ", " ".join(line for line, _ in lines)).strip()
    title = _without_enacting_body(joined)
    # the name cut off stood at the end of the last line
    return title, (lines[0][1], lines[-1][1] + len(lines[-1][0]) - (len(joined) - len(title)))


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


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


# --- mentions ------------------------------------------------------------------------------

def find_mentions(doc, identity: Identity) -> list[Mention]:
    text = doc.text
    own = identity.number
    own_span = identity.spans.get("number")
    found: list[Mention] = []

    spans = []
    for match_id, start, end in reference_matcher()(doc):
        span = doc[start:end]
        span.label_ = doc.vocab.strings[match_id]
        spans.append(span)
    for span in filter_spans(spans):
        number_token = span[-1]
        number = DocumentNumber.parse(number_token.text)
        number_span = (number_token.idx, number_token.idx + len(number_token.text))
        if own_span and number_span[0] < own_span[1] and number_span[1] > own_span[0]:
            continue
        # the number's own type code is formal; the words in front count when it has none,
        # or when two types share the code ("QĐ" of Quy định, "TT" of Thông tri)
        words_type = span.label_ if span.label_ != "NUMBER" else None
        type_code = number.type_code
        shared = (_type_entry(words_type) or {}).get("shares_number_code")
        if type_code is None or (shared and shared == type_code):
            type_code = words_type or type_code
        found.append(_numbered_mention(text, span.start_char, number, number_span, type_code))

    for match in PROGRAMME_RE.finditer(text):
        entry = next(e for e in patterns.document_types() if e["vi"] == match.group("type"))
        title = clean_title(match.group("title"))
        found.append(Mention(match.start(), match.end(), None, f"{entry['vi']} {title}",
                             entry["code"], None, None, None, title, "programme"))

    found.extend(_law_mentions(text))

    # one mention per place: a law's mention holds its number's; longest wins
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end and mention.number_span and kept[-1].kind == "law" \
                and kept[-1].number_span == mention.number_span:
            continue
        if kept and mention.start >= kept[-1].start and mention.end <= kept[-1].end \
                and mention.kind == kept[-1].kind:
            continue
        kept.append(mention)
    if own:
        kept = [m for m in kept if m.ref != own]
    _share_names(kept, text)
    return kept


def _share_names(mentions: list[Mention], text: str) -> None:
    """Mentions that name one document in several ways get one ref.

    - a law named by title alone ("Luật Lưu trữ") is the numbered law of that title cited
      elsewhere in the text ("Luật Lưu trữ số 33/2024/QH15");
    - a programme title cut short ("... cộng đồng và đơn vị") is the longer title it begins;
    - a bare number in a list after a typed one ("văn bản số 8004/..., 8008/...") has its type.
    """
    numbered_laws = {_title_key(m.title): m for m in mentions if m.kind == "law" and m.number}
    programmes = [(m, _title_key(m.title)) for m in mentions if m.kind == "programme"]  # in text order
    for i, mention in enumerate(mentions):
        if mention.kind == "law" and not mention.number:
            law = numbered_laws.get(_title_key(mention.title))
            if law:
                mention.ref, mention.number, mention.number_span = law.ref, law.number, mention.number_span
        elif mention.kind == "programme":
            key = _title_key(mention.title)
            if len(key.split()) < 6:
                continue
            for other, other_key in programmes:  # the first earlier one of the same title
                if other.start >= mention.start:
                    break
                if other.type == mention.type and (other_key.startswith(key) or key.startswith(other_key)):
                    mention.ref = other.ref
                    break
        elif mention.kind == "numbered" and mention.type is None and i \
                and mentions[i - 1].kind == "numbered" and mentions[i - 1].type \
                and COORDINATION.match(text[mentions[i - 1].end:mention.start]):
            mention.type = mentions[i - 1].type
            mention.issuer = mention.issuer or mentions[i - 1].issuer


def _title_key(title: str | None) -> str:
    words = re.findall(r"\w+", (title or "").casefold())
    return " ".join(w for w in words if w != "và")


def _date_after(text: str, pos: int) -> tuple[str | None, int]:
    """An ISO date stated right at `pos` (", ngày 16/11/2023"), and where it ends."""
    match = DATE_AFTER.match(text, pos)
    return (_iso(match)[0], match.end()) if match else (None, pos)


def _numbered_mention(text: str, start: int, number: DocumentNumber, number_span: Span,
                      type_code: str | None) -> Mention:
    issuer = title = None
    date, end = _date_after(text, number_span[1])
    issuer_match = ISSUER_AFTER.match(text, end)
    if issuer_match:
        issuer, end = _issuer_name(text, issuer_match.end())
    if issuer is None:
        before = ISSUER_BEFORE.search(text, max(0, start - 160), start)
        if before and _names_a_body(before.group("issuer")):  # not "được đề ra tại"
            issuer = re.sub(r"\s+", " ", before.group("issuer")).strip()
    if issuer_match:
        term = TERM_AFTER.match(text, end)
        if term:
            end = term.end()
        if not date:
            date, end = _date_after(text, end)
    title_match = TITLE_AFTER.match(text, end)
    if title_match:
        title = re.sub(r"\s+", " ", title_match.group("title")).strip()
        cut = NUMBER_RE.search(title)
        if cut:  # the subject stops where another document is cited
            title = None
    entry = _type_entry(type_code)
    if entry and entry.get("year_in_number") and number.year is None and date:
        number = number.with_year(int(date[:4]))
    return Mention(start, end, number_span, str(number), type_code, number, issuer, date, title,
                   "numbered")


def _issuer_name(text: str, start: int) -> tuple[str | None, int]:
    """The issuer's name starting at `start`, and where it ends."""
    window = text[start:start + 160]
    stop = ISSUER_END.search(window)
    name = window[:stop.start()] if stop else window
    and_stop = ISSUER_AND_STOP.search(name)
    if and_stop:
        name = name[:and_stop.start()]
    for word in TYPE_WORD_IN_NAME.finditer(name):  # "UBND thành phố Quy định ..."
        if word.start() > 0:
            name = name[:word.start()]
            break
    # a comma goes on only into another body's name ("Bộ Chính trị, Ban Bí thư")
    for comma in re.finditer(r",\s*", name):
        following = name[comma.end():comma.end() + 1]
        if not following or not following.isupper() or TYPE_WORD_START.match(name, comma.end()):
            name = name[:comma.start()]
            break
    name = name.rstrip(" ,")
    if len(name) < 2 or not _names_a_body(name):
        return None, start
    return re.sub(r"\s+", " ", name).strip(), start + len(name)


def _names_a_body(name: str) -> bool:
    """A body's name starts with a capital ("Bộ Chính trị", "UBND") or a body word written
    in lower case ("ủy ban nhân dân tỉnh"); "các cơ quan", "đề ra" name none."""
    lowered = name.strip().lower()
    return name.strip()[:1].isupper() or any(lowered.startswith(w) for w in BODY_WORDS)


def _law_mentions(text: str) -> list[Mention]:
    mentions = []
    taken = SpanSet()
    for regex in (LAW_NUMBERED_RE, LAW_DATED_RE, LAW_SHORT_RE):
        for match in regex.finditer(text):
            if taken.overlaps(match.start(), match.end()):
                continue
            title = clean_title(match.group("title"))
            if title.lower() in NOT_LAW_TITLES or len(title) < 3:
                continue
            if NON_LAW_TYPE_WORD.search(title):
                continue
            trailing_year = re.search(r"\s+(năm\s+)?((?:19|20)\d\d)$", title)
            entry = next(e for e in patterns.document_types() if e["code"] == ("PL" if match.group("type") == "Pháp lệnh" else "L"))
            number = date = None
            number_span = None
            groups = match.groupdict()
            if groups.get("number"):
                number = DocumentNumber.parse(match.group("number"))
                number_span = (match.start("number"), match.end("number"))
            if groups.get("d") or groups.get("d2"):
                date, _ = _iso(match)
            elif groups.get("year"):
                date = match.group("year")
            stated_year = groups.get("year")
            if trailing_year:
                title = title[:trailing_year.start()]
                date = date or trailing_year.group(2)
                stated_year = stated_year or (trailing_year.group(2) if trailing_year.group(1) else None)
            label = "Bộ luật" if match.group("type") == "Bộ luật" else entry["vi"]
            if number:
                mention = _numbered_mention(text, match.start(), number, number_span, entry["code"])
                mention.kind, mention.title = "law", title
                mention.date = mention.date or date
            else:
                # "Luật Cán bộ, công chức năm 2008" is not the 2025 law of that name
                ref = f"{label} {title}" + (f" năm {stated_year}" if stated_year else "")
                mention = Mention(match.start(), match.end(), None, ref, entry["code"],
                                  None, None, date, title, "law")
            mentions.append(mention)
            taken.add(match.start(), match.end())
    return mentions


def clean_title(title: str) -> str:
    title = re.sub(r"\s+", " ", title).strip(" ,;")
    return re.sub(r"((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)", r"\1-\2", title)


# --- relations -----------------------------------------------------------------------------

def is_normative(identity: Identity) -> bool:
    """A legal normative document (decree, circular, law, Party regulation, a resolution
    numbered with its year) states rules: its "thực hiện theo X" means "done as X says", not
    that the document implements X."""
    if identity.type in NORMATIVE_TYPES:
        return True
    return bool(identity.number and re.match(r"^\d+/(?:19|20)\d\d/", identity.number))


def relate(doc, mentions: list[Mention], normative: bool = False,
           parts: DocumentParts | None = None) -> list[Relation]:
    text = doc.text
    settings = patterns.relation_cues()
    max_gap = settings["max_gap"]
    cues = []
    for match_id, start, end in cue_matcher()(doc):
        span = doc[start:end]
        span.label_ = doc.vocab.strings[match_id]
        cues.append(span)
    cues = filter_spans(cues)
    cue_ends = sorted(cues, key=lambda s: s.end_char)
    cue_end_chars = [span.end_char for span in cue_ends]

    relations: list[Relation] = []
    for i, mention in enumerate(mentions):
        sentence_start = _last_boundary(SENTENCE_END, text, mention.start)
        clause_start = max(sentence_start, _last_boundary(CLAUSE_END, text, mention.start))
        previous = mentions[i - 1] if i and mentions[i - 1].end > sentence_start else None
        window_start = clause_start
        if previous and previous.end > window_start:
            window_start = previous.end
        cue = None
        # only the last cue ending at or before the mention is looked at
        before = bisect.bisect_right(cue_end_chars, mention.start)
        for span in cue_ends[before - 1:before] if before else ():
            if span.start_char < window_start:
                break
            between = text[span.end_char:mention.start]
            if between.count("(") > between.count(")"):
                break  # the mention sits in a parenthesis the verb does not govern
            words = re.findall(r"[^\W_]+", between)
            located = bool(words) and words[-1].lower() in settings["located_words"]
            if normative and span.label_ == "implements" and \
                    any(w.lower() in settings["located_words"] for w in words):
                break  # "thì thực hiện theo Thông tư số 69/2021/TT-BTC": a rule, not implementation
            if len(words) <= max_gap or (located and len(words) <= settings["located_gap"]):
                cue = span
            break
        if cue is not None and cue.label_ in ("amends", "repeals", "approves") and \
                (MODAL_BEFORE.search(text, max(0, cue.start_char - 40), cue.start_char)
                 or REQUEST_CLAUSE.match(text, sentence_start, cue.start_char)):
            # "Đề nghị Bộ Nội vụ ... sửa đổi Nghị định ...": an act asked for, not done. (A
            # request to implement, "Đề nghị các đơn vị thực hiện ...", is how directions are
            # worded and stays an implementation.)
            cue = None
        if cue is not None:
            subject = "self"
            attached = previous and previous.end > clause_start and previous.end <= cue.start_char \
                and (_attached(text[previous.end:cue.start_char])
                     or _describes_preamble_item(previous, cue.start_char, text, parts))
            if attached:
                subject = previous.ref
            # "178/2024/NĐ-CP ... (được sửa đổi, bổ sung tại Nghị định số 67/2025/NĐ-CP)": the
            # mention after the verb acts on the one before it
            unbroken = previous is not None and previous.end <= cue.start_char \
                and not re.search(r"[;:\n]", text[previous.end:cue.start_char])
            passive = (unbroken and PASSIVE_BEFORE.search(text, max(0, cue.start_char - 12), cue.start_char)) \
                or (attached and PASSIVE_AFTER.match(text[cue.end_char:mention.start]))
            if passive:  # "178/2024/NĐ-CP (được sửa đổi, bổ sung tại Nghị định số 67/2025/NĐ-CP)"
                relations.append(Relation(mention.ref, cue.label_, previous.ref,
                                          (previous.start, mention.number_span[1] if mention.number_span else mention.end),
                                          cue.text))
                mention.subject, mention.predicate = None, None
                continue
            mention.subject, mention.predicate = subject, cue.label_
            mention.cue = (cue.start_char, cue.end_char, cue.text)
        elif previous and COORDINATION.match(text[previous.end:mention.start]):
            governor = _governor(mentions, i, sentence_start)
            if governor is not None:
                mention.subject, mention.predicate = governor.subject, governor.predicate
                mention.cue = governor.cue
        if mention.predicate and mention.subject != mention.ref:
            start = mention.cue[0] if mention.cue and mention.cue[0] < mention.start else mention.start
            relations.append(Relation(mention.subject, mention.predicate, mention.ref,
                                      (start, mention.number_span[1] if mention.number_span else mention.end),
                                      mention.cue[2] if mention.cue else None))

    return document_relations(relations, mentions, parts)


def document_relations(relations: list[Relation], mentions: list[Mention],
                       parts: DocumentParts | None) -> list[Relation]:
    """One relation from the document itself per cited document, and the others once each.

    A verb outside the title and preamble (and, for the acting verbs, outside an article)
    states what the body works with, not the document's parent: that relation becomes
    `cites`, keeping what the verb stated. Of several, the first in the stated precedence
    wins (``relation_cues.json``); a document no verb governs is cited."""
    settings = patterns.relation_cues()
    rank = {predicate: i for i, predicate in enumerate(settings["precedence"])}
    acting, changing = set(settings["acting"]), set(settings["changing"])
    best: dict[str, Relation] = {}
    others: list[Relation] = []
    seen = set()
    for relation in relations:
        if relation.subject != "self":
            key = (relation.subject, relation.predicate, relation.object)
            if key not in seen:
                seen.add(key)
                others.append(relation)
            continue
        at = relation.span[0]
        if parts is None or parts.in_preamble(at):
            relation.rule = "relation:preamble"
        elif relation.predicate in acting and parts.in_article(at):
            relation.rule = "relation:article"
        elif relation.predicate in changing:
            relation.rule = "relation:body-change"
        else:
            relation.stated, relation.predicate = relation.predicate, "cites"
            relation.rule = "relation:body-mention"
        current = best.get(relation.object)
        if current is None or rank[relation.predicate] < rank[current.predicate]:
            best[relation.object] = relation
    for mention in mentions:
        if mention.ref not in best:
            best[mention.ref] = Relation("self", "cites", mention.ref,
                                         (mention.start, mention.number_span[1] if mention.number_span else mention.end),
                                         rule="relation:mention")
    return list(best.values()) + others


def _describes_preamble_item(previous: Mention, cue_start: int, text: str,
                             parts: DocumentParts | None) -> bool:
    """A preamble item is one noun phrase: "Căn cứ Nghị quyết số 71/NQ-CP ... của Chính phủ
    sửa đổi, bổ sung Chương trình hành động ... thực hiện Nghị quyết số 57-NQ/TW": a verb
    after the item's document, in the same clause, describes that document (71 implements
    57), unless "và" starts a second verb."""
    if parts is None or not parts.in_preamble(cue_start) or previous.subject != "self" or not previous.predicate:
        return False
    gap = text[previous.end:cue_start]
    return not re.search(r"[;:\n]", gap) and not re.search(r"(?:\bvà|\bđồng thời|,)\s*$", gap)


def _governor(mentions: list[Mention], i: int, sentence_start: int) -> Mention | None:
    """The mention whose verb a coordinated mention shares ("Căn cứ A ... và B")."""
    previous = mentions[i - 1]
    if previous.predicate and (mentions[i].kind == "programme" or previous.subject == "self"):
        return previous
    for earlier in (mentions[k] for k in range(i - 1, -1, -1)):
        if earlier.end <= sentence_start:
            break
        if earlier.subject == "self" and earlier.predicate:
            return earlier
    return None


def _last_boundary(regex: re.Pattern, text: str, pos: int) -> int:
    last = 0
    window_start = max(0, pos - 1500)
    for match in regex.finditer(text, window_start, pos):
        last = match.end()
    return last if last else (window_start if window_start else 0)


def merge_references(mentions: list[Mention]) -> list[Reference]:
    """One reference per cited document, attributes merged over its mentions."""
    by_ref: dict[str, Reference] = {}
    for mention in mentions:
        reference = by_ref.get(mention.ref)
        if reference is None:
            entry = _type_entry(mention.type)
            by_ref[mention.ref] = Reference(
                ref=mention.ref, type=mention.type, number=str(mention.number) if mention.number else None,
                issuer=mention.issuer, date=mention.date, title=mention.title,
                span=(mention.start, mention.end), number_span=mention.number_span,
                type_label=entry["vi"] if entry else None)
            by_ref[mention.ref].mentions = [(mention.start, mention.end)]
            continue
        reference.mentions.append((mention.start, mention.end))
        reference.issuer = reference.issuer or mention.issuer
        reference.date = reference.date or mention.date
        reference.title = reference.title or mention.title
        if reference.type is None and mention.type:
            reference.type = mention.type
    return list(by_ref.values())

