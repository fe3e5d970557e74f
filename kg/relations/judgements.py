"""Judgements of deeds and of people.

Whoever condemns, praises or blames an act judges whoever did it:
"Human Rights Watch has condemned indiscriminate attacks by the rebel car bombers" -> Human Rights
Watch "condemn" the bombers (Accusation); "X praised the arrest of Y by Z" -> X "praise" Z. Only doers
the act's own noun phrase names ("attacks by X", "X's attacks") count: an act named alone says nothing of whom.

Whoever declares, brands or labels someone something designates them so: "Novak declared Mr Baran irrelevant"
-> Novak "declare irrelevant" Baran; "Turkey declared the PKK a terrorist organisation" -> "declare terrorist
organisation" (the parser's small clause, or an object and its complement).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Token

from .args import Mentions, resolve_all
from .candidate import Candidate
from .events import event_class
from .heads import OBJECT_DEPS, subject_heads, verb_label
from .perpetrators import _own_agents, is_event_noun

JUDGING = {"Accusation", "Praise"}
JUDGED = 0.75
DESIGNATING = {"declare", "brand", "label", "dub", "designate", "term"}
COMPLEMENT_DEPS = {"oprd", "ccomp", "xcomp", "attr"}
MAX_COMPLEMENT_WORDS = 3


def _complement_words(c: Token) -> str:
    """ "a terrorist organisation" -> "terrorist organisation"; "irrelevant" -> "irrelevant"."""
    named = {t.i for s in c.children if s.dep_ == "nsubj" for t in s.subtree}
    words = [t.lower_ for t in c.subtree if t.i <= c.i and t.pos_ in {"ADJ", "NOUN"} and t.i not in named]
    return " ".join(words[-MAX_COMPLEMENT_WORDS:])


def designations(sent: Sequence[Token], m: Mentions) -> Iterator[Candidate]:
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in DESIGNATING:
            continue
        objects = [o for o in verb.children if o.dep_ in OBJECT_DEPS]
        for comp in verb.children:
            named = [s for s in comp.children if s.dep_ == "nsubj"]
            if comp.pos_ not in {"ADJ", "NOUN"} or not (comp.dep_ in COMPLEMENT_DEPS or named):
                continue  # the complement, or the object the parser gave the small clause's subject
            named = named or [o for o in objects if o.i != comp.i]
            words = _complement_words(comp)
            if not named or not words:
                continue
            for judge in resolve_all(subject_heads(verb), m):
                for who in resolve_all(named, m):
                    if judge.key != who.key and m.type(who.key) != "Location":
                        yield Candidate(judge, f"{verb.lemma_.lower()} {words}", who, verb, "Designation", JUDGED,
                                        "designation")


def judgement_triples(sent: Sequence[Token], m: Mentions) -> Iterator[Candidate]:
    yield from designations(sent, m)
    for verb in sent:
        if verb.pos_ != "VERB" or (event := event_class(verb.lemma_.lower())) not in JUDGING:
            continue
        deeds = [o for o in verb.children if o.dep_ in OBJECT_DEPS and is_event_noun(o)]
        doers = [a for deed in deeds for a in _own_agents(deed, m) if m.type(a.key) != "Location"]  # not a demonym's
        if not doers:
            continue
        for judge in resolve_all(subject_heads(verb), m):
            for doer in doers:
                if judge.key != doer.key:
                    yield Candidate(judge, verb_label(verb), doer, verb, event, JUDGED, "judgement")
