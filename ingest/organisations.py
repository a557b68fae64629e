"""Who is given what: lead (chủ trì), coordinate (phối hợp), implement, report to, and the
recipients (Nơi nhận). One record per (body, role); bodies named in different ways are one
(``organisation_key``: "Phòng GD&ĐT", "Phòng Giáo dục và Đào tạo Quận" and "phòng Giáo dục
và Đào tạo" have one key)."""

from __future__ import annotations

import itertools
import re
import threading
from functools import cache, lru_cache

from ingest import patterns
from ingest.keys import collective_regex as _collective_regex, organisation_key, issuer_key
from ingest.openings import word_alternatives, words
from ingest.prefix_scan import anchored, at_line_starts, word_anchors
from ingest.records import Assignment
from ingest.segment import Outline
from ingest.tables import table_header, task_columns, task_rows


RESPONSIBLE_ROLES = ("lead", "coordinate", "implement")


SPACES = re.compile(r"\s+")
SLASH = re.compile(r"[ \t]*/[ \t]*")
OPENING_PARENTHESIS = re.compile(r"[ \t]*\(")
NON_SPACE = re.compile(r"\S")  # what str.strip() keeps
PLURAL_WORD = re.compile(r"[Cc]ác\s+")
PLURAL_HEAD = re.compile(r"([Cc]ác\s+(?:\w+ )?\w+)\s*:?\s*(?=[A-ZĐÀ-Ỹ])")  # "Các Sở: Tài chính, ..."
LIST_SEPARATOR = re.compile(r"\s?(?:,|;|và|,\s*và)\s+")
NAME_TOKEN = re.compile(r"[^\s,;:.()“”\"*]+|[,;:.()“”\"*]")  # a word, or one mark
NAME_CHARACTER = re.compile(r"[\w&\-–/]")
LIST_MARK_LETTER = re.compile(r"[a-zđ]")
# the words of the rules below, each pattern opening with a literal letter (ingest/openings.py)
LEAD_WORDS = re.compile(words(["chủ trì", "làm đầu mối", "chịu trách nhiệm chính"], whole=False) + r"(?!\w)")
AGENT_WORD = re.compile(words(["do"], any_case=False) + r"[ \t]+(?=[A-ZĐÀ-Ỹ])")  # "số liệu do Sở X tổng hợp"
COORDINATE_WORD = re.compile(words(["Phối hợp", "phối hợp"], any_case=False) + r"(?!\w)")
PARTNERS_AFTER = re.compile(r"[Pp]hối hợp(?: chặt chẽ)?(?: với| cùng(?: với)?)?\s+")  # "phối hợp (chặt chẽ) với"
COORDINATE_ANCHORS = (("hối hợp", 1),)  # (anchored: the words of the two past their first letter)
REPORT_TO = re.compile(r"[Bb]áo cáo[^.;\n]{0,120}?\s(?:về|cho|lên|gửi về|gửi)\s+(?=\S)")  # "báo cáo ... về <body>"
REPORT_ANCHORS = (("áo cáo", 1),)
CLAUSE_AFTER_COLON = re.compile(r"[:;][ \t]+(?=[A-ZĐÀ-Ỹ])")
REPORT_BEFORE_NAME = re.compile(words(["báo cáo"], any_case=False) + r"[ \t]+(?=[A-ZĐÀ-Ỹ])")


def _settings() -> dict:
    return patterns.load("organisations")


@cache
def _head_regex() -> re.Pattern:
    """A head word as listed, or written in lower case when a capitalised name follows it
    ("về phòng Giáo dục và Đào tạo"; not "phòng chống", "cơ sở")."""
    heads = sorted(_settings()["heads"], key=len, reverse=True)
    def spelt(head: str) -> str:  # "ủy" and the older "uỷ" are one spelling
        return re.escape(head).replace("ủy", "(?:ủy|uỷ)").replace("Ủy", "(?:Ủy|Uỷ)")

    def either_case(head: str) -> str:  # head-inner-case: "Mặt trận Tổ Quốc", "Mặt trận tổ quốc"
        first, *rest = head.split(" ")
        def either(word: str) -> str:
            swapped = (word[:1].lower() if word[:1].isupper() else word[:1].upper()) + word[1:]
            return f"(?:{spelt(word)}|{spelt(swapped)})" if swapped != word else spelt(word)
        return " ".join([spelt(first)] + [either(w) for w in rest])
    listed = "|".join(either_case(h) for h in heads)
    lowered = "|".join(spelt(h.lower()) for h in heads if h.lower() != h)
    shared = _settings()["shared_offices"]  # "Văn phòng HĐND và UBND": one office of two bodies
    served = "|".join(spelt(b) for b in sorted(shared["served"], key=len, reverse=True))
    office = "(?:" + "|".join(spelt(o) for o in shared["offices"]) + rf")[ \t]+(?:{served})[ \t]+và[ \t]+(?:{served})"
    return re.compile(r"(?<!\w)(?:" + office + r"(?!\w)|(?:" + listed + r")(?!\w)|(?:" + lowered + r")(?=\s+[A-ZĐÀ-Ỹ]))")


@cache
def _stop_word_regex() -> re.Pattern:
    """A word that ends a body's name (a verb, "trên địa bàn"), as a whole word."""
    compounds = _settings()["stop_word_compounds"]["words"]  # "chương trình" is no verb "trình"

    def spelt(word: str) -> str:  # the stop word, not after the words a compound has before it
        befores = {c[:-len(word) - 1] for c in compounds if c.endswith(" " + word)}
        return "".join(f"(?<!{re.escape(f)} )" for b in sorted(befores) for f in (b, b.capitalize())) + re.escape(word)
    return re.compile("(?:" + "|".join(spelt(w) for w in _settings()["stop_words"]) + r")(?!\w)")


@cache
def _compound_regex() -> re.Pattern:
    """A noun of several lower-case words written like a stop word at its end (stop_word_compounds:
    "công nghệ thông tin"): one word of a name, as a whole word."""
    return re.compile(r"(?:" + _alternation(_settings()["stop_word_compounds"]["words"]
                                            + _settings()["place_compounds"]["words"]) + r")(?!\w)")


@cache
def _place_compound_regex() -> re.Pattern:
    """place-compound: a kind of zone a body's name holds in lower case ("khu công nghệ cao", "khu
    công nghiệp"; place_compounds), as a whole word."""
    return re.compile(r"(?:" + _alternation(_settings()["place_compounds"]["words"]) + r")(?!\w)")


@cache
def _words(key: str) -> frozenset[str]:
    return frozenset(_settings()[key])


@cache
def _start_regex() -> re.Pattern:
    """Where a body's name may start: an envoy, a Party body, a head word, a collective, or a
    category."""
    return re.compile(_envoy_regex().pattern + "|" + _party_regex().pattern + "|" + _head_regex().pattern + "|"
                      + _collective_regex().pattern + "|" + _category_regex().pattern + "|" + _unit_of_regex().pattern)


@cache
def _unit_of_regex() -> re.Pattern:
    """unit-of-named-body: a unit word in lower case, then "của" and a capitalised body ("các ban
    của Hội đồng nhân dân", "các phòng của Sở Y tế"; units_of_bodies), or a unit written right
    before its owner ("các cơ quan chuyên môn Bộ Công an"; before_owner)."""
    units = _alternation(_settings()["units_of_bodies"]["words"])
    direct = _alternation(_settings()["units_of_bodies"]["before_owner"])  # "cơ quan chuyên môn Bộ Công an"
    return re.compile(rf"(?<!\w)(?:(?:{units})[ \t]+của|(?:{direct}))[ \t]+(?=[A-ZĐÀ-Ỹ])")


def _unit_of_at(text: str, pos: int) -> tuple[str, int] | None:
    """unit-of-named-body: the unit at `pos` named by the body it belongs to ("ban của Hội đồng
    nhân dân Thành phố") and where its name ends; None when no body's name follows "của"."""
    unit = _unit_of_regex().match(text, pos)
    if not unit or not _head_regex().match(text, unit.end()):
        return None
    owner = name_at(text, unit.end())  # (a head alone names the body here: "của Hội đồng nhân dân")
    if not owner or _has_stop_word(owner[0]):
        return None
    return SPACES.sub(" ", text[pos:owner[1]]), owner[1]


@cache
def _holder_regex() -> re.Pattern:
    """duty-holder: a party a regulation gives duties by its role ("chủ đầu tư", "người đứng đầu cơ
    sở", "chủ sở hữu"; duty_holders), its first letter either case, as a whole word."""
    words = _settings()["duty_holders"]["words"]
    return re.compile(rf"(?<!\w)(?:{_alternation(words + [w[:1].upper() + w[1:] for w in words])})(?!\w)")


def _holder_at(text: str, pos: int) -> tuple[str, int] | None:
    """duty-holder: the party named by its role at `pos` and where its name ends; read only where
    a clause opens with its subjects (bodies_at), never as a body mentioned in passing."""
    holder = _holder_regex().match(text, pos)
    if not holder:
        return None
    line_start = text.rfind("\n", 0, pos) + 1
    if re.fullmatch(r"[ \t]*\(?(?:\d{1,2}|[a-zđ])[.)][ \t]*(?:[Cc]ác[ \t]+)?", text[line_start:pos]):
        # a numbered heading that is the party with its qualifier ("5. Các chủ đầu tư xây dựng và kinh
        # doanh hạ tầng khu công nghiệp", "5. Các chủ rừng là tổ chức (các Ban quản lý ...)"): to its end
        rest = re.match(r"[^\n,;:.()]{0,100}(?=\n|\(|$)", text[holder.end():holder.end() + 101])
        if rest and rest.group().strip():
            end = holder.end() + len(rest.group().rstrip())
            return SPACES.sub(" ", text[pos:end]), end
    return holder.group(), holder.end()


@cache
def _class_heading_regex() -> re.Pattern:
    """class-heading: a numbered heading that is a class of establishments with its qualifier, to
    the line's end or its colon ("4. Các cơ sở nuôi trồng thủy sản:"; class_headings), bounded."""
    words = _alternation(_settings()["class_headings"]["words"])
    return re.compile(rf"(?m)^[ \t]*\(?(?:\d{{1,2}}|[a-zđ])[.)][ \t]*(?:[Cc]ác[ \t]+)?"
                      rf"(?P<name>(?i:{words})(?!\w)[^\n;.():]{{1,120}}?)[ \t]*:?[ \t]*$")


@cache
def _class_word_regex() -> re.Pattern:
    """What a class heading's name opens with at its place: "các" and a class word (any case), or
    the word alone (_class_heading_regex's name group)."""
    return re.compile(rf"(?:[Cc]ác[ \t]+)?(?i:{_alternation(_settings()['class_headings']['words'])})(?!\w)")


def _class_heading_at(text: str, pos: int) -> tuple[str, int] | None:
    """class-heading: the class a numbered heading at `pos` names ("Các cơ sở đào tạo đại học, sau
    đại học"), when the whole line is a complete name; else None (the name is read as usual)."""
    if not _class_word_regex().match(text, pos):
        return None  # the name (after "các") opens with a class word, or is none
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    heading = _class_heading_regex().match(text[line_start:line_end if line_end != -1 else len(text)])
    if not heading or line_start + heading.start("name") != pos and not re.fullmatch(
            r"[Cc]ác[ \t]+", text[pos:line_start + heading.start("name")]):
        return None
    name = SPACES.sub(" ", text[pos:line_start + heading.end("name")])
    return (name, line_start + heading.end("name")) if is_complete_name(name) else None


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _category_regex() -> re.Pattern:
    """A category written in lower case ("lực lượng công an", "ngành giáo dục", categories):
    its head and kind, an optional area word."""
    kinds = {h: k for h, k in _settings()["categories"].items() if not h.startswith("_")}
    heads = "|".join(rf"{re.escape(h)}[ \t]+(?:{_alternation(k)})" for h, k in kinds.items())
    return re.compile(rf"(?<!\w)(?i:{heads})(?!\w)(?:[ \t]+(?:{_alternation(_settings()['area_words'])})(?!\w))?")


@cache
def _category_place_regex() -> re.Pattern:
    """category-keeps-its-place: "trên địa bàn (tỉnh)", "thuộc phạm vi quản lý" after a category."""
    places = _settings()["category_places"]
    return re.compile(rf"[ \t]+(?:{_alternation(places['words'])})(?:[ \t]+(?i:{_alternation(_settings()['area_words'])})(?!\w))?(?!\w)")


def _keeps_place(head: str) -> bool:
    return head.casefold() in _settings()["category_places"]["heads"]


@cache
def _kinds_regex(head: str) -> re.Pattern:
    """The kinds of one category head, an optional area word after."""
    return re.compile(rf"(?i:{_alternation(_settings()['categories'][head])})(?!\w)"
                      rf"(?:[ \t]+(?:{_alternation(_settings()['area_words'])})(?!\w))?")


