"""Who is given what: lead (chủ trì), coordinate (phối hợp), implement, report to, and the
recipients (Nơi nhận). One record per (body, role); bodies named in different ways are one
(``organisation_key``: "Phòng GD&ĐT", "Phòng Giáo dục và Đào tạo Quận" and "phòng Giáo dục
và Đào tạo" have one key)."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ingest import patterns
from ingest.keys import collective_regex as _collective_regex, organisation_key, issuer_key
from ingest.openings import word_alternatives, words
from ingest.organisation_names import (SPACES, alternation, bodies_at, collective_at, head_regex, is_complete_name,
                                       is_generic, line_goes_on, name_at, name_start_regex, names_in, plural_list_at,
                                       remember_document, stop_word_regex, trimmed, word_set)
from ingest.prefix_scan import anchored, at_line_starts, word_anchors
from ingest.records import Assignment
from ingest.segment import Outline
from ingest.tables import table_header, task_columns, task_rows


RESPONSIBLE_ROLES = ("lead", "coordinate", "implement")


def _settings() -> dict:
    return patterns.load("organisations")


NON_SPACE = re.compile(r"\S")  # what str.strip() keeps
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
    asides = alternation(settings["asides"])  # "cấp ủy các cấp theo thẩm quyền xem xét"
    not_before = alternation(settings["not_before"])  # "quy định tại Điều 3" is a reference
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


CLAUSE_OPENING = re.compile(r"[ \-+•*]*")  # the marks a clause may open with


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
    openers = alternation(_settings()["duty_asides"]["openers"])
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
        if stop_word_regex().match(text, comma.end()):
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
    return bool(stop_word_regex().match(after))


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
    nouns = alternation(_settings()["nouns_after_to_chuc"]["words"])
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
    opener = re.compile(rf"(?:[Cc]ác\s+)?(?:(?:{titles})(?!\w)|{name_start_regex().pattern})")
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
        if is_generic(rest) or is_generic("các " + rest):
            continue  # "Thủ trưởng các cơ quan liên quan"
        names.append((name, at, at + len(text[at:stop].rstrip(" ,;"))))
    return names


@cache
def _duty_title_body() -> str:
    """A line titled by the body whose duties follow (duty_titles), after an optional article
    number or list mark; after "^" (at_line_starts)."""
    words = alternation(_settings()["duty_titles"]["words"])
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
    kinds, verbs = alternation(settings["kinds"]), alternation(settings["verbs"])
    statement = re.compile(rf"[ \t]+(?:{kinds})(?!\w)[^\n,;.]{{0,60}},[ \t]*(?:{verbs})(?!\w)")
    for found in statement.finditer(text):
        line_start = text.rfind("\n", 0, found.start()) + 1
        at = line_start + len(text[line_start:found.start()]) - len(text[line_start:found.start()].lstrip(" \t"))
        named = name_at(text, at) if head_regex().match(text, at) else None
        if named and named[1] == found.start() and is_complete_name(named[0]):
            return named[0], at, named[1]
    return None


@cache
def _date_opening_regex() -> re.Pattern:
    """A sentence's opening that dates its duty (date_openers) up to its comma, its first
    letter either case; the date is bounded."""
    openers = _settings()["date_openers"]["words"]
    words = alternation(openers + [w[:1].lower() + w[1:] for w in openers])
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
                                                       or text[end:end + 1] == " " and stop_word_regex().match(text, end + 1)):
            found.append((bodies, end))
    return found


@cache
def _apex_regex() -> re.Pattern:
    """One of the highest bodies (apex_bodies), as a whole name (no capitalised word after it:
    "Chính phủ Việt Nam" is another name)."""
    return re.compile(rf"(?:{alternation(_settings()['apex_bodies']['words'])})(?!\w)(?![ \t]+[A-ZĐÀ-Ỹ&])")


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
    remember_document(text)
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
        opens = bodies and (bodies[0][1] == match.end() or plural_list_at(text, match.end()))  # "+ Các Bộ: Công an, ..."
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
                ")", match.end(), end.start()) or line_goes_on(text, end.start())):
            end = stop.search(text, end.end(), limit)  # a line wrapped inside a parenthesis or a name goes on
        listed = plural_list_at(text, match.end())  # "phối hợp với các ngành: Giáo dục và Đào tạo, Văn hóa"
        if listed:
            end = re.compile(r"[\n;.]").search(text, listed[-1][2], limit)
        for name, start, stop_at in listed or names_in(text, match.end(), end.start() if end else match.end() + 300):
            if not collective_at(text, start) or _partner_class(name):  # "phối hợp với các sở, ngành": everyone
                # concerned, no one body; "phối hợp với các bộ, ngành": the ministries (partner-class)
                add(name, start, stop_at, "coordinate", "organisation:coordinate-after-verb")
    # report_to: "báo cáo ... về/cho/gửi <body>"
    for match in anchored(REPORT_TO, text, REPORT_ANCHORS):
        named = name_at(text, match.end())
        if named and not is_generic(named[0]):
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
        if merged and (part[:1].islower() and not head_regex().match(part) or part.lower() in word_set("area_words")
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
    if named and not is_generic(named[0]):
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
    return re.compile(rf"(?i)(?<!\w)(?:{alternation(_settings()['owner_columns']['words'])})(?!\w)")


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
