"""Finding entities and reading one: label search (by index, else by SPARQL) and an entity's details."""

from __future__ import annotations

from collections import defaultdict

from rdflib import RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from ..search import fold, search_store
from ..store import Store
from ..vocab import KG
from .common import _PREFIXES, ENTITY_TYPES, SUBTYPE_NAMES, NotFound, _iri, _page, _type_name, local_id


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
