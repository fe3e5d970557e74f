"""A named person replaces the description that introduced them.

Wire copy often opens on a description and names the person a sentence later: "Kenyan police have detained a
man suspected of trafficking hundreds of migrants ... Tomas Reyes Ortega, 52, was detained in Kenya
last week". When an unnamed, singular person undergoes an event in the first sentences before anyone is named,
and the first person named in the next ``REACH`` sentences undergoes or does an event of the same class, the
description's node becomes the name's (its mentions, aliases and nationality go with it).
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from .mentions import Registry, merge, plural_person, sentence_starts, token_index
from .participant_words import verb_class

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
    starts = sentence_starts(doc)
    ordered = sorted(reg.mentions, key=lambda m: m.start)
    names = [m for m in ordered if m.kind == "name" and reg.entities[m.key].type == "Person"
             and not plural_person(reg.entities[m.key])]
    if not names:
        return
    first = names[0]
    name_sent = bisect_right(starts, first.start) - 1
    for m in ordered:
        if m.start >= first.start:
            break
        sent = bisect_right(starts, m.start) - 1
        if sent >= LEAD or not 0 < name_sent - sent <= REACH or not _unnamed_person(reg, m.key) \
                or plural_person(reg.entities[m.key]):
            continue
        cls = _event_of(doc, m.start, m.end)
        if cls is not None and cls == _event_of(doc, first.start, first.end):
            merge(reg, m.key, first.key)
            return


def same_deed(doc: Doc, reg: Registry) -> None:
    """"the burial of an attacker who killed a farmer ... Karim Nasser, one of three raiders who shot the
    farmer dead": an unnamed person who did something to someone is the person named in the next ``REACH``
    sentences as doing an event of the same class to the same victim."""
    from ..relations.events import event_class  # the relations package imports this one
    from ..relations.heads import verb_label
    from ..relations.light import light_verb
    starts = sentence_starts(doc)
    at = token_index(reg)
    deeds = []  # (mention, class, victim key) of the people an event verb has for subject
    for m in sorted(reg.mentions, key=lambda m: m.start):
        if reg.entities[m.key].type != "Person" or plural_person(reg.entities[m.key]):
            continue
        for verb in _deeds(doc[m.start : m.end].root):
            victims = {at[o.i].key for o in verb.children if o.dep_ in {"dobj", "obj"} and o.i in at}
            cls = (light_verb(verb) or (None, event_class(verb_label(verb)) or verb_class(verb)))[1]  # "shot the
            # farmer dead": a killing
            if cls is not None:
                deeds += [(m, cls, v) for v in victims if v != m.key]
    for m, cls, victim in deeds:
        if m.kind != "description" or not _unnamed_person(reg, m.key):
            continue
        sent = bisect_right(starts, m.start) - 1
        hi = starts[sent + REACH + 1] if sent + REACH + 1 < len(starts) else len(doc)
        named = {n.key for n, c, v in deeds if n.kind == "name" and m.end <= n.start < hi and c == cls and v == victim}
        if len(named) == 1:
            merge(reg, m.key, named.pop())


def _deeds(root) -> list:
    """Verbs a mention is the doer of: its clause's ("a gunman killed"), a relative clause on it ("a gunman who
    killed"), or on the group an apposition takes it from ("X, one of three raiders who shot")."""
    verbs = [root.head] if root.dep_ == "nsubj" else []
    hosts = [root] + [p for a in root.children if a.dep_ == "appos" and a.lower_ == "one"
                      for prep in a.children if prep.dep_ == "prep" and prep.lower_ == "of"
                      for p in prep.children if p.dep_ == "pobj"]
    verbs += [c for h in hosts for c in h.children if c.dep_ == "relcl"
              and any(g.dep_ == "nsubj" and g.tag_ in {"WP", "WDT"} for g in c.children)]
    return [v for v in verbs if v.pos_ == "VERB"]


def quoted_protagonists(doc: Doc, reg: Registry) -> None:
    """'he' in a quote is the unnamed person the story is about, not someone named in passing: when a he/she
    pronoun inside quotation marks went to a named person who is not the quote's speaker, and an unnamed person
    of that gender was described more often before it ("a man ... The man ... the man"), the pronoun is theirs."""
    from .coref import GENDER
    from .quotes import speakers

    quoted = speakers(doc)
    before: dict[str, int] = {}
    ordered = sorted(reg.mentions, key=lambda m: m.start)
    for m in ordered:
        if m.kind != "pronoun":
            before[m.key] = before.get(m.key, 0) + 1
            continue
        tok = doc[m.start]
        gender = GENDER.get(tok.lower_)
        if gender is None or m.start not in quoted or _unnamed_person(reg, m.key):
            continue
        speaker = quoted[m.start]
        if any(s.key == m.key and s.start <= speaker < s.end for s in ordered):
            continue  # the speaker speaking of themselves
        nouns = {"male": _MALE, "female": _FEMALE}[gender]
        described = [k for k, n in before.items() if n >= DESCRIBED and _unnamed_person(reg, k)
                     and not plural_person(reg.entities[k]) and reg.entities[k].label.split()[-1].lower() in nouns]
        if len(described) == 1 and before[described[0]] > before.get(m.key, 0):
            m.key = described[0]
        before[m.key] = before.get(m.key, 0) + 1


_MALE = {"man", "boy", "father", "son", "brother", "husband"}
_FEMALE = {"woman", "girl", "mother", "daughter", "sister", "wife"}
DESCRIBED = 2  # mentions of the unnamed person before the pronoun
