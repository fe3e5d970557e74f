"""A picture of the export graph (``kg export --format png``), drawn with networkx and matplotlib.

Same colours, sizes and seeded layout as the GEXF file (see :mod:`kg.export.style`), plus a legend. Every node
gets its label while the graph is small (``LABEL_ALL``); beyond that only the ``LABEL_TOP`` most mentioned
ones do. Parallel relations between two entities are drawn as separate arcs, each with its relation label
while the graph has at most ``EDGE_LABELS`` edges.
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import networkx as nx
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from . import style

LABEL_ALL, LABEL_TOP, EDGE_LABELS = 60, 40, 80
LEGEND_AT = 0.8  # share of the width for the graph
ARCS = ("arc3,rad=0.08", "arc3,rad=0.3", "arc3,rad=-0.2", "arc3,rad=0.5")


def _legend(ax, g: nx.MultiDiGraph) -> None:
    types = sorted({d.get("type", "") for _, d in g.nodes(data=True)})
    handles = [
        Line2D([], [], marker="o", ls="", markersize=9, color=style.NODE_COLORS.get(t, style.OTHER_COLOR), label=t)
        for t in types
    ]
    events = {d.get("event_type", "") for _, _, d in g.edges(data=True)}
    for family, (color, members) in style.EVENT_FAMILIES.items():
        present = [e for e in members if e in events]
        if present:
            text = textwrap.fill(f"{family}: {', '.join(present)}", width=30, subsequent_indent="  ")
            handles.append(Line2D([], [], color=color, lw=2.5, label=text))
    if "" in events:
        handles.append(Line2D([], [], color=style.OTHER_COLOR, lw=2.5, label="other relation"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 0.98), fontsize=8, frameon=False)


def canvas_inches(nodes: int) -> tuple[float, float]:
    """Figure size: 12 x 9 inches up to 30 nodes, then growing with the square root of the count, up to 24 x 18."""
    width = min(max(12.0, 12.0 * math.sqrt(nodes / 30)), 24.0)
    return round(width, 1), round(width * 0.75, 1)


def draw_png(g: nx.MultiDiGraph, out: Path, *, dpi: int = 110) -> None:
    """Draw ``g`` to a PNG file at ``out``."""
    fig = Figure(figsize=canvas_inches(len(g)), dpi=dpi)
    ax = fig.add_axes((0.03, 0.02, LEGEND_AT - 0.05, 0.93))  # the legend sits to the right
    ax.set_axis_off()
    if not len(g):
        ax.text(0.5, 0.5, "empty graph: nothing matches", ha="center", va="center", fontsize=14)
        fig.savefig(out, format="png")
        return
    pos = style.layout(g, limit=0)  # a picture needs positions, however long they take
    nodes = sorted(g)
    sizes = style.node_sizes(g)
    nx.draw_networkx_nodes(
        g, pos, nodelist=nodes, ax=ax, node_size=[sizes[n] ** 2 for n in nodes],
        node_color=[style.node_color(g.nodes[n]) for n in nodes], edgecolors="white", linewidths=0.8,
    )
    # one draw per parallel-edge rank, so that relations between the same two entities curve apart
    rank: dict[tuple, int] = {}
    by_rank: dict[int, list] = {}
    for s, o, k in sorted(g.edges(keys=True)):
        i = rank[(s, o)] = rank.get((s, o), -1) + 1
        by_rank.setdefault(min(i, len(ARCS) - 1), []).append((s, o, k))
    for i, edges in sorted(by_rank.items()):
        data = [g.edges[e] for e in edges]
        nx.draw_networkx_edges(
            g, pos, edgelist=[(s, o) for s, o, _ in edges], ax=ax, connectionstyle=ARCS[i], arrows=True,
            arrowsize=14, width=[0.8 + 1.2 * d.get("weight", 1) ** 0.5 for d in data],
            edge_color=[style.edge_color(d) for d in data], node_size=[sizes[n] ** 2 for n in nodes],
            nodelist=nodes, min_target_margin=4,
        )
        if g.number_of_edges() <= EDGE_LABELS:
            nx.draw_networkx_edge_labels(
                nx.DiGraph([(s, o) for s, o, _ in edges]), pos, ax=ax, connectionstyle=ARCS[i],
                edge_labels={(s, o): g.edges[s, o, k]["label"] for s, o, k in edges}, font_size=7,
                font_color="#333333", bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            )
    top = sorted(g, key=lambda n: (-g.nodes[n].get("mentions", 0), n))
    for n in top if len(g) <= LABEL_ALL else top[:LABEL_TOP]:  # just above the disc (diameter = size points)
        ax.annotate(
            g.nodes[n].get("label", n), pos[n], xytext=(0, sizes[n] / 2 + 1), textcoords="offset points",
            ha="center", va="bottom", fontsize=8, color="#222222",
        )
    _legend(ax, g)
    fig.text(0.01, 0.99, f"{g.number_of_nodes()} entities, {g.number_of_edges()} relations", va="top", fontsize=10,
             color="#444444")
    ax.margins(0.08)
    fig.savefig(out, format="png")
