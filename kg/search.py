"""Document search: an index of every document the store knows (held or only cited) and its
ranking. Knows nothing of the web.

A document is found by its number in any spelling ("1373/QĐ-TTg", "1373/QD-TTg", "qd 1373",
"57 nq tw", "44/TT-BGDDT" for 44/2014/TT-BGDĐT), by words of its title, issuer or place with
or without diacritics ("xa hoi hoc tap", "ubnd ha noi", "krong pa").

Text is compared *folded*: NFC, casefolded, combining marks stripped, đ (and its look-alike ð)
to d. Folding goes character by character and keeps, for every folded character, the offset of
the character it came from, so a match in folded text maps back to the words as written and
the page can mark them.

>>> fold("Quyết định 1373/QÐ-TTg")
'quyet dinh 1373/qd-ttg'
>>> [t.key for t in tokenize("Kế hoạch 0124/KH-UBND")]
['ke', 'hoach', '124', 'kh', 'ubnd']
>>> highlight("Xã hội học tập", parse_query("xa hoi"))
[('Xã hội', True), (' học tập', False)]

Ranking, highest first: the number exactly (any spelling; a yearless number finds the one
with its year), the number's digits and codes, a phrase of the title, a phrase of the issuer
or the place, all words in the title, all words in the issuer or the place, the words spread
over the fields. At equal score, held
documents come before those only cited. When no document has every word, those with some of
them are returned, marked ``partial``.

The index is built from the store with SPARQL (the internal queries document-search-values and
document-type-names) and cached per store until the store changes (an upload adds documents
while the app runs). It keeps, for every word, the documents holding
it, so a query scores only the documents that can match it (those holding a spelling of each of
its words; when none has them all, those holding any), and it keeps the rankings of its last
queries, so asking for the next page ranks nothing again.
"""

from __future__ import annotations

import heapq
import math
import re
import sys
import threading
import unicodedata
import weakref
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from functools import cached_property, lru_cache

from ingest import patterns
from ingest.number import DocumentNumber
from kg import ids, named_queries
from kg.store import GraphStore

PAGE_SIZE = 20
RANKINGS_KEPT = 16           # queries whose ranking an index keeps for their next pages (~1 MB each at 10k)
MAX_QUERY_LENGTH = 200

# --- folding and tokens ----------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("đ", "d").replace("ð", "d")


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """`text` (already NFC) folded, and for each folded character the index of the character
    of `text` it comes from."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = _fold_char(char)
        folded.append(piece)
        origin.extend([index] * len(piece))
    return "".join(folded), origin


def fold(text: str) -> str:
    return fold_with_offsets(unicodedata.normalize("NFC", text))[0]


# Runs of digits, or of letters: "QH15" is "qh" "15", "1373QD" is "1373" "qd".
_TOKEN_RE = re.compile(r"\d+|[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Token:
    key: str     # folded; digits without leading zeros ("0124" -> "124")
    start: int   # [start, end) in the text as written
    end: int


def _key(folded: str) -> str:
    return str(int(folded)) if folded.isdecimal() else folded


def tokenize(text: str) -> list[Token]:
    """The tokens of `text` (NFC) with their spans in it."""
    folded, origin = fold_with_offsets(text)
    # keys interned: an index of 10k documents holds "ke", "hoach" hundreds of thousands of times
    return [Token(sys.intern(_key(m.group())), origin[m.start()], origin[m.end() - 1] + 1)
            for m in _TOKEN_RE.finditer(folded)]


def _keys(text: str) -> tuple[str, ...]:
    return tuple(t.key for t in tokenize(unicodedata.normalize("NFC", text)))


# --- the query -------------------------------------------------------------------------------

# Short forms the search treats as their long forms and back, beside the issuer abbreviations
# of ingest/patterns/issuers.json.
# Words a number may come with that need not match anything else ("số 1373/QĐ-TTg ngày ...").
NUMBER_FILLER = frozenset({("so",), ("ngay",), ("thang",), ("nam",), ("cua",)})


@lru_cache(maxsize=1)
def _synonyms() -> dict[tuple[str, ...], frozenset[tuple[str, ...]]]:
    table: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    extra = {k: v for k, v in patterns.issuers()["search_abbreviations"].items() if not k.startswith("_")}
    pairs = {**patterns.issuers()["abbreviations"], **extra}
    for short, long in pairs.items():
        a, b = _keys(short), _keys(long)
        if a and b:
            table.setdefault(a, {a}).add(b)
            table.setdefault(b, {b}).add(a)
    return {k: frozenset(v) for k, v in table.items()}


# A query written as one number ("010/CT-UBND", "57-NQ/TW"): its words are found together or not
# at all, so "10" in a date and "UBND" in a title do not make a match.
_NUMBER_SHAPED = re.compile(r"\s*\d{1,5}(?:\s*[/\-]\s*[^\W_]+)+\s*")


@lru_cache(maxsize=1)
def _unit_words() -> tuple[tuple[str, ...], ...]:
    """Kinds of administrative unit ("tỉnh", "thành phố", "quận"), from ingest/patterns/places.json."""
    words = {_keys(w) for kind in patterns.places()["unit_words"].values() for w in kind}
    return tuple(sorted(w for w in words if w))


@lru_cache(maxsize=1)
def _unit_words_by_first() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The unit words by their first key."""
    units: dict[str, list[tuple[str, ...]]] = {}
    for unit in _unit_words():
        units.setdefault(unit[0], []).append(unit)
    return {first: tuple(found) for first, found in units.items()}


