"""Regular expressions that open with a literal letter, so that the engine can skip ahead.

Python's ``re`` looks for a match at every position of the text unless a pattern opens with a
literal (or an alternation of them): then it jumps from one place where that letter stands to
the next. A pattern that opens with a lookbehind ("at a line's start"), or is compiled to
ignore case, is tried at every one of a document's characters. These builders write the same
patterns with their first letter first:

- ``words([re.escape("hằng năm"), re.escape("định kỳ")])``: "hằng năm" or "định kỳ" as whole
  words in any case, each alternative opening with its first letter in either case;
- ``opening("Đ", LINE_OPENINGS)``: the letter "Đ" where a line opens (or after a list marker),
  the places tested by lookbehinds that include the letter itself; ``opening_at`` the same for
  alternatives that open with different letters, grouped by letter.

They match exactly what ``(?<!\\w)(?i:hằng\\ năm|định\\ kỳ)`` and ``(?:(?<=\\n)|(?<=^)|...)Đ``
match, with the same spans: tests/test_openings.py checks it.
"""

from __future__ import annotations

import re

# where a line opens: at the text's start, after a line break, after a list marker ("- ", "a) ")
LINE_OPENINGS = (r"\n", r"^", r"\n[-+•*] ", r"^[-+•*] ", r"\n[a-zđ\d][.)] ", r"^[a-zđ\d][.)] ")
# the same without bullets: a line or a lettered/numbered item
ITEM_OPENINGS = (r"\n", r"^", r"\n[a-zđ\d][.)] ", r"^[a-zđ\d][.)] ")


def cases(letter: str) -> list[str]:
    return sorted({letter.lower(), letter.upper()}, reverse=True) if letter.lower() != letter.upper() else [letter]


def opening_alternatives(letters: str, before: tuple[str, ...]) -> list[str]:
    """Each of `letters` (a literal) followed by the lookbehinds that test it stands where one
    of the texts `before` ends; alternatives to join with others that open with a letter."""
    alternatives = []
    for letter in letters:
        literal = re.escape(letter)
        alternatives.append(literal + "(?:" + "|".join(f"(?<={b}{literal})" for b in before) + ")")
    return alternatives


def opening_at(alternatives: list[tuple[str, str]], before: tuple[str, ...]) -> str:
    """Alternatives given as (letters, rest): one of the letters standing where one of the texts
    `before` ends, then the regex rest; tried in the order given. Grouped by letter, so that a
    letter and where it stands are tested once:
    ``opening_at([("Tt", "háng"), ("Đđ", "(?i:ầu)")], ("\\n",))`` is "Tháng", "tháng", "Đầu",
    "ĐẦU", ... at a line's start."""
    rests: dict[str, list[str]] = {}
    for letters, rest in alternatives:
        for letter in letters:
            rests.setdefault(letter, []).append(rest)
    out = []
    for letter, tails in rests.items():
        literal = re.escape(letter)
        tests = "|".join(f"(?<={b}{literal})" for b in before)
        out.append(f"{literal}(?:{tests})(?:{'|'.join(tails)})")
    return "(?:" + "|".join(out) + ")"


def opening(letters: str, before: tuple[str, ...]) -> str:
    """One of `letters` standing where one of the lookbehind texts `before` ends:
    ``opening("Kk", ("\\n", "^"))`` is K or k at a line's start."""
    return "(?:" + "|".join(opening_alternatives(letters, before)) + ")"


def words(alternatives: list[str], whole: bool = True, not_after: tuple[str, ...] = (),
          any_case: bool = True) -> str:
    """The `alternatives` (regexes that open with a letter or digit, e.g. ``re.escape(word)``),
    tried in the order given, each opening with its first letter as a literal: in either case
    and the rest in any case (`any_case`), or as written. `whole`: no word character just
    before (``(?<!\\w)``)."""
    return "(?:" + "|".join(word_alternatives(alternatives, whole, not_after=not_after, any_case=any_case)) + ")"


def word_alternatives(alternatives: list[str], whole: bool = True, then: str = "",
                      not_after: tuple[str, ...] = (), any_case: bool = True) -> list[str]:
    """One alternative per first letter (and case, `any_case`): the letter, then the rests of the
    words that open with it, in the order given (so the engine tests one letter once, not once a
    word), then the regex `then`. `not_after`: words (any case) that may not stand just before,
    a space between ("các báo cáo")."""
    if not alternatives:
        raise ValueError("no words to match")  # "(?:)" would match everywhere
    rests: dict[str, list[str]] = {}
    for alternative in alternatives:
        first = alternative[0]
        if not first.isalnum():
            raise ValueError(f"{alternative!r} does not open with a letter or digit")
        rests.setdefault(first.lower() if any_case else first, []).append(alternative[1:])
    out = []
    for first, tails in rests.items():
        for letter in cases(first) if any_case else [first]:
            literal = re.escape(letter)
            guard = f"(?<!\\w{literal})" if whole else ""
            guard += "".join(f"(?i:(?<!{re.escape(word)} {literal}))" for word in not_after)
            rest = "|".join(tails)
            out.append(f"{literal}{guard}(?i:{rest}){then}" if any_case else f"{literal}{guard}(?:{rest}){then}")
    return out
