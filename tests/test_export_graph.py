"""The export graph: merged entities, aggregated relations, filters applied."""

from __future__ import annotations

import pytest

from kg.errors import FilterError
from kg.export.filters import Filters
from kg.export.graph import build_graph
from kg.vocab import ID

from .export_data import EDGES, NODES

TURKEY, IRAQ, SYRIA = str(ID["location/turkey"]), str(ID["location/iraq"]), str(ID["location/syria"])
BAGHDADI, DAESH = str(ID["person/abu-bakr-al-baghdadi"]), str(ID["organization/daesh"])
MIT = str(ID["organization/mit"])


def test_nodes_merge_articles(sample):
    g = build_graph(sample)
    assert g.number_of_nodes() == NODES
    assert g.nodes[TURKEY] == {
        "label": "Turkey", "type": "Location", "subtype": "Country", "country": "", "mentions": 6, "articles": 2,
        "first_seen": "2019-10-27", "last_seen": "2020-03-01",
    }
    assert g.nodes[MIT]["country"] == "Turkey" and g.nodes[MIT]["subtype"] == "IntelligenceAgency"
    assert g.nodes[SYRIA]["first_seen"] == "2019-10-27"  # the place of a dated capture
    assert g.nodes[DAESH]["first_seen"] == "2020-03-05"  # undated statements take their article's date
    assert g.nodes[MIT]["first_seen"] == "2019-10-27"  # assisting party


def test_edges_aggregate_statements_and_keep_relations_apart(sample):
    g = build_graph(sample)
    assert g.number_of_edges() == EDGES
    assert sorted(g[TURKEY][BAGHDADI]) == ["capture", "extradite"]
    capture = g[TURKEY][BAGHDADI]["capture"]
    assert capture == {
        "label": "capture", "event_type": "Capture", "weight": 2, "confidence": 0.9, "articles": 2,
        "first_date": "2019-10-27", "last_date": "2019-10-28", "spells": [("2019-10-27", "2019-10-28")],
        "places": "Syria", "sources": "MIT; two security sources", "independent_sources": 2,
    }
    assert g[IRAQ][BAGHDADI]["capture"]["spells"] == [("2020-01-01", "2020-12-31")]
    lead = g[BAGHDADI][DAESH]["lead"]
    assert (lead["event_type"], lead["weight"], lead["first_date"], lead["spells"]) == (
        "Leadership", 2, "2020-03-05", [("2020-03-05", "2020-03-05")])  # one undated, one by publication date
    helped = g[MIT][BAGHDADI]["help capture"]
    assert (helped["weight"], helped["spells"]) == (1, [("2019-10-27", "2019-10-27")])  # one sentence, one count
    assert not g.has_edge(IRAQ, DAESH)  # negated


def test_statement_filters_drop_isolated_entities(sample):
    g = build_graph(sample, Filters.parse(event_types="Capture", min_confidence=0.5))
    assert set(g) == {TURKEY, BAGHDADI, MIT}  # Syria, the place, has no edge left
    assert sorted(g.edges(keys=True)) == sorted([(MIT, BAGHDADI, "help capture"), (TURKEY, BAGHDADI, "capture")])
    g = build_graph(sample, Filters.parse(since="2020"))
    assert sorted(g.edges(keys=True)) == sorted([
        (IRAQ, BAGHDADI, "capture"), (BAGHDADI, DAESH, "lead"), (TURKEY, BAGHDADI, "extradite")])


def test_entity_type_and_ego_filters(sample):
    g = build_graph(sample, Filters.parse(entity_types="Location,Organization"))
    assert set(g) == {TURKEY, IRAQ, SYRIA, DAESH, MIT} and g.number_of_edges() == 0
    g = build_graph(sample, Filters.parse(ego="organization/daesh", depth=1))
    assert set(g) == {DAESH, BAGHDADI}
    g = build_graph(sample, Filters.parse(ego="organization/daesh", depth=2))
    assert set(g) == {DAESH, BAGHDADI, TURKEY, IRAQ, MIT} and g.number_of_edges() == EDGES
    assert g.nodes[DAESH]["label"] == "Daesh"


def test_ego_outside_the_selection_is_a_clear_error(sample):
    with pytest.raises(FilterError, match="organization/daesh is not in the graph, or the other filters leave it out"):
        build_graph(sample, Filters.parse(ego="organization/daesh", entity_types="Person"))


def test_articles_of_one_publisher_are_one_independent_source():
    from dataclasses import replace

    from kg.rdf import to_graph
    from kg.store import open_store

    from .export_data import ARTICLE_1, ARTICLE_2

    with open_store(":memory:") as store:
        for ex in (ARTICLE_1, ARTICLE_2):  # both from the same outlet now
            store.replace_graph(*to_graph(replace(ex, article=replace(ex.article, publisher="Wire"))))
        capture = build_graph(store)[TURKEY][BAGHDADI]["capture"]
    assert (capture["weight"], capture["articles"], capture["independent_sources"]) == (2, 2, 1)
