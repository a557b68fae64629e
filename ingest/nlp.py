"""The tokens and token rules of extraction: ``spacy.blank("vi")`` with our tokenizer and the
rule matchers built from ``ingest/patterns`` define them; extraction runs the scan at the end
of this module (reference_spans, cue_spans), which finds the same matches without a Doc.

The stock ``vi`` tokenizer either needs pyvi (which splits "5506/QĐ-UBND" into five tokens)
or, with ``use_pyvi = false``, splits on white space only and leaves punctuation attached
("12/4/2024,"). Ours splits on white space, then peels opening and closing punctuation off
each chunk, so a document number, a date or "99,5" stays one token and "“Xây" is two.
"""

from __future__ import annotations

import bisect
import re
from functools import cache, lru_cache

from typing import TYPE_CHECKING

from ingest import patterns
from ingest.number import NUMBER_PATTERN, NUMBER_TOKEN_RE
from ingest.span_set import SpanSet

OPENING = "“\"'‘([{«"
CLOSING = "”\"'’)]}»,;:.!?…%"
CHUNK = re.compile(r"\S+")

if TYPE_CHECKING:  # spaCy is imported where the definition is built, not by extraction
    import spacy
    from spacy.matcher import Matcher, PhraseMatcher


class PolicyTokenizer:
    """White space, then opening/closing punctuation as tokens of their own."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for chunk in CHUNK.finditer(text):
            piece = chunk.group()
            head: list[str] = []
            tail: list[str] = []
            while len(piece) > 1 and piece[0] in OPENING:  # piece is one character shorter each turn
                head.append(piece[0])
                piece = piece[1:]
            while len(piece) > 1 and piece[-1] in CLOSING and not _keeps_closing(piece):
                tail.insert(0, piece[-1])
                piece = piece[:-1]
            parts = head + [piece] + tail
            words.extend(parts)
            spaces.extend([False] * (len(parts) - 1))
            end = chunk.end()
            spaces.append(end < len(text) and text[end] == " ")
        # spaCy needs the exact text back: tokens separated by anything but one space get
        # the rest as whitespace tokens
        return _doc_with_exact_text(self.vocab, text, words)


def _keeps_closing(piece: str) -> bool:
    """'./.' (the closing mark of a letter) and 'b/c' keep their dots and slashes."""
    return piece.endswith("./.")


def _doc_with_exact_text(vocab, text: str, words: list[str]) -> Doc:
    out_words: list[str] = []
    out_spaces: list[bool] = []
    pos = 0
    for word in words:
        start = text.index(word, pos)
        gap = text[pos:start]
        if gap:
            if out_words and gap == " ":
                out_spaces[-1] = True
            elif out_words and gap.startswith(" ") and not out_spaces[-1]:
                out_spaces[-1] = True
                out_words.append(gap[1:])
                out_spaces.append(False)
            else:
                out_words.append(gap)
                out_spaces.append(False)
        out_words.append(word)
        out_spaces.append(False)
        pos = start + len(word)
    if pos < len(text):
        out_words.append(text[pos:])
        out_spaces.append(False)
    from spacy.tokens import Doc

    return Doc(vocab, words=out_words, spaces=out_spaces)


@lru_cache(maxsize=65536)
def _is_doc_number(text: str) -> bool:
    return "/" in text and bool(NUMBER_TOKEN_RE.match(text))


@cache
def pipeline() -> spacy.language.Language:
    import spacy
    from spacy.tokens import Token

    if not Token.has_extension("is_doc_number"):
        Token.set_extension("is_doc_number", getter=lambda t: _is_doc_number(t.text))
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.tokenizer = PolicyTokenizer(nlp.vocab)
    return nlp


def _words(phrase: str) -> list[dict]:
    return [{"LOWER": word} for word in phrase.split()]


@cache
def reference_matcher() -> Matcher:
    """A document number, with the type words and "số" in front of it when present.

    Labels are type codes ("KH") for type word + number, "NUMBER" for a bare number.
    """
    from spacy.matcher import Matcher

    nlp = pipeline()
    matcher = Matcher(nlp.vocab, validate=True)
    number = {"_": {"is_doc_number": True}}
    # "Kế hoạch số 52/KH-UBND", "Kế hoạch hành động số 328-KH/TU", "văn bản số: 8004/..."
    between = [{"IS_LOWER": True, "LOWER": {"NOT_IN": ["số", "của", "và", "tại"]}, "OP": "{0,2}"},
               {"LOWER": "số", "OP": "?"}, {"ORTH": ":", "OP": "?"}]
    for entry in patterns.document_types():
        for phrase in entry["words"]:
            matcher.add(entry["code"], [_words(phrase) + between + [number]])
    matcher.add("NUMBER", [[number]])
    return matcher


@cache
def cue_matcher() -> PhraseMatcher:
    """Verb phrases that govern a cited document, labelled by relation."""
    from spacy.matcher import PhraseMatcher

    nlp = pipeline()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for predicate, phrases in patterns.relation_cues()["cues"].items():
        matcher.add(predicate, [nlp.make_doc(p) for p in phrases])
    return matcher


# ---------------------------------------------------------------------------------------
# The same tokens and matches without building a Doc (issue 11): extraction looks at a few
# places of a text (a document number, a verb phrase), so it finds those places with one pass
# of compiled patterns and tokenises only the white-space chunks around them, exactly as
# PolicyTokenizer would. reference_matcher() and cue_matcher() above stay the definition:
# tests/test_token_scan.py checks these against them on the corpus and on hostile text.

class TextTokens:
    """PolicyTokenizer's tokens of a text, computed chunk by chunk where asked for.

    A token is (start, end) in the text. Between two chunks only a gap of exactly one space
    makes no token; any other gap is a white-space token, which no rule matches."""

    WINDOW = 256

    def __init__(self, text: str):
        self.text = text
        self._chunks: dict[int, tuple[list[tuple[int, int]], int]] = {}
        self._starts: list[int] | None = None
        self._ends: list[int] = []

    def _all_chunks(self) -> None:
        if self._starts is None:
            bounds = [m.span() for m in CHUNK.finditer(self.text)]
            self._starts = [s for s, _ in bounds]
            self._ends = [e for _, e in bounds]

    def chunk_at(self, i: int) -> tuple[int, int]:
        """The chunk (a run of non-space characters) holding position i, not a space."""
        text = self.text
        start = self._chunk_start(i)
        cached = self._chunks.get(start)
        if cached is not None:
            return start, cached[1]
        run = CHUNK_HEAD.match(text, start)
        end = run.end()
        if end - start == self.WINDOW and end < len(text) and not text[end].isspace():
            self._all_chunks()
            end = self._ends[bisect.bisect_right(self._starts, i) - 1]
        return start, end

    def _chunk_start(self, i: int) -> int:
        """The start of the chunk holding position i (not a space): after the last white space
        before it, looked for in a few characters, then in the window, then in all chunks."""
        text = self.text
        if i == 0 or text[i - 1].isspace():  # most often: i opens its chunk
            return i
        for width in (24, self.WINDOW):
            floor = max(0, i - width)
            start = i + 1 - len(text[floor:i + 1].rsplit(None, 1)[-1])
            if start > floor or floor == 0 or text[floor - 1].isspace():
                return start
        self._all_chunks()  # a chunk longer than the window
        return self._starts[bisect.bisect_right(self._starts, i) - 1]

    def chunk_tokens(self, start: int, end: int) -> list[tuple[int, int]]:
        """PolicyTokenizer's split of one chunk: opening marks, the piece, closing marks."""
        cached = self._chunks.get(start)
        if cached is not None:
            return cached[0]
        text = self.text
        head, tail = start, end
        while tail - head > 1 and text[head] in OPENING:  # one character shorter each turn
            head += 1
        while tail - head > 1 and text[tail - 1] in CLOSING and not text.endswith("./.", head, tail):
            tail -= 1
        if head == start and tail == end:  # most chunks: a word, one token
            tokens = [(start, end)]
        else:
            tokens = [(k, k + 1) for k in range(start, head)]
            tokens.append((head, tail))
            tokens.extend((k, k + 1) for k in range(tail, end))
        self._chunks[start] = (tokens, end)
        return tokens

    def tokens_from(self, i: int, n: int) -> list[tuple[int, int]]:
        """Up to n tokens from the one starting at i, stopping before a white-space token;
        [] when no token starts at i."""
        text = self.text
        start, end = self.chunk_at(i)
        tokens = self.chunk_tokens(start, end)
        if i == start:
            out = tokens[:n]
        else:
            k = next((k for k, token in enumerate(tokens) if token[0] == i), None)
            if k is None:
                return []
            out = tokens[k:k + n]
        size = len(text)
        while len(out) < n and end + 1 < size and text[end] == " " and not text[end + 1].isspace():
            start = end + 1
            end = self._chunk_end(start)
            out.extend(self.chunk_tokens(start, end)[:n - len(out)])
        return out

    def _chunk_end(self, start: int) -> int:
        """The end of the chunk starting at `start`."""
        cached = self._chunks.get(start)
        if cached is not None:
            return cached[1]
        end = CHUNK_HEAD.match(self.text, start).end()
        if end - start == self.WINDOW and end < len(self.text) and not self.text[end].isspace():
            self._all_chunks()
            end = self._ends[bisect.bisect_right(self._starts, start) - 1]
        return end

    def tokens_before(self, token: tuple[int, int], n: int) -> list[tuple[int, int]]:
        """Up to n tokens before the given one, nearest first, stopping at a white-space token."""
        text = self.text
        start, end = self.chunk_at(token[0])
        tokens = self.chunk_tokens(start, end)
        k = tokens.index(token)
        out = tokens[max(0, k - n):k][::-1]
        while len(out) < n and start >= 2 and text[start - 1] == " " and not text[start - 2].isspace():
            start, end = self._chunk_start(start - 2), start - 1  # the chunk ending at the space
            out.extend(self.chunk_tokens(start, end)[::-1][:n - len(out)])
        return out


