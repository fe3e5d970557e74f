"""Counted groups that restate a group named before:

- by their number alone: "The four Dutch marines killed by a Dutch mine ... The four were killed when ..." -> "the
  four" is the four marines (the last group of people counted with that number);
- by "the" and their number: "Police arrested four Somali men ... The four Somalis were charged" -> the four
  men (the last group counted with that number whose noun is the same, another combatant noun, or whose
  nationality the demonym names);
- by a count of force people without a country, acting right after such a group with a country acted: "British
  army officers have quietly entered Chad. Six military personnel have held talks with a rebel
  Chadian faction" -> the six are the officers. Not when they suffer it ("Turkish troops entered Afrin. Two soldiers
  were wounded": counted victims stay a group of their own), nor when the sentence before has two such groups.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from spacy.tokens import Doc

from .mentions import Mention, Registry, merge, plural_person, sentence_starts, token_index
from .participant_words import words

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


def _first_mentions(reg: Registry) -> Iterator[Mention]:
    """Each entity's first mention, in text order (keys read as they are when reached: a merge on the way counts)."""
    seen: set[str] = set()
    for m in sorted(reg.mentions, key=lambda m: m.start):
        if m.key not in seen:
            seen.add(m.key)
            yield m


def _acting_force(doc: Doc, reg: Registry, m) -> bool:
    """A mention of a plural group of force people (soldiers, officers, personnel) that is its clause's subject."""
    head = doc[m.end - 1]
    subject = head.dep_ == "nsubj" or head.dep_ == "conj" and head.head.dep_ == "nsubj"
    return (subject and head.lemma_.lower() in words()["force_people"]
            and (plural_person(reg.entities[m.key]) or head.tag_ == "NNS"))  # "French commandos" (a force) too


def restated_forces(doc: Doc, reg: Registry) -> None:
    """A counted group of force people without a country, acting -> the one group of force people with a country
    that acted in the sentence before (see the module docstring)."""
    starts = sentence_starts(doc)
    for m in _first_mentions(reg):
        ent = reg.entities[m.key]
        if m.kind != "description" or ent.country or ent.nationality or not _acting_force(doc, reg, m):
            continue
        if number_of(ent.label.split()[0]) is None:
            continue
        s = bisect_right(starts, m.start) - 1
        if s == 0:
            continue
        lo, hi = starts[s - 1], starts[s]
        before = {p.key for p in reg.mentions if lo <= p.start < hi and p.key != m.key and _acting_force(doc, reg, p)}
        if len(before) == 1:
            key = before.pop()
            if reg.entities[key].country or reg.entities[key].nationality:
                merge(reg, m.key, key)


def _same_people(doc: Doc, lex, noun, group: Mention, ent) -> bool:
    """A definite count's noun fits an earlier counted group: the same noun, two combatant nouns ("the three
    gunmen" after "three militants"), or the demonym of the group's people ("the four Somalis")."""
    other = doc[group.end - 1]
    lemma, combatants = noun.lemma_.lower(), words()["combatants"]
    if lemma == other.lemma_.lower() or lemma in combatants and other.lemma_.lower() in combatants:
        return True
    country = lex.demonyms.get(noun.text) or lex.demonyms.get(noun.text[:-1])
    return country is not None and (ent.nationality == country or any(
        lex.demonyms.get(t.text) == country for t in doc[group.start : group.end]))


def definite_counts(doc: Doc, reg: Registry, lex) -> None:
    """"the three Palestinians" / "the three gunmen" -> the group counted with that number before (see the module
    docstring); a group already mentioned before stays itself."""
    for m in _first_mentions(reg):
        ent = reg.entities[m.key]
        if ent.type != "Person" or m.kind != "description":
            continue
        start = m.start + 1 if doc[m.start].lower_ == "the" else m.start
        if start == 0 or doc[start - 1].lower_ != "the" or start >= m.end - 1:
            continue
        n = number_of(doc[start].text)
        if n is None:
            continue
        groups = [g for g in reg.mentions if g.end <= m.start and g.key != m.key and reg.entities[g.key].type == "Person"
                  and number_of(reg.entities[g.key].label.split()[0]) == n]
        groups = [g for g in groups if _same_people(doc, lex, doc[m.end - 1], g, reg.entities[g.key])]
        if groups:
            merge(reg, m.key, max(groups, key=lambda g: g.start).key)
