"""Questions the REST API asks of the graph: search, entity, neighbours, paths, statements, articles.

Each function takes a :class:`~kg.store.Store` and plain values and returns
plain dicts and lists ready for JSON. Values from callers reach SPARQL only
as bound rdflib terms (``Store.select(sparql, bindings)``) or through
:func:`kg.sparql.term_n3`, never pasted into query text.

Ids are the part of an IRI after ``https://w3id.org/kg/id/``: entities are
``person/jasim-mohammed``, statements ``statement/<hash>``, articles
``article/<name>``; the REST routes take the entity id whole and the
statement and article ids without their first segment.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.namespace import PROV, SKOS

from .rdf import SUBTYPE_CLASSES, article_iri
from .search import fold, search_store
from .sparql import term_n3
from .store import Store
from .vocab import ID, KG, ontology_turtle

ENTITY_TYPES = ("Person", "Organization", "Location")


def _event_types() -> tuple[str, ...]:
    """The event classes of the ontology (subclasses of kg:Event), by name."""
    g = Graph().parse(data=ontology_turtle(), format="turtle")
    return tuple(sorted(str(c)[len(str(KG._NS)):] for c in g.transitive_subjects(RDFS.subClassOf, KG.Event)
                        if c != KG.Event and str(c).startswith(str(KG._NS))))


EVENT_TYPES = _event_types()
_NODE_TYPES = {*ENTITY_TYPES, "Source"}
SUBTYPE_NAMES = {cls: name for name, cls in SUBTYPE_CLASSES.items()}
DIRECTIONS = ("out", "in", "both")
MAX_FRONTIER = 5_000  # entities one step of a neighbour or path search may expand
_PREFIXES = (f"PREFIX kg: <{KG._NS}>\nPREFIX rdfs: <{RDFS}>\nPREFIX skos: <{SKOS}>\n"
             "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n")
_ID_NS = str(ID)
_KG_NS = str(KG._NS)
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")


class NotFound(LookupError):
    """The entity, statement or article asked for is not in the store."""


class TooBroad(ValueError):
    """A neighbour or path search would expand more entities than :data:`MAX_FRONTIER`."""


# --- ids and terms -------------------------------------------------------------------------


def local_id(iri) -> str | None:
    """``https://w3id.org/kg/id/person/x`` -> ``person/x``; None for IRIs outside the id namespace."""
    text = str(iri) if iri is not None else ""
    return text[len(_ID_NS):] if text.startswith(_ID_NS) else None


def _iri(id_: str) -> URIRef:
    """The IRI of an id, or NotFound when the id cannot be part of an IRI."""
    iri = ID[id_]
    try:
        term_n3(iri)
    except ValueError:
        raise NotFound(id_) from None
    return iri


def _type_name(iri) -> str | None:
    text = str(iri)
    return text[len(_KG_NS):] if text.startswith(_KG_NS) else None


def _str(term) -> str | None:
    return None if term is None else str(term)


def _py(term):
    return None if term is None else term.toPython()


def _page(limit: int, offset: int) -> dict[str, int]:
    """LIMIT/OFFSET take integer literals, not bound terms: format them as ints."""
    return {"limit": int(limit), "offset": int(offset)}


def _values(var: str, terms: Iterable[URIRef]) -> str:
    """A VALUES block of escaped IRIs (rdflib terms from the store, checked by term_n3)."""
    return f"VALUES ?{var} {{ {' '.join(term_n3(t) for t in terms)} }}"


# --- search --------------------------------------------------------------------------------


