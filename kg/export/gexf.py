"""GEXF 1.3 for Gephi and Gephi Lite, written by hand rather than by ``networkx.write_gexf``.

The output is valid under the official RELAX NG schema (``jing -c gexf.rnc``) and reads in ``graphology-gexf``
(Gephi Lite's parser) with ``allowUndeclaredAttributes: false``. Every attribute is declared once per class,
with ids that are also the names graphology gives them (``type``, ``mentions``, ``event_type`` …); no attribute
is called ``label``, ``weight``, ``color``, ``size``, ``x`` or ``y``, which both tools reserve. Empty values
are left out, so Gephi shows them as null.

Static mode: nodes carry ``viz:color`` (by type), ``viz:size`` (by mentions) and, unless disabled,
``viz:position`` from a seeded spring layout (graphs up to ``style.LAYOUT_MAX_NODES`` nodes); edges are
directed, labelled with the relation, weighted by the number of independent sources (outlets) and coloured by event
family (see :mod:`kg.export.style`). The relation is also the edge ``kind``, which is how Gephi 0.10 keeps
parallel edges of different relations apart.

Dynamic mode (``dynamic=True``) adds time, in ``timeformat="date"`` with ``timerepresentation="interval"``:
a node starts on its first dated statement and stays; an edge holds one spell per (merged) date interval of its
statements, so a capture on 2019-10-27 shows on that day only. Undated nodes and edges have no time and are
visible throughout. Attribute values stay static (graphology cannot read dynamic attribute blocks).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx

from .. import __version__
from . import style

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"

# (id, GEXF type, graph attribute) in the order Gephi's Data Laboratory shows them
NODE_ATTRIBUTES = (
    ("type", "string", "type"),
    ("subtype", "string", "subtype"),
    ("country", "string", "country"),
    ("mentions", "integer", "mentions"),
    ("articles", "integer", "articles"),
    ("first_seen", "string", "first_seen"),
    ("last_seen", "string", "last_seen"),
)
EDGE_ATTRIBUTES = (
    ("relation", "string", "label"),
    ("event_type", "string", "event_type"),
    ("statements", "integer", "weight"),
    ("confidence", "double", "confidence"),
    ("articles", "integer", "articles"),
    ("independent_sources", "integer", "independent_sources"),
    ("first_date", "string", "first_date"),
    ("last_date", "string", "last_date"),
    ("places", "string", "places"),
    ("sources", "string", "sources"),
)
TITLES = {
    "type": "Type", "subtype": "Subtype", "country": "Country", "mentions": "Mentions", "articles": "Articles",
    "first_seen": "First seen", "last_seen": "Last seen", "relation": "Relation", "event_type": "Event type",
    "statements": "Statements", "confidence": "Confidence", "first_date": "First date", "last_date": "Last date",
    "places": "Places", "sources": "Sources", "independent_sources": "Independent sources",
}


def _token(text: str) -> str:
    """Text as an ``xsd:token``: no line breaks, no runs of spaces, no space at either end."""
    return " ".join(str(text).split())


def _value(value) -> str:
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _declare(graph: ET.Element, cls: str, spec) -> None:
    attrs = ET.SubElement(graph, "attributes", {"class": cls, "mode": "static"})
    for att_id, att_type, _ in spec:
        ET.SubElement(attrs, "attribute", {"id": att_id, "title": TITLES[att_id], "type": att_type})


def _attvalues(parent: ET.Element, data: dict, spec) -> None:
    values = [(att_id, data.get(key)) for att_id, _, key in spec if data.get(key) not in (None, "")]
    if values:
        box = ET.SubElement(parent, "attvalues")
        for att_id, value in values:
            ET.SubElement(box, "attvalue", {"for": att_id, "value": _value(value)})


def _color(parent: ET.Element, hex_color: str) -> None:
    r, g, b = style.rgb(hex_color)
    ET.SubElement(parent, "viz:color", {"r": str(r), "g": str(g), "b": str(b)})


def gexf_tree(g: nx.MultiDiGraph, *, dynamic: bool = False, positions: bool = True) -> ET.ElementTree:
    """The GEXF document for an export graph (see :mod:`kg.export.graph`)."""
    root = ET.Element("gexf", {"xmlns": GEXF_NS, "xmlns:viz": VIZ_NS, "version": "1.3"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = f"kg {__version__}"
    ET.SubElement(meta, "description").text = (
        "Entities (nodes coloured by type: Person red, Organization blue, Location green) and the relations "
        "reported between them (edges weighted by independent sources, coloured by event family)."
    )
    graph_attrs = {"defaultedgetype": "directed", "idtype": "string"}
    if dynamic:
        graph_attrs |= {"mode": "dynamic", "timeformat": "date", "timerepresentation": "interval"}
    graph = ET.SubElement(root, "graph", graph_attrs)
    _declare(graph, "node", NODE_ATTRIBUTES)
    _declare(graph, "edge", EDGE_ATTRIBUTES)

    sizes = style.node_sizes(g)
    pos = style.layout(g) if positions else {}
    nodes = ET.SubElement(graph, "nodes", {"count": str(g.number_of_nodes())})
    for n, d in sorted(g.nodes(data=True)):
        attrs = {"id": n, "label": _token(d.get("label", n)) or n}
        if dynamic and d.get("first_seen"):
            attrs["start"] = d["first_seen"]
        node = ET.SubElement(nodes, "node", attrs)
        _attvalues(node, d, NODE_ATTRIBUTES)
        _color(node, style.node_color(d))
        ET.SubElement(node, "viz:size", {"value": _value(sizes[n])})
        if n in pos:
            ET.SubElement(node, "viz:position", {"x": _value(pos[n][0]), "y": _value(pos[n][1])})

    edges = ET.SubElement(graph, "edges", {"count": str(g.number_of_edges())})
    for i, (s, o, d) in enumerate(sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("label", "")))):
        weight = d.get("independent_sources", d.get("weight", 1))  # how many outlets report it
        attrs = {"id": f"e{i}", "source": s, "target": o, "type": "directed", "weight": _value(weight)}
        if d.get("label"):  # kind: Gephi keeps parallel edges apart only when their kinds differ
            attrs["label"] = attrs["kind"] = _token(d["label"])
        edge = ET.SubElement(edges, "edge", attrs)
        _attvalues(edge, d, EDGE_ATTRIBUTES)
        if dynamic and d.get("spells"):
            spells = ET.SubElement(edge, "spells")
            for start, end in d["spells"]:
                ET.SubElement(spells, "spell", {"start": start, "end": end})
        _color(edge, style.edge_color(d))
        ET.SubElement(edge, "viz:thickness", {"value": _value(float(weight))})
    ET.indent(root, space=" ")
    return ET.ElementTree(root)


def write_gexf(g: nx.MultiDiGraph, out: Path, *, dynamic: bool = False, positions: bool = True) -> None:
    """Write ``g`` as GEXF 1.3 to ``out`` (UTF-8, with an XML declaration)."""
    gexf_tree(g, dynamic=dynamic, positions=positions).write(out, encoding="utf-8", xml_declaration=True)
