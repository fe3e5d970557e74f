"""GEXF 1.3: valid under the official schema (jing), readable by Gephi Lite's parser (graphology-gexf)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from kg.export import export
from kg.export.gexf import EDGE_ATTRIBUTES, NODE_ATTRIBUTES
from kg.export.graph import build_graph
from kg.vocab import ID

from .export_data import EDGES, NODES
from .export_tools import graphology, jing

NS = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
NODE_KEYS = {"label", "color", "size", "x", "y"} | {a for a, _, _ in NODE_ATTRIBUTES}
EDGE_KEYS = {"label", "kind", "weight", "color", "thickness"} | {a for a, _, _ in EDGE_ATTRIBUTES}
TURKEY, BAGHDADI = str(ID["location/turkey"]), str(ID["person/abu-bakr-al-baghdadi"])


@pytest.fixture(scope="module")
def files(tmp_path_factory, sample, seed_store):
    """Static and dynamic GEXF of the sample graph and of the seed article."""
    folder = tmp_path_factory.mktemp("gexf")
    out = {}
    for name, store in (("sample", sample), ("seed", seed_store)):
        for mode in ("static", "dynamic"):
            out[name, mode] = export(store, "gexf", folder / f"{name}-{mode}.gexf", dynamic=mode == "dynamic")
    return out


@pytest.mark.parametrize("name", ["sample", "seed"])
@pytest.mark.parametrize("mode", ["static", "dynamic"])
def test_valid_under_the_gexf_1_3_schema(files, name, mode):
    result = jing(files[name, mode])
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_validator_rejects_networkx_output(tmp_path, sample):
    """Control: jing does reject a file with the known defects of networkx.write_gexf."""
    path = tmp_path / "networkx.gexf"
    g = build_graph(sample)
    for _, _, d in g.edges(data=True):
        d.pop("spells")
    nx.write_gexf(g, path, version="1.3")
    assert jing(path).returncode != 0


@pytest.mark.parametrize("name", ["sample", "seed"])
@pytest.mark.parametrize("mode", ["static", "dynamic"])
def test_graphology_reads_every_node_and_edge(files, name, mode, sample, seed_store):
    expected = build_graph(sample if name == "sample" else seed_store)
    parsed = graphology(files[name, mode])
    assert (parsed["order"], parsed["size"]) == (expected.number_of_nodes(), expected.number_of_edges())
    assert parsed["type"] == "directed"
    nodes, edges = parsed["graph"]["nodes"], parsed["graph"]["edges"]
    assert {n["key"] for n in nodes} == set(expected)
    for n in nodes:
        assert {"label", "type", "mentions", "articles", "color", "size", "x", "y"} <= set(n["attributes"]) <= NODE_KEYS
    for e in edges:
        assert {"label", "weight", "relation", "statements", "confidence", "color"} <= set(e["attributes"]) <= EDGE_KEYS
    assert {(e["source"], e["target"], e["attributes"]["relation"]) for e in edges} == set(expected.edges(keys=True))


def test_sample_values_as_gephi_lite_sees_them(files):
    parsed = graphology(files["sample", "static"])
    assert (parsed["order"], parsed["size"]) == (NODES, EDGES)
    assert parsed["multi"] is True  # capture and extradite between Turkey and al-Baghdadi stay apart
    nodes = {n["key"]: n["attributes"] for n in parsed["graph"]["nodes"]}
    turkey = nodes[TURKEY]
    assert (turkey["label"], turkey["type"], turkey["subtype"], turkey["mentions"], turkey["articles"]) == (
        "Turkey", "Location", "Country", 6, 2)
    assert (turkey["first_seen"], turkey["last_seen"]) == ("2019-10-27", "2020-03-01")
    assert turkey["color"] == "rgb(89,161,79)" and nodes[BAGHDADI]["color"] == "rgb(225,87,89)"
    assert nodes[BAGHDADI]["size"] > turkey["size"]  # more mentions, bigger disc
    assert "subtype" not in nodes[BAGHDADI]  # empty values are left out (null in Gephi)
    capture = next(e["attributes"] for e in parsed["graph"]["edges"]
                   if (e["source"], e["target"], e["attributes"]["relation"]) == (TURKEY, BAGHDADI, "capture"))
    assert capture == {
        "label": "capture", "kind": "capture", "weight": 2, "relation": "capture", "event_type": "Capture",
        "statements": 2, "confidence": 0.9, "articles": 2, "independent_sources": 2, "first_date": "2019-10-27",
        "last_date": "2019-10-28", "places": "Syria", "sources": "MIT; two security sources",
        "color": "rgb(242,142,43)", "thickness": 2,
    }


def test_an_edge_weighs_its_independent_sources_not_its_statements():
    from dataclasses import replace

    from kg.export.gexf import gexf_tree
    from kg.export.graph import build_graph
    from kg.rdf import to_graph
    from kg.store import open_store

    from .export_data import ARTICLE_1, ARTICLE_2

    with open_store(":memory:") as store:
        for ex in (ARTICLE_1, ARTICLE_2):  # two articles of one outlet: one independent source
            store.replace_graph(*to_graph(replace(ex, article=replace(ex.article, publisher="Wire"))))
        root = ET.fromstring(ET.tostring(gexf_tree(build_graph(store)).getroot()))  # as a file reads
    capture = next(e for e in root.iterfind(".//g:edge", NS)
                   if (e.get("source"), e.get("target"), e.get("label")) == (TURKEY, BAGHDADI, "capture"))
    values = {v.get("for"): v.get("value") for v in capture.iterfind(".//g:attvalue", NS)}
    assert (capture.get("weight"), values["statements"], values["independent_sources"]) == ("1", "2", "1")


def test_dynamic_mode_puts_nodes_and_edges_on_a_timeline(files):
    graph = ET.parse(files["sample", "dynamic"]).getroot().find("g:graph", NS)
    assert (graph.get("mode"), graph.get("timeformat"), graph.get("timerepresentation")) == (
        "dynamic", "date", "interval")
    starts = {n.get("label"): n.get("start") for n in graph.iterfind("g:nodes/g:node", NS)}
    assert starts == {"Turkey": "2019-10-27", "Abu Bakr al-Baghdadi": "2019-10-27", "Syria": "2019-10-27",
                      "Iraq": "2020-01-01", "Daesh": "2020-03-05", "MIT": "2019-10-27"}
    spells = {
        (e.get("source").rsplit("/", 1)[-1], e.get("label")): [(s.get("start"), s.get("end"))
                                                              for s in e.iterfind("g:spells/g:spell", NS)]
        for e in graph.iterfind("g:edges/g:edge", NS)
    }
    assert spells[("turkey", "capture")] == [("2019-10-27", "2019-10-28")]  # two dated statements, merged
    assert spells[("iraq", "capture")] == [("2020-01-01", "2020-12-31")]  # a year
    assert spells[("abu-bakr-al-baghdadi", "lead")] == [("2020-03-05", "2020-03-05")]  # one by article 2's date
    static = ET.parse(files["sample", "static"]).getroot().find("g:graph", NS)
    assert static.get("mode") is None and static.find("g:edges/g:edge/g:spells", NS) is None


def test_layout_is_deterministic_and_optional(tmp_path, sample):
    a, b = export(sample, "gexf", tmp_path / "a.gexf"), export(sample, "gexf", tmp_path / "b.gexf")
    assert a.read_bytes() == b.read_bytes()
    bare = export(sample, "gexf", tmp_path / "bare.gexf", layout=False).read_text(encoding="utf-8")
    assert "viz:position" not in bare and "viz:position" in a.read_text(encoding="utf-8")
