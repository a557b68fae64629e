"""Where a document assigns work, before any role is read: the clauses that open with their
doers and a verb of duty (`party_subjects` in Party directives, `article_subjects` in a
decision's articles, `dated_subjects` after the date a duty is due), the items of the sections
that assign tasks and of a directive's request (`responsibility_items`), headings that are
nothing but bodies (`body_headings`), titles naming the body whose duties follow
(`duty_titles`), the body a decree on functions is about (`functions_owner`), the clauses naming
who enforces the document (`enforcement_clauses`, `enforcement_list`), and where no body is
given work: "Nơi nhận" and the signature (`signature_spans`). The names are read by
ingest/organisation_names.py; ingest/organisations.py gives the bodies found here their roles."""

from __future__ import annotations

import os.path
import re
from functools import cache, lru_cache

from ingest import patterns
from ingest.keys import collective_regex as _collective_regex
from ingest.openings import words
from ingest.organisation_names import (SPACES, alternation, bodies_at, collective_at, head_regex, is_complete_name,
                                       is_generic, name_at, name_start_regex, stop_word_regex)
from ingest.prefix_scan import at_line_starts, finditer, lowered
from ingest.segment import Outline


NON_SPACE = re.compile(r"\S")  # what str.strip() keeps
LIST_GAP = re.compile(r"[ \t,;]*")  # what enforcement_list passes over between two parts
LIST_PART = re.compile(r"[^,;]+?(?=\s*[,;]|\s+và\s|$)")  # one part of an enforcement list, up to its "," ";" or "và"


def _settings() -> dict:
    return patterns.load("organisations")


@cache
def _party_clause_regex() -> re.Pattern:
    """Where a clause may open on Party bodies: a line's start (after a list mark such as "-",
    "(ii)", "3."), or after ";", ":", a sentence's end, a comma or "thì", with a Party word
    ("ủy", "đảng", party_bodies.marks) in its first words (bounded)."""
    marks = "|".join(map(re.escape, _settings()["party_bodies"]["marks"]))
    return re.compile(rf"(?:^[ \t]*(?:[-+•*][ \t]*|\(?[0-9ivxIVX]{{1,4}}[.)][ \t]*)?|[;:][ \t]+|[.,][ \t]+(?:thì[ \t]+)?|[ \t]thì[ \t]+)"
                      rf"(?=[^\n.;:]{{0,60}}?(?<!\w)(?:{marks})(?!\w))", re.MULTILINE)


@cache
def party_duty_regex() -> re.Pattern:
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
        if not bodies or bodies[0][1] != clause_end or not party_duty_regex().match(text, end):
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
            if bodies and bodies[0][1] == at and party_duty_regex().match(text, end):
                found += bodies
    return found


def signature_spans(text: str) -> list[tuple[int, int]]:
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


def past_lead_adverb(after: str) -> str:
    """lead-adverb: "tiếp tục chủ trì" leads as "chủ trì" does (lead_adverbs)."""
    for adverb in _settings()["lead_adverbs"]["words"]:
        if after.startswith(adverb + " "):
            return after[len(adverb) + 1:]
    return after


def _section_extent(outline: Outline, section) -> int:
    """Where a section ends: an article ("Điều 3. Tổ chức thực hiện") runs to the next article
    even when the outline gives its numbered clauses the article's own level."""
    if section.style != "article":
        return section.section_end
    following = [h.start for h in outline.headings_within(section.start + 1, len(outline.text))
                 if h.style == "article" or h.level < section.level]
    return following[0] if following else len(outline.text)


