"""Arguments: from a syntactic head to the entity it names.

Relations read only the entity layer: ``doc._.kg_entities`` and the resolved
mentions in ``doc.spans[MENTIONS]`` (names, pronouns, descriptions, each with
``span._.kg_key``). :class:`Mentions` indexes them by token; ``resolve`` turns
a head token into an :class:`Arg` (entity key plus how sure we are that the
head names it), looking through appositions ("Daesh's founder Abu Bakr
al-Baghdadi") and group nouns ("Assad's forces" -> Assad when no mention
covers "forces").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from ..entities import MENTIONS
from ..entities.participant_words import indefinite_singular, is_place_noun, words
from ..model import Entity
from .cues import cues

RELATIVE_PRONOUNS = {"who", "whom", "which", "that", "whose"}
NOUNS = {"NOUN", "PROPN", "PRON", "NUM", "ADJ"}


class Arg(NamedTuple):
    """An argument resolved to an entity."""

    key: str
    token: Token  # the head token in the sentence
    weight: float  # 1.0 a name; less for pronouns, descriptions and look-through fallbacks


class Mentions:
    """Resolved mentions of one Doc, indexed by token."""

    MENTIONS = MENTIONS

    def __init__(self, doc: Doc):
        self.doc = doc
        self.entities: dict[str, Entity] = doc._.kg_entities or {}
        self._by_token: dict[int, list[Span]] = {}
        # paragraph breaks: a triple never spans one (a headline run into the first sentence)
        self.breaks = [t.i for t in doc if t.is_space and "\n\n" in t.text]
        self.according: dict[int, str | None] = {}  # sentence start -> "according to" source (details cache)
        spans = doc.spans[MENTIONS] if MENTIONS in doc.spans else []
        for span in spans:
            if span._.kg_key and span._.kg_key in self.entities:
                for tok in span:
                    self._by_token.setdefault(tok.i, []).append(span)

    def span(self, tok: Token) -> Span | None:
        """The mention a head token stands in: one rooted at it, else the shortest covering it."""
        spans = self._by_token.get(tok.i)
        if not spans:
            return None
        rooted = [s for s in spans if s.root.i == tok.i]
        return max(rooted, key=len) if rooted else min(spans, key=len)

    def key(self, tok: Token) -> str | None:
        span = self.span(tok)
        return span._.kg_key if span is not None else None

    def type(self, key: str) -> str:
        return self.entities[key].type

    def arg(self, tok: Token) -> Arg | None:
        """The entity a head token names directly (no look-through)."""
        span = self.span(tok)
        if span is None:
            return None
        root = span.root
        weight = 1.0 if root.pos_ == "PROPN" else 0.85 if root.pos_ == "PRON" else 0.9
        return Arg(span._.kg_key, tok, weight)


# quantity words whose "of" phrase is what they count: "one of his aides", "hundreds of militants"
PARTITIVES = {"some", "many", "several", "most", "all", "none", "dozen", "dozens", "score", "scores", "hundred",
              "hundreds", "thousand", "thousands", "tens", "handful", "number", "couple"}


def _one_person(tok: Token) -> bool:
    """"a wounded al-Qaeda fighter", "an Israeli soldier": one person of a group, not the group."""
    d = words()
    return indefinite_singular(tok) and tok.lemma_.lower() in d["combatants"] | d["force_people"] | d["followers"]


def resolve(tok: Token, m: Mentions) -> Arg | None:
    """The entity a noun-phrase head names, looking through appositions and group nouns."""
    named = _apposed_name(tok, m)
    if named is not None:
        return named
    arg = m.arg(tok)
    if arg is not None:
        return arg
    described = _described_before(tok, m)
    if described is not None:
        return described
    for child in tok.children:
        if child.dep_ == "appos":
            arg = m.arg(child)
            if arg is not None:
                return arg._replace(token=tok, weight=arg.weight * 0.95)
    if (tok.lemma_.lower() in cues().group_nouns or tok.lower_ in cues().group_nouns) and not _one_person(tok):
        for child in _modifiers(tok):
            arg = m.arg(child)
            if arg is not None and (child.dep_ == "poss" or m.type(arg.key) != "Person"):
                return arg._replace(token=tok, weight=arg.weight * 0.85)
        for prep in tok.children:  # "a faction of the Sinaloa Cartel", "a unit of the army"
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    arg = m.arg(pobj) if pobj.dep_ == "pobj" else None
                    if arg is not None and m.type(arg.key) == "Organization":
                        return arg._replace(token=tok, weight=arg.weight * 0.85)
    if tok.lemma_.lower() in cues().personnel_nouns or tok.lower_ in cues().personnel_nouns:
        for prep in _personnel_preps(tok):
            if prep.lower_ in {"from", "of", "with"} | cues().affiliation_preps:
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    arg = m.arg(pobj) or next((m.arg(c) for c in _modifiers(pobj) if m.arg(c)), None)
                    if arg is not None and m.type(arg.key) == "Organization":
                        return arg._replace(token=tok, weight=arg.weight * 0.85)
    if tok.lemma_.lower() in cues().place_parts:  # "a suburb of Mostar", "the outskirts of Goma": the place
        for pobj in (p for prep in tok.children if prep.dep_ == "prep" and prep.lower_ in {"of", "in"}
                     for p in prep.children if p.dep_ == "pobj"):
            arg = m.arg(pobj)
            if arg is not None and m.type(arg.key) == "Location":
                return arg._replace(token=tok, weight=arg.weight * 0.9)
    if tok.like_num or tok.lemma_.lower() in PARTITIVES:
        # "one of his aides" -> the aides, when no mention covers "one"
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        arg = m.arg(pobj)  # a place counts when unnamed: "dozens of party offices"
                        if arg is not None and (m.type(arg.key) != "Location" or m.entities[arg.key].label[:1].islower()
                                                or is_place_noun(pobj)):  # "most of the Baidoa airport complex"
                            return arg._replace(token=tok, weight=arg.weight * 0.9)
                        arg = _named_place(pobj, m)  # "most of the Koh Sabz mountain complex"
                        if arg is not None:
                            return arg._replace(token=tok, weight=arg.weight * 0.9)
    return _named_place(tok, m)


def _named_place(tok: Token, m: Mentions) -> Arg | None:
    """The named place an unnamed place noun is part of: "the Koh Sabz mountain complex" -> Koh Sabz."""
    if not is_place_noun(tok) or m.arg(tok) is not None:
        return None
    for child in tok.children:
        if child.dep_ != "compound":
            continue
        for part in (child, *(g for g in child.children if g.dep_ == "compound")):
            arg = m.arg(part)
            if arg is not None and m.type(arg.key) == "Location":
                return arg._replace(token=tok, weight=arg.weight * 0.85)
    for prep in tok.children:  # "the northern city of Mosul", "its last stronghold of Kidal"
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                arg = m.arg(pobj) if pobj.dep_ == "pobj" and pobj.pos_ == "PROPN" else None
                if arg is not None and m.type(arg.key) == "Location":
                    return arg._replace(token=tok, weight=arg.weight * 0.85)
    return None


def _described_before(tok: Token, m: Mentions) -> Arg | None:
    """The person an apposed description follows: "The appointment of Osmani, a clan elder long opposed to
    the junta" (the parser hangs the apposition on "appointment"): Osmani, named right before its comma."""
    start = tok.left_edge.i
    if tok.pos_ != "NOUN" or tok.dep_ != "appos" or start < 2 or tok.doc[start - 1].text != ",":
        return None
    arg = m.arg(tok.doc[start - 2])
    if arg is None or m.type(arg.key) != "Person" or tok.doc[start - 2].pos_ != "PROPN":
        return None
    return arg._replace(token=tok, weight=arg.weight * 0.9)


