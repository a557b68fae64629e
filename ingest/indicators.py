"""Clause -> indicator concept, by the rules in ``patterns/indicators.json``.

>>> indicator_of("Duy trì 99,5% trở lên người trong độ tuổi 15-60 biết chữ.")
'literacy-rate-15-60'
>>> indicator_of("95% số người mới biết chữ tiếp tục học tập và không tái mù chữ.")
'newly-literate-continue-learning'
>>> indicator_of("Phấn đấu 50% số hộ nuôi ong đạt chuẩn VietGAP") is None
True
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from ingest import patterns


@lru_cache(maxsize=1024)  # the targets of one clause share it
def indicator_of(clause: str) -> str | None:
    """The concept id of the first rule the clause satisfies, or None: never a guess."""
    text = unicodedata.normalize("NFC", clause).casefold()
    for rule in patterns.load("indicators")["rules"]:
        if any(phrase in text for phrase in rule.get("none", [])):
            continue
        if all(any(phrase in text for phrase in group) for group in rule["all"]):
            return rule["concept"]
    return None
