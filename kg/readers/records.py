"""JSON Lines and JSON exports of news APIs: one article per record.

JSON Lines stream line by line (a file of any size in bounded memory); a
malformed line is reported as ``file:LINE`` and the rest are read. A ``.json``
file is one record, a list of records, or an object holding the list under
a key such as ``articles``/``items``/``data``/``results``.

What a record loses on the way (a date that is not one, a field holding a list)
goes to ``options.warn(where, message)`` when the options have one; the HTTP
API answers with it (``POST /articles`` reads its JSON and NDJSON bodies here).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from typing import BinaryIO

from ..errors import InputError
from ..model import Article
from ..text import ID_PATTERN, ID_RULE, article_from_text, safe_id, too_large
from .dates import iso_date

LIST_KEYS = ("articles", "items", "data", "results", "records", "entries", "docs")


def _parse(data: bytes, where: str, *, name_line: bool = False) -> object:
    """The JSON value of ``data``, or the InputError saying why it is none (``name_line``: add the error's line)."""
    try:
        return json.loads(data)
    except UnicodeDecodeError:
        return InputError(where, "not UTF-8")
    except RecursionError:
        return InputError(where, "it nests too deeply")
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
        record = _parse(line.rstrip(b"\r\n"), where)  # so that an error at the end of the line names its column
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
    doc = parse_document(data, source)
    if isinstance(doc, InputError):
        yield doc
        return
    yield from read_records(doc, source, options)


def parse_document(data: bytes, source: str) -> object:
    """The JSON value of a whole document, or the InputError saying why there is none."""
    if not data.strip():
        return InputError(source, "empty input")
    return _parse(data, source, name_line=True)


NO_RECORDS = "no articles: expected an object, a list of objects, or an object with 'articles'"


def read_records(doc: object, source: str, options) -> Iterator[Article | InputError]:
    """The articles of a parsed JSON document: ``source`` for a lone object, ``source[N]`` for the Nth of a list."""
    records = records_of(doc)
    if records is None:
        yield InputError(source, NO_RECORDS)
        return
    single = is_single(doc, records)
    for n, record in enumerate(records, start=1):
        where = source if single else f"{source}[{n}]"
        try:
            yield article_from_record(record, where, options)
        except InputError as exc:
            yield exc


def is_single(doc: object, records: list) -> bool:
    """Whether the document is one record (an object), not a list of them."""
    return isinstance(doc, Mapping) and len(records) == 1 and records[0] is doc


def records_of(doc: object) -> list | None:
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
    warn = getattr(options, "warn", None)
    if warn is not None:
        for key in ("title", "url", "published", "publisher", "id"):
            if fields.find(record, key) is None and (bad := fields.unusable(record, key)):
                warn(source, f"field {bad[0]!r}: {_kind(bad[1])}, not a value; dropped")
    url = _str(fields.get(record, "url"))
    rec_id = _str(fields.get(record, "id"))
    if getattr(options, "given_ids", False) and rec_id and not given_id(rec_id) and warn is not None:
        name = fields.find(record, "id")[0]
        warn(source, f"field {name!r}: {shown(rec_id)} cannot be an article id ({ID_RULE}); the id is derived instead")
    return article_from_text(
        text,
        source,
        record_id(url, rec_id, given=getattr(options, "given_ids", False)),
        title=_str(fields.get(record, "title")),
        url=url,
        published=read_date(fields.find(record, "published"), source, warn),
        publisher=_str(fields.get(record, "publisher")),
    )


def read_date(found: tuple[str, object] | None, source: str, warn, what: str = "field") -> str | None:
    """The ISO date of a (name, value) pair; a value that is no date is dropped and, given ``warn``, said so."""
    if found is None:
        return None
    name, value = found
    published = iso_date(value)
    if published is None and warn is not None:
        warn(source, f"{what} {name!r}: {shown(value)} is not a date; dropped")
    return published


def record_id(url: str | None, rec_id: str | None, given: bool = False) -> str | None:
    """A stable article id for a record: a hash of its URL, else its own id; None = content hash.

    ``given`` (the HTTP API's rule): a record's own id that fits :data:`~kg.text.ID_PATTERN` is the article id as
    it is, before the URL's hash.
    """
    if given and rec_id and given_id(rec_id):
        return rec_id
    if url:
        return "url-" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
    if rec_id:
        return "id-" + safe_id(rec_id)
    return None


def given_id(value: str) -> bool:
    return re.fullmatch(ID_PATTERN, value) is not None


def shown(value: object, limit: int = 80) -> str:
    """A value as a warning quotes it, cut to ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kind(value: object) -> str:
    return {list: "a list", dict: "an object", bool: "a boolean"}.get(type(value), f"a {type(value).__name__}")


def _str(value: object | None) -> str | None:
    return str(value).strip() if value is not None and str(value).strip() else None
