"""Where an agent acted when what it acted on is no participant: "jets bombed a hospital near Aleppo" ->
jets "bomb in" Aleppo; "troops raided a house in the town of X" -> troops "raid in" X.

Only events that happen at a place (attacks, killings, raids, captures, arrests, searches), only an active
subject that is not itself a place, and only a named place: in a prepositional phrase of the verb, or of its
object ("a hospital near Aleppo"). The place of an event whose patient is a participant is added later from
the statement's own place (``kg.relations.place_statements``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Token

from .args import Arg, Mentions, resolve, resolve_all
from .candidate import Candidate
from .heads import is_passive, object_heads, subject_heads, verb_label
from .details import place_of
from .cues import cues
from .events import SCENE_CLASSES, event_class

REFLEXIVES = {"himself", "herself", "themselves", "itself", "oneself"}
SCENE = 0.6  # read off a circumstance, not an argument


def scene_triples(sent: Sequence[Token], m: Mentions) -> Iterator[Candidate]:
    for verb in sent:
        if verb.pos_ != "VERB" or is_passive(verb):
            continue
        cls, label = event_class(verb.lemma_.lower()), verb_label(verb)
        performed = _performed(verb)
        if cls is None and performed is not None:  # "carried out car bombings in Kenya": the bombings' scene
            cls, label = event_class(performed.lemma_.lower(), "NOUN"), performed.lemma_.lower()
        if cls not in SCENE_CLASSES:
            continue
        objects = [o for o in object_heads(verb) if o.lower_ not in REFLEXIVES]  # "blew himself up"
        if any(resolve(o, m) is not None for o in objects):
            continue  # a participant was hit: its statement carries the place
        subjects = [a for a in resolve_all(subject_heads(verb), m) if m.type(a.key) != "Location"]
        if not subjects:
            continue
        keys = {a.key for a in subjects}
        parts = [p for o in objects for prep in o.children if prep.dep_ == "prep" and prep.lower_ == "of"
                 for p in prep.children if p.dep_ == "pobj"]  # "the network of caves near X"
        for tok in (verb, *objects, *parts):
            place = place_of(tok, m, keys)
            if place is not None and m.entities[place].label[:1].isupper():  # a named place; an unnamed one
                # ("a military base") is a participant, and the clause patterns take it as the target
                arg = Arg(place, tok, 1.0)
                for s in subjects:
                    yield Candidate(s, f"{label} in", arg, verb, cls, SCENE, "scene")
                break


def _performed(verb: Token) -> Token | None:
    """The event noun a perpetration verb carries out: "carried out attacks", "staged a raid"."""
    if verb.lemma_.lower() not in cues().perpetration_verbs:
        return None
    return next((o for o in object_heads(verb) if event_class(o.lemma_.lower(), "NOUN") is not None), None)
