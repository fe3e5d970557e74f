"""Event details read around a candidate's anchor: who says so, how sure, when, where, how many.

- attribution: the subject of a speech verb the event is reported under
  ("..., three security sources said"; "X told Reuters that ..."), or the
  object of "according to";
- modality and negation: modal auxiliaries ("could"), negation ("not"),
  hedges ("allegedly"), complement-taking verbs ("planned to", "declined to"),
  and speech verbs that do not assert ("denied");
- time: DATE expressions attached to the event (or to its operation noun),
  normalised by :mod:`kg.relations.time`;
- place: a Location entity after "in", "at", "near" ... attached to the event,
  its operation noun or its object;
- quantity: a number or sum attached to the object ("at least 850 suspects", "$5 million").
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Span, Token

from .args import Mentions, resolve
from .cues import cues
from .events import SCENE_CLASSES, event_class
from .heads import is_purpose, purpose_modality
from ..entities.participant_words import is_place_noun
from .time import normalise

# A clause's negation and modality do not reach into what modifies or coordinates with it
# ("Turkey, which backs X, did not comment": backing is not negated).
TIME_LINKS = {"conj", "advcl", "xcomp"}
MAX_TIME_CLIMB = 3
ISO = re.compile(r"^\d{4}(-\d{2}){0,2}$")
POINT_WORDS = re.compile(r"^(?:(?:last |early |late )?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?: (?:morning|afternoon|"
                         r"evening|night))?|today|tonight|yesterday|last night|this (?:morning|afternoon|evening))$", re.I)
DURATION = re.compile(r"-year-old|\b(?:year|years|month|months|week|weeks|day|days|hours?)\b", re.I)
MAX_PLACE_DEPTH = 2  # "the caves (1) in the mountains (2) near Kidal"
SCENE_DEPS = {"conj", "advcl"}  # verbs whose head clause happened where they did (not "urged X to ...")
CLAUSE_BOUNDARIES = {"conj", "relcl", "acl", "appos", "advcl", "parataxis", "ccomp"}
REPORTING_DEPS = {"ccomp", "parataxis", "xcomp", "conj", "advcl", "dep"}
MAX_SOURCE_WORDS = 12
DETERMINERS = {"the", "a", "an"}


class Details(NamedTuple):
    attributed_to: str | None
    negated: bool
    modality: str | None
    time: str | None
    place: str | None
    quantity: str | None


def _phrase(tok: Token, m: Mentions) -> str:
    """A short label for a source: its entity label, else its noun phrase up to the head and its conjuncts."""
    arg = resolve(tok, m)
    if arg is not None:
        return m.entities[arg.key].label
    end = max([tok.i] + [c.i for c in tok.conjuncts])
    for child in tok.children:  # "one of the Iraqi sources"
        if child.dep_ == "prep" and child.lower_ == "of" and tok.pos_ in {"NUM", "PRON"}:
            end = max(end, child.right_edge.i)
    words = [t for t in tok.doc[tok.left_edge.i : end + 1] if not t.is_space and t.dep_ != "punct"]
    while words and words[0].lower_ in DETERMINERS:
        words = words[1:]
    text = " ".join(t.text for t in words[:MAX_SOURCE_WORDS])
    return text[:1].lower() + text[1:] if words and words[0].pos_ != "PROPN" else text


def _speaker(verb: Token, m: Mentions) -> str | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.pos_ != "PRON":
            return _phrase(child, m)
        if child.dep_ == "nsubj":  # a pronoun source, resolved or not
            arg = resolve(child, m)
            return m.entities[arg.key].label if arg else None
    return None


def _comments(verb: Token) -> bool:
    """True for "..., a charge Kabul denies": the speech verb's object is a claim noun, not the clause."""
    return any(ch.dep_ in {"dobj", "obj"} and ch.lemma_.lower() in cues().claim_nouns for ch in verb.children)


