"""A description named by "called" (kg.entities.called), the troops of a force (kg.entities.participants) and the
bodies of the UN in the lexicon, through the whole pipeline, on sentences written for these tests."""

from __future__ import annotations

from kg.extract import extract
from kg.model import Article


def extracted(nlp, text: str):
    ex = extract(Article(id="t", text=text, source="t"), nlp)
    return {e.label for e in ex.entities.values()}, {(r["subject"], r["predicate"], r["object"]) for r in ex.rows()}


TEXT = ("The UN Security Council has now authorised a multinational force to restore order in Port-au-Prince, with "
        "Brazil leading the troops. The mandate of the new force, called the United Nations Stabilisation Mission in "
        "Haiti (MINUSTAH), runs for a year.")


def test_a_force_named_by_called_is_the_named_force(nlp):
    labels, triples = extracted(nlp, TEXT)
    assert "multinational force" not in labels, labels
    assert ("United Nations Security Council", "authorise", "MINUSTAH") in triples, triples


def test_the_troops_of_a_force_are_the_force(nlp):
    labels, triples = extracted(nlp, TEXT)
    assert ("Brazil", "lead", "MINUSTAH") in triples, triples


def test_a_name_is_not_renamed(nlp):
    labels, _ = extracted(nlp, "Kenyan troops attacked al-Shabaab, called the Youth by its members, on Monday.")
    assert "al-Shabaab" in labels, labels
