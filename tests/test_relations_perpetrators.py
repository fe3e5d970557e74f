"""Perpetrators of event nouns (kg/relations/perpetrators.py): who carried out "the bombing", "the strike".

Mentions are set by hand (tests/relations_fixture.py); the parses come from the statistical model.
"""

from __future__ import annotations

import pytest

from .relations_fixture import load_parser, relate, triples


@pytest.fixture(scope="module")
def parser():
    return load_parser()


# (text, mentions, triples that must be found, triples that must not)
CASES = [
    # a claim of responsibility makes the claimant the agent of what the claimed event did
    ("The Pakistani Taliban claimed responsibility for a suicide attack on a police station in Peshawar that killed six officers.",
     {"The Pakistani Taliban": "Organization:Pakistani Taliban", "Peshawar": "Location", "six officers": "Person:six officers"},
     {("Pakistani Taliban", "kill", "six officers")}, {("Peshawar", "kill", "six officers")}),
    # "carried out" an event noun: the subject is its agent
    ("Boko Haram carried out a raid that killed 12 villagers.",
     {"Boko Haram": "Organization", "12 villagers": "Person:12 villagers"},
     {("Boko Haram", "kill", "12 villagers")}, set()),
    # a definite event noun repeats an earlier one with its agent: "killed in the strike"
    ("An Israeli air strike killed Ahmed Saleh on Monday. His driver was also killed in the strike, medics said.",
     {"Israeli": "Location/Country:Israel", "Ahmed Saleh": "Person", "His driver": "Person:driver of Ahmed Saleh"},
     {("Israel", "kill", "Ahmed Saleh"), ("Israel", "kill", "driver of Ahmed Saleh")}, set()),
    # an indefinite event noun does not: "a strike" is another one
    ("An Israeli air strike killed Ahmed Saleh on Monday. His driver was killed in a strike a week later.",
     {"Israeli": "Location/Country:Israel", "Ahmed Saleh": "Person", "His driver": "Person:driver of Ahmed Saleh"},
     {("Israel", "kill", "Ahmed Saleh")}, {("Israel", "kill", "driver of Ahmed Saleh")}),
    # a perpetration verb over an event noun's patient
    ("A federal judge ordered the arrest of Omar Haddad.",
     {"A federal judge": "Person:federal judge", "Omar Haddad": "Person"},
     {("federal judge", "order arrest", "Omar Haddad")}, set()),
    ("The Italian court approved his extradition last week.",
     {"The Italian court": "Organization:Italian court", "his": "Person:Omar Haddad"},
     {("Italian court", "approve extradition", "Omar Haddad")}, set()),
    ("Oman secured the release of two Belgian aid workers on Sunday.",
     {"Oman": "Location/Country", "two Belgian aid workers": "Person:aid workers"},
     {("Oman", "secure release", "aid workers")}, set()),
    # the article's one air force carried out the air strikes nothing else names an agent for, also when the
    # phrase closes a coordination
    ("Kenyan warplanes bombed the camp. Two herders were killed and 12 injured in the air strikes.",
     {"Kenyan warplanes": "Organization:Kenyan warplanes", "Two herders": "Person:Two herders"},
     {("Kenyan warplanes", "kill", "Two herders")}, set()),
    # a passive's agent that is an operation (or weeks of one) is whoever its modifier names; not a role noun's
    ("The rebels have been flushed out of their hideouts by weeks of heavy Kenyan bombing.",
     {"The rebels": "Organization:rebels", "Kenyan": "Location/Country:Kenya"},
     {("Kenya", "flush", "rebels")}, set()),
    ("Omar Said is revered by the al-Shabaab militants.",
     {"Omar Said": "Person", "al-Shabaab": "Organization/ArmedGroup"}, set(), {("al-Shabaab", "revere", "Omar Said")}),
    # a closure is a sanction, and a place counted by a partitive is its patient
    ("The governor ordered the closure of scores of party offices.",
     {"The governor": "Person:Omar Said", "party offices": "Location:scores of party offices"},
     {("Omar Said", "order closure", "scores of party offices")}, set()),
    # asking "for" an event noun: a request, no event class
    ("The rebels called for further bomb attacks against Chad.",
     {"The rebels": "Organization:rebels", "Chad": "Location/Country"},
     {("rebels", "call for attack", "Chad")}, {("rebels", "attack", "Chad")}),
    # other verbs over an event noun say nothing about who did it
    ("Kenya welcomed the arrest of Omar Haddad.", {"Kenya": "Location", "Omar Haddad": "Person"},
     set(), {("Kenya", "welcome arrest", "Omar Haddad")}),
]


@pytest.mark.parametrize("text,mentions,expected,forbidden", CASES, ids=[t[:40] for t, *_ in CASES])
def test_perpetrators(parser, text, mentions, expected, forbidden):
    got = triples(relate(parser, text, mentions))
    assert expected <= got, f"missing {expected - got}; got {got}"
    assert not forbidden & got, f"unwanted {forbidden & got}"


def test_a_city_modifier_is_where_not_who(parser):
    rows = relate(parser, "He was wanted for the 2008 Mumbai attacks, which killed 166 people.",
                  {"He": "Person:Ali Khan", "Mumbai": "Location/City", "166 people": "Person:166 people"})
    assert ("Mumbai", "kill", "166 people") not in triples(rows)
