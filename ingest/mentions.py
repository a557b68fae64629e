"""Where a text cites a document: by its number ("Kế hoạch số 52/KH-UBND ngày 12/4/2024 của
UBND Thành phố"), a programme by its quoted title, a law by its name; each mention with its
span, date, issuer and title, and the references merged from them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest import patterns
from ingest.dates import DATE, DATE_AFTER, iso_date
from ingest.document_types import TYPE_WORDS, type_entry
from ingest.nlp import TextTokens, reference_spans
from ingest.number import NUMBER_PATTERN, NUMBER_RE, DocumentNumber
from ingest.records import Identity, Reference, Span
from ingest.span_set import SpanSet


# small patterns of the rules below, compiled once
WHITE_SPACE = re.compile(r"\s+")
WORD = re.compile(r"\w+")
COMMA = re.compile(r",\s*")
TRAILING_YEAR = re.compile(r"\s+(năm\s+)?((?:19|20)\d\d)$")
YEAR_RANGE = re.compile(r"((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)")


# right after a number or its date: "của UBND Thành phố ..."; the name itself is cut by
# ISSUER_END and the comma and "và" rules of _issuer_name
ISSUER_AFTER = re.compile(r"\s*,?\s*của\s+")


ISSUER_END = re.compile(
    r"[\n();:.“”\"]|\s(?:" + "|".join(map(re.escape, patterns.issuers()["issuer_end_words"]))
    + r")(?=[\s,;.]|$)|\sTẢI VỀ")


BODY_WORDS = tuple(patterns.issuers()["body_words"])


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
PROGRAMME_TYPES = ("Đề án", "Chương trình", "Kế hoạch", "Chiến lược")
PROGRAMME_RE = re.compile(r"\b(?P<type>Đề án|Chương trình|Kế hoạch|Chiến lược)\s*"
                          r"[“\"](?P<title>[^”\"\n]{3,300}?)[”\"]")


# “Chương trình Chuyển đổi số quốc gia đến năm 2025”: the type word inside the quotes
QUOTES = ("“", '"')
PROGRAMME_QUOTED_RE = re.compile(r"[“\"](?P<type>Đề án|Chương trình|Chiến lược)\s+(?P<title>[^”\"\n]{3,300}?)[”\"]")


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


# the known names of laws (ingest/patterns/laws.json), longest first: a name ends where it ends
_LAW_NAMES = {name.casefold(): name for name in patterns.load("laws")["laws"]}
LAW_NAME = "|".join(re.escape(name) for name in sorted(_LAW_NAMES.values(), key=len, reverse=True))

# a law by its known name
LAW_KNOWN_RE = re.compile(
    r"\b(?P<type>Luật|LUẬT)\s+(?P<title>(?i:" + LAW_NAME + r"))"
    r"(?![^\W\d_])(?:\s+(?:năm\s+(?P<year>(?:19|20)\d\d)|(?P<bare_year>(?:19|20)\d\d))(?!\d))?"
    r"(?:\s+số\s+(?P<number>" + NUMBER_PATTERN + r"))?"
    r"(?:\s*,?\s*ngày\s+" + DATE + r")?")


# "Luật sửa đổi, bổ sung một số điều của Luật Chứng khoán, Luật Kế toán và Luật Quản lý thuế":
# an amending law, named by the laws it amends
_KNOWN_LAW = r"(?:Luật|LUẬT)\s+(?i:" + LAW_NAME + r")(?![^\W\d_])"


LAW_AMENDING_RE = re.compile(
    r"\b(?P<type>Luật|LUẬT)\s+(?P<title>(?i:sửa đổi,?\s+bổ sung\s+(?:một số điều của\s+)?(?:các\s+)?)"
    + _KNOWN_LAW + r"(?:(?:\s*,\s*|\s+và\s+)" + _KNOWN_LAW + r"){0,20})"
    r"(?:\s+(?:năm\s+(?P<year>(?:19|20)\d\d)|(?P<bare_year>(?:19|20)\d\d))(?!\d))?"
    r"(?:\s+số\s+(?P<number>" + NUMBER_PATTERN + r"))?"
    r"(?:\s*,?\s*ngày\s+" + DATE + r")?")


NOT_LAW_TITLES = {"này", "có", "liên quan"}


NON_LAW_TYPE_WORDS = [w for e in patterns.document_types() if not e.get("named_by_title")
                      for w in e["words"] if w not in ("quy định", "hướng dẫn", "báo cáo", "văn bản")]


NON_LAW_TYPE_WORD = re.compile(r"(?i)\b(?:" + "|".join(map(re.escape, NON_LAW_TYPE_WORDS)) + r")\b")


# what may stand between two mentions that share one verb: punctuation, "và", and the
# first mention's own subject ("về đào tạo, bồi dưỡng ... và", "quy định chức năng ...;") or place
# ("trên địa bàn tỉnh;"): relation_cues.json subject_openers
SUBJECT_OPENER = "(?:" + "|".join(map(re.escape, patterns.relation_cues()["subject_openers"])) + ")"
COORDINATION = re.compile(r"^[\s,;()]*(?:" + SUBJECT_OPENER + r"\s[^;:\n]{0,160}?)?[\s,;()]*"
                          r"(?:(?:và|hoặc|cùng|cũng như)\s*)?[\s,;()]*$")


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
    within: str | None = None  # the amending law whose name holds this one
    passive: tuple[str, str, str] | None = None  # (predicate, object, verb) it states, passive


def find_mentions(text: str, identity: Identity, tokens: TextTokens | None = None) -> list[Mention]:
    own = identity.number
    own_span = identity.spans.get("number")
    found: list[Mention] = []

    for label, start, number_start, number_end in reference_spans(text, tokens):
        number = DocumentNumber.parse(text[number_start:number_end])
        number_span = (number_start, number_end)
        if own_span and number_span[0] < own_span[1] and number_span[1] > own_span[0]:
            continue
        # the number's own type code is formal; the words in front count when it has none,
        # or when two types share the code ("QĐ" of Quy định, "TT" of Thông tri)
        words_type = label if label != "NUMBER" else None
        type_code = number.type_code
        shared = (type_entry(words_type) or {}).get("shares_number_code")
        if type_code is None or (shared and shared == type_code):
            type_code = words_type or type_code
        found.append(_numbered_mention(text, start, number, number_span, type_code))

    # each programme pattern tried only where its first words stand (found by str.find)
    for regex, opening in ((PROGRAMME_RE, PROGRAMME_TYPES), (PROGRAMME_QUOTED_RE, QUOTES)):
        for match in matches_at(regex, text, literal_starts(text, opening)):
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
                and mention.kind == kept[-1].kind and mention.within is None:
            continue
        kept.append(mention)
    if own:
        kept = [m for m in kept if m.ref != own]
    _share_names(kept, text)
    # "Luật Phòng thủ dân sự" and later "Luật phòng thủ dân sự": one law, named as first written
    first_written: dict[str, str] = {}
    for mention in kept:
        mention.ref = first_written.setdefault(mention.ref.casefold(), mention.ref)
        if mention.within is not None:
            mention.within = first_written.setdefault(mention.within.casefold(), mention.within)
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
    words = WORD.findall((title or "").casefold())
    return " ".join(w for w in words if w != "và")


def _date_after(text: str, pos: int) -> tuple[str | None, int]:
    """An ISO date stated right at `pos` (", ngày 16/11/2023"), and where it ends."""
    match = DATE_AFTER.match(text, pos)
    return (iso_date(match)[0], match.end()) if match else (None, pos)


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
            issuer = WHITE_SPACE.sub(" ", before.group("issuer")).strip()
    if issuer_match:
        term = TERM_AFTER.match(text, end)
        if term:
            end = term.end()
        if not date:
            date, end = _date_after(text, end)
    title_match = TITLE_AFTER.match(text, end)
    if title_match:
        title = WHITE_SPACE.sub(" ", title_match.group("title")).strip()
        cut = NUMBER_RE.search(title)
        if cut:  # the subject stops where another document is cited
            title = None
    entry = type_entry(type_code)
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
    for comma in COMMA.finditer(name):
        following = name[comma.end():comma.end() + 1]
        if not following or not following.isupper() or TYPE_WORD_START.match(name, comma.end()):
            name = name[:comma.start()]
            break
    name = name.rstrip(" ,")
    if len(name) < 2 or not _names_a_body(name):
        return None, start
    return WHITE_SPACE.sub(" ", name).strip(), start + len(name)


def _names_a_body(name: str) -> bool:
    """A body's name starts with a capital ("Bộ Chính trị", "UBND") or a body word written
    in lower case ("ủy ban nhân dân tỉnh"); "các cơ quan", "đề ra" name none."""
    lowered = name.strip().lower()
    return name.strip()[:1].isupper() or any(lowered.startswith(w) for w in BODY_WORDS)


def _law_mentions(text: str) -> list[Mention]:
    mentions = []
    taken = SpanSet()
    starts = literal_starts(text, LAW_TYPE_WORDS)
    for regex in (LAW_AMENDING_RE, LAW_KNOWN_RE, LAW_NUMBERED_RE, LAW_DATED_RE, LAW_SHORT_RE):
        for match in matches_at(regex, text, starts):
            if taken.overlaps(match.start(), match.end()):
                continue
            amended = _amended_laws(match, text) if regex is LAW_AMENDING_RE else []
            title = _written_law_title(clean_title(match.group("title")))
            if title.lower() in NOT_LAW_TITLES or len(title) < 3:
                continue
            if NON_LAW_TYPE_WORD.search(title):
                continue
            trailing_year = TRAILING_YEAR.search(title)
            entry = next(e for e in patterns.document_types() if e["code"] == ("PL" if match.group("type") == "Pháp lệnh" else "L"))
            number = date = None
            number_span = None
            groups = match.groupdict()
            if groups.get("number"):
                number = DocumentNumber.parse(match.group("number"))
                number_span = (match.start("number"), match.end("number"))
            if groups.get("d") or groups.get("d2"):
                date, _ = iso_date(match)
            elif groups.get("year") or groups.get("bare_year"):
                date = groups.get("year") or groups.get("bare_year")
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
            for law in amended:
                law.within = mention.ref
            mentions += amended
            taken.add(match.start(), match.end())
    return mentions


# every law pattern opens with one of these words: where one of them stands is where a match
# may start (none hides another: "Bộ luật" holds "luật", not "Luật")
LAW_TYPE_WORDS = ("Bộ luật", "Luật", "LUẬT", "Pháp lệnh")
LAW_TYPE_WORD = re.compile("|".join(LAW_TYPE_WORDS))


def literal_starts(text: str, literals: tuple[str, ...]) -> list[int]:
    """Where each of `literals` stands in the text, in order: str.find jumps from one to the
    next, where a pattern opening with one of several letters is tried at every character."""
    starts = []
    for literal in literals:
        at = text.find(literal)
        while at >= 0:  # at grows by the literal's length each turn
            starts.append(at)
            at = text.find(literal, at + len(literal))
    starts.sort()
    return starts


def matches_at(regex: re.Pattern, text: str, starts: list[int]):
    """regex.finditer(text), trying only the given start positions (those where any match of
    it must start): the same matches, without the pattern tried at every character."""
    pos = 0
    for start in starts:
        if start < pos:
            continue
        match = regex.match(text, start)
        if match:
            yield match
            pos = max(match.end(), start + 1)


_LAW_NAME_IN_CAPITALS = re.compile(r"(?i)\bluật\s+(" + LAW_NAME + r")(?![^\W\d_])")


def _written_law_title(title: str) -> str:
    """A law's title as running text writes it: a title in capitals ("TIÊU CHUẨN VÀ QUY CHUẨN
    KỸ THUẬT", "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT ĐẤT ĐAI") takes the known names' case."""
    if not title.isupper():
        return title
    lowered = title.lower()
    if lowered in _LAW_NAMES:
        return _LAW_NAMES[lowered]
    return _LAW_NAME_IN_CAPITALS.sub(lambda m: "Luật " + _LAW_NAMES[m.group(1).casefold()], lowered)


