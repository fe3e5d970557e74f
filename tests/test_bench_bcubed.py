"""bench/bcubed.py: the B-cubed measure on hand-computed cases, and cross-article resolution on the corpus written
for it (tests/data/crossref) at the issue's targets."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location("bcubed", Path(__file__).parent.parent / "bench" / "bcubed.py")
bcubed = importlib.util.module_from_spec(_SPEC)
sys.modules.setdefault("bcubed", bcubed)
_SPEC.loader.exec_module(bcubed)


@pytest.mark.parametrize("reference,predicted,expected", [
    # perfect clustering
    ({1: "a", 2: "a", 3: "b"}, {1: "x", 2: "x", 3: "y"}, (1.0, 1.0)),
    # everything in one cluster: precision (2/3 * 2 + 1/3) / 3 = 5/9, recall 1
    ({1: "a", 2: "a", 3: "b"}, {1: "x", 2: "x", 3: "x"}, (5 / 9, 1.0)),
    # every item alone (or missing from the prediction): precision 1, recall (1/2 + 1/2 + 1) / 3 = 2/3
    ({1: "a", 2: "a", 3: "b"}, {1: "x"}, (1.0, 2 / 3)),
    # Bagga and Baldwin's example shape: one item of cluster a put with cluster b
    ({1: "a", 2: "a", 3: "a", 4: "b", 5: "b"}, {1: "x", 2: "x", 3: "y", 4: "y", 5: "y"},
     ((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5, (2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)),
])
def test_bcubed(reference, predicted, expected):
    assert bcubed.bcubed(reference, predicted) == pytest.approx(expected)


def test_fold_ignores_case_and_accents():
    assert bcubed.fold(" Elena Márquez ") == bcubed.fold("elena marquez")


def test_resolution_on_the_crossref_corpus_meets_the_targets(nlp):
    results = bcubed.score()
    entities, events = results["entities"], results["events"]
    assert entities[2] == 79 and events[2] == 26
    assert entities[0] >= 0.95 and entities[1] >= 0.9, entities
    assert events[0] >= 0.9 and events[1] >= 0.8, events