def enforcement_list(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The bodies and officers an article of enforcement names before its formula ("Điều 4.
    Trưởng Ban Chỉ đạo Nhà nước các chương trình, công trình, dự án ..., các Bộ trưởng, Thủ
    trưởng cơ quan ngang Bộ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương
    và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành"): the list is cut at ",",
    ";" and "và"; a part that opens with a head word or an officer's title (after "các") starts
    a name, a part that opens otherwise goes on with the name before it ("công trình", "thành
    phố trực thuộc Trung ương"), a part that opens with "các" and no head ("các cơ quan"), or
    in lower case after "và" ("và tổ chức, cá nhân có liên quan"), ends it. Officers of generic bodies ("Thủ trưởng các cơ quan liên quan") are no one body."""
    opener, officer, clip = _enforcement_list_regexes()
    found: list[list[int]] = []  # [start, end] of each name
    open_name = False
    pos = start
    while pos < end:  # pos moves past one part (or one whole collective) each turn
        at = LIST_GAP.match(text, pos, end).end()
        joined = text.startswith("và ", at)
        if joined:
            at += 3
        if at >= end:
            break
        collective = _collective_regex().match(text, at, end)
        part = LIST_PART.match(text, at, end)
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
def _enforcement_list_regexes() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """enforcement_list's (opener, officer, clip): what opens a name of the list (an officer's
    title, enforcement_list.titles, or a name's start), an officer's title before the body it heads
    (any case), and the words that clip a part ("nêu tại Điều 1"; clip_words)."""
    settings = _settings()["enforcement_list"]
    titles = "|".join(re.escape(t) for t in sorted(settings["titles"], key=len, reverse=True))
    opener = re.compile(rf"(?:[Cc]ác\s+)?(?:(?:{titles})(?!\w)|{name_start_regex().pattern})")
    officer = re.compile(rf"(?:{titles}|{'|'.join(map(re.escape, _officers_written()))})\s+(?:[Cc]ác\s+)?", re.IGNORECASE)
    clip = re.compile(r"\s(?:" + "|".join(map(re.escape, settings["clip_words"])) + r")(?!\w)")
    return opener, officer, clip


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
            duty = past_lead_adverb(re.sub(r"^[ \t]*(?:\(?(?:\d{1,2}|[a-zđ])[.)]|[-+•*])?[ \t]*", "", line).lower())
            if duty.startswith(tuple(_settings()["lead_words"])):
                roles.add("lead")
            elif duty.startswith(coordinate):
                roles.add("coordinate")
        found += [(bodies, role, start, line_end) for role in sorted(roles)]
    return found


@cache
def _kinds_opening() -> str:
    """What every kind of functions_statement opens with (a text holding none holds no kind)."""
    return os.path.commonprefix(_settings()["functions_statement"]["kinds"])


def functions_owner(text: str) -> tuple[str, int, int] | None:
    """body-of-functions: the body a decree on functions gives its duties to, from the line
    that opens with it and states them ("Bộ Nội vụ là cơ quan của Chính phủ, thực hiện chức
    năng quản lý nhà nước về ..."; functions_statement), the first such line; else None."""
    settings = _settings()["functions_statement"]
    if _kinds_opening() not in text or not any(kind in text for kind in settings["kinds"]):
        return None  # (most texts state no functions: no scan; the words every kind opens with, "là cơ quan", found first)
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
def date_opening_regex() -> re.Pattern:
    """A sentence's opening that dates its duty (date_openers) up to its comma, its first
    letter either case; the date is bounded."""
    openers = _settings()["date_openers"]["words"]
    words = alternation(openers + [w[:1].lower() + w[1:] for w in openers])
    return re.compile(rf"(?:{words})[ \t]+[^,;:\n]{{1,30}},[ \t]+(?=[A-ZĐÀ-Ỹ])")


def _date_openings(text: str):
    """The dated openings of sentences: capitalised at a line's start (after a list mark) or
    after a sentence's end, in lower case after a comma ("..., trước ngày 01/5, UBND cấp tỉnh
    lập hồ sơ")."""
    for match in finditer(date_opening_regex(), text):  # (tried where its words stand: ingest/prefix_scan.py)
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
        if bodies and bodies[0][1] == match.end() and (party_duty_regex().match(text, end)
                                                       or text[end:end + 1] == " " and stop_word_regex().match(text, end + 1)):
            found.append((bodies, end))
    return found


def enforcement_clauses(outline: Outline):
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
    index = lowered(text)
    for match in re.finditer(r"(?m):[ \t]*$", text):
        low = max(0, match.start() - 600)  # (a mark before it loses to it in the max)
        sentence_start = max(text.rfind("\n\n", low, match.start()), text.rfind(". ", low, match.start()),
                             text.rfind(".\n", low, match.start()), match.start() - 600)
        if next(finditer(_request_regex(), text, index, sentence_start, match.start()), None) is None:
            continue  # (its words looked up in the lowered document: ingest/prefix_scan.py)
        first = outline.heading_after(match.end())
        if first is None or text[match.end():first.start].strip(" \t\n*"):
            continue  # the request must open the list right away
        for heading in outline.headings_within(first.start, len(text)):
            if heading.level < first.level:
                break
            if heading.level == first.level and heading.style == first.style:
                yield heading.end - len(heading.title), True
