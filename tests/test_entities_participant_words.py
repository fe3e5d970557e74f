"""kg/entities/participant_words.py: what the participant lexicon says of a word, on parsed sentences."""

from __future__ import annotations

import pytest
import spacy

from kg.entities.participant_words import (aircraft_model, is_aircraft, is_inert_noun, is_place_noun, is_weapon,
                                           participant_type, verb_class)
from kg.nlp import model_name


@pytest.fixture(scope="module")
def parse():
    nlp = spacy.load(model_name())
    return lambda text: {t.text: t for t in nlp(text)}


def test_word_questions(parse):
    t = parse("Apache helicopters fired rockets on security offices, and soldiers killed two gunmen.")
    assert participant_type(t["soldiers"]) == "Person" and participant_type(t["helicopters"]) == "Organization"
    assert is_aircraft(t["helicopters"]) and is_aircraft(t["Apache"]) and not is_aircraft(t["soldiers"])
    assert is_weapon(t["rockets"]) and not is_weapon(t["gunmen"])
    assert is_place_noun(t["offices"]) and not is_place_noun(t["gunmen"])
    assert is_inert_noun(t["rockets"]) and is_inert_noun(t["offices"]) and not is_inert_noun(t["soldiers"])
    assert verb_class(t["killed"]) == "Killing" and verb_class(t["fired"]) == "Attack" and verb_class(t["and"]) is None


def test_an_aircraft_model_is_a_description(parse):
    doc = spacy.load(model_name())("Apache helicopters and F-16s struck the town.")
    assert aircraft_model(doc[0:1]) and aircraft_model(doc[3:4]) and not aircraft_model(doc[6:7])
