"""Counts that describe the store: articles, entities by type, triples, events by type."""

from __future__ import annotations

from dataclasses import dataclass

from .store import Store
from .vocab import KG

_PREFIX = f"PREFIX kg: <{KG._NS}>\n"

_ENTITIES_BY_TYPE = _PREFIX + """
SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
  VALUES ?type { kg:Person kg:Organization kg:Location }
  ?e a ?type .
} GROUP BY ?type
"""

_EVENTS_BY_TYPE = _PREFIX + """
SELECT ?type (COUNT(DISTINCT ?st) AS ?n) WHERE {
  ?st a kg:Statement, ?type .
  FILTER(?type != kg:Statement)
} GROUP BY ?type ORDER BY DESC(?n) ?type
"""


@dataclass
class Stats:
    articles: int
    entities: dict[str, int]
    statements: int
    events: dict[str, int]
    triples: int

    def as_dict(self) -> dict:
        return {
            "articles": self.articles,
            "entities": self.entities,
            "statements": self.statements,
            "events": self.events,
            "triples": self.triples,
        }


def _local(iri) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _count(store: Store, cls) -> int:
    rows = store.select("SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?cls }", {"cls": cls})
    return int(rows[0]["n"].toPython())


def stats(store: Store) -> Stats:
    """Count what the store holds (the ontology graph is not counted as data)."""
    entities = {_local(r["type"]): int(r["n"].toPython()) for r in store.select(_ENTITIES_BY_TYPE)}
    events = {_local(r["type"]): int(r["n"].toPython()) for r in store.select(_EVENTS_BY_TYPE)}
    return Stats(
        articles=_count(store, KG.Article),
        entities={t: entities.get(t, 0) for t in ("Person", "Organization", "Location")},
        statements=_count(store, KG.Statement),
        events=events,
        triples=len(store),
    )
