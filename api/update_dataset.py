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

from collections.abc import Sequence

from rdflib import URIRef

from kg.sparql import term_n3

from .sparql_lexer import Token, tokens


class DatasetConflict(ValueError):
    """The update names its dataset itself (USING/WITH) and in the protocol parameters too."""


def _is(token: Token | None, kind: str, text: str) -> bool:
    return token is not None and token.kind == kind and token.text == text


def _closing_brace(toks: list[Token], i: int) -> int:
    """Index in ``toks`` of the brace that closes the one at index ``i``."""
    for j in range(i + 1, len(toks)):
        if _is(toks[j], "punct", "}") and toks[j].depth == toks[i].depth:
            return j
    return len(toks) - 1


def with_using(update: str, using_graphs: Sequence[str] = (), using_named_graphs: Sequence[str] = ()) -> str:
    """``update`` with the protocol's dataset written in as USING clauses (unchanged when none is given).

    LexError when the update holds a character no SPARQL token starts with."""
    if not using_graphs and not using_named_graphs:
        return update
    clauses = " ".join(
        [f"USING {term_n3(URIRef(g))}" for g in using_graphs]
        + [f"USING NAMED {term_n3(URIRef(g))}" for g in using_named_graphs]
    )
    toks = tokens(update)
    if any(t.depth == 0 and t.kind == "word" and t.text in ("USING", "WITH") for t in toks):
        raise DatasetConflict(
            "the update names its dataset with USING or WITH; "
            "do not also send using-graph-uri or using-named-graph-uri"
        )
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement)
    for i, tok in enumerate(toks):
        if tok.depth != 0 or not _is(tok, "word", "WHERE"):
            continue
        following = toks[i + 1] if i + 1 < len(toks) else None
        if i and _is(toks[i - 1], "word", "DELETE") and _is(following, "punct", "{"):
            end = toks[_closing_brace(toks, i + 1)].start + 1
            pattern = update[following.start: end]
            edits.append((tok.start, end, f"{pattern} {clauses} WHERE {pattern}"))
        else:
            edits.append((tok.start, tok.start, clauses + " "))
    for start, end, text in reversed(edits):
        update = update[:start] + text + update[end:]
    return update
