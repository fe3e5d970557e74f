"""Casualties counted after a passive casualty verb whose own verb the text leaves out or cuts short:
"Three people were killed and more than 40 injured", "four guards were killed and 15 others wounded".

The second count suffers what its participle says at the hands of whoever did the first: the parser
reads it as a conjunct of the first verb (a count with the participle hanging on it) or as a verb of
its own with the count for subject. :func:`elided_casualties` finds both shapes; the entity step makes
the count a node ("40 people", "15 others") and the relation step gives it the first verb's agent.
"""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA
from spacy.tokens import Token

from .participant_words import words

COUNTED_OTHERS = {"others", "more"}  # "20 others wounded"


def is_passive_casualty(verb: Token) -> bool:
    return verb.lemma_.lower() in words()["casualty_verbs"] and any(
        c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)


def _count(tok: Token) -> bool:
    """A count of people: "120", "more than 120", "20 others"."""
    if tok.pos_ == "NUM" and tok.like_num:
        return True
    return tok.lower_ in COUNTED_OTHERS and any(c.dep_ == "nummod" and c.like_num for c in tok.children)


def elided_casualties(verb: Token) -> list[tuple[Token, Token]]:
    """(participle, counted victims) of the counts that follow the passive casualty ``verb`` in its coordination."""
    if not is_passive_casualty(verb):
        return []
    out = []
    casualty = words()["casualty_verbs"]
    for conj in verb.children:
        if conj.dep_ != "conj":
            continue
        if _count(conj):  # "... were killed and more than 40 injured": the participle hangs on the count
            out += [(p, conj) for p in conj.children
                    if p.dep_ == "acl" and p.tag_ == "VBN" and p.lemma_.lower() in casualty]
        elif conj.pos_ == "VERB" and conj.lemma_.lower() in casualty and not any(
                c.dep_ in {"aux", "auxpass", "dobj", "obj", "nsubjpass"} for c in conj.children):
            out += [(conj, s) for s in conj.children if s.dep_ == "nsubj" and _count(s)]  # "and 15 others wounded"
    for participle in verb.children:  # "killed in the blasts and around 40 injured": the count hangs elsewhere
        before = participle.nbor(-1) if participle.i > verb.i + 1 else None
        if participle.dep_ in {"advcl", "conj"} and participle.tag_ == "VBN" and before is not None \
                and participle.lemma_.lower() in casualty and before.dep_ == "conj" and _count(before) \
                and not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in participle.children):
            out.append((participle, before))
    return out


def elided_counts(doc) -> set[int]:
    """Indices of the counts :func:`elided_casualties` finds anywhere in the doc (computed once per doc)."""
    found = doc.user_data.get("kg_elided_counts")
    if found is None:
        hashes = {doc.vocab.strings.add(w) for w in words()["casualty_verbs"]}  # lemmas compared as hashes: no
        lemmas = doc.to_array([LEMMA])  # Token object for each word of the doc
        found = doc.user_data["kg_elided_counts"] = {
            count.i for i in numpy.flatnonzero(numpy.isin(lemmas, list(hashes)))
            for _, count in elided_casualties(doc[int(i)])}
    return found


def count_label(tok: Token) -> str:
    """The node label of a count: "120 people", "20 others"."""
    if tok.pos_ == "NUM":
        return "one person" if tok.lower_ in {"one", "1"} else f"{tok.text} people"
    number = next(c for c in tok.children if c.dep_ == "nummod")
    return f"{number.text} {tok.lower_}"
