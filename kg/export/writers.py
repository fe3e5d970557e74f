"""Writers from a networkx graph to files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx


def _flat(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose edge ``spells`` are text (``start/end`` pairs joined by ``;``), for formats without lists."""
    h = g.copy()
    for _, _, d in h.edges(data=True):
        d["spells"] = ";".join(f"{a}/{b}" for a, b in d.get("spells", []))
    return h


def write_graphml(g: nx.MultiDiGraph, out: Path) -> None:
    nx.write_graphml(_flat(g), out)


def write_gexf(g: nx.MultiDiGraph, out: Path) -> None:
    nx.write_gexf(_flat(g), out, version="1.2draft")


def write_json(g: nx.MultiDiGraph, out: Path) -> None:
    data = nx.node_link_data(g, edges="edges")
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def write_csv(g: nx.MultiDiGraph, out: Path) -> None:
    """A folder with Gephi spreadsheet-import files: nodes.csv (Id,Label,...) and edges.csv (Source,Target,Type,...)."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / "nodes.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Id", "Label", "Type", "Mentions", "Articles"])
        for node, d in g.nodes(data=True):
            w.writerow([node, d["label"], d["type"], d["mentions"], d["articles"]])
    with (out / "edges.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Source", "Target", "Type", "Label", "Weight", "EventType", "Confidence"])
        for s, o, d in g.edges(data=True):
            w.writerow([s, o, "Directed", d["label"], d["weight"], d["event_type"], d["confidence"]])


WRITERS = {"gexf": write_gexf, "graphml": write_graphml, "json": write_json, "csv": write_csv}