@dataclass(frozen=True)
class Query:
    text: str
    keys: tuple[str, ...]                              # every token of the query, in order
    groups: tuple[frozenset[tuple[str, ...]], ...]     # per word (or abbreviation): its spellings
    number_shaped: bool = False

    def __bool__(self) -> bool:
        return bool(self.groups)

    @cached_property
    def firsts(self) -> tuple[frozenset[str], ...]:
        """Per group, the first key of each of its spellings: a text without any of them cannot
        have the group."""
        return tuple(frozenset(run[0] for run in group) for group in self.groups)

    @cached_property
    def required(self) -> tuple[int, ...]:
        """The groups every document that has all the query's words must hold one of the first
        keys of: not the words a number may come with, and not a lone number (a year the
        document's number is matched with need not be written in it)."""
        return tuple(i for i, group in enumerate(self.groups)
                     if not group & NUMBER_FILLER and i not in self.numbers)

    @cached_property
    def simple(self) -> tuple[bool, ...]:
        """Per group, whether every spelling is one word: a field holds such a group exactly when
        its keys hold one of the group's first keys, with no look at its texts."""
        return tuple(all(len(run) == 1 for run in group) for group in self.groups)

    @cached_property
    def all_simple(self) -> bool:
        return all(self.simple)

    @cached_property
    def key_set(self) -> frozenset[str]:
        return frozenset(self.keys)

    @cached_property
    def numbers(self) -> tuple[int, ...]:
        """The groups that are a lone number. A document that has all the query's words holds
        at least one of them: its running number, or every word."""
        return tuple(i for i, group in enumerate(self.groups)
                     if all(len(run) == 1 and run[0].isdecimal() for run in group))


def parse_query(text: str) -> Query:
    """The query's tokens, grouped: "ubnd ha noi" is [ubnd | uy ban nhan dan], [ha], [noi]."""
    text = unicodedata.normalize("NFC", text)
    keys = _keys(text)
    synonyms = _synonyms()
    longest = max((len(k) for k in synonyms), default=1)
    groups, i = [], 0
    while i < len(keys):
        for size in range(min(longest, len(keys) - i), 0, -1):
            run = keys[i:i + size]
            if run in synonyms:
                groups.append(synonyms[run])
                i += size
                break
        else:
            groups.append(frozenset({(keys[i],)}))
            i += 1
    return Query(text, keys, tuple(groups), bool(_NUMBER_SHAPED.fullmatch(text)))


# --- the index -------------------------------------------------------------------------------


