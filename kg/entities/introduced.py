"""A named person replaces the description that introduced them.

Wire copy often opens on a description and names the person a sentence later: "Malaysian police have arrested a
man believed to have smuggled thousands of boat people ... Naeil Ahmad Abdullah, 41, was arrested in Malaysia
last month". When an unnamed, singular person undergoes an event in the first sentences before anyone is named,
and the first person named in the next ``REACH`` sentences undergoes or does an event of the same class, the
description's node becomes the name's (its mentions, aliases and nationality go with it).
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from .mentions import Registry, sentence_starts
from .participants import verb_class

REACH = 2  # sentences after the description's where the name must come
LEAD = 3  # the description must come in the article's first sentences
VERDICTS = {"guilty"}  # "found guilty": a court's judgement, as "convicted" or "sentenced"


def _event_of(doc: Doc, start: int, end: int) -> str | None:
    """The class of the event verb a mention is an argument of ("arrested a man", "X was arrested")."""
    root = doc[start:end].root
    head = root.head
    if root.dep_ == "pobj":
        head = head.head
    while head.pos_ == "VERB" and verb_class(head) is None and head.dep_ in {"relcl", "acl", "xcomp"} \
            and head.head.pos_ == "VERB":
        head = head.head
    if any(c.lower_ in VERDICTS for c in head.children):
        return "Charge"  # "has been found guilty of ..."
    return verb_class(head)


def _unnamed_person(reg: Registry, key: str) -> bool:
    ent = reg.entities[key]
    return ent.type == "Person" and ent.described_by is None and not any(
        m.kind == "name" for m in reg.mentions if m.key == key)


def introduced_names(doc: Doc, reg: Registry) -> None:
    from .coref import _merge, _plural_person

    starts = sentence_starts(doc)
    ordered = sorted(reg.mentions, key=lambda m: m.start)
    names = [m for m in ordered if m.kind == "name" and reg.entities[m.key].type == "Person"
             and not _plural_person(reg.entities[m.key])]
    if not names:
        return
    first = names[0]
    name_sent = bisect_right(starts, first.start) - 1
    for m in ordered:
        if m.start >= first.start:
            break
        sent = bisect_right(starts, m.start) - 1
        if sent >= LEAD or not 0 < name_sent - sent <= REACH or not _unnamed_person(reg, m.key) \
                or _plural_person(reg.entities[m.key]):
            continue
        cls = _event_of(doc, m.start, m.end)
        if cls is not None and cls == _event_of(doc, first.start, first.end):
            _merge(reg, m.key, first.key)
            return
