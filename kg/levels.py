"""The level of the cascade a document belongs to: Party centre, national (Government,
ministries, National Assembly), province, district, a sector department of a province or
district, a programme; read from its IRI's jurisdiction, its number and its class."""

from __future__ import annotations

LEVELS = ("party", "national", "province", "district", "sector", "programme", "unknown")
# issuer codes of a department (Sở, Phòng) rather than the province's or district's own bodies
SECTOR_CODES = ("SGDĐT", "PGDĐT", "GDĐT", "STC", "SYT", "SNV", "SKHCN", "SXD", "STP", "SVHTTDL", "SNNMT")
PROGRAMME_TYPES = ("ĐA", "CTr")
LEVEL_NAMES = {
    "party": {"vi": "Trung ương Đảng", "en": "Party centre"},
    "national": {"vi": "Trung ương (Chính phủ, bộ, Quốc hội)", "en": "National (Government, ministries)"},
    "province": {"vi": "Tỉnh, thành phố", "en": "Province"},
    "district": {"vi": "Quận, huyện, thị xã", "en": "District"},
    "sector": {"vi": "Sở, phòng chuyên môn", "en": "Sector department"},
    "programme": {"vi": "Đề án, chương trình", "en": "Programme"},
    "unknown": {"vi": "Chưa xác định địa bàn", "en": "Jurisdiction not known"},
}


def level_of(iri: str, number: str = "", type_code: str = "", programme: bool = False,
             unresolved: bool = False) -> str:
    if programme or type_code in PROGRAMME_TYPES:
        return "programme"
    if "/doc/" not in iri:
        return "unknown"
    path = iri.split("/doc/", 1)[1]
    jurisdiction = path.split("/")[0]
    if unresolved or jurisdiction == "unknown":
        return "unknown"
    if jurisdiction == "vn":
        return "party" if path.rstrip("/").split("/")[-1].endswith("-tw") else "national"
    if jurisdiction.startswith("vn-"):
        codes = number.upper().split("-")[1:] if number else []
        if any(code in SECTOR_CODES for code in codes):
            return "sector"
        segments = path.split("/")
        # vn-ha-noi/nam-tu-liem/kh/... has a district segment before the type
        return "district" if len(segments) > 3 and not segments[2].isdigit() and len(segments[1]) > 3 else "province"
    return "unknown"


def type_names() -> dict[str, dict[str, str]]:
    """Document type code -> its name in vi and en (the rule data's document types)."""
    from ingest import patterns

    return {entry["code"]: {"vi": entry["vi"], "en": entry["en"]} for entry in patterns.document_types()}
