"""Light verbs: the event a verb names together with its noun ("put X under house arrest" -> put under
arrest, Arrest; "opened fire on X" -> open fire, Attack), from ``kg/lexicons/light_verbs.yaml``."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from .. import lexicons
from .cues import cues

RESULT = "<result>"  # an entry whose words are the state its object is left in, not a noun
RESULT_DEPS = {"oprd", "acomp", "xcomp", "ccomp", "advmod", "conj"}


@cache
def _entries() -> tuple[tuple[frozenset[str], str | None, frozenset[str], str, str | None], ...]:
    out = []
    for entry in lexicons.load("light_verbs"):
        if "result" in entry:  # "left 14 Kenyans dead": the object's state names the event
            out.append((frozenset(entry["verbs"]), RESULT, frozenset(entry["result"]), entry["label"], entry["class"]))
            continue
        nouns = entry.get("nouns") or entry.get("object")
        out.append((frozenset(entry["verbs"]), entry.get("prep"), frozenset(nouns), entry["label"], entry["class"]))
    return tuple(out)


@cache
def _target_preps() -> dict[str, frozenset[str]]:
    """Label -> the prepositions whose object is the target of that light verb beyond the usual ones ("keep the
    peace in X": X)."""
    return {e["label"]: frozenset(e["targets"]) for e in lexicons.load("light_verbs") if e.get("targets")}


def light_target_preps(label: str) -> frozenset[str]:
    return _target_preps().get(label, frozenset())


def light_verb(verb: Token) -> tuple[str, str | None] | None:
    """(label, event class) when the verb and one of its nouns make a light-verb event, else None."""
    lemma = verb.lemma_.lower()
    for verbs, prep, nouns, label, cls in _entries():
        if lemma not in verbs:
            continue
        if prep == RESULT:
            if any(c.dep_ in {"dobj", "obj"} for c in verb.children) and any(
                    c.dep_ in RESULT_DEPS and c.lower_ in nouns and c.i > verb.i for c in verb.children):
                return label, cls
            continue
        for child in verb.children:
            if prep is None and child.dep_ in {"dobj", "obj", "nsubjpass"} and counted(child).lemma_.lower() in nouns:
                return label, cls
            if prep is not None and child.dep_ == "prep" and child.lower_ == prep and any(
                    p.dep_ == "pobj" and p.lemma_.lower() in nouns for p in child.children):
                return label, cls
            if prep == "to" and child.dep_ in {"advcl", "xcomp"} and child.lower_ in nouns and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in child.children):
                return label, cls  # "holding him to account": the parser's infinitive "to account"
    return None


def counted(noun: Token) -> Token:
    """What a quantity noun counts: "a series of strikes" -> strikes."""
    if noun.lemma_.lower() in cues().quantity_nouns or noun.lower_ in cues().quantity_nouns:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return pobj
    return noun
