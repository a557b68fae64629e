"""The keys that say two names are one: an organisation named in different ways ("Phòng
GD&ĐT", "Phòng Giáo dục và Đào tạo Quận"), an issuing body within its jurisdiction ("UBND
tỉnh" and "Ủy ban nhân dân tỉnh Đắk Lắk" in vn-dak-lak), a place's slug ("Nam Từ Liêm" ->
"nam-tu-liem"). Made here only: the extractor and the graph (kg/) use the same keys."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from ingest import patterns


def _settings() -> dict:
    return patterns.load("organisations")


@lru_cache(maxsize=8192)  # places and bodies are slugged again and again
def ascii_slug(text: str) -> str:
    """ "Nam Từ Liêm" -> "nam-tu-liem"; đ -> d."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@cache
def collective_regex() -> re.Pattern:
    """Bodies named together in lower case ("các sở, ban, ngành, đoàn thể tỉnh", "Thủ trưởng
    các sở, ngành có liên quan"): two or more member words joined by "," or "và"; bounded
    repetition, no nested quantifier."""
    c = _settings()["collective"]
    member = "(?:" + "|".join(re.escape(m) for m in sorted(c["members"], key=len, reverse=True)) + r")(?!\w)"
    officer = "(?:" + "|".join(map(re.escape, c["officers"])) + r")\s+"
    area = "(?:" + "|".join(re.escape(a) for a in sorted(_settings()["area_words"], key=len, reverse=True)) + r")(?!\w)"
    tail = "(?:" + "|".join(map(re.escape, c["tails"])) + r")(?!\w)"
    return re.compile(rf"(?<!\w)(?:{officer})?(?:[Cc]ác\s+)?(?i:{member})(?:\s?,\s|\s+và\s+|[ \t]){member}"
                      rf"(?:(?:\s?,\s|\s+và\s+|[ \t]){member}){{0,5}}"
                      rf"(?:\s+(?:cấp\s+|thuộc\s+)?(?i:{area}))?"  # "các sở, ban, ngành thuộc Thành phố"
                      rf"(?:\s+{tail})?")


OWN_AREA_WORDS = {"district": ("quận", "huyện", "thị xã"), "province": ("tỉnh", "thành phố")}


@cache
def _abbreviation_regex() -> re.Pattern:
    """Any abbreviation of the word list standing as a word of its own, the longest first
    ("UBMTTQVN" before "UBMTTQ"); no expansion holds an abbreviation, so one pass spells them
    all out."""
    shorts = sorted(_settings()["abbreviations"], key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, shorts)) + r")(?!\w)")


@cache
def _collective_tail_regex() -> re.Pattern:
    return re.compile(r"\s+(?:" + "|".join(map(re.escape, _settings()["collective"]["tails"])) + ")$")


_SPACES = re.compile(r"\s+")
_LEAD_WORDS = re.compile(r"^(?:đối với|giao)\s+")


@lru_cache(maxsize=4096)  # a body is named many times
def organisation_key(name: str, own_level: str | None = None) -> str:
    """Lower-case, abbreviations spelt out, and a bare area word that names the document's
    own level dropped ("Phòng GD&ĐT Quận" in a district plan is its Phòng GD&ĐT; "Hội
    Khuyến học Thành phố" there is the city's, another body)."""
    text = unicodedata.normalize("NFC", name)
    expansions = _settings()["abbreviations"]
    text = _abbreviation_regex().sub(lambda m: expansions[m.group()], text)
    text = text.replace("Uỷ", "Ủy").replace("uỷ", "ủy")
    text = _SPACES.sub(" ", text).strip(" .,;").casefold()
    text = _LEAD_WORDS.sub("", text)
    if collective_regex().fullmatch(name.strip()):  # "các sở, ngành liên quan" is "các sở, ngành"
        text = _collective_tail_regex().sub("", text)
    for word in OWN_AREA_WORDS.get(own_level or "", ()):
        if text.endswith(" " + word):
            return text[: -len(word) - 1]
    return text


