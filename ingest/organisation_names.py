"""Reading an organisation's name where the text names one: `name_at` reads a body's name from
its head word ("Sở Giáo dục và Đào tạo", "Ủy ban nhân dân các xã, phường"), or a name that has
none (`collective_at` "các sở, ban, ngành", `categories_at` "lực lượng công an", `party_body_at`
"các tỉnh ủy, thành ủy"); `bodies_at` the list of bodies a clause opens with, `names_in` every
body between two positions; `is_complete_name` tells a name from a fragment, `trimmed` writes
it as a record does. What name_at, bodies_at and names_in find is kept for the text last given
to `remember_document` (one per thread). The words are ingest/patterns/organisations.json.
Nothing here knows where a document assigns work (ingest/assignment_places.py) or the roles it
gives (ingest/organisations.py): both read their names here."""

from __future__ import annotations

import itertools
import re
import threading
from functools import cache, lru_cache

from ingest import patterns
from ingest.keys import collective_regex as _collective_regex


SPACES = re.compile(r"\s+")
SLASH = re.compile(r"[ \t]*/[ \t]*")
OPENING_PARENTHESIS = re.compile(r"[ \t]*\(")
PLURAL_WORD = re.compile(r"[Cc]ác\s+")
PLURAL_HEAD = re.compile(r"([Cc]ác\s+(?:\w+ )?\w+)\s*:?\s*(?=[A-ZĐÀ-Ỹ])")  # "Các Sở: Tài chính, ..."
LIST_SEPARATOR = re.compile(r"\s?(?:,|;|và|,\s*và)\s+")
NAME_TOKEN = re.compile(r"[^\s,;:.()“”\"*]+|[,;:.()“”\"*]")  # a word, or one mark
NAME_CHARACTER = re.compile(r"[\w&\-–/]")
LIST_MARK_LETTER = re.compile(r"[a-zđ]")
LIST_MARK = re.compile(r"(?:(?:\d{1,3}\.){1,4}|[\dIVXLC]{1,5}[.)]|[a-zđ][.)])")  # "1.2.", "IV.", "a)": an item's number
MEMBER_BREAK = re.compile(r",|\bvà\b")  # between the members of a collective
WORD_AT_END = re.compile(r"\w$")


def _settings() -> dict:
    return patterns.load("organisations")


@cache
def head_regex() -> re.Pattern:
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
def stop_word_regex() -> re.Pattern:
    """A word that ends a body's name (a verb, "trên địa bàn"), as a whole word."""
    compounds = _settings()["stop_word_compounds"]["words"]  # "chương trình" is no verb "trình"

    def spelt(word: str) -> str:  # the stop word, not after the words a compound has before it
        befores = {c[:-len(word) - 1] for c in compounds if c.endswith(" " + word)}
        return "".join(f"(?<!{re.escape(f)} )" for b in sorted(befores) for f in (b, b.capitalize())) + re.escape(word)
    return re.compile("(?:" + "|".join(spelt(w) for w in _settings()["stop_words"]) + r")(?!\w)")


@cache
def _stop_initials() -> frozenset[str]:
    """The first letters of the stop words: stop_word_regex matches only where one stands (its
    lookbehinds take no text), so a word opening otherwise ("Tài", "Giáo") needs no try."""
    return frozenset(w[:1] for w in _settings()["stop_words"])


@cache
def _compound_regex() -> re.Pattern:
    """A noun of several lower-case words written like a stop word at its end (stop_word_compounds:
    "công nghệ thông tin"): one word of a name, as a whole word."""
    return re.compile(r"(?:" + alternation(_settings()["stop_word_compounds"]["words"]
                                            + _settings()["place_compounds"]["words"]) + r")(?!\w)")


@cache
def _place_compound_regex() -> re.Pattern:
    """place-compound: a kind of zone a body's name holds in lower case ("khu công nghệ cao", "khu
    công nghiệp"; place_compounds), as a whole word."""
    return re.compile(r"(?:" + alternation(_settings()["place_compounds"]["words"]) + r")(?!\w)")


@cache
def word_set(key: str) -> frozenset[str]:
    """The words listed under `key` (ingest/patterns/organisations.json), as a set."""
    return frozenset(_settings()[key])


@cache
def _area_openings() -> frozenset[str]:
    """The first words of the area words of two words or more ("thành" of "thành phố"): a word
    and the next make one only when the first is one of these."""
    return frozenset(w.split(" ")[0] for w in _settings()["area_words"] if " " in w)


