"""What every pattern yields: a candidate triple before details and filtering."""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Token

from .args import Arg


class Candidate(NamedTuple):
    """One subject-relation-object reading of a clause or noun phrase.

    ``anchor`` is the word that carries the event (a verb, an event noun or a
    role noun); time, place, attribution and modality are read around it.
    ``strength`` is the pattern's own reliability (see ``kg.relations.confidence``).
    """

    subject: Arg
    predicate: str
    object: Arg
    anchor: Token
    event_type: str | None
    strength: float
    pattern: str
    assisting: Arg | None = None  # a party that helped the subject ("X helped Y capture Z": X, for Y capture Z)
