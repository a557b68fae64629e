"""The relations a text states between documents: the verb that governs each mention
(relation_cues.json), its subject (the document itself or a cited one), lists sharing one
verb, passive forms; and the document's own relation to each cited document, by where the
text states it (ingest/document_parts.py) and a stated precedence."""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from ingest import patterns
from ingest.document_parts import DocumentParts, opens_its_clause
from ingest.document_types import TYPE_WORDS
from ingest.mentions import COORDINATION, SUBJECT_OPENER, Mention
from ingest.nlp import TextTokens, cue_spans_within
from ingest.openings import words
from ingest.records import Identity, Relation


NORMATIVE_TYPES = {"NĐ", "TT", "TTLT", "L", "PL", "QyĐ", "QC", "NQLT"}


# small patterns of the rules below, compiled once
CLAUSE_BREAK = re.compile(r"[;:\n]")
AND_ONLY = re.compile(r"(?i)[\s,]*(?:và|đồng thời|và đồng thời)[\s,]*")
AND_AT_END = re.compile(r"(?:\bvà|\bđồng thời|,)\s*$")
LIST_GOES_ON = re.compile(r"(?:[,;]|\b(?:và|hoặc|cùng|cũng như))[\s()]*$")
WORDS = re.compile(r"[^\W_]+")
ABOUT = re.compile(r"\bvề\b")
FULL_STOP = re.compile(r"\.\s")
NUMBER_WITH_YEAR = re.compile(r"^\d+/(?:19|20)\d\d/")


SENTENCE_END = re.compile(r"\n|\.\s+(?=[A-ZĐÀ-Ỹ])")


CLAUSE_END = re.compile(r"[;:]")


MODAL_BEFORE = re.compile(r"(?i)(?:" + "|".join(patterns.relation_cues()["modal_before"]) + r")\s+(?:\S+\s+){0,2}$")


# a sentence that asks for something ("Đề nghị ...", "(2) Xem xét, sửa đổi ...")
REQUEST_CLAUSE = re.compile(r"\W*(?:\(?\d+\)\s*)?(?:" + "|".join(
    p.capitalize() for p in patterns.relation_cues()["modal_before"]) + r")\b")


# relation:circumstance: "do thực hiện ... theo Kết luận số 183-KL/TW" (because of): no act
CIRCUMSTANCE_BEFORE = re.compile(r"(?i)(?<!\w)(?:" + "|".join(
    map(re.escape, patterns.relation_cues()["circumstance_before"])) + r")\s+$")


# relation:expiry: "3. Nghị quyết số 01/2024/NQ-HĐND ... hết hiệu lực kể từ ngày ...": the
# verb follows the document that opens its sentence (after a list marker at most); the words in
# any case (words(): each opening with its letter, so the text is not tried everywhere)
EXPIRY_AFTER = re.compile(words(list(map(re.escape, patterns.relation_cues()["expiry_after"]))) + r"(?!\w)")
SENTENCE_OPENING = re.compile(r"[\s*_\-+•]*(?:(?:\d{1,2}|[a-zđ])[.)]\s*)?")


PASSIVE_BEFORE = re.compile(r"(?:" + "|".join(patterns.relation_cues()["passive_before"]) + r")\s+$")


PASSIVE_AFTER = re.compile(r"^\s*(?:" + "|".join(patterns.relation_cues()["passive_after"]) + r")\s")


def _attached(gap: str) -> bool:
    """Text between a mention and a verb that keeps the verb in the mention's description:
    nothing, "về việc", a few words ("phê duyệt Kế hoạch"), or the rest of a long issuer
    name up to "về" and a few words after it; never a clause break, nor "và" (a second verb
    of the same subject: "thực hiện Nghị quyết 57 và thi hành Luật Đất đai")."""
    if CLAUSE_BREAK.search(gap) or AND_ONLY.fullmatch(gap):
        return False
    if len(WORDS.findall(gap)) <= 4:
        return True
    about = list(ABOUT.finditer(gap))
    return bool(about) and len(WORDS.findall(gap[about[-1].end():])) <= 6


