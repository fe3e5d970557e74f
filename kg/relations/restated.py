"""Victims counted twice: one group of people an article reports killed in two sentences, in other words.

"rebel groups, who killed three dozen Kenyans in bomb attacks last week ... two bombers from
al-Shabaab killed 37 people on Friday and Saturday": the three dozen Kenyans and the 37 people are one group, one node.
Two killings' victims are one group when

- both are counted groups of people, killed (event class Killing), and neither killing is negated;
- their counts agree: the same number, or within a tenth (at least one) when one of them is approximate ("two
  dozen", "about 25", "more than 20");
- their nouns agree: the same noun, or a generic one ("people") and any other; no two different nationalities;
- no two different places are given for the killings.

The group keeps the label of the first of them, unless only the other says who they were ("three dozen Kenyans"
rather than "37 people"). Counts that differ ("five Somalis ... four Somalis near Kismayo") are never one
group: the second is often part of the first.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from ..entities import MENTIONS
from ..entities.mentions import plural_person
from ..entities.numbers import number_of
from ..model import Entity, Statement

APPROXIMATE = {"dozen", "dozens", "about", "around", "nearly", "almost", "some", "roughly", "approximately",
               "more", "over", "least", "up", "than"}
GENERIC_NOUNS = {"people", "persons", "others"}
TOLERANCE = 0.1  # share of the larger count an approximate count may differ by


def count_of(quantity: str | None) -> tuple[int, bool] | None:
    """(number, approximate) of a statement's quantity: "25" -> (25, False), "two dozen" -> (24, True),
    "about 40" -> (40, True); None when it holds no number."""
    if not quantity:
        return None
    words = quantity.lower().replace("-", " ").split()
    numbers = [n for n in (number_of(w) for w in words) if n is not None]
    dozen = "dozen" in words or "dozens" in words
    if not numbers:
        return (12, True) if dozen else None
    value = numbers[0] * (12 if dozen else 1)
    return value, dozen or any(w in APPROXIMATE for w in words)


def _counts_agree(a: tuple[int, bool], b: tuple[int, bool]) -> bool:
    if a[0] == b[0]:
        return True
    return (a[1] or b[1]) and abs(a[0] - b[0]) <= max(1, round(TOLERANCE * max(a[0], b[0])))


def _noun(ent: Entity) -> str:
    return ent.label.lower().split()[-1]


def _nouns_agree(a: Entity, b: Entity) -> bool:
    if a.nationality and b.nationality and a.nationality != b.nationality:
        return False
    return _noun(a) == _noun(b) or _noun(a) in GENERIC_NOUNS or _noun(b) in GENERIC_NOUNS


def _victims(st: Statement, entities: dict[str, Entity]) -> tuple[int, bool] | None:
    if st.event_type != "Killing" or st.negated or st.object not in entities:
        return None
    return count_of(st.quantity) if plural_person(entities[st.object]) else None


def restated_victims(statements: list[Statement], entities: dict[str, Entity]) -> dict[str, str]:
    """Victim group key -> the key of the group it restates (see the module docstring)."""
    killings = [(st, n) for st in sorted(statements, key=lambda s: s.start)
                if (n := _victims(st, entities)) is not None]
    same: dict[str, str] = {}
    for i, (a, count_a) in enumerate(killings):
        for b, count_b in killings[i + 1:]:
            first, second = same.get(a.object, a.object), same.get(b.object, b.object)
            if first == second or not _counts_agree(count_a, count_b):
                continue
            if a.place and b.place and a.place != b.place:
                continue
            ea, eb = entities[first], entities[second]
            if not _nouns_agree(ea, eb):
                continue
            keep, gone = (second, first) if _noun(ea) in GENERIC_NOUNS and _noun(eb) not in GENERIC_NOUNS \
                else (first, second)
            same.update({k: keep for k, v in same.items() if v == gone})
            same[gone] = keep
    return same


def merge_entities(doc: Doc, statements: list[Statement], same: dict[str, str]) -> list[Statement]:
    """Apply ``same`` (old key -> kept key) to the doc's entities and mentions and to the statements; a statement
    that becomes a copy of another of its sentence is dropped (the more confident one stays)."""
    if not same:
        return statements
    entities = doc._.kg_entities
    for old, new in same.items():
        gone, kept = entities.pop(old), entities[new]
        kept.aliases |= gone.aliases | {gone.label}
        kept.mentions += gone.mentions
        kept.nationality = kept.nationality or gone.nationality
    for span in doc.spans[MENTIONS] if MENTIONS in doc.spans else []:
        if span._.kg_key in same:
            span._.kg_key = same[span._.kg_key]
    for ent in entities.values():
        if ent.described_by and ent.described_by[1] in same:
            ent.described_by = (ent.described_by[0], same[ent.described_by[1]])
    best: dict[tuple[str, str, str, int], Statement] = {}
    for st in statements:
        st = replace(st, subject=same.get(st.subject, st.subject), object=same.get(st.object, st.object),
                     place=same.get(st.place, st.place) if st.place else None,
                     assisting=same.get(st.assisting, st.assisting) if st.assisting else None)
        key = (st.subject, st.predicate, st.object, st.start)
        if key not in best or best[key].confidence < st.confidence:
            best[key] = st
    return list(best.values())
