"""A description named by "called" or "known as": "the new mission, called the Regional Stabilisation Force
(RSF)" -> the force described before ("a joint force") is that organisation: one node, the name's.

The described one is the noun right before ", called" (the parser often hangs the participle on the noun phrase
that holds it); the name, what "called" takes (or the object of "known as"). Both must be of one type, the
description unnamed (a participant or a description mention) and the name a name mention.
"""

from __future__ import annotations

from spacy.tokens import Doc

from .mentions import Registry, merge, token_index

NAMING = {"call", "name", "dub", "know"}  # "the new force, called X", "a network known as X"
NAME_DEPS = {"oprd", "attr", "dobj", "appos"}


def _name_tokens(verb) -> list:
    """The name "called" gives, and its apposed acronym: "called the African Union Mission in Somalia (AMISOM)"."""
    if verb.lemma_.lower() == "know":  # "known as X"
        names = [p for a in verb.children if a.dep_ == "prep" and a.lower_ == "as" for p in a.children
                 if p.dep_ == "pobj"]
    else:
        names = [c for c in verb.children if c.dep_ in NAME_DEPS and c.pos_ == "PROPN"]
    return [t for n in names for t in (n, *(a for a in n.children if a.dep_ == "appos" and a.pos_ == "PROPN"))]


def _earlier_same_noun(doc: Doc, reg: Registry, noun):
    """"the new force": the last unnamed mention before it whose head is that noun ("a multinational force")."""
    if noun.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return None
    before = [m for m in reg.mentions if m.end <= noun.i and m.kind != "name"
              and doc[m.end - 1].lemma_.lower() == noun.lemma_.lower()]
    return max(before, key=lambda m: m.start) if before else None


def called_names(doc: Doc, reg: Registry) -> None:
    at = token_index(reg)
    for verb in doc:
        if verb.lemma_.lower() not in NAMING or verb.dep_ != "acl" or verb.i < 2 or doc[verb.i - 1].text != ",":
            continue
        described = at.get(verb.i - 2) or _earlier_same_noun(doc, reg, doc[verb.i - 2])
        named = next((at[t.i] for t in _name_tokens(verb) if t.i in at), None)
        if described is None or named is None or named.kind != "name" or described.key == named.key:
            continue
        old, new = reg.entities[described.key], reg.entities[named.key]
        if described.kind == "name" or old.type != new.type or old.label[:1].isupper():
            continue  # a name is not renamed; an unnamed description only, of the name's type
        merge(reg, described.key, named.key)  # the mentions in ``at`` take the new key in place
