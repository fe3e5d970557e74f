"""RSS and Atom feed files (feedparser): one article per entry that carries text."""

from __future__ import annotations

from collections.abc import Iterator

import feedparser
import lxml.html

from ..errors import InputError
from ..model import Article
from ..text import article_from_text, check_bytes, too_large
from .dates import iso_date
from .records import record_id

_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article")


def read_feed(data: bytes, source: str, options) -> Iterator[Article | InputError]:
    check_bytes(data, source, len(data) + 1)
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        reason = f"not a feed: {parsed.bozo_exception}" if parsed.get("bozo") else "a feed with no entries"
        yield InputError(source, reason)
        return
    publisher = (parsed.feed.get("title") or "").strip() or None
    for n, entry in enumerate(parsed.entries, start=1):
        where = f"{source}[entry {n}]"
        try:
            yield _article(entry, where, publisher, options)
        except InputError as exc:
            yield exc


def _article(entry, source: str, publisher: str | None, options) -> Article:
    text = _entry_text(entry)
    if not text:
        raise InputError(source, "entry has no content or summary")
    size = len(text.encode("utf-8"))
    if size > options.max_bytes:
        raise too_large(source, options.max_bytes, size)
    title = (entry.get("title") or "").strip() or None
    url = (entry.get("link") or "").strip() or None
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    return article_from_text(
        text,
        source,
        record_id(url, (entry.get("id") or "").strip() or None),
        title=title,
        url=url,
        published=iso_date(when) if when else iso_date(entry.get("published") or entry.get("updated")),
        publisher=publisher,
    )


def _entry_text(entry) -> str:
    """The fullest text of an entry: its longest content block, else its summary, as plain text."""
    blocks = [(c.get("value") or "", c.get("type") or "") for c in entry.get("content") or []]
    if entry.get("summary"):
        detail = entry.get("summary_detail") or {}
        blocks.append((entry["summary"], detail.get("type") or "text/html"))
    texts = [html_to_text(v) if "html" in t else v.strip() for v, t in blocks if v.strip()]
    return max(texts, key=len, default="")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one paragraph per block element."""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # noqa: BLE001 - lxml raises several kinds on junk
        return fragment.strip()
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n\n".join(part for part in (ln for ln in lines) if part).strip()
