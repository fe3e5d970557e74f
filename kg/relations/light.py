"""Light verbs: the event a verb names together with its noun ("put X under house arrest" -> put under
arrest, Arrest; "opened fire on X" -> open fire, Attack), from ``kg/lexicons/light_verbs.yaml``."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from .. import lexicons


@cache
def _entries() -> tuple[tuple[frozenset[str], str | None, frozenset[str], str, str | None], ...]:
    out = []
    for entry in lexicons.load("light_verbs"):
        nouns = entry.get("nouns") or entry.get("object")
        out.append((frozenset(entry["verbs"]), entry.get("prep"), frozenset(nouns), entry["label"], entry["class"]))
    return tuple(out)


def light_verb(verb: Token) -> tuple[str, str | None] | None:
    """(label, event class) when the verb and one of its nouns make a light-verb event, else None."""
    lemma = verb.lemma_.lower()
    for verbs, prep, nouns, label, cls in _entries():
        if lemma not in verbs:
            continue
        for child in verb.children:
            if prep is None and child.dep_ in {"dobj", "obj", "nsubjpass"} and child.lemma_.lower() in nouns:
                return label, cls
            if prep is not None and child.dep_ == "prep" and child.lower_ == prep and any(
                    p.dep_ == "pobj" and p.lemma_.lower() in nouns for p in child.children):
                return label, cls
    return None