def _according_to(sent: Span, m: Mentions) -> str | None:
    """The source of "according to X" ("according to the website of X" names X)."""
    for tok in sent:
        if tok.lower_ != "according":
            continue
        for pobj in (p for prep in tok.children if prep.lower_ == "to" for p in prep.children if p.dep_ == "pobj"):
            if pobj.lemma_.lower() in cues().channel_nouns:
                inner = [p for of in pobj.children if of.dep_ == "prep" and of.lower_ == "of"
                         for p in of.children if p.dep_ == "pobj"]
                if inner:
                    return _phrase(inner[0], m)
            return _phrase(pobj, m)
    return None


def _modality(tok: Token) -> tuple[bool, str | None]:
    c = cues()
    negated, modality = False, None
    for child in tok.children:
        low = child.lower_
        if child.dep_ == "neg" or (low in c.negations and child.dep_ in {"advmod", "neg", "det"}):
            negated = True
        elif child.dep_ == "aux" and low in c.modal_aux:
            modality = modality or c.modal_aux[low]
        elif child.dep_ == "advmod" and low in c.hedges:
            modality = modality or c.hedges[low]
        elif child.dep_ == "mark" and low in c.condition_marks:
            modality = modality or c.condition_marks[low]
    return negated, modality


def _time_tokens(tok: Token) -> list[Token]:
    """DATE tokens attached to an event word directly, through a preposition, or through its operation noun."""
    c = cues()
    found = []
    for child in tok.children:
        if child.ent_type_ == "DATE" and child.dep_ in {"npadvmod", "advmod", "tmod", "obl", "nmod"}:
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ in c.time_preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    if pobj.ent_type_ == "DATE":
                        found.append(pobj)
                    elif pobj.lemma_.lower() in c.operation_nouns and tok.pos_ == "VERB":
                        found += _time_tokens(pobj)
        elif child.dep_ == "advmod" and any(g.ent_type_ == "DATE" for g in child.children):
            found += [g for g in child.children if g.ent_type_ == "DATE"]
    return found


def _clause_time(anchor: Token) -> list[Token]:
    """The time of the clause an event word sits in, through coordination and adverbial clauses ("troops
    stormed the town on Monday and arrested ..."), not through reporting verbs (the report has its own)."""
    tok = anchor
    for _ in range(MAX_TIME_CLIMB):
        if tok.dep_ not in TIME_LINKS or tok.head.i == tok.i:
            return []
        tok = tok.head
        found = _time_tokens(tok)
        if found:
            return found
    return []


def _sentence_time(anchor: Token, published: str | None) -> str | None:
    """The one point in time the event's sentence names, if it names one and no other, and not as the time of
    another verb ("..., sources said Tuesday"; "... and on Sunday he was charged")."""
    points = []
    for ent in anchor.sent.ents:
        if ent.label_ not in {"DATE", "TIME"}:
            continue
        head = ent.root.head.head if ent.root.head.dep_ == "prep" else ent.root.head
        if head.pos_ in {"VERB", "AUX"} and head.i != anchor.i:
            continue
        value = normalise(ent.text, published)
        if ISO.match(value) or POINT_WORDS.match(value):
            points.append(value)
        elif not DURATION.search(ent.text):
            return None  # a time that is not a point ("for months", "the past week"): the sentence is unclear
    return points[0] if len(set(points)) == 1 else None


def _ent_text(tok: Token) -> str:
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I" and doc[start - 1].ent_type_ == tok.ent_type_:
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].text


def place_of(tok: Token, m: Mentions, exclude: set[str], depth: int = 0) -> str | None:
    """The named place a phrase of ``tok`` puts the event in, also through an operation or an unnamed place:
    "in a raid in Gaza", "in the northern city of Mosul", "the caves in the mountains near Kandahar"."""
    c = cues()
    preps = c.place_preps | ({"of"} if is_place_noun(tok) else set())
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in preps and child.lower_ != "from":
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                arg = resolve(pobj, m)
                if arg is not None and arg.key not in exclude and m.type(arg.key) == "Location":
                    return arg.key
                if arg is not None and m.type(arg.key) == "Location":
                    continue  # the event's own target place ("bombed ... in the X area near Y"): Y is where X is
                if depth < MAX_PLACE_DEPTH and (pobj.lemma_.lower() in c.operation_nouns or is_place_noun(pobj)):
                    inner = place_of(pobj, m, exclude, depth + 1)
                    if inner:
                        return inner
    return None


