"""Where people come from and where things stand, said in a noun phrase or a participle.

- a person's home place: "Staff Sergeant Mark Hollis, 34, of Ohio" -> Hollis "from" Ohio;
- a unit's or group's base: "2nd Marine Battalion, based at Camp Pendleton" -> "based in" Camp Pendleton;
- where someone was held: "Tomas Reyes Ortega was arrested in Kenya" -> Ortega "arrested in" Kenya (the
  place of the arrest, whoever made it);
- a site's place: "a border post in the township of Dolna", "the Grand Hotel in east Mostar" -> the
  post, the hotel "located in" the town.

These are static facts (pattern ``role``): they hold beyond the clause's time, place and negation.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Token

from .args import Arg, Mentions, resolve, resolve_all
from .candidate import Candidate
from .heads import is_passive, patient_heads

HOME, BASE, SITE = 0.75, 0.8, 0.75
PLACE_PREPS = {"in", "at", "near", "outside"}


def _polity(ent) -> bool:
    """A named place that is not a site: a country, region, city or town (gazetteer subtype or none)."""
    return ent.type == "Location" and ent.label[:1].isupper() and ent.subtype != "Facility"


def _site(ent) -> bool:
    """A named facility ("the Grand Hotel") or an unnamed place ("a security post")."""
    return ent.type == "Location" and (ent.subtype == "Facility" or not ent.label[:1].isupper())


def _place(prep: Token, m: Mentions, polity: bool = False) -> Arg | None:
    """The named place a preposition takes ("in east Mostar", "at Camp Pendleton, California")."""
    for pobj in prep.children:
        if pobj.dep_ != "pobj":
            continue
        arg = resolve(pobj, m)
        if arg is None or m.type(arg.key) != "Location" or not m.entities[arg.key].label[:1].isupper():
            continue
        if not polity or _polity(m.entities[arg.key]):
            return arg
    return None


def home_places(sent: Sequence[Token], m: Mentions) -> Iterator[Candidate]:
    """A named person "of" a named polity: "Kevin Lee Baxter, 26, of Oregon" -> from Oregon."""
    for name in sent:
        if name.pos_ != "PROPN" or name.dep_ == "compound":
            continue
        person = m.arg(name)
        if person is None or m.type(person.key) != "Person":
            continue
        for prep in name.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                place = _place(prep, m, polity=True)
                if place is not None:
                    yield Candidate(person, "from", place, prep, "Nationality", HOME, "role")


def _located(noun: Token, m: Mentions) -> Arg | None:
    """The unit, group or site a base participle or a place phrase hangs on."""
    arg = m.arg(noun) or resolve(noun, m)
    if arg is None or _polity(m.entities[arg.key]):
        return None
    return arg


def bases(sent: Sequence[Token], m: Mentions) -> Iterator[Candidate]:
    """"X, based at Y" and "X is based in Y" -> X "based in" Y."""
    for verb in sent:
        if verb.lemma_.lower() != "base" or verb.tag_ != "VBN":
            continue
        if verb.dep_ == "acl":
            heads = [verb.head]
        else:
            heads = [c for c in verb.children if c.dep_ == "nsubjpass"]
        for head in heads:
            unit = _located(head, m)
            if unit is None:
                continue
            for prep in verb.children:
                if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS:
                    place = _place(prep, m)
                    if place is not None and place.key != unit.key:
                        yield Candidate(unit, "based in", place, verb, None, BASE, "role")


def sites(sent: Sequence[Token], m: Mentions) -> Iterator[Candidate]:
    """A site "in" a named place: "a border post in the township of Dolna" -> located in Dolna."""
    for noun in sent:
        if noun.pos_ not in {"NOUN", "PROPN"}:
            continue
        site = m.arg(noun)
        if site is None or not _site(m.entities[site.key]) or m.span(noun).root.i != noun.i:
            continue
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                place = _place(prep, m, polity=True)
                if place is not None and place.key != site.key:
                    yield Candidate(site, "located in", place, noun, None, SITE, "role")


DETENTION_VERBS = {"arrest", "detain", "jail", "imprison", "intern", "capture", "seize", "hold"}


def detention_places(sent: Sequence[Token], m: Mentions) -> Iterator[Candidate]:
    """"X was arrested in Kenya" -> X "arrested in" Kenya: without an event class (the arrest is the statement
    with its agent; a place is no one's captor)."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in DETENTION_VERBS or not is_passive(verb):
            continue
        people = [a for a in resolve_all(patient_heads(verb), m) if m.type(a.key) == "Person"]
        places = [p for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "in"
                  for p in [_place(prep, m, polity=True)] if p is not None]
        for person in people:
            for place in places:
                yield Candidate(person, f"{verb.lower_} in", place, verb, None, BASE, "detention-place")


def site_triples(sent: Sequence[Token], m: Mentions) -> Iterator[Candidate]:
    yield from home_places(sent, m)
    yield from bases(sent, m)
    yield from sites(sent, m)
    yield from detention_places(sent, m)