def is_normative(identity: Identity) -> bool:
    """A legal normative document (decree, circular, law, Party regulation, a resolution
    numbered with its year) states rules: its "thực hiện theo X" means "done as X says", not
    that the document implements X."""
    if identity.type in NORMATIVE_TYPES:
        return True
    return bool(identity.number and NUMBER_WITH_YEAR.match(identity.number))


class Cue(NamedTuple):
    """A verb phrase of relation_cues.json found in the text."""
    label_: str
    start_char: int
    end_char: int
    text: str


def relate(text: str, mentions: list[Mention], normative: bool = False,
           parts: DocumentParts | None = None, tokens: TextTokens | None = None) -> list[Relation]:
    settings = patterns.relation_cues()
    max_gap = settings["max_gap"]
    sentence_starts = [_last_boundary(SENTENCE_END, text, m.start) if m.within is None else m.start
                       for m in mentions]
    # a mention's verb stands in its sentence before it: only the cues there are read
    regions = [(start, m.start) for start, m in zip(sentence_starts, mentions)]
    cues = [Cue(label, start, end, text[start:end]) for label, start, end in cue_spans_within(text, regions, tokens)]
    cue_ends = sorted(cues, key=lambda s: s.end_char)
    cue_end_chars = [span.end_char for span in cue_ends]

    relations: list[Relation] = []
    for i, mention in enumerate(mentions):
        if mention.within is not None:  # "Luật sửa đổi, bổ sung ... Luật Kế toán": amended by it
            relations.append(Relation(mention.within, "amends", mention.ref, (mention.start, mention.end),
                                      rule="relation:amending-law-name"))
            continue
        sentence_start = sentence_starts[i]
        clause_start = max(sentence_start, _last_clause_end(text, mention.start))
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
            words = WORDS.findall(between)
            located = bool(words) and words[-1].lower() in settings["located_words"]
            if normative and span.label_ == "implements" and \
                    any(w.lower() in settings["located_words"] for w in words):
                break  # "thì thực hiện theo Thông tư số 69/2021/TT-BTC": a rule, not implementation
            if len(words) <= max_gap or (located and len(words) <= settings["located_gap"]):
                cue = span
            break
        if cue is None and parts is not None and parts.in_preamble(mention.start):
            cue = _list_head_cue(text, cue_ends, cue_end_chars, clause_start, sentence_start, mention.start)
        if cue is not None and cue.label_ in ("amends", "repeals", "approves") and \
                (MODAL_BEFORE.search(text, max(0, cue.start_char - 40), cue.start_char)
                 or REQUEST_CLAUSE.match(text, sentence_start, cue.start_char)):
            # "Đề nghị Bộ Nội vụ ... sửa đổi Nghị định ...": an act asked for, not done. (A
            # request to implement, "Đề nghị các đơn vị thực hiện ...", is how directions are
            # worded and stays an implementation.)
            cue = None
        if cue is not None and CIRCUMSTANCE_BEFORE.search(text, max(0, cue.start_char - 12), cue.start_char):
            cue = cue._replace(label_="cites")  # relation:circumstance
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
                and not CLAUSE_BREAK.search(text[previous.end:cue.start_char])
            passive = (unbroken and PASSIVE_BEFORE.search(text, max(0, cue.start_char - 12), cue.start_char)) \
                or (attached and PASSIVE_AFTER.match(text[cue.end_char:mention.start]))
            if passive:  # "178/2024/NĐ-CP (được sửa đổi, bổ sung tại Nghị định số 67/2025/NĐ-CP)"
                relations.append(Relation(mention.ref, cue.label_, previous.ref,
                                          (previous.start, mention.number_span[1] if mention.number_span else mention.end),
                                          cue.text))
                mention.subject, mention.predicate = None, None
                mention.passive = (cue.label_, previous.ref, cue.text)
                continue
            mention.subject, mention.predicate = subject, cue.label_
            mention.cue = (cue.start_char, cue.end_char, cue.text)
        elif previous and previous.passive and COORDINATION.match(text[previous.end:mention.start]):
            # "... được sửa đổi, bổ sung bởi Luật số 67/2020/QH14 và Luật số 88/2025/QH15": both amend
            predicate, target, verb = previous.passive
            relations.append(Relation(mention.ref, predicate, target, (mention.start, mention.end), verb))
            mention.passive = previous.passive
            continue
        elif previous and _coordinated(text[previous.end:mention.start]):
            governor = _governor(mentions, i, sentence_start, text)
            if governor is not None:
                mention.subject, mention.predicate = governor.subject, governor.predicate
                mention.cue = governor.cue
        elif parts is not None and parts.in_preamble(mention.start) and \
                (governor := _preamble_list_governor(mentions, i, text)) is not None:
            # "Thực hiện A ... về ...;\nHướng dẫn số B ...; Các Công điện: số C, số D": one verb
            # for every item of a preamble list, over its lines
            mention.subject, mention.predicate, mention.cue = governor.subject, governor.predicate, governor.cue
        elif previous and previous.end <= mention.start and ABOUT_GAP.match(text, previous.end, mention.start):
            # "Kết luận số 121-KL/TW ... về tổng kết Nghị quyết số 18-NQ/TW": 121 names 18 in its subject
            relations.append(Relation(previous.ref, "cites", mention.ref, (previous.start, mention.end),
                                      rule="relation:subject-of-mention"))
        if mention.predicate and mention.subject != mention.ref:
            start = mention.cue[0] if mention.cue and mention.cue[0] < mention.start else mention.start
            relations.append(Relation(mention.subject, mention.predicate, mention.ref,
                                      (start, mention.number_span[1] if mention.number_span else mention.end),
                                      mention.cue[2] if mention.cue else None))

    relations += _expiries(text, mentions)
    return document_relations(relations, mentions, parts, text)


