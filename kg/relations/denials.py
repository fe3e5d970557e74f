"""Denials of an accusation: who denies whose charge.

"Ethiopia accuses Eritrea of planning the ambush, but Eritrea rejects the charge" -> Eritrea
"deny allegation by" Ethiopia. The denier is the subject of a denial verb whose object is an accusation noun;
the accuser is named by the noun itself ("Ethiopia's allegations", "the charges by X", "claims from X"), or
else is the agent of the closest accusation before it, in the same sentence or the ``LOOKBACK`` sentences
just before ("... accused X of ... X rejected the accusation"). No event class: the denial is a statement of
its own; the accusation keeps its own statement.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Token

from .args import Arg, Mentions, resolve_all
from .candidate import Candidate
from .cues import cues
from .events import event_class
from .heads import OBJECT_DEPS, _pobjs, is_passive, subject_heads

LOOKBACK = 2  # sentences before the denial searched for the accusation
OWN_ACCUSER_PREPS = {"by", "from"}
DENIAL, DENIAL_EARLIER = 0.7, 0.6


def _accusation_nouns(verb: Token) -> list[Token]:
    return [ch for ch in verb.children
            if ch.dep_ in OBJECT_DEPS and ch.lemma_.lower() in cues().accusation_nouns]


def _own_accusers(noun: Token, m: Mentions) -> list[Arg]:
    """The accuser the noun phrase names: "Ethiopia's allegation", "the charges by the prosecutor"."""
    heads = [ch for ch in noun.children if ch.dep_ == "poss"]
    heads += [p for ch in noun.children if ch.dep_ == "prep" and ch.lower_ in OWN_ACCUSER_PREPS for p in _pobjs(ch)]
    return resolve_all(heads, m)


def _earlier_accusers(verb: Token, m: Mentions) -> list[Arg]:
    """The agent of the closest accusation (verb or noun) before the denial."""
    first = verb.sent.start
    for _ in range(LOOKBACK):
        if first == 0:
            break
        first = verb.doc[first - 1].sent.start
    for tok in reversed(verb.doc[first: verb.i]):
        if tok.pos_ == "VERB" and event_class(tok.lemma_.lower()) == "Accusation" and not is_passive(tok):
            found = resolve_all(subject_heads(tok), m)
        elif tok.pos_ == "NOUN" and event_class(tok.lemma_.lower(), "NOUN") == "Accusation":
            found = _own_accusers(tok, m)
        else:
            continue
        if found:
            return found
    return []


def denial_triples(sent: Sequence[Token], m: Mentions) -> Iterator[Candidate]:
    """Denier "deny <noun> by" accuser, for each denial verb over an accusation noun."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in cues().denial_verbs:
            continue
        for noun in _accusation_nouns(verb):
            deniers = resolve_all(subject_heads(verb), m)
            accusers, strength = _own_accusers(noun, m), DENIAL
            if not accusers:
                accusers, strength = _earlier_accusers(verb, m), DENIAL_EARLIER
            label = f"deny {noun.lemma_.lower()} by"
            for s in deniers:
                for o in accusers:
                    if s.key != o.key:
                        yield Candidate(s, label, o, verb, None, strength, "denial")
