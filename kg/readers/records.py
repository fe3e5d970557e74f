"""JSON Lines and JSON exports of news APIs: one article per record.

JSON Lines stream line by line (a file of any size in bounded memory); a
malformed line is reported as ``file:LINE`` and the rest are read. A ``.json``
file is one record, a list of records, or an object holding the list under
a key such as ``articles``/``items``/``data``/``results``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from typing import BinaryIO

from ..errors import InputError
from ..model import Article
from ..text import article_from_text, safe_id, too_large
from .dates import iso_date

LIST_KEYS = ("articles", "items", "data", "results", "records", "entries", "docs")


def _parse(data: bytes, where: str, *, name_line: bool = False) -> object:
    """The JSON value of ``data``, or the InputError saying why it is none (``name_line``: add the error's line)."""
    try:
        return json.loads(data)
    except UnicodeDecodeError:
        return InputError(where, "not UTF-8")
    except json.JSONDecodeError as exc:
        at = f"{where}:{exc.lineno}" if name_line else where
        return InputError(at, f"malformed JSON: {exc.msg.removesuffix(' at')} at column {exc.colno}")


def read_jsonl(stream: BinaryIO, source: str, options) -> Iterator[Article | InputError]:
    limit = options.max_bytes
    for lineno, line in enumerate(_lines(stream, limit), start=1):
        where = f"{source}:{lineno}"
        if line is None:
            yield too_large(where, limit, what="line too large")
            continue
        if not line.strip():
            continue
        record = _parse(line, where)
        if isinstance(record, InputError):
            yield record
            continue
        try:
            yield article_from_record(record, where, options)
        except InputError as exc:
            yield exc


def _lines(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """Lines of a binary stream; an over-long line is skipped (to its end) and yielded as None."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # drain the rest of the long line
                line = stream.readline(limit + 1)
            yield None
            continue
        yield line


def read_json(data: bytes, source: str, options) -> Iterator[Article | InputError]:
    if not data.strip():
        yield InputError(source, "empty input")
        return
    doc = _parse(data, source, name_line=True)
    if isinstance(doc, InputError):
        yield doc
        return
    records = _records_of(doc)
    if records is None:
        yield InputError(source, "no articles: expected an object, a list of objects, or an object with 'articles'")
        return
    single = isinstance(doc, Mapping) and records == [doc]
    for n, record in enumerate(records, start=1):
        where = source if single else f"{source}[{n}]"
        try:
            yield article_from_record(record, where, options)
        except InputError as exc:
            yield exc


def _records_of(doc: object) -> list | None:
    if isinstance(doc, list):
        return doc
    if isinstance(doc, Mapping):
        for key in LIST_KEYS:
            if isinstance(doc.get(key), list):
                return doc[key]
        return [doc]
    return None


def article_from_record(record: object, source: str, options) -> Article:
    """One JSON object -> Article; its id is derived from its URL, else its id field, else its text."""
    if not isinstance(record, Mapping):
        raise InputError(source, f"expected a JSON object, got {type(record).__name__}")
    fields = options.fields
    text = fields.get(record, "text")
    if text is None:
        raise InputError(source, f"no text: none of the fields {', '.join(fields.text)} holds a string")
    text = str(text)
    size = len(text.encode("utf-8"))
    if size > options.max_bytes:
        raise too_large(source, options.max_bytes, size)
    url = _str(fields.get(record, "url"))
    rec_id = _str(fields.get(record, "id"))
    return article_from_text(
        text,
        source,
        record_id(url, rec_id),
        title=_str(fields.get(record, "title")),
        url=url,
        published=iso_date(fields.get(record, "published")),
        publisher=_str(fields.get(record, "publisher")),
    )


def record_id(url: str | None, rec_id: str | None) -> str | None:
    """A stable article id for a record: a hash of its URL, else its own id; None = content hash."""
    if url:
        return "url-" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
    if rec_id:
        return "id-" + safe_id(rec_id)
    return None


def _str(value: object | None) -> str | None:
    return str(value).strip() if value is not None and str(value).strip() else None