@cache
def name_start_regex() -> re.Pattern:
    """Where a body's name may start: an envoy, a Party body, a head word, a collective, or a
    category."""
    return re.compile(_envoy_regex().pattern + "|" + _party_regex().pattern + "|" + head_regex().pattern + "|"
                      + _collective_regex().pattern + "|" + _category_regex().pattern + "|" + _unit_of_regex().pattern)


@cache
def _unit_of_regex() -> re.Pattern:
    """unit-of-named-body: a unit word in lower case, then "của" and a capitalised body ("các ban
    của Hội đồng nhân dân", "các phòng của Sở Y tế"; units_of_bodies), or a unit written right
    before its owner ("các cơ quan chuyên môn Bộ Công an"; before_owner)."""
    units = alternation(_settings()["units_of_bodies"]["words"])
    direct = alternation(_settings()["units_of_bodies"]["before_owner"])  # "cơ quan chuyên môn Bộ Công an"
    return re.compile(rf"(?<!\w)(?:(?:{units})[ \t]+của|(?:{direct}))[ \t]+(?=[A-ZĐÀ-Ỹ])")


def _unit_of_at(text: str, pos: int) -> tuple[str, int] | None:
    """unit-of-named-body: the unit at `pos` named by the body it belongs to ("ban của Hội đồng
    nhân dân Thành phố") and where its name ends; None when no body's name follows "của"."""
    unit = _unit_of_regex().match(text, pos)
    if not unit or not head_regex().match(text, unit.end()):
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
    return re.compile(rf"(?<!\w)(?:{alternation(words + [w[:1].upper() + w[1:] for w in words])})(?!\w)")


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
    words = alternation(_settings()["class_headings"]["words"])
    return re.compile(rf"(?m)^[ \t]*\(?(?:\d{{1,2}}|[a-zđ])[.)][ \t]*(?:[Cc]ác[ \t]+)?"
                      rf"(?P<name>(?i:{words})(?!\w)[^\n;.():]{{1,120}}?)[ \t]*:?[ \t]*$")


@cache
def _class_word_regex() -> re.Pattern:
    """What a class heading's name opens with at its place: "các" and a class word (any case), or
    the word alone (_class_heading_regex's name group)."""
    return re.compile(rf"(?:[Cc]ác[ \t]+)?(?i:{alternation(_settings()['class_headings']['words'])})(?!\w)")


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