@dataclass
class Text:
    """A text as written (NFC), with its tokens and where each key occurs."""
    text: str
    tokens: list[Token]
    keys: tuple[str, ...]
    where: dict[str, list[int]]

    @classmethod
    def of(cls, text: str) -> "Text":
        """The Text of `text`; the same text gives the same object (read only, shared by the
        entries of an index: "Kế hoạch", "Việt Nam", a label that is also a title)."""
        return _text_of(text)

    @classmethod
    def made(cls, text: str) -> "Text":
        text = unicodedata.normalize("NFC", text)
        tokens = tokenize(text)
        where: dict[str, list[int]] = {}
        for position, token in enumerate(tokens):
            where.setdefault(token.key, []).append(position)
        return cls(text, tokens, tuple(t.key for t in tokens), where)

    def occurrences(self, run: tuple[str, ...]) -> list[int]:
        """Token positions where `run` starts (read only)."""
        if len(run) == 1:
            return self.where.get(run[0]) or []
        return [p for p in self.where.get(run[0], ()) if self.keys[p:p + len(run)] == run]

    def has(self, group: frozenset[tuple[str, ...]]) -> bool:
        return any(self.occurrences(run) for run in group)

    def has_phrase(self, groups: tuple[frozenset[tuple[str, ...]], ...]) -> bool:
        """The groups one after the other; a unit word may come between two of them ("ubnd ha
        noi" is a phrase of "Ủy ban nhân dân thành phố Hà Nội")."""
        ends = {p + len(run) for run in groups[0] for p in self.occurrences(run)}
        units = _unit_words_by_first()
        for group in groups[1:]:
            ends |= {end + len(unit) for end in ends if end < len(self.keys) for unit in units.get(self.keys[end], ())
                     if self.keys[end:end + len(unit)] == unit}
            ends = {end + len(run) for end in ends if end < len(self.keys) for run in group
                    if self.keys[end:end + len(run)] == run}
            if not ends:
                return False
        return bool(ends)


@lru_cache(maxsize=65536)
def _text_of(text: str) -> Text:
    return Text.made(text)


@dataclass
class NumberForms:
    """The spellings a number is matched in, as key tuples."""
    written: tuple[str, ...]
    with_year: tuple[str, ...] | None      # the year added when the number has none
    yearless: tuple[str, ...] | None       # the year left out when it has one
    running: str | None                    # "1373"
    codes: frozenset[str]                  # {"qd", "ttg"}

    @classmethod
    def of(cls, number: str, year: int | None) -> "NumberForms":
        written = _keys(number)
        try:
            parsed = DocumentNumber.parse(number)
        except ValueError:
            running = written[0] if written and written[0].isdecimal() else None
            return cls(written, None, None, running, frozenset(k for k in written[1:] if not k.isdecimal()))
        own_year = parsed.year or year
        with_year = _keys(str(parsed.with_year(own_year))) if own_year and not parsed.year and not parsed.party \
            else None
        yearless = _keys(str(parsed.without_year())) if parsed.year else None
        running = _key(parsed.number)
        codes = frozenset(k for code in parsed.codes for k in _keys(code))
        return cls(written, with_year, yearless, running, codes)

    def all_keys(self) -> set[str]:
        return set(self.written) | set(self.with_year or ())


@dataclass
class Shown:
    """What a result shows of a document."""
    id: str
    iri: str
    label: str
    number: str | None
    type: str | None
    type_name: dict[str, str]
    title: str | None
    issuer: str | None
    place: str | None
    jurisdiction: str | None
    date: str | None
    held: bool


@dataclass
class Entry(Shown):
    """One document as search sees it."""
    numbers: list[NumberForms]
    fields: dict[str, list[Text]]       # what is searched: number, title, issuer, place, other
    shown: dict[str, Text]              # what is shown and marked: label, number, title, issuer, place, jurisdiction
    field_keys: dict[str, frozenset[str]] = field(default_factory=dict)   # field -> its keys
    sort_key: str = ""
    standing: int = 0       # place among its index's entries by (held first, sort_key, id): set by Index
    number_keys: frozenset[str] = frozenset()  # every key of every spelling of its numbers

    def __post_init__(self):
        # the sets shared between entries with the same words (~40 MB fewer at 10k documents)
        self.field_keys = {name: _shared(frozenset(k for text in texts for k in text.keys))
                           for name, texts in self.fields.items()}
        self.sort_key = fold(self.label)
        self.number_keys = _shared(frozenset(
            k for forms in self.numbers
            for k in forms.all_keys() | set(forms.yearless or ()) | ({forms.running} if forms.running else set())))

    @property
    def keys(self) -> frozenset[str]:
        """Every key of every field."""
        return frozenset().union(*self.field_keys.values())


@lru_cache(maxsize=65536)
def _shared(keys: frozenset[str]) -> frozenset[str]:
    """One object for equal sets of keys."""
    return keys


