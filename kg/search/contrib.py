"""What each graph contributes to the search index's entity rows: the per-graph attribution behind its updates.

An entity's row (label, type, statement count, names) is an aggregate over the graphs that mention it: the
classes it has in any graph, its ``rdfs:label`` and ``skos:altLabel`` values in any graph, and the distinct
statements that name it as ``kg:agent`` or ``kg:target`` in any graph. The index keeps each graph's part as
``(entity, kind, value)`` contributions, so that writing or dropping one article's graph adds and subtracts
that graph's part only, whatever the number of other articles naming the same entities.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import RDF, RDFS
from rdflib.namespace import SKOS

from ..vocab import ID, KG

TYPE, LABEL, ALIAS, ROLE = 0, 1, 2, 3  # kinds of contribution: value is a class name, a name, or a statement
ENTITY_CLASSES = {str(KG[t]): t for t in ("Person", "Organization", "Location")}
_ID_NS = str(ID)
_CUT = len(_ID_NS)
_TYPE, _LABEL, _ALIAS, _AGENT, _TARGET = (str(p) for p in (RDF.type, RDFS.label, SKOS.altLabel, KG.agent, KG.target))
# (predicate, object) patterns that can contribute: the entity classes one by one (not every rdf:type quad)
PATTERNS = tuple((ox.NamedNode(_TYPE), ox.NamedNode(c)) for c in ENTITY_CLASSES) + tuple(
    (ox.NamedNode(p), None) for p in (_LABEL, _ALIAS, _AGENT, _TARGET))

Contribution = tuple[str, int, str]  # (entity id without the ID namespace, kind, value)


def graph_key(graph) -> str:
    """How the index names a graph: its IRI, ``_:id`` for a blank node, "" for the default graph."""
    if graph is None or isinstance(graph, ox.DefaultGraph):
        return ""
    if isinstance(graph, ox.BlankNode):
        return f"_:{graph.value}"
    return getattr(graph, "value", str(graph))


def graph_node(key: str):
    """The pyoxigraph graph name of a key made by :func:`graph_key`."""
    if key == "":
        return ox.DefaultGraph()
    if key.startswith("_:"):
        return ox.BlankNode(key[2:])
    return ox.NamedNode(key)


def contribution(s, p, o) -> Contribution | None:
    """What one triple (pyoxigraph terms) contributes to an entity's row, if anything."""
    p = p.value
    if p == _TYPE:
        cls = ENTITY_CLASSES.get(o.value)
        if cls is not None and isinstance(s, ox.NamedNode) and s.value.startswith(_ID_NS):
            return s.value[_CUT:], TYPE, cls
    elif p == _LABEL or p == _ALIAS:
        if isinstance(s, ox.NamedNode) and s.value.startswith(_ID_NS):
            return s.value[_CUT:], LABEL if p == _LABEL else ALIAS, o.value
    elif p == _AGENT or p == _TARGET:
        if isinstance(o, ox.NamedNode) and o.value.startswith(_ID_NS):
            return o.value[_CUT:], ROLE, s.value
    return None


def of_graph(ox_store: ox.Store, key: str) -> set[Contribution]:
    """The contributions of one graph as stored now: seven indexed pattern scans of that graph only."""
    g = graph_node(key)
    out = set()
    for p, o in PATTERNS:
        for q in ox_store.quads_for_pattern(None, p, o, g):
            c = contribution(q.subject, q.predicate, q.object)
            if c is not None:
                out.add(c)
    return out


def of_store(ox_store: ox.Store) -> Iterator[tuple[str, str, int, str]]:
    """(graph, entity, kind, value) for every graph of the store (a rebuild): one scan per pattern."""
    for p, o in PATTERNS:
        for q in ox_store.quads_for_pattern(None, p, o, None):
            c = contribution(q.subject, q.predicate, q.object)
            if c is not None:
                yield (graph_key(q.graph_name), *c)


def of_quads(quads: Iterable[ox.Quad]) -> dict[str, set[Contribution]]:
    """Graph -> contributions of quads about to be added (a load)."""
    out: dict[str, set[Contribution]] = {}
    for q in quads:
        c = contribution(q.subject, q.predicate, q.object)
        if c is not None:
            out.setdefault(graph_key(q.graph_name), set()).add(c)
    return out


def row(id_: str, facts: Iterable[tuple[int, str]], statements: int) -> tuple[str, str, str, int, set[str]] | None:
    """An entity's index row from its distinct (kind, value) facts, None when it has no entity class.

    The label is the first of its labels by lower case, then as written (its id when it has none); the type is
    the first of its classes by name; its names are its labels and aliases.
    """
    kinds, labels, aliases = set(), set(), set()
    for kind, value in facts:
        (kinds if kind == TYPE else labels if kind == LABEL else aliases).add(value)
    if not kinds:
        return None
    label = min(labels, key=lambda s: (s.lower(), s)) if labels else id_
    return id_, label, sorted(kinds)[0], statements, labels | aliases
