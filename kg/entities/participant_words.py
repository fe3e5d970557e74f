"""The participant words of ``kg/lexicons/participants.yaml`` and ``events.yaml``, and what they say of a token.

Loaded once. :mod:`kg.entities.participants` makes nodes of unnamed participants with them; the name, coref
and relation rules ask the same questions of a word (is it a place noun, a weapon, an aircraft model, an event
verb of which class?) through the predicates here.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from .. import lexicons


@cache
def words() -> dict:
    """The word lists, by what they are for (loaded once)."""
    data = lexicons.load("participants")
    events = lexicons.load("events")
    verbs = {v for entry in events.values() for v in entry.get("verbs") or []}
    nouns = {n for entry in events.values() for n in entry.get("nouns") or []}
    types = {}
    for word in data["places"]:
        types[word] = "Location"
    for word in data["people"]:
        types[word] = "Person"
    for word in data["forces"]:
        types[word] = "Organization"
    return {
        "types": types,
        "members": frozenset(data["member_nouns"]),
        "followers": frozenset(data["follower_nouns"]),
        "not": frozenset(data["not_participants"]),
        "empty": frozenset(data["empty_modifiers"]),
        "quantities": frozenset(data["quantities"]),
        "vague": frozenset(data["vague"]),
        "weapons": frozenset(data["weapons"]),
        "sites": frozenset(data["sites"]),
        "scenery": frozenset(data["scenery"]),
        "combatants": frozenset(data["combatants"]),
        "aircraft": frozenset(data["aircraft"]),
        "counted": frozenset(data["counted_forces"]),
        "force_people": frozenset(data["force_people"]),
        "aircraft_nouns": frozenset(data["aircraft_nouns"]),
        "aircraft_marks": frozenset(data["aircraft_marks"]),
        "casualty_verbs": frozenset(data["casualty_verbs"]),
        "casualty_nouns": frozenset(data["casualty_nouns"]),
        "verbs": frozenset(verbs),
        "speech": frozenset(lexicons.load("relations")["speech_verbs"]) | {"warn"},
        "nouns": frozenset(nouns),
        "search_verbs": frozenset(events["Surveillance"]["verbs"]),
        "transfer_verbs": frozenset(events["Transfer"]["verbs"]),
        "verb_classes": {v: cls for cls, entry in events.items() for v in entry.get("verbs") or []},
        "noun_classes": {n: cls for cls, entry in events.items() for n in entry.get("nouns") or []},
    }


def indefinite_singular(tok: Token) -> bool:
    """A singular common noun with "a" or "an": "a wounded fighter", "an elderly man"."""
    return tok.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in tok.children)


def is_aircraft(head: Token) -> bool:
    return head.lemma_.lower() in words()["aircraft"] or head.lower_ in words()["aircraft"]


def marked_aircraft(head: Token) -> bool:
    """"B-52 bombers", "long-range bombers", "stealth fighters": a people noun a model number or a mark before it
    makes aircraft (a force), not people."""
    doc = head.doc
    return head.lemma_.lower() in words()["aircraft_nouns"] and any(
        _model_number(t) or t.lower_ in words()["aircraft_marks"] for t in doc[head.left_edge.i : head.i])


def _model_number(tok: Token) -> bool:
    """"B-52", "F-16": digits with letters; not a count ("300 rebel fighters")."""
    return any(ch.isdigit() for ch in tok.text) and (any(ch.isalpha() for ch in tok.text) or tok.dep_ != "nummod")


def participant_type(tok: Token) -> str | None:
    """The node type the lexicon gives a head word ("soldiers" Person, "F-16s" Organization), if any."""
    d = words()
    return d["types"].get(tok.lower_) or d["types"].get(tok.lemma_.lower())


def is_place_noun(tok: Token) -> bool:
    """A noun that names a target or scene ("base", "station", "caves"), not a named place."""
    return tok.pos_ == "NOUN" and words()["types"].get(tok.lemma_.lower()) == "Location"


def aircraft_model(span) -> bool:
    """"Apache" in "Apache helicopters", "F-16s": a model name of aircraft, a description (of a force), no name."""
    return all(is_aircraft(t) for t in span)  # "Apache helicopters", "F-16s"


def is_inert_noun(tok: Token) -> bool:
    """A weapon, a place or an event ("rockets", "offices", "strikes"): nothing a plural pronoun for the actors
    could mean."""
    lemma = tok.lemma_.lower()
    data = words()
    return (lemma in data["weapons"] or is_place_noun(tok) or tok.ent_type_ in {"DATE", "TIME"}  # "in the early
            or lemma in data["scenery"]  # hours", "returned to the valley": no actors either
            or (lemma in data["nouns"] and data["types"].get(lemma) != "Person"))


def is_weapon(tok: Token) -> bool:
    """"bomb", "missiles": what a force fires, standing for whoever fired it."""
    return tok.lemma_.lower() in words()["weapons"]


def verb_class(tok: Token) -> str | None:
    """The event class of a verb lemma (from kg/lexicons/events.yaml), or None."""
    return words()["verb_classes"].get(tok.lemma_.lower()) if tok.pos_ == "VERB" else None