CHUNK_HEAD = re.compile(r"\S{1,%d}" % TextTokens.WINDOW)


@cache
def _reference_rules() -> tuple[re.Pattern, dict[str, list[tuple[str, tuple[str, ...]]]], int]:
    """The number pattern, the type phrases by their last word (in the order the matcher
    adds them), and how many tokens before a number a match may reach."""
    by_last: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for entry in patterns.document_types():
        for phrase in entry["words"]:
            words = tuple(phrase.split())
            by_last.setdefault(words[-1], []).append((entry["code"], words))
    longest = max(len(w) for entries in by_last.values() for _, w in entries)
    return re.compile(NUMBER_PATTERN), by_last, longest + 4  # 2 words between, "số", ":"


BETWEEN_NOT = ("số", "của", "và", "tại")


# the characters that may stand before the first "/" of a document number (NUMBER_PATTERN):
# its running number (\d, with str.isdecimal) and, in the Party shape "11-CT/TW", "-" and the
# type code ([A-Za-zĐđÐð0-9&])
NUMBER_HEAD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzĐđÐð&-")


def number_matches(number_re: re.Pattern, text: str):
    """number_re.finditer(text) for the NUMBER_PATTERN: every match holds a "/", and what
    stands between its start and its first "/" is NUMBER_HEAD characters or digits. So the
    pattern is tried only in the run of those right before each "/" (the first start that
    matches is finditer's), not at every digit of the text."""
    pos = 0
    size = len(text)
    while pos < size:
        slash = text.find("/", pos)
        if slash < 0:
            return
        start = slash
        while start > pos and (text[start - 1] in NUMBER_HEAD or text[start - 1].isdecimal()):
            start -= 1  # start falls to pos at most
        for at in range(start, slash):
            match = number_re.match(text, at)
            if match:
                yield match
                pos = match.end()  # past the "/"
                break
        else:
            pos = slash + 1