def categories_at(text: str, pos: int) -> list[tuple[str, int, int]]:
    """shared-category-head: the categories written at `pos` ("lực lượng công an", "đơn vị cấp
    nước sạch trên địa bàn thành phố", its place kept: category-keeps-its-place), and the kinds after it sharing its head, comma by
    comma ("lực lượng quân đội, công an" -> lực lượng quân đội, lực lượng công an)."""
    match = _category_regex().match(text, pos)
    if not match:
        return []
    head = next(h for h in _settings()["categories"] if text[pos:pos + len(h)].casefold() == h)
    kind_at = pos + len(head) + 1
    if text[kind_at:kind_at + 1].isupper() and _head_regex().match(text, kind_at):
        return []  # "lực lượng Công an thành phố" names the body "Công an thành phố" itself
    place = _category_place_regex().match(text, match.end())
    end = place.end() if place else match.end()
    found = [(SPACES.sub(" ", text[pos:end]), pos, end)]
    kinds = _kinds_regex(head)
    for _ in range(8):  # at most eight kinds; `end` moves past each
        sep = re.match(r",[ \t]+", text[end:end + 4])
        kind = sep and kinds.match(text, end + sep.end())
        if not kind or re.match(r"[ \t]*[^\W\d_]", text[kind.end():kind.end() + 2]) \
                and not _stop_word_regex().match(text, kind.end() + 1):
            break  # the next kind must end there: before punctuation or a verb
        found.append((f"{text[pos:pos + len(head)]} {kind.group()}", kind.start(), kind.end()))
        end = kind.end()
    return found


@cache
def _officers() -> frozenset[str]:
    """The titles of a body's head ("Thủ trưởng", "Giám đốc"), lower case."""
    return frozenset(o.casefold() for o in _settings()["collective"]["officers"] + _settings()["officer_heads"])


def collective_at(text: str, pos: int) -> tuple[str, int] | None:
    """A collective of bodies at `pos` ("các sở, ban, ngành") and where it ends."""
    match = _collective_regex().match(text, pos)
    if not match or "\n" in match.group():
        return None
    generic = _settings()["collective"]["generic_members"]
    members = [m.strip().lower() for m in re.split(r",|\bvà\b", match.group())]
    if all(any(m.endswith(g) or m.startswith(g) for g in generic) or m.endswith(tuple(_settings()["collective"]["tails"]))
           and any(g in m for g in generic) for m in members):
        return None
    return SPACES.sub(" ", match.group()), match.end()


@cache
def _party_regex() -> re.Pattern:
    """Party bodies written in lower case ("các tỉnh ủy, thành ủy", "ban thường vụ cấp ủy cấp
    trên trực tiếp", "đảng ủy các bộ, cơ quan ngang bộ"; party_bodies): the phrase's first
    letter may be a capital, its other words are as listed. Bounded repetition, no nested
    quantifier."""
    p = _settings()["party_bodies"]
    def alt(words, capital=False):
        spelt = set()
        for w in sorted(words, key=len, reverse=True):
            for form in (w, w.replace("ủy", "uỷ")) + ((w[:1].upper() + w[1:], (w[:1].upper() + w[1:]).replace("ủy", "uỷ")) if capital else ()):
                spelt.add(form.replace("đảng", "[đĐ]ảng") if "đảng" in form else form)
        escaped = [re.escape(f).replace(re.escape("[đĐ]ảng"), "[đĐ]ảng") for f in spelt]
        return "(?:" + "|".join(sorted(escaped, key=len, reverse=True)) + r")(?!\w)"
    member, prefixed = alt(p["members"]), alt(p["prefixed_members"])
    qualifier = "(?:" + "|".join(re.escape(q) for q in sorted(p["qualifiers"] + [q.lower() for q in p["qualifiers"]], key=len, reverse=True)) + r")(?!\w)"
    joined = r"(?:\s?,\s|\s+và\s+)(?:các\s+)?"
    prefix = rf"(?P<prefix>{alt(p['prefixes'], True)})\s+"
    return re.compile(rf"(?<!\w)(?P<cac>[Cc]ác\s+)?(?:{prefix}(?:các\s+{prefixed}(?P<more_prefixed>(?:{joined}{prefixed}){{0,5}})"
                      rf"|{member}(?P<more_after_prefix>(?:{joined}{member}){{0,5}}))"
                      rf"|{alt(p['members'], True)}(?P<more>(?:{joined}{member}){{0,5}}))"
                      rf"(?P<qualifier>\s+{qualifier})?")