def _variants() -> dict[str, str]:
    """For each ASCII letter, the Latin letters that fold to it ("a" -> "aàáâãäåāăą...")."""
    out: dict[str, set[str]] = defaultdict(set)
    for cp in list(range(0x41, 0x5B)) + list(range(0x61, 0x7B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        base = fold(ch)
        if len(base) == 1 and "a" <= base <= "z":
            out[base].update({ch, ch.lower(), ch.upper()})
    return {base: "".join(sorted(chars)) for base, chars in out.items()}


_VARIANTS = _variants()
_REGEX_META = set("\\.+*?()|[]{}^$-#&~")


def prefix_pattern(text: str) -> str:
    """A regex (for SPARQL REGEX with flag "i") matching strings that start with ``text``, ignoring accents."""
    out = ["^"]
    for word_index, word in enumerate(fold(text).split()):
        if word_index:
            out.append(r"[\s\-]+")
        for ch in word:
            if ch in _VARIANTS:
                out.append(f"[{_VARIANTS[ch]}]")
            elif ch in _REGEX_META:
                out.append("\\" + ch)
            else:
                out.append(ch)
    return "".join(out)


_ALL_TYPES = "VALUES ?type { kg:Person kg:Organization kg:Location }"
_SEARCH = _PREFIXES + """
SELECT ?e (SAMPLE(?label) AS ?name) (SAMPLE(?type) AS ?cls) (MIN(?hit) AS ?match) WHERE {
  { SELECT DISTINCT ?e ?hit WHERE {  # matches first: the engine joined every label with every type before filtering
    { ?e rdfs:label ?hit } UNION { ?e skos:altLabel ?hit }
    FILTER(REGEX(?hit, ?pattern, "i"))
  } }
  ?e a ?type .
  VALUES ?type { kg:Person kg:Organization kg:Location }
  ?e rdfs:label ?label .
} GROUP BY ?e ORDER BY LCASE(?name) ?e LIMIT %(limit)d OFFSET %(offset)d
"""


def search_entities(store: Store, q: str = "", type: str | None = None, limit: int = 20, offset: int = 0,
                    index_file: str | None = None) -> list[dict]:
    """Entities matching ``q`` in a label or alias, ranked (:mod:`kg.search`); empty ``q`` lists all by label.

    ``index_file``: the search index to read (a query worker's, whose snapshot store has none of its own).
    A store without an index (a remote endpoint) is searched by SPARQL instead: labels and aliases that
    start with ``q``, case and accents ignored, by label.
    """
    found = search_store(store, q, type, limit, offset, index_file)
    if found is not None:
        return found
    bindings = {
        "pattern": Literal(prefix_pattern(q)),
    }
    sparql = _SEARCH
    if type is not None:  # the type is bound instead of enumerated
        sparql = sparql.replace(_ALL_TYPES, "")
        bindings["type"] = KG[type]
    rows = store.select(sparql % _page(limit, offset), bindings)
    return [
        {"id": local_id(r["e"]), "iri": str(r["e"]), "label": str(r["name"]),
         "type": _type_name(r["cls"]), "matched": str(r["match"])}
        for r in rows
    ]


# --- one entity ----------------------------------------------------------------------------

_ENTITY = _PREFIXES + """
SELECT ?p ?o ?g WHERE { GRAPH ?g { ?e ?p ?o } FILTER(?p IN (rdf:type, rdfs:label, skos:altLabel, kg:mentionCount, kg:subtype, kg:country)) }
"""

_ENTITY_COUNTS = _PREFIXES + """
SELECT (COUNT(DISTINCT ?out) AS ?asAgent) (COUNT(DISTINCT ?in) AS ?asTarget) WHERE {
  { ?out kg:agent ?e } UNION { ?in kg:target ?e }
}
"""


def entity(store: Store, id_: str) -> dict:
    """One entity: label, aliases, type, mention and statement counts, the articles that mention it."""
    iri = _iri(id_)
    rows = store.select(_ENTITY, {"e": iri})
    if not rows:
        raise NotFound(id_)
    labels, aliases, types, articles = [], set(), [], set()
    counted: dict[URIRef, int] = {}  # mentions by article graph: kg:mentionCount, else once (the default)
    subtype, country = None, None
    for r in rows:
        p, o = r["p"], r["o"]
        if p == RDFS.label:
            labels.append(str(o))
        elif p == SKOS.altLabel:
            aliases.add(str(o))
        elif p == KG.mentionCount:
            counted[r["g"]] = int(o.toPython())
        elif p == KG.subtype:
            subtype = str(o)
        elif p == KG.country:
            country = local_id(o)
        elif _type_name(o) in ENTITY_TYPES:
            types.append(_type_name(o))
            counted.setdefault(r["g"], 1)
        elif subtype is None and o in SUBTYPE_NAMES:  # a subtype with a class is written as the class alone
            subtype = SUBTYPE_NAMES[o]
        if local_id(r["g"]) and local_id(r["g"]).startswith("article/"):
            articles.add(local_id(r["g"])[len("article/"):])
    if not types:
        raise NotFound(id_)
    mentions = sum(counted.values())
    label = min(labels, key=lambda s: (s.lower(), s)) if labels else id_
    counts = store.select(_ENTITY_COUNTS, {"e": iri})[0]
    return {
        "id": id_, "iri": str(iri), "label": label, "type": sorted(set(types))[0],
        "aliases": sorted(aliases | set(labels) - {label}),
        "subtype": subtype, "country": country,
        "mentions": mentions,
        "statements": {"as_agent": int(counts["asAgent"].toPython()), "as_target": int(counts["asTarget"].toPython())},
        "articles": sorted(articles),
    }


# --- edges: neighbours and paths -----------------------------------------------------------

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

_SUMMARIES = _PREFIXES + """
SELECT ?e (SAMPLE(?label) AS ?name) (SAMPLE(?type) AS ?cls) WHERE {
  %(values)s
  OPTIONAL { ?e rdfs:label ?label }
  OPTIONAL { ?e a ?type . VALUES ?type { kg:Person kg:Organization kg:Location kg:Source } }
} GROUP BY ?e
"""


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


def _rows(store: Store, sparql: str, bindings: dict | None = None) -> list[dict[str, str | None]]:
    """Rows of a SELECT as plain strings (term values; None when unbound): cheaper than rdflib terms.

    Cells are read in order (``zip`` with the variable names), not looked up by name: a lookup by
    name cost a sixth of a 1-hop neighbour request.
    """
    result = store.query(sparql, bindings)
    names = [v.value for v in result.variables]
    return [dict(zip(names, [t.value if t is not None else None for t in sol])) for sol in result]


def _tail(iri: str | None, prefix: str) -> str | None:
    """The id after ``id/`` + ``prefix`` (``statement/``, ``article/``), or None."""
    local = local_id(iri)
    return local[len(prefix):] if local and local.startswith(prefix) else None


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


def _summaries(store: Store, nodes: Iterable[URIRef]) -> dict[URIRef, dict]:
    """id, label and type of each node (every node gets an entry; label falls back to the id)."""
    nodes = sorted(set(nodes))
    if not nodes:
        return {}
    rows = _rows(store, _SUMMARIES % {"values": _values("e", nodes)})
    return {
        URIRef(r["e"]): {"id": local_id(r["e"]), "label": r["name"] if r["name"] is not None else local_id(r["e"]),
                         "type": _type_name(r["cls"]) if r["cls"] is not None else None}
        for r in rows
    }


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


# --- statements ----------------------------------------------------------------------------

_STATEMENT = _PREFIXES + """
SELECT ?p ?o WHERE { ?st ?p ?o }
"""
_SENTENCE = _PREFIXES + """
SELECT ?text ?start ?end ?art WHERE {
  OPTIONAL { ?s kg:startOffset ?start } OPTIONAL { ?s kg:endOffset ?end }
  OPTIONAL { GRAPH ?art { ?s kg:startOffset ?o } }  # a sentence's article is its graph
  OPTIONAL { ?art kg:text ?whole }  # the offsets point into the article's text
  OPTIONAL { ?s kg:text ?own }  # older stores held each sentence's text
  BIND(COALESCE(?own, SUBSTR(?whole, ?start + 1, ?end - ?start)) AS ?text)
} LIMIT 1
"""


def statement(store: Store, id_: str) -> dict:
    """One statement: who did what to whom, its details, its sentence with offsets, article and attribution."""
    iri = _iri(f"statement/{id_}")
    rows = store.select(_STATEMENT, {"st": iri})
    props: dict[URIRef, list] = defaultdict(list)
    for r in rows:
        props[r["p"]].append(r["o"])
    if KG.Statement not in props.get(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), []):
        raise NotFound(id_)
    one = lambda p: props[p][0] if props.get(p) else None  # noqa: E731
    ends = _summaries(store, [t for t in (one(KG.agent), one(KG.target), one(KG.place),
                                         one(KG.assistingParty), one(PROV.wasAttributedTo)) if t is not None])
    sentence = None
    if one(KG.sentence) is not None:
        s = store.select(_SENTENCE, {"s": one(KG.sentence)})[0]
        sentence = {"id": local_id(one(KG.sentence)), "text": _py(s["text"]),
                    "start": _py(s["start"]), "end": _py(s["end"]),
                    "article": (local_id(s["art"]) or "")[len("article/"):] or None}
    types = props.get(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), [])
    return {
        "id": id_, "iri": str(iri),
        "agent": ends.get(one(KG.agent)), "target": ends.get(one(KG.target)),
        "relation": _py(one(KG.relationLabel)),
        "event_types": sorted(_type_name(t) for t in types if t != KG.Statement and _type_name(t)),
        "confidence": float(one(KG.confidence).toPython()) if one(KG.confidence) is not None else None,
        "negated": bool(_py(one(KG.negated))) if one(KG.negated) is not None else False,
        "time": str(one(KG.time)) if one(KG.time) is not None else None, "place": ends.get(one(KG.place)),
        "assisting": ends.get(one(KG.assistingParty)),
        "attributed_to": ends.get(one(PROV.wasAttributedTo)), "modality": _py(one(KG.modality)),
        "quantity": _py(one(KG.quantity)),
        "sentence": sentence,
    }


