"""The spaCy pipeline extraction runs on: ``spacy.blank("vi")`` with our tokenizer and the
rule matchers built from ``ingest/patterns``.

The stock ``vi`` tokenizer either needs pyvi (which splits "5506/QĐ-UBND" into five tokens)
or, with ``use_pyvi = false``, splits on white space only and leaves punctuation attached
("12/4/2024,"). Ours splits on white space, then peels opening and closing punctuation off
each chunk, so a document number, a date or "99,5" stays one token and "“Xây" is two.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import spacy
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token

from ingest import patterns
from ingest.number import NUMBER_TOKEN_RE

OPENING = "“\"'‘([{«"
CLOSING = "”\"'’)]}»,;:.!?…%"
CHUNK = re.compile(r"\S+")


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
    return Doc(vocab, words=out_words, spaces=out_spaces)


@lru_cache(maxsize=65536)
def _is_doc_number(text: str) -> bool:
    return "/" in text and bool(NUMBER_TOKEN_RE.match(text))


if not Token.has_extension("is_doc_number"):
    Token.set_extension("is_doc_number", getter=lambda t: _is_doc_number(t.text))


@cache
def pipeline() -> spacy.language.Language:
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
    nlp = pipeline()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for predicate, phrases in patterns.relation_cues()["cues"].items():
        matcher.add(predicate, [nlp.make_doc(p) for p in phrases])
    return matcher