def _expiries(text: str, mentions: list[Mention]) -> list[Relation]:
    """relation:expiry: the document that opens a sentence ending its force ("3. Nghị quyết số
    01/2024/NQ-HĐND ngày ... về ... hết hiệu lực kể từ ngày ..."), with no other document
    named before the verb, is repealed by the document itself (document_relations keeps it
    where the document acts: in an article, or in a sentence of "<type> này")."""
    starts = [m.start for m in mentions]
    found = []
    for match in _expiry_verbs(text, mentions):
        sentence_start = _last_boundary(SENTENCE_END, text, match.start())
        first = bisect.bisect_left(starts, sentence_start)
        last = bisect.bisect_left(starts, match.start()) - 1
        if first != last or first >= len(mentions) or mentions[first].end > match.start():
            continue  # none, or more than one document before the verb
        mention = mentions[first]
        if SENTENCE_OPENING.fullmatch(text, sentence_start, mention.start):
            found.append(Relation("self", "repeals", mention.ref, (mention.start, match.end()), match.group(0),
                                  rule="relation:expiry"))
    return found


def _expiry_verbs(text: str, mentions: list[Mention]):
    """EXPIRY_AFTER.finditer(text), read only where _expiries may take a verb: after the end of
    the last mention starting before it (no later than the next mention's start) and within
    the window its sentence start is looked for in (the mention starts in the verb's
    sentence)."""
    longest = max(map(len, patterns.relation_cues()["expiry_after"]))
    following = [m.start for m in mentions[1:]] + [len(text)]
    places: list[list[int]] = []  # [first, last] start of a verb, merged
    for mention, next_start in sorted(zip(mentions, following), key=lambda pair: pair[0].end):
        first, last = mention.end, min(mention.start + BOUNDARY_WINDOW, next_start)
        if first > last:
            continue
        if places and first <= places[-1][1]:
            places[-1][1] = max(places[-1][1], last)
        else:
            places.append([first, last])
    for first, last in places:
        # the text is read past `last` by a verb's length, so that what follows a verb is seen
        for match in EXPIRY_AFTER.finditer(text, first, min(len(text), last + longest + 1)):
            if match.start() > last:
                break
            yield match