def _apposed_name(tok: Token, m: Mentions) -> Arg | None:
    """A proper name in apposition to a common-noun head names it, whatever the head was resolved to:
    "the Malian jihadist Iyad Ag Ghaly" -> Iyad Ag Ghaly."""
    if tok.pos_ != "NOUN":
        return None
    for child in tok.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.i > tok.i:
            arg = m.arg(child) or next((m.arg(c) for c in child.children if c.dep_ == "compound" and m.arg(c)), None)
            if arg is not None and m.type(arg.key) == "Person":
                return arg._replace(token=tok, weight=arg.weight * 0.95)
    return None


def _personnel_preps(tok: Token) -> Iterator[Token]:
    """Prepositions naming whom personnel act for: their own, one of a tie ("gunmen linked to X"), or one the
    parser hung on the verb right after them ("seized by gunmen from X")."""
    yield from (c for c in tok.children if c.dep_ == "prep")
    for acl in tok.children:
        if acl.dep_ == "acl" and acl.lemma_.lower() in cues().affiliation_verbs:
            yield from (c for c in acl.children if c.dep_ == "prep" and c.lower_ in cues().affiliation_preps)
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.dep_ == "prep" and nxt.head.i != tok.i and nxt.head in tok.ancestors:
        yield nxt


def _modifiers(tok: Token) -> Iterator[Token]:
    """Possessors and noun modifiers of a head, and the modifiers of its compounds ("the RUSI security think tank")."""
    for child in tok.children:
        if child.dep_ in {"poss", "compound", "nmod"}:
            yield child
            if child.dep_ == "compound":
                yield from _modifiers(child)


