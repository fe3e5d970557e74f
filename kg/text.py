"""Bytes and files -> :class:`~kg.model.Article`.

Decoding is strict: UTF-8 (with or without BOM) first, then the encoding that
charset-normalizer detects (cp1252, latin-1 ...). Empty, binary and
undecodable inputs raise :class:`~kg.errors.InputError` naming the source.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import InputError
from .model import Article

MAX_BYTES = 5_000_000  # an article larger than this is almost certainly not one
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
ID_PATTERN = r"^[A-Za-z0-9_.\-]{1,100}$"  # an article id someone gives (the HTTP API's id, a JSON record's)
ID_RULE = "letters, digits, '_', '.' and '-', at most 100"
# characters XML 1.0 cannot carry (C0 controls but tab and newlines, and U+FFFE/U+FFFF): they would break the
# GEXF/GraphML exports and RDF/XML results, so they become spaces, one for one, keeping offsets right
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with every character that XML 1.0 cannot carry replaced by a space."""
    return _NOT_XML.sub(" ", text)


def too_large(source: str, limit: int, size: int | str | None = None, what: str = "too large") -> InputError:
    """The error for an input over the size limit (``size``: bytes, or words); it names the option that sets it."""
    got = f"{size:,} bytes; " if isinstance(size, int) else f"{size}; " if size else ""
    return InputError(source, f"{what} ({got}the limit is {limit:,} bytes, set by --max-bytes)")


def check_bytes(data: bytes, source: str, max_bytes: int = MAX_BYTES) -> None:
    """Raise InputError when bytes are empty, larger than ``max_bytes`` or binary."""
    if not data.strip():
        raise InputError(source, "empty input")
    if len(data) > max_bytes:
        raise too_large(source, max_bytes, len(data))
    if b"\x00" in data[:8192] or len(_CONTROL.findall(data[:8192])) > 8:
        raise InputError(source, "binary data, not text")


def decode(data: bytes, source: str, max_bytes: int = MAX_BYTES) -> str:
    """Decode article bytes, or raise InputError saying why they are not text."""
    check_bytes(data, source, max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(source, "cannot detect the text encoding")
    text = str(best)
    if not text.strip() or _looks_garbled(text):
        raise InputError(source, f"cannot decode as text (best guess {best.encoding})")
    return text


def _looks_garbled(text: str) -> bool:
    printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text)
    return printable / len(text) < 0.95


def guess_title(text: str) -> str | None:
    """The first line when it looks like a headline: short, no final full stop."""
    first = text.lstrip().split("\n", 1)[0].strip()
    if first and len(first) <= 200 and not first.endswith((".", ",", ";")) and "\n" in text.strip():
        return first
    return None


def article_from_text(text: str, source: str, article_id: str | None = None, **meta) -> Article:
    """Wrap decoded text as an Article; the id defaults to a content hash."""
    if not text.strip():
        raise InputError(source, "empty input")
    text = xml_safe(text.replace("\r\n", "\n").replace("\r", "\n"))
    title = meta.pop("title", None)
    art = Article(id="", text=text, source=source, title=xml_safe(title) if title else guess_title(text), **meta)
    ident = article_id or art.sha256[:16]
    return Article(**{**art.__dict__, "id": ident})


def safe_id(text: str) -> str:
    """``text`` with everything but letters, digits, ``_.-`` replaced by ``-`` (fit for an IRI path)."""
    return _ID_UNSAFE.sub("-", text).strip("-") or "article"


def article_id_for_path(path: Path, root: Path | None = None) -> str:
    """A file's article id: its path below ``root`` without the suffix (``sub-story``), else its stem."""
    if root is not None:
        try:
            return safe_id(str(path.relative_to(root).with_suffix("")))
        except ValueError:
            pass
    return safe_id(path.stem)


def read_article(path: str | Path) -> Article:
    """Read one article from a file, or from standard input when path is '-'."""
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        return article_from_text(decode(data, "<stdin>"), "<stdin>")
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from None
    return article_from_text(decode(data, str(path)), str(path), article_id_for_path(path))