@cache
def _envoy_regex() -> re.Pattern:
    """ "các đồng chí Ủy viên Bộ Chính trị, Ban Bí thư", "các đoàn kiểm tra của Bộ Chính trị,
    Ban Bí thư" (central_envoys): one name, its first letter either case."""
    e = _settings()["central_envoys"]
    titles = "|".join(re.escape(t[1:]) for t in sorted(e["titles"], key=len, reverse=True))
    bodies = "|".join(re.escape(b) for b in sorted(e["of"], key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:[Cc]ác\s+(?:{'|'.join(sorted({re.escape(t) for t in e['titles']}, key=len, reverse=True))})"
                      rf"|(?i:{'|'.join(sorted({re.escape(t[0]) for t in e['titles']}))})(?:{titles}))"
                      rf"(?:\s+của)?\s+(?:{bodies})(?!\w)")


@cache
def _generic_after_regex() -> re.Pattern:
    """A generic member after a comma ("..., cơ quan, đơn vị"; collective.generic_members)."""
    generic = "|".join(map(re.escape, _settings()["collective"]["generic_members"]))
    return re.compile(rf"\s?,\s(?:{generic})(?!\w)")


def party_body_at(text: str, pos: int) -> tuple[str, int] | None:
    """The Party bodies named in lower case at `pos` and where the name ends: a member alone
    ("cấp ủy") is none, one with a prefix, a qualifier, another member or "các" before a
    Party word is ("các cấp ủy", "văn phòng cấp ủy các cấp")."""
    envoy = _envoy_regex().match(text, pos)
    if envoy and "\n" not in envoy.group():
        return SPACES.sub(" ", envoy.group()), envoy.end()
    match = _party_regex().match(text, pos)
    if not match or "\n" in match.group():
        return None
    marks = _settings()["party_bodies"]["marks"]
    if not (match.group("prefix") or match.group("qualifier") or match.group("more") or match.group("more_prefixed")
            or match.group("cac") and any(m in match.group() for m in marks)):
        return None
    generic = _generic_after_regex()
    if not (match.group("prefix") or match.group("qualifier") or match.group("more") or match.group("more_prefixed")) \
            and generic.match(text[match.end():match.end() + 20]):
        return None  # "các cấp ủy, cơ quan, đơn vị, địa phương": everyone concerned
    if match.group("more") and generic.match(text[match.end():match.end() + 20]):
        return None  # "các cấp ủy, tổ chức đảng, cơ quan, đơn vị"
    return SPACES.sub(" ", match.group()), match.end()


@cache
def _party_clause_regex() -> re.Pattern:
    """Where a clause may open on Party bodies: a line's start (after a list mark such as "-",
    "(ii)", "3."), or after ";", ":", a sentence's end, a comma or "thì", with a Party word
    ("ủy", "đảng", party_bodies.marks) in its first words (bounded)."""
    marks = "|".join(map(re.escape, _settings()["party_bodies"]["marks"]))
    return re.compile(rf"(?:^[ \t]*(?:[-+•*][ \t]*|\(?[0-9ivxIVX]{{1,4}}[.)][ \t]*)?|[;:][ \t]+|[.,][ \t]+(?:thì[ \t]+)?|[ \t]thì[ \t]+)"
                      rf"(?=[^\n.;:]{{0,60}}?(?<!\w)(?:{marks})(?!\w))", re.MULTILINE)


@cache
def _party_duty_regex() -> re.Pattern:
    settings = _settings()["subject_duty_verbs"]
    verbs = "|".join(re.escape(v) for v in sorted(settings["words"], key=len, reverse=True))
    qualifiers = "|".join(re.escape(q) for q in settings["subject_qualifiers"])
    asides = _alternation(settings["asides"])  # "cấp ủy các cấp theo thẩm quyền xem xét"
    not_before = _alternation(settings["not_before"])  # "quy định tại Điều 3" is a reference
    return re.compile(rf"(?:[ \t]+(?:{qualifiers})[ \t]+[0-9a-zđ]{{1,3}}\b)?(?:[ \t,]+(?:{asides})(?!\w))?"
                      rf"[ \t,]*(?:{verbs})(?!\w)(?![ \t]+(?:{not_before})(?!\w))")


def party_subjects(text: str) -> list[tuple[str, int, int]]:
    """The bodies a clause opens with when one of them is a Party body and a verb of duty comes
    right after them ("Ban thường vụ cấp ủy cấp trên trực tiếp chỉ định ...", "Quân ủy Trung
    ương, Đảng ủy Công an Trung ương và ban thường vụ cấp ủy trực thuộc Trung ương căn cứ chỉ
    thị này ...", "..., thì cấp ủy cấp trên trực tiếp xem xét, điều động ..."): in Party
    directives and conclusions a body is given its task by being the subject of the verb."""
    found = []
    read_to = 0
    for clause_end in _party_clause_ends(text):
        if clause_end < read_to:
            continue  # a comma inside the list just read ("tỉnh ủy, thành ủy, ...") opens no clause
        bodies, end = bodies_at(text, clause_end)
        if not bodies or bodies[0][1] != clause_end or not _party_duty_regex().match(text, end):
            continue
        if not any(_party_mark_regex().search(name) for name, _, _ in bodies):
            continue
        read_to = end
        found += bodies
    return found


@cache
def _party_mark_regex() -> re.Pattern:
    """A Party word ("ủy", "đảng"; party_bodies.marks) as a whole word."""
    return re.compile(words([re.escape(m) for m in _settings()["party_bodies"]["marks"]], any_case=False) + r"(?!\w)")


_CLAUSE_OPENING_CHARACTERS = " \t-+•*()0123456789ivxIVX.;:,thì"  # all that _party_clause_regex opens with


@cache
def _party_mark_literals() -> tuple[re.Pattern, ...]:
    """The Party words (party_bodies.marks), one regex each that opens with the word itself (the
    engine skips to it), as a whole word: together the places _party_mark_regex matches (whole
    words do not overlap)."""
    return tuple(re.compile(re.escape(m) + rf"(?<!\w{re.escape(m)})(?!\w)") for m in _settings()["party_bodies"]["marks"])


def _party_clause_ends(text: str):
    """Where `_party_clause_regex().finditer(text)` ends its matches, the same ones, found near the
    Party words only: a match ends at most 60 characters before one (its lookahead) and opens
    with nothing but _CLAUSE_OPENING_CHARACTERS, so it starts in a window that runs from a Party
    word back 60 characters and past those characters before them. The regex is run on each
    window (windows that overlap merged into one), its end bounded a little past the window; a
    match ending past the window is no match of the whole text, and a run that finds one is
    done again unbounded (the bound may have cut a word short)."""
    clause = _party_clause_regex()
    reach = 62 + max(map(len, _settings()["party_bodies"]["marks"]))  # the lookahead's 60, a word, one more
    windows: list[list[int]] = []
    for at in sorted(m.start() for mark in _party_mark_literals() for m in mark.finditer(text)):
        low = max(0, at - 60)
        while low > 0:  # low moves back past the opening characters before it, 64 at a time, to 0 at most
            chunk = text[max(0, low - 64):low]
            kept = chunk.rstrip(_CLAUSE_OPENING_CHARACTERS)
            low -= len(chunk) - len(kept)
            if kept:
                break
        if windows and low <= windows[-1][1] + 1:
            windows[-1][1] = at
        else:
            windows.append([low, at])
    for low, high in windows:
        ends = []
        for match in clause.finditer(text, low, min(len(text), high + reach)):
            if match.start() > high:
                break
            if match.end() > high:
                ends = None
                break
            ends.append(match.end())
        if ends is None:
            ends = []
            for match in clause.finditer(text, low):
                if match.start() > high:
                    break
                ends.append(match.end())
        yield from ends


def _prefix_shared(text: str, name: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """prefix-shared-by-members: a prefix before Party bodies joined by "," or "và" belongs
    to each ("Ban thường vụ tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương" -> Ban thường vụ
    tỉnh ủy, Ban thường vụ thành ủy, Ban thường vụ đảng ủy trực thuộc Trung ương), each
    member with the span of its own words; a name without one is itself."""
    match = _party_regex().match(text, start)
    if not match or match.end() != end or not match.group("prefix") or not match.group("more_after_prefix") \
            or match.group("cac"):
        return [(name, start, end)]
    prefix = SPACES.sub(" ", match.group("prefix"))
    first_at = match.end("prefix") + len(text[match.end("prefix"):end]) - len(text[match.end("prefix"):end].lstrip())
    found = []
    at = first_at
    tail = match.end("more_after_prefix")
    pieces = re.split(r"(\s?,\s|\s+và\s+(?:các\s+)?)", text[first_at:tail])
    for piece in pieces:
        if re.fullmatch(r"\s?,\s|\s+và\s+(?:các\s+)?", piece):
            at += len(piece)
            continue
        stop = at + len(piece) if at + len(piece) < tail else end  # the last member keeps the qualifier
        found.append((prefix + " " + SPACES.sub(" ", text[at:stop]), at, stop))
        at += len(piece)
    found[0] = (found[0][0], start, found[0][2])
    return found


def article_subjects(outline: Outline) -> list[tuple[str, int, int]]:
    """The bodies a clause of a decision's article opens with, a verb of duty right after them
    ("Điều 2. Ủy ban nhân dân các tỉnh, thành phố nêu tại Điều 1 căn cứ tình hình thực tế ...",
    "Điều 2. Trong quá trình thực hiện, nếu cần sửa đổi, Bộ Công Thương rà soát, tổng hợp ..."):
    an article gives its task by naming the doer."""
    text = outline.text
    found = []
    for heading in outline.headings:
        if heading.style != "article":
            continue
        title_at = heading.end - len(heading.title)
        starts = [title_at] + [title_at + m.end() for m in re.finditer(r"[,;.][ \t]+", text[title_at:heading.end])]
        for at in starts[:12]:  # the first clauses of the article
            bodies, end = bodies_at(text, at)
            if bodies and bodies[0][1] == at and _party_duty_regex().match(text, end):
                found += bodies
    return found


def _name_window(text: str, pos: int, at: int) -> str:
    """The text a name may run on in from `at`: its line, and the next line when the source broke
    the name there (the line ends on a hyphen, "Chi cục Dân số -", or inside a parenthesis,
    "(Viettel Nghệ" + "An, VNPT)") and the next line goes on with a capitalised word. The
    newline becomes a space, so offsets into the window stay offsets into the text."""
    first, newline, rest = text[at:at + 160].partition("\n")
    if newline and rest.startswith("\n") and _wrapped_at(text, pos, at + len(first)):
        return first + "  " + rest[1:].split("\n", 1)[0]  # name-wraps-line over a blank line
    if not newline or not rest[:1].isupper():
        return first
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:at] + first
    if first.rstrip().endswith(("-", "–")) or before.count("(") > before.count(")") \
            or _wrapped_at(text, pos, at + len(first)):
        return first + " " + rest.split("\n", 1)[0]
    return first


def _wrapped_at(text: str, pos: int, newline: int) -> bool:
    """name-wraps-line: the source broke the line (once, or with one blank line, as bold marks
    "Hội Liên hiệp**\n\n**Phụ nữ" leave it) inside the name that starts at `pos` in the middle
    of a sentence ("phối hợp với Sở Công\nThương và ...", "Mặt trận Tổ quốc, Đoàn\nThanh
    niên, Hội Phụ nữ hỗ trợ ..."): the name is not the first thing on its line and the line
    goes on in the next (`_line_goes_on`)."""
    line_start = text.rfind("\n", 0, pos) + 1
    opening = text[line_start:pos].strip(" \t-+•*")
    if not opening or re.fullmatch(r"(?:(?:\d{1,3}\.){1,4}|[\dIVXLC]{1,5}[.)]|[a-zđ][.)])", opening):
        return False  # the name heads its own line or item: its line end is its end
    return _line_goes_on(text, newline)


def _line_goes_on(text: str, newline: int) -> bool:
    """The line ending at `newline` breaks a name: it ends on a word of a capitalised compound
    ("Công", "Liên hiệp", not "xã hội"), and the next line (past one blank line at most) opens
    with a capitalised word that is neither a new body's head, a verb nor a list marker."""
    line = text[text.rfind("\n", 0, newline) + 1:newline]
    last = line.split()[-3:]
    if not re.search(r"\w$", line) or not any(w[:1].isupper() for w in last):
        return False
    after = newline + 1 + (1 if text[newline + 1:newline + 2] == "\n" else 0)
    nxt = text[after:after + 80].split("\n", 1)[0]
    if not re.match(r"[A-ZĐÀ-Ỹ][^\W\d_]*(?:\s|,|$)", nxt):
        return False
    if _head_regex().match(nxt) and not _head_across(last, nxt):
        return False
    if _stop_word_regex().match(nxt.lower()) or nxt.lower().startswith(tuple(_settings()["verbs_never_closing"])):
        return False
    return True


def _head_across(last: list[str], nxt: str) -> bool:
    """head-across-line: the line's last words and the next line's first make one head word
    ("Ủy ban Mặt trận" + "Tổ quốc Việt Nam tỉnh": "Mặt trận Tổ quốc", not a new body "Tổ")."""
    for k in range(len(last)):
        joined = " ".join(last[k:]) + " "
        head = _head_regex().match(joined + nxt)
        if head and head.end() > len(joined):
            return True
    return False


def _head_over_line(text: str, pos: int) -> re.Match | None:
    """head-across-line: a head word the source broke over a line ("Ủy ban Mặt trận" +
    "Tổ quốc Việt Nam tỉnh"), matched on its line joined to the next (one character for one, so
    its length is its length in the text)."""
    newline = text.find("\n", pos, pos + 40)
    if newline == -1 or not _line_goes_on(text, newline):
        return None
    return _head_regex().match(text[pos:newline] + " " + text[newline + 1:newline + 60])


class _DocumentMemo:
    """What name_at and bodies_at found at each position of one document's text, and names_in
    between two positions (functions of the text and the positions alone): the rules ask again and again at the same
    places (an item's opening is a clause's and a bullet's). One per thread, for the text that
    extract_organisations was last given (the deadlines read it after); other texts are read
    anew."""
    __slots__ = ("text", "names", "bodies", "spans")

    def __init__(self, text: str):
        self.text, self.names, self.bodies, self.spans = text, {}, {}, {}


_memo = threading.local()
_UNREAD = object()  # no answer kept yet (None is one)


def _memo_of(text: str) -> _DocumentMemo | None:
    memo = getattr(_memo, "document", None)
    return memo if memo is not None and memo.text is text else None


def name_at(text: str, pos: int) -> tuple[str, int] | None:
    """The body named at `pos` (which must start with a head word) and where it ends.

    After the head word a name goes on while its words look like a name: a capitalised
    syllable and at most two lower-case ones after it ("Giáo dục", "Người cao tuổi"), "và"
    or "-" before another capitalised word that is not a new body ("Giáo dục và Đào tạo"),
    and area words ("thị xã Đông Hòa"); it stops at punctuation or a verb (stop words)."""
    memo = getattr(_memo, "document", None)
    if memo is None or memo.text is not text:
        return _name_at(text, pos)
    named = memo.names.get(pos, _UNREAD)
    if named is _UNREAD:
        named = memo.names[pos] = _name_at(text, pos)
    return named


@cache
def _name_opening_regex() -> re.Pattern:
    """The first word of whatever name_at reads (a head word, a shared office, a collective with
    its officer, a Party body or envoy, a unit, a duty holder, a class, a category, "các"), in
    any case and either spelling of "ủy", as a prefix: every regex name_at matches at a position
    opens with one, so where none stands no name starts."""
    s = _settings()
    party, units = s["party_bodies"], s["units_of_bodies"]
    phrases = (s["heads"] + s["shared_offices"]["offices"] + s["collective"]["officers"] + s["collective"]["members"]
               + party["prefixes"] + party["members"] + s["central_envoys"]["titles"] + units["words"]
               + units["before_owner"] + s["duty_holders"]["words"] + s["class_headings"]["words"]
               + [h for h in s["categories"] if not h.startswith("_")] + ["các"])
    firsts = set()
    for phrase in phrases:
        first = phrase.split(" ")[0].lower().replace("uỷ", "ủy")
        pieces = first.split("ủy")  # each "ủy" either spelling
        for spellings in itertools.product(("ủy", "uỷ"), repeat=len(pieces) - 1):
            firsts.add(pieces[0] + "".join(s + p for s, p in zip(spellings, pieces[1:])))
    by_letter: dict[str, list[str]] = {}
    for first in firsts:  # one alternative a letter, tried once (the rests the longest first)
        by_letter.setdefault(first[0], []).append(first[1:])
    return re.compile("(?i:" + "|".join(
        re.escape(letter) + "(?:" + "|".join(re.escape(r) for r in sorted(rests, key=len, reverse=True)) + ")"
        for letter, rests in sorted(by_letter.items())) + ")")


def _name_at(text: str, pos: int) -> tuple[str, int] | None:
    if not _name_opening_regex().match(text, pos):
        return None
    collective = collective_at(text, pos) or party_body_at(text, pos) or _unit_of_at(text, pos) or _holder_at(text, pos) \
        or _class_heading_at(text, pos)
    if collective:
        return collective
    categories = categories_at(text, pos)
    if categories:
        return categories[0][0], categories[0][2]
    head = _head_regex().match(text, pos) or _head_over_line(text, pos)
    if not head:
        return None
    area_words, connectors = _words("area_words"), _words("connectors")
    heads, stops, type_word, compound_word = _head_regex(), _stop_word_regex(), _type_word_regex(), _compound_regex()
    settings = _settings()
    head_end = pos + head.end() - head.start()
    end = head_end
    window = _name_window(text, pos, head_end)
    tokens: list[re.Match] = []  # the window's words and marks, read as far as the rules look
    pending = NAME_TOKEN.finditer(window)

    def has(k: int) -> bool:
        """Token k exists (the tokens are read up to it)."""
        while len(tokens) <= k:  # one more token a turn, or the end
            token = next(pending, None)
            if token is None:
                return False
            tokens.append(token)
        return True

    lower_run = 0
    after_area = seen_area = closed = after_inner = False
    i = 0
    while has(i):  # every branch either breaks or moves i on (by 1, or by `width` >= 1)
        word = tokens[i].group()
        if i == 0 and word == "các" and head.group().casefold() in _officers() and has(i + 1) \
                and tokens[i + 1].group()[:1].isupper():
            i += 1  # an officer of each body: "Giám đốc các Sở", "Chủ tịch các Hội"
            continue
        if word == "," and has(i + 1):
            # a comma goes on into the same name: "Sở Văn hóa, Thể thao và Du lịch", "xã, phường"
            following = tokens[i + 1].group()
            following_two = f"{following} {tokens[i + 2].group()}".lower() if has(i + 2) else ""
            if seen_area and following.lower() not in area_words and following_two not in area_words:
                break  # past the name's area a comma ends it: "Tòa án nhân dân tỉnh, Thuế tỉnh"
            if (i == 0 or closed) and following[:1].isupper():
                break  # comma-ends-closed-name: "MobiFone, FPT Telecom" (a head alone), "Sở Văn hóa,
                # Thể thao và Du lịch, Cổng thông tin ..." (its list of fields closed by "và")
            if (following[:1].isupper() and not heads.match(window, tokens[i + 1].start())
                    and not type_word.match(window, tokens[i + 1].start())) \
                    or following.lower() in area_words \
                    or following_two in area_words:
                i += 1
                continue
        if word == "." and i > 0 and tokens[i - 1].group() in settings["area_abbreviations"]["words"] \
                and has(i + 1) and tokens[i + 1].group()[:1].isupper():
            i += 1  # abbreviated-area: "Sở An toàn thực phẩm TP. Hồ Chí Minh", the place goes on
            continue
        if not NAME_CHARACTER.match(word) or LIST_MARK_LETTER.fullmatch(word) and window[tokens[i].end():tokens[i].end() + 1] == ")":
            break  # punctuation ends the name, and a list mark ("Trách nhiệm của Bộ Xây dựng a)": the source's next item)
        slash = _alternative_at(text, pos, head_end, window, tokens[i]) if "/" in word else None
        if slash is not None:
            end = slash
            break
        two = f"{word} {tokens[i + 1].group()}".lower() if has(i + 1) else ""
        if stops.match(window, tokens[i].start()):  # stop words are lower case: a name's capitalised word never stops it
            break
        inner = heads.match(window, tokens[i].start()) if word[:1].isupper() else None
        if inner and inner.end() > tokens[i].end():  # a body's head inside the name: "Chủ tịch Ủy ban
            # nhân dân", "Văn phòng Tỉnh ủy" (before the area words: "Tỉnh ủy" is no area)
            while has(i + 1) and tokens[i].end() < inner.end():  # i grows up to the head's last word
                i += 1
            end = head_end + tokens[i].end()
            lower_run = 0
            after_area = False
            after_inner = True
            i += 1
            continue
        slashed = "/" in two and (_area_alternatives(two, area_words) or _area_alternatives(word, area_words))
        if (two in area_words or word.lower() in area_words or slashed) and two not in settings["not_areas"]:
            width = 2 if two in area_words or slashed and _area_alternatives(two, area_words) else 1
            end = head_end + tokens[i + width - 1].end()
            i += width
            lower_run = 0
            after_area = seen_area = True
            continue
        if (after_area or after_inner) and stops.match(window[tokens[i].start():].lower()):
            break  # "Hội Nông dân tỉnh Phối hợp ...", "Ban Tuyên giáo Thị ủy Phối hợp": after an area or
            # a body named inside the name (verb-after-inner-body), a verb, even capitalised, is no name
        after_inner = False
        if after_area and word[:1].islower() and word not in connectors:
            break  # past an area only its place's name goes on: "Ủy ban MTTQ tỉnh | tuyên truyền"
        after_area = False
        if word in connectors:
            following = tokens[i + 1].group() if has(i + 1) else ""
            if word == "và" and any(t.group() == "và" for t in tokens[:i]):
                break  # second-and-ends-name: "Bộ Khoa học và Công nghệ | và Chính phủ", two bodies
            if following[:1].isupper() and not heads.match(window, tokens[i + 1].start()):
                closed = closed or word == "và" and "," in window[:tokens[i].start()]
                i += 1
                continue
            if word == "và" and has(i + 1) and _place_compound_regex().match(window, tokens[i + 1].start()) \
                    and _place_compound_regex().search(window, 0, tokens[i].start()):
                lower_run = 0  # place-compound: "Ban Quản lý các khu công nghệ cao và khu công nghiệp", one name
                i += 1
                continue
            break
        if word[:1].isdigit() and not window[:tokens[i].start()].rstrip().lower().endswith(
                tuple(settings["numbered_after"]["words"])):
            break  # "Sở Y tế 10": a footnote, not the name
        if word[:1].isupper() or word[:1].isdigit():
            lower_run = 0
        else:
            lower_run += 1
            if lower_run > 3 or i == 0 and not head.group().endswith(tuple(settings["lower_case_after"]["heads"])):
                if i == 0:
                    break
                if lower_run > 3:
                    break
            compound = compound_word.match(window, tokens[i].start())
            while compound and has(i + 1) and tokens[i + 1].end() <= compound.end():
                i += 1  # compound-is-one-word: "doanh nghiệp công nghệ thông tin" (i grows to its last word)
        end = head_end + tokens[i].end()
        i += 1
    name = text[pos:end].rstrip(" ,-–")
    tail = _qualifier_tail_regex().match(text, pos + len(name))
    if not tail and _keeps_place(head.group()):
        tail = _category_place_regex().match(text, pos + len(name))
    if tail:  # "các cơ quan báo chí đóng trên địa bàn", "các tổ chức chính trị - xã hội trực thuộc"
        name = text[pos:tail.end()]
    if len(name.split()) > 18:
        return None
    return SPACES.sub(" ", name), pos + len(name)


CLAUSE_OPENING = re.compile(r"[ \-+•*]*")  # the marks a clause may open with


def _area_alternatives(word: str, area_words: set[str]) -> bool:
    """area-alternatives: area words joined by "/" ("UBND các xã/phường", "xã/phường/thị trấn"),
    one area word of the name."""
    if "/" not in word:
        return False
    parts = word.lower().split("/")
    return 1 < len(parts) <= 4 and all(p in area_words for p in parts)


def _alternative_at(text: str, pos: int, head_end: int, window: str, token: re.Match) -> int | None:
    """slash-alternatives: where a name written as alternatives joined by "/" ends its first
    alternative ("Phòng Kinh tế/ Phòng Kinh tế, Hạ tầng và Đô thị", the units being named
    differently in different communes: one body, the first): at a "/" in `token` followed by a
    head word, when the words before it are a complete name of their own ("VP/HĐND" is one)."""
    slash = token.group().find("/")
    if slash == -1:
        return None
    after = token.start() + slash + 1
    after += len(window[after:after + 4]) - len(window[after:after + 4].lstrip(" \t"))
    first = text[pos:head_end + token.start() + slash].rstrip()
    if not _head_regex().match(window, after) or len(first.split()) < 2 or not is_complete_name(first):
        return None
    return pos + len(first)


def past_alternatives(text: str, end: int) -> int:
    """slash-alternatives: past the other alternatives written after a name's first ("/ Phòng
    Kinh tế, Hạ tầng và Đô thị"), so they are read as no body of their own; `end` grows."""
    for _ in range(3):  # at most three alternatives; `end` moves past each
        slash = SLASH.match(text[end:end + 8])
        named = slash and _head_regex().match(text, end + slash.end()) and name_at(text, end + slash.end())
        if not named:
            break
        end = named[1]
    return end


@cache
def _trim_regexes() -> tuple[re.Pattern, re.Pattern]:
    trims = _settings()["name_trims"]
    def spaced(words):  # a line may wrap between the words
        return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))
    return (re.compile(rf"(?i:{spaced(trims['acting_parts'])})\s+(?=\w)"),
            re.compile(rf"\s+(?i:{spaced(trims['related_tails'])})$"))


