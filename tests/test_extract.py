import json

from kg.extract import extract, write_jsonl
from kg.text import read_article

from .conftest import SEED

REQUIRED = {"source", "sentence", "subject", "subject_type", "predicate", "object", "object_type", "event_type", "confidence"}


def test_seed_yields_real_triples_with_the_jsonl_fields(nlp, tmp_path):
    ex = extract(read_article(SEED), nlp)
    out = tmp_path / "t.jsonl"
    with out.open("w") as fh:
        n = write_jsonl([ex], fh)
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert n == len(rows) > 0
    for row in rows:
        assert REQUIRED <= row.keys()
        assert row["source"] == "000_7c71ae8a3147dccc"
        assert row["subject_type"] in {"Person", "Organization", "Location"}
        assert 0 < row["confidence"] <= 1
        assert row["sentence"] in ex.article.text
        assert ex.article.text[row["start"]:row["end"]].strip() == row["sentence"]
