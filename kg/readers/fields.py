"""Which JSON fields hold an article's text and metadata.

News APIs disagree on names (``text``/``content``/``body``, ``published``/
``date``/``publishedAt`` ...). Each article field has a list of candidate
names tried in order; dotted names reach into nested objects
(``source.name``). Users override a field's candidates with
``--field text=story`` on the command line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

DEFAULT_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "full_text", "article", "maintext"),
    "title": ("title", "headline"),
    "url": ("url", "link", "canonical_url"),
    "published": ("published", "date", "published_at", "publishedAt", "pubDate", "date_publish", "datetime"),
    "publisher": ("publisher", "source.name", "source", "site_name", "sitename"),
    "id": ("id", "guid", "uuid"),
}


@dataclass(frozen=True)
class Fields:
    """Candidate JSON names for each article field."""

    text: tuple[str, ...] = DEFAULT_NAMES["text"]
    title: tuple[str, ...] = DEFAULT_NAMES["title"]
    url: tuple[str, ...] = DEFAULT_NAMES["url"]
    published: tuple[str, ...] = DEFAULT_NAMES["published"]
    publisher: tuple[str, ...] = DEFAULT_NAMES["publisher"]
    id: tuple[str, ...] = DEFAULT_NAMES["id"]

    @classmethod
    def parse(cls, specs: list[str] | None) -> Fields:
        """Fields from ``FIELD=NAME[,NAME...]`` overrides, e.g. ``["text=story", "published=meta.date"]``."""
        overrides: dict[str, tuple[str, ...]] = {}
        for spec in specs or []:
            key, sep, names = spec.partition("=")
            key = key.strip()
            if not sep or key not in DEFAULT_NAMES or not names.strip():
                raise ValueError(f"bad field mapping {spec!r}; use FIELD=NAME with FIELD one of {', '.join(DEFAULT_NAMES)}")
            overrides[key] = tuple(n.strip() for n in names.split(",") if n.strip())
        return replace(cls(), **overrides)

    def get(self, record: Mapping, key: str) -> object | None:
        """The first non-empty value among the field's candidate names (scalars only)."""
        found = self.find(record, key)
        return None if found is None else found[1]

    def find(self, record: Mapping, key: str) -> tuple[str, object] | None:
        """The first candidate name holding a non-empty scalar, with its value."""
        for name in getattr(self, key):
            value = _usable(_lookup(record, name))
            if value is not None:
                return name, value
        return None

    def unusable(self, record: Mapping, key: str) -> tuple[str, object] | None:
        """The first candidate name holding something that is neither empty nor a scalar (a list, ``true``)."""
        for name in getattr(self, key):
            value = _lookup(record, name)
            if value not in (None, "", [], {}) and _usable(value) is None and not _blank(value):
                return name, value
        return None


def _usable(value: object) -> object | None:
    if isinstance(value, Mapping):  # e.g. "source": {"id": ..., "name": ...}
        value = value.get("name")
    if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
        return value
    return None


def _blank(value: object) -> bool:
    return isinstance(value, str) and not value.strip()


def _lookup(record: Mapping, dotted: str) -> object | None:
    if dotted in record:
        return record[dotted]
    value: object = record
    for part in dotted.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value
