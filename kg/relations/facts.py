"""Facts the entity layer already resolved, as statements: nationality and descriptive ties.

The entity component records "<Person>, an Afghan national" as ``Entity.nationality``
(the country's key) and "the wife of al-Baghdadi" as ``Entity.described_by``
(relation label, key). These yield a statement when no clause or role pattern
already gave the same subject, class and object (the parse of such phrases is
often broken: "an Afghan national code-named X"). The evidence sentence is the
first one holding a mention of the person and of the other party (or its demonym).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from ..entities.mentions import plural_person
from .args import Arg, Mentions
from .candidate import Candidate
from .cues import cues

FACT = 0.75


def _role_class(label: str) -> str | None:
    roles = cues().roles
    words = label.lower().split()
    if words and words[-1] in {"of", "at", "to", "for"}:
        words = words[:-1]
    while words:
        role = roles.get(" ".join(words))
        if role is not None:
            return role.cls
        words = words[1:]  # "older sister" -> "sister"
    return None


def _evidence(m: Mentions, key: str, other: str, words: set[str]) -> tuple[Span, Arg, Arg] | None:
    """(sentence, subject arg, object arg) of the first sentence naming both parties."""
    for span in m.doc.spans[m.MENTIONS] if m.MENTIONS in m.doc.spans else []:
        if span._.kg_key != key:
            continue
        sent = span.sent
        for tok in sent:
            if tok.lower_ in words or (m.key(tok) == other and tok.i not in range(span.start, span.end)):
                return sent, Arg(key, span.root, 1.0), Arg(other, tok, 1.0)
    return None


COLLECTIVE = {"mob", "crowd", "gang", "cell", "family", "team", "unit", "group"}


def _named(ent) -> bool:
    """A person with a name, or one unnamed person the story is about ("an Australian man"; not "three Russian
    nationals", "Palestinian gunmen"): their nationality is news."""
    if not any(w.islower() or w[:1].isdigit() for w in ent.label.split()):
        return True
    head = ent.label.split()[-1].lower()  # not "a new leader", not "a Palestinian mob"
    return not plural_person(ent) and head not in cues().roles and head not in COLLECTIVE


def entity_facts(m: Mentions) -> Iterator[tuple[Span, Candidate]]:
    """(sentence, candidate) for each nationality and descriptive tie set by the entity layer."""
    demonyms = cues().demonyms
    for key, ent in m.entities.items():
        country = getattr(ent, "nationality", None) or (ent.country if ent.type == "Person" else None)
        if country and country in m.entities and _named(ent):
            name = m.entities[country].label
            words = {d for d, c in demonyms.items() if c == name}
            found = _evidence(m, key, country, words)
            if found:
                sent, s, o = found
                yield sent, Candidate(s, "national of", o, s.token, "Nationality", FACT, "entity-fact")
        described = getattr(ent, "described_by", None)
        if described and described[1] in m.entities and described[1] != key:
            label, other = described
            found = _evidence(m, key, other, set())
            if found:
                sent, s, o = found
                yield sent, Candidate(s, label, o, s.token, _role_class(label), FACT, "entity-fact")
