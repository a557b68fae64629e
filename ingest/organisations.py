"""Who is given what: lead (chủ trì), coordinate (phối hợp), implement, report to, and the
recipients (Nơi nhận), as `Assignment` records. One record per (body, role); bodies named in
different ways are one (``organisation_key``: "Phòng GD&ĐT", "Phòng Giáo dục và Đào tạo Quận"
and "phòng Giáo dục và Đào tạo" have one key). `extract_organisations` gives each body its
role from the words around it ("<body> chủ trì", "phối hợp với <body>", "báo cáo <body>"), at
the places a document assigns work (ingest/assignment_places.py), and reads the recipients;
`table_assignments` reads the columns of task tables; `section_owner` is the body named by
a heading above a place (the deadlines read it too). Names are read by
ingest/organisation_names.py."""

from __future__ import annotations

import re
from functools import cache

from ingest import patterns
from ingest.assignment_places import (article_subjects, body_headings, date_opening_regex, dated_subjects, duty_titles,
                                      enforcement_clauses, enforcement_list, functions_owner, party_duty_regex,
                                      party_subjects, past_lead_adverb, responsibility_items, signature_spans)
from ingest.keys import collective_regex as _collective_regex, organisation_key, issuer_key
from ingest.openings import word_alternatives, words
from ingest.organisation_names import (alternation, bodies_at, collective_at, head_regex, is_complete_name, is_generic,
                                       item_lead_regex, line_goes_on, name_at, names_in, plural_list_at, remember_document,
                                       stop_word_regex, trimmed, word_set)
from ingest.prefix_scan import anchored, at_line_starts, finditer
from ingest.records import Assignment
from ingest.segment import Outline
from ingest.tables import table_header, task_columns, task_rows


RESPONSIBLE_ROLES = ("lead", "coordinate", "implement")


# the words of the rules below, each pattern opening with a literal letter (ingest/openings.py)
LEAD_WORDS = re.compile(words(["chủ trì", "làm đầu mối", "chịu trách nhiệm chính"], whole=False) + r"(?!\w)")
AGENT_WORD = re.compile(words(["do"], any_case=False) + r"[ \t]+(?=[A-ZĐÀ-Ỹ])")  # "số liệu do Sở X tổng hợp"
COORDINATE_WORD = re.compile(words(["Phối hợp", "phối hợp"], any_case=False) + r"(?!\w)")
PARTNERS_AFTER = re.compile(r"[Pp]hối hợp(?: chặt chẽ)?(?: với| cùng(?: với)?)?\s+")  # "phối hợp (chặt chẽ) với"
REPORT_TO = re.compile(r"[Bb]áo cáo[^.;\n]{0,120}?\s(?:về|cho|lên|gửi về|gửi)\s+(?=\S)")  # "báo cáo ... về <body>"
CLAUSE_AFTER_COLON = re.compile(r"[:;][ \t]+(?=[A-ZĐÀ-Ỹ])")
REPORT_BEFORE_NAME = re.compile(words(["báo cáo"], any_case=False) + r"[ \t]+(?=[A-ZĐÀ-Ỹ])")
CLAUSE_OPENING = re.compile(r"[ \-+•*]*")  # the marks a clause may open with
COLON_AFTER = re.compile(r"[ \t]*:[ \t]*")  # "- Sở Y tế ...: Triển khai ...": the colon after a bullet's bodies
ITEM_MARKS = re.compile(r"^[\s:\-–+•]+")  # the colon and marks between a body and its duty
RECIPIENT_ITEM_BREAK = re.compile(r";[ \t]*-[ \t]+")  # "...; - ..." between the items of a flattened recipients' line


def _settings() -> dict:
    return patterns.load("organisations")


def _clause_start(text: str, end: int) -> int:
    """Where the clause that `end` is in starts: past the last line break, ";", ":" or "." before
    it (the text's start if none), looked for in the 200 characters before first."""
    low = max(0, end - 200)
    last = max(text.rfind(c, low, end) for c in "\n;:.")
    if last == -1 and low > 0:
        last = max(text.rfind(c, 0, low) for c in "\n;:.")
    return last + 1


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
    after = ITEM_MARKS.sub("", text[end:end + 60]).lower()
    after = past_lead_adverb(after)
    return after.startswith(tuple(_settings()["lead_words"]))


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


@cache
def _apex_regex() -> re.Pattern:
    """One of the highest bodies (apex_bodies), as a whole name (no capitalised word after it:
    "Chính phủ Việt Nam" is another name)."""
    return re.compile(rf"(?:{alternation(_settings()['apex_bodies']['words'])})(?!\w)(?![ \t]+[A-ZĐÀ-Ỹ&])")


def _authored(text: str, start: int) -> bool:
    """The body at `start` is named as an author or owner ("của Bộ Chính trị"; not the agent
    of "do Bộ Công an chủ trì", who leads)."""
    return bool(re.search(r"(?<!\w)của\s+(?:[Cc]ác\s+)?$", text[max(0, start - 12):start]))


_SUBJECT_RULES = frozenset({"organisation:bullet-subject", "organisation:clause-subject", "organisation:agent-of-duty"})