def reference_spans(text: str, tokens: TextTokens | None = None) -> list[tuple[str, int, int, int]]:
    """reference_matcher() and filter_spans over a text, without a Doc: (label, start, number
    start, number end) of each document number, with its type words when present, in text
    order. Of the matches ending at one number the longest wins; of two as long, the one with
    the longer type phrase ("Thông tư liên tịch số", not "Thông tư" + two words)."""
    number_re, by_last, reach = _reference_rules()
    tokens = tokens or TextTokens(text)
    found = []
    last_end = -1
    for match in number_matches(number_re, text):
        if match.start() < last_end:
            continue
        start, end = tokens.chunk_at(match.start())
        token = next((t for t in tokens.chunk_tokens(start, end) if t[0] <= match.start() < t[1]), None)
        if token is None or token[0] != match.start():
            continue
        last_end = token[1]
        word = text[token[0]:token[1]]
        if not _is_doc_number(word):
            continue
        before = _TokensBefore(tokens, token, reach)
        lowers = before.lowers
        best = ("NUMBER", token[0], 1, 0)  # label, start, length in tokens, phrase words
        for colon in (0, 1):
            if colon and not (before.has(0) and before.word(0) == ":"):
                continue
            for number_word in (0, 1):
                p = colon + number_word
                if number_word and not (before.has(colon) and lowers[colon] == "số"):
                    continue
                for between in (0, 1, 2):
                    q = p + between
                    if between and not (before.has(q - 1) and before.word(q - 1).islower()
                                        and lowers[q - 1] not in BETWEEN_NOT):
                        break
                    if not before.has(q):
                        break
                    for code, phrase in by_last.get(lowers[q], ()):
                        if not before.has(q + len(phrase) - 1) or \
                                any(lowers[q + j] != w for j, w in enumerate(reversed(phrase))):
                            continue
                        length = q + len(phrase) + 1
                        if (length, len(phrase)) > (best[2], best[3]):
                            best = (code, before.spans[q + len(phrase) - 1][0], length, len(phrase))
        found.append((best[0], best[1], token[0], token[1]))
    return found


