"""A small hand-made graph for the export tests: two articles, five entities, known statements.

Built from :mod:`kg.model` values through :func:`kg.rdf.to_graph`, so it needs no spaCy model and its counts
do not move when extraction improves.
"""

from __future__ import annotations

from kg.model import Article, Entity, Extraction, Statement
from kg.rdf import to_graph
from kg.store import Store, open_store


def _entities(*specs) -> dict[str, Entity]:
    out = {}
    for key, label, type_, subtype, mentions, country in specs:
        out[key] = Entity(key, label, type_, subtype, {label}, mentions, country)
    return out


def _st(s, p, o, conf, event=None, time=None, place=None, negated=False, start=0, assisting=None, says=None):
    return Statement(s, p, o, f"{s} {p} {o}.", start, start + 10, conf, event, time, place, says, negated=negated,
                     assisting=assisting)


TURKEY = ("location/turkey", "Turkey", "Location", "Country", 3, None)
IRAQ = ("location/iraq", "Iraq", "Location", "Country", 2, None)
SYRIA = ("location/syria", "Syria", "Location", "Country", 2, None)
BAGHDADI = ("person/abu-bakr-al-baghdadi", "Abu Bakr al-Baghdadi", "Person", None, 4, None)
DAESH = ("organization/daesh", "Daesh", "Organization", "ArmedGroup", 5, None)
MIT = ("organization/mit", "MIT", "Organization", "IntelligenceAgency", 1, "location/turkey")

ARTICLE_1 = Extraction(
    Article("a1", "text one", "a1.txt", "One"),
    _entities(TURKEY, IRAQ, SYRIA, BAGHDADI, DAESH, MIT),
    [
        _st("location/turkey", "capture", "person/abu-bakr-al-baghdadi", 0.9, "Capture", "2019-10-27", "location/syria",
            assisting="organization/mit", says="two security sources"),
        # the same sentence read as the assisting party's own statement: counted once with the line above
        _st("organization/mit", "help capture", "person/abu-bakr-al-baghdadi", 0.8, "Capture", "2019-10-27"),
        _st("person/abu-bakr-al-baghdadi", "lead", "organization/daesh", 0.8, "Leadership", start=20),
        _st("location/iraq", "kill", "organization/daesh", 0.7, "Killing", "2019-11", negated=True, start=40),
    ],
)
ARTICLE_2 = Extraction(
    Article("a2", "text two", "a2.txt", "Two", published="2020-03-05"),
    _entities(TURKEY, IRAQ, BAGHDADI, DAESH),
    [
        _st("location/turkey", "capture", "person/abu-bakr-al-baghdadi", 0.6, "Capture", "2019-10-28", says="MIT"),
        _st("location/turkey", "extradite", "person/abu-bakr-al-baghdadi", 0.5, "Extradition", "2020-03-01", start=20),
        _st("location/iraq", "capture", "person/abu-bakr-al-baghdadi", 0.4, "Capture", "2020", start=40),
        _st("person/abu-bakr-al-baghdadi", "lead", "organization/daesh", 0.7, "Leadership", "recently", start=60),
    ],
)

NODES = 6  # every entity; Syria (a place) has no edge
# turkey-capture (weight 2), mit-help capture (the assisting party), turkey-extradite, iraq-capture,
# baghdadi-lead (weight 2, dated by article 2's publication); the negated kill is dropped
EDGES = 5


def sample_store() -> Store:
    """A fresh in-memory store holding the two sample articles."""
    store = open_store(":memory:")
    for ex in (ARTICLE_1, ARTICLE_2):
        store.replace_graph(*to_graph(ex))
    return store