def alternation(words) -> str:
    """`words` escaped as one regex alternation, the longest first (tried before a shorter word
    it opens with)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _category_regex() -> re.Pattern:
    """A category written in lower case ("lực lượng công an", "ngành giáo dục", categories):
    its head and kind, an optional area word."""
    kinds = {h: k for h, k in _settings()["categories"].items() if not h.startswith("_")}
    heads = "|".join(rf"{re.escape(h)}[ \t]+(?:{alternation(k)})" for h, k in kinds.items())
    return re.compile(rf"(?<!\w)(?i:{heads})(?!\w)(?:[ \t]+(?:{alternation(_settings()['area_words'])})(?!\w))?")


@cache
def _category_place_regex() -> re.Pattern:
    """category-keeps-its-place: "trên địa bàn (tỉnh)", "thuộc phạm vi quản lý" after a category."""
    places = _settings()["category_places"]
    return re.compile(rf"[ \t]+(?:{alternation(places['words'])})(?:[ \t]+(?i:{alternation(_settings()['area_words'])})(?!\w))?(?!\w)")


def _keeps_place(head: str) -> bool:
    return head.casefold() in _settings()["category_places"]["heads"]


@cache
def _kinds_regex(head: str) -> re.Pattern:
    """The kinds of one category head, an optional area word after."""
    return re.compile(rf"(?i:{alternation(_settings()['categories'][head])})(?!\w)"
                      rf"(?:[ \t]+(?:{alternation(_settings()['area_words'])})(?!\w))?")


def categories_at(text: str, pos: int) -> list[tuple[str, int, int]]:
    """shared-category-head: the categories written at `pos` ("lực lượng công an", "đơn vị cấp
    nước sạch trên địa bàn thành phố", its place kept: category-keeps-its-place), and the kinds after it sharing its head, comma by
    comma ("lực lượng quân đội, công an" -> lực lượng quân đội, lực lượng công an)."""
    match = _category_regex().match(text, pos)
    if not match:
        return []
    head = next(h for h in _settings()["categories"] if text[pos:pos + len(h)].casefold() == h)
    kind_at = pos + len(head) + 1
    if text[kind_at:kind_at + 1].isupper() and head_regex().match(text, kind_at):
        return []  # "lực lượng Công an thành phố" names the body "Công an thành phố" itself
    place = _category_place_regex().match(text, match.end())
    end = place.end() if place else match.end()
    found = [(SPACES.sub(" ", text[pos:end]), pos, end)]
    kinds = _kinds_regex(head)
    for _ in range(8):  # at most eight kinds; `end` moves past each
        sep = re.match(r",[ \t]+", text[end:end + 4])
        kind = sep and kinds.match(text, end + sep.end())
        if not kind or re.match(r"[ \t]*[^\W\d_]", text[kind.end():kind.end() + 2]) \
                and not stop_word_regex().match(text, kind.end() + 1):
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
    members = [m.strip().lower() for m in MEMBER_BREAK.split(match.group())]
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
    goes on in the next (`line_goes_on`)."""
    line_start = text.rfind("\n", 0, pos) + 1
    opening = text[line_start:pos].strip(" \t-+•*")
    if not opening or LIST_MARK.fullmatch(opening):
        return False  # the name heads its own line or item: its line end is its end
    return line_goes_on(text, newline)


def line_goes_on(text: str, newline: int) -> bool:
    """The line ending at `newline` breaks a name: it ends on a word of a capitalised compound
    ("Công", "Liên hiệp", not "xã hội"), and the next line (past one blank line at most) opens
    with a capitalised word that is neither a new body's head, a verb nor a list marker."""
    line = text[text.rfind("\n", 0, newline) + 1:newline]
    last = line.split()[-3:]
    if not WORD_AT_END.search(line) or not any(w[:1].isupper() for w in last):
        return False
    after = newline + 1 + (1 if text[newline + 1:newline + 2] == "\n" else 0)
    nxt = text[after:after + 80].split("\n", 1)[0]
    if not re.match(r"[A-ZĐÀ-Ỹ][^\W\d_]*(?:\s|,|$)", nxt):
        return False
    if head_regex().match(nxt) and not _head_across(last, nxt):
        return False
    if stop_word_regex().match(nxt.lower()) or nxt.lower().startswith(tuple(_settings()["verbs_never_closing"])):
        return False
    return True


def _head_across(last: list[str], nxt: str) -> bool:
    """head-across-line: the line's last words and the next line's first make one head word
    ("Ủy ban Mặt trận" + "Tổ quốc Việt Nam tỉnh": "Mặt trận Tổ quốc", not a new body "Tổ")."""
    for k in range(len(last)):
        joined = " ".join(last[k:]) + " "
        head = head_regex().match(joined + nxt)
        if head and head.end() > len(joined):
            return True
    return False


def _head_over_line(text: str, pos: int) -> re.Match | None:
    """head-across-line: a head word the source broke over a line ("Ủy ban Mặt trận" +
    "Tổ quốc Việt Nam tỉnh"), matched on its line joined to the next (one character for one, so
    its length is its length in the text)."""
    newline = text.find("\n", pos, pos + 40)
    if newline == -1:
        return None
    head = head_regex().match(text[pos:newline] + " " + text[newline + 1:newline + 60])
    return head if head and line_goes_on(text, newline) else None  # (the cheaper test first)


class _DocumentMemo:
    """What name_at and bodies_at found at each position of one document's text, and names_in
    between two positions (functions of the text and the positions alone): the rules ask again and again at the same
    places (an item's opening is a clause's and a bullet's). One per thread, for the text last
    given to remember_document (extract_organisations gives it each document's; the deadlines
    read it after); other texts are read anew."""
    __slots__ = ("text", "names", "bodies", "spans")

    def __init__(self, text: str):
        self.text, self.names, self.bodies, self.spans = text, {}, {}, {}


_memo = threading.local()
_UNREAD = object()  # no answer kept yet (None is one)


def _memo_of(text: str) -> _DocumentMemo | None:
    memo = getattr(_memo, "document", None)
    return memo if memo is not None and memo.text is text else None


def remember_document(text: str) -> None:
    """From now on, in this thread, name_at, bodies_at and names_in keep what they find in `text`
    (until another text is given)."""
    _memo.document = _DocumentMemo(text)


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


@cache
def _headless_name_regex() -> re.Pattern:
    """Where a name without a head word may stand: one of the regexes collective_at,
    party_body_at, _unit_of_at, _holder_at, _class_heading_at and categories_at open with (a
    match of the alternation at a position is a match of one of them there), so where it does
    not match, none of them reads a name and name_at goes on to the head word."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in (
        _collective_regex(), _envoy_regex(), _party_regex(), _unit_of_regex(), _holder_regex(), _class_word_regex(),
        _category_regex())))


def _name_at(text: str, pos: int) -> tuple[str, int] | None:
    if not _name_opening_regex().match(text, pos):
        return None
    if _headless_name_regex().match(text, pos):
        collective = collective_at(text, pos) or party_body_at(text, pos) or _unit_of_at(text, pos) \
            or _holder_at(text, pos) or _class_heading_at(text, pos)
        if collective:
            return collective
        categories = categories_at(text, pos)
        if categories:
            return categories[0][0], categories[0][2]
    head = head_regex().match(text, pos) or _head_over_line(text, pos)
    if not head:
        return None
    area_words, connectors, stop_initials = word_set("area_words"), word_set("connectors"), _stop_initials()
    area_openings = _area_openings()
    heads, stops, type_word, compound_word = head_regex(), stop_word_regex(), _type_word_regex(), _compound_regex()
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
        if word[:1] in stop_initials and stops.match(window, tokens[i].start()):  # stop words are lower case: a
            break  # name's capitalised word never stops it
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
        low = word.lower()
        following = tokens[i + 1].group() if has(i + 1) else ""
        if low in area_words or low in area_openings or "/" in word or "/" in following:  # (else none is an area)
            two = f"{word} {following}".lower() if following else ""
            slashed = "/" in two and (_area_alternatives(two, area_words) or _area_alternatives(word, area_words))
        else:
            two, slashed = "", False
        if (two in area_words or low in area_words or slashed) and two not in settings["not_areas"]:
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
    if not head_regex().match(window, after) or len(first.split()) < 2 or not is_complete_name(first):
        return None
    return pos + len(first)


def past_alternatives(text: str, end: int) -> int:
    """slash-alternatives: past the other alternatives written after a name's first ("/ Phòng
    Kinh tế, Hạ tầng và Đô thị"), so they are read as no body of their own; `end` grows."""
    for _ in range(3):  # at most three alternatives; `end` moves past each
        slash = SLASH.match(text, end, end + 8)
        named = slash and head_regex().match(text, slash.end()) and name_at(text, slash.end())
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
    return re.compile(rf"[ \t]+(?:{tails})(?:[ \t]+(?i:{areas}))?(?=[ \t]*(?:[,;:.)\n]|và\s|$)|[ \t]+(?:{stop_word_regex().pattern}))")


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
        head = name_start_regex().search(text, pos, end)
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
        if not is_generic(name):
            found.append((name, head.start(), stop))
        pos = max(past_alternatives(text, stop), head.end(), head.start() + 1)
    return found


def is_generic(name: str) -> bool:
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
    if not words or len(words) > max_words or is_generic(name) or not re.search(r"[^\W\d_]", name):
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
    area = word_set("area_words")
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
               for match in stop_word_regex().finditer(name))