class _TokensBefore:
    """tokens.tokens_before(token, reach), read a few at a time: most numbers have their type
    words right before them, and the rest is read only when a rule asks how far it goes (the
    first n of tokens_before(token, reach) are tokens_before(token, n))."""

    FEW = 4  # as many as the corpus's numbers nearly all need ("Kế hoạch số", "Nghị quyết số:")

    def __init__(self, tokens: TextTokens, token: tuple[int, int], reach: int):
        self.tokens, self.token, self.reach = tokens, token, reach
        self.spans: list[tuple[int, int]] = []
        self.lowers: list[str] = []
        self.asked = 0
        self._read(min(self.FEW, reach))

    def _read(self, n: int) -> None:
        text = self.tokens.text
        self.spans = self.tokens.tokens_before(self.token, n)
        self.lowers[:] = [text[s:e].lower() for s, e in self.spans]  # the same list, grown
        self.asked = n

    def has(self, k: int) -> bool:
        """Whether the k-th token before (0: the nearest) is there, within the reach."""
        if k < len(self.spans):
            return True
        if len(self.spans) < self.asked or self.asked >= self.reach:
            return False  # no more tokens before, or as far as the rules reach
        self._read(self.reach)
        return k < len(self.spans)

    def word(self, k: int) -> str:
        start, end = self.spans[k]
        return self.tokens.text[start:end]


@cache
def _cue_rules() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern, dict[str, list[tuple[str, tuple[str, ...]]]], int]:
    by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    seen: dict[tuple[str, ...], str] = {}
    alternatives = []  # each cue's tokens as letters, whatever joins them (one space or none)
    for predicate, phrases in patterns.relation_cues()["cues"].items():
        for phrase in phrases:
            scan = TextTokens(phrase)
            words = tuple(phrase[s:e].lower() for s, e in scan.tokens_from(0, len(phrase)))
            if seen.setdefault(words, predicate) != predicate:
                raise ValueError(f"relation_cues.json: {phrase!r} is a cue of two relations")
            if not words[0].isalpha():
                raise ValueError(f"relation_cues.json: {phrase!r} does not start with a word")
            by_first.setdefault(words[0], []).append((predicate, words))
            alternatives.append(" ?".join(map(re.escape, words)))
    # a cue's first word, ending where a word ends: a token that is that word, lower-cased, is
    # always found (the word is letters only, so no cue starts inside a match)
    first = "(?:" + "|".join(map(re.escape, sorted(by_first, key=len, reverse=True))) + r")(?!\w)"
    whole = "(?:" + "|".join(alternatives) + ")"
    longest = max(len(words) for entries in by_first.values() for _, words in entries)
    return (re.compile(first), re.compile(whole), re.compile("(?i)" + first), re.compile("(?i)" + whole),
            by_first, longest)


def cue_spans(text: str, tokens: TextTokens | None = None) -> list[tuple[str, int, int]]:
    """cue_matcher() and filter_spans over a text, without a Doc: (label, start, end) of each
    verb phrase kept, in text order: of overlapping ones the longest in tokens, then the first."""
    tokens = tokens or TextTokens(text)
    return _kept_cues(_cue_matches(text, tokens, 0, len(text)))


