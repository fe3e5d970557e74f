"""`kg export` options: filters reach the library, bad ones are clean errors."""

from __future__ import annotations

import csv

from .export_data import sample_store
from .test_cli import kg


def _store_with_sample(tmp_path):
    nq = tmp_path / "sample.nq"
    with sample_store() as s, nq.open("wb") as fh:
        s.dump(fh, "nquads")
    store = tmp_path / "store"
    assert kg("load", nq, store=store).exit_code == 0
    return store


def test_export_with_filters(tmp_path):
    store = _store_with_sample(tmp_path)
    result = kg("export", "-f", "csv", "-o", tmp_path / "csv", "--event", "capture", "--since", "2019",
                "--until", "2019", "--type", "Person", "--type", "Location", store=store)
    assert result.exit_code == 0, result.output
    with (tmp_path / "csv" / "edges.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["Source"].rsplit("/", 1)[-1], r["Label"], r["Target"].rsplit("/", 1)[-1], r["Weight"]) for r in rows] \
        == [("turkey", "capture", "abu-bakr-al-baghdadi", "2")]


def test_export_ego_network(tmp_path):
    store = _store_with_sample(tmp_path)
    result = kg("export", "-f", "json", "-o", tmp_path / "g.json", "--ego", "organization/daesh", "--depth", "1",
                store=store)
    assert result.exit_code == 0, result.output
    assert '"Abu Bakr al-Baghdadi"' in (tmp_path / "g.json").read_text(encoding="utf-8")


def test_bad_filters_are_clean_errors(tmp_path):
    store = _store_with_sample(tmp_path)
    result = kg("export", "-f", "gexf", "-o", tmp_path / "g.gexf", "--event", "Picnic", store=store)
    assert result.exit_code == 1 and result.output.startswith("Error: unknown event type 'Picnic'")
    result = kg("export", "-f", "turtle", "-o", tmp_path / "g.ttl", "--since", "2019", store=store)
    assert result.exit_code == 1 and "turtle export writes the whole store" in result.output
    result = kg("export", "-f", "gexf", "-o", tmp_path / "g.gexf", "--ego", "person/nobody", store=store)
    assert result.exit_code == 1 and "person/nobody is not in the graph" in result.output


def test_export_dynamic_gexf_and_png(tmp_path):
    store = _store_with_sample(tmp_path)
    result = kg("export", "-f", "gexf", "--dynamic", "--no-layout", "-o", tmp_path / "g.gexf", store=store)
    assert result.exit_code == 0 and result.output == f"wrote {tmp_path / 'g.gexf'}\n"
    text = (tmp_path / "g.gexf").read_text(encoding="utf-8")
    assert 'timeformat="date"' in text and "<spell " in text and "viz:position" not in text
    result = kg("export", "-f", "png", "-o", tmp_path / "g.png", store=store)
    assert result.exit_code == 0 and (tmp_path / "g.png").read_bytes()[:4] == b"\x89PNG"
    result = kg("export", "-f", "json", "--dynamic", "-o", tmp_path / "g.json", store=store)
    assert result.exit_code == 1 and "--dynamic applies to gexf only" in result.output


def test_unwritable_output_is_a_clean_error(tmp_path):
    store = _store_with_sample(tmp_path)
    result = kg("export", "-f", "gexf", "-o", tmp_path / "missing" / "g.gexf", store=store)
    assert result.exit_code == 1
    assert result.output == f"Error: cannot write {tmp_path / 'missing' / 'g.gexf'}: No such file or directory\n"
    (tmp_path / "taken").write_text("a file, not a folder")
    result = kg("export", "-f", "csv", "-o", tmp_path / "taken", store=store)
    assert result.exit_code == 1 and result.output.startswith(f"Error: cannot write {tmp_path / 'taken'}: ")
    assert (tmp_path / "taken").read_text() == "a file, not a folder"
