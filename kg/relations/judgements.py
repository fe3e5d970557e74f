"""Judgements of deeds: whoever condemns, praises or blames an act judges whoever did it.

"Amnesty International has condemned deliberate attacks by the Palestinian suicide bombers" -> Amnesty
International "condemn" the bombers (Accusation); "X praised the arrest of Y by Z" -> X "praise" Z. Only doers
the act's own noun phrase names ("attacks by X", "X's attacks") count: an act named alone says nothing of whom.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Token

from .args import Mentions, resolve_all
from .candidate import Candidate
from .events import event_class
from .heads import OBJECT_DEPS, subject_heads, verb_label
from .perpetrators import _own_agents, is_event_noun

JUDGING = {"Accusation", "Praise"}
JUDGED = 0.75


def judgement_triples(sent: Sequence[Token], m: Mentions) -> Iterator[Candidate]:
    for verb in sent:
        if verb.pos_ != "VERB" or (event := event_class(verb.lemma_.lower())) not in JUDGING:
            continue
        deeds = [o for o in verb.children if o.dep_ in OBJECT_DEPS and is_event_noun(o)]
        doers = [a for deed in deeds for a in _own_agents(deed, m)]
        if not doers:
            continue
        for judge in resolve_all(subject_heads(verb), m):
            for doer in doers:
                if judge.key != doer.key:
                    yield Candidate(judge, verb_label(verb), doer, verb, event, JUDGED, "judgement")