def trimmed(text: str, name: str, start: int, end: int) -> tuple[str, int, int]:
    """A record's name as the conventions write it, its span shrunk to match: acting-part-dropped
    ("lực lượng Công an xã" is "Công an xã": the words say what part of the body acts) and
    related-tail-dropped ("các sở, ban, ngành có liên quan" is the class "các sở, ban, ngành")."""
    part, tail = _trim_regexes()
    opening = part.match(name)
    if opening and len(name) > opening.end():
        name = name[opening.end():]
        written = part.match(text, start, end)
        if written:  # (a kind after a shared "lực lượng" is already written alone)
            start = written.end()
    closing = tail.search(name)
    if closing and closing.start() > 0:
        name = name[:closing.start()]
        written = tail.search(text[start:end])
        if written:
            end = start + written.start()
    return name, start, end


@cache
def _qualifier_tail_regex() -> re.Pattern:
    """A qualifier that ends a name (qualifier_tails), with an optional area word after it
    ("trực thuộc Trung ương"), right before punctuation, a line end, "và" or a verb."""
    tails = "|".join(re.escape(w) for w in _settings()["qualifier_tails"]["words"])
    areas = "|".join(re.escape(w) for w in sorted(_settings()["area_words"], key=len, reverse=True))
    return re.compile(rf"[ \t]+(?:{tails})(?:[ \t]+(?i:{areas}))?(?=[ \t]*(?:[,;:.)\n]|và\s|$)|[ \t]+(?:{_stop_word_regex().pattern}))")


