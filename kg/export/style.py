"""How the exported graph looks: colours, sizes and a starting layout, shared by GEXF, GraphML and PNG.

Colours come from the Tableau 10 palette (distinct for colour-blind readers and in print):

- nodes by entity type: Person red, Organization blue, Location green, anything else grey;
- edges by event family: custody (Capture, Arrest, Extradition, Transfer, Release) orange, violence (Killing,
  Attack, Raid, Fight) dark red, legal (Charge, Accusation, Sanction, Designation, Reward) purple, ties (Support,
  Membership, Leadership, Affiliation, Association, Nationality, Kinship) teal, words (Threat, Praise,
  Surveillance) brown; no event class, or one added to the ontology after this list, grey.

Node size grows with the square root of the mention count (area proportional to mentions), from
``MIN_SIZE`` to ``MAX_SIZE``; edge thickness is the number of supporting statements.
"""

from __future__ import annotations

import math

import networkx as nx

NODE_COLORS = {"Person": "#E15759", "Organization": "#4E79A7", "Location": "#59A14F"}
OTHER_COLOR = "#BAB0AC"

EVENT_FAMILIES = {
    "custody": ("#F28E2B", ("Capture", "Arrest", "Extradition", "Transfer", "Release")),
    "violence": ("#9C1F1F", ("Killing", "Attack", "Raid", "Fight")),
    "legal": ("#B07AA1", ("Charge", "Accusation", "Sanction", "Designation", "Reward")),
    "ties": (
        "#76B7B2", ("Support", "Membership", "Leadership", "Affiliation", "Association", "Nationality", "Kinship")
    ),
    "words": ("#9C755F", ("Threat", "Praise", "Surveillance")),
}
EDGE_COLORS = {event: color for color, events in EVENT_FAMILIES.values() for event in events}

MIN_SIZE, MAX_SIZE = 6.0, 30.0
LAYOUT_SEED = 7
GRAVITY = 1.0
LAYOUT_MAX_NODES = 1000
PULL = 0.2  # edge attraction below 1 keeps related nodes apart enough to read the relation between them


def node_color(node: dict) -> str:
    return NODE_COLORS.get(node.get("type", ""), OTHER_COLOR)


def edge_color(edge: dict) -> str:
    return EDGE_COLORS.get(edge.get("event_type", ""), OTHER_COLOR)


def rgb(hex_color: str) -> tuple[int, int, int]:
    """``"#E15759"`` as ``(225, 87, 89)``."""
    h = hex_color.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def node_sizes(g: nx.MultiDiGraph) -> dict[str, float]:
    """Size per node: area proportional to mentions, the most mentioned entity at ``MAX_SIZE``."""
    top = max((d.get("mentions", 1) for _, d in g.nodes(data=True)), default=1) or 1
    return {
        n: round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(max(d.get("mentions", 1), 0) / top), 2)
        for n, d in g.nodes(data=True)
    }


def layout(g: nx.MultiDiGraph, limit: int | None = None) -> dict[str, tuple[float, float]]:
    """A seeded force layout (same graph, same picture), scaled so that node density stays even as graphs grow.

    Graphs with more than ``limit`` nodes (default ``LAYOUT_MAX_NODES``; ``0`` for no limit) get no positions:
    the layout costs about 2 s of CPU per 600 nodes (``bench/bench_export.py``), and Gephi's ForceAtlas 2 does
    better on big graphs anyway.

    networkx's energy-based spring layout with gravity per connected component keeps small components and
    isolated entities near the main one instead of flinging them to the edges. Direction, parallel relations
    and weights do not change placement, so heavily supported pairs do not collapse onto each other.
    """
    limit = LAYOUT_MAX_NODES if limit is None else limit
    if not len(g) or (limit and len(g) > limit):
        return {}
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g))
    simple.add_edges_from(sorted((s, o) for s, o in g.edges() if s != o), pull=PULL)
    scale = 60.0 * math.sqrt(len(g))
    pos = nx.spring_layout(simple, weight="pull", seed=LAYOUT_SEED, scale=scale, method="energy", gravity=GRAVITY)
    return {n: (round(float(x), 2), round(float(y), 2)) for n, (x, y) in pos.items()}