# "Chỉ thị này thay thế ...", "Kế hoạch này bãi bỏ ...": the document itself is the one acting
THIS_DOCUMENT = re.compile(r"(?i)\b(?:" + "|".join(map(re.escape, TYPE_WORDS)) + r")\s+này\b")


def _this_document_acts(text: str, at: int) -> bool:
    sentence_start = _last_boundary(SENTENCE_END, text, at)
    return bool(THIS_DOCUMENT.search(text, sentence_start, at))


def document_relations(relations: list[Relation], mentions: list[Mention],
                       parts: DocumentParts | None, text: str = "") -> list[Relation]:
    """One relation from the document itself per cited document, and the others once each.

    A verb outside the title and preamble (and, for the acting verbs, outside an article;
    for replacing and repealing, outside a sentence whose subject is "<type> này") states
    what the body works with, not the document's parent: that relation becomes `cites`,
    keeping what the verb stated. Of several, the first in the stated precedence
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
        if parts is None or parts.in_title(at):
            relation.rule = "relation:title"
        elif parts.in_preamble(at) and opens_its_clause(text, at):
            relation.rule = "relation:preamble"
        elif relation.predicate in acting and parts.in_article(at):
            relation.rule = "relation:article"
        elif relation.predicate in changing and _this_document_acts(text, at):
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
    return not CLAUSE_BREAK.search(gap) and not AND_AT_END.search(gap)


# the rest of a mention's subject up to the next mention: "về tổng kết ", no verb, no break
ABOUT_GAP = re.compile(r"\s*,?\s*(?:về|về việc)\s[^;:\n]{0,60}$")


# what opens the next item of a preamble list: a list marker, "và", "Các Công điện:"
PREAMBLE_ITEM_OPENING = re.compile(r"(?i)[\s\-+•]*(?:và\s+|đồng thời\s+)?(?:các\s+[^\W\d_]+(?:\s+[^\W\d_]+)?\s*:\s*)?"
                                   r"(?:số\s+)?$")


def _preamble_list_governor(mentions: list[Mention], i: int, text: str) -> Mention | None:
    """The mention whose verb an item of a preamble list shares: the list runs over ";" and
    line ends within one paragraph (no blank line, no full stop), each item opening with its
    document ("; Hướng dẫn số 7886/HD-BNV ..."), the verb standing before the first item."""
    mention = mentions[i]
    item_start = max(text.rfind(";", 0, mention.start), text.rfind(",", 0, mention.start)) + 1
    if item_start <= 0 or not PREAMBLE_ITEM_OPENING.match(text[item_start:mention.start]):
        return None
    for earlier in (mentions[k] for k in range(i - 1, -1, -1)):
        between = text[earlier.end:mention.start]
        if "\n\n" in between or FULL_STOP.search(between):
            return None
        if PREAMBLE_OPENER.search(between):
            return None  # "...; Xét Tờ trình số ...; Báo cáo thẩm tra số ...": a list of its own verb
        if earlier.subject == "self" and earlier.predicate:
            return earlier
    return None


# a preamble clause opening with its own word ("Căn cứ", "Xét", "Theo đề nghị"), after a line
# end or ";": the list before it has ended (relation:preamble-list)
PREAMBLE_OPENER = re.compile(r"(?i)(?:^|[;\n])[\s*_\-+•]*(?:" + "|".join(
    map(re.escape, patterns.load("document_parts")["preamble_words"])) + r")(?!\w)", re.M)


OPENS_WITH_SUBJECT = re.compile(r"[\s,;()]*" + SUBJECT_OPENER + r"\s")


def _coordinated(gap: str) -> bool:
    """The text between two mentions that share one verb. After the first mention's own
    subject ("A về đào tạo, bồi dưỡng ..."), a list goes on only with a comma, a semicolon or
    "và": "Kết luận 121-KL/TW về tổng kết Nghị quyết số 18-NQ/TW" names 18 in 121's subject."""
    match = COORDINATION.match(gap)
    if not match:
        return False
    if OPENS_WITH_SUBJECT.match(gap):
        return bool(LIST_GOES_ON.search(gap))
    return True


