"""Conversions between rdflib and pyoxigraph terms.

Query rows come back as pyoxigraph terms and library code wants rdflib ones;
building rdflib terms is the costly part of reading, so IRIs and literals are
cached (terms are immutable, the caches are bounded).
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_CACHE = 1 << 16


def to_ox(term: Node):
    """rdflib term -> pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


@lru_cache(maxsize=_CACHE)
def _iri(value: str) -> URIRef:
    return URIRef(value)


@lru_cache(maxsize=_CACHE)
def _literal(value: str, datatype: str | None, language: str | None) -> Literal:
    if language:
        return Literal(value, lang=language)
    return Literal(value, datatype=URIRef(datatype) if datatype else None)


def from_ox(term) -> Node | None:
    """pyoxigraph term -> rdflib term (None stays None)."""
    kind = type(term)
    if kind is ox.NamedNode:
        return _iri(term.value)
    if kind is ox.Literal:
        if term.language:
            return _literal(term.value, None, term.language)
        datatype = term.datatype.value
        return _literal(term.value, None if datatype == _XSD_STRING else datatype, None)
    if term is None:
        return None
    if kind is ox.BlankNode:
        return BNode(term.value)
    raise TypeError(f"not an RDF term: {term!r}")
