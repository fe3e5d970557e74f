"""The resolution graph as a blocking index: look candidates up by key, write and undo an article's part.

Every name of every resolved entity is a ``kg:EntityName`` node in the
resolution graph, filed under its blocking keys (see :func:`match.block_keys`);
each article that uses it ``kg:attests`` it. An article's lookup is one query
over its own keys, so its cost depends on how many stored names share those
keys, not on the size of the store. The attestation is stated from the article
(not from the name): Oxigraph finds a bound subject's properties by walking every
triple of that subject, so a name that carried one triple per article using it
would cost more to look up with every article. Each decision is a ``kg:Resolution`` node
of the article. An article's attestations and decisions go when it is deleted
or rewritten; a name no article attests any more goes with them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import RDF, XSD, URIRef
from rdflib.namespace import PROV, SKOS

from ..sparql import term_n3
from ..store import Store
from ..terms import to_ox
from ..vocab import ID, KG, RESOLUTION_GRAPH
from .match import Candidate, Match, Mention, block_keys

_PREFIX = f"PREFIX kg: <{KG._NS}>\nPREFIX skos: <{SKOS}>\n"
# Oxigraph evaluates OPTIONAL and EXISTS by scanning their pattern whole and joining, which would make the
# cost grow with the store: the lookup is two plain queries whose patterns all start from bound terms.
_LOOKUP = _PREFIX + """
SELECT ?n ?key ?canon ?name WHERE { %(values)s GRAPH %(res)s { ?n kg:blockKey ?key ; kg:nameOf ?canon ; kg:name ?name } }
"""
# the same in two narrower answers (a name is filed under several keys): fewer rows for Python to read
_OWNERS = _PREFIX + "SELECT DISTINCT ?key ?canon WHERE { %(values)s GRAPH %(res)s { ?n kg:blockKey ?key ; kg:nameOf ?canon } }"
_NAMES = _PREFIX + """
SELECT DISTINCT ?canon ?name WHERE { %(values)s GRAPH %(res)s { ?n kg:blockKey ?key ; kg:nameOf ?canon ; kg:name ?name } }
"""
# facts are read from the filed names, not from the entity in the articles' graphs: an entity that many
# articles name has its subtype in each of their graphs, and reading them all would grow with the store
_FACTS = _PREFIX + """
SELECT DISTINCT ?canon ?fact WHERE { %(values)s GRAPH %(res)s { ?n kg:blockKey ?key ; kg:nameOf ?canon ; kg:conflictKey ?fact } }
"""
_ATTESTED = _PREFIX + "SELECT ?n WHERE { GRAPH %(res)s { ?a kg:attests ?n } }"
# one name at a time, stopping at the first other article: a name every article uses costs no more than another
_ATTESTED_BY_ANOTHER = _PREFIX + "SELECT ?a WHERE { GRAPH %(res)s { ?a kg:attests ?n } FILTER(?a != ?self) } LIMIT 1"
_RES = term_n3(RESOLUTION_GRAPH)
# stores written before kg:attests (name kg:attestedBy article) are converted when opened
_OLD_ATTESTATIONS = _PREFIX + "ASK { GRAPH %(res)s { ?n kg:attestedBy ?a } }"
_CONVERT = _PREFIX + ("DELETE { GRAPH %(res)s { ?n kg:attestedBy ?a } } INSERT { GRAPH %(res)s { ?a kg:attests ?n } } "
                      "WHERE { GRAPH %(res)s { ?n kg:attestedBy ?a } }")


def upgrade(store: Store) -> bool:
    """Convert a store's attestations written the old way round (``kg:attestedBy``); whether there were any."""
    if not store.ask(_OLD_ATTESTATIONS % {"res": _RES}):
        return False
    store.update(_CONVERT % {"res": _RES})
    return True


def only_own(store: Store, article: URIRef, own: Iterable[URIRef]) -> set[str]:
    """Of the names ``article`` attests (``own``), those no other article attests (they go with it)."""
    query = _ATTESTED_BY_ANOTHER % {"res": _RES}
    return {str(n) for n in own if not list(store.query(query, {"n": n, "self": article}))}