def _governor(mentions: list[Mention], i: int, sentence_start: int, text: str = "") -> Mention | None:
    """The mention whose verb a coordinated mention shares ("Căn cứ A ... và B"); after a
    document acting on a list ("Luật số Y sửa đổi, bổ sung ... của Luật A, Luật B và Luật C"),
    every item of the same type joined by commas or "và" is acted on by it
    (relation:acted-on-list); an item of another type after "và" ("X phê duyệt Đề án ... và
    Kế hoạch số Y") is the next item of the outer list."""
    previous = mentions[i - 1]
    if previous.predicate and (mentions[i].kind == "programme" or previous.subject == "self"):
        return previous
    if previous.predicate and previous.subject is not None and text \
            and previous.type is not None and previous.type == mentions[i].type and not CLAUSE_BREAK.search(text[previous.end:mentions[i].start]):
        return previous
    for earlier in (mentions[k] for k in range(i - 1, -1, -1)):
        if earlier.end <= sentence_start:
            break
        if earlier.subject == "self" and earlier.predicate:
            return earlier
    return None


# "các Luật của Quốc hội nước Cộng hoà xã hội chủ nghĩa Việt Nam:": a head naming the kind of
# the documents listed after its colon (bounded: at most 120 characters, no clause break)
LIST_HEAD = re.compile(r"\s+(?:" + "|".join(map(re.escape, patterns.relation_cues()["list_heads"])) + r")\s+(?:"
                       + "|".join(map(re.escape, TYPE_WORDS)) + r")(?!\w)[^;:\n.]{0,120}:\s*", re.IGNORECASE)


def _list_head_cue(text: str, cue_ends: list[Cue], cue_end_chars: list[int], clause_start: int,
                   sentence_start: int, mention_start: int) -> Cue | None:
    """relation:preamble-list-head: the first item of "Căn cứ các Luật của Quốc hội ...: Luật A
    số X; Luật B số Y" is governed by the verb before the head (the items after it share it as
    a list); only the item right after the colon, and a verb right before the head."""
    if clause_start <= sentence_start or text[clause_start - 1] != ":" \
            or text[clause_start:mention_start].strip():
        return None
    before = bisect.bisect_right(cue_end_chars, clause_start)
    if not before:
        return None
    cue = cue_ends[before - 1]
    head = LIST_HEAD.fullmatch(text, cue.end_char, clause_start)
    return cue if head and cue.start_char >= sentence_start else None


BOUNDARY_WINDOW = 1500  # characters before a position its sentence or clause start is looked for in
BOUNDARY_NEAR = 200  # characters looked at first


def _last_clause_end(text: str, pos: int) -> int:
    """_last_boundary(CLAUSE_END, text, pos): a match is one ";" or ":", so the last is where
    the last of them stands."""
    window_start = max(0, pos - BOUNDARY_WINDOW)
    last = max(text.rfind(";", window_start, pos), text.rfind(":", window_start, pos)) + 1
    return last if last else window_start


def _last_boundary(regex: re.Pattern, text: str, pos: int) -> int:
    """The end of the last match of `regex` (SENTENCE_END, CLAUSE_END) in the window of
    BOUNDARY_WINDOW characters before `pos`, or the window's start.

    The text from the last line break (at most a few hundred characters) is read first. A match
    of these patterns is one character, or a full stop and the white space after it, so a scan
    started after a character that is neither reads from there the matches a scan of the whole
    window reads: when it finds one, its last is the window's last."""
    window_start = max(0, pos - BOUNDARY_WINDOW)
    near = max(pos - BOUNDARY_NEAR, text.rfind("\n", window_start, pos))
    while near > window_start and (text[near - 1] == "." or text[near - 1].isspace()):
        near -= 1  # near falls to the window's start at most
    last = 0
    if near > window_start:
        for match in regex.finditer(text, near, pos):
            last = match.end()
        if last:
            return last
    for match in regex.finditer(text, window_start, pos):
        last = match.end()
    return last if last else (window_start if window_start else 0)