def names_in(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Every body named between start and end: (name, start, end). (A new list each call.)"""
    memo = _memo_of(text)
    if memo is None:
        return _names_in(text, start, end)
    if (start, end) not in memo.spans:
        memo.spans[start, end] = _names_in(text, start, end)
    return list(memo.spans[start, end])


def _names_in(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    found = []
    pos = start
    while pos < end:  # pos grows every turn: past the head word at least (head.start() >= pos)
        head = _start_regex().search(text, pos, end)
        if not head:
            break
        categories = categories_at(text, head.start())
        if len(categories) > 1:
            found += categories
            pos = max(categories[-1][2], head.start() + 1)
            continue
        named = None if _holder_regex().match(text, head.start()) else name_at(text, head.start())
        if named is None:  # past a category naming a body ("lực lượng Công an tỉnh") only its head word
            # (a party named by its role is read only as a clause's subject: duty-holder)
            pos = head.start() + 1 if _category_regex().match(text, head.start()) else max(head.end(), head.start() + 1)
            continue
        name, stop = named
        if not _generic(name):
            found.append((name, head.start(), stop))
        pos = max(past_alternatives(text, stop), head.end(), head.start() + 1)
    return found


def _generic(name: str) -> bool:
    return name.lower().strip() in _settings()["generic"]


@lru_cache(maxsize=8192)  # a name is tested each time a rule meets it; the answer is the name's alone
def is_complete_name(name: str, max_words: int = 18) -> bool:
    """A body's complete name, not a fragment: never a head word alone ("Sở", "Các phòng"),
    a signature word ("KT. GIÁM ĐỐC"), a heading reference ("Mục IV"), "Như trên", a name
    that runs into a verb ("UBND Thành phố bổ sung") or past an area into a sentence ("Hội
    Khuyến học huyện qua địa"), nor a generic word ("các đơn vị").

    >>> [is_complete_name(n) for n in ("Sở Nội vụ", "Sở", "Mục IV", "KT. GIÁM ĐỐC", "UBND Thành phố bổ sung")]
    [True, False, False, False, False]
    """
    name = SPACES.sub(" ", name).strip(" ,;:.-–")
    words = name.split()
    if not words or len(words) > max_words or _generic(name) or not re.search(r"[^\W\d_]", name):
        return False  # (a row of dots "………" in a form's blank recipient line has no letter)
    if _holder_regex().match(re.sub(r"^[Cc]ác\s+", "", name)):
        return True  # "chủ đầu tư", "các chủ rừng là tổ chức": a party named by its role (duty-holder, read by _holder_at)
    lowered = name.casefold()
    if any(lowered.endswith(" " + verb) for verb in _settings()["verbs_never_closing"]) and \
            not any(name.endswith(" " + head) or name == head for head in _settings()["heads"] if " " in head):
        # (a head word that ends like a verb ends a name: "thành viên Ban Chỉ đạo")
        return False
    if name.startswith(tuple(_settings()["not_names"]["starts"])) or name.isupper() and len(words) > 1 and \
            not any(w in _settings()["abbreviations"] or len(w) <= 5 for w in words):
        return False
    core = re.sub(r"^(?:[Cc]ác|[Đđ]ối với|[Gg]iao|[Đđ]ề nghị)\s+", "", name)
    party = party_body_at(name, 0)
    if party and party[1] == len(name):
        return True  # "các tỉnh ủy, thành ủy", "ủy ban kiểm tra các cấp": no verb, no area inside
    if name.casefold() in _settings()["bare_heads"]["plural_officers"]:
        return True  # "các Bộ trưởng": every minister
    if core.casefold() in _settings()["bare_heads"]["words"] or core.casefold() in _settings()["plural_heads"]:
        return False
    if _has_stop_word(name) and not _collective_regex().fullmatch(name):  # "các đoàn thể, tổ chức xã hội"
        return False
    # past an area word only its place's name (capitalised) or another area word goes on
    area = _words("area_words")
    for i, word in enumerate(words[:-1]):
        if word in area and words[i + 1][:1].islower() and words[i + 1] not in area \
                and f"{word} {words[i + 1]}" not in area and f"{word} {words[i + 1]}" != "xã hội":
            return False
    return True


def _has_stop_word(name: str) -> bool:
    """A lower-case verb or preposition inside a name: it ran into a sentence."""
    tail = _qualifier_tail_regex().search(name)
    if tail and tail.end() == len(name):
        name = name[:tail.start()]  # "các cơ quan báo chí đóng trên địa bàn": a qualifier, no verb
    place = next((m for m in _category_place_regex().finditer(name) if m.end() == len(name)), None)
    if place:
        name = name[:place.start()]  # "đơn vị cấp nước thuộc phạm vi quản lý": a category's place
    return any(match.start() > 0 and not name[match.start() - 1].isalnum()
               for match in _stop_word_regex().finditer(name))


def _plural_list_at(text: str, pos: int) -> list[tuple[str, int, int]]:
    """ "Các Sở: Tài chính, Nội vụ, Y tế" (or without the colon) -> Sở Tài chính, Sở Nội vụ,
    Sở Y tế, each with the span of its own words."""
    plurals = _settings()["plural_heads"]
    match = PLURAL_HEAD.match(text[pos:pos + 60])
    if not match or match.group(1).casefold() not in plurals or "\n" in match.group():
        return []
    head = plurals[match.group(1).casefold()]
    found = []
    at = pos + match.end()
    if ":" in match.group():
        listed = _semicolon_list(text, at, head)
        if listed:
            return listed
    for _ in range(12):  # at most twelve names; `at` moves past each
        named = name_at(text, at) if ":" not in match.group() and _head_regex().match(text, at) else None
        if named:
            break  # a body with its own head word ends the shared list (after a colon every item
            # is a member: "Các Bộ: Công an, Tư pháp" is Bộ Công an, Bộ Tư pháp)
        part = re.match(r"[A-ZĐÀ-Ỹ][^,;:.()\n]{0,60}?(?=\s*(?:,|;|:|\.|\(|\n|$| và )|"
                        r"\s+(?:" + _stop_word_regex().pattern + "))", text[at:at + 80])
        if not part or not part.group().strip():
            break
        name = f"{head} {part.group().strip()}"
        if is_complete_name(name):
            found.append((name, at, at + len(part.group().rstrip())))
        sep = re.match(r"\s*(?:,|;|và)\s*(?=[A-ZĐÀ-Ỹ])", text[at + part.end():at + part.end() + 8])
        if not sep:
            break
        at += part.end() + sep.end()
    return found if len(found) >= 1 else []


def _semicolon_list(text: str, at: int, head: str) -> list[tuple[str, int, int]]:
    """ "các Đảng ủy: Chính phủ; Quốc hội; Mặt trận Tổ quốc, các đoàn thể Trung ương; Bộ Nội vụ
    và ..." -> Đảng ủy Chính phủ, ..., Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương,
    Đảng ủy Bộ Nội vụ: a list under a plural head whose items are parted by ";" gives every
    item the head, commas and head words inside an item included; the last item ends before
    "và" or a verb. Only when a ";" parts the first two items."""
    line_end = text.find("\n", at)
    line = text[at:line_end if line_end != -1 else len(text)]
    first = re.match(r"[^;,.:]{1,80};", line)
    if not first:
        return []
    found = []
    offset = 0
    for _ in range(16):  # at most sixteen items; offset moves past each
        part = re.match(r"\s*([^;.:]{1,120}?)\s*(;|$|(?=\s+và\s)|(?=\s+(?:" + _stop_word_regex().pattern + ")))",
                        line[offset:])
        if not part or not part.group(1):
            break
        item_at = at + offset + part.start(1)
        name = f"{head} {part.group(1)}"
        if is_complete_name(name):
            found.append((name, item_at, item_at + len(part.group(1))))
        if part.group(2) != ";":
            break
        offset += part.end()
    return found if len(found) >= 2 else []


@cache
def _item_lead_regex() -> re.Pattern:
    return re.compile("(?:" + "|".join(map(re.escape, _settings()["item_lead_words"])) + r")\s+")


@cache
def _type_word_regex() -> re.Pattern:
    """A document's type word ("Kế hoạch", "Quyết định"), any case, as a word."""
    return re.compile(r"(?i)(?:" + "|".join(map(re.escape, _settings()["type_words"])) + r")\b")


@cache
def _opening_clause_regex() -> re.Pattern:
    """circumstance-before-subject: a clause of circumstance (opening_clauses) up to its comma, bounded."""
    return re.compile(rf"(?:{_alternation(_settings()['opening_clauses']['words'])})[ \t][^,;:.\n]{{1,100}}, ")


def bodies_at(text: str, pos: int) -> tuple[list[tuple[str, int, int]], int]:
    """The bodies a clause starts with, as a list joined by ",", ";" or "và" ("Sở Tài
    chính, Sở Nội vụ", "Các Sở: Tài chính, Nội vụ", "Ủy ban MTTQ tỉnh và các tổ chức chính
    trị - xã hội"), and where the list ends. Lead words ("Đề nghị", "Giao", "Đối với") are
    passed over. (A new list each call: callers add to it.)"""
    memo = getattr(_memo, "document", None)
    if memo is None or memo.text is not text:
        return _bodies_at(text, pos)
    found = memo.bodies.get(pos)
    if found is None:
        found = memo.bodies[pos] = _bodies_at(text, pos)
    return list(found[0]), found[1]


def _bodies_at(text: str, pos: int) -> tuple[list[tuple[str, int, int]], int]:
    grounds = _opening_clause_regex().match(text, pos, pos + 120)  # "Căn cứ Kế hoạch này, Sở ..." (circumstance-before-subject)
    if grounds:
        pos = grounds.end()
    lead = _item_lead_regex().match(text, pos, pos + 20)
    if lead:
        pos = lead.end()
    if not _name_opening_regex().match(text, pos):
        return [], pos  # no name, no plural list, no category opens here ("các" is a first word)
    bodies: list[tuple[str, int, int]] = []
    end = pos
    for _ in range(24):  # at most 24 bodies; `pos` moves past each
        plural = _plural_list_at(text, pos)
        if plural:
            bodies += plural
            end = plural[-1][2]
        else:
            plural = PLURAL_WORD.match(text[pos:pos + 6])
            categories = categories_at(text, pos + (plural.end() if plural else 0))
            if len(categories) > 1:
                bodies += categories
                end = categories[-1][2]
                sep = LIST_SEPARATOR.match(text[end:end + 12])
                if not sep:
                    break
                pos = end + sep.end()
                continue
            named = name_at(text, pos)
            if (not named or not is_complete_name(named[0])) and plural:  # "các doanh nghiệp viễn thông"
                pos += plural.end()
                named = name_at(text, pos)
            if not named or not is_complete_name(named[0]):
                break
            bodies += _prefix_shared(text, named[0], pos, named[1])
            end = past_alternatives(text, named[1])
            members, closing = _members_in_parentheses(text, end)
            if members:
                bodies += members
                end = closing
        sep = LIST_SEPARATOR.match(text[end:end + 12])
        if not sep:
            break
        pos = end + sep.end()
        plural = PLURAL_WORD.match(text[pos:pos + 6])
        if not _start_regex().match(text, pos + (plural.end() if plural else 0)) and not _start_regex().match(text, pos) \
                and not _holder_regex().match(text, pos + (plural.end() if plural else 0)):
            break
    return _shared_complements(text, bodies), end


def _members_in_parentheses(text: str, end: int) -> tuple[list[tuple[str, int, int]], int]:
    """members-in-parentheses: the named members a category lists in parentheses right after
    it ("các doanh nghiệp viễn thông (VNPT, Viettel, MobiFone và doanh nghiệp khác)"), each a
    body of the list (not the unnamed rest, "doanh nghiệp khác"), and where the parenthesis
    closes; nothing when the parenthesis holds anything but names."""
    opening = OPENING_PARENTHESIS.match(text[end:end + 4])
    if not opening:
        return [], end
    close = text.find(")", end, end + 200)
    if close == -1:
        return [], end
    members = []
    at = end + opening.end()
    tails = tuple(" " + t for t in _settings()["collective"]["tails"])
    for _ in range(12):  # at most twelve members; `at` moves past each
        at += len(text[at:close]) - len(text[at:close].lstrip())
        named = name_at(text, at) if _head_regex().match(text, at) else None
        if not named or named[1] > close:
            return [], end
        if is_complete_name(named[0]) and not named[0].endswith(tails):
            members.append((named[0], at, named[1]))
        sep = re.match(r"\s*(?:,|;|và)\s*", text[named[1]:close])
        if not sep:
            break
        at = named[1] + sep.end()
    if not members or text[named[1]:close].strip():
        return [], end
    return members, close + 1


def _shared_complements(text: str, bodies: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """A head word alone before "và" shares the body the next name belongs to ("các Tổ đại
    biểu và đại biểu Hội đồng nhân dân tỉnh" -> Tổ đại biểu Hội đồng nhân dân tỉnh), its span
    running to the end of that body (organisation:shared-complement)."""
    shared = list(bodies)
    for i in range(len(bodies) - 1):
        name, start, stop = bodies[i]
        head = _head_regex().match(text, start)
        if not head or head.end() != stop or text[stop:bodies[i + 1][1]] != " và ":
            continue
        following, next_start, next_stop = bodies[i + 1]
        inner = re.search(r"\s(?=[A-ZĐÀ-Ỹ])", text[next_start:next_stop])
        if inner and _head_regex().match(text, next_start + inner.end()):
            shared[i] = (f"{name} {text[next_start + inner.end():next_stop]}", start, next_stop)
    return shared


def _clause_start(text: str, end: int) -> int:
    """Where the clause that `end` is in starts: past the last line break, ";", ":" or "." before
    it (the text's start if none), looked for in the 200 characters before first."""
    low = max(0, end - 200)
    last = max(text.rfind(c, low, end) for c in "\n;:.")
    if last == -1 and low > 0:
        last = max(text.rfind(c, 0, low) for c in "\n;:.")
    return last + 1


def _signature_spans(text: str) -> list[tuple[int, int]]:
    """The "Nơi nhận" list and the signature lines (TM., KT., the signer's title): their
    bodies are recipients or signers, never responsible."""
    spans = []
    for match in re.finditer(r"Nơi nhận\s*:", text):
        block_end = text.find("\n\n", match.end() + 1)
        spans.append((match.start(), block_end if block_end != -1 else len(text)))
    for match in at_line_starts(r"(?:TM\.|T/M|KT\.|Q\. ?|TL\.|(?:PHÓ )?(?:CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG BAN)\s*$).*$", text):
        spans.append(match.span())
    return spans


@lru_cache(maxsize=4096)  # a title is asked once for each section it heads
def _is_responsibility_section(title: str) -> bool:
    lowered = title.lower()
    return any(t in lowered for t in _settings()["responsibility_sections"]["titles"])


@cache
def _aside_regex() -> re.Pattern:
    """aside-before-duty: a clause set off by commas between the bodies and their verb ("Sở Tài
    chính, trên cơ sở đề xuất của các đơn vị, chủ trì ..."; duty_asides.openers), bounded."""
    openers = _alternation(_settings()["duty_asides"]["openers"])
    return re.compile(rf"[ \t]?,[ \t]+(?:{openers})(?!\w)[^;.:\n,]{{0,80}}")


def _past_aside(text: str, end: int) -> int:
    """Where the words after the bodies at `end` go on past an aside, when a verb of duty (a stop
    word) follows one of its next commas (at most six); else `end`."""
    aside = _aside_regex().match(text, end)
    if not aside:
        return end
    at = aside.end()
    for _ in range(6):  # `at` moves past one comma each turn
        comma = re.compile(r",[ \t]+|[;.:\n]").search(text, at, at + 200)
        if not comma or comma.group()[0] != ",":
            break
        if _stop_word_regex().match(text, comma.end()):
            return comma.end()
        at = comma.end()
    return end


def _leads_after(text: str, end: int) -> bool:
    """The item says its body leads: "Sở Y tế: Chủ trì ...", "Sở Y tế chủ trì ...",
    "Sở Y tế là cơ quan chủ trì", "Sở Y tế, trên cơ sở ..., chủ trì"."""
    end = _past_aside(text, end)
    after = re.sub(r"^[\s:\-–+•]+", "", text[end:end + 60]).lower()
    after = _past_lead_adverb(after)
    return after.startswith(tuple(_settings()["lead_words"]))


def _past_lead_adverb(after: str) -> str:
    """lead-adverb: "tiếp tục chủ trì" leads as "chủ trì" does (lead_adverbs)."""
    for adverb in _settings()["lead_adverbs"]["words"]:
        if after.startswith(adverb + " "):
            return after[len(adverb) + 1:]
    return after


@cache
def _role_label_body() -> str:
    """A line (or bullet) that labels the bodies of a task by role: "- Cơ quan thực hiện: ...",
    any case, after "^" (at_line_starts)."""
    labels = "|".join(re.escape(k) for k in _settings()["role_labels"] if not k.startswith("_"))
    return r"[ \t]*[-+•*]?[ \t]*(" + labels + r")[ \t]*:[ \t]*"


@cache
def _list_closer_regex() -> re.Pattern:
    """Generic members closing a list of bodies (list_closers), up to three, each after "," or "và"."""
    words = "|".join(re.escape(w) for w in sorted(_settings()["list_closers"]["words"], key=len, reverse=True))
    return re.compile(rf"(?:(?:\s?,\s|\s+và\s+)(?:{words})(?!\w)){{1,3}}")


def _duty_follows(text: str, end: int) -> bool:
    """After the bodies heading a paragraph: a colon, or a verb of duty (a stop word that is
    not the issuer's assigning verb: "Ủy ban nhân dân tỉnh yêu cầu ..." is the issuer)."""
    closer = _list_closer_regex().match(text, end)  # "..., đoàn thể và các tổ chức khác phổ biến"
    if closer:
        end = closer.end()
    end = _past_aside(text, end)
    after = text[end:end + 40].lstrip(" \t")
    if after.startswith((":", "\n")) or not after:
        return True
    if after.lower().startswith(tuple(_settings()["assigning_verbs"])):
        return False
    return bool(_stop_word_regex().match(after))


def _section_extent(outline: Outline, section) -> int:
    """Where a section ends: an article ("Điều 3. Tổ chức thực hiện") runs to the next article
    even when the outline gives its numbered clauses the article's own level."""
    if section.style != "article":
        return section.section_end
    following = [h.start for h in outline.headings_within(section.start + 1, len(outline.text))
                 if h.style == "article" or h.level < section.level]
    return following[0] if following else len(outline.text)


@cache
def _assigning_regex() -> re.Pattern:
    """A verb that gives the bodies after it a task: "giao", "đề nghị", "yêu cầu" (not "theo
    đề nghị của": a body must follow, which bodies_at checks)."""
    verbs = _settings()["sentence_assigning_verbs"]
    opening = "|".join(re.escape(v) for v in verbs if v[:1].isupper())  # "Yêu cầu" alone on a line is a heading
    inside = "|".join(re.escape(v) for v in verbs if v[:1].islower())  # mid-sentence a line may wrap after it
    return re.compile("(?:" + "|".join(
        word_alternatives([re.escape(v) for v in verbs if v[:1].isupper()], any_case=False, then=r"(?:[ \t]+cho)?[ \t]+")
        + word_alternatives([re.escape(v) for v in verbs if v[:1].islower()], any_case=False, then=r"(?:\s+cho)?\s+"))
        + ")")


@cache
def _duty_subject_regex() -> re.Pattern:
    """A duty said of the bodies before it: "X chủ động ...", "X có trách nhiệm ..."."""
    return re.compile(words([re.escape(w) for w in _settings()["duty_subject_words"]], any_case=False) + r"(?!\w)")


def _list_start(text: str, names: list[tuple[str, int, int]]) -> int:
    """Where the list of bodies that ends with the last of `names` starts ("Bộ Chính trị, Ban
    Bí thư" is one list)."""
    start = names[-1][1]
    for prev in reversed(names[:-1]):
        if text[prev[2]:start].strip(" ,") not in ("", "và"):
            break
        start = prev[1]
    return start


def _bullets_below(text: str, pos: int):
    """label-over-bullets: where each bullet of the list right below a label that ends its line
    starts ("- Cơ quan thực hiện:\n+ Sở X chủ trì ...\n+ Sở Y đăng tải ..."): the lines, blank
    lines between them, that open with one bullet mark, up to the first line that does not."""
    mark = None
    for line in re.finditer(r"[^\n]*\n?", text[pos:pos + 3000]):  # at most 3000 characters below
        content = line.group().strip()
        if not content:
            if not line.group():
                break
            continue
        opened = re.match(r"[ \t]*([-+•*])[ \t]+", line.group())
        if not opened or mark not in (None, opened.group(1)):
            break
        mark = opened.group(1)
        yield pos + line.start() + opened.end()


@cache
def _partners_end_regex() -> re.Pattern:
    """Where the partners after "phối hợp với" end: a clause mark or a verb; "tổ chức" is a
    noun before its complements ("các tổ chức xã hội, đoàn thể", nouns_after_to_chuc), no verb."""
    nouns = _alternation(_settings()["nouns_after_to_chuc"]["words"])
    return re.compile(r"[\n;:.]|\s(?:tổ chức(?![ \t]+(?:" + nouns + r"))|triển khai|thực hiện|xây dựng|để|trong|"
                      r"nhằm|tham mưu|kiểm tra|rà soát|tuyên truyền|hướng dẫn)(?!\w)")


def enforcement_list(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The bodies and officers an article of enforcement names before its formula ("Điều 4.
    Trưởng Ban Chỉ đạo Nhà nước các chương trình, công trình, dự án ..., các Bộ trưởng, Thủ
    trưởng cơ quan ngang Bộ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương
    và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành"): the list is cut at ",",
    ";" and "và"; a part that opens with a head word or an officer's title (after "các") starts
    a name, a part that opens otherwise goes on with the name before it ("công trình", "thành
    phố trực thuộc Trung ương"), a part that opens with "các" and no head ("các cơ quan"), or
    in lower case after "và" ("và tổ chức, cá nhân có liên quan"), ends it. Officers of generic bodies ("Thủ trưởng các cơ quan liên quan") are no one body."""
    settings = _settings()["enforcement_list"]
    titles = "|".join(re.escape(t) for t in sorted(settings["titles"], key=len, reverse=True))
    opener = re.compile(rf"(?:[Cc]ác\s+)?(?:(?:{titles})(?!\w)|{_start_regex().pattern})")
    officer = re.compile(rf"(?:{titles}|{'|'.join(map(re.escape, _officers_written()))})\s+(?:[Cc]ác\s+)?", re.IGNORECASE)
    clip = re.compile(r"\s(?:" + "|".join(map(re.escape, settings["clip_words"])) + r")(?!\w)")
    found: list[list[int]] = []  # [start, end] of each name
    open_name = False
    pos = start
    while pos < end:  # pos moves past one part (or one whole collective) each turn
        at = pos + len(text[pos:end]) - len(text[pos:end].lstrip(" \t,;"))
        joined = text.startswith("và ", at)
        if joined:
            at += 3
        if at >= end:
            break
        collective = _collective_regex().match(text, at, end)
        part = re.compile(r"[^,;]+?(?=\s*[,;]|\s+và\s|$)").match(text[:end], at)
        if collective and collective.end() > at:  # "Thủ trưởng các sở, ban, ngành liên quan": one name
            stop = collective.end()
            if collective_at(text, at):
                found.append([at, stop])
            open_name = False
        elif not part:
            break
        else:
            stop = part.end()
            clipped = clip.search(text, at, stop)  # "thành phố nêu tại Điều 1"
            name_end = clipped.start() if clipped else stop
            if opener.match(text, at):
                found.append([at, name_end])
                open_name = not clipped
            elif open_name and not re.match(r"[Cc]ác\s", text[at:at + 4]) and not (joined and text[at:at + 1].islower()):
                found[-1][1] = name_end  # (after "và" a lower-case part is the generic rest: "và tổ chức, cá nhân")  # "công trình", "thành phố trực thuộc Trung ương"
                open_name = not clipped
            else:
                open_name = False
        pos = max(stop, at + 1)
    names = []
    for at, stop in found:
        name = SPACES.sub(" ", text[at:stop]).strip(" ,;")
        rest = officer.sub("", name, count=1) if officer.match(name) else name
        if _generic(rest) or _generic("các " + rest):
            continue  # "Thủ trưởng các cơ quan liên quan"
        names.append((name, at, at + len(text[at:stop].rstrip(" ,;"))))
    return names


@cache
def _duty_title_body() -> str:
    """A line titled by the body whose duties follow (duty_titles), after an optional article
    number or list mark; after "^" (at_line_starts)."""
    words = _alternation(_settings()["duty_titles"]["words"])
    return rf"[ \t]*(?:Điều[ \t]+\d{{1,3}}[.:][ \t]*|\(?(?:\d{{1,2}}|[a-zđ])[.)][ \t]*)?(?:{words})[ \t]+"


def duty_titles(text: str) -> list[tuple[list[tuple[str, int, int]], str, int, int]]:
    """duty-title-names-body: (bodies, role, start, end) for each line that is nothing but a title
    naming the body whose duties follow ("2. Trách nhiệm của Bộ Tài chính", "Điều 9. Trách nhiệm
    của Ủy ban nhân dân cấp tỉnh:"; a list mark the source left at the line's end, "a)", is
    passed over): the bodies implement; they lead where a duty below (up to the next such title
    or article) opens with a lead word ("a) Chủ trì, ..."), and coordinate where one opens with
    "Phối hợp". A class alone ("Trách nhiệm của các bộ, ngành, địa phương") titles the clauses
    below it, each naming its own body: none."""
    found = []
    titles = []
    for match in at_line_starts(_duty_title_body(), text):
        bodies, end = bodies_at(text, match.end())
        if not bodies or bodies[0][1] != match.end() \
                or not re.match(r"[ \t]*:?[ \t]*(?:(?:[a-zđ]\)|\d{1,2}\.)[ \t]*)?(?:\n|$)", text[end:end + 12]):
            continue
        if len(bodies) == 1 and collective_at(text, bodies[0][1]):
            continue
        titles.append((bodies, match.start(), text.find("\n", end) if "\n" in text[end:end + 12] else len(text)))
    article = re.compile(r"(?m)^[ \t]*Điều[ \t]+\d{1,3}[.:]")
    coordinate = tuple(_settings()["duty_titles"]["coordinate_openers"])
    for i, (bodies, start, line_end) in enumerate(titles):
        found.append((bodies, "implement", start, line_end))
        block_end = min(len(text), line_end + 4000, titles[i + 1][1] if i + 1 < len(titles) else len(text))
        next_article = article.search(text, line_end, block_end)
        block_end = next_article.start() if next_article else block_end
        roles = set()
        for line in text[line_end:block_end].split("\n"):
            duty = _past_lead_adverb(re.sub(r"^[ \t]*(?:\(?(?:\d{1,2}|[a-zđ])[.)]|[-+•*])?[ \t]*", "", line).lower())
            if duty.startswith(tuple(_settings()["lead_words"])):
                roles.add("lead")
            elif duty.startswith(coordinate):
                roles.add("coordinate")
        found += [(bodies, role, start, line_end) for role in sorted(roles)]
    return found


def functions_owner(text: str) -> tuple[str, int, int] | None:
    """body-of-functions: the body a decree on functions gives its duties to, from the line
    that opens with it and states them ("Bộ Nội vụ là cơ quan của Chính phủ, thực hiện chức
    năng quản lý nhà nước về ..."; functions_statement), the first such line; else None."""
    settings = _settings()["functions_statement"]
    if not any(kind in text for kind in settings["kinds"]):
        return None  # (most texts state no functions: no scan)
    kinds, verbs = _alternation(settings["kinds"]), _alternation(settings["verbs"])
    statement = re.compile(rf"[ \t]+(?:{kinds})(?!\w)[^\n,;.]{{0,60}},[ \t]*(?:{verbs})(?!\w)")
    for found in statement.finditer(text):
        line_start = text.rfind("\n", 0, found.start()) + 1
        at = line_start + len(text[line_start:found.start()]) - len(text[line_start:found.start()].lstrip(" \t"))
        named = name_at(text, at) if _head_regex().match(text, at) else None
        if named and named[1] == found.start() and is_complete_name(named[0]):
            return named[0], at, named[1]
    return None


@cache
def _date_opening_regex() -> re.Pattern:
    """A sentence's opening that dates its duty (date_openers) up to its comma, its first
    letter either case; the date is bounded."""
    openers = _settings()["date_openers"]["words"]
    words = _alternation(openers + [w[:1].lower() + w[1:] for w in openers])
    return re.compile(rf"(?:{words})[ \t]+[^,;:\n]{{1,30}},[ \t]+(?=[A-ZĐÀ-Ỹ])")


def _date_openings(text: str):
    """The dated openings of sentences: capitalised at a line's start (after a list mark) or
    after a sentence's end, in lower case after a comma ("..., trước ngày 01/5, UBND cấp tỉnh
    lập hồ sơ")."""
    for match in anchored(_date_opening_regex(), text, word_anchors(_settings()["date_openers"]["words"])):
        before = text[max(0, match.start() - 8):match.start()]
        line = before.rsplit("\n", 1)[-1] if "\n" in before or match.start() <= 8 else None
        if match.group()[:1].isupper():
            if line is not None and line.strip(" \t-+•*") == "" or re.search(r"[.;][ \t]+$", before):
                yield match
        elif re.search(r",[ \t]+$", before):
            yield match


def dated_subjects(text: str) -> list[tuple[list[tuple[str, int, int]], int]]:
    """dated-duty-subject: (bodies, end) of each sentence that opens with the date its duty is due
    and goes on with its doer and a verb ("Trước ngày 10/4/2025, Bộ Tư pháp ban hành hướng dẫn
    ...", "Chậm nhất ngày 15/12, Sở Y tế và Sở Tài chính tổng hợp ..."): news pages and
    conclusions retelling who must act by when."""
    found = []
    for match in _date_openings(text):
        bodies, end = bodies_at(text, match.end())
        if bodies and bodies[0][1] == match.end() and (_party_duty_regex().match(text, end)
                                                       or text[end:end + 1] == " " and _stop_word_regex().match(text, end + 1)):
            found.append((bodies, end))
    return found


@cache
def _apex_regex() -> re.Pattern:
    """One of the highest bodies (apex_bodies), as a whole name (no capitalised word after it:
    "Chính phủ Việt Nam" is another name)."""
    return re.compile(rf"(?:{_alternation(_settings()['apex_bodies']['words'])})(?!\w)(?![ \t]+[A-ZĐÀ-Ỹ&])")


def _enforcement_clauses(outline: Outline):
    """(list start, formula start, rule) of each clause naming who enforces the document: an
    article whose title holds the formula ("Điều 4. Chánh Văn phòng ... chịu trách nhiệm thi
    hành Quyết định này", article-of-enforcement), and enforcement-clause-in-article: a line of
    an article's body, a numbered clause or not, that opens with the list and closes with the
    formula ("Điều 30. Trách nhiệm thi hành\nCác Bộ trưởng, Thủ trưởng cơ quan ngang bộ, ...
    chịu trách nhiệm thi hành Nghị định này.", "Điều 27. Điều khoản thi hành\n3. Bộ trưởng các
    bộ, ... chịu trách nhiệm thi hành Nghị định này.")."""
    text = outline.text
    titles = set()
    for heading in outline.headings:
        if heading.style != "article":
            continue
        title_at = heading.end - len(heading.title)
        titles.add(text.rfind("\n", 0, title_at) + 1)
        phrase = _enforcement_regex().search(text, title_at, heading.end)
        if phrase:
            yield title_at, phrase.start(), "organisation:article-of-enforcement"
    for phrase in _enforcement_regex().finditer(text):
        line_start = text.rfind("\n", 0, phrase.start()) + 1
        if line_start in titles:
            continue  # the article's own title line, read above
        opening = re.match(r"[ \t]*(?:[-+•*][ \t]*|\(?(?:\d{1,3}|[a-zđ])[.)][ \t]*)?", text[line_start:phrase.start()])
        listed = enforcement_list(text, line_start + opening.end(), phrase.start())
        if listed and listed[0][1] == line_start + opening.end() \
                and is_complete_name(listed[0][0], _settings()["enforcement_list"]["max_words"]):  # the clause opens with the list
            yield line_start + opening.end(), phrase.start(), "organisation:enforcement-clause"


@cache
def _officers_written() -> tuple[str, ...]:
    return tuple(_settings()["collective"]["officers"] + _settings()["officer_heads"])


@cache
def _enforcement_regex() -> re.Pattern:
    """The formula of an article that names who enforces the document ("chịu trách nhiệm thi hành")."""
    return re.compile("(?:" + "|".join(map(re.escape, _settings()["enforcement_phrases"])) + r")(?!\w)")


def _authored(text: str, start: int) -> bool:
    """The body at `start` is named as an author or owner ("của Bộ Chính trị"; not the agent
    of "do Bộ Công an chủ trì", who leads)."""
    return bool(re.search(r"(?<!\w)của\s+(?:[Cc]ác\s+)?$", text[max(0, start - 12):start]))


def responsibility_items(outline: Outline):
    """(start, heading?) of each numbered or lettered item and paragraph of the sections that
    assign the tasks ("Tổ chức thực hiện", "Trách nhiệm thực hiện", "Phân công nhiệm vụ",
    "Điều N. Trách nhiệm thi hành")."""
    for section in outline.headings:
        if not _is_responsibility_section(section.title):
            continue
        section_end = _section_extent(outline, section)
        # "Điều 4. Trách nhiệm thi hành" with its duty on the same line is not an item
        within = outline.headings_within(section.start + 1, section_end)
        for heading in within:
            yield heading.end - len(heading.title), True
        heading_starts = {h.start for h in within}
        for line in outline.lines_within(section.end + 1, section_end):
            if line.start in heading_starts:
                continue
            yield line.start + (len(line.text) - len(line.text.lstrip("-+•* "))), False
    yield from _request_items(outline)


def body_headings(outline: Outline):
    """body-heading: (bodies, end) of each heading that is nothing but bodies ("10. Công an
    tỉnh", "3. Các sở, ngành có liên quan; Ủy ban nhân dân các xã, phường") with text below it,
    among siblings (headings of its level and style under one parent) at least half of which
    are such: a list of bodies heads their tasks, whatever the section is called; a topic
    heading among topics ("9. Doanh nghiệp số" after "8. Xã hội số") is none."""
    text = outline.text
    groups: dict[tuple, list] = {}
    parents: list = []  # the open headings above, by level
    for heading in outline.headings:
        while parents and parents[-1].level >= heading.level:
            parents.pop()
        parent = parents[-1].start if parents else -1
        parents.append(heading)
        groups.setdefault((parent, heading.level, heading.style), []).append(heading)
    for siblings in groups.values():
        needed = max(2, (len(siblings) + 1) // 2)  # two at least, and half
        named = []
        for k, heading in enumerate(siblings):
            if len(named) + len(siblings) - k < needed:
                break  # the rest cannot make the half: the group names no list (a heading alone never does)
            title_at = heading.end - len(heading.title)
            bodies, end = bodies_at(text, title_at)
            if bodies and bodies[0][1] == title_at and not text[end:heading.end].strip(" \t:.") \
                    and NON_SPACE.search(text, heading.end, heading.section_end):
                named.append((bodies, end))
        if len(named) >= needed:
            yield from named


@cache
def _request_regex() -> re.Pattern:
    words = "|".join(re.escape(w) for w in _settings()["request_openers"]["words"])
    return re.compile(rf"(?i)(?<!\w)(?:{words})(?!\w)(?![ \t]+của)")  # not "theo đề nghị của"


def _request_items(outline: Outline):
    """(start, True) of each numbered item after a directive's request, the sentence that
    closes its preamble with a colon at a line's end ("Ủy ban nhân dân tỉnh yêu cầu:", "...
    yêu cầu các sở, ngành thực hiện các nhiệm vụ sau:", request_openers): the first heading
    after it and the headings of its level and style that follow, up to a heading above them."""
    text = outline.text
    for match in re.finditer(r"(?m):[ \t]*$", text):
        low = max(0, match.start() - 600)  # (a mark before it loses to it in the max)
        sentence_start = max(text.rfind("\n\n", low, match.start()), text.rfind(". ", low, match.start()),
                             text.rfind(".\n", low, match.start()), match.start() - 600)
        if not _request_regex().search(text, sentence_start, match.start()):
            continue
        first = outline.heading_after(match.end())
        if first is None or text[match.end():first.start].strip(" \t\n*"):
            continue  # the request must open the list right away
        for heading in outline.headings_within(first.start, len(text)):
            if heading.level < first.level:
                break
            if heading.level == first.level and heading.style == first.style:
                yield heading.end - len(heading.title), True


_SUBJECT_RULES = frozenset({"organisation:bullet-subject", "organisation:clause-subject", "organisation:agent-of-duty"})


def extract_organisations(outline: Outline, own_level: str | None = None, issuer: str | None = None,
                          jurisdiction: str | None = None) -> list[Assignment]:
    """`own_level`: "district" or "province", the level of the document's own issuer;
    `issuer` (Identity.issuer) is never given a responsible role where it assigns the work."""
    text = outline.text
    _memo.document = _DocumentMemo(text)
    found: list[Assignment] = []
    signatures = _signature_spans(text)
    issuer_is = issuer_key(issuer, jurisdiction) if issuer else None

    closing = next(iter(at_line_starts(r"\W{0,3}Nơi nhận\s*:", text)), None)  # the recipients and what follows them, to an appendix
    appendix = closing and re.compile(r"(?m)^\W{0,3}(?:PHỤ LỤC|Phụ lục)\b").search(text, closing.end())
    closing_part = (closing.start(), appendix.start() if appendix else len(text)) if closing else (0, 0)

    def add(name, start, end, role, rule, max_words=18):
        if not is_complete_name(name, max_words):  # as written ("lực lượng công an" is one)
            return
        name, start, end = trimmed(text, name, start, end)
        if rule.removesuffix("-leads") in _SUBJECT_RULES and closing_part[0] <= start < closing_part[1]:
            return  # a text cited below the recipients ("Công văn ... do Ban Chỉ đạo thực hiện ...") assigns nothing
        if role in RESPONSIBLE_ROLES and any(s <= start < e for s, e in signatures):
            return
        if role in RESPONSIBLE_ROLES and issuer_is and issuer_key(name, jurisdiction) == issuer_is \
                and text[end:end + 40].lstrip(" ,").lower().startswith(tuple(_settings()["assigning_verbs"])):
            return  # the issuer assigning the work ("Ủy ban nhân dân tỉnh giao ...") is not given it
        found.append(Assignment(name, role, organisation_key(name, own_level), (start, end), rule))

    def give_tasks(bodies, end, rule):
        """Each body implements; it also leads when the words after the list say so."""
        leads = _leads_after(text, end)
        for name, start, stop in bodies:
            add(name, start, stop, "implement", rule)
            if leads:
                add(name, start, stop, "lead", rule + "-leads")

    # implement: "Bộ Nội vụ là cơ quan của Chính phủ, thực hiện chức năng ...": the body a decree on functions is about
    owner_of_functions = functions_owner(text)
    if owner_of_functions:
        add(*owner_of_functions, "implement", "organisation:body-of-functions")
    # implement: the bodies each item of the responsibility section is headed with
    for item_at, is_heading in responsibility_items(outline):
        bodies, end = bodies_at(text, item_at)
        if not bodies or not (is_heading or _duty_follows(text, end)):
            continue
        if is_heading and not _duty_follows(text, end) and text[end:end + 1] not in ("", "\n", ":", " ", "("):
            continue
        alone = is_heading and text[end:end + 1] == "\n"  # "4. Công an tỉnh\nChỉ đạo ...": its own duty
        if not alone and text[end:end + 40].lstrip().lower().startswith(tuple(_settings()["assigning_verbs"])):
            continue
        give_tasks(bodies, end, "organisation:responsibility-item")
    for bodies, end in body_headings(outline):
        give_tasks(bodies, end, "organisation:body-heading")
    # role labels: "- Cơ quan chủ trì: Sở Y tế", "- Cơ quan phối hợp: Sở Tài chính; UBND các xã"
    for match in at_line_starts(_role_label_body(), text, re.IGNORECASE):
        role = _settings()["role_labels"][match.group(1).lower()]
        bodies, _ = bodies_at(text, match.end())
        for bullet in _bullets_below(text, match.end()) if text[match.end():match.end() + 1] == "\n" else ():
            bodies += bodies_at(text, bullet)[0]
        for name, start, stop in bodies:
            if role == "coordinate" and collective_at(text, start):
                continue  # "Cơ quan phối hợp: Các sở, ngành": everyone concerned, no one body
            add(name, start, stop, role, "organisation:role-label")
    # lead: "<body> chủ trì", "giao <body> chủ trì"
    for match in LEAD_WORDS.finditer(text):
        # the bodies named just before, in the same clause
        clause_start = _clause_start(text, match.start())
        names = names_in(text, clause_start, match.start())
        for i, (_, _, stop) in enumerate(names):
            if _past_aside(text, stop) == match.start() != stop:
                names = names[:i + 1]  # "Sở Tài chính, trên cơ sở đề xuất của các cơ quan, chủ trì"
                break
        if names and _authored(text, _list_start(text, names)):
            names = []  # "Kết luận số 126 của Bộ Chính trị chủ trì": the author cited is no subject
        aside = text[clause_start:_list_start(text, names)] if names else ""
        if aside.count("(") > aside.count(")"):
            continue  # "(báo cáo UBND thành phố, các Bộ chủ trì dự án)": bodies in an aside lead nothing here
        if names and (text[names[-1][2]:match.start()].strip(" ,").lower() in ("", "là cơ quan", "là đơn vị")
                      or text[names[-1][2]:match.start()].strip(" ,").lower() in _settings()["lead_adverbs"]["words"]
                      or _past_aside(text, names[-1][2]) == match.start()):
            listed, _ = bodies_at(text, names[0][1])
            if listed and listed[-1][2] == names[-1][2]:
                for name, start, end in listed:
                    add(name, start, end, "lead", "organisation:lead-before-verb")
            else:
                name, start, end = names[-1]
                add(name, start, end, "lead", "organisation:lead-before-verb")
        elif not names_in(text, clause_start, match.start()):
            owner = section_owner(outline, match.start()) or owner_of_functions
            if owner:
                add(*owner, "lead", "organisation:lead-section-owner")
    # implement: bodies a sentence assigns ("giao X ...", "đề nghị X ...", "yêu cầu X ...")
    for match in anchored(_assigning_regex(), text, word_anchors(_settings()["sentence_assigning_verbs"])):
        if any(s <= match.start() < e for s, e in signatures):
            continue
        bodies, end = bodies_at(text, match.end())
        directs = text[end:end + 20].lstrip(" \t").lower().startswith(tuple(_settings()["directing_verbs"]["words"]))
        if not bodies or not (_duty_follows(text, end) or directs):  # assigned-to-direct: "Yêu cầu X chỉ đạo ..."
            continue
        give_tasks(bodies, end, "organisation:assigned-in-sentence")
    # implement: "X chủ động ...", "X có trách nhiệm ...": the bodies a clause opens with
    for match in anchored(_duty_subject_regex(), text, word_anchors(_settings()["duty_subject_words"])):
        clause_start = _clause_start(text, match.start())
        opening = len(text[clause_start:match.start()]) - len(text[clause_start:match.start()].lstrip(" -+•*"))
        bodies, end = bodies_at(text, clause_start + opening)
        if bodies and text[end:match.start()].strip(" ,") == "":
            for name, start, stop in bodies:
                add(name, start, stop, "implement", "organisation:duty-subject")
    # implement: "- Mặt trận Tổ quốc, Đoàn Thanh niên, Hội Phụ nữ hỗ trợ người dân ...": a bullet's subjects
    for match in at_line_starts(r"[ \t]*[-+•][ \t]+", text):
        bodies, end = bodies_at(text, match.end())
        opens = bodies and (bodies[0][1] == match.end() or _plural_list_at(text, match.end()))  # "+ Các Bộ: Công an, ..."
        colon = re.match(r"[ \t]*:[ \t]*", text[end:end + 8])  # "- Sở Y tế ..., Ban Quản lý ...: Triển khai ..."
        if opens and (_party_duty_regex().match(text, _past_aside(text, end))
                      or colon and _party_duty_regex().match(text[end + colon.end():end + colon.end() + 40].lower())):
            give_tasks(bodies, end, "organisation:bullet-subject")
    # implement: "...: Các Sở, ban, ngành và Ủy ban nhân dân xã quy định số lượng ...": a clause's subjects
    read_at = {a.span[0] for a in found}
    for match in anchored(CLAUSE_AFTER_COLON, text, ((":", 0), (";", 0))):
        if match.end() in read_at:
            continue  # "các Đảng uỷ: Chính phủ; Bộ Tư pháp; ...": an item of a list already read whole
        bodies, end = bodies_at(text, match.end())
        if bodies and bodies[0][1] == match.end() and _party_duty_regex().match(text, _past_aside(text, end)) \
                and not any(_assigning_regex().search(name) for name, _, _ in bodies):  # "X chỉ thị Y": two
            give_tasks(bodies, end, "organisation:clause-subject")
    # implement: "số liệu do Sở Nông nghiệp và Môi trường tổng hợp": the agent of a duty
    for match in AGENT_WORD.finditer(text):
        bodies, end = bodies_at(text, match.end())
        if bodies and bodies[0][1] == match.end() and _party_duty_regex().match(text, end):
            give_tasks(bodies, end, "organisation:agent-of-duty")
    # implement: "Ban thường vụ cấp ủy cấp trên trực tiếp chỉ định ...", "..., cấp ủy các cấp căn cứ ..."
    read_at = {a.span[0] for a in found}
    for subjects, rule in ((party_subjects(text), "organisation:party-subject"),
                           (article_subjects(outline), "organisation:article-subject")):
        for name, start, stop in subjects:
            if start not in read_at:  # "các Đảng ủy: Chính phủ; Bộ Nội vụ và ...": an item already read whole
                add(name, start, stop, "implement", rule)
    # implement: "Điều 4. Bộ trưởng Bộ X; Chủ tịch UBND các tỉnh ... chịu trách nhiệm thi hành Quyết định này"
    for start_at, phrase_at, rule in _enforcement_clauses(outline):
        for name, start, stop in enforcement_list(text, start_at, phrase_at):
            add(name, start, stop, "implement", rule, _settings()["enforcement_list"]["max_words"])
    # implement: "Trước ngày 10/4/2025, Bộ Tư pháp ban hành ...": the doer of a dated duty
    for bodies, end in dated_subjects(text):
        verb = text[_past_aside(text, end):_past_aside(text, end) + 30].lstrip(" ,").lower()
        if _leads_after(text, end) or verb.startswith("phối hợp"):
            continue  # "Bộ Tư pháp chủ trì", "Bộ Nội vụ phối hợp": the lead and coordinate rules read it
        for name, start, stop in bodies:
            add(name, start, stop, "implement", "organisation:dated-duty-subject")
    # "2. Trách nhiệm của Bộ Tài chính\na) Chủ trì, ...": the body a title names, its duties below
    for bodies, role, _, _ in duty_titles(text):
        for name, start, stop in bodies:
            add(name, start, stop, role, "organisation:duty-title")
    # coordinate: "Sở Tài chính, Sở Nội vụ phối hợp ...": the bodies a clause opens with right before
    # the verb (coordinate-before-verb)
    for match in anchored(COORDINATE_WORD, text, COORDINATE_ANCHORS):
        window = max(0, match.start() - 300)  # a clause's subjects stand within its first words
        clause_start = max(text.rfind(c, window, match.start()) for c in "\n;:.") + 1
        if clause_start == 0 and window > 0:
            continue
        opening = CLAUSE_OPENING.match(text, clause_start, match.start()).end() - clause_start
        dated = _date_opening_regex().match(text, clause_start + opening)  # "Trước ngày 10/4, Bộ Nội vụ phối hợp ..."
        if dated and dated.end() <= match.start():
            opening = dated.end() - clause_start
        bodies, end = bodies_at(text, clause_start + opening)
        if bodies and text[end:match.start()].strip(" ,") in ("", "cùng", "tham gia"):
            for name, start, stop in bodies:
                add(name, start, stop, "coordinate", "organisation:coordinate-before-verb")
        elif match.start() == clause_start + opening:  # "1. Sở Y tế:\n- Phối hợp với ...": the item's body
            owner = section_owner(outline, match.start()) or owner_of_functions
            if owner:
                add(*owner, "coordinate", "organisation:coordinate-section-owner")
    # coordinate: "phối hợp (chặt chẽ) (với|cùng) <bodies>"
    for match in anchored(PARTNERS_AFTER, text, COORDINATE_ANCHORS):
        stop = _partners_end_regex()
        limit = min(len(text), match.end() + 300)
        end = stop.search(text, match.end(), limit)
        while end and end.group() == "\n" and (text.count("(", match.end(), end.start()) > text.count(
                ")", match.end(), end.start()) or _line_goes_on(text, end.start())):
            end = stop.search(text, end.end(), limit)  # a line wrapped inside a parenthesis or a name goes on
        listed = _plural_list_at(text, match.end())  # "phối hợp với các ngành: Giáo dục và Đào tạo, Văn hóa"
        if listed:
            end = re.compile(r"[\n;.]").search(text, listed[-1][2], limit)
        for name, start, stop_at in listed or names_in(text, match.end(), end.start() if end else match.end() + 300):
            if not collective_at(text, start) or _partner_class(name):  # "phối hợp với các sở, ngành": everyone
                # concerned, no one body; "phối hợp với các bộ, ngành": the ministries (partner-class)
                add(name, start, stop_at, "coordinate", "organisation:coordinate-after-verb")
    # report_to: "báo cáo ... về/cho/gửi <body>"
    for match in anchored(REPORT_TO, text, REPORT_ANCHORS):
        named = name_at(text, match.end())
        if named and not _generic(named[0]):
            add(named[0], match.end(), named[1], "report_to", "organisation:report-to")
    # report_to: "tổng hợp, báo cáo UBND tỉnh và Bộ Y tế": the bodies right after the verb (report-to-direct)
    for match in REPORT_BEFORE_NAME.finditer(text):
        bodies, end = bodies_at(text, match.end())
        if bodies and bodies[0][1] == match.end():
            for name, start, stop in bodies:
                add(name, start, stop, "report_to", "organisation:report-to-direct")
        apex = None if bodies else _apex_regex().match(text, match.end())
        for _ in range(3):  # report-to-apex: "báo cáo Chính phủ, Thủ tướng Chính phủ xem xét"; `apex` moves on
            if not apex:
                break
            add(apex.group(), apex.start(), apex.end(), "report_to", "organisation:report-to-apex")
            joined = re.match(r"(?:,|[ \t]+và)[ \t]+", text[apex.end():apex.end() + 6])
            apex = joined and _apex_regex().match(text, apex.end() + joined.end())
    # recipients: the lines below "Nơi nhận:", and a list the source flattened into one line
    recipient_blocks = [(m.end(), text[m.end():m.end() + 3000].split("\n")[1:40]) for m in re.finditer(r"Nơi nhận\s*:", text)]
    recipient_blocks += [(line_at, items) for line_at, items in flattened_recipients(text)
                         if not any(at <= line_at < at + 3000 for at, _ in recipient_blocks)]
    for pos, lines in recipient_blocks:
        for line in lines:
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


def _partner_class(name: str) -> bool:
    """partner-class: a class of the country's ministries and central bodies named as partners
    ("phối hợp với các bộ, ngành, địa phương", "các Bộ, cơ quan ngang Bộ"; partner_classes: its first
    member), a set the document's readers know, unlike "các sở, ngành" of whoever is concerned."""
    first = re.sub(r"^(?:[Cc]ác\s+)", "", name).split(",")[0].strip().casefold()
    return first in _settings()["partner_classes"]["first_members"]


def flattened_recipients(text: str) -> list[tuple[int, list[str]]]:
    """flattened-recipient-line: (line start, items) of each line that is a recipients' list the
    source wrote in one line, its items each opened by "- " and parted by ";", the last one the
    archive's ("- Ban Bí thư; - Các bộ, cơ quan ngang bộ; - HĐND, UBND các tỉnh; - Lưu: VT."):
    a table cell of "Nơi nhận" whose label was lost."""
    found = []
    for line in at_line_starts(r"[ \t]*-[ \t][^\n]{1,3000}$", text):
        items = re.split(r";[ \t]*-[ \t]+", line.group())
        if len(items) >= 3 and items[-1].lstrip().lower().startswith("lưu"):
            found.append((line.start(), items))
    return found


AREA_TAIL = re.compile(r"\s+(?:thị xã|thành phố|TP|tỉnh|huyện|quận|Thị ủy|Tỉnh ủy|Thành ủy|Huyện ủy)(?:\s+\S+)?$")


def recipient_names(item: str) -> list[tuple[str, int, int]]:
    """The bodies one line of "Nơi nhận" names, with where each is written in the line
    (start, length):
    "Các phòng: GDĐT, VH-TT" -> Phòng GDĐT, Phòng VH-TT; "HKH, HLHPN thị xã" -> HKH thị xã,
    HLHPN thị xã (the area written once after the last applies to all); "CT, PCT UBND tỉnh" is
    one record (titles alone, recipient_titles, name no body); "VPCP: BTCN, các Vụ" is VPCP
    (a body before its units); "UBND các tỉnh, TP trực thuộc trung ương" one record (an
    abbreviated area goes on the name)."""
    shared = re.match(r"^(?:[Cc]ác\s+)?(?P<head>phòng|sở|ban|hội|bộ)\s*:\s*", item, re.IGNORECASE)
    head = ""
    body_start = 0
    if shared:
        head = shared.group("head").capitalize() + " "
        body_start = shared.end()
    units = None if shared else re.match(r"^([^\s:,;][^:,;]{1,40}?)[ \t]*:[ \t]+\S", item)
    if units and (units.group(1).casefold() in _settings()["bare_heads"]["words"]
                  or all(re.sub(r"^các\s+", "", u.strip()) in _settings()["recipient_titles"]
                         for u in item[units.end() - 1:].split(","))):
        units = None  # "Cục: C07, A05" shares its head; "VPUB: CVP, PCVP" names officers of one body
    if units:  # body-before-its-units: "VPCP: BTCN, các PCN, các Vụ": the body is the recipient
        return [(units.group(1), 0, len(units.group(1)))]
    parts = [(m.group().strip(), body_start + m.start() + (len(m.group()) - len(m.group().lstrip())))
             for m in re.finditer(r"[^,;]+", item[body_start:])]
    parts = [(p, at) for p, at in parts if len(p) >= 2]
    # ", phường" after "xã": one body ("UBND các xã, phường")
    merged: list[tuple[str, int]] = []
    for part, at in parts:
        titles = _settings()["recipient_titles"]
        if merged and (part[:1].islower() and not _head_regex().match(part) or part.lower() in _words("area_words")
                       or part.split()[0] in _settings()["area_abbreviations"]["words"]  # "UBND các tỉnh, TP trực thuộc trung ương"
                       or merged[-1][0] in titles):  # "CT, PCT UBND tỉnh": the officers of one body
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
    """Leads and partners named in the columns of task tables ("CHỦ TRÌ", "PHỐI HỢP"), read
    by the table's header (`task_columns`: text glued before a table flattened one cell per
    line set aside), one record per body and role not already found."""
    seen = {(a.key, a.role) for a in already}
    found = []
    owner = _owner_header_regex()
    for table in tables:
        columns = task_columns(table)
        if "lead" not in columns:  # owner-column: "Cơ quan chủ quản dữ liệu" names the body each row is given
            owners = [i for i, cell in enumerate(table_header(table)) if owner.search(cell.text)]
            if owners:
                columns["implement"] = owners[0]
        for role in ("lead", "coordinate", "implement"):
            if role not in columns:
                continue
            for row in task_rows(table):
                cell = row[columns[role]]
                if cell is None:
                    continue
                for part in re.finditer(r"[^;\n]+", cell.text):
                    for name, offset, length in cell_bodies(part.group()):
                        name = name.strip()
                        if not is_complete_name(name):
                            continue
                        key = organisation_key(name, own_level)
                        if (key, role) in seen:
                            continue
                        seen.add((key, role))
                        start = cell.span[0] + part.start() + offset
                        found.append(Assignment(name, role, key, (start, start + length), f"organisation:{role}-table"))
    return found


@cache
def _owner_header_regex() -> re.Pattern:
    """owner-column: a table header naming the body that owns or answers for each row (owner_columns)."""
    return re.compile(rf"(?i)(?<!\w)(?:{_alternation(_settings()['owner_columns']['words'])})(?!\w)")


def cell_bodies(cell: str) -> list[tuple[str, int, int]]:
    """table-cell-bodies: the bodies one part of a lead or partner cell names, (name, start,
    length): a list read as in the text ("Sở Tài chính và cơ quan, địa phương liên quan" ->
    Sở Tài chính; the generic rest is no body), else as a line of "Nơi nhận" ("Phòng GDĐT,
    VH-TT")."""
    at = len(cell) - len(cell.lstrip())
    bodies, _ = bodies_at(cell, at)
    if bodies:
        return [(name, start, stop - start) for name, start, stop in bodies]
    if _collective_regex().match(cell, at) and not collective_at(cell, at):
        return []  # "Cơ quan, địa phương liên quan": everyone concerned, no body
    return recipient_names(cell)
