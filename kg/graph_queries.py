"""Questions the REST API asks of the graph: search, entity, neighbours, paths, statements, articles.

Each function takes a :class:`~kg.store.Store` and plain values and returns
plain dicts and lists ready for JSON. Values from callers reach SPARQL only
as bound rdflib terms (``Store.select(sparql, bindings)``) or through
:func:`kg.sparql.term_n3`, never pasted into query text.

Ids are the part of an IRI after ``https://w3id.org/kg/id/``: entities are
``person/jasim-mohammed``, statements ``statement/<hash>``, articles
``article/<name>``; the REST routes take the entity id whole and the
statement and article ids without their first segment.

This module gathers the public names; the queries live in :mod:`kg.queries`, a module for each
thing asked about.
"""

from __future__ import annotations

from rdflib import Literal  # callers build literals as graph_queries.Literal

from .queries.articles import article, article_count, articles
from .queries.common import (DIRECTIONS, ENTITY_TYPES, EVENT_TYPES, MAX_FRONTIER, SUBTYPE_NAMES, NotFound, TooBroad,
                             local_id)
from .queries.edges import neighbours, paths
from .queries.entities import entity, prefix_pattern, search_entities
from .queries.statements import statement

__all__ = [
    "DIRECTIONS", "ENTITY_TYPES", "EVENT_TYPES", "MAX_FRONTIER", "SUBTYPE_NAMES", "Literal", "NotFound", "TooBroad",
    "article", "article_count", "articles", "entity", "local_id", "neighbours", "paths", "prefix_pattern",
    "search_entities", "statement",
]
