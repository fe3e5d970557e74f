"""Entities: spaCy mentions -> typed nodes, one per real-world thing.

The ``kg_entities`` component reads ``doc.ents`` and fills

- ``doc._.kg_entities``: entity key -> :class:`~kg.model.Entity`;
- ``doc.spans["kg_mentions"]``: every mention it resolved (names, and later
  pronouns and descriptions), each with ``span._.kg_key`` set.

The relation components read only these two, never ``doc.ents``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..model import Entity
from .keys import entity_key

MENTIONS = "kg_mentions"  # the doc.spans key of resolved mentions
LABEL_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Location", "LOC": "Location", "FAC": "Location"}

Doc.set_extension("kg_entities", default=None, force=True)
Span.set_extension("kg_key", default=None, force=True)


def _clean(span: Span) -> Span:
    """Trim possessive endings and leading determiners off a mention."""
    start, end = span.start, span.end
    while end > start and span.doc[end - 1].tag_ == "POS":
        end -= 1
    while start < end and span.doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    return span.doc[start:end] if (start, end) != (span.start, span.end) else span


@Language.component("kg_entities")
def kg_entities(doc: Doc) -> Doc:
    entities: dict[str, Entity] = {}
    mentions: list[Span] = []
    for ent in doc.ents:
        typ = LABEL_TYPES.get(ent.label_)
        if typ is None:
            continue
        span = _clean(ent)
        label = span.text.replace("\u2019s", "").strip()
        if not label or not any(ch.isalpha() for ch in label):
            continue
        key = entity_key(typ, label)
        entity = entities.setdefault(key, Entity(key=key, label=label, type=typ))
        entity.aliases.add(label)
        entity.mentions += 1
        span._.kg_key = key
        mentions.append(span)
    doc._.kg_entities = entities
    doc.spans[MENTIONS] = mentions
    return doc
