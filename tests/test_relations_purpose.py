"""Purpose infinitives, "between" phrases and links to groups (kg.relations.heads, kg.relations.nominal): table
tests on sentences written for these tests, with hand-set mentions."""

from __future__ import annotations

import pytest

from .relations_fixture import load_parser, relate

P, O, L = "Person", "Organization", "Location/Country"


@pytest.fixture(scope="module")
def parser():
    return load_parser()


# (sentence, mentions, (subject, predicate, object, modality) that must be found, triples that must not)
PURPOSE = [
    # the subject of the clause set out to do it: an attempt, labelled so
    ("Army troops raided the village to arrest Ali Hassan.",
     {"Army troops": O + ":army", "Ali Hassan": P},
     ("army", "attempt to arrest", "Ali Hassan", "attempted"), {("army", "arrest", "Ali Hassan")}),
    ("The jets have been carrying out heavy bombings to kill Ali Hassan.",
     {"The jets": O + ":jets", "Ali Hassan": P},
     ("jets", "attempt to kill", "Ali Hassan", "attempted"), set()),
    # on a purpose noun: "in a bid to", "in an attempt to"
    ("The police fanned out along the river in a bid to prevent the smugglers escaping.",
     {"The police": O + ":police", "the smugglers": O + ":smugglers"},
     ("police", "attempt to prevent", "smugglers", "attempted"), set()),
    ("Kenya stepped up its air strikes in an attempt to flush out the rebels.",
     {"Kenya": L, "the rebels": O + ":rebels"},
     ("Kenya", "attempt to flush out", "rebels", "attempted"), set()),
    # whom a sending verb sends does what they were sent for ...
    ("The minister sent the police to arrest Ali Hassan.",
     {"The minister": P + ":Omar Said", "the police": O + ":police", "Ali Hassan": P},
     ("police", "attempt to arrest", "Ali Hassan", "attempted"), {("Omar Said", "attempt to arrest", "Ali Hassan")}),
    # ... while pressure is the sender's aim, and whom it is put on is asked to act
    ("The minister sent tanks to the border to pile pressure on Kenya to arrest Ali Hassan.",
     {"The minister": P + ":Omar Said", "tanks": O + ":army", "Kenya": L, "Ali Hassan": P},
     ("Kenya", "arrest", "Ali Hassan", "requested"),
     {("army", "attempt to put pressure on", "Kenya"), ("Omar Said", "attempt to arrest", "Ali Hassan")}),
    # a plan someone else foiled is not the foiler's
    ("The police foiled a plan to kill Ali Hassan.",
     {"The police": O + ":police", "Ali Hassan": P},
     None, {("police", "attempt to kill", "Ali Hassan"), ("police", "kill", "Ali Hassan")}),
    # a purpose under a modal is what was said would happen, not an attempt
    ("Kenya said it would send troops to the border to track down the rebels.",
     {"Kenya": L, "troops": O + ":army", "the rebels": O + ":rebels"},
     ("army", "track down", "rebels", "conditional"), set()),
]

BETWEEN = [
    ("Tensions erupted between Kenya and Somalia after the raid.", {"Kenya": L, "Somalia": L},
     ("Kenya", "tension with", "Somalia")),
    ("A tense stand-off continued between the rebels and the police.",
     {"the rebels": O + ":rebels", "the police": O + ":police"}, ("rebels", "stand-off with", "police")),
    ("The meeting followed talks between Omar Said and Kenyan President Ali Hassan.",
     {"Omar Said": P, "Ali Hassan": P}, ("Omar Said", "talk with", "Ali Hassan")),
    ("Fighting between the militia and the rebels broke out on Monday.",
     {"the militia": O + ":militia", "the rebels": O + ":rebels"}, ("militia", "fighting with", "rebels")),
]


@pytest.mark.parametrize("text,mentions,expected,forbidden", PURPOSE, ids=[t[:40] for t, *_ in PURPOSE])
def test_purpose_infinitives(parser, text, mentions, expected, forbidden):
    rows = relate(parser, text, mentions)
    got = {(r["subject"], r["predicate"], r["object"], r["modality"]) for r in rows}
    if expected is not None:
        assert expected in got, got
    assert not forbidden & {t[:3] for t in got}, got


