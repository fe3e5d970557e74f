"""``POST /articles`` request bodies -> articles, each with the warnings of what it lost on the way.

JSON and NDJSON bodies are read by kg's record reader (:mod:`kg.readers.records`), the code ``kg ingest`` reads
JSON exports with: the same field names, the same ``--field`` mapping (here ``?field=text=story``), the same dates
and ids, except that an id you give is the article's id as it is. A JSON object is one article; a JSON list, an
object holding a list under ``articles`` (or ``items``, ``data`` …) and an NDJSON body are batches. A text or HTML
body is one article, its metadata in the query.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace

from fastapi import HTTPException

from kg.errors import InputError
from kg.model import Article
from kg.readers import Fields, ReadOptions
from kg.readers.html import read_html
from kg.readers.records import (NO_RECORDS, is_single, parse_document, read_date, read_jsonl, read_records, record_id,
                                records_of)
from kg.text import ID_PATTERN, article_from_text, decode

SOURCE = "request body"  # where errors and warnings point
STORED_SOURCE = "<api>"  # an article's source when it has no URL
JSON, NDJSON, TEXT, HTML = "application/json", "application/x-ndjson", "text/plain", "text/html"
MEDIA = (TEXT, JSON, NDJSON, HTML)
UNSUPPORTED = "use text/plain, application/json, application/x-ndjson or text/html"
NOT_ARTICLE = "the JSON body is not an article: "
EMPTY_BATCH = "the batch holds no articles"
QUERY_META = ("title", "url", "date", "id")  # query parameters for text and HTML bodies


@dataclass
class Body:
    """The articles of a request body (InputError for a bad one) and each one's warnings, in order."""

    batch: bool
    items: list[Article | InputError]
    warnings: list[list[str]]


def read_body(media: str, body: bytes, params, max_batch: int) -> Body:
    """The articles of a body in one of :data:`MEDIA`; HTTPException for a request that holds none, or too many."""
    _check_params(params)
    specs = params.getlist("field")
    if specs and media not in (JSON, NDJSON):
        raise HTTPException(400, "field mappings apply to JSON and NDJSON bodies")
    try:
        fields = Fields.parse(specs)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None
    heard: dict[str, list[str]] = {}
    options = ReadOptions(fields=fields, given_ids=True,
                          warn=lambda where, message: heard.setdefault(where, []).append(message))
    if media == JSON:
        batch, items = _json(body, options, max_batch)
    elif media == NDJSON:
        _check_batch(sum(1 for line in body.split(b"\n") if line.strip()), max_batch)
        batch, items = True, list(read_jsonl(io.BytesIO(body), SOURCE, options))
    else:
        batch, items = False, [_one(media, body, params, options)]
    ignored = [f"query parameter {name!r} applies to text and HTML bodies; ignored"
               for name in QUERY_META if media in (JSON, NDJSON) and params.get(name) is not None]
    warnings = [heard.get(item.source, []) + ignored for item in items]
    items = [item if isinstance(item, InputError) else replace(item, source=item.url or STORED_SOURCE)
             for item in items]
    return Body(batch, items, warnings)


def _json(body: bytes, options: ReadOptions, max_batch: int) -> tuple[bool, list[Article | InputError]]:
    doc = parse_document(body, SOURCE)
    if isinstance(doc, InputError):
        raise HTTPException(400, NOT_ARTICLE + doc.reason)
    records = records_of(doc)
    if records is None:
        raise HTTPException(400, NOT_ARTICLE + NO_RECORDS)
    single = is_single(doc, records)
    if not single:
        _check_batch(len(records), max_batch)
    items = list(read_records(doc, SOURCE, options))
    if single and isinstance(items[0], InputError):
        raise HTTPException(400, NOT_ARTICLE + items[0].reason)
    return not single, items


def _check_batch(count: int, limit: int) -> None:
    if count == 0:
        raise HTTPException(400, EMPTY_BATCH)
    if count > limit:
        raise HTTPException(413, f"a batch holds at most {limit:,} articles; this one has {count:,}")


def _one(media: str, body: bytes, params, options: ReadOptions) -> Article:
    """The article of a text or HTML body (InputError when it has none), its metadata from the query."""
    article_id, url, title = params.get("id"), params.get("url"), params.get("title")
    given = params.get("date")
    published = read_date(("date", given), SOURCE, options.warn, "query parameter") if given is not None else None
    if media == HTML:
        page = read_html(body, SOURCE, article_id, options)
        url = url or page.url
        meta = {"title": title or page.title, "published": published or page.published, "publisher": page.publisher}
        text = page.text
    else:
        text, meta = decode(body, SOURCE), {"title": title, "published": published}
    return article_from_text(text, SOURCE, record_id(url, article_id, given=True), url=url, **meta)


def _check_params(params) -> None:
    for name in ("title", "url", "date"):
        if len(params.get(name) or "") > 500:
            raise HTTPException(400, f"{name} is longer than 500 characters")
    article_id = params.get("id")
    if article_id is not None and re.fullmatch(ID_PATTERN, article_id) is None:
        raise HTTPException(400, "id may hold letters, digits, '_', '.' and '-' (at most 100)")
