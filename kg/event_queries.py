"""Events across reports (kg.resolve.events) as the REST API lists them: ``GET /events``.

An event's independent sources are the distinct publishers of the articles
that report it (an article without a publisher counts as its own source). Its
date range is that of its reports: a report's own time, else its article's
publication date. A place filter takes the events reported at that place or
at a place GeoNames puts inside it (events in Pakistan include Peshawar's).
Caller values reach SPARQL only as bound terms.
"""

from __future__ import annotations

from rdflib import RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from .queries.common import NotFound, _iri, _page, _rows, _tail, _type_name, _values, local_id
from .store import Store
from .vocab import EVENTS_GRAPH, KG, SCHEMA

_PREFIXES = (f"PREFIX kg: <{KG._NS}>\nPREFIX skos: <{SKOS}>\nPREFIX schema: <{SCHEMA}>\nPREFIX rdfs: <{RDFS}>\n")
_EVENTS = _PREFIXES + """
SELECT ?ev ?cls (COUNT(DISTINCT ?st) AS ?reports) (COUNT(DISTINCT ?art) AS ?articles) (COUNT(DISTINCT ?src) AS ?sources)
       (SUM(IF(?neg, 1, 0)) AS ?denials) (MIN(?when) AS ?first) (MAX(?when) AS ?last) WHERE {
  GRAPH <%(graph)s> { ?ev kg:eventClass ?cls ; kg:report ?st }
  %(filters)s
  GRAPH ?art { ?st kg:sentence ?sent }  # a statement's article is its graph
  OPTIONAL { ?st kg:negated ?negated }  # written only when true
  BIND(COALESCE(?negated, false) AS ?neg)
  OPTIONAL { ?art kg:publisher ?publisher }
  OPTIONAL { ?art kg:published ?pub }
  OPTIONAL { ?st kg:time ?time FILTER(REGEX(STR(?time), "^[0-9]{4}")) }
  BIND(COALESCE(?publisher, STR(?art)) AS ?src)
  BIND(COALESCE(STR(?time), STR(?pub)) AS ?when)
} GROUP BY ?ev ?cls
HAVING (COUNT(DISTINCT ?src) >= ?minSources %(having)s)
ORDER BY DESC(?sources) DESC(?reports) ?ev
"""
_ENTITY = """FILTER EXISTS { GRAPH <%(graph)s> { ?ev kg:report ?s1 } { ?s1 kg:agent ?entity } UNION { ?s1 kg:target ?entity } }"""
_PLACE = """FILTER EXISTS { GRAPH <%(graph)s> { ?ev kg:report ?s2 } ?s2 kg:place ?p . %(places)s }"""
# the place and every place of the store GeoNames puts inside it (or that is the same feature), walked down from it
_WITHIN = _PREFIXES + """
SELECT DISTINCT ?p WHERE {
  { BIND(?place AS ?p) }
  UNION { ?place skos:exactMatch ?g . ?f schema:containedInPlace* ?g . ?p skos:exactMatch ?f }
}"""
_DETAILS = _PREFIXES + """
SELECT DISTINCT ?ev ?st ?agent ?target ?place ?art WHERE {
  %(values)s
  GRAPH <%(graph)s> { ?ev kg:report ?st }
  ?st kg:agent ?agent ; kg:target ?target .
  GRAPH ?art { ?st kg:sentence ?sent }
  OPTIONAL { ?st kg:place ?place }
}
"""
_LABELS = _PREFIXES + "SELECT ?e (MIN(?l) AS ?label) WHERE { %(values)s ?e rdfs:label ?l } GROUP BY ?e"


def _filters(entity: str | None, event_type: str | None, places: list[URIRef], since: str | None,
             until: str | None):
    filters, having, bindings = [], [], {}
    if event_type:
        bindings["wantClass"] = KG[event_type]
        filters.append("FILTER(?cls = ?wantClass)")
    if entity:
        bindings["entity"] = _iri(entity)
        filters.append(_ENTITY % {"graph": EVENTS_GRAPH})
    if places:
        filters.append(_PLACE % {"graph": EVENTS_GRAPH, "places": _values("p", places)})
    if since:  # the event has a report on or after since (compared at the report date's own precision)
        bindings["since"] = Literal(since)
        having.append("MAX(?when) >= SUBSTR(?since, 1, STRLEN(MAX(?when)))")
    if until:
        bindings["until"] = Literal(until)
        having.append("SUBSTR(MIN(?when), 1, STRLEN(?until)) <= ?until")
    return "\n  ".join(filters), "".join(f" && {h}" for h in having), bindings


def events(store: Store, entity: str | None = None, event_type: str | None = None, place: str | None = None,
           since: str | None = None, until: str | None = None, min_sources: int = 1, limit: int = 50,
           offset: int = 0) -> dict:
    """Events across reports, most independent sources first, with their reports and any claim/denial conflict."""
    places: list[URIRef] = []
    if place:
        if not store.ask("ASK { ?x ?p ?place }", {"place": _iri(place)}):
            raise NotFound(place)
        places = [URIRef(r["p"]) for r in _rows(store, _WITHIN, {"place": _iri(place)})]
    filters, having, bindings = _filters(entity, event_type, places, since, until)
    bindings["minSources"] = Literal(int(min_sources))
    rows = _rows(store, _EVENTS % {"graph": EVENTS_GRAPH, "filters": filters, "having": having}, bindings)
    page = rows[offset: offset + limit]
    details = _details(store, [r["ev"] for r in page])
    items = []
    for r in page:
        reports, denials = int(r["reports"]), int(r["denials"])
        d = details.get(r["ev"], {})
        items.append({
            "id": local_id(r["ev"]), "event_type": _type_name(r["cls"]),
            "agents": d.get("agent", []), "targets": d.get("target", []), "places": d.get("place", []),
            "sources": int(r["sources"]), "reports": reports, "articles": sorted(d.get("articles", ())),
            "statements": sorted(d.get("statements", ())),
            "first": r["first"], "last": r["last"],
            "claims": reports - denials, "denials": denials, "conflict": 0 < denials < reports,
        })
    return {"total": len(rows), "limit": limit, "offset": offset, "events": items}


def _details(store: Store, events_: list[str]) -> dict[str, dict]:
    """Agents, targets, places (id and label), articles and statements of each event."""
    if not events_:
        return {}
    rows = _rows(store, _DETAILS % {"values": _values("ev", map(URIRef, events_)), "graph": EVENTS_GRAPH})
    nodes = {URIRef(r[k]) for r in rows for k in ("agent", "target", "place") if r[k]}
    labels = {r["e"]: r["label"] for r in _rows(store, _LABELS % {"values": _values("e", sorted(nodes))})} if nodes else {}
    out: dict[str, dict] = {}
    for r in rows:
        d = out.setdefault(r["ev"], {"agent": [], "target": [], "place": [], "articles": set(), "statements": set()})
        for role in ("agent", "target", "place"):
            node = {"id": local_id(r[role]), "label": labels.get(r[role])} if r[role] else None
            if node and node not in d[role]:
                d[role].append(node)
        d["articles"].add(_tail(r["art"], "article/"))
        d["statements"].add(_tail(r["st"], "statement/"))
    for d in out.values():
        for role in ("agent", "target", "place"):
            d[role].sort(key=lambda n: n["id"])
    return out
