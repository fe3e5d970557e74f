"""Relations: sentences -> subject-relation-object statements.

The ``kg_relations`` component walks each verb's dependents and, where both a
subject and an object resolve to entities, writes a Statement to
``doc._.kg_statements``.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..entities import MENTIONS
from ..model import Statement
from .events import event_class

SUBJECTS = {"nsubj", "nsubjpass"}
OBJECTS = {"dobj", "obj"}
PASSIVE_AGENT = "agent"

Doc.set_extension("kg_statements", default=None, force=True)


def _entity_key(token: Token, mentions: dict[int, str]) -> str | None:
    """The entity a token's phrase names, looking through coordination heads and compounds."""
    for tok in token.subtree:
        key = mentions.get(tok.i)
        if key:
            return key
    return None


def _verb_phrase(verb: Token) -> str:
    parts = [verb.lemma_.lower()]
    particle = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    if verb.dep_ == "xcomp" and verb.head.pos_ == "VERB":
        parts.insert(0, verb.head.lemma_.lower())
    return " ".join(parts + particle)


def _clauses(sent: Span, mentions: dict[int, str]) -> Iterator[tuple[str, Token, str, float]]:
    for verb in sent:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        subj = obj = None
        for child in verb.children:
            if child.dep_ == "nsubj":
                subj = _entity_key(child, mentions)
            elif child.dep_ in OBJECTS:
                obj = _entity_key(child, mentions)
            elif child.dep_ == "nsubjpass":
                obj = _entity_key(child, mentions)
            elif child.dep_ == PASSIVE_AGENT:
                subj = _entity_key(child, mentions)
        if subj is None and verb.dep_ == "xcomp":
            subj = next((_entity_key(c, mentions) for c in verb.head.children if c.dep_ == "nsubj"), None)
        if subj and obj and subj != obj:
            yield subj, verb, obj, 0.6


@Language.component("kg_relations")
def kg_relations(doc: Doc) -> Doc:
    mentions = {tok.i: span._.kg_key for span in doc.spans.get(MENTIONS, []) if span._.kg_key for tok in span}
    statements = []
    for sent in doc.sents:
        for subj, verb, obj, confidence in _clauses(sent, mentions):
            statements.append(
                Statement(
                    subject=subj,
                    predicate=_verb_phrase(verb),
                    object=obj,
                    sentence=sent.text.strip(),
                    start=sent.start_char,
                    end=sent.end_char,
                    confidence=confidence,
                    event_type=event_class(verb.lemma_.lower()),
                )
            )
    doc._.kg_statements = statements
    return doc
