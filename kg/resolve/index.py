"""The resolution graph as a blocking index: look candidates up by key, write and undo an article's part.

Every name of every resolved entity is a ``kg:EntityName`` node in the
resolution graph, filed under its blocking keys (see :func:`match.block_keys`)
and attested by the articles that use it. An article's lookup is one query
over its own keys, so its cost depends on how many stored names share those
keys, not on the size of the store. Each decision is a ``kg:Resolution`` node
of the article. An article's attestations and decisions go when it is deleted
or rewritten; a name no article attests any more goes with them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from decimal import Decimal

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import PROV, SKOS

from ..sparql import term_n3
from ..store import Store, insert_data
from ..terms import to_ox
from ..vocab import ID, KG, RESOLUTION_GRAPH
from .match import Candidate, Match, Mention, block_keys

_PREFIX = f"PREFIX kg: <{KG._NS}>\nPREFIX skos: <{SKOS}>\n"
_LOOKUP = _PREFIX + """
SELECT ?key ?canon ?name ?sub ?country ?gn WHERE {
  %(values)s
  GRAPH %(res)s { ?n kg:blockKey ?key ; kg:nameOf ?canon ; kg:name ?name }
  FILTER EXISTS { GRAPH %(res)s { ?n kg:attestedBy ?a } FILTER(?a != ?self) GRAPH ?a { ?a a kg:Article } }
  OPTIONAL { ?canon kg:subtype ?sub }
  OPTIONAL { ?canon kg:country ?country }
  OPTIONAL { ?canon skos:exactMatch ?gn }
}
"""
_ATTESTED = _PREFIX + "SELECT ?n WHERE { GRAPH %(res)s { ?n kg:attestedBy ?a } }"
_RES = term_n3(RESOLUTION_GRAPH)
_GEONAMES_PREFIX = "https://sws.geonames.org/"
_ID = str(ID)


def lookup(store: Store, article: URIRef, keys: Iterable[str]) -> tuple[dict[str, Candidate], list[tuple[str, str]]]:
    """Stored entities filed under ``keys`` by articles other than ``article``, and (key, entity) rows."""
    keys = sorted(set(keys))
    if not keys:
        return {}, []
    values = "VALUES ?key { " + " ".join(term_n3(Literal(k)) for k in keys) + " }"
    rows = store.query(_LOOKUP % {"values": values, "res": _RES}, {"self": article})
    candidates: dict[str, Candidate] = {}
    owners = []
    for key, canon, name, sub, country, gn in rows:
        c = candidates.setdefault(canon.value, Candidate(canon.value))
        c.names.add(name.value)
        if sub is not None:
            c.subtypes.add(sub.value)
        if country is not None and country.value.startswith(_ID):
            c.countries.add(country.value[len(_ID):])
        if gn is not None and gn.value.startswith(_GEONAMES_PREFIX):
            c.geonames.add(int(gn.value[len(_GEONAMES_PREFIX):].strip("/")))
        owners.append((key.value, canon.value))
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


def resolution_triples(article: URIRef, m: Mention, canon: URIRef, match: Match | None) -> list[tuple]:
    """A decision node and the name nodes of one entity of an article."""
    d = decision_iri(article, m.key)
    out = [(d, RDF.type, KG.Resolution), (d, PROV.wasDerivedFrom, article), (d, KG.extractedAs, ID[m.key]),
           (d, KG.resolvedTo, canon), (d, KG.rule, Literal(match.rule if match else "new")),
           (d, KG.score, Literal(Decimal(str(round(match.score if match else 1.0, 3)))))]
    if match:
        out.append((d, KG.matchedName, Literal(match.matched)))
    for name in m.names:
        n = name_iri(str(canon), name)
        out += [(n, RDF.type, KG.EntityName), (n, KG.nameOf, canon), (n, KG.name, Literal(name)),
                (n, KG.attestedBy, article)]
        out += [(n, KG.blockKey, Literal(k)) for k in sorted(block_keys(m.type, name, m.geonames))]
    return out


def forget_update(article: URIRef) -> list[str]:
    """Update operations that remove an article's decisions and attestations (before anything is re-added)."""
    a = term_n3(article)
    return [f"DELETE WHERE {{ GRAPH {_RES} {{ ?d <{PROV.wasDerivedFrom}> {a} ; a <{KG.Resolution}> ; ?p ?o }} }}",
            f"DELETE WHERE {{ GRAPH {_RES} {{ ?n <{KG.attestedBy}> {a} }} }}"]


def orphans_update(names: Iterable[URIRef]) -> list[str]:
    """Update operations that drop the given name nodes when no article attests them any more."""
    names = list(names)
    if not names:
        return []
    return [f"DELETE {{ GRAPH {_RES} {{ ?n ?p ?o }} }} WHERE {{ VALUES ?n {{ {' '.join(term_n3(n) for n in names)} }} "
            f"GRAPH {_RES} {{ ?n ?p ?o }} FILTER NOT EXISTS {{ GRAPH {_RES} {{ ?n <{KG.attestedBy}> ?x }} }} }}"]


def insert_update(graphs: dict[URIRef, Iterable[tuple]]) -> list[str]:
    """An INSERT DATA operation for triples by graph."""
    text = insert_data((to_ox(s), to_ox(p), to_ox(o), to_ox(g)) for g, triples in graphs.items() for s, p, o in triples)
    return [text] if text else []
