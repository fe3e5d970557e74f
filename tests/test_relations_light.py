"""Light verbs (kg/lexicons/light_verbs.yaml, kg.relations.light): one case per entry, on sentences written
for these tests with hand-set mentions."""

from __future__ import annotations

import pytest

from kg import lexicons

from .relations_fixture import load_parser, relate

P, O, X = "Person", "Organization", {"Ali Hassan": "Person"}


@pytest.fixture(scope="module")
def parser():
    return load_parser()


CASES = [
    ("The police put Ali Hassan under house arrest.", {"The police": O + ":police", **X},
     ("police", "put under arrest", "Ali Hassan", "Arrest")),
    ("The police took Ali Hassan into custody.", {"The police": O + ":police", **X},
     ("police", "take into custody", "Ali Hassan", "Arrest")),
    ("The rebels took him hostage.", {"The rebels": O + ":rebels", "him": P + ":Ali Hassan"},
     ("rebels", "take hostage", "Ali Hassan", "Capture")),
    ("The soldiers opened fire on Ali Hassan.", {"The soldiers": O + ":soldiers", **X},
     ("soldiers", "open fire on", "Ali Hassan", "Attack")),
    ("The minister placed the blame on Ali Hassan.", {"The minister": P + ":Omar Said", **X},
     ("Omar Said", "blame on", "Ali Hassan", "Accusation")),
    ("The troops raided the camp after holding Ali Hassan to account for the attacks.",
     {"The troops": O + ":troops", "the camp": "Location:camp", **X},
     ("troops", "hold to account", "Ali Hassan", "Accusation")),
    ("The militia launched an attack on the garrison.", {"The militia": O + ":militia", "the garrison": O + ":garrison"},
     ("militia", "attack on", "garrison", "Attack")),
    ("The government cut its ties with the militia.", {"The government": O + ":government", "the militia": O + ":militia"},
     ("government", "cut ties with", "militia", "Sanction")),
    ("The air strikes have taken a severe toll on the rebels.",
     {"The air strikes": O + ":army", "the rebels": O + ":rebels"}, ("army", "take a toll on", "rebels", "Attack")),
    ("The envoy put pressure on the government.", {"The envoy": P + ":Omar Said", "the government": O + ":government"},
     ("Omar Said", "put pressure on", "government", None)),
    ("The envoy gave the militia a 48-hour deadline.", {"The envoy": P + ":Omar Said", "the militia": O + ":militia"},
     ("Omar Said", "give ultimatum", "militia", "Threat")),
    ("Kenya has given Ali Hassan just 12 hours to comply.", {"Kenya": "Location/Country", **X},
     ("Kenya", "give ultimatum", "Ali Hassan", "Threat")),
    ("Ali Hassan had undertaken extensive training with the militia.", {"the militia": O + ":militia", **X},
     ("Ali Hassan", "undergo training with", "militia", None)),
    ("The jets dropped bombs on the garrison.", {"The jets": O + ":jets", "the garrison": O + ":garrison"},
     ("jets", "bomb on", "garrison", "Attack")),
    ("The envoy held talks with the militia.", {"The envoy": P + ":Omar Said", "the militia": O + ":militia"},
     ("Omar Said", "hold talks with", "militia", None)),
    ("The bombing left Ali Hassan dead.", {"The bombing": O + ":militia", **X},
     ("militia", "kill", "Ali Hassan", "Killing")),
    ("The militia left Ali Hassan wounded.", {"The militia": O + ":militia", **X},
     ("militia", "wound", "Ali Hassan", "Attack")),
    # the light verb's "with" phrase hung on the verb
    ("Ali Hassan has in fact undertaken intensive training with the militia.", {"the militia": O + ":militia", **X},
     ("Ali Hassan", "undergo training with", "militia", None)),
    # the entry's own target preposition; through a control verb, the controller stays in the label
    ("The mission will keep the peace in Port-au-Prince.", {"The mission": O + ":mission", "Port-au-Prince": "Location/City"},
     ("mission", "keep the peace in", "Port-au-Prince", "Support")),
    ("The mission will help to keep the peace in the Haitian capital of Port-au-Prince.",
     {"The mission": O + ":mission", "Port-au-Prince": "Location/City"},
     ("mission", "help keep the peace in", "Port-au-Prince", "Support")),
]


@pytest.mark.parametrize("text,mentions,expected", CASES, ids=[t[:40] for t, *_ in CASES])
def test_light_verbs(parser, text, mentions, expected):
    got = {(r["subject"], r["predicate"], r["object"], r["event_type"]) for r in relate(parser, text, mentions)}
    assert expected in got, got


def test_every_entry_has_a_case():
    predicates = [predicate for *_, (_, predicate, _, _) in CASES]
    for entry in lexicons.load("light_verbs"):
        assert any(p.startswith(entry["label"]) for p in predicates), entry
