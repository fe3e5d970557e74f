"""`kg ingest` options: formats, field names, size limit, exit codes."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from kg.cli import app
from kg.stats import stats
from kg.store import open_store

from .test_ingest import STORIES

runner = CliRunner()


def kg(store, *args, input=None):
    return runner.invoke(app, ["--store", str(store), "ingest", *map(str, args)], input=input)


def test_stdin_jsonl_with_custom_fields(tmp_path):
    records = [{"story": p.read_text(encoding="utf-8"), "when": "2024-03-05"} for p in STORIES[:2]]
    data = "\n".join(json.dumps(r) for r in records) + "\n"
    result = kg(tmp_path / "s", "-", "--field", "text=story", "--field", "published=when", input=data)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 articles ingested, 0 unchanged")
    with open_store(tmp_path / "s") as store:
        assert stats(store).articles == 2


def test_forced_format_for_an_unknown_suffix(tmp_path):
    path = tmp_path / "export.dat"
    path.write_text(json.dumps({"text": STORIES[0].read_text(encoding="utf-8")}) + "\n", encoding="utf-8")
    assert kg(tmp_path / "s", path, "--format", "jsonl").output.startswith("1 articles ingested")


def test_bad_options_are_one_line_errors(tmp_path):
    bad_field = kg(tmp_path / "s", STORIES[0], "--field", "colour=red")
    assert bad_field.exit_code == 1 and "bad field mapping 'colour=red'" in bad_field.output
    bad_format = kg(tmp_path / "s", STORIES[0], "--format", "pdf")
    assert bad_format.exit_code == 1 and "unknown format 'pdf'" in bad_format.output


def test_oversize_article_fails_the_run_but_not_the_others(tmp_path):
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_text(STORIES[0].read_text(encoding="utf-8")[:600], encoding="utf-8")
    big.write_text(STORIES[1].read_text(encoding="utf-8") * 3, encoding="utf-8")
    result = kg(tmp_path / "s", small, big, "--max-bytes", "1000")
    assert result.exit_code == 1
    assert f"Error: {big}: too large ({big.stat().st_size:,} bytes; the limit is 1,000 bytes, set by --max-bytes)" in result.output
    assert "1 articles ingested" in result.output and "1 failed" in result.output