def lookup(store: Store, keys: Iterable[str], skip: set[str] = frozenset()
           ) -> tuple[dict[str, Candidate], list[tuple[str, str]]]:
    """Stored entities filed under ``keys``, with their subtypes, countries and GeoNames places; (key, entity) rows.

    Names are filed only while an article attests them (deleting an article removes what only it
    attested). ``skip``: name nodes to leave out, those that only the article being written again attests
    (:func:`only_own`), so that rewriting an article decides as writing it the first time did.
    """
    keys = sorted(set(keys))
    if not keys:
        return {}, []
    values = "VALUES ?key { " + " ".join(str(ox.Literal(k)) for k in keys) + " }"  # plain strings, escaped
    candidates: dict[str, Candidate] = {}
    owners = []
    if skip:
        for n, key, canon, name in store.query(_LOOKUP % {"values": values, "res": _RES}):
            if n.value not in skip:
                candidates.setdefault(canon.value, Candidate(canon.value)).names.add(name.value)
                owners.append((key.value, canon.value))
    else:
        owners = [(key.value, canon.value) for key, canon in store.query(_OWNERS % {"values": values, "res": _RES})]
        for canon, name in store.query(_NAMES % {"values": values, "res": _RES}):
            candidates.setdefault(canon.value, Candidate(canon.value)).names.add(name.value)
    for canon, fact in store.query(_FACTS % {"values": values, "res": _RES}) if candidates else ():
        c = candidates.get(canon.value)
        kind, _, value = fact.value.partition("=")
        if c is None:
            continue
        if kind == "subtype":
            c.subtypes.add(value)
        elif kind == "country":
            c.countries.add(value)
        elif kind == "geonames":
            c.geonames.add(int(value))
    return candidates, owners


def attested_names(store: Store, article: URIRef) -> list[URIRef]:
    """The name nodes an article attests (to remove the ones only it attested, when it goes)."""
    return [URIRef(r[0].value) for r in store.query(_ATTESTED % {"res": _RES}, {"a": article})]


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def name_iri(canon: str, name: str) -> URIRef:
    return ID[f"name/{_digest(canon, name)}"]


def decision_iri(article: URIRef, key: str) -> URIRef:
    return URIRef(f"{article}/resolution/{_digest(key)}")


_T = {name: ox.NamedNode(str(term)) for name, term in (
    ("type", RDF.type), ("Resolution", KG.Resolution), ("derived", PROV.wasDerivedFrom), ("extractedAs", KG.extractedAs),
    ("resolvedTo", KG.resolvedTo), ("rule", KG.rule), ("score", KG.score), ("matchedName", KG.matchedName),
    ("EntityName", KG.EntityName), ("nameOf", KG.nameOf), ("name", KG.name), ("attests", KG.attests),
    ("blockKey", KG.blockKey), ("conflictKey", KG.conflictKey), ("decimal", XSD.decimal))}


def conflict_keys(m: Mention) -> list[str]:
    """What another entity must not contradict to join this one: subtype, country, GeoNames place."""
    facts = [("subtype", m.subtype), ("country", m.country), ("geonames", m.geonames)]
    return [f"{kind}={value}" for kind, value in facts if value is not None]


def resolution_triples(article: URIRef, m: Mention, canon: URIRef, match: Match | None) -> list[tuple]:
    """A decision node and the name nodes of one entity of an article, as pyoxigraph terms (written as they are)."""
    t, art, can = _T, ox.NamedNode(str(article)), ox.NamedNode(str(canon))
    d = ox.NamedNode(str(decision_iri(article, m.key)))
    score = ox.Literal(str(round(match.score if match else 1.0, 3)), datatype=t["decimal"])
    out = [(d, t["type"], t["Resolution"]), (d, t["derived"], art), (d, t["extractedAs"], ox.NamedNode(str(ID[m.key]))),
           (d, t["resolvedTo"], can), (d, t["rule"], ox.Literal(match.rule if match else "new")), (d, t["score"], score)]
    if match:
        out.append((d, t["matchedName"], ox.Literal(match.matched)))
    for name in m.names:
        n = ox.NamedNode(str(name_iri(str(canon), name)))
        out += [(n, t["type"], t["EntityName"]), (n, t["nameOf"], can), (n, t["name"], ox.Literal(name)),
                (art, t["attests"], n)]
        out += [(n, t["blockKey"], ox.Literal(k)) for k in sorted(block_keys(m.type, name, m.geonames))]
        out += [(n, t["conflictKey"], ox.Literal(f)) for f in conflict_keys(m)]
    return out


