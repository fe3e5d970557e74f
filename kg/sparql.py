"""Safe SPARQL text: values go in as escaped RDF terms, never as raw strings.

:func:`bind` replaces ``?name`` / ``$name`` variables of a query with the
N-Triples form of rdflib terms (rdflib does the escaping), skipping string
literals, IRIs and comments. It works the same for the embedded store and for
remote endpoints, which have no way to take bindings. A bound variable must
not be projected by SELECT (bind it with ``BIND`` or ``VALUES`` if needed).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .terms import to_ox

_TOKENS = re.compile(
    r'''(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')'''
    r"""|(?P<iri><[^<>"{}|^`\\\s]*>)"""
    r"""|(?P<comment>\#[^\n]*)"""
    r"""|(?P<var>[?$][A-Za-z_][A-Za-z0-9_]*)""",
)


def term_n3(value: Node) -> str:
    """The escaped SPARQL form of an rdflib term: its N-Triples form, always on one line."""
    if isinstance(value, BNode):
        raise ValueError("blank nodes cannot be bound into a query")
    if not isinstance(value, (URIRef, Literal)):
        raise TypeError(f"bind values must be rdflib URIRef or Literal, not {type(value).__name__}")
    if isinstance(value, URIRef) and not _TOKENS.fullmatch(f"<{value}>"):
        raise ValueError(f"not a valid IRI: {value!r}")
    return str(to_ox(value))


def bind(sparql: str, bindings: Mapping[str, Node] | None) -> str:
    """Return ``sparql`` with each bound variable replaced by its escaped term."""
    if not bindings:
        return sparql
    terms = {name.lstrip("?$"): term_n3(value) for name, value in bindings.items()}

    def replace(match: re.Match) -> str:
        var = match.group("var")
        if var and var[1:] in terms:
            return terms[var[1:]]
        return match.group(0)

    return _TOKENS.sub(replace, sparql)