def cue_spans_within(text: str, regions: list[tuple[int, int]],
                     tokens: TextTokens | None = None) -> list[tuple[str, int, int]]:
    """The spans of cue_spans(text) that lie within one of `regions`, and perhaps a few more of
    them, reading only the text around the regions.

    Which of two overlapping matches is kept depends on the matches overlapping those, and so
    on: the matches read are those starting in a window around each region, widened until no
    match crosses its ends (a match spans at most _cue_chars() characters); the matches of such
    windows keep and drop one another as over the whole text."""
    tokens = tokens or TextTokens(text)
    reach = _cue_chars()
    matches: set[tuple[int, int, int, str]] = set()
    for a, b in _merged(regions):
        lo, hi = a, b
        found = _cue_matches(text, tokens, max(0, lo - reach), hi)
        while True:  # lo falls to the start of a match crossing it, or stays
            crossing = [m[1] for m in found if m[1] < lo < m[2]]
            if not crossing:
                break
            lo = min(crossing)
            found += _cue_matches(text, tokens, max(0, lo - reach), lo)
        while True:  # hi rises to the end of a match crossing it, or stays
            end = max((m[2] for m in found), default=hi)
            if end <= hi:
                break
            found += _cue_matches(text, tokens, hi, end)
            hi = end
        matches.update(m for m in found if m[1] >= lo)
    return _kept_cues(list(matches))


def _merged(regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-empty regions, sorted, overlapping or touching ones joined."""
    out: list[list[int]] = []
    for a, b in sorted(r for r in regions if r[0] < r[1]):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


@cache
def _cue_chars() -> int:
    """The most characters a cue match spans: its tokens are no longer than its words (lower()
    never shortens a text), with at most one space between two of them."""
    by_first = _cue_rules()[4]
    return max(sum(map(len, words)) + len(words) - 1 for entries in by_first.values() for _, words in entries)


def _cue_matches(text: str, tokens: TextTokens, lo: int, hi: int) -> list[tuple[int, int, int, str]]:
    """cue_matcher()'s matches starting in [lo, hi): (length in tokens, start, end, label). The
    text is read up to a cue's length past `hi`, so that a match starting before `hi` is seen
    whole."""
    first, whole, first_any_case, whole_any_case, by_first, longest = _cue_rules()
    reach = _cue_reach()
    piece = text[lo:hi + _cue_chars() + 1]  # the text itself when lo is 0 and hi its end
    lowered = piece.lower()
    if len(lowered) != len(piece):  # lower() keeps the offsets but for a few letters ("İ")
        lowered, first, whole = piece, first_any_case, whole_any_case
    matches = []  # (length in tokens, start, end, label)
    for match in first.finditer(lowered):
        k = match.start()
        if k >= hi - lo:
            break
        i = lo + k
        if i and not (text[i - 1].isspace() or text[i - 1] in OPENING) or not whole.match(lowered, k):
            continue
        following = tokens.tokens_from(i, reach[match.group()] if lowered is not piece else longest)
        if not following:
            continue
        lowers = [text[s:e].lower() for s, e in following]
        for predicate, words in by_first.get(lowers[0], ()):
            if tuple(lowers[:len(words)]) == words:
                matches.append((len(words), following[0][0], following[len(words) - 1][1], predicate))
    return matches


@cache
def _cue_reach() -> dict[str, int]:
    """The most tokens a cue opening with a given word has."""
    by_first = _cue_rules()[4]
    return {word: max(len(words) for _, words in entries) for word, entries in by_first.items()}


def _kept_cues(matches: list[tuple[int, int, int, str]]) -> list[tuple[str, int, int]]:
    """filter_spans: the longest in tokens first, then the first; in text order."""
    matches.sort(key=lambda m: (m[0], -m[1]), reverse=True)
    kept: list[tuple[int, int, int, str]] = []
    taken = SpanSet()
    for match in matches:
        if not taken.overlaps(match[1], match[2]):
            kept.append(match)
            taken.add(match[1], match[2])
    kept.sort(key=lambda m: m[1])
    return [(label, start, end) for _, start, end, label in kept]
