"""The matches of a compiled pattern, as ``finditer`` finds them, found where the words that can
open a match stand.

``re`` skips quickly through a text only to a literal that opens a pattern as written: one that
opens with a class of letters ("[Tt]ừ"), or with words in any case, is tried at every character
(about 10 ns each, ~15 ms for a pattern over the bundled corpus). Most rules of dates open with
a word ("trong", "từ ngày", "quý"): ``openings`` reads from the pattern itself the texts, lowered,
one of which opens every match, and ``finditer`` tries the pattern only where one of them stands
in the lowered text (found with ``str.find``), left to right, each try past the last match's end:
the same matches as ``pattern.finditer(text)``, spans and groups (``re`` looks behind a start
position into the whole text). A pattern no word opens, or a text whose lowering changes its
length, is read with ``pattern.finditer``.

Two scans do the same with the places given by hand: ``anchored`` tries a pattern where one of
its literals stands (a mark: ":" or ";"), ``at_line_starts`` where a line opens and the pattern
follows the line break."""

from __future__ import annotations

import os.path
import re
from bisect import bisect_left
from functools import lru_cache

try:  # the parser of `re` (CPython 3.11+); without it every pattern is read with finditer
    from re import _compiler, _constants as _C, _parser
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover
    _parser = None

SHORT = 2000   # characters: a text shorter than this is read by the pattern itself (no lowering)
_FIND_PER_PLACE = 150  # characters a find reads in the time a place found is checked
_LONGEST = 12   # a longer opening is cut: a shorter one is found as fast
_MOST = 64      # more openings than this: the pattern is read with finditer


# the letters only a folding of another case gives ("ı" of "i", "ſ" of "s"), beyond ASCII
_VARIANTS = frozenset(c for k, v in (_EXTRA_CASES.items() if _parser else ()) for c in (chr(k), *map(chr, v))
                      if not c.isascii())


def _chars(code: int, ignore_case: bool) -> set[str] | None:
    """The lowered characters a text may have where the pattern's literal `code` matches: its
    lowering, and in any case those of the letters that fold to it too ("i": "i", "ı"); None when
    lowering is not one character for one ("İ") or depends on the context ("Σ")."""
    char = chr(code)
    low = char.lower()
    if len(low) != 1 or char == "\u03a3":
        return None
    if not ignore_case:
        return {low}
    found = {low}
    for other in _EXTRA_CASES.get(ord(low), ()):
        lowered = chr(other).lower()
        if len(lowered) != 1 or chr(other) == "\u03a3":
            return None
        found.add(lowered)
    return found


def _prefixes(items, ignore_case: bool) -> tuple[set[str], bool]:
    """The lowered texts one of which opens every match of the parsed `items`, and whether the
    items are all literal (so what follows them extends the texts)."""
    found = {""}
    for op, av in items:
        if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
            continue  # zero width: the text at the start is the text after it
        complete = True
        after: set[str] | None = None
        if op is _C.LITERAL:
            after = _chars(av, ignore_case)
        elif op is _C.IN:
            after = set()
            for kind, value in av:
                chars = _chars(value, ignore_case) if kind is _C.LITERAL else None
                if chars is None:
                    after = None
                    break
                after |= chars
            after = after if after and len(after) <= 4 else None
        elif op is _C.SUBPATTERN:
            _, add, remove, sub = av
            after, complete = _prefixes(sub, bool((ignore_case or add & re.IGNORECASE) and not remove & re.IGNORECASE))
        elif op is _C.BRANCH:
            after = set()
            for alternative in av[1]:
                texts, whole = _prefixes(alternative, ignore_case)
                after |= texts
                complete = complete and whole
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT) and av[0] >= 1:
            after, _ = _prefixes(av[2], ignore_case)
            complete = False
        if not after:
            return found, False
        longer = {(a + b)[:_LONGEST] for a in found for b in after}
        if len(longer) > _MOST:
            return found, False
        found = longer
        if not complete or max(map(len, found)) >= _LONGEST:
            return found, False
    return found, True


@lru_cache(maxsize=None)
def openings(pattern: re.Pattern) -> tuple[str, ...] | None:
    """The lowered texts one of which opens every match of `pattern` (each of two characters or
    more), or None.

    >>> openings(re.compile(r"[Tt]ừ\\s+ngày"))
    ('từ',)
    >>> sorted(openings(re.compile(r"(?i:quý|năm)\\s+\\d")))
    ['năm', 'quý']
    >>> openings(re.compile(r"\\d+")) is None   # no word opens it
    True
    >>> openings(re.compile(r"Đến\\s+năm")) is None   # re skips to "Đ" as fast
    True
    """
    if _parser is None or pattern.flags & (re.LOCALE | re.ASCII) or not isinstance(pattern.pattern, str):
        return None
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover  (a pattern that compiled parses)
        return None
    try:
        if _compiler._get_literal_prefix(parsed, parsed.state.flags)[0]:
            return None  # `re` skips ahead to its literal by itself ("Đ", "(")
    except Exception:  # pragma: no cover
        return None
    texts, _ = _prefixes(list(parsed), bool(parsed.state.flags & re.IGNORECASE))
    if not texts or min(map(len, texts)) < 2:
        return None
    # an opening that opens with another is found with it: "trong" where "tr" stands
    kept = sorted(t for t in texts if not any(o != t and t.startswith(o) for o in texts))
    return tuple(kept)


@lru_cache(maxsize=None)
def heads(pattern: re.Pattern) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    """`pattern`'s openings grouped by their first three characters, each group found by what its
    openings share ("hàng " for "hàng ngày", "hàng năm", ...: one ``find`` over the text for them),
    with the openings longer than that."""
    words = openings(pattern)
    if words is None:
        return None
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[:3], []).append(word)
    heads = []
    for group in groups.values():
        head = os.path.commonprefix(group)
        heads.append((head, tuple(w for w in group if w != head)))
    return tuple(sorted(heads))