@dataclass
class Index:
    """The entries, and for every key the positions of the entries holding it: a query looks at
    the entries that can match it, not at every document."""
    entries: list[Entry]
    postings: dict[str, list[int]] = field(default_factory=dict)
    # the last queries' ranked entries, so the next page of a query costs no ranking
    rankings: "OrderedDict[tuple, tuple[list[tuple[Entry, float]], bool]]" = field(default_factory=OrderedDict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self):
        for standing, entry in enumerate(sorted(self.entries, key=lambda e: (not e.held, e.sort_key, e.id))):
            entry.standing = standing
        if not self.postings:
            for position, entry in enumerate(self.entries):
                for key in entry.keys:
                    self.postings.setdefault(key, []).append(position)

    def holding(self, firsts: frozenset[str]) -> set[int]:
        """Positions of the entries holding any of these keys."""
        found: set[int] = set()
        for key in firsts:
            found.update(self.postings.get(key, ()))
        return found

    def ranking(self, query: "Query") -> tuple[list[tuple["Entry", float]], bool]:
        """The entries matching the query with their scores, best first, and whether they are
        partial matches (no entry has every word)."""
        key = (query.groups, query.number_shaped)
        with self.lock:
            if key in self.rankings:
                self.rankings.move_to_end(key)
                return self.rankings[key]
        if query.all_simple and not query.number_shaped:
            if len(query.required) == len(query.groups):  # each candidate has every word: all complete
                # no score passes a title phrase with every word, but a number's: those are scored now
                top, keys = TITLE_PHRASE + min(5 * len(query.groups), 50), query.key_set
                complete = [(entry, top, None) if entry.number_keys.isdisjoint(keys) else
                            (entry, *(score(entry, query)[0],) * 2) for entry in self.candidates(query, whole=True)]
            else:
                bounded = [(entry, *bound(entry, query)) for entry in self.candidates(query, whole=True)]
                complete = [(e, b, exact) for e, b, exact, whole in bounded if whole]
            if complete:
                found = (Ranked(query, complete), False)
            else:
                found = self._scored(query, whole=False)
        else:
            found = self._scored(query, whole=True)
        with self.lock:
            self.rankings[key] = found
            while len(self.rankings) > RANKINGS_KEPT:
                self.rankings.popitem(last=False)
        return found

    def _scored(self, query: "Query", whole: bool) -> tuple[list[tuple["Entry", float]], bool]:
        """Every candidate scored: the complete matches, or (none, or not `whole`) the partial."""
        complete = []
        if whole:
            scored = [(entry, *score(entry, query)) for entry in self.candidates(query, whole=True)]
            complete = [(e, s) for e, s, whole in scored if whole]
        if not complete:
            scored = [(entry, *score(entry, query)) for entry in self.candidates(query, whole=False)]
        ranked = complete or [(e, s) for e, s, _ in scored if s > 0]
        ranked.sort(key=lambda pair: _order(*pair))
        return ranked, not complete and bool(ranked)

    def candidates(self, query: "Query", whole: bool) -> list[Entry]:
        """The entries that can have every word of the query (`whole`), or any of them."""
        firsts = query.firsts
        if whole and (query.required or query.numbers):
            sets = [self.holding(firsts[i]) for i in query.required]
            if query.numbers:
                sets.append(self.holding(frozenset().union(*(firsts[i] for i in query.numbers))))
            sets.sort(key=len)
            positions = sets[0].intersection(*sets[1:])
        else:
            positions = self.holding(frozenset().union(*firsts))
        return [self.entries[p] for p in sorted(positions)]


def _order(entry: "Entry", value: float) -> tuple:
    """Where an entry with this score stands: best score first, then held documents, then by
    label and id (unique, so the order is total: Entry.standing)."""
    return (-value, entry.standing)


class Ranked(Sequence):
    """The complete matches of a query, best first, scored only as far as they are asked for.

    Each entry comes with an upper bound of its score (kg.search.bound, cheap) and its score
    when the bound is exact. Entries wait in the order of their bounds; an entry is scored when
    it reaches the front, and a scored entry is final once no waiting entry's bound could still
    place it before it. So the first page of a query every title matches ("kế hoạch") scores a
    few dozen entries, not ten thousand; the order is the one scoring everything gives."""

    def __init__(self, query: "Query", bounded: list[tuple["Entry", float, float | None]]):
        self.query = query
        self.waiting = sorted(bounded, key=lambda t: _order(t[0], t[1]))
        self.next = 0
        self.scored: list[tuple[tuple, "Entry", float]] = []    # a heap by order
        self.ranked: list[tuple["Entry", float]] = []
        self.lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.waiting)

    def __getitem__(self, at):
        if isinstance(at, slice):
            start, stop, step = at.indices(len(self))
            return self._upto(stop)[start:stop:step]
        index = at if at >= 0 else at + len(self)
        return self._upto(index + 1)[index]

    def _upto(self, count: int) -> list[tuple["Entry", float]]:
        with self.lock:
            while len(self.ranked) < count:
                if self.next < len(self.waiting):
                    entry, upper, exact = self.waiting[self.next]
                    if not self.scored or self.scored[0][0] > _order(entry, upper):  # the front may come first
                        value = exact if exact is not None else score(entry, self.query)[0]
                        heapq.heappush(self.scored, (_order(entry, value), entry, value))
                        self.next += 1
                        continue
                if not self.scored:
                    break
                _, entry, value = heapq.heappop(self.scored)
                self.ranked.append((entry, value))
            return self.ranked


