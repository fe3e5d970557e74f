"""Inputs of every kind -> a stream of :class:`~kg.model.Article` (or the errors that stand for bad ones).

:func:`read_sources` expands folders recursively (by extension), reads each
file with the reader for its kind and yields articles one at a time, so a
corpus of any size streams through in bounded memory. A bad input (empty,
binary, undecodable, oversize, a malformed JSON line, HTML without text) is
yielded as an :class:`~kg.errors.InputError` naming the file (and line or
entry) so the caller can report it and go on.

Kinds: ``text`` (.txt .text .md), ``html`` (.html .htm .xhtml), ``jsonl``
(.jsonl .ndjson), ``json``, ``feed`` (RSS/Atom: .rss .atom .xml), and ``-``
for standard input (kind sniffed from the first bytes unless given).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..model import Article
from ..text import MAX_BYTES, article_id_for_path, too_large
from .fields import Fields

KINDS = ("text", "html", "jsonl", "json", "feed")
SUFFIX_KINDS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
MAX_FILE_BYTES = 512_000_000  # a whole-file JSON document or feed larger than this should be JSON Lines
_SNIFF_BYTES = 2048

Item = Article | InputError


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs: forced kind (None = by suffix / sniffed), JSON field names, size limit per article.

    ``given_ids``: a JSON record's own id is its article id as it is (the HTTP API's rule; see
    :func:`~kg.readers.records.record_id`). ``warn(where, message)`` hears what a JSON record loses on the way
    (a date that is not one, a field holding a list).
    """

    kind: str | None = None
    fields: Fields = field(default_factory=Fields)
    max_bytes: int = MAX_BYTES
    given_ids: bool = False
    warn: Callable[[str, str], None] | None = None


@dataclass(frozen=True)
class Input:
    """One input to read: a file (with the folder it was found under) or standard input."""

    path: Path | None  # None for standard input
    root: Path | None = None  # the folder argument it was found under

    @property
    def source(self) -> str:
        return "<stdin>" if self.path is None else str(self.path)

    @property
    def article_id(self) -> str:
        """Stable id for a one-article file: its path below the folder argument, else its stem."""
        return article_id_for_path(self.path, self.root)


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Input]:
    """Expand arguments: folders recursively (files of known kinds, sorted), '-' as stdin, files as given."""
    for p in paths:
        if str(p) == "-":
            yield Input(None)
            continue
        p = Path(p)
        if not p.is_dir():
            yield Input(p)
            continue
        for folder, dirs, files in os.walk(p):
            dirs.sort()
            for name in sorted(files):
                if Path(name).suffix.lower() in SUFFIX_KINDS and not name.startswith("."):
                    yield Input(Path(folder) / name, p)


def count_articles(paths: Iterable[str | Path], options: ReadOptions | None = None) -> int | None:
    """How many articles (or bad inputs) the paths hold, for a progress bar; None when it cannot be known cheaply.

    One-article files count 1, JSON Lines files their non-blank lines; standard input, JSON documents and
    feeds make the total unknown.
    """
    options = options or ReadOptions()
    total = 0
    for inp in iter_inputs(paths):
        if inp.path is None:
            return None
        kind = options.kind or SUFFIX_KINDS.get(inp.path.suffix.lower())
        if kind in ("text", "html"):
            total += 1
        elif kind == "jsonl":
            try:
                with inp.path.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                total += 1
        else:
            return None
    return total


def sniff_kind(head: bytes) -> str:
    """Guess the kind of an input from its first bytes."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"["):
        return "json"
    if text.startswith(b"{"):
        first = text.split(b"\n", 1)[0].strip()
        return "jsonl" if first.endswith(b"}") else "json"
    if text.startswith(b"<"):
        if any(tag in text for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
            return "feed"
        return "html"
    return "text"


def read_sources(paths: Iterable[str | Path], options: ReadOptions | None = None) -> Iterator[Item]:
    """Every article in the inputs, in order, with bad inputs as InputError items."""
    options = options or ReadOptions()
    for inp in iter_inputs(paths):
        yield from read_input(inp, options)


def read_input(inp: Input, options: ReadOptions) -> Iterator[Item]:
    """The articles (or errors) of one input."""
    try:
        if inp.path is None:
            stream = _peekable(sys.stdin.buffer)
            kind = options.kind or sniff_kind(stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES])
            yield from _read_stream(stream, kind, inp, options)
            return
        kind = options.kind or SUFFIX_KINDS.get(inp.path.suffix.lower())
        if kind is None:
            with inp.path.open("rb") as fh:
                kind = sniff_kind(fh.read(_SNIFF_BYTES))
        with inp.path.open("rb") as fh:
            yield from _read_stream(fh, kind, inp, options)
    except InputError as exc:
        yield exc
    except IsADirectoryError:
        yield InputError(inp.source, "is a folder")
    except OSError as exc:
        yield InputError(inp.source, exc.strerror or str(exc))


class _Raw(io.RawIOBase):
    """A raw stream over any object with ``read``, so io.BufferedReader can add ``peek``."""

    def __init__(self, stream):
        self.stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _peekable(stream) -> BinaryIO:
    return stream if hasattr(stream, "peek") else io.BufferedReader(_Raw(stream))


def _read_all(stream: BinaryIO, source: str, limit: int) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        try:
            size = os.fstat(stream.fileno()).st_size  # a pipe says 0
        except (OSError, AttributeError, io.UnsupportedOperation):
            size = 0
        size = f"{size:,} bytes" if size > limit else f"more than {limit:,} bytes"
        raise too_large(source, limit, size)
    return data


def _read_stream(stream: BinaryIO, kind: str, inp: Input, options: ReadOptions) -> Iterator[Item]:
    from . import feed, html, plain, records

    source = inp.source
    if kind == "jsonl":
        yield from records.read_jsonl(stream, source, options)
    elif kind == "json":
        yield from records.read_json(_read_all(stream, source, MAX_FILE_BYTES), source, options)
    elif kind == "feed":
        yield from feed.read_feed(_read_all(stream, source, MAX_FILE_BYTES), source, options)
    elif kind == "html":
        yield html.read_html(_read_all(stream, source, options.max_bytes), source, _one_id(inp), options)
    elif kind == "text":
        yield plain.read_text(_read_all(stream, source, options.max_bytes), source, _one_id(inp), options)
    else:
        raise InputError(source, f"unknown input kind {kind!r}; use one of: {', '.join(KINDS)}")


def _one_id(inp: Input) -> str | None:
    """One-article files are named by their path; stdin articles by their content hash (None)."""
    return None if inp.path is None else inp.article_id


__all__ = ["KINDS", "Fields", "Input", "ReadOptions", "count_articles", "iter_inputs", "read_input", "read_sources", "sniff_kind"]