class Lowered:
    """A text, lowered once, and where words stand in it (each word found once per text)."""

    def __init__(self, text: str):
        self.text = text
        self.lowered = text.lower()
        self.same_length = len(self.lowered) == len(text)
        self._where: dict[str, list[int]] = {}
        self._letters: dict[str, bool] = {}

    def _has(self, letter: str) -> bool:
        found = self._letters.get(letter)
        if found is None:
            found = self._letters[letter] = letter in self.lowered
        return found

    def where(self, word: str) -> list[int]:
        """The offsets of `word` in the lowered text, overlapping ones too."""
        found = self._where.get(word)
        if found is not None:
            return found
        lowered = self.lowered
        # a word holding one found before ("từ nay", "kể từ ngày" after "từ") is read at its places,
        # when they are few
        inner = min((w for w in self._where if w in word), key=lambda w: len(self._where[w]), default=None)
        if any(c in _VARIANTS and not self._has(c) for c in word):
            found = []  # "gıữa": a letter of another case's folding that the text does not have
        elif inner is not None and len(self._where[inner]) * _FIND_PER_PLACE < len(lowered):
            shift = word.find(inner)
            found = [at - shift for at in self._where[inner] if at >= shift and lowered.startswith(word, at - shift)]
        else:
            found = []
            at = lowered.find(word)
            while at != -1:
                found.append(at)
                at = lowered.find(word, at + 1)
        self._where[word] = found
        return found

    def prepare(self, patterns) -> None:
        """Find the words that open `patterns`, the shortest first (a longer one holding it is then
        read at its places)."""
        if self.same_length:
            for word in sorted({head for p in patterns for head, _ in (heads(p) or ())}, key=len):
                self.where(word)

    def starts(self, pattern: re.Pattern) -> list[int] | None:
        """Where a match of `pattern` may start, in order; None: anywhere."""
        found = heads(pattern) if self.same_length else None
        if found is None:
            return None
        lowered = self.lowered
        starts = []
        for head, longer in found:
            if not longer:
                starts += self.where(head)
            else:  # the head stands alone or opens one of the longer openings
                starts += [at for at in self.where(head) if lowered.startswith(longer, at)]
        return sorted(set(starts)) if len(found) > 1 else starts


_recent: dict[int, Lowered] = {}   # by the id of the text, the last used last


def lowered(text: str) -> Lowered:
    """The `Lowered` of `text`, shared by the rules that read the same text (a document's, and
    the clauses read between its rules)."""
    key = id(text)
    found = _recent.pop(key, None)
    if found is None or found.text is not text:
        found = Lowered(text)
        if len(_recent) >= 8:
            del _recent[next(iter(_recent))]
    _recent[key] = found
    return found


def finditer(pattern: re.Pattern, text: str, index: Lowered | None = None, pos: int = 0,
             endpos: int | None = None, starts: list[int] | None = None):
    """The matches of ``pattern.finditer(text, pos, endpos)``. `index`: ``lowered(text)``, when at
    hand; `starts`: where a match may start, in order, when the caller knows better."""
    if starts is None:
        if index is None and (len(text) if endpos is None else endpos) - pos < SHORT:
            yield from pattern.finditer(text, pos, len(text) if endpos is None else endpos)
            return  # a clause: read as fast by the pattern
        starts = (index or lowered(text)).starts(pattern)
        if starts is None:
            yield from pattern.finditer(text, pos, len(text) if endpos is None else endpos)
            return
    if endpos is None:
        endpos = len(text)
    first = bisect_left(starts, pos) if pos else 0
    end = 0
    match = pattern.match
    for i in range(first, len(starts)):
        at = starts[i]
        if at >= endpos:
            break
        if at < end:
            continue
        found = match(text, at, endpos)
        if found:
            yield found
            end = found.end()


def anchored(pattern: re.Pattern, text: str, anchors) -> list[re.Match]:
    """`pattern.finditer(text)`, the same matches, tried only where one of its anchors stands:
    (literal, back), a literal every match of `pattern` holds `back` characters after its start
    ("hối hợp" one after the start of "[Pp]hối hợp"). str.find skips to a literal as the engine
    cannot skip to a letter of either case. Each position is tried in order, from the end of
    the match before (matches hold their literal: none is empty)."""
    starts = set()
    for literal, back in anchors:
        at = text.find(literal)
        while at != -1:  # at grows every turn
            if at >= back:
                starts.add(at - back)
            at = text.find(literal, at + 1)
    found = []
    end = 0
    for at in sorted(starts):
        match = pattern.match(text, at) if at >= end else None
        if match:
            found.append(match)
            end = match.end()
    return found


@lru_cache(maxsize=32)
def _line_regexes(body: str, flags: int = 0) -> tuple[re.Pattern, re.Pattern]:
    return re.compile("^" + body, flags | re.MULTILINE), re.compile(r"\n(?=" + body + ")", flags | re.MULTILINE)


def at_line_starts(body: str, text: str, flags: int = 0) -> list[re.Match]:
    """`re.finditer("(?m)^" + body, text)`, the same matches, tried at the text's start and after
    each line break that `body` follows (one scan for a literal line break; a pattern that opens
    with "^" is tried at every character); from the end of the match before (`body` matches no
    empty text)."""
    pattern, probe = _line_regexes(body, flags)
    found = []
    end = 0
    for at in [0] + [m.end() for m in probe.finditer(text)]:
        match = pattern.match(text, at) if at >= end else None
        if match:
            found.append(match)
            end = match.end()
    return found
