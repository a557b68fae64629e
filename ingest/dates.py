"""Dates as administrative texts write them: "16/11/2023", "12-4-2024", "17 tháng 11 năm 2025",
with blank day or month in drafts ("ngày    tháng 5 năm 2022")."""

from __future__ import annotations

import re


# "16/11/2023", "12-4-2024", "17 tháng 11 năm 2025"
DATE = r"(?:(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>(?:19|20)\d\d)" \
       r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>(?:19|20)\d\d))"


DATE_RE = re.compile(DATE)


# right after a number: ", ngày 16/11/2023" or " ban hành ngày 17 tháng 11 năm 2025"
DATE_AFTER = re.compile(r"\s*,?\s*(?:năm\s+(?:19|20)\d\d\s*,?\s*)?(?:ban hành\s+)?ngày\s+" + DATE)


def partial_date(d: str | None, m: str | None, y: str) -> tuple[str, int]:
    year = int(y)
    if m and m.isdigit():
        if d and d.isdigit():
            return f"{year:04d}-{int(m):02d}-{int(d):02d}", year
        return f"{year:04d}-{int(m):02d}", year
    return f"{year:04d}", year


def iso_date(match: re.Match) -> tuple[str, int]:
    d = match.group("d") or match.group("d2")
    m = match.group("m") or match.group("m2")
    y = match.group("y") or match.group("y2")
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}", int(y)
