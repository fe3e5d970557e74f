"""GraphML, CSV, node-link JSON and PNG: what the files hold survives a read back through networkx."""

from __future__ import annotations

import csv
import json

import networkx as nx
from rdflib import URIRef
import pytest

from kg.errors import KGError
from kg.export import Filters, export
from kg.export.graph import build_graph
from kg.export.writers import EDGE_COLUMNS, NODE_COLUMNS

from .export_data import EDGES, NODES

INTS = {"mentions", "articles", "weight", "independent_sources"}


def _without_spells(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    for _, _, d in g.edges(data=True):
        d.pop("spells")
    return g


@pytest.fixture(scope="module")
def expected(sample):
    return _without_spells(build_graph(sample))  # the dates of every statement: GEXF and JSON only


def _typed(key: str, text: str):
    if key in INTS:
        return int(text)
    return float(text) if key == "confidence" else text


def read_csv_folder(folder) -> nx.MultiDiGraph:
    """A networkx graph from Gephi's spreadsheet files, using the writer's column map."""
    g = nx.MultiDiGraph()
    with (folder / "nodes.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            g.add_node(row["Id"], **{key: _typed(key, row[col]) for col, key in NODE_COLUMNS[1:]})
    with (folder / "edges.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            assert row["Type"] == "Directed" and row["Kind"] == row["Label"]
            data = {key: _typed(key, row[col]) for col, key in EDGE_COLUMNS[3:] if col != "Kind"}
            g.add_edge(row["Source"], row["Target"], key=row["Label"], **data)
    return g


def test_csv_round_trips_through_networkx(tmp_path, sample, expected):
    folder = export(sample, "csv", tmp_path / "csv")
    header = (folder / "edges.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("Source,Target,Type,Label,Weight,Kind,")
    assert (folder / "nodes.csv").read_text(encoding="utf-8").startswith("Id,Label,Type,")
    back = read_csv_folder(folder)
    assert (back.number_of_nodes(), back.number_of_edges()) == (NODES, EDGES)
    assert dict(back.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(expected.edges(keys=True, data=True))


def test_seed_graph_csv_round_trips_through_networkx(tmp_path, seed_store):
    expected = _without_spells(build_graph(seed_store))
    back = read_csv_folder(export(seed_store, "csv", tmp_path / "csv"))
    assert back.number_of_edges() == expected.number_of_edges() > 0
    assert dict(back.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(expected.edges(keys=True, data=True))


def test_csv_quotes_commas_and_quotes_in_labels(tmp_path, store):
    from kg.model import Article, Entity, Extraction
    from kg.rdf import to_graph

    odd = 'Smith, "the Fox"'
    smith = Entity("person/smith", odd, "Person", mentions=1)
    ex = Extraction(Article("odd", "x", "odd.txt"), {"person/smith": smith}, [])
    store.replace_graph(*to_graph(ex))
    back = read_csv_folder(export(store, "csv", tmp_path / "csv"))
    assert back.nodes["https://w3id.org/kg/id/person/smith"]["label"] == odd


def test_graphml_round_trips_with_gephi_visual_keys(tmp_path, sample, expected):
    back = nx.read_graphml(export(sample, "graphml", tmp_path / "g.graphml"), force_multigraph=True)
    assert (back.number_of_nodes(), back.number_of_edges()) == (NODES, EDGES)
    for n, d in expected.nodes(data=True):
        got = back.nodes[n]
        assert {k: got[k] for k in d if d[k] != ""} == {k: v for k, v in d.items() if v != ""}
        assert {"r", "g", "b", "size", "x", "y"} <= set(got)
    assert sorted((s, o, k) for s, o, k in back.edges(keys=True)) == sorted(expected.edges(keys=True))


def test_json_is_node_link_with_every_attribute(tmp_path, sample):
    data = json.loads(export(sample, "json", tmp_path / "g.json").read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="edges")
    full = build_graph(sample)
    assert back.is_directed() and back.is_multigraph()
    assert dict(back.nodes(data=True)) == dict(full.nodes(data=True))
    as_lists = [
        (s, o, k, {**d, "spells": [list(p) for p in d["spells"]]}) for s, o, k, d in full.edges(keys=True, data=True)
    ]
    assert sorted(back.edges(keys=True, data=True), key=str) == sorted(as_lists, key=str)


def test_png_is_a_picture(tmp_path, sample):
    data = export(sample, "png", tmp_path / "g.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1320, 990)
    empty = export(sample, "png", tmp_path / "empty.png", Filters.parse(event_types="Sanction")).read_bytes()
    assert empty[:8] == b"\x89PNG\r\n\x1a\n"


def test_dynamic_is_for_gexf_only(tmp_path, sample):
    with pytest.raises(KGError, match="--dynamic applies to gexf only, not csv"):
        export(sample, "csv", tmp_path / "csv", dynamic=True)
    assert not (tmp_path / "csv").exists()


def test_export_bytes_for_http(sample):
    import io
    import zipfile

    from kg.export import FORMATS, MEDIA_TYPES, export_bytes

    assert set(MEDIA_TYPES) == set(FORMATS)
    payload = export_bytes(sample, "csv", Filters.parse(event_types="Capture"))
    assert (payload.media_type, payload.filename) == ("application/zip", "graph.zip")
    with zipfile.ZipFile(io.BytesIO(payload.data)) as zf:
        assert zf.namelist() == ["nodes.csv", "edges.csv"]
        assert zf.read("edges.csv").decode().count("capture") == 6  # three edges, label and kind
    gexf = export_bytes(sample, "gexf", dynamic=True)
    assert gexf.media_type == "application/gexf+xml" and b'mode="dynamic"' in gexf.data
    assert export_bytes(sample, "nquads").data.count(b"\n") == len(sample)


def test_labels_with_xml_invalid_characters_still_export(tmp_path):
    """RDF loaded with `kg load` may hold characters XML cannot carry; the XML exports blank them out."""
    import xml.etree.ElementTree as ET

    from kg.export import export
    from kg.store import open_store

    store = open_store(":memory:")
    store.load(
        b'<https://w3id.org/kg/id/person/x> a <https://w3id.org/kg/ontology#Person> ;'
        b' <http://www.w3.org/2000/01/rdf-schema#label> "Ahmed\\u0001 Khan" ;'
        b' <https://w3id.org/kg/ontology#mentionCount> 1 .',
        "turtle",
        URIRef("https://example.org/g"),
    )
    for fmt in ("gexf", "graphml"):
        out = export(store, fmt, tmp_path / f"g.{fmt}")
        labels = [e.get("label") or e.text for e in ET.parse(out).iter() if "Ahmed" in (e.get("label") or e.text or "")]
        assert labels and all("\x01" not in label for label in labels)
