"""The interface's language, Vietnamese or English: chosen by ``?lang=`` (remembered in a
cookie), else the cookie, else the browser's Accept-Language, else Vietnamese. Interface
strings are data, ``api/messages/*.json`` (one file a page: key -> {"vi": ..., "en": ...}),
and the relations' names ``rel.{name}.out|in`` from kg.relations;
the documents' own words are never translated."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from fastapi import Request

from kg import relations

LANGUAGES = ("vi", "en")
DEFAULT = "vi"
COOKIE = "lang"
MESSAGES = Path(__file__).resolve().parent / "messages"


@cache
def messages() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = relations.messages()  # rel.{name}.out / .in, from the one table
    for path in sorted(MESSAGES.glob("*.json")):
        for key, texts in json.loads(path.read_text(encoding="utf-8")).items():
            if key in table:
                raise ValueError(f"{path}: message {key!r} is also defined in another file")
            if set(texts) != set(LANGUAGES):
                raise ValueError(f"{path}: message {key!r} must have exactly {LANGUAGES}")
            table[key] = texts
    return table


def language(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    remembered = request.cookies.get(COOKIE)
    if remembered in LANGUAGES:
        return remembered
    accept = request.headers.get("accept-language", "").lower()
    first = accept.split(",")[0].split(";")[0].strip()
    return "en" if first.startswith("en") else DEFAULT


def translate(key: str, lang: str, **values) -> str:
    """The interface string `key` in `lang`; a key missing from messages is an error (a
    test renders every page in both languages)."""
    text = messages()[key][lang]
    return text.format(**values) if values else text


def template_context(request: Request) -> dict:
    """For every template: ``lang``, ``t(key, **values)`` and the URL of this page in the
    other language."""
    lang = language(request)
    other = "en" if lang == "vi" else "vi"
    switch = request.url.include_query_params(lang=other)
    return {
        "lang": lang,
        "t": lambda key, **values: translate(key, lang, **values),
        "other_lang": other,
        "other_lang_url": f"{switch.path}?{switch.query}",
    }
