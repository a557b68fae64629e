"""Funding sources as the Kinh phí section states them: one record per line of it."""

from __future__ import annotations

import re

from ingest.records import Funding
from ingest.segment import Outline


BULLET = re.compile(r"^[-+•*]\s*")


def extract_funding(outline: Outline) -> list[Funding]:
    found = []
    for heading in outline.headings:
        if "kinh phí" not in heading.title.lower():
            continue
        for line in outline.lines_within(heading.end, heading.section_end):
            text = BULLET.sub("", line.text)
            if len(text) > 10:
                found.append(Funding(text, (line.end - len(text), line.end)))
    return found
