"""Vietnamese document numbers: parse, normalise, print.

Two shapes are in use:

* State documents: ``<n>[/<year>]/<type>-<issuer>`` or ``<n>[/<year>]/<issuer>``:
  "1373/QĐ-TTg", "44/2014/TT-BGDĐT", "796/KH-GDĐT-KH", "72/2025/QH15", "1234/UBND-VX".
* Party documents: ``<n>-<type>/<issuer>``: "11-CT/TW", "23-NQ/TU", "8011-CV/BTCTW".

>>> str(DocumentNumber.parse("1373/QD-TTg"))
'1373/QĐ-TTg'
>>> n = DocumentNumber.parse("44/TT-BGDĐT").with_year(2014)
>>> str(n), n.type_code, n.issuer_code
('44/2014/TT-BGDĐT', 'TT', 'BGDĐT')
>>> DocumentNumber.parse("11-CT/TW").party
True
>>> DocumentNumber.parse("12/4/2024")
Traceback (most recent call last):
...
ValueError: not a document number: '12/4/2024'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from ingest import patterns

_CODE = r"[A-ZĐÐ][A-Za-zĐđÐð0-9&]*"

# One pattern for both shapes. Codes start with a capital letter, which keeps dates
# ("12/4/2024"), ranges ("2021-2030") and ages ("15-60") out.
NUMBER_RE = re.compile(rf"""
    (?P<state>
        (?P<n>\d{{1,5}})                          # running number
        (?:/(?P<year>(?:19|20)\d\d))?             # year, in legal normative documents
        /(?P<codes>{_CODE}(?:-{_CODE})*)          # type and issuer codes: QĐ-TTg, TT-BGDĐT
    )
    |
    (?P<party>
        (?P<pn>\d{{1,5}})-(?P<ptype>{_CODE})      # number and type: 11-CT
        /(?P<pissuer>{_CODE}(?:-{_CODE})*)        # issuer: TW, TU, BTCTW
    )
""", re.VERBOSE)

# The same shapes, compact and without groups, for embedding in other patterns.
NUMBER_PATTERN = (rf"(?:\d{{1,5}}(?:/(?:19|20)\d\d)?/{_CODE}(?:-{_CODE})*"
                  rf"|\d{{1,5}}-{_CODE}/{_CODE}(?:-{_CODE})*)")

NUMBER_TOKEN_RE = re.compile(rf"^(?:{NUMBER_RE.pattern})$", re.VERBOSE)


@cache
def _type_codes() -> dict[str, str]:
    codes = {}
    for entry in patterns.document_types():
        codes[entry["code"]] = entry["code"]
        for alias in entry.get("number_codes", []):
            codes[alias] = entry["code"]
    return codes


def normalise_code(code: str) -> str:
    """NFC, Đ look-alikes to U+0110, ASCII spellings of known codes to their Đ form."""
    code = unicodedata.normalize("NFC", code).replace("Ð", "Đ").replace("ð", "đ")
    ascii_codes = patterns.issuers()["ascii_codes"]
    return "-".join(ascii_codes.get(part, part) for part in code.split("-"))


WHITE_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class DocumentNumber:
    number: str              # as written, leading zeros kept: "0124"
    year: int | None         # the year inside the number, if any
    codes: tuple[str, ...]   # ("QĐ", "TTg"), ("TT", "BGDĐT"), ("QH15",)
    party: bool              # "n-TYPE/ISSUER" shape

    @classmethod
    def parse(cls, text: str) -> "DocumentNumber":
        """The number written `text` (ValueError when it is none). Numbers are read again and again
        (each mention, each rule): the readings of short texts are kept, a number being immutable."""
        return _parsed(text) if len(text) <= 64 else cls._parse(text)

    @classmethod
    def _parse(cls, text: str) -> "DocumentNumber":
        cleaned = WHITE_SPACE.sub("", unicodedata.normalize("NFC", text))
        match = NUMBER_TOKEN_RE.match(cleaned)
        if not match:
            raise ValueError(f"not a document number: {text!r}")
        if match.group("state"):
            codes = tuple(normalise_code(match.group("codes")).split("-"))
            year = int(match.group("year")) if match.group("year") else None
            return cls(match.group("n"), year, codes, False)
        codes = (normalise_code(match.group("ptype")), normalise_code(match.group("pissuer")))
        return cls(match.group("pn"), None, codes, True)

    def __str__(self) -> str:
        if self.party:
            return f"{self.number}-{self.codes[0]}/{self.codes[1]}"
        year = f"/{self.year}" if self.year else ""
        return f"{self.number}{year}/{'-'.join(self.codes)}"

    @property
    def type_code(self) -> str | None:
        """The document type the number itself states ("QĐ" in 1373/QĐ-TTg), if any."""
        return _type_codes().get(self.codes[0]) if len(self.codes) > 1 or self.party else None

    @property
    def issuer_code(self) -> str:
        """The issuer part: "TTg" in 1373/QĐ-TTg, "TW" in 11-CT/TW, "QH15" in 72/2025/QH15."""
        if self.party:
            return self.codes[1]
        if self.type_code:
            return "-".join(self.codes[1:])
        return "-".join(self.codes)

    def with_year(self, year: int | None) -> "DocumentNumber":
        return replace(self, year=year)

    def without_year(self) -> "DocumentNumber":
        return replace(self, year=None)


@lru_cache(maxsize=4096)
def _parsed(text: str) -> DocumentNumber:
    return DocumentNumber._parse(text)
