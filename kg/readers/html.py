"""HTML pages: the main text (no menus, ads, footers) and metadata, extracted by trafilatura."""

from __future__ import annotations

import trafilatura

from ..errors import InputError
from ..model import Article
from ..text import article_from_text, check_bytes
from .dates import iso_date


def read_html(data: bytes, source: str, article_id: str | None, options) -> Article:
    check_bytes(data, source, options.max_bytes)
    try:
        doc = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_tables=False, fast=True, favor_precision=True
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        raise InputError(source, f"cannot parse the HTML: {exc}") from None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise InputError(source, "no article text found in the HTML")
    title = (doc.title or "").strip() or None
    if title and text.startswith(title + "\n"):
        text = title + "\n\n" + text[len(title) + 1 :].lstrip("\n")  # the headline is its own paragraph
    return article_from_text(
        text,
        source,
        article_id,
        title=title,
        url=doc.url or None,
        published=iso_date(doc.date),
        publisher=doc.sitename or doc.hostname or None,
    )