def _distinct(values: list[str]) -> list[str]:
    """Values in order, each folded spelling once."""
    seen, kept = set(), []
    for value in values:
        key = fold(value).strip()
        if key and key not in seen:
            seen.add(key)
            kept.append(unicodedata.normalize("NFC", value.strip()))
    return kept


def build_index(store: GraphStore) -> Index:
    values: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for row in store.select(named_queries.internal("document-search-values").text):
        values.setdefault(row["doc"], {}).setdefault(row["field"], []).append((row["v"], row["lang"] or ""))
    type_names: dict[str, dict[str, str]] = {}
    types = store.select(named_queries.internal("document-type-names").text)
    for row in sorted(types, key=lambda r: (r["concept"], r["v"])):
        type_names.setdefault(row["concept"], {}).setdefault((row["lang"] or "vi").split("-")[0], row["v"])
    entries = [_entry(iri, found, type_names) for iri, found in values.items()]
    return Index(sorted((e for e in entries if e is not None), key=lambda e: e.id))


def _entry(iri: str, found: dict[str, list[tuple[str, str]]], type_names: dict[str, dict[str, str]]) -> Entry | None:
    doc_id = ids.document_id(iri)
    if doc_id is None:
        return None

    def of(name: str, lang: str | None = None) -> list[str]:
        pairs = sorted(found.get(name, []))
        return _distinct([v for v, lg in pairs if lang is None or lg.lower().startswith(lang)])

    def first(name: str) -> str | None:
        return min((v for v, _ in found.get(name, [])), default=None)

    years = [int(v) for v in of("year") if v.isdecimal()]
    year = max(years) if years else None
    numbers = of("number")
    titles, issuers, bodies = of("title"), of("issuer"), of("body", "vi")
    places, jurisdictions = of("place"), of("jurisdiction", "vi") or of("jurisdiction")
    number = unicodedata.normalize("NFC", first("number")) if numbers else None
    label = unicodedata.normalize("NFC", first("label") or number or doc_id)
    type_code, date = first("type"), max((v for v, _ in found.get("date", [])), default=None)
    type_name = next((type_names[c] for c in sorted(v for v, _ in found.get("typeConcept", [])) if c in type_names), {})
    shown = {
        "label": label,
        "number": number,
        "title": " / ".join(titles) or None,
        "issuer": "; ".join(issuers or bodies) or None,
        "place": "; ".join(places) or None,
        "jurisdiction": "; ".join(jurisdictions) or None,
    }
    fields = {
        "number": [Text.of(n) for n in numbers],
        "title": [Text.of(x) for x in _distinct([label, *titles])],
        "issuer": [Text.of(x) for x in _distinct(issuers + bodies + of("body"))],
        "place": [Text.of(x) for x in _distinct(places + of("jurisdiction") + of("area"))],
        "other": [Text.of(x) for x in (type_code, date, *type_name.values()) if x],
    }
    return Entry(
        id=doc_id, iri=iri, label=label, number=number, type=type_code, type_name=type_name,
        title=shown["title"], issuer=shown["issuer"], place=shown["place"], jurisdiction=shown["jurisdiction"],
        date=date, held=any(v == "true" for v, _ in found.get("held", [])),
        numbers=[NumberForms.of(n, year) for n in numbers], fields=fields,
        shown={name: Text.of(text) for name, text in shown.items() if text})


_cache: "weakref.WeakKeyDictionary[GraphStore, tuple[tuple, Index]]" = weakref.WeakKeyDictionary()
_build_lock = threading.Lock()