def plural_list_at(text: str, pos: int) -> list[tuple[str, int, int]]:
    """ "Các Sở: Tài chính, Nội vụ, Y tế" (or without the colon) -> Sở Tài chính, Sở Nội vụ,
    Sở Y tế, each with the span of its own words."""
    if not PLURAL_WORD.match(text, pos):
        return []  # (PLURAL_HEAD opens with it)
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
        named = name_at(text, at) if ":" not in match.group() and head_regex().match(text, at) else None
        if named:
            break  # a body with its own head word ends the shared list (after a colon every item
            # is a member: "Các Bộ: Công an, Tư pháp" is Bộ Công an, Bộ Tư pháp)
        part = re.match(r"[A-ZĐÀ-Ỹ][^,;:.()\n]{0,60}?(?=\s*(?:,|;|:|\.|\(|\n|$| và )|"
                        r"\s+(?:" + stop_word_regex().pattern + "))", text[at:at + 80])
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
        part = re.match(r"\s*([^;.:]{1,120}?)\s*(;|$|(?=\s+và\s)|(?=\s+(?:" + stop_word_regex().pattern + ")))",
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
def item_lead_regex() -> re.Pattern:
    """The words an item leads in with before its bodies ("Đề nghị", "Giao", "Đối với")."""
    return re.compile("(?:" + "|".join(map(re.escape, _settings()["item_lead_words"])) + r")\s+")


@cache
def _type_word_regex() -> re.Pattern:
    """A document's type word ("Kế hoạch", "Quyết định"), any case, as a word."""
    return re.compile(r"(?i)(?:" + "|".join(map(re.escape, _settings()["type_words"])) + r")\b")


@cache
def _opening_clause_regex() -> re.Pattern:
    """circumstance-before-subject: a clause of circumstance (opening_clauses) up to its comma, bounded."""
    return re.compile(rf"(?:{alternation(_settings()['opening_clauses']['words'])})[ \t][^,;:.\n]{{1,100}}, ")


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


@cache
def _subject_opening_regex() -> re.Pattern:
    """What _bodies_at reads first at a position: a clause of circumstance, a lead word or a
    name's first word (its three regexes as one alternation): where none stands, no body does."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in (_opening_clause_regex(), item_lead_regex(),
                                                            _name_opening_regex())))


def _bodies_at(text: str, pos: int) -> tuple[list[tuple[str, int, int]], int]:
    if not _subject_opening_regex().match(text, pos):
        return [], pos  # (most places a rule asks at open with no name: one regex tells)
    grounds = _opening_clause_regex().match(text, pos, pos + 120)  # "Căn cứ Kế hoạch này, Sở ..." (circumstance-before-subject)
    if grounds:
        pos = grounds.end()
    lead = item_lead_regex().match(text, pos, pos + 20)
    if lead:
        pos = lead.end()
    if not _name_opening_regex().match(text, pos):
        return [], pos  # no name, no plural list, no category opens here ("các" is a first word)
    bodies: list[tuple[str, int, int]] = []
    end = pos
    for _ in range(24):  # at most 24 bodies; `pos` moves past each
        plural = plural_list_at(text, pos)
        if plural:
            bodies += plural
            end = plural[-1][2]
        else:
            plural = PLURAL_WORD.match(text, pos, pos + 6)
            categories = categories_at(text, plural.end() if plural else pos)
            if len(categories) > 1:
                bodies += categories
                end = categories[-1][2]
                sep = LIST_SEPARATOR.match(text, end, end + 12)
                if not sep:
                    break
                pos = sep.end()
                continue
            named = name_at(text, pos)
            if (not named or not is_complete_name(named[0])) and plural:  # "các doanh nghiệp viễn thông"
                pos = plural.end()
                named = name_at(text, pos)
            if not named or not is_complete_name(named[0]):
                break
            bodies += _prefix_shared(text, named[0], pos, named[1])
            end = past_alternatives(text, named[1])
            members, closing = _members_in_parentheses(text, end)
            if members:
                bodies += members
                end = closing
        sep = LIST_SEPARATOR.match(text, end, end + 12)
        if not sep:
            break
        pos = sep.end()
        plural = PLURAL_WORD.match(text, pos, pos + 6)
        named_at = plural.end() if plural else pos
        if not name_start_regex().match(text, named_at) and not name_start_regex().match(text, pos) \
                and not _holder_regex().match(text, named_at):
            break
    return _shared_complements(text, bodies), end


def _members_in_parentheses(text: str, end: int) -> tuple[list[tuple[str, int, int]], int]:
    """members-in-parentheses: the named members a category lists in parentheses right after
    it ("các doanh nghiệp viễn thông (VNPT, Viettel, MobiFone và doanh nghiệp khác)"), each a
    body of the list (not the unnamed rest, "doanh nghiệp khác"), and where the parenthesis
    closes; nothing when the parenthesis holds anything but names."""
    opening = OPENING_PARENTHESIS.match(text, end, end + 4)
    if not opening:
        return [], end
    close = text.find(")", end, end + 200)
    if close == -1:
        return [], end
    members = []
    at = opening.end()
    tails = tuple(" " + t for t in _settings()["collective"]["tails"])
    for _ in range(12):  # at most twelve members; `at` moves past each
        at += len(text[at:close]) - len(text[at:close].lstrip())
        named = name_at(text, at) if head_regex().match(text, at) else None
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
        head = head_regex().match(text, start)
        if not head or head.end() != stop or text[stop:bodies[i + 1][1]] != " và ":
            continue
        following, next_start, next_stop = bodies[i + 1]
        inner = re.search(r"\s(?=[A-ZĐÀ-Ỹ])", text[next_start:next_stop])
        if inner and head_regex().match(text, next_start + inner.end()):
            shared[i] = (f"{name} {text[next_start + inner.end():next_stop]}", start, next_stop)
    return shared
