"""Plain-text files: decoded strictly; the first line is the title when it looks like a headline."""

from __future__ import annotations

from ..model import Article
from ..text import article_from_text, decode


def read_text(data: bytes, source: str, article_id: str | None, options) -> Article:
    return article_from_text(decode(data, source, options.max_bytes), source, article_id)