def _version(store: GraphStore) -> tuple:
    """What changes when the store's content does: the writes this process made to it, and for
    a remote server (written by others too) its size."""
    if getattr(store, "query_url", None) is not None:
        return (store.generation, len(store))
    return (store.generation,)


def index_for(store: GraphStore) -> Index:
    """The store's index, built once per version of the store: one request builds it while
    the others asking at the same time wait for it, not build their own."""
    version = _version(store)
    cached = _cache.get(store)
    if cached is not None and cached[0] == version:
        return cached[1]
    with _build_lock:
        cached = _cache.get(store)
        if cached is not None and cached[0] == version:
            return cached[1]
        index = build_index(store)
        _cache[store] = (version, index)
        return index


# --- ranking ---------------------------------------------------------------------------------

EXACT_NUMBER = 1000          # the number as written or with its year added
EXACT_YEARLESS = 990         # the number without its year ("44/TT-BGDĐT" for 44/2014/TT-BGDĐT)
NUMBER_IN_QUERY = 950        # the number inside a longer query ("số 1373/QĐ-TTg ngày 30/7/2021")
DIGITS_ALL_CODES = 940       # running number and all codes in another order ("ttg qd 1373")
DIGITS_SOME_CODES = 900      # running number and some codes ("qd 1373")
DIGITS_ONLY = 700            # running number, other words elsewhere ("quyết định 1373")
TITLE_PHRASE = 500
ISSUER_OR_PLACE_PHRASE = 450  # "thanh tri" is the place Thanh Trì before a title with "thành" and "trí" apart
TITLE_WORDS = 400
ISSUER_OR_PLACE_WORDS = 300
ALL_WORDS = 200
PARTIAL = 100                # times the share of words found, when no document has them all


def _contains(keys: tuple[str, ...], run: tuple[str, ...] | None) -> bool:
    if not run:
        return False
    return any(keys[i:i + len(run)] == run for i in range(len(keys) - len(run) + 1))


def _number_score(entry: Entry, query: Query) -> tuple[int, set[str]]:
    """The best number tier and the query keys the number accounts for."""
    best, used = 0, set()
    keys = query.keys
    if not entry.number_keys & query.key_set:
        return best, used  # every tier below needs a word of the number in the query
    for forms in entry.numbers:
        score = 0
        if keys in (forms.written, forms.with_year):
            score = EXACT_NUMBER
        elif keys == forms.yearless:
            score = EXACT_YEARLESS
        elif any(_contains(keys, run) for run in (forms.written, forms.with_year, forms.yearless)):
            score = NUMBER_IN_QUERY
        elif forms.running and forms.running in keys:
            given = set(keys) & forms.codes
            score = (DIGITS_ALL_CODES if given == forms.codes and given else
                     DIGITS_SOME_CODES if given else DIGITS_ONLY)
        if score > best:
            best, used = score, forms.all_keys()
    return best, used


def _found(entry: Entry, query: Query, name: str) -> list[bool]:
    """Per group of the query, whether field `name` of the entry holds it."""
    firsts, keys = query.firsts, entry.field_keys[name]
    if query.all_simple:  # a one-word spelling is held when its key is
        return [not first.isdisjoint(keys) for first in firsts]
    texts, simple, groups = entry.fields[name], query.simple, query.groups
    return [not first.isdisjoint(keys) and (simple[i] or any(text.has(groups[i]) for text in texts))
            for i, first in enumerate(firsts)]


def score(entry: Entry, query: Query) -> tuple[float, bool]:
    """The entry's score for the query, and whether it has every word (0 if it has none)."""
    groups, firsts = query.groups, query.firsts
    keys = entry.keys
    if all(first.isdisjoint(keys) for first in firsts):
        return 0, False
    if query.all_simple:  # held anywhere: its key is among the keys of a field
        found = {}
        anywhere = [not first.isdisjoint(keys) for first in firsts]
    else:
        found = {name: _found(entry, query, name) for name in entry.fields}
        anywhere = [any(held) for held in zip(*found.values())]
    in_title = found.get("title") or _found(entry, query, "title")
    title_count = sum(in_title)

    number, used = _number_score(entry, query)
    if number:
        rest = [i for i, g in enumerate(groups) if not any(len(run) == 1 and run[0] in used for run in g)]
        if all(anywhere[i] or groups[i] & NUMBER_FILLER for i in rest):
            return number + min(title_count, 9), True

    if all(anywhere):
        titles, issuers, places = entry.fields["title"], entry.fields["issuer"], entry.fields["place"]
        if any(t.has_phrase(groups) for t in titles):
            tier = TITLE_PHRASE
        elif any(t.has_phrase(groups) for t in issuers + places):
            tier = ISSUER_OR_PLACE_PHRASE
        elif query.number_shaped:
            tier = 0
        elif all(in_title):
            tier = TITLE_WORDS
        elif all(found.get("issuer") or _found(entry, query, "issuer")) or \
                all(found.get("place") or _found(entry, query, "place")):
            tier = ISSUER_OR_PLACE_WORDS
        else:
            tier = ALL_WORDS
        if tier:
            return tier + min(5 * title_count, 50), True
    share = sum(anywhere) / len(groups)
    return PARTIAL * share, False


