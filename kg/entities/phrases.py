"""What a participant's noun phrase says: where it starts, who owns it, whether it is bare, specific, one harmed,
a part of a named place, the town named before, or a site an attack or search takes."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Token

from .arguments import partitive
from .mentions import Mention, Registry, sentence_starts
from .participant_words import verb_class, words

MODIFIER_DEPS = {"amod", "compound", "nummod", "nmod", "quantmod", "npadvmod"}
LEADING = {"DET", "PRON", "PUNCT", "CCONJ", "ADV", "PART"}
DEFINITE = {"the", "these", "those", "this", "that"}


def searched_or_stormed(head: Token) -> bool:
    """A bare definite site noun ("the forests", "the palace"; not "the area") that an attack, raid, search or
    capture verb takes as its object."""
    return (head.dep_ in {"dobj", "obj"} and head.lemma_.lower() in words()["sites"]
            and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
            and verb_class(head.head) in {"Attack", "Raid", "Surveillance", "Capture"})


def pronoun_owner(head: Token) -> Token | None:
    """The possessive pronoun of a head ("his jets"), or of the first of its conjuncts ("his jets,
    helicopter gunships and armoured cars": the gunships are his too)."""
    first = head
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    return next((c for c in first.children if c.dep_ == "poss" and c.tag_ == "PRP$"), None)


TOWN_NOUNS = {"town", "city", "village"}  # "the town": the last named one of its sentence or the one before


def last_town(doc: Doc, reg: Registry, head: Token) -> str | None:
    if head.lemma_.lower() not in TOWN_NOUNS or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return None
    if head.i + 2 < len(doc) and doc[head.i + 1].lower_ == "of":
        return None  # "the town of Dolna": the name that follows
    starts = sentence_starts(doc)
    lo = starts[max(0, bisect_right(starts, head.i) - 2)]
    towns = [m for m in reg.mentions if lo <= m.start and m.end <= head.i and m.kind == "name"
             and reg.entities[m.key].type == "Location" and reg.entities[m.key].subtype == "City"]
    return max(towns, key=lambda m: m.start).key if towns else None


def part_of_named(head: Token, at: dict[int, Mention], reg: Registry) -> str | None:
    """The named place a part-of-place noun is "of" or "in" ("key areas in the Koh Sabz region")."""
    from ..relations.cues import cues  # the relations package imports this module

    if head.lemma_.lower() not in cues().place_parts:
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "in"}:
            for pobj in (p for p in prep.children if p.dep_ == "pobj"):
                for tok in (pobj, *(c for c in pobj.children if c.dep_ == "compound")):
                    if tok.i in at and reg.entities[at[tok.i].key].type == "Location":
                        return at[tok.i].key
    return None


def specific_one(head: Token) -> bool:
    """"a man who was detained ...", "a woman held in ...": an indefinite singular that a clause of an
    event makes someone in particular."""
    doc = head.doc
    return (head.tag_ == "NN" and head.i > 0 and doc[head.i - 1].lower_ in {"a", "an"}
            and any(c.dep_ in {"relcl", "acl"} and c.pos_ == "VERB" and c.lemma_.lower() in words()["verbs"]
                    for c in head.children))


def anaphor_key(tok: Token) -> tuple[str, bool]:
    """A head noun as an anaphor matches it: lemma and number ("the force" is not "US forces")."""
    return tok.lemma_.lower(), tok.tag_ in {"NNS", "NNPS"}


def against_prefixed(doc: Doc, start: int) -> bool:
    """"anti-Taliban fighters", "pro-government militia": a prefixed group is the one they fight or back, not theirs."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in {"anti", "pro", "counter", "non"}


def harmed_one(head: Token) -> bool:
    """"a gunman killed a settler", "a policeman was wounded": one unnamed doer or victim of a casualty verb is
    someone in particular."""
    doc = head.doc
    if head.tag_ not in {"NN", "NNP"} or head.i == 0 or doc[head.i - 1].lower_ not in {"a", "an"}:
        return False
    if head.dep_ == "pobj" and head.head.lower_ == "of":  # "the death of a Chechen"
        return head.head.head.lemma_.lower() in words()["casualty_nouns"]
    return head.dep_ in {"dobj", "nsubjpass", "nsubj"} and head.head.lemma_.lower() in words()["casualty_verbs"]


def is_bare(doc: Doc, head: Token) -> bool:
    """A head with nothing before it but a determiner ("the gunmen", "soldiers")."""
    return strip_leading(doc, modifiers_start(head), head.i) == head.i and head.dep_ != "pobj" or (
        head.dep_ == "pobj" and strip_leading(doc, modifiers_start(head), head.i) == head.i
        and partitive(head.head.head).i != head.i)


def strip_leading(doc: Doc, start: int, head: int) -> int:
    """The start of a description without leading determiners, pronouns, adverbs and punctuation."""
    while start < head and (doc[start].pos_ in LEADING or doc[start].tag_ in {"PRP$", "POS"}
                            or doc[start].lower_ in words()["empty"]):
        start += 1
    return start


def modifiers_start(head: Token) -> int:
    """First token of the head's pre-modifiers (adjectives, compounds, numbers, and their own subtrees)."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in MODIFIER_DEPS or child.dep_ == "det":
            start = min(start, child.left_edge.i)
    return start
