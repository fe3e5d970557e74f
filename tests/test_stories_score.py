"""Extraction scored against hand-written references: every ``tests/data/gold/*.json`` and its story.

Each reference was written by hand before kg was run on its story (see the gold's ``note``). The
scorer is the project's own ``../shared/eval/score.py``, loaded from where it lives; the test is
skipped when that folder is absent. The floors below are what each story reached when it was
last worked on, so a change cannot silently lose what was gained.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from kg.extract import extract
from kg.text import read_article

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold"
SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"

# story -> floors: at least this core recall and recall, at most this junk rate, fragmented entities, type errors.
FLOORS = {
    "ent_brussels_raid": {"core_recall": 0.5, "recall": 0.474, "junk_rate": 0.0, "fragmented": 0, "type_errors": 0},
    "ent_ransomware_indictment": {"core_recall": 0.333, "recall": 0.222, "junk_rate": 0.0, "fragmented": 1, "type_errors": 0},
    "ent_cartel_capture": {"core_recall": 0.25, "recall": 0.438, "junk_rate": 0.0, "fragmented": 0, "type_errors": 0},
    "rel_drone_strike": {"core_recall": 0.75, "recall": 0.722, "junk_rate": 0.0, "fragmented": 0, "type_errors": 0},
    "rel_court_extradition": {"core_recall": 0.5, "recall": 0.412, "junk_rate": 0.0, "fragmented": 0, "type_errors": 0},
    "rel_aid_kidnapping": {"core_recall": 0.6, "recall": 0.45, "junk_rate": 0.0, "fragmented": 0, "type_errors": 0},
    "seed_gold": {"core_recall": 1.0, "recall": 0.912, "junk_rate": 0.0, "fragmented": 0, "type_errors": 0},
}
DEFAULT_FLOORS = {"core_recall": 0.0, "recall": 0.0, "junk_rate": 0.1, "fragmented": 2, "type_errors": 1}


@pytest.fixture(scope="module")
def scorer():
    if not SCORER.exists():
        pytest.skip(f"the extraction scorer is not at {SCORER} (it lives in the shared eval folder beside the repository)")
    spec = importlib.util.spec_from_file_location("kg_eval_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def golds() -> list[Path]:
    """The stories' references, and the seed's beside the scorer when it is there."""
    seed = SCORER.parent / "seed_gold.json"
    return sorted(GOLD.glob("*.json")) + ([seed] if seed.exists() else [])


def story_of(gold: dict) -> Path:
    return ROOT / gold["document"]


def test_every_gold_has_its_story():
    assert golds(), "no references in tests/data/gold"
    for path in golds():
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert story_of(gold).exists(), path.name
        assert any(f.get("core") for f in gold["facts"]), f"{path.name} marks no core fact"
        keys = set(gold["entities"])
        for fact in gold["facts"]:
            ends = [fact["subject"], fact["object"], *fact.get("alt_subject", []), *fact.get("alt_object", [])]
            assert set(ends) <= keys, (path.name, fact["id"])


@pytest.mark.parametrize("path", golds(), ids=lambda p: p.stem)
def test_story_score_holds(path, nlp, scorer, tmp_path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    rows = extract(read_article(story_of(gold)), nlp).rows()
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    scorer._BEST.clear()  # the scorer caches by id(entities); ids of freed references can be reused
    result = scorer.score(gold, scorer.load_predictions(str(pred), None))
    floors = FLOORS.get(path.stem, DEFAULT_FLOORS)
    got = {
        "core_recall": result["core_recall"], "recall": result["recall"], "junk_rate": result["junk_rate"],
        "fragmented": len(result["entities_fragmented"]), "type_errors": len(result["type_errors"]),
    }
    assert got["core_recall"] >= floors["core_recall"], (got, result["missed"])
    assert got["recall"] >= floors["recall"], (got, result["missed"])
    assert got["junk_rate"] <= floors["junk_rate"], (got, result["junk_examples"])
    assert got["fragmented"] <= floors["fragmented"], (got, result["entities_fragmented"])
    assert got["type_errors"] <= floors["type_errors"], (got, result["type_errors"])
