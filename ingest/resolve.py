"""Raw mentions -> jurisdictions: where a document belongs, so that the same document cited
in two ways, or by two documents, is one document.

A jurisdiction is a code: "vn" (national), "vn-ha-noi" (a province or centrally-run city),
"vn-ha-noi/nam-tu-liem" (a district), "vn-an-giang/hoa-an" (a commune: after the 2025
reorganisation communes issue their plans directly under the province, whose name the header
line above the commune's body gives). It comes from, in order:

1. the issuer code in the number: national codes (TTg, CP, QH15, ministries, central Party
   bodies ending in TW) are national, whoever cites them;
2. the issuer phrase of a mention: a province named ("của UBND tỉnh Phú Yên", "Sở GDĐT Hà
   Nội"), or a level word without a name ("UBND Thành phố", "Thành ủy", "UBND huyện"),
   which takes the citing document's own province or district;
3. nothing else: a local code (UBND, TU, HĐND ...) with no issuer phrase stays unresolved
   (jurisdiction None) rather than guessed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from ingest import patterns
from ingest.keys import ascii_slug
from ingest.number import DocumentNumber
from ingest.records import Extraction, Identity

PROVINCE_WORDS = re.compile(r"(?i)\b(?:tỉnh|thành phố|thủ đô|thành ủy|thành uỷ|tỉnh ủy|tỉnh uỷ|sở)\b")
DISTRICT_WORDS = re.compile(r"(?i)\b(?:huyện|quận|thị xã|huyện ủy|quận ủy|thị ủy|phòng)\b")
DISTRICT_BODY = re.compile(r"(?i)\b(?:ban chỉ đạo|phòng)\b.*\b(?:quận|huyện)\b")
PROVINCE_BOARD = re.compile(r"(?i)\bban (?:thường vụ|tổ chức|tuyên giáo)\b")
ASSEMBLY_CODE = re.compile(r"^QH\d+$")
ASSEMBLY_STANDING_CODE = re.compile(r"^UBTVQH\d*$")


@cache
def provinces() -> dict[str, dict]:
    """slug -> {name, kind, en}"""
    table = {}
    for name, kind, english in patterns.places()["provinces"]:
        table[ascii_slug(name)] = {"name": name, "kind": kind, "en": english, "slug": ascii_slug(name)}
    return table


@cache
def _province_regex() -> re.Pattern:
    names = sorted((ascii_slug(p["name"]).replace("-", " ") for p in provinces().values()),
                   key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")


def find_province(text: str | None) -> str | None:
    """The slug of the first province named in `text` (diacritics ignored)."""
    if not text:
        return None
    folded = ascii_slug(text).replace("-", " ")
    match = _province_regex().search(folded)
    return match.group(1).replace(" ", "-") if match else None


def main_province(text: str) -> str | None:
    """The province a text is about: the one it names most often."""
    folded = ascii_slug(text).replace("-", " ")
    counts: dict[str, int] = {}
    for match in _province_regex().finditer(folded):
        counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    if not counts:
        return None
    best = max(counts.items(), key=lambda kv: kv[1])
    return best[0].replace(" ", "-")


def is_national(issuer_code: str | None) -> bool:
    if not issuer_code:
        return False
    settings = patterns.issuers()
    first = issuer_code.split("-")[0]
    if first in settings["national_codes"] or ASSEMBLY_CODE.match(first) or ASSEMBLY_STANDING_CODE.match(first):
        return True
    return first.endswith(tuple(settings["national_suffixes"]))


@cache
def _local_unit_name() -> re.Pattern:
    """A district or commune named after its unit word: "huyện Krông Pa", "xã Hòa An" (the
    words of patterns/places.json; "thành phố" here is a city under a province)."""
    words = patterns.places()["unit_words"]
    units = sorted({w for w in words["district"] + words["commune"]} | {"thành phố"}, key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(re.escape(w) for w in units) + r")\s+((?:[A-ZĐÀ-Ỹ][^\s,;.()]*\s?){1,3})")


@cache
def _commune_words() -> re.Pattern:
    words = patterns.places()["unit_words"]["commune"]
    return re.compile(r"(?i)\b(?:" + "|".join(re.escape(w) for w in words) + r")\s+[A-ZĐÀ-Ỹ]")


def _superior_line(identity: Identity, text: str) -> str:
    """The header line just above the issuing body's ("ỦY BAN NHÂN DÂN TỈNH AN GIANG" above
    "ỦY BAN NHÂN DÂN XÃ HÒA AN"): the body it belongs to, which names the province."""
    span = (identity.spans or {}).get("issuer")
    if not span:
        return ""
    before = text[max(0, span[0] - 300):span[0]].rstrip()
    return before.rsplit("\n", 1)[-1] if before else ""


def document_jurisdiction(identity: Identity, text: str) -> tuple[str | None, str | None, str | None]:
    """(jurisdiction, province slug, district slug) of the document itself."""
    if is_national(identity.issuer_code):
        return "vn", None, None
    issuer = identity.issuer or ""
    if not issuer and not identity.place:
        return None, None, None  # nothing says whose document this is
    province = find_province(issuer) or find_province(_superior_line(identity, text)) \
        or find_province(identity.place) or main_province(text)
    district = None
    district_match = _local_unit_name().search(issuer)
    if district_match and not find_province(district_match.group(1)):
        district = ascii_slug(district_match.group(1))
    elif identity.place and not find_province(identity.place) and \
            (DISTRICT_WORDS.search(issuer) or _commune_words().search(issuer) or DISTRICT_BODY.search(issuer)
             or not issuer):
        district = ascii_slug(identity.place)
    elif not identity.place and DISTRICT_WORDS.search(issuer):
        named = _local_unit_name().search(text[:3000])
        if named and not find_province(named.group(1)):
            district = ascii_slug(named.group(1))
    if national_issuer_name(issuer):
        return "vn", None, None
    if not province:
        return None, None, district
    code = f"vn-{province}" + (f"/{district}" if district else "")
    return code, province, district


NATIONAL_NAMES = re.compile(r"(?i)^(?:thủ tướng chính phủ|chính phủ|quốc hội|bộ chính trị|ban bí thư|"
                            r"ủy ban thường vụ quốc hội|bộ\s)|\btrung ương\b")


def national_issuer_name(issuer: str | None) -> bool:
    return bool(issuer and NATIONAL_NAMES.match(issuer))


def reference_jurisdiction(number: str | None, issuer: str | None, province: str | None,
                           district: str | None) -> str | None:
    """Where a cited document belongs; None when the text does not say."""
    code = None
    if number:
        try:
            code = DocumentNumber.parse(number).issuer_code
        except ValueError:
            code = None
    if is_national(code) or national_issuer_name(issuer):
        return "vn"
    if not issuer:
        return None
    named = find_province(issuer)
    if named:
        district_match = _local_unit_name().search(issuer)
        if district_match and not find_province(district_match.group(1)):
            return f"vn-{named}/{ascii_slug(district_match.group(1))}"
        return f"vn-{named}"
    district_match = _local_unit_name().search(issuer)
    if district_match and province:
        return f"vn-{province}/{ascii_slug(district_match.group(1))}"
    if DISTRICT_WORDS.search(issuer):
        return f"vn-{province}/{district}" if province and district else None
    if PROVINCE_WORDS.search(issuer) or PROVINCE_BOARD.search(issuer):
        return f"vn-{province}" if province else None
    return None


def resolve(extraction: Extraction, text: str) -> Extraction:
    """Fill in jurisdictions of the document and of every reference (in place).

    Programmes and laws named only by title have no jurisdiction unless an issuer is
    stated: laws are national, a programme is known by its title alone."""
    identity = extraction.document
    jurisdiction, province, district = document_jurisdiction(identity, text)
    identity.jurisdiction = jurisdiction
    identity.province = provinces()[province]["name"] if province else None
    identity.district = district
    for reference in extraction.references:
        if reference.number is None:
            # programmes and laws named by title: national unless a local issuer is stated
            reference.jurisdiction = reference_jurisdiction(None, reference.issuer, province, district) \
                if reference.issuer else ("vn" if reference.type in ("L", "PL") else None)
        else:
            reference.jurisdiction = reference_jurisdiction(reference.number, reference.issuer,
                                                            province, district)
    return extraction
