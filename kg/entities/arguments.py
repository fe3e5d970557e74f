"""Where an event's participants are in the parse: the heads of the arguments of every event verb and noun.

Subject, object, passive agent, the objects of target and place prepositions, the noun a participle describes,
the subject of a purpose clause, what a search is for, who acted "alongside", where a transfer sends its
forces, the members a noun lists ("including"), who made a proposal a verb answers, and the conjuncts of each.
:mod:`.participants` keeps those that denote participants; the relation patterns read some of these too.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from .elided import elided_casualties
from .participant_words import words

VERB_ARGS = {"nsubj", "nsubjpass", "dobj", "dative", "attr"}
ARG_PREPS = {"against", "on", "upon", "at", "into", "in", "near", "inside", "onto", "with", "by", "from", "of", "alongside",
             "toward", "towards", "outside", "around", "across", "over", "under"}
NOUN_PREPS = {"of", "against", "on", "by", "at", "in", "near", "into"}
INCLUDING = {"including"}  # prepositions of the members of a set
PARTNERS = {"alongside"}  # prepositions of who acted with the subject
DIRECTIONS = {"back", "in", "out", "away", "home"}  # adverbs a verb's "into X" may hang on


def partitive(head: Token) -> Token:
    """The people a quantity word counts: "hundreds of rebel gunmen" -> gunmen."""
    if head.lower_ in words()["quantities"] or head.like_num:
        of = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
        objs = [c for c in of[0].children if c.dep_ == "pobj"] if of else []
        if objs:
            return objs[0]
    return head


def event_arguments(doc: Doc) -> Iterator[Token]:
    """Heads of the arguments of every event verb and noun of the doc (with their conjuncts)."""
    from ..relations.cues import cues  # the relations package imports this module
    from ..relations.heads import is_purpose, subject_heads
    from ..relations.light import light_verb

    d = words()
    for tok in doc:
        lemma = tok.lemma_.lower()
        heads: list[Token] = []
        if tok.pos_ == "VERB" and lemma in d["speech"] and any(
                c.dep_ in {"ccomp", "xcomp"} and c.lemma_.lower() in d["verbs"]
                and any(g.dep_ == "nsubj" and g.lower_ == "they" for g in c.children) for c in tok.children):
            # "Village elders say they have seized the depot": the speakers are who "they" may be
            heads += [c for c in tok.children if c.dep_ == "nsubj"]
        if tok.pos_ == "VERB" and (lemma in d["verbs"] or light_verb(tok) is not None):
            for child in tok.children:
                if child.dep_ in VERB_ARGS:
                    heads += [child, *included(child)]
                elif child.dep_ in {"agent", "prep"} and (child.dep_ == "agent" or child.lower_ in ARG_PREPS):
                    heads += [c for c in child.children if c.dep_ == "pobj"]
            if tok.dep_ in {"acl", "relcl"} and tok.head.pos_ in {"NOUN", "PROPN"}:
                heads.append(tok.head)
            if tok.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children):
                heads += [c for c in tok.head.children if c.dep_ == "nsubj"]  # "... denied it and accused X"
            if is_purpose(tok):  # "the drones have been carrying out raids to kill him"
                heads += subject_heads(tok)
            if lemma in d["search_verbs"]:  # "searching the marshes for rebel loyalists"
                heads += search_targets(tok)
            heads += [p for prep in partner_preps(tok) for p in prep.children if p.dep_ == "pobj"]
            heads += destinations(tok)
            if tok.lemma_.lower() in d["casualty_verbs"]:  # "... were killed and 120 injured"
                heads += [count for _, count in elided_casualties(tok)]
            heads += included(tok)  # "shelled targets in Goma, including the mayor's offices" (the parser's attachment)
        elif tok.pos_ == "VERB" and (lemma in cues().movement_verbs or lemma in cues().location_verbs - {"be"}):
            # "Three drones returned to the valley", "where the warlord's fighters have been hiding"
            heads += [c for c in whereabouts_subjects(tok) if c.tag_ in {"NNS", "NNPS"}]
        elif tok.pos_ == "NOUN" and lemma in d["nouns"]:
            for child in tok.children:
                if child.dep_ == "poss" or (child.dep_ == "compound" and child.pos_ in {"NOUN", "PROPN"}):
                    heads.append(child)
                elif child.dep_ == "prep" and child.lower_ in NOUN_PREPS:
                    heads += [c for c in child.children if c.dep_ == "pobj"]
        if tok.pos_ == "VERB" and lemma in cues().response_verbs:  # "rejected a proposal by three rebel factions"
            heads += [c for c in tok.children if c.dep_ == "nsubj"]
            heads += [p for obj in tok.children if obj.dep_ in {"dobj", "obj"} for p in proposal_makers(obj)]
        for head in heads:
            head = partitive(head)
            yield head
            yield from (partitive(c) for c in head.conjuncts if c.pos_ in {"NOUN", "PROPN"})


def proposal_makers(obj: Token) -> list[Token]:
    """Who made the proposal a verb answers: "an offer by X", "X's offer", "a ceasefire offer by X" (which the parser
    may read as "ceasefire [offered by X]")."""
    from ..relations.cues import cues

    nouns = cues().proposal_nouns
    if obj.lemma_.lower() not in nouns:
        return []
    makers = [c for c in obj.children if c.dep_ == "poss"]
    for prep in obj.children:
        if prep.dep_ == "prep" and prep.lower_ in {"by", "from"}:
            makers += [p for p in prep.children if p.dep_ == "pobj"]
        elif prep.dep_ == "acl" and prep.lemma_.lower() in nouns:
            makers += [p for by in prep.children if by.dep_ == "agent" for p in by.children if p.dep_ == "pobj"]
    if obj.head.pos_ == "VERB":  # "rejected an offer by X", the "by" phrase hung on the verb
        makers += [p for by in hung_after(obj) if by.dep_ in {"prep", "agent"} and by.lower_ in {"by", "from"}
                   for p in by.children if p.dep_ == "pobj"]
    return makers


def hung_after(noun: Token) -> list[Token]:
    """Phrases of a noun's head that come right after the noun's own phrase: the parser often hangs a noun's "from"
    or "by" phrase on the verb ("detained some 40 gunmen [from the militia]")."""
    return [c for c in noun.head.children if c.i == noun.right_edge.i + 1]


def whereabouts_subjects(verb: Token) -> list[Token]:
    """Who a verb of place or movement is about: its subject ("are thought to have fled"), or the noun its
    participle describes ("rebel fighters trapped in the Kivu hills")."""
    from ..relations.heads import subject_heads  # the relations package imports this module

    return [verb.head] if verb.dep_ == "acl" and verb.tag_ == "VBN" else subject_heads(verb)


def included(noun: Token) -> list[Token]:
    """The members a noun lists: "shelled targets in the north, including the mayor's offices" -> offices."""
    return [p for prep in noun.children if prep.dep_ == "prep" and prep.lower_ in INCLUDING
            for p in prep.children if p.dep_ == "pobj"]


def partner_preps(verb: Token) -> list[Token]:
    """The "alongside" phrases of a verb or its objects: who acted with the subject ("searching the valleys
    alongside local militias"), a partner and no target."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    return [prep for t in (verb, *objects) for prep in t.children if prep.dep_ == "prep" and prep.lower_ in PARTNERS]


def destinations(verb: Token) -> list[Token]:
    """Where a transfer verb sends its object or subject: "sent troops to the border", "moved back into a district"."""
    from ..relations.cues import cues  # the relations package imports this module

    if verb.lemma_.lower() not in words()["transfer_verbs"] | cues().destination_verbs:
        return []
    return [p for prep in verb_preps(verb) if prep.dep_ in {"prep", "dative"} and prep.lower_ in {"to", "into"}
            for p in prep.children if p.dep_ == "pobj"]


def verb_preps(verb: Token) -> list[Token]:
    """The phrases of a verb, with those the parser hangs on a directional adverb ("moved back [into X]")."""
    return [c for t in (verb, *(a for a in verb.children if a.dep_ == "advmod" and a.lower_ in DIRECTIONS))
            for c in t.children if c.dep_ in {"prep", "dative"}]


def search_targets(verb: Token) -> list[Token]:
    """What a search is for: "searching for X", "scouring the hills for X" (the phrase often hangs on the object)."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    return [p for t in (verb, *objects) for prep in t.children if prep.dep_ == "prep" and prep.lower_ == "for"
            for p in prep.children if p.dep_ == "pobj"]
