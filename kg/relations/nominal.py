"""Nominal events: an event noun with its participants.

- "the capture of X by Y", "a U.S. raid on X", "Daesh's attack on X"
  -> Y capture X, U.S. raid X, Daesh attack X;
- frames that make a clause's subject a participant: "X played a key role in
  the death of Y" -> X "role in death" Y; "X was key to Y's capture" -> X
  "key to capture" Y; "X contributed to the arrest of Y".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Token

from .args import Arg, Mentions, resolve_all
from .candidate import Candidate
from .clauses import subject_heads
from .cues import cues
from .events import event_class

PATIENT_PREPS = {"of", "on", "against", "upon"}
MODIFIER_DEPS = {"compound", "amod", "nmod"}

NOMINAL, FRAME = 0.7, 0.7


def _pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ == "pobj"]


def participants(noun: Token, m: Mentions) -> tuple[list[Arg], list[Arg]]:
    """(agents, patients) of an event noun from its modifiers and prepositions."""
    agents: list[Arg] = []
    patients: list[Arg] = []
    poss: list[Token] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in PATIENT_PREPS:
            patients += resolve_all(_pobjs(child), m)
        elif child.dep_ == "prep" and child.lower_ == "by":
            agents += resolve_all(_pobjs(child), m)
        elif child.dep_ == "poss":
            poss.append(child)
        elif child.dep_ in MODIFIER_DEPS:
            arg = m.arg(child)
            if arg is not None and m.type(arg.key) != "Person":
                agents.append(arg)
    if poss:
        # "Jasim's capture": the possessor undergoes it, unless a patient is named ("Daesh's attack on X")
        (agents if patients else patients).extend(resolve_all(poss, m))
    return agents, patients


def _frame_subjects(noun: Token) -> tuple[list[Token], str] | None:
    """The clause subject and frame label when the event noun sits in a participation frame."""
    c = cues()
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep":
        return None
    frame = prep.head
    lemma = frame.lemma_.lower()
    if lemma in c.frame_nouns and frame.dep_ in {"dobj", "attr"}:
        return subject_heads(frame.head), f"{lemma} {prep.lower_}"
    if lemma in c.frame_adjectives and frame.dep_ in {"acomp", "attr", "amod"}:
        return subject_heads(frame.head), f"{lemma} {prep.lower_}"
    if frame.lemma_.lower() in c.frame_verbs and frame.pos_ == "VERB":
        return subject_heads(frame), f"{lemma} {prep.lower_}"
    if lemma in c.frame_nouns and frame.dep_ == "pobj":  # "... with a role in ..."
        return None
    if prep.head.pos_ == "VERB":  # the noun's own clause: "played a key role in the death", prep on the verb
        role = [ch for ch in frame.children if ch.dep_ in {"dobj", "attr"} and ch.lemma_.lower() in c.frame_nouns]
        if role:
            return subject_heads(frame), f"{role[0].lemma_.lower()} {prep.lower_}"
    return None


def nominal_triples(sent: Sequence[Token], m: Mentions) -> Iterator[Candidate]:
    """Triples whose event is a noun."""
    for noun in sent:
        if noun.pos_ != "NOUN":
            continue
        lemma = noun.lemma_.lower()
        event = event_class(lemma, "NOUN")
        if event is None or lemma in cues().roles:
            continue
        agents, patients = participants(noun, m)
        for a in agents:
            for p in patients:
                if a.key != p.key:
                    yield Candidate(a, lemma, p, noun, event, NOMINAL, "nominal")
        frame = _frame_subjects(noun)
        if frame is None or not patients:
            continue
        heads, label = frame
        for s in resolve_all(heads, m):
            for p in patients:
                if s.key != p.key:
                    yield Candidate(s, f"{label} {lemma}", p, noun, event, FRAME, "frame")
