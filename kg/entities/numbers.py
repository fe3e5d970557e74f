"""Counted groups referred to by their number alone: "The three US soldiers killed by a US bomb ... The three were
killed when ..." -> "the three" is the three soldiers (the last group of people counted with that number)."""

from __future__ import annotations

from spacy.tokens import Doc

from .mentions import Registry, token_index

NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "eleven": 11, "twelve": 12}
ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj"}


def number_of(word: str) -> int | None:
    """2 for "two", "2" or "Two"; None for anything else."""
    word = word.lower().replace(",", "")
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def counted_anaphora(doc: Doc, reg: Registry) -> None:
    """'the three' standing alone as an argument -> the last earlier group of people counted with that number."""
    at = token_index(reg)
    groups = sorted((m for m in reg.mentions if reg.entities[m.key].type == "Person"), key=lambda m: m.start)
    for tok in doc:
        if tok.pos_ != "NUM" or tok.i in at or tok.dep_ not in ARGUMENT_DEPS or tok.i == 0:
            continue
        if doc[tok.i - 1].lower_ != "the" or any(c.dep_ == "prep" for c in tok.children):
            continue  # "the three of them" says whom itself
        n = number_of(tok.text)
        same = [m for m in groups if m.end <= tok.i and n is not None
                and number_of(reg.entities[m.key].label.split()[0]) == n]
        if same:
            reg.add(same[-1].key, tok.i - 1, tok.i + 1, "description", alias=doc[tok.i - 1 : tok.i + 1].text)
            at.update({i: reg.mentions[-1] for i in (tok.i - 1, tok.i)})
