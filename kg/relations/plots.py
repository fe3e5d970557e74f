"""Plots: attacks someone planned, whether or not they happened.

"the woman has admitted to planning bomb attacks in Spain and Portugal, as well as on the Dutch embassy"
-> the woman "plan bomb attack in" Spain, Portugal; "plan bomb attack on" the Dutch embassy.

The planner is the subject of the plotting verb (through "confessed to", "was accused of"); the targets are
the attack noun's or the verb's target phrases ("on", "against"), or, for a plot, the country it was to
happen in. Event class Threat: a plot is no attack that took place, and its label says it was planned.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Token

from .args import Mentions, resolve_all
from .candidate import Candidate
from .cues import cues
from .events import event_class
from .heads import OBJECT_DEPS, _pobjs, subject_heads
from .light import counted

PLOT_VERBS = {"plan", "plot", "prepare"}
ATTACKS = {"Attack", "Killing"}
PLOT = 0.75


def _attack_noun(verb: Token) -> Token | None:
    for obj in verb.children:
        if obj.dep_ in OBJECT_DEPS:
            noun = counted(obj)
            if event_class(noun.lemma_.lower(), "NOUN") in ATTACKS:
                return noun
    return None


def _label(verb: Token, noun: Token) -> str:
    kinds = [c.lower_ for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i == noun.i - 1]
    return " ".join([verb.lemma_.lower(), *kinds, noun.lemma_.lower()])


def _as_well_as(verb: Token) -> list[Token]:
    """Target phrases the parser hangs on "as well as" near the verb: "planning attacks in X, as well as on Y"."""
    heads = [verb, *verb.children, verb.head]
    return [p for h in heads for cc in h.children if cc.dep_ == "cc" and cc.lower_ == "as"
            for p in cc.children if p.dep_ == "prep"]


def plot_triples(sent: Sequence[Token], m: Mentions) -> Iterator[Candidate]:
    targets = cues().target_preps
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in PLOT_VERBS:
            continue
        noun = _attack_noun(verb)
        if noun is None:
            continue
        planners = [a for a in resolve_all(subject_heads(verb), m) if m.type(a.key) != "Location"]
        if not planners:
            continue
        label = _label(verb, noun)
        found = []
        for prep in [*noun.children, *verb.children, *_as_well_as(verb)]:
            if prep.dep_ != "prep":
                continue
            if prep.lower_ in targets:
                found += [(f"{label} {prep.lower_}", a) for a in resolve_all(_pobjs(prep), m)]
            elif prep.lower_ == "in" and prep.head.i == noun.i:  # "attacks in Spain": the country they were for
                found += [(f"{label} in", a) for a in resolve_all(_pobjs(prep), m)
                          if m.entities[a.key].subtype == "Country"]
        for planner in planners:
            for pred, target in found:
                if target.key != planner.key:
                    yield Candidate(planner, pred, target, verb, "Threat", PLOT, "plot")
