"""Table tests of where agents act and of the readings kg refuses, on sentences written for these tests
(hand-set mentions, see tests/relations_fixture.py): scenes (kg.relations.scenes), "<verb> in" statements
from an event's place, reflexive objects, places as agents, a person's own group, offices held for a country."""

from __future__ import annotations

import pytest

from .relations_fixture import load_parser, relate, triples


@pytest.fixture(scope="module")
def parser():
    return load_parser()


# (sentence, mentions, triples that must be found, triples that must not)
CASES = [
    # the target is no participant: the agent acted at the named place
    ("Russian jets bombed a hospital near Aleppo.",
     {"Russian jets": "Organization", "Aleppo": "Location/City"}, {("Russian jets", "bomb in", "Aleppo")}, set()),
    # through unnamed places, two levels deep
    ("American bombers pounded the caves in the mountains near Kandahar on Sunday.",
     {"American bombers": "Organization", "Kandahar": "Location/City"},
     {("American bombers", "pound in", "Kandahar")}, set()),
    # "the city of X" is X
    ("Government troops have shot dead three protesters in the northern city of Mosul.",
     {"Government troops": "Organization", "three protesters": "Person", "Mosul": "Location/City"},
     {("Government troops", "shoot dead", "three protesters"), ("Government troops", "shoot dead in", "Mosul")}, set()),
    # a participant target carries the place: "fire on" a camp in Gaza -> "fire in" Gaza, not "fire on in"
    ("Israeli tanks fired on a refugee camp in Gaza.",
     {"Israeli tanks": "Organization", "refugee camp": "Location", "Gaza": "Location/City"},
     {("Israeli tanks", "fire on", "refugee camp"), ("Israeli tanks", "fire in", "Gaza")},
     {("Israeli tanks", "fire on in", "Gaza")}),
    # no scene for a passive, nor for a place that acts, nor for a non-event verb
    ("A hospital near Aleppo was bombed.", {"Aleppo": "Location/City"}, set(), {("Aleppo", "bomb in", "Aleppo")}),
    ("Aid workers visited a hospital near Aleppo.", {"Aid workers": "Person", "Aleppo": "Location/City"}, set(),
     {("Aid workers", "visit in", "Aleppo")}),
    # a part of a named place is the place: "most of the X mountain complex"
    ("Most of the Shinkay Ghar mountain complex has been captured by local militia forces.",
     {"Shinkay Ghar": "Location/Region", "local militia forces": "Organization"},
     {("local militia forces", "capture", "Shinkay Ghar")}, set()),
    # attacks "into" a target; a participle's subject is the noun it modifies
    ("Russian helicopters fired six rockets into an army depot.",
     {"Russian helicopters": "Organization", "army depot": "Location"},
     {("Russian helicopters", "fire into", "army depot")}, set()),
    ("Police officers trying to put Ali Hassan under house arrest were driven back.",
     {"Police officers": "Organization:police", "Ali Hassan": "Person"},
     {("police", "try to put under arrest", "Ali Hassan")}, set()),
    # a reflexive object is the subject's own act, not a second party
    ("The bomber blew himself up near the consulate in Peshawar.",
     {"The bomber": "Person:suicide bomber", "himself": "Person:suicide bomber", "Peshawar": "Location/City"},
     {("suicide bomber", "blow up in", "Peshawar")}, {("suicide bomber", "blow up", "suicide bomber")}),
    # a place does not kill: the bombing at the base did
    ("A bombing at a military base that killed nine soldiers was claimed by the group.",
     {"military base": "Location", "nine soldiers": "Person", "the group": "Organization:Ansar Group"},
     set(), {("military base", "kill", "nine soldiers")}),
    # a person's group: the person leads it; not through a pronoun
    ("Mr Karimov's Freedom Front rejected the plan, and his deputies resigned.",
     {"Mr Karimov": "Person:Aziz Karimov", "Freedom Front": "Organization"},
     {("Aziz Karimov", "leader of", "Freedom Front")}, set()),
    # an apposition the parser hung on the role's object; "envoy to" a country is sent there, not its envoy
    ("The UN's deputy envoy to Sudan, Karim Haddad, says the force will be deployed.",
     {"UN": "Organization:United Nations", "Sudan": "Location/Country", "Karim Haddad": "Person"},
     {("Karim Haddad", "envoy of", "United Nations")}, {("Karim Haddad", "envoy of", "Sudan")}),
    # an office held for a country
    ("US peace envoy Daniel Harper arrived in Cairo.",
     {"US": "Location/Country:United States", "Daniel Harper": "Person", "Cairo": "Location/City"},
     {("Daniel Harper", "envoy of", "United States")}, set()),
]


@pytest.mark.parametrize("text,mentions,expected,forbidden", CASES, ids=[t[:40] for t, *_ in CASES])
def test_scenes_and_refusals(parser, text, mentions, expected, forbidden):
    got = triples(relate(parser, text, mentions))
    assert expected <= got, f"missing {expected - got}; got {got}"
    assert not forbidden & got, f"unwanted {forbidden & got}"


def test_the_place_statement_is_less_certain_than_its_event(parser):
    rows = {(r["subject"], r["predicate"], r["object"]): r for r in relate(
        parser, "Government troops have shot dead three protesters in Mosul.",
        {"Government troops": "Organization", "three protesters": "Person", "Mosul": "Location/City"})}
    event, scene = rows[("Government troops", "shoot dead", "three protesters")], rows[("Government troops", "shoot dead in", "Mosul")]
    assert event["place"] == "Mosul" and scene["place"] is None
    assert event["event_type"] == "Killing" and scene["event_type"] is None  # a place is no victim
    assert scene["confidence"] == round(event["confidence"] * 0.9, 3)
