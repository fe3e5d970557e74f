"""Casualties counted without a verb of their own (kg.entities.elided, kg.relations.elided), through the whole
pipeline, on sentences written for these tests."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.model import Article


def triples(nlp, text: str) -> set[tuple[str, str, str]]:
    ex = extract(Article(id="t", text=text, source="t"), nlp)
    return {(r["subject"], r["predicate"], r["object"]) for r in ex.rows()}


# text, triple that must be found, triples that must not
ELIDED = [
    # the count is a conjunct of the first verb, its participle hangs on it
    ("Kenyan jets bombed the camp on Monday. Four people were killed and more than 60 injured in the air strikes.",
     ("Kenyan jets", "injure", "60 people"), set()),
    # the participle is a verb of its own with the count for subject
    ("Police said three guards were killed and 12 others wounded when Yemeni gunmen raided the compound.",
     ("Yemeni gunmen", "wound", "12 others"), set()),
    # the count hangs on the preposition and the participle on the first verb
    ("Kenyan jets bombed the camp. Six people were killed in the strikes and around 40 injured, officials said.",
     ("Kenyan jets", "injure", "40 people"), set()),
    # a count with a verb of its own is no elided one, and a count without a casualty verb is no victim
    ("Six people were killed and 30 were wounded when Somali gunmen attacked the base.",
     ("Somali gunmen", "wound", "30 people"), set()),
    ("Somali gunmen killed six people and 30 fled the town.", ("Somali gunmen", "kill", "six people"),
     {("Somali gunmen", "kill", "30 people"), ("Somali gunmen", "injure", "30 people")}),
]


@pytest.mark.parametrize("text,found,absent", ELIDED)
def test_elided_casualties(nlp, text, found, absent):
    got = triples(nlp, text)
    assert found in got, got
    assert not (absent & got), got


# a casualty with no agent of its own takes the forces of the attack the sentence before tells, when its own
# sentence tells of no other event
PREVIOUS = [
    ("Turkish jets fired rockets on an army post in Afrin. But three soldiers were lightly wounded, a spokesman said.",
     ("Turkish jets", "wound", "three soldiers")),
    ("Kenyan jets fired missiles on a police post in Kismayo. Two policemen were wounded when Somali gunmen stormed a bank.",
     ("Somali gunmen", "wound", "two policemen")),
]


@pytest.mark.parametrize("text,found", PREVIOUS)
def test_a_casualty_without_agent_takes_the_attack_before(nlp, text, found):
    got = triples(nlp, text)
    assert found in got, got
    assert not any(t[1] == "wound" and t[0] != found[0] for t in got), got