@pytest.mark.parametrize("text,mentions,expected", BETWEEN, ids=[t[:40] for t, *_ in BETWEEN])
def test_between_names_both_sides(parser, text, mentions, expected):
    got = {(r["subject"], r["predicate"], r["object"]) for r in relate(parser, text, mentions)}
    assert expected in got, got


def test_a_relation_that_has_not_come_about_is_no_triple(parser):
    text = "We are as close as we have ever been to a full confrontation between Kenya and Somalia."
    got = {(r["subject"], r["predicate"], r["object"]) for r in relate(parser, text, {"Kenya": L, "Somalia": L})}
    assert ("Kenya", "confrontation with", "Somalia") not in got


LINKS = [
    ("Ali Hassan was arrested in Kenya on suspicion of links to al-Shabaab.",
     {"Ali Hassan": P, "Kenya": L, "al-Shabaab": O + "/ArmedGroup"}, ("Ali Hassan", "link to", "al-Shabaab", "suspected")),
    ("Police said Ali Hassan has close links to al-Shabaab.",
     {"Police": O + ":police", "Ali Hassan": P, "al-Shabaab": O + "/ArmedGroup"}, ("Ali Hassan", "link to", "al-Shabaab", None)),
]


@pytest.mark.parametrize("text,mentions,expected", LINKS, ids=[t[:40] for t, *_ in LINKS])
def test_links_to_a_group(parser, text, mentions, expected):
    got = {(r["subject"], r["predicate"], r["object"], r["modality"]) for r in relate(parser, text, mentions)}
    assert expected in got, got


def test_denied_ties_are_negated(parser):
    rows = relate(parser, "Ali Hassan denied his ties with al-Shabaab.",
                  {"Ali Hassan": P, "his": P + ":Ali Hassan", "al-Shabaab": O + "/ArmedGroup"})
    got = {(r["subject"], r["predicate"], r["object"], r["negated"]) for r in rows}
    assert ("Ali Hassan", "link to", "al-Shabaab", True) in got, got


def test_one_man_fighting_with_an_armed_group_is_on_its_side(parser):
    rows = relate(parser, "A French woman who had been fighting with ISIS in Syria was detained.",
                  {"A French woman": P + ":French woman", "ISIS": O + "/ArmedGroup", "Syria": "Location"})
    assert ("French woman", "fight with", "ISIS") in {(r["subject"], r["predicate"], r["object"]) for r in rows}
    rows = relate(parser, "Kenyan troops fought with al-Shabaab near the border.",
                  {"Kenyan troops": O + ":Kenyan military", "al-Shabaab": O + "/ArmedGroup"})
    assert ("Kenyan military", "fight with", "al-Shabaab") not in {(r["subject"], r["predicate"], r["object"]) for r in rows}


def test_an_act_on_the_scene_takes_the_place_of_the_clause_it_belongs_to(parser):
    rows = relate(parser, "Kenyan troops stormed the camp in Garissa, killing two militants.",
                  {"Kenyan troops": O + ":Kenyan military", "Garissa": "Location/City", "two militants": P + ":two militants"})
    places = {(r["subject"], r["predicate"], r["object"]): r["place"] for r in rows}
    assert places[("Kenyan military", "kill", "two militants")] == "Garissa", places
    rows = relate(parser, "In Nairobi, the minister urged Somalia to dismantle the militia.",
                  {"Nairobi": "Location/City", "the minister": P + ":Omar Said", "Somalia": L, "the militia": O + ":militia"})
    places = {(r["subject"], r["predicate"], r["object"]): r["place"] for r in rows}
    assert places.get(("Somalia", "dismantle", "militia")) is None, places


def test_a_reflexive_object_leaves_the_target_to_the_preposition(parser):
    rows = relate(parser, "A female suicide bomber tried to blow herself up at a railway station in Kano.",
                  {"A female suicide bomber": P + ":suicide bomber", "herself": P + ":Omar Said",
                   "a railway station": "Location:railway station", "Kano": "Location/City"})
    got = {(r["subject"], r["predicate"], r["object"]) for r in rows}
    assert ("suicide bomber", "try to blow up at", "railway station") in got, got
    assert not any(o == "Omar Said" for _, _, o in got), got
