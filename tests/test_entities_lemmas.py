"""Lemma corrections (kg.entities.lemmas): the small model's "-ie" lemmas of "-ied" verbs."""

from __future__ import annotations

import pytest

from kg.entities.lemmas import fix_lemmas


@pytest.mark.parametrize("text,word,lemma", [
    ("The town was reoccupied by the army.", "reoccupied", "reoccupy"),
    ("The army reoccupies the town.", "reoccupies", "reoccupy"),
    ("The prisoner was untied.", "untied", "untie"),  # a verb whose lemma does end in "-ie"
    ("Two soldiers died.", "died", "die"),
])
def test_fix_lemmas(nlp, text, word, lemma):
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name in {"kg_entities", "kg_relations"}:
            continue
        doc = proc(doc)
    fix_lemmas(doc)
    assert next(t for t in doc if t.text == word).lemma_ == lemma
