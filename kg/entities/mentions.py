"""Mentions: token ranges that refer to an entity, and the registry that turns them into entities.

A :class:`Mention` is what the resolvers produce; the :class:`Registry`
collects entities by key and keeps the canonical label the longest proper name.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy
from spacy.attrs import SENT_START
from spacy.lang.en.lex_attrs import like_num
from spacy.tokens import Doc, Span

from ..keys import SCOPE_LENGTH, entity_key, scope_key
from ..model import Entity
from .lexicon import Lexicon, Ref

DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
TRAILING = {"POS", ",", ".", ":", "HYPH", "``", "''", "-LRB-", "-RRB-"}


def sentence_starts(doc: Doc) -> list[int]:
    """Token indices where sentences start (computed once per doc, without building Span objects)."""
    starts = doc.user_data.get("kg_sent_starts")
    if starts is None:
        flags = doc.to_array([SENT_START])
        starts = doc.user_data["kg_sent_starts"] = [0, *(int(i) for i in numpy.flatnonzero(flags == 1) if i > 0)]
    return starts


@dataclass
class Mention:
    """One resolved mention: tokens [start, end) of the doc that refer to the entity ``key``."""

    start: int
    end: int
    key: str
    kind: str = "name"  # name | pronoun | description


def strip_span(span: Span, lex: Lexicon) -> tuple[Span | None, str | None]:
    """A name without leading determiners and titles or trailing possessives; and the title, if any.

    "President Joe Biden's" -> ("Joe Biden", "President"); a title before a possessive belongs to an
    institution's name ("General's Office"). Returns (None, None)
    for spans that are no name at all (no capital letter, or running across lines).
    """
    doc = span.doc
    start, end = span.start, span.end
    while end > start and (doc[end - 1].tag_ in TRAILING or doc[end - 1].is_space or doc[end - 1].text in {"’s", "'s"}):
        end -= 1
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end - start > 1 and _plain_word(doc[end - 1], lex):
        end -= 1  # a lower-case word ends no name: "Ahmad H. under German rules" -> "Ahmad H."
    while end - start > 1 and _plain_word(doc[start], lex):
        start += 1  # nor starts one: "arrested Karim Benali" -> "Karim Benali"
    titles = []
    changed = True
    while changed and end - start > 1:
        changed = False
        for n in (3, 2, 1):
            if end - start > n and doc[start : start + n].text in lex.titles and doc[start + n].tag_ != "POS":
                titles.append(doc[start : start + n].text)
                start += n
                changed = True
                break
    rest = doc[start + 1 : end]
    if doc[start].text in lex.faiths and len(rest) >= 2 and all(t.is_title and t.lower_ not in lex.name_particles for t in rest):
        titles.append(doc[start].text)  # "devout Muslim Farid Osmani"; not "Muslim al-Khatib"
        start += 1
    opening = next((i for i in range(start + 1, end) if doc[i].text == "("), None)
    if opening is not None:
        end = opening  # "Office of Foreign Assets Control (OFAC": the acronym is a name of its own
    if start >= end:
        return None, None
    out = doc[start:end]
    if "\n" in out.text or not any(ch.isupper() for ch in out.text):
        return None, None
    return out, " ".join(titles) or None


def _plain_word(tok, lex: Lexicon) -> bool:
    """A lower-case word that is no name particle ("under", "arrested"; not "al", "bin")."""
    return tok.text.isalpha() and tok.text.islower() and tok.lower_ not in lex.name_particles


class Registry:
    """Entities of one document by key, built up mention by mention."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        self.mentions: list[Mention] = []
        self.gender: dict[str, str] = {}  # key -> "female" | "male", when a description says so

    def entity(self, key: str, label: str, type_: str, **fields) -> Entity:
        """The entity with this key, created with this label and these fields if new."""
        ent = self.entities.get(key)
        if ent is None:
            ent = self.entities[key] = Entity(key=key, label=label, type=type_)
            for name, value in fields.items():
                if value is not None:
                    setattr(ent, name, value)
        return ent

    def from_ref(self, ref: Ref) -> Entity:
        return self.entity(ref.key, ref.label, ref.type, subtype=ref.subtype, country=ref.country)

    def add(self, key: str, start: int, end: int, kind: str = "name", alias: str | None = None) -> None:
        """Record a mention of an existing entity."""
        ent = self.entities[key]
        ent.mentions += 1
        if alias:
            ent.aliases.add(alias)
        self.mentions.append(Mention(start, end, key, kind))

    def covered(self, doc: Doc) -> set[int]:
        """Indices of tokens already inside a mention."""
        return {i for m in self.mentions for i in range(m.start, m.end)}


PLURAL_NOUNS = {"people", "police", "men", "women", "children", "gunmen", "policemen", "tribesmen", "mujahideen"}


def plural_person(ent) -> bool:
    """A counted group of people ("850 suspects", "four aid workers"), or people a plural noun describes
    ("Palestinian gunmen", "Hamas supporters")."""
    if ent.type != "Person":
        return False
    words = ent.label.split()
    last = words[-1]
    return like_num(words[0].replace(",", "")) or (last.islower() and (
        (last.endswith("s") and not last.endswith("ss")) or last in PLURAL_NOUNS))


def merge(reg: Registry, old: str, new: str) -> None:
    """Every mention of the unnamed person ``old`` becomes one of ``new``, with what was known about them."""
    gone, ent = reg.entities[old], reg.entities[new]
    for m in reg.mentions:
        if m.key == old:
            m.key = new
            ent.mentions += 1
    gone.mentions = 0
    ent.nationality = ent.nationality or gone.nationality
    ent.aliases.update(gone.aliases)
    if old in reg.gender:
        reg.gender.setdefault(new, reg.gender[old])


def scoped_key(doc: Doc, type_: str, label: str) -> str:
    """Key of an unnamed entity: only meaningful within its article, so the article's text hash is part of it."""
    scope = doc.user_data.get("kg_scope")
    if scope is None:
        scope = doc.user_data["kg_scope"] = hashlib.sha1(doc.text.encode("utf-8")).hexdigest()[:SCOPE_LENGTH]
    return scope_key(entity_key(type_, label), scope)


def token_index(reg: Registry) -> dict[int, Mention]:
    """Token index -> the mention covering it."""
    return {i: m for m in reg.mentions for i in range(m.start, m.end)}


def drop(reg: Registry, mention: Mention) -> None:
    if mention in reg.mentions:
        reg.mentions.remove(mention)
        reg.entities[mention.key].mentions -= 1
