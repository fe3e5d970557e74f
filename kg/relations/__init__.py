"""Relations: sentences -> subject-relation-object statements with event details.

The ``kg_relations`` component reads only the entity layer
(``doc._.kg_entities`` and the resolved mentions in ``doc.spans[MENTIONS]``)
and writes :class:`~kg.model.Statement` objects to ``doc._.kg_statements``.

Three pattern families yield candidates (each a generator over a sentence):

- :func:`~kg.relations.clauses.clause_triples`: verbs (active, passive,
  control, coordination, relative and participial clauses);
- :func:`~kg.relations.nominal.nominal_triples`: event nouns ("the capture
  of X", "a U.S. raid", "a key role in the death of X");
- :func:`~kg.relations.roles.role_triples`: roles, affiliations, kinship,
  nationality ("Daesh's founder X", "a deputy to X", "an Iraqi national").

:func:`~kg.relations.details.details` then reads attribution, modality,
negation, time, place and quantity around each candidate's anchor.

Confidence of a statement (0..1) = pattern strength (0.55 being somewhere ...
0.85 an active clause or apposition; constants in each pattern module)
x subject evidence x object evidence (1.0 a proper name, 0.9 a description,
0.85 a resolved pronoun; x0.95 through an apposition, x0.85 through a group
noun such as "Assad's forces") x 0.85 when the relation has no event class.
Negated and modal statements keep their confidence and carry the flags.

Set ``doc._.kg_published`` (ISO date) before the component runs to normalise
relative dates ("Tuesday", "last year") against the publication date.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..entities.mentions import plural_person
from ..entities.participant_words import words as participant_words
from ..model import Statement
from .args import Mentions
from .candidate import Candidate
from .cues import cues
from .clauses import clause_triples
from .denials import denial_triples
from .details import details
from .elided import elided_triples
from .facts import entity_facts
from .heads import is_purpose
from .nominal import nominal_triples
from .roles import role_triples
from .restated import merge_entities, restated_victims
from .scenes import REFLEXIVES, scene_triples
from .judgements import judgement_triples
from .plots import plot_triples
from .sites import site_triples

PATTERNS = (clause_triples, nominal_triples, role_triples, site_triples, plot_triples, judgement_triples, scene_triples, denial_triples)
PLACE_EVENTS = {"Attack", "Killing", "Raid", "Fight", "Capture", "Arrest", "Surveillance"}
SITE_SUBTYPES = {"City", "Region", "Facility"}
PLACE_FACTOR = 0.9
TRAILING_PREPS = {"on", "at", "in", "into", "against", "near", "upon", "toward", "towards", "with"}  # the place is read off the event's circumstances, not its arguments
STATIC_PATTERNS = {"role", "entity-fact"}
PREDICATIVE = {"attr", "oprd", "acomp", "xcomp", "ROOT"}  # a role said of its holder: "X is not a member of Y"
NO_EVENT_FACTOR = 0.85
LABELLED_MODALITIES = {"attempted", "planned"}
PARTICLES = {"on", "up", "over", "off", "out", "to", "at", "in", "for"}
SEIZING = {"take", "take over"}  # "took Kandahar", "took over the airport"; not "took to", "took on", "took at"
SITES = participant_words()["sites"]
PRONOUN_LABELS = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "who", "which", "that",
                  "this", "these", "those", "one"}

Doc.set_extension("kg_statements", default=None, force=True)
Doc.set_extension("kg_published", default=None, force=True)


PERSON_EVENTS = {"Extradition", "Arrest", "Charge", "Release"}  # events that happen to people, not to places


def confidence(c: Candidate) -> float:
    """The documented confidence of a candidate (see the module docstring)."""
    value = c.strength * c.subject.weight * c.object.weight
    if c.event_type is None:
        value *= NO_EVENT_FACTOR
    return round(min(0.99, max(0.05, value)), 3)


def _crosses_paragraph(c: Candidate, m: Mentions) -> bool:
    """True when the arguments sit in different paragraphs (a headline run into the first sentence)."""
    idx = (c.subject.token.i, c.object.token.i, c.anchor.i)
    at = bisect_left(m.breaks, min(idx))
    return at < len(m.breaks) and m.breaks[at] < max(idx)


def candidates(sent: Span, m: Mentions) -> Iterator[Candidate]:
    tokens = list(sent)
    for pattern in PATTERNS:
        for c in pattern(tokens, m):
            yield c
            yield from elided_triples(c, m)


def _sentence_text(sent: Span) -> tuple[str, int]:
    """The sentence without surrounding whitespace, and the offset of its first character."""
    raw = sent.text
    stripped = raw.lstrip()
    return stripped.rstrip(), sent.start_char + len(raw) - len(stripped)


def statement(c: Candidate, sent: Span, m: Mentions, published: str | None = None,
              text: tuple[str, int] | None = None) -> Statement | None:
    """A candidate with its details, as a Statement (None for a pronoun or a headline run-on)."""
    if _crosses_paragraph(c, m):
        return None
    if c.object.token.lower_ in REFLEXIVES:
        return None  # "blew himself up": the act of the subject alone
    s, o = m.entities[c.subject.key], m.entities[c.object.key]
    if c.event_type in PLACE_EVENTS and _site(s):
        return None  # a place kills no one: "a bombing at a military base that killed ..." misread
    if s.label.lower() in PRONOUN_LABELS or o.label.lower() in PRONOUN_LABELS:
        return None
    if c.event_type in PERSON_EVENTS and o.type == "Location":
        c = c._replace(event_type=None)  # "handed over Kidal", "freed Goma": ground changing hands
    if c.event_type == "Raid" and o.type == "Location" and s.type == "Person" and not plural_person(s):
        c = c._replace(event_type=None)  # "he entered Afghanistan in 2000": one person raids nothing
    if c.event_type == "Capture" and _taken(c) and not (c.predicate in SEIZING and _seized_place(o)):
        return None  # "took line honours in the race to Hobart", "will take on France": no capture
    d = details(c.anchor, c.object.token, {c.subject.key, c.object.key}, m, published, sent)
    if c.pattern in STATIC_PATTERNS:  # a role holds beyond the event's time and place
        d = d._replace(time=None, place=None, quantity=None)
        if c.anchor.dep_ not in PREDICATIVE:  # and beyond its clause's negation: "X, the leader of Y, did not ..."
            d = d._replace(negated=False, modality=None)
    text, start = text or _sentence_text(sent)
    return Statement(
        subject=c.subject.key,
        predicate=_attempted(c.anchor, c.predicate, d.modality),
        object=c.object.key,
        sentence=text,
        start=start,
        end=start + len(text),
        confidence=confidence(c),
        event_type=c.event_type,
        time=d.time,
        place=d.place,
        attributed_to=d.attributed_to,
        negated=d.negated,
        modality=d.modality,
        quantity=d.quantity,
        assisting=c.assisting.key if c.assisting is not None else None,
    )


def _taken(c: Candidate) -> bool:
    """A capture read off the bare verb "take" ("took X", "took to X"), not off a light verb ("took X hostage")."""
    words = c.predicate.split()
    return c.anchor.lemma_.lower() == "take" and words[0] == "take" and (len(words) == 1 or words[1] in TRAILING_PREPS
                                                                        or words[1] in PARTICLES)


def _seized_place(ent) -> bool:
    """What "take" captures: a named place ("took Kandahar") or a site ("took the airport"), as war news uses it."""
    return ent.type == "Location" and (ent.label[:1].isupper() or ent.label.split()[-1].lower() in SITES)


def _attempted(anchor, predicate: str, modality: str | None) -> str:
    """"were attempting to kill X" -> "attempt to kill": an attempt or a plan says so in its label, not only in its
    modality, so that an edge read alone does not report a killing that did not happen."""
    head = anchor.head
    purpose = anchor if is_purpose(anchor) else next((c for c in anchor.conjuncts if is_purpose(c)), None)
    if modality == "attempted" and purpose is not None and not predicate.startswith(("attempt", "try")):
        return f"attempt to {predicate}"  # "in a bid to prevent X", "sent his guards to detain X"
    if modality not in LABELLED_MODALITIES or anchor.dep_ != "xcomp" or head.pos_ != "VERB":
        return predicate
    verb = head.lemma_.lower()
    if cues().complement_modality.get(verb) != modality or predicate.startswith(verb):
        return predicate
    return f"{verb} to {predicate}"


def sentence_statements(sent: Span, m: Mentions, published: str | None = None) -> list[Statement]:
    """The statements of one sentence, one per (subject, relation, object), strongest reading kept."""
    best: dict[tuple[str, str, str], Statement] = {}
    text = None
    for c in candidates(sent, m):
        text = text or _sentence_text(sent)
        st = statement(c, sent, m, published, text)
        if st is None:
            continue
        key = (st.subject, st.predicate, st.object)
        if key not in best or best[key].confidence < st.confidence:
            best[key] = st
    return list(best.values())


@Language.component("kg_relations")
def kg_relations(doc: Doc) -> Doc:
    m = Mentions(doc)
    statements: list[Statement] = []
    if m.entities:
        for sent in doc.sents:
            statements += sentence_statements(sent, m, doc._.kg_published)
        known = {(st.subject, st.event_type, st.object) for st in statements}
        for sent, c in entity_facts(m):
            if (c.subject.key, c.event_type, c.object.key) not in known:
                st = statement(c, sent, m, doc._.kg_published)
                if st is not None:
                    known.add((st.subject, st.event_type, st.object))
                    statements.append(st)
        statements = merge_entities(doc, statements, restated_victims(statements, m.entities))
    doc._.kg_statements = statements + place_statements(statements, m)
    return doc


def _site(ent) -> bool:
    """A place that is not a polity: a region, a city, a facility or an unnamed place ("the base")."""
    return ent.type == "Location" and (ent.subtype in SITE_SUBTYPES or not ent.label[:1].isupper())


def place_statements(statements: list[Statement], m: Mentions) -> list[Statement]:
    """Where an agent acted: "Cobra helicopters shelled targets in Kismayo" -> Cobra helicopters "shell in"
    Kismayo, for events that happen at a place (attacks, killings, raids, arrests). Without an event class, so
    that a query for the targets of arrests or attacks lists no places."""
    out, seen = [], {(st.subject, st.object) for st in statements}
    for st in statements:
        if st.event_type not in PLACE_EVENTS or not st.place or st.place in (st.subject, st.object):
            continue
        if st.negated or m.entities[st.subject].type == "Location" or (st.subject, st.place) in seen:
            continue
        seen.add((st.subject, st.place))
        verb = st.predicate.split()
        verb = verb[:-1] if len(verb) > 1 and verb[-1] in TRAILING_PREPS else verb  # "fire on" -> "fire in"
        # no event class: the event is the statement it comes from; a place is no target of an arrest or attack
        out.append(replace(st, predicate=" ".join(verb + ["in"]), object=st.place, place=None, event_type=None,
                           confidence=round(st.confidence * PLACE_FACTOR, 3)))
    return out
