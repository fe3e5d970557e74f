"""Edges between entities: neighbours within a depth (with filters) and the shortest paths between two.

Both walk the graph a step at a time from a frontier of entities, reading the
statements that touch it; a step may expand at most :data:`MAX_FRONTIER` entities.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rdflib import RDFS, Literal, URIRef

from ..rdf import article_iri
from ..sparql import term_n3
from ..store import Store
from ..vocab import KG
from .common import (MAX_FRONTIER, _NODE_TYPES, NotFound, TooBroad, _iri, _rows, _summaries, _tail, _type_name,
                     _values, local_id)

# only the prefixes it uses: Oxigraph parses and plans every query string anew, and this one runs per request
_EDGES = f"PREFIX kg: <{KG._NS}>\nPREFIX rdfs: <{RDFS}>\n" + """
SELECT DISTINCT ?from ?st ?n ?dir ?rel ?ev ?conf ?neg ?mod ?time ?sent ?art ?label ?type %(published)s WHERE {
  %(values)s
  { ?st kg:agent ?from ; kg:target ?n . BIND("out" AS ?dir) }
  UNION
  { ?st kg:target ?from ; kg:agent ?n . BIND("in" AS ?dir) }
  ?st kg:relationLabel ?rel .
  OPTIONAL { ?st a ?ev . FILTER(?ev != kg:Statement) }
  OPTIONAL { ?st kg:confidence ?conf }
  OPTIONAL { ?st kg:negated ?neg }
  OPTIONAL { ?st kg:modality ?mod }
  OPTIONAL { ?st kg:time ?time }
  OPTIONAL { ?st kg:sentence ?sent }
  OPTIONAL { GRAPH ?art { ?st kg:sentence ?sent } %(article_date)s }  # a statement's article is its graph
  OPTIONAL { ?n rdfs:label ?label }
  OPTIONAL { ?n a ?type }
  %(filters)s
}
"""
# joined only when a date range is asked for: they cost a third of the query's time
_DATED = {"published": "?pub", "article_date": "OPTIONAL { ?art kg:published ?pub }",
          "when": "BIND(COALESCE(STR(?time), STR(?pub)) AS ?when)"}
_UNDATED = {"published": "", "article_date": "", "when": ""}

def _edge_filters(relation: str | None, event_type: str | None, direction: str, since: str | None, until: str | None):
    filters, bindings = [], {}
    if direction != "both":
        filters.append("FILTER(?dir = ?wantDir)")
        bindings["wantDir"] = Literal(direction)
    if relation:
        filters.append("FILTER(LCASE(STR(?rel)) = LCASE(?wantRel))")
        bindings["wantRel"] = Literal(relation)
    if event_type:
        filters.append("FILTER EXISTS { ?st a ?wantEvent }")
        bindings["wantEvent"] = KG[event_type]
    # a statement's date is its own time, else its article's publication date, compared at the date's
    # own precision ("2019" is within since=2019-06-01)
    if since:
        filters.append("FILTER(BOUND(?when) && REGEX(?when, \"^[0-9]{4}\") && ?when >= SUBSTR(?since, 1, STRLEN(?when)))")
        bindings["since"] = Literal(since)
    if until:
        filters.append("FILTER(BOUND(?when) && REGEX(?when, \"^[0-9]{4}\") && SUBSTR(?when, 1, STRLEN(?until)) <= ?until)")
        bindings["until"] = Literal(until)
    if since or until:
        filters.insert(0, _DATED["when"])
    return "\n  ".join(filters), bindings


def _merge(summary: dict, label: str | None, type_: str | None) -> None:
    """Fold one row's label and type into a node summary (the smallest label wins, for stable output)."""
    if label is not None and (summary["label"] is None or label < summary["label"]):
        summary["label"] = label
    if type_ is not None and _type_name(type_) in _NODE_TYPES:
        summary["type"] = _type_name(type_)

def _edges(store: Store, frontier: Sequence[URIRef], filters: str, bindings: dict) -> tuple[list[dict], dict]:
    """The statements touching ``frontier`` (one dict per statement and end), and summaries of their far ends."""
    dated = _DATED if "?when" in filters else _UNDATED
    rows = _rows(store, _EDGES % {"values": _values("from", frontier), "filters": filters, **dated}, bindings)
    edges: dict[tuple, dict] = {}
    ends: dict[URIRef, dict] = {}
    for r in rows:
        key = (r["from"], r["st"], r["n"], r["dir"])
        edge = edges.get(key)
        if edge is None:
            edge = edges[key] = {
                "from": URIRef(r["from"]), "to": URIRef(r["n"]),
                "statement": _tail(r["st"], "statement/"), "direction": r["dir"], "relation": r["rel"],
                "event_types": [],
                "confidence": float(r["conf"]) if r["conf"] is not None else None,
                "negated": r["neg"] in ("true", "1"), "modality": r["mod"],
                "time": r["time"],
                "sentence": local_id(r["sent"]), "article": _tail(r["art"], "article/"),
            }
        event = _type_name(r["ev"]) if r["ev"] else None
        if event and event not in edge["event_types"]:
            edge["event_types"].append(event)
        _merge(ends.setdefault(edge["to"], {"id": local_id(r["n"]), "label": None, "type": None}),
               r["label"], r["type"])
    for edge in edges.values():
        edge["event_types"].sort()
    for end in ends.values():
        end["label"] = end["label"] or end["id"]
    return list(edges.values()), ends


_SUMMARY = "SELECT DISTINCT ?label ?type WHERE { { %%(e)s <%s> ?label } UNION { %%(e)s a ?type } }" % RDFS.label


