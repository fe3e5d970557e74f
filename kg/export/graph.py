"""The store's entities and direct edges as a networkx graph, the common input of the graph writers."""

from __future__ import annotations

import networkx as nx

from ..store import Store
from ..vocab import KG

_PREFIX = f"PREFIX kg: <{KG._NS}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"

_NODES = _PREFIX + """
SELECT ?e ?type (SAMPLE(?l) AS ?label) (SUM(?m) AS ?mentions) (COUNT(DISTINCT ?g) AS ?articles) WHERE {
  GRAPH ?g { ?e a ?type ; rdfs:label ?l ; kg:mentionCount ?m . }
  VALUES ?type { kg:Person kg:Organization kg:Location }
} GROUP BY ?e ?type ORDER BY ?e
"""

_EDGES = _PREFIX + """
SELECT ?s ?o ?label ?event (COUNT(DISTINCT ?st) AS ?weight) (MAX(?c) AS ?confidence) WHERE {
  ?st a kg:Statement ; kg:agent ?s ; kg:target ?o ; kg:relationLabel ?label ; kg:confidence ?c .
  OPTIONAL { ?st a ?event . ?event rdfs:subClassOf kg:Event . }
} GROUP BY ?s ?o ?label ?event ORDER BY ?s ?o ?label
"""


def _local(iri) -> str:
    return str(iri).rsplit("#", 1)[-1]


def build_graph(store: Store) -> nx.MultiDiGraph:
    """Nodes are entities (label, type, mentions, articles); edges are relations with weight = supporting statements."""
    g = nx.MultiDiGraph()
    for row in store.select(_NODES):
        g.add_node(
            str(row["e"]),
            label=str(row["label"]),
            type=_local(row["type"]),
            mentions=int(row["mentions"].toPython()),
            articles=int(row["articles"].toPython()),
        )
    for row in store.select(_EDGES):
        s, o = str(row["s"]), str(row["o"])
        if s not in g or o not in g:
            continue
        g.add_edge(
            s,
            o,
            key=str(row["label"]),
            label=str(row["label"]),
            event_type=_local(row["event"]) if row["event"] else "",
            weight=int(row["weight"].toPython()),
            confidence=float(row["confidence"].toPython()),
        )
    return g