@lru_cache(maxsize=4096)  # the issuer is compared with every body a rule gives a task
def issuer_key(name: str, jurisdiction: str | None) -> str:
    """The key of an issuing body within its jurisdiction: ``organisation_key``, the
    jurisdiction's own place name dropped ("UBND tỉnh Đắk Lắk" and "UBND tỉnh" in vn-dak-lak,
    "Thành ủy Hà Nội" in vn-ha-noi), a minister read as the ministry ("Bộ trưởng Bộ Tài
    chính"), and the spellings in ``issuer_aliases`` read as the body they name."""
    key = organisation_key(name)
    words = key.split()
    place = (jurisdiction or "").split("/")[-1].removeprefix("vn-")
    for n in range(min(4, len(words) - 1), 0, -1):
        if place and ascii_slug(" ".join(words[-n:])) == place:
            key = " ".join(words[:-n])
            break
    prefix = _settings()["issuer_minister_prefix"]
    if key.startswith(prefix + "bộ "):
        key = key[len(prefix):]
    return _settings()["issuer_aliases"].get(key, key)


def jurisdiction_level(jurisdiction: str | None) -> str | None:
    """The level of a jurisdiction: "national" (vn), "province" (vn-ha-noi), "district"
    (vn-ha-noi/nam-tu-liem), None when it is not known."""
    if not jurisdiction:
        return None
    if "/" in jurisdiction:
        return "district"
    return "national" if jurisdiction == "vn" else "province"


def _national(key: str) -> bool:
    bodies = _settings()["national_bodies"]
    return (key in bodies["names"] or key.endswith(tuple(bodies["suffixes"]))
            or (key.startswith(tuple(bodies["prefixes"])) and not key.startswith(tuple(bodies["not_prefixes"]))))


def _without_place(key: str, place_slug: str) -> str:
    """`key` without a last 1-4 words that spell the place `place_slug` ("... tỉnh đắk lắk")."""
    words = key.split()
    for n in range(min(4, len(words) - 1), 0, -1):
        if ascii_slug(" ".join(words[-n:])) == place_slug:
            return " ".join(words[:-n])
    return key


def _without_area_word(key: str, level: str) -> str | None:
    """`key` without a last word naming a unit of `level` ("... tỉnh", "... cấp huyện"), or None."""
    for word in _settings()["own_area_words"][level]:
        if key.endswith(" " + word):
            return key[: -len(word) - 1]
    return None


def body_key(name: str, jurisdiction: str | None) -> tuple[str | None, str]:
    """(scope, key) of the body that a document of `jurisdiction` names `name`: one body, one
    pair, however it is written. The key is ``issuer_key``'s (abbreviations spelt out, the
    jurisdiction's place name dropped, a minister read as the ministry) without the word
    naming the document's own level ("UBND tỉnh", "Ủy ban nhân dân tỉnh Đắk Lắk" and "UBND
    Tỉnh" in vn-dak-lak: ("vn-dak-lak", "ủy ban nhân dân"); "Phòng GD&ĐT" and "Phòng Giáo dục
    và Đào tạo quận Nam Từ Liêm" in vn-ha-noi/nam-tu-liem: that district's "phòng giáo dục và
    đào tạo"). The scope is the jurisdiction the body belongs to: the document's, so a
    generic body ("UBND các xã") of Hà Nội and of Huế are two; "vn" for a body of the whole
    country ("Bộ Tài chính" whoever names it); the province for a body that a district's
    document names by the province's level or name ("Hội Khuyến học Thành phố", "UBND thành
    phố Hà Nội" in a Nam Từ Liêm plan), and for a body only a province has ("Sở Y tế" in a district's
    plan)."""
    key = issuer_key(name, jurisdiction)
    if _national(key):
        return "vn", key
    level = jurisdiction_level(jurisdiction)
    if level == "district":
        province = jurisdiction.split("/")[0]
        shorter = _without_place(key, province.removeprefix("vn-"))
        above = _without_area_word(shorter, "province")
        if above is not None:
            return province, above
        if shorter != key:
            return province, shorter
        if shorter.split(" ", 1)[0] in _settings()["province_level_heads"]["words"]:
            return province, _without_area_word(shorter, "province") or shorter  # "Sở GD&ĐT": the province's
    if level in ("province", "district"):
        key = _without_area_word(key, level) or key
    return jurisdiction, key
