"""The casualties a coordination counts without their own verb ("Three people were killed and more than 40
injured in the blasts"): the same agent, the participle's event (see :mod:`kg.entities.elided`)."""

from __future__ import annotations

from collections.abc import Iterator

from ..entities.elided import elided_casualties
from .args import Mentions
from .candidate import Candidate
from .events import event_class
from .heads import verb_label

FACTOR = 0.95  # the count's verb is read off the coordination, not a clause of its own


def elided_triples(c: Candidate, m: Mentions) -> Iterator[Candidate]:
    """For a candidate whose object is the subject of a passive casualty verb, the counts elided after it."""
    if c.object.token.dep_ != "nsubjpass" or c.object.token.head != c.anchor:
        return
    for participle, count in elided_casualties(c.anchor):
        victims = m.arg(count)
        if victims is not None and victims.key != c.subject.key:
            yield c._replace(predicate=verb_label(participle), object=victims, anchor=participle,
                             event_type=event_class(participle.lemma_.lower()), strength=c.strength * FACTOR,
                             pattern="elided-casualty")
