"""The SPARQL Protocol's ``using-graph-uri`` / ``using-named-graph-uri`` for updates.

Oxigraph takes an update's dataset only from its text, so the protocol
parameters become ``USING <g>`` / ``USING NAMED <g>`` clauses inserted before
the ``WHERE`` of each operation that has one (``DELETE WHERE { P }`` becomes
``DELETE { P } USING ... WHERE { P }``). The IRIs are checked and written as
escaped terms, never pasted as raw text. An update that already names its
dataset with ``USING`` or ``WITH`` while the parameters are given is an error,
as the protocol requires.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rdflib import URIRef

from kg.sparql import term_n3

_TOKENS = re.compile(
    r'''(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')'''
    r"""|(?P<iri><[^<>"{}|^`\\\s]*>)"""
    r"""|(?P<comment>\#[^\n]*)"""
    r"""|(?P<brace>[{}])"""
    r"""|(?P<word>[?$]?[A-Za-z_][\w\-]*(?::[\w.\-]*)?)""",
)


class DatasetConflict(ValueError):
    """The update names its dataset itself (USING/WITH) and in the protocol parameters too."""


def uses_service(sparql: str) -> bool:
    """True when a query or update calls a remote endpoint (``SERVICE``), outside strings, IRIs and comments."""
    if "service" not in sparql.lower():  # the common case, without tokenizing
        return False
    return any(word == "SERVICE" for word, *_ in _keywords(sparql))


def _keywords(update: str) -> list[tuple[str, int, int, int]]:
    """(upper-case keyword, start, end, brace depth) for the bare words and braces of ``update``."""
    out, depth = [], 0
    for m in _TOKENS.finditer(update):
        if m.group("brace"):
            depth += 1 if m.group("brace") == "{" else -1
            out.append((m.group("brace"), m.start(), m.end(), depth))
        elif m.group("word") and m.group("word")[0] not in "?$" and ":" not in m.group("word"):
            out.append((m.group("word").upper(), m.start(), m.end(), depth))
    return out


def _closing_brace(tokens: list[tuple[str, int, int, int]], i: int) -> int:
    """Index in ``tokens`` of the brace that closes the one at index ``i``."""
    depth = tokens[i][3] - 1
    for j in range(i + 1, len(tokens)):
        if tokens[j][0] == "}" and tokens[j][3] == depth:
            return j
    return len(tokens) - 1


def with_using(update: str, using_graphs: Sequence[str] = (), using_named_graphs: Sequence[str] = ()) -> str:
    """``update`` with the protocol's dataset written in as USING clauses (unchanged when none is given)."""
    if not using_graphs and not using_named_graphs:
        return update
    clauses = " ".join(
        [f"USING {term_n3(URIRef(g))}" for g in using_graphs]
        + [f"USING NAMED {term_n3(URIRef(g))}" for g in using_named_graphs]
    )
    tokens = _keywords(update)
    top = [t for t in tokens if t[3] == 0]
    if any(word in ("USING", "WITH") for word, *_ in top):
        raise DatasetConflict(
            "the update names its dataset with USING or WITH; "
            "do not also send using-graph-uri or using-named-graph-uri"
        )
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement)
    for i, (word, start, end, depth) in enumerate(tokens):
        if word != "WHERE" or depth != 0:
            continue
        prev = tokens[i - 1][0] if i else ""
        if prev == "DELETE" and i + 1 < len(tokens) and tokens[i + 1][0] == "{":
            close = _closing_brace(tokens, i + 1)
            pattern = update[tokens[i + 1][1]: tokens[close][2]]
            edits.append((start, tokens[close][2], f"{pattern} {clauses} WHERE {pattern}"))
        else:
            edits.append((start, start, clauses + " "))
    for start, end, text in reversed(edits):
        update = update[:start] + text + update[end:]
    return update
