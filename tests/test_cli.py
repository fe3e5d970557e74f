import json
import re
import subprocess
import sys

import pytest
import typer.main
from typer.testing import CliRunner

from kg.cli import app

from .conftest import ROOT, SEED
from .serve_process import free_port, kg_serve

runner = CliRunner()
COMMANDS = sorted(typer.main.get_command(app).commands)


def kg(*args, store=None, input=None):
    argv = (["--store", str(store)] if store else []) + [str(a) for a in args]
    return runner.invoke(app, argv, input=input)


def test_every_command_is_documented_in_the_docs():
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = [c for c in COMMANDS if not re.search(rf"^\$ kg (--store \S+ )?{c}\b", page, re.M)]
    assert not missing, f"docs/cli.md lacks an example of: {missing}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = kg(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_ingest_twice_then_stats_and_query(tmp_path):
    store = tmp_path / "store"
    first = kg("ingest", SEED, store=store)
    assert first.exit_code == 0, first.output
    assert re.match(r"1 articles ingested, 0 unchanged, \d+ entities, \d+ statements, \d+ triples added", first.output)
    second = kg("ingest", SEED, store=store)
    assert "0 articles ingested, 1 unchanged" in second.output and "0 triples added" in second.output
    stats = kg("stats", store=store)
    assert "articles    1" in stats.output
    q = kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/kg/ontology#Article> }", "--format", "csv", store=store)
    assert q.exit_code == 0 and q.output.split() == ["n", "1"]


def test_empty_and_binary_inputs_fail_without_touching_the_store(tmp_path):
    store = tmp_path / "store"
    kg("ingest", SEED, store=store)
    before = kg("stats", store=store).output
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.dat").write_bytes(b"\x00\xff" * 64)
    for name, reason in (("empty.txt", "empty input"), ("bin.dat", "binary data, not text")):
        result = kg("ingest", tmp_path / name, store=store)
        assert result.exit_code == 1
        assert f"Error: {tmp_path / name}: {reason}" in result.output
    assert kg("stats", store=store).output == before


def test_extract_writes_jsonl(tmp_path):
    out = tmp_path / "t.jsonl"
    result = kg("extract", SEED, "-o", out)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows and all(r["source"] == "000_7c71ae8a3147dccc" for r in rows)


def test_extract_reads_stdin():
    result = kg("extract", "-", input="Police arrest suspect\n\nFrench police arrested Jean Dupont in Paris.\n")
    assert result.exit_code == 0


def test_load_and_export_formats(tmp_path):
    store = tmp_path / "store"
    ttl = tmp_path / "extra.ttl"
    ttl.write_text("<http://e/a> <http://e/b> <http://e/c> .\n")
    result = kg("load", ttl, "--graph", "http://e/graph", store=store)
    assert result.output == f"1 quads added from {ttl}\n"
    kg("ingest", SEED, store=store)
    for fmt, name in (("gexf", "g.gexf"), ("graphml", "g.graphml"), ("json", "g.json"), ("csv", "csv"),
                      ("turtle", "g.ttl"), ("nquads", "g.nq")):
        result = kg("export", "--format", fmt, "-o", tmp_path / name, store=store)
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).exists()
    assert (tmp_path / "csv" / "edges.csv").read_text().startswith("Source,Target,Type,Label,Weight")


def test_bad_query_is_a_clean_error(tmp_path):
    result = kg("query", "SELEC nothing", store=tmp_path / "store")
    assert result.exit_code == 1
    assert result.output.startswith("Error: SPARQL syntax error")


def test_unknown_export_format(tmp_path):
    result = kg("export", "--format", "docx", "-o", tmp_path / "x", store=tmp_path / "store")
    assert result.exit_code == 1 and "unknown export format 'docx'" in result.output


def test_serve_on_a_store_in_use_says_so_in_one_line(tmp_path):
    store = str(tmp_path / "store")
    with kg_serve(store):
        done = subprocess.run([sys.executable, "-m", "kg", "--store", store, "serve", "--port", str(free_port())],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr == f"Error: the store at {store} is in use by another process (is `kg serve` running?)\n"
