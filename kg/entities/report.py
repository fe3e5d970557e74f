"""Entities as flat rows: what ``kg extract --entities`` writes, for inspecting the entity stage alone."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from ..model import Entity, Extraction


def entity_row(source: str, e: Entity) -> dict:
    return {
        "source": source,
        "key": e.key,
        "label": e.label,
        "type": e.type,
        "subtype": e.subtype,
        "country": e.country,
        "nationality": e.nationality,
        "described_by": list(e.described_by) if e.described_by else None,
        "roles": sorted(e.roles),
        "aliases": sorted(e.aliases),
        "mentions": e.mentions,
    }


def write_entities_jsonl(extractions: Iterable[Extraction], out: IO[str]) -> int:
    """Write one JSON object per entity (most mentioned first); return how many were written."""
    n = 0
    for ex in extractions:
        for e in sorted(ex.entities.values(), key=lambda e: (-e.mentions, e.key)):
            out.write(json.dumps(entity_row(ex.article.id, e), ensure_ascii=False) + "\n")
            n += 1
    return n
