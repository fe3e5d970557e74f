"""`kg extract --entities`: one JSON object per entity, most mentioned first."""

import json

from typer.testing import CliRunner

from kg.cli import app

from .conftest import SEED


def test_extract_entities_writes_entity_rows(nlp):
    result = CliRunner().invoke(app, ["extract", "--entities", str(SEED)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows[0]["key"] == "person/sami-jasim" and rows[0]["nationality"] == "location/iraq"
    assert [r["mentions"] for r in rows] == sorted((r["mentions"] for r in rows), reverse=True)
    assert {r["type"] for r in rows} == {"Person", "Organization", "Location"}
    basim = next(r for r in rows if r["key"] == "person/basim")
    assert basim["described_by"] == ["right-hand man of", "person/abu-bakr-al-baghdadi"]