def _quantity(obj: Token) -> str | None:
    for child in obj.children:
        if child.dep_ == "nummod" and child.ent_type_ in {"CARDINAL", "QUANTITY", "MONEY"}:
            return _ent_text(child)
        if child.dep_ == "nummod" and child.like_num:
            mods = [g.text for g in child.subtree if g.i < child.i]
            return " ".join(mods + [child.text])
    return None


def details(anchor: Token, obj: Token | None, keys: set[str], m: Mentions, published: str | None,
            sent: Span | None = None) -> Details:
    """Attribution, modality, time, place and quantity of the event at ``anchor``."""
    c = cues()
    attributed, negated, modality = None, False, None
    tok, own = anchor, True
    for _ in range(8):
        if own:
            neg, mod = _modality(tok)
            negated |= neg
            modality = modality or mod
        head = tok.head
        if head.i == tok.i:
            break
        hl = head.lemma_.lower()
        if hl in c.speech_verbs and tok.dep_ in REPORTING_DEPS and head.pos_ == "VERB" and not _comments(head):
            attributed = _speaker(head, m)
            if hl in c.speech_modality:
                status = c.speech_modality[hl]
                if status == "negated":
                    negated = True
                else:
                    modality = modality or status
            if _modality(head)[0]:
                modality = modality or "unconfirmed"
            break
        if tok.i == anchor.i and tok.dep_ in {"dobj", "obj"} and hl in c.denial_verbs:
            negated = True  # "denied his ties with X"
        if tok.dep_ == "pobj" and hl == "of" and head.head.lemma_.lower() in c.suspicion_nouns:
            modality = modality or "suspected"  # "arrested on suspicion of links to X"
        if (tok.i == anchor.i or anchor in tok.conjuncts) and is_purpose(tok):  # "raided the village to arrest X":
            host = head if head.pos_ in {"VERB", "AUX"} else head.head  # what they set out to do, unless they only
            host = host.head if host.dep_ == "prep" else host  # said they would
            host_negated, host_modality = _modality(host)  # "is not working to arrest X": no attempt either
            negated |= host_negated
            modality = modality or host_modality or purpose_modality(tok)
        if tok.dep_ == "xcomp" and hl in c.complement_modality:
            status = c.complement_modality[hl]
            if status == "negated":
                negated = True
            else:
                modality = modality or status
        own = own and tok.dep_ not in CLAUSE_BOUNDARIES
        tok = head
    if attributed is None:
        sent = sent if sent is not None else anchor.sent
        if sent.start not in m.according:
            m.according[sent.start] = _according_to(sent, m)
        attributed = m.according[sent.start]

    event = event_class(anchor.lemma_.lower(), "NOUN" if anchor.pos_ == "NOUN" else "VERB")
    times = _time_tokens(anchor) or _clause_time(anchor)
    if times:
        time = normalise(_ent_text(times[0]), published)
    else:  # an event (not a state: "had been hiding out in") on the one day its sentence names
        time = _sentence_time(anchor, published) if event is not None else None
    place = place_of(anchor, m, keys) or (place_of(obj, m, keys) if obj is not None and obj.i != anchor.i else None)
    host, scene = anchor, event in SCENE_CLASSES
    for _ in range(2):  # "... stormed the camp and killed 12 in Kidal", "sent troops into X to track down Y":
        if place is not None or not scene or host.dep_ not in SCENE_DEPS or host.head.pos_ != "VERB":
            break  # an act on the scene happened where the clause it belongs to did
        host = host.head
        place = place_of(host, m, keys)
    quantity = None
    if obj is not None:
        quantity = _quantity(obj)
    if quantity is None and anchor.pos_ == "VERB":
        for child in anchor.children:
            if child.dep_ in {"dobj", "obj"} and child.ent_type_ == "MONEY":
                quantity = _ent_text(child)
    return Details(attributed, negated, modality, time, place, quantity)