# --- articles ------------------------------------------------------------------------------

_ARTICLES = _PREFIXES + """
SELECT ?a (SAMPLE(?t) AS ?title) (SAMPLE(?src) AS ?source) WHERE {
  GRAPH ?a { ?a a kg:Article OPTIONAL { ?a kg:title|rdfs:label ?t } OPTIONAL { ?a kg:sourcePath ?src } }
} GROUP BY ?a ORDER BY ?a LIMIT %(limit)d OFFSET %(offset)d
"""
_ARTICLE_COUNT = _PREFIXES + "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?a { ?a a kg:Article } }"
_ARTICLE = _PREFIXES + """
SELECT ?p ?o WHERE { GRAPH ?a { ?a ?p ?o } }
"""
_ARTICLE_CONTENT = _PREFIXES + """
SELECT ?kind ?x WHERE {
  GRAPH ?a {
    { ?x a ?type VALUES ?type { kg:Person kg:Organization kg:Location } BIND("entity" AS ?kind) }  # the entities it types
    UNION { ?x a kg:Statement BIND("statement" AS ?kind) }
  }
} ORDER BY ?kind ?x
"""


def article_count(store: Store) -> int:
    return int(store.select(_ARTICLE_COUNT)[0]["n"].toPython())


def articles(store: Store, limit: int = 50, offset: int = 0) -> dict:
    """Articles by id, a page at a time."""
    rows = store.select(_ARTICLES % _page(limit, offset))
    return {
        "total": article_count(store), "limit": limit, "offset": offset,
        "articles": [{"id": local_id(r["a"])[len("article/"):], "title": _py(r["title"]), "source": _py(r["source"])}
                     for r in rows],
    }


def article(store: Store, id_: str) -> dict:
    """One article: title, source, content hash, the entities it mentions and its statements."""
    iri = _article(id_)
    props = {r["p"]: r["o"] for r in store.select(_ARTICLE, {"a": iri})}
    if not props:
        raise NotFound(id_)
    content = store.select(_ARTICLE_CONTENT, {"a": iri})
    entities = _summaries(store, [r["x"] for r in content if str(r["kind"]) == "entity"])
    return {
        "id": id_, "iri": str(iri), "title": _py(props.get(KG.title) or props.get(RDFS.label)),
        "published": _str(props.get(KG.published)), "url": _str(props.get(KG.url)),
        "publisher": _str(props.get(KG.publisher)), "source": _py(props.get(KG.sourcePath)),
        "content_hash": _py(props.get(KG.contentHash)),
        "entities": sorted(entities.values(), key=lambda e: (e["label"].lower(), e["id"])),
        "statements": [local_id(r["x"])[len("statement/"):] for r in content if str(r["kind"]) == "statement"],
    }


def _article(id_: str) -> URIRef:
    iri = article_iri(id_)
    try:
        term_n3(iri)
    except ValueError:
        raise NotFound(id_) from None
    return iri
