"""Colours, sizes and layout of the exported graph."""

from __future__ import annotations

import networkx as nx

from kg.export import style
from kg.export.filters import event_classes


def test_every_event_class_of_the_ontology_has_a_family_colour():
    assert set(event_classes()) <= set(style.EDGE_COLORS), "add new event classes to style.EVENT_FAMILIES"
    assert style.edge_color({"event_type": ""}) == style.OTHER_COLOR


def test_colours():
    assert style.node_color({"type": "Person"}) == "#E15759" and style.rgb("#E15759") == (225, 87, 89)
    assert style.node_color({}) == style.OTHER_COLOR
    assert style.edge_color({"event_type": "Capture"}) == "#F28E2B"


def test_sizes_grow_with_mentions_between_bounds():
    g = nx.MultiDiGraph()
    for n, m in (("a", 1), ("b", 4), ("c", 16), ("d", 0)):
        g.add_node(n, mentions=m)
    sizes = style.node_sizes(g)
    assert sizes["c"] == style.MAX_SIZE and sizes["d"] == style.MIN_SIZE
    assert style.MIN_SIZE < sizes["a"] < sizes["b"] < sizes["c"]
    assert sizes["b"] - style.MIN_SIZE == 2 * (sizes["a"] - style.MIN_SIZE)  # square root: area follows mentions


def test_layout_is_seeded_and_places_every_node_within_the_scale():
    g = nx.MultiDiGraph()
    g.add_edges_from([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    g.add_nodes_from(["lonely", "alone"])
    first, second = style.layout(g), style.layout(g)
    assert first == second and set(first) == set(g)
    spread = max(abs(v) for xy in first.values() for v in xy)
    assert spread <= 60.0 * len(g) ** 0.5 + 0.01  # within the scale
    assert style.layout(nx.MultiDiGraph()) == {}


def test_big_graphs_get_no_layout_unless_asked(monkeypatch):
    g = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    monkeypatch.setattr(style, "LAYOUT_MAX_NODES", 2)
    assert style.layout(g) == {}
    assert set(style.layout(g, limit=0)) == {"a", "b", "c"}
    assert set(style.layout(g, limit=3)) == {"a", "b", "c"}


def test_the_docs_colour_table_matches_the_palette():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "docs" / "exports.md").read_text(encoding="utf-8")
    for family, (color, events) in style.EVENT_FAMILIES.items():
        row = f"| {family} | {', '.join(events)} | "
        assert row in readme and color in readme.split(row, 1)[1].split("\n", 1)[0], family
    for type_, color in style.NODE_COLORS.items():
        assert f"| {type_} | " in readme and color in readme
