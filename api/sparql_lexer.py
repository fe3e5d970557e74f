"""A tokenizer for SPARQL 1.1 queries and updates, following the grammar's terminals (section 19.8).

It reads strings (with their escapes), IRIs (with ``\\u`` escapes, as Oxigraph accepts them), prefixed names
(with ``\\#``-style local escapes), variables, blank nodes, numbers, comments, keywords and punctuation, so that
the server can decide on what a request asks for (``SERVICE``, ``LOAD``, how deep it nests) from tokens rather
than from patterns over the text: a ``#`` inside an IRI, a string or an escaped local name is not a comment.

Oxigraph reads a keyword followed at once by a colon as the keyword and a prefixed name in the default prefix
(``SERVICE:x {`` calls ``:x``). Such tokens are split where the keyword could stand: ``SERVICE:`` before ``{``,
``SILENT:`` after SERVICE or LOAD, ``LOAD:`` outside brackets. (``PREFIX:`` and ``BASE:`` are left to the
reader of the prologue.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c\u200d\u2070-\u218f"
         "\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
_U = _BASE + "_"
_CHARS = _U + "\\-0-9\u00b7\u0300-\u036f\u203f\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_ECHAR = r"\\[tbnrf\\\"']"
_PREFIX = f"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_LOCAL = f"(?:[{_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"

_TOKEN = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in (
    ("ws", r"[ \t\r\n]+"),
    ("comment", r"#[^\r\n]*"),
    ("iri", rf"<(?:[^<>\"{{}}|^`\\\x00-\x20]|{_UCHAR})*>"),
    ("string", rf'"""(?:(?:"|"")?(?:[^"\\]|{_ECHAR}|{_UCHAR}))*"""'
               rf"|'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}|{_UCHAR}))*'''"
               rf'|"(?:[^"\\\n\r]|{_ECHAR}|{_UCHAR})*"'
               rf"|'(?:[^'\\\n\r]|{_ECHAR}|{_UCHAR})*'"),
    ("var", rf"[?$][{_U}0-9][{_U}0-9\u00b7\u0300-\u036f\u203f\u2040]*"),
    ("bnode", rf"_:[{_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?"),
    ("pname", f"(?:{_PREFIX})?:(?:{_LOCAL})?"),
    ("word", r"[A-Za-z_][A-Za-z0-9_]*"),
    ("langtag", r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*"),
    ("number", r"[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?"),
    ("punct", r"\^\^|&&|\|\||!=|<=|>=|[{}()\[\];,.*=<>!+\-/^|?~]"),
)))

OPEN, CLOSE = "{([", "})]"


class LexError(ValueError):
    """The text holds a character no SPARQL token starts with."""


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # word (keywords upper-cased in ``text``), iri, pname, var, string, bnode, langtag, number, punct
    text: str
    start: int  # offset in the source
    depth: int  # nesting of {, ( and [ around the token (an opening bracket counts itself)


def tokens(text: str) -> list[Token]:
    """The tokens of ``text`` without whitespace and comments; LexError at a character that starts none."""
    out: list[Token] = []
    depth, pos, end = 0, 0, len(text)
    while pos < end:
        m = _TOKEN.match(text, pos)
        if m is None:
            raise LexError(f"unexpected character {text[pos]!r} at offset {pos}")
        kind, value, pos = m.lastgroup, m.group(), m.end()
        if kind in ("ws", "comment"):
            continue
        if kind == "punct" and value in OPEN:
            depth += 1
        if kind == "word":
            out.append(Token(kind, value.upper(), m.start(), depth))
        else:
            out.append(Token(kind, value, m.start(), depth))
        if kind == "punct" and value in CLOSE:
            depth -= 1
    return _split_keywords(out)


def _split_keywords(toks: list[Token]) -> list[Token]:
    out: list[Token] = []
    for i, tok in enumerate(toks):
        keyword, _, local = tok.text.partition(":")
        keyword = keyword.upper()
        after = toks[i + 1] if i + 1 < len(toks) else None
        if tok.kind == "pname" and (
            (keyword == "SERVICE" and after is not None and after.text == "{")
            or (keyword == "SILENT" and out and out[-1].kind == "word" and out[-1].text in ("SERVICE", "LOAD"))
            or (keyword == "LOAD" and tok.depth == 0)
        ):
            out.append(Token("word", keyword, tok.start, tok.depth))
            out.append(Token("pname", ":" + local, tok.start + len(keyword), tok.depth))
        else:
            out.append(tok)
    return out


def max_depth(toks: list[Token]) -> int:
    """The deepest nesting of brackets in ``toks``."""
    return max((t.depth for t in toks), default=0)


_UNESCAPE_IRI = re.compile(_UCHAR)
_UNESCAPE_LOCAL = re.compile(r"\\(.)")


def iri_value(token: Token) -> str:
    """The IRI an ``iri`` token writes, its ``\\u`` escapes decoded."""
    return _UNESCAPE_IRI.sub(lambda m: chr(int(m.group()[2:], 16)), token.text[1:-1])


def pname_parts(token: Token) -> tuple[str, str]:
    """A prefixed name's prefix and local part, its ``\\`` escapes decoded."""
    prefix, _, local = token.text.partition(":")
    return prefix, _UNESCAPE_LOCAL.sub(r"\1", local)