def _summary(store: Store, node: URIRef) -> dict:
    """id, label and type of one node (type None when the store does not know it)."""
    summary = {"id": local_id(node), "label": None, "type": None}
    for r in _rows(store, _SUMMARY % {"e": term_n3(node)}):  # escaped, as in _values
        _merge(summary, r["label"], r["type"])
    summary["label"] = summary["label"] or summary["id"]
    return summary

def _public(edge: dict) -> dict:
    return {**{k: v for k, v in edge.items() if k not in ("from", "to")},
            "source": local_id(edge["from"] if edge["direction"] == "out" else edge["to"]),
            "target": local_id(edge["to"] if edge["direction"] == "out" else edge["from"])}


def neighbours(
    store: Store,
    id_: str,
    depth: int = 1,
    relation: str | None = None,
    event_type: str | None = None,
    direction: str = "both",
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict:
    """Entities within ``depth`` statements of ``id_``, each with the edges that reach it and the number of
    independent sources (distinct publishers; an article without one counts as its own) they come from, by
    (depth, label).

    ``direction`` "out" follows statements where the entity is the agent, "in"
    where it is the target. ``since``/``until`` (ISO dates) keep statements
    whose date falls in the range, compared at the date's own precision.
    """
    start = _iri(id_)
    filters, bindings = _edge_filters(relation, event_type, direction, since, until)
    seen = {start: 0}
    reached: dict[URIRef, list[dict]] = {}
    info: dict[URIRef, dict] = {}
    frontier = [start]
    for level in range(1, depth + 1):
        if len(frontier) > MAX_FRONTIER:
            raise TooBroad(f"depth {level} would expand {len(frontier):,} entities (limit {MAX_FRONTIER:,}); "
                           "lower depth or add filters")
        nxt = []
        edges, ends = _edges(store, frontier, filters, bindings)
        info.update(ends)
        for edge in edges:
            node = edge["to"]
            if seen.get(node, level) < level:
                continue
            if node not in seen:
                seen[node] = level
                nxt.append(node)
            reached.setdefault(node, []).append(edge)
        frontier = sorted(nxt)
        if not frontier:
            break
    me = _summary(store, start)
    if me["type"] is None and not reached and not store.ask("ASK { ?st ?role ?e }", {"e": start}):
        raise NotFound(id_)
    outlet = _outlets(store, {e["article"] for edges in reached.values() for e in edges if e["article"]})
    items = []
    for node, edges in reached.items():
        items.append({**info[node], "depth": seen[node],
                      "independent_sources": len({outlet[e["article"]] for e in edges if e["article"]}),
                      "edges": [_public(e) for e in sorted(edges, key=lambda e: (e["statement"] or "", str(e["from"])))]})
    items.sort(key=lambda n: (n["depth"], n["label"].lower(), n["id"] or ""))
    return {"entity": me, "total": len(items), "limit": limit, "offset": offset,
            "neighbours": items[offset: offset + limit]}


def _outlets(store: Store, articles: set[str]) -> dict[str, str]:
    """Article id -> its publisher, else the article itself: one independent source each."""
    out = {a: f"article/{a}" for a in articles}
    if articles:
        query = (f"SELECT ?g ?p WHERE {{ {_values('g', [article_iri(a) for a in sorted(articles)])} "
                 f"GRAPH ?g {{ ?g <{KG.publisher}> ?p }} }}")
        for r in _rows(store, query):
            out[_tail(r["g"], "article/")] = r["p"]
    return out


def paths(store: Store, from_id: str, to_id: str, max_depth: int = 3, limit: int = 10) -> dict:
    """The shortest ways (up to ``limit``) two entities are connected by statements, either direction."""
    start, goal = _iri(from_id), _iri(to_id)
    for id_, iri in ((from_id, start), (to_id, goal)):
        if not store.ask("ASK { { ?e a ?t } UNION { ?st ?role ?e } }", {"e": iri}):
            raise NotFound(id_)
    if start == goal:
        return {"from": from_id, "to": to_id, "length": 0, "paths": []}
    parents: dict[URIRef, list[dict]] = {}
    level_of = {start: 0}
    frontier = [start]
    found = False
    for level in range(1, max_depth + 1):
        if len(frontier) > MAX_FRONTIER:
            raise TooBroad(f"step {level} would expand {len(frontier):,} entities (limit {MAX_FRONTIER:,}); "
                           "lower max_depth")
        nxt = set()
        for edge in _edges(store, frontier, "", {})[0]:
            node = edge["to"]
            if level_of.get(node, level) < level:
                continue
            level_of[node] = level
            parents.setdefault(node, []).append(edge)
            nxt.add(node)
        if goal in nxt:
            found = True
            break
        frontier = sorted(nxt)
        if not frontier:
            break
    if not found:
        return {"from": from_id, "to": to_id, "length": None, "paths": []}

    def walk(node: URIRef) -> Iterable[list[dict]]:
        if node == start:
            yield []
            return
        for edge in sorted(parents[node], key=lambda e: (str(e["from"]), e["statement"] or "")):
            for prefix in walk(edge["from"]):
                yield prefix + [edge]

    found_paths = []
    for steps in walk(goal):
        found_paths.append(steps)
        if len(found_paths) >= limit:
            break
    info = _summaries(store, {e["from"] for p in found_paths for e in p} | {goal})
    return {
        "from": from_id, "to": to_id, "length": len(found_paths[0]),
        "paths": [
            {"entities": [info[p[0]["from"]]] + [info[e["to"]] for e in p], "edges": [_public(e) for e in p]}
            for p in found_paths
        ],
    }