def bound(entry: Entry, query: Query) -> tuple[float, float | None, bool]:
    """For a query whose words are all one-word spellings and not a number: an upper bound of
    the entry's score, the score itself when the bound is exact (else None), and whether the
    entry has every word (exact) — what score() gives, short of the phrase checks."""
    firsts = query.firsts
    keys = entry.keys
    anywhere = [not first.isdisjoint(keys) for first in firsts]
    if not any(anywhere):
        return 0, 0, False
    title = entry.field_keys["title"]
    in_title = [not first.isdisjoint(title) for first in firsts]
    title_count = sum(in_title)
    number, used = _number_score(entry, query)
    if number:
        groups = query.groups
        rest = [i for i, g in enumerate(groups) if not any(len(run) == 1 and run[0] in used for run in g)]
        if all(anywhere[i] or groups[i] & NUMBER_FILLER for i in rest):
            value = number + min(title_count, 9)
            return value, value, True
    if all(anywhere):  # a phrase of the title needs every word in the title
        return (TITLE_PHRASE if all(in_title) else ISSUER_OR_PLACE_PHRASE) + min(5 * title_count, 50), None, True
    value = PARTIAL * sum(anywhere) / len(firsts)
    return value, value, False


# --- highlighting ----------------------------------------------------------------------------

# Between two marked words, what still belongs to one mark: "1373/QĐ-TTg", "xã hội".
_JOINER = re.compile(r"[\s/\-.&]{1,3}")


def highlight(text: str | Text, query: Query) -> list[tuple[str, bool]]:
    """`text` cut into (part, marked) pieces: the query's words are marked."""
    text = text if isinstance(text, Text) else Text.of(text)
    spans: list[list[int]] = []
    for group in query.groups:
        for run in group:
            for p in text.occurrences(run):
                spans.append([text.tokens[p].start, text.tokens[p + len(run) - 1].end])
    spans.sort()
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and (start <= merged[-1][1] or
                       _JOINER.fullmatch(text.text[merged[-1][1]:start]) and "\n" not in text.text[merged[-1][1]:start]):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts, at = [], 0
    for start, end in merged:
        if start > at:
            parts.append((text.text[at:start], False))
        parts.append((text.text[start:end], True))
        at = end
    if at < len(text.text):
        parts.append((text.text[at:], False))
    return parts


# --- search ----------------------------------------------------------------------------------


@dataclass
class Hit(Shown):
    score: float
    highlights: dict[str, list[dict]] = field(default_factory=dict)   # field -> [{"text", "marked"}]


@dataclass
class SearchPage:
    query: str
    total: int
    page: int
    pages: int
    page_size: int
    partial: bool                 # no document has every word: these have some
    results: list[Hit]


def search(store: GraphStore, text: str, page: int = 1, page_size: int = PAGE_SIZE) -> SearchPage:
    """Page `page` (from 1) of the documents matching `text`, best first."""
    query = parse_query(text)
    if not query:
        return SearchPage(text, 0, page, 0, page_size, False, [])
    ranked, partial = index_for(store).ranking(query)
    total = len(ranked)
    pages = math.ceil(total / page_size)
    chosen = ranked[(page - 1) * page_size: page * page_size]
    results = []
    for entry, value in chosen:
        marks = {name: [{"text": part, "marked": marked} for part, marked in highlight(shown, query)]
                 for name, shown in entry.shown.items()}
        shown = {f.name: getattr(entry, f.name) for f in dataclass_fields(Shown)}
        results.append(Hit(**shown, score=value, highlights=marks))
    return SearchPage(query.text, total, page, pages, page_size, partial, results)