def extract_organisations(outline: Outline, own_level: str | None = None, issuer: str | None = None,
                          jurisdiction: str | None = None) -> list[Assignment]:
    """`own_level`: "district" or "province", the level of the document's own issuer;
    `issuer` (Identity.issuer) is never given a responsible role where it assigns the work."""
    text = outline.text
    remember_document(text)
    found: list[Assignment] = []
    signatures = signature_spans(text)
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
    for match in finditer(LEAD_WORDS, text):  # (tried where its words stand: ingest/prefix_scan.py)
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
    for match in finditer(_assigning_regex(), text):
        if any(s <= match.start() < e for s, e in signatures):
            continue
        bodies, end = bodies_at(text, match.end())
        directs = text[end:end + 20].lstrip(" \t").lower().startswith(tuple(_settings()["directing_verbs"]["words"]))
        if not bodies or not (_duty_follows(text, end) or directs):  # assigned-to-direct: "Yêu cầu X chỉ đạo ..."
            continue
        give_tasks(bodies, end, "organisation:assigned-in-sentence")
    # implement: "X chủ động ...", "X có trách nhiệm ...": the bodies a clause opens with
    for match in finditer(_duty_subject_regex(), text):
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
        if not opens:
            continue
        colon = COLON_AFTER.match(text, end, end + 8)  # "- Sở Y tế ..., Ban Quản lý ...: Triển khai ..."
        if party_duty_regex().match(text, _past_aside(text, end)) \
                or colon and party_duty_regex().match(text[colon.end():colon.end() + 40].lower()):
            give_tasks(bodies, end, "organisation:bullet-subject")
    # implement: "...: Các Sở, ban, ngành và Ủy ban nhân dân xã quy định số lượng ...": a clause's subjects
    read_at = {a.span[0] for a in found}
    for match in anchored(CLAUSE_AFTER_COLON, text, ((":", 0), (";", 0))):
        if match.end() in read_at:
            continue  # "các Đảng uỷ: Chính phủ; Bộ Tư pháp; ...": an item of a list already read whole
        bodies, end = bodies_at(text, match.end())
        if bodies and bodies[0][1] == match.end() and party_duty_regex().match(text, _past_aside(text, end)) \
                and not any(_assigning_regex().search(name) for name, _, _ in bodies):  # "X chỉ thị Y": two
            give_tasks(bodies, end, "organisation:clause-subject")
    # implement: "số liệu do Sở Nông nghiệp và Môi trường tổng hợp": the agent of a duty
    for match in AGENT_WORD.finditer(text):
        bodies, end = bodies_at(text, match.end())
        if bodies and bodies[0][1] == match.end() and party_duty_regex().match(text, end):
            give_tasks(bodies, end, "organisation:agent-of-duty")
    # implement: "Ban thường vụ cấp ủy cấp trên trực tiếp chỉ định ...", "..., cấp ủy các cấp căn cứ ..."
    read_at = {a.span[0] for a in found}
    for subjects, rule in ((party_subjects(text), "organisation:party-subject"),
                           (article_subjects(outline), "organisation:article-subject")):
        for name, start, stop in subjects:
            if start not in read_at:  # "các Đảng ủy: Chính phủ; Bộ Nội vụ và ...": an item already read whole
                add(name, start, stop, "implement", rule)
    # implement: "Điều 4. Bộ trưởng Bộ X; Chủ tịch UBND các tỉnh ... chịu trách nhiệm thi hành Quyết định này"
    for start_at, phrase_at, rule in enforcement_clauses(outline):
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
    for match in finditer(COORDINATE_WORD, text):
        window = max(0, match.start() - 300)  # a clause's subjects stand within its first words
        clause_start = max(text.rfind(c, window, match.start()) for c in "\n;:.") + 1
        if clause_start == 0 and window > 0:
            continue
        opening = CLAUSE_OPENING.match(text, clause_start, match.start()).end() - clause_start
        dated = date_opening_regex().match(text, clause_start + opening)  # "Trước ngày 10/4, Bộ Nội vụ phối hợp ..."
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
    for match in finditer(PARTNERS_AFTER, text):
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
    for match in finditer(REPORT_TO, text):
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
        items = RECIPIENT_ITEM_BREAK.split(line.group())
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
                       or merged[-1][0] in titles  # "CT, PCT UBND tỉnh": the officers of one body
                       or item[at - 1:at] == ","  # "Sở VH,TT&DL": a comma with no space after it is inside a name
                       or not head and _field_goes_on(merged[-1][0], part)):  # ("Các Sở: Tài chính, Nội vụ": one a part)
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


def _field_goes_on(before: str, part: str) -> bool:
    """A body's list of fields, closed by "và", goes on past a comma ("Sở Văn hóa" + "Thể thao
    và Du lịch", "Báo và Phát thanh" + "Truyền hình tỉnh"): the part after the comma opens with
    a capitalised word written in lower case after its first letter, no head word, and "và"
    stands in the part or before it."""
    first = part.split(" ", 1)[0]
    return first[:1].isupper() and not first.isupper() and not head_regex().match(part) \
        and (" và " in part or " và " in before)


def owner_name(text: str, pos: int) -> tuple[str, int, int] | None:
    """A body heading a paragraph, where its name starts and ends: "Phòng Giáo dục và Đào tạo
    Quận", "Đối với các trường ..." (the name after the lead words)."""
    lead = item_lead_regex().match(text, pos, pos + 20)  # "Đối với", "Giao", "Đề nghị"
    if lead:
        pos = lead.end()
    named = name_at(text, pos)
    if named and not is_generic(named[0]):
        return named[0], pos, named[1]
    return None


def section_owner(outline: Outline, offset: int) -> tuple[str, int, int] | None:
    for heading in reversed(outline.path_at(offset)):
        named = owner_name(outline.text, heading.end - len(heading.title))
        if named:
            return named
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