def _amended_laws(amending: re.Match, text: str) -> list[Mention]:
    """The laws an amending law names, each a mention of its own, amended by it."""
    inner = []
    for match in LAW_KNOWN_RE.finditer(text, amending.start("title"), amending.end("title")):
        title = _written_law_title(clean_title(match.group("title")))
        inner.append(Mention(match.start(), match.end(), None, f"Luật {title}", "L", None, None, None, title, "law"))
    return inner


def clean_title(title: str) -> str:
    title = WHITE_SPACE.sub(" ", title).strip(" ,;")
    return YEAR_RANGE.sub(r"\1-\2", title)


def merge_references(mentions: list[Mention]) -> list[Reference]:
    """One reference per cited document, attributes merged over its mentions."""
    by_ref: dict[str, Reference] = {}
    for mention in mentions:
        reference = by_ref.get(mention.ref)
        if reference is None:
            entry = type_entry(mention.type)
            by_ref[mention.ref] = Reference(
                ref=mention.ref, type=mention.type, number=str(mention.number) if mention.number else None,
                issuer=mention.issuer, date=mention.date, title=mention.title,
                span=(mention.start, mention.end), number_span=mention.number_span,
                type_label=entry["vi"] if entry else None, mentions=[(mention.start, mention.end)])
            continue
        reference.mentions.append((mention.start, mention.end))
        reference.issuer = reference.issuer or mention.issuer
        reference.date = reference.date or mention.date
        reference.title = reference.title or mention.title
        if reference.type is None and mention.type:
            reference.type = mention.type
    return list(by_ref.values())
