"""Extraction rules held as data: document types, relation cues, places, issuers.

Each file is JSON, loaded once; the loaders return plain Python structures.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def load(name: str):
    """Load ``ingest/patterns/<name>.json``."""
    return json.loads(resources.files(__package__).joinpath(f"{name}.json").read_text("utf-8"))


def document_types() -> list[dict]:
    return load("document_types")


def relation_cues() -> dict:
    return load("relation_cues")


def places() -> dict:
    return load("places")


def issuers() -> dict:
    return load("issuers")