def forget_update(article: URIRef) -> list[str]:
    """Update operations that remove an article's decisions and attestations (before anything is re-added)."""
    a = term_n3(article)
    return [f"DELETE WHERE {{ GRAPH {_RES} {{ ?d <{PROV.wasDerivedFrom}> {a} ; a <{KG.Resolution}> ; ?p ?o }} }}",
            f"DELETE WHERE {{ GRAPH {_RES} {{ {a} <{KG.attests}> ?n }} }}"]


def drop_orphans(graph: URIRef, nodes: Iterable[URIRef], keeps: URIRef) -> list[str]:
    """Update operations that drop the given nodes of ``graph`` that have no ``keeps`` property left."""
    nodes = list(nodes)
    if not nodes:
        return []
    g = term_n3(graph)
    return [f"DELETE {{ GRAPH {g} {{ ?n ?p ?o }} }} WHERE {{ VALUES ?n {{ {' '.join(term_n3(n) for n in nodes)} }} "
            f"GRAPH {g} {{ ?n ?p ?o }} FILTER NOT EXISTS {{ GRAPH {g} {{ ?n <{keeps}> ?x }} }} }}"]


def attested_in(triples: Iterable[tuple]) -> set[str]:
    """The name nodes that resolution triples (:func:`resolution_triples`) have an article attest."""
    attests = _T["attests"]
    return {o.value for _, p, o in triples if p == attests}


def drop_update(graph: URIRef, nodes: Iterable) -> list[str]:
    """Update operations that drop the given nodes of ``graph`` (known to be orphans: no pattern over what keeps
    them, whose size would grow with the articles that do)."""
    nodes = sorted({str(n) for n in nodes})
    if not nodes:
        return []
    g = term_n3(graph)
    values = " ".join(term_n3(URIRef(n)) for n in nodes)
    return [f"DELETE {{ GRAPH {g} {{ ?n ?p ?o }} }} WHERE {{ VALUES ?n {{ {values} }} GRAPH {g} {{ ?n ?p ?o }} }}"]


_IRIS: dict[str, str] = {}  # IRI -> its N-Triples form, checked once as pyoxigraph checks an IRI (bounded below)
_OX_TERMS = (ox.NamedNode, ox.Literal, ox.BlankNode)


def _nt(term) -> str:
    """A term as N-Triples (and SPARQL) writes it: the article's IRIs, which repeat, are converted once."""
    kind = type(term)
    if kind is URIRef:
        iri = str.__str__(term)
        nt = _IRIS.get(iri)
        if nt is None:
            if len(_IRIS) >= 1 << 16:
                _IRIS.clear()
            nt = _IRIS[iri] = str(ox.NamedNode(iri))
        return nt
    return str(term if kind in _OX_TERMS else to_ox(term))


def insert_update(graphs: dict[URIRef, Iterable[tuple]]) -> list[str]:
    """An INSERT DATA operation for triples by graph (rdflib or pyoxigraph terms), built as text directly."""
    parts = []
    for g, triples in graphs.items():
        lines = [f"{_nt(s)} {_nt(p)} {_nt(o)} ." for s, p, o in triples]
        if lines:
            parts.append(f"GRAPH {_nt(g)} {{\n" + "\n".join(lines) + "\n}")
    return ["INSERT DATA {\n" + "\n".join(parts) + "\n}"] if parts else []
