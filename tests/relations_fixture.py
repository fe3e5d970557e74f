"""Docs with hand-set mentions, so relation rules are tested apart from the entity component.

``mentions`` maps a surface form to "Type" or "Type:Canonical label"; every
whole-word occurrence of the surface becomes a resolved mention in
``doc.spans[MENTIONS]`` (pronouns and descriptions included, as the entity
layer resolves them).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.entities import MENTIONS
from kg.keys import entity_key
from kg.model import Entity
from kg.relations import kg_relations


def load_parser() -> Language:
    """The statistical model with kg's text preparation (sentence starts at paragraph breaks), no entity layer."""
    import spacy

    import kg.nlp  # noqa: F401  (registers kg_prepare)

    nlp = spacy.load(kg.nlp.model_name())
    nlp.add_pipe("kg_prepare", first=True)
    return nlp


def annotate(doc: Doc, mentions: dict[str, str]) -> Doc:
    """Set ``kg_entities`` and ``kg_mentions`` on a parsed Doc from surface -> "Type[/Subtype][:Label]"."""
    entities: dict[str, Entity] = {}
    spans = []
    taken: set[int] = set()
    for surface in sorted(mentions, key=len, reverse=True):
        typ, _, label = mentions[surface].partition(":")
        typ, _, subtype = typ.partition("/")
        label = label or surface
        key = entity_key(typ, label)
        entity = entities.setdefault(key, Entity(key=key, label=label, type=typ, subtype=subtype or None))
        for match in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", doc.text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None:
                continue
            span._.kg_key = key
            spans.append(span)
            entity.aliases.add(surface)
            entity.mentions += 1
            taken.update(range(span.start, span.end))
    doc._.kg_entities = entities
    doc.spans[MENTIONS] = spans
    return doc


def relate(parser: Language, text: str, mentions: dict[str, str], published: str | None = None) -> list[dict]:
    """Parse ``text``, set the mentions, run kg_relations; return statements as dicts with entity labels."""
    doc = parser(text)
    annotate(doc, mentions)
    doc._.kg_published = published
    kg_relations(doc)
    ents = doc._.kg_entities
    rows = []
    for st in doc._.kg_statements:
        row = dict(vars(st))
        row["subject"], row["object"] = ents[st.subject].label, ents[st.object].label
        row["place"] = ents[st.place].label if st.place else None
        rows.append(row)
    return rows


def triples(rows: list[dict]) -> set[tuple[str, str, str]]:
    return {(r["subject"], r["predicate"], r["object"]) for r in rows}