def conjuncts(tok: Token) -> Iterator[Token]:
    """A head and the heads coordinated with it ("Turkish intelligence and police")."""
    yield tok
    for conj in tok.conjuncts:
        if conj.i > tok.i and conj.pos_ in NOUNS and not _next_clause_subject(conj):
            yield conj


def _next_clause_subject(noun: Token) -> bool:
    """A conjoined noun that is the subject of the next clause, which the parser left without one: "guiding the
    convoy and the French army moved to evacuate them"."""
    nxt = noun.right_edge.i + 1
    doc = noun.doc
    return nxt < len(doc) and doc[nxt].pos_ == "VERB" and doc[nxt].tag_ in {"VBD", "VBZ", "VBP"} \
        and doc[nxt].dep_ != "relcl" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in doc[nxt].children)


def resolve_all(heads: list[Token], m: Mentions) -> list[Arg]:
    """Resolve each head and its coordinated heads; drop what names no entity."""
    out, seen = [], set()
    for head in heads:
        for tok in conjuncts(head):
            arg = resolve(tok, m)
            found = [arg] if arg is not None else []
            if arg is not None and arg.token.i == tok.i and m.arg(tok) is None:
                found += _coordinated_owners(tok, m)
            for a in found:
                if a.key not in seen:
                    seen.add(a.key)
                    out.append(a)
    return out


def _coordinated_owners(tok: Token, m: Mentions) -> list[Arg]:
    """Further owners of a group noun coordinated with the one it resolved to:
    "The Somali National Army and African Union troops" -> the African Union too."""
    if tok.lemma_.lower() not in cues().group_nouns and tok.lower_ not in cues().group_nouns:
        return []
    out = []
    for child in _modifiers(tok):
        for conj in child.conjuncts:
            arg = m.arg(conj)
            if arg is not None and m.type(arg.key) != "Person":
                out.append(arg._replace(token=tok, weight=arg.weight * 0.85))
    return out


def relative_head(pronoun: Token, verb: Token) -> list[Token]:
    """What a relative pronoun refers to: the noun the clause modifies ("who" never a place), also through a
    reporting verb ("X, who prosecutors believe led the cell")."""
    if verb.dep_ == "ccomp" and verb.head.dep_ == "relcl" and verb.head.lemma_.lower() in cues().speech_verbs \
            and not any(c.dep_ in {"nsubj", "nsubjpass"} and c.i != pronoun.i for c in verb.children):
        verb = verb.head
    if verb.dep_ != "relcl":
        return []
    head = verb.head
    if pronoun.lower_ in {"who", "whom"} and head.ent_type_ in {"GPE", "LOC", "FAC"}:
        return []
    return [head]


def is_relative_pronoun(tok: Token) -> bool:
    return tok.lower_ in RELATIVE_PRONOUNS and tok.tag_ in {"WDT", "WP", "WP$"}
