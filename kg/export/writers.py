"""Writers from an export graph (see :mod:`kg.export.graph`) to files, one per format.

Each writer is ``write(g, out, *, dynamic, layout)``; ``dynamic`` (time on nodes and edges) only means
something for GEXF, ``layout`` (pre-computed positions) for GEXF, GraphML and PNG.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx

from . import style
from .gexf import write_gexf as _write_gexf

NODE_COLUMNS = (
    ("Id", None), ("Label", "label"), ("Type", "type"), ("Subtype", "subtype"), ("Country", "country"),
    ("Mentions", "mentions"), ("Articles", "articles"), ("FirstSeen", "first_seen"), ("LastSeen", "last_seen"),
)
EDGE_COLUMNS = (
    ("Source", None), ("Target", None), ("Type", None), ("Label", "label"), ("Weight", "weight"), ("Kind", "label"),
    ("EventType", "event_type"), ("Confidence", "confidence"), ("Articles", "articles"),
    ("IndependentSources", "independent_sources"), ("FirstDate", "first_date"), ("LastDate", "last_date"), ("Places", "places"), ("Sources", "sources"),
)


def _flat(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose edge ``spells`` are text (``start/end`` pairs joined by ``;``), for formats without lists."""
    h = g.copy()
    for _, _, d in h.edges(data=True):
        d["spells"] = ";".join(f"{a}/{b}" for a, b in d.get("spells", []))
    return h


def write_gexf(g: nx.MultiDiGraph, out: Path, *, dynamic: bool = False, layout: bool = True) -> None:
    _write_gexf(g, out, dynamic=dynamic, positions=layout)


def write_graphml(g: nx.MultiDiGraph, out: Path, *, dynamic: bool = False, layout: bool = True) -> None:
    """GraphML with Gephi's visual keys (``r``, ``g``, ``b``, ``size``, ``x``, ``y``) next to the data."""
    h = _flat(g)
    sizes = style.node_sizes(h)
    pos = style.layout(h) if layout else {}
    for n, d in h.nodes(data=True):
        d["r"], d["g"], d["b"] = style.rgb(style.node_color(d))
        d["size"] = sizes[n]
        if n in pos:
            d["x"], d["y"] = pos[n]
    nx.write_graphml(h, out)


def write_json(g: nx.MultiDiGraph, out: Path, *, dynamic: bool = False, layout: bool = True) -> None:
    """networkx node-link JSON (``nodes``, ``edges``); read it back with ``nx.node_link_graph(data, edges="edges")``."""
    data = nx.node_link_data(g, edges="edges")
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def write_csv(g: nx.MultiDiGraph, out: Path, *, dynamic: bool = False, layout: bool = True) -> None:
    """A folder with Gephi spreadsheet-import files: nodes.csv (Id,Label,...) and edges.csv (Source,Target,Type,...)."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / "nodes.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([col for col, _ in NODE_COLUMNS])
        for node, d in sorted(g.nodes(data=True)):
            w.writerow([node] + [d.get(key, "") for _, key in NODE_COLUMNS[1:]])
    with (out / "edges.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([col for col, _ in EDGE_COLUMNS])
        for s, o, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("label", ""))):
            w.writerow([s, o, "Directed"] + [d.get(key, "") for _, key in EDGE_COLUMNS[3:]])


def write_png(g: nx.MultiDiGraph, out: Path, *, dynamic: bool = False, layout: bool = True) -> None:
    from .png import draw_png  # matplotlib is imported only when a picture is asked for

    draw_png(g, out)


WRITERS = {
    "gexf": write_gexf,
    "graphml": write_graphml,
    "json": write_json,
    "csv": write_csv,
    "png": write_png,
}
DYNAMIC_FORMATS = ("gexf",)
