"""The pure helpers of bench/bench_load.py and bench/fault_kill.py: connection shares, paths, the fault check."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
bench_load = importlib.import_module("bench_load")
fault_kill = importlib.import_module("fault_kill")


def test_connections_are_split_evenly_with_the_remainder_first():
    assert bench_load.split(32, ["a", "b", "c", "d"]) == {"a": 8, "b": 8, "c": 8, "d": 8}
    assert bench_load.split(32, ["a", "b", "c"]) == {"a": 11, "b": 11, "c": 10}


def test_route_paths_cover_every_route_with_paths_of_the_synthetic_graph():
    paths = bench_load.route_paths(["person/entity-1", "location/entity-2"], articles=10, n=2)
    assert sorted(paths) == ["neighbours", "search", "sparql", "statements"]
    assert paths["neighbours"] == ["/entities/location/entity-2/neighbours", "/entities/person/entity-1/neighbours"]
    assert all(p.startswith("/statements/a") and p[-2] == "s" and p[-1] in "0123" for p in paths["statements"])
    assert all(p.startswith("/entities?q=entity%20") for p in paths["search"])


def test_the_fault_check_wants_each_graph_whole_in_its_old_or_new_version():
    old = {"a": ["a1"], "b": ["b1"], "same": ["s"]}
    new = {"a": ["a2"], "b": ["b2"], "same": ["s"]}
    assert fault_kill.ingest_check({"a": ["a2"], "b": ["b1"], "same": ["s"]}, old, new) == (True, "1/2 changed articles new")
    assert fault_kill.ingest_check(new, old, new) == (True, "2/2 changed articles new")
    assert fault_kill.ingest_check({"a": ["a1", "a2"], "b": ["b1"], "same": ["s"]}, old, new) == (
        False, "graph a is neither its old nor its new version")
    assert fault_kill.ingest_check({**old, "x": ["?"]}, old, new) == (False, "graphs of neither state: ['x']")
    assert fault_kill.ingest_check({"b": ["b1"], "same": ["s"]}, old, new) == (
        False, "graph a is neither its old nor its new version")
