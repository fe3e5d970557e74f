"""What the graph queries share: ids and IRIs, type names, SPARQL helpers, node summaries, errors.

Ids are the part of an IRI after ``https://w3id.org/kg/id/``: entities are
``person/jasim-mohammed``, statements ``statement/<hash>``, articles
``article/<name>``; the REST routes take the entity id whole and the
statement and article ids without their first segment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from ..rdf import SUBTYPE_CLASSES
from ..sparql import term_n3
from ..store import Store
from ..vocab import ID, KG, ontology_turtle

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


# --- rows and node summaries ---------------------------------------------------------------

_SUMMARIES = _PREFIXES + """
SELECT ?e (SAMPLE(?label) AS ?name) (SAMPLE(?type) AS ?cls) WHERE {
  %(values)s
  OPTIONAL { ?e rdfs:label ?label }
  OPTIONAL { ?e a ?type . VALUES ?type { kg:Person kg:Organization kg:Location kg:Source } }
} GROUP BY ?e
"""

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
